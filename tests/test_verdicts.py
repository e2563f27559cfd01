"""Each verdict rule of rules/config.yaml on a short plan: covered, partial and missing, each
with the rule that decided it."""

from __future__ import annotations

import pytest

from veiligheid_cli.ingest import ingest_text
from veiligheid_cli.pipeline import Settings, align_extractions, analyse_document

REGIONAL = (
    "Regionale Veiligheidsstrategie Zuidwest 2024-2027\n\n"
    "1 Inleiding\n\nDe partners werken samen.\n\n"
    "2 Ondermijning\n\nCriminele netwerken en drugsafval in het buitengebied.\n\n"
    "3 Zorg en veiligheid\n\nPersonen met verward gedrag veroorzaken overlast. Meldingen over "
    "verward gedrag nemen toe.\n\n"
    "4 Cybercrime\n\nOnline oplichting van ouderen neemt toe.\n"
)
HEAD = "Integraal Veiligheidsplan gemeente Zandwijk 2024-2027\n\n"


def verdicts(plan: str) -> dict[str, tuple[str, str]]:
    settings = Settings()
    local = analyse_document(ingest_text(HEAD + plan, "plan.txt"), settings)
    regional = analyse_document(ingest_text(REGIONAL, "rvs.txt"), settings)
    alignment = align_extractions(local, regional, settings)
    return {p.regional.text: (p.status.value, p.reason) for p in alignment.priorities}


def test_the_regional_strategy_has_three_priorities_with_scope():
    settings = Settings()
    regional = analyse_document(ingest_text(REGIONAL, "rvs.txt"), settings)
    assert [p.text for p in regional.priorities] == [
        "Ondermijning",
        "Zorg en veiligheid",
        "Cybercrime",
    ]
    zorg = regional.priorities[1]
    assert "kwetsbare_personen" in zorg.scope


@pytest.mark.parametrize(
    ("plan", "priority", "expected"),
    [
        (
            "Onze prioriteiten zijn:\n\n- Ondermijning\n- Verkeersveiligheid\n",
            "Ondermijning",
            ("covered", "local_priority_same_theme"),
        ),
        (
            "Onze prioriteiten zijn:\n\n- Personen met verward gedrag\n- Verkeersveiligheid\n",
            "Zorg en veiligheid",
            ("covered", "local_priority_in_scope"),
        ),
        (
            "2 Thema's\n\n2.1 Veilige wijken\n\nInbraken.\n\n- Het aantal slachtoffers van "
            "online oplichting daalt met 20%.\n\n2.2 Verkeer\n\nTekst.\n",
            "Cybercrime",
            ("covered", "goal_addresses"),
        ),
        (
            "1 Inleiding\n\nTekst.\n\n2 Cyberveiligheid\n\nWij gaan ouderen voorlichten over "
            "phishing.\n",
            "Cybercrime",
            ("covered", "section_with_commitments"),
        ),
        (
            "Onze prioriteiten zijn:\n\n- Verkeersveiligheid\n- Brandveiligheid\n\n"
            "Wij sluiten aan bij de regionale aanpak van ondermijning.\n",
            "Ondermijning",
            ("partial", "actions_only"),
        ),
        (
            "Onze prioriteiten zijn:\n\n- Verkeersveiligheid\n- Brandveiligheid\n\n"
            "Phishing komt ook in onze gemeente voor.\n",
            "Cybercrime",
            ("partial", "passing_mention"),
        ),
        (
            "Onze prioriteiten zijn:\n\n- Drugscriminaliteit\n- Brandveiligheid\n",
            "Ondermijning",
            ("partial", "related_theme_only"),
        ),
        (
            "Onze prioriteiten zijn:\n\n- Verkeersveiligheid\n- Brandveiligheid\n\n"
            "Het budget voor zorg en welzijn stijgt; veiligheid blijft belangrijk.\n",
            "Zorg en veiligheid",
            ("missing", "generic_words_only"),
        ),
        (
            "Onze prioriteiten zijn:\n\n- Verkeersveiligheid\n- Brandveiligheid\n",
            "Cybercrime",
            ("missing", "no_evidence"),
        ),
    ],
)
def test_verdict_rule(plan, priority, expected):
    assert verdicts(plan)[priority] == expected


def test_a_priority_of_two_concepts_needs_both_together():
    result = verdicts(
        "Onze prioriteiten zijn:\n\n- Verkeersveiligheid\n- Brandveiligheid\n\n"
        "Wij investeren in zorg. De veiligheid in het centrum is goed.\n"
    )
    assert result["Zorg en veiligheid"][0] == "missing"
