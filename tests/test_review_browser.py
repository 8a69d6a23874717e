"""The review page in a real browser (headless Chromium): no script errors, filters and the
j/k problem navigation work, and a screenshot a developer can look at."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import INSTALL_HINT, Chromium, find_chromium, save_copy
from conftest import missing_tool
from lxml import html as lhtml
from review_sample import HOSTILE_SRC, sample

from parley.exports.review import write_review

pytestmark = pytest.mark.browser

_PROBE_HEAD = """<script>window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push(String(e.message)); });
</script>"""
# Scripted actions after load: click a filter, press j/j/k, read back what is really visible
# (layout boxes, not attributes), then write the results into the DOM for --dump-dom.
_PROBE_TAIL = """<script>
window.addEventListener("load", function () {
  var out = {};
  function visible() {
    return Array.prototype.filter.call(document.querySelectorAll("tbody.bead"),
      function (b) { return b.getClientRects().length > 0; }).map(function (b) { return b.id; });
  }
  function key(k) {
    document.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true}));
    var c = document.querySelector("tbody.bead.current");
    return c ? c.id : null;
  }
  try {
    out.initial = visible().length;
    document.querySelector('[data-filter="unaligned"]').click();
    out.unaligned = visible();
    out.pressed = document.querySelector('[aria-pressed="true"]').getAttribute("data-filter");
    out.hash = location.hash;
    document.querySelector('[data-filter="all"]').click();
    out.all = visible().length;
    out.jumps = [key("j"), key("j"), key("k")];
    out.focused = document.activeElement ? document.activeElement.id : null;
    document.querySelector('[data-filter="findings"]').click();
    out.findings = visible();
  } catch (e) { out.exception = String(e); }
  out.errors = window.__errors;
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Chromium:
    binary = find_chromium()
    if binary is None:
        missing_tool(INSTALL_HINT)
    return Chromium(binary, tmp_path_factory.mktemp("chromium"))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    bitext, glossary, findings = sample(seeds)
    out = tmp_path_factory.mktemp("review") / "lavrov.review.html"
    write_review(out, bitext, glossary=glossary, findings=findings)
    classes = []
    for i, u in enumerate(bitext.units):
        kinds = []
        if not u.source or not u.target:
            kinds.append("unaligned")
        elif u.confidence is not None and u.confidence < 0.5:
            kinds.append("low")
        if any(f.unit == i for f in findings):
            kinds.append("findings")
        classes.append(" ".join(kinds))
    return out, classes


def _beads(dom: str) -> list[tuple[str, bool]]:
    tree = lhtml.fromstring(dom)
    return [(tb.get("id"), tb.get("hidden") is not None)
            for tb in tree.xpath('//tbody[contains(concat(" ", @class, " "), " bead ")]')]


def test_page_loads_without_script_errors(chromium: Chromium, page: tuple[Path, list[str]]) -> None:
    path, classes = page
    run = chromium.dump_dom(path.as_uri())
    assert run.console == (), run.console
    tree = lhtml.fromstring(run.dom)
    assert tree.get("data-review-ready") == "1", "the page script did not finish"
    assert tree.xpath("//nav[@class='toolbar']")[0].get("hidden") is None
    assert len(_beads(run.dom)) == len(classes)
    assert not any(hidden for _, hidden in _beads(run.dom))
    # hostile text stayed text: ours is the only script, the segment reads as written
    assert len(tree.xpath("//script")) == 1
    assert not tree.xpath("//img")
    cells = [td.text_content() for td in tree.xpath("//td[contains(@class, 'src')]")]
    assert HOSTILE_SRC in cells


def test_hash_filter_shows_only_unaligned(chromium: Chromium, page: tuple[Path, list[str]]) -> None:
    path, classes = page
    run = chromium.dump_dom(path.as_uri() + "#filter=unaligned")
    assert run.console == (), run.console
    shown = [bid for bid, hidden in _beads(run.dom) if not hidden]
    expected = [f"u{i + 1}" for i, c in enumerate(classes) if "unaligned" in c]
    assert expected and shown == expected
    status = lhtml.fromstring(run.dom).get_element_by_id("status").text_content()
    assert status == f"Showing {len(expected)} of {len(classes)} beads (unaligned)"


