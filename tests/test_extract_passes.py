"""Each extraction pass alone, on short texts: what it adds, and what it leaves alone."""

from __future__ import annotations

import pytest

from veiligheid_cli.extract import DEFAULT_PASSES, PASSES, ExtractionContext, extract
from veiligheid_cli.ingest import ingest_text
from veiligheid_cli.nlp import analyse_blocks
from veiligheid_cli.rules import load_extract_rules, resolve_rules_dir
from veiligheid_cli.themes import themed_pipeline

RULES = str(resolve_rules_dir(None))


def context(text: str) -> ExtractionContext:
    doc = ingest_text(text)
    analysed = analyse_blocks(themed_pipeline(None, RULES), doc.blocks)
    return ExtractionContext(doc, analysed, load_extract_rules(RULES))


GENERATORS = DEFAULT_PASSES[: DEFAULT_PASSES.index("select_priorities")]


def run(text: str, *names: str) -> ExtractionContext:
    """Run the passes named; the model selects among the priority candidates right after the
    last candidate generator named."""
    ctx = context(text)
    last = max((k for k, n in enumerate(names) if n in GENERATORS), default=None)
    last = None if "select_priorities" in names else last
    for k, name in enumerate(names):
        PASSES[name](ctx)
        if k == last:
            PASSES["select_priorities"](ctx)
    return ctx


def texts(items) -> list[str]:
    return [i.text for i in items]


IVP_HEAD = "Integraal Veiligheidsplan gemeente Zeewolde 2023-2026\n\n"


def test_every_default_pass_is_registered_and_documented():
    assert set(DEFAULT_PASSES) <= set(PASSES)
    for name in DEFAULT_PASSES:
        assert PASSES[name].__doc__, name


def test_priority_cue_lists_takes_the_list_after_the_lead_in():
    ctx = run(
        IVP_HEAD + "De prioriteiten voor de komende jaren zijn:\n\n"
        "- Ondermijning\n- Woninginbraak\n\nDaarna volgt de uitvoering.\n",
        "priority_statements",
    )
    assert texts(ctx.priorities) == ["Ondermijning", "Woninginbraak"]
    assert ctx.priorities[0].themes[0] == "ondermijning"


def test_priority_cue_lists_ignores_a_negated_lead_in():
    ctx = run(
        IVP_HEAD + "De volgende onderwerpen zijn geen prioriteit:\n\n- Evenementen\n- Brandweer\n",
        "priority_statements",
    )
    assert ctx.priorities == []


def test_priority_cue_lists_in_a_local_plan_turns_regional_lists_into_references():
    ctx = run(
        IVP_HEAD + "De regionale prioriteiten zijn:\n\n- Ondermijning\n- Cybercrime\n",
        "priority_statements",
    )
    assert ctx.priorities == []
    assert texts(ctx.references) == ["Ondermijning", "Cybercrime"]


def test_inline_enumerations_splits_one_sentence():
    ctx = run(
        "Voorstel aan het college\n\nDe partners hebben als prioriteit benoemd: ondermijning, "
        "zorg en veiligheid en het bevorderen van cyberveiligheid.\n",
        "priority_statements",
    )
    assert texts(ctx.priorities) == [
        "ondermijning",
        "zorg en veiligheid",
        "het bevorderen van cyberveiligheid",
    ]


def test_themes_chapter_sections_are_the_leaf_sections_of_the_chapter():
    ctx = run(
        IVP_HEAD + "1 Inleiding\n\nDit is het plan.\n\n2 Thema's en prioriteiten\n\n"
        "2.1 Woninginbraak\n\nInbraken nemen toe.\n\n2.2 Jeugdoverlast\n\nJongeren.\n",
        "themes_chapter_sections",
    )
    assert texts(ctx.priorities) == ["Woninginbraak", "Jeugdoverlast"]
    assert ctx.priorities[1].section == "2.2 Jeugdoverlast"


