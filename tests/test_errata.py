"""The errata appendix (book/errata.ipynb, label ch-errata): its rule, its counts, its proofs and its prose list."""

import re
from collections import Counter
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from soe_grassroots import errata
from soe_grassroots import symbolic as S
from soe_grassroots.regimes import REGIMES, compare

PAPER = Path("/work/shared/paper/lin-xia-2025-soe-grassroots.md")
needs_paper = pytest.mark.skipif(not PAPER.exists(), reason="the paper's text is not on this machine")

# The category of every printed line, as the appendix's table states it (read off the paper, line by line).
STATED = {
    "1": "definition", "2": "definition", "3": "definition", "4": "definition", "5": "definition",
    "6a": "definition", "6b": "wrong", "6c": "confirmed", "7": "confirmed", "8": "confirmed", "9": "confirmed",
    "10": "definition", "11": "definition", "12": "typo", "13": "definition", "14": "confirmed",
    "15": "confirmed", "16": "wrong", "17": "confirmed", "18": "confirmed", "19": "confirmed", "20": "typo",
    "ranking": "typo",
}


@pytest.fixture(scope="module")
def checks():
    return {c.equation.number: c for c in map(errata.check, errata.equations())}


def test_rule_reproduces_every_stated_category(checks):
    """Appendix, table of every line: one rule function gives each line the category the appendix states."""
    assert {n: c.verdict for n, c in checks.items()} == STATED


def test_every_numbered_equation_is_checked(checks):
    """Appendix, method: all of (1)-(20) and the ordering of section 2.3.2 are classified, nothing else."""
    numbers = {re.sub(r"[abc]$", "", n) for n in checks}
    assert numbers == {str(n) for n in range(1, 21)} | {"ranking"}


def test_counts_split_definitions_from_derivations(checks):
    """Appendix, summary: 9 restated definitions, 9 confirmed derivations, 3 typographical slips, 2 errors."""
    assert Counter(c.verdict for c in checks.values()) == {"definition": 9, "confirmed": 9, "typo": 3, "wrong": 2}
    restating = {n for n, c in checks.items() if errata.restates(c.equation.derived_value)}
    assert restating == {"1", "2", "3", "4", "5", "6a", "10", "11", "12", "13"}   # 12 restates one, misprinted


def test_equations_12_and_16_are_classed_by_the_same_rule(checks):
    """Appendix, (12) and (16): a letter misprint is a slip; a wrong coefficient (16: 4y for 8y) is an error."""
    assert checks["12"].verdict == "typo" and "T_M should read T_R" in checks["12"].note
    assert checks["16"].verdict == "wrong" and errata.single_symbol_fixes(checks["16"].equation) == []
    assert checks["16"].note == "the printed value is 2 times the derived one"


def test_rule_tells_the_four_categories_apart():
    """Appendix, definition of the categories: the rule is not constant and never replaces numerals."""
    lm = S.derive("soe_leads")
    make = lambda text, value: errata.check(errata.Equation("t", "", "", text, value)).verdict  # noqa: E731
    assert make("T_M*T_R*(x - y*h)**2/(8*y)", lm.E_M) == "confirmed"
    assert make("T_M*T_R*(x - y*h)**2/(8*y)", errata.definitions()["E_M"]) == "wrong"
    assert make("T_M*T_R*(x - y*h)**2/(8*T_M)", lm.E_M) == "typo"         # one letter for another
    assert make("T_M*T_R*(x - y*h)**2/(9*y)", lm.E_M) == "wrong"          # a numeral is never a typo
    assert make("T_M*T_R*(x - y*h)**2/(8*w)", lm.E_M) == "typo"           # a stray letter, like (20)'s v
    assert make("h + m_M + m_R", errata.definitions()["P"]) == "definition"
    assert make("E_T^N < E_T^C", errata.parse("E_T^N < E_T^C")) == "confirmed"
    assert make("E_T^C < E_T^N", errata.parse("E_T^N < E_T^C")) == "wrong"


TOKENS = [("x", "y"), ("y", "h"), ("h", "x"), ("T_M", "T_R"), ("T_R", "T_M")]


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["7", "8", "9", "14", "15", "17", "18"]), st.sampled_from(TOKENS), st.integers(0, 3))
def test_any_one_letter_misprint_of_a_confirmed_line_is_a_typo(number, swap, nth):
    """Appendix, definition of a typographical slip: misprint one letter of a correct line and the rule says typo."""
    eq = next(e for e in errata.equations() if e.number == number)
    old, new = swap
    hits = [m for m in re.finditer(rf"(?<![\w^]){old}(?!\w)", eq.text)]
    if not hits:
        return
    m = hits[nth % len(hits)]
    text = eq.text[:m.start()] + new + eq.text[m.end():]
    verdict = errata.check(errata.Equation(number, "", "", text, eq.derived_value)).verdict
    assert verdict == ("confirmed" if errata.same(errata.parse(text), eq.derived_value) else "typo")


