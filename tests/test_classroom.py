"""The classroom experiment's loader and scoring (`soe_grassroots.classroom`; the experiment pages).

The instructor's guide promises: every bad row is reported with its line number and none is dropped silently;
spreadsheet exports (byte-order mark, CRLF, any column order) load; a missing column or an empty file is a
clear error; and each pair's round is priced by the model and compared with every regime's prediction.
"""

from __future__ import annotations

import csv
import io
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soe_grassroots import EXAMPLE, REGIMES, Params, evaluate, solve
from soe_grassroots.classroom import Submission, load, results

HEADER = "round,pair,role,regime,markup,student\n"


def _load(body: str, header: str = HEADER):
    return load(io.StringIO(header + body))


def _reasons(subs):
    return [(p.line, p.reason) for p in subs.problems]


def test_a_clean_file_loads_every_row():
    subs = _load("1,A,M,nash,3,ann\n1,A,R,nash,2.5,bo\n")
    assert subs.problems == []
    assert subs.rows == [Submission(2, 1, "A", "M", "nash", 3.0, "ann"), Submission(3, 1, "A", "R", "nash", 2.5, "bo")]


@pytest.mark.parametrize("markup, reason", [
    ("abc", "markup must be a number (got 'abc')"),
    ("", "markup must be a number (got '')"),
    ("-0.5", "markup must be zero or more (got -0.5)"),
    ("nan", "markup must be a finite number (got 'nan')"),
    ("inf", "markup must be a finite number (got 'inf')"),
    ("-inf", "markup must be a finite number (got '-inf')"),
])
def test_bad_markups_are_reported_with_their_line(markup, reason):
    subs = _load(f"1,A,M,nash,3,\n1,A,R,nash,{markup},\n")
    assert (3, reason) in _reasons(subs)


@pytest.mark.parametrize("round_", ["0", "-1", "1.5", "one", ""])
def test_a_round_that_is_not_a_positive_integer_is_reported(round_):
    subs = _load(f"{round_},A,M,nash,3,\n")
    assert _reasons(subs) == [(2, f"round must be a positive integer (got {round_!r})")]


def test_a_role_other_than_m_or_r_is_reported_and_lower_case_is_accepted():
    subs = _load("1,A,X,nash,3,\n1,B,m,nash,3,\n1,B,r,nash,3,\n")
    assert _reasons(subs) == [(2, "role must be M or R (got 'X')")]
    assert [r.role for r in subs.rows] == ["M", "R"]


def test_an_unknown_regime_is_reported():
    subs = _load("1,A,M,collusion,3,\n")
    assert _reasons(subs) == [(2, f"regime must be one of {', '.join(REGIMES)} (got 'collusion')")]


def test_an_empty_pair_is_reported():
    assert _reasons(_load("1,,M,nash,3,\n")) == [(2, "pair is empty")]


def test_a_duplicate_is_reported_and_the_first_submission_counts():
    subs = _load("1,A,M,nash,3,\n1,A,R,nash,3,\n1,A,M,nash,9,\n")
    assert _reasons(subs) == [(4, "duplicate: round 1, pair 'A', role M was already submitted on line 2")]
    assert [r.markup for r in subs.rows if r.role == "M"] == [3.0]


def test_a_submission_without_its_partner_is_reported():
    subs = _load("1,A,M,nash,3,\n1,A,R,nash,3,\n2,A,M,nash,3,\n")
    assert _reasons(subs) == [(4, "no submission from R of pair 'A' in round 2: the pair's round cannot be scored")]
    assert len(subs.rows) == 2


def test_partners_naming_different_regimes_are_reported():
    subs = _load("1,A,M,nash,3,\n1,A,R,cooperative,3,\n")
    assert [line for line, _ in _reasons(subs)] == [2, 3]
    assert subs.rows == []


