"""``ch-stackelberg``, one partner moves first: the leader's-problem figure and its explorer.

`LeaderProblem` draws the leader's payoff once the follower best-responds, and the leader's choice on the
follower's reaction curve (`soe_grassroots.nash.reaction_lines`); `explore_stackelberg` puts it under
sliders, with a dropdown for who leads.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_player
from .model import evaluate
from .nash import move_reaction_lines, reaction_lines
from .params import Params
from .plots import COLORS, CURRENT, EQUILIBRIUM, PAGE_WIDTH, PLAYER_COLORS, PLAYER_NAMES, new_figure
from .regimes import LABELS, best_response, solve

_MARKUP = {"M": "m_M", "R": "m_R"}


class LeaderProblem:
    """``ch-stackelberg``: the leader's payoff once the follower best-responds.

    Left: the leader's payoff against its own markup, with the follower's best
    response built in; its peak (the disc) is the Stackelberg markup and the
    hollow square the chosen markup. Right: the leader picks a point on the
    follower's reaction curve.
    """

    def __init__(self, params: Params, m_leader: float, leader: str = "M"):
        self.fig, (self.ax_pay, self.ax_br) = new_figure(PAGE_WIDTH, 3.75, ncols=2)
        (self.curve,) = self.ax_pay.plot([], [], lw=2.5)
        (self.follower_curve,) = self.ax_pay.plot([], [], lw=2, ls="--")
        (self.peak,) = self.ax_pay.plot([], [], **EQUILIBRIUM)
        (self.current,) = self.ax_pay.plot([], [], label="chosen markup", **CURRENT)
        self.ax_pay.set_ylabel("payoff")
        self.lines = reaction_lines(self.ax_br, params)
        (self.st_point,) = self.ax_br.plot([], [], **EQUILIBRIUM)
        (self.on_curve,) = self.ax_br.plot([], [], label="leader's choice", **CURRENT)
        self.leader: str | None = None
        self.dynamic = [self.current, self.on_curve]
        self.update(params, m_leader, leader)

    def update(self, params: Params, m_leader: float, leader: str = "M") -> None:
        """Redraw for new parameters, a new leader markup, or a new leader."""
        check_player("leader", leader)
        follower = "R" if leader == "M" else "M"
        regime = "soe_leads" if leader == "M" else "grassroots_leads"
        top = params.a / params.y
        grid = np.linspace(0, top, 161)

        def payoffs(m_l):
            m_f = best_response(params, follower, m_l)
            o = evaluate(params, m_l, m_f) if leader == "M" else evaluate(params, m_f, m_l)
            return (o.E_M, o.E_R) if leader == "M" else (o.E_R, o.E_M)

        E_l, E_f = payoffs(grid)
        st = solve(params, regime)
        st_l = st.m_M if leader == "M" else st.m_R
        now_l, _ = payoffs(m_leader)
        self.curve.set_data(grid, E_l)
        self.follower_curve.set_data(grid, E_f)
        self.current.set_data([m_leader], [now_l])
        self.peak.set_data([st_l], [payoffs(st_l)[0]])
        if leader != self.leader:
            self.leader = leader
            color = COLORS[regime]
            self.curve.set(color=PLAYER_COLORS[leader], label=f"leader {PLAYER_NAMES[leader]}")
            self.follower_curve.set(color=PLAYER_COLORS[follower], label=f"follower {PLAYER_NAMES[follower]}")
            self.peak.set(color=color, label=f"Stackelberg ({LABELS[regime]})")
            self.st_point.set(color=color, label=f"Stackelberg ({LABELS[regime]})")
            self.ax_pay.set_xlabel(f"leader's markup ${_MARKUP[leader]}$")
            self.ax_pay.legend(loc="upper right", frameon=False, borderaxespad=0.1, handlelength=1.5)
            self.ax_br.legend(loc="upper right", frameon=False, borderaxespad=0.1, handlelength=1.5)
        self.ax_pay.set_xlim(0, top * 1.03)
        self.ax_pay.set_ylim(0, max(E_l.max(), E_f.max()) * 1.08)
        move_reaction_lines(self.ax_br, self.lines, params)
        self.st_point.set_data([st.m_M], [st.m_R])
        m_f = best_response(params, follower, m_leader)
        xy = (m_leader, m_f) if leader == "M" else (m_f, m_leader)
        self.on_curve.set_data([xy[0]], [xy[1]])
        self.alt = (
            f"Left: the {PLAYER_NAMES[leader]} leads; at markup {m_leader:.2f} (hollow square), with the "
            f"follower best-responding, it earns {now_l:.2f}; its payoff peaks at the Stackelberg markup "
            f"{st_l:.2f} (disc). Right: the leader's choice is a point on the follower's reaction curve; "
            f"the Stackelberg point is ({st.m_M:.2f}, {st.m_R:.2f})."
        )


def leader_figure(params: Params, m_leader: float, leader: str = "M"):
    """The ``ch-stackelberg`` leader's-problem figure as a `Figure`.

    Examples
    --------
    >>> from soe_grassroots import EXAMPLE
    >>> leader_figure(EXAMPLE, 4.0, "R").axes[0].get_xlabel()
    "leader's markup $m_R$"
    """
    return LeaderProblem(params, m_leader, leader).fig


def explore_stackelberg(params: Params | None = None, leader: str = "M", *, size: str = "page"):
    """``ch-stackelberg``: the leader's markup (main slider) and the follower's reply.

    Examples
    --------
    >>> e = explore_stackelberg(leader="R")
    >>> e.state["leader"], e.state["m_leader"]
    ('R', 4.0)
    """
    import ipywidgets as W

    from .params import EXAMPLE
    from .widgets import PARAM_SLIDERS, Explorer, markup_grid, start_state

    params = EXAMPLE if params is None else params
    check_player("leader", leader)
    regime = "soe_leads" if leader == "M" else "grassroots_leads"
    o = solve(params, regime)
    start = o.m_M if leader == "M" else o.m_R
    dropdown = W.Dropdown(options=[("SOE leads", "M"), ("grassroots organization leads", "R")],
                          value=leader, description="who moves first")
    return Explorer(LeaderProblem, start_state(params, m_leader=start, leader=leader), "m_leader",
                    markup_grid(params), "leader's markup", PARAM_SLIDERS,
                    extra={"leader": dropdown}, size=size)


__all__ = ["LeaderProblem", "explore_stackelberg", "leader_figure"]
