"""The offer's negotiation log edited and deleted, stages set through a form, "Start a mock
round" from an upcoming interview, and the pane's background work at shutdown."""

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication

from desktop.store import tracker as records
from desktop.tracker import service
from desktop.tracker.records import Application, InterviewEvent, NegotiationEntry, Offer
from desktop.ui import tracker_pane as pane_module
from desktop.ui.context import UiContext
from desktop.ui.tracker_forms import RecordDialog
from desktop.ui.tracker_pane import TrackerPane

TODAY = dt.date(2025, 3, 10)


@pytest.fixture
def pane(qtbot, session):
    widget = TrackerPane(UiContext(session=session), today=lambda: TODAY, tz=dt.UTC)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def answer_form(monkeypatch, qtbot, fill):
    """Open the real form (not exec'd); ``fill(dialog)`` types and saves, as a user would."""
    opened = []

    def ask(parent, title, specs, values, save):
        dialog = RecordDialog(title, specs, values, save, parent)
        qtbot.addWidget(dialog)
        opened.append(dialog)
        fill(dialog)
        return dialog.result_value if dialog.result() == RecordDialog.DialogCode.Accepted else None

    monkeypatch.setattr(RecordDialog, "ask", staticmethod(ask))
    return opened


@pytest.fixture
def offer(store):
    application = Application("Mistral", "Research Scientist", status="offer")
    records.save_application(store, application)
    made = Offer(application.id, currency="EUR", base=150_000)
    records.save_offer(store, made)
    records.add_negotiation(store, NegotiationEntry(made.id, "2025-03-05", "more base", "+5k"))
    records.add_negotiation(store, NegotiationEntry(made.id, "2025-03-07", "earlier start"))
    return made


