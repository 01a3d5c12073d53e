"""The primer chapter (ch-primer): its model-drawn prisoner's dilemma and the toy repeated game."""

import base64
import fractions
import html
import io
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soe_grassroots import Params, best_response, evaluate, primer
from test_properties import valid_params


def _model_matrix_in_units_of_U():
    """The SOE's 2x2 payoffs (rows: its markup a/(4y) or a/(3y); columns: R's), derived here with sympy."""
    import sympy as sp

    a, y, T = sp.symbols("a y T", positive=True)
    act = {"C": a / (4 * y), "N": a / (3 * y)}
    U = T * a**2 / y
    return {(i, j): sp.simplify(T * (a - y * (act[i] + act[j])) * act[i] / U) for i in "CN" for j in "CN"}


def test_model_dilemma_payoffs_are_the_fractions_the_primer_quotes():
    """ch-primer, the book's dilemma: in units of U = T a^2/y the SOE gets 1/8, 5/48, 5/36, 1/9."""
    import sympy as sp

    E = _model_matrix_in_units_of_U()
    assert E == {("C", "C"): sp.Rational(1, 8), ("C", "N"): sp.Rational(5, 48),
                 ("N", "C"): sp.Rational(5, 36), ("N", "N"): sp.Rational(1, 9)}
    # it is a prisoner's dilemma: temptation > reward > punishment > sucker
    assert E["N", "C"] > E["C", "C"] > E["N", "N"] > E["C", "N"]


@settings(max_examples=60, deadline=None)
@given(valid_params())
def test_package_matrix_matches_the_primer_fractions_for_every_valid_parameter_set(p):
    """ch-primer, the dilemma's matrix from the package: evaluate at solve's C and N markups, divided by U.

    Rows are the SOE's action and columns the grassroots organization's (the book's order, SOE first).
    """
    from soe_grassroots import evaluate, solve

    U = p.T * p.a**2 / p.y
    markup = {"C": solve(p, "cooperative").m_M, "N": solve(p, "nash").m_M}
    E = {(m, r): float(v) for (m, r), v in _model_matrix_in_units_of_U().items()}
    for m in "CN":
        for r in "CN":
            o = evaluate(p, m_M=markup[m], m_R=markup[r])
            assert o.E_M / U == pytest.approx(E[m, r], rel=1e-6)
            assert o.E_R / U == pytest.approx(E[r, m], rel=1e-6)  # the game is symmetric


def test_model_dilemma_has_one_equilibrium_both_charging_the_nash_markup():
    """ch-primer, the NBVAL cell: nashpy finds (N, N) as the only equilibrium, by both algorithms."""
    import nashpy

    E = {k: float(v) for k, v in _model_matrix_in_units_of_U().items()}
    A = np.array([[E["C", "C"], E["C", "N"]], [E["N", "C"], E["N", "N"]]])
    game = nashpy.Game(A, A.T)
    for eqs in (list(game.support_enumeration()), list(game.vertex_enumeration())):
        assert len(eqs) == 1
        assert np.allclose(eqs[0][0], [0, 1]) and np.allclose(eqs[0][1], [0, 1])



@st.composite
def dilemma_payoffs(draw):
    """Any payoffs with temptation > reward > punishment, gaps at least 1e-3."""
    punishment = draw(st.floats(-10.0, 10.0))
    reward = punishment + draw(st.floats(1e-3, 10.0))
    temptation = reward + draw(st.floats(1e-3, 10.0))
    return reward, temptation, punishment


@settings(max_examples=200, deadline=None)
@given(dilemma_payoffs(), st.floats(0.0, 0.999))
def test_cooperation_pays_exactly_from_the_patience_threshold_on(payoffs, delta):
    """ch-primer, first look at repeated play: cooperating for ever beats defecting once iff delta >= threshold."""
    reward, temptation, punishment = payoffs
    star = primer.patience_threshold(reward, temptation, punishment)
    assert 0 < star < 1
    gap = primer.cooperate_forever(delta, reward) - primer.defect_once(delta, temptation, punishment)
    scale = 1e-9 * (abs(temptation) + abs(reward) + abs(punishment)) / (1 - delta)
    if delta > star + 1e-9:
        assert gap > -scale
    elif delta < star - 1e-9:
        assert gap < scale
    # the gap is (1 - delta)^-1 * (temptation - punishment) * (delta - star): its sign is that of delta - star
    assert gap == pytest.approx((temptation - punishment) * (delta - star) / (1 - delta), abs=10 * scale + 1e-12)


@settings(max_examples=100, deadline=None)
@given(st.floats(-10.0, 10.0), st.floats(0.0, 0.9))
def test_present_value_of_a_long_constant_stream_approaches_c_over_one_minus_delta(c, delta):
    """ch-primer, present value: c + c delta + c delta^2 + ... = c / (1 - delta)."""
    finite = primer.present_value([c] * 400, delta)
    assert finite == pytest.approx(primer.cooperate_forever(delta, c), rel=1e-9, abs=1e-9)


def test_present_value_matches_exact_fractions():
    """ch-primer: a stream 4, 1, 1 at delta = 1/2 is worth 4 + 1/2 + 1/4."""
    assert primer.present_value([4, 1, 1], 0.5) == float(fractions.Fraction(19, 4))


