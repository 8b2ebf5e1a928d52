"""The tracker's month calendar: a painted 6x7 month grid of interviews and deadlines on their
local day, month navigation, and the chosen day's items listed below."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.tracker.records import mock_round_for
from desktop.tracker.schedule import (
    DEADLINE,
    INTERVIEW,
    DayItem,
    month_days,
    shift_month,
)

DATE_ROLE = Qt.ItemDataRole.UserRole + 1
ITEMS_ROLE = Qt.ItemDataRole.UserRole + 2
IN_MONTH_ROLE = Qt.ItemDataRole.UserRole + 3
TODAY_ROLE = Qt.ItemDataRole.UserRole + 4
ITEM_ROLE = Qt.ItemDataRole.UserRole + 5

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Accents read on both the light and the dark palette; chips blend them into the base colour.
INTERVIEW_COLOR = "#3d7be0"
FINAL_COLOR = "#9b59d0"
DEADLINE_COLOR = "#d9822b"
DONE_COLOR = "#8a9099"

Loader = Callable[[dt.date, dt.date], dict[dt.date, list[DayItem]]]


def accent(item: DayItem) -> QColor:
    if item.kind == DEADLINE:
        return QColor(DONE_COLOR if item.done else DEADLINE_COLOR)
    return QColor(FINAL_COLOR if item.final else INTERVIEW_COLOR)


def dot_icon(color: QColor, size: int = 10) -> QIcon:
    """A small filled circle: the day list's colour key, matching the chips in the grid."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def blend(top: QColor, bottom: QColor, amount: float) -> QColor:
    """``amount`` of ``top`` over ``bottom``."""
    return QColor(
        round(top.red() * amount + bottom.red() * (1 - amount)),
        round(top.green() * amount + bottom.green() * (1 - amount)),
        round(top.blue() * amount + bottom.blue() * (1 - amount)),
    )


