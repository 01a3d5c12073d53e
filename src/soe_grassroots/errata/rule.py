"""The rule for the paper's printed lines: parse a transcription, compare it with a derivation, classify it.

`check` applies one rule to every `Equation` (the records are in
`soe_grassroots.errata.lines`) and returns its category (`CATEGORIES`);
`ranking` proves the paper's ordering of the four total payoffs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import sympy as sp

from .. import symbolic as S
from ..model import demand, payoff, price
from ..regimes import LABELS, REGIMES
from ..symbolic import T_M, T_R, h, m_M, m_R, x, y

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


@dataclass(frozen=True, kw_only=True)
class Equation:
    """One printed line of the paper, as printed and as derived (a record: every field by keyword).

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
        >>> from soe_grassroots.errata import equations
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
    >>> eq = Equation(number="demo", claim="", printed="", text="T_M*(x - y*P)*T_M",
    ...               derived_value=definitions()["Q(P)"])
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
    >>> from soe_grassroots.errata import equations
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