def test_no_row_is_dropped_silently():
    """Every non-blank data line ends up either in .rows or in .problems."""
    body = "1,A,M,nash,3,\n1,A,R,nash,x,\n\n2,B,M,nope,1,\n2,B,R,nash,1,\n1,A,M,nash,4,\n"
    subs = _load(body)
    lines = sorted([r.line for r in subs.rows] + [p.line for p in subs.problems])
    data_lines = [i + 2 for i, text in enumerate(body.splitlines()) if text.strip()]
    assert lines == data_lines


def test_spreadsheet_exports_load(tmp_path):
    """Byte-order mark, CRLF line ends, another column order and upper-case headers."""
    path = tmp_path / "export.csv"
    path.write_bytes("\ufeffMarkup,Role,Pair,Regime,Round\r\n3,M,A,nash,1\r\n2.5,R,A,nash,1\r\n".encode("utf-8"))
    subs = load(path)
    assert subs.problems == []
    assert [(r.line, r.role, r.markup) for r in subs.rows] == [(2, "M", 3.0), (3, "R", 2.5)]


@pytest.mark.parametrize("column", ["round", "pair", "role", "regime", "markup"])
def test_a_missing_column_is_an_error_naming_it(column):
    header = ",".join(c for c in ["round", "pair", "role", "regime", "markup"] if c != column) + "\n"
    with pytest.raises(ValueError, match=f"no '{column}' column"):
        load(io.StringIO(header))


@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff"])
def test_an_empty_file_is_an_error(text):
    with pytest.raises(ValueError, match="empty"):
        load(io.StringIO(text))


def test_results_price_each_pair_round_with_the_model():
    subs = _load("1,A,M,soe_leads,4,\n1,A,R,soe_leads,2,\n1,B,M,nash,1,\n1,B,R,nash,1,\n")
    out = results(subs, EXAMPLE)
    assert [(r.round, r.pair, r.regime) for r in out] == [(1, "A", "soe_leads"), (1, "B", "nash")]
    expected = evaluate(EXAMPLE, 4.0, 2.0)
    assert (out[0].P, out[0].Q, out[0].E_M, out[0].E_R) == pytest.approx((expected.P, expected.Q, expected.E_M,
                                                                          expected.E_R))
    assert out[0].predicted["soe_leads"] == solve(EXAMPLE, "soe_leads")
    assert out[0].closest == "soe_leads"  # (4, 2) are exactly the SOE-led markups at the running example


def test_results_refuse_something_that_is_not_params():
    with pytest.raises(ValueError, match="params must be a Params"):
        results(_load(""), {"x": 10})


valid_params = st.builds(
    lambda y, h, a, T_M, T_R: Params(x=y * h + a, y=y, h=h, T_M=T_M, T_R=T_R),
    st.floats(0.2, 5), st.floats(0, 10), st.floats(0.5, 20), st.floats(0.2, 5), st.floats(0.2, 5))
