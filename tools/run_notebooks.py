"""Execute the chapter notebooks in place, so their stored outputs are current.

Usage: ``python tools/run_notebooks.py [book/0N_name.ipynb ...]`` (default: every
``book/*.ipynb``), or ``make notebooks``. Each notebook runs top to bottom in a
fresh kernel of the project environment; widget state is stored (the static
site's sliders need it); per-cell timing and other volatile metadata are
dropped so that ``nbdiff`` shows only real changes.
"""

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
KEEP = ("kernelspec", "language_info", "widgets")


def run(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False,
                            store_widget_state=True, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nb.metadata = {k: nb.metadata[k] for k in KEEP if k in nb.metadata}
    nb.metadata["language_info"] = {"name": "python"}
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
