"""The paper version of the classroom experiment (``experiment-students``): the score grid keeps the model's
predictions, and the printed tables say what the model says.

The page claims, for the discretised game that the printed table defines (strategies: the grid's markups; payoffs:
the model's): the Nash markup pair is its unique Nash equilibrium, pure or mixed; every partner's markup has one best
reply; each Stackelberg outcome on the grid is unique and equals the continuous one; the cooperative markups are on
the grid; grim trigger sustains cooperation on the grid from the discount factor the page glues.
"""

from __future__ import annotations

import re
from fractions import Fraction

import nashpy
import numpy as np
import pytest
from hypothesis import given

from soe_grassroots import EXAMPLE, MARKUPS, Params, best_response, paper, solve
from soe_grassroots.repeated import critical_discount
from strategies import valid_params

EXACT = paper.unit_scores()
SHARES = list(paper.GRID)


def test_grid_holds_every_regime_share():
    """`GRID` holds the Nash, cooperative and both Stackelberg shares ("the score table" in experiment-students)."""
    for regime, (c_M, c_R) in MARKUPS.items():
        assert c_M in SHARES and c_R in SHARES, regime


def test_every_partner_markup_has_one_best_reply():
    """No ties: a best reply on the grid is never a coin toss (needed for the Stackelberg claim)."""
    assert all(len(r) == 1 for r in paper.best_replies(EXACT))


def test_best_replies_are_the_grid_points_nearest_the_continuous_best_response():
    """Payoffs are concave and symmetric about the continuous best response (a - y m) / (2y), so the best reply on
    the grid is the grid point nearest to it; checked against `regimes.best_response`, not against our own code."""
    m = paper.markups(EXAMPLE)
    for j, reply in enumerate(paper.best_replies(EXACT)):
        target = best_response(EXAMPLE, "M", m[j])
        distance = np.abs(m - target)
        assert reply == [int(np.argmin(distance))]
        assert np.sum(np.isclose(distance, distance.min())) == 1


def test_the_nash_pair_is_the_only_pure_equilibrium_of_the_grid_game():
    """The whole-number table of the old page had three; this one has one, the book's Nash markups."""
    nash = SHARES.index(MARKUPS["nash"][0])
    assert paper.pure_equilibria(EXACT) == [(nash, nash)]


def test_iterated_dominance_leaves_only_the_nash_markup():
    """Hence the Nash pair is the only equilibrium, mixed ones included."""
    assert paper.dominance_survivors(EXACT) == [SHARES.index(MARKUPS["nash"][0])]


def test_nashpy_finds_only_the_nash_pair():
    """An independent check with nashpy: support enumeration over the grid game (row payoffs A, column A.T)."""
    A = np.array(EXACT, dtype=float) * 1000
    equilibria = list(nashpy.Game(A, A.T).support_enumeration())
    nash = SHARES.index(MARKUPS["nash"][0])
    assert len(equilibria) == 1
    sigma_r, sigma_c = equilibria[0]
    assert np.argmax(sigma_r) == nash == np.argmax(sigma_c) and np.isclose(sigma_r.max(), 1)


def test_stackelberg_on_the_grid_is_the_continuous_one():
    """A leader who picks from the grid, facing a follower who best-replies on it, ends at the shares 1/2 and 1/4."""
    leader, follower = paper.stackelberg(EXACT)
    assert (SHARES[leader], SHARES[follower]) == MARKUPS["soe_leads"]
    assert paper.regime_markups()["grassroots_leads"] == (follower, leader)


def test_the_old_whole_number_table_fails_the_checks():
    """The issue's finding, reproduced: on whole markups 0..6 (shares k/8) there are three equilibria."""
    old = [Fraction(k, 8) for k in range(7)]
    assert paper.pure_equilibria(paper.unit_scores(old)) == [(2, 3), (3, 2), (3, 3)]
    with pytest.raises(ValueError, match="tie"):
        paper.stackelberg(paper.unit_scores(old))
    with pytest.raises(ValueError, match="grid must hold the nash share 1/3"):
        paper.regime_markups(old)


