"""Command-line interface: parse options, call the pipeline stages, pick a reporter.

Heavy modules (spaCy, pdfplumber, rich tables) are imported inside the commands so that
`veiligheid --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from . import __version__
from .errors import EXIT_FINDINGS, EXIT_USAGE, VeiligheidError, one_line

app = typer.Typer(
    name="veiligheid",
    help="Read Dutch safety-policy documents (IVP, regional strategy) and align local "
    "priorities with regional ones.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class IngestFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class ReportFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"


class AlignFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    html = "html"


class CompareFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"
    html = "html"


class CommonFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"
    html = "html"


class FailOn(StrEnum):
    missing = "missing"
    partial = "partial"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    markdown = "markdown"


class FailLevel(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


ReportFormatOpt = Annotated[
    ReportFormat, typer.Option("--format", "-f", help="Output format: table, markdown or json.")
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy pipeline: an installed nl_core_news_* name, or 'builtin'. "
        "Default: the best installed nl_core_news_*, else builtin.",
    ),
]
RulesOpt = Annotated[
    str | None,
    typer.Option(
        "--rules", help="Directory with themes.yaml, extract.yaml, config.yaml, check.yaml."
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", help="Write to FILE instead of stdout (written atomically)."),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Do not read or write the cache of extracted documents.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or progress on stderr.")]
AllOpt = Annotated[
    bool,
    typer.Option(
        "--all",
        help="Include documents that are no local plan (a regional strategy, a letter or "
        "proposal about one); by default they are listed apart with one warning.",
    ),
]
VerboseOpt = Annotated[
    bool,
    typer.Option("--verbose", "-v", help="Also show what the PDF libraries report (on stderr)."),
]
PasswordOpt = Annotated[
    str | None,
    typer.Option("--password", help="Password of encrypted PDF input.", show_default=False),
]
FileArg = Annotated[
    str, typer.Argument(metavar="FILE", help="A .txt, .md or .pdf file, or - for stdin.")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"veiligheid {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show version and exit."),
    ] = False,
) -> None:
    """veiligheid: priorities, goals and regional alignment of Dutch safety plans."""


def setup_logging(verbose: bool) -> None:
    """Library log records go to stderr only with --verbose; otherwise nowhere."""
    import logging

    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_veiligheid", False):
            root.removeHandler(handler)
    handler: logging.Handler
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("veiligheid: %(levelname)s: %(name)s: %(message)s"))
        root.setLevel(logging.INFO)
    else:
        handler = logging.NullHandler()
    handler._veiligheid = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    logging.captureWarnings(True)


def _document_warnings(extractions) -> list[str]:
    """What the readers noticed (a cp1252 decoding, a damaged PDF) and what extraction left
    out (bounded work), once per document."""
    out: list[str] = []
    for ex in extractions:
        out += [w for w in ex.document.warnings if w not in out]
        out += [f"{ex.document.path}: {n}" for n in ex.notes]
    return out


def warn(messages: list[str], quiet: bool) -> None:
    if not quiet:
        for message in messages:
            typer.echo(f"veiligheid: warning: {message}", err=True)


@app.command()
def ingest(
    file: FileArg,
    fmt: Annotated[IngestFormat, typer.Option("--format", "-f", help="Output format.")] = (
        IngestFormat.text
    ),
    output: OutputOpt = None,
    rules: RulesOpt = None,
    password: PasswordOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Read a document and show its structure: headings, paragraphs, list items, metadata."""
    from .pipeline import Settings, ingest_file
    from .report import emit, ingest_report

    setup_logging(verbose)
    doc = ingest_file(file, Settings(rules_dir=rules, password=password))
    warn(doc.warnings, quiet)
    render = {
        IngestFormat.text: ingest_report.to_text,
        IngestFormat.markdown: ingest_report.to_markdown,
        IngestFormat.json: ingest_report.to_json,
    }[fmt]
    emit(render(doc), output)


def _click_exception_types() -> tuple[tuple[type, ...], tuple[type, ...], tuple[type, ...]]:
    """(no-args-help, usage error, abort) classes of the click that Typer runs on.

    Recent Typer releases vendor click as `typer._click`; older ones use click itself.
    """
    modules = []
    try:
        import typer._click.exceptions as vendored

        modules.append(vendored)
    except ImportError:  # pragma: no cover - depends on the Typer release
        pass
    try:
        import click.exceptions as upstream

        modules.append(upstream)
    except ImportError:  # pragma: no cover
        pass

    def found(name: str) -> tuple[type, ...]:
        return tuple(getattr(m, name) for m in modules if hasattr(m, name))

    return found("NoArgsIsHelpError"), found("UsageError"), (typer.Abort, *found("Abort"))


