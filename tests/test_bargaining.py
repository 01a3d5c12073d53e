"""The chapter "Sharing the gains" (ch-bargaining) and `soe_grassroots.bargaining`.

Exact claims are checked against sympy (`bargaining.derive`, which works from the
definitions); claims over the whole parameter space are checked with Hypothesis
against brute force written out here (Nash product on a grid of splits, marginal
contributions averaged by hand, demand from Eq. (1) of the paper).
"""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from soe_grassroots import EXAMPLE, evaluate, solve, symbolic
from soe_grassroots import bargaining as B
from strategies import valid_params

THREATS = ("nash", "soe_leads", "grassroots_leads")




def U(p):
    return p.T * p.a**2 / p.y


def close(a, b, p):
    """Equal up to rounding on the scale U (cancellation in x - y h costs a factor x/a)."""
    return abs(a - b) <= 1e-9 * U(p) * (p.x / p.a)


# --- exact results, by sympy -------------------------------------------------------------------


def test_nash_fallback_core_shapley_and_symmetric_nash_as_the_chapter_states():
    """ch-bargaining, proposition on the Nash fallback: core U/9 <= E_M <= 5U/36, Shapley = symmetric
    Nash bargaining = U/8 each."""
    d = B.derive("nash")
    assert d.core == (sp.Rational(1, 9), sp.Rational(5, 36))
    assert d.shapley == (sp.Rational(1, 8), sp.Rational(1, 8))
    assert tuple(e.subs(d.w, sp.Rational(1, 2)) for e in d.nash) == d.shapley


def test_soe_led_fallback_gives_5_32_and_3_32():
    """ch-bargaining, 'leading is worth something at the table': symmetric Nash bargaining from the
    SOE-led fallback gives (5U/32, 3U/32); the grassroots-led fallback is its mirror image."""
    half = sp.Rational(1, 2)
    lm, lr = B.derive("soe_leads"), B.derive("grassroots_leads")
    assert tuple(e.subs(lm.w, half) for e in lm.nash) == (sp.Rational(5, 32), sp.Rational(3, 32))
    assert tuple(e.subs(lr.w, half) for e in lr.nash) == (sp.Rational(3, 32), sp.Rational(5, 32))


@pytest.mark.parametrize("threat", THREATS)
def test_derivation_uses_the_regime_payoffs_of_the_symbolic_module(threat):
    """ch-bargaining, characteristic function: v({M}), v({R}) are the fallback regime's payoffs and
    v({M,R}) = E_T^C, all over U = T_M T_R (x - y h)^2 / y."""
    d = B.derive(threat)
    unit = symbolic.T_M * symbolic.T_R * (symbolic.x - symbolic.y * symbolic.h) ** 2 / symbolic.y
    fb, co = symbolic.derive(threat), symbolic.derive("cooperative")
    assert sp.simplify(d.v["M"] * unit - fb.E_M) == 0
    assert sp.simplify(d.v["R"] * unit - fb.E_R) == 0
    assert sp.simplify(d.v["MR"] * unit - co.E_T) == 0


@pytest.mark.parametrize("threat", THREATS)
def test_weighted_nash_solution_is_the_formula_of_the_api(threat):
    """Issue 10 API: E_M = d_M + w (E_T^C - d_M - d_R), derived by maximizing the Nash product."""
    d = B.derive(threat)
    gain = d.v["MR"] - d.v["M"] - d.v["R"]
    assert sp.simplify(d.nash[0] - (d.v["M"] + d.w * gain)) == 0
    assert sp.simplify(sum(d.nash) - d.v["MR"]) == 0


def test_core_of_the_nash_fallback_is_the_band_of_accepted_shares():
    """ch-bargaining links ch-cooperation (coop-sharing) and ch-repeated: the Nash core, as shares of
    E_T^C, runs from 4/9 to 5/9, the band whose interior the repeated game can sustain."""
    d = B.derive("nash")
    assert (d.core[0] / d.v["MR"], d.core[1] / d.v["MR"]) == (sp.Rational(4, 9), sp.Rational(5, 9))
    assert B.share_interval("nash") == pytest.approx((4 / 9, 5 / 9), rel=1e-12)


# --- numbers over the whole parameter space ------------------------------------------------------


@pytest.mark.parametrize("threat", THREATS)
@settings(max_examples=60, deadline=None)
@given(p=valid_params(), w=st.floats(0.0, 1.0))
def test_numeric_functions_equal_the_sympy_multiples_of_U(threat, p, w):
    """The package's numbers are sympy's multiples of U, for every valid parameter set and weight."""
    d = B.derive(threat)
    lo, hi = B.core(p, threat)
    assert close(lo, float(d.core[0]) * U(p), p) and close(hi, float(d.core[1]) * U(p), p)
    for got, want in zip(B.shapley(p, threat), d.shapley):
        assert close(got, float(want) * U(p), p)
    for got, want in zip(B.nash_bargaining(p, threat, w), d.nash):
        assert close(got, float(want.subs(d.w, w)) * U(p), p)