def test_clicks_and_keys_after_load(chromium: Chromium, page: tuple[Path, list[str]],
                                    tmp_path: Path) -> None:
    path, classes = page
    text = path.read_text(encoding="utf-8")
    probed = tmp_path / "probed.html"
    probed.write_text(text.replace("<head>", "<head>" + _PROBE_HEAD, 1)
                      .replace("</body>", _PROBE_TAIL + "</body>", 1), encoding="utf-8")
    run = chromium.dump_dom(probed.as_uri())
    probe = json.loads(lhtml.fromstring(run.dom).get_element_by_id("probe").text_content())
    assert "exception" not in probe, probe
    assert probe["errors"] == [] and run.console == ()
    assert probe["initial"] == len(classes)
    assert probe["unaligned"] == [f"u{i + 1}" for i, c in enumerate(classes) if "unaligned" in c]
    assert probe["pressed"] == "unaligned" and probe["hash"] == "#filter=unaligned"
    assert probe["all"] == len(classes)
    problems = [f"u{i + 1}" for i, c in enumerate(classes) if c]
    assert probe["jumps"] == [problems[0], problems[1], problems[0]]
    assert probe["focused"] == problems[0]
    assert probe["findings"] == [f"u{i + 1}" for i, c in enumerate(classes) if "findings" in c]


def test_screenshot(chromium: Chromium, page: tuple[Path, list[str]], tmp_path: Path) -> None:
    path, _ = page
    for name, suffix in (("review.png", ""), ("review-low.png", "#filter=low")):
        png = tmp_path / name
        chromium.screenshot(path.as_uri() + suffix, png)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 20_000  # a rendered page, not a blank one
        save_copy(png, name)


def test_prints_to_pdf(chromium: Chromium, page: tuple[Path, list[str]], tmp_path: Path) -> None:
    path, _ = page
    pdf = tmp_path / "review.pdf"
    chromium.print_pdf(path.as_uri(), pdf)
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert data[:5] == b"%PDF-" and pages >= 4, pages  # 63 beads do not fit on fewer pages


_PROBE_TIMING = """<script>
window.addEventListener("load", function () {
  var o = {load_ms: performance.now()};
  var t = performance.now();
  document.querySelector('[data-filter="low"]').click();
  o.filter_ms = performance.now() - t;
  o.status = document.getElementById("status").textContent;
  t = performance.now();
  document.dispatchEvent(new KeyboardEvent("keydown", {key: "j", bubbles: true}));
  o.jump_ms = performance.now() - t;
  o.current = document.querySelector("tbody.bead.current").id;
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(o);
  document.body.appendChild(pre);
});
</script>"""


@pytest.mark.slow
def test_ten_thousand_beads_stay_usable(chromium: Chromium, tmp_path: Path) -> None:
    from parley.align.model import Bitext, TranslationUnit

    units = tuple(
        TranslationUnit(f"Sentence number {i} of a long speech about foreign policy.",
                        f"Предложение номер {i} длинной речи о внешней политике.",
                        confidence=(i * 7919 % 1000) / 1000, paragraph=i // 6)
        for i in range(10_000)
    )
    page = tmp_path / "big.html"
    write_review(page, Bitext("en", "ru", units), single_max=10_000)
    probed = tmp_path / "probed.html"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", _PROBE_TIMING + "</body>"),
                      encoding="utf-8")
    run = chromium.dump_dom(probed.as_uri(), budget_ms=30_000)
    probe = json.loads(lhtml.fromstring(run.dom).get_element_by_id("probe").text_content())
    low = [i for i, u in enumerate(units) if (u.confidence or 0) < 0.5]
    assert probe["status"] == f"Showing {len(low)} of 10000 beads (low confidence)"
    assert probe["current"] == f"u{low[0] + 1}"
    assert run.console == ()
    print(f"\n10,000 beads in one file: load {probe['load_ms']:.0f} ms, filter "
          f"{probe['filter_ms']:.0f} ms, jump {probe['jump_ms']:.0f} ms")
    assert probe["filter_ms"] < 2000  # JS only toggles `hidden`; seconds would mean a regression


# --- a long page: the first part inline, the rest in bead files loaded as the reader goes ---

_N, _PART = 650, 100
_NEEDLE = 537  # the only bead whose text holds the search word, in the sixth part


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from editor_driver import start_driver

    d = start_driver(tmp_path_factory.mktemp("selenium-profile"))
    d.set_script_timeout(30)
    yield d
    d.quit()


