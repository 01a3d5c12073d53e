"""Execute the chapter notebooks in place, so their stored outputs are current.

Usage: ``python tools/run_notebooks.py [book/name.ipynb ...]`` (default: every ``book/*.ipynb``), or
``make notebooks``. Each notebook runs top to bottom in a fresh kernel of the project environment, two at a time;
widget state is stored (the static site's sliders need it); per-cell timing and other volatile metadata are dropped
so that ``nbdiff`` shows only real changes.

The site is built from these stored outputs (``execute_notebooks: "off"`` in ``_config.yml``): a notebook is
executed once, here, and checked by nbval in ``make test``, instead of again by every build. So that a stored
output can never be older than what made it, each notebook records a *fingerprint* in its metadata
(``soe_grassroots.fingerprint``): a hash of its own code cells, of the package's sources and of the pinned versions
of the libraries that shape its outputs. ``tests/test_notebooks.py`` recomputes it and fails, naming the notebook
and this command, when the code, the package or a pin changed since the notebook was last executed.
"""

from __future__ import annotations

import hashlib
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
KEEP = ("kernelspec", "language_info", "widgets", "soe_grassroots")
# The libraries whose versions change what a cell prints or draws (their lines of requirements.lock); a change to
# any other pin (a test tool, a Sphinx extension) leaves the stored outputs valid.
OUTPUT_PACKAGES = ("numpy", "sympy", "matplotlib", "ipywidgets", "scipy", "nashpy", "axelrod", "pandas")


def fingerprint(nb: dict) -> str:
    """A hash of what a notebook's outputs depend on: its code cells, ``src/soe_grassroots`` and the pins of
    ``OUTPUT_PACKAGES`` in ``requirements.lock``."""
    digest = hashlib.sha256()
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = cell["source"]
            digest.update(("".join(source) if isinstance(source, list) else source).encode("utf-8") + b"\0")
    for path in sorted((ROOT / "src" / "soe_grassroots").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    pins = re.compile(rf"^({'|'.join(OUTPUT_PACKAGES)})==\S+", re.M)
    lock = (ROOT / "requirements.lock").read_text("utf-8")
    digest.update("\n".join(m.group(0) for m in pins.finditer(lock)).encode())
    return digest.hexdigest()


def run(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False,
                            store_widget_state=True, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nb.metadata = {k: nb.metadata[k] for k in KEEP if k in nb.metadata}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["soe_grassroots"] = {"fingerprint": fingerprint(nb)}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    return f"executed {path.relative_to(ROOT)}"


def main(args: list[str]) -> None:
    paths = [Path(a).resolve() for a in args] or sorted((ROOT / "book").glob("*.ipynb"))
    with ProcessPoolExecutor(max_workers=2) as pool:
        for line in pool.map(run, paths):
            print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
