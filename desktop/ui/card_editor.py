"""The card editor: the user's own flashcards, front and back in Markdown (with code), area, tags."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.store import study
from desktop.store.database import Store
from desktop.study.areas import AREAS, area_title
from desktop.study.cards import CardError, StudyCard, format_tags, parse_tags

ERROR_STYLE = "color: #d04444;"


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _markdown_editor(placeholder: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setPlaceholderText(placeholder)
    editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    editor.setTabChangesFocus(True)  # Tab walks the form; code is indented with spaces
    editor.setMinimumHeight(90)
    return editor


class CardEditorDialog(QDialog):
    """New card (``card`` None, optionally prefilled) or an edit of one of the user's cards."""

    def __init__(
        self,
        store: Store,
        card: StudyCard | None = None,
        *,
        question: str = "",
        answer: str = "",
        area: str = "",
        topic: str = "",
        topic_title: str = "",
        clock: Callable[[], dt.datetime] = _now,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.card = card
        self.clock = clock
        self.saved_id: str | None = None
        if card is not None:
            question, answer, area, topic = card.question, card.answer, card.area, card.topic
        self.topic = topic
        self.setWindowTitle("Edit flashcard" if card else "New flashcard")
        self.resize(820, 560)

        layout = QVBoxLayout(self)
        intro = QLabel(
            "Markdown works on both sides: **bold**, `code`, fenced ```python blocks, lists. "
            "Ctrl+Enter saves."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setObjectName("cardEditorHint")
        layout.addWidget(intro)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        form_holder = QWidget()
        form = QFormLayout(form_holder)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors: dict[str, QLabel] = {}
        self.front = _markdown_editor("The question, as you want to be asked it")
        self.front.setPlainText(question)
        self._row(form, "&Front", self.front, "question")
        self.back = _markdown_editor("The answer; code goes in ``` fences")
        self.back.setPlainText(answer)
        self._row(form, "&Back", self.back, "answer")
        self.area = QComboBox()
        for key in AREAS:
            self.area.addItem(area_title(key), key)
        self.area.setCurrentIndex(max(self.area.findData(area or "ml-theory"), 0))
        self._row(form, "&Area", self.area, "area")
        self.tags = QLineEdit(format_tags(card.tags) if card else "")
        self.tags.setPlaceholderText("e.g. pytorch attention (spaces or commas)")
        self._row(form, "&Tags", self.tags, "tags")
        if topic:
            source = QLabel(html.escape(topic_title or topic))
            source.setToolTip("Cards made from a page stay linked to its topic")
            form.addRow("From", source)
        self.card_error = QLabel()  # problems that belong to no field
        self.card_error.setStyleSheet(ERROR_STYLE)
        self.card_error.setWordWrap(True)
        self.card_error.hide()
        form.addRow(self.card_error)
        splitter.addWidget(form_holder)

        preview_holder = QWidget()
        preview_layout = QVBoxLayout(preview_holder)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(QLabel("Preview"))
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        preview_layout.addWidget(self.preview, 1)
        splitter.addWidget(preview_holder)
        splitter.setSizes([440, 360])
        layout.addWidget(splitter, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        self.front.textChanged.connect(self._update_preview)
        self.back.textChanged.connect(self._update_preview)
        self._update_preview()
        self.front.setFocus()

    def _row(self, form: QFormLayout, label: str, widget: QWidget, key: str) -> None:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        self.errors[key] = error
        form.addRow(label, holder)
        form.labelForField(holder).setBuddy(widget)

    def _update_preview(self) -> None:
        front = self.front.toPlainText().strip() or "*(front)*"
        back = self.back.toPlainText().strip() or "*(back)*"
        self.preview.setMarkdown(f"{front}\n\n---\n\n{back}")

    def values(self) -> dict:
        return {
            "question": self.front.toPlainText(),
            "answer": self.back.toPlainText(),
            "area": self.area.currentData(),
            "tags": parse_tags(self.tags.text()),
            "topic": self.topic,
        }

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        other = [message for key, message in errors.items() if key not in self.errors]
        self.card_error.setText(" ".join(other))
        self.card_error.setVisible(bool(other))
        first = next((key for key in self.errors if key in errors), None)
        focus = {"question": self.front, "answer": self.back, "area": self.area}
        if first in focus:
            focus[first].setFocus()
        elif first == "tags":
            self.tags.setFocus()

    def save(self) -> str | None:
        """Store the card; on a problem show it next to its field and keep what was typed."""
        values = self.values()
        try:
            if self.card is None:
                self.saved_id = study.add_user_card(self.store, now=self.clock(), **values)
            else:
                study.update_user_card(self.store, self.card.id, now=self.clock(), **values)
                self.saved_id = self.card.id
        except CardError as error:
            self.show_errors(error.errors)
            return None
        self.show_errors({})
        return self.saved_id

    def accept(self) -> None:
        if self.save() is not None:
            super().accept()

    @staticmethod
    def ask(
        parent: QWidget | None,
        store: Store,
        card: StudyCard | None = None,
        **prefill,
    ) -> str | None:
        """Open the editor; returns the saved card's id, or None when cancelled."""
        dialog = CardEditorDialog(store, card, parent=parent, **prefill)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.saved_id
        return None
