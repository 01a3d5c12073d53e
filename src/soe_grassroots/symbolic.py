"""Every equilibrium of the book, derived by sympy (chapters 3 to 5).

Nothing here is typed in as a result. The payoffs are built from the model's
own definitions (`soe_grassroots.model`), and each regime is solved the way a
student would solve it by hand:

* **Nash** (simultaneous moves): each player's first-order condition gives its
  best response to the other's markup; the equilibrium is where the two best
  responses meet.
* **Stackelberg** (one player moves first): backward induction. The follower's
  best response is substituted into the leader's payoff, which the leader then
  maximizes.
* **Cooperation**: the joint payoff depends only on the joint markup
  ``s = m_M + m_R``; its first-order condition fixes ``s``, split equally.

sympy is imported here and only here, so ``import soe_grassroots`` stays fast.

Examples
--------
>>> from soe_grassroots import symbolic as sym
>>> sym.derive("nash").m_M
(-h*y + x)/(3*y)
>>> sym.best_responses()["R"]
(x - y*(h + m_M))/(2*y)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace

import sympy as sp

from ._checks import check_player
from ._checks import single as _single
from .model import Outcome, demand, outcome, payoff, price
from .regimes import check_regime

x, y, h, T_M, T_R = sp.symbols("x y h T_M T_R", positive=True)
"""The parameters, as positive symbols."""

m_M, m_R = sp.symbols("m_M m_R", real=True)
"""The two markups: the players' choice variables."""

s = sp.Symbol("s", real=True)
"""The joint markup ``m_M + m_R`` chosen under cooperation."""

a = sp.Symbol("a", positive=True)
"""``x - y*h``, positive for every valid parameter set (used in `positive` and `in_terms_of_a`)."""

A_IN_X = x - y * h
"""``a`` written in the parameters, ``x - y*h`` (the inverse of `in_terms_of_a`)."""

U = T_M * T_R * A_IN_X**2 / y
"""``U = T_M T_R (x - y h)**2 / y``, the payoff scale: every payoff of the book is a fixed multiple of it (the
cooperative total ``U/4``); `in_terms_of_a` writes it ``T_M T_R a**2 / y``. Its numeric counterpart is
`soe_grassroots.Params.U`."""

SYMBOLS = SimpleNamespace(x=x, y=y, h=h, T_M=T_M, T_R=T_R)
MARKUP = {"M": m_M, "R": m_R}
OTHER = {"M": "R", "R": "M"}


def payoffs() -> dict:
    """The payoff functions ``E_M(m_M, m_R)`` and ``E_R(m_M, m_R)`` (Eq. 4-5).

    Examples
    --------
    >>> payoffs()["M"]
    T_M*T_R*m_M*(x - y*(h + m_M + m_R))
    """
    Q = demand(price(h, m_M, m_R), x, y, T_M, T_R)
    return {"M": payoff(Q, m_M), "R": payoff(Q, m_R)}


def first_order_conditions() -> dict:
    """Each player's first-order condition ``dE_i/dm_i = 0``, as equations.

    Examples
    --------
    >>> sp.expand(first_order_conditions()["R"].lhs / (T_M*T_R))
    -h*y - m_M*y - 2*m_R*y + x
    """
    return {i: sp.Eq(sp.diff(E, MARKUP[i]), 0) for i, E in payoffs().items()}


def second_order_conditions() -> dict:
    """``d2E_i/dm_i2`` for each player: negative, so each FOC gives a maximum.

    Examples
    --------
    >>> second_order_conditions()
    {'M': -2*T_M*T_R*y, 'R': -2*T_M*T_R*y}
    """
    return {i: sp.diff(E, MARKUP[i], 2) for i, E in payoffs().items()}


def best_responses() -> dict:
    """Each player's best markup as a function of the other's (from its FOC).

    Examples
    --------
    >>> best_responses()["M"]
    (x - y*(h + m_R))/(2*y)
    """
    focs = first_order_conditions()
    return {i: _single(sp.solve(focs[i], MARKUP[i])) for i in focs}


def nash_equilibrium() -> dict:
    """The markups where both best responses hold at once.

    Examples
    --------
    >>> nash_equilibrium()[m_R]
    (-h*y + x)/(3*y)
    """
    br = best_responses()
    solution = sp.solve([sp.Eq(m_M, br["M"]), sp.Eq(m_R, br["R"])], [m_M, m_R], dict=True)
    return {k: sp.factor(v) for k, v in _single(solution).items()}


