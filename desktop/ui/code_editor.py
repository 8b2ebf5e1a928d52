"""A Python code editor: Pygments highlighting, line numbers, current line, brackets, indent."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QPainter,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

INDENT = "    "
OPENERS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = {v: k for k, v in OPENERS.items()}
IN_TRIPLE_DOUBLE = 1
IN_TRIPLE_SINGLE = 2


def pygments_style_name(dark: bool) -> str:
    return "monokai" if dark else "friendly"


class PythonHighlighter(QSyntaxHighlighter):
    """Per-line Pygments lexing, with block state carrying triple-quoted strings across lines."""

    def __init__(self, document: QTextDocument, dark: bool = False):
        super().__init__(document)
        from pygments.lexers import PythonLexer

        self.lexer = PythonLexer(stripnl=False, ensurenl=False)
        self.set_dark(dark)

    def set_dark(self, dark: bool) -> None:
        from pygments.styles import get_style_by_name

        style = get_style_by_name(pygments_style_name(dark))
        self._formats: dict = {}
        for token, spec in style:
            fmt = QTextCharFormat()
            if spec["color"]:
                fmt.setForeground(QColor(f"#{spec['color']}"))
            if spec["bold"]:
                fmt.setFontWeight(QFont.Weight.Bold)
            if spec["italic"]:
                fmt.setFontItalic(True)
            self._formats[token] = fmt
        self._string_format = self._format_for_name("String")
        self.rehighlight()

    def _format_for_name(self, name: str) -> QTextCharFormat:
        from pygments import token as tokens

        return self._formats.get(getattr(tokens, name), QTextCharFormat())

    def _format(self, token) -> QTextCharFormat | None:
        while token is not None:
            fmt = self._formats.get(token)
            if fmt is not None and (
                fmt.foreground().style() != Qt.BrushStyle.NoBrush
                or fmt.fontItalic()
                or fmt.fontWeight() == QFont.Weight.Bold
            ):
                return fmt
            token = token.parent
        return None

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        start = 0
        state = self.previousBlockState()
        if state in (IN_TRIPLE_DOUBLE, IN_TRIPLE_SINGLE):
            quote = '"""' if state == IN_TRIPLE_DOUBLE else "'''"
            end = text.find(quote)
            if end < 0:
                self.setFormat(0, len(text), self._string_format)
                self.setCurrentBlockState(state)
                return
            start = end + 3
            self.setFormat(0, start, self._string_format)
        self.setCurrentBlockState(0)
        rest = text[start:]
        position = start
        for token, value in self.lexer.get_tokens(rest):
            fmt = self._format(token)
            if fmt is not None:
                self.setFormat(position, len(value), fmt)
            position += len(value)
        # An unterminated triple quote on this line opens a multi-line string.
        for quote, flag in (('"""', IN_TRIPLE_DOUBLE), ("'''", IN_TRIPLE_SINGLE)):
            if rest.count(quote) % 2 == 1:
                opened = start + rest.rfind(quote)
                self.setFormat(opened, len(text) - opened, self._string_format)
                self.setCurrentBlockState(flag)
                break


