"""The stages wired together: file -> Document -> analysed blocks -> Extraction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Document, Extraction


@dataclass(frozen=True, slots=True)
class Settings:
    """What a run depends on besides the input: the spaCy model and the rules directory."""

    model: str | None = None
    rules_dir: str | None = None
    password: str | None = None  # for encrypted PDFs; not part of any cache key

    def resolved_rules(self) -> str:
        from .rules import resolve_rules_dir

        return str(resolve_rules_dir(self.rules_dir))


def analyse_document(doc: Document, settings: Settings) -> Extraction:
    """NLP and extraction for an ingested document."""
    from .extract import extract
    from .nlp import analyse_blocks
    from .rules import load_extract_rules, load_taxonomy
    from .themes import themed_pipeline

    rules_dir = settings.resolved_rules()
    nlp = themed_pipeline(settings.model, rules_dir)
    analysed = analyse_blocks(nlp, doc.blocks)
    return extract(doc, analysed, load_extract_rules(rules_dir), load_taxonomy(rules_dir))


def load_nlp(settings: Settings) -> None:
    """Load the NLP pipeline now (spaCy and the taxonomy's components), for example while the
    files are read ahead; `analyse_document` then finds it loaded."""
    from .themes import themed_pipeline

    themed_pipeline(settings.model, settings.resolved_rules())


def ingest_file(path: str | Path, settings: Settings) -> Document:
    """Read, clean and structure one file, with the goals-table cues of the rules."""
    from .ingest import ingest
    from .rules import load_extract_rules

    rules = load_extract_rules(settings.resolved_rules())
    return ingest(str(path), settings.password, rules.is_goal_table_header)


def extract_file(path: str | Path, settings: Settings) -> Extraction:
    """Ingest, analyse and extract one file."""
    return analyse_document(ingest_file(path, settings), settings)


def align_extractions(local: Extraction, regional: Extraction, settings: Settings):
    """Align two extracted documents with the weights and thresholds of rules/config.yaml."""
    from .align import align
    from .rules import load_config, load_taxonomy

    rules_dir = settings.resolved_rules()
    return align(local, regional, load_config(rules_dir), load_taxonomy(rules_dir))
