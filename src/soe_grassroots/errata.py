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

Examples
--------
>>> from collections import Counter
>>> Counter(check(eq).verdict for eq in equations())
Counter({'definition': 9, 'confirmed': 9, 'typo': 3, 'wrong': 2})
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import sympy as sp

from . import symbolic as S
from ._checks import single as _single
from .bargaining import share_interval as _bargaining_share_interval
from .model import demand, payoff, price
from .regimes import LABELS, REGIMES
from .symbolic import T_M, T_R, h, m_M, m_R, x, y

SOURCE = ("a text transcription of Lin & Xia (2025), converted from the published PDF: symbols, "
          "subscripts and superscripts may have been misread or flattened in the conversion")
"""What the appendix was checked against, in words."""

ARTEFACT = "possibly a transcription artefact"
"""The flag shown beside a verdict that may come from the transcription, not from the print."""

P = sp.Symbol("P", positive=True)
"""The unit price as a symbol, for the lines the paper prints in terms of P."""

CATEGORIES = {
    "definition": "restated definition",
    "confirmed": "derived and confirmed",
    "typo": "typographical slip",
    "wrong": "error in a derivation",
}
"""The four categories of a printed line, in the order `check` tests them."""

NOTATION = ("x", "y", "h", "T_M", "T_R", "m_M", "m_R", "P")
"""The model's symbols: the letters a misprinted letter is tried against."""

TOTALS = tuple(f"E_T^{LABELS[r]}" for r in REGIMES)
"""The four total payoffs, the names a misprinted superscript is tried against."""

_LOCALS = {"x": x, "y": y, "h": h, "T_M": T_M, "T_R": T_R, "m_M": m_M, "m_R": m_R, "P": P}
_TOKEN = re.compile(r"[A-Za-z]\w*(?:\^\w+)?")


# ---------------------------------------------------------------------------------------------------------
# Printed lines and the rule


@dataclass(frozen=True)
class Equation:
    """One printed line of the paper, as printed and as derived.

    Attributes
    ----------
    number : str
        The paper's number, with a letter for a line of a multi-line equation
        (``"6b"``); ``"ranking"`` for the unnumbered ordering of section 2.3.2.
    claim : str
        What the line states, in our words.
    printed : str
        LaTeX of the printed right-hand side, for display.
    text : str
        The same, transcribed in plain notation (``T_M*(x - y*P)*T_R``), or an
        ordering such as ``E_T^N < E_T^C``. Misprinted symbols are kept.
    derived_value : sympy expression or tuple
        What the model and the sympy derivations give for the same quantity
        (an ordering as returned by `parse`). Nothing on this side is typed in.
    transcription : str
        Why the printed form may be an artefact of the transcription (`SOURCE`)
        rather than of the print; ``""`` when there is no such reason.
    """

    number: str
    claim: str
    printed: str
    text: str
    derived_value: Any
    transcription: str = ""

    @property
    def printed_value(self):
        """The transcription, parsed (see `parse`)."""
        return parse(self.text)


@dataclass(frozen=True)
class Check:
    """The category of one `Equation`, with the correction and a computed note.

    Attributes
    ----------
    equation : Equation
    verdict : str
        A key of `CATEGORIES`.
    correction : str
        LaTeX of the derived value if the print differs, else ``""``.
    note : str
        For a typo, the symbol replacement that repairs it; for an error, what
        the printed value turns out to be.
    """

    equation: Equation
    verdict: str
    correction: str
    note: str

    @property
    def category(self) -> str:
        """The category's name in words, e.g. ``"typographical slip"``."""
        return CATEGORIES[self.verdict]

    @property
    def artefact(self) -> bool:
        """Whether the verdict may come from the transcription rather than the print (see `SOURCE`).

        Only a line that does not hold can be flagged: a line that agrees with
        the derivation is not in doubt.

        Examples
        --------
        >>> eqs = {e.number: e for e in equations()}
        >>> check(eqs["20"]).artefact, check(eqs["16"]).artefact
        (True, False)
        """
        return bool(self.equation.transcription) and self.verdict in ("typo", "wrong")


def parse(text: str):
    """Turn a transcription into a sympy expression or an ordering.

    An ordering ``"A = B < C"`` becomes a tuple of groups, lowest first,
    each group a frozenset of the names that are equal.

    Examples
    --------
    >>> parse("T_M*(x - y*P)*T_R")
    T_M*T_R*(-P*y + x)
    >>> [sorted(group) for group in parse("E_T^LM = E_T^LR < E_T^C")]
    [['E_T^LM', 'E_T^LR'], ['E_T^C']]
    """
    if "<" in text or "=" in text:
        if ">" in text:
            raise ValueError(f"text: write an ordering with '<' and '=' only (got {text!r})")
        return tuple(frozenset(n.strip() for n in group.split("=")) for group in text.split("<"))
    return sp.sympify(text, locals=_LOCALS)


def same(a, b) -> bool:
    """Whether two parsed values are identical (expressions: for every value of the symbols).

    Examples
    --------
    >>> same(parse("(x - y*h)**2"), parse("x**2 - 2*x*y*h + y**2*h**2"))
    True
    """
    if isinstance(a, tuple) or isinstance(b, tuple):
        return isinstance(a, tuple) and isinstance(b, tuple) and a == b
    diff = sp.sympify(a - b)
    # quick exact screen: a nonzero value at one rational point proves the difference is not identically 0
    point = {s: sp.Rational(7 + 3 * i, 5 + 2 * i) for i, s in enumerate(sorted(diff.free_symbols, key=str))}
    value = diff.subs(point)
    if value.is_number and value.is_finite and value != 0:
        return False
    return sp.cancel(sp.together(sp.expand(diff))) == 0


@cache
def definitions() -> dict:
    """The model's assumptions, as sympy expressions: nothing in them is derived.

    The price (hypothesis 4), the demand (hypothesis 5, in the price and in
    the markups) and the payoffs ``E_i = Q m_i`` (the paper's (4) and (5)).

    Examples
    --------
    >>> definitions()["Q(P)"]
    T_M*T_R*(-P*y + x)
    """
    Q_P = demand(P, x, y, T_M, T_R)
    Q_m = demand(price(h, m_M, m_R), x, y, T_M, T_R)
    return {"P": price(h, m_M, m_R), "Q(P)": Q_P, "Q": Q_m,
            "E_M(P)": payoff(Q_P, m_M), "E_R(P)": payoff(Q_P, m_R),
            "E_M": payoff(Q_m, m_M), "E_R": payoff(Q_m, m_R)}


