"""SRX 2.0 segmentation through choppa-srx, so parley's segments can match a CAT tool's.

choppa is a faithful port of the Java ``segment`` library (the engine behind LanguageTool and
close to what OmegaT and Okapi do), so a ruleset exported from a CAT tool gives the same breaks
here. Without a file, LanguageTool's multilingual ruleset bundled with choppa is used.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from parley.align.errors import FormatError, InputError


@functools.lru_cache(maxsize=8)
def _load(path: str | None) -> Any:
    """Parse an SRX file once per process (rule compilation is the slow part)."""
    import xml.sax

    from choppa import DEFAULT_SRX_RULESET, SrxDocument

    if path is None:
        return SrxDocument(ruleset=DEFAULT_SRX_RULESET)
    p = Path(path)
    if not p.is_file():
        raise InputError("SRX rules file not found" if not p.exists() else "SRX path is not a file",
                         p, "give the .srx file exported from your CAT tool")
    try:
        doc = SrxDocument(ruleset=p)
    except xml.sax.SAXException as exc:
        raise FormatError(f"not a well-formed SRX file ({exc})", p, "export it again") from exc
    except Exception as exc:  # a rule with a regex choppa cannot compile, bad attribute values
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

        out: list[tuple[int, int]] = []
        pos = 0
        for seg in SrxTextIterator(self.document, self.code, text):
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
