"""Chapters 3 to 5: the four regimes solved numerically, compared and ranked.

Every expected number below is worked out by hand in a comment from the model
of ch-model: P = h + m_M + m_R, Q = T (x - y P) with T = T_M T_R,
E_i = Q m_i, E_T = E_M + E_R, S_B = Q**2 / (2 y T), W = E_T + S_B, and a = x - y h.
"""

import re

import numpy as np
import pytest

from soe_grassroots import REGIMES, Params, compare, evaluate, ordering, solve

FIELDS = ("m_M", "m_R", "P", "Q", "E_M", "E_R", "E_T", "S_B", "W")

# Set 1: x=10, y=1, h=2, T_M=T_R=1, so a = 8, T = 1, a/y = 8.
SET_1 = Params(x=10, y=1, h=2, T_M=1, T_R=1)
EXPECTED_1 = {
    # Nash: m = a/(3y) = 8/3 each; P = 2 + 16/3 = 22/3; Q = 10 - 22/3 = 8/3;
    # E_M = E_R = (8/3)(8/3) = 64/9; E_T = 128/9; S_B = (8/3)^2 / 2 = 32/9; W = 160/9
    "nash": dict(m_M=8 / 3, m_R=8 / 3, P=22 / 3, Q=8 / 3, E_M=64 / 9, E_R=64 / 9,
                 E_T=128 / 9, S_B=32 / 9, W=160 / 9),
    # SOE leads: m_M = a/(2y) = 4, m_R = a/(4y) = 2; P = 8; Q = 2; E_M = 8, E_R = 4, E_T = 12;
    # S_B = 4/2 = 2; W = 14
    "soe_leads": dict(m_M=4, m_R=2, P=8, Q=2, E_M=8, E_R=4, E_T=12, S_B=2, W=14),
    # grassroots leads: the mirror image, m_M = 2, m_R = 4, E_M = 4, E_R = 8
    "grassroots_leads": dict(m_M=2, m_R=4, P=8, Q=2, E_M=4, E_R=8, E_T=12, S_B=2, W=14),
    # cooperation: s = a/(2y) = 4 split equally, m = 2 each; P = 6; Q = 4; E_M = E_R = 8;
    # E_T = 16; S_B = 16/2 = 8; W = 24
    "cooperative": dict(m_M=2, m_R=2, P=6, Q=4, E_M=8, E_R=8, E_T=16, S_B=8, W=24),
}

# Set 2: x=12, y=2, h=0, T_M=3, T_R=0.5, so a = 12, T = 1.5, a/y = 6, and 2 y T = 6.
SET_2 = Params(x=12, y=2, h=0, T_M=3, T_R=0.5)
EXPECTED_2 = {
    # Nash: m = 6/3 = 2 each; P = 4; Q = 1.5 (12 - 8) = 6; E_M = E_R = 12; E_T = 24
    # (= 2 T a^2/(9y) = 2*1.5*144/18); S_B = 36/6 = 6; W = 30
    "nash": dict(m_M=2, m_R=2, P=4, Q=6, E_M=12, E_R=12, E_T=24, S_B=6, W=30),
    # SOE leads: m_M = 6/2 = 3, m_R = 6/4 = 1.5; P = 4.5; Q = 1.5 (12 - 9) = 4.5;
    # E_M = 13.5, E_R = 6.75, E_T = 20.25 (= 3 T a^2/(16y) = 3*1.5*144/32); S_B = 20.25/6 = 3.375;
    # W = 23.625
    "soe_leads": dict(m_M=3, m_R=1.5, P=4.5, Q=4.5, E_M=13.5, E_R=6.75, E_T=20.25,
                      S_B=3.375, W=23.625),
    "grassroots_leads": dict(m_M=1.5, m_R=3, P=4.5, Q=4.5, E_M=6.75, E_R=13.5, E_T=20.25,
                             S_B=3.375, W=23.625),
    # cooperation: s = 6/2 = 3, m = 1.5 each; P = 3; Q = 1.5 (12 - 6) = 9; E_M = E_R = 13.5;
    # E_T = 27 (= T a^2/(4y) = 1.5*144/8); S_B = 81/6 = 13.5; W = 40.5
    "cooperative": dict(m_M=1.5, m_R=1.5, P=3, Q=9, E_M=13.5, E_R=13.5, E_T=27, S_B=13.5,
                        W=40.5),
}

