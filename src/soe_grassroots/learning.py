"""Learning to play: how boundedly rational partners find (or miss) an equilibrium.

The chapter "Learning to play" (label ``ch-learning``) replaces the assumption
that both partners compute the Nash equilibrium at once by three simple rules
of adjustment:

* **best-response dynamics** in markups: each round a partner charges its best
  response to the markup the other charged last round (simultaneous updating),
  or the two take turns (alternating updating);
* **fictitious play** on the two-action stage game (cooperate = half the
  cooperative markup, breach = the Nash markup): each partner best-responds to
  the frequencies of the other's past actions (nashpy's ``fictitious_play``);
* **replicator dynamics** on the same game: the share of a population using an
  action grows in proportion to how much better than average it pays
  (nashpy's ``asymmetric_replicator_dynamics``); `replicator` reports the
  shares of breachers ``rho_M`` and ``rho_R``.

Everything is pure and works on a `~soe_grassroots.params.Params`. sympy and
nashpy are imported inside the functions that need them.

Examples
--------
>>> from soe_grassroots import EXAMPLE
>>> path = best_response_path(EXAMPLE, (0.0, 8.0), rounds=3)
>>> path.round(4).tolist()
[[0.0, 8.0], [0.0, 4.0], [2.0, 4.0], [2.0, 3.0]]
"""

from __future__ import annotations

import numpy as np

from .params import Params, as_real
from .regimes import best_response, solve

MODES = ("simultaneous", "alternating")
"""How the partners update: both at once each round, or in turn (M, then R)."""

ACTIONS = ("cooperate", "breach")
"""The stage game's actions: half the cooperative markup a/(4y), or the Nash markup a/(3y)."""


def check_mode(mode: str) -> str:
    """Return ``mode`` if it is one of `MODES`, else raise ``ValueError``.

    Examples
    --------
    >>> check_mode("random")
    Traceback (most recent call last):
    ...
    ValueError: mode must be 'simultaneous' or 'alternating' (got 'random')
    """
    if mode not in MODES:
        raise ValueError(f"mode must be 'simultaneous' or 'alternating' (got {mode!r})")
    return mode


def _check_rounds(rounds) -> int:
    if isinstance(rounds, bool) or not isinstance(rounds, (int, np.integer)) or rounds < 0:
        raise ValueError(f"rounds must be an integer >= 0 (got {rounds!r})")
    return int(rounds)


def _check_scalar(params: Params) -> None:
    if not isinstance(params, Params):
        raise ValueError(f"params must be a Params instance (got {type(params).__name__})")
    if any(np.ndim(getattr(params, k)) for k in ("x", "y", "h", "T_M", "T_R")):
        raise ValueError("params must hold single numbers here, not arrays")


def best_response_path(params: Params, start, rounds: int = 10,
                       mode: str = "simultaneous") -> np.ndarray:
    """The markups ``(m_M, m_R)`` of best-response dynamics, round by round.

    Parameters
    ----------
    params : Params
        The game's parameters (single numbers).
    start : pair of float
        The starting markups ``(m_M, m_R)``, each finite and ``>= 0``.
    rounds : int
        How many rounds to play, ``>= 0``.
    mode : str
        ``"simultaneous"``: each round both partners best-respond to the other's
        markup of the previous round. ``"alternating"``: in each round the SOE
        moves first, then the grassroots organization replies to the SOE's new
        markup; the path then records both moves (two rows per round).

    Returns
    -------
    numpy.ndarray
        Shape ``(rounds + 1, 2)`` (simultaneous) or ``(2 rounds + 1, 2)``
        (alternating); the first row is ``start``.

    Raises
    ------
    ValueError
        For a negative or non-finite markup, a bad ``rounds`` or an unknown ``mode``.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> best_response_path(EXAMPLE, (8.0, 0.0), rounds=2).tolist()
    [[8.0, 0.0], [4.0, 0.0], [4.0, 2.0]]
    >>> best_response_path(EXAMPLE, (8.0, 0.0), rounds=1, mode="alternating").tolist()
    [[8.0, 0.0], [4.0, 0.0], [4.0, 2.0]]
    """
    _check_scalar(params)
    check_mode(mode)
    rounds = _check_rounds(rounds)
    if np.shape(start) != (2,):
        raise ValueError(f"start must be a pair of markups (m_M, m_R) (got {start!r})")
    m = [as_real(name, v) for name, v in zip(("start m_M", "start m_R"), start)]
    for name, v in zip(("start m_M", "start m_R"), m):
        if v < 0:
            raise ValueError(f"{name} must be >= 0 (got {v!r})")
    rows = [tuple(m)]
    m_M, m_R = m
    for _ in range(rounds):
        if mode == "simultaneous":
            m_M, m_R = best_response(params, "M", m_R), best_response(params, "R", m_M)
        else:
            m_M = best_response(params, "M", m_R)
            rows.append((m_M, m_R))
            m_R = best_response(params, "R", m_M)
        rows.append((m_M, m_R))
    return np.array(rows, dtype=float)