def restates(value) -> str | None:
    """The name of the definition that ``value`` equals, or ``None``.

    Examples
    --------
    >>> restates(h + m_R + m_M), restates(S.derive("nash").m_M)
    ('P', None)
    """
    return next((name for name, d in definitions().items() if same(value, d)), None)


@dataclass(frozen=True)
class Fix:
    """One symbol of a transcription replaced by another: ``old`` (its ``nth`` of ``count``) -> ``new``."""

    old: str
    new: str
    nth: int
    count: int

    def __str__(self) -> str:
        which = "" if self.count == 1 else f"the {_ORDINAL[self.nth]} of {self.count} "
        return f"{which}{self.old} should read {self.new}"


_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def single_symbol_fixes(eq: Equation) -> list[Fix]:
    """Every replacement of ONE symbol occurrence that makes the print equal the derivation.

    A symbol is a letter with its subscript or superscript (``T_M``, ``v``,
    ``E_T^M``). It is tried against the model's symbols of the same kind
    (`NOTATION` for letters, `TOTALS` for total payoffs). Numerals are not
    symbols and are never replaced.

    Examples
    --------
    >>> eq = Equation("demo", "", "", "T_M*(x - y*P)*T_M", definitions()["Q(P)"])
    >>> [str(f) for f in single_symbol_fixes(eq)]
    ['the first of 2 T_M should read T_R', 'the second of 2 T_M should read T_R']
    """
    tokens = list(_TOKEN.finditer(eq.text))
    fixes = []
    for match in tokens:
        old = match.group()
        same_name = [t for t in tokens if t.group() == old]
        alphabet = TOTALS if old.startswith("E_") else NOTATION
        for new in alphabet:
            if new == old:
                continue
            text = eq.text[:match.start()] + new + eq.text[match.end():]
            if same(parse(text), eq.derived_value):
                fixes.append(Fix(old, new, same_name.index(match) + 1, len(same_name)))
    return fixes


def check(eq: Equation) -> Check:
    """Classify one printed line by the appendix's rule (first rule that applies).

    1. The print equals the derivation and the line is one of the model's
       `definitions`: **definition** (nothing was derived).
    2. The print equals the derivation otherwise: **confirmed**.
    3. Replacing one symbol occurrence makes it equal: **typo**.
    4. Anything else: **wrong**; the correction is the derived value.

    Examples
    --------
    >>> eqs = {e.number: e for e in equations()}
    >>> check(eqs["20"]).verdict, check(eqs["20"]).note
    ('typo', 'v should read y')
    >>> check(eqs["16"]).verdict, check(eqs["16"]).note
    ('wrong', 'the printed value is 2 times the derived one')
    """
    printed, derived = eq.printed_value, eq.derived_value
    if same(printed, derived):
        return Check(eq, "definition" if restates(derived) else "confirmed", "", "")
    correction = latex(derived)
    fixes = single_symbol_fixes(eq)
    if fixes:
        pairs = sorted({(f.old, f.new) for f in fixes})
        note = "; ".join(str(f) for f in fixes) if len(pairs) > 1 else _fix_note(fixes)
        return Check(eq, "typo", correction, note)
    return Check(eq, "wrong", correction, _diagnose(printed, derived))


def _fix_note(fixes: list[Fix]) -> str:
    f = fixes[0]
    if f.count == 1:
        return str(f)
    every = "either" if len(fixes) == f.count == 2 else "one"
    return f"{every} of the {f.count} {f.old} should read {f.new}"


def _diagnose(printed, derived) -> str:
    """What a wrong print is, when that can be computed."""
    if isinstance(printed, tuple) or isinstance(derived, tuple):
        return "the ordering differs in more than one symbol"
    name = restates(printed)
    if name:
        return f"the printed line equals the definition of {name}, multiplied out"
    ratio = sp.simplify(printed / derived)
    if ratio.is_number:
        return f"the printed value is {ratio} times the derived one"
    return "no single symbol replacement explains the difference"


def latex(value) -> str:
    r"""LaTeX of a derived value: an expression factored, or an ordering.

    Examples
    --------
    >>> print(latex(parse("x*y + x*h")))
    x \left(h + y\right)
    >>> print(latex(parse("E_T^C = E_T^N < E_T^LM")))
    E_T^{N} = E_T^{C} < E_T^{LM}
    """
    if isinstance(value, tuple):
        names = (" = ".join(re.sub(r"\^(\w+)", r"^{\1}", n) for n in sorted(g, key=TOTALS.index)) for g in value)
        return " < ".join(names)
    return sp.latex(sp.factor(value))


@dataclass(frozen=True)
class Ranking:
    """The symbolic proof of the ordering of the four total payoffs.

    Attributes
    ----------
    totals : dict
        ``E_T`` of each regime, keyed by its superscript (``"N"``, ``"LM"``...).
    ratios : dict
        Each total divided by the cooperative one, simplified.
    constant : bool
        Whether every ratio is a number (free of all parameters).
    positive : bool
        Whether ``E_T^C > 0`` for every valid parameter set.
    text : str
        The ordering the ratios imply, e.g. ``"E_T^LM = E_T^LR < E_T^N < E_T^C"``.
    """

    totals: dict
    ratios: dict
    constant: bool
    positive: bool
    text: str


@cache
def ranking() -> Ranking:
    """Prove the ordering of the total payoffs for every valid parameter set.

    Every total is a constant multiple of ``E_T^C``, which is positive, so the
    constants order the totals identically. Raises ``ArithmeticError`` if a
    ratio depended on the parameters (then no single ordering would follow).

    Examples
    --------
    >>> r = ranking()
    >>> r.ratios, r.text
    ({'N': 8/9, 'LM': 3/4, 'LR': 3/4, 'C': 1}, 'E_T^LM = E_T^LR < E_T^N < E_T^C')
    """
    totals = {LABELS[r]: S.derive(r).E_T for r in REGIMES}
    ratios = {k: sp.simplify(v / totals["C"]) for k, v in totals.items()}
    constant = all(r.is_Rational for r in ratios.values())
    positive = bool(S.positive(totals["C"]))
    if not (constant and positive):
        raise ArithmeticError(f"the ratios {ratios} do not order the totals identically")
    levels = sorted(set(ratios.values()))
    text = " < ".join(" = ".join(f"E_T^{k}" for k in ratios if ratios[k] == lv) for lv in levels)
    return Ranking(totals, ratios, constant, positive, text)


