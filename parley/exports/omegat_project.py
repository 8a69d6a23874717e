"""A ready OmegaT project from parley's outputs: the hand-off to the CAT tool in one step.

Layout (what OmegaT 3.6 reads without a question):

- ``omegat.project``: languages as the user's BCP-47 tags (``EN-GB``/``RU-RU`` in OmegaT's
  spelling), a tokenizer per language, sentence segmentation on;
- ``source/``: the source document, unchanged;
- ``tm/auto/``: the TMX. OmegaT inserts exact matches from ``tm/auto`` into the segments on
  load (``tm/`` would only offer them as fuzzy matches to click), so the translator opens a
  project already filled where parley's alignment is trusted; ``--exclude`` keeps flagged or
  low-confidence units out;
- ``glossary/``: the glossary as OmegaT's tab-separated ``.utf8`` file (variants on their own
  lines) and TBX-Basic v2;
- ``omegat/segmentation.conf``: project-specific segmentation rules, the very SRX rules parley
  segmented with (its default LanguageTool ruleset or the user's ``--srx``), resolved for the
  source language and written in OmegaT's own format (a ``java.beans.XMLEncoder`` document of
  ``org.omegat.core.segmentation.SRX``). OmegaT then cuts the document where parley cut it,
  so the TMX's sources are OmegaT's segments and match exactly.

The reverse, :func:`srx_from_omegat`, turns an existing project's ``segmentation.conf`` into an
SRX file, so that ``parley align --srx PROJECT`` segments as that project does.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from parley.align.errors import FormatError, InputError, OutputError, require_file

#: OmegaT 3.6 tokenizer per base language (stemming for glossary and fuzzy matches).
_TOKENIZERS = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "hi": "Hindi", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "lv": "Latvian", "nl": "Dutch", "no": "Norwegian", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sv": "Swedish", "th": "Thai", "tr": "Turkish",
    "zh": "SmartChinese",
}

#: OmegaT's current segmentation.conf version: an older one is merged with OmegaT's defaults,
#: which would add rules parley did not segment with.
_CONF_VERSION = "0.2.2"

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes><mask>**/.svn/**</mask><mask>**/.git/**</mask></source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{src}</source_lang>
    <target_lang>{tgt}</target_lang>
    <source_tok>org.omegat.tokenizer.{src_tok}</source_tok>
    <target_tok>org.omegat.tokenizer.{tgt_tok}</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def omegat_lang(tag: str) -> str:
    """OmegaT's spelling of a BCP-47 tag: ``en-gb`` -> ``EN-GB``, ``zh-Hans-CN`` -> ``ZH-CN``
    (OmegaT keeps language and region only)."""
    parts = tag.replace("_", "-").split("-")
    region = next((p for p in parts[1:] if len(p) == 2 or p.isdigit()), None)
    return parts[0].upper() + (f"-{region.upper()}" if region else "")


def _tokenizer(tag: str) -> str:
    name = _TOKENIZERS.get(tag.replace("_", "-").split("-")[0].lower())
    return f"Lucene{name}Tokenizer" if name else "LuceneStandardTokenizer"


@dataclass(frozen=True)
class SrxRule:
    """One SRX rule as written in the file (Java regular expressions, unchanged)."""

    is_break: bool
    before: str
    after: str


def source_rules(lang: str, srx: str | Path | None = None) -> list[SrxRule]:
    """The rules parley's SRX segmenter applies to ``lang``, in order (cascade resolved)."""
    from parley.align.srx import SrxSegmenter

    seg = SrxSegmenter(lang, srx)
    return [SrxRule(r.is_break, r.before_pattern or "", r.after_pattern or "")
            for lr in seg.document.get_language_rule_list(seg.code) for r in lr.rules]


