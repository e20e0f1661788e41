"""Compose the labelled sentence set for the goal-assessment classifier.

    python data/compose_sentences.py   # writes data/assessment_sentences.csv

All wording is written for this project. Sentences are built from openers, judgements and
tails so that each label is seen with many phrasings, and the free sentences below add traps:
sentences that judge one measure, use "bedömning" about something else, or only describe.
Labels: met, partly_met, not_met, none (the sentence does not judge the goal).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

OPENERS = ("Vår bedömning är att", "Vi bedömer att", "Förvaltningen bedömer att",
           "Sammantaget bedöms att", "Nämnden gör bedömningen att", "Bedömningen är att",
           "Utifrån resultaten bedömer vi att", "Sammanfattningsvis kan konstateras att")
JUDGEMENTS = {
    "met": ("målet är uppfyllt", "målet är uppnått", "nämndens mål är uppfyllt",
            "målet har uppnåtts", "målet är helt uppfyllt", "måluppfyllelsen är god",
            "måluppfyllnaden är hög", "vi har nått målet", "målet nås för året",
            "nämnden har uppfyllt målet"),
    "partly_met": ("målet är delvis uppfyllt", "målet är delvis uppnått",
                   "måluppfyllelsen är godtagbar", "måluppfyllnaden är godtagbar",
                   "målet är godtagbart uppfyllt", "målet endast delvis har nåtts",
                   "vi når en godtagbar måluppfyllelse", "målet är uppfyllt till viss del",
                   "nämnden delvis har nått målet", "måluppfyllelsen är acceptabel"),
    "not_met": ("målet inte är uppfyllt", "målet ej är uppnått", "målet inte har nåtts",
                "nämndens mål inte är uppfyllt", "måluppfyllelsen är låg",
                "måluppfyllelsen är otillräcklig", "målet inte uppnås i år",
                "vi inte har nått målet", "målet är långt ifrån uppfyllt",
                "nämnden inte når målet"),
}
TAILS = ("", " för året", " under perioden", " trots en svår start", " för 2019",
         " med hänsyn till resultaten")
FREE = [
    # met, in other shapes
    ("Målet är uppfyllt.", "met"), ("Nämnden når målet för året.", "met"),
    ("Sammantaget bedömer vi måluppfyllelsen som god.", "met"),
    ("God måluppfyllelse för helåret.", "met"), ("Målet bedöms som uppfyllt.", "met"),
    ("Även i år uppfylls målet.", "met"),
    ("Samtliga mått når sina målvärden och målet är därmed uppfyllt.", "met"),
    ("Vi ser en hög måluppfyllelse inom området.", "met"),
    # partly met
    ("Målet är delvis uppfyllt.", "partly_met"), ("Godtagbar måluppfyllelse.", "partly_met"),
    ("Bedömningen blir en godtagbar måluppfyllnad.", "partly_met"),
    ("Målet bedöms som delvis uppfyllt.", "partly_met"),
    ("Målet är godtagbart.", "partly_met"),
    ("Några mått når inte ända fram, så målet är bara delvis uppnått.", "partly_met"),
    ("Vi når målet till en del men inte fullt ut.", "partly_met"),
    ("Måluppfyllelsen är delvis god.", "partly_met"),
    # not met
    ("Målet bedöms som ej uppfyllt.", "not_met"), ("Målet är inte uppnått.", "not_met"),
    ("Låg måluppfyllelse under året.", "not_met"), ("Målet nås inte.", "not_met"),
    ("Inget av måtten når sitt målvärde och målet är därför inte uppfyllt.", "not_met"),
    ("Vi har inte lyckats uppfylla målet.", "not_met"),
    ("Målet uppfylls inte i år.", "not_met"),
    ("Måluppfyllelsen bedöms som bristfällig.", "not_met"),
    # none: traps and description
    ("Målet för andelen deltagare som går till studier har inte uppnåtts.", "none"),
    ("Målvärdet för antalet insatser har nåtts.", "none"),
    ("Målet för andelen nöjda brukare nåddes inte i år.", "none"),
    ("Vår bedömning är att den ökade andelen nöjda beror på den digitala enkäten.", "none"),
    ("Bedömningen av ansökningarna görs av en extern grupp.", "none"),
    ("Elevernas helhetsbedömning av utbildningen har ökat.", "none"),
    ("Vi bedömer att efterfrågan kommer att öka nästa år.", "none"),
    ("Förvaltningen bedömer att behovet av platser är stort.", "none"),
    ("Fler deltagare har gått vidare till arbete än tidigare år.", "none"),
    ("Andelen elever som klarar kursen har minskat något.", "none"),
    ("Arbetet med unga som varken arbetar eller studerar fortsätter.", "none"),
    ("Under året har en ny lokal tagits i bruk.", "none"),
    ("Nämnden har fattat beslut om en ny organisation.", "none"),
    ("Resultatet i medarbetarenkäten sjönk jämfört med förra året.", "none"),
    ("Utbildningen läggs ned efter vårterminen.", "none"),
    ("Samarbetet med Arbetsförmedlingen har fördjupats.", "none"),
    ("Sjukfrånvaron har minskat under året.", "none"),
    ("Målet med satsningen är att fler ska få arbete.", "none"),
    ("Målgruppen för insatsen är unga vuxna.", "none"),
    ("Nämndens mål följs upp två gånger per år.", "none"),
    ("För att nå målet har flera aktiviteter genomförts.", "none"),
    ("Arbetet för att uppfylla målet fortsätter under nästa år.", "none"),
    ("Ett nytt mått införs för att följa målet bättre.", "none"),
    ("Målvärdet för 2020 har höjts.", "none"),
    ("Det är för tidigt att bedöma effekterna av förändringen.", "none"),
    ("Bedömningen är att kostnaderna kommer att minska.", "none"),
    ("Vår bedömning är att fler behöver nås av informationen.", "none"),
    ("Antalet sökande har ökat kraftigt.", "none"),
    ("Personalomsättningen är lägre än föregående år.", "none"),
    ("Verksamheten har haft svårt att rekrytera lärare.", "none"),
    ("Enkäten besvarades av fler än tidigare.", "none"),
    ("Måttet visar andelen som fått arbete inom ett år.", "none"),
    ("Mätningen genomförs vartannat år.", "none"),
    ("Satsningen har uppnått sitt syfte enligt deltagarna.", "none"),
    ("Projektet har inte nått ut till alla målgrupper.", "none"),
    ("Arbetsmarknaden har förbättrats i regionen.", "none"),
]


def compose() -> list[tuple[str, str]]:
    rng = random.Random(2019)
    out = list(FREE)
    for label, judgements in JUDGEMENTS.items():
        for judgement in judgements:
            for opener in OPENERS:
                tail = rng.choice(TAILS)
                out.append((f"{opener} {judgement}{tail}.", label))
    none_openers = ("Vår bedömning är att", "Vi bedömer att", "Förvaltningen bedömer att")
    none_tails = ("kostnaderna kommer att öka", "fler elever behöver stöd",
                  "samverkan med skolan har stärkts", "efterfrågan på platser ökar",
                  "det nya arbetssättet ger effekt", "resultatet påverkas av pandemin",
                  "informationen behöver nå fler", "lokalerna inte räcker till",
                  "fler sökande behövs till utbildningen", "målgruppen har förändrats")
    for tail in none_tails:
        for opener in none_openers:
            out.append((f"{opener} {tail}.", "none"))
    seen, unique = set(), []
    for text, label in out:
        if text not in seen:
            seen.add(text)
            unique.append((text, label))
    rng.shuffle(unique)
    return unique


def main() -> None:
    path = Path(__file__).with_name("assessment_sentences.csv")
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(("text", "label"))
        writer.writerows(compose())
    print(path)


if __name__ == "__main__":
    main()
