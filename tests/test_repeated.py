"""The repeated-game chapter (``ch-repeated``) and `soe_grassroots.repeated`.

* The closed forms of the module are proved equal to what sympy derives from
  the model's definitions (`derive_unit_payoffs`, `derive_threshold`).
* The values the chapter states (stage payoffs, the best breach, the four
  thresholds, the penalty formula, the share interval) are checked on the
  sympy derivation, not typed in and compared with themselves.
* A Hypothesis property plays grim trigger out period by period, with stage
  payoffs from `soe_grassroots.model.evaluate`, and checks that cooperation
  holds exactly where `critical_discount` / `windows` say, on both sides of
  each threshold, over the whole valid parameter space.
"""

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from soe_grassroots import EXAMPLE, Params, best_response, evaluate, solve
from soe_grassroots import repeated as rep
from strategies import valid_params

s, f, delta = sp.Symbol("theta", real=True), sp.Symbol("f", real=True), sp.Symbol("delta", real=True)
HALF = sp.Rational(1, 2)
GRIM = ("nash", "minmax")  # the punishments that last for ever (grim trigger); "stick" has its own tests
CASES = [(d, p) for d in rep.DEVIATIONS for p in GRIM]


# --- closed forms against sympy --------------------------------------------------------------

@pytest.mark.parametrize("deviation, punishment", CASES)
def test_unit_payoffs_equal_sympy_derivation(deviation, punishment):
    """Chapter ch-repeated: the module's (c, d, p) for every share equal sympy's derivation from the model."""
    closed = rep.unit_payoffs(s, deviation, punishment)
    derived = rep.derive_unit_payoffs(deviation, punishment)
    for who in ("M", "R"):
        for mine, theirs in zip(closed[who], derived[who]):
            assert not sp.sympify(mine).atoms(sp.Float)  # exact, not rounded
            assert sp.simplify(sp.sympify(mine) - theirs) == 0


@pytest.mark.parametrize("deviation, punishment", CASES)
@pytest.mark.parametrize("who", ["M", "R"])
def test_threshold_formula_equals_sympy_solution(deviation, punishment, who):
    """Chapter ch-repeated: threshold(c, d, p, f) is the root sympy finds of the present-value condition."""
    c, d, p = rep.unit_payoffs(s, deviation, punishment)[who]
    closed = rep.threshold(c, d, p, f)
    assert sp.simplify(closed - rep.derive_threshold(deviation, punishment, who)) == 0


def test_stage_payoffs_are_the_chapters_table():
    """Chapter ch-repeated, the stage game: 1/8 each, 5/48 to the one who keeps, 5/36 to the breacher, 1/9 each."""
    (cM, dM, pM), (cR, dR, pR) = (rep.derive_unit_payoffs("matrix")[w] for w in ("M", "R"))
    at = {s: HALF}
    assert [v.subs(at) for v in (cM, cR, dM, dR, pM, pR)] == [sp.Rational(1, 8)] * 2 + [sp.Rational(5, 36)] * 2 \
        + [sp.Rational(1, 9)] * 2
    # the one who keeps the agreement while the other breaches: M's payoff at (a/(4y), a/(3y))
    g = rep.stage_game(EXAMPLE)
    assert g.A[0, 1] / g.U == pytest.approx(5 / 48, rel=1e-12)
    assert np.allclose(g.A / g.U, [[1 / 8, 5 / 48], [5 / 36, 1 / 9]], rtol=1e-12)
    assert np.array_equal(g.B, g.A.T)


def test_best_breach_markup_and_payoff():
    """Chapter ch-repeated: the best reply to a/(4y) is 3a/(8y) and earns 9/64 U."""
    x, y, h, T_M, T_R = sp.symbols("x y h T_M T_R", positive=True)
    from soe_grassroots import symbolic as sym

    E_R = sym.payoffs()["R"]
    a = x - y * h
    reply = sp.solve(sp.diff(E_R, sym.m_R), sym.m_R)[0].subs(sym.m_M, a / (4 * y))
    assert sp.simplify(reply - 3 * a / (8 * y)) == 0
    assert rep.derive_unit_payoffs("best")["R"][1].subs(s, HALF) == sp.Rational(9, 64)


