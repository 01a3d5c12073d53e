"""Slide decks of the chapters, for a projector: one reveal.js deck per chapter, offline.

    python tools/slides.py                 # every chapter (numbered parts of _toc.yml) -> _build/slides/
    python tools/slides.py book/nash.ipynb # one chapter
    python tools/slides.py --mark [...]    # fill in missing slide metadata in the notebooks (authors)

``make slides`` runs the first form. Which cells start a slide is chosen by each cell's
``metadata.slideshow.slide_type`` (as in JupyterLab's property inspector and RISE): ``slide``, ``subslide``,
``fragment``, ``skip``, ``notes`` or ``-`` (continue the current slide). ``--mark`` writes that metadata where
a cell has none, by a rule an author can then override cell by cell: a ``##`` heading starts a slide, a
``###`` heading a subslide; worked solutions and test-only cells are skipped. Existing values are kept.

The decks are built by nbconvert's reveal exporter with a template of ours (``tools/slides_template/deck.html.j2``) that
loads reveal.js, KaTeX, RequireJS and the widget manager from ``_build/slides/vendor/`` (copied from
``node_modules``, pinned by package-lock.json): nothing is fetched from another host. MyST markup, which
nbconvert does not know, is turned into plain Markdown first: glued numbers are filled in from the
notebook's stored outputs, cross-references become their text, citations become "Lin & Xia (2025)",
definition and proposition boxes become titled block quotes, and solutions are left out (a projected chapter
must not show the answers).
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
OUT = ROOT / "_build" / "slides"
NODE_MODULES = ROOT / "node_modules"
TEMPLATE = Path(__file__).resolve().parent / "slides_template"
MIN_SLIDES = 6

SITE_VENDOR = BOOK / "_static" / "vendor"   # KaTeX, RequireJS, the widget manager (tools/vendor_assets.py)
SHIM = BOOK / "_static" / "widgets-offline-shim.js"
# reveal.js files the decks load, copied from node_modules/reveal.js to OUT/vendor/reveal.js/
REVEAL = ["dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "dist/theme/fonts/source-sans-pro/*",
          "plugin/notes/notes.js", "plugin/notes/speaker-view.html", "LICENSE"]

# --------------------------------------------------------------------------------------------------
# slide metadata

SKIP_TAGS = {"remove-cell", "remove-input"}


def slide_type(cell) -> str:
    """The slide type the rule gives a cell without one (see the module docstring)."""
    source = "".join(cell.source)
    if cell.cell_type == "code":
        return "skip" if SKIP_TAGS & set(cell.metadata.get("tags", [])) else "-"
    if re.search(r"^(```+|:::+)\{solution", source, re.M) and not re.search(r"^#{1,3} ", source, re.M):
        return "skip"
    if re.search(r"^#{1,2} ", source, re.M):
        return "slide"
    if re.search(r"^### ", source, re.M):
        return "subslide"
    return "-"


def mark(nb) -> int:
    """Fill in missing slide types; return how many cells were changed."""
    changed = 0
    for cell in nb.cells:
        if "slide_type" not in cell.metadata.get("slideshow", {}):
            cell.metadata.setdefault("slideshow", {})["slide_type"] = slide_type(cell)
            changed += 1
    return changed


def count_slides(nb) -> int:
    return sum(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in nb.cells)


# --------------------------------------------------------------------------------------------------
# MyST -> plain Markdown


def glued(nb) -> dict[str, dict]:
    """Glue key -> its stored MIME bundle (without the papermill prefix), from the notebook's outputs."""
    values = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                prefix = record.get("mime_prefix", "")
                values[record["name"]] = {k.removeprefix(prefix): v for k, v in output.get("data", {}).items()}
    return values


def _glue_text(bundle: dict, spec: str) -> str:
    text = bundle.get("text/plain", "")
    if isinstance(text, list):
        text = "".join(text)
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        value = text
    if spec:
        try:
            return format(value, spec)
        except (TypeError, ValueError):
            return format(float(value), spec)
    return str(value)


def _glue(glue: dict, key: str, kind: str, spec: str) -> str:
    """The text a glue role or directive of type ``kind`` pastes for ``key``."""
    bundle = glue.get(key.strip())
    if bundle is None:
        raise KeyError(f"glue key {key!r} not found in the notebook's outputs")
    if kind == "glue:math":
        latex = bundle.get("text/latex") or _glue_text(bundle, spec)
        return latex.strip().strip("$").join("$$")
    if kind in ("glue:md", "glue", "glue:any") and "text/markdown" in bundle:
        markdown = bundle["text/markdown"]
        return "".join(markdown) if isinstance(markdown, list) else markdown
    return _glue_text(bundle, spec)