def distance_to_nash(params: Params, path) -> np.ndarray:
    """The Euclidean distance of each point of ``path`` from the Nash markups.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> path = best_response_path(EXAMPLE, (8.0, 8.0), rounds=3)
    >>> d = distance_to_nash(EXAMPLE, path)
    >>> (d / d[0]).round(12).tolist()
    [1.0, 0.5, 0.25, 0.125]
    """
    nash = solve(params, "nash")
    path = np.asarray(path, float)
    return np.hypot(path[:, 0] - nash.m_M, path[:, 1] - nash.m_R)


def reaction_slope():
    """The slope ``d m_R / d m_M`` of R's reaction curve, derived with sympy.

    Differentiates the best response that `soe_grassroots.symbolic` obtains
    from R's first-order condition.

    Examples
    --------
    >>> reaction_slope()
    -1/2
    """
    import sympy as sp

    from . import symbolic

    return sp.simplify(sp.diff(symbolic.best_responses()["R"], symbolic.m_M))


def update_matrices() -> dict:
    """The linear maps of the deviations from Nash under each updating mode (sympy).

    With ``e = (m_M - m^N, m_R - m^N)``, one round of simultaneous updating maps
    ``e`` to ``J e`` with ``J = [[0, s], [s, 0]]``, where ``s`` is the reaction
    slope; one round of alternating updating (M, then R) maps it to ``R_ M_``,
    the product of the two one-player moves.

    Returns
    -------
    dict of str to sympy.Matrix
        ``"simultaneous"`` and ``"alternating"``.

    Examples
    --------
    >>> J = update_matrices()
    >>> sorted(J["simultaneous"].eigenvals())
    [-1/2, 1/2]
    >>> sorted(J["alternating"].eigenvals())
    [0, 1/4]
    """
    import sympy as sp

    s = reaction_slope()
    move_M = sp.Matrix([[0, s], [0, 1]])  # M replies to R's markup; R stays put
    move_R = sp.Matrix([[1, 0], [s, 0]])  # R replies to M's (new) markup
    return {"simultaneous": sp.Matrix([[0, s], [s, 0]]), "alternating": move_R * move_M}


def stage_game_symbolic():
    """The stage game's payoff matrices in units of ``U = T a**2 / y``, derived with sympy.

    Rows are M's action, columns R's, in the order of `ACTIONS`: the package's
    one symbolic two-action game, `soe_grassroots.repeated.stage_game_symbolic`.

    Returns
    -------
    (sympy.Matrix, sympy.Matrix)
        ``A`` (M's payoffs) and ``B`` (R's payoffs).

    Examples
    --------
    >>> A, B = stage_game_symbolic()
    >>> A
    Matrix([
    [ 1/8, 5/48],
    [5/36,  1/9]])
    >>> B == A.T
    True
    """
    from . import repeated

    A, B = repeated.stage_game_symbolic()
    return A.as_mutable(), B.as_mutable()


def _check_fine(fine) -> tuple[float, float]:
    if np.shape(fine) != (2,):
        raise ValueError(f"fine must be a pair (f_M, f_R) in units of U (got {fine!r})")
    f_M, f_R = (float(as_real(name, v)) for name, v in zip(("fine f_M", "fine f_R"), fine))
    for name, v in zip(("fine f_M", "fine f_R"), (f_M, f_R)):
        if v < 0:
            raise ValueError(f"{name} must be >= 0 (got {v!r})")
    return f_M, f_R


