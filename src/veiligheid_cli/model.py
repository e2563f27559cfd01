"""Plain data objects passed between the pipeline stages.

read -> clean -> structure -> nlp -> extract -> align/check -> report. Every stage takes and
returns these dataclasses; none of them knows about the CLI or about output formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line as read from the input, with where it came from."""

    text: str
    line: int  # 1-based line number in the text file, or line within the PDF page text
    page: int | None = None  # 1-based page number for PDFs
    heading: int = 0  # PDF: rank of the line's heading style (1 = largest), 0 = body text
    cells: tuple[str, ...] = ()  # a table row: its cells
    columns: tuple[str, ...] = ()  # a table row: the header of its table (empty for the header)


@dataclass(slots=True)
class RawText:
    """The output of a reader: lines with provenance, plus what the reader noticed."""

    path: str
    lines: list[SourceLine]
    source_format: str  # "text" | "markdown" | "pdf"
    encoding: str | None = None
    page_count: int | None = None
    warnings: list[str] = field(default_factory=list)


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


@dataclass(slots=True)
class Block:
    """A structural unit of a document: a heading, a paragraph, a list item or a table row."""

    kind: BlockKind
    text: str
    line: int
    end_line: int
    page: int | None = None
    level: int = 0  # headings: 1 = chapter, 2 = section, ...
    number: str = ""  # headings: "2.3"; list items: "1" for "1)"
    marker: str = ""  # list items: the bullet or numbering as written ("•", "1)", "-", "o")
    section: str = ""  # innermost numbered heading (or innermost heading) this block is under
    section_path: tuple[str, ...] = ()
    after_cue: bool = False  # list items: the list follows a lead-in line ending in ':'
    cells: tuple[str, ...] = ()  # table rows: the cells
    columns: tuple[str, ...] = ()  # table rows: the header of the table (empty for the header)
    style: int = 0  # headings read from a PDF: rank of the heading style (1 = largest)
    # where each source line of a joined block starts: (character offset in text, line)
    line_starts: tuple[tuple[int, int], ...] = ()

    def line_at(self, offset: int) -> int:
        """The source line on which character `offset` of the text stands."""
        line = self.line
        for start, number in self.line_starts:
            if start > offset:
                break
            line = number
        return line


@dataclass(frozen=True, slots=True)
class Period:
    start: int
    end: int

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"


class DocumentKind(StrEnum):
    IVP = "ivp"
    REGIONAL = "regional"
    PROPOSAL = "proposal"
    OTHER = "other"


@dataclass(slots=True)
class Metadata:
    title: str = ""
    organization: str = ""
    kind: DocumentKind = DocumentKind.OTHER  # whose plan the text is about
    period: Period | None = None
    form: str = "plan"  # what the text is: "plan", "proposal" (to a council) or "letter"
    name: str = ""  # a regional plan's own name ("Regionale Veiligheidsstrategie X 2019-2022")


@dataclass(slots=True)
class Document:
    """A structured document: metadata plus blocks in reading order."""

    path: str
    metadata: Metadata
    blocks: list[Block]
    source_format: str = "text"
    page_count: int | None = None
    warnings: list[str] = field(default_factory=list)

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.HEADING]

    def list_items(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.LIST_ITEM]


@dataclass(frozen=True, slots=True)
class Target:
    """The target of a goal, as its words state it: "daalt in 2027 met 15%" is value "15%",
    comparison "by", direction "down", year 2027."""

    value: str = ""  # as written: "15%", "7,8", "200"; "" for an end state without a figure
    number: float | None = None  # the value as a number (15.0)
    unit: str = ""  # "%", or the measured thing's unit where stated ("per 1.000 inwoners")
    comparison: str = ""  # at_least | at_most | to | by | keep | than | equal
    direction: str = ""  # down | up | "" (a bound or an end state)
    year: int | None = None  # the year the target is for

    def describe(self, baseline_year: int | None = None) -> str:
        """The target in words: "down by 15% in 2027", "at most 150", "up from 2023"."""
        if self.comparison == "by":
            words = f"{self.direction or 'change'} by {self.value}"
        elif self.comparison == "than":
            since = f" from {baseline_year}" if baseline_year else ""
            words = f"{self.direction or 'kept'}{since}"
        else:
            words = f"{_COMPARISON_WORDS.get(self.comparison, '')} {self.value}".strip()
        return f"{words} in {self.year}" if self.year else words


