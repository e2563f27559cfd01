"""Many plans at once: align every plan with one regional strategy, and find common themes.

Each plan is ingested, extracted (through the cache) and aligned on its own; a failure of one
file is recorded and the others go on. With jobs > 1 the plans are spread over worker processes,
each of which loads the NLP pipeline once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, VeiligheidError
from .model import Alignment, DocumentKind, Extraction
from .pipeline import Settings

DOCUMENT_SUFFIXES = {".txt", ".md", ".markdown", ".pdf"}


@dataclass(slots=True)
class PlanResult:
    path: str
    alignment: Alignment | None = None
    error: str | None = None
    not_a_plan: str | None = None  # why a document was not aligned: "regional letter", ...

    @property
    def ok(self) -> bool:
        return self.alignment is not None


@dataclass(slots=True)
class BatchResult:
    regional: Extraction
    plans: list[PlanResult] = field(default_factory=list)

    @property
    def failed(self) -> list[PlanResult]:
        return [p for p in self.plans if p.error is not None]

    @property
    def not_plans(self) -> list[PlanResult]:
        return [p for p in self.plans if p.not_a_plan is not None]


def is_local_plan(ex: Extraction) -> bool:
    """A municipality's own plan (or a council proposal or page about it): what batch, common
    and align hold against a regional strategy. A regional strategy, or a letter or proposal
    about one, is not."""
    return ex.document.metadata.kind is DocumentKind.IVP


def role_of(ex: Extraction) -> str:
    """What a document that is no local plan is: "regional letter", "regional plan", ..."""
    meta = ex.document.metadata
    return f"{meta.kind.value} {meta.form}"


def not_plans_warning(names: list[str]) -> str:
    n = len(names)
    what = (
        "document is not a local plan and was"
        if n == 1
        else "documents are not local plans and were"
    )
    return f"{n} {what} not aligned: {', '.join(names)}; use --all to include them"


def collect_files(inputs: Iterable[str], exclude: str | None = None) -> list[str]:
    """Files named directly, plus the documents in named directories (not recursive, sorted;
    README files are left out). The regional strategy itself (`exclude`) and second mentions
    of a file are left out."""
    inputs = list(inputs)
    seen = {Path(exclude).resolve()} if exclude else set()
    out: list[str] = []

    def add(path: Path, name: str) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            out.append(name)

    for name in inputs:
        path = Path(name)
        if path.is_dir():
            for p in sorted(path.iterdir()):
                if (
                    p.is_file()
                    and p.suffix.lower() in DOCUMENT_SUFFIXES
                    and not p.name.lower().startswith("readme")
                ):
                    add(p, str(p))
        else:
            add(path, name)
    if not out:
        raise InputError("no .txt, .md or .pdf files found in " + ", ".join(inputs))
    return out


def _align_one(
    path: str, regional: Extraction, settings: Settings, use_cache: bool, every: bool = False
) -> PlanResult:
    from .cache import cached_extract
    from .pipeline import align_extractions

    try:
        local = cached_extract(path, settings, use_cache)
        if not every and not is_local_plan(local):
            return PlanResult(path, not_a_plan=role_of(local))
        return PlanResult(path, align_extractions(local, regional, settings))
    except VeiligheidError as exc:
        return PlanResult(path, error=str(exc))
    except Exception:  # a bug on one odd file must not cost the other plans
        import logging

        logging.getLogger("veiligheid_cli").debug("unexpected error on %s", path, exc_info=True)
        return PlanResult(
            path,
            error=f"{path}: unexpected problem while processing this file (a bug in veiligheid; "
            "please report it with the file)",
        )


def run_batch(
    files: list[str],
    regional_path: str,
    settings: Settings,
    *,
    jobs: int = 1,
    use_cache: bool = True,
    every: bool = False,
    on_done: Callable[[PlanResult], None] = lambda _r: None,
) -> BatchResult:
    """Align every local plan among `files` with the regional strategy (`every`: every
    document); results in the order of `files`."""
    from .cache import cached_extract

    regional = cached_extract(regional_path, settings, use_cache)
    if not (regional.priorities or regional.regional_references):
        raise InputError(f"{regional_path}: no regional priorities found in this document")
    results: dict[str, PlanResult] = {}
    if jobs <= 1 or len(files) < 2:
        for path in files:
            results[path] = _align_one(path, regional, settings, use_cache, every)
            on_done(results[path])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {
                pool.submit(_align_one, path, regional, settings, use_cache, every): path
                for path in files
            }
            for future in as_completed(futures):
                path = futures[future]
                try:
                    results[path] = future.result()
                except Exception as exc:  # a crashed worker: report the file, keep going
                    results[path] = PlanResult(path, error=f"{path}: worker failed ({exc})")
                on_done(results[path])
    return BatchResult(regional, [results[p] for p in files])


def plan_names(extractions: list[Extraction]) -> list[str]:
    """The organization per plan; where two plans share one, its kind and period beside it
    ("Leusden (ivp 2016-2019)"), and the file name where even those are the same."""
    orgs = [ex.document.metadata.organization or Path(ex.document.path).stem for ex in extractions]
    named = []
    for org, ex in zip(orgs, extractions, strict=True):
        meta = ex.document.metadata
        period = f" {meta.period}" if meta.period else ""
        named.append(f"{org} ({meta.kind.value}{period})" if orgs.count(org) > 1 else org)
    return [
        f"{name} {Path(ex.document.path).stem}" if named.count(name) > 1 else name
        for name, ex in zip(named, extractions, strict=True)
    ]


@dataclass(slots=True)
class ThemeCount:
    theme: str
    label: str
    field: str
    priority_plans: list[str]
    goal_plans: list[str]


def common_themes(
    extractions: list[Extraction], labels: dict[str, tuple[str, str]]
) -> list[ThemeCount]:
    """Per theme: which plans name it among their priorities, and which among their goals."""
    counts: dict[str, ThemeCount] = {}

    def entry(theme: str) -> ThemeCount:
        label, field_label = labels.get(theme, (theme, ""))
        return counts.setdefault(theme, ThemeCount(theme, label, field_label, [], []))

    for ex, name in zip(extractions, plan_names(extractions), strict=True):
        for theme in {t for item in ex.priorities for t in item.themes}:
            entry(theme).priority_plans.append(name)
        for theme in {t for item in ex.goals for t in item.themes}:
            entry(theme).goal_plans.append(name)
    return sorted(
        counts.values(), key=lambda c: (-len(c.priority_plans), -len(c.goal_plans), c.theme)
    )
