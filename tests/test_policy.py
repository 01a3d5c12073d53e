"""The chapter "From the model to policy" (ch-policy): every claim it makes, checked.

The comparative statics are proved with sympy and then checked by finite
differences of `solve` over the whole valid parameter space (Hypothesis); the
repeated-game thresholds are checked by simulating discounted payoffs.
"""

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from soe_grassroots import EXAMPLE, REGIMES, Params, best_response, evaluate, policy, solve


@st.composite
def valid_params(draw, h_min=0.0):
    """Any valid parameter set: y, T_M, T_R in [1e-2, 1e2], h in [h_min, 1e2], x = y h + a, a in [1e-2, 1e3]."""
    y, T_M, T_R = (draw(st.floats(1e-2, 1e2)) for _ in range(3))
    h = draw(st.floats(h_min, 1e2))
    a = draw(st.floats(1e-2, 1e3))
    return Params(x=y * h + a, y=y, h=h, T_M=T_M, T_R=T_R)


EXPECTED_SIGNS = {"x": 1, "y": -1, "h": -1, "T_M": 1, "T_R": 1}
"""The chapter's table of signs: the direction of every quantity after a rise of each lever."""


# --- comparative statics (sympy) ---------------------------------------------------------------

@pytest.mark.parametrize("lever", policy.STAGE_LEVERS)
def test_sign_table_holds_in_every_regime_for_every_quantity(lever):
    """Proposition 'one direction for all': each lever moves payoffs, Q and S_B the same way in all regimes."""
    for regime in REGIMES:
        for q in policy.QUANTITIES:
            assert policy.sign(lever, q, regime) == EXPECTED_SIGNS[lever]


@pytest.mark.parametrize("lever", policy.STAGE_LEVERS)
def test_elasticities_do_not_depend_on_the_regime(lever):
    """Proposition 'same percentages': the elasticity of each quantity is the same expression in every regime."""
    for q in policy.QUANTITIES:
        assert policy.same_in_every_regime(lever, q)


def test_multipliers_have_unit_elasticity_and_payoffs_react_twice_as_strongly_to_a():
    """The chapter's elasticities: T_M, T_R have elasticity 1; payoffs and S_B react to x and h twice as much as Q."""
    for lever in ("T_M", "T_R"):
        assert all(policy.elasticity(lever, q, "nash") == 1 for q in policy.QUANTITIES)
    for lever in ("x", "h"):
        ratio = sp.simplify(policy.elasticity(lever, "E_T", "nash") / policy.elasticity(lever, "Q", "nash"))
        assert ratio == 2


def test_unknown_lever_or_quantity_raises():
    """Bad input names the argument."""
    with pytest.raises(ValueError, match="lever must be one of"):
        policy.derivative("delta", "Q", "nash")  # not a parameter of the one-shot game
    with pytest.raises(ValueError, match="quantity must be one of"):
        policy.derivative("h", "W2", "nash")
    with pytest.raises(ValueError, match="regime must be one of"):
        policy.derivative("h", "Q", "collusion")


# --- the same claims by finite differences ------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(valid_params(h_min=1e-2), st.sampled_from(policy.STAGE_LEVERS), st.sampled_from(REGIMES),
       st.sampled_from(policy.QUANTITIES))
def test_finite_differences_agree_with_the_sympy_sign_and_elasticity(p, lever, regime, q):
    """A 0.001 % move of a lever either way changes each quantity in the signed direction, by the elasticity."""
    eps = 1e-5
    try:
        up = p.replace(**{lever: getattr(p, lever) * (1 + eps)})
        down = p.replace(**{lever: getattr(p, lever) * (1 - eps)})
    except ValueError:  # a rise of y (or h) can push y h to x when a is tiny relative to x
        assume(False)
    before, after = getattr(solve(down, regime), q), getattr(solve(up, regime), q)
    measured = (after - before) / (2 * eps * getattr(solve(p, regime), q))  # central difference
    predicted = policy.elasticities(p, lever)[q]
    assume(abs(predicted) * eps > 1e-9 * p.x / p.a)  # the change must stand above rounding
    assert np.sign(after - before) == EXPECTED_SIGNS[lever]
    assert measured == pytest.approx(predicted, rel=1e-3, abs=1e-6 * p.x / p.a)