def test_labelled_headings_take_the_text_after_the_label():
    ctx = run(
        IVP_HEAD + "Speerpunt 1: Ondermijning\n\nWat willen we bereiken?\n\n"
        "- Minder drugshandel in 2026.\n",
        "labelled_headings",
    )
    assert texts(ctx.priorities) == ["Ondermijning"]


def test_priority_sentences_need_a_theme_and_no_negation():
    ctx = run(
        IVP_HEAD + "Huiselijk geweld is een belangrijke prioriteit voor de gemeente. "
        "Evenementen zijn geen prioriteit.\n",
        "priority_statements",
    )
    assert len(ctx.priorities) == 1
    assert "huiselijk_geweld" in ctx.priorities[0].themes


def test_themed_chapters_only_when_nothing_else_was_found():
    text = IVP_HEAD + "1 Ondermijning\n\nTekst.\n\n2 Zorg en veiligheid\n\nTekst.\n"
    ctx = run(text, "themed_chapters")
    assert texts(ctx.priorities) == ["Ondermijning", "Zorg en veiligheid"]
    ctx = context(text)
    ctx.priorities.append(ctx.item(ctx_kind("priority"), 0, "X", [], 0.9, "test"))
    PASSES["themed_chapters"](ctx)
    assert texts(ctx.priorities) == ["X"]


def ctx_kind(name: str):
    from veiligheid_cli.model import ItemKind

    return ItemKind(name)


def test_goal_cue_lists_takes_goals_outside_an_introduction():
    ctx = run(
        IVP_HEAD + "2 Woninginbraak\n\nOnze doelen zijn:\n\n"
        "- minder inbraken\n- meer buurtpreventie\n",
        "goal_cue_lists",
    )
    assert texts(ctx.goals) == ["minder inbraken", "meer buurtpreventie"]


def test_goal_cue_lists_skips_lists_already_taken_as_priorities():
    ctx = run(
        IVP_HEAD + "Onze prioriteiten en doelen zijn:\n\n- Ondermijning\n",
        "priority_statements",
        "goal_cue_lists",
    )
    assert texts(ctx.priorities) == ["Ondermijning"] and ctx.goals == []


def test_goal_items_need_a_goal_verb_in_a_themes_chapter_and_skip_actions():
    ctx = run(
        IVP_HEAD + "2 Thema's\n\n2.1 Woninginbraak\n\nWat willen we bereiken?\n\n"
        "- Het aantal woninginbraken verminderen.\n\nWat gaan we daarvoor doen?\n\n"
        "- Voorlichting geven over hang- en sluitwerk.\n",
        "goal_items",
    )
    assert texts(ctx.goals) == ["Het aantal woninginbraken verminderen."]


def test_goal_sentences_need_a_statement_or_a_measurable_target():
    ctx = run(
        IVP_HEAD + "2 Woninginbraak\n\nOns doel is dat het aantal woninginbraken daalt. "
        "Inbraken komen vaak voor.\n",
        "goal_sentences",
    )
    assert texts(ctx.goals) == ["Ons doel is dat het aantal woninginbraken daalt."]


def test_reassign_displaced_goals_moves_a_goal_to_the_section_of_its_theme():
    ctx = run(
        IVP_HEAD + "3 Thema's en prioriteiten\n\n3.1 Verkeersveiligheid\n\n"
        "De verkeersveiligheid rond scholen vraagt aandacht.\n\n3.2 Woninginbraak\n\n"
        "Inbraken in woningen nemen toe. Woninginbraak blijft een zorg.\n\n"
        "- Verkeersveiligheid rondom scholen verhogen.\n",
        "goal_items",
        "reassign_displaced_goals",
    )
    assert ctx.goals[0].section == "3.1 Verkeersveiligheid"
    assert "moved from 3.2 Woninginbraak" in ctx.goals[0].cue


