"""A live class never damages the book (README, "For instructors"; `make lab`, tools/lab.py).

JupyterLab's autosave rewrites any notebook it has open; `make lab` therefore serves a working copy, lab/,
refreshed from book/. These tests check the refresh rules, that a real JupyterLab server started the way
`make lab` starts it saves into the copy and never into book/, that it starts as root, and that the
extensions instructors rely on (MyST rendering, RISE slides) are installed.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import lab  # noqa: E402


def _book(tmp_path: Path) -> Path:
    book = tmp_path / "book"
    (book / "_static" / "vendor").mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A chapter")])
    nbformat.write(nb, book / "chapter.ipynb")
    (book / "page.md").write_text("# A page\n")
    (book / "_static" / "vendor" / "big.js").write_text("// generated asset\n")
    return book


def test_sync_copies_the_book_but_not_generated_assets(tmp_path):
    book, work = _book(tmp_path), tmp_path / "lab"
    done = lab.sync(book, work)
    assert sorted(done["copied"]) == ["chapter.ipynb", "page.md"]
    assert not (work / "_static" / "vendor").exists()
    assert (work / "chapter.ipynb").read_bytes() == (book / "chapter.ipynb").read_bytes()


def test_sync_keeps_an_edited_copy_while_the_book_is_unchanged(tmp_path):
    book, work = _book(tmp_path), tmp_path / "lab"
    lab.sync(book, work)
    (work / "chapter.ipynb").write_text("edited in class")
    done = lab.sync(book, work)
    assert "chapter.ipynb" in done["kept"]
    assert (work / "chapter.ipynb").read_text() == "edited in class"


def test_sync_takes_a_new_book_version_and_keeps_the_edited_copy_aside(tmp_path):
    book, work = _book(tmp_path), tmp_path / "lab"
    lab.sync(book, work)
    (work / "chapter.ipynb").write_text("edited in class")
    (book / "chapter.ipynb").write_text("new chapter from git pull")
    done = lab.sync(book, work)
    assert done["replaced"] == ["chapter.ipynb"]
    assert (work / "chapter.ipynb").read_text() == "new chapter from git pull"
    backups = list((work / ".replaced").iterdir())
    assert [b.read_text() for b in backups] == ["edited in class"]


def test_reset_starts_over(tmp_path):
    book, work = _book(tmp_path), tmp_path / "lab"
    lab.sync(book, work)
    (work / "chapter.ipynb").write_text("edited in class")
    (work / "scratch.ipynb").write_text("{}")
    lab.reset(book, work)
    assert (work / "chapter.ipynb").read_bytes() == (book / "chapter.ipynb").read_bytes()
    assert not (work / "scratch.ipynb").exists()


def test_lab_command_allows_root_only_as_root(monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    assert "--allow-root" in lab.lab_command(Path("/x"), [])
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert "--allow-root" not in lab.lab_command(Path("/x"), [])
    assert "--ServerApp.root_dir=/x" in lab.lab_command(Path("/x"), [])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(url: str, token: str, method: str = "GET", body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


@pytest.mark.slow  # about 2-5 s: left out of `make check`, run by `make test`
def test_a_save_in_the_live_session_lands_in_the_copy_not_in_the_book(tmp_path):
    """Start JupyterLab as `make lab` does (as root here, in CI), open a chapter and save it as autosave would:
    the book's file is byte-for-byte unchanged, the working copy holds the save."""
    book, work = _book(tmp_path), tmp_path / "lab"
    before = (book / "chapter.ipynb").read_bytes()
    port, token = _free_port(), "classroom-test"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt")}
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "tools" / "lab.py"), f"--book={book}", f"--lab={work}", "--no-browser",
         f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}/api/contents/chapter.ipynb"
    try:
        for _ in range(120):
            try:
                model = _api(base + "?content=1", token)
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail("JupyterLab exited: " + process.stdout.read().decode(errors="replace")[-2000:])
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 60 s")
        content = model["content"]
        content["metadata"]["language_info"] = {"name": "python", "version": "3"}  # what opening a notebook adds
        _api(base, token, "PUT", {"type": "notebook", "format": "json", "content": content})
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert (book / "chapter.ipynb").read_bytes() == before
    saved = json.loads((work / "chapter.ipynb").read_text())
    assert saved["metadata"]["language_info"]["version"] == "3"


@pytest.mark.slow  # about 2-5 s: left out of `make check`, run by `make test`
def test_instructor_extensions_are_installed():
    """jupyterlab-myst renders MyST (directives, roles, collapsed solutions); jupyterlab-rise gives live slides."""
    jupyter = Path(sys.executable).with_name("jupyter")
    listing = subprocess.run([str(jupyter), "labextension", "list"], capture_output=True, text=True, timeout=120)
    text = listing.stdout + listing.stderr
    for name in ("jupyterlab-myst", "jupyterlab-rise"):
        line = next((row for row in text.splitlines() if name in row), "")
        assert "enabled" in line and "OK" in line, f"{name} is not installed and enabled:\n{text}"