CHAPTER = {
    "nash": "ch-nash, proposition: Nash equilibrium",
    "soe_leads": "ch-stackelberg, proposition: SOE-led Stackelberg equilibrium",
    "grassroots_leads": "ch-stackelberg, proposition: grassroots-led Stackelberg equilibrium",
    "cooperative": "ch-cooperation, proposition: joint maximum",
}


@pytest.mark.parametrize("params, expected", [(SET_1, EXPECTED_1), (SET_2, EXPECTED_2)],
                         ids=["x10-y1-h2-T1", "x12-y2-h0-T1.5"])
@pytest.mark.parametrize("regime", REGIMES)
def test_solve_matches_hand_computation(regime, params, expected):
    """Chapters 3-5, each regime's proposition: markups, price, quantity, payoffs, surplus, welfare."""
    o = solve(params, regime)
    assert o.regime == regime
    for field in FIELDS:
        assert getattr(o, field) == pytest.approx(expected[regime][field], rel=1e-12), field


def test_solve_rejects_an_unknown_regime_and_lists_the_valid_ones():
    """Chapters 3-5: the regimes are exactly nash, soe_leads, grassroots_leads, cooperative."""
    with pytest.raises(ValueError, match="'bogus'") as info:
        solve(SET_1, "bogus")
    for regime in REGIMES:
        assert repr(regime) in str(info.value)


@pytest.mark.parametrize("regime", [None, 1, ("nash",), "Nash", "stackelberg"])
def test_solve_rejects_a_regime_that_is_not_a_valid_name(regime):
    """Chapters 3-5: a regime must be one of the four names, spelled exactly."""
    with pytest.raises(ValueError, match="regime must be one of"):
        solve(SET_1, regime)


@pytest.mark.parametrize("params", [dict(x=10, y=1, h=2, T_M=1, T_R=1), (10, 1, 2, 1, 1), None])
def test_solve_rejects_parameters_that_are_not_params(params):
    """ch-model: solve needs a validated Params, not a dict or a tuple."""
    with pytest.raises(ValueError, match="params must be a Params instance"):
        solve(params, "nash")


# --- arrays ----------------------------------------------------------------------------

GRID = Params(x=np.array([[10.0], [12.0], [30.0]]), y=np.array([1.0, 2.0]), h=np.array([0.0, 2.0]),
              T_M=1.5, T_R=np.array([[1.0], [0.5], [2.0]]))
"""A (3, 2) grid: x and T_R vary along rows, y and h along columns."""


@pytest.mark.parametrize("regime", REGIMES)
def test_solve_broadcasts_over_a_grid_and_agrees_pointwise(regime):
    """Chapters 3-5: solve works on a grid of parameter sets, point by point as on scalars."""
    o = solve(GRID, regime)
    full = [np.broadcast_to(getattr(GRID, f), (3, 2)) for f in ("x", "y", "h", "T_M", "T_R")]
    for i, j in np.ndindex(3, 2):
        point = solve(Params(*(float(v[i, j]) for v in full)), regime)
        for field in FIELDS:
            assert np.shape(getattr(o, field)) == (3, 2), field
            assert getattr(o, field)[i, j] == pytest.approx(getattr(point, field), rel=1e-14), field


def test_every_outcome_field_has_the_broadcast_shape():
    """Chapters 3-5: when only T_M varies, every field of every regime's outcome has the grid's shape."""
    p = Params(x=10, y=1, h=2, T_M=np.array([1.0, 2.0, 3.0]), T_R=1)
    shapes = {(r, f): np.shape(getattr(solve(p, r), f)) for r in REGIMES for f in FIELDS}
    assert {key: shape for key, shape in shapes.items() if shape != (3,)} == {}


# --- compare -----------------------------------------------------------------------------