@pytest.mark.parametrize("kwargs, message", [
    (dict(temptation=3.0), "temptation must exceed reward"),
    (dict(punishment=3.0), "reward must exceed punishment"),
    (dict(sucker=1.0), "punishment must exceed sucker"),
])
def test_toy_dilemma_rejects_payoffs_that_are_not_a_dilemma(kwargs, message):
    """Invalid input names the parameter and the rule."""
    with pytest.raises(ValueError, match=message):
        primer.toy_dilemma(**kwargs)


@pytest.mark.parametrize("delta", [-0.1, 1.0, float("nan")])
def test_discount_factor_outside_unit_interval_is_rejected(delta):
    """delta must lie in [0, 1); the message names delta."""
    with pytest.raises(ValueError, match="delta"):
        primer.cooperate_forever(delta)


def test_toy_dilemma_is_a_prisoners_dilemma_with_one_equilibrium():
    """ch-primer, toy game: defecting is strictly dominant and (defect, defect) the only equilibrium."""
    import nashpy

    A, B = primer.toy_dilemma()
    assert np.all(A[1] > A[0]) and np.all(B[:, 1] > B[:, 0])
    eqs = list(nashpy.Game(A, B).support_enumeration())
    assert len(eqs) == 1 and np.allclose(eqs[0][0], [0, 1]) and np.allclose(eqs[0][1], [0, 1])


@pytest.mark.slow  # about 2-5 s: left out of `make check`, run by `make test`
def test_patience_explorer_stores_a_different_frame_for_every_delta():
    """ch-primer explorer: the main slider (delta) changes the picture and the alt text on the static site."""
    from PIL import Image

    def _pixels(frame_html):
        data = re.search(r"base64,([A-Za-z0-9+/=]+)", frame_html).group(1)
        return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB"), dtype=int)

    def _alt(frame_html):
        return html.unescape(re.search(r'alt="([^"]*)"', frame_html).group(1))

    e = primer.explore_primer()
    stored = [child.value for child in e.stack.children[:len(e.slider.options)]]  # one per position
    frames = [_pixels(value) for value in stored]
    assert len(frames) == 19
    for before, after in zip(frames, frames[1:]):
        assert before.shape == after.shape and np.any(before != after)
    alts = [_alt(value) for value in stored]
    assert len(set(alts)) == len(alts)
    assert "defecting once pays more" in alts[0] and "cooperating for ever pays more" in alts[-1]


def test_patience_explorer_shows_the_rule_for_invalid_payoffs():
    """ch-primer explorer, live: a temptation below the reward shows the rule instead of a figure."""
    e = primer.explore_primer()
    e.controls["temptation"].value = 3.25
    assert e.message.value == ""
    e.state["temptation"] = 2.0
    e.render()
    assert "temptation must exceed reward" in e.message.value


def test_params_are_ignored_by_the_toy_diagram():
    """The toy diagram accepts a Params only for the Explorer protocol; the picture does not depend on it."""
    d1 = primer.PatienceDiagram(Params(x=10, y=1, h=2, T_M=1, T_R=1), 0.4)
    d2 = primer.PatienceDiagram(None, 0.4)
    assert d1.alt == d2.alt


@settings(max_examples=40, deadline=None)
@given(valid_params())
def test_one_seller_peaks_at_the_joint_markup_and_two_sellers_cross_at_the_nash_markup(p):
    """ch-primer, "How much? Choosing a number" (primer-markup): a grid search over one seller's markup finds a/(2y),
    and the two best replies cross at a/(3y), where the two together earn less than the single seller."""
    top = p.a / p.y
    grid = np.linspace(0, top, 2001)
    one = evaluate(p, m_M=grid, m_R=0.0).E_M
    assert abs(grid[np.argmax(one)] - p.a / (2 * p.y)) <= grid[1] - grid[0]
    cross = p.a / (3 * p.y)
    assert best_response(p, "M", cross) == pytest.approx(cross) and best_response(p, "R", cross) == pytest.approx(cross)
    two = evaluate(p, m_M=cross, m_R=cross)
    assert two.E_T < one.max()


def test_markup_figure_marks_the_single_sellers_peak_and_the_crossing():
    """ch-primer, fig-primer-markup: the dot on the left is at (a/(2y), T a^2/(4y)), the dot on the right at a/(3y)."""
    from soe_grassroots import EXAMPLE

    p = EXAMPLE
    left, right = primer.markup_figure(p).axes
    peak = left.lines[1]
    assert peak.get_xdata()[0] == pytest.approx(p.a / (2 * p.y))
    assert peak.get_ydata()[0] == pytest.approx(p.T * p.a**2 / (4 * p.y))
    cross = right.lines[2]
    assert cross.get_xdata()[0] == pytest.approx(p.a / (3 * p.y)) == cross.get_ydata()[0]
    # the two best-reply lines: the SOE's is drawn with m_M on the horizontal axis
    br_M, br_R = right.lines[0], right.lines[1]
    assert np.allclose(br_M.get_xdata(), best_response(p, "M", br_M.get_ydata()))
    assert np.allclose(br_R.get_ydata(), best_response(p, "R", br_R.get_xdata()))


def test_game_tree_prints_payoffs_soe_first():
    """ch-primer, fig-primer-fee-tree: leaves read (SOE, cooperative), the book's order."""
    leaf = {"payoffs": {"R": 2, "M": 3}}
    fig = primer.game_tree({"name": "root", "player": "R", "moves": {"a": leaf, "b": {"payoffs": {"R": 0, "M": 0}}}})
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert "(3, 2)" in labels and "(2, 3)" not in labels
