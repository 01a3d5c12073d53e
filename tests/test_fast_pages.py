"""The post-processing of the built site (book/_ext/): each rewrite on a small page, the one pass over a small
site, the coupled points and the list of excluded folders.

tests/browser/ checks the real built site; these tests check the functions on pages made here, including that a
second pass changes nothing and that a stale stylesheet bundle cannot survive.
"""

from __future__ import annotations

import base64
import json
import re
import sys
from pathlib import Path

import lxml.html
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import coupling  # noqa: E402
import postprocess  # noqa: E402
import rewrites  # noqa: E402
import site_layout  # noqa: E402
from rewrites import Page  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big") + b"rest"


def page_of(tmp_path: Path, body: str = "", head: str = "", name: str = "book/ch.html") -> Page:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    path.write_text(text)
    return Page(path, tmp_path, lxml.html.document_fromstring(text))


def html(page: Page) -> str:
    return postprocess.serialize(page)


def twice(rewrite, page: Page) -> str:
    """The page after the rewrite, checking that a second application changes nothing."""
    rewrite(page)
    first = html(page)
    again = Page(page.path, page.site, lxml.html.document_fromstring(first))
    rewrite(again)
    assert html(again) == first
    return first


# ---------------------------------------------------------------------------------------------------------------
# each rewrite


def test_drop_thebe_removes_its_script_config_and_files_and_nothing_else(tmp_path):
    page = page_of(tmp_path, head='<script>const THEBE_JS_URL = "https://unpkg.com/thebe@0.8.2/lib/index.js"; '
                   'const thebe_selector = ".thebe"</script><script async src="../_static/sphinx-thebe.js"></script>'
                   '<link rel="stylesheet" href="../_static/sphinx-thebe.css"><script src="../_static/doctools.js">'
                   '</script>', body='<script type="text/x-thebe-config">{binderOptions: {}}</script><p>text</p>')
    out = twice(rewrites.drop_thebe, page)
    assert "thebe" not in out.lower()
    assert 'src="../_static/doctools.js"' in out and "<p>text</p>" in out


def test_citations_become_list_items(tmp_path):
    page = page_of(tmp_path, body='<div role="list" class="citation-list"><div class="citation" id="x" '
                   'role="doc-biblioentry"><span>Lin</span></div></div>')
    out = twice(rewrites.citations_as_list_items, page)
    assert 'role="listitem"' in out and "doc-biblioentry" not in out


def test_hidden_cell_toggle_is_named_by_its_visible_text(tmp_path):
    page = page_of(tmp_path, body='<details><summary aria-label="Toggle hidden content"><span>Show code cell content'
                   '</span></summary></details><summary aria-label="Other">x</summary>')
    out = twice(rewrites.hidden_cell_names, page)
    assert "Toggle hidden content" not in out and 'aria-label="Other"' in out


SIDEBAR = ('<nav><ul><li class="toctree-l1 has-children"><a class="reference internal" href="lessons/index.html">'
           'Lesson <em>plans</em> &amp; more</a><details><summary><span class="toctree-toggle" role="presentation">'
           '<i class="fa-solid fa-chevron-down"></i></span></summary><ul><li>x</li></ul></details></li></ul></nav>')


def test_sidebar_toggles_are_named_after_their_entry(tmp_path):
    page = page_of(tmp_path, body=SIDEBAR)
    out = twice(rewrites.toc_toggle_names, page)
    assert '<summary aria-label="Show or hide the sections of Lesson plans &amp; more">' in out
    assert page.notes == []


def test_a_sidebar_toggle_without_its_link_is_reported_not_guessed(tmp_path):
    page = page_of(tmp_path, body=SIDEBAR.replace('<a class="reference internal" href="lessons/index.html">', "<span>")
                   .replace("more</a>", "more</span>"))
    rewrites.toc_toggle_names(page)
    assert "aria-label" not in html(page)
    assert len(page.notes) == 1 and "coupling.py" in page.notes[0]


def test_font_awesome_script_goes(tmp_path):
    page = page_of(tmp_path, head='<script defer src="../_static/scripts/fontawesome.js?digest=1"></script>'
                   '<script defer src="../_static/scripts/bootstrap.js?digest=1"></script>')
    out = twice(rewrites.no_fontawesome_script, page)
    assert "fontawesome.js" not in out and "bootstrap.js" in out


@pytest.mark.parametrize("name, kept", [("book/ch.html", False), ("search.html", True)])
def test_search_scripts_only_on_the_search_page(tmp_path, name, kept):
    page = page_of(tmp_path, name=name, head='<script src="searchindex.js"></script><script src="_static/'
                   'searchtools.js"></script><script src="_static/language_data.js"></script>'
                   '<script src="_static/doctools.js"></script>')
    out = twice(rewrites.search_scripts_on_search_page, page)
    assert [s in out for s in rewrites.SEARCH_SCRIPTS] == [kept] * 3 and "doctools.js" in out