GOAL_PASSES = ("goal_tables", "goal_cue_lists", "goal_items", "goal_phrases", "goal_sentences")
BOX = (
    "- Het aantal beheerders van appgroepen vergroten.\n"
    "- Meer borden plaatsen bij de ingang van elke straat met een appgroep.\n\n"
)
BOX_CHAPTER = (
    IVP_HEAD + "3 Thema's en prioriteiten\n\n3.1 Buurtpreventie\n\n"
    "Steeds meer straten vormen een appgroep. De gemeente ondersteunt die groepen met borden "
    "en een training voor wie de groep beheert.\n\n3.2 Woninginbraak\n\n"
    "Het aantal inbraken in woningen is gestegen. De politie geeft bewoners advies over sloten en"
    "\n\n"
)
REST = "verlichting, en komt op verzoek langs voor een gratis check.\n"


def test_a_box_dropped_mid_sentence_goes_back_to_the_section_that_shares_its_words():
    # the box names no theme; "appgroep" and "borden" only stand in 3.1
    ctx = run(BOX_CHAPTER + BOX + REST, *GOAL_PASSES, "reassign_displaced_goals")
    assert [g.section for g in ctx.goals] == ["3.1 Buurtpreventie"] * 2
    assert all("moved from 3.2 Woninginbraak" in g.cue for g in ctx.goals)
    assert ctx.goals[0].themes == ctx.outline.sections[2].heading_themes


def test_a_list_after_its_paragraph_is_no_box_and_stays():
    ctx = run(BOX_CHAPTER + REST + "\n" + BOX, *GOAL_PASSES, "reassign_displaced_goals")
    assert [g.section for g in ctx.goals] == ["3.2 Woninginbraak"] * 2


def test_a_box_whose_words_are_its_own_sections_stays():
    box = "- Het aantal bewoners met advies over sloten vergroten.\n\n"
    ctx = run(BOX_CHAPTER + box + REST, *GOAL_PASSES, "reassign_displaced_goals")
    assert [g.section for g in ctx.goals] == ["3.2 Woninginbraak"]
    assert not ctx.blocks[6].themes  # the box route, not the themes route, kept it


def test_mentions_are_sentences_with_a_theme():
    ctx = run(IVP_HEAD + "Phishing onder ouderen neemt toe. Het weer was mooi.\n", "mentions")
    assert texts(ctx.mentions) == ["Phishing onder ouderen neemt toe."]


def test_passes_listed_in_extract_yaml_replace_the_default(tmp_path):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    path = rules / "extract.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\npasses: [mentions]\n", encoding="utf-8")
    doc = ingest_text(IVP_HEAD + "De prioriteiten zijn:\n\n- Ondermijning\n- Cybercrime\n")
    analysed = analyse_blocks(themed_pipeline(None, str(rules)), doc.blocks)
    result = extract(doc, analysed, load_extract_rules(rules))
    assert result.priorities == [] and result.mentions


@pytest.mark.parametrize(
    ("value", "problem"),
    [("[nope]", "unknown pass 'nope'"), ("[mentions, mentions]", "listed twice")],
)
def test_a_bad_passes_list_is_a_rules_error(tmp_path, value, problem):
    import shutil

    from veiligheid_cli.errors import RulesError

    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    path = rules / "extract.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"\npasses: {value}\n", encoding="utf-8")
    from veiligheid_cli.extract import check_passes

    with pytest.raises(RulesError, match=problem):
        check_passes(load_extract_rules(rules))  # a name is checked where the passes live


def test_inline_enumeration_after_an_opener_without_colon():
    ctx = run(
        IVP_HEAD + "De komende jaren gaat extra inzet naar verkeersveiligheid, brandveiligheid "
        "en evenementenveiligheid.\n",
        "priority_statements",
    )
    assert texts(ctx.priorities) == [
        "verkeersveiligheid",
        "brandveiligheid",
        "evenementenveiligheid",
    ]


def test_inline_enumeration_keeps_a_theme_with_en_together():
    ctx = run(
        IVP_HEAD + "Drie onderwerpen krijgen voorrang: ondermijning, zorg en veiligheid en "
        "verkeersveiligheid.\n",
        "priority_statements",
    )
    assert texts(ctx.priorities) == ["ondermijning", "zorg en veiligheid", "verkeersveiligheid"]


