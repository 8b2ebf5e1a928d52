"""The round-template editor: edit, create, validate, restore, delete; the picker follows."""

import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.rounds.templates import RoundTemplate, load_builtin_templates
from desktop.rounds.timer import Phase
from desktop.session import open_session
from desktop.store import rounds as round_store
from desktop.ui import rounds_pane as module
from desktop.ui.context import UiContext
from desktop.ui.main_window import Confirm
from desktop.ui.rounds_pane import RoundsPane
from desktop.ui.template_editor import PhaseTableModel, TemplateConfirm, TemplateEditorDialog

DESIGN = """type = "system-design"
title = "ML system design"
minutes = 45
rubric = ["Clarified requirements", "Explicit trade-offs"]
[[phase]]
name = "Clarify"
minutes = 5
[[phase]]
name = "Design"
minutes = 30
[[phase]]
name = "Wrap-up"
minutes = 10
"""
THEORY = """type = "ml-theory"
title = "ML theory"
minutes = 40
rubric = ["Accuracy"]
[[phase]]
name = "Questions"
minutes = 40
"""
QUESTIONS = "\n".join(
    f'[[question]]\nid = "q-{kind}-{i}"\ntext = "Question {i}"\nround = "{kind}"\n'
    f'area = "core"\ndifficulty = "medium"\n'
    for kind in ("system-design", "ml-theory", "behavioural")
    for i in range(2)
)


class FakeClock:
    now = 100.0

    def __call__(self):
        return self.now


@pytest.fixture
def content(tmp_path: Path, monkeypatch):
    root = tmp_path / "content"
    (root / "rounds").mkdir(parents=True)
    (root / "rounds" / "system-design.toml").write_text(DESIGN)
    (root / "rounds" / "ml-theory.toml").write_text(THEORY)
    (root / "questions").mkdir()
    (root / "questions" / "bank.toml").write_text(QUESTIONS)
    monkeypatch.setattr(module, "content_root", lambda: root)
    return root


@pytest.fixture
def shipped(content):
    return load_builtin_templates(content)


def make_pane(qtbot, session) -> RoundsPane:
    pane = RoundsPane(UiContext(session=session), clock=FakeClock(), rng=random.Random(2))
    qtbot.addWidget(pane)
    pane.show()
    pane.activateWindow()
    qtbot.waitUntil(lambda: pane.template_combo.count() >= 2)
    return pane


@pytest.fixture
def pane(qtbot, session, content):
    widget = make_pane(qtbot, session)
    yield widget
    widget.shutdown()


@pytest.fixture(autouse=True)
def no_real_message_boxes(monkeypatch):
    """A dialog left open with edits is closed at teardown: discard without a real message box."""
    monkeypatch.setattr(TemplateConfirm, "ask", staticmethod(lambda *a: True))
    monkeypatch.setattr(Confirm, "ask", staticmethod(lambda *a: False))  # no resume offers


@pytest.fixture
def answers(monkeypatch):
    """Yes/no answers the editor gets from its confirmations, in order; records each question."""
    given: list[bool] = []
    asked: list[str] = []

    def ask(parent, title, question):
        asked.append(title)
        return given.pop(0)

    monkeypatch.setattr(TemplateConfirm, "ask", staticmethod(ask))
    return given, asked


@pytest.fixture
def drive(monkeypatch, qtbot):
    """Run the pane's editor without a modal loop: ``edit(dialog)`` plays the user's part."""

    def install(edit):
        def ask(parent, store, template, shipped):
            dialog = TemplateEditorDialog(store, template, shipped, parent)
            qtbot.addWidget(dialog)
            dialog.show()
            edit(dialog)
            if dialog.isVisible():
                dialog.reject()
            return dialog.outcome

        monkeypatch.setattr(TemplateEditorDialog, "ask", classmethod(lambda cls, *a: ask(*a)))

    return install


