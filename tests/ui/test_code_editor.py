from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop.ui.code_editor import CodeEditor, find_matching_bracket


def _editor(qtbot, text=""):
    editor = CodeEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    return editor


def test_tab_inserts_four_spaces_and_backspace_removes_them(qtbot):
    editor = _editor(qtbot)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "    "
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.toPlainText() == ""


def test_enter_keeps_and_deepens_indentation(qtbot):
    editor = _editor(qtbot, "def f(x):")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editor.insertPlainText("if x:")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editor.insertPlainText("return 1")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "def f(x):\n    if x:\n        return 1\n    "


def test_ctrl_slash_toggles_comments_on_selection(qtbot):
    editor = _editor(qtbot, "a = 1\n    b = 2\n")
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "# a = 1\n#     b = 2\n"
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "a = 1\n    b = 2\n"


def test_ctrl_enter_requests_a_run(qtbot):
    editor = _editor(qtbot, "x = 1")
    with qtbot.waitSignal(editor.run_requested, timeout=1000):
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "x = 1"


def test_bracket_matching():
    text = "f(a[1], {b: (2)})"
    assert find_matching_bracket(text, 1) == len(text) - 1
    assert find_matching_bracket(text, len(text) - 1) == 1
    assert find_matching_bracket(text, 3) == 5
    assert find_matching_bracket("(()", 0) is None


def test_go_to_line_marks_error(qtbot):
    editor = _editor(qtbot, "a\nb\nc\nd")
    editor.go_to_line(3, 1)
    editor.mark_error_line(3)
    assert editor.textCursor().blockNumber() == 2
    assert editor.error_lines == {3}


def test_highlighter_handles_multiline_strings(qtbot):
    editor = _editor(qtbot, 'x = """doc\nstill doc\n"""\ny = 2')
    doc = editor.document()
    assert doc.findBlockByNumber(1).userState() == 1
    assert doc.findBlockByNumber(3).userState() == 0
