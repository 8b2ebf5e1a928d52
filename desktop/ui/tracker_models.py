"""Qt models for the tracker: the applications table (filter and sort in Python lists, fast for
10,000 rows; the view sorts through the model's own sort()), and one list model per board
column."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    Qt,
)

from desktop.tracker.records import STATUSES

# Positions in desktop.store.tracker.application_rows() tuples.
ID, COMPANY, ROLE, TRACK, STATUS, SOURCE, APPLIED, PRIORITY, LOCATION, NEXT, PREFERENCE = range(11)
COLUMNS = [
    ("Company", COMPANY),
    ("Role", ROLE),
    ("Track", TRACK),
    ("Status", STATUS),
    ("Source", SOURCE),
    ("Applied", APPLIED),
    ("Priority", PRIORITY),
    ("Location", LOCATION),
    ("Next action", NEXT),
]
_ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole + 1
MIME = "application/x-mlprep-application-ids"


class ApplicationTableModel(QAbstractTableModel):
    """All applications as tuples; ``set_filter`` and ``sort`` rebuild the visible index list.

    Filtering through a proxy's filterAcceptsRow would call Python once per row per keystroke;
    matching precomputed lower-case text in a list comprehension is ~50x cheaper.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple] = []
        self._haystacks: list[str] = []
        self.visible: list[int] = []
        self.filter_text = ""
        self.status_filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._order: list[int] | None = None

    def set_rows(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._haystacks = [
            f"{r[COMPANY]} {r[ROLE]} {r[TRACK]} {r[STATUS]} {r[SOURCE] or ''} "
            f"{r[LOCATION] or ''}".lower()
            for r in rows
        ]
        self._sort_order()
        self._compute()
        self.endResetModel()

    def set_filter(self, text: str, status: str | None = None) -> None:
        self.filter_text = text.strip().lower()
        if status is not None:
            self.status_filter = status
        self.beginResetModel()
        self._compute()
        self.endResetModel()

    def _compute(self) -> None:
        # Walk the rows in the current sort order, so a keystroke never sorts.
        order = self._order if self._order is not None else range(len(self.rows))
        words = self.filter_text.split()
        status = self.status_filter
        hay, rows = self._haystacks, self.rows
        visible = list(order)
        if status:
            visible = [i for i in visible if rows[i][STATUS] == status]
        # One pass per word over what the previous words left: each pass is a tight
        # comprehension, and later words scan ever fewer rows.
        for word in sorted(set(words), key=len, reverse=True):
            visible = [i for i in visible if word in hay[i]]
        self.visible = visible

    def _sort_order(self) -> None:
        if self._sort is None:
            self._order = None
            return
        field, order = self._sort
        rows = self.rows
        self._order = sorted(
            range(len(rows)),
            key=lambda i: _sort_key(rows[i][field]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (COLUMNS[column][1], order) if 0 <= column < len(COLUMNS) else None
        self._sort_order()
        self._compute()
        self.layoutChanged.emit()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.rows[self.visible[index.row()]][COLUMNS[index.column()][1]]
            return "" if value is None else str(value)
        if role == ID_ROLE:
            return self.rows[self.visible[index.row()]][ID]
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def application_id(self, row: int) -> int:
        return self.rows[self.visible[row]][ID]

    def row_of(self, application_id: int) -> int | None:
        """The visible row showing ``application_id``, or None when it is filtered out."""
        for row, i in enumerate(self.visible):
            if self.rows[i][ID] == application_id:
                return row
        return None


def _sort_key(value):
    if value is None or value == "":
        return (1, "")
    if isinstance(value, int | float):
        return (0, f"{value:020.4f}")
    return (0, str(value).lower())


class StatusColumnModel(QAbstractListModel):
    """One board column: the applications with one status; drag out and drop in.

    ``items`` holds the whole column; the view is given ``PAGE`` cards at a time through Qt's
    canFetchMore/fetchMore (more arrive as the user scrolls to the bottom), so a column of a
    few thousand applications opens as fast as one of a few dozen.
    """

    PAGE = 100

    def __init__(self, status: str, on_drop: Callable[[list[int], str], None], parent=None):
        super().__init__(parent)
        self.status = status
        self.items: list[tuple[int, str]] = []
        self.shown = 0
        self.on_drop = on_drop

    def set_items(self, items: list[tuple[int, str]]) -> None:
        self.beginResetModel()
        self.items = items
        self.shown = min(len(items), self.PAGE)
        self.endResetModel()

    def canFetchMore(self, parent=_ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and self.shown < len(self.items)

    def fetchMore(self, parent=_ROOT) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = min(self.PAGE, len(self.items) - self.shown)
        if more > 0:
            self.beginInsertRows(_ROOT, self.shown, self.shown + more - 1)
            self.shown += more
            self.endInsertRows()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.shown

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.items[index.row()][1]
        if role == ID_ROLE:
            return self.items[index.row()][0]
        return None

    def flags(self, index: QModelIndex):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self):  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self):  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        data = QMimeData()
        ids = sorted({self.items[i.row()][0] for i in indexes if i.isValid()})
        data.setData(MIME, QByteArray(",".join(map(str, ids)).encode()))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return data.hasFormat(MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        if not data.hasFormat(MIME):
            return False
        text = bytes(data.data(MIME)).decode()
        ids = [int(part) for part in text.split(",") if part]
        ids = [i for i in ids if i not in {item[0] for item in self.items}]
        if ids:
            self.on_drop(ids, self.status)
        # The pane moves the rows itself; returning False stops Qt removing the dragged row.
        return False

    def remove_ids(self, ids: set[int]) -> list[tuple[int, str]]:
        taken = [item for item in self.items if item[0] in ids]
        if taken:
            shown = self.shown
            self.beginResetModel()
            self.items = [item for item in self.items if item[0] not in ids]
            self.shown = min(len(self.items), max(shown - len(taken), self.PAGE))
            self.endResetModel()
        return taken

    def add_items(self, items: list[tuple[int, str]]) -> None:
        """Put ``items`` at the top of the column, where the user who just moved them looks."""
        if items:
            self.beginInsertRows(_ROOT, 0, len(items) - 1)
            self.items[:0] = items
            self.shown += len(items)
            self.endInsertRows()


def board_columns() -> tuple[str, ...]:
    return STATUSES
