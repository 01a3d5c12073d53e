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

from strategies import valid_params
from soe_grassroots import EXAMPLE, Params, best_response, evaluate, solve
from soe_grassroots import repeated as rep

s, f, delta = sp.Symbol("s", real=True), sp.Symbol("f", real=True), sp.Symbol("delta", real=True)
HALF = sp.Rational(1, 2)
CASES = [(d, p) for d in rep.DEVIATIONS for p in rep.PUNISHMENTS]


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
    U = rep.unit(EXAMPLE)
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
    """present_values needs delta in [0, 1); play needs noise in [0, 1]; backward_induction a positive horizon."""
    for bad in (1.0, -0.1, float("nan")):
        with pytest.raises(ValueError, match="^delta "):
            rep.present_values(EXAMPLE, bad)
    g = rep.stage_game(EXAMPLE)
    with pytest.raises(ValueError, match="^noise "):
        rep.play(rep.TIT_FOR_TAT, rep.TIT_FOR_TAT, (g.A, g.B), noise=2)
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
@given(valid_params(), st.sampled_from(rep.DEVIATIONS), st.sampled_from(rep.PUNISHMENTS),
       st.one_of(st.just(0.0), st.floats(0, 0.05), st.floats(0, 5)), st.floats(0, 1), st.floats(0, 0.999))
def test_grim_trigger_simulation_agrees_with_critical_discount(p, deviation, punishment, f_U, share, d):
    """Chapter ch-repeated, the key proposition: grim trigger sustains cooperation exactly at the deltas
    `windows` reports, and `critical_discount` is the smallest of them (inf if there is none), over all
    valid parameters, both deviations, both punishments, penalties F >= 0 and shares in [0, 1]."""
    U = rep.unit(p)
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
    U = rep.unit(EXAMPLE)
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


# --- known end, strategies, tournament ------------------------------------------------------

@pytest.mark.parametrize("periods", [1, 2, 5, 20])
def test_backward_induction_unravels(periods):
    """Chapter ch-repeated, a known end: every period of a finitely repeated stage game is (N, N)."""
    assert rep.backward_induction(rep.stage_game(EXAMPLE), periods) == [("N", "N")] * periods


def test_strategies_behave_as_named():
    """Chapter ch-repeated: grim trigger never forgives, tit-for-tat copies, win-stay-lose-shift repeats after
    matching actions."""
    g = rep.stage_game(EXAMPLE)
    table = (g.A / g.U, g.B / g.U)
    rng = np.random.default_rng(3)
    noisy = rep.Strategy("breach once", lambda mine, theirs, r: rep.N if len(mine) == 2 else rep.C)
    acts, _ = rep.play(rep.GRIM_TRIGGER, noisy, table, rounds=8, rng=rng)
    assert acts[:, 0].tolist() == [0, 0, 0, 1, 1, 1, 1, 1]
    acts, _ = rep.play(rep.TIT_FOR_TAT, noisy, table, rounds=6, rng=rng)
    assert acts[:, 0].tolist() == [0, 0, 0, 1, 0, 0]
    acts, _ = rep.play(rep.WIN_STAY_LOSE_SHIFT, noisy, table, rounds=6, rng=rng)
    assert acts[:, 0].tolist() == [0, 0, 0, 1, 1, 1]  # it won with N against a non-retaliator: it stays
    slip = rep.Strategy("WSLS, slips once",
                        lambda mine, theirs, r: rep.N if len(mine) == 2 else rep.WIN_STAY_LOSE_SHIFT(mine, theirs, r))
    acts, _ = rep.play(slip, rep.WIN_STAY_LOSE_SHIFT, table, rounds=6, rng=rng)
    assert acts.tolist() == [[0, 0], [0, 0], [1, 0], [1, 1], [0, 0], [0, 0]]  # one round of N, N, then back
    acts, pay = rep.play(rep.ALWAYS_COOPERATE, rep.ALWAYS_BREACH, table, rounds=4)
    assert pay[:, 0] == pytest.approx([5 / 48] * 4) and pay[:, 1] == pytest.approx([5 / 36] * 4)


def test_tournament_is_deterministic_for_a_seed():
    """Chapter ch-repeated: the tournament's table is reproducible: same seed, same numbers."""
    g = rep.stage_game(EXAMPLE)
    table = (g.A / g.U, g.B / g.U)
    one = rep.tournament(rep.STRATEGIES, table, rounds=60, noise=0.05, repetitions=2, seed=7)
    two = rep.tournament(rep.STRATEGIES, table, rounds=60, noise=0.05, repetitions=2, seed=7)
    other = rep.tournament(rep.STRATEGIES, table, rounds=60, noise=0.05, repetitions=2, seed=8)
    assert np.array_equal(one.matrix, two.matrix) and one.ranking() == two.ranking()
    assert not np.array_equal(one.matrix, other.matrix)


def test_noise_free_tournament_ranks_reciprocity_first():
    """Chapter ch-repeated: without noise, grim trigger and tit-for-tat share the top; always breach is last."""
    g = rep.stage_game(EXAMPLE)
    t = rep.tournament(rep.STRATEGIES, (g.A / g.U, g.B / g.U), rounds=200, repetitions=1)
    names = [n for n, _ in t.ranking()]
    assert set(names[:2]) == {"grim trigger", "tit-for-tat"} and names[-1] == "always breach"


def test_score_discounted_matches_geometric_sum():
    """score(..., delta) is (1 - delta) times the present value of the rows."""
    pay = np.ones((400, 1))
    assert rep.score(pay, 0.9)[0] == pytest.approx(1 - 0.9**400)


def test_explorer_plot_alt_and_frames():
    """Chapter ch-repeated explorer: the plot states the verdict in its alt text; one frame per delta."""
    plot = rep.RepeatedPlot(EXAMPLE, 0.6)
    assert "cooperation holds" in plot.alt
    plot.update(EXAMPLE, 0.4)
    assert "cooperation fails" in plot.alt
    explorer = rep.explore_repeated()
    assert len(explorer.frames) == 19  # delta = 0, 0.05, ..., 0.9
