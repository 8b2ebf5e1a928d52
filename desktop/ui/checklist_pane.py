"""The readiness checklist screen: tick outcomes, see progress per section and overall."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.paths import content_root
from desktop.store import study
from desktop.store.database import Store
from desktop.study.checklist import Section, load_checklist, overall, progress
from desktop.ui.theme import readable_item_indicators

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
GUIDE_LINK = "guide:checklist"


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _section_text(done: int, total: int) -> str:
    return f"✓ {done} / {total}" if done == total and total else f"{done} / {total}"


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text: the outcomes are whole sentences, never elided."""

    def __init__(self, view: QTreeView):
        super().__init__(view)
        self.view = view

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        if index.column() != 0:
            return hint
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        depth = 1 if index.parent().isValid() else 0
        indent = self.view.indentation() * (depth + 1)
        item.rect = QRect(0, 0, self.view.columnWidth(0) - indent, hint.height())
        style = self.view.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, self.view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1
        width = text_rect.width() - 2 * margin
        if width <= 40:
            return hint
        text = item.fontMetrics.boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, item.text
        )
        return QSize(hint.width(), max(hint.height(), text.height() + 6))


class ChecklistView(QWidget):
    """``changed(ticked, total)`` after every tick; ``open_requested(key)`` for reader links."""

    changed = Signal(int, int)
    open_requested = Signal(str)

    def __init__(
        self,
        store: Store,
        sections: list[Section] | None = None,
        clock: Callable[[], dt.datetime] = _now,
        content_dir: Path | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.sections = (
            sections if sections is not None else load_checklist(content_dir or content_root())
        )
        self._filling = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("checklistSummary")
        top.addWidget(self.summary)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        top.addWidget(self.bar, 1)
        self.hide_ticked = QCheckBox("Hide ticked")
        top.addWidget(self.hide_ticked)
        layout.addLayout(top)
        self.guide_label = QLabel(
            "Tick an outcome once it is true. "
            f'<a href="{GUIDE_LINK}">Why each item matters</a> is in the checklist guide.'
        )
        self.guide_label.setWordWrap(True)
        self.guide_label.linkActivated.connect(self.open_requested.emit)
        layout.addWidget(self.guide_label)

        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(["Outcome", "Done"])
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        readable_item_indicators(self.tree)  # the "Hide ticked" box gets it app-wide
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # a new width re-wraps the outcomes (once the resizing settles)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        header.sectionResized.connect(lambda *_: self._relayout.start())
        layout.addWidget(self.tree, 1)

        self.model.itemChanged.connect(self._item_changed)
        self.hide_ticked.toggled.connect(self._apply_hiding)
        self.fill()

    def fill(self) -> None:
        ticked = study.ticked_items(self.store)
        self._filling = True
        self.model.removeRows(0, self.model.rowCount())
        self.section_items: list[tuple[QStandardItem, QStandardItem]] = []
        bold = QFont(self.font())
        bold.setBold(True)
        for section in self.sections:
            title = QStandardItem(section.title)
            title.setFont(bold)
            title.setEditable(False)
            title.setSelectable(False)
            count = QStandardItem()
            count.setEditable(False)
            count.setSelectable(False)
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for item in section.items:
                row = QStandardItem(item.text)
                row.setEditable(False)
                row.setCheckable(True)
                row.setToolTip(item.text)
                row.setData(item.id, ITEM_ROLE)
                row.setCheckState(
                    Qt.CheckState.Checked if item.id in ticked else Qt.CheckState.Unchecked
                )
                done = QStandardItem()
                done.setEditable(False)
                title.appendRow([row, done])
            self.model.appendRow([title, count])
            self.section_items.append((title, count))
        self._filling = False
        self.tree.expandAll()
        self._update_counts(ticked)
        self._apply_hiding()

    def ticked(self) -> set[str]:
        found = set()
        for title, _count in self.section_items:
            for row in range(title.rowCount()):
                child = title.child(row)
                if child.checkState() == Qt.CheckState.Checked:
                    found.add(child.data(ITEM_ROLE))
        return found

    def counts(self) -> tuple[int, int]:
        return overall(self.sections, self.ticked())

    def section_progress(self) -> list[tuple[str, int, int]]:
        return progress(self.sections, self.ticked())

    def set_ticked(self, item_id: str, ticked: bool) -> bool:
        """Tick (or untick) an item by id, as a click would; False if there is no such item."""
        for title, _count in self.section_items:
            for row in range(title.rowCount()):
                child = title.child(row)
                if child.data(ITEM_ROLE) == item_id:
                    child.setCheckState(
                        Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
                    )
                    return True
        return False

    def _item_changed(self, item: QStandardItem) -> None:
        item_id = item.data(ITEM_ROLE)
        if self._filling or not item_id:
            return
        checked = item.checkState() == Qt.CheckState.Checked
        study.set_ticked(self.store, item_id, checked, self.clock())
        ticked = self.ticked()
        self._update_counts(ticked)
        self._apply_hiding()
        self.changed.emit(*overall(self.sections, ticked))

    def _update_counts(self, ticked: set[str]) -> None:
        for (title, count), (_name, done, total) in zip(
            self.section_items, progress(self.sections, ticked), strict=True
        ):
            count.setText(_section_text(done, total))
            title.setToolTip(f"{done} of {total} done")
        done, total = overall(self.sections, ticked)
        percent = round(100 * done / total) if total else 0
        self.summary.setText(f"<b>Readiness {done}/{total}</b> ({percent}%)")
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _apply_hiding(self) -> None:
        hide = self.hide_ticked.isChecked()
        for section_row, (title, _count) in enumerate(self.section_items):
            parent = self.model.index(section_row, 0)
            for row in range(title.rowCount()):
                checked = title.child(row).checkState() == Qt.CheckState.Checked
                self.tree.setRowHidden(row, parent, hide and checked)


class ChecklistDialog(QDialog):
    """The checklist in its own window, next to whatever the user is doing (one per window)."""

    def __init__(
        self,
        store: Store,
        clock: Callable[[], dt.datetime] = _now,
        parent: QWidget | None = None,
        sections: list[Section] | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Readiness checklist")
        self.resize(760, 720)
        layout = QVBoxLayout(self)
        self.view = ChecklistView(store, sections, clock, parent=self)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def show_for(
        parent: QWidget, store: Store, clock: Callable[[], dt.datetime] = _now
    ) -> ChecklistDialog:
        """Bring the parent's checklist forward, creating it the first time."""
        dialog = getattr(parent, "_checklist_dialog", None)
        if dialog is None:
            dialog = ChecklistDialog(store, clock, parent)
            parent._checklist_dialog = dialog
        else:
            dialog.view.fill()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
