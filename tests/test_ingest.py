"""Ingest on the real corpus texts: headings, list items, artefacts, metadata."""

from __future__ import annotations

import json

import pytest

from veiligheid_cli.ingest import ingest
from veiligheid_cli.model import BlockKind, DocumentKind, Period

from conftest import HILVERSUM, LEUSDEN_IVP, LEUSDEN_LETTER, TWENTE, run_cli

EXPECTED_SECTIONS = [
    "2.1", "2.2", "2.2.1", "2.2.2", "2.3", "2.4", "2.4.1", "2.4.2", "2.4.3", "2.4.4",
    "3.1", "3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5", "3.1.6", "3.1.7", "3.2",
    "3.3", "3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5", "3.3.6",
    "4.1", "4.2", "4.3", "4.4",
]  # fmt: skip


@pytest.fixture(scope="module")
def leusden():
    return ingest(str(LEUSDEN_IVP))


def test_numbered_headings_of_chapters_2_to_4_with_levels(leusden):
    numbered = [b for b in leusden.headings() if b.number and b.number[0] in "234"]
    sections = [b for b in numbered if "." in b.number]
    assert [b.number for b in sections] == EXPECTED_SECTIONS
    for b in sections:
        assert b.level == b.number.count(".") + 1, b
    chapters = {b.number: b for b in numbered if "." not in b.number}
    assert set(chapters) == {"2", "3", "4"}
    assert chapters["3"].text == "3 Thema’s en prioriteiten"
    assert all(b.level == 1 for b in chapters.values())


def test_heading_text_and_line(leusden):
    h = next(b for b in leusden.headings() if b.number == "2.3")
    assert h.text == "2.3 AMBITIES EN DOELSTELLINGEN"
    assert LEUSDEN_IVP.read_text(encoding="utf-8").splitlines()[h.line - 1].strip() == h.text
    h = next(b for b in leusden.headings() if b.number == "3.1.2")
    assert h.text.startswith("3.1.2 GEWELD IN HUISELIJKE KRING")


def test_no_heading_from_url_or_footnote(leusden):
    for h in leusden.headings():
        assert "http" not in h.text and "www." not in h.text
        assert not h.text.strip().isdigit()
        assert "(2008)" not in h.text and "Mertons" not in h.text


def test_no_block_contains_tracking_urls_or_footnote_texts(leusden):
    texts = [b.text for b in leusden.blocks]
    assert not any("google.nl/url" in t for t in texts)
    assert not any(t.startswith("Mertons F. (2008)") for t in texts)
    assert not any(t.startswith("Stol, W. Ph.") for t in texts)


def test_inline_footnote_marker_is_dropped_and_sentence_rejoined(leusden):
    para = next(b for b in leusden.blocks if "Mertons (2008)" in b.text)
    assert "Mertons (2008) beschrijft dat veiligheid een waarde is" in para.text


def test_goal_bullets_are_list_items(leusden):
    items = {b.text for b in leusden.list_items()}
    assert "Het aantal autokraken terug brengen naar het gemiddelde van Midden Nederland." in items
    assert "Verkeersveiligheid rondom scholen/schoolroutes verhogen." in items
    assert "Alert reageren bij (dreigende) maatschappelijke onrust." in items


def test_bullet_broken_over_blank_lines_is_joined(leusden):
    item = next(
        b for b in leusden.list_items() if b.text.startswith("In samenwerking met het RIEC")
    )
    assert "witwassen en Handhavingsknelpunten en deze aan te pakken" in item.text
    item = next(b for b in leusden.list_items() if b.text.startswith("Het verhogen van het veil"))
    assert item.text.endswith("door het gebruik van sociale media;")


def test_paragraph_split_by_displaced_goal_box_is_rejoined(leusden):
    para = next(b for b in leusden.blocks if "tijdelijk uit" in b.text)
    assert "tijdelijk uit huis te plaatsen. Dit maakt het mogelijk" in para.text
    assert para.kind is BlockKind.PARAGRAPH


def test_page_start_paragraph_is_not_a_list_item(leusden):
    block = next(b for b in leusden.blocks if b.text.startswith("Naast de prioriteiten uit de"))
    assert block.kind is BlockKind.PARAGRAPH


def test_list_items_keep_marker_and_section(leusden):
    numbered = [b for b in leusden.list_items() if b.marker == "1."]
    assert numbered and numbered[0].section.startswith("3.2 GEORGANISEERDE")
    o_items = [b for b in leusden.list_items() if b.marker == "o"]
    assert o_items[0].text == "Een integrale aanpak van veiligheid."


def test_metadata_leusden(leusden):
    meta = leusden.metadata
    assert meta.organization == "Leusden"
    assert meta.period == Period(2016, 2019)
    assert meta.kind is DocumentKind.IVP
    assert "Veiligheidsplan" in meta.title


