"""The chapter "Learning to play" (ch-learning): every claim it makes, checked.

Claims over the whole valid parameter space are Hypothesis properties; the
strategies follow ``tests/test_properties.py``.
"""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from soe_grassroots import EXAMPLE, best_response, learning, solve
from strategies import valid_params

unit = st.floats(0.0, 1.0)


def rounding(p):
    """Relative rounding of the markups: best_response computes a - y m, with a = x - y h (cancellation)."""
    return 1e-12 * p.x / p.a


# --- the slope of the reaction curves ------------------------------------------------------------

def test_reaction_slope_is_minus_one_half():
    """Section 'Best-response dynamics', proposition on contraction: dm_R/dm_M = -1/2 (sympy)."""
    assert learning.reaction_slope() == sp.Rational(-1, 2)


def test_update_maps_contract_by_one_half_and_one_quarter():
    """Proposition on contraction: the round's update map has spectral radius 1/2 (simultaneous), 1/4 (alternating)."""
    J = learning.update_matrices()
    assert set(J["simultaneous"].eigenvals()) == {sp.Rational(1, 2), sp.Rational(-1, 2)}
    assert set(J["alternating"].eigenvals()) == {0, sp.Rational(1, 4)}
    assert learning.contraction_factor("simultaneous") == 0.5
    assert learning.contraction_factor("alternating") == 0.25


@settings(max_examples=100, deadline=None)
@given(valid_params(), unit)
def test_numeric_best_response_has_slope_minus_one_half(p, u):
    """The package's best response (used by the dynamics) falls by half a unit per unit of the other's markup."""
    m = u * 0.9 * p.a / p.y
    step = 0.05 * p.a / p.y
    slope = (best_response(p, "R", m + step) - best_response(p, "R", m)) / step
    assert slope == pytest.approx(-0.5, rel=1e-6 * p.x / p.a)


# --- best-response dynamics ----------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(valid_params(), unit, unit)
def test_simultaneous_updating_halves_the_distance_every_round(p, u, v):
    """Proposition on contraction: from any start in [0, a/y]^2 the distance to Nash halves each round."""
    top = p.a / p.y
    path = learning.best_response_path(p, (u * top, v * top), rounds=6)
    d = learning.distance_to_nash(p, path)
    tol = top * rounding(p) * 10
    for before, after in zip(d[:-1], d[1:]):
        assert after == pytest.approx(before / 2, abs=tol)


@settings(max_examples=200, deadline=None)
@given(valid_params(), st.floats(0.0, 50.0), st.floats(0.0, 50.0))
def test_from_any_start_the_distance_at_least_halves(p, u, v):
    """Any nonnegative start, even beyond the choke markup a/y: each round at least halves the distance."""
    top = p.a / p.y
    path = learning.best_response_path(p, (u * top, v * top), rounds=6)
    d = learning.distance_to_nash(p, path)
    assert np.all(d[1:] <= d[:-1] / 2 + top * rounding(p) * 10)


@settings(max_examples=200, deadline=None)
@given(valid_params(), unit, unit)
def test_alternating_updating_divides_the_distance_by_four_per_round(p, u, v):
    """Alternating updating: after the first round, each full round (M, then R) divides the distance by 4."""
    top = p.a / p.y
    path = learning.best_response_path(p, (u * top, v * top), rounds=5, mode="alternating")
    d = learning.distance_to_nash(p, path)[2::2]  # after each complete round
    tol = top * rounding(p) * 10
    for before, after in zip(d[:-1], d[1:]):
        assert after == pytest.approx(before / 4, abs=tol)


@settings(max_examples=100, deadline=None)
@given(valid_params(), st.floats(0.0, 50.0), st.floats(0.0, 50.0), st.sampled_from(learning.MODES))
def test_myopic_learners_end_at_the_nash_markups(p, u, v, mode):
    """'The contrast': from any start, best-response dynamics end at the Nash markups, not at cooperation."""
    top = p.a / p.y
    end = learning.best_response_path(p, (u * top, v * top), rounds=60, mode=mode)[-1]
    nash = solve(p, "nash")
    assert end == pytest.approx([nash.m_M, nash.m_R], abs=top * 1e-9)


