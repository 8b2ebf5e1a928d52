import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QByteArray, QMimeData, Qt

from desktop.store import tracker as records
from desktop.tracker.records import Application, Offer
from desktop.ui import tracker_pane as pane_module
from desktop.ui.context import UiContext
from desktop.ui.tracker_forms import (
    RecordDialog,
    application_specs,
    event_from_values,
    event_specs,
    offer_from_values,
    offer_specs,
)
from desktop.ui.tracker_models import MIME
from desktop.ui.tracker_pane import TrackerPane

TODAY = dt.date(2025, 3, 1)


@pytest.fixture
def pane(qtbot, session):
    widget = TrackerPane(UiContext(session=session), today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add(store, company, role, status="applied"):
    application = Application(company, role, status=status)
    records.save_application(store, application, now="2025-02-25T09:00:00")
    return application


def visible_companies(pane):
    return [pane.table_model.index(r, 0).data() for r in range(pane.table_model.rowCount())]


def test_table_filters_and_sorts(pane, store):
    add(store, "DeepMind", "Research Scientist")
    add(store, "Meta", "ML Engineer", "screening")
    add(store, "Anthropic", "Research Engineer")
    pane.refresh()
    pane.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert visible_companies(pane) == ["Anthropic", "DeepMind", "Meta"]
    pane.filter_box.setText("research")
    assert visible_companies(pane) == ["Anthropic", "DeepMind"]
    pane.status_box.setCurrentIndex(pane.status_box.findData("screening"))
    pane.filter_box.setText("")
    assert visible_companies(pane) == ["Meta"]


def test_form_shows_errors_next_to_fields_and_keeps_input(qtbot, store):
    saved = []
    dialog = RecordDialog(
        "New",
        application_specs([]),
        {"status": "applied", "track": "ML Engineer"},
        lambda v: (
            saved.append(v)
            or __import__("desktop.ui.tracker_forms", fromlist=["x"]).application_from_values(v)
        ),
    )
    qtbot.addWidget(dialog)
    dialog.inputs["role"].setText("Research Scientist")
    dialog.inputs["applied_on"].setText("2025-02-30")
    dialog.inputs["priority"].setText("high")
    assert dialog.try_save() is False
    assert dialog.error_labels["company"].text() == "a company is needed"
    assert "not a real date" in dialog.error_labels["applied_on"].text()
    assert dialog.error_labels["priority"].text() == "a whole number"
    assert dialog.error_labels["role"].isHidden()
    assert dialog.inputs["role"].text() == "Research Scientist"
    assert dialog.inputs["applied_on"].text() == "2025-02-30"


def test_event_form_rejects_end_before_start():
    values = {
        "application_id": 1,
        "round_type": "ml-coding",
        "start": "2025-03-10 15:00",
        "end": "2025-03-10 14:00",
        "duration_minutes": "",
        "final": False,
        "interviewers": "",
        "place": "",
        "prep_notes": "",
        "outcome": "",
        "self_score": "",
        "went_wrong": "",
    }
    with pytest.raises(Exception) as raised:
        event_from_values(values, tz=dt.UTC)
    assert raised.value.errors == {"end": "the end is before the start"}
    values["end"] = "2025-03-10 16:30"
    event, _ = event_from_values(values, tz=dt.UTC)
    assert event.duration_minutes == 90 and event.starts_at == "2025-03-10T15:00+00:00"
    assert [s.name for s in event_specs([])][:3] == ["application_id", "round_type", "start"]


def test_offer_form_strike_without_shares(qtbot):
    specs = offer_specs([("A", 1)])
    values = {s.name: "" for s in specs}
    values.update(
        application_id=1,
        currency="gbp",
        equity_kind="options",
        strike="10",
        vesting_frequency="monthly",
        notes="",
    )
    with pytest.raises(Exception) as raised:
        offer_from_values(values)
    assert raised.value.errors == {"shares": "a strike price needs a number of options"}


def test_new_application_warns_about_duplicate(pane, store, monkeypatch):
    add(store, "DeepMind", "Research Scientist")
    pane.refresh()
    asked = []
    monkeypatch.setattr(pane_module.Confirm, "ask", lambda *a: asked.append(a[2]) or False)

    def fake_ask(parent, title, specs, values, save):
        values = dict(
            values,
            company="deepmind",
            role="research scientist",
            source="",
            team="",
            location="",
            priority="",
            next_action="",
            next_action_on="",
            notes="",
        )
        try:
            return save(values)
        except Exception:
            return None

    monkeypatch.setattr(RecordDialog, "ask", staticmethod(fake_ask))
    assert pane.new_application() is None
    assert "already have an active application" in asked[0]
    assert len(records.applications(store)) == 1


def test_delete_asks_and_ctrl_z_restores(pane, store, qtbot, monkeypatch):
    application = add(store, "DeepMind", "Research Scientist")
    records.save_offer(store, Offer(application.id, base=100))
    pane.refresh()
    pane.select_application(application.id)
    monkeypatch.setattr(pane_module.Confirm, "ask", lambda *a: False)
    assert pane.delete_selected() is False
    monkeypatch.setattr(pane_module.Confirm, "ask", lambda *a: True)
    assert pane.delete_selected() is True
    assert records.applications(store) == [] and pane.table_model.rowCount() == 0
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: pane.table_model.rowCount() == 1)
    assert len(records.offers(store)) == 1
    assert len(records.history(store, application.id)) == 1