def test_ordering_is_proved_symbolically():
    """Appendix, proposition on the ordering: E_T / E_T^C is 3/4, 3/4, 8/9, 1 identically, and E_T^C > 0."""
    r = errata.ranking()
    assert r.ratios == {"LM": sp.Rational(3, 4), "LR": sp.Rational(3, 4), "N": sp.Rational(8, 9), "C": 1}
    assert all(v.free_symbols == set() for v in r.ratios.values()) and r.positive
    assert r.text == "E_T^LM = E_T^LR < E_T^N < E_T^C"
    ranking = next(e for e in errata.equations() if e.number == "ranking")
    assert ranking.derived_value == errata.parse(r.text)   # the verdict compares with the proof, not with numbers


@settings(max_examples=30, deadline=None)
@given(st.floats(1e-2, 1e2), st.floats(0, 1e2), st.floats(1e-2, 1e3), st.floats(1e-2, 1e2), st.floats(1e-2, 1e2))
def test_numbers_agree_with_the_symbolic_ordering(y, h, a, T_M, T_R):
    """Appendix, proposition on the ordering: the package's numeric ordering is the proved one everywhere."""
    from soe_grassroots import Params

    assert compare(Params(x=y * h + a, y=y, h=h, T_M=T_M, T_R=T_R)).ordering == errata.ranking().text


def test_every_prose_check_runs_and_passes():
    """Appendix, prose misstatements and notes: each record's sympy check holds."""
    for s in errata.misstatements() + errata.notes():
        assert s.check() is True, s.key


def test_prose_records_are_complete_and_kinds_are_known():
    """Appendix, prose misstatements: quote, place, problem, correction and evidence filled in; one kind each."""
    items = errata.misstatements()
    assert len({s.key for s in items + errata.notes()}) == len(items) + len(errata.notes())
    for s in items:
        assert s.kind in errata.KINDS and all((s.quote, s.where, s.problem, s.correction, s.evidence)), s.key
    assert {s.kind for s in errata.notes()} == {"note"}
    # the brief's seven sorts of prose slip are all represented
    assert {"method", "contradicted", "condition", "recipe", "wording", "citation", "garbled"} <= {
        s.kind for s in items}


def test_non_errors_are_kept_out_of_the_errata():
    """Appendix, notes: the assumption h > 0 and the claims that hold are notes, not misstatements."""
    quotes = {s.quote for s in errata.misstatements()}
    assert "h(h>0)" not in quotes and "h(h>0)" in {s.quote for s in errata.notes()}


@needs_paper
def test_quotes_are_verbatim():
    """Appendix, prose list: every quote is the paper's own words."""
    text = re.sub(r"\s+", " ", PAPER.read_text())
    for s in errata.misstatements() + errata.notes():
        assert re.sub(r"\s+", " ", s.quote) in text, s.key


@needs_paper
def test_zou_is_the_only_citation_that_misses_the_reference_list():
    """Appendix, citation record: of the paper's in-text citations, only (Zou et al., 2023) has no list entry."""
    text = PAPER.read_text()
    body, refs = text.split("#### References")
    name = r"([A-Z][a-z]+)(?: et al\.| (?:&|and) [A-Z][a-z]+)?"
    cited = set(re.findall(rf"[(;] ?{name}, (\d{{4}})\)?", body)) | set(re.findall(rf"{name} \((\d{{4}})\)", body))
    listed = {(m[0], m[1]) for m in re.findall(r"^- ([A-Z][a-z]+),.*?\((\d{4})\)", refs, flags=re.M)}
    assert len(cited) > 20   # the patterns do find the paper's citations
    missing = {c for c in cited if c not in listed}
    assert missing == {("Zou", "2023")}
    (in_text, entry), = errata.IN_TEXT.items()
    assert in_text.startswith("Zou") and entry in refs


def test_two_action_game_and_threshold():
    """Appendix, Hypothesis 3 records: the two-action payoffs and the grim-trigger threshold 1/2."""
    g = errata.two_action_game()
    U = S.T_M * S.T_R * (S.x - S.y * S.h) ** 2 / S.y
    assert sp.simplify(g["CC"][1] / U) == sp.Rational(1, 8) and sp.simplify(g["NC"][1] / U) == sp.Rational(5, 36)
    assert errata.grim_trigger_threshold() == sp.Rational(1, 2)
    assert errata.share_interval("nash") == (sp.Rational(4, 9), sp.Rational(5, 9))
    assert set(REGIMES) >= {"nash", "soe_leads"}
