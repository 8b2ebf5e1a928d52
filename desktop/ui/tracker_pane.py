"""The Tracker place: applications as a table and a board, the next two weeks, a month calendar,
offers side by side, the funnel, and every record editable through validated forms."""

from __future__ import annotations

import datetime as dt
import html
import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.store import tracker as records
from desktop.tracker.records import (
    EQUITY_TITLES,
    STAGE_TITLES,
    STAGES,
    STATUSES,
    Application,
    mock_round_for,
)
from desktop.tracker.schedule import INTERVIEW, DayItem, round_title
from desktop.ui.context import UiContext
from desktop.ui.tracker_forms import (
    RecordDialog,
    application_from_values,
    application_specs,
    company_from_values,
    company_specs,
    contact_from_values,
    contact_specs,
    deadline_from_values,
    deadline_specs,
    event_from_values,
    event_specs,
    event_values,
    negotiation_from_values,
    negotiation_specs,
    negotiation_values,
    offer_from_values,
    offer_specs,
    stage_specs,
    stage_values,
)
from desktop.ui.tracker_models import (
    COMPANY,
    ID,
    ID_ROLE,
    ROLE,
    STATUS,
    ApplicationTableModel,
    StatusColumnModel,
)

AGENDA_DAYS = 14
FIRST_PAGE = 300  # rows shown before the rest loads
THREAD_JOIN_S = 5.0  # how long closing waits for background work (it checks often)


class Confirm:
    """Yes/no questions; tests monkeypatch ``ask``."""

    @staticmethod
    def ask(parent: QWidget | None, title: str, question: str) -> bool:
        answer = QMessageBox.question(parent, title, question)
        return answer == QMessageBox.StandardButton.Yes


class Notice:
    @staticmethod
    def show(parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.information(parent, title, message)


class PickFile:
    @staticmethod
    def open(parent, title: str, filters: str) -> str:
        return QFileDialog.getOpenFileName(parent, title, str(Path.home()), filters)[0]

    @staticmethod
    def save(parent, title: str, name: str, filters: str) -> str:
        return QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), filters)[0]


def _card(row: tuple) -> str:
    return f"{row[COMPANY]}\n{row[ROLE]}"