def stage_game(params: Params, fine=(0.0, 0.0)) -> tuple[np.ndarray, np.ndarray]:
    """The stage game's payoff matrices in units of ``U``, computed with the model.

    The package's one numeric two-action game, `soe_grassroots.repeated.stage_game`,
    divided by ``U = T a**2 / y``, with the fine on top; a test checks the result
    against `stage_game_symbolic` over the whole valid parameter space.

    Parameters
    ----------
    params : Params
    fine : pair of float
        ``(f_M, f_R)``: a fine, in units of ``U``, that each partner pays in
        every round in which it breaches (an audit that detects every breach);
        each finite and ``>= 0``. It is subtracted from M's breach row of ``A``
        and from R's breach column of ``B``.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> A, B = stage_game(EXAMPLE)
    >>> (A * 144).round(6).tolist()
    [[18.0, 15.0], [20.0, 16.0]]
    >>> A, B = stage_game(EXAMPLE, fine=(1 / 96, 0.0))
    >>> (A * 288).round(6).tolist(), bool(np.allclose(B, stage_game(EXAMPLE)[1]))
    ([[36.0, 30.0], [37.0, 29.0]], True)
    """
    from . import repeated

    _check_scalar(params)
    f_M, f_R = _check_fine(fine)
    g = repeated.stage_game(params)
    breach = np.arange(2)  # 0 = cooperate, 1 = breach
    return g.A / g.U - f_M * breach[:, None], g.B / g.U - f_R * breach[None, :]


def game(params: Params, fine=(0.0, 0.0)):
    """The stage game as a `nashpy.Game` (payoffs in units of ``U``; ``fine`` as in `stage_game`).

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> [s.round(3).tolist() for s in next(game(EXAMPLE).support_enumeration())]
    [[0.0, 1.0], [0.0, 1.0]]
    >>> [s.round(3).tolist() for s in next(game(EXAMPLE, fine=(1 / 96, 0.0)).support_enumeration())]
    [[1.0, 0.0], [0.0, 1.0]]
    """
    import nashpy as nash

    return nash.Game(*stage_game(params, fine))


def fictitious_play(params: Params, iterations: int = 50, prior: float = 5.0) -> np.ndarray:
    """Each partner's frequency of cooperation under fictitious play.

    Runs nashpy's ``Game.fictitious_play``. Both partners start with the
    belief that the other has cooperated ``prior`` times (and never breached);
    each round each plays a best response to the other's empirical mix so far.
    The prior keeps the first round's best response unique, so the result is
    deterministic.

    Parameters
    ----------
    params : Params
    iterations : int
        Rounds of play, ``>= 0``.
    prior : float
        Imagined past cooperations, finite and ``> 0``.

    Returns
    -------
    numpy.ndarray
        Shape ``(iterations + 1, 2)``: the share of cooperation in M's and in R's
        record (prior included), after 0, 1, ... rounds.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> fictitious_play(EXAMPLE, iterations=3, prior=1.0)[:, 0].tolist()
    [1.0, 0.5, 0.3333333333333333, 0.25]
    """
    iterations = _check_rounds(iterations)
    start = as_real("prior", prior)
    if start <= 0:
        raise ValueError(f"prior must be > 0 (got prior={start!r})")
    counts = [np.array([start, 0.0]), np.array([start, 0.0])]
    shares = [(c_M[0] / c_M.sum(), c_R[0] / c_R.sum())
              for c_M, c_R in game(params).fictitious_play(iterations=iterations, play_counts=counts)]
    return np.array(shares)


def replicator(params: Params, start=(0.1, 0.1), timepoints=None, fine=(0.0, 0.0)) -> np.ndarray:
    """Shares of breachers among SOEs and among grassroots organizations under replicator dynamics.

    Runs nashpy's ``Game.asymmetric_replicator_dynamics`` on the two-action
    stage game (two populations, SOEs and grassroots organizations, paired at
    random). With ``rho_M``, ``rho_R`` the shares of breachers and ``g_i`` the
    payoff of breaching minus that of cooperating against the other
    population's mix (in units of ``U``), the dynamics are
    ``d rho_i / dt = rho_i (1 - rho_i) g_i``.

    Parameters
    ----------
    params : Params
    start : pair of float
        Initial shares of breachers ``(rho_M, rho_R)``, each in ``[0, 1]``. A
        population with no breachers (or only breachers) stays so.
    timepoints : array_like, optional
        Times at which to report; default ``numpy.linspace(0, 2000, 201)`` (payoff
        differences are small in units of ``U``, so change is slow).
    fine : pair of float
        Fines per breach ``(f_M, f_R)`` in units of ``U``, as in `stage_game`.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(timepoints), 2)``: ``rho_M`` and ``rho_R`` at each time.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> path = replicator(EXAMPLE, (0.1, 0.1))
    >>> bool(path[-1].min() > 0.99)
    True
    >>> replicator(EXAMPLE, (0.0, 0.1))[-1].round(3).tolist()
    [0.0, 1.0]
    """
    shares = [as_real(name, v) for name, v in zip(("start rho_M", "start rho_R"), start)]
    for name, v in zip(("start rho_M", "start rho_R"), shares):
        if not 0 <= v <= 1:
            raise ValueError(f"{name} must be in [0, 1] (got {v!r})")
    t = np.linspace(0, 2000, 201) if timepoints is None else np.asarray(timepoints, float)
    xs, ys = game(params, fine).asymmetric_replicator_dynamics(
        x0=np.array([1 - shares[0], shares[0]]), y0=np.array([1 - shares[1], shares[1]]), timepoints=t)
    return np.column_stack([xs[:, 1], ys[:, 1]])