def test_an_opener_before_words_that_name_no_theme_gives_no_priorities():
    ctx = run(
        IVP_HEAD + "Daarbij richten we ons op het versterken van de rol en de "
        "verantwoordelijkheid van inwoners.\n",
        "priority_statements",
    )
    assert ctx.priorities == []


ANNOUNCED = (
    "# Veiligheidsplan Dalfsen 2024-2027\n\n## Onze keuzes\n\n"
    "Na gesprekken met inwoners kiezen wij drie thema's.\n\n"
    "## Veilige buurten\n\nWoninginbraken en woonoverlast.\n\n"
    "### Wat willen we bereiken?\n\n- Minder woninginbraken.\n\n"
    "## Jeugd en veiligheid\n\nJeugdoverlast bij het station.\n\n"
    "## Ondermijning\n\nDrugsafval in het buitengebied.\n\n## Uitvoering\n\nJaarlijks.\n"
)


def test_announced_headings_takes_as_many_headings_as_announced():
    ctx = run(ANNOUNCED, "announced_headings")
    assert texts(ctx.priorities) == ["Veilige buurten", "Jeugd en veiligheid", "Ondermijning"]


def test_announced_headings_needs_an_announcing_verb_and_no_document_chapters():
    ctx = run(ANNOUNCED.replace("kiezen wij drie", "werken wij aan de drie"), "announced_headings")
    assert ctx.priorities == []
    ctx = run(
        "# Voorstel\n\n## Doel\n\nWij kiezen twee thema's.\n\n## Inleiding\n\nTekst.\n\n"
        "## Financiën\n\nTekst.\n",
        "announced_headings",
    )
    assert ctx.priorities == []


def test_topics_the_plan_leaves_out_are_no_priorities():
    ctx = run(
        IVP_HEAD + "1 Inleiding\n\nBrandveiligheid maakt geen deel uit van dit plan.\n\n"
        "2 Brandveiligheid\n\nTekst.\n\n3 Ondermijning\n\nTekst.\n",
        "themed_chapters",
    )
    assert texts(ctx.priorities) == ["Ondermijning"]


def test_restated_priorities_gives_the_heading_to_the_listed_priority():
    ctx = run(
        IVP_HEAD + "Onze kerntaken zijn:\n\n1. Jeugd\n2. Ondermijning\n\nJeugd\n\n"
        "Jongeren verdacht van een misdrijf als drugsrunner. Jeugdcriminaliteit neemt toe.\n\n"
        "Ons doel is dat het aantal verdachten daalt.\n",
        "priority_statements",
        "restated_priorities",
        "goal_sentences",
    )
    assert "Jeugd" in ctx.priority_headings
    jeugd = next(p for p in ctx.priorities if p.text == "Jeugd")
    assert "jeugdcriminaliteit" in jeugd.themes
    assert texts(ctx.goals) == ["Ons doel is dat het aantal verdachten daalt."]
    assert ctx.goals[0].themes == jeugd.themes  # no theme words: the priority's themes


def test_priority_scope_is_what_the_section_is_about():
    ctx = run(
        "Regionale Veiligheidsstrategie Noord 2023-2026\n\n1 Inleiding\n\nTekst.\n\n"
        "2 Zorg en veiligheid\n\nPersonen met verward gedrag veroorzaken overlast. Meldingen "
        "van verward gedrag nemen toe.\n\n3 Ondermijning\n\nCriminele netwerken.\n",
        "themed_chapters",
        "priority_scope",
    )
    zorg = next(p for p in ctx.priorities if p.text == "Zorg en veiligheid")
    assert "kwetsbare_personen" in zorg.scope