@pytest.mark.parametrize("deviation, punishment, expected", [
    ("matrix", "nash", sp.Rational(1, 2)), ("best", "nash", sp.Rational(9, 17)),
    ("matrix", "minmax", sp.Rational(1, 10)), ("best", "minmax", sp.Rational(1, 9)),
])
def test_four_thresholds(deviation, punishment, expected):
    """Chapter ch-repeated, the four thresholds 1/2, 9/17, 1/10, 1/9 (sympy), and critical_discount agrees."""
    for who in ("M", "R"):
        assert rep.derive_threshold(deviation, punishment, who).subs({s: HALF, f: 0}) == expected
    assert rep.critical_discount(EXAMPLE, deviation, punishment) == pytest.approx(float(expected), abs=1e-14)


def test_penalty_formula_and_self_enforcing_bound():
    """Chapter ch-repeated: delta*(F) = 9(1 - 64F/U)/(17 - 576F/U); any F >= U/64 makes every delta work."""
    derived = rep.derive_threshold("best", "nash", "R").subs(s, HALF)
    assert sp.simplify(derived - 9 * (1 - 64 * f) / (17 - 576 * f)) == 0
    assert sp.solve(sp.Eq(derived, 0), f) == [sp.Rational(1, 64)]
    U = EXAMPLE.U
    for F in (U / 64, U / 64 * 1.5, 10 * U):
        assert rep.critical_discount(EXAMPLE, "best", penalty=F) == 0.0
    assert rep.critical_discount(EXAMPLE, "best", penalty=U / 64 * 0.9) > 0.0
    w = rep.windows(EXAMPLE, "best", penalty=U / 64)["both"]
    assert (w.low, w.high) == (0.0, 1.0)


def test_share_interval_is_open_four_ninths_five_ninths():
    """Chapter ch-repeated, unequal splits: without a penalty, grim trigger works only for 4/9 < s < 5/9."""
    for deviation in rep.DEVIATIONS:
        c_M, _, p_M = rep.derive_unit_payoffs(deviation)["M"]
        c_R, _, p_R = rep.derive_unit_payoffs(deviation)["R"]
        # as delta -> 1 a partner keeps the agreement iff c > p
        assert sp.solve(sp.Eq(c_M, p_M), s) == [sp.Rational(4, 9)]
        assert sp.solve(sp.Eq(c_R, p_R), s) == [sp.Rational(5, 9)]
        for share, finite in ((4 / 9 - 1e-9, False), (4 / 9 + 1e-6, True), (0.5, True),
                              (5 / 9 - 1e-6, True), (5 / 9 + 1e-9, False), (0.0, False), (1.0, False)):
            assert math.isfinite(rep.critical_discount(EXAMPLE, deviation, share=share)) is finite
        # the patience needed rises steeply away from 1/2: to 1 at the ends of the interval
        assert rep.critical_discount(EXAMPLE, deviation, share=4 / 9 + 1e-6) > 0.999


def test_stage_game_markups_and_nashpy():
    """Chapter ch-repeated: the markups are a/(4y) and a/(3y); the stage game's only equilibrium is (N, N)."""
    g = rep.stage_game(EXAMPLE)
    assert (g.cooperate, g.nash) == pytest.approx((EXAMPLE.a / 4, EXAMPLE.a / 3))
    eqs = list(g.game().support_enumeration())
    assert len(eqs) == 1
    assert np.allclose(eqs[0][0], [0, 1]) and np.allclose(eqs[0][1], [0, 1])
    with pytest.raises(ValueError, match="params must hold scalars"):
        rep.stage_game(Params(x=np.array([10.0, 12.0]), y=1, h=2, T_M=1, T_R=1))