def test_compare_table_shows_every_regime_and_the_ordering():
    """ch-cooperation, comparison table: one row per regime and the ordering E_T^LM = E_T^LR < E_T^N < E_T^C."""
    c = compare(SET_1)
    text = str(c)
    assert "ordering: E_T^LM = E_T^LR < E_T^N < E_T^C" in text.splitlines()
    for regime in REGIMES:
        assert re.search(rf"^{regime}\s", text, re.MULTILINE), regime
    assert c.ordering == "E_T^LM = E_T^LR < E_T^N < E_T^C"


def test_compare_states_the_books_ordering_when_stackelberg_totals_differ_by_rounding():
    """ch-cooperation, proposition on the ordering: 'E_T^LM = E_T^LR < E_T^N < E_T^C' is printed as such.

    At x=2, y=3, h=0.1, T=1: a = 1.7 and E_T^LM = E_T^LR = 3 a^2/(16 y) = 3*2.89/48 = 0.180625,
    but the two floats differ in the last bits (h + m_M + m_R summed in another order).
    """
    c = compare(Params(x=2, y=3, h=0.1, T_M=1, T_R=1))
    assert c.outcomes["soe_leads"].E_T == pytest.approx(0.180625, rel=1e-12)
    assert c.outcomes["grassroots_leads"].E_T == pytest.approx(0.180625, rel=1e-12)
    assert c.ordering == "E_T^LM = E_T^LR < E_T^N < E_T^C"


def test_compare_efficiency_at_hand_computed_point():
    """ch-cooperation, efficiency: E_T / E_T^C is (128/9)/16 = 8/9 for Nash, 12/16 = 3/4 when either leads."""
    c = compare(SET_1)
    assert list(c.outcomes) == list(REGIMES)
    assert c.efficiency == pytest.approx(
        {"nash": 8 / 9, "soe_leads": 3 / 4, "grassroots_leads": 3 / 4, "cooperative": 1.0}, rel=1e-12
    )


def test_compare_over_a_grid_states_the_ordering_for_all_points():
    """ch-cooperation, comparison: over a grid the table reduces to one ordering statement for all points."""
    text = str(compare(GRID))
    assert text == "ordering over 6 parameter points: E_T^LM = E_T^LR < E_T^N < E_T^C"


# --- evaluate ------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [SET_1, SET_2], ids=["set1", "set2"])
@pytest.mark.parametrize("regime", REGIMES)
def test_evaluate_at_a_regimes_markups_reproduces_solve(regime, params):
    """ch-model, payoffs: evaluating the model at a regime's markups gives that regime's outcome."""
    o = solve(params, regime)
    e = evaluate(params, o.m_M, o.m_R)
    assert e.regime == "given"
    for field in FIELDS:
        assert getattr(e, field) == pytest.approx(getattr(o, field), rel=1e-12), field


def test_evaluate_below_the_choke_price():
    """ch-model, Eq. (1): Q = T (x - y P) while the price is below the choke price x/y."""
    # set 2, m_M = 1, m_R = 0: P = 1; Q = 1.5 (12 - 2) = 15; E_M = 15, E_R = 0; S_B = 225/6 = 37.5
    e = evaluate(SET_2, m_M=1, m_R=0)
    assert (e.P, e.Q, e.E_M, e.E_R, e.E_T) == (1.0, 15.0, 15.0, 0.0, 15.0)
    assert e.S_B == pytest.approx(37.5, rel=1e-12)


