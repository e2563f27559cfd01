"""Goals as real documents state them (issue "Goals as real documents state them"): target
sentences in many verbal forms, indicator tables flattened to text, and the look-alikes that are
not goals. Every text here is written for this test in our own words; none is taken from a real
document. The texts run the whole pipeline (ingest, NLP, every extraction pass)."""

from __future__ import annotations

import pytest

from veiligheid_cli.extract.targets import is_target_statement, read_target
from veiligheid_cli.ingest import ingest_text
from veiligheid_cli.model import BlockKind
from veiligheid_cli.pipeline import Settings, extract_file
from veiligheid_cli.rules import load_extract_rules

RULES = load_extract_rules()
CUES = RULES.target_cues


def is_target(text: str, period_start: int | None = 2025) -> bool:
    return is_target_statement(text, CUES, RULES.clause_words, period_start)


def goals(tmp_path, text: str) -> list:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path, Settings()).goals


# --- 1. target sentences: a bound, an end state, a change, a state to keep ----------------

TARGETS = {
    "change by a share, year and baseline": (
        "Het aantal fietsdiefstallen daalt in 2028 met 12% ten opzichte van 2024.",
        ("12%", "by", "down", 2028, "2024"),
    ),
    "ceiling": (
        "Het aantal meldingen van burenruzies komt niet boven de 150 per jaar.",
        ("150", "at_most", "", None, None),
    ),
    "floor": (
        "Het rapportcijfer voor de veiligheid in de wijk is minimaal een 7,2.",
        ("7,2", "at_least", "", None, None),
    ),
    "end state with a baseline value": (
        "Het percentage ondernemers dat aangifte doet moet stijgen van 40% (2024) naar 55%.",
        ("55%", "to", "up", None, "40%"),
    ),
    "share before its direction": (
        "Elk jaar 8% minder meldingen van geluidsoverlast.",
        ("8%", "by", "down", None, None),
    ),
    "comparative end state": (
        "Bewoners van de binnenstad voelen zich in 2027 veiliger dan in 2023.",
        ("", "than", "up", 2027, "2023"),
    ),
    "norm to keep": (
        "De gemeente moet de norm van 1 handhaver per 4000 inwoners handhaven.",
        ("1", "keep", "", None, None),
    ),
    "time norm": (
        "Een melding van overlast door een pand krijgt binnen 48 uur een reactie.",
        ("48", "at_most", "", None, None),
    ),
    "a benchmark as the value": (
        "Het aandeel inwoners dat zich veilig voelt is gelijk aan of hoger dan het landelijk "
        "gemiddelde.",
        ("het landelijk gemiddelde", "at_least", "up", None, None),
    ),
    "a number in words, an intention and a year": (
        "Wij willen in 2027 niet langer bij de tien gemeenten met de meeste autodiefstallen horen.",
        ("tien", "to", "", 2027, None),
    ),
    "a signed share against a baseline": (
        "-15% t.o.v. 2022 (840)",
        ("-15%", "by", "down", None, "840"),
    ),
    # an end state for a year, without a figure: the verb carries it
    "a state kept for a year": (
        "Het aantal meldingen van burenruzies stabiliseert in 2027.",
        ("", "keep", "", 2027, None),
    ),
    "a direction for a year against an earlier year, abbreviated without dots": (
        "Het aantal fietsongevallen bij scholen vermindert in 2027 tov 2025.",
        ("", "than", "down", 2027, "2025"),
    ),
}


@pytest.mark.parametrize("name", TARGETS)
def test_target_sentences(name):
    text, (value, comparison, direction, year, baseline) = TARGETS[name]
    assert is_target(text), text
    target, base = read_target(text, CUES)
    assert target is not None
    assert (target.value, target.comparison, target.direction, target.year) == (
        value, comparison, direction, year
    )  # fmt: skip
    if baseline is None:
        assert base is None or not (base.value or base.year)
    else:
        assert baseline in (base.value, str(base.year))


