"""Chapters 2 to 5 derived with sympy: the propositions hold for every valid parameter set.

`soe_grassroots.MARKUPS` states each regime's markups as exact constants c with
m = c (x - y h) / y; the tests here prove those constants equal to the
derivations in `soe_grassroots.symbolic`, check each derivation step (first- and
second-order conditions, best responses, backward induction), and prove the
orderings of ch-cooperation symbolically.
"""

import subprocess
import sys
from fractions import Fraction

import pytest
import sympy as sp

from soe_grassroots import MARKUPS, REGIMES, Params, solve
from soe_grassroots import symbolic as sym
from soe_grassroots.symbolic import T_M, T_R, h, m_M, m_R, s, x, y

FIELDS = ("m_M", "m_R", "P", "Q", "E_M", "E_R", "E_T", "S_B", "W")
A = x - y * h  # demand per unit of T at cost price
T = T_M * T_R
LEADER = {"soe_leads": "M", "grassroots_leads": "R"}


def is_zero(expr):
    return sp.simplify(expr) == 0


# --- ch-model: the payoffs -------------------------------------------------------------


def test_payoffs_are_the_papers_equations_4_and_5():
    """ch-model, Eq. (4)-(5): E_i = T_M (x - y (h + m_M + m_R)) T_R m_i."""
    E = sym.payoffs()
    Q = T_M * (x - y * (h + m_M + m_R)) * T_R
    assert is_zero(E["M"] - Q * m_M)
    assert is_zero(E["R"] - Q * m_R)


# --- (a) one source of truth ----------------------------------------------------------------


@pytest.mark.parametrize("regime", REGIMES)
def test_markup_constants_equal_the_derivation(regime):
    """Chapters 3-5, each regime's proposition: MARKUPS[r] is what sympy derives from the FOCs."""
    c_M, c_R = MARKUPS[regime]
    assert isinstance(c_M, Fraction) and isinstance(c_R, Fraction)
    o = sym.derive(regime)
    assert sp.simplify(o.m_M - sp.Rational(c_M.numerator, c_M.denominator) * A / y) == 0
    assert sp.simplify(o.m_R - sp.Rational(c_R.numerator, c_R.denominator) * A / y) == 0


# --- (b) numeric agreement -------------------------------------------------------------------

POINTS = [
    dict(x=10, y=1, h=2, T_M=1, T_R=1),
    dict(x=12, y=2, h=0, T_M=3, T_R=sp.Rational(1, 2)),
    dict(x=sp.Rational(7, 3), y=sp.Rational(1, 4), h=5, T_M=sp.Rational(2, 7), T_R=11),
    dict(x=1000, y=50, h=sp.Rational(39, 2), T_M=sp.Rational(1, 100), T_R=80),
]


@pytest.mark.parametrize("point", POINTS, ids=[f"point{i}" for i in range(len(POINTS))])
@pytest.mark.parametrize("regime", REGIMES)
def test_solve_agrees_with_the_derivation(regime, point):
    """Chapters 3-5: the numeric solve equals the sympy derivation in every field."""
    numeric = solve(Params(**{k: float(v) for k, v in point.items()}), regime)
    exact = sym.derive(regime)
    values = {sym.x: point["x"], sym.y: point["y"], sym.h: point["h"],
              sym.T_M: point["T_M"], sym.T_R: point["T_R"]}
    for field in FIELDS:
        expected = getattr(exact, field).subs(values)
        assert expected.is_Rational, field  # exact parameters give an exact rational value
        assert getattr(numeric, field) == pytest.approx(float(expected), rel=1e-12), field


# --- (c) ch-nash: the Nash equilibrium -------------------------------------------------------


def test_best_responses_solve_each_first_order_condition():
    """ch-nash, best responses: m_M = (x - y(h + m_R)) / (2y) and symmetrically for R."""
    br = sym.best_responses()
    # dE_M/dm_M = T (x - y h - 2 y m_M - y m_R) = 0
    assert is_zero(br["M"] - (A - y * m_R) / (2 * y))
    assert is_zero(br["R"] - (A - y * m_M) / (2 * y))
    focs = sym.first_order_conditions()
    assert is_zero(focs["M"].lhs.subs(m_M, br["M"]))
    assert is_zero(focs["R"].lhs.subs(m_R, br["R"]))


def test_nash_markups_are_a_fixed_point_of_the_best_responses():
    """ch-nash, proposition: the Nash markups are best responses to each other."""
    br = sym.best_responses()
    o = sym.derive("nash")
    at_nash = {m_M: o.m_M, m_R: o.m_R}
    assert is_zero(br["M"].subs(at_nash) - o.m_M)
    assert is_zero(br["R"].subs(at_nash) - o.m_R)
    assert is_zero(o.m_M - A / (3 * y))  # Eq. (7) of the paper


