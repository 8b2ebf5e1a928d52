import datetime as dt
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.paths import content_root
from desktop.store import study
from desktop.study.checklist import load_checklist
from desktop.ui.application import create_application
from desktop.ui.checklist_pane import GUIDE_LINK, ITEM_ROLE, ChecklistDialog, ChecklistView
from desktop.ui.context import UiContext
from desktop.ui.today_pane import TodayPane

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SHOTS = os.environ.get("MLPREP_SHOTS")


@pytest.fixture
def view(qtbot, store):
    create_application()
    widget = ChecklistView(store, clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(760, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _child_index(view, section: int, row: int):
    return view.model.index(row, 0, view.model.index(section, 0))


def test_shipped_checklist_is_shown_grouped_with_counts(view):
    sections = load_checklist(content_root())
    assert view.model.rowCount() == len(sections)
    assert sum(view.model.item(r).rowCount() for r in range(view.model.rowCount())) == 62
    assert view.summary.text().startswith("<b>Readiness 0/62</b>")
    assert view.model.item(0, 1).text() == f"0 / {len(sections[0].items)}"


def test_ticking_with_the_keyboard_stores_and_counts(view, qtbot, store):
    index = _child_index(view, 1, 0)
    view.tree.setFocus()
    view.tree.setCurrentIndex(index)
    with qtbot.waitSignal(view.changed) as signal:
        qtbot.keyClick(view.tree.viewport(), Qt.Key.Key_Space)
    assert signal.args == [1, 62]
    item_id = index.data(ITEM_ROLE)
    assert study.ticked_items(store) == {item_id}
    total = view.model.item(1).rowCount()
    assert view.model.item(1, 1).text() == f"1 / {total}"
    assert view.summary.text().startswith("<b>Readiness 1/62</b>")
    assert view.section_progress()[1][1:] == (1, total)
    # a new view (the next start) reads the ticks back
    again = ChecklistView(store, clock=lambda: NOW)
    assert again.ticked() == {item_id} and again.counts() == (1, 62)
    # unticking removes the stored tick
    qtbot.keyClick(view.tree.viewport(), Qt.Key.Key_Space)
    assert study.ticked_items(store) == set()


def test_a_finished_section_is_marked_and_ticked_items_can_be_hidden(view):
    title = view.model.item(0)
    ids = [title.child(r).data(ITEM_ROLE) for r in range(title.rowCount())]
    for item_id in ids:
        assert view.set_ticked(item_id, True)
    assert view.model.item(0, 1).text() == f"✓ {len(ids)} / {len(ids)}"
    parent = view.model.index(0, 0)
    assert not view.tree.isRowHidden(0, parent)
    view.hide_ticked.setChecked(True)
    assert all(view.tree.isRowHidden(r, parent) for r in range(len(ids)))
    assert not view.tree.isRowHidden(0, view.model.index(1, 0))
    view.hide_ticked.setChecked(False)
    assert not view.tree.isRowHidden(0, parent)
    assert not view.set_ticked("no-such-item", True)


def test_long_outcomes_wrap_instead_of_being_cut(view, qtbot):
    view.resize(520, 700)
    longest = max(
        (
            _child_index(view, s, r)
            for s in range(view.model.rowCount())
            for r in range(view.model.item(s).rowCount())
        ),
        key=lambda index: len(index.data()),
    )
    short = _child_index(view, 0, 0)
    qtbot.waitUntil(
        lambda: view.tree.visualRect(longest).height() > view.tree.visualRect(short).height()
    )


def test_guide_link_asks_for_the_reader(view, qtbot):
    with qtbot.waitSignal(view.open_requested) as signal:
        view.guide_label.linkActivated.emit(GUIDE_LINK)
    assert signal.args == ["guide:checklist"]


def test_dialog_is_reused_and_today_count_follows_the_ticks(qtbot, session):
    create_application()
    pane = TodayPane(UiContext(session=session), clock=lambda: NOW)
    qtbot.addWidget(pane)
    pane.show()
    pane.ensure_loaded()
    assert pane.checklist_button.text() == "Readiness 0/62"
    dialog = pane.open_checklist()
    assert isinstance(dialog, ChecklistDialog) and dialog.isVisible()
    assert pane.open_checklist() is dialog
    first = _child_index(dialog.view, 0, 0).data(ITEM_ROLE)
    dialog.view.set_ticked(first, True)
    assert pane.checklist_button.text() == "Readiness 1/62"
    if SHOTS:
        QApplication.processEvents()
        dialog.grab().save(os.path.join(SHOTS, "checklist.png"))