LOOK_ALIKES = {
    "a realised figure, past tense": "In 2023 waren er 41 woninginbraken in de gemeente.",
    "a perfect tense report": "Het aantal straatroven is vorig jaar met 20% afgenomen.",
    "a figure reported": "Het aantal lopende zaken bedraagt dit jaar 27.",
    "a plain state": "Het gemiddelde rapportcijfer voor de buurt is 7,1.",
    "an activity": "We organiseren elk jaar twee voorlichtingsavonden over inbraakpreventie.",
    "an aim without a target": "Wij streven naar een zo klein mogelijk aantal branden.",
    "a budget that rises": "Het budget voor toezicht stijgt in 2026 met 4%.",
    "a description of change with its baseline": "Dit is bijna een verdubbeling t.o.v. 2021.",
    "a count that is no change": "Met 12 partners om tafel is afstemming lastig.",
    "a history": "De ambitie was om in 2022 het percentage te verhogen naar 90%.",
}


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_look_alikes_are_no_targets(name):
    assert not is_target(LOOK_ALIKES[name], period_start=None), LOOK_ALIKES[name]


def test_a_numbered_goal_label_says_goal(tmp_path):
    text = (
        "Jaarplan veiligheid 2026\n\nOndermijning\n\n"
        "Doelstelling 3: in 2026 heeft elke wijk een buurtpreventieteam.\n"
    )
    assert [g.text for g in goals(tmp_path, text)] == [
        "In 2026 heeft elke wijk een buurtpreventieteam."  # the label says goal, and goes
    ]


def test_a_number_word_without_intent_or_change_is_no_target():
    assert not is_target("De gemeente telt drie wijkteams en twee politiebureaus.")


def test_a_year_before_the_plan_is_history():
    assert not is_target("In 2019 daalt het aantal inbraken met 5%.", period_start=2025)
    assert is_target("In 2027 daalt het aantal inbraken met 5%.", period_start=2025)


# --- 2. indicator tables flattened to text ---------------------------------------------------

ONE_CELL_PER_PARAGRAPH = """Programma Openbare orde

Indicator

Bron

Realisatie
2023

Streefwaarde
2026

Aantal fietsdiefstallen per 1.000 inwoners

Politie

6,2

5,0

Aandeel inwoners dat zich veilig voelt

Enquête

81%

85%

Meldingen jongerenoverlast

Politie

120

Toelichting: de cijfers van 2023 zijn voorlopig.
"""


def test_one_cell_per_paragraph_table(tmp_path):
    doc = ingest_text(ONE_CELL_PER_PARAGRAPH, "t.txt")
    rows = [b for b in doc.blocks if b.kind is BlockKind.TABLE_ROW and b.columns]
    assert [b.cells[0] for b in rows] == [
        "Aantal fietsdiefstallen per 1.000 inwoners",
        "Aandeel inwoners dat zich veilig voelt",
    ]  # the row with a missing cell cannot be assigned: it stays text
    assert rows[0].columns == ("Indicator", "Bron", "Realisatie 2023", "Streefwaarde 2026")
    found = goals(tmp_path, ONE_CELL_PER_PARAGRAPH)
    assert [(g.indicator, g.target) for g in found] == [
        ("Aantal fietsdiefstallen per 1.000 inwoners", "5,0 (Streefwaarde 2026)"),
        ("Aandeel inwoners dat zich veilig voelt", "85% (Streefwaarde 2026)"),
    ]
    assert found[0].measure.year == 2026 and found[0].measure.number == 5.0
    assert found[0].line == 13  # where the row's first cell stands


FIGURES_UNDER_YEARS = """Veiligheid

Aantal woningbranden per 1.000 woningen

Realisatie

Streefwaarde

2021

2022

2023

2023

1,4

1,3

1,5

1,2

Bron: brandweer
"""


def test_figures_under_years(tmp_path):
    found = goals(tmp_path, FIGURES_UNDER_YEARS)
    assert [g.target for g in found] == ["1,2 (Streefwaarde 2023)"]
    assert found[0].indicator == "Aantal woningbranden per 1.000 woningen"


