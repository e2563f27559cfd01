"""Headings in capitals are shown in sentence case in table and markdown reports; JSON keeps
the original text and adds `display`."""

from __future__ import annotations

import json

from veiligheid_cli.report.casing import BodyForms, in_capitals, sentence_case

from conftest import HILVERSUM, LEUSDEN_IVP, run_cli


def test_in_capitals_needs_more_than_an_acronym():
    assert in_capitals("AANPAK HIGH IMPACT CRIMES")
    assert in_capitals("3.1.2 GEWELD IN HUISELIJKE KRING")
    assert not in_capitals("RVS")
    assert not in_capitals("IVP 2019")
    assert not in_capitals("Zorg en veiligheid")
    assert not in_capitals("Samenwerking met de RIEC en de GGD")


def test_acronyms_and_names_keep_the_form_of_the_body_text():
    forms = BodyForms(
        [
            "De RVS en het IVP van Leusden. In Leusden werkt de boa samen met de GGD.",
            "Zo ook in regio Midden-Nederland, bij de High Impact Crimes en bij crimes.",
        ]
    )
    assert forms.get("rvs") == "RVS" and forms.get("ggd") == "GGD"
    assert forms.get("leusden") == "Leusden"
    assert forms.get("midden-nederland") == "Midden-Nederland"
    assert forms.get("boa") is None  # written in lower case in the body
    assert forms.get("high") is None and forms.get("crimes") is None  # a title-cased phrase
    assert forms.get("zo") is None  # a capital at the start of a sentence
    assert forms.get("nederland") is None  # only part of "Midden-Nederland"
    shown = sentence_case("PRIORITEITEN UIT DE RVS VOOR LEUSDEN EN DE BOA", forms)
    assert shown == "Prioriteiten uit de RVS voor Leusden en de boa"


def test_sentence_case_keeps_numbers_and_punctuation():
    assert sentence_case("3.1.4 MAATSCHAPPELIJKE (ON)RUST EN CRISIS", {}) == (
        "3.1.4 Maatschappelijke (on)rust en crisis"
    )
    assert sentence_case("DRANK- EN DRUGSGEBRUIK", {}) == "Drank- en drugsgebruik"
    assert sentence_case("Drank- en drugsgebruik", {}) == "Drank- en drugsgebruik"


def test_reports_show_capitals_in_sentence_case_and_json_keeps_both():
    table = run_cli("extract", str(LEUSDEN_IVP)).stdout
    markdown = run_cli("extract", str(LEUSDEN_IVP), "-f", "markdown").stdout
    for report in (table, markdown):
        assert "Aanpak high impact crimes" in report
        assert "AANPAK HIGH IMPACT CRIMES" not in report
    data = json.loads(run_cli("extract", str(LEUSDEN_IVP), "-f", "json").stdout)
    item = next(p for p in data["priorities"] if "HIGH IMPACT" in p["text"])
    assert item["text"] == "AANPAK HIGH IMPACT CRIMES"
    assert item["display"] == "Aanpak high impact crimes"


def test_align_and_ingest_reports_show_sentence_case():
    table = run_cli("align", str(LEUSDEN_IVP), str(HILVERSUM)).stdout
    assert "GEORGANISEERDE" not in table and "Georganiseerde (ondermijnende)" in table
    data = json.loads(run_cli("align", str(LEUSDEN_IVP), str(HILVERSUM), "-f", "json").stdout)
    evidence = [e for p in data["regional_priorities"] for e in p["evidence"]]
    assert any(e["text"].isupper() and e["display"] != e["text"] for e in evidence)
    ingest = run_cli("ingest", str(LEUSDEN_IVP), "-f", "markdown").stdout
    assert "## 2.2 Veiligheidsbeeld Leusden" in ingest


def test_check_quotes_in_sentence_case():
    from veiligheid_cli.report.casing import displayed_quotes

    show = lambda text: sentence_case(text, {"rvs": "RVS"})  # noqa: E731
    message = "priority 'AANPAK HIGH IMPACT CRIMES' has no goal; \"DE RVS VOLGEN\" too"
    assert displayed_quotes(message, show) == (
        "priority 'Aanpak high impact crimes' has no goal; \"De RVS volgen\" too"
    )
