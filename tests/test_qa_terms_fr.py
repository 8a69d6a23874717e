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


def repeated(src: str, tgt: str, *last: tuple[str, str], start: int = 0) -> Bitext:
    """60 units of one sentence pair (``{i}`` numbers them), then ``last``: the document a
    rule judges the last units against."""
    return bt(*[(src.format(i=i), tgt.format(i=i)) for i in range(start, start + 60)], *last)


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
    # (a source without "President": a cognate of a source word would excuse it anyway)
    doc = _iraq_doc(("The leader of Iraq spoke on item 61.", text))
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


def test_a_plural_noun_or_adjective_is_no_verb() -> None:
    """simplemma's lemma of «nucléaires» ends like an infinitive («-re»): the lemma plus a plural
    or feminine ending is a noun's or an adjective's form, else «armes devraient» passed as
    «armes nucléaires» with a word replaced and «États membres» did not."""
    fr, es = get_lemmatizer("fr"), get_lemmatizer("es")
    assert {fr.pos(w) for w in ("nucléaires", "membres", "militaires", "libres")} == {None}
    assert {es.pos(w) for w in ("mujeres", "nucleares")} == {None}
    assert (fr.pos("devraient"), fr.pos("sont"), es.pos("deberían")) == ("VERB",) * 3


def _nuclear_doc(*last: tuple[str, str]) -> Bitext:
    return repeated("Nuclear disarmament is on item {i}.",
                    "Le désarmement nucléaire figure au point {i}.", *last)


def test_a_cognate_of_another_source_word_is_a_paraphrase_not_a_slip() -> None:
    g = gl(("nuclear disarmament", "désarmement nucléaire"))
    # «arsenaux» translates the unit's own "arsenals": the sentence was recast
    recast = ("Cutting the arsenals is nuclear disarmament.",
              "Il faut réduire les arsenaux nucléaires.")
    f = check_bitext(_nuclear_doc(recast), g, rules=["key-term"])
    assert all(x.severity == "info" for x in f), f
    # a word the source has no cognate for, in the same place, is still a slip
    slip = ("Cutting the weapons is nuclear disarmament.",
            "Réduire les armes est le réarmement nucléaire.")
    f = check_bitext(_nuclear_doc(slip), g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f] == [(60, "warning")], f


def test_cognates_need_a_long_common_beginning() -> None:
    from parley.glossary.qa.base import analyse
    from parley.glossary.qa.slips import cognate

    src = analyse("The Committee will provide the transactions to the judicial crisis unit.", "en")
    assert cognate("judiciaire", src, ()) and cognate("crise", src, ())
    assert not cognate("Commission", src, ()) and not cognate("transmettre", src, ())
    # the term's own words do not count: «informelles» for "informal consultations" is a calque
    at = (4, 13)  # "Committee"
    assert not cognate("Comité", src, (at,))
    assert not cognate("угроза", src, ())  # Cyrillic: no cognates by spelling
    # a short word's beginning is no cognate of a long one: "common" does not explain
    # «Commission» («Commission spécial» for «Comité spécial»)
    common = analyse("It rests on basic, common criteria.", "en")
    assert not cognate("Commission", common, ())
    assert cognate("commune", common, ())


def test_the_other_gender_of_a_title_is_no_slip() -> None:
    from parley.glossary.qa.slips import gender_form

    assert gender_form("directeur", "Directrice", "fr") and gender_form("exécutif", "exécutive", "fr")
    assert gender_form("directeurs", "directrices", "fr") and gender_form("director", "directora", "es")
    assert not gender_form("comité", "commission", "fr") and not gender_form("groupe", "groupes", "fr")
    she = ("The Executive Director, Ms. Bachelet, spoke.", "La Directrice exécutive, Mme Bachelet, a parlé.")
    doc = repeated("The Executive Director reported on item {i}.",
                   "Le Directeur exécutif a fait rapport sur le point {i}.", she)
    f = check_bitext(doc, gl(("Executive Director", "Directeur exécutif")), rules=["key-term"])
    assert f == [] or all(x.severity == "info" for x in f), f


def test_degrees_of_comparison_and_peoples_match_only_themselves() -> None:
    g = gl(("best practices", "meilleures pratiques"), ("indigenous peoples", "peuples autochtones"))
    other = ("Good practices help many young indigenous people.",
             "Les bonnes pratiques aident de nombreux jeunes autochtones.")
    doc = repeated("Best practices and indigenous peoples are on item {i}.",
                   "Les meilleures pratiques et les peuples autochtones figurent au point {i}.", other)
    f = check_bitext(doc, g, rules=["key-term"])
    assert [x for x in f if x.unit == 60] == [], f