# --- bad input -----------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, name", [
    ({"deviation": "worst"}, "deviation"), ({"deviation": None}, "deviation"),
    ({"punishment": "prison"}, "punishment"), ({"penalty": -1.0}, "penalty"),
    ({"penalty": float("nan")}, "penalty"), ({"penalty": float("inf")}, "penalty"),
    ({"penalty": "high"}, "penalty"), ({"share": -0.01}, "share"), ({"share": 1.5}, "share"),
    ({"share": float("nan")}, "share"),
])
def test_bad_arguments_raise_naming_them(kwargs, name):
    """Issue 9 API: bad input raises ValueError naming the argument."""
    with pytest.raises(ValueError, match=rf"^{name} "):
        rep.critical_discount(EXAMPLE, **kwargs)


def test_bad_delta_and_strategy_arguments():
    """present_values needs delta in [0, 1); backward_induction a positive horizon."""
    for bad in (1.0, -0.1, float("nan")):
        with pytest.raises(ValueError, match="^delta "):
            rep.present_values(EXAMPLE, bad)
    g = rep.stage_game(EXAMPLE)
    with pytest.raises(ValueError, match="^periods "):
        rep.backward_induction(g, 0)


# --- grim trigger played out, against critical_discount (Hypothesis) -----------------------



def grim_trigger_slack(p, d, deviation, punishment, F, share, who, horizon=300):
    """Present value of keeping minus that of breaching now, for partner ``who``, played out.

    Stage payoffs come from `evaluate` at the markups actually charged; the
    first ``horizon`` periods are summed one by one, the (stationary) rest as
    an exact geometric tail.
    """
    other = "R" if who == "M" else "M"
    agreed = {"M": share * p.a / (2 * p.y), "R": (1 - share) * p.a / (2 * p.y)}
    nash = solve(p, "nash").m_M

    def pay(mine, theirs):
        o = evaluate(p, mine, theirs) if who == "M" else evaluate(p, theirs, mine)
        return o.E_M if who == "M" else o.E_R

    breach = nash if deviation == "matrix" else float(best_response(p, who, agreed[other]))
    if punishment == "nash":  # both at Nash markups; the breacher's best reply to Nash is Nash
        later = pay(nash, nash)
    else:  # the partner charges the choke markup a/y; the breacher's best reply then earns nothing
        later = max(pay(m, p.a / p.y) for m in np.linspace(0, p.a / p.y, 11))
    keep_path = np.full(horizon, pay(agreed[who], agreed[other]))
    breach_path = np.r_[pay(breach, agreed[other]) - F, np.full(horizon - 1, later)]
    weights = d ** np.arange(horizon)
    tail = d**horizon / (1 - d)
    return (weights @ keep_path + tail * keep_path[-1]) - (weights @ breach_path + tail * later)


@settings(max_examples=150, deadline=None)
@given(valid_params(), st.sampled_from(rep.DEVIATIONS), st.sampled_from(GRIM),
       st.one_of(st.just(0.0), st.floats(0, 0.05), st.floats(0, 5)), st.floats(0, 1), st.floats(0, 0.999))
def test_grim_trigger_simulation_agrees_with_critical_discount(p, deviation, punishment, f_U, share, d):
    """Chapter ch-repeated, the key proposition: grim trigger sustains cooperation exactly at the deltas
    `windows` reports, and `critical_discount` is the smallest of them (inf if there is none), over all
    valid parameters, both deviations, both punishments, penalties F >= 0 and shares in [0, 1]."""
    U = p.U
    F = f_U * U
    w = rep.windows(p, deviation, punishment, F, share)
    low = rep.critical_discount(p, deviation, punishment, F, share)
    assert low == w["both"].low
    eta = 1e-3
    points = {d, 0.0, 0.5, 0.99}
    for edge in (w["both"].low, w["both"].high, w["M"].low, w["R"].low, w["M"].high, w["R"].high):
        if math.isfinite(edge):
            points |= {edge - eta, edge + eta}
    for point in sorted(x for x in points if 0 <= x < 1 - eta / 2):
        slack = [grim_trigger_slack(p, point, deviation, punishment, F, share, who) for who in ("M", "R")]
        tol = 1e-12 * (p.x / p.a) * (U + F) / (1 - point)
        if min(abs(v) for v in slack) < tol:
            continue  # too close to a threshold to call in floating point
        holds = all(v > 0 for v in slack)
        assert holds == (w["both"].low <= point <= w["both"].high), (point, slack, w)
        for who, v in zip(("M", "R"), slack):
            assert (v > 0) == (w[who].low <= point <= w[who].high)
    if low == 0.0 and w["both"].high == 1.0:
        assert all(min(grim_trigger_slack(p, x, deviation, punishment, F, share, who) for who in ("M", "R"))
                   > -1e-12 * (p.x / p.a) * (U + F) / (1 - x) for x in (0.0, 0.3, 0.9, 0.999))


