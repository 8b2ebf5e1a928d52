"""Reminders in the running app, with a fake clock: the minute timer, the tray or the in-window
fallback, once only, the settings form, and the window starting and stopping it."""

import datetime as dt

import pytest
from PySide6.QtWidgets import QPushButton, QSystemTrayIcon

from desktop.store import tracker as records
from desktop.tracker import service
from desktop.tracker.records import Application, InterviewEvent
from desktop.tracker.reminders import ReminderSettings
from desktop.ui import reminders as reminders_ui
from desktop.ui.context import UiContext
from desktop.ui.reminders import CHECK_INTERVAL_MS, ReminderNotifier, ReminderSettingsDialog
from desktop.ui.tracker_pane import TrackerPane

UTC = dt.UTC
START = dt.datetime(2025, 3, 10, 15, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def add_interview(store, starts=START, company="DeepMind"):
    application = Application(company, "Research Scientist")
    records.save_application(store, application)
    event = InterviewEvent(application.id, "ml-coding", starts.isoformat())
    records.save_event(store, event)
    return event


@pytest.fixture
def notices():
    return []


@pytest.fixture
def make_notifier(qtbot, store, notices):
    made = []

    def make(clock, tray=False):
        notifier = ReminderNotifier(
            store,
            clock=clock,
            tz=UTC,
            tray_available=lambda: tray,
            fallback=lambda title, body: notices.append((title, body)),
        )
        made.append(notifier)
        return notifier

    yield make
    for notifier in made:
        notifier.stop()


def test_without_a_tray_reminders_show_in_the_window_once(make_notifier, store, notices):
    add_interview(store)
    clock = Clock(START - dt.timedelta(hours=25))
    notifier = make_notifier(clock)
    notifier.start()
    assert notifier.timer.isActive() and notifier.timer.interval() == CHECK_INTERVAL_MS
    assert notices == []  # not due yet
    clock.now = START - dt.timedelta(hours=24)
    notifier.check()
    assert notices == [
        ("Interview in 24 h: DeepMind: Research Scientist", "Mon 10 Mar 15:00 · ML coding")
    ]
    clock.now += dt.timedelta(minutes=1)
    notifier.check()
    assert len(notices) == 1  # fired once
    clock.now = START - dt.timedelta(minutes=59)
    notifier.check()
    assert notices[-1][0] == "Interview in 59 min: DeepMind: Research Scientist"
    assert not notifier.uses_tray()
    notifier.stop()
    assert not notifier.timer.isActive()
    assert notifier.check() == []  # stopped: never touches the store again


def test_a_restart_does_not_repeat_and_missed_ones_are_not_spammed(make_notifier, store, notices):
    add_interview(store)
    add_interview(store, START + dt.timedelta(minutes=30), company="Meta")
    # Closed through both 24 h reminders; opened 40 minutes before the first interview.
    clock = Clock(START - dt.timedelta(minutes=40))
    make_notifier(clock).start()
    assert notices == [
        (
            "2 tracker reminders",
            "Interview in 40 min: DeepMind: Research Scientist\n"
            "Interview in 70 min: Meta: Research Scientist",
        )
    ]
    # A second start (the app restarted) finds them already shown.
    make_notifier(clock).start()
    assert len(notices) == 1
    # The first has begun: nothing more for it; the second's 1 h reminder is now due.
    clock.now = START + dt.timedelta(minutes=5)
    restarted = make_notifier(clock)
    restarted.check()
    assert notices[1:] == [
        ("Interview in 25 min: Meta: Research Scientist", "Mon 10 Mar 15:30 · ML coding")
    ]
    restarted.check()
    assert len(notices) == 2


def test_the_tray_is_used_when_there_is_one(make_notifier, store, notices, monkeypatch):
    shown = []
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    monkeypatch.setattr(
        QSystemTrayIcon, "showMessage", lambda self, title, body, *rest: shown.append(title)
    )
    add_interview(store)
    notifier = make_notifier(Clock(START - dt.timedelta(minutes=30)), tray=True)
    opened = []
    notifier.open_requested.connect(lambda: opened.append(True))
    notifier.start()
    assert shown == ["Interview in 30 min: DeepMind: Research Scientist"] and notices == []
    assert notifier.uses_tray()
    notifier.tray.messageClicked.emit()
    assert opened == [True]
    notifier.stop()
    assert notifier.tray is None


def test_turned_off_nothing_is_shown(make_notifier, store, notices):
    add_interview(store)
    service.save_reminder_settings(store, ReminderSettings(enabled=False))
    make_notifier(Clock(START - dt.timedelta(minutes=30))).start()
    assert notices == []


def test_a_closed_store_stops_nothing_but_the_check(make_notifier, session, notices):
    notifier = make_notifier(Clock(START))
    session.store.conn.close()
    assert notifier.check() == []  # logged, not raised


def test_settings_form_validates_next_to_each_field_and_keeps_input(qtbot, store, monkeypatch):
    def fill(parent, title, specs, values, save):
        dialog = ReminderSettingsDialog(title, specs, values, save, parent)
        qtbot.addWidget(dialog)
        assert dialog.inputs["interview_leads"].text() == "24h, 1h"  # the defaults, prefilled
        assert dialog.inputs["deadline_leads"].text() == "24h"
        dialog.inputs["interview_leads"].setText("24, 1h")
        dialog.inputs["deadline_leads"].setText("9d")
        assert dialog.try_save() is False
        assert dialog.error_labels["interview_leads"].text() == "add a unit to 24: 24h or 24m"
        assert dialog.error_labels["deadline_leads"].text() == "at most 7d before"
        assert dialog.inputs["interview_leads"].text() == "24, 1h"
        assert service.load_reminder_settings(store) == ReminderSettings()  # nothing saved
        dialog.inputs["interview_leads"].setText("2h, 15m")
        dialog.inputs["deadline_leads"].setText("")
        assert dialog.try_save() is True
        return dialog.result_value

    monkeypatch.setattr(ReminderSettingsDialog, "ask", staticmethod(fill))
    saved = reminders_ui.edit_reminder_settings(None, store)
    assert saved == ReminderSettings(True, (120, 15), ())
    assert service.load_reminder_settings(store) == saved


def test_the_tracker_pane_opens_the_settings(qtbot, session, monkeypatch):
    pane = TrackerPane(UiContext(session=session), today=lambda: dt.date(2025, 3, 10))
    qtbot.addWidget(pane)
    answers = [None, ReminderSettings(True, (30,), ())]
    asked = []

    def ask(parent, title, specs, values, save):
        asked.append(title)
        return answers[len(asked) - 1]

    monkeypatch.setattr(ReminderSettingsDialog, "ask", staticmethod(ask))
    changed = []
    pane.reminder_settings_changed.connect(lambda: changed.append(True))
    button = next(b for b in pane.findChildren(QPushButton) if b.text() == "Reminders…")
    button.click()  # cancelled: nothing to re-check
    assert asked == ["Reminders"] and changed == []
    button.click()
    assert changed == [True]


def test_the_window_starts_reminders_after_showing_and_stops_them_on_close(
    make_window, qtbot, session
):
    soon = dt.datetime.now().astimezone() + dt.timedelta(minutes=30)
    add_interview(session.store, soon)
    window = make_window()
    qtbot.waitUntil(lambda: window.reminders is not None)
    notifier = window.reminders
    assert notifier.timer.isActive()
    if not notifier.uses_tray():  # offscreen: no system tray, so the status bar says it
        assert "Interview in" in window.statusBar().currentMessage()
        assert "DeepMind: Research Scientist" in window.statusBar().currentMessage()
    window.close()
    assert not notifier.timer.isActive() and notifier.stopped