def test_second_order_conditions_are_negative():
    """ch-nash, proof: each payoff is strictly concave in the player's own markup."""
    for player, d2 in sym.second_order_conditions().items():
        assert d2.is_negative is True, player
        assert is_zero(d2 + 2 * T * y), player  # d2E_i/dm_i2 = -2 y T


# --- (c) ch-stackelberg: Stackelberg ----------------------------------------------------------------


@pytest.mark.parametrize("regime", ["soe_leads", "grassroots_leads"])
def test_stackelberg_follower_best_responds_to_the_leader(regime):
    """ch-stackelberg, backward induction, stage two: the follower's markup is its best response to the leader's."""
    leader = LEADER[regime]
    st = sym.stackelberg(leader)
    o = sym.derive(regime)
    markup = {"M": o.m_M, "R": o.m_R}
    response = st.follower_response.subs(sym.MARKUP[leader], markup[leader])
    assert is_zero(response - markup[st.follower])


@pytest.mark.parametrize("regime", ["soe_leads", "grassroots_leads"])
def test_stackelberg_leader_maximizes_its_reduced_payoff(regime):
    """ch-stackelberg, backward induction, stage one: the leader's FOC holds and its payoff is concave there."""
    leader = LEADER[regime]
    st = sym.stackelberg(leader)
    o = sym.derive(regime)
    mine = sym.MARKUP[leader]
    markup = {"M": o.m_M, "R": o.m_R}[leader]
    assert is_zero(sp.diff(st.leader_payoff, mine).subs(mine, markup))
    assert is_zero(st.leader_foc.lhs.subs(mine, markup))
    assert sp.simplify(sp.diff(st.leader_payoff, mine, 2)).is_negative is True
    # the leader's payoff is the model's payoff with the follower's response substituted
    follower = sym.MARKUP[st.follower]
    assert is_zero(st.leader_payoff - sym.payoffs()[leader].subs(follower, st.follower_response))


def test_stackelberg_markups_are_the_papers_equations_14_and_15():
    """ch-stackelberg, proposition: m_M^LM = (x - yh)/(2y) and m_R^LM = (x - yh)/(4y), mirrored when R leads."""
    lm, lr = sym.derive("soe_leads"), sym.derive("grassroots_leads")
    assert is_zero(lm.m_M - A / (2 * y)) and is_zero(lm.m_R - A / (4 * y))
    assert is_zero(lr.m_R - A / (2 * y)) and is_zero(lr.m_M - A / (4 * y))


def test_stackelberg_leader_payoff_corrects_the_papers_equation_16():
    """ch-stackelberg, remark on Eq. (16): E_M^LM = T(x-yh)^2/(8y), not /(4y); only then E_M + E_R = Eq. (18)."""
    lm = sym.derive("soe_leads")
    # Q = T (a - y(a/2y + a/4y)) = T a/4; E_M = T a^2/(8y); E_R = T a^2/(16y); E_T = 3 T a^2/(16y)
    assert is_zero(lm.E_M - T * A**2 / (8 * y))
    assert is_zero(lm.E_R - T * A**2 / (16 * y))  # Eq. (17)
    assert is_zero(lm.E_T - 3 * T * A**2 / (16 * y))  # Eq. (18)
    assert not is_zero(lm.E_M - T * A**2 / (4 * y))  # Eq. (16) as printed


def test_stackelberg_rejects_an_unknown_leader():
    """ch-stackelberg: the leader is M or R."""
    with pytest.raises(ValueError, match=r"leader must be 'M' or 'R' \(got 'X'\)"):
        sym.stackelberg("X")


# --- (c) ch-cooperation: cooperation -------------------------------------------------------------------


def test_joint_markup_maximizes_the_joint_payoff():
    """ch-cooperation, proposition: s* = (x - yh)/(2y) maximizes E_T(s), which is concave in s."""
    jm = sym.joint_maximum()
    assert is_zero(jm.joint_payoff - T * (A - y * s) * s)  # E_T depends on s = m_M + m_R only
    assert is_zero(sp.diff(jm.joint_payoff, s).subs(s, jm.s_star))
    assert sp.diff(jm.joint_payoff, s, 2).is_negative is True
    assert is_zero(jm.s_star - A / (2 * y))
    o = sym.derive("cooperative")
    assert is_zero(o.m_M + o.m_R - jm.s_star)


# --- (d) ch-cooperation: the ordering of total payoffs ---------------------------------------------------