def test_corner_where_only_impatience_sustains_cooperation():
    """Chapter ch-repeated: with s = 0.3 and a penalty above M's breach gain, only deltas up to a bound work
    (M's agreed payoff is below its Nash payoff, so a patient M prefers the punishment)."""
    U = EXAMPLE.U
    w = rep.windows(EXAMPLE, "matrix", "nash", 0.04 * U, 0.3)
    assert w["both"].low == 0.0 and 0 < w["both"].high < 1
    assert rep.critical_discount(EXAMPLE, penalty=0.04 * U, share=0.3) == 0.0
    assert grim_trigger_slack(EXAMPLE, w["both"].high + 0.01, "matrix", "nash", 0.04 * U, 0.3, "M") < 0


def test_arrays_broadcast():
    """critical_discount broadcasts over shares (one value per share)."""
    shares = np.array([0.4, 0.5, 0.6])
    out = rep.critical_discount(EXAMPLE, share=shares)
    assert out.shape == (3,)
    assert np.isinf(out[0]) and out[1] == pytest.approx(0.5) and np.isinf(out[2])


def test_present_values_cross_at_threshold():
    """At delta = 9/17 the best breach and keeping the agreement are worth the same."""
    keep, breach = rep.present_values(EXAMPLE, 9 / 17, "best")["R"]
    assert keep == pytest.approx(breach, rel=1e-12)


# --- short punishments (stick and carrot) ---------------------------------------------------

R = sp.Rational


@pytest.mark.parametrize("deviation, k, expected", [
    ("best", 1, R(1, 8)), ("matrix", 1, R(1, 9)),
    ("best", 2, (sp.sqrt(6) - 2) / 4), ("matrix", 2, (sp.sqrt(13) - 3) / 6),
])
def test_stick_thresholds(deviation, k, expected):
    """Chapter ch-enforcement, short punishments: k periods of breakdown, then back to the agreement, work from
    delta = 1/8 and 1/9 (k = 1) and (sqrt 6 - 2)/4 and (sqrt 13 - 3)/6 (k = 2), by sympy; critical_discount
    agrees."""
    for who in ("M", "R"):
        derived = rep.derive_threshold(deviation, "stick", who, stick=k).subs({s: HALF, f: 0})
        assert sp.simplify(derived - expected) == 0
    assert rep.critical_discount(EXAMPLE, deviation, "stick", stick=k) == pytest.approx(float(expected), abs=1e-14)


@pytest.mark.parametrize("k", [1, 2])
@pytest.mark.parametrize("deviation", rep.DEVIATIONS)
def test_stick_closed_form_equals_sympy_for_every_share_and_penalty(deviation, k):
    """Chapter ch-enforcement: the module's closed form for stick = 1, 2 equals sympy's root at any share and
    penalty inside the window."""
    for share in (R(2, 5), R(1, 2), R(3, 5)):
        for fine in (R(0), R(1, 200)):
            U = EXAMPLE.U
            got = rep.windows(EXAMPLE, deviation, "stick", float(fine) * U, float(share), stick=k)
            for who in ("M", "R"):
                root = rep.derive_threshold(deviation, "stick", who, stick=k).subs({s: share, f: fine})
                value = complex(sp.N(root))
                if abs(value.imag) < 1e-12 and 0 < value.real < 1:
                    assert got[who].low == pytest.approx(value.real, abs=1e-12)


