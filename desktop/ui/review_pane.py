"""The flashcard review screen: reveal with Space, answer with 1-4, undo with Ctrl+Z."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.store import study
from desktop.store.database import Store
from desktop.study.areas import area_title
from desktop.study.cards import RATING_NAMES, StudyCard, interval_preview


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class ReviewDialog(QDialog):
    """Works through a queue; ``clock`` gives the time (tests pass a fixed one)."""

    answered = Signal(str, int)

    def __init__(
        self,
        store: Store,
        queue: list[StudyCard],
        clock: Callable[[], dt.datetime] = _now,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Review flashcards")
        self.resize(720, 520)
        self.store = store
        self.clock = clock
        self.queue = list(queue)
        self.done_ids: list[str] = []
        self.revealed = False
        self.browser = None
        layout = QVBoxLayout(self)
        self.progress = QLabel()
        self.progress.setObjectName("reviewProgress")
        layout.addWidget(self.progress)
        self.question = QTextBrowser()
        self.question.setOpenExternalLinks(False)
        layout.addWidget(self.question, 2)
        self.answer_view = QTextBrowser()
        layout.addWidget(self.answer_view, 3)
        self.reveal_button = QPushButton("Show answer (Space)")
        self.reveal_button.clicked.connect(self.reveal)
        layout.addWidget(self.reveal_button)
        row = QHBoxLayout()
        self.rating_buttons: dict[int, QPushButton] = {}
        for rating, name in RATING_NAMES.items():
            button = QPushButton(f"{rating} {name}")
            button.clicked.connect(lambda _=False, r=rating: self.rate(r))
            row.addWidget(button)
            self.rating_buttons[rating] = button
        layout.addLayout(row)
        tools = QHBoxLayout()
        self.undo_button = QPushButton("Undo (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo)
        self.suspend_button = QPushButton("Suspend")
        self.suspend_button.setToolTip("Never show this card again (until unsuspended)")
        self.suspend_button.clicked.connect(self.suspend)
        self.bury_button = QPushButton("Bury until tomorrow")
        self.bury_button.clicked.connect(self.bury)
        for button in (self.undo_button, self.suspend_button, self.bury_button):
            tools.addWidget(button)
        tools.addStretch(1)
        self.edit_button = QPushButton("Edit card…")
        self.edit_button.setToolTip("Your own cards can be edited; library cards are read-only")
        self.edit_button.clicked.connect(self.edit_current)
        self.browse_button = QPushButton("Browse cards…")
        self.browse_button.setToolTip("All cards: search, unsuspend, unbury, edit, delete")
        self.browse_button.clicked.connect(self.browse_cards)
        tools.addWidget(self.edit_button)
        tools.addWidget(self.browse_button)
        layout.addLayout(tools)
        for browser in (self.question, self.answer_view):
            browser.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.activated.connect(self.undo)
        self._show_current()

    @property
    def current(self) -> StudyCard | None:
        return self.queue[0] if self.queue else None

    def _show_current(self) -> None:
        self.revealed = False
        card = self.current
        self.undo_button.setEnabled(bool(self.done_ids))
        self.answer_view.clear()
        if card is None:
            self.progress.setText(f"Done: {len(self.done_ids)} reviewed. Nothing else is due.")
            self.question.setMarkdown(
                "## All caught up\n\nNo cards are due now. New cards arrive tomorrow."
            )
            self.reveal_button.setEnabled(False)
            for button in (
                *self.rating_buttons.values(),
                self.suspend_button,
                self.bury_button,
                self.edit_button,
            ):
                button.setEnabled(False)
            return
        kind = "new" if card.is_new else "review"
        self.progress.setText(
            f"{len(self.queue)} left · {len(self.done_ids)} done · {area_title(card.area)}"
            f" · {card.topic or 'your card'} ({kind})"
        )
        self.question.setMarkdown(card.question)
        self.reveal_button.setEnabled(True)
        self.suspend_button.setEnabled(True)
        self.bury_button.setEnabled(True)
        self.edit_button.setEnabled(card.is_own)
        for button in self.rating_buttons.values():
            button.setEnabled(False)

    def reveal(self) -> None:
        card = self.current
        if card is None or self.revealed:
            return
        self.revealed = True
        self.answer_view.setMarkdown(card.answer)
        preview = interval_preview(card.fsrs_json, self.clock())
        for rating, button in self.rating_buttons.items():
            button.setText(f"{rating} {RATING_NAMES[rating]} · {preview[rating]}")
            button.setEnabled(True)
        self.reveal_button.setEnabled(False)

    def rate(self, rating: int) -> None:
        card = self.current
        if card is None or not self.revealed:
            return
        now = self.clock()
        study.answer(self.store, card.id, rating, now)
        self.queue.pop(0)
        self.done_ids.append(card.id)
        if rating == 1:  # forgotten: see it again in this session
            self.queue.append(study.get_card(self.store, card.id))
        self.answered.emit(card.id, rating)
        self._show_current()

    def undo(self) -> None:
        if not self.done_ids:
            return
        card_id = study.undo_last(self.store)
        if card_id is None:
            return
        if card_id in self.done_ids:
            self.done_ids.remove(card_id)
        self.queue = [c for c in self.queue if c.id != card_id]
        self.queue.insert(0, study.get_card(self.store, card_id))
        self._show_current()

    def suspend(self) -> None:
        if self.current is not None:
            study.set_suspended(self.store, self.queue.pop(0).id)
            self._show_current()

    def bury(self) -> None:
        if self.current is not None:
            study.bury(self.store, self.queue.pop(0).id, self.clock().date())
            self._show_current()

    def edit_current(self) -> str | None:
        from desktop.ui.card_editor import CardEditorDialog

        card = self.current
        if card is None or not card.is_own:
            return None
        saved = CardEditorDialog.ask(self, self.store, card, clock=self.clock)
        if saved:
            self.queue[0] = study.get_card(self.store, saved)
            was_revealed = self.revealed
            self._show_current()
            if was_revealed:
                self.reveal()
        return saved

    def browse_cards(self):
        """The card browser over this session; what it changes is reflected in the queue."""
        from desktop.ui.card_browser import show_browser

        self.browser = show_browser(self.browser, self.store, self.clock, self, self.sync_queue)
        return self.browser

    def sync_queue(self) -> None:
        """Drop cards suspended, buried or deleted elsewhere; show edits to the rest."""
        today = self.clock().date().isoformat()
        current = self.current.id if self.current else None
        fresh = [study.get_card(self.store, card.id) for card in self.queue]
        self.queue = [
            card
            for card in fresh
            if card is not None
            and not card.suspended
            and not (card.buried_until and card.buried_until > today)
        ]
        if self.current is None or self.current.id != current or not self.revealed:
            self._show_current()
        else:
            self.question.setMarkdown(self.current.question)
            self.answer_view.setMarkdown(self.current.answer)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Space reveals, 1-4 answer
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
            return
        if key == Qt.Key.Key_Space and not event.modifiers():
            self.reveal()
            return
        digits = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}
        if key in digits and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.rate(digits[key])
            return
        super().keyPressEvent(event)
