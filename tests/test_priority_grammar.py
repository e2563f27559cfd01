"""The priority grammar on constructed texts, one per way Dutch states priorities (issue
"Priorities as real documents state them"). Every text is written for this test; none is taken
from a real document. Each runs the whole pipeline (ingest, NLP, every extraction pass)."""

from __future__ import annotations

import pytest

from veiligheid_cli.extract.enumeration import split_items
from veiligheid_cli.pipeline import Settings, extract_file

LOCAL = "Integraal Veiligheidsplan gemeente Zeewolde 2025-2028\n\n"
REGIONAL = "Regionaal Beleidsplan Veiligheid Eenheid Oost 2025-2028\n\n"


def priorities(tmp_path, text: str, suffix: str = ".txt") -> list[str]:
    path = tmp_path / f"doc{suffix}"
    path.write_text(text, encoding="utf-8")
    return [p.text for p in extract_file(path, Settings()).priorities]


def lower(names: list[str]) -> list[str]:
    return sorted(n.lower() for n in names)


CASES = {
    # 1. an enumeration after a cue noun inside a frame; "zorg en veiligheid" stays one
    "apposition after a frame": (
        LOCAL + "De komende vier jaar besteden wij extra aandacht aan de speerpunten zorg en "
        "veiligheid, burenoverlast, drugshandel en online fraude.\n",
        ["zorg en veiligheid", "burenoverlast", "drugshandel", "online fraude"],
    ),
    # the last "en" joins the last item also after a noun in -e: "cybercrime en sociale ..."
    "two joining words in the last piece": (
        LOCAL + "De prioriteiten zijn woninginbraak, online fraude en cybercrime en "
        "sociale veiligheid.\n",
        ["woninginbraak", "online fraude en cybercrime", "sociale veiligheid"],
    ),
    # 2. copula frames, the cue before or after the enumeration
    "copula after the cue": (
        LOCAL + "De speerpunten van dit programma zijn verkeersveiligheid, woninginbraak en "
        "jeugdoverlast.\n",
        ["verkeersveiligheid", "woninginbraak", "jeugdoverlast"],
    ),
    "adjective cue": (
        LOCAL
        + "Geprioriteerde onderwerpen zijn ondermijning, huiselijk geweld en brandveiligheid.\n",
        ["ondermijning", "huiselijk geweld", "brandveiligheid"],
    ),
    "quoted names before the copula": (
        REGIONAL + "‘Ondermijning’, ‘Zorg en veiligheid’ en ‘Cybercrime’ zijn de drie thema’s "
        "van deze regionale agenda.\n",
        ["ondermijning", "zorg en veiligheid", "cybercrime"],
    ),
    "demonstrative after the enumeration": (
        LOCAL + "Inbraken, verward gedrag, hennepteelt en radicalisering. Dit zijn de vier "
        "prioriteiten van het college.\n",
        ["inbraken", "verward gedrag", "hennepteelt", "radicalisering"],
    ),
    "the cue in the sentence before": (
        LOCAL + "Het plan noemt de pijlers waarop wij bouwen. Voor deze periode zijn dat veilige "
        "wijken, ondermijning en verkeersveiligheid.\n",
        ["veilige wijken", "ondermijning", "verkeersveiligheid"],
    ),
    # 3. verb frames without a cue noun
    "focus frame": (
        LOCAL
        + "De focus ligt de komende jaren op woonoverlast, drugsoverlast en brandveiligheid.\n",
        ["woonoverlast", "drugsoverlast", "brandveiligheid"],
    ),
    "weak frame with a booster": (
        LOCAL + "De gemeente zet vooral in op woninginbraak, huiselijk geweld en cybercrime.\n",
        ["woninginbraak", "huiselijk geweld", "cybercrime"],
    ),
    "voorrang geven": (
        LOCAL + "Wij geven voorrang aan ondermijning en jeugdcriminaliteit.\n",
        ["ondermijning", "jeugdcriminaliteit"],
    ),
    "kiezen voor X als prioriteit": (
        LOCAL + "Binnen dit veld kiezen wij voor fietsendiefstal als prioriteit.\n",
        ["fietsendiefstal"],
    ),
    # 4. a count, then the list in the next sentence
    "count then 'Dit zijn:'": (
        LOCAL + "Het college kiest vier prioriteiten. Dit zijn: ondermijning, verkeersveiligheid, "
        "huiselijk geweld en jeugdoverlast.\n",
        ["ondermijning", "verkeersveiligheid", "huiselijk geweld", "jeugdoverlast"],
    ),
    "count then 'Het gaat om'": (
        LOCAL + "Wij hebben drie thema's gekozen. Het gaat, zonder rangorde, om ondermijning "
        "(drugs en witwassen), verward gedrag en cybercrime.\n",
        ["ondermijning (drugs en witwassen)", "verward gedrag", "cybercrime"],
    ),
    "count then the subject of the next sentence": (
        LOCAL + "Vier thema's staan centraal. De aanpak van woonoverlast, woninginbraken "
        "(vooral in de oude kern), drugs en jeugdgroepen wordt voortgezet.\n",
        ["de aanpak van woonoverlast", "woninginbraken", "drugs", "jeugdgroepen"],
    ),
    # 5. inline numbering, parentheses, semicolons, a list after an intro ending in a full stop
    "inline numbering": (
        LOCAL + "In dit plan staan vier thema's: 1. veilig uitgaan, 2.jeugdoverlast, "
        "3. ondermijning en 4. cybercrime.\n",
        ["veilig uitgaan", "jeugdoverlast", "ondermijning", "cybercrime"],
    ),
    "a list in parentheses": (
        LOCAL + "Het college stelt drie prioriteiten voor (ondermijning, zorg en veiligheid en "
        "cybercrime).\n",
        ["ondermijning", "zorg en veiligheid", "cybercrime"],
    ),
    "semicolons": (
        LOCAL + "Onze speerpunten zijn: ondermijning; jeugdoverlast; woninginbraak.\n",
        ["ondermijning", "jeugdoverlast", "woninginbraak"],
    ),
    "bullets after an intro with a full stop": (
        LOCAL + "In dit plan staan drie thema's centraal.\n"
        "- Ondermijning: wij maken de gemeente weerbaar tegen criminele invloed;\n"
        "- Veilige wijken: inwoners voelen zich thuis in hun straat;\n"
        "- Cybercrime: ouderen en ondernemers herkennen oplichting.\n",
        ["ondermijning", "veilige wijken", "cybercrime"],
    ),
    # 6. hyphen ellipsis
    "hyphen ellipsis": (
        LOCAL + "De prioriteiten zijn het zorg- en veiligheidsdomein, ondermijning en "
        "woninginbraak.\n",
        ["het zorg- en veiligheidsdomein", "ondermijning", "woninginbraak"],
    ),
    # a stated count merges pieces of one theme
    "count merges one theme": (
        LOCAL + "De vier prioriteiten zijn aanpak van ondermijning, maatschappelijke onrust, "
        "polarisatie en radicalisering, verkeersveiligheid en cybercrime.\n",
        [
            "aanpak van ondermijning",
            "maatschappelijke onrust, polarisatie en radicalisering",
            "verkeersveiligheid",
            "cybercrime",
        ],
    ),
    # explanations are no part of a name
    "explanations after the names": (
        LOCAL + "De prioriteiten die de raad heeft vastgesteld krijgen extra aandacht:\n"
        "- veilige buurten (o.a. buurtpreventie, inbraakpreventie en WhatsApp-groepen);\n"
        "- ondermijning, met focus op drugsproductie en witwassen;\n"
        "- High Impact Crimes, dat zijn woninginbraken, overvallen en straatroven.\n",
        ["veilige buurten", "ondermijning", "high impact crimes"],
    ),
    # 9. web text: one paragraph per line; the list does not swallow what follows
    "web page paragraphs": (
        LOCAL + "Op basis van de cijfers geven wij prioriteit aan de volgende thema's:\n"
        "- Ondermijning\n- Digitale weerbaarheid\n- Veilige wijken\n"
        "Deze thema's komen niet uit de lucht vallen. Inwoners en partners noemden ze in de "
        "enquête het vaakst, samen met verkeer en drugs.\n",
        ["ondermijning", "digitale weerbaarheid", "veilige wijken"],
    ),
    # ordinal frames
    "ordinals": (
        LOCAL + "Wij kiezen twee prioriteiten. De eerste is de aanpak van drugshandel. De tweede "
        "prioriteit is een veilig uitgaansgebied.\n",
        ["de aanpak van drugshandel", "een veilig uitgaansgebied"],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_way_of_stating_priorities(tmp_path, name):
    text, expected = CASES[name]
    assert lower(priorities(tmp_path, text)) == sorted(expected)


NOT_PRIORITIES = {
    # 8. lists that are not priorities: partners, instruments, neighbourhoods, budget lines
    "partners": "Wij werken samen met de volgende partners: politie, Openbaar Ministerie, "
    "woningcorporaties en scholen.",
    "instruments": "Onze instrumenten zijn: cameratoezicht, boa's, een APV en bestuurlijke "
    "handhaving.",
    "neighbourhoods": "Wij richten ons extra op de wijken Noord, Oost en De Haven.",
    "back reference": "De effectiviteit meten wij met indicatoren gekoppeld aan de speerpunten, "
    "door: een dashboard, een monitor en een jaarlijkse enquête.",
    "negated": "Evenementen, horeca en toerisme zijn geen prioriteit in deze periode.",
    "predicate": "De thema's zijn gekozen omdat inwoners ze belangrijk vinden, en omdat de "
    "cijfers dat laten zien.",
    # "X zijn thema's die ...": an indefinite predicate with a relative clause classifies X (a
    # property of the themes), where "X zijn de thema's" or "X zijn speerpunten" chooses
    "classification": "Wonen, verkeer en leefbaarheid zijn thema's die in bijna elk "
    "beleidsveld terugkomen.",
}


@pytest.mark.parametrize("name", list(NOT_PRIORITIES))
def test_lists_that_are_not_priorities(tmp_path, name):
    text = LOCAL + NOT_PRIORITIES[name] + "\n\nDe aanpak van ondermijning is een speerpunt.\n"
    assert lower(priorities(tmp_path, text)) == ["de aanpak van ondermijning"]


def test_contents_entries_name_the_priorities_of_a_plan_cut_short(tmp_path):
    text = (
        LOCAL + "Inhoudsopgave\n\n1 Inleiding 3 2 Veiligheidsbeeld 5 3 Onze prioriteiten 8 "
        "3.1 Prioriteit 1: Veilig uitgaan .... 9 3.2 Prioriteit 2: Drugs en ondermijning 11 "
        "3.3 Prioriteit 3: Verward gedrag 13 4 Organisatie en sturing 14 Bijlagen 21\n\n"
        "1 Inleiding\n\nDit plan is een samenvatting van de gesprekken met de raad en met "
        "inwoners, ondernemers en partners over de veiligheid in de gemeente.\n"
    )
    assert lower(priorities(tmp_path, text)) == [
        "drugs en ondermijning",
        "veilig uitgaan",
        "verward gedrag",
    ]


def test_contents_labelled_entries_name_one_priority_each(tmp_path):
    text = (
        REGIONAL + "INHOUD 1. Inleiding 3 2. Gezamenlijke prioriteit Geweld 4 2.1 Aanpak geweld "
        "(algemeen) 5 3. Gezamenlijke prioriteit Woninginbraak 7 4. Sterkteverdeling 9\n"
        "4 5 7 9\n\nVoor u ligt het beleidsplan dat de burgemeesters, het Openbaar Ministerie "
        "en de politie samen hebben vastgesteld voor de komende vier jaar.\n"
    )
    assert lower(priorities(tmp_path, text)) == ["geweld", "woninginbraak"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jeugd en veiligheid, woonoverlast, drugs en cybercrime", 4),
        ("georganiseerde en ondermijnende criminaliteit", 1),
        ("GHB en andere middelen, geweld op straat en overlast", 3),
        ("zorg- en veiligheid", 1),
        ("A (incl. straatroof, overvallen en huiselijk geweld), B en C", 3),
        ("cybercrime en de aanpak van jeugdcriminaliteit", 2),
    ],
)
def test_coordination_splits(text, expected):
    themes = [(0, 19, "jeugd")] if text.startswith("jeugd en veiligheid") else []
    assert len(split_items(text, themes)) == expected


def test_a_regional_list_in_a_local_plan_is_a_reference(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        LOCAL + "De regionale prioriteiten zijn ondermijning, zorg en veiligheid en cybercrime.\n"
        "Onze eigen speerpunten zijn woninginbraak en jeugdoverlast.\n",
        encoding="utf-8",
    )
    ex = extract_file(path, Settings())
    assert lower([p.text for p in ex.priorities]) == ["jeugdoverlast", "woninginbraak"]
    assert lower([r.text for r in ex.regional_references]) == [
        "cybercrime",
        "ondermijning",
        "zorg en veiligheid",
    ]


@pytest.mark.parametrize(
    ("name", "theme"),
    [
        ("Jeugd", "jeugdoverlast"),
        ("Geweld", "high_impact_crime"),
        ("Fysieke veiligheid", "fysieke_veiligheid"),
        ("Veilige woon- en leefomgeving", "veilige_woonomgeving"),
        ("Maatschappelijk ongenoegen", "maatschappelijke_onrust"),
        ("Aandachtsbuurten", "wijkveiligheid"),
    ],
)
def test_a_priority_name_gets_its_theme(tmp_path, name, theme):
    path = tmp_path / "plan.txt"
    path.write_text(LOCAL + f"Onze speerpunten zijn: {name}; Cybercrime.\n", encoding="utf-8")
    ex = extract_file(path, Settings())
    named = next(p for p in ex.priorities if p.text.lower() == name.lower())
    assert theme in named.themes
