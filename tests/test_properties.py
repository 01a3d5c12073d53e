"""Chapters 3 to 5 checked by brute force over the whole valid parameter space (Hypothesis).

The payoffs are written out here from Eq. (1), (4), (5) of the paper, demand
clipped at zero above the choke price, so these tests do not use the package's
formulas: each equilibrium property is checked against grids of markups.

Rounding: Q = T (x - y P) loses precision when x is much larger than
a = x - y h (cancellation), so payoffs computed at different markups agree to
about eps * x / a relative to T a^2 / y. Tolerances are scaled accordingly.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soe_grassroots import REGIMES, Params, compare, solve
from strategies import valid_params

FIELDS = ("m_M", "m_R", "P", "Q", "E_M", "E_R", "E_T", "S_B", "W")
LEADER = {"soe_leads": "M", "grassroots_leads": "R"}
OTHER = {"M": "R", "R": "M"}




def payoffs(p, m_M, m_R):
    """(E_M, E_R) from Eq. (1), (4), (5), with demand clipped at zero above the choke price."""
    Q = np.maximum(p.T_M * (p.x - p.y * (p.h + m_M + m_R)) * p.T_R, 0.0)
    return {"M": Q * m_M, "R": Q * m_R}


def payoff(p, player, mine, other):
    """Player's payoff when it charges ``mine`` and the other player charges ``other``."""
    pair = (mine, other) if player == "M" else (other, mine)
    return payoffs(p, *pair)[player]


def tolerance(p):
    """Absolute tolerance for comparing payoffs: rounding of order eps * x/a on the scale T a^2/y."""
    return 1e-10 * p.T * p.a**2 / p.y * (p.x / p.a)


def resolution(p):
    """How closely (in units of a/y) a brute-force argmax can locate a payoff's maximum.

    Within a distance d of the top a concave payoff falls by about T y d^2, which rounding
    (eps * x/a, see above) hides once d is below sqrt(eps * x/a) * a/y; 10x that is safe.
    """
    return 10 * math.sqrt(np.finfo(float).eps * p.x / p.a)


def choke_grid(p, n):
    """n markups from 0 to twice the choke markup a/y (beyond it demand is zero)."""
    return np.linspace(0.0, 2 * p.a / p.y, n)


def best_response(p, player, other, n=201, rounds=6):
    """Brute-force argmax of ``player``'s payoff against each of the ``other`` markups.

    The payoff is unimodal in the player's own markup, so its maximizer lies within one
    grid step of the grid's argmax; each round zooms into that interval.
    """
    other = np.asarray(other, float)[:, None]
    lo, hi = np.zeros_like(other), np.full_like(other, 2 * p.a / p.y)
    for _ in range(rounds):
        grid = lo + (hi - lo) * np.linspace(0.0, 1.0, n)
        best = np.take_along_axis(grid, payoff(p, player, grid, other).argmax(axis=1)[:, None], axis=1)
        step = (hi - lo) / (n - 1)
        lo, hi = np.maximum(best - step, 0.0), best + step
    return best[:, 0]


# --- ch-nash -------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(valid_params())
def test_nash_no_player_gains_by_a_unilateral_deviation(p):
    """ch-nash, proposition: at the Nash markups neither player can raise its payoff alone."""
    o = solve(p, "nash")
    markups = {"M": o.m_M, "R": o.m_R}
    for player in ("M", "R"):
        at_equilibrium = payoff(p, player, markups[player], markups[OTHER[player]])
        deviations = payoff(p, player, choke_grid(p, 2001), markups[OTHER[player]])
        assert deviations.max() <= at_equilibrium + tolerance(p), player


# --- ch-stackelberg -------------------------------------------------------------------------------------


@pytest.mark.parametrize("regime", ["soe_leads", "grassroots_leads"])
@settings(max_examples=200, deadline=None)
@given(p=valid_params())
def test_stackelberg_follower_best_responds(regime, p):
    """ch-stackelberg, stage two: the follower's markup maximizes its payoff given the leader's."""
    o = solve(p, regime)
    leader = LEADER[regime]
    follower = OTHER[leader]
    markups = {"M": o.m_M, "R": o.m_R}
    at_equilibrium = payoff(p, follower, markups[follower], markups[leader])
    deviations = payoff(p, follower, choke_grid(p, 2001), markups[leader])
    assert deviations.max() <= at_equilibrium + tolerance(p)
    brute = best_response(p, follower, [markups[leader]])[0]
    assert abs(brute - markups[follower]) <= resolution(p) * p.a / p.y


