"""The round-template editor: name, question bank, phases (a table), rubric; save, copy, restore."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.rounds.templates import (
    EDITED,
    MAX_PHASES,
    MAX_TOTAL_MINUTES,
    OWN,
    QUESTION_ROUNDS,
    SHIPPED,
    RoundTemplate,
    TemplateError,
    duplicate_template,
    new_template_type,
    parse_minutes,
    template_from_form,
    template_origin,
)
from desktop.store import rounds as round_store
from desktop.store.database import StoreError

ERROR_COLOR = "#d04444"
QUESTION_ROUND_TITLES = {
    "algorithms-coding": "Algorithms coding",
    "ml-coding": "ML coding",
    "ml-theory": "ML theory",
    "behavioural": "Behavioural",
    "research-discussion": "Research discussion",
    "system-design": "ML system design",
}
NEW_PHASE_MINUTES = "5"


def _minutes_text(minutes: float) -> str:
    return str(int(minutes)) if float(minutes).is_integer() else str(minutes)


class TemplateConfirm:
    """Yes/no questions the editor asks (delete, restore, discard); tests monkeypatch ``ask``."""

    @staticmethod
    def ask(parent: QWidget | None, title: str, question: str) -> bool:
        answer = QMessageBox.question(parent, title, question)
        return answer == QMessageBox.StandardButton.Yes


@dataclass(frozen=True)
class EditOutcome:
    action: str  # "saved" | "restored" | "deleted"
    template_type: str


@dataclass
class PhaseRow:
    name: str
    minutes: str
    error: str = ""


class PhaseTableModel(QAbstractTableModel):
    """The phases being edited, as typed (minutes stay text until saved), with row problems."""

    NAME, MINUTES, PROBLEM = range(3)
    HEADERS = ("Phase", "Minutes", "Problem")
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[PhaseRow] = []
        for signal in (
            self.dataChanged,
            self.rowsInserted,
            self.rowsRemoved,
            self.rowsMoved,
            self.modelReset,
        ):
            signal.connect(self.changed)

    # --- reading and writing --------------------------------------------------------------
    def set_phases(self, phases: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self.rows = [PhaseRow(name, minutes) for name, minutes in phases]
        self.endResetModel()

    def phases(self) -> list[tuple[str, str]]:
        return [(row.name, row.minutes) for row in self.rows]

    def total_minutes(self) -> tuple[int, int]:
        """The minutes of the rows that parse, and how many rows do not."""
        parsed = [parse_minutes(row.minutes) for row in self.rows]
        return sum(m for m in parsed if m is not None), sum(m is None for m in parsed)

    def set_errors(self, errors: dict[int, str]) -> None:
        """Row problems by 0-based row; every other row's problem is cleared."""
        for number, row in enumerate(self.rows):
            row.error = errors.get(number, "")
        if self.rows:
            self.dataChanged.emit(
                self.index(0, self.PROBLEM), self.index(len(self.rows) - 1, self.PROBLEM)
            )

    def has_errors(self) -> bool:
        return any(row.error for row in self.rows)

    # --- editing --------------------------------------------------------------------------
    def insert_phase(self, row: int, name: str = "", minutes: str = NEW_PHASE_MINUTES) -> int:
        row = max(0, min(row, len(self.rows)))
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.insert(row, PhaseRow(name, minutes))
        self.endInsertRows()
        return row

    def remove_phase(self, row: int) -> bool:
        if not 0 <= row < len(self.rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()
        return True

    def move_phase(self, row: int, delta: int) -> int | None:
        """Move one row up (-1) or down (+1); its new row, or None at either end."""
        target = row + delta
        if (
            delta not in (-1, 1)
            or not 0 <= row < len(self.rows)
            or not 0 <= target < len(self.rows)
        ):
            return None
        # Qt's destination is the row the moved one is inserted before.
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self.rows.insert(target, self.rows.pop(row))
        self.endMoveRows()
        return target

    # --- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return str(section + 1)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (self.NAME, self.MINUTES):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (row.name, row.minutes, row.error)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (row.name, f"{row.minutes} min", row.error)[column] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.PROBLEM:
            return QColor(ERROR_COLOR)
        if role == Qt.ItemDataRole.ForegroundRole and row.error and column == self.NAME:
            return QColor(ERROR_COLOR)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.rows[index.row()]
        text = "" if value is None else str(value)
        if index.column() == self.NAME:
            row.name = text
        elif index.column() == self.MINUTES:
            row.minutes = text.strip()
        else:
            return False
        self.dataChanged.emit(index, index)
        return True


class _TrackingDelegate(QStyledItemDelegate):
    """Remembers the open editor so Save (Ctrl+S) can commit a cell still being typed in."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor: QWidget | None = None

    def createEditor(self, parent, option, index):  # noqa: N802
        self.editor = super().createEditor(parent, option, index)
        return self.editor

    def destroyEditor(self, editor, index) -> None:  # noqa: N802
        if editor is self.editor:
            self.editor = None
        super().destroyEditor(editor, index)


class PhaseTableView(QTableView):
    """Keys: Insert adds, Delete removes, Ctrl+Up/Down move, Enter or F2 edits the cell."""

    add_requested = Signal()
    remove_requested = Signal()
    move_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.delegate = _TrackingDelegate(self)
        self.setItemDelegate(self.delegate)
        # Tab leaves the table (the dialog's tab order), arrows move between cells.
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not control:
            self.remove_requested.emit()
        elif key == Qt.Key.Key_Insert:
            self.add_requested.emit()
        elif control and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Enter edits the cell; the Enter that ends an edit arrives here too and stops here.
            if (
                self.state() != QAbstractItemView.State.EditingState
                and self.currentIndex().isValid()
            ):
                self.edit(self.currentIndex())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def commit_editing(self) -> None:
        editor = self.delegate.editor
        if editor is not None and self.state() == QAbstractItemView.State.EditingState:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class TemplateEditorDialog(QDialog):
    """Edit one round template, or make a new one; ``outcome`` says what was stored."""

    def __init__(
        self,
        store,
        template: RoundTemplate | None,
        shipped: list[RoundTemplate],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.shipped = list(shipped)
        self.shipped_types = [t.type for t in self.shipped]
        self.outcome: EditOutcome | None = None
        self.template: RoundTemplate | None = template
        self.copied_from: RoundTemplate | None = None
        self.error_labels: dict[str, QLabel] = {}
        self._build()
        self._load(template)

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        self.setMinimumSize(560, 520)
        outer = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setWordWrap(True)
        outer.addWidget(self.header)
        self.summary = QLabel()
        self.summary.setObjectName("FormSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {ERROR_COLOR};")
        self.summary.hide()
        outer.addWidget(self.summary)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. Onsite ML coding, 60 minutes")
        form.addRow("&Name", self._with_error(self.title_edit, "title"))
        self.question_combo = QComboBox()
        for question_round in QUESTION_ROUNDS:
            self.question_combo.addItem(
                QUESTION_ROUND_TITLES.get(question_round, question_round), question_round
            )
        form.addRow("&Questions from", self._with_error(self.question_combo, "question_round"))
        outer.addLayout(form)

        heading = QHBoxLayout()
        phases_label = QLabel("P&hases")
        bold = QFont(phases_label.font())
        bold.setBold(True)
        phases_label.setFont(bold)
        self.total_label = QLabel()
        self.total_label.setObjectName("TemplateTotal")
        self.total_label.setWordWrap(True)
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        heading.addWidget(phases_label)
        heading.addWidget(self.total_label, 1)
        outer.addLayout(heading)

        self.phase_model = PhaseTableModel(self)
        self.phase_view = PhaseTableView()
        self.phase_view.setModel(self.phase_model)
        phases_label.setBuddy(self.phase_view)
        header = self.phase_view.horizontalHeader()
        header.setSectionResizeMode(PhaseTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            PhaseTableModel.MINUTES, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(PhaseTableModel.PROBLEM, QHeaderView.ResizeMode.Stretch)
        self.phase_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.phase_view.setColumnHidden(PhaseTableModel.PROBLEM, True)
        self.phase_view.setMinimumHeight(200)
        row = QHBoxLayout()
        row.addWidget(self.phase_view, 1)
        side = QVBoxLayout()
        self.add_button = QPushButton("&Add phase")
        self.add_button.setToolTip("Add a phase after the selected one (Insert)")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setToolTip("Remove the selected phase (Delete)")
        self.up_button = QPushButton("Move &up")
        self.up_button.setToolTip("Move the selected phase up (Ctrl+Up)")
        self.down_button = QPushButton("Move do&wn")
        self.down_button.setToolTip("Move the selected phase down (Ctrl+Down)")
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch(1)
        row.addLayout(side)
        outer.addLayout(row, 5)
        outer.addWidget(self._error_label("phases"))

        rubric_label = QLabel("Ru&bric: one item per line, each scored 1-4 after the round")
        rubric_label.setFont(bold)
        rubric_label.setWordWrap(True)
        self.rubric_edit = QPlainTextEdit()
        self.rubric_edit.setTabChangesFocus(True)
        self.rubric_edit.setPlaceholderText(
            "For example:\nClarified requirements\nExplicit trade-offs"
        )
        lines = self.rubric_edit.fontMetrics().lineSpacing()
        self.rubric_edit.setMinimumHeight(7 * lines + 14)  # a typical rubric without scrolling
        rubric_label.setBuddy(self.rubric_edit)
        outer.addWidget(rubric_label)
        outer.addWidget(self.rubric_edit, 1)
        outer.addWidget(self._error_label("rubric"))

        buttons = QHBoxLayout()
        self.duplicate_button = QPushButton("&Duplicate")
        self.duplicate_button.setToolTip("Make your own template from this one (not saved yet)")
        self.restore_button = QPushButton("Restore de&fault")
        self.restore_button.setToolTip("Throw away your edits and use the shipped template again")
        self.delete_button = QPushButton("De&lete")
        self.delete_button.setToolTip("Delete this template of yours")
        self.save_button = QPushButton("Save (Ctrl+S)")
        self.cancel_button = QPushButton("Cancel")
        for button in (self.duplicate_button, self.restore_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        outer.addLayout(buttons)
        # Enter belongs to the table (edit a cell) and the fields; saving is explicit.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)

        order = [
            self.title_edit,
            self.question_combo,
            self.phase_view,
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.rubric_edit,
            self.duplicate_button,
            self.restore_button,
            self.delete_button,
            self.save_button,
            self.cancel_button,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.add_button.clicked.connect(self.add_phase)
        self.remove_button.clicked.connect(self.remove_phase)
        self.up_button.clicked.connect(lambda: self.move_phase(-1))
        self.down_button.clicked.connect(lambda: self.move_phase(1))
        self.phase_view.add_requested.connect(self.add_phase)
        self.phase_view.remove_requested.connect(self.remove_phase)
        self.phase_view.move_requested.connect(self.move_phase)
        self.phase_model.changed.connect(self._update_total)
        self.phase_model.changed.connect(self._update_buttons)
        self.phase_view.selectionModel().currentChanged.connect(self._update_buttons)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.restore_button.clicked.connect(self.restore_default)
        self.delete_button.clicked.connect(self.delete)
        self.save_button.clicked.connect(self.try_save)
        self.cancel_button.clicked.connect(self.reject)
        for keys in ("Ctrl+S", "Ctrl+Return"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.try_save)

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{name}")
        label.setStyleSheet(f"color: {ERROR_COLOR};")
        label.setWordWrap(True)
        label.hide()
        self.error_labels[name] = label
        return label

    def _with_error(self, widget: QWidget, name: str) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self._error_label(name))
        holder.setFocusProxy(widget)
        return holder

    # --- loading ---------------------------------------------------------------------------
    def _load(self, template: RoundTemplate | None) -> None:
        if template is None:
            self.title_edit.clear()
            self.question_combo.setCurrentIndex(0)
            self.phase_model.set_phases([("", NEW_PHASE_MINUTES)])
            self.rubric_edit.clear()
        else:
            self.title_edit.setText(template.title)
            index = self.question_combo.findData(template.question_round)
            self.question_combo.setCurrentIndex(max(index, 0))
            self.phase_model.set_phases(
                [(phase.name, _minutes_text(phase.minutes)) for phase in template.phases]
            )
            self.rubric_edit.setPlainText("\n".join(template.rubric))
        self._initial = self._snapshot()
        self.show_errors({})
        self._describe()
        self._update_total()
        self._update_buttons()
        if self.phase_model.rowCount():
            self.phase_view.setCurrentIndex(self.phase_model.index(0, PhaseTableModel.NAME))
        self.title_edit.setFocus()

    def origin(self) -> str:
        """``new`` for an unsaved template, else shipped / edited / own."""
        if self.template is None:
            return "new"
        return template_origin(self.template, self.shipped_types)

    def shipped_version(self) -> RoundTemplate | None:
        if self.template is None:
            return None
        return next((t for t in self.shipped if t.type == self.template.type), None)

    def _describe(self) -> None:
        origin = self.origin()
        if origin == "new":
            self.setWindowTitle("New round template")
            if self.copied_from is not None:
                self.header.setText(
                    f"A copy of “{self.copied_from.title}”, yours to change. "
                    "It is saved when you press Save."
                )
            else:
                self.header.setText(
                    "A round of your own: name it, choose which questions it draws, "
                    "and plan its phases."
                )
        else:
            self.setWindowTitle(f"Edit round template: {self.template.title}")
            self.header.setText(
                {
                    SHIPPED: "This template ships with MLPrep. Saving keeps your own copy for "
                    "this round type; Restore default brings the shipped one back.",
                    EDITED: "Your edited copy of a shipped template. Restore default throws "
                    "your edits away and uses the shipped one again.",
                    OWN: "A template of your own.",
                }[origin]
            )
        self.restore_button.setVisible(origin in (SHIPPED, EDITED))
        self.restore_button.setEnabled(origin == EDITED)
        self.delete_button.setVisible(origin == OWN)
        self.duplicate_button.setEnabled(origin != "new")

    # --- live state ------------------------------------------------------------------------
    def _snapshot(self) -> tuple:
        return (
            self.title_edit.text(),
            self.question_combo.currentData(),
            tuple(self.phase_model.phases()),
            self.rubric_edit.toPlainText(),
        )

    def is_dirty(self) -> bool:
        return self._snapshot() != self._initial

    def _update_total(self) -> None:
        total, unparsed = self.phase_model.total_minutes()
        count = self.phase_model.rowCount()
        parts = [f"Total {total} min", f"{count} phase{'s' if count != 1 else ''}"]
        over = total > MAX_TOTAL_MINUTES
        if unparsed:
            parts.append(f"{unparsed} without valid minutes")
        if over:
            parts.append(f"over the {MAX_TOTAL_MINUTES}-minute limit")
        self.total_label.setText(" · ".join(parts))
        self.total_label.setStyleSheet(f"color: {ERROR_COLOR};" if over or unparsed else "")

    def _update_buttons(self, *_) -> None:
        row = self.phase_view.currentIndex().row()
        count = self.phase_model.rowCount()
        self.add_button.setEnabled(count < MAX_PHASES)
        self.remove_button.setEnabled(0 <= row < count)
        self.up_button.setEnabled(0 < row < count)
        self.down_button.setEnabled(0 <= row < count - 1)

    # --- phase actions ---------------------------------------------------------------------
    def add_phase(self) -> None:
        if self.phase_model.rowCount() >= MAX_PHASES:
            return
        self.phase_view.commit_editing()
        current = self.phase_view.currentIndex()
        row = self.phase_model.insert_phase(
            current.row() + 1 if current.isValid() else self.phase_model.rowCount()
        )
        index = self.phase_model.index(row, PhaseTableModel.NAME)
        self.phase_view.setCurrentIndex(index)
        self.phase_view.setFocus()
        self.phase_view.edit(index)

    def remove_phase(self) -> None:
        self.phase_view.commit_editing()
        current = self.phase_view.currentIndex()
        if not current.isValid():
            return
        self.phase_model.remove_phase(current.row())
        remaining = self.phase_model.rowCount()
        if remaining:
            row = min(current.row(), remaining - 1)
            self.phase_view.setCurrentIndex(self.phase_model.index(row, current.column()))
        self._update_buttons()

    def move_phase(self, delta: int) -> None:
        self.phase_view.commit_editing()
        current = self.phase_view.currentIndex()
        if not current.isValid():
            return
        row = self.phase_model.move_phase(current.row(), delta)
        if row is not None:
            self.phase_view.setCurrentIndex(self.phase_model.index(row, current.column()))
        self._update_buttons()

    # --- errors ----------------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.error_labels.items():
            label.setText(errors.get(name, ""))
            label.setVisible(name in errors)
        rows = {
            int(key.split()[1]) - 1: message
            for key, message in errors.items()
            if key.startswith("phase ")
        }
        self.phase_model.set_errors(rows)
        self.phase_view.setColumnHidden(PhaseTableModel.PROBLEM, not rows)
        unplaced = [
            f"{key.replace('_', ' ')}: {message}"
            for key, message in errors.items()
            if key not in self.error_labels and not key.startswith("phase ")
        ]
        if errors:
            self.summary.setText(
                "Nothing was saved: please fix the problems marked below."
                + ("\n" + "\n".join(unplaced) if unplaced else "")
            )
        self.summary.setVisible(bool(errors))

    def _focus_first_problem(self, errors: dict[str, str]) -> None:
        rows = sorted(int(key.split()[1]) - 1 for key in errors if key.startswith("phase "))
        if "title" in errors:
            self.title_edit.setFocus()
        elif "question_round" in errors:
            self.question_combo.setFocus()
        elif rows or "phases" in errors:
            if rows:
                index = self.phase_model.index(rows[0], PhaseTableModel.NAME)
                self.phase_view.setCurrentIndex(index)
                self.phase_view.scrollTo(index)
            self.phase_view.setFocus()
        elif "rubric" in errors:
            self.rubric_edit.setFocus()

    # --- saving ----------------------------------------------------------------------------
    def _taken_types(self) -> set[str]:
        return {t.type for t in round_store.list_templates(self.store)} | set(self.shipped_types)

    def build(self) -> RoundTemplate:
        """The template in the form; TemplateError lists every problem."""
        title = self.title_edit.text()
        template_type = (
            self.template.type
            if self.template is not None
            else new_template_type(title, self._taken_types())
        )
        return template_from_form(
            template_type=template_type,
            title=title,
            phases=self.phase_model.phases(),
            rubric=self.rubric_edit.toPlainText().splitlines(),
            question_round=self.question_combo.currentData() or "",
        )

    def try_save(self) -> bool:
        self.phase_view.commit_editing()
        try:
            template = self.build()
            stored = round_store.save_user_template(self.store, template, self.shipped)
        except TemplateError as error:
            self.show_errors(error.problems)
            self._focus_first_problem(error.problems)
            return False
        except StoreError as error:
            self.show_errors({})
            self.summary.setText(str(error))
            self.summary.show()
            return False
        self.show_errors({})
        self.template = stored
        self.outcome = EditOutcome("saved", stored.type)
        self._initial = self._snapshot()
        self.accept()
        return True

    def duplicate(self) -> None:
        """Turn the form into a new, unsaved template of the user's own, keeping what is typed."""
        if self.template is None:
            return
        self.phase_view.commit_editing()
        source = self.template
        copy = duplicate_template(
            RoundTemplate(
                type=source.type,
                title=self.title_edit.text() or source.title,
                phases=[],
                rubric=[],
                question_round=source.question_round,
            ),
            self._taken_types(),
        )
        self.copied_from = source
        self.template = None
        self.title_edit.setText(copy.title)
        self._initial = ()  # an unsaved copy always counts as a change
        self._describe()
        self.show_errors({})
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def restore_default(self) -> bool:
        shipped = self.shipped_version()
        if shipped is None or self.origin() != EDITED:
            return False
        if not TemplateConfirm.ask(
            self,
            "Restore the shipped template?",
            f"Throw away your edits to “{self.template.title}” and use the shipped "
            f"“{shipped.title}” template again?",
        ):
            return False
        try:
            round_store.restore_default(self.store, shipped)
        except StoreError as error:
            self.summary.setText(str(error))
            self.summary.show()
            return False
        self.outcome = EditOutcome("restored", shipped.type)
        self._initial = self._snapshot()
        super().accept()
        return True

    def delete(self) -> bool:
        if self.origin() != OWN:
            return False
        if not TemplateConfirm.ask(
            self,
            "Delete this template?",
            f"Delete your template “{self.template.title}”? Rounds you ran with it stay in "
            "the history.",
        ):
            return False
        try:
            round_store.delete_template(
                self.store, self.template.type, shipped_types=self.shipped_types
            )
        except StoreError as error:
            self.summary.setText(str(error))
            self.summary.show()
            return False
        self.outcome = EditOutcome("deleted", self.template.type)
        self._initial = self._snapshot()
        super().accept()
        return True

    def reject(self) -> None:
        self.phase_view.commit_editing()
        if self.is_dirty() and not TemplateConfirm.ask(
            self, "Discard your changes?", "Close the template editor without saving?"
        ):
            return
        super().reject()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        store,
        template: RoundTemplate | None,
        shipped: list[RoundTemplate],
    ) -> EditOutcome | None:
        """Open the editor (``template=None`` for a new one); what was stored, or None."""
        dialog = cls(store, template, shipped, parent)
        dialog.resize(760, 680)
        dialog.exec()
        return dialog.outcome
