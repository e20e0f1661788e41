"""Tags in the report's prose (organisations, programmes, trends) and the goal counts its
summary claims.

Tags come from an entity ruler over spacy.blank("sv"): the shipped gazetteer
(pipeline/resources/gazetteer.jsonl) matched on lower case, and trend words matched on lemmas
("ökade", "ökar" -> öka: up; "minskat" -> minska: down). Patterns are added after initialize(),
which would otherwise drop them. Each tag keeps the page and the box of its line.

Claims: "Förvaltningen har nått fem av nämndens tio mål" -> met 5 of 10, so that validation
can hold the summary against the assessments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.core.records import BBox, TextLine
from pipeline.core.resources import resource_path
from pipeline.swedish.nlp import lemma, sentences

GAZETTEER = resource_path("gazetteer.jsonl")
TRENDS = {"up": ["öka", "växa", "stiga", "förbättra"],
          "down": ["minska", "sjunka", "försämra", "falla"]}
NUMBER_WORDS = {"noll": 0, "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5,
                "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12,
                "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17,
                "arton": 18, "nitton": 19, "tjugo": 20, "alla": -1, "samtliga": -1}
_NUMBER = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"
CLAIM = re.compile(
    rf"\b(?:nått|uppnått|uppfyllt|når|uppfyller|klarat)\s+{_NUMBER}\s+av\s+"
    rf"(?:nämndens\s+|de\s+|våra\s+|sina\s+)?{_NUMBER}\s+(?:nämndmål|mål)\b", re.I)
# A count over several goals, in any wording ("fyra av sju mål", "hälften av målen", "14 av
# 18 mål bedöms vara helt uppfyllda"): a summary of many goals, never one goal's verdict.
COUNT_OVER_GOALS = re.compile(
    rf"\b(?:{_NUMBER}|hälften|flertalet|majoriteten|merparten|flera)\s+av\s+(?:\S+\s+){{0,3}}"
    r"(?:\w*mål|målen|\w*målen)\b"
    rf"|\bav\s+(?:\S+\s+){{0,2}}{_NUMBER}\s+\w*mål\b|\bmål\s+varav\b", re.I)


@dataclass(frozen=True)
class TextTag:
    page: int
    label: str  # "ORG", "PROGRAMME", "TREND"
    text: str  # as printed
    norm: str  # the gazetteer's name ("ESF"), or "up" / "down" for trends
    context: str  # the line it stands in
    bbox: BBox


@dataclass(frozen=True)
class Claim:
    page: int
    kind: str  # "goals_met"
    claimed: int
    of_total: int
    sentence: str
    bbox: BBox


@Language.component("lookup_lemmas")
def lookup_lemmas(doc: Doc) -> Doc:
    """Lemmas from pipeline.swedish.nlp (lookup table with fixes), for LEMMA patterns."""
    for token in doc:
        token.lemma_ = lemma(token.text)
    return doc


@cache
def tagger() -> Language:
    nlp = spacy.blank("sv")
    nlp.add_pipe("lookup_lemmas")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    nlp.initialize()
    patterns = [json.loads(line) for line in GAZETTEER.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    patterns += [{"label": "TREND", "pattern": [{"LEMMA": {"IN": words}}], "id": way}
                 for way, words in TRENDS.items()]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def tag_lines(prose: Sequence[tuple[int, Sequence[TextLine]]]) -> list[TextTag]:
    lines = [(page, line) for page, page_lines in prose for line in page_lines]
    docs = tagger().pipe(line.text for _, line in lines)
    out = []
    for (page, line), doc in zip(lines, docs, strict=True):
        for ent in doc.ents:
            out.append(TextTag(page, ent.label_, ent.text, ent.ent_id_ or ent.text, line.text,
                               line.bbox))
    return out


def claims(prose: Sequence[tuple[int, Sequence[TextLine]]]) -> list[Claim]:
    """Goal counts claimed in the text, per page (a claim rarely runs over a page break)."""
    out = []
    for page, page_lines in prose:
        text = " ".join(line.text for line in page_lines)
        if not CLAIM.search(text):
            continue
        for sentence in sentences(text):
            found = CLAIM.search(sentence)
            if not found:
                continue
            met, total = (_number(found.group(i)) for i in (1, 2))
            box = next((ln.bbox for ln in page_lines
                        if found.group(0).split()[0] in ln.text), page_lines[0].bbox)
            out.append(Claim(page, "goals_met", total if met == -1 else met, total, sentence,
                             box))
    return out


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]
