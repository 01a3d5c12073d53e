"""The four regimes of chapters 3 to 5, solved and compared.

Every regime ends in markups of the form ``c * (x - y*h) / y``. The constants
``c`` below are the only results this module states. Given them, the model's
definitions (`soe_grassroots.model`) make every other field a fixed multiple of
``x - y*h``, ``T (x - y*h)`` or ``T (x - y*h)**2 / y``; `solve` uses those
multiples, so that a million parameter sets cost a few array operations.
``tests/test_symbolic.py`` proves every field of `solve` equal to what
`soe_grassroots.symbolic.derive` obtains from the first-order conditions, so
the numbers here and the derivations in the book cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ._checks import check_player
from .model import Outcome
from .params import Params

REGIMES = ("nash", "soe_leads", "grassroots_leads", "cooperative")
"""The regimes, in the book's order."""

LABELS = {"nash": "N", "soe_leads": "LM", "grassroots_leads": "LR", "cooperative": "C"}
"""The paper's superscript for each regime (E_T^N, E_T^LM, E_T^LR, E_T^C)."""

NAMES = {
    "nash": "simultaneous moves (Nash)",
    "soe_leads": "SOE leads (Stackelberg)",
    "grassroots_leads": "grassroots organization leads (Stackelberg)",
    "cooperative": "cooperation (joint maximization)",
}
"""A short description of each regime, for tables and legends."""

MARKUPS = {
    "nash": (Fraction(1, 3), Fraction(1, 3)),
    "soe_leads": (Fraction(1, 2), Fraction(1, 4)),
    "grassroots_leads": (Fraction(1, 4), Fraction(1, 2)),
    "cooperative": (Fraction(1, 4), Fraction(1, 4)),
}
"""``(c_M, c_R)`` with ``m_M = c_M (x - y h) / y`` and ``m_R = c_R (x - y h) / y``.

Proved equal to the sympy derivations by ``tests/test_symbolic.py``. In the
cooperative regime only the sum ``m_M + m_R`` is determined; it is split equally.
"""


def check_regime(regime: str) -> str:
    """Return ``regime`` if it is one of `REGIMES`, else raise ``ValueError``.

    Examples
    --------
    >>> check_regime("collusion")
    Traceback (most recent call last):
    ...
    ValueError: regime must be one of 'nash', 'soe_leads', 'grassroots_leads', 'cooperative' (got 'collusion')
    """
    if not isinstance(regime, str) or regime not in REGIMES:
        valid = ", ".join(repr(r) for r in REGIMES)
        raise ValueError(f"regime must be one of {valid} (got {regime!r})")
    return regime


def solve(params: Params, regime: str) -> Outcome:
    """The equilibrium outcome of one regime.

    Parameters
    ----------
    params : Params
        The game's parameters (floats or broadcasting arrays).
    regime : str
        ``"nash"`` (simultaneous moves), ``"soe_leads"`` or
        ``"grassroots_leads"`` (Stackelberg, the named party moves first), or
        ``"cooperative"`` (M and R maximize their joint payoff ``E_T``; the joint
        markup is split equally between them, a convention: how the gains
        should be shared is the subject of a later chapter).

    Returns
    -------
    Outcome
        Markups, price, quantity, payoffs, beneficiaries' surplus and welfare.

    Raises
    ------
    ValueError
        If ``regime`` is not one of `REGIMES`.

    Examples
    --------
    >>> o = solve(Params(x=10, y=1, h=1, T_M=1, T_R=1), "nash")
    >>> o.m_M, o.m_R, o.Q, o.E_T
    (3.0, 3.0, 3.0, 18.0)
    """
    check_regime(regime)
    if not isinstance(params, Params):
        raise ValueError(f"params must be a Params instance (got {type(params).__name__})")
    c_M, c_R = MARKUPS[regime]
    served = 1 - c_M - c_R  # Q is this share of T*(x - y*h), the demand at cost price
    u, Ta, scale = params.a / params.y, params.T * params.a, params.U
    E_M, E_R, S_B = c_M * served, c_R * served, served**2 / 2  # multiples of scale
    return _broadcast(Outcome(
        regime,
        m_M=float(c_M) * u,
        m_R=float(c_R) * u,
        P=params.h + float(c_M + c_R) * u,
        Q=float(served) * Ta,
        E_M=float(E_M) * scale,
        E_R=float(E_R) * scale,
        E_T=float(E_M + E_R) * scale,
        S_B=float(S_B) * scale,
        W=float(E_M + E_R + S_B) * scale,
    ))


def _broadcast(o: Outcome) -> Outcome:
    """Give every field of an array outcome the same (broadcast) shape."""
    values = o.as_dict().values()
    shapes = {np.shape(v) for v in values}
    if len(shapes) == 1:
        return o
    arrays = [np.array(v) for v in np.broadcast_arrays(*values)]
    return Outcome(o.regime, *arrays)