def citations(bib: Path) -> dict[str, tuple[str, str]]:
    """Bib key -> (authors as cited, year), from a .bib file (surnames only)."""
    entries = {}
    for match in re.finditer(r"@\w+\{([^,]+),(.*?)\n\}", bib.read_text("utf-8"), re.S):
        key, body = match.group(1).strip(), match.group(2)
        author = re.search(r"author\s*=\s*[{\"](.*?)[}\"],?\s*\n", body, re.S)
        year = re.search(r"year\s*=\s*[{\"]?(\d{4})", body)
        names = [n.split(",")[0].strip(" {}") for n in (author.group(1) if author else key).split(" and ")]
        cited = names[0] if len(names) == 1 else (" & ".join(names) if len(names) == 2 else f"{names[0]} et al.")
        entries[key] = (cited, year.group(1) if year else "n.d.")
    return entries


BOX = re.compile(r"^(?P<fence>```+|:::+)\{(?P<name>[\w:-]+)\}(?P<arg>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                 re.S | re.M)
BOX_TITLES = {"prf:definition": "Definition", "prf:proposition": "Proposition", "prf:theorem": "Theorem",
              "prf:corollary": "Corollary", "prf:lemma": "Lemma", "prf:proof": "Proof", "prf:remark": "Remark",
              "prf:example": "Example", "exercise": "Exercise", "note": "Note", "tip": "Tip",
              "important": "Important", "warning": "Warning", "admonition": ""}
DROP = {"solution", "solution-start", "solution-end", "glue:figure", "bibliography", "tableofcontents"}


def myst_to_markdown(source: str, glue: dict, cites: dict) -> str:
    """Turn the MyST of one markdown cell into Markdown that nbconvert renders (see the module docstring)."""
    def role(match):
        name, text = match.group(1), match.group(2)
        explicit = re.fullmatch(r"(.*?)\s*<([^>]+)>", text, re.S)
        if name.startswith("glue"):
            key, _, spec = text.partition(":")
            return _glue(glue, key, name, spec)
        if name in ("cite:t", "cite:p", "cite"):
            keys = [k.strip() for k in text.split(",")]
            parts = [cites.get(k, (k, "")) for k in keys]
            if name == "cite:t":
                return "; ".join(f"{a} ({y})" for a, y in parts)
            return "(" + "; ".join(f"{a}, {y}" for a, y in parts) + ")"
        if name == "eq":
            return f"({text})"
        if explicit:
            return explicit.group(1)
        return {"numref": text.split(" ")[0], "ref": text.replace("-", " ")}.get(name, text)

    def box(match):
        name, arg, body = match.group("name"), match.group("arg").strip(), match.group("body")
        if name in DROP:
            return ""
        if name.startswith("glue"):  # ```{glue:math} key (a pasted output as a block)
            value = _glue(glue, arg, name, "")
            return f"$${value.strip('$')}$$" if name == "glue:math" else value
        body = "\n".join(line for line in body.splitlines() if not re.match(r"^:[\w-]+:", line)).strip()
        if name in ("math",):
            return f"$$\n{body}\n$$"
        if name in ("code-cell", "code", "code-block"):
            return f"```{arg}\n{body}\n```"
        title = BOX_TITLES.get(name, name.split(":")[-1].title())
        head = f"**{title}{' (' + arg + ')' if arg and title else arg}.**"
        inner = myst_to_markdown(body, glue, cites)
        return "\n".join("> " + line if line else ">" for line in (head + " " + inner).splitlines())

    text = re.sub(r"^\([\w:-]+\)=[ \t]*\n", "", source, flags=re.M)           # labels
    text = BOX.sub(box, text)
    text = re.sub(r"\{([\w:-]+)\}`([^`]*)`", role, text)
    text = re.sub(r"(\$\$)[ \t]*\([\w:-]+\)", r"\1", text)                    # labelled display math
    return text


# --------------------------------------------------------------------------------------------------
# decks


def vendor() -> None:
    """Copy the files the decks load into OUT/vendor/ (fails if `make vendor` has not run)."""
    base = NODE_MODULES / "reveal.js"
    if not base.is_dir() or not (SITE_VENDOR / "katex").is_dir():
        sys.exit("slides: node_modules/reveal.js or book/_static/vendor/ is missing: run `make vendor`")
    if (OUT / "vendor").exists():
        shutil.rmtree(OUT / "vendor")
    for name in ("katex", "requirejs", "html-manager"):
        shutil.copytree(SITE_VENDOR / name, OUT / "vendor" / name)
    for pattern in REVEAL:
        found = sorted(base.glob(pattern))
        if not found:
            sys.exit(f"slides: nothing matches reveal.js/{pattern}")
        for source in found:
            target = OUT / "vendor" / "reveal.js" / source.relative_to(base)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    shutil.copy2(SHIM, OUT / SHIM.name)


def deck(path: Path, cites: dict) -> Path:
    """Write one chapter's deck; return its path."""
    import nbformat
    from nbconvert import SlidesExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.read(path, as_version=4)
    slides = count_slides(nb)
    if slides < MIN_SLIDES:
        sys.exit(f"slides: {path.relative_to(ROOT)} has {slides} cells marked as slides, fewer than "
                 f"{MIN_SLIDES}: mark more (python tools/slides.py --mark {path.relative_to(ROOT)})")
    glue = glued(nb)
    # cells tagged remove-cell go before export: removed after nbconvert has grouped the cells into slides,
    # a removed cell that closed a slide would leave it open (and nest every later slide inside it)
    nb.cells = [c for c in nb.cells if "remove-cell" not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            try:
                cell.source = myst_to_markdown(cell.source, glue, cites)
            except KeyError as error:
                sys.exit(f"slides: {path.relative_to(ROOT)}: {error.args[0]}")
        else:  # glue() outputs carry no display data the deck could show
            cell.outputs = [o for o in cell.get("outputs", []) if "scrapbook" not in o.get("metadata", {})]
    drop_phone_frames(nb)
    exporter = SlidesExporter(extra_template_paths=[str(TEMPLATE)], template_file="deck.html.j2",
                              reveal_theme="white",
                              reveal_url_prefix="vendor/reveal.js", reveal_number="c/t",
                              require_js_url="vendor/requirejs/require.js",
                              widget_renderer_url="vendor/html-manager/embed-amd.js",
                              exclude_input_prompt=True, exclude_output_prompt=True)
    remove = TagRemovePreprocessor(remove_input_tags={"remove-input",
                                   "hide-input"}, remove_all_outputs_tags={"remove-output"})
    exporter.register_preprocessor(remove, enabled=True)
    title = next((line[2:].strip() for c in nb.cells if c.cell_type == "markdown"
                  for line in c.source.splitlines() if line.startswith("# ")), path.stem)
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    target = OUT / f"{path.stem}.slides.html"
    target.write_text(body, "utf-8")
    return target


PHONE_SOURCE = re.compile(r"<source\b[^>]*>")


def drop_phone_frames(nb) -> int:
    """Remove the explorers' narrow frames (``<source>`` in each frame's ``<picture>``) from the saved widget
    state: a deck is shown on a projector, which needs only the wide frames. Returns how many were removed."""
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    removed = 0
    for model in state.values():
        value = model.get("state", {}).get("value")
        if isinstance(value, str) and "<source" in value:
            model["state"]["value"], n = PHONE_SOURCE.subn("", value)
            removed += n
    return removed


def chapters() -> list[Path]:
    """The chapters: the notebooks of the table of contents' numbered parts, in their order."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text("utf-8"))
    files = [c["file"] for part in toc["parts"] if part.get("numbered") for c in part["chapters"]]
    return [ROOT / f"{f}.ipynb" for f in files if (ROOT / f"{f}.ipynb").is_file()]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mark", action="store_true", help="fill in missing slide metadata, write no deck")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    import nbformat

    paths = [p.resolve() for p in args.notebooks]
    if args.mark:
        for path in paths or sorted(BOOK.glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            changed = mark(nb)
            if changed:
                nbformat.write(nb, path)
            print(f"{path.relative_to(ROOT)}: {changed} cells marked, {count_slides(nb)} slides")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    vendor()
    cites = citations(BOOK / "references.bib")
    for path in paths or chapters():
        target = deck(path, cites)
        print(f"slides: {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
