"""The Katas place: catalog, prompt, editor, device picker, run/bench/cancel, results, history."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.store import katas as kata_store
from desktop.store.settings import get_setting
from desktop.ui.code_editor import CodeEditor
from desktop.ui.context import UiContext
from desktop.ui.kata_controller import KataRunController
from desktop.ui.main_window import Confirm
from desktop.ui.theme import is_dark

DEVICES = ("cpu", "cuda", "mps")
OUTCOME_MARK = {"passed": "✔", "failed": "✘", "error": "✘", "skipped": "–"}
STATUS_TEXT = {
    "passed": "All tests passed",
    "failed": "Some tests failed",
    "error": "Your code could not run",
    "timeout": "Timed out",
    "crashed": "The worker crashed",
    "cancelled": "Cancelled",
}


def default_runner_factory(context: UiContext):
    def make():
        from desktop.katas.runner import KataRunner

        interpreter = get_setting(context.store, "kata.interpreter") or None
        return KataRunner(interpreter=interpreter)

    return make


class KataListModel(QAbstractListModel):
    SlugRole = Qt.ItemDataRole.UserRole + 1
    AreaRole = Qt.ItemDataRole.UserRole + 2
    DifficultyRole = Qt.ItemDataRole.UserRole + 3
    SolvedRole = Qt.ItemDataRole.UserRole + 4
    SearchRole = Qt.ItemDataRole.UserRole + 5

    def __init__(self, parent=None):
        super().__init__(parent)
        self.katas: list = []
        self.solved: set[str] = set()

    def set_katas(self, katas: list, solved: set[str]) -> None:
        self.beginResetModel()
        self.katas = sorted(katas, key=lambda k: (k.area, k.title.lower()))
        self.solved = set(solved)
        self.endResetModel()

    def mark_solved(self, slug: str) -> None:
        self.solved.add(slug)
        for row, kata in enumerate(self.katas):
            if kata.slug == slug:
                index = self.index(row)
                self.dataChanged.emit(index, index)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.katas)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        kata = self.katas[index.row()]
        solved = kata.slug in self.solved
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "✔ " if solved else ""
            return f"{mark}{kata.title}\n{kata.area} · {kata.difficulty} · {kata.minutes} min"
        if role == Qt.ItemDataRole.ToolTipRole:
            return ", ".join(kata.tags)
        if role == self.SlugRole:
            return kata.slug
        if role == self.AreaRole:
            return kata.area
        if role == self.DifficultyRole:
            return kata.difficulty
        if role == self.SolvedRole:
            return solved
        if role == self.SearchRole:
            return " ".join([kata.title, kata.slug, kata.area, *kata.tags, *kata.companies]).lower()
        return None


class KataFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.area = ""
        self.difficulty = ""
        self.status = ""

    def set_filters(self, text: str, area: str, difficulty: str, status: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            self.text, self.area, self.difficulty, self.status = (
                text.lower().strip(),
                area,
                difficulty,
                status,
            )
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.text, self.area, self.difficulty, self.status = (
                text.lower().strip(),
                area,
                difficulty,
                status,
            )
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        index = self.sourceModel().index(row, 0, parent)
        data = index.data
        if self.area and data(KataListModel.AreaRole) != self.area:
            return False
        if self.difficulty and data(KataListModel.DifficultyRole) != self.difficulty:
            return False
        solved = data(KataListModel.SolvedRole)
        if self.status == "solved" and not solved or self.status == "unsolved" and solved:
            return False
        return all(word in data(KataListModel.SearchRole) for word in self.text.split())


class SolutionDialog(QDialog):
    def __init__(self, title: str, code: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Reference solution: {title}")
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        view = CodeEditor(self, dark=is_dark())
        view.setPlainText(code)
        view.setReadOnly(True)
        layout.addWidget(view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class InterpreterDialog:
    """Asks for a Python executable; tests monkeypatch ``ask``."""

    @staticmethod
    def ask(parent, current: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(
            parent,
            "Kata interpreter",
            "Path to a Python with torch (leave empty to use MLPrep's own):",
            text=current,
        )
        return text.strip() if ok else None


class KatasPane(QWidget):
    """Pick a kata, write code, run it against hidden tests on a device."""

    kata_opened = Signal(str)
    result_shown = Signal(object)
    _prompt_ready = Signal(str, str)

    def __init__(self, context: UiContext, runner_factory=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.controller = KataRunController(runner_factory or default_runner_factory(context), self)
        self.controller.run_started.connect(self._on_run_started)
        self.controller.run_finished.connect(self._on_run_finished)
        self.controller.run_failed.connect(self._on_run_failed)
        self.controller.devices_ready.connect(self._on_devices)
        self.katas: dict[str, object] = {}
        self.problems: list[str] = []
        self.current = None
        self.hints_shown = 0
        self.last_result = None
        self._loaded = False
        self._opened_at: float | None = None
        self._run_mode = "test"
        self._prompt_cache: dict = {}
        self._prompt_keys: dict = {}
        self._pending_prompt: str | None = None
        self._prompt_ready.connect(self._on_prompt_ready)
        self._build()
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(600)
        self._autosave.timeout.connect(self.save_draft)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_stopwatch)

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 0, 8, 8)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter)

        catalog = QWidget()
        catalog_layout = QVBoxLayout(catalog)
        catalog_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter katas")
        self.search.setClearButtonEnabled(True)
        self.area_filter = QComboBox()
        self.difficulty_filter = QComboBox()
        self.difficulty_filter.addItem("Any difficulty", "")
        for level in ("easy", "medium", "hard"):
            self.difficulty_filter.addItem(level.capitalize(), level)
        self.status_filter = QComboBox()
        for label, value in (("All", ""), ("Unsolved", "unsolved"), ("Solved", "solved")):
            self.status_filter.addItem(label, value)
        filters = QHBoxLayout()
        filters.addWidget(self.difficulty_filter)
        filters.addWidget(self.status_filter)
        catalog_layout.addWidget(self.search)
        catalog_layout.addWidget(self.area_filter)
        catalog_layout.addLayout(filters)
        self.model = KataListModel(self)
        self.proxy = KataFilter(self)
        self.proxy.setSourceModel(self.model)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(True)
        catalog_layout.addWidget(self.list, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("EmptyState")
        catalog_layout.addWidget(self.count_label)
        splitter.addWidget(catalog)

        self.prompt = QTextBrowser()
        self.prompt.setOpenExternalLinks(False)
        prompt_box = QWidget()
        prompt_layout = QVBoxLayout(prompt_box)
        prompt_layout.setContentsMargins(0, 0, 0, 0)
        prompt_layout.addWidget(self.prompt, 1)
        hint_row = QHBoxLayout()
        self.hint_button = QPushButton("Show a hint")
        self.solution_button = QPushButton("Reveal solution…")
        hint_row.addWidget(self.hint_button)
        hint_row.addStretch(1)
        hint_row.addWidget(self.solution_button)
        prompt_layout.addLayout(hint_row)
        splitter.addWidget(prompt_box)

        work = QSplitter(Qt.Orientation.Vertical)
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.device_combo = QComboBox()
        for name in DEVICES:
            self.device_combo.addItem(name.upper(), name)
        self.device_combo.setToolTip("Device the tests run on")
        self.device_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.run_button = QPushButton("Run tests")
        self.run_button.setToolTip("Run the hidden tests on the chosen device (Ctrl+Enter)")
        self.run_button.setDefault(True)
        self.bench_button = QPushButton("Bench")
        self.bench_button.setToolTip("Time your solution against the reference on this device")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Replace your code with the starter")
        self.stopwatch = QLabel("00:00")
        self.stopwatch.setToolTip("Time spent on this kata (target: a medium in about 20 minutes)")
        bar.addWidget(QLabel("Device"))
        bar.addWidget(self.device_combo)
        bar.addWidget(self.run_button)
        bar.addWidget(self.bench_button)
        bar.addWidget(self.cancel_button)
        bar.addStretch(1)
        bar.addWidget(self.reset_button)
        self.python_button = QPushButton("Python…")
        self.python_button.setToolTip(
            "Run katas with another Python that has torch (e.g. your CUDA or MPS environment)"
        )
        self.python_button.clicked.connect(self.choose_interpreter)
        bar.addWidget(self.python_button)
        bar.addWidget(self.stopwatch)
        for button in (self.run_button, self.bench_button, self.cancel_button):
            button.setMinimumWidth(button.sizeHint().width())  # never squeezed to "tests (Ct"
        editor_layout.addLayout(bar)
        self.editor = CodeEditor(dark=is_dark())
        editor_layout.addWidget(self.editor, 1)
        work.addWidget(editor_box)

        self.tabs = QTabWidget()
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 4, 0, 0)
        self.status_label = QLabel("Run the tests to see results here.")
        self.status_label.setWordWrap(True)
        results_layout.addWidget(self.status_label)
        self.results = QListWidget()
        results_layout.addWidget(self.results, 1)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setMaximumBlockCount(2000)
        self.tabs.addTab(results, "Results")
        self.tabs.addTab(self.detail, "Details && output")
        self.history = QListWidget()
        self.tabs.addTab(self.history, "History")
        work.addWidget(self.tabs)
        work.setSizes([520, 260])
        splitter.addWidget(work)
        splitter.setSizes([230, 380, 660])
        splitter.setStretchFactor(2, 1)

        self.search.textChanged.connect(self._apply_filters)
        self.area_filter.currentIndexChanged.connect(self._apply_filters)
        self.difficulty_filter.currentIndexChanged.connect(self._apply_filters)
        self.status_filter.currentIndexChanged.connect(self._apply_filters)
        self.list.selectionModel().currentChanged.connect(self._on_selected)
        self.editor.textChanged.connect(self._autosave_later)
        self.editor.run_requested.connect(self.run_tests)
        self.run_button.clicked.connect(self.run_tests)
        self.bench_button.clicked.connect(self.run_bench)
        self.cancel_button.clicked.connect(self.controller.cancel)
        self.reset_button.clicked.connect(self.reset_to_starter)
        self.hint_button.clicked.connect(self.show_next_hint)
        self.solution_button.clicked.connect(self.reveal_solution)
        self.results.itemActivated.connect(self._jump_to_failure)
        self.results.itemClicked.connect(self._jump_to_failure)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.run_tests)
        self._set_kata_controls(False)

    # --- loading ---------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.ensure_loaded()
        if self.current is not None:
            self._tick.start()

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        self._tick.stop()
        self._bank_time()

    def ensure_loaded(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        self.reload_catalog()
        self.controller.warm_up()
        self.controller.probe_devices()

    def reload_catalog(self) -> None:
        from desktop.katas.catalog import load_catalog

        extra = list(self.context.kata_paths)
        extra += [Path(p) for p in (get_setting(self.store, "kata.paths") or [])]
        catalog = load_catalog(extra)
        katas = list(catalog.katas)
        self.katas = {k.slug: k for k in katas}
        self.problems = [f"{p.path}: {p.message}" for p in catalog.problems]
        solved = {s for s, state in kata_store.all_states(self.store).items() if state.solved}
        self.model.set_katas(list(self.katas.values()), solved)
        areas = sorted({k.area for k in katas})
        self.area_filter.blockSignals(True)
        self.area_filter.clear()
        self.area_filter.addItem("All areas", "")
        for area in areas:
            self.area_filter.addItem(area, area)
        self.area_filter.blockSignals(False)
        self._apply_filters()
        if self.problems:
            self.status_label.setText(
                "Some kata packs could not be loaded:\n" + "\n".join(self.problems)
            )

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            self.search.text(),
            self.area_filter.currentData() or "",
            self.difficulty_filter.currentData() or "",
            self.status_filter.currentData() or "",
        )
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        solved = len(self.model.solved & set(self.katas))
        self.count_label.setText(f"{shown} of {total} katas shown · {solved} solved")

    # --- opening a kata --------------------------------------------------------------------
    def _on_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_kata(current.data(KataListModel.SlugRole))

    def open_kata(self, slug: str) -> bool:
        self.ensure_loaded()
        kata = self.katas.get(slug)
        if kata is None:
            return False
        if self.current is not None and self.current.slug == slug:
            return True
        self.save_draft()
        self._bank_time()
        self.current = kata
        self.hints_shown = 0
        draft = kata_store.load_draft(self.store, slug)
        self.editor.blockSignals(True)
        self.editor.setPlainText(draft if draft is not None else kata.starter_text())
        self.editor.blockSignals(False)
        self.editor.mark_error_line(None)
        self._render_prompt()
        self._set_kata_controls(True)
        self._show_history()
        self.results.clear()
        self.detail.clear()
        self.status_label.setText("Run the tests to see results here.")
        self._opened_at = time.monotonic()
        self._update_stopwatch()
        if self.isVisible():
            self._tick.start()
        self._select_in_list(slug)
        self._update_device_choice()
        self.kata_opened.emit(slug)
        return True

    def _select_in_list(self, slug: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(KataListModel.SlugRole) == slug:
                if self.list.currentIndex() != index:
                    self.list.setCurrentIndex(index)
                return

    def _render_prompt(self) -> None:
        from desktop.reference.render import html_page, markdown_to_html

        kata = self.current
        text = kata.prompt_text()
        hints = kata.hints[: self.hints_shown]
        if hints:
            text += "\n\n## Hints\n\n" + "\n".join(f"{i}. {h}" for i, h in enumerate(hints, 1))
        meta = f"{kata.area} · {kata.difficulty} · about {kata.minutes} min"
        if kata.companies:
            meta += " · asked at " + ", ".join(kata.companies)
        state = kata_store.get_state(self.store, kata.slug)
        if state.solved:
            meta += " · ✔ solved"
        dark = is_dark()
        header = f'<p class="muted">{meta}</p>'
        key = (kata.slug, self.hints_shown, dark, meta)
        cached = self._prompt_cache.get(key)
        if cached is None:
            # Show the text at once; typeset maths off the GUI thread and swap it in.
            self.prompt.setHtml(
                html_page(header + markdown_to_html(text, dark=dark, math=False), dark)
            )
            if "$" in text:

                def work() -> None:
                    page = html_page(header + markdown_to_html(text, dark=dark), dark)
                    self._prompt_ready.emit(repr(key), page)

                self._pending_prompt = repr(key)
                self._prompt_keys[repr(key)] = key
                threading.Thread(target=work, daemon=True, name="prompt-render").start()
        else:
            self.prompt.setHtml(cached)
        remaining = len(kata.hints) - self.hints_shown
        self.hint_button.setEnabled(remaining > 0)
        self.hint_button.setText(
            f"Show a hint ({self.hints_shown + 1} of {len(kata.hints)})"
            if remaining > 0
            else "No more hints"
        )

    def _on_prompt_ready(self, key: str, page: str) -> None:
        self._prompt_cache[self._prompt_keys.pop(key, key)] = page
        if key == self._pending_prompt:
            self._pending_prompt = None
            scroll = self.prompt.verticalScrollBar().value()
            self.prompt.setHtml(page)
            self.prompt.verticalScrollBar().setValue(scroll)

    def _set_kata_controls(self, enabled: bool) -> None:
        for widget in (
            self.run_button,
            self.bench_button,
            self.reset_button,
            self.hint_button,
            self.solution_button,
            self.editor,
        ):
            widget.setEnabled(enabled)
        if not enabled:
            self.prompt.setHtml(
                "<p style='color: gray'>Pick a kata on the left. Each one is an exercise "
                "interviewers ask for: write it in the editor and run the hidden tests with "
                "Ctrl+Enter.</p>"
            )
        elif self.current is not None:
            self.bench_button.setEnabled(bool(self.current.bench))

    # --- devices ---------------------------------------------------------------------------
    def _on_devices(self, devices) -> None:
        if isinstance(devices, Exception):
            self.status_label.setText(f"Could not check devices: {devices}")
            return
        self.device_info = {d.name: d for d in devices}
        model = self.device_combo.model()
        for row in range(self.device_combo.count()):
            name = self.device_combo.itemData(row)
            info = self.device_info.get(name)
            item = model.item(row)
            available = bool(info and info.available)
            item.setEnabled(available)
            label = name.upper()
            tooltip = getattr(info, "description", "") if info else ""
            if not available:
                label += " (unavailable)"
                tooltip = getattr(info, "reason", "") if info else "not checked"
            self.device_combo.setItemText(row, label)
            self.device_combo.setItemData(row, tooltip, Qt.ItemDataRole.ToolTipRole)
        self._update_device_choice()

    def _update_device_choice(self) -> None:
        supported = set(self.current.devices) if self.current is not None else set(DEVICES)
        model = self.device_combo.model()
        info = getattr(self, "device_info", {})
        for row in range(self.device_combo.count()):
            name = self.device_combo.itemData(row)
            ok = name in supported and (not info or bool(info.get(name) and info[name].available))
            model.item(row).setEnabled(ok)
        if not model.item(self.device_combo.currentIndex()).isEnabled():
            self.device_combo.setCurrentIndex(0)

    def current_device(self) -> str:
        return self.device_combo.currentData() or "cpu"

    # --- running ---------------------------------------------------------------------------
    def run_tests(self) -> bool:
        return self._run("test")

    def run_bench(self) -> bool:
        return self._run("bench")

    def _run(self, mode: str) -> bool:
        if self.current is None or self.controller.busy():
            return False
        self.save_draft()
        self._run_mode = mode
        return self.controller.run(
            self.current, self.editor.toPlainText(), self.current_device(), mode
        )

    def _on_run_started(self, slug: str, mode: str) -> None:
        self.run_button.setEnabled(False)
        self.bench_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status_label.setText("Benchmarking…" if mode == "bench" else "Running the tests…")
        self.results.clear()

    def _finish_run_ui(self) -> None:
        self.run_button.setEnabled(self.current is not None)
        self.bench_button.setEnabled(bool(self.current is not None and self.current.bench))
        self.cancel_button.setEnabled(False)

    def _on_run_failed(self, message: str) -> None:
        self._finish_run_ui()
        self.status_label.setText(message)

    def _on_run_finished(self, result) -> None:
        self._finish_run_ui()
        self.last_result = result
        tests = list(getattr(result, "tests", []) or [])
        passed = sum(1 for t in tests if _get(t, "outcome") == "passed")
        failed = sum(1 for t in tests if _get(t, "outcome") in ("failed", "error"))
        status = _get(result, "status")
        device = _get(result, "device") or self.current_device()
        summary = STATUS_TEXT.get(status, status)
        if tests:
            summary += f": {passed} of {len(tests)} passed"
        summary += f" on {str(device).upper()} in {(_get(result, 'duration_ms') or 0) / 1000:.2f} s"
        message = _get(result, "message") or ""
        if message:
            summary += "\n" + message.splitlines()[0]
        bench = _get(result, "bench")
        if bench:
            summary += "\n" + format_bench(bench)
        self.status_label.setText(summary)
        color = "#2e9d4f" if status == "passed" else "#d04444"
        self.status_label.setStyleSheet(f"color: {color}; font-weight: 600;")
        self.results.clear()
        first_line = None
        for test in tests:
            outcome = _get(test, "outcome")
            item = QListWidgetItem(
                f"{OUTCOME_MARK.get(outcome, '?')}  {_get(test, 'name')}  "
                f"({(_get(test, 'duration_ms') or 0):.0f} ms)"
            )
            text = _get(test, "message") or ""
            if text:
                item.setText(item.text() + "\n     " + text.replace("\n", "\n     "))
            line = _get(test, "line")
            item.setData(Qt.ItemDataRole.UserRole, line)
            if outcome in ("failed", "error"):
                item.setForeground(QColor("#d04444"))
                first_line = first_line or line
            self.results.addItem(item)
        self._fill_detail(result)
        line = _get(result, "line") or first_line
        self.editor.mark_error_line(line)
        if line and status in ("error",):
            self.editor.go_to_line(line, _get(result, "column"))
        if self.current is not None and status not in ("cancelled",):
            self._bank_time()
            kata_store.record_attempt(
                self.store,
                self.current.slug,
                status=status,
                device=str(device),
                passed=passed,
                failed=failed,
                duration_ms=float(_get(result, "duration_ms") or 0.0),
                time_spent_s=kata_store.get_state(self.store, self.current.slug).time_spent_s,
                code=self.editor.toPlainText(),
                mode=self._run_mode,
            )
            if status == "passed" and self._run_mode == "test":
                self.model.mark_solved(self.current.slug)
                self._apply_filters()
            self._show_history()
        self.result_shown.emit(result)

    def _fill_detail(self, result) -> None:
        parts = []
        for test in getattr(result, "tests", []) or []:
            if _get(test, "message"):
                parts.append(
                    f"== {_get(test, 'name')} ({_get(test, 'outcome')})\n{_get(test, 'message')}"
                )
        if _get(result, "message"):
            parts.append("== run\n" + _get(result, "message"))
        for stream in ("stdout", "stderr"):
            text = _get(result, stream)
            if text:
                parts.append(f"== {stream}\n{text}")
        peak = _get(result, "max_rss_mb")
        if peak:
            parts.append(f"peak memory of the worker: {peak:.0f} MB")
        self.detail.setPlainText("\n\n".join(parts) or "Nothing printed.")

    def _jump_to_failure(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if line:
            self.editor.go_to_line(int(line))

    def _show_history(self) -> None:
        self.history.clear()
        if self.current is None:
            return
        rows = kata_store.attempts(self.store, self.current.slug)
        if not rows:
            self.history.addItem("No attempts yet.")
        for attempt in rows:
            self.history.addItem(
                f"{attempt.finished_at.replace('T', ' ')}  {attempt.status:9} "
                f"{attempt.passed} passed / {attempt.failed} failed  on {attempt.device.upper()}"
                f"  ({attempt.duration_ms / 1000:.2f} s run{', bench' if attempt.mode == 'bench' else ''})"
            )

    # --- editing helpers -------------------------------------------------------------------
    def _autosave_later(self) -> None:
        if self.current is not None:
            self._autosave.start()

    def save_draft(self) -> None:
        self._autosave.stop()
        if self.current is not None:
            kata_store.save_draft(self.store, self.current.slug, self.editor.toPlainText())

    def reset_to_starter(self, confirm: bool = True) -> None:
        if self.current is None:
            return
        if confirm and not Confirm.ask(
            self,
            "Reset to starter?",
            "Replace your code with the starter code? Your draft is lost.",
        ):
            return
        self.editor.setPlainText(self.current.starter_text())
        self.save_draft()

    def show_next_hint(self) -> None:
        if self.current is None or self.hints_shown >= len(self.current.hints):
            return
        self.hints_shown += 1
        kata_store.record_hint_shown(self.store, self.current.slug, self.hints_shown)
        self._render_prompt()

    def reveal_solution(self, confirm: bool = True) -> SolutionDialog | None:
        if self.current is None:
            return None
        if confirm and not Confirm.ask(
            self,
            "Reveal the solution?",
            "Seeing the reference solution is recorded with this kata. Try a hint first?",
        ):
            return None
        kata_store.mark_solution_seen(self.store, self.current.slug)
        dialog = SolutionDialog(self.current.title, self.current.solution_text(), self)
        dialog.open()
        return dialog

    # --- stopwatch -------------------------------------------------------------------------
    def _bank_time(self) -> float:
        if self.current is None or self._opened_at is None:
            return 0.0
        spent = time.monotonic() - self._opened_at
        self._opened_at = time.monotonic() if self.isVisible() else None
        kata_store.add_time_spent(self.store, self.current.slug, spent)
        return spent

    def _update_stopwatch(self) -> None:
        if self.current is None:
            return
        total = kata_store.get_state(self.store, self.current.slug).time_spent_s
        if self._opened_at is not None:
            total += time.monotonic() - self._opened_at
        elif self.isVisible():
            self._opened_at = time.monotonic()
        minutes, seconds = divmod(int(total), 60)
        self.stopwatch.setText(f"{minutes:02d}:{seconds:02d}")

    def choose_interpreter(self, path: str | None = None):
        """Point the kata runner at another Python; checked off the GUI thread first."""
        from desktop.store.settings import set_setting
        from desktop.ui.operations import run_operation

        if path is None:
            path = InterpreterDialog.ask(self, get_setting(self.store, "kata.interpreter") or "")
            if path is None:
                return None
        if path == "":
            set_setting(self.store, "kata.interpreter", None)
            self._restart_runner("Katas run with MLPrep's own Python.")
            return None

        def work(report):
            from desktop.katas.runner import check_interpreter

            return check_interpreter(path)

        def done(check) -> None:
            if check.ok:
                set_setting(self.store, "kata.interpreter", path)
                self._restart_runner(f"Katas now run with {path}: {check.message}")
            else:
                self.status_label.setText(f"Not using {path}: {check.message}")

        return run_operation(
            self,
            "Checking that Python…",
            work,
            on_done=done,
            on_error=lambda m: self.status_label.setText(m),
        )

    def _restart_runner(self, message: str) -> None:
        self.controller.shutdown()
        self.controller._runner = None
        self.status_label.setText(message)
        self.controller.warm_up()
        self.controller.probe_devices()

    def theme_changed(self, dark: bool) -> None:
        self.editor.set_dark(dark)
        if self.current is not None:
            self._render_prompt()

    def shutdown(self) -> None:
        self.save_draft()
        self._bank_time()
        self.controller.shutdown()


def _get(obj, name: str):
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def format_bench(bench) -> str:
    ratio = _get(bench, "ratio")
    yours = _get(bench, "user_ms")
    reference = _get(bench, "reference_ms")
    text = "Bench:"
    if yours is not None and reference is not None:
        text += f" yours {yours:.2f} ms vs reference {reference:.2f} ms"
    if ratio is not None:
        text += f" ({ratio:.2f}x the reference)"
    peak = _get(bench, "user_peak_mb")
    if peak is not None:
        text += f", peak memory {peak:.1f} MB"
        reference_peak = _get(bench, "reference_peak_mb")
        if reference_peak is not None:
            text += f" (reference {reference_peak:.1f} MB)"
    note = _get(bench, "message")
    if note:
        text += f". {note}"
    return text
