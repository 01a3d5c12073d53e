"""The build-time rewrites that make pages light on a phone (book/_ext/fast_pages.py; README "Fast on a phone").

tests/browser/test_performance.py checks the built site; these tests check the rewrites on small pages made
here, including that a second build changes nothing and that a stale stylesheet bundle cannot survive.
"""

from __future__ import annotations

import base64
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import fast_pages  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big") + b"rest"


def site(tmp_path: Path) -> tuple[Path, Path]:
    out = tmp_path / "html"
    (out / "_static" / "styles").mkdir(parents=True)
    (out / "_images").mkdir()
    (out / "book").mkdir()
    (out / "_static" / "basic.css").write_text("p { color: black; }\n")
    (out / "_static" / "styles" / "theme.css").write_text('@import "../basic.css";\n')
    (out / "_static" / "styles" / "main.css").write_text(
        '.icon { background: url(../vendor/fa.woff2) } /*# sourceMappingURL=main.css.map */\n')
    (out / "_static" / "book.css").write_text("p { color: navy; }\n")
    (out / "_static" / "documentation_options.js").write_text("const DOCUMENTATION_OPTIONS = {VERSION: ''};\n")
    (out / "_images" / "fig.png").write_bytes(PNG)
    (out / "_static" / "vendor" / "katex" / "fonts").mkdir(parents=True)
    for name in fast_pages.KATEX_FONTS:
        (out / "_static" / "vendor" / "katex" / "fonts" / name).write_bytes(b"wOF2")
    frame = base64.b64encode(PNG).decode()
    page = out / "book" / "ch.html"
    page.write_text(
        '<html><head>\n<link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />\n'
        '<link rel="stylesheet" type="text/css" href="../_static/styles/main.css?v=2" />\n'
        '<link rel="stylesheet" type="text/css" href="../_static/book.css?v=3" />\n'
        '<script src="../_static/documentation_options.js"></script>\n<script src="../_static/doctools.js"></script>\n'
        '<script defer src="../_static/scripts/fontawesome.js?digest=1"></script>\n'
        '<script src="../searchindex.js"></script>\n'
        '<script type="application/vnd.jupyter.widget-state+json">{"v": "<img src=\\"data:image/png;base64,'
        + frame + '\\" alt=\\"f\\">"}</script>\n</head><body><span class="katex">x</span>'
        '<img src="../_static/logo.png" alt="logo"><img src="../_images/fig.png" alt="a figure"></body></html>')
    return out, page


def build(out: Path) -> None:
    class App:
        builder = type("B", (), {"format": "html"})()
        outdir = str(out)
    fast_pages.rewrite_site(App(), None)


def test_one_bundle_in_the_original_order_with_imports_and_paths_resolved(tmp_path):
    out, page = site(tmp_path)
    build(out)
    html = page.read_text()
    assert html.count('rel="stylesheet"') == 1
    bundle = next((out / "_static").glob("bundle-*.css")).read_text()
    assert bundle.index("color: black") < bundle.index("url(") < bundle.index("color: navy")  # cascade order kept
    assert 'url("vendor/fa.woff2")' in bundle and "sourceMappingURL" not in bundle


def test_scripts_deferred_font_awesome_and_search_index_gone(tmp_path):
    out, page = site(tmp_path)
    build(out)
    head = page.read_text().split("</head>")[0]
    # the inline scripts use DOCUMENTATION_OPTIONS at once: its file is written into the page, not deferred
    assert "<script>const DOCUMENTATION_OPTIONS = {VERSION: ''};</script>" in head
    assert "documentation_options.js" not in head
    assert '<script defer src="../_static/doctools.js">' in head
    assert "fontawesome.js" not in head and "searchindex.js" not in head


def test_frames_leave_the_page_and_images_reserve_their_space(tmp_path):
    out, page = site(tmp_path)
    build(out)
    html = page.read_text()
    assert "base64" not in html
    frames = list((out / "_images").glob("wf-*.png"))
    assert [f.read_bytes() for f in frames] == [PNG]
    assert f'src=\\"../_images/{frames[0].name}\\" loading=\\"lazy\\"' in html
    assert '<img src="../_images/fig.png" alt="a figure" decoding="async" loading="lazy" width="640" height="480">' \
        in html


def test_a_second_build_changes_nothing_and_a_changed_stylesheet_reaches_the_page(tmp_path):
    out, page = site(tmp_path)
    build(out)
    first = page.read_text()
    build(out)
    assert page.read_text() == first
    (out / "_static" / "book.css").write_text("p { color: teal; }\n")  # Sphinx would not rewrite the page
    build(out)
    bundle = out / "_static" / page.read_text().split('href="../_static/')[1].split('"')[0]
    assert "color: teal" in bundle.read_text()


def test_pages_with_math_preload_the_two_main_math_fonts_once(tmp_path):
    out, page = site(tmp_path)
    build(out)
    build(out)
    head = page.read_text().split("</head>")[0]
    assert head.count('rel="preload"') == 2
    assert 'href="../_static/vendor/katex/fonts/KaTeX_Main-Regular.woff2"' in head and "crossorigin" in head
