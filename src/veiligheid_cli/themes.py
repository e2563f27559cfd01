"""Theme tagging: the taxonomy in rules/themes.yaml applied to text as a spaCy component.

- terms: the lemma keys (`NORM`) of a term's words in a row, looked up by the key of its first
  word (as spaCy's `PhraseMatcher` would match them, without building a Doc per term at every
  start: a sixth of the start-up), and a scan for multi-word terms with up to two other
  words in between (spaCy's `Matcher` with optional wildcard tokens was ten times slower on a
  real plan);
- patterns: globs on one word, matched on the lower-case form, the lemma and the key (cached per
  word);
- near misses: rapidfuzz on words of 7+ letters and on two adjacent words written together
  ("informatie gestuurd" -> "informatiegestuurd"), for typos and spelling variants.
Hits go to `doc.spans["themes"]`, labelled with the theme id and `id_` = how it matched.
"""

from __future__ import annotations

from .spacy_import import spacy  # noqa: F401 (first: spaCy without its command line)

# isort: split
import fnmatch
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LOWER, NORM
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import nlp as nlp_stage
from .rules import Taxonomy, load_taxonomy

MAX_GAP = 2
FUZZY_MIN_LEN = 7
FUZZY_CUTOFF = 90.0


def analysed_terms(nlp: Language, taxonomy: Taxonomy) -> list[tuple[str, str, list, list]]:
    """(theme id, term, lemma keys of its tokens, which tokens are punctuation) for every
    term: run through the pipeline once, then kept in the user cache (keyed by the taxonomy,
    the code and the NLP libraries), since the same terms give the same keys every run."""
    from .store import code_key, stored

    def build() -> list[tuple[str, str, list, list]]:
        terms = [(theme.id, term) for theme in taxonomy.themes for term in theme.terms]
        own = [p for p in nlp.pipe_names if p != nlp_stage.THEME_COMPONENT]
        with nlp.select_pipes(enable=own):
            docs = list(nlp.pipe([t for _, t in terms]))
        return [
            (theme_id, term, [t.norm_ for t in doc], [t.is_punct for t in doc])
            for (theme_id, term), doc in zip(terms, docs, strict=True)
        ]

    if nlp.meta.get("name") != nlp_stage.BUILTIN_NAME:
        return build()  # a trained model: its lemmas are its own, nothing to share
    return stored("theme-terms", code_key(Path(taxonomy.path).read_bytes()), build)


# A text (a block, or a 50,000-character piece of one) keeps at most this many hits of one theme:
# real plans name a theme a few dozen times per section, a damaged or hostile input (one word
# repeated a million times) must not make every later step pay per repetition.
MAX_HITS_PER_THEME = 200


class _TokenView:
    """The token attributes the tagger reads, taken from attribute arrays in one go (creating
    a Token object per word and attribute is the slow part of a Python component)."""

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        rows = doc.to_array([LOWER, LEMMA, NORM, IS_PUNCT, IS_SPACE, IS_ALPHA, IS_STOP]).tolist()
        self.lowers = [strings[r[0]] for r in rows]
        self.lemmas = [strings[r[1]] for r in rows]
        self.norms = [strings[r[2]] for r in rows]
        self.punct = [r[3] for r in rows]
        self.space = [r[4] for r in rows]
        self.alpha = [r[5] for r in rows]
        self.stop = [r[6] for r in rows]