class MonthModel(QAbstractTableModel):
    """Six weeks of days; each cell holds its date and that day's items."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.year, self.month = 2000, 1
        self.first_weekday = 0
        self.days: list[dt.date] = month_days(2000, 1)
        self.items: dict[dt.date, list[DayItem]] = {}
        self.today = dt.date(2000, 1, 1)

    def set_month(
        self,
        year: int,
        month: int,
        items: dict[dt.date, list[DayItem]],
        today: dt.date,
        first_weekday: int = 0,
    ) -> None:
        self.beginResetModel()
        self.year, self.month, self.first_weekday = year, month, first_weekday
        self.days = month_days(year, month, first_weekday)
        self.items = items
        self.today = today
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.days) // 7

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else 7

    def day_at(self, index: QModelIndex) -> dt.date | None:
        if not index.isValid():
            return None
        return self.days[index.row() * 7 + index.column()]

    def index_of(self, day: dt.date) -> QModelIndex:
        if day not in self.days:
            return QModelIndex()
        position = self.days.index(day)
        return self.index(position // 7, position % 7)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        day = self.day_at(index)
        if day is None:
            return None
        items = self.items.get(day, [])
        if role == Qt.ItemDataRole.DisplayRole:
            return str(day.day)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{day:%A} {day.day} {day:%B %Y}"] + [item.long for item in items]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            count = f", {len(items)} items" if items else ""
            return f"{day:%A %d %B}{count}"
        if role == DATE_ROLE:
            return day
        if role == ITEMS_ROLE:
            return items
        if role == IN_MONTH_ROLE:
            return day.month == self.month
        if role == TODAY_ROLE:
            return day == self.today
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return WEEKDAYS[(self.first_weekday + section) % 7]
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class DayDelegate(QStyledItemDelegate):
    """Paints a day: its number (circled when it is today) and one chip per item, with
    "+N more" when they do not fit. Colours come from the palette, so both themes work."""

    PADDING = 4

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        palette = option.palette
        rect = option.rect
        in_month = bool(index.data(IN_MONTH_ROLE))
        is_today = bool(index.data(TODAY_ROLE))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        items: list[DayItem] = index.data(ITEMS_ROLE) or []
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        background = base if in_month else blend(window, base, 0.7)
        if selected:
            background = blend(highlight, background, 0.16)
        painter.fillRect(rect, background)
        painter.setPen(blend(palette.color(QPalette.ColorRole.Mid), background, 0.6))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if selected:
            painter.setPen(highlight)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))

        # The day number uses the chips' smaller font so a short cell still fits three chips.
        small = QFont(option.font)
        if small.pointSizeF() > 0:
            small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        number_font = QFont(small)
        number_font.setBold(is_today)
        painter.setFont(number_font)
        number_metrics = painter.fontMetrics()
        number = str(index.data(Qt.ItemDataRole.DisplayRole))
        height = number_metrics.height() + 2
        width = max(height, number_metrics.horizontalAdvance(number) + 8)
        number_box = QRect(rect.left() + self.PADDING, rect.top() + 3, width, height)
        if is_today:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight)
            painter.drawRoundedRect(number_box, height / 2, height / 2)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        else:
            painter.setPen(text if in_month else muted)
        painter.drawText(number_box, Qt.AlignmentFlag.AlignCenter, number)

        painter.setFont(small)
        small_metrics = painter.fontMetrics()
        chip_height = small_metrics.height() + 3
        top = number_box.bottom() + 2
        bottom = rect.bottom() - 2
        room = max((bottom - top + 1) // (chip_height + 1), 0)
        shown = items if len(items) <= room else items[: max(room - 1, 0)]
        width = rect.width() - 2 * self.PADDING
        for item in shown:
            chip = QRect(rect.left() + self.PADDING, top, width, chip_height)
            color = accent(item)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(blend(color, background, 0.18))
            painter.drawRoundedRect(chip, 3, 3)
            painter.setBrush(color)
            painter.drawRoundedRect(QRect(chip.left(), chip.top(), 3, chip.height()), 1.5, 1.5)
            painter.setPen(text if in_month else muted)
            label = small_metrics.elidedText(item.short, Qt.TextElideMode.ElideRight, width - 10)
            painter.drawText(
                chip.adjusted(7, 0, -3, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                label,
            )
            top += chip_height + 1
        hidden = len(items) - len(shown)
        if hidden:
            painter.setPen(muted)
            painter.drawText(
                QRect(rect.left() + self.PADDING + 2, top, width, chip_height),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"+{hidden} more",
            )
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        return QSize(110, 84)


class CalendarView(QWidget):
    """A month of interviews and deadlines. ``load(first, last)`` gives each day's items."""

    open_requested = Signal(object)  # DayItem: double-click or "Open application"
    edit_requested = Signal(object)  # DayItem
    mock_requested = Signal(object)  # DayItem: an upcoming interview to practise
    day_selected = Signal(object)  # dt.date

    def __init__(
        self,
        load: Loader,
        today: Callable[[], dt.date] = dt.date.today,
        first_weekday: int = 0,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.load = load
        self.today = today
        self.first_weekday = first_weekday
        start = today()
        self.year, self.month = start.year, start.month
        self.selected_day: dt.date = start
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 8, 0)
        self.previous_button = QPushButton("‹")
        self.previous_button.setToolTip("Previous month")
        self.today_button = QPushButton("Today")
        self.next_button = QPushButton("›")
        self.next_button.setToolTip("Next month")
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(36)
        self.previous_button.clicked.connect(self.previous_month)
        self.next_button.clicked.connect(self.next_month)
        self.today_button.clicked.connect(self.go_today)
        self.title = QLabel()
        self.title.setObjectName("CalendarTitle")
        title_font = self.title.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        self.title.setFont(title_font)
        self.summary = QLabel()
        self.summary.setObjectName("CalendarSummary")
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        bar.addSpacing(10)
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = MonthModel(self)
        self.grid = QTableView()
        self.grid.setObjectName("CalendarGrid")
        self.grid.setModel(self.model)
        self.grid.setItemDelegate(DayDelegate(self.grid))
        self.grid.setShowGrid(False)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.horizontalHeader().setHighlightSections(False)
        self.grid.setMinimumHeight(6 * 56 + 24)
        self.grid.selectionModel().currentChanged.connect(self._on_current)
        splitter.addWidget(self.grid)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.setSpacing(2)
        self.day_title = QLabel()
        self.day_title.setObjectName("CalendarDayTitle")
        bold = self.day_title.font()
        bold.setBold(True)
        self.day_title.setFont(bold)
        lower_layout.addWidget(self.day_title)
        self.day_model = QStandardItemModel(self)
        self.day_list = QListView()
        self.day_list.setObjectName("CalendarDayList")
        self.day_list.setModel(self.day_model)
        self.day_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.day_list.setWordWrap(True)
        self.day_list.setUniformItemSizes(False)
        self.day_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.day_list.customContextMenuRequested.connect(self._day_menu)
        self.day_list.activated.connect(self._on_item_activated)
        lower_layout.addWidget(self.day_list, 1)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 140])
        layout.addWidget(splitter, 1)

    # --- navigation -----------------------------------------------------------------------
    def show_month(self, year: int, month: int, select: dt.date | None = None) -> None:
        self.year, self.month = year, month
        days = month_days(year, month, self.first_weekday)
        items = self.load(days[0], days[-1])
        self.model.set_month(year, month, items, self.today(), self.first_weekday)
        self.title.setText(dt.date(year, month, 1).strftime("%B %Y"))
        in_month = [i for day, day_items in items.items() if day.month == month for i in day_items]
        interviews = sum(1 for i in in_month if i.kind == INTERVIEW)
        deadlines = len(in_month) - interviews
        if in_month:
            parts = []
            if interviews:
                parts.append(f"{interviews} interview{'s' * (interviews != 1)}")
            if deadlines:
                parts.append(f"{deadlines} deadline{'s' * (deadlines != 1)}")
            self.summary.setText(" · ".join(parts) + " this month")
        else:
            self.summary.setText("Nothing scheduled this month")
        if select is None or (select.year, select.month) != (year, month):
            keep = self.selected_day
            select = keep if (keep.year, keep.month) == (year, month) else dt.date(year, month, 1)
        self.select_day(select)

    def refresh(self) -> None:
        self.show_month(self.year, self.month, self.selected_day)

    def next_month(self) -> None:
        self.show_month(*shift_month(self.year, self.month, 1))

    def previous_month(self) -> None:
        self.show_month(*shift_month(self.year, self.month, -1))

    def go_today(self) -> None:
        today = self.today()
        self.show_month(today.year, today.month, today)

    def select_day(self, day: dt.date) -> None:
        self.selected_day = day
        index = self.model.index_of(day)
        if index.isValid() and self.grid.currentIndex() != index:
            self.grid.setCurrentIndex(index)  # fills the list through _on_current
        else:
            self._fill_day(day)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        day = self.model.day_at(current)
        if day is None:
            return
        if (day.year, day.month) != (self.year, self.month):
            # A click on a greyed day of the month before or after turns the page.
            self.show_month(day.year, day.month, day)
            return
        self.selected_day = day
        self._fill_day(day)

    # --- the chosen day ---------------------------------------------------------------------
    def items_on(self, day: dt.date) -> list[DayItem]:
        return list(self.model.items.get(day, []))

    def _fill_day(self, day: dt.date) -> None:
        items = self.items_on(day)
        self.day_title.setText(f"{day:%A} {day.day} {day:%B %Y}")
        self.day_model.clear()
        if not items:
            empty = QStandardItem("No interviews or deadlines on this day.")
            empty.setEnabled(False)
            self.day_model.appendRow(empty)
        for item in items:
            row = QStandardItem(item.long)
            row.setData(item, ITEM_ROLE)
            row.setIcon(dot_icon(accent(item)))
            tip = "Double-click to open the application; right-click for more"
            row.setToolTip(tip if item.application_id else "Double-click to edit")
            self.day_model.appendRow(row)
        self.day_selected.emit(day)

    def day_item(self, row: int) -> DayItem | None:
        found = self.day_model.item(row)
        return found.data(ITEM_ROLE) if found is not None else None

    def _on_item_activated(self, index: QModelIndex) -> None:
        item = self.day_item(index.row())
        if item is not None:
            self.open_requested.emit(item)

    def can_practise(self, item: DayItem) -> bool:
        return (
            item.kind == INTERVIEW
            and item.day >= self.today()
            and mock_round_for(item.round_type) is not None
        )

    def menu_for(self, item: DayItem) -> QMenu:
        menu = QMenu(self)
        if item.application_id is not None:
            menu.addAction("Open application", lambda: self.open_requested.emit(item))
        noun = "interview" if item.kind == INTERVIEW else "deadline"
        menu.addAction(f"Edit {noun}…", lambda: self.edit_requested.emit(item))
        if self.can_practise(item):
            menu.addSeparator()
            menu.addAction("Start a mock round", lambda: self.mock_requested.emit(item))
        return menu

    def _day_menu(self, point: QPoint) -> None:
        index = self.day_list.indexAt(point)
        item = self.day_item(index.row()) if index.isValid() else None
        if item is not None:
            self.menu_for(item).exec(self.day_list.viewport().mapToGlobal(point))