def type_into_cell(qtbot, dialog: TemplateEditorDialog, row: int, column: int, text: str):
    """Select a cell and type over it with the keyboard, then Enter."""
    view = dialog.phase_view
    view.setFocus()
    view.setCurrentIndex(dialog.phase_model.index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.delegate.editor
    assert editor is not None, "F2 opens the cell editor"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.delegate.editor is None)


def combo_texts(pane: RoundsPane) -> list[str]:
    return [pane.template_combo.itemText(i) for i in range(pane.template_combo.count())]


def file_bytes(content: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (content / "rounds").glob("*.toml")}


# --- editing durations -------------------------------------------------------------------------
def test_edited_durations_show_in_the_picker_and_a_new_round_uses_them(
    qtbot, pane, session, content, drive
):
    original_files = file_bytes(content)
    pane.template_combo.setCurrentIndex(pane.template_combo.findData("system-design"))

    def edit(dialog):
        assert dialog.total_label.text().startswith("Total 45 min")
        type_into_cell(qtbot, dialog, 1, PhaseTableModel.MINUTES, "40")
        assert dialog.total_label.text().startswith("Total 55 min"), "the total is live"
        type_into_cell(qtbot, dialog, 2, PhaseTableModel.NAME, "Questions for them")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    drive(edit)
    assert pane.edit_template()
    assert pane.template_combo.currentData() == "system-design"
    assert pane.template_combo.currentText() == "ML system design (55 min · edited)"
    assert "Design 40′" in pane.plan_label.text()
    assert "Questions for them" in pane.plan_label.text()

    assert pane.draw() is not None and pane.start()
    assert [(p.name, p.minutes) for p in pane.timer.phases] == [
        ("Clarify", 5),
        ("Design", 40),
        ("Questions for them", 10),
    ]
    mock = round_store.running_round(session.store)
    assert [p["minutes"] for p in mock.planned] == [5, 40, 10]
    assert file_bytes(content) == original_files, "shipped files are never written"