def _committee_doc(*last: tuple[str, str]) -> Bitext:
    return repeated("The Special Committee met on item {i}.",
                    "Le Comité spécial s'est réuni au titre du point {i}.", *last)


def test_a_replaced_adjective_after_the_head_noun_is_a_slip() -> None:
    """French puts the head noun first: «Comité particulier» kept the head and replaced the
    adjective, a slip; only a lost head («essais nucléaires» for "nuclear weapon tests") may
    be the term made a modifier. (The Russian rule, last word = head, excused it.)"""
    g = gl(("Special Committee", "Comité spécial"))
    slip = ("1. The Special Committee recommends to the General Assembly:",
            "1. Le Comité particulier recommande à l'Assemblée générale :")
    f = check_bitext(_committee_doc(slip), g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f] == [(60, "warning")], f
    assert "“particulier” for “spécial”" in f[0].message


def test_an_elided_article_does_not_hide_a_replaced_noun() -> None:
    """«l'Institution» is a capitalised noun like the «Organisation» it replaced: the elided
    article is keyed apart (it made the word no word at all before)."""
    from parley.glossary.qa.base import analyse

    assert [(t.low, t.upper) for t in analyse("de l'Assemblée et qu'elle", "fr")] == [
        ("de", False), ("assemblée", True), ("et", False), ("elle", False)]
    g = gl(("World Health Organization", "Organisation mondiale de la Santé"))
    slip = ("The World Health Organization spoke.", "L'Institution mondiale de la Santé a parlé.")
    doc = repeated("The World Health Organization reported on item {i}.",
                   "L'Organisation mondiale de la Santé a fait rapport sur le point {i}.", slip)
    f = check_bitext(doc, g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f] == [(60, "warning")], f


def test_a_source_cognate_explains_only_as_many_target_words_as_it_numbers() -> None:
    from parley.glossary.qa.base import analyse
    from parley.glossary.qa.slips import cognate

    src = analyse("Non-governmental organizations and human rights institutions work.", "en")
    one = analyse("Les institutions nationales des droits de l'homme travaillent.", "fr")
    two = analyse("Les institutions non gouvernementales et les institutions nationales "
                  "travaillent.", "fr")
    at = ((0, 30),)  # "Non-governmental organizations"
    assert cognate("institutions", src, at, one)
    assert not cognate("institutions", src, at, two)


def test_a_number_beside_the_term_pins_a_one_word_slip() -> None:
    """Without morphology a one-word rendering's neighbour is a guess, but «décision 2140
    (2014)» where the source says "resolution 2140 (2014)" is pinned by the number."""
    g = gl(("resolution", "résolution"))
    slip = ("Recalling resolution 2140 (2014) on Yemen,",
            "Rappelant sa décision 2140 (2014) sur le Yémen,")
    doc = repeated("The Council adopted resolution {i} on that day.",
                   "Le Conseil a adopté la résolution {i} ce jour-là.", slip, start=1000)
    f = check_bitext(doc, g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f] == [(60, "warning")], f
    assert "“décision” for “résolution”" in f[0].message


def test_a_hyphenated_word_with_one_part_replaced_is_a_slip_unless_of_one_root() -> None:
    g = gl(("United States of America", "États-Unis d'Amérique"))
    slip = ("Events took place in the United States of America.",
            "Des événements ont eu lieu aux Pays-Unis d'Amérique.")
    doc = repeated("The United States of America reported on item {i}.",
                   "Les États-Unis d'Amérique ont fait rapport sur le point {i}.", slip)
    f = check_bitext(doc, g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f] == [(60, "warning")], f
    # «Haut-Commissariat» is the office of the «Haut-Commissaire»: one root, no slip
    g = gl(("High Commissioner for Human Rights", "Haut-Commissaire aux droits de l'homme"))
    office = ("The Office of the High Commissioner for Human Rights spoke.",
              "Le Haut-Commissariat aux droits de l'homme a parlé.")
    doc = repeated("The High Commissioner for Human Rights spoke on item {i}.",
                   "Le Haut-Commissaire aux droits de l'homme a parlé sur le point {i}.", office)
    f = check_bitext(doc, g, rules=["key-term"])
    assert all(x.severity == "info" for x in f), f