@settings(max_examples=100, deadline=None)
@given(valid_params(), st.floats(0.0, 50.0), st.floats(0.0, 50.0))
def test_after_each_alternating_round_the_soe_deviation_is_minus_twice_the_grassroots_one(p, u, v):
    """Proof of prop-learning-contraction: after every full alternating round e_M = -2 e_R (the eigenvector of 1/4)."""
    top = p.a / p.y
    path = learning.best_response_path(p, (u * top, v * top), rounds=4, mode="alternating")
    nash = solve(p, "nash").m_M
    e = path[2::2] - nash
    np.testing.assert_allclose(e[:, 0], -2 * e[:, 1], atol=top * rounding(p) * 10)
    vec = [lam for lam, _, vs in learning.update_matrices()["alternating"].eigenvects() if lam != 0]
    assert vec == [sp.Rational(1, 4)]


def test_first_alternating_round_can_shrink_the_distance_by_less_than_a_quarter():
    """'For the curious' dropdown: from (m^N, m^N + e) the first alternating round leaves sqrt(5)/4 of the distance."""
    nash = solve(EXAMPLE, "nash").m_M
    path = learning.best_response_path(EXAMPLE, (nash, nash + 1.0), rounds=1, mode="alternating")
    d = learning.distance_to_nash(EXAMPLE, path)
    assert d[2] / d[0] == pytest.approx(np.sqrt(5) / 4)


def test_alternating_path_records_both_moves():
    """Alternating updating: the path has two rows per round and only one markup changes per row."""
    path = learning.best_response_path(EXAMPLE, (1.0, 7.0), rounds=3, mode="alternating")
    assert path.shape == (7, 2)
    assert np.all(np.sum(np.diff(path, axis=0) != 0, axis=1) <= 1)


# --- the stage game, fictitious play and replicator dynamics -------------------------------------

def test_stage_game_is_a_prisoners_dilemma():
    """The stage game (sympy, units of U): breach strictly dominant, both better off cooperating."""
    A, B = learning.stage_game_symbolic()
    assert B == A.T
    assert A[1, 0] > A[0, 0] and A[1, 1] > A[0, 1]
    assert A[0, 0] > A[1, 1]


@settings(max_examples=100, deadline=None)
@given(valid_params())
def test_numeric_stage_game_equals_the_sympy_one(p):
    """stage_game(params), computed with the model, is the parameter-free sympy matrix in units of U."""
    A, B = learning.stage_game(p)
    A_sym, B_sym = (np.array(M.tolist(), dtype=float) for M in learning.stage_game_symbolic())
    tol = 1e-10 * p.x / p.a
    np.testing.assert_allclose(A, A_sym, atol=tol)
    np.testing.assert_allclose(B, B_sym, atol=tol)


def test_stage_game_has_one_equilibrium_both_breach():
    """nashpy finds a single equilibrium of the stage game: both charge the Nash markup."""
    eqs = list(learning.game(EXAMPLE).support_enumeration())
    assert len(eqs) == 1
    np.testing.assert_allclose(eqs[0][0], [0, 1])
    np.testing.assert_allclose(eqs[0][1], [0, 1])


@settings(max_examples=30, deadline=None)
@given(valid_params(), st.floats(0.5, 50.0), st.integers(0, 40))
def test_fictitious_play_cooperation_fades_like_prior_over_prior_plus_rounds(p, prior, rounds):
    """Fictitious play: both breach every round, so the share of cooperation is prior/(prior + t)."""
    shares = learning.fictitious_play(p, iterations=rounds, prior=prior)
    t = np.arange(rounds + 1)
    expected = prior / (prior + t)
    np.testing.assert_allclose(shares, np.column_stack([expected, expected]), rtol=1e-12)


@settings(max_examples=15, deadline=None)
@given(valid_params(), st.floats(0.05, 0.95), st.floats(0.05, 0.95))
def test_replicator_dynamics_drive_every_population_with_breachers_to_breach(p, u, v):
    """prop-learning-no-cooperation (replicator part): shares of breachers strictly inside (0, 1) rise, towards 1."""
    path = learning.replicator(p, (u, v))
    assert np.all(np.diff(path, axis=0) >= -1e-7)  # the ODE solver's error near 1
    assert path[-1].min() > 0.95


@pytest.mark.parametrize("start, end", [((0.0, 0.0), (0.0, 0.0)), ((0.0, 0.3), (0.0, 1.0)),
                                        ((0.3, 0.0), (1.0, 0.0)), ((1.0, 0.2), (1.0, 1.0))])