def segmentation_conf(rules: list[SrxRule], name: str = "parley") -> str:
    """OmegaT's ``segmentation.conf``: one language map (``.*``) holding ``rules``."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<java version="1.8.0" class="java.beans.XMLDecoder">',
           ' <object class="org.omegat.core.segmentation.SRX">',
           '  <void property="mappingRules">', '   <void method="add">',
           '    <object class="org.omegat.core.segmentation.MapRule">',
           f'     <void property="language"><string>{escape(name)}</string></void>',
           '     <void property="pattern"><string>.*</string></void>',
           '     <void property="rules">', '      <object class="java.util.ArrayList">']
    for r in rules:
        out += ['      <void method="add">', '       <object class="org.omegat.core.segmentation.Rule">',
                f'        <void property="afterbreak"><string>{escape(r.after)}</string></void>',
                f'        <void property="beforebreak"><string>{escape(r.before)}</string></void>',
                f'        <void property="breakRule"><boolean>{str(r.is_break).lower()}</boolean></void>',
                '       </object>', '      </void>']
    out += ['      </object>', '     </void>', '    </object>', '   </void>', '  </void>',
            '  <void property="segmentSubflows"><boolean>true</boolean></void>',
            f'  <void property="version"><string>{_CONF_VERSION}</string></void>',
            ' </object>', '</java>', '']
    return "\n".join(out)


def read_segmentation_conf(path: Path) -> list[tuple[str, list[SrxRule]]]:
    """The language maps of an OmegaT ``segmentation.conf``: (pattern, rules) in order."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        raise FormatError(f"not a readable OmegaT segmentation.conf ({exc})", path) from exc
    maps = []
    for mr in root.iter("object"):
        if mr.get("class") != "org.omegat.core.segmentation.MapRule":
            continue
        pattern, rules = ".*", []
        for prop in mr.findall("void"):
            if prop.get("property") == "pattern":
                pattern = prop.findtext("string") or ".*"
        for rule in mr.iter("object"):
            if rule.get("class") != "org.omegat.core.segmentation.Rule":
                continue
            props = {v.get("property"): v for v in rule.findall("void")}
            brk = props.get("breakRule")
            rules.append(SrxRule(
                (brk.findtext("boolean") if brk is not None else "true") == "true",
                (props["beforebreak"].findtext("string") or "") if "beforebreak" in props else "",
                (props["afterbreak"].findtext("string") or "") if "afterbreak" in props else ""))
        maps.append((pattern, rules))
    if not maps:
        raise FormatError("no segmentation rules in this file", path, "is it OmegaT's segmentation.conf?")
    return maps


def srx_from_omegat(conf_or_project: Path, out: Path) -> Path:
    """Write the rules of an OmegaT project (its folder or its ``segmentation.conf``) as SRX 2.0.
    Patterns are made case-insensitive, as OmegaT matches them against ``EN-GB`` and parley
    against ``en_GB``; OmegaT always cascades, and so does the SRX written."""
    conf = conf_or_project / "omegat" / "segmentation.conf" if conf_or_project.is_dir() else conf_or_project
    maps = read_segmentation_conf(conf)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<srx xmlns="http://www.lisa.org/srx20" version="2.0">',
             '<header segmentsubflows="yes" cascade="yes"/>', '<body>', '<languagerules>']
    for n, (_, rules) in enumerate(maps):
        lines.append(f'<languagerule languagerulename="r{n}">')
        for r in rules:
            lines.append(f'<rule break="{"yes" if r.is_break else "no"}">'
                         f'<beforebreak>{escape(r.before)}</beforebreak>'
                         f'<afterbreak>{escape(r.after)}</afterbreak></rule>')
        lines.append('</languagerule>')
    lines += ['</languagerules>', '<maprules>']
    for n, (pattern, _) in enumerate(maps):
        lines.append(f'<languagemap languagepattern="{escape("(?i)" + pattern, {chr(34): "&quot;"})}" '
                     f'languagerulename="r{n}"/>')
    lines += ['</maprules>', '</body>', '</srx>', '']
    from parley.align.atomic import atomic_open

    with atomic_open(out) as fh:
        fh.write("\n".join(lines))
    return out


def srx_file(path: Path) -> Path:
    """An SRX file for ``--srx``: the file itself, or the rules of an OmegaT project (its folder
    or ``segmentation.conf``) converted once into parley's temporary folder."""
    import hashlib
    import tempfile

    if not path.exists():
        raise InputError("SRX rules not found", path,
                         "give an .srx file, an OmegaT project folder or its segmentation.conf")
    if path.is_file() and path.suffix.lower() != ".conf":
        return path
    conf = path / "omegat" / "segmentation.conf" if path.is_dir() else path
    if path.is_dir() and not conf.is_file():
        raise InputError("this OmegaT project has no project-specific segmentation rules "
                         "(omegat/segmentation.conf)", path,
                         "export the rules from OmegaT (Options > Segmentation) as SRX")
    digest = hashlib.sha1(conf.read_bytes()).hexdigest()[:16]
    out = Path(tempfile.gettempdir()) / f"parley-omegat-{digest}.srx"
    if not out.is_file():
        srx_from_omegat(conf, out)
    return out


def _java_quote(text: str) -> str:
    """``text`` as a literal in a Java (and Python) regular expression."""
    import re

    return re.escape(text)


