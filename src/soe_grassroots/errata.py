"""Chapter 6: the paper's numbered equations, as printed, checked by sympy.

Each `Equation` holds a transcription of what Lin & Xia (2025) print and the
expression sympy derives for the same quantity (from `soe_grassroots.model`
and `soe_grassroots.symbolic`). `check` computes the verdict:

* **holds**: the printed expression equals the derived one;
* **typo**: it does not, but a stated misprint (one symbol for another)
  accounts for the whole difference: the corrected print equals the derivation;
* **wrong**: no misprint explains it; the correction is the derived expression.

Examples
--------
>>> [c.verdict for c in map(check, equations()) if c.verdict != "holds"]
['wrong', 'typo', 'wrong', 'typo', 'typo']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import sympy as sp

from . import symbolic as S
from .model import demand, payoff, price
from .symbolic import T_M, T_R, h, m_M, m_R, x, y

P = sp.Symbol("P", positive=True)
v = sp.Symbol("v", positive=True)  # the stray "v" printed in Eq. (20)
T = T_M * T_R
A = x - y * h


@dataclass(frozen=True)
class Equation:
    """One equation of the paper, as printed and as derived.

    Attributes
    ----------
    number : str
        The paper's number, with a suffix for a line or side (``"6b"``).
    claim : str
        What the equation states, in our words.
    printed : str
        LaTeX of the printed right-hand side.
    printed_value : sympy expression or str
        Our transcription of the printed expression.
    derived_value : sympy expression or str
        What the derivation gives for the same quantity.
    misprint : tuple of (str, callable), optional
        A suspected misprint: its description and a function that corrects
        the printed value.
    actually : tuple of (str, value), optional
        For a wrong equation, what the printed value turns out to be; the
        description is reported only if the printed value equals it.
    """

    number: str
    claim: str
    printed: str
    printed_value: Any
    derived_value: Any
    misprint: tuple[str, Callable] | None = None
    actually: tuple[str, Any] | None = None


@dataclass(frozen=True)
class Check:
    """The verdict on one `Equation`, with the correction where needed."""

    equation: Equation
    verdict: str
    correction: str
    note: str


def _same(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return sp.simplify(sp.expand(a - b)) == 0


def check(eq: Equation) -> Check:
    """Compare the printed and the derived values and give the verdict.

    Examples
    --------
    >>> check(equations()[-1]).verdict
    'typo'
    """
    correction = eq.derived_value if isinstance(eq.derived_value, str) else sp.latex(eq.derived_value)
    if _same(eq.printed_value, eq.derived_value):
        return Check(eq, "holds", "", "")
    if eq.misprint is not None:
        what, fix = eq.misprint
        if _same(fix(eq.printed_value), eq.derived_value):
            return Check(eq, "typo", correction, what)
    note = "no single misprint explains the difference"
    if eq.actually is not None and _same(eq.printed_value, eq.actually[1]):
        note = eq.actually[0]
    return Check(eq, "wrong", correction, note)


def equations() -> list[Equation]:
    """The paper's equations (1)-(20) and its final ranking, transcribed.

    Each ``derived_value`` is computed here from the model and the sympy
    derivations; nothing on that side is typed in.
    """
    E = S.payoffs()
    nash, lm, lr, coop = (S.derive(r) for r in ("nash", "soe_leads", "grassroots_leads", "cooperative"))
    from .regimes import compare
    from .params import EXAMPLE

    eqs = [
        Equation("1", "demand for the services", r"T_M\left[x - yh - y(m_M + m_R)\right]T_R",
                 T_M * (x - y * h - y * (m_M + m_R)) * T_R, demand(price(h, m_M, m_R), x, y, T_M, T_R)),
        Equation("2", "unit price, simultaneous moves", r"h + m_M^N + m_R^N", h + m_M + m_R, price(h, m_M, m_R)),
        Equation("3", "demand at a given price", r"T_M(x - yP^N)T_R", T_M * (x - y * P) * T_R,
                 demand(P, x, y, T_M, T_R)),
        Equation("4", "SOE payoff", r"T_M(x - yP^N)T_R\,m_M^N", T_M * (x - y * P) * T_R * m_M,
                 payoff(demand(P, x, y, T_M, T_R), m_M)),
        Equation("5", "grassroots payoff", r"T_M(x - yP^N)T_R\,m_R^N", T_M * (x - y * P) * T_R * m_R,
                 payoff(demand(P, x, y, T_M, T_R), m_R)),
        Equation("6b", "the derivative of E_R (second line of (6))",
                 r"(x-yh)T_MT_Rm_R^N - yT_MT_R(m_R^N)^2 - yT_MT_Rm_R^Nm_M^N",
                 A * T * m_R - y * T * m_R**2 - y * T * m_R * m_M, sp.diff(E["R"], m_R),
                 actually=("the printed line is E_R itself, expanded: the differentiation is missing", E["R"])),
        Equation("6c", "the derivative of E_R (third line of (6))",
                 r"(x-yh)T_MT_R - 2yT_MT_Rm_R^N - yT_MT_Rm_M^N",
                 A * T - 2 * y * T * m_R - y * T * m_M, sp.diff(E["R"], m_R)),
        Equation("7", "Nash markups", r"\frac{x-yh}{3y}", A / (3 * y), nash.m_M),
        Equation("8", "each player's Nash payoff", r"T_MT_R\frac{(x-yh)^2}{9y}", T * A**2 / (9 * y), nash.E_M),
        Equation("9", "total Nash payoff", r"2T_MT_R\frac{(x-yh)^2}{9y}", 2 * T * A**2 / (9 * y), nash.E_T),
        Equation("10", "unit price, SOE leads", r"h + m_M^{LM} + m_R^{LM}", h + m_M + m_R, price(h, m_M, m_R)),
        Equation("11", "demand, SOE leads", r"T_M(x - yP^{LM})T_R", T_M * (x - y * P) * T_R,
                 demand(P, x, y, T_M, T_R)),
        Equation("12", "SOE payoff, SOE leads", r"T_M(x - yP^{LM})T_M\,m_M^{LM}",
                 T_M * (x - y * P) * T_M * m_M, payoff(demand(P, x, y, T_M, T_R), m_M),
                 ("the second T_M should read T_R", lambda e: e / T_M * T_R)),
        Equation("13", "grassroots payoff, SOE leads", r"T_M(x - yP^{LM})T_R\,m_R^{LM}",
                 T_M * (x - y * P) * T_R * m_R, payoff(demand(P, x, y, T_M, T_R), m_R)),
        Equation("14", "leader's markup, SOE leads", r"\frac{x-yh}{2y}", A / (2 * y), lm.m_M),
        Equation("15", "follower's markup, SOE leads", r"\frac{x-yh}{4y}", A / (4 * y), lm.m_R),
        Equation("16", "SOE payoff, SOE leads", r"T_MT_R\frac{(x-yh)^2}{4y}", T * A**2 / (4 * y), lm.E_M,
                 actually=("the printed value is twice the derived one; (18), which adds (16) and (17), "
                           "uses the correct value", 2 * lm.E_M)),
        Equation("17", "grassroots payoff, SOE leads", r"T_MT_R\frac{(x-yh)^2}{16y}", T * A**2 / (16 * y), lm.E_R),
        Equation("18", "total payoff, SOE leads", r"T_MT_R\frac{3(x-yh)^2}{16y}", 3 * T * A**2 / (16 * y), lm.E_T),
        Equation("19", "total payoff, grassroots organization leads", r"T_MT_R\frac{3(x-yh)^2}{16y}",
                 3 * T * A**2 / (16 * y), lr.E_T),
        Equation("20", "total payoff under cooperation", r"T_MT_R\frac{(x-yh)^2}{4v}", T * A**2 / (4 * v),
                 coop.E_T, ("the v in the denominator should read y", lambda e: e.subs(v, y))),
        Equation("ranking", "ranking of the total payoffs (section 2.3.2)",
                 r"E_T^{LM} = E_T^{LR} < E_T^{M} < E_T^{C}", "E_T^LM = E_T^LR < E_T^M < E_T^C",
                 compare(EXAMPLE).ordering,
                 ("E_T^M should read E_T^N", lambda s: s.replace("E_T^M ", "E_T^N "))),
    ]
    return eqs


@dataclass(frozen=True)
class Step:
    """A step of the paper's reasoning, what it really is, and a computed check."""

    where: str
    paper_says: str
    really: str
    evidence: str
    holds: bool


