"""The explorer page in a real browser (Debian's Chromium driven by Playwright), and its escaping."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from genealogy import load
from genealogy.chart.dot import ChartOptions, select
from genealogy.chart.html import explorer, page_data, script_json

from .conftest import CASES

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
NASTY = "</script><script>alert(1)</script> & <b>"


def nasty_record(tmp_path: Path) -> Path:
    text = (CASES / "valid" / "relations.yaml").read_text(encoding="utf-8")
    path = tmp_path / "nasty.yaml"
    path.write_text(text.replace("name: Red Party", f"name: {json.dumps(NASTY)}"), encoding="utf-8")
    return path


def test_script_json_cannot_close_the_script_element() -> None:
    text = script_json({"name": NASTY, "line": "a\u2028b"})
    assert "</" not in text and "<" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": NASTY, "line": "a\u2028b"}


def test_only_http_links_are_offered() -> None:
    record = load(CASES / "valid" / "relations.yaml")
    data = page_data(record, select(record, ChartOptions()))
    assert data["sources"]["book"]["url"] == "https://example.org/book"


def test_page_holds_no_raw_markup_from_data(tmp_path: Path) -> None:
    record = load(nasty_record(tmp_path))
    page = explorer(record, select(record, ChartOptions()), "<svg></svg>")
    assert NASTY not in page
    assert page.count("</script>") == 2  # the two script elements the template has, no more


def test_the_policy_allows_only_the_page_s_own_script_and_style(tmp_path: Path) -> None:
    import base64
    import hashlib

    record = load(CASES / "valid" / "relations.yaml")
    page = explorer(record, select(record, ChartOptions()), "<svg></svg>")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)[1]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    blocks = re.findall(r"<(script|style)>(.*?)</\1>", page, re.S)
    assert sorted(kind for kind, _ in blocks) == ["script", "style"]
    for kind, body in blocks:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in policy
    assert " style=" not in page.split("<main")[0]  # no style attribute, which a hash cannot allow


# -- in the browser ----------------------------------------------------------------------------

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark_browser = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def real_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from genealogy.cli import cli

    out = tmp_path_factory.mktemp("explorer") / "explorer.html"
    result = CliRunner().invoke(cli, ["render", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


class Page:
    """A loaded explorer page with its console errors and network requests."""

    def __init__(self, browser, path: Path, fragment: str = "") -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_selector("html[data-ready]")

    def panel_title(self) -> str:
        return self.page.inner_text("#ui_panel h2")

    def lit(self) -> set[str]:
        return set(self.page.eval_on_selector_all("#ui_chart g.node.org.lit", "els => els.map(e => e.id)"))

    def ids(self, selector: str) -> set[str]:
        return set(self.page.eval_on_selector_all(selector, "els => els.map(e => e.id)"))

    def layout(self) -> str:
        return self.page.evaluate("genealogy.layout()")


@pytest.mark.browser
def test_loads_offline_fast_and_without_errors(browser, real_page: Path) -> None:
    page = Page(browser, real_page, "#tree/")
    assert int(page.page.evaluate("document.documentElement.dataset.ready")) < 1000
    assert page.errors == []
    assert all(url.startswith("file:") for url in page.requests), page.requests
    labels = page.page.eval_on_selector_all("#ui_axis span", "els => els.map(e => e.textContent)")
    assert "1938" in labels and "1953" in labels
    legend = page.page.inner_text("#ui_legend")
    assert "split" in legend and "reunification" in legend and "dashed border: ended" in legend


@pytest.mark.browser
def test_search_highlights_the_lineage_and_shows_details(browser, real_page: Path) -> None:
    page = Page(browser, real_page, "#tree/")
    page.page.fill("#ui_search", "committee for a marxist")
    options = page.page.eval_on_selector_all("#ui_results li", "els => els.map(e => e.textContent)")
    assert options and options[0].startswith("International Marxist Tendency (IMT)")
    elapsed = page.page.evaluate(
        "() => { const t = performance.now(); for (let i = 0; i < 20; i++) genealogy.find('fourth'); "
        "return (performance.now() - t) / 20; }"
    )
    assert elapsed < 50
    page.page.keyboard.press("Enter")
    assert page.panel_title() == "International Marxist Tendency (IMT)"
    assert {"imt", "cwi", "fourth-international", "left-opposition"} <= page.lit()
    assert "swp-us" not in page.lit()
    assert page.page.evaluate("location.hash") == "#tree/imt"
    assert "Committee for a Marxist International" in page.page.inner_text("#ui_panel")
    assert page.errors == []


@pytest.mark.browser
def test_clicking_a_box_selects_it(browser, real_page: Path) -> None:
    page = Page(browser, real_page, "#tree/")
    page.page.click("#ui_chart g.node.org#fourth-international", force=True)
    assert page.panel_title() == "Fourth International (FI)"
    links = page.page.eval_on_selector_all("#ui_panel a[href]", "els => els.map(e => e.href)")
    assert links and all(re.match(r"https?://", link) for link in links)


@pytest.mark.browser
def test_permalink_opens_on_the_organisation(browser, real_page: Path) -> None:
    """An older link, #ID without a layout, opens on the layout the page opens on."""
    page = Page(browser, real_page, "#lssp")
    assert page.panel_title() == "Lanka Sama Samaja Party (LSSP)"
    assert page.layout() == "timeline"
    assert "affiliations" in page.page.inner_text("#ui_panel").lower()
    page.page.keyboard.press("Escape")
    assert not page.page.is_visible("#ui_panel")