@app.command()
def extract(
    file: FileArg,
    fmt: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    model: ModelOpt = None,
    rules: RulesOpt = None,
    password: PasswordOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Show why: the strongest model features of each item."),
    ] = False,
) -> None:
    """Find the priorities, goals and quoted regional priorities of a document, with themes."""
    from .pipeline import Settings
    from .report import emit, extract_report
    from .runs import extract_fresh

    setup_logging(verbose)
    result = extract_fresh(file, Settings(model, rules, password))
    warn(result.document.warnings, quiet)
    warn(result.notes, quiet)
    render = {
        ReportFormat.table: lambda ex: extract_report.to_table(ex, explain=explain),
        ReportFormat.markdown: lambda ex: extract_report.to_markdown(ex, explain=explain),
        ReportFormat.json: extract_report.to_json,  # always carries `why`
    }[fmt]
    emit(render(result), output)


@app.command()
def themes(
    fmt: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    rules: RulesOpt = None,
) -> None:
    """List the theme taxonomy (rules/themes.yaml) by Kernbeleid Veiligheid field."""
    from .report import emit, themes_report
    from .rules import load_taxonomy

    taxonomy = load_taxonomy(rules)
    render = {
        ReportFormat.table: themes_report.to_table,
        ReportFormat.markdown: themes_report.to_markdown,
        ReportFormat.json: themes_report.to_json,
    }[fmt]
    emit(render(taxonomy), output)


@app.command()
def align(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="LOCAL [REGIONAL] | LOCAL...",
            help="LOCAL REGIONAL, or with --regional: one or more local plans.",
        ),
    ],
    regional: Annotated[
        str | None,
        typer.Option("--regional", "-r", help="The regional strategy; all FILES are local plans."),
    ] = None,
    fmt: Annotated[AlignFormat, typer.Option("--format", "-f", help="Output format.")] = (
        AlignFormat.table
    ),
    output: OutputOpt = None,
    min_coverage: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Exit 1 when a plan's coverage is below this."),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(help="Exit 1 when a regional priority is missing (or partial or worse)."),
    ] = None,
    model: ModelOpt = None,
    rules: RulesOpt = None,
    password: PasswordOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> int:
    """How well do local priorities and goals address the regional priorities?

    Examples: `veiligheid align leusden.txt rvs.txt`;
    `veiligheid align --regional rvs.txt a.txt b.pdf -f csv -o matrix.csv`.
    """
    from .errors import UsageError
    from .pipeline import Settings
    from .report import align_report
    from .runs import align_files

    if regional is None:
        if len(files) != 2:
            raise UsageError("give LOCAL REGIONAL, or --regional RVS with one or more local plans")
        local_files, regional = files[:1], files[1]
    else:
        local_files = files
    setup_logging(verbose)
    settings = Settings(model, rules, password)
    with progress(len(local_files), "Aligning", quiet) as advance:
        alignments = align_files(local_files, regional, settings, not no_cache, advance)
    if alignments:
        warn(_document_warnings([alignments[0].regional] + [a.local for a in alignments]), quiet)
    align_report.render(alignments, fmt.value, output)
    return _threshold_exit(alignments, min_coverage, fail_on, quiet)


@app.command()
def compare(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The earlier plan (or strategy).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="Its successor, or a draft of it.")],
    fmt: Annotated[
        CompareFormat,
        typer.Option("--format", "-f", help="Output format (html: old | new side by side)."),
    ] = CompareFormat.table,
    output: OutputOpt = None,
    allow_older: Annotated[
        bool, typer.Option("--allow-older", help="Compare even when NEW's period is older.")
    ] = False,
    model: ModelOpt = None,
    rules: RulesOpt = None,
    password: PasswordOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """What changed between two periods of one body's plan: priorities kept, added, dropped."""
    from .pipeline import Settings
    from .report import compare_report, emit
    from .runs import compare_files

    setup_logging(verbose)
    settings = Settings(model, rules, password)
    result = compare_files(old, new, settings, not no_cache, allow_older)
    for w in result.warnings:
        warn([w.removeprefix("warning: ")], quiet)
    emit(compare_report.render(fmt.value, result), output)


