"""Goal blocks and the committee's assessment of each goal.

A goal block is the prose between a goal's title and the next goal, goal area or higher
heading, across page breaks (running headers and tables are already out). The assessment is
read from its sentences by rules on lemmas: a sentence must judge the goal ("målet",
"måluppfyllelsen"), not one measure ("målet för andelen ..."), and say how it went
(uppfyllt, delvis, godtagbar, inte uppnått). The last such sentence decides; it is kept as
evidence.

A small text classifier trained on the shipped sentences (pipeline/resources/models/assessment, see
pipeline.text.train_assessment) reads each sentence too: it finds judgements the rules do not
know, and its probability is the confidence. Where the rules see a judgement and the model
does not agree, the rules' label stands (they only match explicit wording) with the model's
lower confidence.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

import spacy
from spacy.language import Language

from pipeline.core.records import Mark, TextLine, Word
from pipeline.core.resources import resource_path
from pipeline.meaning.outline import Marker, Outline, body_size, is_heading, outranks
from pipeline.read.layout import join_label
from pipeline.swedish.nlp import lemmas, sentences
from pipeline.swedish.numbers import ANY_YEAR
from pipeline.text.tags import COUNT_OVER_GOALS, NUMBER_WORDS

# A goal, or the purpose an agency's activity is judged against ("Syftet med
# livssituationen uppfylls delvis").
GOAL_WORDS = frozenset({"mål", "måluppfyllelse", "måluppfyllnad", "syfte"})
DONE_WORDS = frozenset({"uppfylla", "uppnå", "nå"})
PARTLY_WORDS = frozenset({"delvis", "godtagbar", "acceptabel", "godtagbart"})
NEGATIONS = frozenset({"inte", "ej", "icke", "ingen", "inget", "aldrig"})
GOOD_WORDS = frozenset({"god", "hög", "mycket"})
LOW_WORDS = frozenset({"låg", "otillräcklig", "bristfällig"})
MEASURE_LEVEL = frozenset({"målvärde", "målnivå"})
MODEL_DIR = resource_path("models", "assessment")
MODEL_THRESHOLD = 0.6  # the model alone decides only above this probability
PERIOD_WORDS = frozenset({"år", "period", "helår", "verksamhetsår"})


@dataclass(frozen=True)
class GoalBlock:
    goal_area: str
    goal: str
    page: int
    text: str
    # Where each page's text begins in `text` (offset, page): a verdict found in a long
    # section is placed on its own page, so an auditor finds it there.
    page_starts: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int:
        return next((page for start, page in reversed(self.page_starts) if start <= offset),
                    self.page)


@dataclass(frozen=True)
class Assessment:
    goal_area: str
    goal: str
    page: int
    label: str  # "met", "partly_met", "not_met", "unknown"
    evidence: str
    confidence: float
    method: str = ""  # "rules+model" (both agree), "rules", "model"
    symbol: str = ""  # the label the report's coloured status symbol shows, if it has one


def goal_blocks(prose: Sequence[tuple[int, Sequence[TextLine]]],
                markers: Sequence[Marker]) -> list[GoalBlock]:
    """The text of each goal, in document order. Goals listed in an overview (one after
    the other, with no text of their own) give no block."""
    flat = [(page, ln) for page, lines in prose for ln in lines]
    body = body_size([lines for _, lines in prose])
    places = Outline(tuple(markers)).places
    out = []
    for n, m in enumerate(markers):
        if m.role != "goal":
            continue
        lines = [flat[i][1] for i in lines_between(flat, m, block_end(markers, n))]
        if any(ln.text.rstrip().endswith((".", "!", "?")) for ln in lines):  # prose, no list
            out.append(GoalBlock(places[n].goal_area, m.text, m.at.page,
                                 _paragraphs_text(lines, body)))
    return out


def _paragraphs_text(lines: Sequence[TextLine], body: float) -> str:
    """The lines' text, a heading among them on a line of its own, so that no sentence
    runs from a table's title ("Målsatta mått") into the text after it."""
    headings = [is_heading(line, body) for line in lines]
    runs: list[list[str]] = []
    for n, line in enumerate(lines):
        if n == 0 or headings[n] or headings[n - 1]:
            runs.append([])
        runs[-1].append(line.text)
    return "\n".join(join_label(run) for run in runs)