@pytest.mark.parametrize("threat", THREATS)
@settings(max_examples=60, deadline=None)
@given(p=valid_params())
def test_core_is_where_no_coalition_does_better_alone(threat, p):
    """ch-bargaining, definition of the core, by brute force: on a grid of splits of E_T^C, the splits
    giving each partner at least its fallback payoff run from `core`'s lo to its hi (nonempty)."""
    fallback, total = solve(p, threat), solve(p, "cooperative").E_T
    grid = np.linspace(0, total, 20001)
    ok = (grid >= fallback.E_M) & (total - grid >= fallback.E_R)
    lo, hi = B.core(p, threat)
    step = grid[1] * (1 + 1e-6)  # a boundary on a grid point may round either way
    assert lo < hi
    assert abs(grid[ok].min() - lo) <= step and abs(grid[ok].max() - hi) <= step


@pytest.mark.parametrize("threat", THREATS)
@settings(max_examples=60, deadline=None)
@given(p=valid_params(), w=st.floats(0.01, 0.99))
def test_nash_bargaining_maximizes_the_weighted_nash_product(threat, p, w):
    """ch-bargaining, definition: the split maximizes (E_M - d_M)^w (E_R - d_R)^(1-w) on E_M + E_R = E_T^C."""
    fallback, total = solve(p, threat), solve(p, "cooperative").E_T
    E_M, E_R = B.nash_bargaining(p, threat, w)
    assert close(E_M + E_R, total, p)
    gain = total - fallback.E_M - fallback.E_R
    t = np.linspace(1e-6, 1 - 1e-6, 20001)  # M's part of the gain
    log_product = w * np.log(t) + (1 - w) * np.log(1 - t)
    best = t[log_product.argmax()]
    assert abs((E_M - fallback.E_M) / gain - best) <= 2 * t[1] + 1e-6


@pytest.mark.parametrize("threat", THREATS)
@settings(max_examples=60, deadline=None)
@given(p=valid_params(), w=st.floats(0.0, 1.0))
def test_every_nash_bargaining_split_lies_in_the_core_and_the_symmetric_one_is_shapley(threat, p, w):
    """ch-bargaining, proposition: with two players every weighted Nash split is in the core, and the
    symmetric one equals the Shapley value (average marginal contribution over both orders)."""
    lo, hi = B.core(p, threat)
    E_M, _ = B.nash_bargaining(p, threat, w)
    slack = 1e-9 * U(p) * p.x / p.a
    assert lo - slack <= E_M <= hi + slack
    v = B.characteristic_function(p, threat)
    by_hand = ((v["M"] + (v["MR"] - v["R"])) / 2, (v["R"] + (v["MR"] - v["M"])) / 2)
    for a, b, c in zip(B.shapley(p, threat), by_hand, B.nash_bargaining(p, threat, 0.5)):
        assert close(a, b, p) and close(a, c, p)


@settings(max_examples=100, deadline=None)
@given(p=valid_params(), w=st.floats(0.0, 1.0))
def test_leading_is_worth_something_at_the_table(p, w):
    """ch-bargaining: whatever M's weight, it gets more with the SOE-led fallback than with the Nash one,
    and less with the grassroots-led one."""
    m = {t: B.nash_bargaining(p, t, w)[0] for t in THREATS}
    assert m["grassroots_leads"] < m["nash"] < m["soe_leads"]


@settings(max_examples=100, deadline=None)
@given(p=valid_params(), theta=st.floats(0.0, 1.0))
def test_beneficiaries_surplus_does_not_depend_on_the_split(p, theta):
    """ch-bargaining, 'what happens to the poor': splitting the cooperative joint markup s = a/(2y)
    in any proportion (a side payment in markups) leaves Q and S_B at their cooperative values."""
    s = p.a / (2 * p.y)
    split = evaluate(p, m_M=theta * s, m_R=(1 - theta) * s)
    coop = solve(p, "cooperative")
    assert close(split.S_B, coop.S_B, p)
    assert abs(split.Q - coop.Q) <= 1e-9 * p.T * p.x
    assert close(split.E_M, theta * coop.E_T, p)


