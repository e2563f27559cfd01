"""NLP stage: a spaCy Dutch pipeline with compound-aware lemma keys and theme tagging.

The pipeline is `nl_core_news_*` when installed (or the model named with --model), otherwise a
built-in one: `spacy.blank("nl")` + the lookup lemmas of spacy-lookups-data, given by our
`veiligheid_lookup_lemmas` component exactly as spaCy's Dutch lookup lemmatizer gives them, but
from a table that loads in a fraction of the time (see `lemma_table.py`). Two more components
of ours are added, registered with spaCy's factory registry:

- `veiligheid_lemma_keys`: sets `token.norm_` to a lemma key (the Snowball stem of the lemma, so
  that "verbinding"/"verbinden" and "inbraken"/"inbraak" meet) and records the parts of
  compounds ("woninginbraak" -> ("woning", "inbraak")) in `doc.user_data["parts"]` (token index
  -> parts; a plain dict is much faster than a token extension), split against a vocabulary of
  the taxonomy's words and the document's own words;
- `veiligheid_themes`: tags theme spans in `doc.spans["themes"]` (see `themes.py`).

Only this module and `themes.py` import spaCy; both are imported lazily by the commands.
"""

from __future__ import annotations

from .spacy_import import spacy  # first: spaCy without its command line

# isort: split
import importlib.util
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LOWER, NORM
from spacy.lang.nl import Dutch
from spacy.language import Language
from spacy.tokens import Doc

from .errors import UsageError
from .lemmas import MIN_HEAD, MIN_PART, split_compound, word_key
from .model import Block
from .nlp_names import BUILTIN, TRAINED_MODELS

BUILTIN_NAME = "veiligheid_builtin_nl"  # nlp.meta["name"] of the built-in pipeline
KEY_COMPONENT = "veiligheid_lemma_keys"
THEME_COMPONENT = "veiligheid_themes"
LEMMA_COMPONENT = "veiligheid_lookup_lemmas"


class LemmaKeys:
    """Pipeline component: `token.norm_` = lemma key, `doc.user_data["parts"][i]` = the
    compound parts of token i. Works on attribute arrays (no Token objects) and remembers the
    key of every (word, lemma) it has seen."""

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self.vocabulary = frozenset(word_key(w.lower()) for w in vocabulary if w.isalpha())
        self._keys: dict[tuple[int, int], tuple[int, str]] = {}  # (lower, lemma) -> key

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        pairs = doc.to_array([LOWER, LEMMA]).tolist()
        keys, hashes = [], []
        for lower, lemma in pairs:
            known = self._keys.get((lower, lemma))
            if known is None:
                key = word_key(strings[lower], strings[lemma])
                known = self._keys[(lower, lemma)] = (strings.add(key), key)
            hashes.append(known[0])
            keys.append(known[1])
        if hashes:
            doc.from_array([NORM], numpy.array(hashes, dtype="uint64").reshape(-1, 1))
        vocab = self.vocabulary | {k for k in keys if len(k) >= MIN_HEAD and k.isalpha()}
        found: dict[int, tuple[str, ...]] = {}
        for i, key in enumerate(keys):
            if len(key) >= MIN_PART + MIN_HEAD and (parts := _cached_split(key, vocab)):
                found[i] = parts
        doc.user_data["parts"] = found
        return doc


def _cached_split(key: str, vocab: frozenset[str]) -> tuple[str, ...]:
    # The vocabulary differs per document; the split of a key rarely does, so cache on the key
    # and recompute only when the cached answer used a word this document lacks.
    parts = _SPLIT_CACHE.get(key)
    if parts is None or any(p not in vocab for p in parts[1:]):
        parts = split_compound(key, vocab)
        _SPLIT_CACHE[key] = parts
    return parts


_SPLIT_CACHE: dict[str, tuple[str, ...]] = {}


@Language.factory(KEY_COMPONENT, default_config={"rules_dir": ""})
def make_lemma_keys(nlp: Language, name: str, rules_dir: str) -> LemmaKeys:
    # The vocabulary is read here, not passed in the config: spaCy validates a config, and
    # validating a list of a thousand words costs more than building the whole component.
    from .rules import load_taxonomy

    return LemmaKeys(load_taxonomy(rules_dir or None).words())


class LookupLemmas:
    """Pipeline component: spaCy's lookup lemmas (spacy-lookups-data), from a fast table, set
    in one go from an attribute array."""

    def __init__(self) -> None:
        from .lemma_table import lemma_lookup

        self.lookup = lemma_lookup()
        self._lemmas: dict[int, int] = {}  # hash of the lower-case form -> hash of the lemma

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        lowers = doc.to_array(LOWER).tolist()
        new = {h for h in lowers if h not in self._lemmas}
        if new:
            # as spaCy's DutchLemmatizer: the table's keys are lower case
            words = {h: strings[h] for h in new}
            found = self.lookup(list(words.values()))
            for h, word in words.items():
                self._lemmas[h] = strings.add(found.get(word, word))
        if lowers:
            lemmas = [self._lemmas[h] for h in lowers]
            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc


@Language.factory(LEMMA_COMPONENT)
def make_lookup_lemmas(nlp: Language, name: str) -> LookupLemmas:
    return LookupLemmas()