ROW_PER_LINE = """Indicatoren

Indicator Bron B2025 R2025
Aantal meldingen drugsoverlast Politie 90 104
Aantal buurtpreventieteams Gemeente 12 14
"""


def test_one_row_per_line_and_planned_columns(tmp_path):
    found = goals(tmp_path, ROW_PER_LINE)
    assert [g.target for g in found] == ["90 (B2025)", "12 (B2025)"]  # R2025 is realised


def test_pipe_rows_without_the_leading_pipe(tmp_path):
    text = (
        "Indicatoren veiligheid\n\nIndicator | Nulmeting | Streefwaarde 2026 |\n"
        "Aantal autokraken per 1.000 inwoners | 3,1 | 2,5 |\n"
        "Rapportcijfer veiligheid eigen buurt | 7,0 | 7,4 |\n"
    )
    found = goals(tmp_path, text)
    assert [g.target for g in found] == ["2,5 (Streefwaarde 2026)", "7,4 (Streefwaarde 2026)"]


def test_years_after_a_target_label_are_target_columns(tmp_path):
    text = (
        "Indicatoren\n\nIndicator\n\nRealisatie 2023\n\nDoel 2025\n\n2026\n\n"
        "Aangiften van woninginbraak\n\n212\n\n<200\n\n<190\n"
    )
    found = goals(tmp_path, text)
    assert [g.target for g in found] == ["<200 (Doel 2025); <190 (Doel 2026)"]
    assert found[0].measure.comparison == "at_most"


# A header in two rows: the groups above, the years below (the groups' spans lost as text)
TWO_ROW_HEADER = """Kengetallen wijkveiligheid

Gerealiseerd | Verwachting | Doel | | | | |
Kengetal | 2021 | 2022 | 2023 | 2024 | 2024 | 2027 | Herkomst |
Inbraken in schuurtjes en garages | 88 | 91 | 79 | 84 | 75 | 60 | Politie |
Bewoners die zich 's avonds onveilig voelen | 21% | 19% | 22% | 20% | 18% | 15% | Peiling |
"""


def test_a_two_row_header_puts_each_year_under_its_group(tmp_path):
    found = goals(tmp_path, TWO_ROW_HEADER)
    # the realised years and the expectation for 2024 are no targets; the row of years no goal
    assert [g.target for g in found] == [
        "75 (Doel 2024); 60 (Doel 2027)",
        "18% (Doel 2024); 15% (Doel 2027)",
    ]
    assert found[0].indicator == "Inbraken in schuurtjes en garages"


def test_stacked_header_needs_years_under_fewer_groups():
    from veiligheid_cli.ingest.headers import stack_header

    assert stack_header(("A", "B", ""), ("Naam", "2020", "2021")) == ("Naam", "A 2020", "B 2021")
    assert stack_header(("Naam", "Bron", "Doel"), ("x", "2020", "2021")) is None  # a full header
    assert stack_header(("A", ""), ("Naam", "12", "2021")) is None  # figures, not years
    assert stack_header(("A", "B", "C", "D"), ("Naam", "2020", "2021", "")) is None


def test_notes_between_rows_do_not_break_the_table(tmp_path):
    text = (
        "Wat willen we bereiken?\n\nIndicator\n\nNulmeting\n\nDoelstelling 2025\n\n"
        "Realisatie 2025\n\nPercentage inwoners dat 's avonds onveilig is\n\n21%\n\n18%\n\n"
        "20%\n\nBron: eigen enquête\n\nAantal meldingen van vuurwerkoverlast\n\n310\n\n250\n\n"
        "262\n\nBron: meldkamer\n"
    )
    found = goals(tmp_path, text)
    assert [g.target for g in found] == ["18% (Doelstelling 2025)", "250 (Doelstelling 2025)"]
    doc = ingest_text(text, "t.txt")
    assert any(b.text == "Bron: meldkamer" for b in doc.blocks)  # the note stays in the text


