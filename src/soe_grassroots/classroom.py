"""The classroom experiment: load the markups students submitted and compare them with the model.

Students play the game in pairs, one as the SOE (role ``M``) and one as the grassroots organization (role
``R``), for several rounds under a stated regime (see `soe_grassroots.REGIMES`). The instructor exports their
submissions from a form tool or learning platform as a CSV file with a header row and the columns

``round``
    The round, a positive integer (1, 2, ...).
``pair``
    The pair's name or number (any non-empty text).
``role``
    ``M`` or ``R`` (lower case is accepted).
``regime``
    The regime the pair played in that round: ``nash``, ``soe_leads``, ``grassroots_leads`` or
    ``cooperative``.
``markup``
    The markup the student chose: a number, zero or more.
``student`` (optional)
    Who submitted it.

Column order is free; the file may be UTF-8 with or without a byte-order mark and have CRLF or LF line ends
(what spreadsheets and form tools export). `load` keeps every valid row and reports every bad one with its
line number; nothing is dropped silently. `results` then prices each pair's round with the model and sets it
beside each regime's prediction.

Simultaneous moves and either leader predict one pair of markups each; cooperation predicts only the joint markup
``m_M + m_R = a / (2 y)`` (`ch-cooperation`): every split of it gives the same price, quantity and total payoff.
So the distance to cooperation is measured to that line, and the split is reported apart, as the SOE's share
``share`` (θ in the book) of the joint markup.

Examples
--------
>>> import io
>>> text = "round,pair,role,regime,markup\\n1,A,M,nash,3\\n1,A,R,nash,2.5\\n1,B,M,nash,-1\\n"
>>> subs = load(io.StringIO(text))
>>> len(subs.rows), [(p.line, p.reason) for p in subs.problems]
(2, [(4, 'markup must be zero or more (got -1)')])
>>> r = results(subs, Params(x=10, y=1, h=2, T_M=1, T_R=1))[0]
>>> r.P, r.Q, r.E_M, r.E_R
(7.5, 2.5, 7.5, 6.25)
"""

from __future__ import annotations

import csv
import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Outcome, evaluate
from .params import Params
from .regimes import REGIMES, solve

REQUIRED = ("round", "pair", "role", "regime", "markup")
"""The columns a submissions file must have (``student`` is optional)."""
ROLES = ("M", "R")


@dataclass(frozen=True)
class Submission:
    """One valid row: a student's markup in one round."""

    line: int
    round: int
    pair: str
    role: str
    regime: str
    markup: float
    student: str = ""


@dataclass(frozen=True)
class Problem:
    """A row that was not used, and why. ``line`` is the file's line (the header is line 1)."""

    line: int
    reason: str


@dataclass
class Submissions:
    """What `load` read: the valid rows and one `Problem` per bad row."""

    rows: list[Submission] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        """One line per problem, for a notebook or a terminal."""
        head = f"{len(self.rows)} submissions used, {len(self.problems)} rows reported"
        return "\n".join([head] + [f"  line {p.line}: {p.reason}" for p in self.problems])


def _parse_row(line: int, record: dict) -> Submission | str:
    """A `Submission`, or the reason the row is bad."""
    text = {k: (record.get(k) or "").strip() for k in (*REQUIRED, "student")}
    if not text["round"].isdigit() or int(text["round"]) < 1:
        return f"round must be a positive integer (got {text['round']!r})"
    if not text["pair"]:
        return "pair is empty"
    role = text["role"].upper()
    if role not in ROLES:
        return f"role must be M or R (got {text['role']!r})"
    if text["regime"] not in REGIMES:
        return f"regime must be one of {', '.join(REGIMES)} (got {text['regime']!r})"
    try:
        markup = float(text["markup"])
    except ValueError:
        return f"markup must be a number (got {text['markup']!r})"
    if not math.isfinite(markup):
        return f"markup must be a finite number (got {text['markup']!r})"
    if markup < 0:
        return f"markup must be zero or more (got {text['markup']})"
    return Submission(line, int(text["round"]), text["pair"], role, text["regime"], markup, text["student"])


