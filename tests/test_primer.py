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

from soe_grassroots import Params, dilemma, primer
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
def test_package_dilemma_matches_the_primer_fractions_for_every_valid_parameter_set(p):
    """ch-primer: soe_grassroots.dilemma, divided by U, gives the same matrix at any valid parameters."""
    U = p.T * p.a**2 / p.y
    d = dilemma(p)
    E = {(m, r): float(v) for (m, r), v in _model_matrix_in_units_of_U().items()}
    for m in "CN":
        for r in "CN":
            assert d[r + m].E_M / U == pytest.approx(E[m, r], rel=1e-6)  # keys: R's action, then M's
            assert d[r + m].E_R / U == pytest.approx(E[r, m], rel=1e-6)


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


def test_patience_explorer_stores_a_different_frame_for_every_delta():
    """ch-primer explorer: the main slider (delta) changes the picture and the alt text on the static site."""
    from PIL import Image

    def _pixels(frame_html):
        data = re.search(r"base64,([A-Za-z0-9+/=]+)", frame_html).group(1)
        return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB"), dtype=int)

    def _alt(frame_html):
        return html.unescape(re.search(r'alt="([^"]*)"', frame_html).group(1))

    e = primer.explore_patience()
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
    e = primer.explore_patience()
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
