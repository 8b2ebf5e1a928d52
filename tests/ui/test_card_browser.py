import datetime as dt
import os

import pytest
from PySide6.QtWidgets import QApplication

from desktop.store import study
from desktop.study.cards import card_state, topic_card_id
from desktop.ui import card_browser
from desktop.ui.application import create_application
from desktop.ui.card_browser import ID_ROLE, CardBrowserDialog
from desktop.ui.card_editor import CardEditorDialog
from tests.study_fakes import FakeCard, FakeTopic

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SHOTS = os.environ.get("MLPREP_SHOTS")


@pytest.fixture
def cards(store):
    topics = [
        FakeTopic("attention", "transformers-llms", [FakeCard("What is attention?", "Weights")]),
        FakeTopic("bayes", "statistics-maths", [FakeCard("Bayes rule?", "Posterior")]),
        FakeTopic("star", "behavioural", [FakeCard("What is STAR?", "Situation...")]),
    ]
    study.sync_topic_cards(store, topics, NOW)
    own = study.add_user_card(
        store,
        "Why `contiguous()` before `view`?",
        "Strides.",
        area="ml-coding",
        tags=("pytorch",),
        now=NOW,
    )
    study.answer(store, topic_card_id("bayes", "Bayes rule?"), 4, NOW)  # review
    study.set_suspended(store, topic_card_id("attention", "What is attention?"))
    study.bury(store, topic_card_id("star", "What is STAR?"), NOW.date())
    return {
        "own": own,
        "attention": topic_card_id("attention", "What is attention?"),
        "bayes": topic_card_id("bayes", "Bayes rule?"),
        "star": topic_card_id("star", "What is STAR?"),
    }


@pytest.fixture
def browser(qtbot, store, cards):
    create_application()
    dialog = CardBrowserDialog(store, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_filters_by_state_area_and_text(browser, cards):
    assert len(browser.visible_ids()) == 4 and browser.count_label.text() == "4 cards"
    _choose(browser.state_filter, "suspended")
    assert browser.visible_ids() == [cards["attention"]]
    _choose(browser.state_filter, "buried")
    assert browser.visible_ids() == [cards["star"]]
    _choose(browser.state_filter, "review")
    assert browser.visible_ids() == [cards["bayes"]]
    _choose(browser.state_filter, "new")
    assert browser.visible_ids() == [cards["own"]]
    _choose(browser.state_filter, "")
    _choose(browser.area_filter, "ml-theory")
    assert browser.visible_ids() == [cards["attention"]]
    _choose(browser.area_filter, "")
    browser.search.setText("PYTORCH")  # tags, case-insensitive
    assert browser.visible_ids() == [cards["own"]]
    browser.search.setText("posterior")  # the back of a card
    assert browser.visible_ids() == [cards["bayes"]]
    assert browser.count_label.text() == "1 of 4 cards"


def test_unsuspend_and_suspend_from_the_browser(browser, store, cards):
    _choose(browser.state_filter, "suspended")
    browser.select([cards["attention"]])
    assert browser.unsuspend_button.isEnabled() and not browser.suspend_button.isEnabled()
    assert not browser.edit_button.isEnabled() and not browser.delete_button.isEnabled()
    with_changes = []
    browser.changed.connect(lambda: with_changes.append(1))
    browser.unsuspend_button.click()
    assert not study.get_card(store, cards["attention"]).suspended
    assert browser.visible_ids() == [] and with_changes
    assert cards["attention"] in [c.id for c in study.review_queue(store, NOW)]
    _choose(browser.state_filter, "")
    browser.select([cards["attention"], cards["bayes"]])
    browser.suspend_button.click()
    assert study.get_card(store, cards["bayes"]).suspended
    assert study.get_card(store, cards["attention"]).suspended


def test_unbury(browser, store, cards):
    browser.select([cards["star"]])
    assert browser.unbury_button.isEnabled()
    browser.unbury_button.click()
    assert card_state(study.get_card(store, cards["star"]), NOW.date()) == "new"
    assert not browser.unbury_button.isEnabled()


def test_delete_own_cards_only_after_confirming(browser, store, cards, monkeypatch):
    answers = []
    monkeypatch.setattr(card_browser.Confirm, "ask", staticmethod(lambda *a: answers.pop(0)))
    browser.select([cards["bayes"]])
    assert not browser.delete_button.isEnabled()
    assert not browser.delete_selected()
    browser.select([cards["own"]])
    assert browser.delete_button.isEnabled()
    answers.append(False)
    assert not browser.delete_selected()
    assert study.get_card(store, cards["own"]) is not None
    answers.append(True)
    browser.delete_button.click()
    assert study.get_card(store, cards["own"]) is None
    assert cards["own"] not in browser.visible_ids()


def test_edit_and_new_go_through_the_editor(browser, store, cards, monkeypatch):
    seen = []

    def ask(parent, store_, card=None, **prefill):
        seen.append((card.id if card else None, prefill.get("area")))
        if card is None:
            return study.add_user_card(store_, "Fresh", "Card", area=prefill["area"], now=NOW)
        study.update_user_card(store_, card.id, "Edited", "Back", area=card.area, now=NOW)
        return card.id

    monkeypatch.setattr(CardEditorDialog, "ask", staticmethod(ask))
    browser.select([cards["bayes"]])
    assert browser.edit_selected() is None, "library cards are read-only"
    browser.select([cards["own"]])
    assert browser.edit_button.isEnabled()
    browser.edit_button.click()
    assert study.get_card(store, cards["own"]).question == "Edited"
    assert "Edited" in browser.preview.toPlainText()
    _choose(browser.area_filter, "statistics")
    new_id = browser.new_card()
    assert seen == [(cards["own"], None), (None, "statistics")]
    assert browser.selected_ids() == [new_id]
    if SHOTS:
        _choose(browser.area_filter, "")
        QApplication.processEvents()
        browser.grab().save(os.path.join(SHOTS, "card_browser.png"))


def test_rows_come_from_a_model_with_ids(browser, cards):
    ids = {browser.proxy.index(r, 0).data(ID_ROLE) for r in range(browser.proxy.rowCount())}
    assert ids == set(cards.values())
    row = browser.model.row_of(cards["own"])
    assert browser.model.index(row, 2).data() == "your card"
    assert browser.model.index(row, 5).data() == "pytorch"
