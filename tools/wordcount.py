"""Count the words a reader sees in each chapter: markdown cells plus the source of visible code cells.

Usage: ``python tools/wordcount.py [book/name.ipynb ...]`` (default: every ``book/*.ipynb``). Cells tagged
``remove-cell`` or ``remove-input`` (their source) are not counted; outputs are not counted.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def count(path: Path) -> tuple[int, int]:
    """Return (prose words, visible code lines) of one notebook."""
    words = lines = 0
    for cell in json.loads(path.read_text())["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            words += len(re.findall(r"\S+", source))
        elif cell["cell_type"] == "code" and not tags & {"remove-cell", "remove-input"}:
            lines += sum(1 for line in source.splitlines() if line.strip())
    return words, lines


if __name__ == "__main__":
    paths = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / "book").glob("*.ipynb"))
    print(f"{'notebook':28} {'prose words':>11} {'code lines':>10}")
    for p in paths:
        words, lines = count(p)
        print(f"{p.name:28} {words:11d} {lines:10d}")
