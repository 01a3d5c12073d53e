"""The strategy tournament of ``ch-repeated`` ("Strategies beyond grim trigger", exercise ``ex-rep-6``),
played with axelrod in `soe_grassroots.tournament`.

* Without noise every match but the two between always breach and generous
  tit-for-tat is deterministic; its average payoff per period is derived here
  by hand from the strategies' rules, in terms of the stage game's T, R, P, S
  (read from `repeated.stage_game`, units of U/144) and the number of rounds n.
  A Hypothesis property checks the whole table for every n.
* Against generous tit-for-tat with generosity g, always breach earns T in the
  first period, then T when its partner forgives (probability g) and P
  otherwise: the expected average is (T + (n - 1)(gT + (1 - g)P)) / n.
* The round robin is axelrod's own: same seed, same payoff matrix as
  `axelrod.Tournament`.
"""

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from soe_grassroots import EXAMPLE
from soe_grassroots import repeated as rep
from soe_grassroots import tournament as tt

GAME = rep.stage_game(EXAMPLE)
TABLE = (GAME.A / GAME.U * 144, GAME.B / GAME.U * 144)
(R, S), (T, P) = (sp.nsimplify(v) for v in TABLE[0][0]), (sp.nsimplify(v) for v in TABLE[0][1])
AC, AB, GT, TFT, GTFT, WSLS = range(6)
G = sp.Rational(1, 3)
CHAPTER = dict(rounds=200, repetitions=20, seed=2026)

# importing axelrod takes about 9 s, so the tests that use it import it themselves, and `make check` leaves the
# whole file out (-m "not slow"); `make test` runs it
pytestmark = pytest.mark.slow


def clean_matrix(n):
    """The noise-free per-period averages of the chapter's six strategies over n rounds, derived by hand.

    Entry [i, j] is what strategy i earns against j. The four reciprocating strategies never breach first, so
    among themselves and against always cooperate everyone keeps the agreement (R). Against always breach, grim
    trigger and tit-for-tat keep once and then breach for ever; win-stay, lose-shift keeps after (N, N) and breaches
    after being exploited, so it alternates C, N, C, ... The two cells between always breach and generous tit-for-tat
    are random; they hold their expectations here.
    """
    after_one = (T + (n - 1) * P) / n, (S + (n - 1) * P) / n
    odd, even = sp.ceiling(sp.Rational(n, 2)), sp.floor(sp.Rational(n, 2))
    m = sp.Matrix(6, 6, lambda i, j: R)
    m[AC, AB], m[AB, AC], m[AB, AB] = S, T, P
    m[AB, GT] = m[AB, TFT] = after_one[0]
    m[GT, AB] = m[TFT, AB] = after_one[1]
    m[AB, WSLS], m[WSLS, AB] = (odd * T + even * P) / n, (odd * S + even * P) / n
    m[AB, GTFT] = (T + (n - 1) * (G * T + (1 - G) * P)) / n
    m[GTFT, AB] = (S + (n - 1) * (G * S + (1 - G) * P)) / n
    return m


def test_stage_game_is_the_chapters():
    """ch-repeated: the tournament's stage game in units of U/144 is T = 20, R = 18, P = 16, S = 15."""
    assert (T, R, P, S) == (20, 18, 16, 15) and np.array_equal(TABLE[1], TABLE[0].T)


@settings(max_examples=20, deadline=None)
@given(n=st.integers(min_value=1, max_value=60))
def test_clean_table_is_the_hand_derivation(n):
    """ch-repeated "Strategies beyond grim trigger": without noise every deterministic match averages what the
    strategies' rules give, for every number of rounds; in the two random cells always breach earns T in period 1
    and in each of the k later periods its generous partner forgives, P otherwise, and the partner S or P alike."""
    got = tt.tournament(tt.STRATEGIES, TABLE, rounds=n, repetitions=1, seed=n).matrix
    want = clean_matrix(n)
    random = {(AB, GTFT), (GTFT, AB)}
    for i in range(6):
        for j in range(6):
            if (i, j) not in random:
                assert got[i, j] == pytest.approx(float(want[i, j]), abs=1e-12), (i, j)
    k = (n * got[AB, GTFT] - T - (n - 1) * P) / (T - P)
    assert abs(k - round(k)) < 1e-9 and 0 <= round(k) <= n - 1
    assert got[GTFT, AB] == pytest.approx(float((S + k * S + (n - 1 - k) * P) / n))