class ThemeTagger:
    """Pipeline component that tags theme spans."""

    def __init__(self, nlp: Language, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        # terms word for word: first key -> [(theme, keys of all its tokens)], each once
        self.phrases: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        # multi-word terms with gaps: first key -> [(theme, keys of the term)]
        self.gapped: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self.single_words: dict[str, str] = {}  # lower-case one-word term -> theme id
        for theme_id, term, norms, punct in analysed_terms(nlp, taxonomy):
            keys = tuple(n for n, p in zip(norms, punct, strict=True) if not p)
            if not keys:
                continue
            phrase = (theme_id, tuple(norms))
            if phrase not in (row := self.phrases.setdefault(norms[0], [])):
                row.append(phrase)
            if len(keys) == 1:
                self.single_words.setdefault(term.lower().strip(), theme_id)
                self.single_words.setdefault(keys[0], theme_id)
            else:
                self.gapped.setdefault(keys[0], []).append((theme_id, keys))
        for row in self.phrases.values():  # at one start, shorter terms first (PhraseMatcher's
            row.sort(key=lambda phrase: len(phrase[1]))  # order: what the hit cap keeps)
        self.glob_regexes = [
            (theme.id, re.compile("|".join(fnmatch.translate(g) for g in theme.patterns)))
            for theme in taxonomy.themes
            if theme.patterns
        ]
        # one regex for "does any pattern match?": most words match none
        self.any_glob = re.compile(
            "|".join(f"(?:{r.pattern})" for _, r in self.glob_regexes) or "(?!)"
        )
        # Near misses are looked for among terms that start like the word (typos sit inside
        # words), which keeps the fuzzy search small.
        self._fuzzy_buckets: dict[str, list[str]] = {}
        for w in self.single_words:
            if len(w) >= FUZZY_MIN_LEN:
                self._fuzzy_buckets.setdefault(w[:3], []).append(w)

    def __call__(self, doc: Doc) -> Doc:
        view = _TokenView(doc)
        spans: list[Span] = []
        seen: Counter[str] = Counter()  # hits per theme: at most MAX_HITS_PER_THEME a text

        def room(theme: str) -> bool:
            seen[theme] += 1
            return seen[theme] <= MAX_HITS_PER_THEME

        norms = view.norms
        for start, norm in enumerate(norms):
            for label, keys in self.phrases.get(norm, ()):
                end = start + len(keys)
                if tuple(norms[start:end]) == keys and room(label):
                    spans.append(Span(doc, start, end, label=label, span_id="term"))
        spans += [s for s in self._gapped_matches(doc, view, seen) if room(s.label_)]
        for i, (lower, lemma, key) in enumerate(
            zip(view.lowers, view.lemmas, view.norms, strict=True)
        ):
            if not view.punct[i] and not view.space[i]:
                for theme_id in _glob_themes(lower, lemma.lower(), key, self):
                    if room(theme_id):
                        spans.append(Span(doc, i, i + 1, label=theme_id, span_id="pattern"))
        covered = {i for s in spans for i in range(s.start, s.end)}
        spans += [s for s in self._near_misses(doc, view, covered, seen) if room(s.label_)]
        doc.spans["themes"] = _best_per_theme(spans)
        return doc

    def _gapped_matches(self, doc: Doc, view: _TokenView, seen: Counter[str]) -> list[Span]:
        """Multi-word terms in order, with at most MAX_GAP other words between their words."""
        out: list[Span] = []
        found: Counter[str] = Counter()
        norms, punct = view.norms, view.punct
        n = len(norms)
        for i, norm in enumerate(norms):
            for theme_id, keys in self.gapped.get(norm, ()):
                if seen[theme_id] + found[theme_id] >= MAX_HITS_PER_THEME:
                    continue  # enough hits of this theme in this text
                pos, gap, j = 1, 0, i + 1
                while j < n and pos < len(keys):
                    if norms[j] == keys[pos]:
                        pos, gap = pos + 1, 0
                    elif gap < MAX_GAP and not punct[j]:
                        gap += 1
                    else:
                        break
                    j += 1
                if pos == len(keys):
                    out.append(Span(doc, i, j, label=theme_id, span_id="gapped"))
                    found[theme_id] += 1
        return out

    def _near_misses(
        self, doc: Doc, view: _TokenView, covered: set[int], seen: Counter[str]
    ) -> list[Span]:
        out = []
        lowers, alpha, stop = view.lowers, view.alpha, view.stop
        for i, lower in enumerate(lowers):
            if i in covered or not alpha[i]:
                continue
            # two words written apart ("informatie gestuurd"): content words only
            pair = i + 1 < len(lowers) and alpha[i + 1] and not (stop[i] or stop[i + 1])
            if pair and i + 1 not in covered:
                theme = self._lookup(lower + lowers[i + 1])
                if theme:
                    out.append(Span(doc, i, i + 2, label=theme, span_id="fuzzy"))
                    continue
            if len(lower) >= FUZZY_MIN_LEN:
                theme = self._lookup(lower)
                if theme and seen[theme] + len(out) < MAX_HITS_PER_THEME:
                    out.append(Span(doc, i, i + 1, label=theme, span_id="fuzzy"))
        return out

    def _lookup(self, word: str) -> str | None:
        return _fuzzy_lookup(word, self)


@lru_cache(maxsize=100_000)
def _glob_themes(lower: str, lemma: str, key: str, tagger: ThemeTagger) -> tuple[str, ...]:
    """Themes whose glob patterns match the word's lower-case form, lemma or key."""
    if not any(tagger.any_glob.match(form) for form in (lower, lemma, key)):
        return ()
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
    open_: list[Span] = []  # kept spans that reach past the current start (linear, not n^2)
    for span in spans:
        open_ = [k for k in open_ if k.end > span.start]
        if any(
            k.start <= span.start
            and span.end <= k.end
            and (k.end - k.start > span.end - span.start or k.label == span.label)
            for k in open_
        ):
            continue
        kept.append(span)
        open_.append(span)
    return kept


@Language.factory(nlp_stage.THEME_COMPONENT, default_config={"themes_dir": ""})
def make_theme_tagger(nlp: Language, name: str, themes_dir: str) -> ThemeTagger:
    return ThemeTagger(nlp, load_taxonomy(themes_dir or None))


@lru_cache(maxsize=4)
def themed_pipeline(model: str | None, rules_dir: str) -> Language:
    """The NLP pipeline with the theme tagger for the taxonomy in `rules_dir` (cached)."""
    nlp = nlp_stage.load_pipeline(model, str(Path(rules_dir)))
    if nlp.has_pipe(nlp_stage.THEME_COMPONENT):
        nlp.remove_pipe(nlp_stage.THEME_COMPONENT)
    nlp.add_pipe(nlp_stage.THEME_COMPONENT, config={"themes_dir": str(Path(rules_dir))})
    return nlp