# A grade a document defines by its goals: "Resultatbedömningen acceptabelt innebär att
# resultatet är godtagbart ..., då våra interna målsättningar inte uppfylls helt."
GRADE_DEFINITION = re.compile(
    r"(?P<grade>\w+) innebär att (?P<meaning>.*\b(?:mål|målet|målen|"
    r"målsättning\w*)\b.*\buppfyll\w*.*)$", re.I)


@dataclass(frozen=True)
class Scale:
    """The grades a document defines against its goals, each with the verdict it means
    (Pensionsmyndigheten's gott / acceptabelt / otillräckligt / otillfredsställande)."""

    grades: tuple[tuple[str, str], ...] = ()

    def label(self, sentence: str) -> str | None:
        """The verdict of a sentence that grades a result on the scale ("Resultatet är
        fortsatt gott"); None for a sentence that only names grades ("gott eller
        acceptabelt") or defines them."""
        if not self.grades:
            return None
        words = lemmas(sentence)
        if not any(w.startswith("resultat") for w in words) or (
                {"eller", "innebära", "kunna"} & set(words)):
            return None
        found = [label for w in words for grade, label in self.grades if w == grade]
        return found[-1] if len(set(found)) == 1 else None


def document_scale(prose: Sequence[tuple[int, Sequence[TextLine]]]) -> Scale:
    """The grades the document defines by whether its goals are met, read from its own
    definitions; empty where it defines none."""
    text = join_label([ln.text for _, lines in prose for ln in lines])
    grades: dict[str, str] = {}
    for sentence in sentences(text):
        defined = GRADE_DEFINITION.search(sentence.strip())
        if not defined:
            continue
        meaning = re.sub(r"\bmålsättning\w*", "målen", defined["meaning"].split(" då ")[-1])
        label = rule_label(meaning)
        grade = lemmas(defined["grade"])
        if label and grade and grade[0] not in GOAL_WORDS:
            grades.setdefault(grade[0], label)
    return Scale(tuple(grades.items())) if len(grades) >= 2 else Scale()


# Captions and column heads read as headings: they start no section of their own.
NOT_A_SECTION = re.compile(r"^(?:(?:tabell|figur|diagram|bild|graf)\s*\d|[\d\s,.–-]*$)", re.I)
# Headings that name the judging, not what is judged: the goal is the heading above them.
GENERIC_HEADING = re.compile(r"^(?:samlad |sammanfattande |övergripande |vår |myndighetens )?"
                             r"(?:bedömning|måluppfyllelse|resultatbedömning|analys|"
                             r"kommentar|sammanfattning|slutsats|resultat)\b", re.I)


def verdict_sections(prose: Sequence[tuple[int, Sequence[TextLine]]],
                     markers: Sequence[Marker], scale: Scale = Scale()) -> list[GoalBlock]:
    """Goals the document marks by judging them, not by a label: where a report (an
    agency's resultatredovisning) names no goals, a section whose prose says how its goal
    went ("Sammantaget bedöms målet vara delvis uppfyllt") is that goal's block, named by its
    heading, or by the heading above a generic one ("Bedömning av måluppfyllelse"). Sections
    of one goal in a row make one block. Text inside labelled goals' blocks is left to them."""
    markers = [m for m in markers if not (m.role == "heading" and NOT_A_SECTION.match(m.text))]
    flat = [(page, ln) for page, lines in prose for ln in lines]
    taken = {i for n, m in enumerate(markers) if m.role == "goal"
             for i in lines_between(flat, m, block_end(markers, n))}
    places = Outline(tuple(markers)).places
    blocks: list[GoalBlock] = []
    for n, m in enumerate(markers):
        if m.role != "heading":
            continue
        nxt = markers[n + 1] if n + 1 < len(markers) else None
        inside = [(flat[i][0], flat[i][1].text) for i in lines_between(flat, m, nxt)
                  if i not in taken]
        text, page_starts = _paged_text(inside)
        if not any(_judges_goal_by_name(s) or scale.label(s) for s in sentences(text)):
            continue
        name = _goal_name(markers, n)
        if blocks and blocks[-1].goal == name:
            last = blocks[-1]
            shift = len(last.text) + 1
            blocks[-1] = replace(last, text=f"{last.text} {text}", page_starts=(
                *last.page_starts, *((at + shift, page) for at, page in page_starts)))
        else:
            blocks.append(GoalBlock(places[n].goal_area, name, m.at.page, text, page_starts))
    return blocks