def equations() -> list[Equation]:
    """The paper's lines (1)-(20) and its final ordering, transcribed.

    Each ``derived_value`` is computed from the model's functions and the sympy
    derivations of `soe_grassroots.symbolic`; none is typed in.

    Examples
    --------
    >>> [e.number for e in equations()][:8]
    ['1', '2', '3', '4', '5', '6a', '6b', '6c']
    """
    E = S.payoffs()
    nash, lm, lr, coop = (S.derive(r) for r in REGIMES)
    Q_P = demand(P, x, y, T_M, T_R)
    return [
        Equation("1", "demand for the services", r"T_M\left[x - yh - y(m_M + m_R)\right]T_R",
                 "T_M*(x - y*h - y*(m_M + m_R))*T_R", demand(price(h, m_M, m_R), x, y, T_M, T_R)),
        Equation("2", "unit price, simultaneous moves", r"h + m_M^N + m_R^N", "h + m_M + m_R", price(h, m_M, m_R)),
        Equation("3", "demand at a given price", r"T_M(x - yP^N)T_R", "T_M*(x - y*P)*T_R", Q_P),
        Equation("4", "SOE payoff", r"T_M(x - yP^N)T_R\,m_M^N", "T_M*(x - y*P)*T_R*m_M", payoff(Q_P, m_M)),
        Equation("5", "grassroots payoff", r"T_M(x - yP^N)T_R\,m_R^N", "T_M*(x - y*P)*T_R*m_R", payoff(Q_P, m_R)),
        Equation("6a", "the function differentiated in the first line of (6)",
                 r"T_M\left[x-y(h+m_M^N+m_R^N)\right]T_R\,m_R^N", "T_M*(x - y*(h + m_M + m_R))*T_R*m_R", E["R"]),
        Equation("6b", r"$\partial E_R/\partial m_R$, second line of (6)",
                 r"(x-yh)T_MT_Rm_R^N - yT_MT_R(m_R^N)^2 - yT_MT_Rm_R^Nm_M^N",
                 "(x - y*h)*T_M*T_R*m_R - y*T_M*T_R*m_R**2 - y*T_M*T_R*m_R*m_M", sp.diff(E["R"], m_R)),
        Equation("6c", r"$\partial E_R/\partial m_R$, third line of (6)",
                 r"(x-yh)T_MT_R - 2yT_MT_Rm_R^N - yT_MT_Rm_M^N",
                 "(x - y*h)*T_M*T_R - 2*y*T_M*T_R*m_R - y*T_M*T_R*m_M", sp.diff(E["R"], m_R)),
        Equation("7", "each Nash markup", r"\frac{x-yh}{3y}", "(x - y*h)/(3*y)", nash.m_M),
        Equation("8", "each player's Nash payoff", r"T_MT_R\frac{(x-yh)^2}{9y}", "T_M*T_R*(x - y*h)**2/(9*y)",
                 nash.E_M),
        Equation("9", "total Nash payoff", r"2T_MT_R\frac{(x-yh)^2}{9y}", "2*T_M*T_R*(x - y*h)**2/(9*y)", nash.E_T),
        Equation("10", "unit price, SOE leads", r"h + m_M^{LM} + m_R^{LM}", "h + m_M + m_R", price(h, m_M, m_R)),
        Equation("11", "demand, SOE leads", r"T_M(x - yP^{LM})T_R", "T_M*(x - y*P)*T_R", Q_P),
        Equation("12", "SOE payoff, SOE leads", r"T_M(x - yP^{LM})T_M\,m_M^{LM}", "T_M*(x - y*P)*T_M*m_M",
                 payoff(Q_P, m_M)),
        Equation("13", "grassroots payoff, SOE leads", r"T_M(x - yP^{LM})T_R\,m_R^{LM}", "T_M*(x - y*P)*T_R*m_R",
                 payoff(Q_P, m_R)),
        Equation("14", "leader's markup, SOE leads", r"\frac{x-yh}{2y}", "(x - y*h)/(2*y)", lm.m_M),
        Equation("15", "follower's markup, SOE leads", r"\frac{x-yh}{4y}", "(x - y*h)/(4*y)", lm.m_R),
        Equation("16", "SOE payoff, SOE leads", r"T_MT_R\frac{(x-yh)^2}{4y}", "T_M*T_R*(x - y*h)**2/(4*y)", lm.E_M),
        Equation("17", "grassroots payoff, SOE leads", r"T_MT_R\frac{(x-yh)^2}{16y}",
                 "T_M*T_R*(x - y*h)**2/(16*y)", lm.E_R),
        Equation("18", "total payoff, SOE leads", r"T_MT_R\frac{3(x-yh)^2}{16y}", "T_M*T_R*3*(x - y*h)**2/(16*y)",
                 lm.E_T),
        Equation("19", "total payoff, grassroots organization leads", r"T_MT_R\frac{3(x-yh)^2}{16y}",
                 "T_M*T_R*3*(x - y*h)**2/(16*y)", lr.E_T),
        Equation("20", "total payoff under cooperation", r"T_MT_R\frac{(x-yh)^2}{4v}", "T_M*T_R*(x - y*h)**2/(4*v)",
                 coop.E_T,
                 transcription="the transcription sets this letter upright (a roman v), unlike the italic y of every "
                               "other line; a y misread in the conversion gives the same text, so the slip may not "
                               "be in the print"),
        Equation("ranking", "ordering of the total payoffs (section 2.3.2)",
                 r"E_T^{LM} = E_T^{LR} < E_T^{M} < E_T^{C}", "E_T^LM = E_T^LR < E_T^M < E_T^C", parse(ranking().text)),
    ]


# ---------------------------------------------------------------------------------------------------------
# The prose