def test_board_drop_changes_status_and_appends_history(pane, store):
    application = add(store, "Meta", "ML Engineer")
    pane.refresh()
    pane.show_tab("Board")
    assert pane.board_models["applied"].items[0][0] == application.id
    data = QMimeData()
    data.setData(MIME, QByteArray(str(application.id).encode()))
    target = pane.board_models["interviewing"]
    target.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, target.index(0).parent())
    assert [i[0] for i in target.items] == [application.id]
    assert pane.board_models["applied"].items == []
    assert records.get_application(store, application.id).status == "interviewing"
    entries = records.history(store, application.id)
    assert (entries[-1].from_value, entries[-1].to_value) == ("applied", "interviewing")
    assert pane.board_titles["interviewing"].text() == "Interviewing (1)"


def test_agenda_lists_the_next_14_days(pane, store):
    from desktop.tracker.records import Deadline, InterviewEvent

    application = add(store, "DeepMind", "RS")
    records.save_event(
        store, InterviewEvent(application.id, "ml-coding", "2025-03-05T15:00:00+00:00", final=True)
    )
    records.save_event(
        store, InterviewEvent(application.id, "ml-theory", "2025-04-05T15:00:00+00:00")
    )
    records.save_deadline(
        store, Deadline("take-home", "2025-03-07", "Take-home due", application.id)
    )
    pane.refresh()
    pane.show_tab("Next 14 days")
    texts = [pane.agenda_model.item(r).text() for r in range(pane.agenda_model.rowCount())]
    assert len(texts) == 2
    assert "ml-coding · final" in texts[0] and "Take-home due" in texts[1]


def test_offer_comparison_reproduces_the_worked_example(pane, store):
    a = add(store, "Startup", "MLE", "offer")
    b = add(store, "BigCo", "MLE", "offer")
    records.save_offer(
        store,
        Offer(
            a.id,
            currency="GBP",
            base=100_000,
            equity_kind="options",
            shares=10_000,
            strike=10,
            current_price=50,
        ),
    )
    records.save_offer(store, Offer(b.id, currency="USD", base=150_000))
    pane.refresh()
    pane.currency_box.setText("GBP")
    pane.rates_box.setText("USD=0.8")
    pane.tax_box.setText("45")
    pane.show_tab("Offers")
    model = pane.comparison_model
    rows = {model.verticalHeaderItem(r).text(): r for r in range(model.rowCount())}
    assert model.item(rows["Cash to exercise options"], 0).text() == "GBP 100,000.00"
    assert model.item(rows["Taxable paper gain"], 0).text() == "GBP 400,000.00"
    assert model.item(rows["Tax at 45%"], 0).text() == "GBP 180,000.00"
    assert model.item(rows["Total cash out to exercise"], 0).text() == "GBP 280,000.00"
    assert model.item(rows["Year 1: base + bonus"], 1).text() == "GBP 120,000.00"
    assert pane.comparison_summaries[0].total_face == Decimal("800000.00")
    assert records.load_rates(store) == {"USD": 0.8}


def test_funnel_shows_conversion(pane, store):
    a = add(store, "A", "RS")
    add(store, "B", "RS")
    records.set_status(store, a.id, "screening")
    pane.refresh()
    pane.show_tab("Funnel")
    assert "Screen: 1 (50% of the step before)" in pane.funnel_label.text()
    assert pane.funnel_chart.series[0].values == [2.0, 1.0, 0.0, 0.0]


def test_advice_banner_and_mark_ghosted(pane, store, qtbot):
    application = add(store, "Quiet Labs", "RS")
    records.save_application(store, application, now="2025-01-01T09:00:00")
    store.conn.execute("UPDATE tracker_history SET at = '2025-01-01T09:00:00'")
    pane.refresh()
    qtbot.waitUntil(lambda: "Mark ghosted" in pane.advice_label.text())
    assert "since 2025-01-01" in pane.advice_label.text()
    shown = pane.advice_shown
    pane.mark_ghosted(application.id)
    assert records.get_application(store, application.id).status == "withdrawn"
    qtbot.waitUntil(lambda: pane.advice_shown > shown)
    assert pane.advice_label.isHidden()


def test_many_advice_notes_collapse_behind_show_all(pane, store, qtbot):
    for n in range(5):
        application = add(store, f"Quiet Labs {n}", "RS")
        records.save_application(store, application, now="2025-01-01T09:00:00")
    store.conn.execute("UPDATE tracker_history SET at = '2025-01-01T09:00:00'")
    pane.refresh()
    qtbot.waitUntil(lambda: "Show all 5 notes" in pane.advice_label.text())
    assert pane.advice_label.text().count("•") == pane.ADVICE_COLLAPSED
    pane.advice_label.linkActivated.emit("advice:all")
    assert pane.advice_label.text().count("•") == 5 and "Show fewer" in pane.advice_label.text()
    pane.advice_label.linkActivated.emit("advice:fewer")
    assert pane.advice_label.text().count("•") == pane.ADVICE_COLLAPSED


def test_pane_is_registered_in_the_main_window(make_window):
    window = make_window()
    assert isinstance(window.places["tracker"], TrackerPane)


def test_opening_an_application_hidden_by_the_filter_clears_the_filter(pane, store):
    hidden = add(store, "Hidden Labs", "RS")
    add(store, "Shown AI", "MLE", status="offer")
    pane.refresh()
    pane.filter_box.setText("shown")
    pane.status_box.setCurrentIndex(pane.status_box.findData("offer"))
    assert visible_companies(pane) == ["Shown AI"]
    pane.open_application(hidden.id)
    assert pane.selected_id() == hidden.id
    assert pane.filter_box.text() == "" and pane.status_box.currentData() == ""
    assert sorted(visible_companies(pane)) == ["Hidden Labs", "Shown AI"]
