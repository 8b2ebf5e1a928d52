"""The five places of the main window and a shared empty-state panel."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


@dataclass(frozen=True)
class PlaceInfo:
    key: str
    title: str
    glyph: str
    empty_text: str


PLACES = (
    PlaceInfo(
        "today",
        "Today",
        "◎",
        "What to do now: due flashcards, interviews and deadlines this week, "
        "today's plan from your focus areas, streaks and progress plots.",
    ),
    PlaceInfo(
        "reference",
        "Reference",
        "▤",
        "90+ ML topics with typeset maths and highlighted code, interview guides and a "
        "question bank, searchable with Ctrl+K, with your own notes beside each page.",
    ),
    PlaceInfo(
        "katas",
        "Katas",
        "λ",
        "ML coding exercises you solve in an editor and run locally against hidden tests, "
        "on CPU, CUDA or MPS.",
    ),
    PlaceInfo(
        "tracker",
        "Tracker",
        "▦",
        "Companies, applications, interview schedule, contacts, deadlines and offers, "
        "with offers compared side by side.",
    ),
    PlaceInfo(
        "rounds",
        "Mock rounds",
        "◷",
        "Timed mock interview rounds with phases, a drawn question and an honest self-review.",
    ),
)


class EmptyPlace(QWidget):
    """Shown where a place has nothing to show yet; says what will be there."""

    def __init__(self, info: PlaceInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"Place_{info.key}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(1)
        title = QLabel(info.title)
        title.setObjectName("PlaceTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(info.empty_text)
        text.setObjectName("EmptyState")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setFixedWidth(560)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(text)
        row.addStretch(1)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addLayout(row)
        layout.addStretch(2)
