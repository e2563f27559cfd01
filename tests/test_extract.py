"""Extraction on the real corpus: priorities, goals, regional references, JSON contract."""

from __future__ import annotations

import json

import pytest

from veiligheid_cli.pipeline import Settings, extract_file

from conftest import HILVERSUM, LEUSDEN_IVP, LEUSDEN_LETTER, TWENTE, run_cli


@pytest.fixture(scope="module")
def leusden():
    return extract_file(LEUSDEN_IVP, Settings())


def _texts(items):
    return [i.text for i in items]


def test_twente_exactly_four_priorities_with_right_themes():
    ex = extract_file(TWENTE, Settings())
    assert _texts(ex.priorities) == [
        "Ondermijning",
        "Kwetsbare Personen",
        "Cybercrime/gedigitaliseerde criminaliteit",
        "Informatie gestuurd werken",
    ]
    first_themes = [p.themes[0] for p in ex.priorities]
    assert first_themes == [
        "ondermijning",
        "kwetsbare_personen",
        "cyberveiligheid",
        "informatiegestuurd_werken",
    ]


@pytest.mark.parametrize("path", [HILVERSUM, LEUSDEN_LETTER])
def test_midden_nederland_three_regional_priorities(path):
    ex = extract_file(path, Settings())
    assert len(ex.priorities) == 3
    themes = {p.themes[0] for p in ex.priorities if p.themes}
    assert themes == {"ondermijning", "zorg_veiligheid", "cyberveiligheid"}
    assert any("georganiseerde ondermijnende criminaliteit" in p.text for p in ex.priorities)
    assert all(p.line > 0 for p in ex.priorities)


def test_hilversum_remark_about_its_own_ivp_is_not_a_priority():
    ex = extract_file(HILVERSUM, Settings())
    assert not any("speerpunt" in p.text for p in ex.priorities)
    assert not any(p.line in (97, 98, 99, 100) for p in ex.priorities)


def test_leusden_goals_of_chapter_3_with_themes_and_lines(leusden):
    goals = {g.text: g for g in leusden.goals}
    autokraken = goals[
        "Het aantal autokraken terug brengen naar het gemiddelde van Midden Nederland."
    ]
    assert autokraken.line == 802
    assert "veelvoorkomende_criminaliteit" in autokraken.themes
    assert autokraken.section.startswith("3.1.7")  # moved back from the text box in 3.3.1
    verkeer = goals["Verkeersveiligheid rondom scholen/schoolroutes verhogen."]
    assert "verkeersveiligheid" in verkeer.themes
    assert verkeer.section.startswith("3.3.4")
    chapter3 = [g for g in leusden.goals if g.section.startswith("3")]
    assert 17 <= len(chapter3) <= 26


def test_leusden_no_goal_from_url_footnote_or_partner_list(leusden):
    for g in leusden.goals:
        assert "http" not in g.text and "www." not in g.text
        assert "(2008)" not in g.text and "et al." not in g.text
        assert not g.text.startswith(("Bewoners", "Wijkagenten", "Veiligheidsregio Utrecht"))
        assert not g.section.startswith("Bijlage")


def test_leusden_references_the_four_regional_priorities_2015_2018(leusden):
    refs = _texts(leusden.regional_references)
    for expected in (
        "Veilige buurten",
        "Misdrijven met grote impact op het slachtoffer",
        "Georganiseerde ondermijnende criminaliteit",
    ):
        assert expected in refs
    assert any(r.startswith("De Persoonsgerichte aanpak") for r in refs)
    assert all(r.line in range(345, 352) for r in leusden.regional_references[:4])


def test_leusden_priorities_are_the_themes_chapter(leusden):
    sections = [p.section for p in leusden.priorities]
    assert any(s.startswith("3.2 GEORGANISEERDE") for s in sections)
    assert all(s.startswith("3.") for s in sections)
    ondermijning = next(p for p in leusden.priorities if p.section.startswith("3.2"))
    assert "ondermijning" in ondermijning.themes


