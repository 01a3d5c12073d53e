"""Write the SYNTHETIC classroom-experiment file the results chapter analyses (book/data/).

    python tools/make_synthetic_experiment.py            # writes book/data/experiment_synthetic.csv
    python tools/make_synthetic_experiment.py --check    # exit 1 if the stored file differs from a fresh one

No student played these rounds, and nothing on the results page built from this file is evidence about how
people play: every pattern in it is put there by this script. Twelve made-up pairs play eight rounds at the
book's running example (`soe_grassroots.EXAMPLE`): four under simultaneous moves, two with the SOE leading, two
with the grassroots organization leading and four under a binding agreement. Each simulated student starts from
a random markup and moves towards a target, with noise, rounded to 0.1 as people type numbers. The target is the
regime's prediction, with two choices made here to exercise the analysis: one simultaneous-moves pair (``TACIT``)
aims at the cooperative markups instead, so that the page can show what a pair cooperating tacitly would look
like; and the four agreement pairs aim at different splits of the cooperative joint markup (``SPLITS``, the
SOE's share θ), since cooperation fixes only the joint markup. Three faults that real exports contain are added
at the end so that the page can show what `soe_grassroots.classroom.load` reports: a typo in a markup, a
resubmission, and a student whose partner did not submit. The random generator's seed is fixed, so the file is
the same on every machine (tests/test_classroom.py checks it).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import numpy as np

from soe_grassroots import EXAMPLE, solve

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "book" / "data" / "experiment_synthetic.csv"
SEED = 20251126
ROUNDS = 8
PAIRS = (["nash"] * 4 + ["soe_leads"] * 2 + ["grassroots_leads"] * 2 + ["cooperative"] * 4)
TACIT = 3  # the index of the simultaneous-moves pair that is made to drift towards cooperation
SPLITS = {8: 0.5, 9: 0.6, 10: 0.45, 11: 0.4}  # the SOE's share theta of the joint markup, per agreement pair


def rows() -> list[list[str]]:
    rng = np.random.default_rng(SEED)
    out = []
    for index, regime in enumerate(PAIRS):
        pair = f"P{index + 1:02d}"
        aim = solve(EXAMPLE, "cooperative" if index == TACIT else regime)
        targets = (float(aim.m_M), float(aim.m_R))
        if index in SPLITS:
            joint = targets[0] + targets[1]
            targets = (SPLITS[index] * joint, (1 - SPLITS[index]) * joint)
        start = rng.uniform(1.0, 6.0, size=2)
        for round_ in range(1, ROUNDS + 1):
            pull = 0.6 ** (round_ - 1)
            for k, (role, target) in enumerate(zip("MR", targets)):
                markup = target + (start[k] - target) * pull + rng.normal(0.0, 0.3)
                student = f"synthetic-{2 * index + k + 1:02d}"
                out.append([str(round_), pair, role, regime, f"{max(markup, 0.0):.1f}", student])
    # three faults of real exports, for the chapter to show
    typo = next(r for r in out if r[:3] == ["5", "P02", "R"])
    typo[4] = typo[4].replace(".", ",")                                   # a decimal comma
    out.append(["6", "P05", "M", "soe_leads", "4.4", "synthetic-09"])     # a resubmission (a duplicate)
    out.remove(next(r for r in out if r[:3] == ["8", "P12", "R"]))         # a partner who did not submit
    return out


def render() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["round", "pair", "role", "regime", "markup", "student"])
    writer.writerows(rows())
    return buffer.getvalue()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the stored file instead of writing")
    args = parser.parse_args()
    text = render()
    if args.check:
        sys.exit(0 if TARGET.read_text("utf-8") == text else f"{TARGET} differs from the generator's output")
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, "utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {text.count(chr(10)) - 1} rows (synthetic)")
