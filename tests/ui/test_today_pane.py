import datetime as dt
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.store import study
from desktop.study.plan import Profile
from desktop.ui.application import create_application
from desktop.ui.context import UiContext
from desktop.ui.profile_dialog import ProfileDialog
from desktop.ui.review_pane import ReviewDialog
from desktop.ui.today_pane import TodayPane

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SHOTS = os.environ.get("MLPREP_SHOTS")


@pytest.fixture
def pane(qtbot, session):
    create_application()
    widget = TodayPane(UiContext(session=session), clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1100, 1000)
    widget.show()
    widget.ensure_loaded()
    qtbot.waitExposed(widget)
    return widget


def _shot(widget, name):
    QApplication.processEvents()  # let the layouts settle after the data arrived
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, name))


def test_empty_today_reads_well(pane):
    assert pane.setup_box.isVisible()
    assert "due" in pane.cards_label.text() or "new" in pane.cards_label.text()
    assert "Nothing scheduled this week" in pane.week_label.text()
    assert "Set up your profile" in pane.focus_label.text()
    assert "Read" in pane.plan_label.text() and "kata:" in pane.plan_label.text()
    assert pane.streak_label.text() == "Start a streak today"
    assert not pane.grab().isNull()
    _shot(pane, "today_empty.png")


def test_profile_setup_makes_a_plan_and_skip_hides_the_prompt(pane, monkeypatch):
    profile = Profile(
        first_interview="2026-03-12", hours_per_day=3, ratings={"ml-coding": 2, "behavioural": 5}
    )
    monkeypatch.setattr(ProfileDialog, "ask", staticmethod(lambda current, parent=None: profile))
    pane.setup_button.click()
    assert not pane.setup_box.isVisible()
    assert "10 days to your first interview" in pane.headline.text()
    assert "ML coding" in pane.focus_label.text() and "rated 2/5" in pane.focus_label.text()
    study.save_profile_data(pane.store, {})
    pane.refresh()
    assert pane.setup_box.isVisible()
    pane.skip_button.click()
    assert not pane.setup_box.isVisible()


def test_review_from_today_with_keys_and_undo(pane, qtbot):
    before = len(pane.queue)
    assert before > 0
    dialog = pane.start_review()
    assert isinstance(dialog, ReviewDialog)
    qtbot.waitExposed(dialog)
    first = dialog.current.id
    qtbot.keyClick(dialog, Qt.Key.Key_3)  # not revealed: ignored
    assert dialog.current.id == first
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert dialog.revealed and dialog.answer_view.toPlainText()
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    assert dialog.current.id != first
    assert not study.get_card(pane.store, first).is_new
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.current.id == first
    assert study.get_card(pane.store, first).is_new
    dialog.reveal()
    dialog.rate(4)
    buried = dialog.current.id
    dialog.bury()
    dialog.accept()
    # one new card used from today's 20: the queue shrinks by one, without either card
    qtbot.waitUntil(lambda: len(pane.queue) == before - 1)
    assert {first, buried}.isdisjoint(c.id for c in pane.queue)
    assert "1-day streak" in pane.streak_label.text()


def test_today_is_the_first_place_in_the_window(make_window):
    window = make_window()
    assert isinstance(window.places["today"], TodayPane)


def test_today_with_the_demo_profile(qtbot, session, tmp_path):
    from desktop.katas.catalog import load_catalog
    from desktop.paths import content_root
    from desktop.reference.content import load_topics
    from desktop.rounds.templates import load_builtin_templates
    from desktop.study.demo import fill_demo

    topics, _ = load_topics(content_root())
    fill_demo(
        session.store, topics, load_catalog().katas, load_builtin_templates(content_root()), NOW
    )
    create_application()
    widget = TodayPane(UiContext(session=session), clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1100, 1100)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget._loaded, timeout=10000)
    assert not widget.setup_box.isVisible()
    assert "1 day to your first interview" in widget.headline.text()
    assert "deadline" in widget.week_label.text() and "ml coding" in widget.week_label.text()
    assert "interview at" in widget.focus_label.text()
    assert widget.solved_chart.series and widget.reviews_chart.series
    assert widget.mock_chart.series and widget.confidence_chart.series
    assert not widget.grab().isNull()
    _shot(widget, "today_demo.png")


def test_add_and_browse_cards_from_today(pane, qtbot, monkeypatch):
    from desktop.ui.card_browser import CardBrowserDialog
    from desktop.ui.card_editor import CardEditorDialog

    made = []

    def ask(parent, store, card=None, **prefill):
        made.append(study.add_user_card(store, "Mine?", "Yes", area="ml-coding", now=NOW))
        return made[-1]

    monkeypatch.setattr(CardEditorDialog, "ask", staticmethod(ask))
    pane.add_card_button.click()
    assert made and study.get_card(pane.store, made[0]).is_own
    browser = pane.browse_cards()
    assert isinstance(browser, CardBrowserDialog) and browser.isVisible()
    assert made[0] in browser.visible_ids()
    first = pane.queue[0].id
    browser.select([first])
    browser.suspend_button.click()  # the page follows the browser's changes at once
    assert first not in [c.id for c in pane.queue]
    assert pane.browse_cards() is browser