def misnamed_steps() -> list[Step]:
    """Steps the paper names wrongly, each with a check computed by sympy."""
    nash, lm, coop = S.derive("nash"), S.derive("soe_leads"), S.derive("cooperative")
    both_gain = S.positive(coop.E_M - nash.E_M) and S.positive(coop.E_R - nash.E_R)
    br = S.best_responses()
    fixed_point = all(sp.simplify(br[i].subs(S.nash_equilibrium()) - S.MARKUP[i].subs(S.nash_equilibrium())) == 0
                      for i in ("M", "R"))
    return [
        Step("before (6)", "to reach Pareto optimality both parties maximise the overall benefit",
             "in a Nash equilibrium each party maximises its own payoff; maximising the total is cooperation",
             "E_T^C - E_T^N > 0 for every valid parameter set", bool(S.positive(coop.E_T - nash.E_T))),
        Step("(6)", "differentiate with respect to m and set E_R^N = 0",
             "differentiate E_R with respect to R's own markup m_R and set the derivative to zero",
             "d2E_R/dm_R2 < 0, so the first-order condition gives R's maximum",
             bool(S.second_order_conditions()["R"].is_negative)),
        Step("(7)", "equal marginal rates of technical substitution (Pareto optimality) give m_R = m_M",
             "the two best responses intersect; the equal markups come from the symmetric first-order "
             "conditions, and the point is not Pareto optimal",
             "the Nash markups are a fixed point of both best responses, and the equal split of "
             "cooperation gives both players more (E_M^C > E_M^N and E_R^C > E_R^N)",
             bool(fixed_point and both_gain)),
        Step("before (14)", "the common goal is the overall benefit (Pareto optimality)",
             "backward induction: the follower best-responds, the leader maximises its own payoff "
             "given that response",
             "E_T^C - E_T^LM > 0 for every valid parameter set", bool(S.positive(coop.E_T - lm.E_T))),
    ]
