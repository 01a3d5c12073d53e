"""The model of ``ch-model``: price, demand, payoffs and the beneficiaries' surplus.

These few formulas are the whole model. They are plain arithmetic, so the same
functions work on floats, numpy arrays and sympy symbols: `soe_grassroots.symbolic`
derives the equilibria from exactly these definitions.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from .params import Params, as_real


def price(h, m_M, m_R):
    """Unit price ``P = h + m_M + m_R`` (hypothesis 4 of the paper).

    Examples
    --------
    >>> price(2, 1, 0.5)
    3.5
    """
    return h + m_M + m_R


def demand(P, x, y, T_M, T_R):
    """Quantity served ``Q = T_M T_R (x - y P)`` (Eq. 1 of the paper).

    This is the paper's linear formula; it turns negative above the choke
    price ``x / y``. `evaluate` clips it at zero.

    Examples
    --------
    >>> demand(3, x=10, y=1, T_M=2, T_R=1)
    14
    """
    return T_M * T_R * (x - y * P)


def payoff(Q, m):
    """A player's payoff ``E_i = Q m_i``: its markup on every unit served.

    Examples
    --------
    >>> payoff(14, 0.5)
    7.0
    """
    return Q * m


def beneficiary_surplus(Q, y, T_M, T_R):
    """Surplus of the poor: the area under the demand curve above the price.

    With ``Q = T (x - y P)`` and ``T = T_M T_R`` the demand curve is a line
    from the choke price ``x / y`` down to ``P``; the triangle between them
    has area ``Q**2 / (2 y T)``. The paper does not count it.

    Examples
    --------
    >>> beneficiary_surplus(4, y=1, T_M=2, T_R=1)
    4.0
    """
    return Q**2 / (2 * y * T_M * T_R)


@dataclass(frozen=True)
class Outcome:
    """What one regime (or one pair of markups) leads to.

    Attributes
    ----------
    regime : str
        The regime's name (see `soe_grassroots.REGIMES`), or ``"given"`` for
        markups chosen by hand.
    m_M, m_R : float, array or sympy expression
        Markups of the SOE and of the grassroots organization.
    P : float, array or sympy expression
        Unit price ``h + m_M + m_R``.
    Q : float, array or sympy expression
        Quantity served.
    E_M, E_R, E_T : float, array or sympy expression
        Payoffs of M and R and their total.
    S_B : float, array or sympy expression
        Beneficiaries' surplus (not in the paper).
    W : float, array or sympy expression
        Total welfare ``E_T + S_B`` (not in the paper).
    """

    regime: str
    m_M: Any
    m_R: Any
    P: Any
    Q: Any
    E_M: Any
    E_R: Any
    E_T: Any
    S_B: Any
    W: Any

    def as_dict(self) -> dict:
        """The fields as a dict (without the regime's name)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "regime"}


def outcome(regime: str, params, m_M, m_R, clip: bool = False) -> Outcome:
    """Build the `Outcome` of markups ``m_M`` and ``m_R`` under ``params``.

    ``params`` needs attributes ``x, y, h, T_M, T_R`` (a `Params`, or sympy
    symbols). With ``clip=True`` demand is cut at zero above the choke price.
    """
    x, y, h, T_M, T_R = (params.x, params.y, params.h, params.T_M, params.T_R)
    P = price(h, m_M, m_R)
    Q = demand(P, x, y, T_M, T_R)
    if clip:
        Q = np.maximum(Q, 0.0)
        Q = float(Q) if np.ndim(Q) == 0 else Q
    E_M, E_R = payoff(Q, m_M), payoff(Q, m_R)
    S_B = beneficiary_surplus(Q, y, T_M, T_R)
    return Outcome(regime, m_M, m_R, P, Q, E_M, E_R, E_M + E_R, S_B, E_M + E_R + S_B)


def evaluate(params: Params, m_M, m_R) -> Outcome:
    """Payoffs when M and R charge the markups ``m_M`` and ``m_R``.

    Demand is Eq. (1) of the paper where it is positive and zero beyond the
    choke price ``x / y`` (no one buys; no one pays a negative quantity).

    Parameters
    ----------
    params : Params
        The game's parameters.
    m_M, m_R : float or array_like
        Markups, each finite and ``>= 0``; arrays broadcast with ``params``.

    Returns
    -------
    Outcome
        With ``regime="given"``.

    Examples
    --------
    >>> o = evaluate(Params(x=10, y=1, h=2, T_M=1, T_R=1), m_M=3, m_R=2)
    >>> o.P, o.Q, o.E_M, o.E_R
    (7.0, 3.0, 9.0, 6.0)
    >>> evaluate(Params(x=10, y=1, h=2, T_M=1, T_R=1), m_M=-1, m_R=2)
    Traceback (most recent call last):
    ...
    ValueError: m_M must be >= 0 (got m_M=-1.0)
    """
    checked = {}
    for name, value in (("m_M", m_M), ("m_R", m_R)):
        value = as_real(name, value)
        if np.any(np.asarray(value) < 0):
            bad = np.asarray(value)[np.asarray(value) < 0].flat[0]
            raise ValueError(f"{name} must be >= 0 (got {name}={float(bad)!r})")
        checked[name] = value
    return outcome("given", params, checked["m_M"], checked["m_R"], clip=True)