def replicator_figure(params: Params, start=(0.01, 0.1), others=((0.1, 0.1), (0.5, 0.02), (0.0, 0.5))):
    """Replicator dynamics drawn twice: over time from ``start``, and as paths in the ``(rho_M, rho_R)`` square.

    Left: the shares of breachers among SOEs (solid) and among grassroots
    organizations (dashed) over time, from ``start``. Right: the path of
    ``(rho_M, rho_R)`` from ``start`` and from each of ``others`` (circles mark
    the starts), with the all-cooperating rest point (0, 0) as an open square.
    Colours are the book's player colours (Okabe-Ito).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> fig = replicator_figure(EXAMPLE)
    >>> [line.get_linestyle() for line in fig.axes[0].lines]
    ['-', '--']
    >>> len(fig.legends[0].get_texts())
    4
    """
    from .plots import PLAYER_COLORS, new_figure

    fig, (ax_t, ax_p) = new_figure(7.0, 3.4, ncols=2)
    t = np.linspace(0, 2000, 201)
    rho = replicator(params, start, t)
    ax_t.plot(t, rho[:, 0], color=PLAYER_COLORS["M"], lw=2.5, label=r"SOEs, $\rho_M$")
    ax_t.plot(t, rho[:, 1], color=PLAYER_COLORS["R"], lw=2.5, ls="--", label=r"grassroots, $\rho_R$")
    ax_t.set(xlabel="time", ylabel="share of breachers", ylim=(-0.03, 1.03))
    for k, s0 in enumerate((start, *others)):
        path = replicator(params, s0, t)
        ax_p.plot(path[:, 0], path[:, 1], color="black", lw=2.5 if k == 0 else 1.2, ls="-" if k == 0 else ":")
        ax_p.plot(*s0, "o", color="black", ms=5)
    ax_p.plot(0, 0, "s", mfc="white", mec="black", ms=7, label="all cooperate (rest point)")
    ax_p.plot(1, 1, "*", color="black", ms=12, label="all breach")
    ax_p.set(xlabel=r"SOEs' share of breachers $\rho_M$", ylabel=r"grassroots' share $\rho_R$",
             xlim=(-0.04, 1.04), ylim=(-0.04, 1.04), aspect="equal")
    handles = [h for ax in (ax_t, ax_p) for h in ax.get_legend_handles_labels()[0]]
    fig.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False, handlelength=1.8,
               columnspacing=1.0)
    return fig


