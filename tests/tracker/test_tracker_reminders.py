"""Reminders before interviews and deadlines, with a fake clock: due or not, once only, and no
flood of stale ones after the app was closed."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.store import tracker as records
from desktop.tracker import reminders
from desktop.tracker import service as tracker_service
from desktop.tracker.records import Application, Deadline, InterviewEvent, ValidationError
from desktop.tracker.reminders import ReminderItem, ReminderSettings, due_reminders

UTC = dt.UTC
START = dt.datetime(2025, 3, 10, 15, 0, tzinfo=UTC)
DEFAULTS = ReminderSettings()


def interview(at=START, record_id=1, who="DeepMind: RS"):
    return ReminderItem("interview", record_id, at, who, "ML coding")


def at(hours_before: float, item_time=START) -> dt.datetime:
    return item_time - dt.timedelta(hours=hours_before)


def fire(items, now, sent=(), settings=DEFAULTS):
    return due_reminders(items, settings, now, sent, tz=UTC)


def test_nothing_is_due_before_the_first_lead():
    assert fire([interview()], at(24.1)) == []


def test_the_24_hour_reminder_is_due_at_24_hours_and_says_so():
    [reminder] = fire([interview()], at(24))
    assert reminder.lead_minutes == 1440
    assert reminder.title == "Interview in 24 h: DeepMind: RS"
    assert reminder.body == "Mon 10 Mar 15:00 · ML coding"


def test_each_reminder_fires_once_then_the_next_lead_fires():
    sent: set[str] = set()
    shown = []
    for now in (at(24), at(23.5), at(12), at(1), at(0.5), at(0)):
        for reminder in fire([interview()], now, sent):
            shown.append((now, reminder.lead_minutes))
            sent.update(reminder.covers)
    assert shown == [(at(24), 1440), (at(1), 60)]


def test_missed_while_closed_only_the_nearest_fires():
    # The app was closed from 30 h to 40 minutes before the interview: both leads passed.
    [reminder] = fire([interview()], at(40 / 60))
    assert reminder.lead_minutes == 60
    assert reminder.title.startswith("Interview in 40 min")
    assert set(reminder.covers) == {
        reminders.reminder_key(interview(), 60),
        reminders.reminder_key(interview(), 1440),
    }
    # Marked sent together: a check a minute later shows nothing, not the stale 24 h one.
    assert fire([interview()], at(39 / 60), sent=reminder.covers) == []


def test_a_missed_24_hour_reminder_still_fires_while_the_interview_is_ahead():
    [reminder] = fire([interview()], at(5))
    assert reminder.lead_minutes == 1440 and reminder.title.startswith("Interview in 5 h")


def test_nothing_fires_once_the_interview_has_started():
    assert fire([interview()], START) == []
    assert fire([interview()], START + dt.timedelta(hours=3)) == []


def test_rescheduling_reminds_again_for_the_new_time():
    [first] = fire([interview()], at(1))
    moved = interview(at=START + dt.timedelta(days=1))
    [again] = fire([moved], at(1, moved.at), sent=first.covers)
    assert again.key != first.key


def test_one_reminder_per_item_soonest_first():
    later = interview(at=START + dt.timedelta(hours=2), record_id=2, who="Meta: MLE")
    shown = fire([later, interview()], at(0.5))
    assert [r.item.record_id for r in shown] == [1, 2]


def test_disabled_or_without_leads_nothing_fires():
    assert fire([interview()], at(1), settings=ReminderSettings(enabled=False)) == []
    assert fire([interview()], at(1), settings=ReminderSettings(interview_leads=())) == []


def test_deadlines_are_due_by_the_end_of_their_local_day():
    deadline = Deadline("take-home", "2025-03-12", "Take-home", id=4)
    [item] = reminders.deadline_items([(deadline, "Meta: MLE")], tz=UTC)
    assert item.at == dt.datetime(2025, 3, 13, 0, 0, tzinfo=UTC)
    assert fire([item], dt.datetime(2025, 3, 11, 23, 59, tzinfo=UTC)) == []
    [reminder] = fire([item], dt.datetime(2025, 3, 12, 8, 0, tzinfo=UTC))
    assert reminder.title == "Deadline in 16 h: Take-home"
    assert reminder.body == "Due by the end of Wed 12 Mar · Meta: MLE"
    done = Deadline("take-home", "2025-03-12", "Take-home", done=True, id=5)
    assert reminders.deadline_items([(done, "")], tz=UTC) == []


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("24h, 1h", (1440, 60)),
        ("1h,24h", (1440, 60)),
        ("30m", (30,)),
        ("90 min; 2 hours", (120, 90)),
        ("1.5h", (90,)),
        ("2d", (2880,)),
        ("1h, 60m", (60,)),
        ("", ()),
    ],
)
def test_parse_leads(text, minutes):
    assert reminders.parse_leads(text) == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("24", "add a unit to 24: 24h or 24m"),
        ("soon", "“soon” is not a time; write e.g. 24h, 1h or 30m"),
        ("3 weeks", "unknown unit “weeks”; use m, h or d"),
        ("0h", "each time must be at least 1 minute before"),
        ("-1h", "“-1h” is not a time; write e.g. 24h, 1h or 30m"),
        ("8d", "at most 7d before"),
        ("1h,2h,3h,4h,5h,6h", "at most 5 reminders"),
    ],
)
def test_parse_leads_rejects(text, message):
    with pytest.raises(ValueError) as raised:
        reminders.parse_leads(text)
    assert str(raised.value) == message


def test_settings_from_text_names_every_bad_field():
    with pytest.raises(ValidationError) as raised:
        reminders.settings_from_text(True, "24", "9d")
    assert raised.value.errors == {
        "interview_leads": "add a unit to 24: 24h or 24m",
        "deadline_leads": "at most 7d before",
    }
    settings = reminders.settings_from_text(False, "2h, 15m", "")
    assert settings == ReminderSettings(False, (120, 15), ())


@given(st.text(max_size=40))
def test_parse_leads_never_returns_nonsense(text):
    try:
        leads = reminders.parse_leads(text)
    except ValueError:
        return
    assert all(1 <= m <= reminders.MAX_LEAD_MINUTES for m in leads)
    assert list(leads) == sorted(set(leads), reverse=True) and len(leads) <= reminders.MAX_LEADS


@given(st.lists(st.integers(1, reminders.MAX_LEAD_MINUTES), max_size=5, unique=True))
def test_formatted_leads_parse_back(leads):
    expected = tuple(sorted(leads, reverse=True))
    assert reminders.parse_leads(reminders.format_leads(expected)) == expected


def test_unreadable_stored_settings_fall_back_to_defaults():
    assert ReminderSettings.from_record(None) == DEFAULTS
    assert ReminderSettings.from_record({"interview_leads": ["x"]}) == DEFAULTS
    assert ReminderSettings.from_record({"interview_leads": [0]}) == DEFAULTS
    stored = ReminderSettings(True, (30,), (2880,))
    assert ReminderSettings.from_record(stored.to_record()) == stored


def test_store_round_trip_fire_once_across_restarts(store):
    application = Application("DeepMind", "Research Scientist")
    records.save_application(store, application)
    records.save_event(
        store, InterviewEvent(application.id, "ml-coding", "2025-03-10T15:00:00+00:00")
    )
    records.save_deadline(store, Deadline("take-home", "2025-03-10", "", application.id))
    now = at(1)  # 14:00 UTC on the 10th
    due = tracker_service.reminders_due(store, now, tz=UTC)
    assert [r.item.kind for r in due] == ["interview", "deadline"]
    assert due[0].title == "Interview in 60 min: DeepMind: Research Scientist"
    tracker_service.mark_reminders_sent(store, [k for r in due for k in r.covers], now)
    # "Restart": a fresh read of the store still knows they were shown.
    assert tracker_service.reminders_due(store, now + dt.timedelta(minutes=1), tz=UTC) == []


def test_settings_are_stored_and_validated(store):
    assert tracker_service.load_reminder_settings(store) == DEFAULTS
    tracker_service.save_reminder_settings(store, ReminderSettings(True, (120,), ()))
    assert tracker_service.load_reminder_settings(store).interview_leads == (120,)
    with pytest.raises(ValidationError):
        tracker_service.save_reminder_settings(store, ReminderSettings(True, (0,), ()))


def test_old_sent_keys_are_pruned(store):
    now = dt.datetime(2025, 3, 10, tzinfo=UTC)
    tracker_service.mark_reminders_sent(store, ["old"], now - dt.timedelta(days=40))
    tracker_service.mark_reminders_sent(store, ["recent"], now - dt.timedelta(days=2))
    tracker_service.mark_reminders_sent(store, ["new"], now)
    assert set(tracker_service.sent_reminder_keys(store)) == {"recent", "new"}