def test_only_a_later_word_of_a_rendering_may_lose_its_capital() -> None:
    g = gl(("Member States", "États Membres"), ("President of the Council", "Président du Conseil"))
    later = ("Member States should act.", "Les États participants devraient agir.")
    f = check_bitext(repeated("Member States met on item {i}.",
                              "Les États Membres se sont réunis au titre du point {i}.", later),
                     g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f] == [(60, "warning")], f
    # a first word written with a capital is a title: a lower-case word there is no slip
    first = ("At the meeting of the Council, the President of the Council spoke.",
             "À la séance du Conseil, la présidence a pris la parole.")
    f = check_bitext(repeated("The President of the Council spoke on item {i}.",
                              "Le Président du Conseil a parlé sur le point {i}.", first),
                     g, rules=["key-term"])
    assert all(x.severity == "info" for x in f), f


def _stakeholders(last: tuple[str, str]) -> Bitext:
    return repeated("Stakeholders met on item {i}.", "Les parties prenantes se sont réunies sur le "
                    "point {i}.", last)


def test_a_listed_french_word_variant_is_a_note_not_a_slip() -> None:
    """«parties intéressées» is UN French for "stakeholders" beside «parties prenantes»
    (``fr_word_variants.txt``): a note; another word in its place is still a slip."""
    g = gl(("stakeholders", "parties prenantes"))
    variant = ("Stakeholders met on item 61.", "Les parties intéressées se sont réunies sur le "
               "point 61.")
    f = check_bitext(_stakeholders(variant), g, rules=["key-term"])
    assert [x.severity for x in f] == ["info"], f
    slip = ("Stakeholders met on item 61.", "Les parties contractantes se sont réunies sur le "
            "point 61.")
    f = check_bitext(_stakeholders(slip), g, rules=["key-term"])
    assert [x.severity for x in f] == ["warning"] and "“contractantes” for" in f[0].message, f


def test_the_starter_base_lists_un_french_variants() -> None:
    tb = load_starter_termbase()
    fr = {e.terms[0].text: {t.text for t in e.terms if t.lang == "fr"} for e in tb}
    assert {"parties prenantes", "parties intéressées"} <= fr["stakeholders"]
    assert {"déclaration commune", "déclaration conjointe"} <= fr["joint statement"]
    assert "traite des êtres humains" in fr["trafficking in persons"]
    assert "personnel de maintien de la paix" in fr["peacekeepers"]
    assert "informatique et communications" in fr["information and communications technologies"]
    assert "développement des capacités" in fr["capacity-building"]


def test_a_name_kept_with_the_terms_own_word_replaced_is_no_evidence() -> None:
    """«entités des Nations Unies» for "United Nations system": the near-rendering keeps only
    the Organization's name, and the word replaced is the term's own, which a paraphrase
    renders as often as a slip does. A body's name with its capitalised word replaced
    («Comité de sécurité») keeps its evidence."""
    g = gl(("United Nations system", "système des Nations Unies"), ("United Nations", "Nations Unies"),
           ("Security Council", "Conseil de sécurité"))
    doc = repeated("The United Nations system and the Security Council met on item {i}.",
                   "Le système des Nations Unies et le Conseil de sécurité se sont réunis sur le "
                   "point {i}.",
                   ("The United Nations system and the Security Council met on item 61.",
                    "Les entités des Nations Unies et le Comité de sécurité se sont réunis sur le "
                    "point 61."))
    f = check_bitext(doc, g, rules=["key-term"])
    by_term = {x.details["term"]: x.severity for x in f}
    assert by_term == {"United Nations system": "info", "Security Council": "warning"}, f


@pytest.mark.parametrize(("lang", "rendering", "text"), [
    ("fr", "paix et sécurité internationales",
     "Le maintien de la paix et de la sécurité internationales est essentiel."),
    ("fr", "paix et sécurité internationales",
     "Une menace contre la paix et la sécurité internationales."),
    ("es", "paz y seguridad internacionales",
     "El mantenimiento de la paz y la seguridad internacionales es esencial."),
])
def test_an_article_repeated_after_the_coordinator_keeps_the_term(lang: str, rendering: str,
                                                                   text: str) -> None:
    """A glossary cites «paix et sécurité internationales»; running French writes «la paix
    et de la sécurité internationales»: the same term, not a missing one."""
    g = Glossary((TermEntry("e1", (Term("international peace and security", "en"),
                                   Term(rendering, lang)), confidence=0.9, status="candidate"),),
                 ("en", lang))
    unit = TranslationUnit("The maintenance of international peace and security is essential.",
                           text, id="1")
    assert check_bitext(Bitext("en", lang, (unit,), "t"), g, rules=["key-term"]) == []
    # a word of another kind there is no repeated article
    other = TranslationUnit(unit.source, text.replace("sécurité", "stabilité")
                            .replace("seguridad", "estabilidad"), id="1")
    assert check_bitext(Bitext("en", lang, (other,), "t"), g, rules=["key-term"]) != []