@pytest.mark.parametrize("k", [3, 4, 7])
@pytest.mark.parametrize("deviation", rep.DEVIATIONS)
def test_longer_sticks_solve_the_sympy_condition(deviation, k):
    """Chapter ch-enforcement: for longer sticks critical_discount is the root in (0, 1) of sympy's condition
    c (1 + delta + ... + delta^k) = d - f."""
    condition = rep.derive_condition(deviation, "stick", "R", stick=k).subs({s: HALF, f: 0})
    roots = [r for r in sp.Poly(condition, delta).real_roots() if 0 < r < 1]
    assert len(roots) == 1
    assert rep.critical_discount(EXAMPLE, deviation, "stick", stick=k) == pytest.approx(float(roots[0]), abs=1e-12)
    with pytest.raises(ValueError, match="^stick must be 1 or 2"):
        rep.derive_threshold(deviation, "stick", stick=k)


@pytest.mark.parametrize("deviation", rep.DEVIATIONS)
def test_longer_sticks_need_less_patience_down_to_breakdown_for_ever(deviation):
    """Chapter ch-enforcement: the stick's threshold falls with its length towards that of breakdown for ever
    (1/9 best breach, 1/10 matrix breach), and stays above it."""
    values = [rep.critical_discount(EXAMPLE, deviation, "stick", stick=k) for k in range(1, 12)]
    forever = rep.critical_discount(EXAMPLE, deviation, "minmax")
    assert all(a > b for a, b in zip(values, values[1:])) and all(v > forever for v in values)
    assert rep.critical_discount(EXAMPLE, deviation, "stick", stick=60) == pytest.approx(forever, abs=1e-12)
    assert forever == pytest.approx(1 / 9 if deviation == "best" else 1 / 10, abs=1e-14)


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2", None])
def test_stick_must_be_a_positive_integer(bad):
    """Bad input: a stick that is not a positive integer is a ValueError naming `stick`."""
    with pytest.raises(ValueError, match="^stick must be a positive integer"):
        rep.critical_discount(EXAMPLE, "best", "stick", stick=bad)


def test_breakdown_is_a_stage_equilibrium():
    """Chapter ch-enforcement: when the partner charges the choke markup a/y, no markup sells anything, so
    breakdown is a Nash equilibrium of the pricing stage game (each earns 0, its minmax payoff)."""
    choke = EXAMPLE.a / EXAMPLE.y
    for m in np.linspace(0, 2 * choke, 41):
        assert evaluate(EXAMPLE, m, choke).E_M == 0 and evaluate(EXAMPLE, choke, m).E_R == 0
    # ... and 0 is the least a partner can be held to: charging a positive markup never earns less than 0
    assert best_response(EXAMPLE, "R", choke) >= 0


def stick_slack(p, d, deviation, F, share, who, k, horizon=400):
    """Present value of keeping minus that of breaching now under a k-period stick, played out from `evaluate`
    (breakdown: both charge the choke markup a/y), for partner `who`."""
    other = "R" if who == "M" else "M"
    agreed = {"M": share * p.a / (2 * p.y), "R": (1 - share) * p.a / (2 * p.y)}
    choke = p.a / p.y

    def pay(mine, theirs):
        o = evaluate(p, mine, theirs) if who == "M" else evaluate(p, theirs, mine)
        return o.E_M if who == "M" else o.E_R

    nash = solve(p, "nash").m_M
    breach = nash if deviation == "matrix" else float(best_response(p, who, agreed[other]))
    c = pay(agreed[who], agreed[other])
    stream = np.r_[pay(breach, agreed[other]) - F, [pay(choke, choke)] * k, np.full(horizon, c)]
    weights = d ** np.arange(len(stream))
    tail = d ** len(stream) * c / (1 - d)
    return c / (1 - d) - (weights @ stream + tail)