def test_other_areas_are_comparison_rows(tmp_path):
    text = (
        "Beleidsindicatoren\n\nIndicator | Rekening 2024 | Begroting 2025 |\n"
        "Winkeldiefstallen per 1.000 inwoners | | |\nGemeente | 1,4 | 1,2 |\n"
        "Provincie | 1,9 | 1,8 |\nNederland | 2,2 | 2,1 |\n"
    )
    found = goals(tmp_path, text)
    assert [g.text for g in found] == [
        "Winkeldiefstallen per 1.000 inwoners (Gemeente): 1,2 (Begroting 2025)"
    ]


def test_a_goal_restated_after_its_table_counts_once(tmp_path):
    text = (
        "Indicatoren\n\nIndicator | Streefwaarde 2026 |\nAandeel inwoners dat zich veilig voelt"
        " | 85% |\n\nIn 2026 voelt ten minste 85% van de inwoners zich veilig in de eigen buurt.\n"
    )
    assert len(goals(tmp_path, text)) == 1


def test_forecast_and_realised_columns_are_no_goals(tmp_path):
    text = (
        "Kengetallen\n\nKengetal\n\nRealisatie 2023\n\nVerwachting 2025\n\n"
        "Winkeldiefstallen per 1.000 inwoners\n\n1,1\n\n1,0\n"
    )
    assert goals(tmp_path, text) == []


def test_labels_then_figures_with_a_bound(tmp_path):
    text = (
        "Doel 2: een veilige woonomgeving\n\nRapportcijfer buurt\n\nAandeel slachtoffers\n\n"
        "Minimaal 7,5\n\n12%\n"
    )
    assert [g.text for g in goals(tmp_path, text)] == [
        "Rapportcijfer buurt: Minimaal 7,5",
        "Aandeel slachtoffers: 12%",
    ]


def test_a_table_of_amounts_is_no_indicator_table(tmp_path):
    text = (
        "Lasten en baten\n\nPost Begroting 2025 Rekening 2025\nLasten 2.481.100 2.390.450\n"
        "Baten 120.300 98.100\n"
    )
    assert goals(tmp_path, text) == []


# --- 3. aims beside measured goals ------------------------------------------------------------


def test_a_topic_beside_a_target_in_one_list_is_no_goal(tmp_path):
    text = (
        "Veiligheid in de kernen\n\nDit willen we bereiken:\n\n- een vast aanspreekpunt per dorp\n"
        "- elk jaar 10% minder meldingen van vernielingen\n- minder overlast van hangjongeren\n"
    )
    found = [g.text for g in goals(tmp_path, text)]
    assert "een vast aanspreekpunt per dorp" not in found  # a topic beside measured goals
    assert found[0] == "elk jaar 10% minder meldingen van vernielingen"
    # a direction without a figure is an aim: a goal in a plan (test_goal_model.py), and on a
    # page that measures its goals, as here, the goal model's call


def test_aims_that_an_indicator_table_measures(tmp_path):
    text = (
        "Programma Veiligheid\n\nWat willen we bereiken?\n\n- Inwoners voelen zich thuis veilig.\n"
        "- Ondermijning krijgt geen kans.\n\nIndicatoren\n\n" + ROW_PER_LINE.split("\n\n", 1)[1]
    )
    assert [g.target for g in goals(tmp_path, text)] == ["90 (B2025)", "12 (B2025)"]


def test_goals_without_a_figure_stay_goals_where_nothing_is_measured(tmp_path):
    text = (
        "Integraal Veiligheidsplan Zeewolde 2025-2028\n\n3 Thema's\n\n3.1 Ondermijning\n\n"
        "Wat willen we bereiken?\n\n- Ondernemers herkennen signalen van ondermijning.\n"
        "- Er is een vast meldpunt voor signalen.\n"
    )
    assert len(goals(tmp_path, text)) == 2


def test_each_sentence_of_a_numbered_aim_on_its_own(tmp_path):
    text = (
        "Begroting veiligheid\n\nDit willen we bereiken:\n\n"
        "1. We houden de buurtavonden in elke kern. Daardoor stijgt het rapportcijfer voor de "
        "buurt tot 2027 naar minimaal 7.6. Ook werken we samen met de scholen.\n"
        "2. We geven voorlichting over babbeltrucs aan ouderen.\n"
    )
    found = goals(tmp_path, text)
    assert [g.text for g in found] == [
        "Daardoor stijgt het rapportcijfer voor de buurt tot 2027 naar minimaal 7.6."
    ]
    assert (found[0].measure.value, found[0].measure.year) == ("7.6", 2027)
    assert found[0].measure.number == 7.6


