"""The primer chapter (``ch-primer``): repeated play of a toy prisoner's dilemma.

A toy prisoner's dilemma has four payoffs for the row player, named as usual:
``reward`` when both cooperate, ``temptation`` for defecting on a cooperator,
``punishment`` when both defect and ``sucker`` for cooperating with a defector,
with ``temptation > reward > punishment > sucker``. Played again and again with
a discount factor ``delta``, a player facing a grim-trigger partner compares

* cooperating for ever: ``reward, reward, reward, ...``, worth
  ``reward / (1 - delta)`` today, with
* defecting once and being punished for ever after: ``temptation,
  punishment, punishment, ...``, worth
  ``temptation + delta * punishment / (1 - delta)``.

Cooperating is at least as good exactly when ``delta`` is at least
``(temptation - reward) / (temptation - punishment)``. The functions here
compute these values; `PatienceDiagram` and `explore_primer` draw them for
the chapter's explorer. `markup_figure` draws the chapter's one continuous
choice: one seller's payoff against its markup, then two sellers' best replies
to each other's markup. The book's own dilemma (drawn from the pricing game)
is `soe_grassroots.dilemma`; its repeated play is the subject of ``ch-repeated``.

Examples
--------
>>> from soe_grassroots import primer
>>> primer.patience_threshold(reward=3, temptation=4, punishment=1)
0.3333333333333333
"""

from __future__ import annotations

import numpy as np

from ._checks import check_delta as _check_delta
from .params import Params, as_real

FONT = 11.0
"""Font size (points) of the game tree's labels: at least the book's smallest figure text."""

TOY = {"reward": 3.0, "temptation": 4.0, "punishment": 1.0, "sucker": 0.0}
"""The chapter's toy prisoner's dilemma (payoffs of the row player)."""


def _check_payoffs(reward, temptation, punishment, sucker=None) -> tuple:
    """Check the prisoner's-dilemma order ``temptation > reward > punishment (> sucker)``."""
    R, T, P = (as_real(n, v) for n, v in (("reward", reward), ("temptation", temptation),
                                          ("punishment", punishment)))
    if np.any(np.asarray(T) <= R):
        raise ValueError(f"temptation must exceed reward (got temptation={T!r}, reward={R!r})")
    if np.any(np.asarray(R) <= P):
        raise ValueError(f"reward must exceed punishment (got reward={R!r}, punishment={P!r})")
    if sucker is None:
        return R, T, P
    S = as_real("sucker", sucker)
    if np.any(np.asarray(P) <= S):
        raise ValueError(f"punishment must exceed sucker (got punishment={P!r}, sucker={S!r})")
    return R, T, P, S


