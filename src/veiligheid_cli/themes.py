"""Theme tagging: the taxonomy in rules/themes.yaml applied to text as a spaCy component.

- terms: spaCy `PhraseMatcher` on lemma keys (`NORM`) for one-word and adjacent phrases, and a
  scan for multi-word terms with up to two other words in between (spaCy's `Matcher` with
  optional wildcard tokens was ten times slower on a real plan);
- patterns: globs on one word, matched on the lower-case form, the lemma and the key (cached per
  word);
- near misses: rapidfuzz on words of 7+ letters and on two adjacent words written together
  ("informatie gestuurd" -> "informatiegestuurd"), for typos and spelling variants.
Hits go to `doc.spans["themes"]`, labelled with the theme id and `id_` = how it matched.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from . import nlp as nlp_stage
from .rules import Taxonomy, load_taxonomy

MAX_GAP = 2
FUZZY_MIN_LEN = 7
FUZZY_CUTOFF = 90.0


class ThemeTagger:
    """Pipeline component that tags theme spans."""

    def __init__(self, nlp: Language, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        # multi-word terms with gaps: first key -> [(theme, keys of the term)]
        self.gapped: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self.single_words: dict[str, str] = {}  # lower-case one-word term -> theme id
        terms = [(theme.id, term) for theme in taxonomy.themes for term in theme.terms]
        with nlp.select_pipes(enable=[p for p in nlp.pipe_names if p != nlp_stage.THEME_COMPONENT]):
            term_docs = list(nlp.pipe([t for _, t in terms]))
        by_theme: dict[str, list[Doc]] = {}
        for (theme_id, term), doc in zip(terms, term_docs, strict=True):
            words = [t for t in doc if not t.is_punct]
            if not words:
                continue
            by_theme.setdefault(theme_id, []).append(doc)
            if len(words) == 1:
                self.single_words.setdefault(term.lower().strip(), theme_id)
                self.single_words.setdefault(words[0].norm_, theme_id)
            else:
                keys = tuple(w.norm_ for w in words)
                self.gapped.setdefault(keys[0], []).append((theme_id, keys))
        for theme_id, docs in by_theme.items():
            self.phrases.add(theme_id, docs)
        self.glob_regexes = [
            (theme.id, re.compile("|".join(fnmatch.translate(g) for g in theme.patterns)))
            for theme in taxonomy.themes
            if theme.patterns
        ]
        # Near misses are looked for among terms that start like the word (typos sit inside
        # words), which keeps the fuzzy search small.
        self._fuzzy_buckets: dict[str, list[str]] = {}
        for w in self.single_words:
            if len(w) >= FUZZY_MIN_LEN:
                self._fuzzy_buckets.setdefault(w[:3], []).append(w)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        vocab = doc.vocab.strings
        for match_id, start, end in self.phrases(doc):
            spans.append(Span(doc, start, end, label=vocab[match_id], span_id="term"))
        spans += self._gapped_matches(doc)
        for i, token in enumerate(doc):
            if not token.is_punct and not token.is_space:
                for theme_id in _glob_themes(token.lower_, token.lemma_.lower(), token.norm_, self):
                    spans.append(Span(doc, i, i + 1, label=theme_id, span_id="pattern"))
        covered = {i for s in spans for i in range(s.start, s.end)}
        spans += self._near_misses(doc, covered)
        doc.spans["themes"] = _best_per_theme(spans)
        return doc

    def _gapped_matches(self, doc: Doc) -> list[Span]:
        """Multi-word terms in order, with at most MAX_GAP other words between their words."""
        out = []
        n = len(doc)
        for i, token in enumerate(doc):
            for theme_id, keys in self.gapped.get(token.norm_, ()):
                pos, gap, j = 1, 0, i + 1
                while j < n and pos < len(keys):
                    other = doc[j]
                    if other.norm_ == keys[pos]:
                        pos, gap = pos + 1, 0
                    elif gap < MAX_GAP and not other.is_punct:
                        gap += 1
                    else:
                        break
                    j += 1
                if pos == len(keys):
                    out.append(Span(doc, i, j, label=theme_id, span_id="term"))
        return out

    def _near_misses(self, doc: Doc, covered: set[int]) -> list[Span]:
        out = []
        for i, token in enumerate(doc):
            if i in covered or not token.is_alpha:
                continue
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if nxt is not None and nxt.is_alpha and i + 1 not in covered:
                theme = self._lookup(token.lower_ + nxt.lower_)
                if theme:
                    out.append(Span(doc, i, i + 2, label=theme, span_id="fuzzy"))
                    continue
            if len(token) >= FUZZY_MIN_LEN:
                theme = self._lookup(token.lower_)
                if theme:
                    out.append(Span(doc, i, i + 1, label=theme, span_id="fuzzy"))
        return out

    def _lookup(self, word: str) -> str | None:
        return _fuzzy_lookup(word, self)


@lru_cache(maxsize=100_000)
def _glob_themes(lower: str, lemma: str, key: str, tagger: ThemeTagger) -> tuple[str, ...]:
    """Themes whose glob patterns match the word's lower-case form, lemma or key."""
    return tuple(
        theme_id
        for theme_id, regex in tagger.glob_regexes
        if regex.match(lower) or regex.match(lemma) or regex.match(key)
    )


