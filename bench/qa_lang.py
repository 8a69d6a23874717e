"""Key-term flags on clean held-out un-dev text for a target language other than Russian, and
for French the injected term errors found.

Usage: python -m bench.qa_lang ../shared/data [--tgt fr] [--top 500] [--out bench-out/qa-fr]
       [--n 200] [--seed 7] [--cases bench-out/cases-fr.json] [--missed 20]

``bench.qa`` measures en-ru (injected errors need pymorphy3 to inflect a related word); this
measures what a French (or Spanish, Chinese, Arabic) user meets on clean text: each un-dev half
checked with the glossary extracted from the other half and with the starter term base, the
flags per 100 term occurrences, and a CSV of every flag (unit, message, source, target, an empty
judgement column) for a person to judge. For French, ``--n`` units per half also get one word
of a rendering found replaced by a related word written in the same gender and number
(:data:`RELATED_FR`: «atomiques» for «nucléaires», «Charte» for «Convention», «États membres»
for «États parties»), put back :data:`bench.qa.PER_DOC` at a time as ``bench.qa`` does; the
share flagged (warning or error) is printed, once per unit and with the term twice and one
rendering left right.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

from bench.qa import Case, CaseFile, _found, by_rendering, inject_terms, split
from parley.align.model import Bitext, TranslationUnit
from parley.glossary.model import Glossary
from parley.glossary.qa import check_bitext
from parley.glossary.qa.base import QAContext
from parley.glossary.qa.terms import TermUse, term_uses

#: Related words a translator slips into a UN term in French, each form to the form of the
#: other word in the same gender and number (as ``bench.qa.RELATED`` for Russian; a few pairs
#: differ in gender, as the slips of a hurried translator do)
RELATED_FR: dict[str, str] = {
    "nucléaire": "atomique", "nucléaires": "atomiques", "atomique": "nucléaire",
    "convention": "charte", "conventions": "chartes", "charte": "convention",
    "traité": "accord", "traités": "accords", "accord": "traité", "accords": "traités",
    "conseil": "comité", "conseils": "comités", "comité": "commission", "comités": "commissions",
    "commission": "comité", "commissions": "comités", "assemblée": "conférence",
    "conférence": "assemblée", "sécurité": "sûreté", "désarmement": "démilitarisation",
    "non-prolifération": "non-dissémination", "droits": "libertés", "droit": "principe",
    "membres": "participants", "membre": "participant", "parties": "membres",
    "partie": "membre", "développement": "essor", "résolution": "décision",
    "résolutions": "décisions", "décision": "résolution", "rapport": "bilan",
    "rapports": "bilans", "états": "pays", "état": "pays", "organisation": "institution",
    "organisations": "institutions", "nations": "peuples", "international": "intergouvernemental",
    "internationale": "intergouvernementale", "internationaux": "intergouvernementaux",
    "internationales": "intergouvernementales", "armes": "armements", "arme": "armement",
    "secrétaire": "secrétariat", "spécial": "particulier", "spéciale": "particulière",
    "spéciaux": "particuliers", "rapporteur": "représentant", "représentant": "envoyé",
    "représentants": "envoyés", "groupe": "équipe", "groupes": "équipes",
    "maintien": "préservation", "opération": "mission", "opérations": "missions",
    "mission": "opération", "missions": "opérations", "durable": "stable", "durables": "stables",
    "aide": "assistance", "assistance": "aide", "programme": "plan", "programmes": "plans",
    "plan": "programme", "session": "séance", "sessions": "séances", "séance": "réunion",
    "séances": "réunions", "réunion": "séance", "délégation": "mission",
    "délégations": "missions", "réfugiés": "déplacés", "violence": "brutalité",
    "femmes": "filles", "femme": "fille", "enfants": "adolescents", "climatiques": "météorologiques",
    "climatique": "météorologique", "changements": "variations", "armés": "militaires",
    "régional": "local", "régionale": "locale", "régionaux": "locaux", "régionales": "locales",
    "national": "étatique", "nationale": "étatique", "nationaux": "étatiques",
    "exécutif": "administratif", "exécutive": "administrative", "directeur": "dirigeant",
    "mandat": "pouvoir", "mandats": "pouvoirs", "ordre": "programme", "point": "question",
    "points": "questions", "intégrité": "unité", "souveraineté": "indépendance",
    "terrorisme": "extrémisme", "sanctions": "mesures", "sanction": "mesure",
    "mécanisme": "instrument", "mécanismes": "instruments", "organe": "organisme",
    "organes": "organismes", "organisme": "organe", "organismes": "organes",
    "cour": "juridiction", "tribunal": "cour", "pénale": "criminelle", "pénal": "criminel",
    "objectifs": "buts", "objectif": "but", "déclaration": "proclamation", "justice": "légalité",
    "garanties": "protections", "garantie": "protection", "protection": "sauvegarde",
    "peuple": "population", "peuples": "populations", "autochtones": "indigènes",
    "catastrophe": "sinistre", "catastrophes": "sinistres", "risques": "dangers",
    "réduction": "diminution", "consultations": "concertations", "officieuses": "informelles",
    "avancés": "développés", "exercice": "période", "plénière": "générale",
    "plénières": "générales", "humanitaire": "caritative", "unies": "alliées",
}


def replace_fr(target: str, span: tuple[int, int], rng: random.Random,
               _use: TermUse | None = None) -> tuple[str, str, str] | None:
    """Swap one word of ``span`` for its :data:`RELATED_FR` word, capitals kept (the
    ``bench.qa.inject_terms`` replacer for French)."""
    a, b = span
    slots = [(a + m.start(), a + m.end(), m.group()) for m in re.finditer(r"[^\W\d_]+", target[a:b])
             if m.group().lower() in RELATED_FR
             and _article_fits(target[:a + m.start()], RELATED_FR[m.group().lower()])]
    if not slots:
        return None
    s, e, old = rng.choice(slots)
    new = RELATED_FR[old.lower()]
    new = new[:1].upper() + new[1:] if old[:1].isupper() else new
    return target[:s] + new + target[e:], old, new


def _article_fits(before: str, new: str) -> bool:
    """Whether ``new`` can follow ``before`` as the article stands: after an elided «l'» or
    «d'» a vowel (no «l'Conférence»), after «le», «la», «de», «que» a consonant."""
    vowel = new[:1].lower() in "aeiouéèêâîôûh"
    if before.endswith(("'", "’")):
        return vowel
    words = before.split()
    if before.endswith(" ") and words and words[-1].lower() in {"le", "la", "de", "que"}:
        return not vowel
    return True


def _share(k: int, n: int) -> str:
    return f"{k}/{n} = {k / n:.1%}" if n else "n/a"


def load(data: Path, tgt: str) -> list[TranslationUnit]:
    base = data / "un-dev" if (data / "un-dev").is_dir() else data
    en = (base / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()
    xx = (base / f"UNv1.0.devset.{tgt}").read_text(encoding="utf-8").splitlines()
    if len(en) != len(xx):
        sys.exit(f"{base}: en and {tgt} differ in length ({len(en)} / {len(xx)})")
    return [TranslationUnit(s, t, id=str(i + 1)) for i, (s, t) in enumerate(zip(en, xx, strict=True))]


def sources(train: list[TranslationUnit], tgt: str, top: int) -> list[tuple[str, Glossary]]:
    from parley.glossary.extract import extract_terms
    from parley.glossary.termbase import load_starter_termbase

    g = extract_terms(Bitext("en", tgt, tuple(train), "other half"), src_lang="en", tgt_lang=tgt,
                      termbase=load_starter_termbase(), max_terms=top)
    return [(f"extracted from the other half, top {top}", g),
            ("starter term base", load_starter_termbase())]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="../shared/data (or its un-dev folder)")
    ap.add_argument("--tgt", default="fr", help="target language of un-dev (fr, es, zh, ar)")
    ap.add_argument("--top", type=int, default=500, help="entries kept from the extracted glossary")
    ap.add_argument("--out", type=Path, default=Path("bench-out/qa-lang"),
                    help="folder for the CSV of every flag to judge")
    ap.add_argument("--n", type=int, default=200, help="injected term errors per half (fr only)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cases", type=Path, default=None,
                    help="JSON file of injected term errors: replayed where it has them, "
                         "recorded where not (judge two versions of the code on one sample)")
    ap.add_argument("--missed", type=int, default=0,
                    help="print this many injected errors the check missed, per half and source")
    args = ap.parse_args(argv)
    units = load(args.data, args.tgt)
    rows: list[dict[str, str]] = []
    kept = CaseFile(args.cases)
    inject = args.tgt == "fr" and args.n > 0
    print(f"| en-{args.tgt} held-out half | glossary | term occurrences | key-term flags | "
          "per 100 occ. | notes |" + (" injected once | twice, one left right |" if inject else "")
          + "\n|---|---|---:|---:|---:|---:|" + ("---:|---:|" if inject else ""))
    kinds: list[str] = []  # injected found, one-word and longer renderings apart
    for held in ("second", "first"):
        train, half = split(units, held)
        bt = Bitext("en", args.tgt, tuple(half), f"un-dev {held} half")
        for label, g in sources(train, args.tgt, args.top):
            ctx = QAContext(bt, g)
            uses = term_uses(ctx)
            occ = sum(len(u.spans) for u in uses)
            found = check_bitext(bt, g, rules=["key-term"])
            flags = [f for f in found if f.severity != "info"]
            injected = ""
            if inject:
                rng = random.Random(args.seed)
                for twice in (False, True):
                    def draw(twice: bool = twice) -> list[Case]:
                        return inject_terms(half, uses, args.n, rng, twice=twice,  # noqa: B023
                                            replace=replace_fr)

                    key = f"{args.tgt}/{held}/{label}/{'twice' if twice else 'once'}/{args.seed}/{args.n}"
                    cases = kept.get(key, draw)
                    hit, _, missed = _found(half, cases, g, args.tgt, str.lower)
                    injected += f" {_share(hit, len(cases))} |"
                    kinds.append(f"{held}, {label}, {'twice' if twice else 'once'}: "
                                 + by_rendering(cases, missed, ctx.term_specs))
                    kinds += [f"  missed: {cases[i][1]}: {cases[i][2]} -> {cases[i][3]}"
                              for i in missed[:args.missed]]
            print(f"| {held} | {label} | {occ} | {len(flags)} | "
                  f"{100 * len(flags) / max(1, occ):.2f} | {len(found) - len(flags)} |{injected}")
            rows += [{"half": held, "glossary": label, "unit": f.unit_id or "",
                      "severity": f.severity, "message": f.message, "source": f.source,
                      "target": f.target, "judgement (true/false)": "", "why": ""}
                     for f in flags]
    if kinds:
        print("\ninjected found, by rendering:\n"
              + "\n".join(k if k.startswith(" ") else f"- {k}" for k in kinds))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"key-term-flags.en-{args.tgt}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["half"])
        w.writeheader()
        w.writerows(rows)
    print(f"\n{len(rows)} flags for a person to judge: {path}")
    kept.save()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