def test_sections_are_marked_when_they_hold_commitments():
    ctx = run(
        IVP_HEAD + "1 Cyberveiligheid\n\nWij gaan inwoners voorlichten over phishing.\n\n"
        "2 Informatiepositie\n\nDe informatiepositie is de afgelopen jaren verbeterd.\n",
        "mentions",
        "sections",
    )
    cues = {s.text: s.cue for s in ctx.sections}
    assert cues == {"Cyberveiligheid": "section with commitments", "Informatiepositie": "section"}


def test_goal_phrases_in_a_themes_chapter_without_bullets():
    ctx = run(
        IVP_HEAD + "3 Thema's\n\n3.1 Maatschappelijke onrust\n\nOnrust ontstaat snel.\n\n"
        "Alert reageren bij (dreigende) maatschappelijke onrust.\n\n"
        "3.2 Verkeersveiligheid\n\nDe gemeente heeft veel wegen. Verkeersveiligheid rondom "
        "scholen verhogen.\n",
        "themes_chapter_sections",
        "goal_phrases",
    )
    assert texts(ctx.goals) == [
        "Alert reageren bij (dreigende) maatschappelijke onrust.",
        "Verkeersveiligheid rondom scholen verhogen.",
    ]


def test_goal_phrase_of_two_words_opening_with_het():
    """A short line such as "Het KNMI" (a caption, a source) is no goal, and no crash."""
    from veiligheid_cli.extract.goals import is_goal_phrase

    ctx = context(IVP_HEAD + "Inleiding\n")
    assert not is_goal_phrase(ctx, "Het KNMI")
    assert is_goal_phrase(ctx, "Het bewustzijn vergroten van hoogwaterrisico's.")
    assert is_goal_phrase(ctx, "Het op peil houden van de gemeentelijke kolom.")
    assert not is_goal_phrase(ctx, "Het Zorg- en Veiligheidshuis Utrecht helpt daarbij.")


def test_goal_items_read_a_mostly_goal_list_as_goals():
    ctx = run(
        IVP_HEAD + "3 Speerpunten\n\n3.1 Jeugd en veiligheid\n\nJongeren zijn veel online.\n\n"
        "- Jongeren weten hoe zij zich beschermen tegen online oplichting.\n"
        "- Het aantal jongeren dat als drugskoerier wordt ingezet daalt.\n",
        "themes_chapter_sections",
        "goal_items",
    )
    assert len(ctx.goals) == 2


def test_goal_tables_take_the_goal_cell():
    ctx = run(
        IVP_HEAD + "2 Prioriteiten\n\n2.1 Ondermijning\n\n| Doel | Indicator | Streefwaarde |\n"
        "|---|---|---|\n| Weerbare ondernemers | Aantal trainingen | 40 in 2026 |\n",
        "themes_chapter_sections",
        "goal_tables",
    )
    goal = ctx.goals[0]
    assert (goal.text, goal.indicator, goal.target) == (
        "Weerbare ondernemers",
        "Aantal trainingen",
        "40 in 2026",
    )
    assert goal.themes == ["ondermijning"]  # the row names no theme: its priority's


WHAT_WE_WANT = (
    IVP_HEAD + "1. Onze speerpunten\n\nWij richten ons op twee speerpunten:\n"
    "1. Jeugdoverlast\n2. Personen met verward gedrag\n\n"
    "2. Jeugdoverlast\n\nHet aantal meldingen van jeugdoverlast stijgt.\n\n"
    "Wat willen we bereiken?\n"
    "In 2028 is het aantal meldingen van jeugdoverlast 20% lager dan in 2024.\n"
    "Jongeren die een Halt-straf kregen, komen niet opnieuw in beeld.\n\n"
    "Wat gaan we doen?\n"
    "Het jongerenwerk en de wijkagenten gaan samen de straat op.\n"
)


PRIORITY_PASSES = DEFAULT_PASSES[: DEFAULT_PASSES.index("goal_tables")]


