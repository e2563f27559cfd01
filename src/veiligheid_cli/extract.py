"""Extraction: priorities, goals and quoted regional priorities from an analysed document.

Where priorities come from, strongest evidence first:
1. a list right after a lead-in that announces priorities ("De thema's ... zijn:");
2. an enumeration inside one sentence after such a cue ("... als regionale prioriteit benoemd:
   a, b en c"), or quoted names after it;
3. the leaf section headings of a chapter about themes or priorities;
4. a sentence that calls something a priority ("... is een speerpunt binnen de gemeente").
In a local plan, priorities announced as the region's are regional references instead.

Goals: list items after a lead-in that announces goals; list items with a goal verb in a themes
chapter or a goals section; sentences that state a goal or a measurable target. A goal that the
PDF extraction moved away from its section is assigned to the section whose themes it shares.
Cue words live in rules/extract.yaml, themes in rules/themes.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .lemmas import word_key
from .model import Block, BlockKind, Document, DocumentKind, Extraction, Item, ItemKind
from .nlp import AnalysedBlock
from .rules import ExtractRules

_QUOTED = re.compile(r"[‘'“\"]([^‘’'“”\"]{3,120})[’'”\"]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“\"(])")
_MEASURABLE = re.compile(
    r"\d+\s*(?:%|procent)|\bhet aantal\b.*\b(?:omlaag|terug|daalt|dalen|gedaald|stijgt|stijgen|"
    r"gestegen|afgenomen|toegenomen|verminder|verlag|verhog|halver)|\bmet\s+\d+\b|"
    r"\bgemiddelde\b|\bniveau van\b|\bnaar\s+\d",
    re.IGNORECASE,
)
_GOAL_STATEMENT = re.compile(
    r"^(?:(?:effect|inspannings|prestatie|sub)?doel(?:stelling)?(?:en)?|ambitie|"
    r"beoogd resultaat)\s*:|"
    r"\b(?:doel(?:stelling)?\s+(?:is|luidt|daarbij\s+is|hierbij\s+is)|als\s+doel(?:stelling)?\b|"
    r"(?:onze|de)\s+ambitie\s+is|streven\s+(?:we|wij)\s+naar|willen\s+(?:we|wij)\s+(?:het|de|in)\b)",
    re.IGNORECASE,
)
_TARGET_YEAR = re.compile(r"\b(?:in|vóór|voor|uiterlijk|eind)\s+(?:20\d\d)\b", re.IGNORECASE)
# "tegen te gaan", "aan te pakken", "terug te dringen": separable verbs split by "te"
_SEPARABLE = re.compile(r"\b([a-z]+)\s+te\s+([a-z]+)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_COUNT = re.compile(r"\b\d+\b")
_GOAL_LABEL = re.compile(
    r"^(?:(?:effect|inspannings|prestatie|sub)?doel(?:stelling)?(?:en)?|ambitie|beoogd resultaat)"
    r"\s*:\s*",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"[\s;,:]+$|\s+(?:en|of)$", re.IGNORECASE)
_LEADING_ENUM = re.compile(r"^(?:\d+[.)]|[a-z][.)]|[-–•])\s+")
_MAX_ITEM_CHARS = 400


@dataclass(slots=True)
class _Section:
    index: int  # block index of the heading
    block: Block
    parent: int | None
    children: list[int] = field(default_factory=list)
    themes: Counter[str] = field(default_factory=Counter)
    heading_themes: list[str] = field(default_factory=list)


class _Extractor:
    def __init__(self, doc: Document, analysed: list[AnalysedBlock], rules: ExtractRules) -> None:
        self.doc = doc
        self.blocks = analysed
        self.rules = rules
        self.local_plan = doc.metadata.kind is DocumentKind.IVP
        self.sections = self._build_sections()
        self.owner = self._owner_sections()
        self.priorities: list[Item] = []
        self.goals: list[Item] = []
        self.references: list[Item] = []
        self.used: set[int] = set()  # block indices consumed as a priority/goal/reference
        self.themes_chapters = {
            i
            for i, sec in self.sections.items()
            if sec.children and self.rules.themes_chapter_cue.search(sec.block.text)
        }
        self.has_themes_chapter = bool(self.themes_chapters)
        if not self.themes_chapters:
            fallback = self._fallback_themes_chapter()
            self.themes_chapters = {fallback} if fallback is not None else set()

    # --- sections -----------------------------------------------------------------------

    def _build_sections(self) -> dict[int, _Section]:
        sections: dict[int, _Section] = {}
        stack: list[int] = []
        numbered = any(a.block.number for a in self.blocks if a.block.kind is BlockKind.HEADING)
        for i, a in enumerate(self.blocks):
            b = a.block
            if b.kind is not BlockKind.HEADING or (numbered and not b.number):
                continue
            while stack and sections[stack[-1]].block.level >= b.level:
                stack.pop()
            parent = stack[-1] if stack else None
            sections[i] = _Section(i, b, parent, heading_themes=a.themes)
            if parent is not None:
                sections[parent].children.append(i)
            stack.append(i)
        return sections

    def _owner_sections(self) -> list[int | None]:
        """For every block, the index of the section heading it stands under."""
        owner: list[int | None] = []
        current: int | None = None
        for i, _a in enumerate(self.blocks):
            if i in self.sections:
                current = i
            owner.append(current)
            if current is not None and i != current:
                a = self.blocks[i]
                weight = 1 if a.block.kind is BlockKind.PARAGRAPH else 0
                for hit in a.hits:
                    self.sections[current].themes[hit.theme] += weight
        for sec in self.sections.values():
            for theme in sec.heading_themes:
                sec.themes[theme] += 5
        return owner

    def _ancestors(self, index: int | None) -> list[_Section]:
        out = []
        while index is not None:
            out.append(self.sections[index])
            index = self.sections[index].parent
        return out

    def _in_themes_chapter(self, index: int | None) -> bool:
        return any(s.index in self.themes_chapters for s in self._ancestors(index))

    def _in_goal_section(self, index: int | None) -> bool:
        return any(self.rules.goal_section_cue.search(s.block.text) for s in self._ancestors(index))

    def _in_skip_section(self, i: int) -> bool:
        titles = [s.block.text for s in self._ancestors(self.owner[i])]
        titles += list(self.blocks[i].block.section_path[-1:])
        return any(self.rules.skip_section_cue.search(_strip_number(t)) for t in titles)

    # --- helpers ------------------------------------------------------------------------

    def _hits_in(self, i: int, start: int, end: int) -> list[str]:
        seen: dict[str, None] = {}
        for hit in sorted(self.blocks[i].hits, key=lambda h: h.start):
            if hit.start >= start and hit.end <= end:
                seen.setdefault(hit.theme, None)
        return list(seen)

    def _item(
        self,
        kind: ItemKind,
        i: int,
        text: str,
        themes: list[str],
        conf: float,
        cue: str,
        span: tuple[int, int] | None = None,
    ) -> Item:
        """An item from block i; `span` is its character range when it is part of the block."""
        b = self.blocks[i].block
        keys = self.blocks[i].keys_between(*span) if span else self.blocks[i].keys
        text = _clean_item_text(text)
        if kind in (ItemKind.PRIORITY, ItemKind.REFERENCE) and text.count(".") == 1:
            text = text.rstrip(".")  # a priority is a name, not a sentence
        return Item(
            kind=kind,
            text=text,
            themes=themes,
            section=b.section,
            line=b.line,
            page=b.page,
            confidence=round(min(conf, 0.99), 2),
            cue=cue,
            keys=keys,
        )

    def _lead_in(self, first_item: int) -> tuple[int, str] | None:
        """The block and sentence that introduce the list starting at `first_item`."""
        j = first_item - 1
        if j < 0:
            return None
        b = self.blocks[j].block
        if b.kind is BlockKind.LIST_ITEM:
            return None
        return j, _sentences(b.text)[-1] if b.text else ""

    def _priority_cue(self, sentence: str, i: int) -> re.Match[str] | None:
        """A strong priority cue, or a weak one where weak cues count."""
        strong = self.rules.priority_cue.search(sentence)
        if strong:
            return strong
        if not self.has_themes_chapter or self._in_themes_chapter(self.owner[i]):
            return self.rules.weak_priority_cue.search(sentence)
        return None

    def _negated(self, sentence: str, cue: re.Match[str]) -> bool:
        window = sentence[max(0, cue.start() - 60) : cue.end() + 10]
        return bool(self.rules.negation.search(window))

    def _list_runs(self) -> list[list[int]]:
        """Consecutive list items, as runs of block indices."""
        runs: list[list[int]] = []
        for i, a in enumerate(self.blocks):
            if a.block.kind is not BlockKind.LIST_ITEM:
                continue
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        return runs

    # --- priorities ---------------------------------------------------------------------

    def run(self) -> Extraction:
        self._cue_lists()
        self._inline_enumerations()
        self._themes_chapter_headings()
        self._labelled_priorities()
        self._priority_sentences()
        if not self.priorities:
            self._themed_chapters()
        self._goal_items()
        self._goal_sentences()
        self._reassign_displaced_goals()
        return Extraction(
            document=self.doc,
            priorities=_dedupe(self.priorities),
            goals=_dedupe(self.goals),
            regional_references=_dedupe(self.references),
            mentions=self._mentions(),
        )

    def _cue_lists(self) -> None:
        for run in self._list_runs():
            if not self.blocks[run[0]].block.after_cue:
                continue
            lead = self._lead_in(run[0])
            if lead is None:
                continue
            j, sentence = lead
            pcue = self._priority_cue(sentence, j)
            gcue = self.rules.goal_cue.search(sentence)
            if pcue and not self._negated(sentence, pcue):
                regional = self.local_plan and self.rules.regional_cue.search(sentence)
                kind = ItemKind.REFERENCE if regional else ItemKind.PRIORITY
                target = self.references if regional else self.priorities
                for i in run:
                    b = self.blocks[i].block
                    target.append(
                        self._item(
                            kind,
                            i,
                            b.text,
                            self.blocks[i].themes,
                            0.9,
                            f"list after: {sentence[-80:]}",
                        )
                    )
                    self.used.add(i)
            elif gcue and not self._negated(sentence, gcue) and not self._in_skip_section(j):
                for i in run:
                    b = self.blocks[i].block
                    self.goals.append(
                        self._item(
                            ItemKind.GOAL,
                            i,
                            b.text,
                            self.blocks[i].themes,
                            0.9,
                            f"list after: {sentence[-80:]}",
                        )
                    )
                    self.used.add(i)

    def _inline_enumerations(self) -> None:
        for i, a in enumerate(self.blocks):
            b = a.block
            if b.kind is not BlockKind.PARAGRAPH:
                continue
            offset = 0
            for sentence in _sentences(b.text):
                start = b.text.find(sentence, offset)
                offset = start + len(sentence)
                cue = self._priority_cue(sentence, i)
                if not cue or self._negated(sentence, cue):
                    continue
                parts = _enumeration_after(sentence, cue.end())
                if len(parts) < 2:
                    continue
                regional = self.local_plan and self.rules.regional_cue.search(sentence)
                kind = ItemKind.REFERENCE if regional else ItemKind.PRIORITY
                target = self.references if regional else self.priorities
                for part_start, part in parts:
                    s = start + part_start
                    themes = self._hits_in(i, s, s + len(part))
                    if not themes and len(part.split()) > 8:
                        continue
                    target.append(
                        self._item(
                            kind,
                            i,
                            part,
                            themes,
                            0.85,
                            f"enumeration after: {cue.group(0)}",
                            (s, s + len(part)),
                        )
                    )
                self.used.add(i)

    def _fallback_themes_chapter(self) -> int | None:
        """Without a heading that announces the themes: the section whose direct subsections
        are mostly themes (at least three, two thirds of them with a theme in the heading)."""
        best, best_key = None, (0, 0)
        for idx, sec in self.sections.items():
            leaves = [i for i in sec.children if not self.sections[i].children]
            themed = [i for i in leaves if self.sections[i].heading_themes]
            key = (len(themed), sec.block.level)
            if len(themed) >= 3 and len(themed) >= 2 * len(leaves) / 3 and key > best_key:
                best, best_key = idx, key
        return best

    def _themes_chapter_headings(self) -> None:
        for idx, sec in self.sections.items():
            if sec.children or sec.parent is None or not self._in_themes_chapter(sec.parent):
                continue
            if not self.has_themes_chapter and not sec.heading_themes:
                continue  # a chapter recognised by its themed headings: only themed sections
            themes = list(sec.heading_themes)
            conf = (0.8 if themes else 0.65) if self.has_themes_chapter else 0.6
            if not themes:
                themes = [t for t, n in sec.themes.most_common(2) if n >= 2]
            text = _strip_number(sec.block.text)
            self.priorities.append(
                self._item(
                    ItemKind.PRIORITY, idx, text, themes, conf, "section of a themes chapter"
                )
            )

    def _topic(self, block: Block) -> str | None:
        """The unnumbered heading that names the topic a block stands under, if any:
        "Speerpunt 1: Ondermijning" above "Wat willen we bereiken?"."""
        numbered = {s.block.text for s in self.sections.values()}
        labels = [t for t in block.section_path if t not in numbered]
        if block.kind is BlockKind.HEADING and block.text not in numbered:
            labels = labels or [block.text]
        return labels[0] if labels and not labels[0].endswith("?") else None

    def _labelled_priorities(self) -> None:
        """Unnumbered headings that name a priority: with a cue ("Speerpunt 1: Ondermijning"),
        or any themed, non-question heading right under a themes chapter heading."""
        r = self.rules
        for i, a in enumerate(self.blocks):
            b = a.block
            if b.kind is not BlockKind.HEADING or i in self.sections or b.text.endswith("?"):
                continue
            if r.goal_section_cue.search(b.text) or r.action_section_cue.search(b.text):
                continue
            cue = r.priority_label_cue.search(b.text)
            directly_under_chapter = self.owner[i] in self.themes_chapters
            if not cue and not (directly_under_chapter and a.themes):
                continue
            start = cue.end() if cue else 0
            themes = self._hits_in(i, start, len(b.text)) or a.themes
            item = self._item(
                ItemKind.PRIORITY,
                i,
                b.text[start:],
                themes,
                0.85 if cue else 0.7,
                "labelled heading" if cue else "heading in a themes chapter",
                (start, len(b.text)),
            )
            item.section = b.text
            self.priorities.append(item)
            self.used.add(i)

    def _themed_chapters(self) -> None:
        """Last resort: top-level chapters whose headings name a theme ("2 Ondermijning",
        "3 Zorg en veiligheid"), when at least two do and nothing else announced priorities."""
        chapters = [(i, s) for i, s in self.sections.items() if s.parent is None]
        themed = [(i, s) for i, s in chapters if s.heading_themes]
        if len(themed) < 2:
            return
        for i, sec in themed:
            text = _strip_number(sec.block.text)
            item = self._item(
                ItemKind.PRIORITY, i, text, list(sec.heading_themes), 0.55, "themed chapter"
            )
            self.priorities.append(item)
        self.themes_chapters |= {i for i, _ in themed}

    def _priority_sentences(self) -> None:
        pattern = re.compile(
            r"\b(?:is|zijn|vormt|vormen|blijft|blijven|als)\s+(?:een\s+|één\s+|de\s+|onze\s+)?"
            r"(?:van\s+de\s+)?(?:belangrijke?\s+|grote\s+)?(?:prioriteit|speerpunt|prioriteiten|speerpunten)\b",
            re.IGNORECASE,
        )
        for i, a in enumerate(self.blocks):
            b = a.block
            if b.kind is not BlockKind.PARAGRAPH or i in self.used:
                continue
            offset = 0
            for sentence in _sentences(b.text):
                start = b.text.find(sentence, offset)
                offset = start + len(sentence)
                m = pattern.search(sentence)
                if not m or self._negated(sentence, m) or sentence.rstrip().endswith(":"):
                    continue
                themes = self._hits_in(i, start, start + len(sentence))
                if not themes:
                    continue
                regional = bool(self.rules.regional_cue.search(sentence[m.start() :]))
                if regional and self.local_plan:
                    self.references.append(
                        self._item(
                            ItemKind.REFERENCE,
                            i,
                            sentence,
                            themes,
                            0.6,
                            "sentence",
                            (start, start + len(sentence)),
                        )
                    )
                    continue
                if not (
                    self.local_plan or regional or self.doc.metadata.kind is DocumentKind.REGIONAL
                ):
                    continue  # a proposal or letter talking about someone else's priorities
                sec = self.owner[i]
                if sec is not None and any(
                    p.section == self.sections[sec].block.text for p in self.priorities
                ):
                    continue  # the section is already a priority; the sentence confirms it
                self.priorities.append(
                    self._item(
                        ItemKind.PRIORITY,
                        i,
                        sentence,
                        themes,
                        0.6,
                        "sentence",
                        (start, start + len(sentence)),
                    )
                )

    # --- goals --------------------------------------------------------------------------

    def _goal_items(self) -> None:
        for i, a in enumerate(self.blocks):
            b = a.block
            if b.kind is not BlockKind.LIST_ITEM or i in self.used or self._in_skip_section(i):
                continue
            sec = self.owner[i]
            innermost = b.section_path[-1] if b.section_path else ""
            if self.rules.action_section_cue.search(innermost):
                continue  # "Wat gaan we daarvoor doen?": actions, not goals
            under_goal_label = bool(self.rules.goal_section_cue.search(innermost))
            in_themes = self._in_themes_chapter(sec)
            in_goals = self._in_goal_section(sec) or under_goal_label
            if not (in_themes or in_goals):
                continue
            has_verb = bool(a.keys & self.rules.goal_verb_keys) or any(
                word_key(particle + verb) in self.rules.goal_verb_keys
                for particle, verb in _SEPARABLE.findall(b.text.lower())
            )
            measurable = bool(_MEASURABLE.search(b.text))
            lead = self._lead_in(i) if b.after_cue else None
            if under_goal_label:
                conf = 0.85
            elif in_goals and b.after_cue and lead is not None:
                conf = 0.8
            elif has_verb or measurable:
                conf = 0.75 if in_themes else 0.7
            else:
                continue
            if len(b.text) > _MAX_ITEM_CHARS:
                continue
            conf += 0.1 if measurable else 0.0
            goal = self._item(ItemKind.GOAL, i, b.text, a.themes, conf, "goal item")
            topic = self._topic(b)
            if topic and any(p.section == topic for p in self.priorities):
                goal.section = topic  # the goal belongs to the labelled priority above it
            self.goals.append(goal)
            self.used.add(i)

    def _goal_sentences(self) -> None:
        for i, a in enumerate(self.blocks):
            b = a.block
            if b.kind is not BlockKind.PARAGRAPH or i in self.used or self._in_skip_section(i):
                continue
            in_themes = self._in_themes_chapter(self.owner[i])
            offset = 0
            for sentence in _sentences(b.text):
                start = b.text.find(sentence, offset)
                offset = start + len(sentence)
                if sentence.rstrip().endswith(":") or len(sentence) > _MAX_ITEM_CHARS:
                    continue
                statement = _GOAL_STATEMENT.search(sentence)
                measurable = _MEASURABLE.search(sentence) and (
                    self.rules.goal_cue.search(sentence)
                    or re.search(r"\bwillen\b|\bmoet\b", sentence)
                )
                target = (
                    in_themes
                    and _TARGET_YEAR.search(sentence)
                    and (_MEASURABLE.search(sentence) or _COUNT.search(_YEAR.sub("", sentence)))
                )
                measurable = measurable or target
                if not (statement or measurable):
                    continue
                themes = self._hits_in(i, start, start + len(sentence))
                if not themes:
                    continue
                self.goals.append(
                    self._item(
                        ItemKind.GOAL,
                        i,
                        sentence,
                        themes,
                        0.6,
                        "goal sentence",
                        (start, start + len(sentence)),
                    )
                )

    def _reassign_displaced_goals(self) -> None:
        """Give goals that stand in the wrong section of a themes chapter (a PDF text box moved
        them) the section of that chapter they share their themes with."""
        by_title = {s.block.text: i for i, s in self.sections.items()}
        for goal in self.goals:
            index = by_title.get(goal.section)
            if not goal.themes or index is None or not self._in_themes_chapter(index):
                continue
            chapter = self._ancestors(index)[-1]
            leaves = [
                s
                for i, s in self.sections.items()
                if not s.children and self._ancestors(i)[-1] is chapter
            ]
            goal_themes = set(goal.themes)

            def score(sec: _Section, goal_themes: set[str] = goal_themes) -> float:
                total = sum(sec.themes.values()) or 1
                shared = sum(sec.themes[t] for t in goal_themes)
                heading = len(goal_themes & set(sec.heading_themes))
                return heading + shared / total

            current = self.sections[index]
            best = max(leaves, key=score, default=None)
            if best is None or best is current or score(best) <= score(current) + 0.25:
                continue
            goal.cue += f"; moved from {goal.section}"
            goal.section = best.block.text

    # --- mentions -----------------------------------------------------------------------

    def _mentions(self) -> list[Item]:
        out = []
        for i, a in enumerate(self.blocks):
            b = a.block
            if b.kind is BlockKind.HEADING or not a.hits:
                continue
            offset = 0
            for sentence in _sentences(b.text):
                start = b.text.find(sentence, offset)
                offset = start + len(sentence)
                themes = self._hits_in(i, start, start + len(sentence))
                if themes:
                    out.append(
                        self._item(
                            ItemKind.MENTION,
                            i,
                            sentence[:_MAX_ITEM_CHARS],
                            themes,
                            0.5,
                            "mention",
                            (start, start + len(sentence)),
                        )
                    )
        return out


def extract(doc: Document, analysed: list[AnalysedBlock], rules: ExtractRules) -> Extraction:
    """Find priorities, goals and regional references in an analysed document."""
    return _Extractor(doc, analysed, rules).run()


# --- text helpers ---------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]
    return parts or [text]


def _strip_number(text: str) -> str:
    return re.sub(r"^(?:\d+(?:\.\d+)*\.?|Bijlage\s+\S+|Hoofdstuk\s+\S+)\s+", "", text).strip()


def _clean_item_text(text: str) -> str:
    text = _LEADING_ENUM.sub("", text.strip())
    unlabelled = _GOAL_LABEL.sub("", text)
    if unlabelled != text:  # "Doel: in 2028 ..." -> "In 2028 ..."
        text = unlabelled[:1].upper() + unlabelled[1:]
    text = text.strip("‘’“”\"' ")
    while True:
        stripped = _TRAILING.sub("", text)
        if stripped == text:
            break
        text = stripped
    return text


def _enumeration_after(sentence: str, cue_end: int) -> list[tuple[int, str]]:
    """Items of `..., a, b en c` after a colon that follows the cue, or quoted names."""
    colon = sentence.find(":", cue_end - 1)
    if colon != -1 and colon - cue_end < 80:
        body_start = colon + 1
        body = sentence[body_start:].rstrip(" .")
        if len(body) < 5:
            return []
        pieces = _split_enumeration(body)
        out = []
        for piece in pieces:
            pos = sentence.find(piece, body_start)
            out.append((pos, piece))
        return out if len(out) >= 2 else []
    quoted = [(m.start(1), m.group(1)) for m in _QUOTED.finditer(sentence, cue_end)]
    return quoted if len(quoted) >= 2 else []


def _split_enumeration(body: str) -> list[str]:
    pieces = [p.strip() for p in re.split(r",\s+|;\s+", body) if p.strip()]
    if pieces:
        last = pieces.pop()
        # "... met zorg en het bevorderen van ...": split the last piece at "en" + article
        pieces += [p.strip() for p in re.split(r"\s+en\s+(?=(?:de|het|een)\s)", last) if p.strip()]
    return pieces


def _dedupe(items: list[Item]) -> list[Item]:
    """Drop repeats, keeping the stronger item.

    Texts that say the same count as one. A priority or reference with exactly the themes of a
    stronger one is a restatement of it ("... de gezamenlijke regionale prioriteiten
    'cyberveiligheid', ..."), except for section headings, which are distinct by construction.
    """
    from rapidfuzz import fuzz

    kept: list[Item] = []
    for item in sorted(items, key=lambda it: -it.confidence):
        norm = item.text.lower()
        restatable = item.kind in (ItemKind.PRIORITY, ItemKind.REFERENCE) and bool(item.themes)
        duplicate = False
        for other in kept:
            # Two sections are distinct by construction; a section restating a listed priority
            # (or a quoted name restating it) is the same priority.
            both_sections = "section" in item.cue and "section" in other.cue
            if fuzz.ratio(other.text.lower(), norm) >= 90 or (
                restatable and other.themes == item.themes and not both_sections
            ):
                duplicate = True
            if duplicate:
                break
        if not duplicate:
            kept.append(item)
    return sorted(kept, key=lambda it: (it.line, it.text))