def load(source) -> Submissions:
    """Read a submissions file (see the module docstring for its format).

    Parameters
    ----------
    source : str, os.PathLike or text file
        The CSV file, or an open text stream.

    Returns
    -------
    Submissions
        ``.rows``, the valid submissions, and ``.problems``, one entry per bad row with its line and reason:
        a bad field, a duplicate (same round, pair and role: the first counts), or a submission whose
        partner's submission for that round is missing or names another regime.

    Raises
    ------
    ValueError
        If the file is empty or lacks a required column.

    Examples
    --------
    >>> import io
    >>> load(io.StringIO("round,pair,role,markup\\n1,A,M,3\\n"))
    Traceback (most recent call last):
    ...
    ValueError: the submissions file has no 'regime' column (required: round, pair, role, regime, markup)
    """
    if isinstance(source, (str, os.PathLike)):
        with open(Path(source), encoding="utf-8-sig", newline="") as handle:
            return load(io.StringIO(handle.read()))
    text = source.read()
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ValueError("the submissions file is empty: it needs a header row "
                         f"({', '.join(REQUIRED)}) and one row per submission")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    for name in REQUIRED:
        if name not in columns:
            raise ValueError(f"the submissions file has no {name!r} column (required: {', '.join(REQUIRED)})")
    reader.fieldnames = columns
    out = Submissions()
    seen: dict[tuple[int, str, str], Submission] = {}
    for record in reader:
        line = reader.line_num  # the physical line the row ends on; rows here never span lines
        if not any((v or "").strip() for k, v in record.items() if k is not None):
            continue  # a blank line is not a submission
        row = _parse_row(line, record)
        if isinstance(row, str):
            out.problems.append(Problem(line, row))
            continue
        key = (row.round, row.pair, row.role)
        if key in seen:
            out.problems.append(Problem(line, f"duplicate: round {row.round}, pair {row.pair!r}, role {row.role} "
                                              f"was already submitted on line {seen[key].line}"))
            continue
        seen[key] = row
    for (round_, pair, role), row in sorted(seen.items(), key=lambda kv: kv[1].line):
        partner = seen.get((round_, pair, "R" if role == "M" else "M"))
        if partner is None:
            out.problems.append(Problem(row.line, f"no submission from {'R' if role == 'M' else 'M'} of pair "
                                                  f"{pair!r} in round {round_}: the pair's round cannot be scored"))
        elif partner.regime != row.regime:
            out.problems.append(Problem(row.line, f"pair {pair!r} in round {round_}: M and R name different regimes "
                                                  f"({seen[(round_, pair, 'M')].regime} and "
                                                  f"{seen[(round_, pair, 'R')].regime})"))
        else:
            out.rows.append(row)
    out.problems.sort(key=lambda p: p.line)
    return out


