"""The errata appendix: the paper's equations and prose, checked by sympy.

Three lists back the appendix (``book/errata.ipynb``):

* `equations`: every numbered line of Lin & Xia (2025), transcribed as
  printed, beside the value sympy derives for the same quantity. `check`
  applies one rule to every line and returns its category (`CATEGORIES`).
* `misstatements`: places where the paper's *prose* is wrong, or loose
  (`KINDS`), each with the quote, the problem, the correction (for loose
  wording, a clearer wording) and a computed check next to it.
* `notes`: claims that hold and assumptions that are harmless. They are not
  errata and are kept apart from them.

Everything is checked against a text transcription of the published article
(`SOURCE`), not against its typeset pages. A line or statement whose verdict
might come from the transcription rather than from the print carries a
``transcription`` remark (`Equation.transcription`, `Statement.transcription`);
the appendix shows those verdicts as *possibly a transcription artefact*.

`ranking` proves the paper's ordering of the four total payoffs
symbolically: each total is a constant multiple of the cooperative one.

Where things are:

* `soe_grassroots.errata.rule`: the `Equation` record and the rule (`parse`,
  `same`, `check`, `latex`, `ranking`);
* `soe_grassroots.errata.lines`: the printed lines, one `Equation` each;
* `soe_grassroots.errata.records`: the `Statement` record and `Register`, the
  decorator that writes a record over its check;
* `soe_grassroots.errata.prose`: the prose records, each over its check;
* `soe_grassroots.errata.games`: the two-action game, its threshold and the
  share interval the checks share.

Examples
--------
>>> from collections import Counter
>>> Counter(check(eq).verdict for eq in equations())
Counter({'definition': 9, 'confirmed': 9, 'typo': 3, 'wrong': 2})
"""

from .games import grim_trigger_threshold, share_interval, two_action_game
from .lines import equations
from .prose import IN_TEXT, misstatements, notes
from .records import KINDS, REMEDY, Register, Statement
from .rule import (
    ARTEFACT,
    CATEGORIES,
    NOTATION,
    SOURCE,
    TOTALS,
    Check,
    Equation,
    Fix,
    P,
    Ranking,
    check,
    definitions,
    latex,
    parse,
    ranking,
    restates,
    same,
    single_symbol_fixes,
)

__all__ = [
    "ARTEFACT", "CATEGORIES", "IN_TEXT", "KINDS", "NOTATION", "REMEDY", "SOURCE", "TOTALS", "P",
    "Check", "Equation", "Fix", "Ranking", "Register", "Statement",
    "check", "definitions", "equations", "grim_trigger_threshold", "latex", "misstatements", "notes", "parse",
    "ranking", "restates", "same", "share_interval", "single_symbol_fixes", "two_action_game",
]