def test_always_breach_against_each_opponent():
    """ch-repeated: what always breach earns per period against each opponent without noise (200 rounds): T
    against always cooperate, (T + P)/2 = 18 against win-stay, lose-shift, just above P against grim trigger and
    tit-for-tat, and about 52/3 (not 17.2) against generous tit-for-tat."""
    row = tt.tournament(tt.STRATEGIES, TABLE, noise=0.0, **CHAPTER).matrix[AB]
    want = clean_matrix(200).row(AB)
    assert want[WSLS] == (T + P) / 2 == 18 and want[GTFT] == sp.Rational(10408, 600)
    sd = float((T - P) * sp.sqrt(G * (1 - G) * 199) / 200 / sp.sqrt(20))
    assert row[GTFT] == pytest.approx(float(want[GTFT]), abs=4 * sd)
    assert np.allclose(np.delete(row, GTFT), [float(v) for i, v in enumerate(want) if i != GTFT])


def test_forgiveness_rate_of_generous_tit_for_tat():
    """ch-repeated: generous tit-for-tat forgives a breach with probability g (here over 20 000 periods)."""
    for g in (0.1, 1 / 3):
        actions, payoffs = tt.match(tt.ALWAYS_BREACH, tt.generous(g), TABLE, rounds=20_000, seed=1)
        forgiven = 1 - actions[1:, 1].mean()
        assert forgiven == pytest.approx(g, abs=4 * math.sqrt(g * (1 - g) / 19_999))
        assert np.allclose(payoffs[:, 0], np.where(actions[:, 1] == 0, float(T), float(P)))


def test_generosity_is_nowak_sigmunds():
    """ch-repeated: the book's generosity 1/3 is axelrod's default for GTFT in this stage game,
    min(1 - (T - R)/(R - S), (R - P)/(T - P)) (Nowak & Sigmund)."""
    import axelrod as axl

    player = axl.GTFT()
    player.set_match_attributes(game=tt._game(TABLE[0]))
    assert min(1 - (T - R) / (R - S), (R - P) / (T - P)) == G
    assert player.p == pytest.approx(float(G)) == dict(tt.GENEROUS_TIT_FOR_TAT.options)["p"]


def test_no_strategy_uses_the_known_length():
    """ch-repeated: axelrod tells each player the match length, but none of the six uses it (a known last period
    would change the game, see ch-enforcement); only generous tit-for-tat reads the game, for its default
    generosity, which the book overrides."""
    import axelrod as axl

    uses = {s.name: axl.Classifiers["makes_use_of"](s.make()) for s in tt.STRATEGIES}
    assert all("length" not in u for u in uses.values())
    assert {n for n, u in uses.items() if u} == {"generous tit-for-tat"}


def test_clean_ranking():
    """ch-repeated: without noise grim trigger and tit-for-tat share the top, then generous tit-for-tat,
    win-stay, lose-shift, always cooperate, and always breach last, with the hand-derived scores."""
    result = tt.tournament(tt.STRATEGIES, TABLE, noise=0.0, **CHAPTER)
    names = [name for name, _ in result.ranking()]
    assert names == ["grim trigger", "tit-for-tat", "generous tit-for-tat", "win-stay, lose-shift",
                     "always cooperate", "always breach"]
    want = [float(sum(clean_matrix(200).row(i)) / 6) for i in range(6)]
    assert result.scores == pytest.approx(want, abs=0.01)
    assert result.scores[GT] == result.scores[TFT]