def test_head_scripts_are_deferred_and_the_documentation_options_inlined(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "documentation_options.js").write_text("const DOCUMENTATION_OPTIONS = {VERSION: ''};\n")
    page = page_of(tmp_path, head='<script src="../_static/documentation_options.js?v=1"></script>'
                   '<script src="../_static/doctools.js"></script><script async src="../_static/a.js"></script>'
                   '<script type="module" src="../_static/m.js"></script><script>inline()</script>',
                   body='<script src="../_static/late.js"></script>')
    out = twice(rewrites.defer_head_scripts, page)
    assert "<script>const DOCUMENTATION_OPTIONS = {VERSION: ''};</script>" in out
    assert "documentation_options.js" not in out
    assert '<script src="../_static/doctools.js" defer>' in out
    assert '<script async src="../_static/a.js">' in out and '<script type="module" src="../_static/m.js">' in out
    assert '<script src="../_static/late.js">' in out  # the body's scripts are left to the page


def test_images_get_their_size_async_decoding_and_all_but_the_first_lazy_loading(tmp_path):
    (tmp_path / "_images").mkdir()
    (tmp_path / "_images" / "fig.png").write_bytes(PNG)
    (tmp_path / "_images" / "d.svg").write_text('<svg viewBox="0 0 320.4 200" xmlns="http://www.w3.org/2000/svg"/>')
    page = page_of(tmp_path, body='<img src="../_images/fig.png" alt="a"><img src="data:image/png;base64,AA==" '
                   'alt="b"><img src="../_images/d.svg" alt="c"><img src="https://example.org/x.png" alt="d">')
    out = twice(rewrites.images_reserve_space, page)
    imgs = re.findall(r"<img [^>]*>", out)
    assert imgs[0] == '<img src="../_images/fig.png" alt="a" decoding="async" width="640" height="480">'
    assert imgs[1] == '<img src="data:image/png;base64,AA==" alt="b">'
    assert imgs[2] == '<img src="../_images/d.svg" alt="c" decoding="async" loading="lazy" width="320" height="200">'
    assert imgs[3] == '<img src="https://example.org/x.png" alt="d">'


def test_frames_leave_the_widget_state_for_files_fetched_lazily(tmp_path):
    frame = base64.b64encode(PNG).decode()
    narrow = base64.b64encode(PNG + b"narrow").decode()
    state = {"state": {
        "a": {"model_name": "HTMLModel", "state": {"value": f'<img src="data:image/png;base64,{frame}" alt="f">'}},
        "b": {"model_name": "HTMLModel", "state": {"value": f'<picture><source media="(max-width: 600px)" srcset='
                                                              f'"data:image/png;base64,{narrow}"><img src="data:image/'
                                                              f'png;base64,{frame}" alt="g"></picture>'}},
        "c": {"model_name": "FloatSliderModel", "state": {"value": 0.5, "description": "</script> and <b>"}}}}
    page = page_of(tmp_path, body=f'<script type="{rewrites.WIDGET_STATE}">'
                   + json.dumps(state).replace("</", "<\\/") + "</script>")
    out = twice(rewrites.frames_as_files, page)
    assert "base64" not in out and "</script> and" not in out  # the JSON cannot close its own <script>
    files = {p.read_bytes(): p.name for p in (tmp_path / "_images").glob("wf-*.png")}
    assert set(files) == {PNG, PNG + b"narrow"}
    saved = json.loads(page.root.xpath("//script")[0].text)["state"]
    assert saved["a"]["state"]["value"] == f'<img src="../_images/{files[PNG]}" alt="f" loading="lazy">'
    assert f'srcset="../_images/{files[PNG + b"narrow"]}"' in saved["b"]["state"]["value"]
    assert saved["c"]["state"] == state["state"]["c"]["state"]


def test_the_stylesheet_links_become_one_that_remembers_them(tmp_path):
    (tmp_path / "_static").mkdir()
    for name in ("a.css", "b.css"):
        (tmp_path / "_static" / name).write_text("p {}")
    page = page_of(tmp_path, head='<link rel="stylesheet" href="../_static/a.css?v=1"><script src="x.js"></script>'
                   '<link rel="stylesheet" type="text/css" href="../_static/b.css">')
    out = twice(rewrites.bundle_stylesheets, page)
    assert re.findall(r"<link [^>]*>", out) == ['<link rel="stylesheet" href="sg-bundle:' + out.split("sg-bundle:")[1]
                                                .split('"')[0] + '" data-sg-bundle="../_static/a.css?v=1 '
                                                '../_static/b.css">']
    assert out.index("sg-bundle") < out.index("x.js")  # in the first link's place
    assert page.stylesheets == (tmp_path / "_static" / "a.css", tmp_path / "_static" / "b.css")