@pytest.mark.browser
@pytest.mark.parametrize("fragment", ["#%", "#%E0%A4%A", "#imt%"])
def test_a_malformed_permalink_still_leaves_a_working_page(browser, real_page: Path, fragment: str) -> None:
    """decodeURIComponent("%") throws "URI malformed", which stopped the script before its API was set."""
    page = Page(browser, real_page, fragment)
    assert page.errors == []
    assert page.page.evaluate("typeof window.genealogy.select") == "function"
    assert page.page.is_visible("#ui_notice") and "no organisation with id" in page.page.inner_text("#ui_notice")


@pytest.mark.browser
def test_a_permalink_to_an_unknown_id_says_so(browser, real_page: Path) -> None:
    page = Page(browser, real_page, "#no-such-party")
    assert page.page.inner_text("#ui_notice") == "no organisation with id “no-such-party”"
    assert not page.page.is_visible("#ui_panel")
    page.page.evaluate("location.hash = '#lssp'")
    page.page.wait_for_selector("#ui_panel h2")
    assert page.panel_title() == "Lanka Sama Samaja Party (LSSP)"
    assert not page.page.is_visible("#ui_notice")
    assert page.errors == []


@pytest.mark.browser
def test_the_policy_blocks_markup_that_got_into_the_page(browser, tmp_path: Path) -> None:
    """With no 'unsafe-inline', a script or style attribute smuggled into the page does nothing."""
    record = load(CASES / "valid" / "relations.yaml")
    svg = '<svg><script>document.title = "pwned"</script><g onload="document.title = \'pwned\'"></g></svg>'
    path = tmp_path / "smuggled.html"
    path.write_text(explorer(record, select(record, ChartOptions()), svg), encoding="utf-8")
    page = Page(browser, path)
    assert page.page.title() != "pwned"
    assert any("Content Security Policy" in error for error in page.errors)
    assert page.page.evaluate("typeof window.genealogy.find") == "function"