def test_a_section_that_explains_figures_states_no_goals(tmp_path):
    text = (
        "Programma veiligheid\n\nToelichting ontwikkeling\n\nWij streven naar zo weinig "
        "mogelijk inbraken in woningen. Het aantal inbraken nam de laatste jaren af.\n"
    )
    assert goals(tmp_path, text) == []


def test_a_page_that_repeats_its_goal_keeps_it_once(tmp_path):
    text = (
        "Jaarstukken\n\n1. Het aantal inbraken daalt in 2027 met 10%\n\n"
        "1. Het aantal inbraken daalt in 2027 met 10%\n\nToelichting bij dit doel.\n"
    )
    found = goals(tmp_path, text)
    assert [g.measure.value for g in found] == ["10%"]


def test_an_item_that_starts_with_its_figure_keeps_it(tmp_path):
    text = "Veilig wonen\n\nDit willen we bereiken:\n\n- 15 % minder meldingen van burenruzies\n"
    found = goals(tmp_path, text)
    assert [(g.text, g.measure.value) for g in found] == [
        ("15 % minder meldingen van burenruzies", "15 %")
    ]


def test_a_heading_loses_its_chapter_number_not_a_year_or_figure():
    from veiligheid_cli.extract.text import strip_number

    assert strip_number("3. Wat we blijven doen") == "Wat we blijven doen"
    assert strip_number("2.1 Veilige wijken") == "Veilige wijken"
    assert strip_number("2027 minder woninginbraken") == "2027 minder woninginbraken"
    assert strip_number("5 % minder meldingen") == "5 % minder meldingen"


# --- 4. a list whose bullets were lost, after a lead-in that counts its goals ----------------

COUNTED = """Integraal Veiligheidsplan 2025-2028

2 Onze prioriteiten

2.1 Veilig wonen

{count_sentence} Deze doelen luiden: Minder woninginbraken in alle kernen; Een snellere aanpak \
van overlast door jongeren op straat. Samen met scholen en ouders uitzoeken hoe buurtteams \
kunnen meedenken over de veiligheid.
"""


def test_a_counted_lead_in_makes_the_pieces_after_it_goals(tmp_path):
    """A PDF or web page that merged a bulleted list into its lead-in paragraph: where the
    paragraph says how many goals follow and exactly that many pieces do, each is a goal, also
    one without a goal's form."""
    text = COUNTED.format(count_sentence="Voor deze periode heeft de raad drie doelen gekozen.")
    found = [g.text for g in goals(tmp_path, text)]
    assert any(t.startswith("Minder woninginbraken") for t in found), found
    assert any(t.startswith("Een snellere aanpak van overlast") for t in found), found
    assert any(t.startswith("Samen met scholen en ouders") for t in found), found


@pytest.mark.parametrize(
    "count_sentence",
    [
        "Voor deze periode heeft de raad doelen gekozen.",  # no count: only goals by form
        "Voor deze periode heeft de raad vier doelen gekozen.",  # four stated, three follow
        "Voor deze periode heeft de raad geen drie doelen gekozen.",  # negated
    ],
)
def test_without_a_matching_count_only_goal_forms_count(tmp_path, count_sentence):
    found = [g.text for g in goals(tmp_path, COUNTED.format(count_sentence=count_sentence))]
    assert not any(t.startswith("Samen met scholen") for t in found), found


def test_an_end_state_for_a_year_before_the_plan_is_history_even_with_intent():
    # a past decision run into a sentence of intent (a comma where a full stop was meant)
    text = "In 2021 is een verordening vastgesteld, als gemeente zullen wij de naleving verbeteren."
    assert not is_target(text, period_start=2025)
    assert is_target("In 2027 wil de gemeente de naleving verbeteren.", period_start=2025)