@pytest.mark.parametrize(
    "regime, share",
    [("nash", sp.Rational(2, 9)), ("soe_leads", sp.Rational(3, 16)),
     ("grassroots_leads", sp.Rational(3, 16)), ("cooperative", sp.Rational(1, 4))],
)
def test_total_payoffs_are_the_papers_equations_9_18_19_20(regime, share):
    """Chapters 3-5: E_T = share * T (x - yh)^2 / y with share 2/9, 3/16, 3/16, 1/4."""
    assert is_zero(sym.derive(regime).E_T - share * T * A**2 / y)


def test_stackelberg_totals_are_equal():
    """ch-cooperation, proposition on the ordering: E_T^LM = E_T^LR whoever leads."""
    assert sp.simplify(sym.derive("soe_leads").E_T - sym.derive("grassroots_leads").E_T) == 0


def test_total_payoffs_are_strictly_ordered():
    """ch-cooperation, proposition on the ordering: E_T^LM < E_T^N < E_T^C for every valid parameter set."""
    E = {r: sym.derive(r).E_T for r in REGIMES}
    assert sym.positive(E["nash"] - E["soe_leads"]) is True
    assert sym.positive(E["cooperative"] - E["nash"]) is True


def test_positive_is_not_always_true():
    """ch-cooperation, method: `positive` can refute: E_T^LM - E_T^N is not positive, E_T^LM - E_T^LR is zero."""
    E = {r: sym.derive(r).E_T for r in REGIMES}
    assert sym.positive(E["soe_leads"] - E["nash"]) is False
    assert sym.positive(E["soe_leads"] - E["grassroots_leads"]) is False


# --- (e) efficiency --------------------------------------------------------------------------------


def efficiency(regime):
    return sp.simplify(sym.derive(regime).E_T / sym.derive("cooperative").E_T)


@pytest.mark.parametrize("regime", REGIMES)
def test_efficiency_is_a_constant(regime):
    """ch-cooperation, efficiency: E_T^r / E_T^C does not depend on any parameter."""
    ratio = efficiency(regime)
    assert ratio.free_symbols == set()
    assert ratio.is_Rational


@pytest.mark.parametrize(
    "regime, expected",
    # (2/9)/(1/4) = 8/9; (3/16)/(1/4) = 3/4; (1/4)/(1/4) = 1
    [("nash", sp.Rational(8, 9)), ("soe_leads", sp.Rational(3, 4)),
     ("grassroots_leads", sp.Rational(3, 4)), ("cooperative", sp.Integer(1))],
)
def test_efficiency_values(regime, expected):
    """ch-cooperation, efficiency: Nash reaches 8/9 of the joint maximum, either Stackelberg order 3/4."""
    assert efficiency(regime) == expected


# --- (f) beneficiaries' surplus and welfare ------------------------------------------------------------


@pytest.mark.parametrize("field", ["S_B", "W"])
def test_surplus_and_welfare_follow_the_same_ordering(field):
    """ch-cooperation, beyond the paper: S_B and W = E_T + S_B also rank LM = LR < N < C."""
    v = {r: getattr(sym.derive(r), field) for r in REGIMES}
    assert sp.simplify(v["soe_leads"] - v["grassroots_leads"]) == 0
    assert sym.positive(v["nash"] - v["soe_leads"]) is True
    assert sym.positive(v["cooperative"] - v["nash"]) is True


@pytest.mark.parametrize(
    "regime, share",
    # S_B = Q^2/(2yT) with Q = T a k: share k^2/2 for k = 1/3, 1/4, 1/4, 1/2
    [("nash", sp.Rational(1, 18)), ("soe_leads", sp.Rational(1, 32)),
     ("grassroots_leads", sp.Rational(1, 32)), ("cooperative", sp.Rational(1, 8))],
)
def test_beneficiaries_surplus_in_closed_form(regime, share):
    """ch-cooperation, beneficiaries' surplus: S_B = share * T (x - yh)^2 / y, with share = k^2/2 for Q = k T a."""
    assert is_zero(sym.derive(regime).S_B - share * T * A**2 / y)


# --- (g) import cost --------------------------------------------------------------------------------------


def test_importing_the_package_does_not_import_sympy_or_matplotlib():
    """Style, the package: `import soe_grassroots` stays fast; sympy and matplotlib load only when used."""
    code = (
        "import sys, soe_grassroots\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sympy', 'matplotlib'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- (h) errors ---------------------------------------------------------------------------------------------


def test_derive_rejects_an_unknown_regime():
    """Chapters 3-5: derive accepts only the four regimes."""
    with pytest.raises(ValueError, match="regime must be one of .*'bogus'"):
        sym.derive("bogus")