def test_discounted_scores():
    """ex-rep-6: with delta the score is (1 - delta) times the present value of the rounds played."""
    d, n = 0.9, 30
    m = tt.tournament(tt.STRATEGIES, TABLE, rounds=n, repetitions=1, delta=d).matrix
    assert m[AC, AC] == pytest.approx(float(R) * (1 - d**n))
    assert m[AB, GT] == pytest.approx((1 - d) * float(T) + float(P) * (d - d**n))
    first = tt.tournament(tt.STRATEGIES, TABLE, rounds=n, repetitions=1, delta=0.0).matrix
    want = np.full((6, 6), float(R))
    want[:, AB], want[AB, :], want[AB, AB] = float(S), float(T), float(P)
    assert np.allclose(first, want, rtol=0, atol=1e-12)


def test_same_seed_same_result_as_axelrod_tournament():
    """The round robin is axelrod's: same seed, same numbers, equal to `axelrod.Tournament`'s payoff matrix."""
    import axelrod as axl

    kw = dict(rounds=50, noise=0.05, repetitions=3, seed=7)
    one, two = (tt.tournament(tt.STRATEGIES, TABLE, **kw) for _ in range(2))
    other = tt.tournament(tt.STRATEGIES, TABLE, **(kw | {"seed": 8}))
    assert np.array_equal(one.matrix, two.matrix) and one.ranking() == two.ranking()
    assert not np.array_equal(one.matrix, other.matrix)
    players = [s.make() for s in tt.STRATEGIES]
    axelrods = axl.Tournament(players, game=tt._game(TABLE[0]), turns=50, noise=0.05, repetitions=3, seed=7)
    assert np.allclose(axelrods.play(progress_bar=False).payoff_matrix, one.matrix, rtol=0, atol=1e-12)


def test_generous_factory():
    """ex-rep-6: generous(g) names the generosity and is GTFT(p=g); generous(1/3) plays as the chapter's."""
    assert tt.generous(0.1) == tt.Strategy("generous tit-for-tat (0.1)", "GTFT", (("p", 0.1),))
    a = tt.match(tt.ALWAYS_BREACH, tt.generous(1 / 3), TABLE, rounds=100, seed=3)
    b = tt.match(tt.ALWAYS_BREACH, tt.GENEROUS_TIT_FOR_TAT, TABLE, rounds=100, seed=3)
    assert np.array_equal(a[0], b[0])


@pytest.mark.parametrize("kwargs, name", [
    ({"noise": -0.1}, "noise"), ({"noise": 1.5}, "noise"), ({"rounds": 0}, "rounds"), ({"rounds": 2.5}, "rounds"),
    ({"repetitions": 0}, "repetitions"), ({"delta": 1.0}, "delta"), ({"delta": -0.5}, "delta"),
    ({"seed": -1}, "seed"), ({"seed": "x"}, "seed"),
    ({"table": ([[18, 15], [20, 16]], [[18, 15], [20, 16]])}, "table"), ({"table": ([[1]], [[1]])}, "table"),
    ({"strategies": ()}, "strategies"), ({"strategies": (tt.ALWAYS_BREACH, tt.ALWAYS_BREACH)}, "strategies"),
])
def test_bad_input_raises(kwargs, name):
    """Bad input gets a ValueError naming the parameter."""
    args = dict(strategies=tt.STRATEGIES, table=TABLE, rounds=10, repetitions=1) | kwargs
    with pytest.raises(ValueError, match=name):
        tt.tournament(**args)


@pytest.mark.parametrize("g", [-0.1, 1.2])
def test_bad_generosity_raises(g):
    with pytest.raises(ValueError, match="generosity"):
        tt.generous(g)


def test_bad_match_input_raises():
    with pytest.raises(ValueError, match="noise"):
        tt.match(tt.TIT_FOR_TAT, tt.TIT_FOR_TAT, TABLE, noise=2)
    with pytest.raises(ValueError, match="rounds"):
        tt.match(tt.TIT_FOR_TAT, tt.TIT_FOR_TAT, TABLE, rounds=0)


# --- the chapter's own simulation -------------------------------------------------------------------
