"""Hostile-input and output-path battery: every case runs the real CLI (in process, through
Typer's CliRunner) on a file built to break it, and is judged by the rules every command must
keep: a documented exit code, one line on stderr, no traceback, no input or special file touched,
no partial output under the final name, nothing lost silently.

    python -m bench.reliability [--random N] [--seed S]

prints, per area: cases tried, passed (success or the expected clear error), clear errors,
tracebacks (must be 0), data-loss cases (must be 0), and anything else unexpected. ``--random``
adds N byte-level mutations of valid files per reader area (seeded, so runs repeat).

The same cases are run by ``tests/test_reliability.py``.
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import os
import random
import stat
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EN = ("The Security Council met today. The Minister said the talks would continue.\n\n"
      "Both sides welcomed the agreement. The next round is due in May.\n")
RU = ("Совет Безопасности собрался сегодня. Министр заявил, что переговоры продолжатся.\n\n"
      "Обе стороны приветствовали соглашение. Следующий раунд намечен на май.\n")
TSV = ("source\ttarget\n"
       "The Security Council met today.\tСовет Безопасности собрался сегодня.\n"
       "The talks would continue.\tПереговоры продолжатся.\n"
       "A sentence left without translation.\t\n")
SRX = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="yes"><formathandle type="start" include="no"/></header>
  <body><languagerules><languagerule languagerulename="Default">
    <rule break="yes"><beforebreak>RULE</beforebreak><afterbreak>\\s</afterbreak></rule>
  </languagerule></languagerules>
  <maprules><languagemap languagepattern=".*" languagerulename="Default"/></maprules></body>
</srx>
"""
TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body><conceptEntry id="c1">
<langSec xml:lang="en"><termSec><term>Security Council</term></termSec></langSec>
<langSec xml:lang="ru"><termSec><term>Совет Безопасности</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""
TMX_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
            'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
            'creationtoolversion="1"/><body>\n')
LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


@dataclass(frozen=True)
class Case:
    """One hostile situation: ``build`` makes its files in a folder and returns the argv;
    ``expect`` lists the acceptable exit codes; ``check`` returns a data-loss description."""

    area: str
    name: str
    build: Callable[[Path], list[str]]
    expect: frozenset[int]
    check: Callable[[Path], str | None] | None = None
    patch: Callable[[], Any] | None = None


@dataclass
class Outcome:
    case: Case
    code: int
    stderr: str
    stdout: str
    traceback: bool
    loss: list[str] = field(default_factory=list)

    @property
    def clear_error(self) -> bool:
        lines = self.stderr.strip().splitlines()
        return (self.code != 0 and len(lines) == 1 and lines[0].startswith("parley: error: ")
                and not self.traceback)

    @property
    def passed(self) -> bool:
        ok_shape = self.code == 0 or self.clear_error
        return ok_shape and self.code in self.case.expect and not self.loss and not self.traceback


# ------------------------------------------------------------------------------ file makers


def write(folder: Path, name: str, data: str | bytes) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return p


