from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.reference.content import Question, load_topic
from desktop.store.notes import get_note
from desktop.ui.context import UiContext
from desktop.ui.reference_pane import Library, ReferencePane

PAGE = """+++
title = "{title}"
area = "core-ml"
tags = ["x"]
difficulty = "core"
related = ["{other}"]
katas = []
+++

## The idea

About {title}. See [the other page](topic:{other}) and $\\sqrt{{d_k}}$.

## How it works

$$\\frac{{a}}{{b}}$$

## Flashcards

```flashcards
Q: What is {title}?
A: A page.
```
"""


@pytest.fixture
def library(tmp_path: Path) -> Library:
    folder = tmp_path / "topics" / "core-ml"
    folder.mkdir(parents=True)
    for slug, title, other in (("alpha", "Alpha", "beta"), ("beta", "Beta", "alpha")):
        (folder / f"{slug}.md").write_text(PAGE.format(title=title, other=other))
    topics = [load_topic(p) for p in sorted(folder.glob("*.md"))]
    questions = [
        Question(
            "q1",
            "Explain alpha.",
            "ml-theory",
            "core-ml",
            "easy",
            ["alpha"],
            ["Google"],
            2024,
            ["point one"],
        )
    ]
    return Library(topics, [], questions, [])


@pytest.fixture
def pane(qtbot, session, library):
    widget = ReferencePane(UiContext(session=session))
    qtbot.addWidget(widget)
    widget.set_library(library)
    widget.show()
    return widget


def _wait_rendered(qtbot, pane):
    qtbot.waitUntil(lambda: pane._pending_key is None, timeout=20000)


def test_open_follow_link_back_forward(qtbot, pane):
    assert pane.open("topic:alpha")
    _wait_rendered(qtbot, pane)
    assert "About Alpha" in pane.browser.toPlainText()
    assert "<img" in pane.browser.toHtml(), "maths must be typeset, not shown as raw LaTeX"
    pane._on_link(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl("topic:beta"))
    _wait_rendered(qtbot, pane)
    assert pane.current == "topic:beta"
    qtbot.keyClick(pane, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert pane.current == "topic:alpha"
    pane.forward()
    assert pane.current == "topic:beta"
    assert not pane.open("topic:missing")


def test_revisit_uses_the_render_cache(qtbot, pane):
    pane.open("topic:alpha")
    _wait_rendered(qtbot, pane)
    pane.open("topic:beta")
    _wait_rendered(qtbot, pane)
    pane.open("topic:alpha")
    assert pane._pending_key is None, "a cached page is shown without re-rendering"
    assert "About Alpha" in pane.browser.toPlainText()


def test_contents_lists_headings(qtbot, pane):
    pane.open("topic:alpha")
    items = [pane.toc.item(i).text().strip() for i in range(pane.toc.count())]
    assert items[:2] == ["The idea", "How it works"]


def test_notes_saved_as_you_type_and_ratings(qtbot, pane, session):
    pane.open("topic:alpha")
    qtbot.keyClicks(pane.notes, "my *note*")
    qtbot.waitUntil(lambda: get_note(session.store, "alpha").body == "my *note*", timeout=3000)
    pane.confidence.setCurrentIndex(pane.confidence.findData(4))
    pane._confidence_changed()
    pane.bookmark.setChecked(True)
    pane.mark_reviewed()
    note = get_note(session.store, "alpha")
    assert (note.confidence, note.bookmarked) == (4, True) and note.reviewed_on
    pane.open("topic:beta")
    assert pane.notes.toPlainText() == ""
    pane.back()
    assert pane.notes.toPlainText() == "my *note*"


def test_question_bank_page(qtbot, pane):
    assert pane.open("question:q1")
    _wait_rendered(qtbot, pane)
    assert "Explain alpha." in pane.browser.toPlainText()
    assert "Google" in pane.browser.toPlainText()
    assert not pane.notes.isEnabled(), "notes belong to topics"


def test_tree_lists_areas_topics_and_bank(pane):
    model = pane.tree_model
    labels = [model.item(r).text() for r in range(model.rowCount())]
    assert labels[0] == "Core ML"
    assert labels[-1].startswith("Question bank (1)")
    assert model.item(0).rowCount() == 2
