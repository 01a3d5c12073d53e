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
    (out / "_static" / "book.css").write_text(
        "p { color: navy; }\n.never-used { color: red; }\n.added-by-script { color: green; }\n"
        ":focus-visible { outline: 3px solid teal; }\n.widget-slider { width: 300px; }\n")
    (out / "_static" / "theme.js").write_text("el.classList.add('added-by-script');\n")
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
        '<link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=1" />\n'
        '<script type="application/vnd.jupyter.widget-state+json">{"v": "<img src=\\"data:image/png;base64,'
        + frame + '\\" alt=\\"f\\">"}</script>\n</head><body><p class="icon"><span class="katex">x</span></p>'
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


def test_theme_script_preloads_are_dropped(tmp_path):
    out, page = site(tmp_path)
    build(out)
    assert 'rel="preload" as="script"' not in page.read_text()


def test_the_bundle_keeps_only_rules_a_page_or_a_script_can_use(tmp_path):
    out, page = site(tmp_path)
    build(out)
    bundles = list((out / "_static").glob("bundle-*.css"))
    assert [b.name for b in bundles] == [page.read_text().split('href="../_static/')[1].split('"')[0]]
    assert bundles[0].name.startswith("bundle-pruned-")  # the full bundle is gone
    css = bundles[0].read_text()
    assert "color: red" not in css  # .never-used: in no page and no script
    assert "color: green" in css  # named only by a script, which adds it at run time
    assert "outline: 3px solid teal" in css  # a selector of pseudo-classes only
    assert "width: 300px" in css  # the widget manager's classes are kept by prefix
    assert "color: black" in css and "color: navy" in css and 'url("vendor/fa.woff2")' in css


def icon_font(path: Path, codepoints: list[int]) -> None:
    """A TrueType font with one square glyph per code point (a stand-in for Font Awesome's)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef"] + [f"icon{cp:x}" for cp in codepoints]
    pen = TTGlyphPen(None)
    for x, y in [(0, 0), (0, 400), (400, 400), (400, 0)]:
        (pen.moveTo if (x, y) == (0, 0) else pen.lineTo)((x, y))
    pen.closePath()
    square = pen.glyph()
    builder = FontBuilder(512, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({cp: f"icon{cp:x}" for cp in codepoints})
    builder.setupGlyf({name: square for name in names})
    builder.setupHorizontalMetrics({name: (512, 0) for name in names})
    builder.setupHorizontalHeader(ascent=448, descent=-64)
    builder.setupNameTable({"familyName": "Icons", "styleName": "Solid"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))


def test_the_icon_font_keeps_only_the_icons_the_pages_show(tmp_path):
    from fontTools.ttLib import TTFont

    out, page = site(tmp_path)
    fonts = out / "_static" / "vendor" / "fontawesome" / "webfonts"
    fonts.mkdir(parents=True)
    icon_font(fonts / "fa-solid-900.ttf", [0xF0C9, 0xF002, 0xF1C1])
    (fonts / "fa-solid-900.woff2").write_bytes(b"wOF2")
    (out / "_static" / "styles" / "main.css").write_text(
        '@font-face{font-family:"Font Awesome 6 Free";font-weight:900;'
        'src:url(../vendor/fontawesome/webfonts/fa-solid-900.woff2) format("woff2"),'
        'url(../vendor/fontawesome/webfonts/fa-solid-900.ttf) format("truetype")}\n'
        '.fa-solid{font-family:"Font Awesome 6 Free";font-weight:900}\n'
        '.fa-bars:before{content:"\\f0c9"}\n.fa-magnifying-glass:before{content:"\\f002"}\n'
        '.fa-file-pdf:before{content:"\\f1c1"}\n')
    page.write_text(page.read_text().replace("<body>", '<body><i class="fa-solid fa-bars"></i>'
                                             '<i class="fa-solid fa-magnifying-glass"></i>'))
    build(out)
    css = next((out / "_static").glob("bundle-*.css")).read_text()
    assert ".fa-file-pdf" not in css  # no page shows it
    name = css.split('url("fa-solid-900-')[1].split('"')[0]
    assert 'format("woff")' in css and "fa-solid-900.woff2" not in css
    subset = TTFont(str(out / "_static" / f"fa-solid-900-{name}"))
    assert sorted(subset.getBestCmap()) == [0xF002, 0xF0C9]
    build(out)  # the same subset again, under the same name, and nothing stale left behind
    assert [f.name for f in (out / "_static").glob("fa-solid-900-*.woff")] == [f"fa-solid-900-{name}"]


def test_the_themes_first_scroll_check_becomes_lazy_once_and_an_unknown_theme_script_stops_the_build(tmp_path):
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    script = scripts / "pydata-sphinx-theme.js"
    theme = ('function I(){const e=()=>{document.querySelectorAll(' + fast_pages.SCROLLABLE + ').forEach(e=>{})},'
             't=_(e,300);window.addEventListener("resize",t),' + fast_pages.EAGER_SCROLLABLE)
    script.write_text(theme)
    fast_pages.lazy_scrollable_check(tmp_path)
    patched = script.read_text()
    assert fast_pages.EAGER_SCROLLABLE not in patched and "IntersectionObserver" in patched
    assert 'window.addEventListener("resize",t)' in patched  # the theme's later passes stay
    fast_pages.lazy_scrollable_check(tmp_path)
    assert script.read_text() == patched
    script.write_text("function I(){/* a newer theme */}")
    try:
        fast_pages.lazy_scrollable_check(tmp_path)
    except RuntimeError as error:
        assert "0.17.1" in str(error)
    else:
        raise AssertionError("an unknown theme script must stop the build")