def _paged_text(lines: Sequence[tuple[int, str]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The lines' text, each page's lines joined as a wrapped label, with where each page
    begins in it."""
    text, starts = "", []
    for page in dict.fromkeys(page for page, _ in lines):
        joined = join_label([t for p, t in lines if p == page])
        if joined:
            text += " " if text else ""
            starts.append((len(text), page))
            text += joined
    return text, tuple(starts)


def _judges_goal_by_name(sentence: str) -> bool:
    """A verdict on a goal the sentence names ("målet", "målen"): bare verdicts ("Delvis
    uppfyllt") need a goal row or list item to belong to."""
    if not any(_goal_word(w) and not w.startswith(NOT_GOALS) for w in lemmas(sentence)):
        return False
    judged = sentence_judgement(sentence)
    return judged is not None and "rules" in judged[2]  # the model alone names no goal


# Targets that are not the report's goals: a budget, a balance requirement.
NOT_GOALS = ("budget", "balans", "resultatmål", "finansiell", "sparmål")


def _goal_name(markers: Sequence[Marker], n: int) -> str:
    here = markers[n]
    if not GENERIC_HEADING.match(here.text):
        return here.text
    above = next((m for m in reversed(markers[:n]) if m.role == "heading"
                  and outranks(m, here) and m.rank > here.rank
                  and not GENERIC_HEADING.match(m.text)), None)
    return above.text if above else here.text


def lines_between(flat: Sequence[tuple[int, TextLine]], after: Marker,
                  before: Marker | None) -> range | list[int]:
    """The places in `flat` (the document's lines in reading order) of the lines after a
    marker's own and before the next one's. Markers made without their places are placed
    by page and height."""
    if after.span[0] >= 0 and (before is None or before.span[0] >= 0):
        return range(after.span[1], before.span[0] if before else len(flat))
    start = (after.last.page, after.last.top)
    stop = (before.at.page, before.at.top) if before else (10**9, 0.0)
    return [i for i, (page, ln) in enumerate(flat) if start < (page, ln.bbox.top) < stop]


def block_end(markers: Sequence[Marker], n: int) -> Marker | None:
    """The marker that ends goal `n`'s block: the next goal or goal area, or a heading of the
    same or a higher level than the section the goal stands in (so a block never runs into
    the next section or chapter). Headings inside the block ("Analys", "Målsatta mått") rank
    below that section's; with no section above, below the goal's own label."""
    goal = markers[n]
    section = next((x for x in reversed(markers[:n]) if x.role in ("heading", "goal_area")
                    and (x.depth or x.rank > goal.rank)), None)
    over = section or goal
    return next((x for x in markers[n + 1:] if x.role in ("goal", "goal_area")
                 or (x.role == "heading" and outranks(x, over))), None)


@cache
def classifier() -> Language:
    """The trained sentence classifier, loaded from the repository (never downloaded)."""
    return spacy.load(MODEL_DIR)


def sentence_judgement(sentence: str, scale: Scale = Scale()) -> tuple[str, float, str] | None:
    """(label, confidence, method) when the sentence judges the goal, else None; a grade on
    the document's own scale judges it too."""
    if COUNT_OVER_GOALS.search(sentence) or not_a_verdict(sentence):
        return None
    graded = scale.label(sentence)
    if graded:
        return graded, SCALE_CONFIDENCE, "scale"
    words = lemmas(sentence)
    ruled = rule_label(sentence)
    cats = classifier()(" ".join(words)).cats
    best = max(cats, key=lambda k: cats[k])
    if ruled is not None:
        return ruled, round(cats[ruled], 3), "rules+model" if best == ruled else "rules"
    # The model alone judges statements only: a line with no full stop (a heading, a
    # table's header "Budget 2019 Utfall år 2019") says nothing of the goal.
    if (best != "none" and cats[best] >= MODEL_THRESHOLD and not _judges_a_measure(words)
            and sentence.rstrip().endswith((".", "!", "?", ":", ";"))):
        return best, round(cats[best], 3), "model"
    return None


SCALE_CONFIDENCE = 0.8  # the document's own words for its grades


def assess(block: GoalBlock, scale: Scale = Scale(), by_model: bool = True) -> Assessment:
    """The last sentence of the block that judges the goal decides; without `by_model`,
    only a sentence the rules or the document's scale judge (where the goal was found by
    its verdict, not by its label)."""
    decided: tuple[str, str, float, str] | None = None
    for sentence in sentences(block.text):
        judged = sentence_judgement(sentence, scale)
        if judged is not None and (by_model or judged[2] != "model"):
            decided = (judged[0], sentence, judged[1], judged[2])
    if decided is None:
        return Assessment(block.goal_area, block.goal, block.page, "unknown", "", 0.0)
    label, evidence, confidence, method = decided
    return Assessment(block.goal_area, block.goal, block.page, label, evidence, confidence,
                      method)


def assess_each(block: GoalBlock, scale: Scale = Scale()) -> list[Assessment]:
    """One assessment per sentence the rules or the document's scale read as a verdict:
    where goals are found by their verdicts, each verdict a section states is kept (a
    summary's, the box's, the closing one), so that a reader can compare them."""
    out, at = [], 0
    for sentence in sentences(block.text):
        found = block.text.find(sentence, at)
        at = found if found >= 0 else at
        judged = sentence_judgement(sentence, scale)
        if judged is not None and judged[2] != "model":
            out.append(Assessment(block.goal_area, block.goal, block.page_at(at), judged[0],
                                  sentence, judged[1], judged[2]))
    return out


def rule_label(sentence: str) -> str | None:
    """The judgement a sentence makes on the goal by the rules, or None when it makes none.

    It must speak of a goal ("målet", "nämndmålet", "måluppfyllelsen") or be a bare verdict
    ("Delvis uppfyllt.", "Status: uppfyllt", "– Trygghet – uppfyllt"), and not of one
    measure's target; and it must state, not define, wish or ask ("ska nås", "för att nå
    målet", "bedöms som uppfyllt när", a legend's "Grön: målet är uppfyllt"). Then a partial
    qualifier ("i huvudsak", "till viss del", "inte helt") makes it partly met, a negation
    near the verdict not met, else a word of reaching the goal met; a quality of
    måluppfyllelse (god, godtagbar, låg) reads the same way."""
    sentence = TRAILING_ASIDE.sub("", sentence)  # "– Service – uppfyllt (som 2013)"
    words = lemmas(sentence)
    text = " " + " ".join(re.findall(r"\w+", sentence.lower())) + " "
    goals = [i for i, w in enumerate(words) if _goal_word(w)]
    bare = _bare_verdict(words)
    if not goals and (not bare or MEASURE_WORDS & set(words)):
        return None
    if _not_a_statement(words, text) or _judges_a_measure(words):
        return None
    done = [i for i, w in enumerate(words) if w in DONE_WORDS or w == "överträffa"]
    if len(done) >= MAX_VERDICTS or SCALE_WORDS & set(words):
        return None  # a scale or a count: "uppfyllt, delvis uppfyllt och ej uppfyllt"
    quality = bool({"måluppfyllelse", "måluppfyllnad"} & set(words))
    if done and goals and _measure_nearer(words, done[0], goals):
        return None
    verdict_at = done[0] if done else next(
        (i for i, w in enumerate(words) if w in ("godtagbar", "godtagbart")), None)
    negated = verdict_at is not None and _negated_near(words, text, verdict_at, goals)
    if any(p in text for p in NONE_AT_ALL) or {"ouppfylld", "ouppfyllt"} & set(words):
        return "not_met"
    if any(p in text for p in FAR_FROM) or " ingen måluppfyllelse " in text:
        return "not_met"
    if "godtagbar" in words or "godtagbart" in words:
        at = words.index("godtagbar") if "godtagbar" in words else words.index("godtagbart")
        if any(w in NEGATIONS for w in words[max(0, at - 2):at]):
            return "not_met"  # "ej godtagbar måluppfyllelse"
    partial = any(p in text for p in PARTIAL) or (negated and any(p in text for p in WHOLLY))
    if partial and (done or quality or "godtagbar" in words or "delvis" in words):
        return "partly_met"
    if PARTLY_WORDS & set(words) and (done or quality or goals or bare):
        return "partly_met"
    if done:
        return "not_met" if negated else "met"
    if quality and (LOW_WORDS & set(text.split())):
        return "not_met"
    if quality and (GOOD_WORDS | {"bra"}) & set(text.split()):
        return "met"
    return None


# Phrases, matched in the lower-cased words of the sentence.
PARTIAL = (" i huvudsak ", " till viss del ", " till en del ", " i viss mån ", " i vissa delar ",
           " i stort sett ", " till stor del ", " endast till ", " inte fullt ut ",
           " ej fullt ut ", " till fullo ", " inte riktigt ", " i vissa ")
WHOLLY = (" helt ", " fullt ut ", " till fullo ", " helt och hållet ")
NONE_AT_ALL = (" i någon del ", " inte alls ", " varken ")
FAR_FROM = (" långt ifrån ",)
# Negations that do not deny: "inte bara ... utan", "inte minst", "ingen tvekan".
NOT_DENYING = (" inte bara ", " inte minst ", " ingen tvekan ", " inget som talar emot ",
               " annat än ", " inget som tyder på att målet inte ")
# Wishes, conditions, definitions, questions, advice, legends: no statement of how it went.
NOT_A_STATEMENT = re.compile(
    r" (?:ska|skall) (?:vara )?(?:nått|nås|nå|uppnått|uppnås|uppnå|uppfyllt|uppfyllas|uppfylla"
    r"|kunna) | (?:målet|målen|mål|syftet) är att | syftet med (?:\w+ ){1,6}är att "
    r"| syfte att | syftet (?:\w+ ){0,6}?(?:varit|var) att | om vi | ansvarar för att "
    r"| möjlig\w* att (?:nå|uppnå|uppfylla) "
    r"| bidra\w* till att (?:\w+ ){0,4}?(?:nå|nås|uppnå|uppnås|uppfylla|uppfyllas) "
    r"| hur väl | hur långt "
    r"| krävs | för att (?:\w+ ){0,6}?(?:nå|uppnå|uppfylla|målet) | syftar | ambitionen "
    r"| med att (?:nå|uppnå) "
    r"| för tidigt | om målet | om målen | rekommenderar | innebär att målet "
    r"| betyder att | förutsättningar att nå | nästa år är att ")
COLOURS = frozenset({"grön", "gul", "röd", "grå", "blå", "orange", "grönt", "gult", "rött"})
VERDICT_WORDS = DONE_WORDS | {"delvis", "ej", "inte", "hel", "helt", "i", "huvudsak"}
LABEL_WORDS = frozenset({"kommentar", "status", "bedömning", "prognos", "helår", "resultat"})
TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)\s*\.?\s*$")
SCALE_WORDS = frozenset({"skala", "skalan", "bedömningsskala", "bedömningsskalan", "nivåer"})
MAX_VERDICTS = 3  # words of reaching in one sentence: from three it lists a scale or counts
MAX_BARE_VERDICT_WORDS = 3  # "Delvis uppfyllt", "Inte helt uppnått", "Ej uppnått"
MEASURE_WORDS = MEASURE_LEVEL | {"indikator", "indikatorerna", "målvärdet", "målvärden",
                                 "nyckeltal", "mått", "måttet"}
QUANTITIES = ("andel", "antal", "nivå", "procent", "kostnad", "väntetid", "handläggningstid")


def _goal_word(word: str) -> bool:
    """ "mål", "målet", "målen", "nämndmålet", "delmålen", "måluppfyllelse"; not "målvärde",
    "målgrupp" or "målnivå"."""
    if word in GOAL_WORDS or word in ("målet", "målen"):
        return True
    return word.endswith(("mål", "målet", "målen", "målens")) and not word.startswith("mål")


def _bare_verdict(words: Sequence[str]) -> bool:
    """A verdict without a subject, as a cell, a list item or a comment's first words give
    it ("Delvis uppfyllt", "Status: uppfyllt", "– Trygghet – uppfyllt", "HR: delvis
    uppfyllt, ..."): a few verdict words that end in reaching, at the very start or after one
    label word, or closing a sentence of at most four words."""
    if not words:
        return False
    if words in (["godtagbar"], ["godtagbart"]):
        return True
    for skip in (0, 1):
        if _verdict_run(words[skip:skip + MAX_BARE_VERDICT_WORDS]):
            return True
    return len(words) <= MAX_BARE_VERDICT_WORDS + 1 and any(
        _verdict_run(words[-n:]) for n in (1, 2, 3))


def _verdict_run(part: Sequence[str]) -> bool:
    """Verdict words up to and ending in a word of reaching: "delvis uppfylla", "ej nå"."""
    cut = next((n for n, w in enumerate(part) if w in DONE_WORDS), None)
    return cut is not None and all(w in VERDICT_WORDS for w in part[:cut + 1])


def _negated_near(words: Sequence[str], text: str, at: int, goals: Sequence[int]) -> bool:
    """A negation in the verdict's clause: from a little before the goal word or the
    verdict (whichever is first) to just after the verdict ("uppnåddes inte")."""
    if any(p in text for p in NOT_DENYING):
        return False
    first = min([at, *[g for g in goals if g <= at]][-2:]) if goals else at
    window = words[max(0, first - 3):at + 3]
    return any(w in NEGATIONS for w in window)


def _measure_nearer(words: Sequence[str], at: int, goals: Sequence[int]) -> bool:
    """ "Indikatorn har nått sitt målvärde": the verdict is on a measure named nearer to it
    than any goal."""
    measures = [i for i, w in enumerate(words) if w in MEASURE_WORDS]
    if not measures:
        return False
    return min(abs(i - at) for i in measures) < min(abs(g - at) for g in goals)


# "Målet om att fler elever ska nå ..." says what the goal is, not that it is wished for.
GOAL_CONTENT = re.compile(
    r" (?:mål|målet|målen|\w+målet) (?:om|för) att (?:\w+ ){0,8}?(?:ska|skall) ")
# "... när året är slut" after a forecast is the forecast's time; else "när" sets a condition.
FORECAST = re.compile(r" (?:kommer att|bli|blir|beräknas|bedöms bli) ")


def _not_a_statement(words: Sequence[str], text: str) -> bool:
    if any(w in COLOURS for w in text.split()[:2]) or " symbolen " in text[:40]:
        return True  # a legend's line: "Grön: målet är uppfyllt"
    if text.startswith(" om "):
        return True  # "Om verket inte är rätt dimensionerat, har det inte ..."
    if " när " in text and not FORECAST.search(text):
        return True  # "bedöms som uppfyllt när minst 90 procent ..."
    return bool(NOT_A_STATEMENT.search(GOAL_CONTENT.sub(" målet ", text)))


def not_a_verdict(sentence: str) -> bool:
    """What no reading, by rules or by the model, takes as a verdict: a wish, a definition,
    a question, a legend, or one measure's target."""
    words = lemmas(sentence)
    text = " " + " ".join(re.findall(r"\w+", sentence.lower())) + " "
    return _not_a_statement(words, text) or _judges_a_measure(words)


def _judges_a_measure(words: Sequence[str]) -> bool:
    """ "Målet för andelen ... har inte uppnåtts", "målet på 90 procent", "målet att 75
    procent ..." speak of one measure's target; "målet för året", "målet för 2012" or "målen
    för verksamheten" are still goals."""
    for i, w in enumerate(words[:-1]):
        if w not in ("mål", "målet", "målen"):
            continue
        if words[i + 1] in ("för", "om") and i + 2 < len(words) and words[i + 2].startswith(
                QUANTITIES):
            return True
        # "Mål 4: ..." is numbering; "målet på 90 dagar", "målet om tre veckors
        # handläggningstid" a measure's target.
        if any(_figure(x) for x in words[i + 2:i + 7]):
            return True
        if words[i + 1] in ("om", "på") and NUMBER_WORDS.get(words[min(i + 2, len(words) - 1)],
                                                             0) > 1:
            return True
        # "målet om en sjukfrånvaro under sex procent": a quantity in its units
        if words[i + 1] in ("om", "på") and UNITS & set(words[i + 2:i + 9]):
            return True
    return False


UNITS = frozenset({"procent", "procentenhet", "procentenheter", "dag", "dagar", "vecka",
                   "veckor", "månad", "månader", "timme", "timmar", "kronor", "krona"})


def _figure(word: str) -> bool:
    """A number that is not a year."""
    return bool(re.fullmatch(r"\d+(?:[,.]\d+)?", word)) and not re.fullmatch(
        ANY_YEAR, word)


# -- coloured status symbols -------------------------------------------------------------------

MIN_SATURATION = 0.35  # below: grey, white, a pastel that is a table's shading
MIN_VALUE = 0.25  # below: black


def colour_label(fill: Sequence[float]) -> str:
    """Green, yellow (or orange) and red status symbols as labels, told by hue; grey, blue
    and colours too pale or dark to be a signal say nothing."""
    hue, saturation, value = colorsys.rgb_to_hsv(*_rgb(fill))
    if saturation < MIN_SATURATION or value < MIN_VALUE:
        return ""
    degrees = hue * 360
    if degrees < 20 or degrees >= 330:
        return "not_met"
    if degrees < 68:
        return "partly_met"
    if degrees < 170:
        return "met"
    return ""


def _rgb(fill: Sequence[float]) -> tuple[float, float, float]:
    if len(fill) == 4:  # CMYK
        c, m, y, k = fill
        return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    if len(fill) == 3:
        return fill[0], fill[1], fill[2]
    grey = fill[0] if fill else 0.0
    return grey, grey, grey


def symbol_labels(marks: Sequence[tuple[int, Sequence[Mark]]],
                  markers: Sequence[Marker]) -> dict[str, str]:
    """For goals listed with status symbols (an overview table), the label of the last symbol
    on the goal's row: the status for the whole year when the row also shows a forecast."""
    by_page = dict(marks)
    out: dict[str, str] = {}
    for m in markers:
        if m.role != "goal" or not by_page.get(m.at.page):
            continue
        top, bottom = m.at.top - 4.0, m.last.top + m.bbox.height + 4.0
        on_row = [k for k in by_page[m.at.page] if top <= k.bbox.y_mid <= bottom]
        labels = [colour_label(k.fill) for k in sorted(on_row, key=lambda k: k.bbox.x0)]
        labels = [label for label in labels if label]
        if labels:
            out[m.text] = labels[-1]
    return out


# -- a document's legend -----------------------------------------------------------------------

LEGEND_REACH = 60.0  # points right of a symbol where its meaning is written
MAX_LEGEND_WORDS = 6
MAX_COLOUR_DISTANCE = 0.25  # RGB (0-1) distance within which a symbol is the legend's colour
Legend = tuple[tuple[tuple[float, float, float], str], ...]


def legend(pages: Sequence[tuple[Sequence[Mark], Sequence[Word]]]) -> Legend:
    """Symbols the document explains: a symbol with a verdict written right after it on its
    line ("● Uppfyllt  ● Delvis uppfyllt  ● Ej uppfyllt"), each colour with the label of
    the words up to the next symbol."""
    found: dict[tuple[float, float, float], str] = {}
    for marks, words in pages:
        for mark in marks:
            nxt = min((m.bbox.x0 for m in marks if m.bbox.x0 > mark.bbox.x1
                       and abs(m.bbox.y_mid - mark.bbox.y_mid) < mark.bbox.height), default=1e9)
            beside = sorted((w for w in words if abs(w.bbox.y_mid - mark.bbox.y_mid)
                             < mark.bbox.height and mark.bbox.x1 <= w.bbox.x0
                             < min(nxt, mark.bbox.x1 + LEGEND_REACH)),
                            key=lambda w: w.bbox.x0)
            text = " ".join(w.text for w in beside)
            if beside and len(beside) <= MAX_LEGEND_WORDS:
                label = rule_label(text) if _bare_verdict(lemmas(text)) else None
                if label:
                    found.setdefault(_rgb(mark.fill), label)
    return tuple(found.items())


def legend_reader(known: Legend) -> Callable[[Sequence[float]], str]:
    """Colour to label: the legend's nearest colour where the document gives one close
    enough, else the usual meaning of green, yellow and red."""
    def read(fill: Sequence[float]) -> str:
        rgb = _rgb(fill)
        near = [(sum((a - b) ** 2 for a, b in zip(rgb, colour, strict=True)) ** 0.5, label)
                for colour, label in known]
        close = [n for n in near if n[0] <= MAX_COLOUR_DISTANCE]
        return min(close)[1] if close else colour_label(fill)
    return read