KINDS = {
    "method": "the method is named for something it does not solve",
    "contradicted": "a claim the solution contradicts",
    "condition": "a conclusion stated without the condition it needs",
    "assumption": "an assumption weaker than the results need",
    "definition": "a definition that leaves out what it needs",
    "omission": "a result printed without its derivation",
    "recipe": "a recipe of one regime used for another",
    "wording": "a word names the wrong actor, quantity or equation",
    "citation": "an in-text reference that does not match the reference list",
    "garbled": "a truncated or undefined statement",
    "unsupported": "a conclusion the model does not contain",
    "loose": "loose wording: the literal reading fails, a reading the paper supports holds",
}
"""The kinds of prose misstatement, each record has exactly one.

Every kind but ``"loose"`` is a hard verdict: the sentence is wrong or
incomplete however it is read. A ``"loose"`` record is softer: read
literally the sentence fails, but a charitable reading that the paper's
own context supports is right, and the record says which.
"""

REMEDY = {"note": "Qualification", "loose": "Clearer wording"}
"""What a record's ``correction`` is called when it is not a correction (see `Statement.remedy`)."""


@dataclass(frozen=True)
class Statement:
    """A sentence of the paper, what is wrong with it (or why it is fine), and a check.

    Attributes
    ----------
    key : str
        A short unique name.
    where : str
        Its place in the paper (section or the equation it follows).
    quote : str
        The paper's words, verbatim (a quotation, used as evidence).
    kind : str
        A key of `KINDS` (misstatements) or ``"note"`` (not an erratum).
    problem : str
        What is wrong, or for a note what holds.
    correction : str
        What the sentence should say (for a note: the qualification, if any).
    evidence : str
        What the check computes, in words.
    check : callable
        Returns ``True`` when the computation supports the record.
    transcription : str
        Why the quote may be an artefact of the transcription (`SOURCE`), or
        ``""``.
    """

    key: str
    where: str
    quote: str
    kind: str
    problem: str
    correction: str
    evidence: str
    check: Callable[[], bool]
    transcription: str = ""

    @property
    def remedy(self) -> str:
        """What ``correction`` is called: a note has no correction, only a qualification.

        Examples
        --------
        >>> sorted({s.remedy for s in misstatements() + notes()})
        ['Clearer wording', 'Correction', 'Qualification']
        """
        return REMEDY.get(self.kind, "Correction")

    @property
    def artefact(self) -> bool:
        """Whether the quote may be an artefact of the transcription (see `SOURCE`)."""
        return bool(self.transcription)

    @property
    def hard(self) -> bool:
        """Whether the record is a hard verdict: a misstatement that is not merely loose, and not a note."""
        return self.kind in KINDS and self.kind != "loose"


def _zero(expr) -> bool:
    return sp.simplify(expr) == 0


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
    from .repeated import stage_game_symbolic

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


# the checks, one per record; each returns True when sympy supports the record

def _check_joint_split() -> bool:
    joint = S.joint_maximum()
    return m_R not in joint.joint_payoff.free_symbols and m_M not in joint.joint_payoff.free_symbols


def _check_exact_optimizers() -> bool:
    soc = S.second_order_conditions()
    br, ne = S.best_responses(), S.nash_equilibrium()
    return all(soc[i].is_negative for i in soc) and all(_zero(br[i].subs(ne) - ne[S.MARKUP[i]]) for i in br)


def _check_nash_not_pareto() -> bool:
    n, c = S.derive("nash"), S.derive("cooperative")
    return bool(S.positive(c.E_M - n.E_M) and S.positive(c.E_R - n.E_R))


def _check_zero_payoff_vs_foc() -> bool:
    E_R = S.payoffs()["R"]
    zeros = sp.solve(E_R, m_R)
    br = S.best_responses()["R"]
    return len(zeros) == 2 and _zero(br - sum(zeros) / 2) and not any(_zero(br - z) for z in zeros)


def _check_symmetric_focs() -> bool:
    foc = S.first_order_conditions()
    swapped = foc["M"].lhs.subs({m_M: m_R, m_R: m_M}, simultaneous=True)
    ne = S.nash_equilibrium()   # solved without imposing m_M = m_R
    return _zero(swapped - foc["R"].lhs) and _zero(ne[m_M] - ne[m_R])


def _check_markups_free_of_T() -> bool:
    n = S.derive("nash")
    return _zero(n.m_M - n.m_R) and not ({T_M, T_R} & (n.m_M.free_symbols | n.m_R.free_symbols))


def _check_price_free_of_T() -> bool:
    return all(_zero(sp.diff(S.derive(r).P, t)) for r in REGIMES for t in (T_M, T_R))


def _check_unit_investment() -> bool:
    n = S.derive("nash")
    invest = h + n.m_M
    return (all(_zero(sp.diff(invest, t)) for t in (T_M, T_R))
            and all(S.positive(sp.diff(n.E_T, t)) for t in (T_M, T_R)))


def _check_influence() -> bool:
    br = S.best_responses()["M"]
    return _zero(sp.diff(br, m_R) + sp.Rational(1, 2)) and _zero(sp.diff(br, T_R))


def _check_defector_vs_total() -> bool:
    g = two_action_game()
    return bool(S.positive(g["NC"][1] - g["CC"][1]) and S.positive(sum(g["CC"]) - sum(g["NC"])))


def _check_diagonal() -> bool:
    g = two_action_game()
    return all(S.positive(g["CC"][i] - g["NN"][i]) for i in (0, 1))


def _check_defection_dominant() -> bool:
    g = two_action_game()   # R's payoff is g[...][1]; R's action is the first letter
    return bool(S.positive(g["NC"][1] - g["CC"][1]) and S.positive(g["NN"][1] - g["CN"][1]))


def _check_epv_threshold() -> bool:
    d = grim_trigger_threshold()
    return bool(_check_defection_dominant() and d.is_number and 0 < d < 1)


def _check_labels() -> bool:
    out = {LABELS[r]: S.derive(r) for r in REGIMES}
    pairs = {k: (o.m_M, o.m_R) for k, o in out.items()}
    distinct = len({tuple(sp.factor(v) for v in p) for p in pairs.values()}) == 4
    mirror = _zero(out["LM"].m_M - out["LR"].m_R) and _zero(out["LM"].m_R - out["LR"].m_M)
    return distinct and mirror