class LearningPath:
    """The learning path in the markup plane, over the two reaction curves.

    Left: the reaction curves, the Nash point and the path of best-response
    dynamics from the starting point ``(m_M0, m_R0)``. Right: the distance to
    the Nash markups, round by round, on a log scale (a straight line that
    falls by half each round). Follows the plot protocol of
    `soe_grassroots.plots` (``fig``, ``dynamic``, ``alt``, ``update``).

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> plot = LearningPath(EXAMPLE, m_M0=8.0, m_R0=0.0)
    >>> plot.alt.startswith("Best-response dynamics")
    True
    """

    ROUNDS = 8

    def __init__(self, params: Params, m_M0: float, m_R0: float, mode: str = "simultaneous"):
        from .plots import COLORS, CURRENT, EQUILIBRIUM, PLAYER_COLORS, new_figure

        self.fig, (self.ax, self.ax_d) = new_figure(7.0, 4.4, ncols=2)
        ax = self.ax
        (self.br_R,) = ax.plot([], [], color=PLAYER_COLORS["R"], lw=2.5, label="R's reaction curve")
        (self.br_M,) = ax.plot([], [], color=PLAYER_COLORS["M"], lw=2.5, label="M's reaction curve")
        (self.nash,) = ax.plot([], [], color=COLORS["nash"], label="Nash markups", **EQUILIBRIUM)
        (self.coop,) = ax.plot([], [], "D", color=COLORS["cooperative"], ms=8, ls="none",
                               label="cooperation (equal split)")
        (self.path,) = ax.plot([], [], "-o", color="black", lw=1, ms=3.5, label="learning path")
        (self.start,) = ax.plot([], [], label="start", **CURRENT)
        ax.set_xlabel("SOE markup $m_M$")
        ax.set_ylabel("grassroots markup $m_R$")
        ax.set_aspect("equal", adjustable="box")
        self.fig.legend(loc="outside lower center", ncols=3, frameon=False, handlelength=1.5,
                        columnspacing=1.0)
        (self.dist,) = self.ax_d.semilogy([], [], "-o", color="black", ms=3.5)
        self.ax_d.set_xlabel("round")
        self.ax_d.set_ylabel("distance to Nash")
        self.dynamic = [self.path, self.start, self.dist]
        self.update(params, m_M0, m_R0, mode)

    def update(self, params: Params, m_M0: float, m_R0: float, mode: str = "simultaneous") -> None:
        """Redraw for new parameters, a new starting point or a new updating mode."""
        top = params.a / params.y
        grid = np.array([0.0, top])
        self.br_R.set_data(grid, best_response(params, "R", grid))
        self.br_M.set_data(best_response(params, "M", grid), grid)
        nash, coop = solve(params, "nash"), solve(params, "cooperative")
        self.nash.set_data([nash.m_M], [nash.m_R])
        self.coop.set_data([coop.m_M], [coop.m_R])
        path = best_response_path(params, (m_M0, m_R0), self.ROUNDS, mode)
        self.path.set_data(path[:, 0], path[:, 1])
        self.start.set_data([m_M0], [m_R0])
        step = 1.0 if mode == "simultaneous" else 0.5  # alternating: two moves per round
        d = distance_to_nash(params, path)
        shown = d > 1e-12 * top
        self.dist.set_data(np.arange(len(d))[shown] * step, d[shown])
        edge = max(top, m_M0, m_R0) * 1.05
        self.ax.set_xlim(-0.03 * edge, edge)
        self.ax.set_ylim(-0.03 * edge, edge)
        self.ax_d.set_xlim(-0.3, self.ROUNDS + 0.3)
        self.ax_d.set_ylim(top * 2.0**-(self.ROUNDS + 2), edge * 2)
        self.alt = (
            f"Best-response dynamics ({mode} updating) from the markups m_M = {m_M0:.2f}, m_R = {m_R0:.2f}: "
            f"the path zigzags between the two reaction curves to the Nash markups "
            f"{nash.m_M:.2f} each, away from the cooperative markups {coop.m_M:.2f} each; its distance "
            f"from the Nash markups falls from {d[0]:.2f} to {d[-1]:.2g} after {self.ROUNDS} rounds."
        )


def explore_learning(params: Params | None = None, m_R0: float | None = None, *, size: str = "page"):
    """The chapter's explorer: the SOE's starting markup is the main slider.

    The grassroots organization's starting markup, the updating mode and the
    model's parameters change in a live notebook. ``size="projector"`` draws it
    larger, for a classroom (see `soe_grassroots.widgets.Explorer`).
    """
    import ipywidgets as W

    from .params import EXAMPLE
    from .widgets import PARAM_SLIDERS, Explorer, start_state

    params = EXAMPLE if params is None else params
    top = params.a / params.y
    m_R0 = float(0.9 * top) if m_R0 is None else m_R0
    state = start_state(params, m_M0=0.0, m_R0=m_R0, mode="simultaneous")
    others = {"m_R0": (0.0, 20.0, 0.25, "R's starting markup"), **PARAM_SLIDERS}
    dropdown = W.Dropdown(options=[("simultaneous", "simultaneous"), ("alternating (M, then R)", "alternating")],
                          value="simultaneous", description="updating")
    return Explorer(LearningPath, state, "m_M0", np.round(np.linspace(0, top, 17), 3),
                    "SOE's starting markup", others, extra={"mode": dropdown}, size=size)


def contraction_factor(mode: str = "simultaneous") -> float:
    """The factor by which the distance to Nash shrinks per round, from `update_matrices`.

    The largest absolute eigenvalue (spectral radius) of the round's update map.

    Examples
    --------
    >>> contraction_factor("simultaneous"), contraction_factor("alternating")
    (0.5, 0.25)
    """
    check_mode(mode)
    return float(max(abs(v) for v in update_matrices()[mode].eigenvals()))


__all__ = [
    "MODES", "ACTIONS", "best_response_path", "distance_to_nash", "reaction_slope", "update_matrices",
    "stage_game_symbolic", "stage_game", "game", "fictitious_play", "replicator", "replicator_figure",
    "LearningPath",
    "explore_learning", "contraction_factor", "check_mode",
]
