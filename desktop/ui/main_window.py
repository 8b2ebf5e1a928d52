"""The main window: a sidebar of five places, a global search box, menus and remembered layout."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.ui.context import UiContext
from desktop.ui.operations import OperationReport, run_operation
from desktop.ui.places import PLACES, EmptyPlace, PlaceInfo
from desktop.ui.theme import THEMES, apply_theme

PlaceFactory = Callable[[PlaceInfo, UiContext], QWidget]


def _pane(module: str, name: str) -> PlaceFactory:
    """A factory that imports its pane module only when the place is first opened."""

    def make(info: PlaceInfo, context: UiContext) -> QWidget:
        import importlib

        return getattr(importlib.import_module(module), name)(context)

    return make


def _place_factories() -> dict[str, PlaceFactory]:
    """The pane behind each place; built the first time the place is shown."""
    return {
        "today": _pane("desktop.ui.today_pane", "TodayPane"),
        "reference": _pane("desktop.ui.reference_pane", "ReferencePane"),
        "katas": _pane("desktop.ui.katas_pane", "KatasPane"),
        "tracker": _pane("desktop.ui.tracker_pane", "TrackerPane"),
        "rounds": _pane("desktop.ui.rounds_pane", "RoundsPane"),
    }


class _Places(dict):
    """Panes by place key, created on first access so start-up builds only the first one."""

    def __init__(self, window: MainWindow):
        super().__init__()
        self.window = window

    def __missing__(self, key: str) -> QWidget:
        return self.window._create_place(key)

    def get(self, key, default=None):
        if key not in {info.key for info in PLACES}:
            return default
        return self[key]

    def created(self, key: str) -> QWidget | None:
        return dict.get(self, key)


class MainWindow(QMainWindow):
    place_changed = Signal(str)
    search_requested = Signal(str)

    def __init__(self, context: UiContext, settings: QSettings | None = None):
        super().__init__()
        self.context = context
        self.settings = settings or QSettings(
            str(context.session.folder.settings_file), QSettings.Format.IniFormat
        )
        self.setWindowTitle("MLPrep")
        self.setMinimumSize(720, 480)
        self.places = _Places(self)
        self._factories = _place_factories()
        self.reminders = None  # the tracker's ReminderNotifier, started after the first paint
        self._closing = False
        self._first_start_scheduled = False
        self.first_start_dialog = None  # the profile questions, when a first start asked them
        self.first_start_checked = False  # set once the first-start check has run
        self._build()
        self._build_menus()
        self._build_shortcuts()
        self._build_search()
        self._restore()

    # --- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        side = QWidget()
        side.setFixedWidth(196)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        title = QLabel("MLPrep")
        title.setObjectName("AppTitle")
        side_layout.addWidget(title)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("Sidebar")
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for index, info in enumerate(PLACES, start=1):
            item = QListWidgetItem(f"{info.glyph}   {info.title}")
            item.setToolTip(f"{info.title} (Ctrl+{index})")
            item.setData(Qt.ItemDataRole.UserRole, info.key)
            self.sidebar.addItem(item)
        side_layout.addWidget(self.sidebar, 1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(16, 8, 16, 8)
        self.place_title = QLabel()
        self.place_title.setObjectName("PlaceTitle")
        top_layout.addWidget(self.place_title)
        top_layout.addStretch(1)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("GlobalSearch")
        self.search_box.setPlaceholderText("Search topics, katas, questions, notes   (Ctrl+K)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.returnPressed.connect(self._on_search)
        top_layout.addWidget(self.search_box)
        right_layout.addWidget(top)

        self.stack = QStackedWidget()
        for _info in PLACES:
            self.stack.addWidget(QWidget())  # replaced by the pane when first shown
        right_layout.addWidget(self.stack, 1)

        outer.addWidget(side)
        outer.addWidget(right, 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self._on_row_changed)
        self.statusBar().showMessage(f"Data: {self.context.data_dir}", 8000)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        backup = QAction("&Back up now", self)
        backup.triggered.connect(self.backup_now)
        file_menu.addAction(backup)
        export = QAction("&Export everything…", self)
        export.triggered.connect(self.export_everything)
        file_menu.addAction(export)
        importer = QAction("&Import from export…", self)
        importer.triggered.connect(self.import_everything)
        file_menu.addAction(importer)
        file_menu.addSeparator()
        open_folder = QAction("Open &data folder", self)
        open_folder.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.context.data_dir)))
        )
        file_menu.addAction(open_folder)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.quit_action = quit_action

        view_menu = self.menuBar().addMenu("&View")
        for index, info in enumerate(PLACES, start=1):
            action = QAction(info.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index}"))
            action.triggered.connect(lambda _=False, key=info.key: self.show_place(key))
            view_menu.addAction(action)
        view_menu.addSeparator()
        checklist = QAction("Readiness &checklist…", self)
        checklist.triggered.connect(self.open_checklist)
        view_menu.addAction(checklist)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        current = self.settings.value("theme", "system")
        for name in THEMES:
            action = QAction(name.capitalize() if name != "system" else "Follow system", self)
            action.setCheckable(True)
            action.setChecked(name == current)
            action.setData(name)
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            self.theme_group.addAction(action)
            theme_menu.addAction(action)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About MLPrep", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_shortcuts(self) -> None:
        focus_search = QShortcut(QKeySequence("Ctrl+K"), self)
        focus_search.setContext(Qt.ShortcutContext.ApplicationShortcut)
        focus_search.activated.connect(self.focus_search)

    def _build_search(self) -> None:
        from desktop.reference.search import SearchIndex
        from desktop.ui.search_popup import SearchPopup

        self.search_index = SearchIndex()
        self.search_popup = SearchPopup(self.search_box, self.search_index.search)
        self.search_popup.chosen.connect(self.open_search_result)
        self._index_thread = threading.Thread(
            target=self._build_index, daemon=True, name="search-index"
        )
        self._index_thread.start()

    def _create_place(self, key: str) -> QWidget:
        index = self.place_keys().index(key)
        info = PLACES[index]
        factory = self._factories.get(key)
        try:
            widget = factory(info, self.context) if factory else EmptyPlace(info)
        except ImportError:
            logging.getLogger("mlprep").exception("the %s place could not be loaded", key)
            widget = EmptyPlace(info)
        dict.__setitem__(self.places, key, widget)
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, widget)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self._wire(key, widget)
        return widget

    def _wire(self, key: str, widget: QWidget) -> None:
        """Connect a new pane to the window and to the panes that already exist."""
        if hasattr(widget, "open_kata_requested"):
            widget.open_kata_requested.connect(self.open_kata)
        if key == "reference":
            widget.on_notes_saved = self._index_note
        if hasattr(widget, "mock_requested"):
            widget.mock_requested.connect(self.start_mock_for_interview)
        if hasattr(widget, "reminder_settings_changed"):
            widget.reminder_settings_changed.connect(
                lambda: self.reminders is not None and self.reminders.check()
            )
        katas = self.places.created("katas")
        rounds = self.places.created("rounds")
        if (
            key in ("katas", "rounds")
            and hasattr(katas, "result_shown")
            and hasattr(rounds, "record_kata_result")
        ):
            katas.result_shown.connect(
                lambda result: (
                    katas.current is not None
                    and rounds.record_kata_result(katas.current.slug, getattr(result, "status", ""))
                )
            )

    def _build_index(self) -> None:
        """Runs off the GUI thread: the window never waits for the index."""
        from desktop.paths import content_root
        from desktop.reference.search import library_documents
        from desktop.store.notes import all_notes

        try:
            katas = []
            try:
                from desktop.katas.catalog import load_catalog

                katas = load_catalog(list(self.context.kata_paths)).katas
            except ImportError:
                pass
            from desktop.store.database import open_store

            store = open_store(self.context.session.folder.database, upgrade=False)
            try:
                notes = [(n.topic, n.topic.replace("-", " "), n.body) for n in all_notes(store)]
            finally:
                store.close()
            self.search_index.build(library_documents(content_root(), katas, notes))
        except Exception:  # noqa: BLE001 - search degrades, the app keeps working
            logging.getLogger("mlprep").exception("building the search index failed")
            self.search_index.ready.set()

    def _index_note(self, slug: str, body: str) -> None:
        from desktop.reference.search import Document

        self.search_index.upsert(
            Document("note", slug, f"Your notes: {slug.replace('-', ' ')}", body)
        )

    def open_search_result(self, kind: str, key: str) -> None:
        if kind == "kata":
            self.open_kata(key)
            return
        reference = self.show_place("reference")
        target = {"note": "topic", "question": "question"}.get(kind, kind)
        reference.open(f"{target}:{key}")

    def start_mock_for_interview(self, round_type: str, event_id: int, days_left: int) -> None:
        rounds = self.show_place("rounds")
        if hasattr(rounds, "start_for_interview"):
            rounds.start_for_interview(round_type, event_id, days_left)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.reminders is None and not self._closing:
            QTimer.singleShot(200, self, self._start_reminders)
        if not self._first_start_scheduled:
            self._first_start_scheduled = True
            QTimer.singleShot(250, self, self._first_start)

    def _first_start(self) -> None:
        """After the first paint: the study profile questions, once, unless answered before."""
        if self._closing:
            return
        from desktop.ui.today_pane import offer_first_start

        self.first_start_dialog = offer_first_start(self)
        self.first_start_checked = True

    def open_checklist(self):
        """The readiness checklist, kept in step with the Today page's count."""
        return self.places["today"].open_checklist()

    def _start_reminders(self) -> None:
        if self.reminders is not None or self._closing:
            return
        from desktop.ui.reminders import ReminderNotifier

        self.reminders = ReminderNotifier(
            self.context.store,
            fallback=self._show_reminder_in_window,
            icon=self.windowIcon(),
            parent=self,
        )
        self.reminders.open_requested.connect(
            lambda: (self.bring_forward(), self.show_place("tracker"))
        )
        self.reminders.start()

    def _show_reminder_in_window(self, title: str, body: str) -> None:
        """No system tray: say it in the status bar and ask for attention."""
        self.statusBar().showMessage(f"Reminder: {title} — {body.splitlines()[0]}", 5 * 60_000)
        QApplication.alert(self)

    def open_kata(self, slug: str) -> None:
        pane = self.show_place("katas")
        if hasattr(pane, "open_kata"):
            pane.open_kata(slug)

    # --- behaviour ----------------------------------------------------------------------
    def place_keys(self) -> list[str]:
        return [info.key for info in PLACES]

    def current_place(self) -> str:
        return PLACES[max(self.sidebar.currentRow(), 0)].key

    def show_place(self, key: str) -> QWidget:
        widget = self.places[key]
        self.sidebar.setCurrentRow(self.place_keys().index(key))
        return widget

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def set_theme(self, name: str) -> None:
        self.settings.setValue("theme", name)
        theme = apply_theme(QApplication.instance(), name)
        for action in self.theme_group.actions():
            action.setChecked(action.data() == name)
        for widget in self.places.values():
            refresh = getattr(widget, "theme_changed", None)
            if refresh:
                refresh(theme == "dark")

    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        info = PLACES[row]
        self.places[info.key]  # build the pane on first visit
        self.stack.setCurrentIndex(row)
        self.place_title.setText(info.title)
        self.settings.setValue("place", info.key)
        self.place_changed.emit(info.key)

    def _on_search(self) -> None:
        query = self.search_box.text().strip()
        if query:
            self.search_requested.emit(query)
            if not self.search_popup.isVisible():
                self.search_popup.update_results(query)

    def _restore(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        key = self.settings.value("place", "today")
        self.show_place(key if key in self.place_keys() else "today")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("place", self.current_place())
        self.settings.sync()
        self._closing = True
        if self.reminders is not None:
            self.reminders.stop()
        for widget in self.places.values():
            closer = getattr(widget, "shutdown", None)
            if closer:
                closer()
        super().closeEvent(event)

    def bring_forward(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # --- data operations ----------------------------------------------------------------
    def _secondary_store(self):
        from desktop.store.database import open_store

        return open_store(self.context.session.folder.database, upgrade=False)

    def backup_now(self):
        from desktop.store.backup import create_backup

        folder = self.context.session.folder

        def work(report: OperationReport):
            store = self._secondary_store()
            try:

                def progress(_status, remaining, total):
                    report.progress(total - remaining, total, "Backing up…")
                    if report.cancelled():
                        raise InterruptedError

                return create_backup(store.conn, folder.backups, progress=progress)
            finally:
                store.close()

        return run_operation(
            self,
            "Backing up your data…",
            work,
            on_done=lambda path: self.statusBar().showMessage(f"Backup written to {path}", 8000),
            on_error=lambda message: self._show_error("Backup failed", message),
        )

    def export_everything(self, target: str | None = None):
        from desktop.store.exchange import export_json

        if target is None:
            target, _ = QFileDialog.getSaveFileName(
                self, "Export everything", str(Path.home() / "mlprep-export.json"), "JSON (*.json)"
            )
            if not target:
                return None

        def work(report: OperationReport):
            store = self._secondary_store()
            try:
                export_json(store, Path(target))
            finally:
                store.close()
            return target

        return run_operation(
            self,
            "Exporting…",
            work,
            on_done=lambda path: self.statusBar().showMessage(f"Exported to {path}", 8000),
            on_error=lambda message: self._show_error("Export failed", message),
        )

    def import_everything(self, source: str | None = None, confirm: bool = True):
        from desktop.store.exchange import import_json

        if source is None:
            source, _ = QFileDialog.getOpenFileName(
                self, "Import an MLPrep export", str(Path.home()), "JSON (*.json)"
            )
            if not source:
                return None
        if confirm and not ask_yes_no(
            self,
            "Replace your data?",
            "Importing replaces everything in MLPrep with the contents of the file. "
            "A backup is made first. Continue?",
        ):
            return None

        def work(report: OperationReport):
            from desktop.store.backup import create_backup

            store = self._secondary_store()
            try:
                create_backup(store.conn, self.context.session.folder.backups)
                return import_json(store, Path(source))
            finally:
                store.close()

        return run_operation(
            self,
            "Importing…",
            work,
            cancellable=False,
            on_done=lambda counts: self.statusBar().showMessage(
                f"Imported {sum(counts.values())} rows. Reopen panes to see them.", 8000
            ),
            on_error=lambda message: self._show_error("Import failed", message),
        )

    def _show_error(self, title: str, message: str) -> None:
        ErrorMessage.show(self, title, message)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About MLPrep",
            f"<b>MLPrep {__version__}</b><br>Offline preparation for ML Engineer and "
            f"Research Scientist interviews.<br><br>Your data: {self.context.data_dir}",
        )


class ErrorMessage:
    """A warning box; tests monkeypatch ``show`` to capture instead of display."""

    @staticmethod
    def show(parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.warning(parent, title, message)


def ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    return Confirm.ask(parent, title, question)


class Confirm:
    @staticmethod
    def ask(parent: QWidget | None, title: str, question: str) -> bool:
        answer = QMessageBox.question(parent, title, question)
        return answer == QMessageBox.StandardButton.Yes


def defer(callback: Callable[[], None]) -> None:
    QTimer.singleShot(0, callback)
