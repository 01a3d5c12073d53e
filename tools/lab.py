"""JupyterLab for a live class, on a working copy of the book, so that a session never changes book/.

    python tools/lab.py            # refresh lab/ from book/, then start JupyterLab in lab/ (make lab)
    python tools/lab.py --reset    # throw lab/ away and copy book/ afresh (make lab-reset)
    python tools/lab.py --sync     # only refresh lab/ (no server)

Why a copy: opening a notebook in JupyterLab marks it changed (it fills in ``language_info``), and autosave then
rewrites the file; a widget's ``model_id`` in the rewritten file no longer matches the saved widget state, so a
commit after class would break the static site's explorers. lab/ is in .gitignore; the book's files are only
ever read.

How the copy is refreshed: a file of book/ is copied into lab/ when lab/ has no copy of it, or when the book's
version changed since it was last copied (a ``git pull`` brought a new chapter). A copy that the instructor
edited and whose book version did not change is kept, so class notes survive from one session to the next.
When a changed book file replaces an edited copy, the edited copy is kept in ``lab/.replaced/``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
LAB = ROOT / "lab"
MANIFEST = ".book-manifest.json"
SKIP_DIRS = {"_build", "vendor", ".ipynb_checkpoints", "__pycache__", "_ext", "_templates"}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def book_files(book: Path) -> list[Path]:
    """The files of ``book`` to copy, relative to it (notebooks, pages, data; not build outputs)."""
    files = []
    for path in sorted(book.rglob("*")):
        rel = path.relative_to(book)
        if path.is_file() and not SKIP_DIRS & set(rel.parts[:-1]):
            files.append(rel)
    return files


def sync(book: Path = BOOK, lab: Path = LAB) -> dict[str, list[str]]:
    """Refresh ``lab`` from ``book`` (see the module docstring); return what was copied, kept and replaced."""
    lab.mkdir(parents=True, exist_ok=True)
    manifest_path = lab / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    done: dict[str, list[str]] = {"copied": [], "kept": [], "replaced": []}
    for rel in book_files(book):
        source, target, key = book / rel, lab / rel, rel.as_posix()
        current = _digest(source)
        if target.is_file() and manifest.get(key) == current:
            done["kept"].append(key)
            continue
        if target.is_file() and _digest(target) != manifest.get(key) and _digest(target) != current:
            backup = lab / ".replaced" / f"{rel.as_posix().replace('/', '__')}.{time.strftime('%Y%m%d-%H%M%S')}"
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, backup)
            done["replaced"].append(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        manifest[key] = current
        done["copied"].append(key)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return done


def reset(book: Path = BOOK, lab: Path = LAB) -> dict[str, list[str]]:
    """Delete ``lab`` and copy ``book`` afresh."""
    if lab.exists():
        shutil.rmtree(lab)
    return sync(book, lab)


def lab_command(lab: Path, extra: list[str]) -> list[str]:
    """The command that starts JupyterLab with ``lab`` as its root; ``--allow-root`` when run as root
    (containers and cloud labs run as root, and JupyterLab refuses to start there without it)."""
    command = [str(Path(sys.executable).with_name("jupyter")), "lab", f"--ServerApp.root_dir={lab}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command + extra


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reset", action="store_true", help="delete lab/ and copy book/ afresh")
    parser.add_argument("--sync", action="store_true", help="refresh lab/ only; do not start JupyterLab")
    parser.add_argument("--book", type=Path, default=BOOK, help=argparse.SUPPRESS)
    parser.add_argument("--lab", type=Path, default=LAB, help=argparse.SUPPRESS)
    args, extra = parser.parse_known_args(argv)
    done = (reset if args.reset else sync)(args.book, args.lab)
    print(f"lab: working copy {args.lab}: {len(done['copied'])} files copied from book/, "
          f"{len(done['kept'])} kept" + (f"; edited copies of {', '.join(done['replaced'])} were replaced by "
                                         f"newer book versions (old copies in {args.lab / '.replaced'})"
                                         if done["replaced"] else ""))
    if args.sync or args.reset:
        return
    print("lab: open a chapter and choose Run > Run All Cells: the widgets appear once the cells have run")
    os.execv(lab_command(args.lab, extra)[0], lab_command(args.lab, extra))


if __name__ == "__main__":
    main(sys.argv[1:])
