"""The chapter "More than two partners" (ch-partners) and `soe_grassroots.partners`.

Exact claims for given n are checked against sympy (`partners.derive` solves the n
first-order conditions jointly), the general-n formula by a symmetric sympy argument,
and the equilibrium and optimum properties by brute force over the whole valid
parameter space (Hypothesis), with payoffs written out here from Eq. (1).
"""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from soe_grassroots import EXAMPLE, compare
from soe_grassroots import partners as C
from soe_grassroots import solve as solve2
from strategies import valid_params

ns = st.integers(1, 8)


def U(p):
    return p.T * p.a**2 / p.y


def tol(p):
    return 1e-9 * U(p) * (p.x / p.a)


def payoff(p, markups, i):
    """Partner i's payoff from Eq. (1): Q = T (x - y (h + sum m)), clipped at zero, times m_i."""
    Q = np.maximum(p.T * (p.x - p.y * (p.h + markups.sum(axis=0))), 0.0)
    return Q * markups[i]


# --- exact results -------------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(1, 7))
def test_sympy_solution_for_given_n_matches_the_chapters_formulas(n):
    """ch-partners, proposition: for each n the n first-order conditions have one solution, every markup
    a/((n+1)y), Q = Ta/(n+1), E_T = nU/(n+1)^2, S_B = U/(2(n+1)^2); cooperation E_T = U/4."""
    d = C.derive(n)
    k = sp.Integer(n)
    assert d.unique
    assert d.markups == (1 / (k + 1),) * n
    assert (d.Q, d.E_T, d.S_B) == (1 / (k + 1), k / (k + 1) ** 2, 1 / (2 * (k + 1) ** 2))
    assert (d.E_T_C, d.S_B_C) == (sp.Rational(1, 4), sp.Rational(1, 8))
    assert d.E_T / d.E_T_C == 4 * k / (k + 1) ** 2


def test_general_n_symmetric_first_order_condition():
    """ch-partners, proof: with n a symbol, the symmetric first-order condition gives a/((n+1)y), and
    the efficiency 4n/(n+1)^2 is 1 at n = 1, 8/9 at n = 2 and tends to 0."""
    n, a, y, T, m = sp.symbols("n a y T m", positive=True)
    foc = T * (a - y * n * m) - T * y * m  # d/dm_i of T m_i (a - y sum m), at m_j = m
    (m_N,) = sp.solve(foc, m)
    assert sp.simplify(m_N - a / ((n + 1) * y)) == 0
    eff = sp.simplify(n * T * m_N * (a - y * n * m_N) / (T * a**2 / (4 * y)))
    assert eff.subs(n, 1) == 1 and eff.subs(n, 2) == sp.Rational(8, 9)
    assert sp.limit(eff, n, sp.oo) == 0


# --- over the whole parameter space ------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(p=valid_params(), n=st.integers(1, 6))  # the sympy solutions of test_sympy_solution_... (cached)
def test_solve_equals_the_sympy_multiples(p, n):
    """The package's numbers are sympy's multiples of a/y, T a and U, for every valid parameter set."""
    d, o = C.derive(n), C.solve(p, n)
    assert o.markups.shape == (n,)
    assert np.allclose(o.markups, [float(c) * p.a / p.y for c in d.markups], rtol=1e-12, atol=0)
    assert abs(o.Q - float(d.Q) * p.T * p.a) <= 1e-9 * p.T * p.x
    assert abs(o.E_T - float(d.E_T) * U(p)) <= tol(p)
    assert abs(o.S_B - float(d.S_B) * U(p)) <= tol(p)
    assert abs(o.payoffs.sum() - o.E_T) <= tol(p)
    c = C.solve(p, n, "cooperative")
    assert abs(c.E_T - float(d.E_T_C) * U(p)) <= tol(p) and abs(c.S_B - float(d.S_B_C) * U(p)) <= tol(p)


@settings(max_examples=80, deadline=None)
@given(p=valid_params(), n=ns, i=st.integers(0, 7))
def test_no_partner_gains_by_changing_its_markup_alone(p, n, i):
    """ch-partners, Nash equilibrium by brute force: partner i's payoff on a grid of its own markups
    (others fixed at theirs) never beats its equilibrium payoff."""
    i = i % n
    o = C.solve(p, n)
    grid = np.linspace(0, 2 * p.a / p.y, 2001)
    trial = np.repeat(o.markups[:, None], grid.size, axis=1)
    trial[i] = grid
    assert payoff(p, trial, i).max() <= payoff(p, o.markups[:, None], i)[0] + tol(p)


@settings(max_examples=80, deadline=None)
@given(p=valid_params(), n=ns)
def test_cooperation_maximizes_the_total_and_beats_nash_unless_n_is_one(p, n):
    """ch-partners: the cooperative total is the largest over every joint markup, and the Nash total
    falls short of it by the factor 4n/(n+1)^2 (no loss with a single provider)."""
    c, o = C.solve(p, n, "cooperative"), C.solve(p, n)
    s = np.linspace(0, 2 * p.a / p.y, 4001)
    total = np.maximum(p.T * (p.a - p.y * s), 0) * s
    assert total.max() <= c.E_T + tol(p)
    assert abs(o.E_T / c.E_T - C.efficiency(n)) <= 1e-9 * p.x / p.a
    if n > 1:
        assert o.E_T < c.E_T and o.S_B < c.S_B and o.Q < c.Q


