"""Review page and alignment editor at scale, on real sentences.

Usage: python -m bench.review_bench ../shared/data/un-dev [--units 1000 10000 100000]
       [--editor 10000 100000] [--ops 30] [--static/--no-static] [--browser/--no-browser]

Builds bitexts from the UN dev set (English/Russian, line-aligned; every 50th target blanked to
make 1-0 beads). Static page: write time (CPU) and size, with and without a small glossary, and
in headless Chromium the time to open it, filter, jump to the last problem and search every
bead, with the JS heap (past ``SINGLE_FILE_MAX`` beads the page loads bead files on demand).
Editor
(``parley review``): the TMX (+ unaligned report) is written, the server opened in-process
(CPU seconds), then headless Chromium (Selenium, Debian's chromium-driver) opens the page:
"interactive" is the page's own clock (performance.now) when the first beads are drawn and
keys work. Each edit round trip is timed in the page, from the key's operation to the redrawn
beads (POST /api/op, journal fsync'ed, QA on the changed beads, GET /api/beads): median and max.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from parley.align.model import Bitext, TranslationUnit
from parley.exports.review import bead_folder, write_review
from parley.glossary.model import Glossary, Term, TermEntry

TERMS = [
    ("General Assembly", "Генеральная Ассамблея"), ("Security Council", "Совет Безопасности"),
    ("United Nations", "Организация Объединенных Наций"), ("resolution", "резолюция"),
    ("Secretary-General", "Генеральный секретарь"), ("human rights", "права человека"),
    ("Member States", "государства-члены"), ("report", "доклад"), ("development", "развитие"),
    ("committee", "комитет"), ("sustainable development", "устойчивое развитие"),
    ("peacekeeping operation", "операция по поддержанию мира"), ("delegation", "делегация"),
]
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-dev-shm-usage", "--window-size=1400,1000")
#: the operations a translator repeats, in the page (uid-free: they act on the current bead)
ROUND_TRIP_JS = """
var done = arguments[arguments.length - 1];
var ed = window.parleyEditor, kinds = arguments[0], times = [];
function cur() { return ed.state.beads.filter(function (b) { return b.uid === ed.state.cur; })[0]; }
function step(k) {
  if (k >= kinds.length) { done(times); return; }
  var b = cur(), body;
  switch (kinds[k]) {
    case "confirm": body = {op: "confirm", beads: [b.uid]}; break;
    case "merge": body = {op: "merge", bead: b.uid, dir: "next"}; break;
    case "split": body = b.src.length > 1 ? {op: "split", bead: b.uid, src: 1, tgt: Math.min(1, b.tgt.length)}
                                          : {op: "confirm", beads: [b.uid]}; break;
    case "edit": body = {op: "edit", bead: b.uid, side: "tgt",
                         sents: ["Отредактированное предложение " + k + "."]}; break;
    default: body = {op: "undo"};
  }
  var t = performance.now();
  ed.op(body).then(function () { times.push(performance.now() - t); step(k + 1); });
}
step(0);
"""


def _units(en: list[str], ru: list[str], n: int) -> tuple[TranslationUnit, ...]:
    return tuple(
        TranslationUnit(en[i % len(en)], "" if i % 50 == 0 else ru[i % len(ru)], id=str(i + 1),
                        confidence=(i * 7919 % 1000) / 1000, paragraph=i // 6,
                        bead="1-0" if i % 50 == 0 else "1-1", document="un")
        for i in range(n))


def static_page(en: list[str], ru: list[str], sizes: list[int], tmp: Path,
                browser: bool = True) -> None:
    """Write time (CPU) and size (page, and the bead folder past ``SINGLE_FILE_MAX``), and with
    ``browser`` headless Chromium's figures: "open" from navigation to the script having run
    (``data-review-ready``: filters, j/k and search work), the JS heap then, a filter over all
    beads (status updated), k from the top to the last problem (its part loaded and drawn), a
    search over every bead (each bead file read), and the JS heap after that."""
    glossary = Glossary(tuple(TermEntry(f"e{k}", (Term(a, "en"), Term(b, "ru")))
                              for k, (a, b) in enumerate(TERMS)))
    print("static review page (parley run's NAME.review.html)")
    print(f"{'units':>7} {'glossary':>9} {'write CPU s':>11} {'page MB':>7} {'files MB':>8} "
          f"{'open s':>6} {'heap/RSS':>9} {'filter ms':>9} {'k->end ms':>9} {'search s':>8} "
          f"{'heap/RSS':>9}")
    driver = _driver(tmp / "profile-static") if browser else None
    try:
        for n in sizes:
            bitext = Bitext("en", "ru", _units(en, ru, n))
            for g in (None, glossary):
                out = tmp / f"review-{n}-{len(g) if g else 0}.review.html"
                c0 = time.process_time()
                write_review(out, bitext, glossary=g)
                secs = time.process_time() - c0
                folder = bead_folder(out)
                files = sum(f.stat().st_size for f in folder.iterdir()) if folder.is_dir() else 0
                row = "-"
                if driver is not None:
                    row = _static_in_browser(driver, out)
                print(f"{n:>7} {len(g) if g else 0:>9} {secs:>11.2f} "
                      f"{out.stat().st_size / 1e6:>7.1f} {files / 1e6:>8.1f} {row}", flush=True)
    finally:
        if driver is not None:
            driver.quit()


_STATUS = "return document.getElementById('status').textContent;"


def _heap_mb(driver: Any) -> str:
    """The page's JS heap after a GC / the resident memory of Chromium's renderer processes
    (the DOM, layout and the heap), in MB."""
    driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
    metrics = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
    heap = next(m["value"] for m in metrics if m["name"] == "JSHeapUsedSize") / 1e6
    return f"{heap:.0f}/{_renderer_rss(driver.service.process.pid) / 1e6:.0f}"


def _renderer_rss(root: int) -> int:
    """RSS in bytes of the renderer processes below ``root`` (chromedriver), from /proc."""
    parent: dict[int, int] = {}
    for st in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = st.read_text().rsplit(")", 1)[1].split()
            parent[int(st.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    total = 0
    for pid in parent:
        p, seen = pid, 0
        while p in parent and p != root and seen < 64:
            p, seen = parent[p], seen + 1
        if p != root:
            continue
        try:
            if b"--type=renderer" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            rss = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                       if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
        total += int(rss.split()[1]) * 1024
    return total


def _static_in_browser(driver: Any, page: Path) -> str:
    driver.get("about:blank")
    driver.execute_cdp_cmd("Performance.enable", {})
    t0 = time.perf_counter()
    driver.get(page.as_uri())
    _wait(driver, "return document.documentElement.hasAttribute('data-review-ready');")
    opened = time.perf_counter() - t0
    heap0 = _heap_mb(driver)
    t0 = time.perf_counter()
    driver.execute_script("document.querySelector('[data-filter=\"low\"]').click();")
    _wait(driver, "return / \\(low confidence\\)$/.test(document.getElementById('status')"
                  ".textContent);")
    filter_ms = (time.perf_counter() - t0) * 1000
    driver.execute_script("document.querySelector('[data-filter=\"all\"]').click();"
                          "window.scrollTo(0, 0);")
    t0 = time.perf_counter()
    driver.execute_script("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'k'}));")
    _wait(driver, "return /^Problem /.test(document.getElementById('status').textContent);")
    end_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    driver.execute_script("var f = document.getElementById('find'); f.value = 'zanzibar';"
                          "f.dispatchEvent(new Event('input'));")
    _wait(driver, "return /^Showing \\d+ .*zanzibar/.test(document.getElementById('status')"
                  ".textContent);")
    searched = time.perf_counter() - t0
    heap1 = _heap_mb(driver)
    return (f"{opened:>6.2f} {heap0:>9} {filter_ms:>9.0f} {end_ms:>9.0f} {searched:>8.2f} "
            f"{heap1:>9}")


def _driver(profile: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("PARLEY_CHROMIUM", "/usr/bin/chromium")
    for f in FLAGS:
        opts.add_argument(f)
    opts.add_argument(f"--user-data-dir={profile}")
    service = Service(executable_path=os.environ.get("PARLEY_CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(options=opts, service=service)


def _wait(driver: Any, js: str, timeout: float = 120.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := driver.execute_script(js)):
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out: {js}")
        time.sleep(0.01)
    return value


def editor(en: list[str], ru: list[str], sizes: list[int], n_ops: int, tmp: Path) -> None:
    from parley.exports.editor.server import Editor, make_server, warm
    from parley.exports.editor.session import Session
    from parley.exports.tmx import write_tmx

    print("\nalignment editor (parley review)")
    print(f"{'beads':>7} {'open CPU s':>10} {'page ms':>8} {'edit med ms':>11} {'edit max ms':>11}"
          f" {'server op ms':>12} {'TMX MB':>7}")
    driver = _driver(tmp / "profile")
    driver.set_script_timeout(600)
    try:
        for n in sizes:
            folder = tmp / f"doc{n}"
            folder.mkdir()
            tmx = folder / "un.tmx"
            write_tmx(tmx, Bitext("en", "ru", _units(en, ru, n)),
                      unaligned_path=folder / "un.unaligned.tsv")
            c0 = time.process_time()
            sess = Session.open(tmx)
            ed = Editor(sess)
            open_cpu = time.process_time() - c0
            warm(sess.doc)
            httpd, state = make_server(ed)
            thread = threading.Thread(target=httpd.serve_forever, daemon=True)
            thread.start()
            try:
                url = f"http://127.0.0.1:{state.port}/?token={state.token}"
                driver.get(url)
                page_ms = float(_wait(driver, "return document.documentElement"
                                              ".getAttribute('data-ready-ms');"))
                kinds = (["confirm", "merge", "split", "edit", "undo"] * n_ops)[:n_ops]
                times = driver.execute_async_script(ROUND_TRIP_JS, kinds)
                s0 = time.perf_counter()
                for _ in range(20):
                    uid = sess.doc.beads[len(sess.doc.beads) // 2].uid
                    ed.op({"op": "merge", "bead": uid, "dir": "next"})
                    ed.op({"op": "undo"})
                server_ms = (time.perf_counter() - s0) / 40 * 1000
            finally:
                httpd.shutdown()
                httpd.server_close()
                sess.close()
            if os.environ.get("PARLEY_BENCH_TIMES"):
                print("  round trips (ms):", " ".join(f"{t:.0f}" for t in times))
            print(f"{n:>7} {open_cpu:>10.2f} {page_ms:>8.0f} {statistics.median(times):>11.0f}"
                  f" {max(times):>11.0f} {server_ms:>12.1f} {tmx.stat().st_size / 1e6:>7.1f}")
    finally:
        driver.quit()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("un_dev", type=Path, help="folder with UNv1.0.devset.en and .ru")
    ap.add_argument("--units", type=int, nargs="+", default=[1000, 10_000],
                    help="sizes for the static page")
    ap.add_argument("--editor", type=int, nargs="*", default=[10_000, 100_000],
                    help="sizes for the editor (needs chromium + chromium-driver)")
    ap.add_argument("--ops", type=int, default=30, help="edits timed per size")
    ap.add_argument("--static", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--browser", action=argparse.BooleanOptionalAction, default=True,
                    help="time the static page's opening in headless Chromium")
    args = ap.parse_args()
    en = (args.un_dev / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()
    ru = (args.un_dev / "UNv1.0.devset.ru").read_text(encoding="utf-8").splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        if args.static:
            static_page(en, ru, args.units, Path(tmp), args.browser)
        if args.editor:
            editor(en, ru, args.editor, args.ops, Path(tmp))


if __name__ == "__main__":
    main()