@dataclass(frozen=True)
class Stackelberg:
    """The steps of backward induction when ``leader`` moves first.

    Attributes
    ----------
    leader, follower : str
        ``"M"`` or ``"R"``.
    follower_response : sympy expression
        The follower's best markup given the leader's (stage two).
    leader_payoff : sympy expression
        The leader's payoff with that response substituted in (stage one).
    leader_foc : sympy.Eq
        Its first-order condition in the leader's own markup.
    markups : dict
        The solution ``{m_M: ..., m_R: ...}``.
    """

    leader: str
    follower: str
    follower_response: sp.Expr
    leader_payoff: sp.Expr
    leader_foc: sp.Eq
    markups: dict


@cache
def stackelberg(leader: str) -> Stackelberg:
    """Solve the sequential game led by ``leader`` (``"M"`` or ``"R"``).

    Examples
    --------
    >>> st = stackelberg("M")
    >>> st.markups[m_M], st.markups[m_R]
    ((-h*y + x)/(2*y), (-h*y + x)/(4*y))
    """
    check_player("leader", leader)
    follower = OTHER[leader]
    response = best_responses()[follower]
    reduced = sp.factor(payoffs()[leader].subs(MARKUP[follower], response))
    foc = sp.Eq(sp.diff(reduced, MARKUP[leader]), 0)
    m_leader = sp.factor(_single(sp.solve(foc, MARKUP[leader])))
    m_follower = sp.factor(response.subs(MARKUP[leader], m_leader))
    markups = {MARKUP[leader]: m_leader, MARKUP[follower]: m_follower}
    return Stackelberg(leader, follower, response, reduced, foc, markups)


@dataclass(frozen=True)
class JointMaximum:
    """The steps of joint maximization.

    Attributes
    ----------
    joint_payoff : sympy expression
        ``E_T = E_M + E_R`` as a function of the joint markup ``s``.
    foc : sympy.Eq
        Its first-order condition in ``s``.
    s_star : sympy expression
        The optimal joint markup.
    markups : dict
        ``{m_M: s_star/2, m_R: s_star/2}`` (the equal split, a convention).
    """

    joint_payoff: sp.Expr
    foc: sp.Eq
    s_star: sp.Expr
    markups: dict


@cache
def joint_maximum() -> JointMaximum:
    """Maximise ``E_M + E_R``; only ``s = m_M + m_R`` matters, split equally.

    Examples
    --------
    >>> joint_maximum().s_star
    (-h*y + x)/(2*y)
    """
    E = payoffs()
    total = sp.factor(sp.expand(E["M"] + E["R"]).subs(m_M, s - m_R))
    foc = sp.Eq(sp.diff(total, s), 0)
    s_star = sp.factor(_single(sp.solve(foc, s)))
    return JointMaximum(total, foc, s_star, {m_M: s_star / 2, m_R: s_star / 2})


@cache
def derive(regime: str) -> Outcome:
    """The outcome of ``regime`` with every field a simplified sympy expression.

    Parameters
    ----------
    regime : str
        One of `soe_grassroots.REGIMES`.

    Examples
    --------
    >>> derive("soe_leads").E_M
    T_M*T_R*(-h*y + x)**2/(8*y)
    >>> derive("cooperative").E_T
    T_M*T_R*(-h*y + x)**2/(4*y)
    """
    check_regime(regime)
    markups = {
        "nash": nash_equilibrium,
        "soe_leads": lambda: stackelberg("M").markups,
        "grassroots_leads": lambda: stackelberg("R").markups,
        "cooperative": lambda: joint_maximum().markups,
    }[regime]()
    raw = outcome(regime, SYMBOLS, markups[m_M], markups[m_R])
    return Outcome(regime, *(sp.factor(sp.simplify(v)) for v in raw.as_dict().values()))


def positive(expr) -> bool | None:
    """Whether ``expr`` is positive for every valid parameter set.

    Valid means ``x > y*h`` with ``y, T_M, T_R > 0`` and ``h >= 0``; the test
    writes ``x = y*h + a`` with ``a > 0`` and asks sympy. ``None`` means
    sympy could not decide.

    Examples
    --------
    >>> positive(derive("cooperative").E_T - derive("nash").E_T)
    True
    """
    return sp.factor(sp.expand(in_terms_of_a(expr))).is_positive


def in_terms_of_a(expr):
    """``expr`` with ``x`` written as ``y*h + a``: the one place the package substitutes ``a = x - y*h``.

    Examples
    --------
    >>> in_terms_of_a(A_IN_X), in_terms_of_a(U)
    (a, T_M*T_R*a**2/y)
    >>> sp.factor(in_terms_of_a(derive("nash").E_M))
    T_M*T_R*a**2/(9*y)
    """
    return sp.sympify(expr).subs(x, y * h + a)
