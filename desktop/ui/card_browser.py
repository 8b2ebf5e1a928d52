"""The card browser: every flashcard, filtered by area, state and text; edit, suspend, delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.store import study
from desktop.store.database import Store
from desktop.study.areas import AREAS, area_title
from desktop.study.cards import STATES, StudyCard, card_state
from desktop.ui.card_editor import CardEditorDialog

COLUMNS = ("Front", "Area", "From", "State", "Due", "Tags")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
AREA_ROLE = Qt.ItemDataRole.UserRole + 3
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 4


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _first_line(text: str, limit: int = 120) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


class Confirm:
    """Yes/no before deleting; tests monkeypatch ``ask``."""

    @staticmethod
    def ask(parent: QWidget | None, title: str, question: str) -> bool:
        answer = QMessageBox.question(parent, title, question)
        return answer == QMessageBox.StandardButton.Yes


class CardTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.cards: list[StudyCard] = []
        self.states: list[str] = []
        self.today = dt.date.today()

    def set_cards(self, cards: list[StudyCard], today: dt.date) -> None:
        self.beginResetModel()
        self.today = today
        self.cards = sorted(cards, key=lambda c: (c.area, c.topic, c.question))
        self.states = [card_state(card, today) for card in self.cards]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.cards)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        card = self.cards[index.row()]
        state = self.states[index.row()]
        if role == ID_ROLE:
            return card.id
        if role == STATE_ROLE:
            return state
        if role == AREA_ROLE:
            return card.area
        if role == SEARCH_ROLE:
            return " ".join((card.question, card.answer, card.topic, *card.tags)).lower()
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "Front": _first_line(card.question),
                "Area": area_title(card.area),
                "From": card.topic or "your card",
                "State": state,
                "Due": "" if card.is_new else (card.due or "")[:10],
                "Tags": " ".join(card.tags),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == "Front":
            return card.question[:600]
        if role == Qt.ItemDataRole.UserRole:  # sort key
            if column == "Due":
                return card.due or ""
            return self.data(index, Qt.ItemDataRole.DisplayRole).lower()
        return None

    def card(self, row: int) -> StudyCard:
        return self.cards[row]

    def row_of(self, card_id: str) -> int | None:
        return next((i for i, c in enumerate(self.cards) if c.id == card_id), None)


class CardFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.area = ""
        self.state = ""
        self.words: list[str] = []
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_filters(self, area: str = "", state: str = "", text: str = "") -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            self.area, self.state, self.words = area, state, text.lower().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.area, self.state, self.words = area, state, text.lower().split()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        index = self.sourceModel().index(row, 0, parent)
        if self.area and index.data(AREA_ROLE) != self.area:
            return False
        if self.state and index.data(STATE_ROLE) != self.state:
            return False
        haystack = index.data(SEARCH_ROLE)
        return all(word in haystack for word in self.words)


class CardBrowserDialog(QDialog):
    """Non-blocking: opened with ``open()``; ``changed`` tells the opener to refresh."""

    changed = Signal()

    def __init__(
        self,
        store: Store,
        clock: Callable[[], dt.datetime] = _now,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.setWindowTitle("Browse flashcards")
        self.resize(1000, 640)
        layout = QVBoxLayout(self)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search front, back, topic and tags")
        self.search.setClearButtonEnabled(True)
        filters.addWidget(self.search, 2)
        self.area_filter = QComboBox()
        self.area_filter.addItem("All areas", "")
        for area in AREAS:
            self.area_filter.addItem(area_title(area), area)
        filters.addWidget(self.area_filter)
        self.state_filter = QComboBox()
        self.state_filter.addItem("Any state", "")
        for state in STATES:
            self.state_filter.addItem(state.capitalize(), state)
        filters.addWidget(self.state_filter)
        self.count_label = QLabel()
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        self.model = CardTableModel(self)
        self.proxy = CardFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        from_column = COLUMNS.index("From")
        header.setSectionResizeMode(from_column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(from_column, 170)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setSizes([440, 160])
        layout.addWidget(splitter, 1)

        actions = QHBoxLayout()
        self.new_button = QPushButton("New card…")
        self.edit_button = QPushButton("Edit…")
        self.suspend_button = QPushButton("Suspend")
        self.unsuspend_button = QPushButton("Unsuspend")
        self.unbury_button = QPushButton("Unbury")
        self.delete_button = QPushButton("Delete…")
        self.close_button = QPushButton("Close")
        for button in (
            self.new_button,
            self.edit_button,
            self.suspend_button,
            self.unsuspend_button,
            self.unbury_button,
            self.delete_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        layout.addLayout(actions)

        self.search.textChanged.connect(self.apply_filters)
        self.area_filter.currentIndexChanged.connect(self.apply_filters)
        self.state_filter.currentIndexChanged.connect(self.apply_filters)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.new_button.clicked.connect(self.new_card)
        self.edit_button.clicked.connect(self.edit_selected)
        self.suspend_button.clicked.connect(lambda: self.set_suspended(True))
        self.unsuspend_button.clicked.connect(lambda: self.set_suspended(False))
        self.unbury_button.clicked.connect(self.unbury)
        self.delete_button.clicked.connect(self.delete_selected)
        self.close_button.clicked.connect(self.accept)
        self.reload()
        if self.proxy.rowCount():
            self.select([self.proxy.index(0, 0).data(ID_ROLE)])

    # --- data -----------------------------------------------------------------------------
    def reload(self, select: list[str] | None = None) -> None:
        select = self.selected_ids() if select is None else select
        self.model.set_cards(study.all_cards(self.store), self.clock().date())
        self._update_count()
        self.select(select)

    def apply_filters(self) -> None:
        self.proxy.set_filters(
            self.area_filter.currentData() or "",
            self.state_filter.currentData() or "",
            self.search.text(),
        )
        self._update_count()
        self._selection_changed()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            f"{shown} of {total} cards" if shown != total else f"{total} cards"
        )

    def visible_ids(self) -> list[str]:
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]

    def selected_cards(self) -> list[StudyCard]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.card(self.proxy.mapToSource(self.proxy.index(r, 0)).row()) for r in rows]

    def selected_ids(self) -> list[str]:
        return [card.id for card in self.selected_cards()]

    def select(self, card_ids: list[str]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = True
        for card_id in card_ids:
            row = self.model.row_of(card_id)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not index.isValid():
                continue
            flags = (
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            if first:
                self.table.setCurrentIndex(index)
                first = False
            selection.select(index, flags)
        self._selection_changed()

    def _selection_changed(self, *_args) -> None:
        cards = self.selected_cards()
        states = {card_state(c, self.model.today) for c in cards}
        own = [c for c in cards if c.is_own]
        self.edit_button.setEnabled(len(cards) == 1 and bool(own))
        self.edit_button.setToolTip(
            "" if own or not cards else "Cards from the library are read-only: suspend instead"
        )
        self.delete_button.setEnabled(bool(cards) and len(own) == len(cards))
        self.suspend_button.setEnabled(any(s != "suspended" for s in states))
        self.unsuspend_button.setEnabled("suspended" in states)
        self.unbury_button.setEnabled(any(c.buried_until for c in cards) and "buried" in states)
        if len(cards) == 1:
            card = cards[0]
            source = "your card" if card.is_own else f"from the topic {card.topic}"
            tags = f" · tags: {' '.join(card.tags)}" if card.tags else ""
            self.preview.setMarkdown(
                f"{card.question}\n\n---\n\n{card.answer}\n\n---\n\n"
                f"*{area_title(card.area)} · {source} · {card_state(card, self.model.today)}"
                f"{tags}*"
            )
        elif cards:
            self.preview.setMarkdown(f"*{len(cards)} cards selected*")
        else:
            self.preview.setMarkdown("*Select a card to see both sides.*")

    # --- actions --------------------------------------------------------------------------
    def _changed(self, select: list[str] | None = None) -> None:
        self.reload(select)
        self.changed.emit()

    def new_card(self) -> str | None:
        area = self.area_filter.currentData() or ""
        card_id = CardEditorDialog.ask(self, self.store, None, area=area, clock=self.clock)
        if card_id:
            self._changed([card_id])
        return card_id

    def edit_selected(self) -> str | None:
        cards = self.selected_cards()
        if len(cards) != 1 or not cards[0].is_own:
            return None
        card_id = CardEditorDialog.ask(self, self.store, cards[0], clock=self.clock)
        if card_id:
            self._changed([card_id])
        return card_id

    def set_suspended(self, suspended: bool) -> None:
        ids = self.selected_ids()
        for card_id in ids:
            study.set_suspended(self.store, card_id, suspended)
        if ids:
            self._changed(ids)

    def unbury(self) -> None:
        ids = [c.id for c in self.selected_cards() if c.buried_until]
        for card_id in ids:
            study.unbury(self.store, card_id)
        if ids:
            self._changed(self.selected_ids())

    def delete_selected(self) -> bool:
        cards = self.selected_cards()
        if not cards or not all(c.is_own for c in cards):
            return False
        what = "this card" if len(cards) == 1 else f"these {len(cards)} cards"
        if not Confirm.ask(
            self,
            "Delete flashcards?",
            f"Delete {what} and its review history? This cannot be undone.",
        ):
            return False
        for card in cards:
            study.delete_user_card(self.store, card.id)
        self._changed([])
        return True


def show_browser(
    existing: CardBrowserDialog | None,
    store: Store,
    clock: Callable[[], dt.datetime],
    parent: QWidget,
    on_changed: Callable[[], None],
) -> CardBrowserDialog:
    """The owner's card browser beside its page (not blocking it): made on first use with
    ``on_changed`` following its edits, reloaded and raised after that."""
    if existing is None:
        existing = CardBrowserDialog(store, clock, parent)
        existing.changed.connect(on_changed)
    else:
        existing.reload()
    existing.show()
    existing.raise_()
    return existing