@settings(max_examples=150, deadline=None)
@given(valid_params(), st.sampled_from(policy.STAGE_LEVERS), st.floats(-0.5, 0.5))
def test_a_lever_changes_every_regime_by_the_same_percentage(p, lever, change):
    """The policy lab's line 'in every regime': the percentage change is the same across the four regimes."""
    try:
        effect = policy.lever_effect(p, lever, change)
    except ValueError:
        assume(False)
    for q in policy.QUANTITIES:
        pct = [100 * (getattr(effect.after[r], q) / getattr(effect.before[r], q) - 1) for r in REGIMES]
        scale = 1e-8 * (p.x / p.a + 1) * (1 + abs(effect.percent[q]))
        assert pct == pytest.approx([effect.percent[q]] * 4, abs=scale * 100)


def test_lever_effect_rejects_impossible_moves():
    """A change of -100 % or less, or one that breaks x > y h, raises ValueError naming the rule."""
    with pytest.raises(ValueError, match="change must be"):
        policy.lever_effect(EXAMPLE, "h", -1.0)
    with pytest.raises(ValueError, match="x must exceed y\\*h"):
        policy.lever_effect(EXAMPLE, "h", 4.0)


# --- the repeated game: penalty and share --------------------------------------------------------

def grim_trigger_holds(p, delta, f, s, player, horizon=4000):
    """Brute force: discounted payoffs of cooperating for ever vs the best breach then Nash (units of U); s is theta."""
    U = p.T * p.a**2 / p.y
    agreed = {"M": s * p.a / (2 * p.y), "R": (1 - s) * p.a / (2 * p.y)}
    other = "R" if player == "M" else "M"
    pay = {"M": "E_M", "R": "E_R"}[player]
    coop = getattr(evaluate(p, agreed["M"], agreed["R"]), pay) / U
    reply = best_response(p, player, agreed[other])
    pair = (reply, agreed["R"]) if player == "M" else (agreed["M"], reply)
    breach = getattr(evaluate(p, *pair), pay) / U
    nash = solve(p, "nash").E_M / U
    weights = delta ** np.arange(horizon)
    return coop * weights.sum() >= breach - f + nash * weights[1:].sum() - 1e-12


def test_thresholds_at_the_equal_split_are_nine_seventeenths_and_one_sixty_fourth():
    """The chapter's numbers: without a penalty the threshold is 9/17; a penalty of U/64 removes it."""
    t = policy.thresholds()
    half = {t["theta"]: sp.Rational(1, 2)}
    assert sp.nsimplify(t["delta"]["M"].subs({**half, t["f"]: 0})) == sp.Rational(9, 17)
    gain = sp.simplify(t["d"]["M"] - t["c"]["M"]).subs(half)
    assert gain == sp.Rational(1, 64)
    assert policy.critical_discount(1 / 64) == 0.0
    assert policy.critical_discount(0.0) == pytest.approx(9 / 17)


def test_threshold_falls_with_the_penalty():
    """Proposition on the penalty: d delta*/d f < 0 for 0 <= f < 1/64 at the equal split (sympy)."""
    t = policy.thresholds()
    d = sp.diff(t["delta"]["M"].subs(t["theta"], sp.Rational(1, 2)), t["f"])
    assert sp.simplify(d) != 0
    for f in np.linspace(0, 1 / 64, 20, endpoint=False):
        assert float(d.subs(t["f"], f)) < 0


def test_only_shares_strictly_between_four_and_five_ninths_can_be_sustained():
    """Shares (rep-shares, applied in ch-policy): Nash reversion can hold only 4/9 < theta < 5/9 without a penalty."""
    t = policy.thresholds()
    lo = sp.solve(sp.Eq(t["c"]["M"], t["p"]["M"]), t["theta"])
    hi = sp.solve(sp.Eq(t["c"]["R"], t["p"]["R"]), t["theta"])
    assert lo == [sp.Rational(4, 9)] and hi == [sp.Rational(5, 9)]
    assert math.isinf(policy.critical_discount(0.0, 4 / 9)) and math.isinf(policy.critical_discount(0.0, 5 / 9))
    assert policy.critical_discount(0.0, 0.45) < 1 and policy.critical_discount(0.0, 0.55) < 1


