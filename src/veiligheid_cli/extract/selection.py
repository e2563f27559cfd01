"""Selection: every candidate member scored by the learned model, the accepted ones taken.

One decision replaces the hand-set scores and thresholds of the generators: a member whose
probability reaches the model's threshold is taken; of overlapping members (two readings of one
list, a heading and the sentence that names it) the most probable. A member of a local plan's
reading about another body's priorities ("de regionale prioriteiten zijn ...") is taken as a
regional reference, not as the plan's own priority. The probability is the item's
confidence, and its strongest features are kept as its explanation (`why`).
"""

from __future__ import annotations

from ..model import ItemKind
from .candidates import Candidate, Member
from .context import ExtractionContext
from .features import candidate_features, excluded_themes, member_features
from .registry import extraction_pass

EXPLAIN_FEATURES = 5  # features kept per item as its explanation
# readings whose blocks hold more than the priority (a table row's goal cells, a section's
# heading, a contents line): other passes still read them
_SHARED_BLOCKS = frozenset({"table", "themes_chapter", "contents", "themed_chapters"})


def score_candidates(ctx: ExtractionContext) -> list[tuple[Candidate, Member]]:
    """Every member of every candidate with its features and probability."""
    model = ctx.rules.priority_model
    out = []
    bases = [candidate_features(ctx, c) for c in ctx.candidates]
    strong = [_states_strongly(b) for b in bases]
    for k, (c, base) in enumerate(zip(ctx.candidates, bases, strict=True)):
        if not strong[k] and any(strong):
            base["strong_reading_elsewhere"] = 1.0  # a weaker reading beside the plan's own
            if base.get("in_analysis_section"):
                base["finding_beside_choice"] = 1.0  # the safety picture; the choice is elsewhere
            if base.get("cue_weak"):
                base["weak_cue_beside_choice"] = 1.0  # "thema's" in passing, the choice elsewhere
        for m in c.members:
            m.features = base | member_features(ctx, c, m)
            m.probability = model.probability(m.features)
            out.append((c, m))
    return out


_STRONG_FOLLOWS = ("follows_colon", "follows_colon_list", "follows_list", "follows_participle",
                   "follows_copula", "follows_semicolon")  # fmt: skip


def _states_strongly(features: dict[str, float]) -> bool:
    """A cue noun or adjective with its enumeration right after it, or the sections of a
    chapter named for the themes, mostly safety themes: the way a plan states its own
    priorities (other readings weigh less beside it)."""
    themed = features.get("themed_share", 0) >= 0.5
    if features.get("source_themes_chapter") and features.get("themes_chapter_named"):
        return themed  # the sections of a chapter called "Thema's" or "Prioriteiten"
    cue = features.get("cue_noun") or features.get("cue_adjective")
    follows = any(features.get(f) for f in _STRONG_FOLLOWS)
    clean = not features.get("back_reference")
    return bool(cue and follows and clean and themed)


def rank(features: dict[str, float], probability: float) -> tuple[bool, float]:
    """The order in which members are taken: a name the plan states strongly in a sentence or
    lead-in comes before a heading that restates it (the heading becomes its section, see
    restated_priorities); otherwise the most probable first."""
    stated = bool(features.get("source_statement")) and _states_strongly(features)
    return (not stated, -probability)


@extraction_pass("select_priorities")
def select_priorities(ctx: ExtractionContext) -> None:
    """Take the members the model accepts, the most probable first, one per place."""
    model = ctx.rules.priority_model
    excluded = excluded_themes(ctx)
    taken: list[tuple[Candidate, Member]] = []
    ranked = sorted(
        score_candidates(ctx), key=lambda cm: (cm[0].source != "statement", -cm[1].probability)
    )
    for c, m in ranked:
        if m.probability < model.threshold or any(_overlap(m, t) for _, t in taken):
            continue
        if m.item.themes and set(m.item.themes) <= excluded:
            continue  # "brandveiligheid maakt geen deel uit van dit plan": the plan says so
        m.taken = "reference" if c.regional else "priority"
        taken.append((c, m))
    for c, m in sorted(taken, key=lambda cm: (cm[1].block, (cm[1].span or (0, 0))[0])):
        _take(ctx, c, m)  # in reading order


def _overlap(a: Member, b: Member) -> bool:
    """One place in the text, or the same words (a heading that restates a listed name)."""
    if a.item.text.strip(" .").lower() == b.item.text.strip(" .").lower():
        return True
    if a.block != b.block:
        return False
    if a.span is None or b.span is None:
        return True
    return a.span[0] < b.span[1] and b.span[0] < a.span[1]


def _take(ctx: ExtractionContext, c: Candidate, m: Member) -> None:
    model = ctx.rules.priority_model
    item = m.item
    item.confidence = round(m.probability, 2)
    item.why = tuple(model.explain(m.features, EXPLAIN_FEATURES))
    if m.taken == "reference":
        item.kind = ItemKind.REFERENCE
        ctx.references.append(item)
    else:
        ctx.priorities.append(item)
        if m.heading:
            ctx.priority_headings[ctx.blocks[m.block].block.text] = m.block
        if m.paragraph:
            ctx.priority_paragraphs[m.block] = item
        if c.source == "themed_chapters":
            ctx.outline.themes_chapters.add(m.block)  # what stands under it is about themes
    if c.source not in _SHARED_BLOCKS:
        ctx.used.add(m.block)
    if c.cue_block is not None and c.source == "statement":
        ctx.used.add(c.cue_block)
