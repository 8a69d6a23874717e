"""SRX 2.0 segmentation through choppa-srx, so parley's segments can match a CAT tool's.

choppa is a faithful port of the Java ``segment`` library (the engine behind LanguageTool and
close to what OmegaT and Okapi do), so a ruleset exported from a CAT tool gives the same breaks
here. Without a file, LanguageTool's multilingual ruleset bundled with choppa is used.
"""

from __future__ import annotations

import functools
import threading
import time
from pathlib import Path
from typing import Any

from parley.align.errors import FormatError, InputError, ParleyError, require_file

#: Seconds one ``spans()`` call may spend in SRX rules. Rules come from files users get from
#: elsewhere; a pattern such as ``(a|aa)+\.`` backtracks exponentially, so without a limit one
#: 41-character line hangs the tool. The ``regex`` engine choppa uses takes a timeout per call.
SRX_TIME_LIMIT = 10.0

_deadline = threading.local()


class _TimedPattern:
    """A compiled ``regex`` pattern whose matching methods stop at the current deadline."""

    def __init__(self, pattern: Any):
        self._pattern = pattern
        self.pattern = pattern.pattern

    def _left(self) -> float:
        end = getattr(_deadline, "end", None)
        if end is None:
            return SRX_TIME_LIMIT
        left = end - time.monotonic()
        if left <= 0:
            raise TimeoutError("regex timed out")
        return left

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self._pattern.search(*args, timeout=self._left(), **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self._pattern.match(*args, timeout=self._left(), **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self._pattern.finditer(*args, timeout=self._left(), **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)


def _timed_document(path: Path) -> Any:
    """choppa's SrxDocument with every rule compiled eagerly (a bad regex is reported when the
    file is loaded, naming the rule) and matched under :data:`SRX_TIME_LIMIT`."""
    import regex
    from choppa import SrxDocument

    class TimedSrxDocument(SrxDocument):  # type: ignore[misc]
        def compile(self, pattern: str) -> Any:
            compiled = super().compile(pattern)
            return compiled if isinstance(compiled, _TimedPattern) else _TimedPattern(compiled)

    doc = TimedSrxDocument(ruleset=path)
    for lmap in doc.language_map_list:
        for rule in lmap.language_rule.rules:
            for pat in (rule.before_pattern, rule.after_pattern):
                try:
                    doc.compile(pat)
                except (regex.error, ValueError, OverflowError) as exc:
                    raise FormatError(f"invalid regex {pat!r} in rule set "
                                      f"{lmap.language_rule.name!r} ({exc})", path,
                                      "fix the rule in your CAT tool and export again") from exc
    return doc


def _refuse_doctype(p: Path) -> None:
    """The README promises: XML with a DOCTYPE internal subset is refused (billion laughs, XXE);
    choppa's SAX parser would otherwise expand the entities."""
    try:
        with p.open("rb") as fh:
            head = fh.read(1 << 16)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", p) from exc
    if b"<!DOCTYPE" in head.upper():
        raise FormatError("refusing an SRX file with a DOCTYPE (possible XXE or billion-laughs "
                          "attack)", p, "remove the <!DOCTYPE ...> line")


def _load(path: str | None) -> Any:
    """The parsed SRX file, cached by its real path, size and mtime (a relative name or an
    edited file must not get another file's rules)."""
    if path is None:
        return _parse(None, None)
    p = Path(path)
    require_file(p, "SRX rules file", "give the .srx file exported from your CAT tool")
    st = p.stat()
    return _parse(str(p.resolve()), (st.st_size, st.st_mtime_ns))


@functools.lru_cache(maxsize=8)
def _parse(path: str | None, _stamp: tuple[int, int] | None) -> Any:
    """Parse an SRX file once per process (rule compilation is the slow part); ``_stamp``
    (size, mtime) is only part of the cache key."""
    import xml.sax

    from choppa import DEFAULT_SRX_RULESET, SrxDocument

    if path is None:
        return SrxDocument(ruleset=DEFAULT_SRX_RULESET)
    p = Path(path)
    _refuse_doctype(p)
    try:
        doc = _timed_document(p)
    except ParleyError:
        raise
    except xml.sax.SAXException as exc:
        raise FormatError(f"not a well-formed SRX file ({exc})", p, "export it again") from exc
    except Exception as exc:  # bad attribute values, structure choppa cannot use
        raise FormatError(f"cannot use these SRX rules ({exc})", p) from exc
    if not doc.language_map_list:
        raise FormatError("no <maprules> in this SRX file", p, "is it an SRX 2.0 file?")
    return doc


class SrxSegmenter:
    """Breaks where the SRX rules of the first matching language maps say (cascading)."""

    name = "srx"

    def __init__(self, lang: str, path: str | Path | None = None):
        from parley.align.lang import base

        self.path = str(path) if path is not None else None
        self.document = _load(self.path)
        # LanguageTool's bundled rules key paragraph handling on "<code>_one"; CAT-tool files
        # match on the language code (patterns such as "EN.*" or "en.*").
        self.code = f"{base(lang)}_one" if self.path is None else lang.replace("-", "_")
        if self.path is None and not self._has_own_rules(self.code):
            self.code = "en_one"  # LanguageTool's generic rules only handle line breaks

    def _has_own_rules(self, code: str) -> bool:
        generic = {".*", "[a-z]{2,3}_one", "[a-z]{2,3}_two"}
        return any(m.matches(code) for m in self.document.language_map_list
                   if m.language_pattern.pattern not in generic)

    def spans(self, text: str) -> list[tuple[int, int]]:
        from choppa import SrxTextIterator

        _deadline.end = time.monotonic() + SRX_TIME_LIMIT
        try:
            return self._spans(SrxTextIterator, text)
        except TimeoutError as exc:
            raise FormatError(
                f"an SRX rule took over {SRX_TIME_LIMIT:g} s on a {len(text)}-character text "
                f"starting {text[:40]!r} (catastrophic backtracking?)",
                self.path, "simplify the rule, e.g. avoid nested repeats like (a|aa)+",
            ) from exc
        finally:
            _deadline.end = None

    def _spans(self, iterator: Any, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        pos = 0
        for seg in iterator(self.document, self.code, text):
            if text.startswith(seg, pos):
                out.append((pos, pos + len(seg)))
                pos += len(seg)
            else:  # never seen: the engine returns exact slices; fall back to searching
                i = text.find(seg.strip(), pos)
                if i < 0:
                    continue
                out.append((i, i + len(seg.strip())))
                pos = i + len(seg.strip())
        return out