@settings(max_examples=60, deadline=None)
@given(valid_params(), st.floats(0.0, 0.02), st.floats(0.42, 0.58))
def test_critical_discount_agrees_with_simulated_grim_trigger(p, f, s):
    """Brute force: just above delta* both partners prefer cooperation, just below one of them breaches."""
    d = policy.critical_discount(f, s)
    if math.isinf(d):
        assert not all(grim_trigger_holds(p, 0.999, f, s, i) for i in "MR")
        return
    assume(d < 0.99)
    assert all(grim_trigger_holds(p, min(d + 0.005, 0.999), f, s, i) for i in "MR")
    if d > 0.005:
        assert not all(grim_trigger_holds(p, d - 0.005, f, s, i) for i in "MR")


def test_critical_discount_matches_the_repeated_game_module():
    """The repeated-game chapter's module gives the same thresholds (best breach, Nash reversion)."""
    repeated = pytest.importorskip("soe_grassroots.repeated")
    U = EXAMPLE.T * EXAMPLE.a**2 / EXAMPLE.y
    for f, s in [(0.0, 0.5), (0.005, 0.5), (0.0, 0.47), (0.002, 0.53), (0.02, 0.5)]:
        theirs = repeated.critical_discount(EXAMPLE, deviation="best", penalty=f * U, share=s)
        assert policy.critical_discount(f, s) == pytest.approx(theirs, abs=1e-9)


def test_bad_penalty_or_share_raises():
    """Bad input names the argument and the rule."""
    with pytest.raises(ValueError, match="penalty_share must be"):
        policy.critical_discount(-0.1)
    with pytest.raises(ValueError, match="share must be"):
        policy.critical_discount(0.0, 1.5)
    with pytest.raises(ValueError, match="penalty_share must be finite"):
        policy.critical_discount(float("inf"))


# --- the recommendations and the lab ------------------------------------------------------------

def test_every_recommendation_moves_known_levers_and_names_a_gap():
    """The closing table: five recommendations in the paper's order, each read as known levers, each with a gap."""
    assert [r.number for r in policy.RECOMMENDATIONS] == [1, 2, 3, 4, 5]
    for r in policy.RECOMMENDATIONS:
        assert r.moves and all(k in policy.LEVERS for k in r.moves)
        assert r.reading and r.gap


def test_policy_lab_stores_one_distinct_frame_per_change():
    """The policy lab's main slider (change of the lever, %) works on the static site."""
    e = policy.explore_policy()
    frames = [child.value for child in e.frames]
    assert len(frames) == len(e.slider.options) == 11
    assert len(set(frames)) == len(frames)


def test_policy_lab_dropdown_switches_the_lever():
    """Choosing another lever in a live notebook redraws the lab for that lever."""
    lab = policy.PolicyLab(EXAMPLE, lever="h", change=-20)
    assert "unit cost h" in lab.alt
    lab.update(EXAMPLE, lever="T_R", change=10)
    assert "grassroots driving role" in lab.alt and "+10.0 %" in lab.alt


def test_thresholds_contain_no_parameter_of_the_one_shot_game():
    """ch-policy, prop-policy-repeated: the thresholds depend on the model only through theta and f = F/U."""
    t = policy.thresholds()
    for i in "MR":
        assert t["delta"][i].free_symbols == {t["theta"], t["f"]}
    assert set(t) == {"c", "d", "p", "delta", "theta", "f"}  # the book's (c, d, p) and theta only


def test_threshold_rises_as_the_penalty_share_falls_inside_the_band():
    """prop-policy-repeated: d delta*/d f = -(c - p)/(d - p - f)**2 < 0 wherever c > p (the band)."""
    t = policy.thresholds()
    for i in "MR":
        c, d, p = t["c"][i], t["d"][i], t["p"][i]
        assert sp.simplify(sp.diff(t["delta"][i], t["f"]) + (c - p) / (d - p - t["f"]) ** 2) == 0


@settings(max_examples=60, deadline=None)
@given(valid_params(), st.floats(0.0, 0.08), st.floats(0.3, 0.7))
def test_window_is_the_set_of_discount_factors_where_grim_trigger_holds(p, f, s):
    """policy.window: inside [low, high] both partners keep the agreement, just outside one of them breaches."""
    low, high = policy.window(f, s)
    probes = [0.0, 0.2, 0.4, 0.6, 0.8, 0.95]
    for delta in probes:
        holds = all(grim_trigger_holds(p, delta, f, s, i) for i in "MR")
        if low + 1e-6 < delta < high - 1e-6:
            assert holds
        elif delta < low - 1e-6 or delta > high + 1e-6:
            assert not holds