@pytest.mark.parametrize("regime", ["soe_leads", "grassroots_leads"])
@settings(max_examples=200, deadline=None)
@given(p=valid_params())
def test_stackelberg_leader_maximizes_given_the_followers_best_response(regime, p):
    """ch-stackelberg, stage one: no other leader markup does better once the follower best-responds."""
    o = solve(p, regime)
    leader = LEADER[regime]
    follower = OTHER[leader]
    m_leader = {"M": o.m_M, "R": o.m_R}[leader]
    at_equilibrium = payoff(p, leader, m_leader, best_response(p, follower, [m_leader])[0])
    grid = choke_grid(p, 401)
    responses = best_response(p, follower, grid)  # brute force, no formula
    reduced = payoff(p, leader, grid, responses)
    # a response off by d changes the leader's payoff by T y m_leader d <= 2 T a d, d = resolution * a/y;
    # both sides of the comparison use brute-force responses
    slack = 4 * p.T * p.a**2 / p.y * resolution(p)
    assert reduced.max() <= at_equilibrium + tolerance(p) + slack
    # the grid's best leader markup is within one step of the equilibrium's (plus how far that slack
    # can move the argmax of the reduced payoff T m (a - y m)/2: d with T y d^2/2 = 2 slack)
    assert abs(grid[reduced.argmax()] - m_leader) <= grid[1] + 4 * math.sqrt(resolution(p)) * p.a / p.y


# --- ch-cooperation -------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(valid_params())
def test_cooperation_maximizes_the_total_payoff(p):
    """ch-cooperation, proposition: E_T^C is at least E_T of every regime and of every pair of markups."""
    best = solve(p, "cooperative").E_T
    for regime in REGIMES:
        assert solve(p, regime).E_T <= best + tolerance(p), regime
    grid = choke_grid(p, 301)
    E = payoffs(p, grid[:, None], grid[None, :])
    assert (E["M"] + E["R"]).max() <= best + tolerance(p)


@settings(max_examples=200, deadline=None)
@given(valid_params())
def test_total_payoffs_are_ordered(p):
    """ch-cooperation, proposition on the ordering: E_T^LM = E_T^LR < E_T^N < E_T^C."""
    E = {r: solve(p, r).E_T for r in REGIMES}
    assert math.isclose(E["soe_leads"], E["grassroots_leads"], rel_tol=1e-9)
    assert E["soe_leads"] < E["nash"] < E["cooperative"]
    assert E["grassroots_leads"] < E["nash"]


@settings(max_examples=200, deadline=None)
@given(valid_params())
def test_compare_states_the_ordering(p):
    """ch-cooperation, proposition on the ordering: compare() prints 'E_T^LM = E_T^LR < E_T^N < E_T^C' everywhere."""
    assert compare(p).ordering == "E_T^LM = E_T^LR < E_T^N < E_T^C"


@settings(max_examples=200, deadline=None)
@given(valid_params())
def test_efficiency_is_constant(p):
    """ch-cooperation, efficiency: 8/9 under Nash, 3/4 when either party leads, 1 under cooperation."""
    expected = {"nash": 8 / 9, "soe_leads": 3 / 4, "grassroots_leads": 3 / 4, "cooperative": 1.0}
    efficiency = compare(p).efficiency
    rel = 1e-12 * p.x / p.a  # cancellation in x - y P
    for regime in REGIMES:
        assert math.isclose(efficiency[regime], expected[regime], rel_tol=rel), regime


@pytest.mark.parametrize("regime", REGIMES)
@settings(max_examples=200, deadline=None)
@given(p=valid_params())
def test_solve_obeys_the_models_definitions(regime, p):
    """ch-model, the model: at each regime's markups P, Q, E_i, S_B and W follow Eq. (1), (4), (5)."""
    o = solve(p, regime)
    P = p.h + o.m_M + o.m_R
    Q = p.T_M * (p.x - p.y * P) * p.T_R
    rel = 1e-12 * p.x / p.a  # cancellation in x - y P
    expected = dict(P=P, Q=Q, E_M=Q * o.m_M, E_R=Q * o.m_R, E_T=Q * (o.m_M + o.m_R),
                    S_B=Q**2 / (2 * p.y * p.T_M * p.T_R))
    expected["W"] = expected["E_T"] + expected["S_B"]
    for field, value in expected.items():
        assert math.isclose(getattr(o, field), value, rel_tol=rel), field


# --- arrays --------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(valid_params(), min_size=1, max_size=8))
def test_solve_over_arrays_equals_solve_at_each_point(points):
    """Chapters 3-5: solving a whole array of parameter sets equals solving each point alone."""
    stacked = Params(*(np.array([getattr(q, f) for q in points]) for f in ("x", "y", "h", "T_M", "T_R")))
    for regime in REGIMES:
        o = solve(stacked, regime)
        for i, q in enumerate(points):
            single = solve(q, regime)
            for field in FIELDS:
                assert getattr(o, field)[i] == pytest.approx(getattr(single, field), rel=1e-14, abs=0)