def _check_recipe() -> bool:
    # "differentiate (12) and (13)" and solve together: the simultaneous-move recipe
    E = S.payoffs()
    both = sp.solve([sp.diff(E["M"], m_M), sp.diff(E["R"], m_R)], [m_M, m_R], dict=True)[0]
    st = S.stackelberg("M").markups
    return (_zero(both[m_M] - S.A_IN_X / (3 * y)) and _zero(st[m_M] - S.A_IN_X / (2 * y))
            and not _zero(both[m_M] - st[m_M]))


def _check_overall_before_14() -> bool:
    lm, c = S.derive("soe_leads"), S.derive("cooperative")
    return (not _zero(lm.m_M + lm.m_R - S.joint_maximum().s_star)) and bool(S.positive(c.E_T - lm.E_T))


def _check_split_not_in_19() -> bool:
    lr = S.derive("grassroots_leads")
    lm = S.derive("soe_leads")
    return _zero(lr.E_T - lm.E_T) and bool(S.positive(lr.E_R - lr.E_M))


def _check_win_win() -> bool:
    lo_n, hi_n = share_interval("nash")
    lo_l, hi_l = share_interval("soe_leads")
    half = sp.Rational(1, 2)
    return bool(lo_n < half < hi_n and lo_l == half and lo_l < hi_l)


def _check_leader_irrelevant_to_households() -> bool:
    lm, lr = S.derive("soe_leads"), S.derive("grassroots_leads")
    same_for_households = all(_zero(getattr(lm, f) - getattr(lr, f)) for f in ("P", "Q", "S_B"))
    return same_for_households and not _zero(lm.E_M - lr.E_M)


def _check_cooperative_derivation() -> bool:
    s = sp.Symbol("s", real=True)
    E = S.payoffs()
    joint = sp.expand(E["M"] + E["R"]).subs(m_M, s - m_R)     # the joint payoff in s and m_R
    only_sum = m_R not in sp.expand(joint).free_symbols
    s_star = _single(sp.solve(sp.diff(joint, s), s))
    concave = bool(sp.diff(joint, s, 2).is_negative)
    printed = next(e for e in equations() if e.number == "20").printed_value
    y_for_v = printed.subs(sp.Symbol("v"), y)
    return only_sum and concave and _zero(s_star - S.A_IN_X / (2 * y)) and _zero(joint.subs(s, s_star) - y_for_v)


def _check_defector_overall() -> bool:
    d = sp.Rational(3, 4)   # above the grim-trigger threshold 1/2
    g = two_action_game()
    cc, nc, nn = g["CC"][1], g["NC"][1], g["NN"][1]
    lower_pv = S.positive(cc / (1 - d) - (nc + d * nn / (1 - d)))
    return bool(_check_defector_vs_total() and lower_pv and grim_trigger_threshold() < d)


def _check_not_self_enforcing() -> bool:
    c = S.derive("cooperative")
    br = S.best_responses()["M"].subs(m_R, c.m_R)
    deviation = S.payoffs()["M"].subs({m_M: br, m_R: c.m_R})
    return bool(S.positive(br - c.m_M) and S.positive(deviation - c.E_M))


def _check_double_marginalization() -> bool:
    n, c = S.derive("nash"), S.derive("cooperative")
    return bool(S.positive(n.P - c.P) and S.positive(c.Q - n.Q))


def _check_fair_share() -> bool:
    c = S.derive("cooperative")

    def nash_bargaining_share(regime):
        d = S.derive(regime)
        return sp.simplify((d.E_M + (c.E_T - d.E_M - d.E_R) / 2) / c.E_T)

    half, five_eighths = sp.Rational(1, 2), sp.Rational(5, 8)
    return nash_bargaining_share("nash") == half and nash_bargaining_share("soe_leads") == five_eighths


def _check_players() -> bool:
    return set(S.MARKUP) == {"M", "R"} and set(S.payoffs()) == {"M", "R"}


IN_TEXT = {"Zou et al., 2023": "Zou, B. L., Gao, J., & Zhang, Y. L. (2013)"}
"""The one in-text citation whose reference-list entry disagrees, with that entry (both as printed)."""


def _check_citation() -> bool:
    (cited, listed), = IN_TEXT.items()
    year = re.compile(r"(\d{4})")
    cited_year, listed_year = year.search(cited), year.search(listed)
    assert cited_year is not None and listed_year is not None, IN_TEXT
    return cited.split()[0] == listed.split(",")[0] and cited_year[1] != listed_year[1]


def _check_positive_demand_needed() -> bool:
    b = sp.Symbol("b", positive=True)   # x = y h - b: demand negative even at cost
    n = S.derive("nash")
    below = {x: y * h - b}
    return bool(n.m_M.subs(below).is_negative and n.E_M.subs(below).is_positive)


def _check_h_zero() -> bool:
    return ranking().constant and all(h not in r.free_symbols for r in ranking().ratios.values()) \
        and bool(S.positive(ranking().totals["C"].subs(h, 0)))


def _check_complements() -> bool:
    Q = definitions()["Q(P)"]
    return _zero(sp.diff(Q, T_M, T_R) - Q / (T_M * T_R))


def _check_leader_earns_more() -> bool:
    lm = S.derive("soe_leads")
    return bool(S.positive(lm.E_M - lm.E_R))


def _check_ranking() -> bool:
    r = ranking()
    return r.ratios == {"N": sp.Rational(8, 9), "LM": sp.Rational(3, 4), "LR": sp.Rational(3, 4), "C": 1}


def _check_hypothesis_3() -> bool:
    g = two_action_game()
    r = [g[k][1] for k in ("NC", "CC", "NN", "CN")]
    return all(S.positive(r[i] - r[i + 1]) for i in range(3))


def _check_only_total() -> bool:
    return _check_joint_split()


def _check_socs() -> bool:
    return all(v.is_negative for v in S.second_order_conditions().values())


