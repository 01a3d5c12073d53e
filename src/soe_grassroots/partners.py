"""More than two partners: n independent markups on one service.

The service reaches a household through a chain of ``n`` partners (one SOE
and several village organizations, or layers of intermediaries). Partner
``i`` adds a markup ``m_i`` to the unit cost ``h``, so the price is
``P = h + m_1 + ... + m_n``, the quantity served is ``Q = T (x - y P)`` with
``T = T_M T_R`` fixed, and partner ``i`` earns ``E_i = Q m_i``. The book's
two-partner game is ``n = 2``; ``n = 1`` is a single integrated provider.

Regimes:

* ``"nash"``: each partner sets its markup alone, at the same time. Every
  markup is ``a / ((n + 1) y)`` with ``a = x - y h``.
* ``"cooperative"``: the partners choose the joint markup together, ``a/(2y)``
  whatever ``n``, split equally (a convention; see the bargaining chapter).

Results are fixed multiples of ``a/y``, ``T a`` and ``U = T a**2 / y``.
`derive` obtains them with sympy from the first-order conditions for a given
``n``, and ``tests/test_partners.py`` proves them equal for many ``n``.

``n`` must be a positive integer: a Python ``int`` or a numpy integer.
A float is refused even when it is whole (``2.0``), as ``range`` refuses it,
so that a computed number that only looks whole (``2.9999999``) never passes
silently; ``True`` is refused too, although Python would count it as 1.

Examples
--------
>>> from soe_grassroots import EXAMPLE
>>> from soe_grassroots import partners
>>> o = partners.solve(EXAMPLE, 3)
>>> o.markups, o.Q, o.E_T
(array([2., 2., 2.]), 6.0, 36.0)
>>> partners.efficiency(2)
0.8888888888888888
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from numbers import Integral
from typing import Any

import numpy as np

from ._checks import scalar as _scalar
from .model import beneficiary_surplus
from .params import Params

PARTNER_REGIMES = ("nash", "cooperative")
"""The regimes of the n-partner chain."""


def check_n(n) -> int:
    """Return ``n`` as an ``int`` if it is a positive integer, else raise ``ValueError``.

    Examples
    --------
    >>> check_n(3)
    3
    >>> check_n(2.0)
    Traceback (most recent call last):
    ...
    ValueError: n must be a positive integer (an int, not a float or bool) (got 2.0)
    >>> check_n(0)
    Traceback (most recent call last):
    ...
    ValueError: n must be a positive integer, n >= 1 (got 0)
    """
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, Integral):
        raise ValueError(f"n must be a positive integer (an int, not a float or bool) (got {n!r})")
    if n < 1:
        raise ValueError(f"n must be a positive integer, n >= 1 (got {n!r})")
    return int(n)


def _check_regime(regime: str) -> str:
    if not isinstance(regime, str) or regime not in PARTNER_REGIMES:
        valid = ", ".join(repr(r) for r in PARTNER_REGIMES)
        raise ValueError(f"regime must be one of {valid} (got {regime!r})")
    return regime


def markup_multiple(n: int, regime: str = "nash") -> Fraction:
    """Each partner's markup as a multiple of ``a / y``.

    Examples
    --------
    >>> markup_multiple(2), markup_multiple(2, "cooperative")
    (Fraction(1, 3), Fraction(1, 4))
    """
    n = check_n(n)
    _check_regime(regime)
    return Fraction(1, n + 1) if regime == "nash" else Fraction(1, 2 * n)


@dataclass(frozen=True)
class ChainOutcome:
    """What a chain of ``n`` partners leads to in one regime.

    Attributes
    ----------
    regime : str
        ``"nash"`` or ``"cooperative"``.
    n : int
        The number of partners.
    markups : numpy.ndarray
        Each partner's markup; shape ``(n,)`` for scalar parameters, ``(n, ...)``
        when the parameters are arrays.
    P, Q : float or array
        Unit price and quantity served.
    payoffs : numpy.ndarray
        Each partner's payoff ``Q m_i``, shaped like ``markups``.
    E_T : float or array
        The partners' total payoff.
    S_B : float or array
        Beneficiaries' surplus ``Q**2 / (2 y T)`` (`soe_grassroots.model.beneficiary_surplus`).
    W : float or array
        Total welfare ``E_T + S_B``.
    """

    regime: str
    n: int
    markups: Any
    P: Any
    Q: Any
    payoffs: Any
    E_T: Any
    S_B: Any
    W: Any


def solve(params: Params, n: int, regime: str = "nash") -> ChainOutcome:
    """The outcome of a chain of ``n`` partners.

    Parameters
    ----------
    params : Params
        The game's parameters; ``T = T_M T_R`` is the chain's demand multiplier.
    n : int
        The number of partners, a positive integer.
    regime : str
        ``"nash"`` (each sets its markup alone) or ``"cooperative"`` (the
        joint markup maximizes the total payoff; split equally).

    Returns
    -------
    ChainOutcome

    Raises
    ------
    ValueError
        If ``n`` is not a positive integer, ``regime`` is not one of
        `PARTNER_REGIMES`, or ``params`` is not a `Params`.

    Examples
    --------
    >>> from soe_grassroots import Params
    >>> o = solve(Params(x=10, y=1, h=2, T_M=1, T_R=1), 2)  # the book's Nash game
    >>> [round(v, 4) for v in (o.P, o.Q, o.E_T, o.S_B)]
    [7.3333, 2.6667, 14.2222, 3.5556]
    >>> solve(Params(x=10, y=1, h=2, T_M=1, T_R=1), 4, "cooperative").E_T
    16.0
    """
    n = check_n(n)
    _check_regime(regime)
    if not isinstance(params, Params):
        raise ValueError(f"params must be a Params instance (got {type(params).__name__})")
    c = markup_multiple(n, regime)
    each = float(c) * params.a / params.y
    total = n * each
    P = params.h + total
    Q = params.T * (params.a - params.y * total)
    shape = np.broadcast_shapes(*(np.shape(getattr(params, f)) for f in ("x", "y", "h", "T_M", "T_R")))
    markups = np.broadcast_to(np.asarray(each, float), (n, *shape)).copy()
    Q = np.broadcast_to(Q, shape) * 1.0
    payoffs = markups * Q
    E_T = Q * total
    S_B = beneficiary_surplus(Q, params.y, params.T_M, params.T_R)
    S_B = np.broadcast_to(S_B, shape) * 1.0
    return ChainOutcome(regime, n, markups, _scalar(np.broadcast_to(P, shape) * 1.0), _scalar(Q),
                        payoffs, _scalar(np.broadcast_to(E_T, shape) * 1.0), _scalar(S_B),
                        _scalar(np.broadcast_to(E_T + S_B, shape) * 1.0))


def efficiency(n) -> Any:
    """The Nash total over the cooperative total, ``4 n / (n + 1)**2``.

    Parameters
    ----------
    n : int or array_like of int
        The number of partners (each a positive integer).

    Returns
    -------
    float or numpy.ndarray

    Raises
    ------
    ValueError
        If ``n`` (or an element of it) is not a positive integer.

    Examples
    --------
    >>> efficiency(1), efficiency(3)
    (1.0, 0.75)
    >>> efficiency([1, 2, 3]).round(4)
    array([1.    , 0.8889, 0.75  ])
    """
    if isinstance(n, (list, tuple, np.ndarray)):
        arr = np.asarray(n)
        if arr.dtype.kind not in "iu" or arr.size == 0:
            raise ValueError(f"n must be a positive integer or an array of them (got {n!r})")
        if np.any(arr < 1):
            raise ValueError(f"n must be a positive integer, n >= 1 (got {arr[arr < 1].flat[0]!r})")
        m = arr.astype(float)
        return 4 * m / (m + 1) ** 2
    n = check_n(n)
    return 4 * n / (n + 1) ** 2


@dataclass(frozen=True)
class ChainDerivation:
    """The n-partner results derived by sympy, as multiples of ``a/y``, ``T a`` and ``U``.

    Attributes
    ----------
    n : int
    markups : tuple
        Each Nash markup over ``a/y``.
    Q : sympy.Rational
        The Nash quantity over ``T a``.
    E_T, S_B : sympy.Rational
        The Nash total payoff and beneficiaries' surplus over ``U``.
    E_T_C, S_B_C : sympy.Rational
        The same under cooperation.
    unique : bool
        Whether the first-order conditions have exactly one solution.
    """

    n: int
    markups: tuple
    Q: Any
    E_T: Any
    S_B: Any
    E_T_C: Any
    S_B_C: Any
    unique: bool


@cache
def derive(n: int) -> ChainDerivation:
    """Solve the ``n``-partner game with sympy from the first-order conditions.

    Every partner's payoff ``T m_i (a - y (m_1 + ... + m_n))`` is concave in
    its own markup; the ``n`` first-order conditions are linear, and sympy
    solves them jointly. Cooperation maximizes ``T s (a - y s)`` over the
    joint markup ``s``.

    Examples
    --------
    >>> d = derive(3)
    >>> d.markups, d.Q, d.E_T, d.S_B, d.unique
    ((1/4, 1/4, 1/4), 1/4, 3/16, 1/32, True)
    """
    import sympy as sp

    from . import symbolic as S

    n = check_n(n)
    a, y, T = S.a, S.y, S.T_M * S.T_R
    m = sp.symbols(f"m1:{n + 1}", real=True)
    Q = T * (a - y * sum(m))
    focs = [sp.diff(Q * mi, mi) for mi in m]
    solutions = sp.solve(focs, m, dict=True)
    sol = solutions[0]
    Q_N = sp.simplify(Q.subs(sol))
    E_T = sp.simplify(Q_N * sum(sol[mi] for mi in m))
    unit = S.in_terms_of_a(S.U)
    s = sp.Symbol("s", positive=True)
    s_C = sp.solve(sp.diff(T * s * (a - y * s), s), s)[0]
    Q_C = T * (a - y * s_C)
    return ChainDerivation(
        n, tuple(sp.simplify(sol[mi] / (a / y)) for mi in m),
        sp.simplify(Q_N / (T * a)), sp.simplify(E_T / unit),
        sp.simplify(Q_N**2 / (2 * y * T) / unit), sp.simplify(Q_C * s_C / unit),
        sp.simplify(Q_C**2 / (2 * y * T) / unit), len(solutions) == 1,
    )


class ChainDiagram:
    """The partners chapter's figure: what n independent markups do.

    Left: as a function of the number of partners, the Nash total payoff,
    the quantity served and the beneficiaries' surplus, each as a share of
    its value under cooperation; the markers show the chosen ``n``. Right:
    the demand diagram for ``n`` partners: the cost, one band per partner's
    markup stacked up to the price, and the households' surplus above it;
    the dashed line is the cooperative price.

    Parameters
    ----------
    params : Params
    n : int or float
        The number of partners (a whole number; the explorer's slider passes
        floats, which are rounded here).
    """

    N_MAX = 12
    """The largest n drawn (the figure keeps one band per possible partner)."""

    def __init__(self, params: Params, n=2):
        from matplotlib.patches import Polygon, Rectangle

        from . import plots
        from .plots import COLORS, PLAYER_COLORS, new_figure

        font = plots.FONT_SIZES["page"]
        self.fig, (self.ax_eff, self.ax) = new_figure(plots.PAGE_WIDTH, 4.4, ncols=2)
        grid = np.arange(1, self.N_MAX + 1)
        self.curves = {
            "E_T": (efficiency(grid), COLORS["nash"], "o", "$E_T$ (partners)"),
            "Q": (2 / (grid + 1.0), "black", "s", "$Q$ (served)"),
            "S_B": (4 / (grid + 1.0) ** 2, "#8C7A00", "^", "$S_B$ (households)"),
        }
        self.markers = {}
        for key, (values, color, marker, label) in self.curves.items():
            self.ax_eff.plot(grid, values, color=color, marker=marker, ms=3, lw=1.2, label=label)
            (self.markers[key],) = self.ax_eff.plot([], [], marker, color=color, ms=10, mfc="none", mew=2)
        self.ax_eff.set_xlabel("number of partners $n$")
        self.ax_eff.set_ylabel("Nash / cooperative")
        self.ax_eff.set_ylim(0, 1.05)
        self.ax_eff.set_xlim(0.5, self.N_MAX + 0.5)
        self.ax_eff.set_xticks(np.arange(1, self.N_MAX + 1, 2))
        self.ax_eff.legend(loc="upper right", fontsize=font, frameon=False, handlelength=1.2)
        ax = self.ax
        (self.demand_line,) = ax.plot([], [], color="black", lw=1.5)
        self.cost = ax.add_patch(Rectangle((0, 0), 0, 0, color=PLAYER_COLORS["cost"], label="cost $hQ$"))
        self.bands = []
        for i in range(self.N_MAX):
            color = PLAYER_COLORS["M"] if i == 0 else PLAYER_COLORS["R"]
            band_label = "SOE's markup" if i == 0 else ("others' markups" if i == 1 else None)
            self.bands.append(ax.add_patch(Rectangle((0, 0), 0, 0, facecolor=color, edgecolor="white",
                                                     lw=0.8, label=band_label)))
        self.poor = ax.add_patch(Polygon(np.zeros((3, 2)), color=PLAYER_COLORS["poor"], label="$S_B$"))
        self.coop = ax.axhline(0, color=COLORS["cooperative"], ls="--", lw=1.5, label="cooperative price")
        self.text = ax.text(0.98, 0.98, "", transform=ax.transAxes, ha="right", va="top", fontsize=font)
        ax.set_xlabel("quantity served $Q$")
        ax.set_ylabel("unit price $P$")
        self.fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=3, fontsize=font,
                        frameon=False, handlelength=1.5, columnspacing=1.0)
        self.dynamic = [*self.markers.values(), self.cost, *self.bands, self.poor, self.text]
        self.update(params, n)

    def update(self, params: Params, n=2) -> None:
        """Redraw for new parameters or a new number of partners."""
        n = check_n(int(round(float(n))))
        if n > self.N_MAX:
            raise ValueError(f"n must be at most {self.N_MAX} in this figure (got {n})")
        o, c = solve(params, n, "nash"), solve(params, n, "cooperative")
        for key, (values, *_rest) in self.curves.items():
            self.markers[key].set_data([n], [values[n - 1]])
        choke, Q_max = params.x / params.y, params.T * params.x
        self.demand_line.set_data([0, Q_max], [choke, 0])
        self.cost.set_bounds(0, 0, o.Q, params.h)
        for i, band in enumerate(self.bands):
            if i < n:
                band.set_bounds(0, params.h + i * o.markups[i], o.Q, o.markups[i])
            else:
                band.set_bounds(0, 0, 0, 0)
        self.poor.set_xy([[0, o.P], [o.Q, o.P], [0, choke]])
        self.coop.set_ydata([c.P, c.P])
        self.ax.set_xlim(0, Q_max * 1.02)
        self.ax.set_ylim(0, choke * 1.05)
        self.text.set_text(f"n = {n}\nP = {o.P:.2f}\nQ = {o.Q:.2f}")
        self.alt = (
            f"With {n} independent partner{'s' if n > 1 else ''} each adding a markup of "
            f"{o.markups[0]:.2f}, the price is {o.P:.2f} against {c.P:.2f} under cooperation, "
            f"{o.Q:.2f} units are served against {c.Q:.2f}, the partners earn {o.E_T:.2f} in total "
            f"({efficiency(n):.3f} of the cooperative {c.E_T:.2f}) and the beneficiaries' surplus is "
            f"{o.S_B:.2f} against {c.S_B:.2f}."
        )


def explore_partners(params: Params | None = None, *, size: str = "page"):
    """The partners chapter's explorer: the number of partners n on the main slider.

    The five parameter sliders work in a live notebook. ``size="projector"``
    draws it larger, for a class (as the other explorers).

    Examples
    --------
    >>> e = explore_partners()
    >>> int(e.state["n"]), len(e.frames) == len(e.values)
    (2, True)
    """
    from .widgets import PARAM_SLIDERS, Explorer, start_state

    state = start_state(params, n=2)
    return Explorer(ChainDiagram, state, "n", np.arange(1, ChainDiagram.N_MAX + 1),
                    "number of partners n", PARAM_SLIDERS, size=size)