def docx_bytes(body_xml: str, *, prolog: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx (python-docx opens it) whose body is ``body_xml``."""
    import io

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
           f'<w:document {ns}><w:body>{body_xml}</w:body></w:document>')
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'),
        "word/document.xml": doc,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def make_dir(folder: Path, name: str) -> Path:
    (folder / name).mkdir()
    return folder / name


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def good_tmx(folder: Path, name: str = "good.tmx", body: str | None = None) -> Path:
    if body is None:
        body = ('<tu><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="ru"><seg>Привет.'
                '</seg></tuv></tu>\n')
    return write(folder, name, TMX_HEAD + body + "</body></tmx>\n")


# ------------------------------------------------------------------------------ checks


def unchanged(*names: str) -> Callable[[Path], str | None]:
    """Data-loss check: the named outputs must not exist after a refused command."""

    def check(folder: Path) -> str | None:
        for n in names:
            if (folder / n).exists():
                return f"{n} was written although the command failed"
        return None

    return check


def is_char_device(path: str) -> Callable[[Path], str | None]:
    def check(_folder: Path) -> str | None:
        if not stat.S_ISCHR(os.stat(path).st_mode):
            return f"{path} is no longer a device"
        return None

    return check


def is_fifo(name: str) -> Callable[[Path], str | None]:
    def check(folder: Path) -> str | None:
        if not stat.S_ISFIFO(os.lstat(folder / name).st_mode):
            return "the FIFO was replaced by a regular file"
        return None

    return check


def tsv_units(name: str, expected: int) -> Callable[[Path], str | None]:
    """Data-loss check on success: the TSV output holds ``expected`` units."""

    def check(folder: Path) -> str | None:
        p = folder / name
        if not p.exists():
            return None
        rows = [ln for ln in p.read_text(encoding="utf-8").split("\n")[1:] if ln]
        return None if len(rows) == expected else f"{name} holds {len(rows)} units, not {expected}"

    return check


# ------------------------------------------------------------------------------ patches


@contextmanager
def disk_full() -> Iterator[None]:
    """Every atomic write fails as a full disk does, at the final rename or the first write."""
    from unittest import mock

    def boom(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with mock.patch("parley.align.atomic.os.replace", boom):
        yield


@contextmanager
def fast_srx_limit() -> Iterator[None]:
    from unittest import mock

    with mock.patch("parley.align.srx.SRX_TIME_LIMIT", 0.5):
        yield


@contextmanager
def unreadable() -> Iterator[None]:
    """Files named ``unreadable.*`` cannot be read, as a chmod-000 file for a user who is not
    root (root reads everything, so the refusal is made where Typer and parley ask for it:
    ``os.access``)."""
    from unittest import mock

    real = os.access

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if Path(str(path)).name.startswith("unreadable.") and mode & os.R_OK:
            return False
        return real(path, mode, *args, **kwargs)

    with mock.patch("os.access", access):
        yield


# ------------------------------------------------------------------------------ the cases


def _cases_outputs() -> list[Case]:
    conv = ["convert", "good.tsv"]
    langs = ["-s", "en", "-t", "ru"]

    def base(folder: Path) -> None:
        write(folder, "good.tsv", TSV)

    def mk(argv: list[str], extra: Callable[[Path], object] | None = None) -> Callable[[Path], list[str]]:
        def build(folder: Path) -> list[str]:
            base(folder)
            if extra:
                extra(folder)
            return argv

        return build

    def fifo(folder: Path) -> None:
        os.mkfifo(folder / "fifo")
        (folder / "link.tsv").symlink_to(folder / "fifo")

    def a_file(folder: Path) -> Path:
        return write(folder, "afile", "x")

    def a_dir(folder: Path) -> None:
        (folder / "out.tmx").mkdir()

    return [
        Case("outputs", "to /dev/null", mk([*conv, "/dev/null", "--format", "tsv", *langs]),
             frozenset({8}), is_char_device("/dev/null")),
        Case("outputs", "to /dev/full", mk([*conv, "/dev/full", "--format", "tsv", *langs]),
             frozenset({8}), is_char_device("/dev/full")),
        Case("outputs", "to /dev/stdout", mk([*conv, "/dev/stdout", "--format", "tsv", *langs]),
             frozenset({8})),
        Case("outputs", "convert to '-'", mk([*conv, "-", "--format", "tsv", *langs]),
             frozenset({8}), unchanged("-")),
        Case("outputs", "segment -o - is stdout", mk(["segment", "good.tsv", "-l", "en", "-o", "-"]),
             frozenset({0}), unchanged("-")),
        Case("outputs", "FIFO", mk([*conv, "fifo", "--format", "tsv", *langs], fifo), frozenset({8}),
             is_fifo("fifo")),
        Case("outputs", "symlink to FIFO", mk([*conv, "link.tsv", *langs], fifo), frozenset({8}),
             is_fifo("fifo")),
        Case("outputs", "onto its input", mk([*conv, "good.tsv", *langs]), frozenset({8})),
        Case("outputs", "--unaligned onto the output",
             mk([*conv, "g.tmx", "--unaligned", "g.tmx", *langs]), frozenset({8}),
             unchanged("g.tmx")),
        Case("outputs", "under a regular file", mk([*conv, "afile/x.tmx", *langs], a_file),
             frozenset({8})),
        Case("outputs", "a directory", mk([*conv, "out.tmx", *langs], a_dir), frozenset({8})),
        Case("outputs", "disk full: convert", mk([*conv, "o.tmx", *langs]), frozenset({8}),
             unchanged("o.tmx"), disk_full),
        Case("outputs", "disk full: segment",
             mk(["segment", "good.tsv", "-l", "en", "-o", "o.txt"]), frozenset({8}),
             unchanged("o.txt"), disk_full),
        Case("outputs", "disk full: glossary extract",
             mk(["glossary", "extract", "good.tsv", "-s", "en", "-t", "ru", "-o", "g.tbx"]),
             frozenset({8}), unchanged("g.tbx"), disk_full),
        Case("outputs", "align: bad --review before writing",
             lambda f: (write(f, "e.txt", EN), write(f, "r.txt", RU), a_file(f),
                        ["align", "e.txt", "r.txt", "-s", "en", "-t", "ru", "-o", "a.tmx", "--review",
              "afile/r.html"])[3], frozenset({8}), unchanged("a.tmx")),
        Case("outputs", "--json error object",
             mk([*conv, "/dev/null", "--format", "tsv", *langs, "--json"]), frozenset({8})),
    ]


def _cases_text() -> list[Case]:
    ru = (RU * 20).encode()
    seg = ["segment", "in.txt", "-l", "ru", "-o", "out.txt"]

    def mk(data: bytes, argv: list[str] = seg) -> Callable[[Path], list[str]]:
        return lambda folder: (write(folder, "in.txt", data), argv)[1]

    damaged = ru[:301] + b"\xff" + ru[301:]
    return [
        Case("text", "UTF-8 with one bad byte", mk(damaged), frozenset({3}), unchanged("out.txt")),
        Case("text", "UTF-8 bad byte, --encoding utf-8:replace",
             mk(damaged, [*seg, "--encoding", "utf-8:replace"]), frozenset({0})),
        Case("text", "whole cp1251", mk((RU * 20).encode("cp1251")), frozenset({0})),
        Case("text", "whole koi8-r", mk((RU * 20).encode("koi8_r")), frozenset({0})),
        Case("text", "UTF-16 with BOM", mk((RU * 5).encode("utf-16")), frozenset({0})),
        Case("text", "half UTF-8, half cp1251",
             mk((RU * 10).encode() + (RU * 10).encode("cp1251")), frozenset({3})),
        Case("text", "binary", mk(bytes(range(256)) * 8), frozenset({3})),
        Case("text", "empty", mk(b""), frozenset({3})),
        Case("text", "PDF", mk(b"%PDF-1.4\n..."), frozenset({3})),
        Case("text", "directory", lambda f: (make_dir(f, "in.txt"), seg)[1], frozenset({3})),
        Case("text", "missing", lambda _f: seg, frozenset({3})),
        Case("text", "unknown language xx", mk(ru, ["segment", "in.txt", "-l", "xx"]),
             frozenset({5})),
        Case("text", "align xx yy",
             lambda f: (write(f, "e.txt", EN), write(f, "r.txt", RU),
                        ["align", "e.txt", "r.txt", "-s", "xx", "-t", "yy", "-o", "a.tmx"])[2],
             frozenset({5}), unchanged("a.tmx")),
        Case("text", "HTML", mk(b"<html><body><p>Hello.</p><p>World.</p></body></html>",
                                ["segment", "in.html", "-l", "en"]), frozenset({3})),
    ]


def _cases_docx() -> list[Case]:
    seg = ["segment", "in.docx", "-l", "en", "-o", "out.txt"]

    def mk(data: bytes) -> Callable[[Path], list[str]]:
        return lambda folder: (write(folder, "in.docx", data), seg)[1]

    deep = "<w:p>" + "<w:r>" * 5000 + "<w:t>x</w:t>" + "</w:r>" * 5000 + "</w:p>"
    bomb = docx_bytes(para("Hello."), extra={"word/media/zeros.bin": b"\0" * (40 << 20)})
    return [
        Case("docx", "plain", mk(docx_bytes(para("Hello world.") + para("Second one."))),
             frozenset({0})),
        Case("docx", "entity reference keeps its tail",
             mk(docx_bytes(para("Peace &amp; security matter."))), frozenset({0}),
             _has_text("out.txt", "Peace & security matter.")),
        Case("docx", "billion laughs", mk(docx_bytes(para("&lol3;"), prolog=LAUGHS)),
             frozenset({4}), unchanged("out.txt")),
        Case("docx", "DOCTYPE entity, text after it",
             mk(docx_bytes(para("A &e; tail"), prolog='<!DOCTYPE d [<!ENTITY e "x">]>')),
             frozenset({4}), unchanged("out.txt")),
        Case("docx", "deep nesting", mk(docx_bytes(deep)), frozenset({4})),
        Case("docx", "zip bomb (40 MB of zeros)", mk(bomb), frozenset({4})),
        Case("docx", "not a zip", mk(b"PK\x03\x04broken"), frozenset({3})),
    ]


def _has_text(name: str, text: str) -> Callable[[Path], str | None]:
    def check(folder: Path) -> str | None:
        p = folder / name
        if p.exists() and text not in p.read_text(encoding="utf-8").replace("\n", " "):
            return f"{text!r} missing from the output"
        return None

    return check


def _cases_bitext() -> list[Case]:
    def conv(src: str, data: str | bytes, *extra: str) -> Callable[[Path], list[str]]:
        return lambda folder: (write(folder, src, data),
                               ["convert", src, "out.tsv", "-s", "en", "-t", "ru", *extra])[1]

    tu = '<tu><tuv xml:lang="en"><seg>A.</seg></tuv><tuv xml:lang="ru"><seg>Б.</seg></tuv></tu>'
    nolang = '<tu><tuv xml:lang="en"><seg>A.</seg></tuv><tuv><seg>Б.</seg></tuv></tu>'
    out = unchanged("out.tsv")
    return [
        Case("tmx", "good", conv("in.tmx", TMX_HEAD + tu + "</body></tmx>"), frozenset({0}),
             tsv_units("out.tsv", 1)),
        Case("tmx", "tuv without xml:lang", conv("in.tmx", TMX_HEAD + tu + nolang + "</body></tmx>"),
             frozenset({4}), out),
        Case("tmx", "HTML named .tmx",
             conv("in.tmx", "<!DOCTYPE html><html><body><p>x</p></body></html>"),
             frozenset({4}), out),
        Case("tmx", "billion laughs",
             conv("in.tmx", '<?xml version="1.0"?>' + LAUGHS + TMX_HEAD.split("?>", 1)[1]
                  + tu + "</body></tmx>"), frozenset({4}), out),
        Case("tmx", "truncated", conv("in.tmx", TMX_HEAD + tu[:40]), frozenset({4}), out),
        Case("tmx", "not UTF-8 as declared", conv("in.tmx", (TMX_HEAD + tu).encode() + b"\xff"),
             frozenset({4}), out),
        Case("xliff", "billion laughs",
             conv("in.xlf", '<?xml version="1.0"?>' + LAUGHS + '<xliff version="1.2"/>'),
             frozenset({4}), out),
        Case("xliff", "broken", conv("in.xlf", "<xliff><file>"), frozenset({4}), out),
        Case("tsv", "extra field", conv("in.tsv", "source\ttarget\nA\tB\tC\n"), frozenset({4}), out),
        Case("tsv", "no tab", conv("in.tsv", "source\ttarget\nA B\n"), frozenset({4}), out),
        Case("tsv", "not UTF-8", conv("in.tsv", b"source\ttarget\nA\t\xff\n"), frozenset({3}), out),
        Case("tsv", "directory", lambda f: (make_dir(f, "in.tsv"),
                                            ["convert", "in.tsv", "o.tmx", "-s", "en", "-t", "ru"])[1],
             frozenset({3})),
        Case("csv", "unterminated quote", conv("in.csv", 'source,target\n"A,B\nC,D\n'),
             frozenset({4}), out),
        Case("csv", "extra field", conv("in.csv", "source,target\nA,B,C\n"), frozenset({4}), out),
        Case("csv", "good", conv("in.csv", 'source,target\n"A, a",B\n'), frozenset({0}),
             tsv_units("out.tsv", 1)),
        Case("tbx", "DOCTYPE subset",
             lambda f: (write(f, "g.tbx", '<?xml version="1.0"?>' + LAUGHS +
                              TBX.split("?>", 1)[1]), write(f, "good.tsv", TSV),
                        ["check", "good.tsv", "-s", "en", "-t", "ru", "-g", "g.tbx"])[2],
             frozenset({4})),
        Case("tbx", "good", lambda f: (write(f, "g.tbx", TBX), write(f, "good.tsv", TSV),
                                       ["check", "good.tsv", "-s", "en", "-t", "ru", "-g",
                                        "g.tbx"])[2], frozenset({0})),
        Case("glossary", "non-UTF-8 glossary",
             lambda f: (write(f, "g.txt", "Совет\tCouncil\n".encode("cp1251")),
                        write(f, "good.tsv", TSV),
                        ["check", "good.tsv", "-s", "en", "-t", "ru", "-g", "g.txt"])[2],
             frozenset({3})),
        Case("glossary", "non-UTF-8 ignore file",
             lambda f: (write(f, "ig.txt", "дубль".encode("cp1251")), write(f, "good.tsv", TSV),
                        ["check", "good.tsv", "-s", "en", "-t", "ru", "--ignore", "ig.txt"])[2],
             frozenset({3})),
        Case("glossary", "extract with xx",
             lambda f: (write(f, "good.tsv", TSV),
                        ["glossary", "extract", "good.tsv", "-s", "xx", "-t", "ru", "-o",
                         "g.tbx"])[1], frozenset({5}), unchanged("g.tbx")),
    ]


def _cases_srx() -> list[Case]:
    def mk(rule: str, text: str = EN, prolog: str = "") -> Callable[[Path], list[str]]:
        def build(folder: Path) -> list[str]:
            srx = SRX.replace("RULE", rule)
            if prolog:
                srx = srx.replace("?>", "?>" + prolog, 1)
            write(folder, "r.srx", srx)
            write(folder, "in.txt", text)
            return ["segment", "in.txt", "-l", "en", "--srx", "r.srx", "-o", "out.txt"]

        return build

    return [
        Case("srx", "good", mk(r"[.?!]+"), frozenset({0})),
        Case("srx", "invalid regex", mk("[.?!"), frozenset({4}), unchanged("out.txt")),
        Case("srx", "catastrophic (a|aa)+\\.", mk(r"(a|aa)+\.", "a" * 40 + "b. Next.\n"),
             frozenset({4}), unchanged("out.txt"), fast_srx_limit),
        Case("srx", "DOCTYPE", mk("[.]", prolog=LAUGHS), frozenset({4})),
        Case("srx", "not XML", lambda f: (write(f, "r.srx", "rules"), write(f, "in.txt", EN),
                                          ["segment", "in.txt", "-l", "en", "--srx", "r.srx"])[2],
             frozenset({4})),
    ]


def _cases_access() -> list[Case]:
    """Inputs that exist but cannot be read as a file: one line and exit 3 in every command,
    never Typer's three-line usage error (exit 2), never "not found" for a directory."""
    langs = ["-s", "en", "-t", "ru"]

    def mk(files: dict[str, str], argv: list[str], folder_name: str = "") -> Callable[[Path], list[str]]:
        def build(folder: Path) -> list[str]:
            for name, data in files.items():
                write(folder, name, data)
            if folder_name:
                make_dir(folder, folder_name)
            return argv
        return build

    gl = ["check", "good.tsv", *langs, "-g"]
    cases = [
        ("segment: unreadable text", mk({"unreadable.txt": EN}, ["segment", "unreadable.txt", "-l", "en"])),
        ("align: unreadable text", mk({"unreadable.txt": EN, "r.txt": RU},
                                      ["align", "unreadable.txt", "r.txt", *langs, "-o", "a.tmx"])),
        ("run: unreadable text", mk({"unreadable.txt": EN, "r.txt": RU},
                                    ["run", "unreadable.txt", "r.txt", *langs, "-o", "o", "--mt", "none"])),
        ("convert: unreadable TSV", mk({"unreadable.tsv": TSV}, ["convert", "unreadable.tsv", "o.tmx"])),
        ("convert: unreadable TMX", mk({"unreadable.tmx": TMX_HEAD + "</body></tmx>"},
                                       ["convert", "unreadable.tmx", "o.tsv"])),
        ("check: unreadable glossary", mk({"good.tsv": TSV, "unreadable.tbx": TBX}, [*gl, "unreadable.tbx"])),
        ("glossary extract: unreadable bitext", mk({"unreadable.tsv": TSV},
                                                   ["glossary", "extract", "unreadable.tsv"])),
        ("convert: directory named .tmx", mk({}, ["convert", "d.tmx", "o.tsv"], "d.tmx")),
        ("check: glossary is a directory", mk({"good.tsv": TSV}, [*gl, "g.tbx"], "g.tbx")),
        ("lookup: glossary is a directory", mk({}, ["glossary", "lookup", "x", "-g", "g.tbx"], "g.tbx")),
    ]
    return [Case("access", name, build, frozenset({3}), patch=unreadable) for name, build in cases]


def all_cases() -> list[Case]:
    return [*_cases_outputs(), *_cases_text(), *_cases_docx(), *_cases_bitext(), *_cases_srx(),
            *_cases_access()]


# ------------------------------------------------------------------------------ random cases


_SEEDS: dict[str, tuple[str, str, list[str]]] = {
    "text": ("in.txt", RU * 3, ["segment", "in.txt", "-l", "ru", "-o", "out.txt"]),
    "tmx": ("in.tmx", TMX_HEAD + '<tu><tuv xml:lang="en"><seg>A &amp; b.</seg></tuv><tuv '
            'xml:lang="ru"><seg>Б.</seg></tuv></tu></body></tmx>',
            ["convert", "in.tmx", "out.tsv", "-s", "en", "-t", "ru"]),
    "xliff": ("in.xlf", '<?xml version="1.0"?><xliff version="1.2"><file source-language="en" '
              'target-language="ru" datatype="plaintext" original="x"><body><trans-unit id="1">'
              "<source>A.</source><target>Б.</target></trans-unit></body></file></xliff>",
              ["convert", "in.xlf", "out.tsv", "-s", "en", "-t", "ru"]),
    "tsv": ("in.tsv", TSV, ["convert", "in.tsv", "out.tmx", "-s", "en", "-t", "ru"]),
    "csv": ("in.csv", 'source,target\n"A, ""a""",Б\nB,В\n',
            ["convert", "in.csv", "out.tmx", "-s", "en", "-t", "ru"]),
    "tbx": ("g.tbx", TBX, ["glossary", "lookup", "Council", "-g", "g.tbx"]),
    "srx": ("r.srx", SRX.replace("RULE", r"[.?!]+"),
            ["segment", "in.txt", "-l", "en", "--srx", "r.srx", "-o", "out.txt"]),
}


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Flip, insert, delete or duplicate a few bytes, or truncate: how files really break."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(5)
        i = rng.randrange(len(b) + 1) if b else 0
        if op == 0 and b:
            b[min(i, len(b) - 1)] = rng.randrange(256)
        elif op == 1:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 3)))
        elif op == 2 and b:
            del b[i : i + rng.randint(1, 8)]
        elif op == 3:
            b[i:i] = rng.choice([b"<", b"&", b"\t", b'"', b"\n", b"]]>", b"<!DOCTYPE x [", b"\x00"])
        else:
            del b[i:]
    return bytes(b)