@app.command()
def check(
    draft: FileArg,
    regional: Annotated[
        list[str] | None,
        typer.Option("--regional", "-r", help="A regional strategy to check against (repeatable)."),
    ] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = (
        CheckFormat.text
    ),
    fail_level: Annotated[
        FailLevel, typer.Option(help="Exit 1 when a finding is at or above this severity.")
    ] = FailLevel.error,
    output: OutputOpt = None,
    model: ModelOpt = None,
    rules: RulesOpt = None,
    password: PasswordOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> int:
    """Lint a draft plan for CI: regional priorities addressed, concrete goals, stated period.

    Exit 0 when no finding reaches --fail-level, 1 when one does, 2 on usage or input errors.
    """
    from .check import fails
    from .model import Severity
    from .pipeline import Settings
    from .report import check_report, emit
    from .runs import check_file

    setup_logging(verbose)
    settings = Settings(model, rules, password)
    result = check_file(draft, regional or [], settings, not no_cache)
    warn(result.document.warnings + result.extraction.notes, quiet)
    level = Severity(fail_level.value)
    failed = fails(result.findings, level)
    emit(check_report.render(fmt.value, result, failed, level), output)
    return EXIT_FINDINGS if failed else 0


@app.command()
def batch(
    inputs: Annotated[
        list[str], typer.Argument(metavar="DIR_OR_FILES...", help="Plans, or directories of plans.")
    ],
    regional: Annotated[str, typer.Option("--regional", "-r", help="The regional strategy.")],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Directory for the reports (created if needed).")
    ] = "veiligheid-report",
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64, help="Worker processes.")] = 1,
    every: AllOpt = False,
    model: ModelOpt = None,
    rules: RulesOpt = None,
    password: PasswordOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> int:
    """Align many plans with one regional strategy: a report per plan, an index and a matrix.

    Writes OUTPUT/<plan>.md and .json, OUTPUT/index.md, index.json and matrix.csv. A file that
    fails is reported and skipped; the exit code is then 1.
    """
    from pathlib import Path

    from .batch import collect_files, not_plans_warning, run_batch
    from .pipeline import Settings
    from .report.batch_report import prepare_outdir, write_outputs
    from .rules import load_config

    setup_logging(verbose)
    settings = Settings(model, rules, password)
    load_config(settings.resolved_rules())
    files = collect_files(inputs, exclude=regional)
    prepare_outdir(Path(output))  # a bad -o fails before the work, not after
    with progress(len(files), "Aligning plans", quiet) as advance:

        def done(result) -> None:
            if result.error:
                typer.echo(f"veiligheid: error: {one_line(result.error)}", err=True)
            advance()

        result = run_batch(
            files, regional, settings, jobs=jobs, use_cache=not no_cache, every=every, on_done=done
        )
    write_outputs(result, Path(output))
    aligned = [p.alignment.local for p in result.plans if p.alignment is not None]
    warn(_document_warnings([result.regional, *aligned]), quiet)
    skipped = [f"{p.path} ({p.not_a_plan})" for p in result.not_plans]
    if skipped:
        warn([not_plans_warning(skipped)], quiet)
    if not quiet:
        aligned = len(files) - len(result.failed) - len(skipped)
        typer.echo(
            f"veiligheid: {aligned} of {len(files)} documents aligned, "
            f"{len(result.failed)} failed; reports in {output}/",
            err=True,
        )
    return EXIT_FINDINGS if result.failed else 0