def test_replicator_boundaries_stay_and_only_the_other_population_moves(start, end):
    """prop-learning-no-cooperation: a population with no breachers (or only breachers) keeps that share;
    the all-cooperating start (0, 0) is a rest point; the other population still tends to all breach."""
    path = learning.replicator(EXAMPLE, start, np.linspace(0, 3000, 301))
    np.testing.assert_allclose(path[-1], end, atol=1e-3)
    for i in range(2):
        if start[i] in (0.0, 1.0):
            assert np.all(path[:, i] == start[i])


def test_all_cooperating_rest_point_is_unstable():
    """prop-learning-no-cooperation: any share of breachers, however small, grows (unstable rest point (0, 0))."""
    path = learning.replicator(EXAMPLE, (1e-4, 1e-4), np.linspace(0, 4000, 401))
    assert path[-1].min() > 0.99


share = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(1e-3, 1.0))


@settings(max_examples=30, deadline=None)
@given(share, share)
def test_replicator_solves_the_written_equation(u, v):
    """def-learning-replicator: nashpy's rates equal rho (1 - rho) [E(N) - E(C)] against the other's mix."""
    from scipy.integrate import odeint

    A, B = (np.array(M.tolist(), dtype=float) for M in learning.stage_game_symbolic())

    def rate(r, t):
        g_M = (1 - r[1]) * (A[1, 0] - A[0, 0]) + r[1] * (A[1, 1] - A[0, 1])
        g_R = (1 - r[0]) * (B[0, 1] - B[0, 0]) + r[0] * (B[1, 1] - B[1, 0])
        return [r[0] * (1 - r[0]) * g_M, r[1] * (1 - r[1]) * g_R]

    t = np.linspace(0, 800, 81)
    np.testing.assert_allclose(learning.replicator(EXAMPLE, (u, v), t), odeint(rate, [u, v], t), atol=1e-6)


def test_audit_of_the_soes_only_turns_them_to_cooperate():
    """ex-learning-3 in ch-learning: a fine of 1/96 U per SOE breach (halfway between its gains 1/144 and 1/72)
    leaves the SOE no dominant action; rho_M rises until rho_R = 1/2, then falls to 0, while rho_R -> 1."""
    A, _ = learning.stage_game_symbolic()
    f = (A[1, 0] - A[0, 0] + A[1, 1] - A[0, 1]) / 2
    assert f == sp.Rational(1, 96)
    t = np.linspace(0, 4000, 4001)
    path = learning.replicator(EXAMPLE, (0.5, 0.02), t, fine=(float(f), 0.0))
    k = path[:, 0].argmax()
    assert 0 < k < len(t) - 1 and path[k, 0] > 0.5
    assert path[k, 1] == pytest.approx(0.5, abs=1e-3)
    assert np.all(np.diff(path[: k + 1, 0]) >= -1e-12) and np.all(np.diff(path[k:, 0]) <= 1e-12)
    assert path[-1, 0] < 1e-3 and path[-1, 1] > 1 - 1e-3
    eqs = list(learning.game(EXAMPLE, fine=(float(f), 0.0)).support_enumeration())
    assert len(eqs) == 1
    np.testing.assert_allclose(eqs[0][0], [1, 0])
    np.testing.assert_allclose(eqs[0][1], [0, 1])


@settings(max_examples=50, deadline=None)
@given(valid_params(), st.floats(0.0, 0.05), st.floats(0.0, 0.05))
def test_fine_lowers_only_the_breach_payoffs(p, f_M, f_R):
    """stage_game(fine=...): the fine comes off M's breach row of A and R's breach column of B, nothing else."""
    A0, B0 = learning.stage_game(p)
    A, B = learning.stage_game(p, fine=(f_M, f_R))
    tol = 1e-10 * p.x / p.a
    np.testing.assert_allclose(A0 - A, [[0, 0], [f_M, f_M]], atol=tol)
    np.testing.assert_allclose(B0 - B, [[0, f_R], [0, f_R]], atol=tol)


