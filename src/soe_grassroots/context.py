"""``ch-context``: the two Sichuan initiatives of Lin & Xia (2025, section 2.1), as data and a figure."""

from __future__ import annotations

from .plots import PAGE_WIDTH, new_figure

CASES = {
    "SOEs Entering Daliang Mountain (2016-2019)": {"projects": 38, "investment": 200,
                                                   "more_than": ("investment",)},
    "SOEs Kamba Action": {"projects": 30, "investment": 250, "more_than": ("projects",)},
}
"""The two Sichuan initiatives as Lin & Xia (2025, section 2.1) report them:
industrial projects and investment in billion yuan. Daliang Mountain: 38
cooperation projects signed (exact) and "over 200 billion" yuan invested (a
lower bound); Kamba Action: "more than 30" projects (a lower bound) and 250
billion yuan in total (exact). ``more_than`` names the lower bounds."""


def initiatives():
    """``ch-context``: projects and money invested in the two initiatives.

    Exact values are solid bars labelled with the number; lower bounds (the
    paper's "more than" and "over") are hatched bars labelled "more than ...".

    Examples
    --------
    >>> fig = initiatives()
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['38', 'more than 30']
    """
    fig, (ax_p, ax_i) = new_figure(PAGE_WIDTH, 2.75, ncols=2)
    names = [name.split(" (")[0].replace("SOEs ", "").replace("Entering ", "Entering\n") for name in CASES]
    for ax, key, label in ((ax_p, "projects", "projects"), (ax_i, "investment", "investment, billion yuan")):
        values = [case[key] for case in CASES.values()]
        bound = [key in case["more_than"] for case in CASES.values()]
        bars = ax.barh(names, values, color=["white" if b else "dimgrey" for b in bound],
                       edgecolor="dimgrey", hatch=["//" if b else None for b in bound], linewidth=1.5)
        ax.bar_label(bars, [f"more than {v}" if b else f"{v}" for v, b in zip(values, bound)], padding=4)
        ax.set_xlabel(label)
        ax.set_xlim(0, max(values) * 1.55)  # room for the "more than" labels
    ax_i.set_yticks([])
    return fig


__all__ = ["CASES", "initiatives"]
