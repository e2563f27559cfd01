"""Metadata: title, organization, kind and period, from what the text itself states.

The document's own period beats the periods it cites: a period in the title or on the first
page, or stated as the plan's subject ("voor de periode 2020-2023"), wins over an earlier plan
("het vorige plan 2016-2019"), a plan it belongs to ("hoort bij de Kadernota 2015-2018") or
figures ("cijfers over de periode 2011-2014").
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..model import Block, BlockKind, DocumentKind, Metadata, Period

_YEAR_RANGE = re.compile(
    r"\b((?:19|20)\d{2})\s*(?:[-–—/]|t/m|tot\s+en\s+met)\s*((?:19|20)\d{2})\b", re.IGNORECASE
)
# A place name: capitalised words, joined by hyphens or by the small words Dutch names carry
# ("Bergen op Zoom", "Aa en Hunze", "Alphen aan den Rijn", "Zeeland-West-Brabant").
_NAME = r"[A-Z][\w'’]+(?:(?:-| (?:op|en|aan|den|de|der|van|in|bij|ter|ten) | )[A-Z][\w'’]+)*"
_MUNICIPALITY = re.compile(rf"\b[Gg]emeente\s+({_NAME})")
_BODY = re.compile(
    r"\b(?:[Vv]eiligheidsoverleg|[Vv]eiligheidsregio|[Rr]egio|[Ee]enheid|[Dd]istrict|IVP|"
    rf"[Bb]urgemeester van)\s+(?:van\s+)?({_NAME})"
)
_PLAN_WORD = (
    r"(?:[Vv]eiligheids(?:plan|beleid|strategie|programma|nota|agenda)|[Kk]adernota(?:\s+[Ii]ntegrale"
    r"\s+[Vv]eiligheid)?|[Uu]itvoerings(?:programma|plan)(?:\s+(?:[Ii]ntegrale\s+)?[Vv]eiligheid)?)"
)
_TITLE_NAME = re.compile(rf"{_PLAN_WORD}\s+(?:[Gg]emeente\s+)?({_NAME})\s+(?:19|20)\d\d")
# "Regionaal Beleidsplan 2013-2014 Noord-Nederland": a name right after a plan and its period
_PLAN_PERIOD_NAME = re.compile(
    r"(?:[Bb]eleidsplan|[Vv]eiligheidsplan|[Vv]eiligheidsstrategie|[Vv]eiligheidsagenda)\s+"
    rf"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\s+(?:[Ee]enheid\s+|[Rr]egio\s+)?({_NAME})"
)
# "in Deventer", "van Emmen", "DORDRECHT -": a place the text keeps naming
_PLACE = re.compile(rf"\b(?:in|van|voor|stad|binnen|rond)\s+({_NAME})")
_NOT_NAMES = {
    "De", "Het", "Een", "Dit", "Deze", "Midden", "Oost", "West", "Noord", "Zuid", "Nederland",
    "Utrecht", "Openbaar", "Politie", "Integraal", "Integrale", "Veiligheid", "Voor", "Wij",
    "Veiligheidsbeleid", "Veiligheidsplan", "Veiligheidsagenda", "Kadernota", "Ministerie",
    "Nederlandse", "Europa", "Rijk", "Raad", "College", "Burgemeester", "Gemeente", "Regionaal",
    "Regionale", "Landelijke", "We", "Ons", "Onze", "Bij", "In", "Vastgesteld",
    "Opgesteld", "Regio", "Eenheid", "Blad", "Bijlage", "Pagina",
}  # fmt: skip
_IVP_CUES = re.compile(
    r"integra(?:al|le)\s+veiligheids(?:-\s+en\s+\w+)?(?:plan|beleid|programma|agenda|nota)|"
    r"\bIV[PBH]\b|nota\s+integrale\s+veiligheid|"
    r"(?<!regionaal\s)(?<!regionale\s)veiligheids(?:plan|beleid|agenda|programma|nota)\b|"
    r"kadernota\s+(?:integrale\s+)?veiligheid|beleidskader\s+(?:integrale\s+)?veiligheid|"
    r"meerjaren(?:programma|beleidsplan|plan)\s+(?:integrale\s+)?veiligheid|"
    r"(?:uitvoerings|jaar|actie)(?:programma|plan)\s+(?:integrale\s+)?veiligheid|"
    r"jaarplan\s+integrale\s+veiligheid",
    re.IGNORECASE,
)
_REGIONAL_CUES = re.compile(
    r"regionale?\s+veiligheidsstrategie|veiligheidsstrategie|regionaal\s+veiligheidsplan|"
    r"regionaal\s+(?:beleids|meerjaren(?:beleids)?)plan|regionale\s+veiligheidsagenda|"
    r"integraal\s+meerjaren\s*beleidsplan\s+veiligheid|\bIMV\b|\bRVP\b|\bRBP\b|\bRVS\b|"
    r"regionale\s+(?:speerpunten|prioriteiten)",
    re.IGNORECASE,
)
# A document of many municipalities together: "de 31 Limburgse gemeenten", "de politie-eenheid".
_REGIONAL_SIGNS = re.compile(
    r"\b(?:de|alle)\s+(?:\d{2,3}|\w*(?:tien|tig))\s+(?:\w+\s+)?gemeenten\b|"  # "de veertien"
    r"\bpolitie-?eenheid\b|(?<=gemeenten),\s+het\s+openbaar\s+ministerie\s+en\s+de\s+politie\b|"
    r"\bregionaal\s+(?:veiligheids|bestuurlijk)\s*overleg\b|\bregionaal\s+veiligheidscollege\b|"
    r"\bde\s+burgemeesters\b|\bregionaal\s+college\b|\beenheid\s+[A-Z]",
    re.IGNORECASE,
)
# A municipality speaking: its council, college, mayor, coalition.
_LOCAL_SIGNS = re.compile(
    r"\bgemeenteraad\b|\bde\s+raad\b|\bcollege\s+van\s+(?:burgemeester|b\s*&\s*w)|\bhet\s+college\b|"
    r"\bcoalitie(?:akkoord|programma)\b|\bwethouder\b|\bgemeente\s+[A-Z]|\bonze\s+gemeente\b",
    re.IGNORECASE,
)
_PROPOSAL_CUES = re.compile(
    r"^\s*(?:#+\s*)?(?:raads)?voorstel\b|\bbesluit(?:vorming)?\b.*\bvoorstel|\badvies\b|"
    r"^\s*notitie\b",
    re.IGNORECASE,
)
_LETTER_CUES = re.compile(r"\bgeachte\b|\bmet vriendelijke groet\b|\braadsinformatiebrief\b", re.I)
READ_CHARS = 300_000  # about 150 pages of plan text
_HEAD_BLOCKS = 12  # the first page, roughly


def detect_metadata(blocks: list[Block], path: str) -> Metadata:
    """Title, organization, kind, form and period of a document."""
    # What names the document stands in its first pages: read at most READ_CHARS of it (a
    # 5 MB text must not make every pattern scan 5 MB).
    full = "\n".join(b.text for b in blocks)[:READ_CHARS]
    period = _period(blocks)
    title = _title(blocks, path, period)
    kind = _kind(blocks, full)
    return Metadata(
        title=title,
        organization=_organization(full, title),
        kind=kind,
        period=period,
        form=_form(blocks, full),
        name=_regional_name(full, period) if kind is DocumentKind.REGIONAL else "",
    )


_STRATEGY = re.compile(  # keywords in any case, names capitalised
    r"\b(?i:(regionaal|regionale|integraal)\s+)?(?i:(veiligheidsstrategie|veiligheidsagenda|"
    r"veiligheidsplan|beleidsplan(?:\s+veiligheid)?|meerjarenbeleidsplan(?:\s+veiligheid)?))"
    rf"(?:\s+({_NAME}))?\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)(?:\s+({_NAME}))?"
)
_REGION = re.compile(rf"\b(?:[Rr]egio|[Ee]enheid|politie\s+van|[Vv]eiligheidscollege)\s+({_NAME})")


def _regional_name(full: str, period: Period | None) -> str:
    """The regional plan's own name, with its region, also where a proposal or letter carries
    it: "Regionale Veiligheidsstrategie Midden-Nederland 2019-2022"."""
    for m in _STRATEGY.finditer(full[:20_000]):
        start, end = int(m.group(4)), int(m.group(5))
        if period and (start, end) != (period.start, period.end):
            continue
        region = _clean_name(m.group(3) or m.group(6) or "")
        if not region or not _is_place_name(region):
            region = _region(full)
        adjective = (m.group(1) or "").capitalize()
        kind = " ".join(w.capitalize() for w in m.group(2).split())  # "Beleidsplan Veiligheid"
        words = [adjective, kind, region or ""]
        return " ".join(w for w in words if w) + f" {start}-{end}"
    return ""


def _region(full: str) -> str:
    found = (_clean_name(m.group(1)) for m in _REGION.finditer(full[:20_000]))
    names = Counter(name for name in found if _is_place_name(name))
    return names.most_common(1)[0][0] if names else ""


# --- title -----------------------------------------------------------------------------------


def _title(blocks: list[Block], path: str, period: Period | None) -> str:
    """The line that names the document on its first page: with its period, or joined with
    the next line when that carries the period; else a sentence that names the document with
    its period; else the naming line without a period; else any sentence that names a plan
    with a period; else the first heading."""
    head = blocks[:_HEAD_BLOCKS]
    naming = [
        k
        for k, b in enumerate(head)
        if len(b.text.split()) <= 14 and (_IVP_CUES.search(b.text) or _REGIONAL_CUES.search(b.text))
    ]
    for k in naming:
        text = head[k].text
        nxt = head[k + 1].text if k + 1 < len(head) else ""
        if _YEAR_RANGE.search(text):
            return text
        if _YEAR_RANGE.search(nxt) and len(nxt.split()) <= 8:
            return f"{text} {nxt}"  # "Integraal Veiligheidsplan" + "Bergen op Zoom 2019 - 2022"
    sentences = [s for b in blocks[:40] for s in _sentences_with_period(b.text)]
    own = [s for s in sentences if period and _range(s) == period]
    if own:
        return own[0]
    if naming:
        return head[naming[0]].text
    if sentences:
        return sentences[0]  # names a document with another period; better than nothing
    first = next((b.text for b in head if b.kind is BlockKind.HEADING and len(b.text) > 3), "")
    return first or (Path(path).stem if path != "<stdin>" else "<stdin>")


def _range(text: str) -> Period | None:
    m = _YEAR_RANGE.search(text)
    return Period(int(m.group(1)), int(m.group(2))) if m else None


def _sentences_with_period(text: str) -> list[str]:
    """`Integraal Veiligheidsplan 2016 – 2019` out of the sentences that name a document."""
    found = re.findall(
        r"((?:Integraal|Regionale?|Nieuwe)?\s*(?:[Vv]eiligheids(?:plan|strategie)|IVP)"
        r"[^.,;:]{0,40}?(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}(?:\s+[A-Z][\w-]+)?)",
        text,
    )
    return [re.sub(r"\s+", " ", f).strip() for f in found]


# --- organization ----------------------------------------------------------------------------


def _organization(full: str, title: str) -> str:
    """The municipality or region: named in the title, as "gemeente X", or as the body."""
    scores: Counter[str] = Counter()
    for m in _TITLE_NAME.finditer(title):
        scores[_clean_name(m.group(1))] += 4
    for m in _MUNICIPALITY.finditer(full):
        scores[_clean_name(m.group(1))] += 3
    for m in _BODY.finditer(full):
        scores[_clean_name(m.group(1))] += 2
    upper = re.search(r"\b(?:VEILIGHEIDSOVERLEG|GEMEENTE|REGIO)\s+([A-Z]{3,}(?:-[A-Z]+)?)\b", full)
    if upper:
        scores[upper.group(1).title()] += 3
    if max(scores.values(), default=0) < 3:  # nobody named as municipality or body
        for m in _PLAN_PERIOD_NAME.finditer(full[:3000]):
            scores[_clean_name(m.group(1))] += 1  # "Regionaal Beleidsplan 2013-2014 X"
        places = Counter(
            _clean_name(m.group(1))
            for m in _PLACE.finditer(full)
            if not re.search(r"[A-Z]\w*\s+$", full[max(0, m.start() - 20) : m.start()])
        )  # not "Eric van Oosterhout": a person's name
        for name, n in places.items():
            if full.count(name) >= 2:
                scores[name] += 1 + min(n, 5) * 0.2  # a place the text keeps naming
    scores = Counter({n: s for n, s in scores.items() if _is_place_name(n)})
    if not scores:
        return ""
    # Names that also occur bare in the text count a little extra (a municipality names itself).
    for name in list(scores):
        scores[name] += min(full.count(name), 10) * 0.1
    return scores.most_common(1)[0][0]


def _is_place_name(name: str) -> bool:
    """ "De Bilt" and "Den Haag" are names; "De", "Midden" or "Integraal" alone are not."""
    words = name.split()
    return bool(words) and (
        words[0] not in _NOT_NAMES or (len(words) > 1 and words[0] in ("De", "Den"))
    )


def _clean_name(name: str) -> str:
    """A place name without trailing words that are not part of it ("Oss Integraal")."""
    words = name.split()
    while len(words) > 1 and (words[-1] in _NOT_NAMES or words[-1][:1].islower()):
        words.pop()
    return " ".join(words).title() if name.isupper() else " ".join(words)


# --- kind ------------------------------------------------------------------------------------


def _kind(blocks: list[Block], full: str) -> DocumentKind:
    """Whose plan the document is about: a municipality's (ivp) or the region's. A letter,
    proposal, budget page or news item has the kind of the plan it is about. The plan named
    first on the first page decides; else the plan words and who speaks in the whole text."""
    head = "\n".join(b.text for b in blocks[:_HEAD_BLOCKS])[:1500]
    first_ivp, first_regional = _IVP_CUES.search(head), _REGIONAL_CUES.search(head)
    if first_regional and (not first_ivp or first_regional.start() < first_ivp.start()):
        return DocumentKind.REGIONAL  # "Regionaal Beleidsplan 2015-2018 Eenheid Den Haag"
    ivp, regional = len(_IVP_CUES.findall(full)), len(_REGIONAL_CUES.findall(full))
    local_signs = len(_LOCAL_SIGNS.findall(full))
    regional_signs = len(_REGIONAL_SIGNS.findall(full))
    many = regional_signs >= 2 and regional_signs > local_signs  # the region speaks
    if first_ivp or (ivp and ivp >= regional):
        return DocumentKind.REGIONAL if many else DocumentKind.IVP
    if regional or regional_signs >= 2:
        return DocumentKind.REGIONAL if regional_signs >= local_signs else DocumentKind.IVP
    if local_signs:
        return DocumentKind.IVP  # a council page or budget page on the municipality's safety
    return DocumentKind.OTHER


def _form(blocks: list[Block], full: str) -> str:
    """What kind of text it is: a letter, a proposal (to a council or college), or a plan."""
    if _LETTER_CUES.search(full[:3000]):
        return "letter"
    if any(_PROPOSAL_CUES.search(b.text) for b in blocks[:6]):
        return "proposal"
    return "plan"


# --- period ----------------------------------------------------------------------------------

_SUBJECT_CUES = re.compile(
    r"\b(?:nieuwe?|voor u ligt|ligt (?:nu )?(?:de |het )?.{0,40}voor|"
    r"vast(?:stellen|gesteld| te stellen)|looptijd|"
    r"instemmen|in te stemmen|geldt voor|gelden voor|voor de periode|voor de jaren|"
    r"komende (?:vier |twee )?jaren)\b",
    re.IGNORECASE,
)
_CITED_CUES = re.compile(
    r"\b(?:evaluatie|review|terugblik|afgelopen|vorige|voorgaande|eerdere?|eerste|was|werd|"
    r"hoort bij|sluit aan bij|sluiten aan bij|op basis van|volgens|cijfers|gegevens|"
    r"tussen|over de periode|in de periode|sinds|bijlage)\b",
    re.IGNORECASE,
)


def _period(blocks: list[Block]) -> Period | None:
    """The period the document is about: named in its title or first page or stated as its
    subject, rather than cited as history, as a parent document or as figures."""
    scores: Counter[tuple[int, int]] = Counter()
    for k, block in enumerate(blocks):
        place = _place_score(block, k)
        for sentence in re.split(r"(?<=[.!?:])\s+", block.text):
            ranges = [(int(m.group(1)), int(m.group(2))) for m in _YEAR_RANGE.finditer(sentence)]
            ranges = [(start, end) for start, end in ranges if 0 < end - start <= 10]
            if ranges:
                score = place + _sentence_score(sentence)
                for years in ranges:
                    scores[years] += score
    if (year := _annual_title_year(blocks)) is not None:
        scores[(year, year)] += 5.0  # "Uitvoeringsprogramma Veiligheid 2025": its own year
    if not scores:
        return None
    best = max(scores.items(), key=lambda kv: (kv[1], kv[0][1]))[0]
    return Period(*best)


_ANNUAL = re.compile(
    r"uitvoerings(?:programma|plan)|jaar(?:plan|programma|agenda)|actie(?:plan|programma)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


def _annual_title_year(blocks: list[Block]) -> int | None:
    """The one year in the title of an annual programme (and no range there), else None."""
    for block in blocks[:3]:
        text = block.text
        if len(text.split()) <= 14 and _ANNUAL.search(text) and not _YEAR_RANGE.search(text):
            years = _YEAR.findall(text)
            if len(years) == 1:
                return int(years[0])
    return None


def _place_score(block: Block, index: int) -> float:
    if index >= _HEAD_BLOCKS:
        return 1.0
    if len(block.text) < 400 and len(block.text.split()) <= 14:
        return 5.0  # the title page: "Integraal Veiligheidsplan 2016-2019"
    return 2.0


def _sentence_score(sentence: str) -> float:
    score = 0.0
    if _SUBJECT_CUES.search(sentence):
        score += 2
    if _CITED_CUES.search(sentence):
        score -= 2.5
    return score