def log_rows(pane):
    model = pane.negotiation_model
    return [
        tuple(model.item(r, c).text() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_a_negotiation_entry_is_edited_through_its_prefilled_form(pane, offer, qtbot, monkeypatch):
    pane.refresh()
    pane.show_tab("Offers")
    assert not pane.negotiation_buttons["Edit entry"].isEnabled()  # nothing chosen yet
    pane.negotiation_view.selectRow(0)
    assert pane.negotiation_buttons["Edit entry"].isEnabled()

    def fill(dialog):
        assert dialog.inputs["on_date"].text() == "2025-03-05"
        assert dialog.inputs["asked"].text() == "more base"
        assert dialog.inputs["changed"].text() == "+5k"
        dialog.inputs["asked"].setText("")
        dialog.inputs["on_date"].setText("2025-13-01")
        assert dialog.try_save() is False
        assert dialog.error_labels["asked"].text() == "say what was asked"
        assert dialog.error_labels["on_date"].text() == "2025-13-01 is not a real date"
        assert dialog.inputs["on_date"].text() == "2025-13-01"  # kept for fixing
        dialog.inputs["asked"].setText("more base and a signing bonus")
        dialog.inputs["on_date"].setText("2025-03-06")
        assert dialog.try_save() is True

    answer_form(monkeypatch, qtbot, fill)
    assert pane.edit_negotiation() is not None
    assert log_rows(pane) == [
        ("2025-03-06", "more base and a signing bonus", "+5k"),
        ("2025-03-07", "earlier start", ""),
    ]
    assert len(records.negotiations(pane.store, offer.id)) == 2  # edited, not added


def test_a_cancelled_edit_changes_nothing(pane, offer, qtbot, monkeypatch):
    pane.refresh()
    pane.show_tab("Offers")
    pane.negotiation_view.selectRow(1)

    def fill(dialog):
        dialog.inputs["asked"].setText("something else")
        dialog.reject()

    answer_form(monkeypatch, qtbot, fill)
    assert pane.edit_negotiation() is None
    assert [n.asked for n in records.negotiations(pane.store, offer.id)] == [
        "more base",
        "earlier start",
    ]


def test_deleting_an_entry_asks_and_can_be_undone(pane, offer, monkeypatch):
    pane.refresh()
    pane.show_tab("Offers")
    pane.negotiation_view.selectRow(1)
    questions = []
    monkeypatch.setattr(pane_module.Confirm, "ask", lambda *a: questions.append(a[2]) or False)
    assert pane.delete_negotiation() is False
    assert "2025-03-07" in questions[0] and "earlier start" in questions[0]
    assert len(log_rows(pane)) == 2
    monkeypatch.setattr(pane_module.Confirm, "ask", lambda *a: True)
    assert pane.delete_negotiation() is True
    assert log_rows(pane) == [("2025-03-05", "more base", "+5k")]
    assert pane.undo_delete() is True
    assert [row[1] for row in log_rows(pane)] == ["more base", "earlier start"]


def test_stages_are_set_through_a_form_and_each_change_is_history(pane, store, qtbot, monkeypatch):
    application = Application("Meta", "MLE", stages={"recruiter-screen": "passed"})
    records.save_application(store, application, now="2025-03-01T09:00:00")
    pane.refresh()
    pane.select_application(application.id)
    assert 'href="stages:edit"' in pane.detail_html(application.id)

    def fill(dialog):
        assert dialog.inputs["recruiter-screen"].currentData() == "passed"
        assert dialog.inputs["ml-coding"].currentData() == "pending"
        combo = dialog.inputs["ml-coding"]
        combo.setCurrentIndex(combo.findData("scheduled"))
        combo = dialog.inputs["recruiter-screen"]
        combo.setCurrentIndex(combo.findData("failed"))
        assert dialog.try_save() is True

    answer_form(monkeypatch, qtbot, fill)
    pane._on_detail_link(QUrl("stages:edit"))
    stored = records.get_application(store, application.id)
    assert stored.stages == {"recruiter-screen": "failed", "ml-coding": "scheduled"}
    changes = [(e.stage, e.from_value, e.to_value) for e in records.history(store, application.id)][
        -2:
    ]
    assert changes == [
        ("recruiter-screen", "passed", "failed"),
        ("ml-coding", "pending", "scheduled"),
    ]
    assert "ML coding: pending → scheduled" in pane.detail.toPlainText()


def test_upcoming_interviews_offer_a_mock_round(pane, store, qtbot):
    application = Application("DeepMind", "Research Scientist", status="interviewing")
    records.save_application(store, application)
    past = InterviewEvent(application.id, "ml-theory", "2025-03-01T15:00:00+00:00")
    ahead = InterviewEvent(application.id, "team-match", "2025-03-15T15:00:00+00:00")
    other = InterviewEvent(application.id, "other", "2025-03-16T15:00:00+00:00")
    for event in (past, ahead, other):
        records.save_event(store, event)
    pane.refresh()
    pane.select_application(application.id)
    html = pane.detail_html(application.id)
    assert f'href="mock:{ahead.id}"' in html
    assert f'href="mock:{past.id}"' not in html and f'href="mock:{other.id}"' not in html
    with qtbot.waitSignal(pane.mock_requested) as emitted:
        pane._on_detail_link(QUrl(f"mock:{ahead.id}"))
    assert emitted.args == ["behavioural", ahead.id, 5]  # a team match practises behavioural


def test_start_a_mock_round_opens_the_rounds_place(make_window, session, qtbot):
    application = Application("DeepMind", "Research Scientist", status="interviewing")
    records.save_application(session.store, application)
    soon = dt.datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    event = InterviewEvent(
        application.id, "system-design", (soon + dt.timedelta(days=6)).isoformat()
    )
    records.save_event(session.store, event)
    window = make_window()
    tracker = window.show_place("tracker")
    tracker.select_application(application.id)
    assert f'href="mock:{event.id}"' in tracker.detail.toHtml()
    tracker.detail.anchorClicked.emit(QUrl(f"mock:{event.id}"))  # the link's click
    assert window.current_place() == "rounds"
    rounds = window.places["rounds"]
    assert rounds.template_combo.currentData() == "system-design"
    assert "the real interview is in 6 days" in rounds.plan_label.text()


def test_advice_still_computing_at_close_is_dropped_and_its_thread_ends(
    pane, store, qtbot, monkeypatch
):
    started = threading.Event()
    errors = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(args))

    def slow_advice(worker_store, today, *args, **kwargs):
        started.set()
        # Still working when the window closes: wait until the pane asks background work to
        # stop (shutdown), then finish as a slow computation would.
        pane._stop_work.wait(10)
        return ["stale"]

    monkeypatch.setattr(service, "current_advice", slow_advice)
    shown = pane.advice_shown
    pane.refresh()
    assert started.wait(10)
    [thread] = pane.background_threads()
    pane.close()  # closeEvent -> shutdown: waits for the thread
    assert not thread.is_alive() and pane.background_threads() == []
    QApplication.processEvents()  # deliver a queued signal, if one had been sent
    assert pane.advice_shown == shown and pane.current_advice != ["stale"]
    assert errors == []
    pane.refresh()  # after shutdown nothing starts
    assert pane.background_threads() == []


def test_closing_the_window_finishes_every_tracker_thread(make_window, session, qtbot):
    records.save_application(session.store, Application("DeepMind", "RS"))
    window = make_window()
    tracker = window.show_place("tracker")
    qtbot.waitUntil(lambda: tracker.loaded)
    window.close()
    assert tracker.closed and tracker.background_threads() == []
    assert not [t for t in threading.enumerate() if t.name.startswith("tracker-") and t.is_alive()]
