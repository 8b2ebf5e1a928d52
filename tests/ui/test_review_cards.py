"""The review screen's way into the card browser and the editor."""

import datetime as dt

from desktop.store import study
from desktop.ui.application import create_application
from desktop.ui.card_browser import CardBrowserDialog
from desktop.ui.card_editor import CardEditorDialog
from desktop.ui.review_pane import ReviewDialog

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _review(qtbot, store) -> ReviewDialog:
    create_application()
    dialog = ReviewDialog(store, study.review_queue(store, NOW), lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _own_cards(store, count=3):
    return [
        study.add_user_card(store, f"Q{i}", f"A{i}", area="ml-coding", now=NOW)
        for i in range(count)
    ]


def test_browsing_during_review_drops_suspended_cards_from_the_session(qtbot, store):
    ids = _own_cards(store)
    dialog = _review(qtbot, store)
    first = dialog.current.id
    browser = dialog.browse_cards()
    assert isinstance(browser, CardBrowserDialog) and browser.isVisible()
    assert dialog.browse_cards() is browser
    browser.select([first])
    browser.suspend_button.click()
    assert dialog.current.id != first
    assert first not in [c.id for c in dialog.queue] and len(dialog.queue) == len(ids) - 1
    browser.select([first])
    browser.unsuspend_button.click()  # back in the deck, for a later session
    assert not study.get_card(store, first).suspended


def test_edit_the_current_own_card_while_reviewing(qtbot, store, monkeypatch):
    _own_cards(store, 1)
    dialog = _review(qtbot, store)
    card = dialog.current
    assert dialog.edit_button.isEnabled()
    dialog.reveal()

    def ask(parent, store_, card_=None, **prefill):
        study.update_user_card(store_, card_.id, "Better Q", "Better A", area=card_.area, now=NOW)
        return card_.id

    monkeypatch.setattr(CardEditorDialog, "ask", staticmethod(ask))
    dialog.edit_button.click()
    assert dialog.current.id == card.id
    assert "Better Q" in dialog.question.toPlainText()
    assert "Better A" in dialog.answer_view.toPlainText(), "still revealed after the edit"


def test_library_cards_cannot_be_edited_from_review(qtbot, store):
    class Topic:
        slug, area = "bayes", "statistics-maths"
        flashcards = [type("C", (), {"question": "B?", "answer": "P"})()]

    study.sync_topic_cards(store, [Topic()], NOW)
    dialog = _review(qtbot, store)
    assert not dialog.edit_button.isEnabled()
    assert dialog.edit_current() is None