def random_cases(n: int, seed: int = 0) -> list[Case]:
    """``n`` mutated files per reader area; any exit code but a traceback is acceptable."""
    rng = random.Random(seed)
    cases: list[Case] = []
    anything = frozenset(range(256))
    for area, (name, text, argv) in _SEEDS.items():
        for k in range(n):
            data = mutate(text.encode(), rng)

            def build(folder: Path, name: str = name, data: bytes = data,
                      argv: list[str] = argv) -> list[str]:
                write(folder, name, data)
                if "--srx" in argv:
                    write(folder, "in.txt", EN)
                return argv

            cases.append(Case(area, f"mutation {k}", build, anything))
    return cases


# ------------------------------------------------------------------------------ running


def _snapshot(folder: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            out[str(p.relative_to(folder))] = hashlib.sha1(p.read_bytes()).hexdigest()
    return out


def run_case(case: Case, folder: Path) -> Outcome:
    """Run one case in ``folder`` (made empty by the caller) and judge it."""
    from typer.testing import CliRunner

    from parley.cli import app

    folder.mkdir(parents=True, exist_ok=True)
    old = Path.cwd()
    os.chdir(folder)
    try:
        argv = case.build(folder)
        before = _snapshot(folder)
        runner = CliRunner()
        if case.patch is not None:
            with case.patch():
                res = runner.invoke(app, argv)
        else:
            res = runner.invoke(app, argv)
    finally:
        os.chdir(old)
    exc = res.exception
    traceback = (exc is not None and not isinstance(exc, SystemExit)) or "Traceback" in (
        res.stderr + res.stdout)
    out = Outcome(case, res.exit_code, res.stderr, res.stdout, traceback)
    after = _snapshot(folder)
    for name, digest in before.items():
        if after.get(name) != digest:
            out.loss.append(f"input {name} changed or removed")
    parts = [n for n in after if n.endswith(".part")]
    if parts:
        out.loss.append(f"temp files left: {parts}")
    if case.check is not None:
        msg = case.check(folder)
        if msg:
            out.loss.append(msg)
    if "--json" in argv and out.code:
        import json

        try:
            json.loads(res.stdout)["error"]["exit_code"]
        except (ValueError, KeyError, TypeError):
            out.loss.append("--json error: stdout is not a JSON error object")
    return out


def run_all(cases: list[Case], root: Path) -> list[Outcome]:
    outcomes = []
    for i, case in enumerate(cases):
        outcomes.append(run_case(case, root / f"case{i}"))
    return outcomes


def table(outcomes: list[Outcome]) -> str:
    areas = sorted({o.case.area for o in outcomes})
    rows: list[tuple[str, ...]] = [
        ("area", "cases", "passed", "clear errors", "tracebacks", "data loss", "unexpected")]
    total: Counter[str] = Counter()
    for area in areas:
        mine = [o for o in outcomes if o.case.area == area]
        c = Counter(
            cases=len(mine), passed=sum(o.passed for o in mine),
            errors=sum(o.clear_error for o in mine), tracebacks=sum(o.traceback for o in mine),
            loss=sum(bool(o.loss) for o in mine),
            unexpected=sum(not o.passed and not o.traceback and not o.loss for o in mine),
        )
        total.update(c)
        rows.append((area, *(str(c[k]) for k in
                             ("cases", "passed", "errors", "tracebacks", "loss", "unexpected"))))
    rows.append(("total", *(str(total[k]) for k in
                            ("cases", "passed", "errors", "tracebacks", "loss", "unexpected"))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in rows)


def main() -> None:
    import tempfile

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--random", type=int, default=30, help="mutated files per reader area")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    cases = all_cases() + random_cases(args.random, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        outcomes = run_all(cases, Path(tmp))
    print(table(outcomes))
    for o in outcomes:
        if not o.passed:
            why = "; ".join(o.loss) or ("traceback" if o.traceback else f"exit {o.code}")
            print(f"FAIL {o.case.area}: {o.case.name}: {why}: {o.stderr.strip()[:200]}")


if __name__ == "__main__":
    main()