_COMPARISON_WORDS = {"at_least": "at least", "at_most": "at most", "to": "to", "keep": "keep"}


@dataclass(frozen=True, slots=True)
class Baseline:
    """What a target is measured against: "ten opzichte van 2023 (1.250)"."""

    value: str = ""
    year: int | None = None


class ItemKind(StrEnum):
    PRIORITY = "priority"
    GOAL = "goal"
    REFERENCE = "reference"  # a regional priority quoted inside a local plan
    MENTION = "mention"  # a passage that touches a theme without prioritising it
    SECTION = "section"  # a heading that names a theme (with what stands under it)


@dataclass(slots=True)
class Item:
    """Something extracted from a document, with its evidence location and themes."""

    kind: ItemKind
    text: str
    themes: list[str]
    section: str
    line: int
    page: int | None = None
    confidence: float = 0.0
    cue: str = ""  # why the extractor took it, for explanations
    indicator: str = ""  # goals from a goals table: what is measured
    target: str = ""  # goals from a goals table: the value to reach
    measure: Target | None = None  # goals: the target read from the goal's words (or cells)
    baseline: Baseline | None = None  # goals: the baseline the target is compared with
    # priorities with a section of their own: other themes named (twice or more) in that section
    scope: tuple[str, ...] = field(default=(), repr=False, compare=False)
    # priorities: the features that moved the model's probability most, (name, weight x value)
    why: tuple[tuple[str, float], ...] = field(default=(), compare=False)
    # lemma keys of the item's content words (for alignment; not part of any report)
    keys: frozenset[str] = field(default_factory=frozenset, repr=False, compare=False)

    def location(self) -> str:
        return f"p. {self.page}, line {self.line}" if self.page else f"line {self.line}"


@dataclass(slots=True)
class Extraction:
    """What a document prioritises, aims for and quotes from the region."""

    document: Document
    priorities: list[Item]
    goals: list[Item]
    regional_references: list[Item]
    mentions: list[Item] = field(default_factory=list)  # cue "commitment" when the plan commits
    sections: list[Item] = field(default_factory=list)  # cue "section with commitments" or not
    notes: list[str] = field(default_factory=list)  # what extraction left out (bounded work)


class AlignmentStatus(StrEnum):
    COVERED = "covered"
    PARTIAL = "partial"
    MISSING = "missing"


@dataclass(slots=True)
class Evidence:
    """A quote from the local plan that supports a verdict."""

    text: str
    kind: str  # priority | goal | section | heading | commitment | mention
    line: int
    page: int | None
    score: float = 0.0
    themes: list[str] = field(default_factory=list)
    match: str = ""  # same | scope | words | related | generic
    target: str = ""  # a goal's target in words ("down by 15% in 2027"), "" for other kinds


@dataclass(slots=True)
class PriorityAlignment:
    """The verdict on one regional priority: the status, the rule that decided it, evidence."""

    regional: Item
    status: AlignmentStatus
    score: float
    evidence: list[Evidence]
    reason: str = ""  # the id of the verdict rule (rules/config.yaml)
    explanation: str = ""  # that rule's one-line explanation
    more_evidence: int = 0  # further pieces of evidence beyond the strongest shown (max_evidence)


@dataclass(slots=True)
class Alignment:
    local: Extraction
    regional: Extraction
    priorities: list[PriorityAlignment]
    local_only: list[Item]
    coverage: float


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(slots=True)
class Finding:
    """One result of `veiligheid check`."""

    check_id: str
    severity: Severity
    message: str
    line: int | None = None
    page: int | None = None
    quote: str = ""