@pytest.mark.parametrize(
    ("path", "organization", "form"),
    [
        (HILVERSUM, "Hilversum", "proposal"),
        (TWENTE, "Twente", "proposal"),
        (LEUSDEN_LETTER, "Leusden", "letter"),
    ],
)
def test_metadata_short_documents(path, organization, form):
    """A proposal or letter about the regional strategy has the strategy's kind."""
    meta = ingest(str(path)).metadata
    assert meta.organization == organization
    assert meta.kind is DocumentKind.REGIONAL
    assert meta.form == form
    assert meta.period == Period(2019, 2022)


def test_numbered_list_with_parentheses_hilversum():
    doc = ingest(str(HILVERSUM))
    first = [b for b in doc.list_items() if b.after_cue]
    assert [b.marker for b in first] == ["1)", "2)", "3)"]
    assert first[2].text == "het bevorderen van cyberveiligheid."


def test_markdown_headings_and_dash_list_twente():
    doc = ingest(str(TWENTE))
    assert {"Inleiding", "Samenvatting", "Advies"} <= {h.text for h in doc.headings()}
    items = [b.text for b in doc.list_items() if b.after_cue]
    assert items == [
        "Ondermijning",
        "Kwetsbare Personen",
        "Cybercrime/gedigitaliseerde criminaliteit",
        "Informatie gestuurd werken",
    ]


def test_hyphenated_line_break_is_joined():
    doc_text = "Inleiding\n\nDe gemeente werkt aan veilig-\nheid en aan Midden-\nNederland.\n"
    result = run_cli("ingest", "-", "--format", "json", stdin=doc_text)
    blocks = json.loads(result.stdout)["blocks"]
    assert blocks[1]["text"] == "De gemeente werkt aan veiligheid en aan Midden-Nederland."


def test_real_bullet_glyphs_become_list_items():
    text = (
        "3.1 Woninginbraak\n\nDoelstellingen:\n\uf0b7 Het aantal woninginbraken daalt met 10%.\n"
        "\u2022 Meer inwoners in buurtpreventie.\n"
    )
    result = run_cli("ingest", "-", "--format", "json", stdin=text)
    items = [b for b in json.loads(result.stdout)["blocks"] if b["kind"] == "list_item"]
    assert [b["text"] for b in items] == [
        "Het aantal woninginbraken daalt met 10%.",
        "Meer inwoners in buurtpreventie.",
    ]
    assert all(b["section"] == "3.1 Woninginbraak" for b in items)


def test_ingest_json_contract():
    result = run_cli("ingest", str(LEUSDEN_IVP), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "veiligheid/ingest/v1"
    assert data["document"]["organization"] == "Leusden"
    assert data["document"]["period"] == {"start": 2016, "end": 2019}
    assert {"kind", "text", "line", "page", "section"} <= set(data["blocks"][0])


def test_ingest_markdown_renders_headings_and_lists():
    result = run_cli("ingest", str(TWENTE), "--format", "markdown")
    # the file's top headings are `##`: they are its chapters (level 1)
    assert "\n# Samenvatting\n" in result.stdout
    assert "- Kwetsbare Personen" in result.stdout


def test_cp1252_input_is_decoded_and_reported(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(
        "Veiligheidsplan gemeente Café 2020-2023\n\nHet aantal inbraken daalt.\n".encode("cp1252")
    )
    result = run_cli("ingest", str(path))
    assert result.exit_code == 0
    assert "Café" in result.stdout
    assert "decoded as cp1252" in result.stderr


def test_form_feed_pages_in_text_input(tmp_path):
    """pdftotext output: pages separated by form feeds, with a running header and page numbers."""
    lines = LEUSDEN_IVP.read_text(encoding="utf-8").split("\n")
    pages = []
    for n, start in enumerate(range(0, len(lines), 48), start=1):
        body = "\n".join(lines[start : start + 48])
        pages.append(f"Integraal Veiligheidsplan Leusden\n{body}\n{n}")
    path = tmp_path / "leusden-pdftotext.txt"
    path.write_text("\f".join(pages), encoding="utf-8")
    plain, paged = ingest(str(LEUSDEN_IVP)), ingest(str(path))
    assert paged.page_count == len(pages)
    numbered = lambda d: [(h.number, h.text) for h in d.headings() if h.number]  # noqa: E731
    assert numbered(paged) == numbered(plain)
    assert [b.text for b in paged.list_items()] == [b.text for b in plain.list_items()]
    assert not any(b.text.startswith("Integraal Veiligheidsplan Leusden") for b in paged.blocks)
    goal = next(b for b in paged.list_items() if b.text.startswith("Het aantal autokraken"))
    assert goal.page == 802 // 48 + 1
    source_line = path.read_text(encoding="utf-8").split("\n")[goal.line - 1]
    assert source_line.strip().startswith("Het aantal")


def test_a_regional_agenda_is_known_by_the_parties_that_make_it():
    from veiligheid_cli.ingest import ingest_text
    from veiligheid_cli.model import DocumentKind

    doc = ingest_text(
        "Veiligheidsagenda Twente 2025-2028\n\n1. Inleiding\n\nDe veertien Twentse gemeenten, "
        "het Openbaar Ministerie en de politie stellen samen deze agenda vast.\n"
    )
    assert doc.metadata.kind is DocumentKind.REGIONAL
