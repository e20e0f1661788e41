"""The document around the tables: what report it is, and the headings each table stands under.

A report says who wrote it and for which period on its title page and in its running headers
("Verksamhetsberättelse 2019, Arbetsmarknads- och vuxenutbildningsnämnden", "Delårsrapport mars
2026", "Rapportperiod: 2025-12-31 Organisation: Kultur- och fritidsnämnden"). Its goal sections
are marked by labelled headings ("Målområde 1: ...", "Nämndens mål:" followed by the goal) that
hold until the next one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import takewhile

from pipeline.core.records import BBox, TextLine
from pipeline.read.layout import join_label
from pipeline.swedish.numbers import YEARS
from pipeline.tables.cells import HEADING_NUMBER

CONTEXT_PAGES = 3  # title page, inner title and table of contents
REPORT_KINDS = (
    ("verksamhetsberättelse", "verksamhetsberättelse"),
    ("delårsrapport", "delårsrapport"),
    ("delårsbokslut", "delårsrapport"),
    ("tertialrapport", "tertialrapport"),
    ("tertialuppföljning", "tertialrapport"),
    ("månadsrapport", "månadsrapport"),
    ("årsredovisning", "årsredovisning"),
    ("årsbokslut", "årsbokslut"),
    ("årsredogörelse", "årsredogörelse"),
    ("årsrapport", "årsrapport"),
    ("budgetskrivelse", "budgetskrivelse"),
    ("revisionsberättelse", "revisionsberättelse"),
    ("sårbarhetsanalys", "risk- och sårbarhetsanalys"),
)
MONTHS = {name: n for n, name in enumerate(
    ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
     "oktober", "november", "december"), start=1)}
YEAR = re.compile(rf"\b({YEARS})\b")
PERIOD_END = re.compile(r"\b(20[0-4]\d)-(\d\d)-\d\d\b")
MUNICIPALITY = re.compile(r"\b([A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?s? (?:kommun|[Ss]tad))\b"
                          r"|\b(Region [A-ZÅÄÖ][a-zåäö]+)\b")
COMMITTEE = re.compile(
    r"\b(Nämnden för [A-ZÅÄÖ][\wåäö-]+(?: och [\wåäö-]+)?"
    r"|[A-ZÅÄÖ][a-zåäö]+-(?:, [a-zåäö]+-)* (?:och|samt) [a-zåäö]*nämnden"
    r"|[A-ZÅÄÖ][a-zåäö]*nämnden"
    r"|Kommunstyrelsen|Regionstyrelsen)\b")
ISSUER = re.compile(r"\b([A-ZÅÄÖ][a-zåäö]+(?:[ -][a-zåäö]+)?)s\s+(?:Å|å)rsredovisning\b")
AGENCY = re.compile(r"\b([A-ZÅÄÖ][a-zåäö-]*(?:myndigheten|verket|kassan|makten|inspektionen|"
                    r"ämbetet|rådet|revisionen))\b|\b(Polisen)\b")
ASSOCIATION = re.compile(r"\b((?:Brf|BRF|Bostadsrättsföreningen) [A-ZÅÄÖ][\wåäö]*"
                         r"(?: i [A-ZÅÄÖ][\wåäö]+)?)")
NOT_AN_ISSUER = {"Stad", "Kommun", "Region", "Nämnd"}

# "Mål" alone is a table header ("Mål 2019" over two lines); only "Mål:" labels a goal.
GOAL_LABEL = re.compile(r"^(?:(?:nämndens mål|nämndmål|verksamhetsmål)\s*:?|mål\s*:)$", re.I)
# "Mål 2: ..." numbers a goal; "Mål 2019" over a column is a year (at most two digits here).
GOAL_INLINE = re.compile(r"^(?:nämndens mål|nämndmål|verksamhetsmål|mål\s+\d{1,2}[a-z]?)"
                         r"\s*[:\-–.]\s*(.+)$", re.I)
AREA_LABEL = re.compile(r"^målområde(?:/process)?\s*:?$", re.I)
AREA_INLINE = re.compile(r"^målområde\s*\d*\s*[:.\-–]\s*(.+)$", re.I)
AREA_NUMBER = re.compile(r"^\d+\s+(?=\D)")  # "1 Möjliggöra ..." after the section number
MAX_HEADING_CHARS = 160


@dataclass(frozen=True)
class DocumentContext:
    """Who wrote the report, what kind it is and which period it covers."""

    municipality: str = ""
    committee: str = ""
    report_kind: str = ""
    report_year: int | None = None
    period: str = ""  # "helår", "delår", "tertial"
    period_month: int | None = None  # last month the period covers
    organisation: str = ""  # the committee, else the agency or association that reports


@dataclass(frozen=True)
class Position:
    """A place in reading order: page, then distance from the top."""

    page: int
    top: float


@dataclass(frozen=True)
class Marker:
    """Where a goal area, a goal or a heading starts."""

    role: str  # "goal_area", "goal", "heading"
    text: str
    at: Position
    bbox: BBox
    size: float = 0.0  # font size of the line that starts it
    end: Position | None = None  # where its text (a goal's title) ends, when it runs on
    bold: bool = False
    depth: int = 0  # parts of its section number: "4" 1, "3.2" 2; 0 unnumbered
    # Its lines' places in the document's lines in reading order: the first, and the one
    # after its last (-1 when made elsewhere). On a page of two columns the text under a
    # marker is what follows it in reading order, not what is below it on the page.
    span: tuple[int, int] = (-1, -1)

    @property
    def last(self) -> Position:
        return self.end or self.at

    @property
    def rank(self) -> tuple[float, bool]:
        """How its type stands out: size first (to half a point), then weight."""
        return round(self.size * 2) / 2, self.bold


def outranks(heading: Marker, over: Marker) -> bool:
    """Whether `heading` is of the same or a higher level than `over`, so that it ends what
    `over` began. Section numbers decide where both have them ("4" ends "3.2"); else type:
    a numbered heading ends an unnumbered one set no larger; an unnumbered one ends a
    numbered chapter set no larger ("Ekonomi" after "4 …"), but needs larger type to end a
    numbered section ("Analys" inside "3.2 …")."""
    if heading.depth and over.depth:
        return heading.depth <= over.depth
    if over.depth == 1:  # a chapter: an unnumbered heading of its type is the next one
        return heading.rank >= over.rank
    if over.depth:
        return heading.rank > over.rank
    return heading.rank >= over.rank


@dataclass(frozen=True)
class Place:
    goal_area: str = ""
    goal: str = ""
    heading: str = ""


# -- document context ------------------------------------------------------------------------


def document_context(first_pages: Sequence[Sequence[TextLine]], running: Sequence[str],
                     file_name: str = "", body: Sequence[str] = ()) -> DocumentContext:
    """Context from the text of the first pages and the running headers; the municipality
    from the whole text (`body`) when the first pages do not name it. The file name is the
    last resort for the year, as analysts name their files after the report."""
    lines = [ln.text for page in first_pages for ln in page]
    texts = [*running, *lines]
    kind, year, title_at = _kind_and_year(texts)
    if year is None:
        found = YEAR.search(file_name)
        year = int(found.group(1)) if found else None
    period, month = _period(kind, texts, title_at)
    committee = _most_common(m.group(1) for t in texts for m in COMMITTEE.finditer(t))
    # A committee's report may name its municipality only inside; an agency's report names
    # many municipalities, none of them its own.
    municipality = _municipality(texts) or (_municipality(body) if committee else "")
    # A title set over lines ("Försvarsmaktens" / "Årsredovisning") is read as one text.
    joined = " ".join(texts)
    issuer = _most_common(m.group(1) for m in ISSUER.finditer(joined)
                          if m.group(1) not in NOT_AN_ISSUER)
    association = _most_common(m.group(1) for m in ASSOCIATION.finditer(joined))
    # An agency named once on the title pages may be one the report only mentions.
    agencies = Counter(m.group(1) or m.group(2) for m in AGENCY.finditer(joined))
    agency = next((name for name, n in agencies.most_common(1) if n >= 2), "")
    return DocumentContext(municipality, committee, kind, year, period, month,
                           committee or association or issuer or agency)


def _kind_and_year(texts: Sequence[str]) -> tuple[str, int | None, int]:
    """The first text that names a kind of report; its year stands in it or just after it."""
    for i, text in enumerate(texts):
        low = text.lower()
        for word, kind in REPORT_KINDS:
            if word in low:
                nearby = " ".join(texts[i:i + 4])
                found = YEAR.search(nearby)
                return kind, int(found.group(1)) if found else None, i
    return "", None, 0


def _period(kind: str, texts: Sequence[str], title_at: int) -> tuple[str, int | None]:
    if kind in ("delårsrapport", "tertialrapport", "månadsrapport"):
        nearby = " ".join(texts[title_at:title_at + 4]).lower()
        month = next((n for name, n in MONTHS.items() if name in nearby), None)
        if month is None:
            tertial = re.search(r"tertial\s*(\d)|(\d)\s*:?\s*a tertial", nearby)
            if tertial:
                month = 4 * int(tertial.group(1) or tertial.group(2))
        if month is None:
            ends = [int(m.group(2)) for t in texts for m in PERIOD_END.finditer(t)]
            month = ends[0] if ends else None
        return ("tertial" if kind == "tertialrapport" else "delår"), month
    if kind:
        return "helår", 12
    return "", None


def _municipality(texts: Sequence[str]) -> str:
    """The municipality named most often; a region only when no municipality is named."""
    found = [m.group(1) or m.group(2) for t in texts for m in MUNICIPALITY.finditer(t)]
    return _most_common(f for f in found if not f.startswith("Region ")) or _most_common(found)


def _most_common(found: object) -> str:
    counts = Counter(found)  # type: ignore[call-overload]
    return counts.most_common(1)[0][0] if counts else ""


# -- headings, goal areas and goals ----------------------------------------------------------


def body_size(pages: Sequence[Sequence[TextLine]]) -> float:
    """The font size most text is set in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def body_leading(pages: Sequence[Sequence[TextLine]], body: float) -> float:
    """The gap between two lines of one paragraph of body text, per point of type, so that a
    wider gap reads as a new paragraph. Measured where a sentence runs on to the next line
    (it starts in lower case): short paragraphs make most gaps paragraph gaps."""
    gaps = sorted((below.bbox.top - above.bbox.bottom) / below.size
                  for page in pages for above, below in zip(page, page[1:], strict=False)
                  if abs(above.size - body) < 0.5 and abs(below.size - body) < 0.5
                  and not above.bold and not below.bold and above.column == below.column
                  and below.text[:1].islower()
                  and -0.1 * body <= below.bbox.top - above.bbox.bottom <= 0.8 * body)
    return gaps[len(gaps) // 2] if gaps else 0.2


def is_heading(line: TextLine, body: float) -> bool:
    text = line.text.strip()
    if not text or len(text) > MAX_HEADING_CHARS or text.endswith((".", ",")):
        return False
    return line.bold or line.size >= body + 1.0


def markers(pages: Sequence[tuple[int, Sequence[TextLine]]]) -> list[Marker]:
    """Goal areas, goals and headings in reading order. `pages` pairs each page number with
    its text lines outside tables, top to bottom."""
    body = body_size([lines for _, lines in pages])
    leading = body_leading([lines for _, lines in pages], body)
    flat = [(page, ln) for page, lines in pages for ln in lines]
    out: list[Marker] = []
    i = 0
    while i < len(flat):
        page, line = flat[i]
        text = line.text.strip()
        unnumbered = HEADING_NUMBER.sub("", text)  # "3.2 Nämndens mål: ..." is a goal too
        at = Position(page, line.bbox.top)
        if AREA_LABEL.match(unnumbered) or GOAL_LABEL.match(unnumbered):
            role = "goal_area" if AREA_LABEL.match(unnumbered) else "goal"
            taken, end = _paragraph(flat, i + 1, body, leading, heading_only=role == "goal_area")
            if taken:
                name = AREA_NUMBER.sub("", HEADING_NUMBER.sub("", taken))
                out.append(Marker(role, name, at, line.bbox, line.size, _at(flat[end - 1]),
                                  bold=line.bold, span=(i, end)))
            i = end
            continue
        area, goal = AREA_INLINE.match(unnumbered), GOAL_INLINE.match(unnumbered)
        if area and (line.bold or line.size >= body + 1.0):  # may end in "," as it wraps
            rest, end = _heading_lines(flat, i + 1, line)
            out.append(Marker("goal_area", join_label([area.group(1), *rest]), at, line.bbox,
                              line.size, bold=line.bold, depth=section_depth(text),
                              span=(i, end)))
            i = end
            continue
        elif goal:
            # Its name goes on in lines of its own type right below (a wrapped heading, or
            # a labelled paragraph), never into the text under a heading.
            taken, end = _paragraph(flat, i + 1, body, leading, first=goal.group(1), after=line)
            out.append(Marker("goal", taken, at, line.bbox, line.size, _at(flat[end - 1]),
                              bold=line.bold, span=(i, end)))
            i = end
            continue
        elif is_heading(line, body):
            # A heading wrapped over lines of its type is one ("Återrapportering av mål om" /
            # "sjukskrivningsprocessen").
            rest, end = _heading_lines(flat, i + 1, line)
            rest = list(takewhile(is_heading_text, rest))
            end = i + 1 + len(rest)
            out.append(Marker("heading", HEADING_NUMBER.sub("", join_label([text, *rest])).strip(),
                              at, line.bbox, line.size, _at(flat[end - 1]) if rest else None,
                              bold=line.bold, depth=section_depth(text), span=(i, end)))
            i = end
            continue
        i += 1
    return out


def is_heading_text(text: str) -> bool:
    """A wrapped heading's next line: neither a section number of its own nor a goal label."""
    stripped = text.strip()
    return not (section_depth(stripped) or GOAL_LABEL.match(stripped)
                or AREA_LABEL.match(stripped) or GOAL_INLINE.match(stripped)
                or AREA_INLINE.match(stripped))


SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=[A-ZÅÄÖ])")