def test_a_page_linking_a_missing_or_remote_stylesheet_keeps_its_links(tmp_path):
    page = page_of(tmp_path, head='<link rel="stylesheet" href="../_static/gone.css"><link rel="stylesheet" '
                   'href="https://example.org/x.css">')
    assert twice(rewrites.bundle_stylesheets, page).count('rel="stylesheet"') == 2 and page.stylesheets == ()


# ---------------------------------------------------------------------------------------------------------------
# the one pass over a site


def site(tmp_path: Path) -> tuple[Path, Path]:
    out = tmp_path / "html"
    (out / "_static" / "styles").mkdir(parents=True)
    (out / "_images").mkdir()
    (out / "_static" / "basic.css").write_text("p { color: black; }\n")
    (out / "_static" / "styles" / "theme.css").write_text('@import "../basic.css";\n')
    (out / "_static" / "styles" / "main.css").write_text(
        '.icon { background: url(../vendor/fa.woff2) } /*# sourceMappingURL=main.css.map */\n')
    (out / "_static" / "book.css").write_text(
        "p { color: navy; }\n.never-used { color: red; }\n.added-by-script { color: green; }\n"
        ":focus-visible { outline: 3px solid teal; }\n.widget-slider { width: 300px; }\n")
    (out / "_static" / "theme.js").write_text("el.classList.add('added-by-script');\n")
    (out / "_images" / "fig.png").write_bytes(PNG)
    page = out / "book" / "ch.html"
    page.parent.mkdir()
    page.write_text(
        '<!DOCTYPE html><html><head>\n<link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />\n'
        '<link rel="stylesheet" type="text/css" href="../_static/styles/main.css?v=2" />\n'
        '<link rel="stylesheet" type="text/css" href="../_static/book.css?v=3" />\n'
        '<script>const THEBE_JS_URL = "https://unpkg.com/thebe@0.8.2/lib/index.js"</script>\n'
        '</head><body><p class="icon">x</p><img src="../_images/fig.png" alt="a figure"></body></html>')
    return out, page


def test_one_pass_bundles_prunes_and_writes_each_page_once(tmp_path):
    out, page = site(tmp_path)
    assert postprocess.process_site(out) == []
    text = page.read_text()
    bundles = list((out / "_static").glob("bundle-*.css"))
    assert [b.name for b in bundles] == re.findall(r'href="\.\./_static/(bundle-[^"]+)"', text)
    assert bundles[0].name.startswith("bundle-pruned-") and text.count('rel="stylesheet"') == 1
    css = bundles[0].read_text()
    assert css.index("color: black") < css.index("url(") < css.index("color: navy")  # cascade order kept
    assert 'url("vendor/fa.woff2")' in css and "sourceMappingURL" not in css
    assert "color: red" not in css  # .never-used: in no page and no script
    assert "color: green" in css  # named only by a script, which adds it at run time
    assert "outline: 3px solid teal" in css and "width: 300px" in css  # pseudo-classes only; kept by prefix
    assert "THEBE" not in text and 'width="640"' in text


def test_a_second_pass_changes_nothing_and_a_changed_stylesheet_reaches_the_page(tmp_path):
    out, page = site(tmp_path)
    postprocess.process_site(out)
    first, mtime = page.read_text(), page.stat().st_mtime_ns
    assert postprocess.process_site(out) == []
    assert page.read_text() == first and page.stat().st_mtime_ns == mtime  # not even rewritten
    (out / "_static" / "book.css").write_text("p { color: teal; }\n")  # Sphinx would not rewrite the page
    postprocess.process_site(out)
    bundle = out / "_static" / page.read_text().split('href="../_static/')[1].split('"')[0]
    assert "color: teal" in bundle.read_text()
    assert [b.name for b in (out / "_static").glob("bundle-*.css")] == [bundle.name]  # the old one is gone


def test_a_remote_fetch_or_a_rewrites_note_is_a_problem_naming_the_page(tmp_path):
    out, page = site(tmp_path)
    page.write_text(page.read_text().replace("<body>", '<body><img src="https://example.org/x.png" alt="x">'
                                             + SIDEBAR.replace("<a ", "<span ").replace("</a>", "</span>")))
    (out / "_static" / "remote.css").write_text("@import 'https://example.org/theme.css';")
    found = postprocess.process_site(out)
    assert found[0].startswith("book/ch.html: toc_toggle_names")
    assert found[1:] == ["book/ch.html fetches https://example.org/x.png (<img src>); vendor it under book/_static/ "
                         "instead", "_static/remote.css fetches https://example.org/theme.css (@import)"]