row = st.tuples(st.integers(1, 30), st.sampled_from(["A", "B", "pair 3", "Zoë"]), st.sampled_from(REGIMES),
                st.floats(0, 50, allow_nan=False), st.floats(0, 50, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(st.lists(row, max_size=15, unique_by=lambda r: (r[0], r[1])), valid_params)
def test_any_valid_file_round_trips_and_scores_exactly(rows, params):
    """Over the whole valid space: a file written from complete pairs loads with no problem, and each pair's
    score equals the model's `evaluate`; the distance to a regime is zero exactly at its markups."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["round", "pair", "role", "regime", "markup"])
    for round_, pair, regime, m_M, m_R in rows:
        writer.writerow([round_, pair, "M", regime, repr(m_M)])
        writer.writerow([round_, pair, "R", regime, repr(m_R)])
    buffer.seek(0)
    subs = load(buffer)
    assert subs.problems == []
    assert len(subs.rows) == 2 * len(rows)
    scored = {(r.round, r.pair): r for r in results(subs, params)}
    for round_, pair, regime, m_M, m_R in rows:
        r = scored[(round_, pair)]
        expected = evaluate(params, m_M, m_R)
        assert r.regime == regime
        assert r.E_M == pytest.approx(float(expected.E_M), rel=1e-9, abs=1e-9)
        assert r.Q == pytest.approx(float(expected.Q), rel=1e-9, abs=1e-9)
        for name, prediction in r.predicted.items():
            if name == "cooperative":
                continue  # a line, not a point: see the tests below
            gap = math.hypot(m_M - float(prediction.m_M), m_R - float(prediction.m_R))
            assert r.distance[name] == pytest.approx(gap / float(params.a / params.y), abs=1e-12)


def _one_pair(m_M, m_R, regime="cooperative"):
    return _load(f"1,A,M,{regime},{m_M!r},\n1,A,R,{regime},{m_R!r},\n")


@settings(max_examples=80, deadline=None)
@given(valid_params, st.floats(0, 1))
def test_every_split_of_the_cooperative_joint_markup_is_at_distance_zero(params, theta):
    """`ch-cooperation`: cooperation fixes only m_M + m_R = a/(2y), so every point of that line is cooperation
    (distance 0), and the split is reported apart as the SOE's share theta of the joint markup."""
    s_C = float(params.a / (2 * params.y))
    m_M, m_R = theta * s_C, (1 - theta) * s_C
    (r,) = results(_one_pair(m_M, m_R), params)
    assert r.distance["cooperative"] == pytest.approx(0, abs=1e-12)
    assert r.closest == "cooperative"
    assert r.joint_markup == pytest.approx(s_C, rel=1e-12)
    assert r.share == pytest.approx(theta, abs=1e-12)
    assert r.E_M == pytest.approx(r.share * (r.E_M + r.E_R), rel=1e-9, abs=1e-12)  # theta is also E_M / E_T


@settings(max_examples=80, deadline=None)
@given(valid_params, st.floats(0, 3), st.floats(0, 3))
def test_the_distance_to_cooperation_is_the_distance_to_the_line(params, u_M, u_R):
    """The cooperative distance is the Euclidean distance from (m_M, m_R) to the nearest point of the line
    m_M + m_R = a/(2y), found here by projecting onto it, divided by a/y; it ignores the split."""
    unit = float(params.a / params.y)
    m_M, m_R = u_M * unit, u_R * unit
    (r,) = results(_one_pair(m_M, m_R), params)
    shift = (unit / 2 - m_M - m_R) / 2           # move along (1, 1) onto the line
    foot = (m_M + shift, m_R + shift)
    assert foot[0] + foot[1] == pytest.approx(unit / 2, rel=1e-9)
    expected = math.hypot(m_M - foot[0], m_R - foot[1]) / unit
    assert r.distance["cooperative"] == pytest.approx(expected, rel=1e-9, abs=1e-12)
    swapped = results(_one_pair(m_R, m_M), params)[0]   # another split of the same joint markup
    assert swapped.distance["cooperative"] == pytest.approx(r.distance["cooperative"], rel=1e-9, abs=1e-12)


def test_an_unequal_split_on_the_line_is_cooperation_not_a_miss():
    """At the running example a/(2y) = 4: the pair (3, 1) is cooperation with theta = 3/4, although it is
    far from the package's equal split (2, 2)."""
    (r,) = results(_one_pair(3.0, 1.0), EXAMPLE)
    assert EXAMPLE.a / (2 * EXAMPLE.y) == 4
    assert r.distance["cooperative"] == 0 and r.closest == "cooperative" and r.share == 0.75


def test_the_share_is_undefined_when_both_markups_are_zero():
    (r,) = results(_one_pair(0.0, 0.0), EXAMPLE)
    assert math.isnan(r.share) and r.joint_markup == 0


def test_the_stored_synthetic_file_is_what_its_seeded_generator_writes():
    """book/data/experiment_synthetic.csv is generated (tools/make_synthetic_experiment.py), not edited by hand."""
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "tools"))
    import make_synthetic_experiment as gen

    assert gen.TARGET.read_text("utf-8") == gen.render()
    subs = load(gen.TARGET)
    assert {p.reason.split(":")[0].split(" (")[0] for p in subs.problems} >= {"markup must be a number", "duplicate"}
