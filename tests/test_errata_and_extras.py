"""Checks of the helpers chapters 3-5 lean on (the errata appendix is tested in test_errata.py)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soe_grassroots import EXAMPLE, Params, best_response, dilemma, evaluate
from soe_grassroots import symbolic as S


def test_best_response_formula_is_the_symbolic_best_response():
    """ch-nash: regimes.best_response is the sympy best response (while it is positive)."""
    for player, other in (("M", S.m_R), ("R", S.m_M)):
        symbolic_br = S.best_responses()[player]
        numeric = best_response(Params(x=10, y=1.5, h=2, T_M=1.2, T_R=0.7), player, 1.0)
        assert numeric == pytest.approx(float(symbolic_br.subs(
            {S.x: 10, S.y: 1.5, S.h: 2, S.T_M: 1.2, S.T_R: 0.7, other: 1.0})))


def test_best_response_is_zero_once_the_other_markup_prices_everyone_out():
    """ch-nash: past the choke price no markup earns anything; the response is 0, not negative."""
    assert best_response(EXAMPLE, "R", EXAMPLE.a / EXAMPLE.y + 1) == 0.0
    with pytest.raises(ValueError, match="player must be 'M' or 'R'"):
        best_response(EXAMPLE, "X", 1.0)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.1, 10), st.floats(0.1, 5), st.floats(0, 5), st.floats(0.1, 50))
def test_dilemma_has_the_papers_hypothesis_3_ranking(y, T, h, a):
    """coop-dilemma, hypothesis 3: E_R(C, N) > E_R(C, C) > E_R(N, N) > E_R(N, C) (SOE's action first; the paper's
    E_R^NC > E_R^CC > E_R^NN > E_R^CN) for every valid parameter set."""
    d = dilemma(Params(x=y * h + a, y=y, h=h, T_M=T, T_R=1.0))
    assert d["CN"].E_R > d["CC"].E_R > d["NN"].E_R > d["NC"].E_R
    assert d["NC"].E_M > d["CC"].E_M > d["NN"].E_M > d["CN"].E_M  # and the mirror for M


def test_dilemma_actions_are_the_cooperative_and_nash_markups():
    """coop-dilemma: 'C' is half the joint optimum a/(2y); 'N' is the Nash markup a/(3y); keys SOE first."""
    d = dilemma(EXAMPLE)
    assert d["CC"].m_M == pytest.approx(EXAMPLE.a / (4 * EXAMPLE.y))
    assert d["NN"].m_R == pytest.approx(EXAMPLE.a / (3 * EXAMPLE.y))
    assert d["CN"].m_R == d["NN"].m_R and d["CN"].m_M == d["CC"].m_M


def test_evaluate_reproduces_the_nash_markups_fixed_point():
    """ch-nash: at the Nash markups each player's markup is its own best response."""
    from soe_grassroots import solve

    n = solve(EXAMPLE, "nash")
    assert best_response(EXAMPLE, "M", n.m_R) == pytest.approx(n.m_M)
    assert best_response(EXAMPLE, "R", n.m_M) == pytest.approx(n.m_R)
    grid = np.linspace(0, EXAMPLE.a / EXAMPLE.y, 801)
    assert evaluate(EXAMPLE, grid, n.m_R).E_M.max() <= n.E_M * (1 + 1e-12)