def test_phases_are_edited_by_keyboard(qtbot, session, shipped):
    design = next(t for t in shipped if t.type == "system-design")
    dialog = TemplateEditorDialog(session.store, design, shipped)
    qtbot.addWidget(dialog)
    dialog.show()
    view, model = dialog.phase_view, dialog.phase_model
    view.setFocus()
    view.setCurrentIndex(model.index(0, PhaseTableModel.NAME))

    qtbot.keyClick(view, Qt.Key.Key_Insert)  # a new phase after the current one, being named
    editor = view.delegate.editor
    assert model.rowCount() == 4 and view.currentIndex().row() == 1 and editor is not None
    qtbot.keyClicks(editor, "Estimate scale")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.delegate.editor is None)
    assert model.phases()[1] == ("Estimate scale", "5")
    assert dialog.total_label.text().startswith("Total 50 min · 4 phases")

    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [name for name, _ in model.phases()] == [
        "Clarify",
        "Design",
        "Estimate scale",
        "Wrap-up",
    ]
    assert view.currentIndex().row() == 2, "the moved phase stays selected"
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [name for name, _ in model.phases()] == [
        "Estimate scale",
        "Clarify",
        "Design",
        "Wrap-up",
    ]
    assert not dialog.up_button.isEnabled(), "the first phase cannot move up"

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [name for name, _ in model.phases()] == ["Clarify", "Design", "Wrap-up"]
    assert dialog.total_label.text().startswith("Total 45 min · 3 phases")

    view.setCurrentIndex(model.index(2, PhaseTableModel.NAME))
    dialog.up_button.click()
    assert [name for name, _ in model.phases()] == ["Clarify", "Wrap-up", "Design"]

    # Typing that is not yet committed is saved too (Ctrl+S while a cell is open).
    view.setFocus()
    view.setCurrentIndex(model.index(0, PhaseTableModel.MINUTES))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    view.delegate.editor.selectAll()
    qtbot.keyClicks(view.delegate.editor, "15")
    qtbot.keyClick(view.delegate.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.outcome is not None and dialog.outcome.action == "saved"
    stored = round_store.get_template(session.store, "system-design")
    assert [(p.name, p.minutes) for p in stored.phases] == [
        ("Clarify", 15),
        ("Wrap-up", 10),
        ("Design", 30),
    ]


def test_tab_order_walks_the_whole_editor(qtbot, session, shipped):
    dialog = TemplateEditorDialog(session.store, shipped[0], shipped)
    qtbot.addWidget(dialog)
    dialog.show()
    expected = [
        dialog.title_edit,
        dialog.question_combo,
        dialog.phase_view,
        dialog.add_button,
        dialog.remove_button,
        dialog.up_button,
        dialog.down_button,
        dialog.rubric_edit,
        dialog.duplicate_button,
        dialog.restore_button,
        dialog.save_button,
        dialog.cancel_button,
    ]
    dialog.up_button.setEnabled(True)  # disabled buttons are skipped; check the full chain
    dialog.restore_button.setEnabled(True)
    widget, seen = dialog.title_edit, [dialog.title_edit]
    for _ in range(len(expected) - 1):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
        seen.append(widget)
    assert seen == expected


# --- own templates -----------------------------------------------------------------------------
def test_a_new_template_appears_in_the_picker_and_persists(qtbot, content, drive, data_dir):
    def edit(dialog):
        assert dialog.windowTitle() == "New round template"
        qtbot.keyClicks(dialog.title_edit, "Onsite theory grill")
        dialog.question_combo.setCurrentIndex(dialog.question_combo.findData("ml-theory"))
        type_into_cell(qtbot, dialog, 0, PhaseTableModel.NAME, "Rapid fire")
        type_into_cell(qtbot, dialog, 0, PhaseTableModel.MINUTES, "20")
        dialog.add_button.click()
        qtbot.keyClicks(dialog.phase_view.delegate.editor, "Deep dive")
        qtbot.keyClick(dialog.phase_view.delegate.editor, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda: dialog.phase_model.phases()[1][0] == "Deep dive")
        dialog.phase_view.commit_editing()
        type_into_cell(qtbot, dialog, 1, PhaseTableModel.MINUTES, "25")
        for line in ("Accuracy", "", "Depth under pressure"):
            qtbot.keyClicks(dialog.rubric_edit, line)
            qtbot.keyClick(dialog.rubric_edit, Qt.Key.Key_Return)
        dialog.save_button.click()

    drive(edit)
    first = open_session(data_dir, backup=False)
    try:
        pane = make_pane(qtbot, first)
        assert pane.new_template()
        assert pane.template_combo.currentData() == "my-onsite-theory-grill"
        assert "Onsite theory grill (45 min · yours)" in combo_texts(pane)
        assert pane.history_filter.findData("my-onsite-theory-grill") >= 0
        question = pane.draw()
        assert question is not None and question.round == "ml-theory"
        assert pane.start()
        assert [p.minutes for p in pane.timer.phases] == [20, 25]
        pane.shutdown()
    finally:
        first.close()

    later = open_session(data_dir, backup=False)
    try:
        stored = round_store.get_template(later.store, "my-onsite-theory-grill")
        assert stored.rubric == ["Accuracy", "Depth under pressure"]
        assert [(p.name, p.minutes) for p in stored.phases] == [
            ("Rapid fire", 20),
            ("Deep dive", 25),
        ]
        again = make_pane(qtbot, later)
        assert "Onsite theory grill (45 min · yours)" in combo_texts(again)
        again.shutdown()
    finally:
        later.close()


def test_duplicate_of_a_shipped_template_leaves_it_alone(qtbot, pane, session, drive, content):
    original_files = file_bytes(content)
    pane.template_combo.setCurrentIndex(pane.template_combo.findData("ml-theory"))

    def edit(dialog):
        dialog.duplicate_button.click()
        assert dialog.title_edit.text() == "ML theory (copy)"
        assert dialog.windowTitle() == "New round template"
        assert not dialog.restore_button.isVisible() and not dialog.delete_button.isVisible()
        type_into_cell(qtbot, dialog, 0, PhaseTableModel.MINUTES, "60")
        dialog.try_save()

    drive(edit)
    assert pane.edit_template()
    assert pane.template_combo.currentText() == "ML theory (copy) (60 min · yours)"
    assert "ML theory (40 min)" in combo_texts(pane), "the shipped one is untouched"
    assert round_store.get_template(session.store, "ml-theory").builtin
    assert file_bytes(content) == original_files


# --- validation --------------------------------------------------------------------------------
def test_invalid_input_is_refused_field_by_field_and_nothing_is_saved(qtbot, session, shipped):
    round_store.ensure_templates(session.store, shipped)
    before = round_store.list_templates(session.store)
    design = next(t for t in shipped if t.type == "system-design")
    dialog = TemplateEditorDialog(session.store, design, shipped)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.clear()
    type_into_cell(qtbot, dialog, 0, PhaseTableModel.MINUTES, "abc")
    type_into_cell(qtbot, dialog, 1, PhaseTableModel.NAME, "clarify")
    type_into_cell(qtbot, dialog, 2, PhaseTableModel.MINUTES, "0")
    dialog.rubric_edit.setPlainText("\n  \n")

    assert not dialog.try_save()
    assert dialog.isVisible() and dialog.outcome is None
    assert dialog.error_labels["title"].text() == "give the round a name"
    assert dialog.error_labels["title"].isVisible()
    assert "one per line" in dialog.error_labels["rubric"].text()
    assert not dialog.error_labels["phases"].isVisible()
    model = dialog.phase_model
    problems = [model.index(r, PhaseTableModel.PROBLEM).data() for r in range(3)]
    assert problems == [
        "minutes must be a whole number from 1 to 240",
        "another phase is already called 'clarify'",
        "minutes must be a whole number from 1 to 240",
    ]
    assert not dialog.phase_view.isColumnHidden(PhaseTableModel.PROBLEM)
    assert dialog.summary.isVisible() and "Nothing was saved" in dialog.summary.text()
    assert model.phases() == [("Clarify", "abc"), ("clarify", "30"), ("Wrap-up", "0")]
    assert "1 without valid minutes" in dialog.total_label.text()
    assert round_store.list_templates(session.store) == before

    # Fixing it clears the marks and saves.
    dialog.title_edit.setText("ML system design")
    type_into_cell(qtbot, dialog, 0, PhaseTableModel.MINUTES, "5")
    type_into_cell(qtbot, dialog, 1, PhaseTableModel.NAME, "Design")
    type_into_cell(qtbot, dialog, 2, PhaseTableModel.MINUTES, "12")
    dialog.rubric_edit.setPlainText("Clarified requirements")
    assert dialog.try_save()
    assert round_store.get_template(session.store, "system-design").minutes == 47


def test_no_phases_and_too_long_rounds_are_said_under_the_table(qtbot, session, shipped):
    dialog = TemplateEditorDialog(session.store, None, shipped)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.setText("Empty")
    dialog.rubric_edit.setPlainText("Something")
    dialog.phase_view.setCurrentIndex(dialog.phase_model.index(0, 0))
    dialog.remove_button.click()
    assert not dialog.try_save()
    assert dialog.error_labels["phases"].text() == "a round needs at least one phase"
    dialog.phase_model.insert_phase(0, "Long", "200")
    dialog.phase_model.insert_phase(1, "Longer", "200")
    assert "over the 300-minute limit" in dialog.total_label.text()
    assert not dialog.try_save()
    assert "keep a round within 300 minutes" in dialog.error_labels["phases"].text()
    assert round_store.get_template(session.store, "my-empty") is None


# --- restore and delete ------------------------------------------------------------------------
def test_restore_default_after_confirming(qtbot, pane, session, drive, answers):
    given, asked = answers
    pane.template_combo.setCurrentIndex(pane.template_combo.findData("ml-theory"))

    def edit_minutes(dialog):
        assert not dialog.restore_button.isEnabled(), "nothing to restore yet"
        type_into_cell(qtbot, dialog, 0, PhaseTableModel.MINUTES, "50")
        dialog.try_save()

    drive(edit_minutes)
    pane.edit_template()
    assert pane.template_combo.currentText() == "ML theory (50 min · edited)"

    def restore(dialog, answer):
        assert dialog.restore_button.isEnabled() and dialog.restore_button.isVisible()
        assert not dialog.delete_button.isVisible(), "a shipped template cannot be deleted"
        given.append(answer)
        dialog.restore_button.click()

    drive(lambda dialog: restore(dialog, False))
    assert not pane.edit_template(), "declined: nothing happened"
    assert round_store.get_template(session.store, "ml-theory").minutes == 50

    drive(lambda dialog: restore(dialog, True))
    assert pane.edit_template()
    assert asked == ["Restore the shipped template?", "Restore the shipped template?"]
    assert pane.template_combo.currentText() == "ML theory (40 min)"
    stored = round_store.get_template(session.store, "ml-theory")
    assert stored.builtin and stored.minutes == 40


def test_delete_own_template_asks_first(qtbot, pane, session, drive, answers, shipped, content):
    given, asked = answers
    original_files = file_bytes(content)
    mine = RoundTemplate("my-loop", "My loop", [Phase("All of it", 30)], ["Did it"], builtin=False)
    round_store.save_user_template(session.store, mine, shipped)
    pane.reload_templates(select="my-loop")
    assert pane.template_combo.currentData() == "my-loop"

    def delete(dialog, answer):
        assert dialog.delete_button.isVisible() and not dialog.restore_button.isVisible()
        given.append(answer)
        dialog.delete_button.click()

    drive(lambda dialog: delete(dialog, False))
    assert not pane.edit_template()
    assert round_store.get_template(session.store, "my-loop") is not None
    assert pane.template_combo.findData("my-loop") >= 0

    drive(lambda dialog: delete(dialog, True))
    assert pane.edit_template()
    assert asked == ["Delete this template?", "Delete this template?"]
    assert round_store.get_template(session.store, "my-loop") is None
    assert pane.template_combo.findData("my-loop") < 0
    assert pane.history_filter.findData("my-loop") < 0
    assert pane.template_combo.currentData() == "ml-theory", "the first round is selected"
    assert file_bytes(content) == original_files


def test_cancel_with_changes_asks_before_discarding(qtbot, session, shipped, answers):
    given, asked = answers
    round_store.ensure_templates(session.store, shipped)
    dialog = TemplateEditorDialog(session.store, shipped[0], shipped)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.setText("Something else")
    given.append(False)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible(), "declined: the edits stay"
    assert dialog.title_edit.text() == "Something else"
    given.append(True)
    dialog.cancel_button.click()
    assert not dialog.isVisible() and dialog.outcome is None
    assert asked == ["Discard your changes?", "Discard your changes?"]
    assert round_store.get_template(session.store, shipped[0].type).title == shipped[0].title

    untouched = TemplateEditorDialog(session.store, shipped[0], shipped)
    qtbot.addWidget(untouched)
    untouched.show()
    untouched.cancel_button.click()  # no changes: closes without asking
    assert not untouched.isVisible() and len(asked) == 2


# --- the pane's keyboard flow ------------------------------------------------------------------
def test_pane_buttons_sit_in_the_keyboard_path(qtbot, pane, drive):
    assert pane.template_combo.nextInFocusChain() is pane.edit_template_button
    assert pane.edit_template_button.nextInFocusChain() is pane.new_template_button
    opened = []
    drive(lambda dialog: opened.append(dialog.windowTitle()))
    pane.edit_template_button.setFocus()
    qtbot.keyClick(pane.edit_template_button, Qt.Key.Key_Space)
    assert opened == ["Edit round template: ML theory"]
    # Single-key round shortcuts still work from the setup page after the editor closed.
    qtbot.keyClick(pane, Qt.Key.Key_D)
    assert pane.question is not None


def test_editor_is_not_offered_while_a_round_runs(qtbot, pane, drive):
    opened = []
    drive(lambda dialog: opened.append(True))
    pane.draw()
    pane.start()
    assert not pane.edit_template() and not pane.new_template()
    assert opened == []
