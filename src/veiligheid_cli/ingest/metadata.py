"""Metadata: title, organization, kind and period, from what the text itself states."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..model import Block, BlockKind, DocumentKind, Metadata, Period

_PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*(?:[-–—/]|t/m|tot en met)\s*((?:19|20)\d{2})\b")
_MUNICIPALITY = re.compile(r"\b[Gg]emeente\s+([A-Z][\w'’]+(?:[- ][A-Z][\w'’]+)?)")
_BODY = re.compile(
    r"\b(?:[Vv]eiligheidsoverleg|[Vv]eiligheidsregio|[Rr]egio|[Ee]enheid|[Dd]istrict|IVP|"
    r"[Bb]urgemeester van)\s+(?:van\s+)?([A-Z][\w'’]+(?:-[A-Z][\w'’]+)?)"
)
_NOT_NAMES = {
    "De",
    "Het",
    "Een",
    "Dit",
    "Deze",
    "Midden",
    "Oost",
    "West",
    "Noord",
    "Zuid",
    "Nederland",
    "Utrecht",
    "Openbaar",
    "Politie",
}
_IVP_CUES = re.compile(
    r"integraal\s+veiligheids(?:plan|beleid)|\bIVP\b|nota\s+integrale\s+veiligheid|"
    r"veiligheidsplan|kadernota\s+(?:integrale\s+)?veiligheid",
    re.IGNORECASE,
)
_REGIONAL_CUES = re.compile(
    r"regionale?\s+veiligheidsstrategie|veiligheidsstrategie|regionaal\s+veiligheidsplan|"
    r"regionaal\s+beleidsplan",
    re.IGNORECASE,
)
_PROPOSAL_CUES = re.compile(
    r"^\s*(?:#+\s*)?(?:raads)?voorstel\b|\bbesluit(?:vorming)?\b.*\bvoorstel|\badvies\b",
    re.IGNORECASE,
)
_LETTER_CUES = re.compile(r"\bgeachte\b|\bmet vriendelijke groet\b|\braadsinformatiebrief\b", re.I)


def detect_metadata(blocks: list[Block], path: str) -> Metadata:
    """Title, organization, kind and period of a document."""
    texts = [b.text for b in blocks]
    full = "\n".join(texts)
    period = _period(texts)
    return Metadata(
        title=_title(blocks, path, period),
        organization=_organization(full),
        kind=_kind(blocks, full),
        period=period,
    )


def _title(blocks: list[Block], path: str, period: Period | None) -> str:
    head = blocks[:40]
    candidates = []
    for block in head:
        if _IVP_CUES.search(block.text) or _REGIONAL_CUES.search(block.text):
            for m in _sentences_with_period(block.text):
                candidates.append(m)
    if period:
        for c in candidates:
            if re.search(rf"{period.start}\s*[-–]\s*{period.end}", c):
                return c
    if candidates:
        return candidates[0]
    for block in head:
        if block.kind is BlockKind.HEADING and len(block.text) > 3:
            return block.text
    return Path(path).stem if path != "<stdin>" else "<stdin>"


def _sentences_with_period(text: str) -> list[str]:
    """`Integraal Veiligheidsplan 2016 – 2019` out of the sentences that name the document."""
    found = re.findall(
        r"((?:Integraal|Regionale?|Nieuwe)?\s*(?:[Vv]eiligheids(?:plan|strategie)|IVP)"
        r"[^.,;:]{0,40}?(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}(?:\s+[A-Z][\w-]+)?)",
        text,
    )
    return [re.sub(r"\s+", " ", f).strip() for f in found]


def _organization(full: str) -> str:
    scores: Counter[str] = Counter()
    for m in _MUNICIPALITY.finditer(full):
        scores[m.group(1).strip()] += 3
    for m in _BODY.finditer(full):
        name = m.group(1)
        if name not in _NOT_NAMES:
            scores[name.title() if name.isupper() else name] += 2
    upper = re.search(r"\b(?:VEILIGHEIDSOVERLEG|GEMEENTE|REGIO)\s+([A-Z]{3,}(?:-[A-Z]+)?)\b", full)
    if upper:
        scores[upper.group(1).title()] += 3
    if not scores:
        return ""
    # Names that also occur bare in the text count a little extra (a municipality names itself).
    for name in list(scores):
        scores[name] += min(full.count(name), 10) * 0.1
    return scores.most_common(1)[0][0]


def _kind(blocks: list[Block], full: str) -> DocumentKind:
    head = "\n".join(b.text for b in blocks[:12])
    if _LETTER_CUES.search(full[:3000]):
        return DocumentKind.OTHER
    if any(_PROPOSAL_CUES.search(b.text) for b in blocks[:6]):
        return DocumentKind.PROPOSAL
    ivp = len(_IVP_CUES.findall(full))
    regional = len(_REGIONAL_CUES.findall(full))
    if _IVP_CUES.search(head) and ivp >= regional:
        return DocumentKind.IVP
    if _REGIONAL_CUES.search(head) or (regional > ivp and regional >= 3):
        return DocumentKind.REGIONAL
    if ivp >= 3:
        return DocumentKind.IVP
    return DocumentKind.OTHER


_SUBJECT_CUES = re.compile(
    r"\b(?:nieuwe?|voor u ligt|ligt (?:nu )?(?:de |het )?.{0,40}voor|"
    r"vast(?:stellen|gesteld| te stellen)|"
    r"instemmen|in te stemmen|geldt voor|gelden voor|periode)\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(
    r"\b(?:evaluatie|review|afgelopen|vorige|voorgaande|eerste|was|werd)\b", re.IGNORECASE
)


def _period(texts: list[str]) -> Period | None:
    """The period the document is about: frequent, and stated as its subject, not as history."""
    scores: Counter[tuple[int, int]] = Counter()
    for text in texts:
        for sentence in re.split(r"(?<=[.!?:])\s+", text):
            for m in _PERIOD.finditer(sentence):
                start, end = int(m.group(1)), int(m.group(2))
                if not 0 < end - start <= 10:
                    continue
                score = 1.0
                if _SUBJECT_CUES.search(sentence):
                    score += 2
                if _PAST_CUES.search(sentence):
                    score -= 0.75
                scores[(start, end)] += score
    if not scores:
        return None
    best = max(scores.items(), key=lambda kv: (kv[1], kv[0][1]))[0]
    return Period(*best)