@pytest.mark.parametrize("slip", ["sécurité intergouvernementales", "stabilité internationales"])
def test_a_slip_beside_a_repeated_article_is_still_found(slip: str) -> None:
    """The near-rendering skips the repeated article as the match does: «paix et de la
    sécurité intergouvernementales» is «paix et sécurité internationales» with a word
    replaced."""
    g = gl(("international peace and security", "paix et sécurité internationales"))
    doc = repeated("The maintenance of international peace and security is vital, item {i}.",
                   "Le maintien de la paix et de la sécurité internationales est vital, point {i}.",
                   ("The maintenance of international peace and security is vital, item 61.",
                    f"Le maintien de la paix et de la {slip} est vital, point 61."))
    f = check_bitext(doc, g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f] == [(60, "warning")], f
    assert f"paix et de la {slip}" in f[0].message


def test_a_title_left_in_english_renders_the_term() -> None:
    """A publication's title quoted in English in the French text keeps the term as the
    source writes it: that is its rendering, no paraphrase. The term alone left in English
    is not taken for a copy."""
    g = gl(("economic development", "développement économique"))
    unit = ("He wrote “Impacts of the Crisis on Social and Economic Development in Viet Nam”.",
            "Il est l'auteur de << Impacts of the Crisis on Social and Economic Development in "
            "Viet Nam >>.")
    assert check_bitext(bt(unit), g, rules=["key-term"]) == []
    alone = ("Economic development is slow in the region.",
             "Le economic development est lent dans la région.")
    assert check_bitext(bt(alone), g, rules=["key-term"]) != []
    # nor is the copy one more way of translating the term
    two = Glossary((TermEntry("e1", (Term("economic development", "en"),
                                     Term("développement économique", "fr"),
                                     Term("essor économique", "fr")), status="candidate"),),
                   ("en", "fr"))
    doc = bt(unit, ("Economic development is slow.", "Le développement économique est lent."))
    assert check_bitext(doc, two, rules=["key-term", "term-consistency"]) == []


def test_a_general_term_written_as_a_listed_name_is_the_name() -> None:
    """"Customs Administration, National Security, Bank Al-Maghrib": Morocco's «Sûreté
    nationale», a body named in a list, not the general term "national security"."""
    g = gl(("national security", "sécurité nationale"))
    doc = repeated("Threats to national security were discussed at meeting {i}.",
                   "Les menaces contre la sécurité nationale ont été examinées à la séance {i}.",
                   ("The departments concerned (Customs Administration, National Security, "
                    "Bank Al-Maghrib) acted.",
                    "Les départements concernés (Administration des douanes, Sûreté nationale, "
                    "Bank Al-Maghrib) ont agi."),
                   ("Threats to national security were discussed at meeting 61.",
                    "Les menaces contre la sûreté nationale ont été examinées à la séance 61."))
    f = check_bitext(doc, g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f] == [(61, "warning")], f


def test_a_factored_list_of_names_keeps_each_name() -> None:
    """«conventions de Bâle, de Rotterdam et de Stockholm» for "the Basel Convention, the
    Rotterdam Convention and the Stockholm Convention": the name's word after the comma
    follows the article the list repeats; another name in its place is still a slip."""
    g = gl(("Rotterdam Convention", "Convention de Rotterdam"))
    doc = repeated("Parties to the Rotterdam Convention met on item {i}.",
                   "Les Parties à la Convention de Rotterdam se sont réunies sur le point {i}.",
                   ("Support the Basel Convention, the Rotterdam Convention and the Stockholm "
                    "Convention.",
                    "Appui aux conventions de Bâle, de Rotterdam et de Stockholm."),
                   ("Parties to the Rotterdam Convention met on item 61.",
                    "Les Parties à la Convention de Genève se sont réunies sur le point 61."))
    f = check_bitext(doc, g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f if x.severity != "info"] == [(61, "warning")], f