class TrackerPane(QWidget):
    advice_ready = Signal(int, object)
    # (mock-round type, interview event id, days until it): "practise this round"
    mock_requested = Signal(str, int, int)
    reminder_settings_changed = Signal()

    def __init__(
        self,
        context: UiContext,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
        tz: dt.tzinfo | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.today = today
        self.tz = tz  # the zone days are shown in; None = the machine's
        self.closed = False
        self._stop_work = threading.Event()
        self._threads: list[tuple[threading.Thread, dict]] = []
        self.loaded = False
        self.undo_stack: list[records.Deleted] = []
        self.rows_by_id: dict[int, tuple] = {}
        self._board_filled = False
        self.fully_loaded = False
        self.current_advice: list = []
        self.advice_shown = 0
        self._advice_generation = 0
        self.negotiation_entries: list = []
        self._build()

    @property
    def store(self):
        return self.context.store

    # --- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        bar = QHBoxLayout()
        self.filter_box = QLineEdit()
        self.filter_box.setObjectName("TrackerFilter")
        self.filter_box.setPlaceholderText("Filter by company, role, status, location…")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self.apply_filter)
        self.status_box = QComboBox()
        self.status_box.addItem("All statuses", "")
        for status in STATUSES:
            self.status_box.addItem(status.capitalize(), status)
        self.status_box.currentIndexChanged.connect(lambda _i: self.apply_filter())
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.status_box)
        for text, slot in (
            ("New application", self.new_application),
            ("Edit", self.edit_selected),
            ("Delete", self.delete_selected),
            ("Add interview", self.add_event),
            ("Add deadline", self.add_deadline),
            ("Add offer", self.add_offer),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=slot: s())
            bar.addWidget(button)
        layout.addLayout(bar)

        self.advice_label = QLabel()
        self.advice_label.setObjectName("TrackerAdvice")
        self.advice_label.setWordWrap(True)
        self.advice_label.setTextFormat(Qt.TextFormat.RichText)
        self.advice_label.hide()
        self.advice_label.linkActivated.connect(self._on_advice_link)
        self.advice_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.advice_ready.connect(self._show_advice)
        self.advice_expanded = False
        # A dozen processes can raise a dozen warnings: the first few show, the rest behind
        # "Show all", and even all of them never push the tabs off the screen.
        self.advice_area = QScrollArea()
        self.advice_area.setObjectName("TrackerAdviceArea")
        self.advice_area.setWidgetResizable(True)
        self.advice_area.setFrameShape(QFrame.Shape.NoFrame)
        self.advice_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.advice_area.setMaximumHeight(170)
        self.advice_area.setWidget(self.advice_label)
        self.advice_area.hide()
        layout.addWidget(self.advice_area)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_table(), "Applications")
        self.tabs.addTab(self._build_board(), "Board")
        self.tabs.addTab(self._build_agenda(), "Next 14 days")
        self.tabs.addTab(self._build_calendar(), "Calendar")
        self.tabs.addTab(self._build_offers(), "Offers")
        self.tabs.addTab(self._build_funnel(), "Funnel")
        self.tabs.addTab(self._build_records(), "Records")
        self.tabs.currentChanged.connect(self._on_tab)

        bottom = QHBoxLayout()
        for text, slot in (
            ("Import CSV…", self.import_csv),
            ("Export CSV…", self.export_csv),
            ("Export calendar (.ics)…", self.export_ics),
            ("Reminders…", self.edit_reminders),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=slot: s())
            bottom.addWidget(button)
        bottom.addStretch(1)
        self.undo_hint = QLabel()
        bottom.addWidget(self.undo_hint)
        layout.addLayout(bottom)

        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_delete)

    def _build_table(self) -> QWidget:
        splitter = QSplitter()
        # The view sits on the model itself: the model filters and sorts its own index list,
        # so a proxy would only add a 10,000-row mapping rebuild to every keystroke.
        self.table_model = ApplicationTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("TrackerTable")
        self.table.setModel(self.table_model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        for column, width in enumerate((150, 200, 130, 95, 95, 90, 60, 110)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        splitter.addWidget(self.table)
        self.detail = QTextBrowser()
        self.detail.setObjectName("TrackerDetail")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._on_detail_link)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        return splitter

    def _build_board(self) -> QWidget:
        board = QWidget()
        row = QHBoxLayout(board)
        row.setSpacing(6)
        self.board_models: dict[str, StatusColumnModel] = {}
        self.board_views: dict[str, QListView] = {}
        self.board_titles: dict[str, QLabel] = {}
        for status in STATUSES:
            column = QVBoxLayout()
            title = QLabel(status.capitalize())
            title.setStyleSheet("font-weight: bold;")
            self.board_titles[status] = title
            model = StatusColumnModel(status, self.move_applications, self)
            view = QListView()
            view.setObjectName(f"Board_{status}")
            view.setModel(model)
            view.setUniformItemSizes(True)
            view.setWordWrap(True)
            view.setLayoutMode(QListView.LayoutMode.Batched)
            view.setBatchSize(200)
            view.setDragEnabled(True)
            view.setAcceptDrops(True)
            view.setDropIndicatorShown(True)
            view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            view.setDefaultDropAction(Qt.DropAction.MoveAction)
            view.setMinimumWidth(110)
            view.doubleClicked.connect(
                lambda index, m=model: self.open_application(m.items[index.row()][0])
            )
            column.addWidget(title)
            column.addWidget(view, 1)
            row.addLayout(column, 1)
            self.board_models[status] = model
            self.board_views[status] = view
        return board

    def _build_agenda(self) -> QWidget:
        self.agenda_model = QStandardItemModel(self)
        self.agenda = QListView()
        self.agenda.setObjectName("TrackerAgenda")
        self.agenda.setModel(self.agenda_model)
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda.setWordWrap(True)
        return self.agenda

    def _build_calendar(self) -> QWidget:
        from PySide6.QtCore import QLocale

        from desktop.ui.tracker_calendar import CalendarView

        first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: Monday = 1; Python: 0
        self.calendar = CalendarView(self._calendar_items, self.today, first_weekday % 7)
        self.calendar.setObjectName("TrackerCalendar")
        self.calendar.open_requested.connect(self.open_calendar_item)
        self.calendar.edit_requested.connect(self.edit_calendar_item)
        self.calendar.mock_requested.connect(lambda item: self.request_mock(item.record_id))
        return self.calendar

    def _build_offers(self) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        settings = QHBoxLayout()
        self.currency_box = QLineEdit("USD")
        self.currency_box.setMaximumWidth(60)
        self.rates_box = QLineEdit()
        self.rates_box.setPlaceholderText("rates into it, e.g. GBP=1.27, EUR=1.08")
        self.discount_box = QLineEdit("50")
        self.discount_box.setMaximumWidth(50)
        self.tax_box = QLineEdit("45")
        self.tax_box.setMaximumWidth(50)
        for label, box in (
            ("Compare in", self.currency_box),
            ("Rates", self.rates_box),
            ("Options discount %", self.discount_box),
            ("Tax on exercise %", self.tax_box),
        ):
            settings.addWidget(QLabel(label))
            settings.addWidget(box, 1 if box is self.rates_box else 0)
            box.editingFinished.connect(self.refresh_offers)
        layout.addLayout(settings)
        self.offer_message = QLabel()
        self.offer_message.setStyleSheet("color: #d04444;")
        self.offer_message.hide()
        layout.addWidget(self.offer_message)
        self.comparison_model = QStandardItemModel(self)
        self.comparison = QTableView()
        self.comparison.setObjectName("OfferComparison")
        self.comparison.setModel(self.comparison_model)
        self.comparison.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparison.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.comparison, 3)
        row = QHBoxLayout()
        self.offer_picker = QComboBox()
        row.addWidget(QLabel("Negotiation log for"))
        row.addWidget(self.offer_picker, 1)
        self.negotiation_buttons: dict[str, QPushButton] = {}
        for text, slot in (
            ("Edit offer", self.edit_offer),
            ("Add entry", self.add_negotiation),
            ("Edit entry", self.edit_negotiation),
            ("Delete entry", self.delete_negotiation),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
            self.negotiation_buttons[text] = button
        layout.addLayout(row)
        self.offer_picker.currentIndexChanged.connect(lambda _i: self._show_negotiations())
        self.negotiation_model = QStandardItemModel(self)
        self.negotiation_view = QTableView()
        self.negotiation_view.setObjectName("NegotiationLog")
        self.negotiation_view.setModel(self.negotiation_model)
        self.negotiation_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.negotiation_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.negotiation_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.negotiation_view.setWordWrap(True)
        self.negotiation_view.verticalHeader().hide()
        header = self.negotiation_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.negotiation_view.doubleClicked.connect(lambda _i: self.edit_negotiation())
        self.negotiation_view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_negotiation_buttons()
        )
        layout.addWidget(self.negotiation_view, 1)
        return widget

    def _build_funnel(self) -> QWidget:
        from desktop.ui.charts import ChartView

        widget = QWidget()
        layout = QVBoxLayout(widget)
        self.funnel_chart = ChartView("Pipeline: applications reaching each step", "bars")
        layout.addWidget(self.funnel_chart, 1)
        self.funnel_label = QLabel()
        self.funnel_label.setObjectName("FunnelRates")
        self.funnel_label.setWordWrap(True)
        layout.addWidget(self.funnel_label)
        return widget

    def _build_records(self) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        top = QHBoxLayout()
        self.record_kind = QComboBox()
        for text, key in (
            ("Interviews", "events"),
            ("Deadlines", "deadlines"),
            ("Offers", "offers"),
            ("Contacts", "contacts"),
            ("Companies", "companies"),
        ):
            self.record_kind.addItem(text, key)
        self.record_kind.currentIndexChanged.connect(lambda _i: self.refresh_records())
        top.addWidget(self.record_kind)
        for text, slot in (
            ("Add", self.add_record),
            ("Edit", self.edit_record),
            ("Delete", self.delete_record),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=slot: s())
            top.addWidget(button)
        top.addStretch(1)
        layout.addLayout(top)
        self.records_model = QStandardItemModel(self)
        self.records_view = QTableView()
        self.records_view.setObjectName("TrackerRecords")
        self.records_view.setModel(self.records_model)
        self.records_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.records_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.records_view.horizontalHeader().setStretchLastSection(True)
        self.records_view.verticalHeader().hide()
        self.records_view.doubleClicked.connect(lambda _i: self.edit_record())
        layout.addWidget(self.records_view, 1)
        return widget

    # --- loading ------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.refresh()

    def refresh(self) -> None:
        if self.closed:
            return
        # Lazy: the first screenful now, everything else right after the first paint.
        rows = records.application_rows(self.store, limit=FIRST_PAGE)
        self.fully_loaded = len(rows) < FIRST_PAGE
        if not self.fully_loaded:
            QTimer.singleShot(0, self, self._load_all)
        else:  # the board fills while the user reads the table, so opening it only paints
            QTimer.singleShot(0, self, self.ensure_board)
        self._set_rows(rows)
        self._refresh_advice()
        self.show_detail()
        self._on_tab(self.tabs.currentIndex())

    def _load_all(self) -> None:
        if self.closed:
            return
        selected = self.selected_id()
        self._set_rows(records.application_rows(self.store))
        self.fully_loaded = True
        if selected is not None:
            self.select_application(selected)
        if self.tabs.tabText(self.tabs.currentIndex()) == "Board":
            self.ensure_board()
        else:  # fill it while the user reads the table, so opening the board only paints
            QTimer.singleShot(0, self, self.ensure_board)

    def _set_rows(self, rows: list[tuple]) -> None:
        self.rows_by_id = {row[ID]: row for row in rows}
        self.table_model.set_rows(rows)
        self._board_filled = False  # filled when the board is first looked at

    def ensure_board(self) -> None:
        if not self._board_filled and not self.closed:
            self._board_filled = True
            self._fill_board(list(self.rows_by_id.values()))

    def _fill_board(self, rows: list[tuple]) -> None:
        columns: dict[str, list[tuple[int, str]]] = {status: [] for status in STATUSES}
        for row in rows:
            columns.setdefault(row[STATUS], []).append((row[ID], _card(row)))
        for status, model in self.board_models.items():
            model.set_items(columns[status])
            self.board_titles[status].setText(f"{status.capitalize()} ({len(columns[status])})")

    def show_tab(self, name: str) -> QWidget:
        """Bring the tab titled ``name`` forward (tests and links use titles, not positions)."""
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == name:
                self.tabs.setCurrentIndex(index)
                return self.tabs.widget(index)
        raise KeyError(name)

    def _on_tab(self, index: int) -> None:
        if not self.loaded:
            return
        name = self.tabs.tabText(index)
        if name == "Board":
            self.ensure_board()
        elif name.startswith("Next"):
            self.refresh_agenda()
        elif name == "Calendar":
            self.calendar.refresh()
        elif name == "Offers":
            self.refresh_offers()
        elif name == "Funnel":
            self.refresh_funnel()
        elif name == "Records":
            self.refresh_records()

    def _refresh_advice(self) -> None:
        """Advice reads every table, so it is computed off the GUI thread on a second
        connection of its own; the pane opens without waiting for it. After ``shutdown`` no
        new work starts and a result still computing is dropped, never emitted."""
        if self.closed:
            return
        self._advice_generation += 1
        generation = self._advice_generation
        today = self.today()
        database = self.store.path
        stop = self._stop_work
        opened: dict[str, object] = {}

        def work() -> None:
            from desktop.store.database import open_store
            from desktop.tracker.service import current_advice

            found = []
            try:
                if stop.is_set():
                    return
                store = open_store(database, upgrade=False)
                opened["connection"] = store.conn
                try:
                    if not stop.is_set():
                        found = current_advice(store, today)
                finally:
                    opened.clear()
                    store.close()
            except Exception:  # noqa: BLE001 - advice is optional; the pane keeps working
                if not stop.is_set():
                    logging.getLogger("mlprep").exception("computing tracker advice failed")
            if stop.is_set():
                return
            try:
                self.advice_ready.emit(generation, found)
            except RuntimeError:  # the pane was deleted while this ran
                pass

        self._threads = [(t, o) for t, o in self._threads if t.is_alive()]
        thread = threading.Thread(target=work, daemon=True, name="tracker-advice")
        self._threads.append((thread, opened))
        thread.start()

    def shutdown(self) -> None:
        """Stop background work and wait for it, before the window closes the store: a query
        still running on a worker's own connection is interrupted, then the thread joined."""
        self.closed = True
        self._stop_work.set()
        for _thread, opened in self._threads:
            connection = opened.get("connection")
            if connection is not None:
                try:
                    connection.interrupt()
                except sqlite3.ProgrammingError:  # it closed meanwhile
                    pass
        for thread, _opened in self._threads:
            thread.join(THREAD_JOIN_S)
        self._threads = [(t, o) for t, o in self._threads if t.is_alive()]

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        super().closeEvent(event)

    def background_threads(self) -> list[threading.Thread]:
        """Threads this pane started that are still running."""
        return [t for t, _opened in self._threads if t.is_alive()]

    def _show_advice(self, generation: int, found: list) -> None:
        if generation != self._advice_generation or self.closed:
            return
        self.current_advice = found
        self.advice_shown += 1
        if not found:
            self.advice_label.hide()
            self.advice_area.hide()
            return
        self._render_advice()

    ADVICE_COLLAPSED = 3

    def _render_advice(self) -> None:
        found = self.current_advice
        shown = found if self.advice_expanded else found[: self.ADVICE_COLLAPSED]
        items = []
        for item in shown:
            link = (
                f' <a href="ghost:{item.application_id}">Mark ghosted</a>'
                if item.action == "mark-ghosted"
                else ""
            )
            items.append(f"• {html.escape(item.message)}{link}")
        if len(found) > self.ADVICE_COLLAPSED:
            items.append(
                '<a href="advice:fewer">Show fewer</a>'
                if self.advice_expanded
                else f'<a href="advice:all">Show all {len(found)} notes</a>'
            )
        self.advice_label.setText("<br>".join(items))
        self.advice_label.show()
        self.advice_area.show()

    def _on_advice_link(self, link: str) -> None:
        if link.startswith("advice:"):
            self.advice_expanded = link == "advice:all"
            self._render_advice()
        elif link.startswith("ghost:"):
            self.mark_ghosted(int(link.split(":", 1)[1]))

    def mark_ghosted(self, application_id: int) -> None:
        application = records.get_application(self.store, application_id)
        if application is None:
            return
        application.status = "withdrawn"
        stamp = self.today().isoformat()
        application.notes = (application.notes + f"\nGhosted (no reply), marked {stamp}").strip()
        records.save_application(self.store, application)
        self.refresh()

    # --- table --------------------------------------------------------------------------
    def apply_filter(self, _text: str | None = None) -> None:
        self.table_model.set_filter(self.filter_box.text(), self.status_box.currentData() or "")

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.table_model.application_id(index.row())

    def select_application(self, application_id: int) -> None:
        row = self.table_model.row_of(application_id)
        if row is not None:
            self.table.setCurrentIndex(self.table_model.index(row, 0))

    def open_application(self, application_id: int) -> None:
        """Show one application in the table, even when the rows are still loading or the
        current filter hides it (the filter is cleared then: being asked to show something
        and showing nothing would be worse)."""
        self.tabs.setCurrentIndex(0)
        if self.table_model.row_of(application_id) is None and not self.fully_loaded:
            self._load_all()
        if self.table_model.row_of(application_id) is None and application_id in self.rows_by_id:
            self.filter_box.blockSignals(True)
            self.status_box.blockSignals(True)
            self.filter_box.clear()
            self.status_box.setCurrentIndex(0)
            self.filter_box.blockSignals(False)
            self.status_box.blockSignals(False)
            self.apply_filter()
        self.select_application(application_id)

    def show_detail(self) -> None:
        application_id = self.selected_id()
        if application_id is None:
            self.detail.setHtml(
                "<p>Select an application to see its stages and timeline.</p>"
                if self.rows_by_id
                else "<p>No applications yet. Add one with “New application” or import a CSV "
                "file (columns: company, role, track, status, source, applied_on, priority, "
                "location, notes).</p>"
            )
            return
        self.detail.setHtml(self.detail_html(application_id))

    def detail_html(self, application_id: int) -> str:
        application = records.get_application(self.store, application_id)
        if application is None:
            return ""
        company = records.company_by_name(self.store, application.company)
        e = html.escape
        parts = [f"<h3>{e(application.company)}: {e(application.role)}</h3>"]
        facts = [
            ("Status", application.status),
            ("Track", application.track),
            ("Team", application.team),
            ("Location", application.location),
            ("Source", application.source),
            ("Applied", application.applied_on),
            ("Next", f"{application.next_action} {application.next_action_on}".strip()),
        ]
        parts.append("<p>" + "<br>".join(f"<b>{k}:</b> {e(v)}" for k, v in facts if v) + "</p>")
        parts.append("<h4>Stages</h4><p>")
        for stage in STAGES:
            state = application.stage_state(stage)
            parts.append(f'{e(STAGE_TITLES[stage])}: <a href="stage:{stage}">{e(state)}</a><br>')
        parts.append('</p><p><a href="stages:edit">Change stages…</a></p>')
        upcoming = self._upcoming_interviews(application_id)
        if upcoming:
            parts.append("<h4>Upcoming interviews</h4><p>")
            for event in upcoming:
                local = event.local_start(self.tz)
                line = f"{local:%a %d %b %H:%M} — {e(round_title(event.round_type))}"
                if event.final:
                    line += " (final)"
                if mock_round_for(event.round_type):
                    line += f' · <a href="mock:{event.id}">Start a mock round</a>'
                parts.append(line + "<br>")
            parts.append("</p>")
        if company and company.rounds:
            parts.append(
                "<h4>Expected rounds</h4><p>" + "<br>".join(e(r) for r in company.rounds) + "</p>"
            )
        timeline = []
        for entry in records.history(self.store, application_id):
            what = (
                f"status {entry.from_value or '—'} → {entry.to_value}"
                if entry.kind == "status"
                else f"{STAGE_TITLES.get(entry.stage, entry.stage)}: "
                f"{entry.from_value} → {entry.to_value}"
            )
            timeline.append((entry.at, what))
        for event in records.events(self.store, application_id=application_id):
            local = event.local_start()
            text = f"interview: {event.round_type}" + (" (final)" if event.final else "")
            if event.outcome:
                text += f", {event.outcome}"
            timeline.append((local.strftime("%Y-%m-%dT%H:%M"), text))
        timeline.sort()
        parts.append("<h4>Timeline</h4><p>")
        parts += [f"{e(at[:16].replace('T', ' '))} — {e(what)}<br>" for at, what in timeline]
        parts.append("</p>")
        if application.notes:
            parts.append(f"<h4>Notes</h4><p>{e(application.notes)}</p>")
        return "".join(parts)

    def _upcoming_interviews(self, application_id: int) -> list:
        today = self.today()
        return [
            event
            for event in records.events(self.store, application_id=application_id)
            if event.local_start(self.tz).date() >= today
        ]

    def _on_detail_link(self, url) -> None:
        text = url.toString()
        application_id = self.selected_id()
        if text.startswith("mock:"):
            self.request_mock(int(text.split(":", 1)[1]))
            return
        if text == "stages:edit" and application_id is not None:
            self.edit_stages(application_id)
            return
        if text.startswith("stage:") and application_id is not None:
            stage = text.split(":", 1)[1]
            application = records.get_application(self.store, application_id)
            from desktop.tracker.records import STAGE_STATES

            current = application.stage_state(stage)
            following = STAGE_STATES[(STAGE_STATES.index(current) + 1) % len(STAGE_STATES)]
            records.set_stage(self.store, application_id, stage, following)
            self.show_detail()

    def edit_stages(self, application_id: int) -> int | None:
        """Every stage's state in one form; each change is appended to the history."""
        from desktop.tracker.service import save_stages

        application = records.get_application(self.store, application_id)
        if application is None:
            return None
        saved = RecordDialog.ask(
            self,
            f"Stages: {application.company}: {application.role}",
            stage_specs(),
            stage_values(application),
            lambda v: save_stages(self.store, application_id, v),
        )
        if saved is not None:
            self.show_detail()
            self._refresh_advice()
        return saved

    def request_mock(self, event_id: int) -> bool:
        """Ask the window to open a mock round like this interview (``mock_requested``)."""
        from desktop.tracker.service import get_event

        event = get_event(self.store, event_id)
        if event is None:
            return False
        round_type = mock_round_for(event.round_type)
        if round_type is None:
            return False
        days_left = max((event.local_start(self.tz).date() - self.today()).days, 0)
        self.mock_requested.emit(round_type, event_id, days_left)
        return True

    # --- calendar -----------------------------------------------------------------------
    def _calendar_items(self, first: dt.date, last: dt.date) -> dict[dt.date, list[DayItem]]:
        from desktop.tracker.service import calendar_items

        return calendar_items(self.store, first, last, self.tz)

    def open_calendar_item(self, item: DayItem) -> None:
        """Double-click in the calendar: the application's detail, or the record's form."""
        if item.application_id is not None and item.application_id in self.rows_by_id:
            self.open_application(item.application_id)
        else:
            self.edit_calendar_item(item)

    def edit_calendar_item(self, item: DayItem) -> None:
        self._edit("events" if item.kind == INTERVIEW else "deadlines", item.record_id)

    # --- reminders ----------------------------------------------------------------------
    def edit_reminders(self):
        from desktop.ui.reminders import edit_reminder_settings

        saved = edit_reminder_settings(self, self.store)
        if saved is not None:
            self.reminder_settings_changed.emit()  # the window checks again at once
        return saved

    # --- editing ------------------------------------------------------------------------
    def _application_choices(self) -> list[tuple[str, int]]:
        return [
            (f"{row[COMPANY]}: {row[ROLE]}", row[ID])
            for row in sorted(self.rows_by_id.values(), key=lambda r: (r[COMPANY], r[ROLE]))
        ]

    def _save_application(self, values: dict, base: Application | None) -> int:
        from desktop.tracker.service import default_rounds

        application = application_from_values(values, base)
        duplicate = records.find_active_duplicate(
            self.store, application.company, application.role, application.id
        )
        if duplicate is not None and not Confirm.ask(
            self,
            "Already tracked",
            f"You already have an active application for {duplicate.role} at "
            f"{duplicate.company} ({duplicate.status}). Save another one?",
        ):
            from desktop.tracker.records import ValidationError

            raise ValidationError({"role": "an active application for this role exists"})
        return records.save_application(self.store, application, default_rounds=default_rounds())

    def new_application(self) -> int | None:
        names = [c.name for c in records.companies(self.store)]
        values = {
            "status": "applied",
            "track": "ML Engineer",
            "applied_on": self.today().isoformat(),
        }
        saved = RecordDialog.ask(
            self,
            "New application",
            application_specs(names),
            values,
            lambda v: self._save_application(v, None),
        )
        if saved is not None:
            self.refresh()
            self.select_application(saved)
        return saved

    def edit_selected(self) -> None:
        application_id = self.selected_id()
        if application_id is None:
            return
        application = records.get_application(self.store, application_id)
        values = {k: getattr(application, k) for k in vars(application)}
        saved = RecordDialog.ask(
            self,
            "Edit application",
            application_specs([]),
            values,
            lambda v: self._save_application(v, application),
        )
        if saved is not None:
            self.refresh()
            self.select_application(saved)

    def delete_selected(self) -> bool:
        application_id = self.selected_id()
        if application_id is None:
            return False
        row = self.rows_by_id[application_id]
        if not Confirm.ask(
            self,
            "Delete application?",
            f"Delete {row[COMPANY]}: {row[ROLE]} with its interviews, deadlines, offers and "
            "history? You can undo with Ctrl+Z until you close MLPrep.",
        ):
            return False
        self._push_undo(
            records.delete_record(
                self.store, "tracker_applications", application_id, f"{row[COMPANY]}: {row[ROLE]}"
            )
        )
        self.refresh()
        return True

    def _push_undo(self, deleted: records.Deleted) -> None:
        self.undo_stack.append(deleted)
        self.undo_hint.setText(f"Deleted {deleted.description}. Ctrl+Z to undo.")

    def undo_delete(self) -> bool:
        if not self.undo_stack:
            return False
        deleted = self.undo_stack.pop()
        records.restore(self.store, deleted)
        self.undo_hint.setText(f"Restored {deleted.description}.")
        self.refresh()
        return True

    def move_applications(self, ids: list[int], status: str) -> None:
        """A drop on the board: the status change goes to the history like any other."""
        self.ensure_board()
        for application_id in ids:
            records.set_status(self.store, application_id, status)
        moved = set(ids)
        taken = []
        for model in self.board_models.values():
            if model.status != status:
                taken += model.remove_ids(moved)
        self.board_models[status].add_items(taken)
        rows = records.application_rows(self.store)
        self.rows_by_id = {row[ID]: row for row in rows}
        self.table_model.set_rows(rows)
        for name, model in self.board_models.items():
            self.board_titles[name].setText(f"{name.capitalize()} ({len(model.items)})")
        self._refresh_advice()

    def add_event(self, application_id: int | None = None) -> int | None:
        choices = self._application_choices()
        if not choices:
            Notice.show(self, "No applications", "Add an application first.")
            return None
        values = {
            "application_id": application_id or self.selected_id(),
            "duration_minutes": 45,
            "round_type": "recruiter-screen",
        }

        def save(v):
            event, ends_at = event_from_values(v)
            return records.save_event(self.store, event, ends_at)

        saved = RecordDialog.ask(self, "Interview", event_specs(choices), values, save)
        if saved is not None:
            self.refresh()
        return saved

    def add_deadline(self) -> int | None:
        values = {"application_id": self.selected_id(), "kind": "take-home"}

        def save(v):
            return records.save_deadline(self.store, deadline_from_values(v))

        saved = RecordDialog.ask(
            self, "Deadline", deadline_specs(self._application_choices()), values, save
        )
        if saved is not None:
            self.refresh()
        return saved

    def add_offer(self) -> int | None:
        choices = self._application_choices()
        if not choices:
            Notice.show(self, "No applications", "Add an application first.")
            return None
        values = {
            "application_id": self.selected_id(),
            "currency": "USD",
            "vesting_years": 4,
            "cliff_months": 12,
            "equity_kind": "rsu",
        }

        def save(v):
            return records.save_offer(self.store, offer_from_values(v))

        saved = RecordDialog.ask(self, "Offer", offer_specs(choices), values, save)
        if saved is not None:
            self.refresh()
        return saved

    # --- agenda -------------------------------------------------------------------------
    def refresh_agenda(self) -> None:
        today = self.today()
        start = dt.datetime.combine(today, dt.time()).astimezone()
        end = start + dt.timedelta(days=AGENDA_DAYS)
        items = []
        for event in records.events(self.store, start=start, end=end):
            row = self.rows_by_id.get(event.application_id)
            who = f"{row[COMPANY]}: {row[ROLE]}" if row else "Interview"
            local = event.local_start()
            final = " · final" if event.final else ""
            items.append(
                (
                    local.strftime("%Y-%m-%d %H:%M"),
                    f"{local:%a %d %b %H:%M}  {who} — {event.round_type}{final} "
                    f"({event.duration_minutes} min){'  ' + event.place if event.place else ''}",
                )
            )
        for deadline in records.deadlines(
            self.store, start=today, end=today + dt.timedelta(days=AGENDA_DAYS)
        ):
            if deadline.done:
                continue
            row = self.rows_by_id.get(deadline.application_id)
            who = f"{row[COMPANY]}: " if row else ""
            day = dt.date.fromisoformat(deadline.due_on)
            items.append(
                (
                    deadline.due_on + " 99",
                    f"{day:%a %d %b}  DEADLINE {who}{deadline.title or deadline.kind}",
                )
            )
        self.agenda_model.clear()
        if not items:
            self.agenda_model.appendRow(
                QStandardItem(
                    "Nothing in the next 14 days. Add interviews and deadlines from "
                    "the buttons above."
                )
            )
        for _key, text in sorted(items):
            self.agenda_model.appendRow(QStandardItem(text))

    # --- offers -------------------------------------------------------------------------
    def _rates(self) -> dict[str, float]:
        rates = {}
        for part in self.rates_box.text().replace(";", ",").split(","):
            if "=" in part:
                code, _, value = part.partition("=")
                try:
                    rates[code.strip().upper()] = float(value)
                except ValueError:
                    continue
        return rates

    def refresh_offers(self) -> None:
        from desktop.tracker.offers import MissingRateError, compare_offers

        all_offers = records.offers(self.store)
        if not self.rates_box.text() and not hasattr(self, "_rates_loaded"):
            self._rates_loaded = True
            saved = records.load_rates(self.store)
            self.rates_box.setText(", ".join(f"{k}={v:g}" for k, v in saved.items()))
        rates = self._rates()
        if rates and rates != records.load_rates(self.store):
            records.save_rates(self.store, rates)
        labelled = []
        for offer in all_offers:
            row = self.rows_by_id.get(offer.application_id)
            label = f"{row[COMPANY]}: {row[ROLE]}" if row else f"Offer {offer.id}"
            labelled.append((label if len(label) <= 40 else label[:39] + "…", offer))
        current = self.offer_picker.currentData()
        self.offer_picker.blockSignals(True)
        self.offer_picker.clear()
        for label, offer in labelled:
            self.offer_picker.addItem(label, offer.id)
        if current is not None:
            self.offer_picker.setCurrentIndex(max(self.offer_picker.findData(current), 0))
        self.offer_picker.blockSignals(False)
        self._show_negotiations()
        self.comparison_model.clear()
        self.offer_message.hide()
        if not labelled:
            self.offer_message.setText("No offers yet. Add one with “Add offer”.")
            self.offer_message.show()
            return
        try:
            discount = float(self.discount_box.text() or 0)
            tax = float(self.tax_box.text() or 0)
        except ValueError:
            self.offer_message.setText("The discount and tax must be numbers.")
            self.offer_message.show()
            return
        currency = (self.currency_box.text() or "USD").strip().upper()
        try:
            summaries = compare_offers(
                labelled,
                target_currency=currency,
                rates=rates,
                discount_pct=discount,
                tax_rate_pct=tax,
            )
        except MissingRateError as error:
            self.offer_message.setText(str(error).capitalize() + " (Rates box above).")
            self.offer_message.show()
            return
        self.comparison_summaries = summaries
        self.comparison_model.setHorizontalHeaderLabels([s.label for s in summaries])
        lines: list[tuple[str, Callable]] = []
        for year in range(4):
            lines.append(
                (
                    f"Year {year + 1}: base + bonus",
                    lambda s, y=year: s.years[y].base + s.years[y].bonus,
                )
            )
            lines.append(
                (f"Year {year + 1}: equity (face)", lambda s, y=year: s.years[y].equity_face)
            )
            lines.append(
                (f"Year {year + 1}: total (face)", lambda s, y=year: s.years[y].total_face)
            )
            lines.append(
                (
                    f"Year {year + 1}: total (options at {discount:g}% off)",
                    lambda s, y=year: s.years[y].total_discounted,
                )
            )
        lines += [
            ("4-year total (face)", lambda s: s.total_face),
            (f"4-year total (options at {discount:g}% off)", lambda s: s.total_discounted),
            ("Equity", lambda s: None),
            ("Cash to exercise options", lambda s: s.exercise and s.exercise.exercise_cost),
            ("Taxable paper gain", lambda s: s.exercise and s.exercise.taxable_gain),
            (f"Tax at {tax:g}%", lambda s: s.exercise and s.exercise.tax),
            ("Total cash out to exercise", lambda s: s.exercise and s.exercise.total_cash_out),
        ]
        kinds = {o.id: EQUITY_TITLES.get(o.equity_kind, o.equity_kind) for o in all_offers}
        for title, getter in lines:
            cells = []
            for summary in summaries:
                if title == "Equity":
                    text = kinds.get(summary.offer_id, "")
                else:
                    value = getter(summary)
                    text = "—" if value is None else f"{currency} {value:,.2f}"
                item = QStandardItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cells.append(item)
            self.comparison_model.appendRow(cells)
            self.comparison_model.setVerticalHeaderItem(
                self.comparison_model.rowCount() - 1, QStandardItem(title)
            )

    def _show_negotiations(self) -> None:
        offer_id = self.offer_picker.currentData()
        entries = records.negotiations(self.store, offer_id) if offer_id is not None else []
        self.negotiation_entries = entries
        self.negotiation_model.clear()
        self.negotiation_model.setHorizontalHeaderLabels(["Date", "What was asked", "What changed"])
        for entry in entries:
            cells = [QStandardItem(entry.on_date), QStandardItem(entry.asked)]
            cells.append(QStandardItem(entry.changed))
            cells[0].setData(entry.id, ID_ROLE)
            for cell in cells[1:]:
                cell.setToolTip(cell.text())
            self.negotiation_model.appendRow(cells)
        if offer_id is not None and not entries:
            hint = QStandardItem("No entries yet: “Add entry” records what you asked for.")
            hint.setEnabled(False)
            self.negotiation_model.appendRow([hint, QStandardItem(), QStandardItem()])
            self.negotiation_view.setSpan(0, 0, 1, 3)
        else:
            self.negotiation_view.clearSpans()
        self.negotiation_view.setColumnWidth(0, 100)
        self.negotiation_view.setColumnWidth(1, max(self.negotiation_view.width() // 2, 240))
        self.negotiation_view.resizeRowsToContents()
        self._update_negotiation_buttons()

    def _update_negotiation_buttons(self) -> None:
        has_offer = self.offer_picker.currentData() is not None
        chosen = self.selected_negotiation() is not None
        self.negotiation_buttons["Edit offer"].setEnabled(has_offer)
        self.negotiation_buttons["Add entry"].setEnabled(has_offer)
        self.negotiation_buttons["Edit entry"].setEnabled(chosen)
        self.negotiation_buttons["Delete entry"].setEnabled(chosen)

    def selected_negotiation(self):
        index = self.negotiation_view.currentIndex()
        if not index.isValid() or not self.negotiation_view.selectionModel().hasSelection():
            return None
        item = self.negotiation_model.item(index.row(), 0)
        entry_id = item.data(ID_ROLE) if item is not None else None
        return next((n for n in self.negotiation_entries if n.id == entry_id), None)

    def select_negotiation(self, entry_id: int) -> None:
        for row in range(self.negotiation_model.rowCount()):
            if self.negotiation_model.item(row, 0).data(ID_ROLE) == entry_id:
                self.negotiation_view.selectRow(row)
                return

    def add_negotiation(self) -> int | None:
        from desktop.tracker.service import save_negotiation

        offer_id = self.offer_picker.currentData()
        if offer_id is None:
            return None

        def save(v):
            return save_negotiation(self.store, negotiation_from_values(v, offer_id))

        saved = RecordDialog.ask(
            self,
            "Negotiation entry",
            negotiation_specs(),
            {"on_date": self.today().isoformat()},
            save,
        )
        if saved is not None:
            self._show_negotiations()
            self.select_negotiation(saved)
        return saved

    def edit_negotiation(self) -> int | None:
        """The chosen entry's form, prefilled; an invalid edit keeps the old entry."""
        from desktop.tracker.service import save_negotiation

        entry = self.selected_negotiation()
        if entry is None:
            return None

        def save(v):
            return save_negotiation(
                self.store, negotiation_from_values(v, entry.offer_id, base_id=entry.id)
            )

        saved = RecordDialog.ask(
            self, "Edit negotiation entry", negotiation_specs(), negotiation_values(entry), save
        )
        if saved is not None:
            self._show_negotiations()
            self.select_negotiation(saved)
        return saved

    def delete_negotiation(self) -> bool:
        from desktop.tracker.service import delete_negotiation

        entry = self.selected_negotiation()
        if entry is None:
            return False
        asked = entry.asked if len(entry.asked) <= 60 else entry.asked[:59] + "…"
        if not Confirm.ask(
            self,
            "Delete entry?",
            f"Delete the negotiation entry of {entry.on_date} (“{asked}”)? Ctrl+Z undoes it.",
        ):
            return False
        self._push_undo(delete_negotiation(self.store, entry))
        self._show_negotiations()
        return True

    def edit_offer(self) -> None:
        offer_id = self.offer_picker.currentData()
        if offer_id is not None:
            self._edit("offers", offer_id)
            self.refresh_offers()

    # --- funnel -------------------------------------------------------------------------
    def refresh_funnel(self) -> None:
        from desktop.tracker.service import funnel
        from desktop.ui.charts import Series

        steps = funnel(records.all_history(self.store))
        self.funnel_chart.set_data(
            [Series("Applications", [float(s.count) for s in steps])] if steps[0].count else [],
            [s.name for s in steps],
        )
        parts = []
        for step in steps:
            rate = "" if step.rate is None else f" ({step.rate:.0%} of the step before)"
            parts.append(f"{step.name}: {step.count}{rate}")
        self.funnel_label.setText("   →   ".join(parts))

    # --- records tab --------------------------------------------------------------------
    def refresh_records(self) -> None:
        kind = self.record_kind.currentData()
        names = {row[ID]: f"{row[COMPANY]}: {row[ROLE]}" for row in self.rows_by_id.values()}
        if kind == "events":
            header = ["When (your time)", "Application", "Round", "Final", "Outcome", "Score"]
            rows = [
                (
                    e.id,
                    [
                        e.local_start().strftime("%Y-%m-%d %H:%M"),
                        names.get(e.application_id, ""),
                        e.round_type,
                        "yes" if e.final else "",
                        e.outcome,
                        "" if e.self_score is None else str(e.self_score),
                    ],
                )
                for e in records.events(self.store)
            ]
        elif kind == "deadlines":
            header = ["Due", "Kind", "Title", "Application", "Done"]
            rows = [
                (
                    d.id,
                    [
                        d.due_on,
                        d.kind,
                        d.title,
                        names.get(d.application_id, ""),
                        "yes" if d.done else "",
                    ],
                )
                for d in records.deadlines(self.store)
            ]
        elif kind == "offers":
            header = ["Application", "Currency", "Base", "Equity", "Expires"]
            rows = [
                (
                    o.id,
                    [
                        names.get(o.application_id, ""),
                        o.currency,
                        f"{o.base:,.0f}",
                        EQUITY_TITLES.get(o.equity_kind, ""),
                        o.expires_on,
                    ],
                )
                for o in records.offers(self.store)
            ]
        elif kind == "contacts":
            header = ["Name", "Role", "Company", "Email", "Last contacted"]
            rows = [
                (c.id, [c.name, c.role, c.company, c.email, c.last_contacted])
                for c in records.contacts(self.store)
            ]
        else:
            header = ["Company", "Preference", "Rounds"]
            rows = [
                (
                    c.id,
                    [
                        c.name,
                        "" if c.preference is None else str(c.preference),
                        ", ".join(c.rounds),
                    ],
                )
                for c in records.companies(self.store)
            ]
        self.records_model.clear()
        self.records_model.setHorizontalHeaderLabels(header)
        for record_id, cells in rows:
            items = [QStandardItem(text or "") for text in cells]
            items[0].setData(record_id, ID_ROLE)
            self.records_model.appendRow(items)
        self.records_view.resizeColumnsToContents()

    def _selected_record(self) -> int | None:
        index = self.records_view.currentIndex()
        if not index.isValid():
            return None
        return self.records_model.item(index.row(), 0).data(ID_ROLE)

    def add_record(self) -> None:
        kind = self.record_kind.currentData()
        if kind == "events":
            self.add_event()
        elif kind == "deadlines":
            self.add_deadline()
        elif kind == "offers":
            self.add_offer()
        else:
            self._edit(kind, None)
        self.refresh_records()

    def edit_record(self) -> None:
        record_id = self._selected_record()
        if record_id is not None:
            self._edit(self.record_kind.currentData(), record_id)
            self.refresh_records()

    def _edit(self, kind: str, record_id: int | None) -> None:
        choices = self._application_choices()
        if kind == "events":
            from desktop.tracker.service import get_event

            event = get_event(self.store, record_id)
            if event is None:
                return

            def save(v):
                built, ends_at = event_from_values(v, record_id)
                return records.save_event(self.store, built, ends_at)

            RecordDialog.ask(self, "Interview", event_specs(choices), event_values(event), save)
        elif kind == "deadlines":
            deadline = next(d for d in records.deadlines(self.store) if d.id == record_id)
            RecordDialog.ask(
                self,
                "Deadline",
                deadline_specs(choices),
                vars(deadline),
                lambda v: records.save_deadline(self.store, deadline_from_values(v, record_id)),
            )
        elif kind == "offers":
            offer = records.get_offer(self.store, record_id)
            RecordDialog.ask(
                self,
                "Offer",
                offer_specs(choices),
                vars(offer),
                lambda v: records.save_offer(self.store, offer_from_values(v, record_id)),
            )
        elif kind == "contacts":
            contact = next((c for c in records.contacts(self.store) if c.id == record_id), None)
            values = vars(contact) if contact else {}
            RecordDialog.ask(
                self,
                "Contact",
                contact_specs(),
                values,
                lambda v: records.save_contact(self.store, contact_from_values(v, record_id)),
            )
        elif kind == "companies":
            company = next((c for c in records.companies(self.store) if c.id == record_id), None)
            values = dict(vars(company)) if company else {}
            if company:
                values["rounds"] = "\n".join(company.rounds)
            RecordDialog.ask(
                self,
                "Company",
                company_specs(),
                values,
                lambda v: records.save_company(self.store, company_from_values(v, record_id)),
            )
        self.refresh()

    def delete_record(self) -> bool:
        record_id = self._selected_record()
        kind = self.record_kind.currentData()
        if record_id is None:
            return False
        table = f"tracker_{kind}"
        index = self.records_view.currentIndex()
        label = self.records_model.item(index.row(), 0).text()
        warning = (
            " and all its applications"
            if kind == "companies"
            else " and its negotiation log"
            if kind == "offers"
            else ""
        )
        if not Confirm.ask(self, "Delete?", f"Delete {label}{warning}? Ctrl+Z undoes it."):
            return False
        self._push_undo(records.delete_record(self.store, table, record_id, label))
        self.refresh()
        self.refresh_records()
        return True

    # --- files --------------------------------------------------------------------------
    def import_csv(self, path: str | None = None) -> int:
        from desktop.tracker.service import import_csv_text

        path = path or PickFile.open(self, "Import applications", "CSV (*.csv)")
        if not path:
            return 0
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            Notice.show(self, "Import failed", f"Could not read {path}: {error}")
            return 0
        stored, problems = import_csv_text(self.store, text)
        if problems:
            shown = "\n".join(str(p) for p in problems[:30])
            Notice.show(self, "Nothing imported", f"Fix these rows and import again:\n{shown}")
            return 0
        self.refresh()
        Notice.show(self, "Imported", f"Imported {stored} application(s).")
        return stored

    def export_csv(self, path: str | None = None) -> str | None:
        from desktop.tracker.exchange import applications_to_csv

        path = path or PickFile.save(self, "Export applications", "applications.csv", "CSV (*.csv)")
        if path:
            Path(path).write_text(
                applications_to_csv(records.applications(self.store)), encoding="utf-8"
            )
        return path or None

    def export_ics(self, path: str | None = None) -> str | None:
        from desktop.tracker.service import calendar_text

        path = path or PickFile.save(
            self, "Export calendar", "mlprep-interviews.ics", "Calendar (*.ics)"
        )
        if path:
            Path(path).write_text(calendar_text(self.store), encoding="utf-8", newline="")
        return path or None

    def theme_changed(self, dark: bool) -> None:
        self.funnel_chart.update()
