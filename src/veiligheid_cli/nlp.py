"""NLP stage: a spaCy Dutch pipeline with compound-aware lemma keys and theme tagging.

The pipeline is `nl_core_news_*` when installed (or the model named with --model), otherwise a
built-in one: `spacy.blank("nl")` + lookup lemmatizer (spacy-lookups-data) + sentencizer. Two
components of ours are added, registered with spaCy's factory registry:

- `veiligheid_lemma_keys`: sets `token.norm_` to a lemma key (the Snowball stem of the lemma, so
  that "verbinding"/"verbinden" and "inbraken"/"inbraak" meet) and `token._.parts` to the parts
  of a compound ("woninginbraak" -> ("woning", "inbraak")), split against a vocabulary of the
  taxonomy's words and the document's own words;
- `veiligheid_themes`: tags theme spans in `doc.spans["themes"]` (see `themes.py`).

Only this module and `themes.py` import spaCy; both are imported lazily by the commands.
"""

from __future__ import annotations

import importlib.util
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.lang.nl import Dutch
from spacy.language import Language
from spacy.tokens import Doc, Token

from .errors import UsageError
from .lemmas import MIN_HEAD, MIN_PART, split_compound, word_key
from .model import Block
from .nlp_names import BUILTIN, TRAINED_MODELS

KEY_COMPONENT = "veiligheid_lemma_keys"
THEME_COMPONENT = "veiligheid_themes"

if not Token.has_extension("parts"):
    Token.set_extension("parts", default=())


class LemmaKeys:
    """Pipeline component: `token.norm_` = lemma key, `token._.parts` = compound parts."""

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self.vocabulary = frozenset(word_key(w.lower()) for w in vocabulary if w.isalpha())

    def __call__(self, doc: Doc) -> Doc:
        keys = []
        for token in doc:
            key = word_key(token.lower_, token.lemma_)
            token.norm_ = key
            keys.append(key)
        vocab = self.vocabulary | {k for k in keys if len(k) >= MIN_HEAD and k.isalpha()}
        for token, key in zip(doc, keys, strict=True):
            if len(key) >= MIN_PART + MIN_HEAD:
                parts = _cached_split(key, vocab)
                if parts:
                    token._.parts = parts
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


@Language.factory(KEY_COMPONENT, default_config={"vocabulary": []})
def make_lemma_keys(nlp: Language, name: str, vocabulary: list[str]) -> LemmaKeys:
    return LemmaKeys(vocabulary)


def installed_model() -> str | None:
    """The best installed `nl_core_news_*` pipeline, if any."""
    return next((m for m in TRAINED_MODELS if importlib.util.find_spec(m) is not None), None)


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None, vocabulary: tuple[str, ...] = ()) -> Language:
    """Load the pipeline once per process: a trained Dutch model if available, else built-in."""
    name = model or installed_model() or BUILTIN
    if name == BUILTIN:
        nlp = _BuiltinDutch()
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.add_pipe("sentencizer")
        try:
            nlp.initialize()
        except (OSError, ValueError) as exc:  # spacy-lookups-data missing
            raise UsageError(
                f"cannot build the built-in Dutch pipeline ({exc}); install spacy-lookups-data"
            ) from exc
    else:
        try:
            nlp = spacy.load(name, exclude=["ner"])
        except OSError as exc:
            raise UsageError(
                f"spaCy model '{name}' is not installed (use --model {BUILTIN} for the "
                "built-in pipeline)"
            ) from exc
        if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
            nlp.add_pipe("sentencizer")
    if name != BUILTIN:
        _split_slashes(nlp)  # the built-in pipeline has this in its defaults already
    nlp.add_pipe(KEY_COMPONENT, config={"vocabulary": list(vocabulary)})
    return nlp


# Split "Cybercrime/gedigitaliseerde" and "scholen/schoolroutes" into words at the slash.
_SLASH_INFIX = r"(?<=[^\W\d_])/(?=[^\W\d_])"


class _BuiltinDefaults(Dutch.Defaults):
    infixes = (*(Dutch.Defaults.infixes or ()), _SLASH_INFIX)


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
    how: str  # "term" | "pattern" | "fuzzy"


@dataclass(slots=True)
class AnalysedBlock:
    """A block with what the NLP stage found in it. Hits and token keys are in text order."""

    block: Block
    hits: list[ThemeHit]
    sentences: list[tuple[int, int]]  # character spans of sentences
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
    out = []
    for token in doc:
        if token.is_stop or token.is_punct or token.is_space or len(token.norm_) < 3:
            continue
        out.append((token.idx, (token.norm_, *token._.parts)))
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
    parts: list[tuple[list[ThemeHit], list[tuple[int, int]], list]] = [([], [], []) for _ in blocks]
    docs = nlp.pipe((piece for _, _, piece in pieces), batch_size=256)
    for (k, offset, _), doc in zip(pieces, docs, strict=True):
        hits, sentences, keys = parts[k]
        hits += [
            ThemeHit(s.label_, s.text, s.start_char + offset, s.end_char + offset, s.id_ or "term")
            for s in doc.spans.get("themes", [])
        ]
        if doc.has_annotation("SENT_START"):
            sentences += [(s.start_char + offset, s.end_char + offset) for s in doc.sents]
        else:
            sentences.append((offset, offset + len(doc.text)))
        keys += [(pos + offset, k_) for pos, k_ in content_token_keys(doc)]
    return [AnalysedBlock(b, *part) for b, part in zip(blocks, parts, strict=True)]