def test_arrays_broadcast():
    """Package rule: numpy arrays broadcast through every function (a grid of weights, a grid of x)."""
    w = np.linspace(0, 1, 5)
    E_M, E_R = B.nash_bargaining(EXAMPLE, "nash", w)
    assert E_M.shape == (5,) and np.allclose(E_M + E_R, solve(EXAMPLE, "cooperative").E_T)
    p = EXAMPLE.replace(x=np.array([10.0, 12.0]))
    lo, hi = B.core(p)
    assert lo.shape == hi.shape == (2,)


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["cooperative", "Nash", None, 1])
def test_bad_threat_names_the_argument(bad):
    """Issue 10: bad input raises ValueError naming the argument."""
    with pytest.raises(ValueError, match="^threat must be one of"):
        B.core(EXAMPLE, bad)
    with pytest.raises(ValueError, match="^threat must be one of"):
        B.shapley(EXAMPLE, bad)
    with pytest.raises(ValueError, match="^disagreement must be one of"):
        B.nash_bargaining(EXAMPLE, bad)


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), "half", True, [0.5, 2.0]])
def test_bad_weight_names_the_argument(bad):
    """Issue 10: the weight is M's bargaining power in [0, 1]; anything else raises ValueError."""
    with pytest.raises(ValueError, match="^weight must"):
        B.nash_bargaining(EXAMPLE, "nash", bad)


def test_params_must_be_params():
    """Bad input raises ValueError naming the argument."""
    with pytest.raises(ValueError, match="^params must be a Params"):
        B.shapley({"x": 10}, "nash")


# --- the explorer --------------------------------------------------------------------------------


def test_explorer_frames_differ_and_say_what_they_show():
    """ch-bargaining explorer: each stored frame (one per weight) is a different picture with its own alt."""
    import re

    e = B.explore_bargaining()
    frames = [child.value for child in getattr(e, "frames", e.stack.children)]
    assert len(frames) == 11 and len(set(frames)) == 11  # w = 0, 0.1, ..., 1
    alts = [re.search(r'alt="([^"]*)"', f).group(1) for f in frames]
    assert len(set(alts)) == 11 and all("whatever the split" in a for a in alts)
    e.controls["threat"].value = "soe_leads"  # live: the dropdown redraws the shown frame
    assert e.stack.children[e.stack.selected_index].value != frames[e.slider.index]


# --- the core and the repeated game (barg-repeated), ex-barg-5 -----------------------------------

def _threshold(share, punishment, who):
    import sympy as sp

    from soe_grassroots import repeated

    return sp.factor(repeated.threshold(*repeated.unit_payoffs(share, "best", punishment)[who]))


@given(st.floats(0.005, 0.995))
@settings(max_examples=60, deadline=None)
def test_breakdown_can_hold_every_share_strictly_between_zero_and_one(share):
    """barg-repeated: with breakdown (0 each) as the punishment, every share holds at some delta < 1."""
    from soe_grassroots import EXAMPLE, repeated

    assert repeated.critical_discount(EXAMPLE, "best", "minmax", share=share) < 1


def test_nash_reversion_band_is_narrower_at_a_fixed_discount_factor():
    """barg-repeated: at delta = 3/4 only shares from 7 - 8 sqrt(6)/3 to its mirror hold; at 9/17 only 1/2."""
    import sympy as sp

    from soe_grassroots import EXAMPLE, repeated

    theta = sp.Symbol("theta", positive=True)
    (edge,) = [r for r in sp.solve(sp.Eq(_threshold(theta, "nash", "M"), sp.Rational(3, 4)), theta) if 0 < r < 1]
    assert sp.simplify(edge - (7 - 8 * sp.sqrt(6) / 3)) == 0
    for share, holds in [(float(edge) + 1e-3, True), (float(edge) - 1e-3, False), (1 - float(edge) - 1e-3, True),
                         (1 - float(edge) + 1e-3, False)]:
        assert (repeated.critical_discount(EXAMPLE, "best", share=share) <= 0.75) == holds
    assert _threshold(sp.Rational(1, 2), "nash", "M") == sp.Rational(9, 17)


def test_the_soe_led_bargain_needs_breakdown_and_holds_from_25_121():
    """barg-repeated: the SOE-led share 5/8 is outside the Nash-reversion band; breakdown holds it from 25/121."""
    import sympy as sp

    share = B.derive("soe_leads").shapley[0] / sp.Rational(1, 4)
    assert share == sp.Rational(5, 8)
    assert max(_threshold(share, "minmax", w) for w in "MR") == sp.Rational(25, 121)


def test_three_partner_game_is_not_superadditive():
    """ex-barg-5: v(ij) = U/9 < v(i) + v(j) = 2 U/16, the numbers of ch-partners' chains of three and two."""
    from soe_grassroots import partners

    single, pair = partners.derive(3).E_T / 3, partners.derive(2).E_T / 2
    assert pair < 2 * single and pair - single < single


@pytest.mark.parametrize("threat", ["nash", "soe_leads", "grassroots_leads"])
def test_one_share_interval_for_errata_and_bargaining(threat):
    """The core's share interval is the errata's: one function, exact or as floats."""
    import sympy as sp

    from soe_grassroots import errata

    exact = B.share_interval(threat, exact=True)
    assert errata.share_interval(threat) == exact and all(isinstance(e, sp.Rational) for e in exact)
    assert B.share_interval(threat) == tuple(float(e) for e in exact)
    d = B.derive(threat)
    assert exact == (d.v["M"] / d.v["MR"], 1 - d.v["R"] / d.v["MR"])