@settings(max_examples=100, deadline=None)
@given(valid_params(), st.sampled_from(rep.DEVIATIONS), st.integers(1, 6),
       st.one_of(st.just(0.0), st.floats(0, 0.05)), st.floats(0.05, 0.95), st.floats(0, 0.98))
def test_stick_simulation_agrees_with_critical_discount(p, deviation, k, f_U, share, d):
    """Chapter ch-enforcement: a k-period stick sustains cooperation exactly from the delta that
    critical_discount reports, played out period by period from the model, over the whole parameter space."""
    U = p.U
    F = f_U * U
    low = rep.critical_discount(p, deviation, "stick", F, share, stick=k)
    for point in {d, 0.0, 0.5, *(low + e for e in (-1e-3, 1e-3) if math.isfinite(low))}:
        if not 0 <= point < 0.999:
            continue
        slack = [stick_slack(p, point, deviation, F, share, who, k) for who in ("M", "R")]
        if min(abs(v) for v in slack) < 1e-10 * (p.x / p.a) * (U + F) / (1 - point):
            continue
        assert all(v > 0 for v in slack) == (point >= low), (point, low, slack)


# --- a known last period in the pricing game --------------------------------------------------

@pytest.mark.parametrize("deviation, expected", [("best", R(9, 64)), ("matrix", R(1, 8))])
def test_finite_horizon_threshold(deviation, expected):
    """Chapter ch-enforcement, a known end: in the pricing game (two stage equilibria), keeping the agreement
    until the last period, Nash markups in it and breakdown after a breach is subgame perfect from delta = 9/64
    (best breach) and 1/8 (matrix breach), by sympy; finite_horizon_discount agrees."""
    for who in ("M", "R"):
        assert rep.derive_finite_horizon_threshold(deviation, who).subs({s: HALF, f: 0}) == expected
    assert rep.finite_horizon_discount(EXAMPLE, deviation) == pytest.approx(float(expected), abs=1e-14)


def finite_profile_holds(p, d, deviation, F, share, n):
    """Every one-shot deviation from the known-end profile (n periods), checked period by period from the
    model: in period t < n - 1 a partner breaches (best reply or Nash markup) and earns 0 for the rest."""
    nash = solve(p, "nash").m_M
    agreed = {"M": share * p.a / (2 * p.y), "R": (1 - share) * p.a / (2 * p.y)}
    tol = 1e-12 * (p.x / p.a) * (p.U + F) / (1 - d)
    for who, other in (("M", "R"), ("R", "M")):
        def pay(mine, theirs, who=who):
            o = evaluate(p, mine, theirs) if who == "M" else evaluate(p, theirs, mine)
            return o.E_M if who == "M" else o.E_R

        c, last = pay(agreed[who], agreed[other]), pay(nash, nash)
        breach = nash if deviation == "matrix" else float(best_response(p, who, agreed[other]))
        rest = np.arange(1, n)  # agreement periods from t on, before the last (Nash) period
        keep = c * (1 - d**rest) / (1 - d) + last * d**rest
        if np.any(keep < pay(breach, agreed[other]) - F - tol):
            return False
    return True


@settings(max_examples=100, deadline=None)
@given(valid_params(), st.sampled_from(rep.DEVIATIONS), st.floats(0.3, 0.7), st.floats(0, 0.98))
def test_finite_horizon_profile_is_subgame_perfect_exactly_from_the_threshold(p, deviation, share, d):
    """Chapter ch-enforcement: for every horizon n = 2..3000 the known-end profile survives every one-shot
    deviation exactly when delta >= finite_horizon_discount (shares 0.3-0.7, whole parameter space)."""
    low = rep.finite_horizon_discount(p, deviation, share=share)
    for point in {d, 0.0, 0.5, *(low + e for e in (-1e-3, 1e-3) if math.isfinite(low))}:
        if not 0 <= point <= 0.98 or (math.isfinite(low) and abs(point - low) < 5e-4):
            continue
        assert finite_profile_holds(p, point, deviation, 0.0, share, 3000) == (point >= low), (point, low)


