"""Hypothesis 3's two-action game, its grim-trigger threshold and the share interval, in symbols.

The prose checks and the appendix share these; each is built on the core
(`soe_grassroots.repeated.stage_game_symbolic`,
`soe_grassroots.bargaining.share_interval`), not derived again here.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from .. import symbolic as S
from .._checks import single as _single
from ..bargaining import share_interval as _bargaining_share_interval
from ..symbolic import T_M, T_R, y


@cache
def two_action_game() -> dict:
    """Hypothesis 3's game in symbols: each partner charges C or N.

    C is half of the joint optimum ``(x - yh)/(4y)``; N is the Nash markup
    ``(x - yh)/(3y)``: `soe_grassroots.repeated.stage_game_symbolic`, written
    in ``x`` again. Keys put the grassroots organization's action first,
    as the paper does (``"NC"``: R does not cooperate, M does); values are
    ``(E_M, E_R)``.

    Examples
    --------
    >>> sp.factor(two_action_game()["NC"][1])
    5*T_M*T_R*(-h*y + x)**2/(36*y)
    """
    from ..repeated import stage_game_symbolic

    A, B = stage_game_symbolic()  # units of U, rows M's action; written back in x here
    U = (T_M * T_R * S.a**2 / y).subs(S.a, S.A_IN_X)
    k = {"C": 0, "N": 1}
    return {r + m: (sp.factor(A[k[m], k[r]] * U), sp.factor(B[k[m], k[r]] * U)) for r in "CN" for m in "CN"}


def grim_trigger_threshold():
    """The least discount factor at which a partner keeps to C under grim trigger.

    Cooperating forever is worth ``E^CC / (1 - d)``; defecting once and being
    punished with N forever, ``E^NC + d E^NN / (1 - d)``. Computed for the
    grassroots organization (the game is symmetric).

    Examples
    --------
    >>> grim_trigger_threshold()
    1/2
    """
    d = sp.Symbol("delta", positive=True)
    g = two_action_game()
    cc, nc, nn = g["CC"][1], g["NC"][1], g["NN"][1]
    return sp.simplify(_single(sp.solve(sp.Eq(cc / (1 - d), nc + d * nn / (1 - d)), d)))


def share_interval(regime: str) -> tuple:
    """The SOE shares of the cooperative total that leave BOTH partners better off than in ``regime``.

    The SOE gets ``sigma E_T^C``, the grassroots organization the rest; the
    interval is open, ``(lo, hi)``. The ends are those of the core,
    `soe_grassroots.bargaining.share_interval` (exact).

    Examples
    --------
    >>> share_interval("nash"), share_interval("soe_leads")
    ((4/9, 5/9), (1/2, 3/4))
    """
    return _bargaining_share_interval(regime, exact=True)

