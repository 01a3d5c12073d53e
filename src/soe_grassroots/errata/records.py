"""The record type for the paper's prose, and the decorator that writes a record beside its check.

A `Statement` is one sentence of the paper with what is wrong with it (or, for
a note, why it is fine) and a sympy check. The records themselves are in
`soe_grassroots.errata.prose`, each written as a `Register` decorator over its
check function::

    @misstatement(key="efforts", where="§3", quote="...", kind="unsupported",
                  problem="...", correction="...", evidence="...")
    def _check_double_marginalization() -> bool:
        ...

so a record and the computation that supports it are read together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True, kw_only=True)
class Statement:
    """A sentence of the paper, what is wrong with it (or why it is fine), and a check (a record: fields by keyword).

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
        >>> from soe_grassroots.errata import misstatements, notes
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

    def __post_init__(self) -> None:
        if self.kind not in KINDS and self.kind != "note":
            raise ValueError(f"kind: must be a key of KINDS or 'note' (got {self.kind!r} for {self.key!r})")
        for name in ("key", "where", "quote", "problem", "evidence"):
            if not getattr(self, name):
                raise ValueError(f"{name}: must not be empty (record {self.key!r})")


CheckFunction = Callable[[], bool]
"""A record's check: no arguments, ``True`` when the computation supports the record."""


class Register:
    """An ordered list of `Statement` records, each added by decorating its check.

    Calling the register with a record's fields (every field of `Statement`
    but ``check``, by keyword) gives a decorator; the decorated function
    becomes the record's ``check`` and is returned unchanged, so one check can
    still call another.

    Examples
    --------
    >>> demo = Register()
    >>> @demo(key="demo", where="§0", quote="a sentence", kind="note", problem="it holds", correction="",
    ...       evidence="one equals one")
    ... def _check_demo() -> bool:
    ...     return 1 == 1
    >>> [(s.key, s.check()) for s in demo.records]
    [('demo', True)]
    >>> demo(key="demo", where="§0", quote="again", kind="note", problem="", correction="", evidence="")(_check_demo)
    Traceback (most recent call last):
    ...
    ValueError: key: 'demo' is already a record of this register
    """

    def __init__(self) -> None:
        self.records: list[Statement] = []

    def __call__(self, **fields: Any) -> Callable[[CheckFunction], CheckFunction]:
        key = fields.get("key")
        if any(s.key == key for s in self.records):
            raise ValueError(f"key: {key!r} is already a record of this register")

        def register(check: CheckFunction) -> CheckFunction:
            self.records.append(Statement(check=check, **fields))
            return check

        return register
