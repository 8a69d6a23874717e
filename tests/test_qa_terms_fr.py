"""Key-term QA where the target language has no morphological analyser (French): what it
can and cannot tell without parts of speech, case or agreement (issue 13, en-fr)."""

from __future__ import annotations

import pytest

from parley.align.model import Bitext, TranslationUnit
from parley.glossary.model import Glossary, Term, TermEntry
from parley.glossary.morph import get_lemmatizer
from parley.glossary.qa import check_bitext
from parley.glossary.termbase import load_starter_termbase


def bt(*pairs: tuple[str, str]) -> Bitext:
    return Bitext("en", "fr", tuple(TranslationUnit(s, t, id=str(i + 1))
                                    for i, (s, t) in enumerate(pairs)), "test")


def gl(*rows: tuple[str, str]) -> Glossary:
    return Glossary(tuple(TermEntry(f"e{n}", (Term(s, "en"), Term(t, "fr")), confidence=0.9,
                                    status="candidate") for n, (s, t) in enumerate(rows)),
                    ("en", "fr"))


def test_a_finite_verb_is_told_from_nouns_adjectives_and_participles() -> None:
    fr, es = get_lemmatizer("fr"), get_lemmatizer("es")
    assert [fr.pos(w) for w in ("devraient", "doit", "pouvait", "contient")] == ["VERB"] * 4
    assert {fr.pos(w) for w in ("garanties", "président", "occupé", "dotés", "travaillant",
                                "fondamentaux")} == {None}
    assert (es.pos("contiene"), es.pos("aprobado"), es.pos("seguridad")) == ("VERB", None, None)
    # no guess where simplemma gives no infinitives
    assert get_lemmatizer("de").pos("sollten") is None


def _doc(*last: tuple[str, str]) -> Bitext:
    pairs = [(f"Outer space must stay peaceful, said speaker {i}.",
              f"L'espace extra-atmosphérique doit rester pacifique, a dit l'orateur {i}.")
             for i in range(60)]
    return bt(*pairs, *last)


def test_a_verb_after_the_head_noun_is_no_replaced_adjective() -> None:
    g = gl(("outer space", "espace extra-atmosphérique"))
    # «l'espace devraient» is the head noun and the next verb, not a rendering with a word
    # replaced: a note at most, never «devraient» for «extra-atmosphérique»
    clean = ("Activities in outer space should be transparent.",
             "Les activités dans l'espace devraient être transparentes.")
    f = check_bitext(_doc(clean), g, rules=["key-term"])
    assert all(x.severity == "info" and "“devraient” for" not in x.message for x in f), f
    # the adjective replaced by another adjective is still a slip
    slip = ("Activities in outer space should be transparent.",
            "Les activités dans l'espace atmosphérique devraient être transparentes.")
    f = check_bitext(_doc(slip), g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f] == [(60, "warning")], f


def _iraq_doc(*last: tuple[str, str]) -> Bitext:
    pairs = [(f"Iraq reported on item {i}.", f"L'Iraq a fait rapport sur le point {i}.")
             for i in range(60)]
    return bt(*pairs, *last)


def test_no_neighbour_is_guessed_to_stand_for_a_one_word_rendering(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On un-dev en-fr the slot and anchor evidence named «le Président de» for "Iraq" (the
    target writes «iraquien») and «le rendement global» for "Mali": without morphology such a
    one-word near-rendering is a guess, so the finding stays a note and names no slip."""
    import parley.glossary.qa.terms as terms
    from parley.glossary.qa.slips import Substitution

    text = "Le Président iraquien a pris la parole sur le point 61."
    at = text.index("Président")
    guess = Substitution(0, at + len("Président") + 3, text[:at + len("Président") + 3], "iraq",
                         "Président", "président", last=True, at=at)
    monkeypatch.setattr(terms, "slot_substitution", lambda *_a, **_k: guess)
    g = gl(("Iraq", "Iraq"))
    doc = _iraq_doc(("The President of Iraq spoke on item 61.", text))
    f = check_bitext(doc, g, rules=["key-term"])
    assert [x.severity for x in f] == ["info"] and "“Président” for" not in f[0].message, f
    # the same evidence in a language with morphology is a slip
    monkeypatch.setattr(terms, "has_morphology", lambda _lang: True)
    f = check_bitext(doc, g, rules=["key-term"])
    assert [x.severity for x in f] == ["warning"] and "“Président” for" in f[0].message, f


def test_the_starter_base_takes_des_nations_unies_in_french() -> None:
    """"United Nations Mission" is «Mission des Nations Unies»: UN French names a body of
    the Organization with «des Nations Unies», not «de l'Organisation des Nations Unies»."""
    pairs = [(f"The United Nations Mission in region {i} reported.",
              f"La Mission des Nations Unies dans la région {i} a fait rapport.") for i in range(5)]
    f = check_bitext(bt(*pairs), load_starter_termbase(), rules=["key-term"])
    assert not [x for x in f if x.details.get("term") == "United Nations"], f


def test_an_adjective_after_the_noun_keeps_the_rendering_whole() -> None:
    g = gl(("United Nations system", "organismes des Nations Unies"))
    pairs = [(f"The United Nations system met on item {i}.",
              f"Les organismes des Nations Unies se sont réunis sur le point {i}.")
             for i in range(60)]
    # French puts the adjective inside the rendering: «organismes compétents des Nations Unies»
    adj = ("The relevant United Nations system met on item 61.",
           "Les organismes compétents des Nations Unies se sont réunis sur le point 61.")
    assert check_bitext(bt(*pairs, adj), g, rules=["key-term"]) == []
    # a finite verb is no such adjective: the rendering is broken there
    verb = ("The United Nations system met on item 61.",
            "Les organismes doivent des Nations Unies se réunir sur le point 61.")
    assert check_bitext(bt(*pairs, verb), g, rules=["key-term"]) != []


def test_a_misspelt_one_word_rendering_is_evidence_without_morphology(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A misspelling of the rendering's word says which word it is, morphology or not."""
    import parley.glossary.qa.terms as terms
    from parley.glossary.qa.slips import Substitution

    text = "Le Secrétariot a fait rapport sur le point 61."
    at = text.index("Secrétariot")
    typo = Substitution(0, at + len("Secrétariot"), text[:at + len("Secrétariot")],
                        "secrétariat", "Secrétariot", "secrétariot", last=True, at=at)
    monkeypatch.setattr(terms, "slot_substitution", lambda *_a, **_k: typo)
    g = gl(("Secretariat", "Secrétariat"))
    pairs = [(f"The Secretariat spoke on item {i}.",
              f"Le Secrétariat a fait rapport sur le point {i}.") for i in range(60)]
    doc = bt(*pairs, ("The Secretariat spoke on item 61.", text))
    f = check_bitext(doc, g, rules=["key-term"])
    assert [x.severity for x in f] == ["warning"] and "misspelt?" in f[0].message, f
    # the same near-rendering, were it no misspelling, would be a guess
    monkeypatch.setattr(terms, "misspelt", lambda *_a: False)
    assert [x.severity for x in check_bitext(doc, g, rules=["key-term"])] == ["info"]
