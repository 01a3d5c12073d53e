"""The paper's printed lines (1)-(20) and its final ordering, as `Equation` records.

Each record is the line as printed (``printed``, LaTeX; ``text``, the same in
plain notation, misprints kept) beside the value the model and the sympy
derivations give (``derived_value``). One rule classifies them all:
`soe_grassroots.errata.rule.check`. To add a line, add a record here.
"""

from __future__ import annotations

import sympy as sp

from .. import symbolic as S
from ..model import demand, payoff, price
from ..regimes import REGIMES
from ..symbolic import T_M, T_R, h, m_M, m_R, x, y
from .rule import Equation, P, parse, ranking


def equations() -> list[Equation]:
    """The paper's lines (1)-(20) and its final ordering, transcribed.

    Each ``derived_value`` is computed from the model's functions and the sympy
    derivations of `soe_grassroots.symbolic`; none is typed in.

    Examples
    --------
    >>> [e.number for e in equations()][:8]
    ['1', '2', '3', '4', '5', '6a', '6b', '6c']
    """
    E = S.payoffs()
    nash, lm, lr, coop = (S.derive(r) for r in REGIMES)
    Q_P = demand(P, x, y, T_M, T_R)
    return [
        Equation(number="1", claim="demand for the services", printed=r"T_M\left[x - yh - y(m_M + m_R)\right]T_R",
                 text="T_M*(x - y*h - y*(m_M + m_R))*T_R", derived_value=demand(price(h, m_M, m_R), x, y, T_M, T_R)),
        Equation(number="2", claim="unit price, simultaneous moves", printed=r"h + m_M^N + m_R^N", text="h + m_M + m_R",
                 derived_value=price(h, m_M, m_R)),
        Equation(number="3", claim="demand at a given price", printed=r"T_M(x - yP^N)T_R", text="T_M*(x - y*P)*T_R",
                 derived_value=Q_P),
        Equation(number="4", claim="SOE payoff", printed=r"T_M(x - yP^N)T_R\,m_M^N", text="T_M*(x - y*P)*T_R*m_M",
                 derived_value=payoff(Q_P, m_M)),
        Equation(number="5", claim="grassroots payoff", printed=r"T_M(x - yP^N)T_R\,m_R^N",
                 text="T_M*(x - y*P)*T_R*m_R", derived_value=payoff(Q_P, m_R)),
        Equation(number="6a", claim="the function differentiated in the first line of (6)",
                 printed=r"T_M\left[x-y(h+m_M^N+m_R^N)\right]T_R\,m_R^N", text="T_M*(x - y*(h + m_M + m_R))*T_R*m_R",
                 derived_value=E["R"]),
        Equation(number="6b", claim=r"$\partial E_R/\partial m_R$, second line of (6)",
                 printed=r"(x-yh)T_MT_Rm_R^N - yT_MT_R(m_R^N)^2 - yT_MT_Rm_R^Nm_M^N",
                 text="(x - y*h)*T_M*T_R*m_R - y*T_M*T_R*m_R**2 - y*T_M*T_R*m_R*m_M",
                 derived_value=sp.diff(E["R"], m_R)),
        Equation(number="6c", claim=r"$\partial E_R/\partial m_R$, third line of (6)",
                 printed=r"(x-yh)T_MT_R - 2yT_MT_Rm_R^N - yT_MT_Rm_M^N",
                 text="(x - y*h)*T_M*T_R - 2*y*T_M*T_R*m_R - y*T_M*T_R*m_M", derived_value=sp.diff(E["R"], m_R)),
        Equation(number="7", claim="each Nash markup", printed=r"\frac{x-yh}{3y}", text="(x - y*h)/(3*y)",
                 derived_value=nash.m_M),
        Equation(number="8", claim="each player's Nash payoff", printed=r"T_MT_R\frac{(x-yh)^2}{9y}",
                 text="T_M*T_R*(x - y*h)**2/(9*y)", derived_value=nash.E_M),
        Equation(number="9", claim="total Nash payoff", printed=r"2T_MT_R\frac{(x-yh)^2}{9y}",
                 text="2*T_M*T_R*(x - y*h)**2/(9*y)", derived_value=nash.E_T),
        Equation(number="10", claim="unit price, SOE leads", printed=r"h + m_M^{LM} + m_R^{LM}", text="h + m_M + m_R",
                 derived_value=price(h, m_M, m_R)),
        Equation(number="11", claim="demand, SOE leads", printed=r"T_M(x - yP^{LM})T_R", text="T_M*(x - y*P)*T_R",
                 derived_value=Q_P),
        Equation(number="12", claim="SOE payoff, SOE leads", printed=r"T_M(x - yP^{LM})T_M\,m_M^{LM}",
                 text="T_M*(x - y*P)*T_M*m_M", derived_value=payoff(Q_P, m_M)),
        Equation(number="13", claim="grassroots payoff, SOE leads", printed=r"T_M(x - yP^{LM})T_R\,m_R^{LM}",
                 text="T_M*(x - y*P)*T_R*m_R", derived_value=payoff(Q_P, m_R)),
        Equation(number="14", claim="leader's markup, SOE leads", printed=r"\frac{x-yh}{2y}", text="(x - y*h)/(2*y)",
                 derived_value=lm.m_M),
        Equation(number="15", claim="follower's markup, SOE leads", printed=r"\frac{x-yh}{4y}", text="(x - y*h)/(4*y)",
                 derived_value=lm.m_R),
        Equation(number="16", claim="SOE payoff, SOE leads", printed=r"T_MT_R\frac{(x-yh)^2}{4y}",
                 text="T_M*T_R*(x - y*h)**2/(4*y)", derived_value=lm.E_M),
        Equation(number="17", claim="grassroots payoff, SOE leads", printed=r"T_MT_R\frac{(x-yh)^2}{16y}",
                 text="T_M*T_R*(x - y*h)**2/(16*y)", derived_value=lm.E_R),
        Equation(number="18", claim="total payoff, SOE leads", printed=r"T_MT_R\frac{3(x-yh)^2}{16y}",
                 text="T_M*T_R*3*(x - y*h)**2/(16*y)", derived_value=lm.E_T),
        Equation(number="19", claim="total payoff, grassroots organization leads",
                 printed=r"T_MT_R\frac{3(x-yh)^2}{16y}", text="T_M*T_R*3*(x - y*h)**2/(16*y)", derived_value=lr.E_T),
        Equation(number="20", claim="total payoff under cooperation", printed=r"T_MT_R\frac{(x-yh)^2}{4v}",
                 text="T_M*T_R*(x - y*h)**2/(4*v)", derived_value=coop.E_T,
                 transcription="the transcription sets this letter upright (a roman v), unlike the italic y of every "
                               "other line; a y misread in the conversion gives the same text, so the slip may not "
                               "be in the print"),
        Equation(number="ranking", claim="ordering of the total payoffs (section 2.3.2)",
                 printed=r"E_T^{LM} = E_T^{LR} < E_T^{M} < E_T^{C}", text="E_T^LM = E_T^LR < E_T^M < E_T^C",
                 derived_value=parse(ranking().text)),
    ]