def installed_model() -> str | None:
    """The best installed `nl_core_news_*` pipeline, if any."""
    return next((m for m in TRAINED_MODELS if importlib.util.find_spec(m) is not None), None)


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None, rules_dir: str = "") -> Language:
    """Load the pipeline once per process: a trained Dutch model if available, else built-in."""
    name = model or installed_model() or BUILTIN
    if name == BUILTIN:
        nlp = _BuiltinDutch()
        nlp.meta["name"] = BUILTIN_NAME
        nlp.add_pipe(LEMMA_COMPONENT)
    else:
        try:
            nlp = spacy.load(name, exclude=["ner"])
        except OSError as exc:
            raise UsageError(
                f"spaCy model '{name}' is not installed (use --model {BUILTIN} for the "
                "built-in pipeline)"
            ) from exc
    if name != BUILTIN:
        _split_slashes(nlp)  # the built-in pipeline has this in its defaults already
    nlp.add_pipe(KEY_COMPONENT, config={"rules_dir": rules_dir})
    return nlp


# Split "Cybercrime/gedigitaliseerde" and "scholen/schoolroutes" into words at the slash.
_SLASH_INFIX = r"(?<=[^\W\d_])/(?=[^\W\d_])"


class _BuiltinDefaults(Dutch.Defaults):
    infixes = (*(Dutch.Defaults.infixes or ()), _SLASH_INFIX)
    # The 4,517 abbreviation exceptions ("bijv.", "o.a.", each in several spellings) cost 0.3 s
    # to load and change nothing we read: keys of content words, themes (tested on every
    # corpus and fixture document). Emoticons and the like stay.
    tokenizer_exceptions = {  # noqa: RUF012 (spaCy reads this class attribute)
        k: v for k, v in Dutch.Defaults.tokenizer_exceptions.items() if "." not in k
    }


class _BuiltinDutch(Dutch):
    """spaCy's Dutch with the slash infix in its defaults, so the tokenizer is built once."""

    lang = "nl"
    Defaults = _BuiltinDefaults


def _split_slashes(nlp: Language) -> None:
    """Add the slash infix to a loaded pipeline's tokenizer (rebuilds its special cases)."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, _SLASH_INFIX]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@dataclass(frozen=True, slots=True)
class ThemeHit:
    """One place where a theme was recognised in a text."""

    theme: str
    text: str  # the words as they stand in the text
    start: int  # character offsets in the block text
    end: int
    how: str  # "term" | "gapped" (words of a term with others between) | "pattern" | "fuzzy"


@dataclass(slots=True)
class AnalysedBlock:
    """A block with what the NLP stage found in it. Hits and token keys are in text order."""

    block: Block
    hits: list[ThemeHit]
    # (start character, lemma key and compound parts) of every content word
    token_keys: list[tuple[int, tuple[str, ...]]]
    _positions: list[int] = field(default_factory=list, repr=False)
    _hit_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.hits.sort(key=lambda h: h.start)
        self._positions = [pos for pos, _ in self.token_keys]
        self._hit_starts = [h.start for h in self.hits]

    @property
    def keys(self) -> frozenset[str]:
        """Lemma keys and compound parts of all content words of the block."""
        return frozenset(k for _, keys in self.token_keys for k in keys)

    def keys_between(self, start: int, end: int) -> frozenset[str]:
        """Lemma keys of the content words that start within [start, end)."""
        lo, hi = bisect_left(self._positions, start), bisect_left(self._positions, end)
        return frozenset(k for _, keys in self.token_keys[lo:hi] for k in keys)

    def hits_between(self, start: int, end: int) -> list[ThemeHit]:
        """Theme hits that lie within [start, end), in text order."""
        lo, hi = bisect_left(self._hit_starts, start), bisect_left(self._hit_starts, end)
        return [h for h in self.hits[lo:hi] if h.end <= end]

    @property
    def themes(self) -> list[str]:
        """Theme ids in order of first appearance."""
        return list(dict.fromkeys(hit.theme for hit in self.hits))


def content_token_keys(doc: Doc) -> list[tuple[int, tuple[str, ...]]]:
    """Lemma keys (plus compound parts) of content words; stop words and punctuation left out."""
    parts = doc.user_data.get("parts", {})
    strings = doc.vocab.strings
    rows = doc.to_array([NORM, IS_STOP, IS_PUNCT, IS_SPACE, IDX]).tolist()
    out = []
    for i, (norm, stop, punct, space, idx) in enumerate(rows):
        if stop or punct or space:
            continue
        key = strings[norm]
        if len(key) >= 3:
            out.append((idx, (key, *parts.get(i, ()))))
    return out


CHUNK_CHARS = 50_000  # longer blocks are analysed in pieces (spaCy's limit is 1,000,000)


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) of `text` in pieces of at most `size` characters, cut after a sentence
    end where one is near, else at a space."""
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        if cut < size // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut > 0 else size
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


def analyse_blocks(nlp: Language, blocks: list[Block]) -> list[AnalysedBlock]:
    """The NLP stage for a document: every block analysed, in order; a block longer than
    CHUNK_CHARS in pieces, so that no document is too long."""
    pieces = [(k, offset, piece) for k, b in enumerate(blocks) for offset, piece in chunks(b.text)]
    parts: list[tuple[list[ThemeHit], list]] = [([], []) for _ in blocks]
    docs = nlp.pipe((piece for _, _, piece in pieces), batch_size=256)
    for (k, offset, _), doc in zip(pieces, docs, strict=True):
        hits, keys = parts[k]
        hits += [
            ThemeHit(s.label_, s.text, s.start_char + offset, s.end_char + offset, s.id_ or "term")
            for s in doc.spans.get("themes", [])
        ]
        keys += [(pos + offset, k_) for pos, k_ in content_token_keys(doc)]
    return [AnalysedBlock(b, *part) for b, part in zip(blocks, parts, strict=True)]
