"""Unit tests of the NLP stage: lemma keys, compounds, theme tagging."""

from __future__ import annotations

import pytest

from veiligheid_cli.lemmas import split_compound, word_key
from veiligheid_cli.nlp import load_pipeline
from veiligheid_cli.rules import resolve_rules_dir
from veiligheid_cli.themes import themed_pipeline


@pytest.fixture(scope="module")
def nlp():
    return themed_pipeline(None, str(resolve_rules_dir(None)))


def themes_of(nlp, text: str) -> set[str]:
    doc = nlp(text)
    return {span.label_ for span in doc.spans["themes"]}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("inbraken", "inbraak"),
        ("verbinding", "verbinden"),
        ("prioriteiten", "prioriteit"),
        ("georganiseerde", "georganiseerd"),
        ("scholen", "school"),
    ],
)
def test_inflections_share_a_lemma_key(a, b):
    assert word_key(a) == word_key(b)


def test_short_words_are_not_mangled():
    assert word_key("geweld") == "geweld"  # the stemmer would make it "wel"


def test_compound_split_against_vocabulary():
    vocab = {word_key(w) for w in ("woning", "inbraak", "jeugd", "overlast", "veilig")}
    assert split_compound(word_key("woninginbraken"), vocab) == (
        word_key("woning"),
        word_key("inbraak"),
    )
    assert split_compound(word_key("jeugdoverlast"), vocab) == ("jeugd", "overlast")
    assert split_compound("veiligheid", vocab) == ()  # -heid is no head


def test_pipeline_sets_keys_and_parts(nlp):
    doc = nlp("De woninginbraken nemen af.")
    token = doc[1]
    assert token.norm_ == word_key("woninginbraken")
    assert word_key("inbraak") in doc.user_data["parts"][token.i]


def test_builtin_pipeline_is_cached():
    assert load_pipeline() is load_pipeline()


def test_builtin_lemmas_are_spacys_dutch_lookup_lemmas():
    """Our lemma component gives what spaCy's own lookup lemmatizer gives (same table)."""
    import spacy

    reference = spacy.blank("nl")
    reference.add_pipe("lemmatizer", config={"mode": "lookup"})
    reference.initialize()
    text = "De Woninginbraken en inbraken namen af; criminelen werden opgepakt in Leusden."
    ours = load_pipeline()
    assert [t.lemma_ for t in ours(text)] == [t.lemma_ for t in reference(text)]


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("het bevorderen van cyberveiligheid", "cyberveiligheid"),
        ("Cybercrime/gedigitaliseerde criminaliteit", "cyberveiligheid"),
        ("de aanpak van georganiseerde ondermijnende criminaliteit", "ondermijning"),
        ("het effectief verbinden van veiligheid met zorg", "zorg_veiligheid"),
        ("Informatie gestuurd werken", "informatiegestuurd_werken"),
        ("Informatiegestuurd werken", "informatiegestuurd_werken"),
        ("het versterken van de informatiepositie", "informatiegestuurd_werken"),
        ("Het aantal woninginbraken daalt", "woninginbraak"),
        ("personen met verward gedrag", "kwetsbare_personen"),
        ("Het aantal autokraken terug brengen", "veelvoorkomende_criminaliteit"),
        ("cyberveilgheid voor ondernemers", "cyberveiligheid"),  # typo
        # forms real priority names take (issue "A clone that stands alone ...", item 4)
        ("(Huiselijk) geweld achter de voordeur", "huiselijk_geweld"),  # a modifier in brackets
        ("Zorg- en veiligheid", "zorg_veiligheid"),  # a hyphen where nothing is left out
        ("Fraude met zorggeld: zorgfraude", "ondermijning"),
        ("Objectieve veiligheid", "veelvoorkomende_criminaliteit"),  # beside subjective
        ("Een voelbaar veiliger dorp", "onveiligheidsgevoel"),
        ("Naar een veiliger digitale stad", "cyberveiligheid"),
        ("De wijk- en buurtaanpak", "wijkveiligheid"),
        ("Sociale veiligheid", "veilige_woonomgeving"),
    ],
)
def test_theme_tagging(nlp, text, theme):
    assert theme in themes_of(nlp, text)


def test_no_theme_from_generic_or_lookalike_words(nlp):
    assert themes_of(nlp, "Het veiligheidsbeleid van de gemeente wordt uitgevoerd.") == set()
    assert "kwetsbare_personen" not in themes_of(nlp, "Veiligheidsgevoel en kwetsbaarheid")
    assert themes_of(nlp, "Wij willen dit een halt toeroepen.") == set()


def test_theme_hits_carry_offsets(nlp):
    text = "Wij richten ons op cybercrime."
    doc = nlp(text)
    span = next(iter(doc.spans["themes"]))
    assert text[span.start_char : span.end_char] == "cybercrime"


def test_lemma_table_is_built_once_into_the_cache_and_survives_damage(tmp_path):
    import gzip
    import json

    from veiligheid_cli import lemma_table

    source = json.loads(gzip.decompress(lemma_table._source().read_bytes()))
    db = tmp_path / "nl-lemmas-test.sqlite"
    lemma_table._build(db, source)
    connection = lemma_table._open(db)
    assert connection is not None
    some = list(source)[:500]
    rows = dict(
        connection.execute(
            f"SELECT word, lemma FROM lemmas WHERE word IN ({','.join('?' * len(some))})", some
        ).fetchall()
    )
    assert rows == {w: source[w] for w in some}
    db.write_bytes(b"not a database")
    assert lemma_table._open(db) is None  # a damaged file is not used (and gets rebuilt)
