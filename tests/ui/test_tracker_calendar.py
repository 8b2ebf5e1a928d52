"""The tracker's month calendar: items on their local day (the zone forced), month navigation,
the chosen day's list, and opening an item."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from desktop.store import tracker as records
from desktop.tracker.records import Application, Deadline, InterviewEvent
from desktop.ui.context import UiContext
from desktop.ui.tracker_calendar import CalendarView
from desktop.ui.tracker_pane import TrackerPane

NEW_YORK = ZoneInfo("America/New_York")
TODAY = dt.date(2025, 3, 10)


@pytest.fixture
def pane(qtbot, session):
    widget = TrackerPane(UiContext(session=session), today=lambda: TODAY, tz=NEW_YORK)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add_application(store, company="DeepMind", role="Research Scientist"):
    application = Application(company, role, status="interviewing")
    records.save_application(store, application)
    return application


def cell_items(calendar: CalendarView, day: dt.date) -> list:
    index = calendar.model.index_of(day)
    assert index.isValid(), day
    return calendar.model.data(index, Qt.ItemDataRole.UserRole + 2)


def day_list(calendar: CalendarView) -> list[str]:
    model = calendar.day_model
    return [model.item(r).text() for r in range(model.rowCount())]


def test_an_interview_after_midnight_utc_lands_on_the_evening_before(pane, store):
    application = add_application(store)
    # 02:30 UTC on 12 March is 22:30 on 11 March in New York.
    late = InterviewEvent(application.id, "ml-coding", "2025-03-12T02:30:00+00:00", final=True)
    records.save_event(store, late)
    records.save_deadline(store, Deadline("take-home", "2025-03-12", "Take-home", application.id))
    pane.refresh()
    calendar = pane.show_tab("Calendar")
    assert calendar.title.text() == "March 2025"
    [item] = cell_items(calendar, dt.date(2025, 3, 11))
    assert (item.kind, item.time_text, item.final) == ("interview", "22:30", True)
    assert [i.kind for i in cell_items(calendar, dt.date(2025, 3, 12))] == ["deadline"]
    assert calendar.summary.text() == "1 interview · 1 deadline this month"


def test_clicking_a_day_lists_its_items_below(pane, store, qtbot):
    application = add_application(store, "A Very Long Company Name Research Laboratories")
    for hour in (16, 13):
        records.save_event(
            store,
            InterviewEvent(application.id, "behavioural", f"2025-03-14T{hour}:00:00-04:00"),
        )
    pane.refresh()
    calendar = pane.show_tab("Calendar")
    assert day_list(calendar) == ["No interviews or deadlines on this day."]  # today, empty
    rect = calendar.grid.visualRect(calendar.model.index_of(dt.date(2025, 3, 14)))
    qtbot.mouseClick(calendar.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert calendar.selected_day == dt.date(2025, 3, 14)
    assert calendar.day_title.text() == "Friday 14 March 2025"
    assert day_list(calendar) == [
        "13:00–13:45 · A Very Long Company Name Research Laboratories: Research Scientist · "
        "Behavioural",
        "16:00–16:45 · A Very Long Company Name Research Laboratories: Research Scientist · "
        "Behavioural",
    ]


def test_previous_next_and_today(pane, store):
    application = add_application(store)
    records.save_event(
        store, InterviewEvent(application.id, "system-design", "2025-04-02T15:00:00+00:00")
    )
    pane.refresh()
    calendar = pane.show_tab("Calendar")
    calendar.next_button.click()
    assert (calendar.year, calendar.month, calendar.title.text()) == (2025, 4, "April 2025")
    assert len(cell_items(calendar, dt.date(2025, 4, 2))) == 1
    assert calendar.summary.text() == "1 interview this month"
    calendar.previous_button.click()
    calendar.previous_button.click()
    assert calendar.title.text() == "February 2025"
    assert calendar.summary.text() == "Nothing scheduled this month"
    for _ in range(11):
        calendar.previous_button.click()
    assert calendar.title.text() == "March 2024"  # across the year boundary
    calendar.today_button.click()
    assert calendar.title.text() == "March 2025" and calendar.selected_day == TODAY
    assert calendar.model.data(calendar.model.index_of(TODAY), Qt.ItemDataRole.UserRole + 4)


def test_a_greyed_day_of_the_next_month_turns_the_page(pane, store):
    calendar = pane.show_tab("Calendar")
    calendar.grid.setCurrentIndex(calendar.model.index_of(dt.date(2025, 4, 3)))
    assert calendar.title.text() == "April 2025" and calendar.selected_day == dt.date(2025, 4, 3)


def test_double_clicking_an_item_opens_its_application(pane, store, qtbot):
    add_application(store, "Other", "MLE")
    application = add_application(store)
    records.save_event(
        store, InterviewEvent(application.id, "ml-theory", "2025-03-12T15:00:00+00:00")
    )
    pane.refresh()
    calendar = pane.show_tab("Calendar")
    calendar.select_day(dt.date(2025, 3, 12))
    index = calendar.day_model.index(0, 0)
    calendar.day_list.scrollTo(index)
    rect = calendar.day_list.visualRect(index)
    viewport = calendar.day_list.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert pane.tabs.tabText(pane.tabs.currentIndex()) == "Applications"
    assert pane.selected_id() == application.id
    assert "DeepMind: Research Scientist" in pane.detail.toPlainText()


def test_context_menu_offers_a_mock_round_only_for_upcoming_interviews(pane, store):
    application = add_application(store)
    past = InterviewEvent(application.id, "ml-coding", "2025-03-03T15:00:00+00:00")
    ahead = InterviewEvent(application.id, "ml-coding", "2025-03-13T15:00:00+00:00")
    other = InterviewEvent(application.id, "other", "2025-03-13T18:00:00+00:00")
    for event in (past, ahead, other):
        records.save_event(store, event)
    pane.refresh()
    calendar = pane.show_tab("Calendar")

    def actions(day, row=0):
        calendar.select_day(day)
        return [a.text() for a in calendar.menu_for(calendar.day_item(row)).actions() if a.text()]

    assert actions(dt.date(2025, 3, 3)) == ["Open application", "Edit interview…"]
    assert actions(dt.date(2025, 3, 13)) == [
        "Open application",
        "Edit interview…",
        "Start a mock round",
    ]
    assert "Start a mock round" not in actions(dt.date(2025, 3, 13), row=1)  # "other"


def test_the_calendar_follows_edits(pane, store):
    application = add_application(store)
    calendar = pane.show_tab("Calendar")
    assert cell_items(calendar, dt.date(2025, 3, 20)) == []
    records.save_deadline(
        store, Deadline("offer-expiry", "2025-03-20", "Offer expires", application.id)
    )
    pane.refresh()
    assert [i.what for i in cell_items(calendar, dt.date(2025, 3, 20))] == ["Offer expires"]
