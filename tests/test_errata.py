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
    def make(text, value):
        return errata.check(errata.Equation(number="t", claim="", printed="", text=text, derived_value=value)).verdict

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
    verdict = errata.check(errata.Equation(number=number, claim="", printed="", text=text,
                                           derived_value=eq.derived_value)).verdict
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
    # every kind of prose slip the appendix defines is used by at least one record
    assert set(errata.KINDS) == {s.kind for s in items}


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


def _backward_induction(leader):
    """Stackelberg markups from the definitions alone (not from the package's solver)."""
    mM, mR = sp.symbols("mM mR", real=True)
    x, y, h, T = sp.symbols("x y h T", positive=True)
    Q = T * (x - y * (h + mM + mR))
    mine, other = (mM, mR) if leader == "M" else (mR, mM)
    response = sp.solve(sp.diff(Q * other, other), other)[0]
    lead = sp.solve(sp.diff((Q * mine).subs(other, response), mine), mine)[0]
    m = {mine: lead, other: response.subs(mine, lead)}
    P, q = (h + mM + mR).subs(m), Q.subs(m)
    return sp.simplify(P), sp.simplify(q), sp.simplify(q**2 / (2 * y * T)), sp.simplify((Q * mM).subs(m))


def test_who_leads_does_not_change_what_households_face():
    """Appendix, records after (18) and (19): P, Q and S_B are the same whoever leads; only the split differs."""
    (P_M, Q_M, S_M, EM_M), (P_R, Q_R, S_R, EM_R) = _backward_induction("M"), _backward_induction("R")
    assert sp.simplify(P_M - P_R) == 0 and sp.simplify(Q_M - Q_R) == 0 and sp.simplify(S_M - S_R) == 0
    assert sp.simplify(EM_M - EM_R) != 0
    records = {s.key: s for s in errata.misstatements()}
    for key in ("attractive-18", "attractive-19"):
        assert records[key].kind == "contradicted" and records[key].check() is True


def test_equation_20_gets_its_derivation():
    """Appendix, record on (20): the joint payoff depends on m_M + m_R only and its maximum is (20) with y for v."""
    record = next(s for s in errata.misstatements() if s.key == "underived-20")
    assert record.kind == "omission" and record.check() is True
    eq20 = next(e for e in errata.equations() if e.number == "20")
    assert errata.same(eq20.printed_value.subs(sp.Symbol("v"), S.y), S.joint_maximum().joint_payoff.subs(
        S.s, S.joint_maximum().s_star))


def test_definition_and_assumption_are_not_conclusions():
    """Appendix, prose list: "Let EPV represent..." is a definition and "x > 0 and y > 0" an assumption."""
    kinds = {s.key: s.kind for s in errata.misstatements()}
    assert kinds["epv-discount"] == "definition" and kinds["positive-demand"] == "assumption"
    assert "definition" in errata.KINDS and "assumption" in errata.KINDS


def test_charitable_readings_are_soft_verdicts():
    """Appendix, prose list: where a reading the paper supports holds, the record is 'loose', not a hard verdict."""
    records = {s.key: s for s in errata.misstatements()}
    loose = {k for k, s in records.items() if s.kind == "loose"}
    assert loose == {"bounded", "unit-cost", "equal-reputation", "overall-benefits"}
    assert all(not records[k].hard and records[k].remedy == "Clearer wording" for k in loose)
    assert records["unit-investment"].hard and records["mrts"].hard


def test_a_note_carries_no_correction():
    """Appendix, notes: a note is not an erratum, so what it adds is a qualification, never a correction."""
    assert {s.remedy for s in errata.notes()} == {"Qualification"}
    assert {s.remedy for s in errata.misstatements() if s.hard} == {"Correction"}


def test_transcription_artefacts_are_flagged(checks):
    """Appendix, top and table: the verdicts that may come from the transcription are marked, and only those."""
    assert {n for n, c in checks.items() if c.artefact} == {"20"}
    assert checks["20"].verdict == "typo" and "transcription" in checks["20"].equation.transcription
    flagged = {s.key for s in errata.misstatements() + errata.notes() if s.artefact}
    assert flagged == {"hypothesis-3", "h-positive"}


@needs_paper
def test_flagged_forms_are_in_the_transcription():
    """Appendix, transcription flags: the flattened or doubled forms they point to are in the transcription."""
    text = re.sub(r"\s+", " ", PAPER.read_text())
    assert "h h(h>0)" in text and "ERNC > ERCC" in text and r"4\,\rm v" in text


def test_class_word_of_6b_comes_from_its_record(checks):
    """Appendix, Eq. (6) second line: the prose and the table both show the record's category."""
    assert checks["6b"].category == errata.CATEGORIES["wrong"] == "error in a derivation"


def test_each_record_is_written_over_its_own_check():
    """Appendix, prose list: each record's check is its own function, defined beside it, in the records' order."""
    items = errata.misstatements() + errata.notes()
    checks = [s.check for s in items]
    assert len(set(checks)) == len(checks)
    assert {c.__module__ for c in checks} == {"soe_grassroots.errata.prose"}
    first_lines = [c.__code__.co_firstlineno for c in checks]   # a decorated function starts at its decorator
    assert first_lines == sorted(first_lines)


def test_records_take_keyword_fields_and_refuse_bad_ones():
    """Appendix, records: fields are named, a kind must be known, and a key is used once per register."""
    fields = dict(key="k", where="§1", quote="q", kind="wording", problem="p", correction="c", evidence="e")
    with pytest.raises(TypeError):
        errata.Statement("k", "§1", "q", "wording", "p", "c", "e", lambda: True)
    with pytest.raises(TypeError):
        errata.Equation("t", "", "", "x", S.x)
    with pytest.raises(ValueError, match="kind: must be a key of KINDS or 'note'"):
        errata.Statement(**(fields | {"kind": "typo"}), check=lambda: True)
    with pytest.raises(ValueError, match="quote: must not be empty"):
        errata.Statement(**(fields | {"quote": ""}), check=lambda: True)
    register = errata.Register()
    register(**fields)(lambda: True)
    with pytest.raises(ValueError, match="key: 'k' is already a record"):
        register(**fields)
    assert [s.key for s in register.records] == ["k"]