@dataclass(frozen=True)
class RoundResult:
    """One pair's round, priced by the model, beside each regime's prediction.

    ``outcome`` holds what the pair's markups lead to (`soe_grassroots.evaluate`); ``predicted`` each
    regime's equilibrium (`soe_grassroots.solve`; the cooperative one with the package's equal split);
    ``distance`` how far the pair's markups are from each regime's prediction, as a Euclidean distance in the
    (m_M, m_R) plane divided by ``a / y``, the markup at which demand vanishes (0 means exactly the
    prediction). For ``nash``, ``soe_leads`` and ``grassroots_leads`` the prediction is a point. For
    ``cooperative`` it is the whole line ``m_M + m_R = a / (2 y)``, since any split of the cooperative joint
    markup is cooperation; the distance to that line is ``|m_M + m_R - a / (2 y)| / sqrt(2)``, again divided
    by ``a / y``. The split itself is `share`.
    """

    round: int
    pair: str
    regime: str
    outcome: Outcome
    predicted: dict
    distance: dict

    m_M = property(lambda self: self.outcome.m_M, doc="The SOE's markup.")
    m_R = property(lambda self: self.outcome.m_R, doc="The grassroots organization's markup.")
    P = property(lambda self: self.outcome.P, doc="The price the two markups give.")
    Q = property(lambda self: self.outcome.Q, doc="Households served (quantity), by the model.")
    E_M = property(lambda self: self.outcome.E_M, doc="The SOE's payoff.")
    E_R = property(lambda self: self.outcome.E_R, doc="The grassroots organization's payoff.")

    @property
    def joint_markup(self) -> float:
        """The joint markup ``s = m_M + m_R``, the only thing cooperation pins down."""
        return self.m_M + self.m_R

    @property
    def share(self) -> float:
        """The SOE's share θ of the joint markup, ``m_M / (m_M + m_R)``; NaN if both markups are 0.

        Whenever households are served, θ is also the SOE's share of the pair's total payoff,
        ``E_M / E_T``, since both partners earn their markup on the same quantity.
        """
        return self.m_M / self.joint_markup if self.joint_markup > 0 else math.nan

    @property
    def closest(self) -> str:
        """The regime whose prediction the pair's markups are nearest to."""
        return min(self.distance, key=self.distance.__getitem__)


def results(submissions: Submissions, params: Params) -> list[RoundResult]:
    """Price every complete pair-round with the model and compare it with each regime's prediction.

    Parameters
    ----------
    submissions : Submissions
        From `load`.
    params : Params
        The parameters the class played with (the same for every pair).

    Returns
    -------
    list of RoundResult
        One per pair and round, ordered by round, then pair.

    Examples
    --------
    >>> import io
    >>> subs = load(io.StringIO("round,pair,role,regime,markup\\n1,A,M,nash,2\\n1,A,R,nash,2\\n"))
    >>> r = results(subs, Params(x=10, y=1, h=4, T_M=1, T_R=1))[0]
    >>> r.closest, round(r.distance["nash"], 12), round(r.distance["cooperative"], 3)
    ('nash', 0.0, 0.118)

    Any split of the cooperative joint markup ``a / (2 y) = 3`` is at distance 0 from cooperation; the split
    is reported as the SOE's share:

    >>> subs = load(io.StringIO("round,pair,role,regime,markup\\n1,A,M,cooperative,2\\n1,A,R,cooperative,1\\n"))
    >>> r = results(subs, Params(x=10, y=1, h=4, T_M=1, T_R=1))[0]
    >>> r.closest, r.distance["cooperative"], r.joint_markup, round(r.share, 3)
    ('cooperative', 0.0, 3.0, 0.667)
    """
    if not isinstance(params, Params):
        raise ValueError(f"params must be a Params (got {type(params).__name__})")
    predicted = {regime: solve(params, regime) for regime in REGIMES}
    scale = float(params.a / params.y)
    joint_C = float(predicted["cooperative"].m_M + predicted["cooperative"].m_R)  # a / (2 y)
    by_key: dict[tuple[int, str], dict[str, Submission]] = {}
    for row in submissions.rows:
        by_key.setdefault((row.round, row.pair), {})[row.role] = row
    out = []
    for (round_, pair), roles in sorted(by_key.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        m_M, m_R = roles["M"].markup, roles["R"].markup
        distance = {r: math.hypot(m_M - float(o.m_M), m_R - float(o.m_R)) / scale for r, o in predicted.items()}
        distance["cooperative"] = abs(m_M + m_R - joint_C) / math.sqrt(2) / scale  # to the line, not a point
        outcome = evaluate(params, m_M, m_R)
        values: dict[str, Any] = {k: float(v) for k, v in outcome.as_dict().items()}
        outcome = Outcome(**{**values, "regime": roles["M"].regime})
        out.append(RoundResult(round_, pair, roles["M"].regime, outcome, predicted, distance))
    return out