def misstatements() -> list[Statement]:
    """The paper's prose misstatements, in the order they occur, each with a computed check.

    Examples
    --------
    >>> items = misstatements()
    >>> len(items) == len({s.key for s in items}), all(s.check() for s in items)
    (True, True)
    """
    return [
        Statement("governments", "§1, aim of the study",
                  "how local governments can establish an effective cooperative mechanism with grassroots "
                  "organizations",
                  "wording", "The actor is wrong: the paper studies local SOEs, and the model has no government.",
                  "How local SOEs can build a cooperative mechanism with grassroots organizations.",
                  "the model's only players are $M$ and $R$", _check_players),
        Statement("citation", "§1, grassroots organizations", "(Zou et al., 2023)", "citation",
                  "The reference list has Zou, Gao and Zhang with the year 2013, not 2023.",
                  "Cite the year the list gives, or correct the list.",
                  "same first author, different year", _check_citation),
        Statement("cooperative-model", "abstract, contribution (2), §3", "based on a cooperative game model",
                  "method",
                  "Two of the three scenarios are non-cooperative games. The third maximizes the joint payoff, "
                  "which fixes only the sum of the markups; no cooperative-game solution (core, Shapley value, "
                  "bargaining) is applied, so no split is derived.",
                  "A pricing game solved under simultaneous moves, either leader, and joint maximization.",
                  "the joint payoff depends on $m_M + m_R$ only", _check_joint_split),
        Statement("bounded", "§2.1, trust", "both parties are boundedly rational", "loose",
                  "Read as an assumption of the model, it is not one: the games of §2.3 have complete information "
                  "and players who maximize exactly. Read as the paper uses it, as motivation for why trust, "
                  "opportunism and binding agreements matter, it is fine; what is missing is one sentence saying "
                  "that the model then sets bounded rationality aside.",
                  "Real partners are boundedly rational; the model abstracts from this and assumes that each "
                  "maximizes its payoff exactly.",
                  "second-order conditions negative; the Nash markups are exact best responses",
                  _check_exact_optimizers),
        Statement("positive-demand", "after (1)", "with x > 0 and y > 0", "assumption",
                  "The stated assumption is weaker than the results need: they need $x > yh$ (someone is served "
                  "at cost). With $x < yh$ the markups of (7) are negative while (8) still gives a positive payoff.",
                  "Assume $y > 0$ and $x > yh$.",
                  "at $x = yh - b$, $b > 0$: $m_M^N < 0$ but the formula for $E_M^N$ is positive",
                  _check_positive_demand_needed),
        Statement("unit-cost", "hypothesis 5",
                  "In addition to affecting the unit cost of targeted poverty alleviation, the reputation effect",
                  "loose",
                  "Read literally, the reputation effect changes the unit cost; in the model it does not: $h$ is a "
                  "parameter, and $T_M$ moves neither the price nor any markup in any regime. The paper supports a "
                  "gentler reading: Hypothesis 4 has just set out the cost side and Hypothesis 5 turns to demand, "
                  "so the phrase is a transition (besides the cost side, reputation matters for demand), and on that "
                  "reading nothing is wrong.",
                  "Besides the costs of Hypothesis 4, the reputation effect matters for demand: it scales the "
                  "quantity served, not costs or prices.",
                  r"$\partial P/\partial T_M = \partial P/\partial T_R = 0$ in all four regimes",
                  _check_price_free_of_T),
        Statement("pareto-6", "before (6)",
                  "to achieve Pareto optimality, both local SOEs and grassroots organizations will pursue the "
                  "maximization of overall benefits",
                  "method",
                  "What follows is each partner maximizing its own payoff (a Nash equilibrium), and the result is "
                  "not Pareto optimal: another pair of markups gives both more.",
                  "Each partner maximizes its own payoff, taking the other's markup as given.",
                  "$E_M^C - E_M^N > 0$ and $E_R^C - E_R^N > 0$", _check_nash_not_pareto),
        Statement("set-zero", "before (6)", "differentiating with respect to m and setting", "wording",
                  "The quantity is wrong twice: the derivative is in $R$'s own markup $m_R$, and it is the derivative "
                  "that is set to zero. Setting $E_R^N = 0$ gives $m_R = 0$ or the markup at which demand vanishes.",
                  "Differentiate $E_R$ with respect to $m_R$ and set the derivative to zero.",
                  "the best response lies halfway between the two zeros of $E_R$ and equals neither",
                  _check_zero_payoff_vs_foc),
        Statement("mrts", "at (7)", "the marginal rate of technical substitution is equal", "method",
                  "A marginal rate of technical substitution compares two inputs of a production function at "
                  "constant output, and nothing at (7) is one: the markups are prices, not inputs, and $T_M$ and "
                  "$T_R$, though complements in demand, are fixed parameters no partner chooses. The markups are "
                  "equal because the two first-order conditions are mirror images; solving them gives equality "
                  "without assuming it.",
                  "Solve the two first-order conditions together; by symmetry the markups are equal.",
                  "$M$'s first-order condition with $m_M$ and $m_R$ swapped is $R$'s; the solution has $m_M = m_R$",
                  _check_symmetric_focs),
        Statement("equal-reputation", "after (7)",
                  "the unit value of the reputation effect of local SOEs in participating in targeted poverty "
                  "alleviation is identical to that of the grassroots organizations",
                  "loose",
                  "Read literally, the reputation effect $T_M$ equals the driving role $T_R$; nothing in the model "
                  "says so, and neither enters the markups. Read with “unit value” as what each partner adds per "
                  "unit served, its markup, as the sentence's place right after (7) suggests, it states "
                  "$m_M^N = m_R^N$, which holds.",
                  "The two partners charge the same markup, whatever $T_M$ and $T_R$.",
                  "$m_M^N = m_R^N$, and $T_M$ and $T_R$ appear in neither", _check_markups_free_of_T),
        Statement("unit-investment", "after (9)",
                  "as well as to the unit investment of local SOEs", "contradicted",
                  "The SOE's unit investment $h + m_M$ does not depend on $T_M$ or $T_R$; only the payoffs rise "
                  "with them.",
                  "$T_M$ and $T_R$ raise the payoffs; the unit investment $h + m_M^N$ does not change.",
                  r"$\partial(h + m_M^N)/\partial T_i = 0$ and $\partial E_T^N/\partial T_i > 0$ for $i = M, R$",
                  _check_unit_investment),
        Statement("influenced", "after (9)",
                  "since the investment of local SOEs is influenced by the driving role of grassroots organizations",
                  "contradicted",
                  "The SOE's best markup falls by 1/2 per unit of $R$'s markup $m_R$ but does not depend on "
                  "$R$'s driving role $T_R$. The loss comes from the two markups stacked on one price.",
                  "Each partner's markup responds to the other's markup (double marginalization), not to $T_R$.",
                  r"$\partial m_M^*/\partial m_R = -1/2$ and $\partial m_M^*/\partial T_R = 0$ "
                  r"($m_M^*$: $M$'s best response)",
                  _check_influence),
        Statement("overall-benefits", "hypothesis 3",
                  "the overall benefits accrued by the non-cooperating party may be lower than those achieved "
                  "through mutual cooperation",
                  "loose",
                  "Read as the defector's payoff in one play, it contradicts the paper's own ranking "
                  "$E_R^{NC} > E_R^{CC}$. Two readings hold: the partners' total is lower, and, as the present "
                  "values that follow in the paper suggest, over a repeated relationship in which a defection is "
                  "answered with $N$ the defector's own present value is lower for patient enough partners.",
                  "The defector gains at once, but the partners' total is lower than under mutual cooperation, and "
                  "in a repeated relationship the defector itself loses if the partners are patient enough.",
                  "$E_R^{NC} > E_R^{CC}$ and $E_T^{NC} < E_T^{CC}$ in the two-action game; at "
                  r"$\delta = 3/4$ defecting once under grim trigger is worth less than cooperating",
                  _check_defector_overall),
        Statement("truncated", "hypothesis 3", "In contrast, consistent cooperating or both not cooperating.",
                  "garbled",
                  "The sentence has no main clause; the definition of consistent behaviour is cut.",
                  "Consistent behaviour means both cooperate ($CC$) or both do not ($NN$); both partners earn more at "
                  "$CC$ than at $NN$.",
                  "$E_i^{CC} > E_i^{NN}$ for $i = M, R$", _check_diagonal),
        Statement("epv-actor", "hypothesis 3",
                  "When EPV(R)C > EPV(R)N, the local SOE will adopt a cooperative behavior", "wording",
                  "The grassroots organization's value decides the SOE's action. Each partner should compare its "
                  "own values; in the one-shot game $N$ is better for $R$ whatever $M$ does, so the stated condition "
                  "never holds.",
                  "A partner cooperates when its own present value from cooperating exceeds that from defecting.",
                  "$E_R^{NC} > E_R^{CC}$ and $E_R^{NN} > E_R^{CN}$: $N$ dominates for $R$", _check_defection_dominant),
        Statement("epv-discount", "hypothesis 3",
                  "Let EPV represent the present value of returns for local SOEs and grassroots organizations.",
                  "definition",
                  "A definition that leaves out what it needs: a present value needs a stream of payoffs over time "
                  "and a discount factor, and the paper gives neither; its games are played once, where a present "
                  "value is just the one-period payoff.",
                  "Define the present value in the repeated two-action game: with grim trigger, cooperation lasts "
                  "if and only if the discount factor is at least the threshold computed here.",
                  r"the $\delta$ solving $E^{CC}/(1-\delta) = E^{NC} + \delta E^{NN}/(1-\delta)$ "
                  r"is a number in $(0, 1)$",
                  _check_epv_threshold),
        Statement("feasibility-h3", "hypothesis 3",
                  "the feasibility of the cooperative game can be verified", "condition",
                  "Comparing $CC$ with $NN$ shows that cooperation pays, not that it is feasible: each partner gains "
                  "by defecting from $CC$.",
                  "Cooperation is better for both, and feasible only with a binding agreement or enough patience.",
                  "$E_R^{NC} > E_R^{CC}$", _check_defector_vs_total),
        Statement("labels", "§2.3", "*LM* represents the non-cooperative behavior.", "garbled",
                  "The sentence is cut: $LM$ is defined as non-cooperative behaviour, $LR$ is never defined, and the "
                  "static game is called $NC$ here but $N$ in the equations, where $N$ is also Hypothesis 2's action.",
                  "$N$: simultaneous moves; $LM$: the SOE leads; $LR$: the grassroots organization leads; "
                  "$C$: cooperation.",
                  "the four labels give four distinct outcomes; $LM$ and $LR$ are mirror images", _check_labels),
        Statement("overall-14", "before (14)",
                  "the common goal of local SOEs and grassroots organizations is to pursue the maximization of "
                  "overall benefits in order to achieve Pareto optimality",
                  "method",
                  "Maximizing the overall benefit is cooperation. The leader and follower each maximize their own "
                  "payoff, and their total is the lowest of all regimes.",
                  "Each partner maximizes its own payoff; the leader anticipates the follower's response.",
                  "$m_M^{LM} + m_R^{LM}$ differs from the joint optimum; $E_T^C > E_T^{LM}$", _check_overall_before_14),
        Statement("recipe", "before (14)",
                  "differentiating Equations (12) and (13) respectively yields the following", "recipe",
                  "Differentiating each payoff in its owner's markup and solving both is the simultaneous-move "
                  "recipe; it gives $(x - yh)/(3y)$, not (14)–(15).",
                  "Backward induction: substitute the follower's best response into (12), then maximize over $m_M$.",
                  "solving both first-order conditions gives $(x - yh)/(3y)$; backward induction gives (14)",
                  _check_recipe),
        Statement("attractive-18", "after (18)",
                  "However, the payoffs for both parties will also affect the attractiveness of targeted poverty "
                  "alleviation for impoverished groups.",
                  "contradicted",
                  "Set after the remark that the leading SOE earns more, the sentence says that how the payoff is "
                  "split changes what the programme offers the poor. In the model it does not: households face the "
                  "price only, and the price, the quantity served and their surplus $S_B$ are the same whoever "
                  "leads; only the split between the partners changes.",
                  "Which partner leads changes how the partners split the payoff, not what households face: the "
                  "price, the quantity served and the beneficiaries' surplus are the same.",
                  "$P^{LM} = P^{LR}$, $Q^{LM} = Q^{LR}$, $S_B^{LM} = S_B^{LR}$, while $E_M^{LM} \\ne E_M^{LR}$",
                  _check_leader_irrelevant_to_households),
        Statement("from-19", "after (19)",
                  "Similarly, from Equation (19), it can be seen that", "wording",
                  "Equation (19) is a total, equal to (18); it cannot show how the payoff is split. The claim that "
                  "the leading grassroots organization earns more is true but needs its individual payoffs, which "
                  "are never printed.",
                  "Derive $E_M^{LR}$ and $E_R^{LR}$; then $E_R^{LR} > E_M^{LR}$.",
                  "$E_T^{LR} = E_T^{LM}$ and $E_R^{LR} - E_M^{LR} > 0$", _check_split_not_in_19),
        Statement("attractive-19", "after (19)",
                  "similarly, the payoff outcomes for both parties will affect the attractiveness of targeted "
                  "poverty alleviation for impoverished groups",
                  "contradicted",
                  "As after (18): the grassroots organization's lead changes the split, not the price, the "
                  "quantity served or the beneficiaries' surplus, which equal those under the SOE's lead.",
                  "Whoever leads, households face the same price and are served in the same number.",
                  "$P^{LM} = P^{LR}$, $Q^{LM} = Q^{LR}$, $S_B^{LM} = S_B^{LR}$, while $E_M^{LM} \\ne E_M^{LR}$",
                  _check_leader_irrelevant_to_households),
        Statement("underived-20", "(20)",
                  "the overall payoff situation for targeted poverty alleviation under cooperative games is as "
                  "follows",
                  "omission",
                  "Equation (20) is printed with no step at all: the paper names the goal, the largest overall "
                  "benefit, but not how (20) follows from it. Without the step the reader cannot see that joint "
                  "maximization fixes only the sum $m_M + m_R$, nor check the denominator.",
                  "Write the joint payoff in the joint markup $s = m_M + m_R$, set its derivative to zero, "
                  "$s^* = (x - yh)/(2y)$, and substitute.",
                  "$E_M + E_R$ depends on $s = m_M + m_R$ only; its first-order condition gives "
                  "$s^* = (x - yh)/(2y)$, the second derivative is negative, and the joint payoff at $s^*$ is (20) "
                  "with $y$ for $v$",
                  _check_cooperative_derivation),
        Statement("more-feasible", "§2.3.2",
                  "it is more feasible for local SOEs and grassroots organizations to engage in cooperative games",
                  "condition",
                  "The ranking shows that cooperation is more profitable, not that it is feasible: at the "
                  "cooperative markups each partner gains by raising its own.",
                  "Cooperation pays most in total; it needs a binding agreement or a repeated relationship.",
                  "$M$'s best response to the cooperative $m_R$ exceeds $m_M^C$ and pays more than $E_M^C$",
                  _check_not_self_enforcing),
        Statement("win-win", "§2.3.2",
                  "benefits that include both the individual payoffs of each party as well as the overall payoff",
                  "condition",
                  "Only the total is derived. Each partner gains only for some splits, and an equal split leaves a "
                  "leading SOE exactly as well off as before.",
                  "Both gain over the Nash outcome if and only if the SOE's share lies in the interval computed here.",
                  "the share intervals against $N$ and $LM$; the equal split is the lower end against $LM$",
                  _check_win_win),
        Statement("efforts", "§3",
                  "local SOEs and grassroots organizations tend to diffuse their efforts", "unsupported",
                  "The model has no effort. What it shows is that two markups stacked on one price raise the price "
                  "and cut the quantity served.",
                  "Without cooperation the price is higher and fewer households are served.",
                  "$P^N > P^C$ and $Q^N < Q^C$", _check_double_marginalization),
        Statement("fair-share", "abstract, §3",
                  "premised on the transferability of the utility of targeted poverty alleviation", "unsupported",
                  "The model derives no allocation, so it cannot show that the shares are fair; a bargaining rule "
                  "would, and its answer depends on the fallback.",
                  "Transferable utility makes any split possible; which split is fair needs a bargaining model.",
                  "the SOE's Nash-bargaining share is 1/2 with fallback $N$ and 5/8 with fallback $LM$",
                  _check_fair_share),
    ]


