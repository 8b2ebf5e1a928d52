"""Interviews and deadlines land on the user's local day; the month grid covers the month."""

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from desktop.store import tracker as records
from desktop.tracker import schedule
from desktop.tracker.records import Application, Deadline, InterviewEvent
from desktop.tracker.service import calendar_items

NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


def no_one(_application_id):
    return ""


def test_a_start_after_midnight_utc_is_the_evening_before_in_new_york():
    # 02:30 UTC on the 11th is 22:30 on the 10th in New York (EDT, UTC-4, from 9 March 2025).
    event = InterviewEvent(1, "ml-coding", "2025-03-11T02:30:00+00:00", id=7)
    days = schedule.items_by_day([event], [], no_one, tz=NEW_YORK)
    assert list(days) == [dt.date(2025, 3, 10)]
    item = days[dt.date(2025, 3, 10)][0]
    assert item.time_text == "22:30" and item.what == "ML coding"
    # The same instant is the morning of the 11th in Tokyo.
    assert list(schedule.items_by_day([event], [], no_one, tz=TOKYO)) == [dt.date(2025, 3, 11)]


def test_a_start_with_its_own_offset_is_shown_in_the_users_zone():
    # Entered as 09:00 in Tokyo: that is 20:00 the day before in New York.
    event = InterviewEvent(1, "system-design", "2025-06-02T09:00:00+09:00", final=True, id=1)
    days = schedule.items_by_day([event], [], no_one, tz=NEW_YORK)
    item = days[dt.date(2025, 6, 1)][0]
    assert item.starts.hour == 20 and item.final and item.what == "System design · final"


def test_deadlines_stay_on_their_date_and_come_before_interviews():
    events = [
        InterviewEvent(1, "ml-theory", "2025-03-12T16:00:00+00:00", id=1),
        InterviewEvent(1, "behavioural", "2025-03-12T13:00:00+00:00", id=2),
    ]
    deadline = Deadline("take-home", "2025-03-12", "Take-home due", 1, id=3)
    days = schedule.items_by_day(events, [deadline], lambda _i: "DeepMind: RS", tz=dt.UTC)
    day = days[dt.date(2025, 3, 12)]
    assert [(i.kind, i.record_id) for i in day] == [
        ("deadline", 3),
        ("interview", 2),
        ("interview", 1),
    ]
    assert day[0].short == "⚑ DeepMind · Take-home due"
    assert day[1].short == "13:00 DeepMind"
    assert day[1].long == "13:00–13:45 · DeepMind: RS · Behavioural"


def test_items_outside_the_asked_days_are_left_out():
    events = [InterviewEvent(1, "ml-coding", "2025-03-31T23:30:00+00:00", id=1)]
    days = schedule.items_by_day(
        events, [], no_one, tz=TOKYO, first=dt.date(2025, 3, 1), last=dt.date(2025, 3, 31)
    )
    assert days == {}  # it is 1 April in Tokyo


def test_month_grid_starts_on_the_chosen_weekday():
    days = schedule.month_days(2025, 3)  # 1 March 2025 is a Saturday
    assert len(days) == 42 and days[0] == dt.date(2025, 2, 24) and days[0].weekday() == 0
    sunday_first = schedule.month_days(2025, 3, first_weekday=6)
    assert sunday_first[0] == dt.date(2025, 2, 23)
    june = schedule.month_days(2025, 6)  # 1 June 2025 is a Sunday: it needs the sixth row
    assert dt.date(2025, 6, 30) in june and june[0] == dt.date(2025, 5, 26)


@given(st.integers(1990, 2100), st.integers(1, 12), st.integers(0, 6))
def test_every_day_of_every_month_is_in_its_grid(year, month, first_weekday):
    days = schedule.month_days(year, month, first_weekday)
    first = dt.date(year, month, 1)
    next_year, next_month = schedule.shift_month(year, month, 1)
    last = dt.date(next_year, next_month, 1) - dt.timedelta(days=1)
    assert days[0] <= first and last <= days[-1]
    assert days[0].weekday() == first_weekday
    assert days == [days[0] + dt.timedelta(days=i) for i in range(42)]


def test_shift_month_wraps_years():
    assert schedule.shift_month(2025, 12, 1) == (2026, 1)
    assert schedule.shift_month(2025, 1, -1) == (2024, 12)
    assert schedule.shift_month(2025, 3, 0) == (2025, 3)


def test_round_titles():
    assert schedule.round_title("ml-coding") == "ML coding"
    assert schedule.round_title("recruiter-screen") == "Recruiter screen"


def test_calendar_items_from_the_store_use_the_local_day(store):
    application = Application("DeepMind Research Labs", "Research Scientist")
    records.save_application(store, application)
    late = InterviewEvent(application.id, "ml-coding", "2025-03-01T03:00:00+00:00")
    records.save_event(store, late)
    records.save_deadline(store, Deadline("offer-expiry", "2025-03-31", "", application.id))
    records.save_deadline(store, Deadline("take-home", "2025-04-01", "", application.id))
    days = calendar_items(store, dt.date(2025, 2, 24), dt.date(2025, 3, 31), tz=NEW_YORK)
    assert sorted(days) == [dt.date(2025, 2, 28), dt.date(2025, 3, 31)]
    assert days[dt.date(2025, 2, 28)][0].who == "DeepMind Research Labs: Research Scientist"
    assert days[dt.date(2025, 3, 31)][0].what == "Offer expiry"