def fit_to_document(bitext: Any, source: Path, lang: str, srx: str | Path | None,
                    longest: int = 6) -> tuple[Any, list[SrxRule]]:
    """Make the TM's sources the document's own segments, as OmegaT will cut them.

    parley's TMX holds whitespace-normalised sentences joined by a space for an n-1 bead;
    OmegaT's segments keep the document's characters (no-break spaces…) and cut every
    sentence. The source is cut again with the same SRX rules; a unit whose source is the
    normalised text of 1 to ``longest`` consecutive segments gets their original text, and
    each inner boundary becomes a no-break rule, so OmegaT keeps the bead's sentences together.
    """
    from dataclasses import replace

    from parley.align.reader import read_document
    from parley.align.segment import get_segmenter, segment_document

    try:
        doc = read_document(source, lang=lang)
    except Exception:  # a format parley cannot read: the TM goes as it is
        return bitext, []
    segmenter = get_segmenter(lang, srx=str(srx)) if srx else get_segmenter(lang, "srx")
    segs = segment_document(doc, lang, segmenter)
    wanted = {u.source for u in bitext.units if u.source}
    raw: dict[str, str] = {}
    joins: list[tuple[str, str]] = []
    for i in range(len(segs)):
        norm = ""
        for j in range(i, min(i + longest, len(segs))):
            if segs[j].paragraph != segs[i].paragraph:
                break
            norm = f"{norm} {segs[j].norm}" if norm else segs[j].norm
            if norm in wanted:
                raw.setdefault(norm, doc.text[segs[i].start: segs[j].end])
                for k in range(i, j):
                    gap = doc.text[segs[k].end: segs[k + 1].start]
                    # OmegaT checks both patterns at one position, wherever in the gap its
                    # break rule put it: one no-break rule per position
                    joins += [(segs[k].text[-25:] + gap[:c], gap[c:] + segs[k + 1].text[:25])
                              for c in range(len(gap) + 1)]
    units = tuple(replace(u, source=raw.get(u.source, u.source)) for u in bitext.units)
    rules = [SrxRule(False, _java_quote(a), _java_quote(b)) for a, b in dict.fromkeys(joins)]
    return replace(bitext, units=units), rules


@dataclass(frozen=True)
class HandoffReport:
    """What went into the project, for the table and --json."""

    project: Path
    source_files: tuple[str, ...]
    tm_units: int
    tm_left_out: int
    glossary_entries: int
    segmentation_rules: int
    src_lang: str
    tgt_lang: str


def write_omegat_project(project: Path, sources: list[Path], *, src_lang: str, tgt_lang: str,
                         bitext: Any = None, glossary: Any = None, srx: str | Path | None = None,
                         left_out: int = 0) -> HandoffReport:
    """Create ``project`` (a new or empty folder) with everything OmegaT needs."""
    from parley.exports.glossary_io import write_glossary
    from parley.exports.registry import write_bitext

    if project.exists() and (not project.is_dir() or any(project.iterdir())):
        raise OutputError("the project folder exists and is not empty", project,
                          "give a new folder with -o; parley never overwrites a project")
    for d in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / d).mkdir(parents=True, exist_ok=True)
    src_tag, tgt_tag = omegat_lang(src_lang), omegat_lang(tgt_lang)
    (project / "omegat.project").write_text(PROJECT.format(
        src=src_tag, tgt=tgt_tag, src_tok=_tokenizer(src_lang), tgt_tok=_tokenizer(tgt_lang)),
        encoding="utf-8")
    names = []
    for s in sources:
        require_file(s, "source document")
        shutil.copy2(s, project / "source" / s.name)
        names.append(s.name)
    units = 0
    joins: list[SrxRule] = []
    if bitext is not None:
        from dataclasses import replace

        for s in sources:
            bitext, more = fit_to_document(bitext, s, src_lang, srx)
            joins += more
        tagged = replace(bitext, src_lang=src_lang, tgt_lang=tgt_lang)
        report = write_bitext(project / "tm" / "auto" / "parley.tmx", tagged)
        units = report.written
    entries = 0
    if glossary is not None:
        for name in ("parley.glossary.utf8", "parley.glossary.tbx"):
            write_glossary(project / "glossary" / name, glossary, src_lang=src_lang, tgt_lang=tgt_lang)
        entries = len(glossary)
    rules = joins + source_rules(src_lang, srx)
    (project / "omegat" / "segmentation.conf").write_text(segmentation_conf(rules), encoding="utf-8")
    return HandoffReport(project, tuple(names), units, left_out, entries, len(rules), src_tag, tgt_tag)