def notes() -> list[Statement]:
    """Statements of the paper that hold or are harmless: not errata.

    Examples
    --------
    >>> all(s.check() for s in notes()), {s.kind for s in notes()}
    (True, {'note'})
    """
    return [
        Statement("complements", "after (1)", "there exists a complementary relationship between the two", "note",
                  "Holds: $Q = T_M T_R (x - yP)$, so raising $T_R$ raises the effect of $T_M$ on demand.",
                  "", r"$\partial^2 Q/\partial T_M \partial T_R = Q/(T_M T_R) > 0$ wherever $Q > 0$",
                  _check_complements),
        Statement("hypothesis-3", "hypothesis 3", "ERNC > ERCC > ERNN > ERCN", "note",
                  "Stated as an assumption, it is a result of the model for the two actions $C$ and $N$ used here "
                  "(read $E_R^{NC}$ for “ERNC”, as the paper's own gloss does).",
                  "It holds for these two actions, not for every pair.",
                  "the four payoffs of $R$ ranked symbolically", _check_hypothesis_3,
                  transcription="the transcription flattens the payoffs' subscripts and superscripts into one word "
                                "(ERNC); the note relies on the paper's gloss of the letters, not on their "
                                "typesetting"),
        Statement("h-positive", "hypothesis 4", "h(h>0)", "note",
                  "A harmless assumption: every result depends on $h$ only through $x - yh$, and holds at $h = 0$.",
                  r"$h \ge 0$ suffices.", "the ordering's ratios are free of $h$; $E_T^C > 0$ at $h = 0$",
                  _check_h_zero,
                  transcription="the transcription reads “where h h(h>0) represents”; the doubled h is probably "
                                "the conversion's, and nothing here rests on it"),
        Statement("leader-more", "after (18)",
                  "the payoffs for local SOEs are greater than those for grassroots organizations", "note",
                  "Holds, with the corrected (16) as with the printed one.", "",
                  "$E_M^{LM} - E_R^{LM} > 0$", _check_leader_earns_more),
        Statement("total-only", "(20)", "the overall payoff situation for targeted poverty alleviation", "note",
                  "Only the total is reported, rightly: joint maximization fixes only $m_M + m_R$.", "",
                  "the joint payoff depends on $m_M + m_R$ only", _check_only_total),
        Statement("ordering", "§2.3.2", "the total payoff for targeted poverty alleviation is the lowest", "note",
                  "Holds for every valid parameter set: the totals are 3/4, 3/4, 8/9 and 1 times $E_T^C$.", "",
                  "$E_T / E_T^C$ is a constant for each regime", _check_ranking),
        Statement("second-order", "(6) and (14)", "differentiating", "note",
                  "The paper never checks that its first-order conditions give maxima; they do.", "",
                  r"$\partial^2 E_i/\partial m_i^2 = -2 T_M T_R\, y < 0$", _check_socs),
    ]