def section_depth(text: str) -> int:
    """The parts of a heading's section number ("4 Ekonomi" 1, "3.2 Mål" 2), 0 without one.
    Years and amounts are not section numbers: at most two digits a part."""
    found = SECTION_NUMBER.match(text.strip())
    return found.group(1).count(".") + 1 if found else 0


def _at(item: tuple[int, TextLine]) -> Position:
    return Position(item[0], item[1].bbox.top)


def _heading_lines(flat: Sequence[tuple[int, TextLine]], start: int,
                   first: TextLine) -> tuple[list[str], int]:
    """The lines a wrapped heading continues on: same type, right below."""
    out, i, previous = [], start, first
    while i < len(flat) and flat[i][0] == flat[start - 1][0]:
        line = flat[i][1]
        same_type = line.bold == first.bold and abs(line.size - first.size) < 0.5
        if not same_type or line.bbox.top - previous.bbox.bottom > 0.6 * line.size:
            break
        out.append(line.text)
        previous, i = line, i + 1
    return out, i


def _paragraph(flat: Sequence[tuple[int, TextLine]], start: int, body: float, leading: float,
               first: str = "", heading_only: bool = False,
               after: TextLine | None = None) -> tuple[str, int]:
    """The lines of one paragraph from `start`: until a heading, a gap wider than the body's
    `leading` (per point of type) or a new page after the first line (or after `after`, the
    line whose end it continues). Returns the joined text and the index after it."""
    parts = [first] if first else []
    i = start
    previous: TextLine | None = after
    while i < len(flat):
        page, line = flat[i]
        if previous is not None:
            gap = line.bbox.top - previous.bbox.bottom
            if flat[i - 1][0] != page or gap > min(leading + 0.25, 0.8) * line.size or gap < -1:
                break
            if is_heading(line, body) != is_heading(previous, body):
                break
        elif first and is_heading(line, body):
            break
        if GOAL_LABEL.match(line.text.strip()) or AREA_LABEL.match(line.text.strip()):
            break
        parts.append(line.text)
        previous = line
        i += 1
        if heading_only:
            break
    return join_label(parts), i


@dataclass(frozen=True)
class Outline:
    """The markers of a document, for asking what stands above a point."""

    items: tuple[Marker, ...]

    @cached_property
    def _keys(self) -> list[tuple[int, float]]:
        return [(m.at.page, m.at.top) for m in self.items]

    @cached_property
    def places(self) -> list[Place]:
        """What stands above the point right after each marker, in one pass."""
        out = []
        area = goal = heading = ""
        area_size = 0.0
        for m in self.items:
            if m.role == "goal_area":
                area, goal, area_size = m.text, "", m.size
            elif m.role == "goal":
                goal = m.text
            else:
                heading = m.text
                if area and m.size > area_size + 0.5:
                    area = goal = ""  # a higher heading ("4 Betydelsefulla händelser") ends it
            out.append(Place(area, goal, heading))
        return out

    def place(self, page: int, top: float) -> Place:
        upto = bisect_right(self._keys, (page, top))
        return self.places[upto - 1] if upto else Place()