def test_outside_the_band_a_penalty_works_only_below_some_discount_factor():
    """ch-policy: at theta = 0.42 a penalty of U/20 holds cooperation for small delta, not for patient partners."""
    low, high = policy.window(0.05, 0.42)
    assert low == 0.0 and 0.5 < high < 1.0
    U = EXAMPLE.T * EXAMPLE.a**2 / EXAMPLE.y
    repeated = pytest.importorskip("soe_grassroots.repeated")
    theirs = repeated.windows(EXAMPLE, "best", penalty=0.05 * U, share=0.42)["both"]
    assert (low, high) == pytest.approx((theirs.low, theirs.high))
    assert grim_trigger_holds(EXAMPLE, 0.3, 0.05, 0.42, "M")
    assert not grim_trigger_holds(EXAMPLE, 0.95, 0.05, 0.42, "M")
    assert math.isinf(policy.window(0.0, 0.42)[0])


def test_a_side_payment_does_not_widen_the_share_band():
    """ch-policy (issue 16, section 3): a transfer t from M to R at equal markups gives M the threshold
    9/17 + 576 t/17, which reaches 1 at t = 1/72, a net share of 4/9: the edge of the band."""
    t = policy.thresholds()
    tr = sp.Symbol("t", nonnegative=True)
    at = {t["theta"]: sp.Rational(1, 2)}
    c, d, p = t["c"]["M"].subs(at) - tr, t["d"]["M"].subs(at), t["p"]["M"]
    payer = sp.expand((d - c) / (d - p))
    assert payer == sp.Rational(9, 17) + 576 * tr / 17
    (edge,) = sp.solve(sp.Eq(payer, 1), tr)
    assert (sp.Rational(1, 8) - edge) / sp.Rational(1, 4) == sp.Rational(4, 9)


def simulate_punishment(kind, delta, deviation, fine=1 / 64, horizon=3000):
    """Brute force, equal split, units of U: keep for ever against breach once and follow the punishment."""
    repeated = pytest.importorskip("soe_grassroots.repeated")
    c, d, p = repeated.unit_payoffs(0.5, deviation, "nash")["M"]
    w = delta ** np.arange(horizon)
    keep = c * w.sum()
    after = {"nash": p * w[1:].sum(), "breakdown": 0.0, "short": c * w[2:].sum(), "fine": c * w[1:].sum()}[kind]
    return keep >= d - (fine if kind == "fine" else 0.0) + after - 1e-12


@pytest.mark.parametrize("kind", list(policy.PUNISHMENTS))
@pytest.mark.parametrize("deviation", ["best", "matrix"])
def test_punishment_thresholds_agree_with_simulated_play(kind, deviation):
    """ch-policy's table of punishments (pol-punishments): each holds from its threshold on, not below it."""
    threshold = float(policy.punishments()[kind].holds_from[deviation])
    for delta in np.linspace(0.0, 0.99, 100):
        if abs(delta - threshold) > 1e-3:
            assert simulate_punishment(kind, delta, deviation) == (delta >= threshold)


def test_the_punishment_needing_least_patience_serves_no_household():
    """pol-punishments: breakdown for ever has the lowest threshold short of a penalty, and S_B = 0 while it lasts;
    Nash reversion leaves the households U/18, and the thresholds match the repeated-game module."""
    pun = policy.punishments()
    repeated = pytest.importorskip("soe_grassroots.repeated")
    for dev in ("best", "matrix"):
        assert float(pun["breakdown"].holds_from[dev]) == pytest.approx(
            repeated.critical_discount(EXAMPLE, dev, "minmax"))
        assert float(pun["nash"].holds_from[dev]) == pytest.approx(repeated.critical_discount(EXAMPLE, dev, "nash"))
        others = [pun[k].holds_from[dev] for k in ("nash", "short")]
        assert all(pun["breakdown"].holds_from[dev] < v for v in others)
    assert pun["breakdown"].surplus == 0 and pun["nash"].surplus == sp.Rational(1, 18)
    assert policy.punishments(fine=0.01)["fine"].holds_from["best"] == sp.oo  # below the one-period gain 1/64


def test_punishments_rejects_a_negative_fine():
    """Bad input names the argument and the rule."""
    with pytest.raises(ValueError, match="fine must be >= 0"):
        policy.punishments(fine=-0.01)
