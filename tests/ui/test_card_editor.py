import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialog

from desktop.reference.content import load_topic
from desktop.store import study
from desktop.ui.application import create_application
from desktop.ui.card_editor import CardEditorDialog
from desktop.ui.context import UiContext
from desktop.ui.reference_pane import Library, ReferencePane

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SHOTS = os.environ.get("MLPREP_SHOTS")

PAGE = """+++
title = "Attention"
area = "transformers-llms"
tags = ["x"]
difficulty = "core"
related = []
katas = []
+++

## The idea

Scaled dot-product attention divides by the square root of the key size.
"""


def _editor(qtbot, store, card=None, **prefill) -> CardEditorDialog:
    create_application()
    dialog = CardEditorDialog(store, card, clock=lambda: NOW, **prefill)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_empty_sides_are_refused_next_to_their_fields_and_input_is_kept(qtbot, store):
    dialog = _editor(qtbot, store)
    dialog.tags.setFocus()
    qtbot.waitUntil(dialog.tags.hasFocus)
    qtbot.keyClicks(dialog.tags, "pytorch, Shapes")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible(), "nothing saved, the dialog stays open"
    assert dialog.errors["question"].isVisible() and dialog.errors["answer"].isVisible()
    assert "front" in dialog.errors["question"].text()
    assert not dialog.errors["tags"].isVisible()
    assert dialog.tags.text() == "pytorch, Shapes"
    assert study.all_cards(store) == []
    qtbot.waitUntil(dialog.front.hasFocus)  # the first wrong field gets the cursor


def test_new_card_with_markdown_code_area_and_tags_by_keyboard(qtbot, store):
    dialog = _editor(qtbot, store, area="ml-coding")
    qtbot.keyClicks(dialog.front, "Why `contiguous()`?")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Tab)  # Tab leaves the editor, it is not typed
    qtbot.waitUntil(dialog.back.hasFocus)
    assert "\t" not in dialog.front.toPlainText()
    dialog.back.setPlainText("```python\ny = x.t().contiguous()\n```")
    assert "y = x.t().contiguous()" in dialog.preview.toPlainText()
    dialog.tags.setText("#PyTorch memory")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.front, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    card = study.get_card(store, dialog.saved_id)
    assert (card.question, card.area, card.tags) == (
        "Why `contiguous()`?",
        "ml-coding",
        ("pytorch", "memory"),
    )
    assert card.answer.startswith("```python") and card.is_own and card.is_new


def test_edit_keeps_the_card_and_refuses_library_cards(qtbot, store):
    card_id = study.add_user_card(store, "Old", "Answer", area="statistics", now=NOW)
    dialog = _editor(qtbot, store, study.get_card(store, card_id))
    assert dialog.front.toPlainText() == "Old" and dialog.area.currentData() == "statistics"
    assert dialog.windowTitle() == "Edit flashcard"
    dialog.front.setPlainText("New")
    dialog.area.setCurrentIndex(dialog.area.findData("ml-theory"))
    assert dialog.save() == card_id
    assert study.get_card(store, card_id).question == "New"
    assert study.get_card(store, card_id).area == "ml-theory"
    assert len(study.all_cards(store)) == 1

    class Topic:
        slug, area = "bayes", "statistics-maths"
        flashcards = [type("C", (), {"question": "B?", "answer": "P"})()]

    study.sync_topic_cards(store, [Topic()], NOW)
    library_card = next(c for c in study.all_cards(store) if not c.is_own)
    refused = _editor(qtbot, store, library_card)
    refused.front.setPlainText("Changed")
    assert refused.save() is None
    assert refused.card_error.isVisible() and "library" in refused.card_error.text()
    assert study.get_card(store, library_card.id).question == "B?"
    if SHOTS:
        QApplication.processEvents()
        dialog.grab().save(os.path.join(SHOTS, "card_editor.png"))


@pytest.fixture
def reader(qtbot, session, tmp_path: Path):
    folder = tmp_path / "topics" / "transformers-llms"
    folder.mkdir(parents=True)
    (folder / "attention.md").write_text(PAGE)
    library = Library([load_topic(folder / "attention.md")], [], [], [])
    create_application()
    pane = ReferencePane(UiContext(session=session))
    qtbot.addWidget(pane)
    pane.set_library(library)
    pane.show()
    pane.open("topic:attention")
    qtbot.waitUntil(lambda: pane._pending_key is None, timeout=20000)
    return pane


def _select(browser, text: str) -> None:
    assert browser.find(text), f"{text!r} is on the page"
    assert browser.textCursor().selectedText() == text


def test_make_a_flashcard_from_the_reader_prefills_selection_and_topic(reader, monkeypatch):
    asked = {}

    def ask(parent, store, card=None, **prefill):
        asked.update(prefill, card=card)
        return "user:abc"

    monkeypatch.setattr(CardEditorDialog, "ask", staticmethod(ask))
    _select(reader.browser, "divides by the square root")
    reader.card_button.click()
    assert asked == {
        "card": None,
        "question": "divides by the square root",
        "topic": "attention",
        "topic_title": "Attention",
        "area": "ml-theory",
    }
    # nothing selected: an empty front, still linked to the page
    reader.browser.moveCursor(QTextCursor.MoveOperation.Start)
    reader.card_button.click()
    assert asked["question"] == "" and asked["topic"] == "attention"


def test_card_made_in_the_reader_is_stored_linked_to_its_topic(reader, qtbot, monkeypatch):
    def ask(parent, store, card=None, **prefill):
        dialog = CardEditorDialog(store, card, parent=parent, clock=lambda: NOW, **prefill)
        qtbot.addWidget(dialog)
        dialog.back.setPlainText("So the softmax does not saturate.")
        return dialog.save()

    monkeypatch.setattr(CardEditorDialog, "ask", staticmethod(ask))
    _select(reader.browser, "Scaled dot-product attention")
    card_id = reader.make_flashcard()
    card = study.get_card(reader.store, card_id)
    assert (card.question, card.topic, card.area, card.source) == (
        "Scaled dot-product attention",
        "attention",
        "ml-theory",
        "user",
    )