@lru_cache(maxsize=100_000)
def _fuzzy_lookup(word: str, tagger: ThemeTagger) -> str | None:
    """Theme of a word that equals a one-word term, or is a near miss of one.

    A near miss is a small edit (1, or 2 for long words) away from a term and ends the same:
    typos sit inside words, while words that differ at the end are usually other words
    ("veiligheidsbeleid" is not "veiligheidsbeeld").
    """
    key = nlp_stage.word_key(word)
    hit = tagger.single_words.get(word) or tagger.single_words.get(key)
    if hit or len(word) < FUZZY_MIN_LEN:
        return hit
    choices = tagger._fuzzy_buckets.get(word[:3])
    if not choices:
        return None
    best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if not best:
        return None
    candidate = best[0]
    allowed = 1 if len(word) < 12 else 2
    if Levenshtein.distance(word, candidate) > allowed or word[-4:] != candidate[-4:]:
        return None
    return tagger.single_words[candidate]


def _best_per_theme(spans: list[Span]) -> list[Span]:
    """Keep the longest matches: a span inside a longer span is dropped, whatever its theme
    ("gedigitaliseerde" alone is not a theme of "gedigitaliseerde criminaliteit"); spans over
    the same words with different themes are all kept."""
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in spans:
        if any(
            k.start <= span.start
            and span.end <= k.end
            and (k.end - k.start > span.end - span.start or k.label == span.label)
            for k in kept
        ):
            continue
        kept.append(span)
    return kept


@Language.factory(nlp_stage.THEME_COMPONENT, default_config={"themes_dir": ""})
def make_theme_tagger(nlp: Language, name: str, themes_dir: str) -> ThemeTagger:
    return ThemeTagger(nlp, load_taxonomy(themes_dir or None))


def taxonomy_words(taxonomy: Taxonomy) -> tuple[str, ...]:
    """Every word of every term: the vocabulary for splitting compounds."""
    words = {w.lower() for t in taxonomy.themes for term in t.terms for w in term.split()}
    return tuple(sorted(w for w in words if w.isalpha() and len(w) >= 3))


@lru_cache(maxsize=4)
def themed_pipeline(model: str | None, rules_dir: str) -> Language:
    """The NLP pipeline with the theme tagger for the taxonomy in `rules_dir` (cached)."""
    taxonomy = load_taxonomy(rules_dir)
    nlp = nlp_stage.load_pipeline(model, taxonomy_words(taxonomy))
    if nlp.has_pipe(nlp_stage.THEME_COMPONENT):
        nlp.remove_pipe(nlp_stage.THEME_COMPONENT)
    nlp.add_pipe(nlp_stage.THEME_COMPONENT, config={"themes_dir": str(Path(rules_dir))})
    return nlp