def test_skipped_rewrites_are_left_out_and_unknown_names_refused(tmp_path):
    out, page = site(tmp_path)
    postprocess.process_site(out, frozenset({"images_reserve_space", "purge"}))
    text = page.read_text()
    assert 'width="640"' not in text and re.search(r'href="\.\./_static/bundle-[0-9a-f]{16}\.css"', text)
    with pytest.raises(ValueError, match="no rewrite or step named nonsense"):
        postprocess.process_site(out, frozenset({"nonsense"}))


def test_another_builds_site_inside_this_one_is_left_alone(tmp_path):
    out, page = site(tmp_path)
    nested = out / "zh_CN"
    (nested / "_static").mkdir(parents=True)
    (nested / "index.html").write_text("<html><head></head><body><p>其他</p></body></html>")
    (out / "_static" / "x.html").write_text("<p>asset</p>")
    assert site_layout.relative_pages(out) == ["book/ch.html"]
    assert site_layout.relative_pages(nested) == ["index.html"]
    before = (nested / "index.html").read_bytes()
    postprocess.process_site(out)
    assert (nested / "index.html").read_bytes() == before


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
    postprocess.process_site(out)
    css = next((out / "_static").glob("bundle-*.css")).read_text()
    assert ".fa-file-pdf" not in css  # no page shows it
    name = css.split('url("fa-solid-900-')[1].split('"')[0]
    assert 'format("woff")' in css and "fa-solid-900.woff2" not in css
    assert sorted(TTFont(str(out / "_static" / f"fa-solid-900-{name}")).getBestCmap()) == [0xF002, 0xF0C9]
    postprocess.process_site(out)  # the same subset again, under the same name, and nothing stale left behind
    assert [f.name for f in (out / "_static").glob("fa-solid-900-*.woff")] == [f"fa-solid-900-{name}"]


def test_the_themes_first_scroll_check_becomes_lazy_once_and_an_unknown_script_is_a_problem(tmp_path):
    script = tmp_path / "scripts" / "pydata-sphinx-theme.js"
    script.parent.mkdir()
    script.write_text('function I(){const e=()=>{document.querySelectorAll(' + postprocess.SCROLLABLE
                      + ').forEach(e=>{})},t=_(e,300);window.addEventListener("resize",t),' + coupling.EAGER_SCROLLABLE)
    assert postprocess.lazy_scrollable(tmp_path) == []
    patched = script.read_text()
    assert coupling.EAGER_SCROLLABLE not in patched and "IntersectionObserver" in patched
    assert 'window.addEventListener("resize",t)' in patched  # the theme's later passes stay
    assert postprocess.lazy_scrollable(tmp_path) == [] and script.read_text() == patched
    script.write_text("function I(){/* a newer theme */}")
    assert "coupling.py" in postprocess.lazy_scrollable(tmp_path)[0]


# ---------------------------------------------------------------------------------------------------------------
# the coupled points and the excluded folders


def pins(path: Path) -> dict[str, str]:
    found = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", path.read_text(), re.M)
    return {name.lower(): version for name, version in found}


def test_every_coupled_package_is_pinned_to_the_same_version_in_requirements_and_the_lock():
    wanted = {p.package: p.version for p in coupling.POINTS}
    assert {name: pins(ROOT / "requirements.txt").get(name) for name in wanted} == wanted
    assert {name: pins(ROOT / "requirements.lock").get(name) for name in wanted} == wanted


def test_the_installed_dependencies_match_every_coupled_point():
    assert coupling.problems() == []


def test_a_moved_dependency_says_what_to_update():
    point = coupling.Point("lxml", "0.1", "book/_templates/x.html copies the theme's x.html", "compare the two",
                           lambda: "x.html changed")
    [message] = coupling.problems((point,))
    assert message.startswith("lxml 0.1 is pinned in requirements.txt, but it is 6.")
    assert "x.html changed: book/_templates/x.html copies the theme's x.html; compare the two (book/_ext/coupling.py)" \
        in message
    template = coupling.POINTS[0]
    digest_changed = coupling.Point(template.package, template.version, template.what, template.update,
                                    coupling.same_file("pydata_sphinx_theme", "theme/pydata_sphinx_theme/components/"
                                                       "search-button-field.html", "0" * 64))
    assert "search-button-field.html changed (sha256 518dda81" in coupling.problems((digest_changed,))[0]


def test_the_configuration_excludes_every_folder_of_the_one_list():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert site_layout.missing_excludes(config["exclude_patterns"]) == []
    assert site_layout.missing_excludes(["_build"]) == [p for p in site_layout.SOURCE_EXCLUDES if p != "_build"]