def test_goal_section_sentences_take_what_a_goals_heading_announces():
    ctx = run(WHAT_WE_WANT, *PRIORITY_PASSES, "goal_section_sentences")
    assert texts(ctx.goals) == [
        "In 2028 is het aantal meldingen van jeugdoverlast 20% lager dan in 2024.",
        "Jongeren die een Halt-straf kregen, komen niet opnieuw in beeld.",
    ]
    assert {g.cue for g in ctx.goals} == {"goal section"}


def test_a_lookalike_in_a_section_with_marked_goals_is_marked_as_such():
    from veiligheid_cli.extract.stated_goals import beside_marked_goals

    names = (*PRIORITY_PASSES, "goal_phrases", "goal_section_sentences", "goal_sentences")
    ctx = run(WHAT_WE_WANT, *names)
    marked = {g.text for g in ctx.goals if id(g) in beside_marked_goals(ctx)}
    assert "Het aantal meldingen van jeugdoverlast stijgt." in marked
    assert not marked & {g.text for g in ctx.goals if g.cue == "goal section"}
    # the goal model weighs the mark against the goal: below every goal the layout marks
    from veiligheid_cli.extract.goal_selection import score_goals

    measured = run(WHAT_WE_WANT, *names, "goal_targets")  # as the goals stand at selection
    scored = {g.text: (g.cue, f, p) for g, f, p in score_goals(measured)}
    _cue, finding, p_finding = scored["Het aantal meldingen van jeugdoverlast stijgt."]
    assert finding["looks_like_beside_marked"] == 1.0
    marked = [p for cue, _f, p in scored.values() if cue == "goal section"]
    assert len(marked) == 2 and p_finding < min(marked)


def test_form_goals_where_no_layout_marks_goals_are_not_marked():
    from veiligheid_cli.extract.stated_goals import beside_marked_goals

    text = (
        IVP_HEAD
        + "3 Thema's\n\n3.1 Verkeersveiligheid\n\nVerkeersveiligheid rondom scholen verhogen.\n"
    )
    ctx = run(text, "themes_chapter_sections", "goal_phrases")
    assert texts(ctx.goals) == ["Verkeersveiligheid rondom scholen verhogen."]
    assert not beside_marked_goals(ctx)


def test_lettered_and_roman_heading_numbers_are_not_part_of_the_priority():
    from veiligheid_cli.extract.text import strip_number

    assert strip_number("B. Zorg en veiligheid") == "Zorg en veiligheid"
    assert strip_number("II. Jeugd en veiligheid") == "Jeugd en veiligheid"
    assert strip_number("3.2 Ondermijning") == "Ondermijning"
    assert strip_number("A. van Dijk") == "A. van Dijk"


def test_a_priority_announced_in_text_takes_the_scope_of_its_own_chapter():
    text = (
        "Regionale Veiligheidsstrategie Zuid 2025-2028\n\n1. Keuzes\n\n"
        "De burgemeesters kiezen voor twee prioriteiten: ondermijning en zorg en veiligheid.\n\n"
        "2. Zorg en veiligheid\n\nWij verbinden zorg en veiligheid bij personen met verward "
        "gedrag. Verward gedrag vraagt om snelle hulp.\n"
    )
    ctx = run(text, "priority_statements", "priority_scope")
    care = next(p for p in ctx.priorities if "zorg" in p.text)
    assert "kwetsbare_personen" in care.scope


def test_priority_tables_read_a_priority_column_and_its_goals():
    text = (
        IVP_HEAD + "2 Prioriteiten\n\n"
        "| Prioriteit | Waarom | Wat willen we bereiken |\n| --- | --- | --- |\n"
        "| Woninginbraak | Veel inbraken | In 2026 is het aantal woninginbraken 15% lager |\n"
        "| Drugs en ondermijning | Handel in wijken | Elk jaar tien integrale controles |\n"
    )
    ctx = run(text, "priority_tables", "goal_tables")
    assert texts(ctx.priorities) == ["Woninginbraak", "Drugs en ondermijning"]
    assert texts(ctx.goals) == [
        "In 2026 is het aantal woninginbraken 15% lager",
        "Elk jaar tien integrale controles",
    ]