class _LineNumberArea(QWidget):
    def __init__(self, editor: CodeEditor):
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.editor.line_number_width(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802
        self.editor.paint_line_numbers(event)


class CodeEditor(QPlainTextEdit):
    """The kata editor. ``run_requested`` fires on Ctrl+Enter."""

    run_requested = Signal()

    def __init__(self, parent: QWidget | None = None, dark: bool = False):
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 11))
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self.dark = dark
        self.highlighter = PythonHighlighter(self.document(), dark)
        self.numbers = _LineNumberArea(self)
        self.error_lines: set[int] = set()
        self.blockCountChanged.connect(self._update_margin)
        self.updateRequest.connect(self._update_numbers)
        self.cursorPositionChanged.connect(self._update_extra_selections)
        self._update_margin()
        self._update_extra_selections()

    # --- appearance ---------------------------------------------------------------------
    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.highlighter.set_dark(dark)
        self._update_extra_selections()
        self.numbers.update()

    def line_number_width(self) -> int:
        digits = max(3, len(str(max(1, self.blockCount()))))
        return 12 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margin(self, *_args) -> None:
        self.setViewportMargins(self.line_number_width(), 0, 0, 0)

    def _update_numbers(self, rect: QRect, dy: int) -> None:
        if dy:
            self.numbers.scroll(0, dy)
        else:
            self.numbers.update(0, rect.y(), self.numbers.width(), rect.height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        area = self.contentsRect()
        self.numbers.setGeometry(
            QRect(area.left(), area.top(), self.line_number_width(), area.height())
        )

    def paint_line_numbers(self, event) -> None:
        painter = QPainter(self.numbers)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.alternateBase())
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        bottom = top + round(self.blockBoundingRect(block).height())
        current = self.textCursor().blockNumber()
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible() and bottom >= event.rect().top():
                if number + 1 in self.error_lines:
                    painter.setPen(QColor("#e05252"))
                elif number == current:
                    painter.setPen(palette.text().color())
                else:
                    painter.setPen(palette.placeholderText().color())
                painter.drawText(
                    0,
                    top,
                    self.numbers.width() - 6,
                    self.fontMetrics().height(),
                    Qt.AlignmentFlag.AlignRight,
                    str(number + 1),
                )
            block = block.next()
            top = bottom
            bottom = top + round(self.blockBoundingRect(block).height())
            number += 1

    def _update_extra_selections(self) -> None:
        selections = []
        line = QTextEdit.ExtraSelection()
        line.format.setBackground(QColor("#2a2f38") if self.dark else QColor("#eef3fb"))
        line.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        line.cursor = self.textCursor()
        line.cursor.clearSelection()
        selections.append(line)
        for position in self._matching_brackets():
            match = QTextEdit.ExtraSelection()
            match.format.setBackground(QColor("#3d4f2f") if self.dark else QColor("#d5f0c8"))
            cursor = self.textCursor()
            cursor.setPosition(position)
            cursor.movePosition(
                QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
            )
            match.cursor = cursor
            selections.append(match)
        for number in sorted(self.error_lines):
            block = self.document().findBlockByNumber(number - 1)
            if not block.isValid():
                continue
            error = QTextEdit.ExtraSelection()
            error.format.setBackground(QColor("#4a2626") if self.dark else QColor("#fde2e2"))
            error.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            error.cursor = QTextCursor(block)
            selections.append(error)
        self.setExtraSelections(selections)

    def _matching_brackets(self) -> list[int]:
        """Positions of the bracket at the cursor and its partner, when they match."""
        text = self.toPlainText()
        pos = self.textCursor().position()
        for candidate in (pos, pos - 1):
            if 0 <= candidate < len(text) and text[candidate] in "()[]{}":
                partner = find_matching_bracket(text, candidate)
                return [candidate, partner] if partner is not None else [candidate]
        return []

    def mark_error_line(self, line: int | None) -> None:
        self.error_lines = {line} if line else set()
        self._update_extra_selections()
        self.numbers.update()

    def go_to_line(self, line: int, column: int | None = None) -> None:
        block = self.document().findBlockByNumber(max(line - 1, 0))
        cursor = QTextCursor(block)
        if column:
            cursor.movePosition(
                QTextCursor.MoveOperation.Right, n=min(column - 1, max(block.length() - 1, 0))
            )
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    # --- editing ------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.run_requested.emit()
            return
        if ctrl and key == Qt.Key.Key_Slash:
            self.toggle_comment()
            return
        if key == Qt.Key.Key_Tab and not mods:
            if self.textCursor().hasSelection():
                self._shift_selection(indent=True)
            else:
                self.insertPlainText(INDENT)
            return
        if key == Qt.Key.Key_Backtab:
            self._shift_selection(indent=False)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._newline_with_indent()
            return
        if key == Qt.Key.Key_Backspace and not self.textCursor().hasSelection():
            cursor = self.textCursor()
            before = cursor.block().text()[: cursor.positionInBlock()]
            if before and before.strip() == "" and len(before) % 4 == 0:
                for _ in range(4):
                    cursor.deletePreviousChar()
                return
        super().keyPressEvent(event)

    def _newline_with_indent(self) -> None:
        cursor = self.textCursor()
        line = cursor.block().text()[: cursor.positionInBlock()]
        indent = line[: len(line) - len(line.lstrip(" "))]
        stripped = line.rstrip()
        if stripped.endswith((":", "(", "[", "{")):
            indent += INDENT
        elif (
            stripped.strip().split(" ", 1)[0] in ("return", "pass", "raise", "break", "continue")
            and indent
        ):
            indent = indent[:-4]
        cursor.insertText("\n" + indent)
        self.setTextCursor(cursor)

    def _selected_blocks(self) -> tuple[int, int]:
        cursor = self.textCursor()
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart()).blockNumber()
        end = cursor.selectionEnd()
        last_block = doc.findBlock(end)
        last = last_block.blockNumber()
        if cursor.hasSelection() and last > first and end == last_block.position():
            last -= 1
        return first, last

    def _shift_selection(self, indent: bool) -> None:
        first, last = self._selected_blocks()
        cursor = self.textCursor()
        cursor.beginEditBlock()
        for number in range(first, last + 1):
            block = self.document().findBlockByNumber(number)
            edit = QTextCursor(block)
            if indent:
                edit.insertText(INDENT)
            else:
                text = block.text()
                remove = len(text) - len(text.lstrip(" "))
                for _ in range(min(4, remove)):
                    edit.deleteChar()
        cursor.endEditBlock()

    def toggle_comment(self) -> None:
        """Ctrl+/: comment the selected lines, or uncomment them if all are commented."""
        first, last = self._selected_blocks()
        blocks = [self.document().findBlockByNumber(n) for n in range(first, last + 1)]
        code = [b for b in blocks if b.text().strip()]
        uncomment = bool(code) and all(b.text().lstrip().startswith("#") for b in code)
        margin = min((len(b.text()) - len(b.text().lstrip()) for b in code), default=0)
        cursor = self.textCursor()
        cursor.beginEditBlock()
        for block in code:
            text = block.text()
            edit = QTextCursor(block)
            if uncomment:
                at = text.index("#")
                edit.setPosition(block.position() + at)
                width = 2 if text[at : at + 2] == "# " else 1
                edit.setPosition(block.position() + at + width, QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
            else:
                edit.setPosition(block.position() + margin)
                edit.insertText("# ")
        cursor.endEditBlock()


def find_matching_bracket(text: str, index: int) -> int | None:
    """Index of the bracket matching text[index], skipping strings and comments crudely."""
    char = text[index]
    if char in OPENERS:
        target, step = OPENERS[char], 1
    elif char in CLOSERS:
        target, step = CLOSERS[char], -1
    else:
        return None
    depth = 0
    position = index
    while 0 <= position < len(text):
        current = text[position]
        if current == char:
            depth += 1
        elif current == target:
            depth -= 1
            if depth == 0:
                return position
        position += step
    return None