def ordering(values: dict, rtol: float = 1e-9) -> str:
    """State how the regimes' values rank, as the paper writes it.

    Ties (equal within ``rtol``) are joined by ``=``, in the order of `REGIMES`.
    For arrays the ranking must be the same at every point, otherwise the
    statement says that it varies.

    Examples
    --------
    >>> ordering({"nash": 2.0, "soe_leads": 1.0, "grassroots_leads": 1.0, "cooperative": 3.0})
    'E_T^LM = E_T^LR < E_T^N < E_T^C'
    """
    arrays = dict(zip(values, np.broadcast_arrays(*(np.asarray(v, float) for v in values.values()))))
    flat = {r: a.ravel() for r, a in arrays.items()}
    first = _rank([(r, a[0]) for r, a in flat.items()], rtol)
    # the first point's ranking, checked at every point at once
    holds = np.ones(next(iter(flat.values())).shape, bool)
    names = {f"E_T^{LABELS[r]}": r for r in flat}
    terms = first.split(" ")
    for left, op, right in zip(terms[0::2], terms[1::2], terms[2::2]):
        lo, hi = flat[names[left]], flat[names[right]]
        tie = np.isclose(lo, hi, rtol=rtol, atol=0)
        holds &= tie if op == "=" else (lo < hi) & ~tie
    if holds.all():
        return first
    others = {_rank([(r, a[i]) for r, a in flat.items()], rtol) for i in np.flatnonzero(~holds)[:1000]}
    return "the ranking varies across parameter points: " + " | ".join(sorted(others | {first}))


def _rank(pairs, rtol: float) -> str:
    """Rank ``(regime, value)`` pairs; tied values form a group in the book's order."""
    groups: list[list] = []
    for regime, value in sorted(pairs, key=lambda rv: rv[1]):
        if groups and np.isclose(value, groups[-1][0][1], rtol=rtol, atol=0):
            groups[-1].append((regime, value))
        else:
            groups.append([(regime, value)])
    return " < ".join(
        " = ".join(f"E_T^{LABELS[r]}" for r, _ in sorted(g, key=lambda rv: REGIMES.index(rv[0])))
        for g in groups
    )


@dataclass(frozen=True)
class Comparison:
    """All four regimes side by side (``ch-cooperation``).

    Attributes
    ----------
    params : Params
    outcomes : dict of str to Outcome
        One per regime, in the order of `REGIMES`.
    efficiency : dict of str to float or array
        ``E_T`` of each regime divided by ``E_T`` of cooperation.
    ordering : str
        The ranking of ``E_T`` computed from the outcomes, e.g.
        ``'E_T^LM = E_T^LR < E_T^N < E_T^C'``.
    """

    params: Params
    outcomes: dict
    efficiency: dict
    ordering: str

    def __str__(self) -> str:
        head = f"{'regime':<18}" + "".join(f"{c:>9}" for c in _COLUMNS) + f"{'E_T/E_T^C':>11}"
        lines = [head]
        for regime, o in self.outcomes.items():
            if np.ndim(o.E_T):
                return f"ordering over {np.size(o.E_T)} parameter points: {self.ordering}"
            cells = "".join(f"{getattr(o, c):>9.4g}" for c in _COLUMNS)
            lines.append(f"{regime:<18}{cells}{self.efficiency[regime]:>11.4f}")
        lines.append(f"ordering: {self.ordering}")
        return "\n".join(lines)


_COLUMNS = ("m_M", "m_R", "P", "Q", "E_M", "E_R", "E_T", "S_B", "W")


def compare(params: Params) -> Comparison:
    """Solve every regime and rank their total payoffs.

    Examples
    --------
    >>> c = compare(Params(x=10, y=1, h=2, T_M=1, T_R=1))
    >>> c.ordering
    'E_T^LM = E_T^LR < E_T^N < E_T^C'
    >>> round(c.efficiency["nash"], 4)
    0.8889
    """
    outcomes = {r: solve(params, r) for r in REGIMES}
    best = outcomes["cooperative"].E_T
    efficiency = {r: o.E_T / best for r, o in outcomes.items()}
    return Comparison(params, outcomes, efficiency, ordering({r: o.E_T for r, o in outcomes.items()}))


def best_response(params: Params, player: str, other_markup):
    """The markup that maximizes ``player``'s payoff given the other's markup.

    From the first-order condition of ``ch-nash``: ``(x - y h - y m_other) / (2 y)``,
    and zero once the other's markup alone reaches the choke price. A test
    proves the formula equal to `soe_grassroots.symbolic.best_responses`.

    Parameters
    ----------
    params : Params
    player : str
        ``"M"`` (the SOE) or ``"R"`` (the grassroots organization).
    other_markup : float or array_like
        The other player's markup.

    Examples
    --------
    >>> best_response(Params(x=10, y=1, h=2, T_M=1, T_R=1), "R", 4.0)
    2.0
    """
    check_player("player", player)
    response = np.maximum((params.a - params.y * np.asarray(other_markup, float)) / (2 * params.y), 0.0)
    return float(response) if np.ndim(response) == 0 else response


def dilemma(params: Params) -> dict:
    """Hypothesis 3 of the paper as a two-action game (``coop-dilemma`` in ``ch-cooperation``).

    Each player either **cooperates** (C: charges its half of the joint
    optimum, the cooperative markup) or **does not** (N: charges its Nash
    markup). Keys put the SOE's action first, as every table of the book
    does: ``"CN"`` is M cooperating while R does not (the paper writes this
    case with R's action first, ``E_R^{NC}``).

    Returns
    -------
    dict of str to Outcome
        ``"CC"``, ``"CN"``, ``"NC"``, ``"NN"``.

    Examples
    --------
    >>> d = dilemma(Params(x=10, y=1, h=2, T_M=1, T_R=1))
    >>> d["CN"].E_R > d["CC"].E_R > d["NN"].E_R > d["NC"].E_R
    True
    """
    from .model import evaluate

    unit = params.a / params.y
    action = {"C": float(MARKUPS["cooperative"][0]) * unit, "N": float(MARKUPS["nash"][0]) * unit}
    return {m + r: evaluate(params, m_M=action[m], m_R=action[r]) for m in "CN" for r in "CN"}