def test_a_table_without_a_priority_column_gives_no_priorities():
    text = IVP_HEAD + "| Jaar | Inbraken |\n| --- | --- |\n| 2022 | 120 |\n| 2023 | 98 |\n"
    assert run(text, "priority_tables").priorities == []


def test_a_listed_priority_with_an_explanation_stands_for_its_name():
    text = (
        "Veiligheidsstrategie Oost 2024-2027\n\nWij richten ons in deze periode op drie pijlers:\n"
        "- Ondermijning: wij verstoren criminele netwerken en beschermen de economie.\n"
        "- Zorg en veiligheid: wij bieden passende hulp aan inwoners met verward gedrag.\n"
        "- Cybercrime\n"
    )
    ctx = run(text, "priority_statements")
    assert texts(ctx.priorities) == ["Ondermijning", "Zorg en veiligheid", "Cybercrime"]


def test_a_labelled_goal_item_is_a_goal_without_goal_words():
    text = (
        IVP_HEAD + "2 Onze prioriteiten\n\nDe raad stelde drie prioriteiten vast.\n\n"
        "Prioriteit 1 – Veilig op het water\n\nHet is druk op de meren.\n\n"
        "- Doelstelling: geen dodelijke ongevallen op het water.\n"
    )
    ctx = run(text, *PRIORITY_PASSES, "goal_items")
    assert texts(ctx.priorities) == ["Veilig op het water"]
    assert texts(ctx.goals) == ["Geen dodelijke ongevallen op het water."]


def test_a_goals_heading_run_into_its_paragraph_still_announces_goals():
    """As a Word export writes a bold run-in question: one paragraph, heading first."""
    text = WHAT_WE_WANT.replace("Wat willen we bereiken?\n", "Wat willen we bereiken? ")
    ctx = run(text, *PRIORITY_PASSES, "goal_section_sentences")
    assert texts(ctx.goals) == [
        "In 2028 is het aantal meldingen van jeugdoverlast 20% lager dan in 2024.",
        "Jongeren die een Halt-straf kregen, komen niet opnieuw in beeld.",
    ]


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("Binnen dit veld kiezen wij voor fietsendiefstal als prioriteit.", "fietsendiefstal"),
        (
            "Prioriteit is daarom het voorkomen van natuurbranden.",
            "het voorkomen van natuurbranden",
        ),
        (
            "Het terugdringen van woninginbraken is een speerpunt.",
            "Het terugdringen van woninginbraken",
        ),
    ],
)
def test_priority_sentences_name_what_they_call_a_priority(sentence, named):
    ctx = run(
        IVP_HEAD + "2 Veilige woonomgeving\n\n" + sentence + "\n",
        "priority_statements",
    )
    assert texts(ctx.priorities) == [named]


def test_our_goal_label_is_a_goal_label():
    text = (
        IVP_HEAD + "2 Veilige woonomgeving\n\nBinnen dit veld kiezen wij voor fietsendiefstal als "
        "prioriteit. Ons doel: in 2027 worden er 30% minder fietsen gestolen dan in 2023.\n"
    )
    ctx = run(text, "priority_statements", "goal_sentences")
    assert texts(ctx.goals) == ["In 2027 worden er 30% minder fietsen gestolen dan in 2023."]
    assert ctx.goals[0].themes == ctx.priorities[0].themes


def test_a_rating_table_gives_only_the_themes_rated_high():
    text = (
        IVP_HEAD + "2 Weging\n\n| Thema | Prioriteit | Toelichting |\n| --- | --- | --- |\n"
        "| Woninginbraak | middel | Daalt |\n| Ondermijning | hoog | Vakantieparken |\n"
        "| Verkeersveiligheid | laag | Regulier |\n| Jeugdoverlast | Hoog | Nijverdal |\n"
    )
    assert texts(run(text, "priority_tables").priorities) == ["Ondermijning", "Jeugdoverlast"]