@pytest.mark.browser
def test_year_filter_dims_what_did_not_exist(browser, real_page: Path) -> None:
    page = Page(browser, real_page, "#tree/")
    page.page.fill("#ui_from", "1990")
    page.page.fill("#ui_to", "2000")
    filtered = set(page.page.eval_on_selector_all("g.node.org.filtered", "els => els.map(e => e.id)"))
    assert "fourth-international" in filtered  # 1938-1953
    assert "usfi" not in filtered  # 1963-
    page.page.click("#ui_reset")
    assert page.page.eval_on_selector_all("g.node.org.filtered", "els => els.length") == 0


@pytest.mark.browser
@pytest.mark.parametrize("layout", ["tree", "timeline"])
def test_pan_and_zoom_change_the_view(browser, real_page: Path, layout: str) -> None:
    page = Page(browser, real_page, f"#{layout}/")
    svg = f"#ui_{layout} svg"
    before = page.page.get_attribute(svg, "viewBox")
    page.page.mouse.move(700, 450)
    page.page.mouse.wheel(0, -400)
    zoomed = page.page.get_attribute(svg, "viewBox")
    assert float(zoomed.split()[2]) < float(before.split()[2])
    page.page.mouse.down()
    page.page.mouse.move(500, 300)
    page.page.mouse.up()
    assert page.page.get_attribute(svg, "viewBox") != zoomed
    page.page.focus("#ui_chart")
    page.page.keyboard.press("0")
    assert page.page.get_attribute(svg, "viewBox") == before