@app.command()
def common(
    files: Annotated[list[str], typer.Argument(metavar="FILES...", help="Plans, or directories.")],
    fmt: Annotated[
        CommonFormat,
        typer.Option("--format", "-f", help="Output format (html: a bar chart page)."),
    ] = CommonFormat.table,
    output: OutputOpt = None,
    min_plans: Annotated[
        int, typer.Option(min=1, help="Only themes that at least this many plans prioritise.")
    ] = 1,
    every: AllOpt = False,
    model: ModelOpt = None,
    rules: RulesOpt = None,
    password: PasswordOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Which themes do how many plans prioritise? Input for a new regional strategy."""
    from .batch import (
        collect_files,
        common_themes,
        is_local_plan,
        not_plans_warning,
        plan_names,
        role_of,
    )
    from .cache import cached_extract
    from .pipeline import Settings
    from .report import batch_report, emit
    from .rules import load_taxonomy

    setup_logging(verbose)
    settings = Settings(model, rules, password)
    taxonomy = load_taxonomy(settings.resolved_rules())
    paths = collect_files(files)
    extractions = []
    with progress(len(paths), "Extracting", quiet) as advance:
        for path in paths:
            extractions.append(cached_extract(path, settings, not no_cache))
            advance()
    warn(_document_warnings(extractions), quiet)
    if not every:
        skipped = [
            f"{ex.document.path} ({role_of(ex)})" for ex in extractions if not is_local_plan(ex)
        ]
        extractions = [ex for ex in extractions if is_local_plan(ex)]
        if skipped:
            warn([not_plans_warning(skipped)], quiet)
    labels = {t.id: (t.label, taxonomy.field_label(t.field)) for t in taxonomy.themes}
    counts = [c for c in common_themes(extractions, labels) if len(c.priority_plans) >= min_plans]
    plans = plan_names(extractions)
    emit(batch_report.render_common(fmt.value, counts, plans), output)


def _threshold_exit(
    alignments, min_coverage: float | None, fail_on: FailOn | None, quiet: bool
) -> int:
    failures = []
    for a in alignments:
        name = a.local.document.path
        if min_coverage is not None and a.coverage < min_coverage:
            failures.append(
                f"{name}: coverage {a.coverage:.2f} is below --min-coverage {min_coverage:g}"
            )
        if fail_on is not None:
            bad = {"missing"} if fail_on is FailOn.missing else {"missing", "partial"}
            hits = [p.regional.text for p in a.priorities if p.status.value in bad]
            if hits:
                failures.append(
                    f"{name}: {len(hits)} regional priorities {'/'.join(sorted(bad))}: "
                    + "; ".join(hits)
                )
    for failure in failures:
        if not quiet:
            typer.echo(f"veiligheid: {failure}", err=True)
    return EXIT_FINDINGS if failures else 0


def progress(total: int, label: str, quiet: bool):
    """A context manager yielding `advance()`; shows a rich progress bar on a terminal."""
    from contextlib import contextmanager

    @contextmanager
    def bar():
        if quiet or total < 2 or not sys.stderr.isatty():
            yield lambda: None
            return
        from rich.progress import Progress

        with Progress(transient=True) as p:
            task = p.add_task(label, total=total)
            yield lambda: p.advance(task)

    return bar()


def main(argv: list[str] | None = None) -> int:
    """Console entry point: one-line errors, documented exit codes, no tracebacks."""
    no_args, usage_error, abort = _click_exception_types()
    setup_logging(verbose=False)  # no library log lines on stderr unless a command asks
    try:
        result = app(args=argv, prog_name="veiligheid", standalone_mode=False)
    except no_args as exc:
        if exc.ctx is not None:
            typer.echo(exc.ctx.get_help())
        return EXIT_USAGE
    except usage_error as exc:
        ctx = exc.ctx
        command = ctx.command_path if ctx is not None else "veiligheid"
        message = " ".join(exc.format_message().replace("Value error, ", "").split())
        typer.echo(f"veiligheid: error: {one_line(message)} (see '{command} --help')", err=True)
        return EXIT_USAGE
    except abort:
        typer.echo("veiligheid: aborted", err=True)
        return 130
    except VeiligheidError as exc:
        typer.echo(f"veiligheid: error: {exc}", err=True)  # one line by construction
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except Exception:  # a bug: one line for the user, the traceback only with --verbose
        import logging

        logging.getLogger("veiligheid_cli").debug("unexpected error", exc_info=True)
        typer.echo(
            "veiligheid: error: unexpected problem while processing the input (a bug in "
            "veiligheid; please report it with the input file)",
            err=True,
        )
        return EXIT_USAGE
    return result if isinstance(result, int) else 0


# The cyclic garbage collector's first generation is collected every GC_THRESHOLD[0]
# allocations (Python's default is 700). A run allocates millions of small objects that live
# until it ends (spaCy's modules, lexemes, blocks), and each collection walks them: about a
# tenth of a cold `align`. Cycles are still collected, a hundred times less often.
GC_THRESHOLD = (70_000, 10, 100)


def run() -> None:  # pragma: no cover - thin wrapper for the console script
    """The console script: the collector set for a short run, and an exit without tearing
    down the interpreter (freeing spaCy's and the lemma table's objects one by one takes
    longer than the whole answer, 0.3 s). Output is flushed first."""
    import gc
    import os

    gc.set_threshold(*GC_THRESHOLD)
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