# --- side payments do not widen the band ------------------------------------------------------

def test_side_payment_moves_the_payers_threshold_to_one_at_the_same_edge():
    """Chapter ch-enforcement, unequal splits: with equal markups and a transfer t from M to R each period
    (stopped after a breach), M's threshold against the best breach is 9/17 + 576 t / 17; it reaches 1 at
    t = 1/72, where M's net share is 4/9, the same edge as without transfers."""
    t = sp.Symbol("t", nonnegative=True)
    c, d, p = (v.subs(s, HALF) for v in rep.derive_unit_payoffs("best", "nash")["M"])
    threshold = rep.threshold(c - t, d, p)
    assert sp.simplify(threshold - (R(9, 17) + 576 * t / 17)) == 0
    (edge,) = sp.solve(sp.Eq(threshold, 1), t)
    assert edge == R(1, 72) and (c - edge) / (2 * c) == R(4, 9)


# --- known end, strategies, tournament ------------------------------------------------------

@pytest.mark.parametrize("periods", [1, 2, 5, 20])
def test_backward_induction_unravels(periods):
    """Chapter ch-repeated, a known end: every period of a finitely repeated stage game is (N, N)."""
    assert rep.backward_induction(rep.stage_game(EXAMPLE), periods) == [("N", "N")] * periods


def test_explorer_plot_alt_and_frames():
    """Chapter ch-repeated explorer: the plot states the verdict in its alt text; one frame per delta."""
    plot = rep.RepeatedPlot(EXAMPLE, 0.6)
    assert "cooperation holds" in plot.alt
    plot.update(EXAMPLE, 0.4)
    assert "cooperation fails" in plot.alt
    explorer = rep.explore_repeated()
    assert len(explorer.frames) == 19  # delta = 0, 0.05, ..., 0.9


@given(st.floats(0, 1), st.floats(0, 0.05), st.sampled_from(["matrix", "best"]), st.sampled_from(["nash", "minmax"]))
def test_unit_windows_is_windows_in_units_of_U(share, f, deviation, punishment):
    """`unit_windows` (the one threshold computation, also policy's) equals `windows` with F = f U."""
    ours = rep.unit_windows(share, deviation, punishment, f)
    theirs = rep.windows(EXAMPLE, deviation, punishment, penalty=f * EXAMPLE.U, share=share)
    for k in ("M", "R", "both"):
        assert ours[k] == pytest.approx(theirs[k], abs=1e-12)
    with pytest.raises(ValueError, match=r"^f must be >= 0"):
        rep.unit_windows(share, deviation, punishment, -0.1)


@given(valid_params())
@settings(max_examples=25, deadline=None)
def test_one_stage_game_numeric_and_symbolic(p):
    """stage_game (numeric), stage_game_symbolic and their callers are one game, rows = SOE, SOE first."""
    from soe_grassroots import errata, learning, regimes
    from soe_grassroots import symbolic as sym

    g = rep.stage_game(p)
    A_s, B_s = rep.stage_game_symbolic()
    assert np.allclose(g.A / g.U, np.array(A_s.tolist(), float), rtol=1e-12)
    assert np.allclose(g.B / g.U, np.array(B_s.tolist(), float), rtol=1e-12)
    assert learning.stage_game_symbolic() == (A_s, B_s)
    assert all(np.array_equal(m, n) for m, n in zip(learning.stage_game(p), (g.A / g.U, g.B / g.U)))
    d, two = regimes.dilemma(p), errata.two_action_game()
    values = {sym.x: p.x, sym.y: p.y, sym.h: p.h, sym.T_M: p.T_M, sym.T_R: p.T_R}
    for i, m in enumerate("CN"):
        for j, r in enumerate("CN"):
            assert (d[m + r].E_M, d[m + r].E_R) == (g.A[i, j], g.B[i, j])
            assert [float(e.subs(values)) for e in two[r + m]] == pytest.approx([g.A[i, j], g.B[i, j]], rel=1e-9)
