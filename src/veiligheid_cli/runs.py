"""The commands' runs that read through the extraction cache: a plan (or many) against a
regional strategy, a draft checked against one, two plans compared, one document extracted.
Above `cache.py` and `read_ahead.py` (the files a run must read are read in a child process
while spaCy loads), which are above the pipeline: the pipeline itself never reaches for
either."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cache import cached_extract, is_cached
from .model import Alignment, Document, Extraction, Finding
from .pipeline import Settings, align_extractions, analyse_document, load_nlp
from .read_ahead import ReadAhead, read_ahead

if TYPE_CHECKING:
    from .compare import Comparison


def align_files(
    local_files: list[str],
    regional: str,
    settings: Settings,
    use_cache: bool = True,
    advance: Callable[[], None] = lambda: None,
) -> list[Alignment]:
    """Align each local plan with the regional strategy (extractions from the cache)."""
    from .errors import UsageError
    from .rules import load_config

    load_config(settings.resolved_rules())  # a broken config fails before any work is done
    with _reading([regional, *local_files], settings, use_cache) as ahead:
        regional_ex = _extract(regional, settings, use_cache, ahead)
        if not (regional_ex.priorities or regional_ex.regional_references):
            raise UsageError(f"{regional}: no regional priorities found in this document")
        alignments = []
        for path in local_files:
            local = _extract(path, settings, use_cache, ahead)
            alignments.append(align_extractions(local, regional_ex, settings))
            advance()
    return alignments


def _reading(paths: list[str], settings: Settings, use_cache: bool, fresh: int = 0):
    """Read ahead the files of `paths` that must be extracted: the first `fresh` always
    (read afresh), the others when the cache lacks them. spaCy loads meanwhile."""
    misses = paths[:fresh] + [
        p for p in paths[fresh:] if not (use_cache and is_cached(p, settings))
    ]
    return read_ahead(misses, settings, meanwhile=lambda: load_nlp(settings))


def extract_fresh(path: str, settings: Settings) -> Extraction:
    """Ingest and analyse one document afresh (the file read while spaCy loads)."""
    with _reading([path], settings, use_cache=False) as ahead:
        return analyse_document(ahead.document(path, settings), settings)


@dataclass(slots=True)
class CheckResult:
    """What `check` found in a draft, and the checks it ran."""

    document: Document
    extraction: Extraction
    findings: list[Finding]
    enabled_checks: list[str]


def check_file(
    draft: str, regionals: list[str], settings: Settings, use_cache: bool = True
) -> CheckResult:
    """Read a draft afresh, align it with each regional strategy, run the checks."""
    from .check import run_checks
    from .rules import load_checks, load_config, load_taxonomy

    rules_dir = settings.resolved_rules()
    checks = load_checks(rules_dir)
    taxonomy = load_taxonomy(rules_dir)
    if regionals:
        load_config(rules_dir)
    with _reading([draft, *regionals], settings, use_cache, fresh=1) as ahead:
        doc = ahead.document(draft, settings)
        extraction = analyse_document(doc, settings)
        alignments = [
            align_extractions(extraction, _extract(path, settings, use_cache, ahead), settings)
            for path in regionals
        ]
    findings = run_checks(extraction, alignments, checks, taxonomy)
    return CheckResult(doc, extraction, findings, [c.id for c in checks.values() if c.enabled])


def compare_files(
    old: str, new: str, settings: Settings, use_cache: bool = True, allow_older: bool = False
) -> Comparison:
    """Compare two documents of one body (`compare.compare`), read through the cache. NEW older
    than OLD is a usage error unless `allow_older` (then a warning): no silent swap."""
    from .compare import compare
    from .errors import UsageError
    from .rules import load_taxonomy

    with _reading([old, new], settings, use_cache) as ahead:
        old_ex = _extract(old, settings, use_cache, ahead)
        new_ex = _extract(new, settings, use_cache, ahead)
    po, pn = old_ex.document.metadata.period, new_ex.document.metadata.period
    warning = None
    if po and pn and (pn.start, pn.end) < (po.start, po.end):
        warning = f"NEW ({new}, {pn}) is older than OLD ({old}, {po})"
        if not allow_older:
            raise UsageError(f"{warning}: swap them, or use --allow-older to compare anyway")
    result = compare(old_ex, new_ex, load_taxonomy(settings.resolved_rules()))
    if warning:
        result.warnings.append(f"warning: {warning}; compared as given (--allow-older)")
    return result


def _extract(path: str, settings: Settings, use_cache: bool, ahead: ReadAhead) -> Extraction:
    return cached_extract(path, settings, use_cache, ahead.document)
