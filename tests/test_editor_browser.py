"""``parley review`` in a real headless Chromium (Selenium + Debian's chromium-driver): the
operations driven from the keyboard and mouse as a translator would, the saved TMX read back unit
by unit, SIGKILL and restart, and requests without the token or with a foreign Host refused."""

from __future__ import annotations

import http.client
import json
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from editor_driver import Server, start_driver, start_server
from editor_sample import BEADS, write_sample

from parley.exports.editor.session import ReviewPaths
from parley.exports.tmx import read_tmx

pytestmark = pytest.mark.editor

ROWS_JS = """return Array.prototype.map.call(document.querySelectorAll('#beads .bead'), function (r) {
  return [r.querySelector('.n').textContent,
          Array.prototype.map.call(r.querySelectorAll('.src .sent'), function (s) { return s.textContent; }),
          Array.prototype.map.call(r.querySelectorAll('.tgt .sent'), function (s) { return s.textContent; }),
          r.className];
});"""


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    d = start_driver(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield d
    finally:
        d.quit()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    tmx = write_sample(tmp_path / "out")
    srv = start_server(tmx.parent)
    try:
        yield srv
    finally:
        srv.kill(signal.SIGTERM)


def _wait(driver: Any, js: str, timeout: float = 15.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(js)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {js}")
        time.sleep(0.02)


def _idle(driver: Any) -> None:
    _wait(driver, "var r = document.documentElement; return r.getAttribute('data-editor-ready') "
                  "=== '1' && r.getAttribute('data-busy') === '0';")


def _open(driver: Any, srv: Server) -> None:
    driver.get_log("browser")  # drain what an earlier test left
    driver.get(srv.url)
    _idle(driver)


def _keys(driver: Any, *keys: str) -> None:
    """Press keys one at a time as a user would, each answered before the next."""
    from selenium.webdriver.common.action_chains import ActionChains

    for k in keys:
        ActionChains(driver).send_keys(k).perform()
        _idle(driver)


def _rows(driver: Any) -> list[tuple[str, list[str], list[str], str]]:
    return [tuple(r) for r in driver.execute_script(ROWS_JS)]  # type: ignore[misc]


def _js_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_operations_from_the_keyboard_then_save(driver: Any, server: Server) -> None:
    _open(driver, server)
    rows = _rows(driver)
    assert len(rows) == len(BEADS)
    assert "c-gap" in rows[7][3] and "has-findings" in rows[6][3]
    # bead 3 (1-2) merged with bead 4: j j m
    _keys(driver, "j", "j", "m")
    rows = _rows(driver)
    assert rows[2][1] == ["The report was adopted.", "There was no vote."]
    assert rows[2][2] == ["Доклад был принят.", "Голосования не было.", "Совет собрался в полдень."]
    assert len(rows) == len(BEADS) - 1
    # split after the first source sentence (s) -> 1-1 + 1-2
    _keys(driver, "s")
    rows = _rows(driver)
    assert (rows[2][1], rows[3][1]) == (["The report was adopted."], ["There was no vote."])
    assert rows[3][2] == ["Голосования не было.", "Совет собрался в полдень."]
    # the cursor is on the second part: move its last target sentence down (l d)
    _keys(driver, "l", "d")
    rows = _rows(driver)
    assert rows[3][2] == ["Голосования не было."]
    assert rows[4][2] == ["Совет собрался в полдень.", "The Council met at noon."]
    # edit that target inline: one sentence per line, Ctrl+Enter saves
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _keys(driver, "e")
    box = driver.find_element(By.ID, "edit-text")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("Совет собрался в полдень.")
    box.send_keys(Keys.CONTROL, Keys.ENTER)
    _idle(driver)
    rows = _rows(driver)
    assert rows[4][2] == ["Совет собрался в полдень."]
    assert rows[4][1] == ["The Council met at noon."]
    # the untranslated finding went away with the edit (QA re-ran on the changed bead)
    assert "has-findings" not in rows[4][3]
    # confirm the first bead (c on it), undo, redo
    _keys(driver, "k", "k", "k", "k", "c")
    assert "st-reviewed" in _rows(driver)[0][3]
    _keys(driver, "z")
    assert "st-reviewed" not in _rows(driver)[0][3]
    _keys(driver, "y")
    assert "st-reviewed" in _rows(driver)[0][3]
    # ignore the number finding with its button
    driver.find_element(By.CSS_SELECTOR, '.bead.has-findings button[data-act="ignored"]').click()
    _idle(driver)
    assert not driver.find_elements(By.CSS_SELECTOR, ".bead.has-findings")
    # Ctrl+S saves; the TMX is read back unit by unit
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
    _wait(driver, "return document.getElementById('toast').textContent.indexOf('saved') === 0;",
          timeout=5)
    assert not _js_errors(driver)
    paths = ReviewPaths(Path(server.proc.args[4]) / "speech.tmx")  # type: ignore[index]
    got = [(u.source, u.target, u.props["x-status"], u.bead) for u in read_tmx(paths.tmx).units]
    assert got == [
        (BEADS[0][0][0], BEADS[0][1][0], "reviewed", "1-1"),
        (" ".join(BEADS[1][0]), BEADS[1][1][0], "machine-aligned", "2-1"),
        ("The report was adopted.", "Доклад был принят.", "edited", "1-1"),
        ("There was no vote.", "Голосования не было.", "edited", "1-1"),
        ("The Council met at noon.", "Совет собрался в полдень.", "edited", "1-1"),
        (BEADS[5][0][0], BEADS[5][1][0], "machine-aligned", "1-1"),
        (BEADS[6][0][0], BEADS[6][1][0], "machine-aligned", "1-1"),
        (BEADS[8][0][0], BEADS[8][1][0], "machine-aligned", "1-1"),
    ]
    assert "This sentence was deleted" in paths.unaligned.read_text(encoding="utf-8")
    assert "numbers-" in paths.ignore.read_text(encoding="utf-8")
    assert paths.backup.is_file()


def test_sigkill_and_restart_lose_nothing(driver: Any, server: Server) -> None:
    _open(driver, server)
    _keys(driver, "j", "M", "x")  # merge bead 2 into bead 1, detach its first source sentence
    rows = _rows(driver)
    assert rows[0][1] == ["The General Assembly opened its session."] and rows[0][2] == []
    tmx_dir = Path(server.proc.args[4])  # type: ignore[index]
    server.kill(signal.SIGKILL)
    # the page says so instead of pretending
    _keys(driver, "c")
    _wait(driver, "return document.getElementById('toast').className.indexOf('bad') >= 0;")
    again = start_server(tmx_dir)
    try:
        _open(driver, again)
        assert _rows(driver)[:2] == rows[:2]
        assert "recovered 2" in driver.find_element("id", "notes").text
        driver.execute_script("window.parleyEditor.save(true);")
        _wait(driver, "return document.documentElement.getAttribute('data-stopped') === '1';")
        again.proc.wait(timeout=30)
    finally:
        again.kill(signal.SIGTERM)
    units = read_tmx(tmx_dir / "speech.tmx").units
    assert units[0].source == "The Secretary-General spoke first. He welcomed the delegations."
    assert units[0].target == BEADS[0][1][0] + " " + BEADS[1][1][0]
    assert "The General Assembly opened its session." in (
        tmx_dir / "speech.unaligned.tsv").read_text(encoding="utf-8")


def test_search_filters_and_help(driver: Any, server: Server) -> None:
    _open(driver, server)
    _keys(driver, "3")  # unaligned
    assert [r[0] for r in _rows(driver)] == ["8"]
    _keys(driver, "4")  # with findings
    assert [r[0] for r in _rows(driver)] == ["5", "7"]
    _keys(driver, "1", "/")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    q = driver.find_element(By.ID, "q")
    q.send_keys(r"\d{3} ")
    driver.find_element(By.ID, "regex").click()
    _idle(driver)
    q.send_keys(Keys.ENTER)
    _idle(driver)
    assert [r[0] for r in _rows(driver)] == ["7"]
    q.send_keys(Keys.ESCAPE)
    # accept the number finding from the keyboard: it stays listed, marked, out of the filter
    _keys(driver, "a")
    assert "accepted" in driver.find_element(By.CSS_SELECTOR, ".finding").text
    _keys(driver, "/")
    q.clear()
    q.send_keys(Keys.ENTER)
    _idle(driver)
    _keys(driver, "4")
    assert [r[0] for r in _rows(driver)] == ["5"]
    # confirm everything at or above 0.9 (C asks for the threshold)
    _keys(driver, "1")
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys("C").perform()
    alert = driver.switch_to.alert
    alert.send_keys("0.9")
    alert.accept()
    _idle(driver)
    confirmed = [r[0] for r in _rows(driver) if "st-reviewed" in r[3]]
    assert confirmed == ["1", "5", "6", "7"]  # 0.97, 0.99, 0.93, 0.90
    _keys(driver, "?")
    assert driver.find_element(By.ID, "help").is_displayed()
    assert "merge with the next" in driver.find_element(By.ID, "help").text
    assert not _js_errors(driver)


def _request(srv: Server, path: str, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    conn.request("GET", path, headers=headers)
    resp = conn.getresponse()
    return resp.status, json.loads(resp.read() or b"{}")


def test_token_and_host_are_required(driver: Any, server: Server) -> None:
    host = {"Host": f"127.0.0.1:{server.port}"}
    assert _request(server, "/api/beads", host)[0] == 403
    assert _request(server, "/", host)[0] == 403
    assert _request(server, "/api/beads?token=wrong", host)[0] == 403
    ok = _request(server, f"/api/beads?token={server.token}", host)
    assert ok[0] == 200 and ok[1]["total"] == len(BEADS)
    rebinding = {"Host": f"attacker.example:{server.port}", "X-Parley-Token": server.token}
    assert _request(server, "/api/beads", rebinding)[0] == 421
    # the browser without the token gets nothing from the document
    driver.get(server.url.split("?")[0])
    assert "BEADS" not in driver.page_source and "General Assembly" not in driver.page_source
    assert "token" in driver.page_source