def toy_dilemma(reward: float = 3.0, temptation: float = 4.0, punishment: float = 1.0,
                sucker: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """The payoff matrices of a symmetric prisoner's dilemma.

    Strategies, in order: cooperate, defect. The row player's matrix ``A``
    has ``A[i, j]`` = its payoff when it plays ``i`` and the column player
    plays ``j``; the game is symmetric, so the column player's is ``A.T``.

    Parameters
    ----------
    reward, temptation, punishment, sucker : float
        The row player's payoffs for (cooperate, cooperate), (defect,
        cooperate), (defect, defect) and (cooperate, defect); they must satisfy
        ``temptation > reward > punishment > sucker``.

    Returns
    -------
    tuple of numpy.ndarray
        ``(A, B)``, ready for ``nashpy.Game(A, B)``.

    Raises
    ------
    ValueError
        If the payoffs are not in the prisoner's-dilemma order.

    Examples
    --------
    >>> A, B = toy_dilemma()
    >>> A.tolist(), B.tolist()
    ([[3.0, 0.0], [4.0, 1.0]], [[3.0, 4.0], [0.0, 1.0]])
    >>> toy_dilemma(temptation=2)
    Traceback (most recent call last):
    ...
    ValueError: temptation must exceed reward (got temptation=2.0, reward=3.0)
    """
    R, T, P, S = _check_payoffs(reward, temptation, punishment, sucker)
    A = np.array([[R, S], [T, P]], dtype=float)
    return A, A.T.copy()


def present_value(payoffs, delta):
    """Present value of a finite stream of payoffs, the first one paid today.

    Parameters
    ----------
    payoffs : sequence of float
        The payoffs of periods 0, 1, 2, ...
    delta : float
        The discount factor, ``0 <= delta < 1``.

    Returns
    -------
    float
        ``sum(payoffs[t] * delta**t)``.

    Raises
    ------
    ValueError
        If ``delta`` is outside ``[0, 1)``.

    Examples
    --------
    >>> present_value([3, 3, 3], 0.5)
    5.25
    >>> present_value([3], 1.0)
    Traceback (most recent call last):
    ...
    ValueError: delta must be in [0, 1) (got delta=1.0)
    """
    delta = _check_delta(delta)
    values = np.asarray(payoffs, dtype=float)
    return float(np.sum(values * delta ** np.arange(values.size)))


def cooperate_forever(delta, reward: float = 3.0):
    """Present value of ``reward`` in every period from today on: ``reward / (1 - delta)``.

    Parameters
    ----------
    delta : float or array_like
        Discount factor(s), ``0 <= delta < 1``.
    reward : float
        The payoff of every period.

    Returns
    -------
    float or numpy.ndarray
        The present value, broadcast over ``delta``.

    Examples
    --------
    >>> cooperate_forever(0.5, reward=3)
    6.0
    """
    delta = _check_delta(delta)
    return as_real("reward", reward) / (1 - delta)


def defect_once(delta, temptation: float = 4.0, punishment: float = 1.0):
    """Present value of defecting today and being punished for ever after.

    The stream is ``temptation, punishment, punishment, ...``, worth
    ``temptation + delta * punishment / (1 - delta)``.

    Parameters
    ----------
    delta : float or array_like
        Discount factor(s), ``0 <= delta < 1``.
    temptation, punishment : float
        Today's payoff from defecting, and the payoff of every later period.

    Returns
    -------
    float or numpy.ndarray
        The present value, broadcast over ``delta``.

    Examples
    --------
    >>> defect_once(0.5, temptation=4, punishment=1)
    5.0
    """
    delta = _check_delta(delta)
    return as_real("temptation", temptation) + delta * as_real("punishment", punishment) / (1 - delta)


def patience_threshold(reward: float = 3.0, temptation: float = 4.0, punishment: float = 1.0) -> float:
    """The smallest discount factor at which cooperating for ever is worth at least defecting once.

    Parameters
    ----------
    reward, temptation, punishment : float
        Payoffs with ``temptation > reward > punishment``.

    Returns
    -------
    float
        ``(temptation - reward) / (temptation - punishment)``, in ``(0, 1)``.

    Raises
    ------
    ValueError
        If the payoffs are not in the prisoner's-dilemma order.

    Examples
    --------
    >>> patience_threshold(reward=3, temptation=5, punishment=1)
    0.5
    """
    R, T, P = _check_payoffs(reward, temptation, punishment)
    return float((T - R) / (T - P))


def game_tree(tree: dict, plan: dict | None = None, order: tuple = ("M", "R")):
    """Draw a small game tree, with the moves chosen by ``plan`` in bold.

    Parameters
    ----------
    tree : dict
        A decision node ``{"name": str, "player": str, "moves": {move: node}}``
        or a leaf ``{"payoffs": {player: number}}``.
    plan : dict, optional
        ``node name -> chosen move`` (for example from backward induction);
        those branches are drawn thick and black, the others thin and grey.
    order : tuple of str
        The players, in the order their payoffs are printed at the leaves
        (the book's order: the SOE ``"M"`` first).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> leaf = lambda r, m: {"payoffs": {"R": r, "M": m}}
    >>> fig = game_tree({"name": "root", "player": "R", "moves": {"a": leaf(1, 2), "b": leaf(0, 0)}},
    ...                 plan={"root": "a"})
    >>> len(fig.axes)
    1
    """
    from .plots import new_figure

    fig, ax = new_figure(height=3.2)
    plan = plan or {}
    leaves = []

    def place(node, depth):
        if "payoffs" in node:
            leaves.append(node)
            node_xy = (len(leaves) - 1, -depth)
        else:
            kids = [place(child, depth + 1) for child in node["moves"].values()]
            node_xy = (float(np.mean([k[0] for k in kids])), -depth)
            for move, kid in zip(node["moves"], kids):
                chosen = plan.get(node["name"]) == move
                ax.plot([node_xy[0], kid[0]], [node_xy[1], kid[1]], color="black" if chosen else "grey",
                        lw=3 if chosen else 1, ls="-" if chosen else "--", zorder=1)
                ax.annotate(move, ((node_xy[0] + kid[0]) / 2, (node_xy[1] + kid[1]) / 2), fontsize=FONT,
                            ha="right" if kid[0] < node_xy[0] else "left", va="bottom",
                            xytext=(-4 if kid[0] < node_xy[0] else 4, 0), textcoords="offset points")
            ax.plot(*node_xy, "o", color="white", mec="black", ms=22, zorder=2)
            ax.annotate(node["player"], node_xy, ha="center", va="center", fontsize=FONT, zorder=3)
            return node_xy
        label = "(" + ", ".join(f"{node['payoffs'][p]:g}" for p in order) + ")"
        ax.annotate(label, node_xy, ha="center", va="top", fontsize=FONT, xytext=(0, -4),
                    textcoords="offset points")
        return node_xy

    place(tree, 0)
    ax.set_xlim(-0.6, len(leaves) - 0.4)
    ax.set_ylim(ax.get_ylim()[0] - 0.35, 0.35)
    ax.set_axis_off()
    return fig


def markup_figure(params: Params):
    """The primer's continuous choice: one seller's markup, then two sellers' best replies.

    Left: the payoff ``E(m) = Q m`` of a single seller that charges the whole
    markup ``m`` (the other markup zero), against ``m`` from 0 to ``a / y``,
    with its peak at ``a / (2 y)``. Right: each seller's best reply to the
    other's markup, ``(a - y m_other) / (2 y)``, SOE's markup on the
    horizontal axis; the two lines cross where each markup is the best reply
    to the other, at ``a / (3 y)`` each.

    Parameters
    ----------
    params : Params
        The model's parameters (the chapter uses ``EXAMPLE``).

    Returns
    -------
    matplotlib.figure.Figure
        Two axes: the single seller's payoff, and the two best-reply lines.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> fig = markup_figure(EXAMPLE)
    >>> left, right = fig.axes
    >>> [float(v) for v in left.lines[1].get_xdata()], [float(v) for v in left.lines[1].get_ydata()]
    ([4.0], [48.0])
    >>> [round(float(v), 4) for v in right.lines[2].get_xdata()]
    [2.6667]
    """
    from .model import evaluate
    from .plots import EQUILIBRIUM, PLAYER_COLORS, new_figure
    from .regimes import best_response

    top = params.a / params.y
    grid = np.linspace(0, top, 201)
    fig, (left, right) = new_figure(height=3.4, ncols=2)
    left.plot(grid, evaluate(params, m_M=grid, m_R=0.0).E_M, color=PLAYER_COLORS["M"], lw=2.5)
    peak = top / 2
    left.plot([peak], [float(evaluate(params, m_M=peak, m_R=0.0).E_M)], color="black", **EQUILIBRIUM)
    left.set_xlabel("markup $m$ of a single seller")
    left.set_ylabel("payoff $E = Q\\,m$")
    right.plot(best_response(params, "M", grid), grid, color=PLAYER_COLORS["M"], lw=2.5,
               label="SOE: $BR_M(m_R)$")
    right.plot(grid, best_response(params, "R", grid), color=PLAYER_COLORS["R"], lw=2.5, ls="--",
               label="grassroots org.: $BR_R(m_M)$")
    cross = top / 3
    right.plot([cross], [cross], color="black", **EQUILIBRIUM)
    right.set_xlabel("SOE's markup $m_M$")
    right.set_ylabel("grassroots org.'s markup $m_R$")
    right.set_xlim(0, top)
    right.set_ylim(0, top)
    right.legend(loc="upper right", frameon=False)
    for ax in (left, right):
        ax.set_xlim(0, top)
    left.set_ylim(0, 1.12 * float(evaluate(params, m_M=peak, m_R=0.0).E_M))
    return fig


class PatienceDiagram:
    """The primer's explorer: cooperate for ever, or defect once and be punished?

    Left: the two payoff streams, each period's payoff shrunk by ``delta**t``
    (the bars' areas add up to the present values). Right: the two present
    values against the discount factor; they cross at the patience threshold,
    and markers show the current ``delta``.

    Parameters
    ----------
    params : Params
        Not used (the toy game has no model parameters); accepted so that the
        class follows the protocol of `soe_grassroots.widgets.Explorer`.
    delta : float
        The discount factor, ``0 <= delta < 1``.
    temptation, punishment : float
        The toy game's payoffs; ``reward`` is fixed at ``TOY["reward"]``.

    Examples
    --------
    >>> d = PatienceDiagram(None, delta=0.5)
    >>> "cooperating" in d.alt
    True
    """

    PERIODS = 12
    DELTA_MAX = 0.9

    def __init__(self, params: Params | None, delta: float, temptation: float = TOY["temptation"],
                 punishment: float = TOY["punishment"]):
        from .plots import COLORS, new_figure

        self.fig, (self.ax_t, self.ax_pv) = new_figure(height=3.6, ncols=2)
        t = np.arange(self.PERIODS)
        self.c_color, self.d_color = COLORS["cooperative"], COLORS["nash"]
        self.bars_c = self.ax_t.bar(t - 0.2, np.zeros_like(t, float), width=0.4, color=self.c_color,
                                    label="cooperate for ever")
        self.bars_d = self.ax_t.bar(t + 0.2, np.zeros_like(t, float), width=0.4, color=self.d_color,
                                    hatch="//", edgecolor="white", label="defect once, then punished")
        self.ax_t.set_xlabel("period $t$")
        self.ax_t.set_ylabel(r"discounted payoff $\delta^t \times$ payoff")
        self.ax_t.set_xticks(t[::2])
        self.ax_t.legend(loc="upper right", frameon=False)
        (self.line_c,) = self.ax_pv.plot([], [], color=self.c_color, lw=2, label="cooperate for ever")
        (self.line_d,) = self.ax_pv.plot([], [], color=self.d_color, lw=2, ls="--",
                                         label="defect once, then punished")
        self.threshold = self.ax_pv.axvline(0, color="grey", lw=0.8, ls=":")
        (self.dot_c,) = self.ax_pv.plot([], [], "o", color=self.c_color, ms=7, mec="black")
        (self.dot_d,) = self.ax_pv.plot([], [], "s", color=self.d_color, ms=7, mec="black")
        self.ax_pv.set_xlabel(r"discount factor $\delta$")
        self.ax_pv.set_ylabel("present value")
        self.ax_pv.legend(loc="upper left", frameon=False)
        self.dynamic = [*self.bars_c, *self.bars_d, self.dot_c, self.dot_d]
        self.update(params, delta, temptation, punishment)

    def update(self, params: Params | None, delta: float, temptation: float = TOY["temptation"],
               punishment: float = TOY["punishment"]) -> None:
        """Redraw for a new discount factor or new payoffs.

        Examples
        --------
        >>> d = PatienceDiagram(None, delta=0.2)
        >>> d.update(None, delta=0.6)
        >>> d.alt.startswith("At discount factor 0.60, cooperating")
        True
        """
        reward = TOY["reward"]
        star = patience_threshold(reward, temptation, punishment)
        delta = float(_check_delta(delta))
        t = np.arange(self.PERIODS)
        weights = delta ** t
        stream_d = np.where(t == 0, temptation, punishment)
        for bar, h in zip(self.bars_c, reward * weights):
            bar.set_height(h)
        for bar, h in zip(self.bars_d, stream_d * weights):
            bar.set_height(h)
        grid = np.linspace(0, self.DELTA_MAX, 181)
        self.line_c.set_data(grid, cooperate_forever(grid, reward))
        self.line_d.set_data(grid, defect_once(grid, temptation, punishment))
        self.threshold.set_xdata([star, star])
        pv_c, pv_d = cooperate_forever(delta, reward), defect_once(delta, temptation, punishment)
        self.dot_c.set_data([delta], [pv_c])
        self.dot_d.set_data([delta], [pv_d])
        self.ax_t.set_xlim(-0.7, self.PERIODS - 0.3)
        self.ax_t.set_ylim(0, max(reward, temptation) * 1.35)
        top = max(cooperate_forever(self.DELTA_MAX, reward), defect_once(self.DELTA_MAX, temptation, punishment))
        self.ax_pv.set_xlim(0, self.DELTA_MAX)
        self.ax_pv.set_ylim(0, top * 1.08)
        better = "cooperating for ever" if pv_c >= pv_d else "defecting once"
        self.alt = (
            f"At discount factor {delta:.2f}, cooperating for ever is worth {pv_c:.2f} and defecting once, "
            f"then being punished, is worth {pv_d:.2f}, so {better} pays more. Left: the discounted payoffs "
            f"period by period. Right: both present values against the discount factor; they cross at "
            f"{star:.2f}."
        )


def explore_primer(delta: float = 0.5, *, size: str = "page"):
    """The primer's explorer: the discount factor (main slider) and the toy payoffs.

    Parameters
    ----------
    delta : float
        Starting discount factor, ``0 <= delta <= 0.9``.
    size : {"page", "projector"}
        Passed on to `soe_grassroots.widgets.Explorer`.

    Returns
    -------
    soe_grassroots.widgets.Explorer
        One stored frame per value of ``delta`` from 0 to 0.9 in steps of 0.05.

    Examples
    --------
    >>> e = explore_primer(delta=0.5)
    >>> len(e.values), e.state["delta"]
    (19, 0.5)
    """
    from .widgets import Explorer, start_state

    state = start_state(delta=delta, temptation=TOY["temptation"], punishment=TOY["punishment"])
    others = {
        "temptation": (3.25, 6.0, 0.25, "temptation (reward = 3)"),
        "punishment": (0.25, 2.75, 0.25, "punishment"),
    }
    values = np.round(np.linspace(0, PatienceDiagram.DELTA_MAX, 19), 2)
    return Explorer(PatienceDiagram, state, "delta", values, "discount factor δ", others, size=size)