def test_fine_above_the_matrix_gain_makes_cooperating_dominant_but_not_the_best_breach():
    """ex-learning-4: a fine above 1/72 U makes cooperating dominant in the two-action game; in the pricing game
    the best breach 3a/(8y) against a/(4y) gains 9/64 - 1/8 = 1/64 U > 1/72 U (the bound of prop-rep-penalty)."""
    f = 1 / 72 + 1e-6
    eqs = list(learning.game(EXAMPLE, fine=(f, f)).support_enumeration())
    assert len(eqs) == 1
    np.testing.assert_allclose(eqs[0][0], [1, 0])
    a, y = EXAMPLE.a, EXAMPLE.y
    breach = best_response(EXAMPLE, "M", a / (4 * y))
    assert breach == pytest.approx(3 * a / (8 * y))
    from soe_grassroots.model import evaluate

    U = EXAMPLE.T * a**2 / y
    gain = (evaluate(EXAMPLE, breach, a / (4 * y)).E_M - evaluate(EXAMPLE, a / (4 * y), a / (4 * y)).E_M) / U
    assert gain == pytest.approx(1 / 64) and gain - 1 / 72 == pytest.approx(1 / 576)


# --- errors, the figure and the explorer ---------------------------------------------------------

@pytest.mark.parametrize("kwargs, message", [
    ({"start": (1.0, 1.0), "mode": "random"}, "mode must be"),
    ({"start": (1.0, 1.0), "rounds": -1}, "rounds must be"),
    ({"start": (1.0, 1.0), "rounds": 2.5}, "rounds must be"),
    ({"start": (-1.0, 1.0)}, "start m_M must be >= 0"),
    ({"start": (1.0, float("nan"))}, "start m_R must be finite"),
    ({"start": (1.0,)}, "start must be a pair"),
])
def test_bad_input_to_best_response_path_raises_a_plain_error(kwargs, message):
    """Bad input raises ValueError naming the argument."""
    with pytest.raises(ValueError, match=message):
        learning.best_response_path(EXAMPLE, **kwargs)


def test_bad_input_to_fictitious_play_and_replicator_raises():
    """The prior must be positive; the replicator's starting shares in [0, 1]; fines a pair of numbers >= 0."""
    with pytest.raises(ValueError, match="prior must be > 0"):
        learning.fictitious_play(EXAMPLE, 5, prior=0)
    with pytest.raises(ValueError, match=r"start rho_M must be in \[0, 1\]"):
        learning.replicator(EXAMPLE, (1.5, 0.5))
    with pytest.raises(ValueError, match=r"start rho_R must be in \[0, 1\]"):
        learning.replicator(EXAMPLE, (0.5, -0.1))
    with pytest.raises(ValueError, match="fine f_R must be >= 0"):
        learning.stage_game(EXAMPLE, fine=(0.0, -0.01))
    with pytest.raises(ValueError, match="fine must be a pair"):
        learning.game(EXAMPLE, fine=0.01)


def test_replicator_figure_tells_the_curves_apart():
    """fig-learning-replicator: the SOE and grassroots curves differ in colour and line style, with a legend."""
    from soe_grassroots.plots import PLAYER_COLORS

    fig = learning.replicator_figure(EXAMPLE, (0.01, 0.1))
    soe, grassroots = fig.axes[0].lines
    assert soe.get_color() == PLAYER_COLORS["M"] and grassroots.get_color() == PLAYER_COLORS["R"]
    assert soe.get_linestyle() != grassroots.get_linestyle()
    assert [t.get_text() for t in fig.legends[0].get_texts()][:2] == [r"SOEs, $\rho_M$", r"grassroots, $\rho_R$"]
    np.testing.assert_allclose(soe.get_ydata()[0], 0.01) and np.testing.assert_allclose(grassroots.get_ydata()[0], 0.1)


def test_learning_path_figure_follows_the_start():
    """The explorer's figure: moving the start moves the path and its alt text."""
    plot = learning.LearningPath(EXAMPLE, m_M0=0.0, m_R0=7.0)
    first = plot.alt
    x0 = plot.path.get_xdata()[0]
    plot.update(EXAMPLE, m_M0=6.0, m_R0=7.0)
    assert plot.path.get_xdata()[0] == 6.0 != x0
    assert plot.alt != first and "6.00" in plot.alt


def test_explorer_stores_one_distinct_frame_per_start():
    """The explorer's main slider (SOE's starting markup) works on the static site: one frame per position."""
    e = learning.explore_learning()
    frames = [child.value for child in e.frames]
    assert len(frames) == len(e.slider.options) == 17
    assert len(set(frames)) == len(frames)