def test_extract_json_contract():
    result = run_cli("extract", str(TWENTE), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "veiligheid/extract/v1"
    assert set(data["document"]) >= {"path", "title", "organization", "kind", "period"}
    assert data["document"]["kind"] == "regional"  # a proposal about the regional strategy
    assert data["document"]["form"] == "proposal"
    assert data["document"]["period"] == {"start": 2019, "end": 2022}
    item = data["priorities"][0]
    assert set(item) >= {"text", "themes", "section", "line", "page", "confidence"}
    assert isinstance(data["goals"], list) and isinstance(data["regional_references"], list)


def test_extract_markdown_and_table_formats():
    md = run_cli("extract", str(HILVERSUM), "--format", "markdown")
    assert md.exit_code == 0
    assert "## Priorities (3)" in md.stdout
    table = run_cli("extract", str(HILVERSUM))
    assert table.exit_code == 0
    assert "cyberveiligheid" in table.stdout


def test_themes_command_lists_taxonomy():
    result = run_cli("themes", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "veiligheid/themes/v1"
    assert 25 <= len(data["themes"]) <= 40
    assert {f["id"] for f in data["fields"]} >= {"woon_leefomgeving", "integriteit"}
    assert run_cli("themes").exit_code == 0
    assert "| `ondermijning` |" in run_cli("themes", "-f", "markdown").stdout


def test_other_layout_without_themes_cue_goal_labels_and_targets():
    """Markdown headings, a chapter that does not say 'thema's', 'Doel:' labels, a target year."""
    from conftest import FIXTURES

    ex = extract_file(FIXTURES / "plan-other-layout.md", Settings())
    assert [p.themes[0] for p in ex.priorities] == [
        "woninginbraak",
        "jeugdoverlast",
        "ondermijning",
    ]
    # inferred from the chapter's sections, not announced; each says why the model took it
    assert all(p.cue == "section of a themes chapter" and p.why for p in ex.priorities)
    goals = [g.text for g in ex.goals]
    assert goals[0].startswith("In 2028 is het aantal woninginbraken met 20% gedaald")
    assert goals[1].startswith("Minder meldingen van jeugdoverlast")
    assert "15 integrale controles" in goals[2]
    assert ex.document.metadata.period is not None and ex.document.metadata.period.start == 2025


def test_table_of_contents_does_not_double_the_priorities():
    from veiligheid_cli.ingest import ingest
    from veiligheid_cli.model import BlockKind

    from conftest import FIXTURES

    path = FIXTURES / "plan-with-toc.txt"
    doc = ingest(str(path))
    numbers = [h.number for h in doc.headings() if h.number]
    assert numbers == ["1", "2", "2.1", "2.2", "2.3", "3"]
    assert all(h.line > 10 for h in doc.headings() if h.number)
    toc = [b for b in doc.blocks if b.kind is BlockKind.TABLE_ROW]
    assert len(toc) == 6
    ex = extract_file(path, Settings())
    assert [p.text for p in ex.priorities] == ["Woninginbraak", "Jeugdoverlast", "Ondermijning"]
    assert len(ex.goals) == 3


def test_three_questions_layout():
    """'Speerpunt N:' headings; goals under 'Wat willen we bereiken?', not the actions under
    'Wat gaan we daarvoor doen?'."""
    from conftest import FIXTURES

    ex = extract_file(FIXTURES / "plan-three-questions.txt", Settings())
    assert [p.text for p in ex.priorities] == [
        "Ondermijning",
        "Jeugd en veiligheid",
        "Cyberveiligheid",
    ]
    assert [p.themes[0] for p in ex.priorities] == [
        "ondermijning",
        "jeugdoverlast",
        "cyberveiligheid",
    ]
    goals = [g.text for g in ex.goals]
    assert len(goals) == 4
    assert not any(
        g.startswith(("Ontwikkelen", "Organiseren", "Inzetten", "Voorlichting")) for g in goals
    )
    by_section = {g.section for g in ex.goals}
    assert by_section == {p.section for p in ex.priorities}
    assert ex.document.metadata.title.startswith("Integraal Veiligheidsbeleid")


def test_regional_strategy_with_a_chapter_per_priority():
    from veiligheid_cli.model import DocumentKind

    from conftest import FIXTURES

    ex = extract_file(FIXTURES / "regional-strategy-chapters.txt", Settings())
    assert ex.document.metadata.kind is DocumentKind.REGIONAL
    assert ex.document.metadata.organization == "Noorderkwartier"
    assert [p.themes[0] for p in ex.priorities] == [
        "ondermijning",
        "zorg_veiligheid",
        "cyberveiligheid",
    ]
    result = run_cli(
        "align",
        str(FIXTURES / "plan-names-every-regional-priority.txt"),
        str(FIXTURES / "regional-strategy-chapters.txt"),
        "-f",
        "json",
    )
    assert json.loads(result.stdout)["coverage"] == 1.0


def test_mentions_left_out_to_bound_the_work_are_counted(tmp_path):
    """A theme keeps its first 300 sentences as evidence; the rest is counted, not dropped
    silently (JSON `notes`, one warning on stderr, none with --quiet or on a normal plan)."""
    from veiligheid_cli.extract.mentions import MAX_PER_THEME

    plan = tmp_path / "dicht.txt"
    sentences = [
        f"In buurt {n} pakken we ondermijning samen aan." for n in range(MAX_PER_THEME + 40)
    ]
    plan.write_text(
        "Integraal Veiligheidsplan 2025-2028\n\n" + "\n\n".join(sentences), encoding="utf-8"
    )
    out = tmp_path / "out.json"
    result = run_cli("extract", str(plan), "-f", "json", "-o", str(out))
    expected = (
        f"theme 'ondermijning': {MAX_PER_THEME} sentences kept as evidence, 40 more left "
        f"out (at most {MAX_PER_THEME} per theme)"
    )
    assert json.loads(out.read_text(encoding="utf-8"))["notes"] == [expected]
    assert result.stderr.strip() == f"veiligheid: warning: {expected}"
    assert run_cli("extract", str(plan), "-f", "json", "-q", "-o", str(out)).stderr == ""
    normal = run_cli("extract", str(LEUSDEN_IVP), "-f", "json")
    assert json.loads(normal.stdout)["notes"] == [] and normal.stderr == ""