@settings(max_examples=60, deadline=None)
@given(p=valid_params(), n=st.integers(1, 30))
def test_each_extra_layer_raises_the_price_and_lowers_quantity_total_and_surplus(p, n):
    """ch-partners, 'adding independent layers': from n to n + 1 partners the price rises and Q, E_T
    and S_B all fall."""
    o, o1 = C.solve(p, n), C.solve(p, n + 1)
    assert o1.P > o.P and o1.Q < o.Q and o1.E_T < o.E_T and o1.S_B < o.S_B


@settings(max_examples=60, deadline=None)
@given(p=valid_params())
def test_two_partners_is_the_books_nash_game_and_one_is_cooperation(p):
    """ch-partners links ch-nash and ch-cooperation: n = 2 reproduces the two-player Nash regime and
    its 8/9 efficiency; n = 1 (a merged provider) reproduces the cooperative outcome."""
    two, nash = C.solve(p, 2), solve2(p, "nash")
    assert np.allclose(two.markups, [nash.m_M, nash.m_R]) and np.isclose(two.P, nash.P)
    assert np.isclose(two.E_T, nash.E_T) and np.isclose(two.S_B, nash.S_B)
    assert np.isclose(C.efficiency(2), compare(p).efficiency["nash"])
    one, coop = C.solve(p, 1), solve2(p, "cooperative")
    assert np.isclose(one.P, coop.P) and np.isclose(one.E_T, coop.E_T) and np.isclose(one.S_B, coop.S_B)


def test_efficiency_falls_toward_zero():
    """ch-partners: 4n/(n+1)^2 is 1 at n = 1, 8/9 at n = 2, strictly decreasing, and below 4/n."""
    n = np.arange(1, 10001)
    e = C.efficiency(n)
    assert e[0] == 1.0 and e[1] == pytest.approx(8 / 9)
    assert np.all(np.diff(e) < 0) and np.all(e < 4 / n)
    assert C.efficiency(10**6) < 4e-6


def test_arrays_broadcast_with_partners_first():
    """Package rule: arrays broadcast; markups and payoffs have the partners on the first axis."""
    p = EXAMPLE.replace(x=np.array([10.0, 12.0, 14.0]))
    o = C.solve(p, 4)
    assert o.markups.shape == o.payoffs.shape == (4, 3) and o.Q.shape == o.E_T.shape == (3,)
    assert np.allclose(o.payoffs.sum(axis=0), o.E_T)


# --- bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, -1, 2.0, 1.5, True, "2", None, np.float64(3.0), np.bool_(True)])
def test_n_that_is_not_a_positive_integer_raises(bad):
    """Issue 10: an n that is not a positive integer raises ValueError naming n (floats refused, even 2.0)."""
    with pytest.raises(ValueError, match="^n must be a positive integer"):
        C.solve(EXAMPLE, bad)
    with pytest.raises(ValueError, match="^n must be a positive integer"):
        C.efficiency(bad)


def test_numpy_integers_are_accepted():
    """A numpy integer is an integer (as range accepts it)."""
    assert C.solve(EXAMPLE, np.int64(3)).n == 3 and C.efficiency(np.int32(2)) == pytest.approx(8 / 9)


@pytest.mark.parametrize("bad", [[1, 0], [1.0, 2.0], []])
def test_bad_arrays_of_n_raise(bad):
    with pytest.raises(ValueError, match="^n must be a positive integer"):
        C.efficiency(bad)


def test_bad_regime_and_params():
    with pytest.raises(ValueError, match="^regime must be one of 'nash', 'cooperative'"):
        C.solve(EXAMPLE, 2, "soe_leads")
    with pytest.raises(ValueError, match="^params must be a Params"):
        C.solve({"x": 1}, 2)


# --- the explorer ----------------------------------------------------------------------------------------


def test_explorer_frames_differ_and_say_what_they_show():
    """ch-partners explorer: one stored frame per n from 1 to 12, each a different picture with its own alt."""
    import re

    e = C.explore_partners()
    frames = [child.value for child in getattr(e, "frames", e.stack.children)]
    assert len(frames) == 12 and len(set(frames)) == 12
    alts = [re.search(r'alt="([^"]*)"', f).group(1) for f in frames]
    assert len(set(alts)) == 12 and alts[0].startswith("With 1 independent partner each")


@settings(max_examples=40, deadline=None)
@given(valid_params(), st.integers(2, 12))
def test_grim_trigger_threshold_of_a_chain(p, n):
    """ex-partners-1: with an equal split, the best breach and Nash reversion, a chain of n needs
    delta >= (n + 1)**2 / (n**2 + 6 n + 1) (9/17 for two), computed here from the model's payoffs in money."""
    agreed = p.a / (2 * n * p.y)
    best = (p.a - p.y * (n - 1) * agreed) / (2 * p.y)
    c = p.T * (p.a - p.y * n * agreed) * agreed
    d = p.T * (p.a - p.y * ((n - 1) * agreed + best)) * best
    pun = C.solve(p, n).E_T / n
    assert (d - c) / (d - pun) == pytest.approx((n + 1) ** 2 / (n**2 + 6 * n + 1), rel=1e-9)
    assert (d - c) / d == pytest.approx(((n - 1) / (n + 1)) ** 2, rel=1e-9)   # with breakdown (0 each)