@pytest.mark.parametrize("m_M, m_R", [(10.0, 5.0), (8.0, 0.0), (0.0, 100.0)])
def test_evaluate_clips_demand_at_zero_above_the_choke_price(m_M, m_R):
    """ch-model, demand: at or above the choke price x/y = 10 no one is served and no one pays."""
    # set 1: h = 2, so P = 2 + m_M + m_R >= 10 in every case; Eq. (1) would give Q <= 0
    e = evaluate(SET_1, m_M, m_R)
    assert (e.Q, e.E_M, e.E_R, e.E_T, e.S_B, e.W) == (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def test_evaluate_broadcasts_markups():
    """ch-model, payoffs: markups may be arrays; demand is clipped element by element."""
    # set 1, m_R = 2: m_M = 0, 3, 9 give P = 4, 7, 13 and Q = 6, 3, 0 (clipped from -3)
    e = evaluate(SET_1, m_M=np.array([0.0, 3.0, 9.0]), m_R=2.0)
    np.testing.assert_array_equal(e.Q, [6.0, 3.0, 0.0])
    np.testing.assert_array_equal(e.E_M, [0.0, 9.0, 0.0])
    np.testing.assert_array_equal(e.E_R, [12.0, 6.0, 0.0])


@pytest.mark.parametrize(
    "m_M, m_R, message",
    [
        (-1.0, 2.0, "m_M must be >= 0 (got m_M=-1.0)"),
        (1.0, -0.25, "m_R must be >= 0 (got m_R=-0.25)"),
        ([1.0, -3.0], 2.0, "m_M must be >= 0 (got m_M=-3.0)"),
        ("one", 2.0, "m_M must be a real number or an array of real numbers (got 'one')"),
        (1.0, None, "m_R must be a real number or an array of real numbers (got None)"),
        (1.0, True, "m_R must be a real number or an array of real numbers (got True)"),
        (float("nan"), 1.0, "m_M must be finite (got m_M=nan)"),
    ],
)
def test_evaluate_rejects_invalid_markups(m_M, m_R, message):
    """ch-model, the markups: finite, real and >= 0; the error names m_M or m_R and the value."""
    with pytest.raises(ValueError, match=re.escape(message)):
        evaluate(SET_1, m_M, m_R)


# --- ordering ------------------------------------------------------------------------------


def test_ordering_of_strictly_ranked_values():
    """ch-cooperation, ordering statement: strict inequalities, lowest first."""
    values = {"nash": 2.0, "soe_leads": 1.0, "grassroots_leads": 3.0, "cooperative": 4.0}
    assert ordering(values) == "E_T^LM < E_T^N < E_T^LR < E_T^C"


def test_ordering_of_ties_follows_the_book_order():
    """ch-cooperation, ordering statement: equal values are joined by '=' in the book's order of regimes."""
    values = {"cooperative": 5.0, "grassroots_leads": 5.0, "soe_leads": 5.0, "nash": 5.0}
    assert ordering(values) == "E_T^N = E_T^LM = E_T^LR = E_T^C"


@pytest.mark.parametrize("lr_factor", [1 + 1e-12, 1 - 1e-12])
def test_ordering_treats_values_within_rtol_as_tied_in_the_book_order(lr_factor):
    """ch-cooperation, ordering: E_T^LM and E_T^LR differing by rounding are written 'E_T^LM = E_T^LR'.

    Either rounding direction must give the same statement, the one the book prints.
    """
    values = {"nash": 2.0, "soe_leads": 1.5, "grassroots_leads": 1.5 * lr_factor, "cooperative": 2.25}
    assert ordering(values) == "E_T^LM = E_T^LR < E_T^N < E_T^C"


def test_ordering_separates_values_beyond_rtol():
    """ch-cooperation, ordering: a relative difference larger than rtol (1e-9) is a strict inequality."""
    values = {"nash": 2.0, "soe_leads": 1.5, "grassroots_leads": 1.5 * (1 + 1e-6), "cooperative": 2.25}
    assert ordering(values) == "E_T^LM < E_T^LR < E_T^N < E_T^C"


def test_ordering_of_arrays_with_the_same_ranking_everywhere():
    """ch-cooperation, ordering over a parameter grid: one statement when it holds at every point."""
    values = {"nash": np.array([2.0, 20.0]), "soe_leads": np.array([1.0, 10.0]),
              "grassroots_leads": np.array([1.0, 10.0]), "cooperative": 30.0}
    assert ordering(values) == "E_T^LM = E_T^LR < E_T^N < E_T^C"


def test_ordering_of_arrays_whose_ranking_varies_says_so():
    """ch-cooperation, ordering over a grid: when the ranking changes, the statement says it varies."""
    # point 0: LM = LR (1) < N (2) < C (4); point 1: LR (1) < N (2) < LM (3) < C (4)
    values = {"nash": 2.0, "soe_leads": np.array([1.0, 3.0]), "grassroots_leads": 1.0, "cooperative": 4.0}
    assert ordering(values) == (
        "the ranking varies across parameter points: "
        "E_T^LM = E_T^LR < E_T^N < E_T^C | E_T^LR < E_T^N < E_T^LM < E_T^C"
    )
