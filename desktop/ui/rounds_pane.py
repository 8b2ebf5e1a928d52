"""The Mock rounds place: pick a round, draw a question, run the phased timer, review, see trends."""

from __future__ import annotations

import random
import time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.paths import content_root
from desktop.rounds import history
from desktop.rounds.draw import DrawFilters, draw_question
from desktop.rounds.templates import (
    EDITED,
    OWN,
    RoundTemplate,
    load_builtin_templates,
    sort_templates,
    template_origin,
)
from desktop.rounds.timer import PAUSED, RUNNING, Phase, RoundTimer, format_clock
from desktop.store import rounds as round_store
from desktop.ui.charts import ChartView, Series
from desktop.ui.context import UiContext
from desktop.ui.main_window import Confirm
from desktop.ui.template_editor import TemplateEditorDialog

NO_REPEAT_ROUNDS = 10


class PhaseBar(QWidget):
    """Segments sized by planned minutes; the current one highlighted, progress drawn inside."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.phases: list[Phase] = []
        self.index = 0
        self.fraction = 0.0
        self.setMinimumHeight(34)

    def set_state(self, phases: list[Phase], index: int, fraction: float) -> None:
        self.phases, self.index, self.fraction = phases, index, max(0.0, min(1.0, fraction))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        if not self.phases:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        total = sum(p.minutes for p in self.phases)
        x = 0.0
        for i, phase in enumerate(self.phases):
            width = self.width() * phase.minutes / total
            rect = QRectF(x + 1, 0, width - 2, self.height())
            done = i < self.index
            base = QColor("#3d7be0") if i == self.index else palette.mid().color()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(base.lighter(130) if i == self.index else base)
            painter.drawRoundedRect(rect, 5, 5)
            if done or i == self.index:
                fill = QRectF(
                    rect.left(), 0, rect.width() * (1.0 if done else self.fraction), self.height()
                )
                painter.setBrush(QColor("#2f6fdb") if not done else palette.dark().color())
                painter.drawRoundedRect(fill, 5, 5)
            painter.setPen(
                palette.highlightedText().color() if i == self.index else palette.text().color()
            )
            metrics = painter.fontMetrics()
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignCenter,
                metrics.elidedText(phase.name, Qt.TextElideMode.ElideRight, int(rect.width()) - 6),
            )
            x += width


class MiniTimer(QWidget):
    """A small always-on-top window with the countdown, for working in another app."""

    def __init__(self):
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle("MLPrep timer")
        layout = QVBoxLayout(self)
        self.clock = QLabel("00:00")
        font = QFont(self.font())
        font.setPointSize(22)
        font.setBold(True)
        self.clock.setFont(font)
        self.phase = QLabel()
        layout.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.phase, 0, Qt.AlignmentFlag.AlignCenter)
        self.resize(200, 90)

    def show_time(self, clock: str, phase: str, overtime: bool) -> None:
        self.clock.setText(clock)
        self.clock.setStyleSheet("color: #d04444;" if overtime else "")
        self.phase.setText(phase)


class RoundsModel(QAbstractTableModel):
    HEADERS = ("Date", "Round", "Question", "Score", "Minutes", "Kata")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rounds: list = []

    def set_rounds(self, rounds: list) -> None:
        self.beginResetModel()
        self.rounds = list(reversed(rounds))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rounds)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        mock = self.rounds[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            return mock.notes or mock.question_text
        if column == 0:
            return mock.started_at.replace("T", " ")[:16]
        if column == 1:
            return mock.title
        if column == 2:
            return mock.question_text
        if column == 3:
            return f"{mock.mean_score:.1f} / 4" if mock.mean_score is not None else ""
        if column == 4:
            return f"{sum(mock.actual_s) / 60:.0f}" if mock.actual_s else ""
        return f"{mock.kata_slug} ({mock.kata_status or 'not run'})" if mock.kata_slug else ""


class RoundsPane(QWidget):
    """Practice under the clock."""

    open_kata_requested = Signal(str)
    cue = Signal(str)  # emitted on every cue (for tests and the status bar)

    def __init__(
        self,
        context: UiContext,
        clock=time.monotonic,
        rng: random.Random | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.clock = clock
        self.rng = rng or random.Random()
        self.templates: list[RoundTemplate] = []
        self.shipped: list[RoundTemplate] = []
        self.questions: list = []
        self.question = None
        self.kata_slug: str | None = None
        self.timer: RoundTimer | None = None
        self.round_id: int | None = None
        self.mini: MiniTimer | None = None
        self._loaded = False
        self._last_save = 0.0
        self._build()
        self.ticker = QTimer(self)
        self.ticker.setInterval(250)
        self.ticker.timeout.connect(self.tick)

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 0, 16, 12)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs)
        self.stack = QStackedWidget()
        self.tabs.addTab(self.stack, "Round")

        setup = QWidget()
        form = QFormLayout(setup)
        self.template_combo = QComboBox()
        # A long template name must not widen the whole pane.
        self.template_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.template_combo.setMinimumContentsLength(24)
        self.edit_template_button = QPushButton("Edit template…")
        self.edit_template_button.setToolTip(
            "Change this round's phases, minutes and rubric, or copy it into your own"
        )
        self.new_template_button = QPushButton("New template…")
        self.new_template_button.setToolTip("Plan a round of your own")
        picker = QHBoxLayout()
        picker.addWidget(self.template_combo, 1)
        picker.addWidget(self.edit_template_button)
        picker.addWidget(self.new_template_button)
        self.area_filter = QComboBox()
        self.difficulty_filter = QComboBox()
        self.difficulty_filter.addItem("Any difficulty", "")
        for level in ("easy", "medium", "hard"):
            self.difficulty_filter.addItem(level.capitalize(), level)
        self.company_filter = QLineEdit()
        self.company_filter.setPlaceholderText("e.g. Google (optional)")
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.question_label = QLabel("Draw a question to begin.")
        self.question_label.setWordWrap(True)
        font = QFont(self.font())
        font.setPointSize(font.pointSize() + 3)
        self.question_label.setFont(font)
        self.kata_label = QLabel()
        buttons = QHBoxLayout()
        self.draw_button = QPushButton("Draw question (D)")
        self.start_button = QPushButton("Start round (Space)")
        self.start_button.setEnabled(False)
        buttons.addWidget(self.draw_button)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        form.addRow("Round", picker)
        form.addRow("Area", self.area_filter)
        form.addRow("Difficulty", self.difficulty_filter)
        form.addRow("Company", self.company_filter)
        form.addRow("Plan", self.plan_label)
        form.addRow("Question", self.question_label)
        form.addRow("", self.kata_label)
        form.addRow(buttons)
        self.stack.addWidget(setup)

        running = QWidget()
        run_layout = QVBoxLayout(running)
        self.run_question = QLabel()
        self.run_question.setWordWrap(True)
        self.run_question.setFont(font)
        self.countdown = QLabel("00:00")
        big = QFont(self.font())
        big.setPointSize(54)
        big.setBold(True)
        self.countdown.setFont(big)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_label = QLabel()
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_bar = PhaseBar()
        controls = QHBoxLayout()
        self.pause_button = QPushButton("Pause (Space)")
        self.next_button = QPushButton("Next phase (N)")
        self.plus_button = QPushButton("+5 min")
        self.mini_button = QPushButton("Mini timer")
        self.kata_button = QPushButton("Open the kata")
        self.finish_button = QPushButton("Finish and review (F)")
        for widget in (
            self.pause_button,
            self.next_button,
            self.plus_button,
            self.mini_button,
            self.kata_button,
            self.finish_button,
        ):
            controls.addWidget(widget)
        run_layout.addWidget(self.run_question)
        run_layout.addStretch(1)
        run_layout.addWidget(self.countdown)
        run_layout.addWidget(self.phase_label)
        run_layout.addWidget(self.phase_bar)
        run_layout.addStretch(1)
        run_layout.addLayout(controls)
        self.stack.addWidget(running)

        review = QWidget()
        review_layout = QVBoxLayout(review)
        self.review_title = QLabel()
        self.review_title.setWordWrap(True)
        review_layout.addWidget(self.review_title)
        self.rubric_grid = QGridLayout()
        review_layout.addLayout(self.rubric_grid)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("How did it go? What did you say, where did you get stuck?")
        self.differently = QPlainTextEdit()
        self.differently.setPlaceholderText("What I would do differently next time")
        review_layout.addWidget(QLabel("Notes"))
        review_layout.addWidget(self.notes)
        review_layout.addWidget(QLabel("What I'd do differently"))
        review_layout.addWidget(self.differently)
        self.review_error = QLabel()
        self.review_error.setStyleSheet("color: #d04444;")
        review_layout.addWidget(self.review_error)
        self.save_button = QPushButton("Save review (Ctrl+S)")
        review_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        self.stack.addWidget(review)
        self.score_boxes: list[QSpinBox] = []

        trends = QWidget()
        trends_layout = QGridLayout(trends)
        self.history_filter = QComboBox()
        self.history_model = RoundsModel(self)
        self.history_table = QTableView()
        self.history_table.setModel(self.history_model)
        self.history_table.horizontalHeader().setStretchLastSection(True)
        self.history_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.score_chart = ChartView("Rubric score over time (1-4)", "line")
        self.phase_chart = ChartView("Planned vs actual minutes per phase", "bars")
        self.area_chart = ChartView("Areas whose questions went worst (mean score)", "hbars")
        trends_layout.addWidget(self.history_filter, 0, 0)
        trends_layout.addWidget(self.history_table, 1, 0, 1, 2)
        trends_layout.addWidget(self.score_chart, 2, 0)
        trends_layout.addWidget(self.phase_chart, 2, 1)
        trends_layout.addWidget(self.area_chart, 3, 0, 1, 2)
        self.tabs.addTab(trends, "History")

        self.template_combo.currentIndexChanged.connect(self._template_changed)
        self.edit_template_button.clicked.connect(self.edit_template)
        self.new_template_button.clicked.connect(self.new_template)
        setup_order = [
            self.template_combo,
            self.edit_template_button,
            self.new_template_button,
            self.area_filter,
            self.difficulty_filter,
            self.company_filter,
            self.draw_button,
            self.start_button,
        ]
        for first, second in zip(setup_order, setup_order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.draw_button.clicked.connect(self.draw)
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.next_button.clicked.connect(self.next_phase)
        self.plus_button.clicked.connect(self.add_five)
        self.mini_button.clicked.connect(self.toggle_mini)
        self.kata_button.clicked.connect(
            lambda: self.kata_slug and self.open_kata_requested.emit(self.kata_slug)
        )
        self.finish_button.clicked.connect(self.finish)
        self.save_button.clicked.connect(self.save_review)
        self.history_filter.currentIndexChanged.connect(self.refresh_history)
        for keys, handler in (
            ("Space", self._space),
            ("N", self.next_phase),
            ("D", self._draw_key),
            ("F", self._finish_key),
            ("Ctrl+S", self.save_review),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(handler)

    # --- loading ---------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        from desktop.reference.content import load_questions

        root = content_root()
        problem = ""
        try:
            self.shipped = load_builtin_templates(root)
            round_store.ensure_templates(self.store, self.shipped)
        except (OSError, ValueError) as error:
            problem = f"Could not load the shipped round templates: {error}"
        self.questions = load_questions(root)
        self.reload_templates()
        if problem:
            self.plan_label.setText(problem)
        self._offer_resume()

    def reload_templates(self, select: str | None = None) -> None:
        """Refill the round picker and history filter from the store, keeping the selections."""
        select = select or self.template_combo.currentData()
        history_type = self.history_filter.currentData()
        shipped_types = [t.type for t in self.shipped]
        self.templates = sort_templates(round_store.list_templates(self.store), shipped_types)
        self.template_combo.blockSignals(True)
        self.history_filter.blockSignals(True)
        self.template_combo.clear()
        self.history_filter.clear()
        self.history_filter.addItem("All round types", "")
        for template in self.templates:
            marker = {EDITED: " · edited", OWN: " · yours"}.get(
                template_origin(template, shipped_types), ""
            )
            self.template_combo.addItem(
                f"{template.title} ({template.minutes:.0f} min{marker})", template.type
            )
            self.history_filter.addItem(template.title, template.type)
        self.template_combo.setCurrentIndex(max(self.template_combo.findData(select), 0))
        self.history_filter.setCurrentIndex(max(self.history_filter.findData(history_type), 0))
        self.template_combo.blockSignals(False)
        self.history_filter.blockSignals(False)
        self.edit_template_button.setEnabled(bool(self.templates))
        self._template_changed()
        self.refresh_history()

    def edit_template(self) -> bool:
        """Open the editor on the selected round; the picker shows what was saved at once."""
        template = self.current_template()
        if template is None or self.stack.currentIndex() != 0:
            return False
        return self._after_edit(TemplateEditorDialog.ask(self, self.store, template, self.shipped))

    def new_template(self) -> bool:
        if self.stack.currentIndex() != 0:
            return False
        return self._after_edit(TemplateEditorDialog.ask(self, self.store, None, self.shipped))

    def _after_edit(self, outcome) -> bool:
        if outcome is None:
            return False
        self.reload_templates(select=None if outcome.action == "deleted" else outcome.template_type)
        return True

    def _offer_resume(self) -> None:
        unfinished = round_store.running_round(self.store)
        if unfinished is None or not unfinished.timer:
            return
        template = self.template(unfinished.template_type)
        if template is not None and Confirm.ask(
            self,
            "Resume the unfinished round?",
            f"A {unfinished.title} round was still running when MLPrep closed. Resume it (paused)?",
        ):
            self.round_id = unfinished.id
            self.question = next(
                (q for q in self.questions if q.id == unfinished.question_id), None
            )
            self.kata_slug = unfinished.kata_slug
            self.timer = RoundTimer.from_dict(unfinished.timer, clock=self.clock)
            self._current_template = template
            self.run_question.setText(unfinished.question_text)
            self.stack.setCurrentIndex(1)
            self.ticker.start()
            self.tick()
        else:
            round_store.abandon_round(self.store, unfinished.id)

    def template(self, template_type: str) -> RoundTemplate | None:
        return next((t for t in self.templates if t.type == template_type), None)

    def current_template(self) -> RoundTemplate | None:
        return self.template(self.template_combo.currentData() or "")

    def _template_changed(self) -> None:
        template = self.current_template()
        if template is None:
            return
        self.plan_label.setText(" → ".join(f"{p.name} {p.minutes:.0f}′" for p in template.phases))
        areas = sorted(
            {q.area for q in self.questions if q.round == template.question_round and q.area}
        )
        self.area_filter.clear()
        self.area_filter.addItem("Any area", "")
        for area in areas:
            self.area_filter.addItem(area, area)
        self.question = None
        self.kata_slug = None
        self.question_label.setText("Draw a question to begin.")
        self.kata_label.clear()
        self.start_button.setEnabled(False)

    # --- drawing ---------------------------------------------------------------------------
    def filters(self) -> DrawFilters:
        return DrawFilters(
            area=self.area_filter.currentData() or "",
            difficulty=self.difficulty_filter.currentData() or "",
            company=self.company_filter.text().strip(),
        )

    def draw(self):
        template = self.current_template()
        if template is None or self.stack.currentIndex() != 0:
            return None
        recent = round_store.recent_question_ids(self.store, NO_REPEAT_ROUNDS)
        exclude = [self.question.id] if self.question else []
        question = draw_question(
            self.questions, template.question_round, recent, self.rng, self.filters(), exclude
        )
        self.question = question
        if question is None:
            self.question_label.setText("No question in the bank matches these filters.")
            self.start_button.setEnabled(False)
            return None
        self.question_label.setText(question.text)
        self.kata_slug = self._kata_for(template, question)
        self.kata_label.setText(
            f"Kata: {self.kata_slug} (opens in the editor when the round starts)"
            if self.kata_slug
            else ""
        )
        self.start_button.setEnabled(True)
        return question

    def _kata_for(self, template: RoundTemplate, question) -> str | None:
        if not template.is_coding:
            return None
        katas = list(getattr(question, "katas", []) or [])
        if katas:
            return katas[0]
        try:
            from desktop.katas.catalog import load_catalog

            catalog = load_catalog(list(self.context.kata_paths)).katas
        except ImportError:
            return None
        wanted = [
            k
            for k in catalog
            if (k.area == "algorithms") == (template.question_round == "algorithms-coding")
        ]
        return self.rng.choice(wanted).slug if wanted else None

    def _draw_key(self) -> None:
        if self.stack.currentIndex() == 0:
            self.draw()

    # --- running ---------------------------------------------------------------------------
    def start(self) -> bool:
        template = self.current_template()
        if (
            template is None
            or self.question is None
            or self.timer is not None
            and self.timer.state in (RUNNING, PAUSED)
        ):
            return False
        self._current_template = template
        self.timer = RoundTimer(list(template.phases), clock=self.clock)
        self.timer.start()
        self.round_id = round_store.start_round(
            self.store,
            template,
            question=self.question,
            kata_slug=self.kata_slug,
            timer=self.timer.to_dict(),
        )
        self.run_question.setText(self.question.text)
        self.kata_button.setVisible(bool(self.kata_slug))
        self.stack.setCurrentIndex(1)
        self.ticker.start()
        self.tick()
        if self.kata_slug:
            self.open_kata_requested.emit(self.kata_slug)
        return True

    def _space(self) -> None:
        focused = QApplication.focusWidget()
        if focused in (self.edit_template_button, self.new_template_button):
            focused.click()  # Space presses a focused button; the shortcut would swallow it
            return
        if self.stack.currentIndex() == 0:
            self.start()
        elif self.stack.currentIndex() == 1:
            self.toggle_pause()

    def toggle_pause(self) -> None:
        if self.timer is None or self.timer.state not in (RUNNING, PAUSED):
            return
        self.timer.toggle()
        self.pause_button.setText(
            "Resume (Space)" if self.timer.state == PAUSED else "Pause (Space)"
        )
        self._persist(force=True)
        self.tick()

    def next_phase(self) -> None:
        if self.timer is not None and self.stack.currentIndex() == 1:
            before = self.timer.phase_index
            self.timer.next_phase()
            if self.timer.phase_index != before:
                self._signal_cue("phase", self.timer.phases[self.timer.phase_index].name)
            self._persist(force=True)
            self.tick()

    def add_five(self) -> None:
        if self.timer is not None and self.timer.state in (RUNNING, PAUSED):
            self.timer.add_minutes(5)
            self._persist(force=True)
            self.tick()

    def tick(self) -> None:
        if self.timer is None:
            return
        for cue in self.timer.poll():
            self._signal_cue(cue.kind, cue.phase)
        snap = self.timer.snapshot()
        text = format_clock(snap.remaining_s)
        self.countdown.setText(text)
        self.countdown.setStyleSheet("color: #d04444;" if snap.overtime else "")
        status = " (paused)" if snap.state == PAUSED else ""
        phase_total = self.timer.phases[snap.phase_index].minutes * 60
        self.phase_label.setText(
            f"Phase {snap.phase_index + 1} of {len(self.timer.phases)}: {snap.phase_name}{status} · "
            f"{format_clock(max(snap.phase_remaining_s, 0))} left in this phase"
            + (" · overtime" if snap.overtime else "")
        )
        self.phase_bar.set_state(
            self.timer.phases, snap.phase_index, snap.phase_elapsed_s / phase_total
        )
        if self.mini is not None and self.mini.isVisible():
            self.mini.show_time(text, snap.phase_name, snap.overtime)
        self._persist()

    def _signal_cue(self, kind: str, phase: str) -> None:
        messages = {
            "phase": f"Next phase: {phase}",
            "five-minutes": "Five minutes left",
            "overtime": "Time is up: overtime",
        }
        self.cue.emit(messages.get(kind, kind))
        QApplication.beep()
        self.stack.widget(1).setStyleSheet("background: rgba(61, 123, 224, 60);")
        # The pane as context: the flash ends with it if the pane is gone in the meantime.
        QTimer.singleShot(700, self, self._end_flash)
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(messages.get(kind, kind), 5000)

    def _end_flash(self) -> None:
        self.stack.widget(1).setStyleSheet("")

    def _persist(self, force: bool = False) -> None:
        """Save the timer every few seconds so a crash loses at most that much."""
        now = time.monotonic()
        if self.round_id is None or self.timer is None or (not force and now - self._last_save < 3):
            return
        self._last_save = now
        round_store.save_timer(self.store, self.round_id, self.timer.to_dict())

    def toggle_mini(self) -> None:
        if self.mini is None:
            self.mini = MiniTimer()
        self.mini.setVisible(not self.mini.isVisible())
        self.tick()

    def record_kata_result(self, slug: str, status: str) -> None:
        """Called when the kata editor finishes a run: a coding round keeps the outcome."""
        if self.round_id is not None and slug == self.kata_slug and self.stack.currentIndex() == 1:
            round_store.set_kata_status(self.store, self.round_id, status)

    def _finish_key(self) -> None:
        if self.stack.currentIndex() == 1:
            self.finish()

    def finish(self) -> None:
        if self.timer is None or self.timer.state not in (RUNNING, PAUSED):
            return
        self.timer.finish()
        self.ticker.stop()
        if self.mini is not None:
            self.mini.hide()
        template = self._current_template
        self.review_title.setText(
            f"<b>Review: {template.title}</b><br>{self.run_question.text()}<br>"
            "Score each item honestly: 1 missing, 2 weak, 3 good, 4 excellent."
        )
        while self.rubric_grid.count():
            item = self.rubric_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.score_boxes = []
        for row, criterion in enumerate(template.rubric):
            box = QSpinBox()
            box.setRange(0, 4)
            box.setSpecialValueText("–")
            self.rubric_grid.addWidget(QLabel(criterion), row, 0)
            self.rubric_grid.addWidget(box, row, 1)
            self.score_boxes.append(box)
        self.notes.clear()
        self.differently.clear()
        self.review_error.clear()
        self.stack.setCurrentIndex(2)
        if self.score_boxes:
            self.score_boxes[0].setFocus()

    def save_review(self) -> bool:
        if self.stack.currentIndex() != 2 or self.round_id is None:
            return False
        scores = [box.value() for box in self.score_boxes]
        if any(score == 0 for score in scores):
            self.review_error.setText("Give every rubric item a score from 1 to 4.")
            return False
        round_store.finish_round(
            self.store,
            self.round_id,
            scores=scores,
            notes=self.notes.toPlainText(),
            differently=self.differently.toPlainText(),
            actual_s=self.timer.actual_per_phase_s(),
            timer=self.timer.to_dict(),
        )
        self.round_id = None
        self.timer = None
        self.question = None
        self.question_label.setText("Saved. Draw another question when you are ready.")
        self.kata_label.clear()
        self.start_button.setEnabled(False)
        self.stack.setCurrentIndex(0)
        self.refresh_history()
        return True

    # --- history ---------------------------------------------------------------------------
    def refresh_history(self) -> None:
        template_type = self.history_filter.currentData() or None
        rounds = round_store.list_rounds(self.store, template_type)
        self.history_model.set_rounds(rounds)
        trend = history.score_trend(rounds)
        self.score_chart.set_data(
            [
                Series(name, [v for _, v in points], [d for d, _ in points])
                for name, points in trend.items()
            ],
            y_range=(1, 4),
        )
        phase_type = template_type or (rounds[-1].template_type if rounds else None)
        timings = history.planned_vs_actual(rounds, phase_type) if phase_type else []
        self.phase_chart.set_data(
            [
                Series("planned", [t.planned_min for t in timings]),
                Series("actual", [t.actual_min for t in timings]),
            ],
            categories=[t.name for t in timings],
        )
        worst = history.weakest_areas(rounds)
        self.area_chart.set_data(
            [Series("score", [w[1] for w in worst], [f"{w[0]} ({w[2]})" for w in worst])],
            y_range=(0, 4),
        )

    def start_for_interview(
        self, round_type: str, event_id: int | None = None, days_left: int | None = None
    ) -> bool:
        """From a scheduled interview: preselect the same round type and say how long is left."""
        self.ensure_loaded()
        index = self.template_combo.findData(round_type)
        if index < 0:
            return False
        self.template_combo.setCurrentIndex(index)
        if days_left is not None:
            self.plan_label.setText(
                f"{self.plan_label.text()}  ·  {interview_countdown(days_left)}"
            )
        self.draw()
        return True

    def shutdown(self) -> None:
        self.ticker.stop()
        if (
            self.timer is not None
            and self.round_id is not None
            and self.timer.state in (RUNNING, PAUSED)
        ):
            round_store.save_timer(self.store, self.round_id, self.timer.to_dict())
        if self.mini is not None:
            self.mini.close()


def interview_countdown(days_left: int) -> str:
    """How long until the real interview, in words."""
    if days_left <= 0:
        return "the real interview is today"
    if days_left == 1:
        return "the real interview is tomorrow"
    return f"the real interview is in {days_left} days"