def test_a_listed_priority_with_its_explanation_on_the_next_line_stands_for_its_name():
    text = (
        IVP_HEAD + "Wij hebben gekozen voor de volgende drie prioriteiten:\n\n"
        "• Veilige wijken\n  Inwoners voelen zich veilig in hun eigen buurt.\n"
        "• Zorg en veiligheid\n  Inwoners met verward gedrag krijgen op tijd de juiste hulp.\n"
        "• Veiligheid in Oldenzaal en omgeving\n"
    )
    ctx = run(text, "priority_statements")
    assert texts(ctx.priorities) == [
        "Veilige wijken",
        "Zorg en veiligheid",
        "Veiligheid in Oldenzaal en omgeving",
    ]


def test_sentences_in_the_sections_of_a_goals_chapter_are_goals():
    text = (
        IVP_HEAD + "1 Prioriteiten\n\nWij kiezen drie prioriteiten:\n- Veilige wijken\n"
        "- Ondermijning\n\n3 Doelen per prioriteit\n\n3.1 Veilige wijken\n\n"
        "In 2027 voelt 85% van de inwoners zich veilig in de eigen buurt.\n\n3.2 Ondermijning\n\n"
        "Wij controleren jaarlijks ten minste twintig bedrijfspanden samen met de politie.\n"
    )
    ctx = run(text, *PRIORITY_PASSES, "goal_section_sentences")
    assert texts(ctx.goals) == [
        "In 2027 voelt 85% van de inwoners zich veilig in de eigen buurt.",
        "Wij controleren jaarlijks ten minste twintig bedrijfspanden samen met de politie.",
    ]


def test_heading_lists_take_the_top_level_items_under_a_themes_heading():
    text = (
        "Regionaal Veiligheidsplan Oost-Nederland 2023-2026\n\nRegionale thema's\n\n"
        "– Ondermijning\n   o ambitie: criminele netwerken worden verstoord\n"
        "– Cybercrime\n   o ambitie: inwoners herkennen online fraude\n"
    )
    ctx = run(text, "priority_statements", "goal_items")
    assert texts(ctx.priorities) == ["Ondermijning", "Cybercrime"]
    assert texts(ctx.goals) == [
        "Criminele netwerken worden verstoord",
        "Inwoners herkennen online fraude",
    ]


def test_a_listed_priority_explained_after_a_dash_stands_for_its_name():
    text = (
        IVP_HEAD + "In 2025 leggen wij de focus op:\n"
        "1. Veilig uitgaan – minder geweld en overlast in het uitgaansgebied.\n"
        "2. Ondermijning – het weerbaar maken van ondernemers en verhuurders.\n"
    )
    assert texts(run(text, "priority_statements").priorities) == ["Veilig uitgaan", "Ondermijning"]


def test_an_annual_programme_has_its_own_year_as_period():
    from veiligheid_cli.ingest import ingest_text

    doc = ingest_text(
        "Uitvoeringsprogramma Veiligheid Meppel 2025\n\nDit programma hoort bij het Integraal "
        "Veiligheidsplan Meppel 2023-2026.\n\nFocusgebieden 2025\n\nIn 2025 doen wij veel.\n"
    )
    assert str(doc.metadata.period) == "2025" and doc.metadata.organization == "Meppel"
    assert [b.text for b in doc.headings()][:2] == [
        "Uitvoeringsprogramma Veiligheid Meppel 2025",
        "Focusgebieden 2025",
    ]


def test_heading_lists_leave_goal_items_at_the_same_level_to_the_goals():
    """As a PDF gives a nested list whose levels it lost: one marker for all items."""
    text = (
        "Regionaal Veiligheidsplan Oost 2023-2026\n\nRegionale thema's\n\n"
        "• Ondermijning\n• ambitie: criminele netwerken worden verstoord\n• Cybercrime\n"
    )
    ctx = run(text, "priority_statements", "goal_items")
    assert texts(ctx.priorities) == ["Ondermijning", "Cybercrime"]
    assert texts(ctx.goals) == ["Criminele netwerken worden verstoord"]
