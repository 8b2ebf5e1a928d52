"""Export flashcards as an Anki package (.apkg) with genanki."""

from __future__ import annotations

import zlib
from pathlib import Path

import genanki
import markdown

from desktop.study.areas import area_title
from desktop.study.cards import StudyCard

MODEL = genanki.Model(
    1607392319,
    "MLPrep card",
    fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Topic"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Question}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}<br><small>{{Topic}}</small>',
        }
    ],
)
DECK_ID = 2059400110


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["fenced_code"])


def build_deck(cards: list[StudyCard]) -> genanki.Deck:
    deck = genanki.Deck(DECK_ID, "MLPrep")
    for card in cards:
        if card.suspended:
            continue
        note = genanki.Note(
            model=MODEL,
            fields=[_html(card.question), _html(card.answer), card.topic or area_title(card.area)],
            guid=str(zlib.crc32(card.id.encode())) + card.id[-8:],
            tags=[card.area, *card.tags],
        )
        deck.add_note(note)
    return deck


def write_apkg(cards: list[StudyCard], path: Path) -> int:
    deck = build_deck(cards)
    genanki.Package(deck).write_to_file(str(path))
    return len(deck.notes)