def test_two_nouns_sharing_the_modifier_keep_the_term() -> None:
    """"regional organizations or arrangements": «organisations ou mécanismes à vocation
    régionale» keeps «organisations» before the coordinator; the word replaced outright is
    still a slip."""
    g = gl(("regional organizations", "organisations régionales"))
    doc = repeated("Regional organizations met on item {i}.",
                   "Les organisations régionales se sont réunies sur le point {i}.",
                   ("Relations with regional organizations or arrangements matter.",
                    "Les relations avec les organisations ou mécanismes à vocation régionale "
                    "comptent."),
                   ("Regional organizations met on item 61.",
                    "Les institutions régionales se sont réunies sur le point 61."))
    f = check_bitext(doc, g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f if x.severity != "info"] == [(61, "warning")], f
    # a word of the same root before a coordinator is no head noun shared
    g = gl(("developing countries", "pays en développement"))
    doc = repeated("Developing countries met on item {i}.",
                   "Les pays en développement se sont réunis sur le point {i}.",
                   ("Deaths in developed and developing countries rose.",
                    "La mortalité dans les pays développés et dans les pays en essor a augmenté."))
    f = check_bitext(doc, g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f] == [(60, "warning")], f


def _convention_doc(*last: tuple[str, str]) -> Bitext:
    """A document long enough for the word associations (200 units and more): the
    Convention throughout, the Charter in a few units of its own."""
    pairs = [(f"The Convention entered into force in region {i}.",
              f"La Convention est entrée en vigueur dans la région {i}.") for i in range(200)]
    pairs += [(f"The Charter was signed in city {i}.", f"La Charte a été signée dans la ville {i}.")
              for i in range(5)]
    return bt(*pairs, *last)


def test_another_names_word_in_the_names_place_is_a_slip_without_morphology() -> None:
    """"Article 16 of the Convention" written «l'article 16 de la Charte»: a capitalised word
    mid-sentence where the name stands, which this document knows as the translation of
    another source word ("Charter") that the unit lacks, is another instrument's name. Not a
    word the document does not know, nor one the source has as written (a person's name)."""
    g = gl(("Convention", "Convention"))
    slip = ("Article 16 of the Convention sets out the functions of the secretariat.",
            "L'article 16 de la Charte énonce les fonctions du secrétariat.")
    f = check_bitext(_convention_doc(slip), g, rules=["key-term"])
    assert [(x.unit, x.severity) for x in f] == [(205, "warning")], f
    assert "“Charte” for “convention”" in f[0].message
    unknown = (slip[0], "L'article 16 de la Déclaration énonce les fonctions du secrétariat.")
    f = check_bitext(_convention_doc(unknown), g, rules=["key-term"])
    assert [x.severity for x in f] == ["info"], f


def test_an_abbreviation_inside_another_abbreviation_renders_nothing() -> None:
    # «ONU» is UNIDO's «ONUDI» there, no rendering of "United Nations": the name with a word
    # replaced beside it is still a slip (un-dev en-fr: «des Nations Alliées» went unreported)
    g = Glossary((TermEntry("e1", (Term("United Nations", "en"), Term("Nations Unies", "fr"),
                                   Term("ONU", "fr")), confidence=0.99, status="candidate"),),
                 ("en", "fr"))
    slip = ("The United Nations scale of assessments applies to UNIDO.",
            "Le barème des quotes-parts de l'Organisation des Nations Alliées s'applique à "
            "l'ONUDI.")
    f = check_bitext(bt(slip), g, rules=["key-term"])
    assert [x.severity for x in f] == ["warning"] and "“Alliées” for" in f[0].message, f


def test_a_derived_noun_nearby_is_not_the_replaced_adjective_moved() -> None:
    # «exécution» begins as «exécutif» does, but the dictionary knows both as words of their
    # own: «Directeur administratif» stays a slip (un-dev en-fr: it was a note, "no trace")
    g = gl(("Executive Director", "Directeur exécutif"))
    slip = ("The report of the Executive Director on the implementation of the budget.",
            "Le rapport du Directeur administratif sur l'exécution du budget.")
    f = check_bitext(bt(slip), g, rules=["key-term"])
    assert [x.severity for x in f] == ["warning"] and "“administratif” for" in f[0].message, f
    # the rendering's own word moved after an inserted name is still no slip
    moved = ("The report of the Executive Director on the budget.",
             "Le rapport du Directeur de l'ONUDC exécutif sur le budget.")
    assert all(x.severity == "info" for x in check_bitext(bt(moved), g, rules=["key-term"]))