def test_a_uniform_grid_of_thirds_has_extra_equilibria():
    """Why the grid is not uniform: with step s, (N + s, N - s) is also an equilibrium (best-reply slope -1/2)."""
    thirds = [Fraction(k, 24) for k in range(6, 13)]  # 2, 2⅓, ..., 4 for EXAMPLE
    assert len(paper.pure_equilibria(paper.unit_scores(thirds))) == 3


def test_grim_trigger_threshold_on_the_grid():
    """On the grid the best breach of the cooperative markup is the Nash markup, so the threshold is that of the
    two-action game of ch-repeated (`critical_discount`, deviation "matrix")."""
    at = paper.regime_markups()
    delta = paper.cooperation_breach(EXACT, at["cooperative"][0], at["nash"][0])
    assert delta == Fraction(1, 2)
    assert np.isclose(float(delta), critical_discount(EXAMPLE, deviation="matrix"))


def test_float_tables_are_the_model_and_the_exact_game_scaled():
    """`scores` comes from `evaluate`; it is T a^2 / y times the exact unit scores (the scale invariance that the
    module's claims rest on); `served` is T (a - y (m_i + m_j)), clipped at zero."""
    scale = EXAMPLE.T * EXAMPLE.a**2 / EXAMPLE.y
    assert np.allclose(paper.scores(EXAMPLE), scale * np.array(EXACT, float))
    m = paper.markups(EXAMPLE)
    assert np.allclose(paper.served(EXAMPLE), np.maximum(EXAMPLE.T * (EXAMPLE.a - EXAMPLE.y * (m[:, None] + m)), 0))


@given(valid_params())
def test_the_grid_game_has_the_same_equilibria_for_every_parameter_set(params):
    """The float tables of any valid `Params` have the exact game's best replies, equilibrium and leader outcome."""
    table = paper.scores(params)
    assert paper.best_replies(table) == paper.best_replies(EXACT)
    assert paper.pure_equilibria(table) == paper.pure_equilibria(EXACT)
    assert paper.stackelberg(table) == paper.stackelberg(EXACT)
    nash = solve(params, "nash")
    i, j = paper.pure_equilibria(table)[0]
    assert np.isclose(paper.markups(params)[i], nash.m_M) and np.isclose(paper.markups(params)[j], nash.m_R)


def _printed(table: str) -> np.ndarray:
    rows = [line for line in table.splitlines()[2:]]
    return np.array([[float(c) for c in r.strip("|").split("|")[1:]] for r in rows])


def test_the_printed_table_keeps_the_best_replies():
    """Students read rounded scores: the rounded EXAMPLE table has the same strict best replies and equilibria."""
    printed = _printed(paper.score_table(EXAMPLE))
    assert np.allclose(printed, np.round(paper.scores(EXAMPLE), 1))
    assert paper.best_replies(printed.tolist()) == paper.best_replies(EXACT)
    assert paper.pure_equilibria(printed.tolist()) == paper.pure_equilibria(EXACT)
    assert paper.stackelberg(printed.tolist()) == paper.stackelberg(EXACT)


def test_printed_headers_are_the_grid_markups():
    head = paper.score_table(EXAMPLE).splitlines()[0]
    assert re.findall(r"\*\*([^*]+)\*\*", head) == ["1", "1⅔", "2", "2⅓", "2⅔", "4", "5", "6"]


def test_predictions_table_matches_solve():
    lines = paper.predictions(EXAMPLE).splitlines()[2:]
    assert [line.split("|")[5].strip() for line in lines] == [f"{solve(EXAMPLE, r).Q:.0f}" for r in
                                                              ("nash", "soe_leads", "grassroots_leads",
                                                               "cooperative")]
    assert lines[0].split("|")[2].strip() == "2⅔"


def test_bad_input_is_refused_with_a_message():
    with pytest.raises(ValueError, match="params must be a Params instance"):
        paper.markups({"x": 10})
    with pytest.raises(ValueError, match="params must hold one parameter set"):
        paper.scores(Params(x=np.array([10.0, 11.0]), y=1, h=2, T_M=1, T_R=1))