@pytest.mark.browser
def test_hostile_names_stay_text(browser, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from genealogy.cli import cli

    out = tmp_path / "nasty.html"
    result = CliRunner().invoke(cli, ["render", "--data", str(nasty_record(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = Page(browser, out, "#red")
    assert page.errors == []
    assert page.panel_title().startswith(NASTY)
    assert page.page.evaluate("document.querySelectorAll('script').length") == 2


@pytest.mark.browser
def test_the_page_works_with_the_embedded_engine_too(browser, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from genealogy.cli import cli

    out = tmp_path / "embedded.html"
    result = CliRunner().invoke(cli, ["render", "--engine", "embedded", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = Page(browser, out, "#imt")
    assert page.errors == []
    assert page.layout() == "timeline"
    assert page.panel_title() == "International Marxist Tendency (IMT)"
    assert {"imt", "cwi", "left-opposition"} <= page.ids("#ui_timeline g.lifeline.lit")
    page.page.click("#ui_layouts button[data-layout=tree]")
    assert {"imt", "cwi", "left-opposition"} <= page.lit()
    assert "International Marxist" in page.page.text_content("#ui_chart g.node.org#imt")
    assert page.errors == []


# -- both layouts ----------------------------------------------------------------------------


def small_page(tmp_path: Path, *options: str) -> Path:
    from click.testing import CliRunner

    from genealogy.cli import cli

    out = tmp_path / "small.html"
    record = str(CASES / "valid" / "relations.yaml")
    result = CliRunner().invoke(cli, ["render", "--data", record, *options, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def test_the_page_opens_on_the_timeline_when_the_record_is_large() -> None:
    from genealogy.chart.html import TIMELINE_ABOVE, TREE_LIMIT, plan

    assert plan(TIMELINE_ABOVE) == ("tree", ("tree", "timeline"))
    assert plan(TIMELINE_ABOVE + 1) == ("timeline", ("tree", "timeline"))
    assert plan(TREE_LIMIT + 1) == ("timeline", ("timeline",))
    assert plan(TREE_LIMIT + 1, "tree") == ("tree", ("tree",))


def test_a_page_holds_each_chart_given_and_opens_on_the_one_asked_for() -> None:
    record = load(CASES / "valid" / "relations.yaml")
    charts = {"tree": "<svg></svg>", "timeline": "<svg></svg>"}
    page = explorer(record, select(record, ChartOptions()), charts, "timeline")
    assert '<div class="layout" id="ui_tree" data-layout="tree" hidden>' in page
    assert '<div class="layout" id="ui_timeline" data-layout="timeline" hidden>' in page  # until the script shows it
    data = json.loads(re.search(r'<script id="ui_data" type="application/json">(.*?)</script>', page, re.S)[1])
    assert data["layout"] == "timeline" and data["layouts"] == ["tree", "timeline"]
    with pytest.raises(ValueError, match="charts must be"):
        explorer(record, select(record, ChartOptions()), {"sideways": "<svg></svg>"})


def test_the_two_chart_page_still_allows_no_inline_code(real_page: Path) -> None:
    page = real_page.read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)[1]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert page.count('class="layout"') == 2 and page.count("<svg") == 2
    assert " style=" not in page.split("<main")[0]


@pytest.mark.browser
def test_switching_layouts(browser, real_page: Path, tmp_path: Path) -> None:
    page = Page(browser, real_page)
    assert page.layout() == "timeline"  # the real record has more than TIMELINE_ABOVE organisations
    assert page.page.is_visible("#ui_timeline svg") and not page.page.is_visible("#ui_tree svg")
    page.page.click("#ui_layouts button[data-layout=tree]")
    assert page.layout() == "tree" and page.page.is_visible("#ui_tree svg")
    assert not page.page.is_visible("#ui_timeline svg")
    assert page.page.get_attribute("#ui_layouts button[data-layout=tree]", "aria-pressed") == "true"
    assert page.page.evaluate("location.hash") == "#tree/"
    labels = page.page.eval_on_selector_all("#ui_axis span", "els => els.map(e => e.textContent)")
    assert "1938" in labels  # the tree's own years, down the left
    assert "dashed border: ended" in page.page.inner_text("#ui_legend")
    page.page.focus("#ui_chart")
    page.page.keyboard.press("t")
    assert page.layout() == "timeline"
    assert page.page.evaluate("location.hash") == ""  # the page's own layout, nothing selected
    assert page.page.evaluate("document.body.classList.contains('axis-x')")  # time runs across: so does the axis
    assert "bar across the end: ended" in page.page.inner_text("#ui_legend")
    assert page.errors == []
    small = Page(browser, small_page(tmp_path))
    assert small.layout() == "tree"  # a small record opens on the tree
    explicit = Page(browser, small_page(tmp_path, "--layout", "timeline"))
    assert explicit.layout() == "timeline"


@pytest.mark.browser
def test_the_timeline_highlights_the_lineage(browser, real_page: Path) -> None:
    page = Page(browser, real_page, "#timeline/imt")
    assert page.panel_title() == "International Marxist Tendency (IMT)"
    lit = page.ids("#ui_timeline g.lifeline.lit")
    assert {"imt", "cwi", "fourth-international", "left-opposition"} <= lit
    assert "swp-us" not in lit
    assert "imt:name:0" in page.ids("#ui_timeline g.node.lit.selected")
    links = page.ids("#ui_timeline g.edge.link.lit")
    assert links and all(set(link.split(":")[1:]) <= lit for link in links)
    opacity = "id => getComputedStyle(document.querySelector(`#ui_timeline [id='${id}']`)).opacity"
    assert page.page.evaluate(opacity, "swp-us") == "0.12"
    assert page.page.evaluate(opacity, "imt") == "1"
    page.page.keyboard.press("Escape")
    assert page.ids("#ui_timeline .lit") == set()
    assert page.page.evaluate(opacity, "swp-us") == "1"
    assert page.errors == []


@pytest.mark.browser
def test_clicking_a_lifeline_name_selects_it(browser, real_page: Path) -> None:
    page = Page(browser, real_page, "#timeline/lssp")
    page.page.wait_for_timeout(100)  # centred on the LSSP in the next frame
    page.page.click("#ui_timeline [id='lssp-r:name:0']")
    assert page.panel_title() == "Lanka Sama Samaja Party (Revolutionary) (LSSP(R))"
    assert page.page.evaluate("location.hash") == "#timeline/lssp-r"


@pytest.mark.browser
def test_a_permalink_carries_the_layout(browser, real_page: Path) -> None:
    page = Page(browser, real_page, "#tree/lssp")
    assert page.layout() == "tree"
    assert page.panel_title() == "Lanka Sama Samaja Party (LSSP)"
    assert "lssp" in page.ids("#ui_tree g.node.org.selected")
    page.page.click("#ui_layouts button[data-layout=timeline]")  # the selection goes with the switch
    assert page.page.evaluate("location.hash") == "#timeline/lssp"
    assert "lssp" in page.ids("#ui_timeline g.lifeline.selected")
    page.page.evaluate("location.hash = '#tree/imt'")
    page.page.wait_for_function("() => genealogy.layout() === 'tree'")
    assert page.panel_title() == "International Marxist Tendency (IMT)"
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("fragment", ["#timeline/no-such-party", "#tree/no-such-party"])
def test_a_layout_permalink_to_an_unknown_id_says_so(browser, real_page: Path, fragment: str) -> None:
    page = Page(browser, real_page, fragment)
    assert page.page.inner_text("#ui_notice") == "no organisation with id “no-such-party”"
    assert page.layout() == fragment[1:].split("/")[0]
    assert not page.page.is_visible("#ui_panel")
    assert page.errors == []


@pytest.mark.browser
def test_year_filter_dims_lifelines_that_did_not_exist(browser, real_page: Path) -> None:
    page = Page(browser, real_page, "#timeline/")
    page.page.fill("#ui_from", "1990")
    page.page.fill("#ui_to", "2000")
    filtered = page.ids("#ui_timeline .filtered")
    assert {"fourth-international", "fourth-international:name:0"} <= filtered  # 1938-1953
    assert "usfi" not in filtered  # 1963-
    assert any(id_.endswith(":fourth-international") for id_ in page.ids("#ui_timeline g.edge.link.filtered"))
    page.page.click("#ui_layouts button[data-layout=tree]")  # the same years on the other layout
    assert "fourth-international" in page.ids("#ui_tree g.node.org.filtered")
    page.page.click("#ui_reset")
    page.page.click("#ui_layouts button[data-layout=timeline]")
    assert page.ids("#ui_chart .filtered") == set()


@pytest.mark.browser
@pytest.mark.parametrize("layout", ["tree", "timeline"])
def test_the_legend_does_not_cover_the_chart(browser, real_page: Path, layout: str) -> None:
    """Issue 13: the open legend hid the bottom of the chart; now the chart ends where the legend begins."""
    page = Page(browser, real_page, f"#{layout}/")
    box = "sel => document.querySelector(sel).getBoundingClientRect().toJSON()"
    chart, legend = page.page.evaluate(box, "#ui_chart"), page.page.evaluate(box, "#ui_legend")
    assert legend["height"] > 40 and chart["bottom"] <= legend["top"] + 0.5
    page.page.click("#ui_legend summary")
    page.page.wait_for_function("() => document.getElementById('ui_chart').getBoundingClientRect().bottom > 860")
    chart, legend = page.page.evaluate(box, "#ui_chart"), page.page.evaluate(box, "#ui_legend")
    assert chart["bottom"] <= legend["top"] + 0.5


@pytest.mark.browser
def test_a_page_of_one_chart_offers_only_that_one(browser, tmp_path: Path) -> None:
    record = load(CASES / "valid" / "relations.yaml")
    path = tmp_path / "one.html"
    path.write_text(explorer(record, select(record, ChartOptions()), {"timeline": "<svg></svg>"}), encoding="utf-8")
    page = Page(browser, path, "#tree/red")
    assert page.layout() == "timeline"
    assert page.page.is_disabled("#ui_layouts button[data-layout=tree]")
    assert "holds no tree" in page.page.inner_text("#ui_notice")
    assert page.panel_title().startswith("Red Party")  # the organisation, on the chart there is
    assert page.errors == []