@pytest.fixture(scope="module")
def long_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    """650 beads in parts of 100 (the page and six bead files); every 97th is unaligned."""
    from parley.align.model import Bitext, TranslationUnit

    units = tuple(
        TranslationUnit(f"Sentence {i} of the speech" + (" zanzibar" if i == _NEEDLE else "") + ".",
                        "" if i % 97 == 0 else f"Предложение {i}.", confidence=0.9, paragraph=i // 4)
        for i in range(_N))
    out = tmp_path_factory.mktemp("long") / "long speech.review.html"  # a space: URL-quoted
    write_review(out, Bitext("en", "ru", units), single_max=_PART, chunk_beads=_PART)
    return out, [i for i in range(_N) if i % 97 == 0]


def _open(driver: Any, url: str) -> None:
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get(url)
    _until(driver, "return document.documentElement.hasAttribute('data-review-ready')")


def _until(driver: Any, js: str, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := driver.execute_script(js)):
        assert time.monotonic() < deadline, f"timed out waiting for: {js}"
        time.sleep(0.05)
    return value


# scroll (as a reader would, part by part) to the first part not loaded yet; done when none is
_SCROLL_ALL = """
var ph = document.querySelector("tbody.ph:not([hidden])");
if (!ph) return document.querySelectorAll("tbody.bead").length;
ph.scrollIntoView();
return 0;
"""
_SHOWN = """return Array.prototype.filter.call(document.querySelectorAll("tbody.bead"),
  function (b) { return b.getClientRects().length > 0; }).map(function (b) { return b.id; });"""


def _errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_long_page_loads_every_bead_as_it_scrolls(driver: Any, long_page: tuple[Path, list[int]]
                                                  ) -> None:
    path, _ = long_page
    _open(driver, path.as_uri())
    status = driver.find_element("id", "status").text
    assert status == f"Showing {_N} of {_N} beads"
    assert driver.execute_script("return document.querySelectorAll('tbody.bead').length") < _N
    _until(driver, _SCROLL_ALL)
    ids = driver.execute_script("return Array.prototype.map.call("
                                "document.querySelectorAll('tbody.bead'), function (b) { return b.id; })")
    assert ids == [f"u{i + 1}" for i in range(_N)]  # every bead once, in order: none lost
    assert driver.execute_script("return document.querySelectorAll('script').length") == 1
    assert _errors(driver) == []


def test_long_page_filter_and_jump_reach_unloaded_parts(driver: Any,
                                                        long_page: tuple[Path, list[int]]) -> None:
    path, gaps = long_page
    _open(driver, path.as_uri())
    last = f"u{gaps[-1] + 1}"
    assert driver.execute_script(f"return document.getElementById('{last}')") is None
    driver.find_element("tag name", "body").send_keys("k")  # from the top back: the last one
    _until(driver, f"var c = document.querySelector('tbody.bead.current'); "
                   f"return c && c.id === '{last}';")
    assert driver.find_element("id", "status").text == (
        f"Problem {len(gaps)} of {len(gaps)} (bead {gaps[-1] + 1})")
    driver.find_element("css selector", '[data-filter="unaligned"]').click()
    assert driver.find_element("id", "status").text == (
        f"Showing {len(gaps)} of {_N} beads (unaligned)")
    _until(driver, _SCROLL_ALL)
    assert driver.execute_script(_SHOWN) == [f"u{i + 1}" for i in gaps]
    assert _errors(driver) == []


def test_long_page_search_covers_every_part(driver: Any, long_page: tuple[Path, list[int]]) -> None:
    path, _ = long_page
    _open(driver, path.as_uri())
    driver.find_element("id", "find").send_keys("ZanZibar")
    _until(driver, "return document.getElementById('status').textContent === "
                   "'Showing 1 of 650 beads (containing “ZanZibar”)';")
    _until(driver, _SCROLL_ALL)
    assert driver.execute_script(_SHOWN) == [f"u{_NEEDLE + 1}"]
    driver.find_element("id", "find").clear()
    driver.find_element("id", "find").send_keys("Предложение 2")  # 2, 20-29, 200-299
    want = [i for i in range(_N) if f"Предложение {i}." .startswith("Предложение 2") and i % 97]
    _until(driver, f"return document.getElementById('status').textContent === "
                   f"'Showing {len(want)} of 650 beads (containing “Предложение 2”)';")
    _until(driver, _SCROLL_ALL)
    assert driver.execute_script(_SHOWN) == [f"u{i + 1}" for i in want]
    assert _errors(driver) == []


def test_page_refuses_bead_files_of_another_run(driver: Any, tmp_path: Path) -> None:
    """A copy of an older page beside newer bead files says so instead of mixing rows."""
    import shutil

    from parley.align.model import Bitext, TranslationUnit

    units = tuple(TranslationUnit(f"S{i}.", f"Ф{i}.") for i in range(30))
    page = tmp_path / "doc.review.html"
    write_review(page, Bitext("en", "ru", units), single_max=10, chunk_beads=10)
    shutil.copyfile(page, tmp_path / "old.html")  # names the same folder, holds the old token
    write_review(page, Bitext("en", "ru", units), single_max=10, chunk_beads=10)
    _open(driver, (tmp_path / "old.html").as_uri())
    _until(driver, _SCROLL_ALL_OR_FAIL)
    assert "belong to another version of this page" in driver.find_element("id", "status").text
    assert driver.execute_script("return document.querySelectorAll('tbody.bead').length") == 10


_SCROLL_ALL_OR_FAIL = """
if (/another version/.test(document.getElementById("status").textContent)) return true;
var ph = document.querySelector("tbody.ph:not([hidden])");
if (ph) ph.scrollIntoView();
return false;
"""
