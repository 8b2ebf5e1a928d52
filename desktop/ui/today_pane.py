"""Today: due cards, the week's interviews and deadlines, today's plan, streak and plots."""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.lazy import lazy_module
from desktop.paths import content_root
from desktop.store.settings import get_setting, set_setting
from desktop.study.areas import AREAS, area_title
from desktop.ui.charts import ChartView, Series
from desktop.ui.context import UiContext

if TYPE_CHECKING:
    from desktop.study.plan import Profile
    from desktop.ui.review_pane import ReviewDialog

# The page paints first and fills right after (see showEvent): its data layer (the FSRS
# scheduler, the kata catalog, the topic loader ...) loads on first use, not before the window
# can show.
catalog = lazy_module("desktop.katas.catalog")
checklist_data = lazy_module("desktop.study.checklist")
content = lazy_module("desktop.reference.content")
kata_store = lazy_module("desktop.store.katas")
note_store = lazy_module("desktop.store.notes")
round_store = lazy_module("desktop.store.rounds")
service = lazy_module("desktop.study.service")
study = lazy_module("desktop.store.study")

SKIPPED_KEY = "study.profile_skipped"
# "off" stops the profile questions from opening by themselves on a first start (the test
# suite sets it; a test that wants the first start turns it back on).
FIRST_START_ENV = "MLPREP_FIRST_START"


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


class Card(QFrame):
    """A titled box on the page."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.layout_ = QVBoxLayout(self)
        heading = QLabel(f"<b>{html.escape(title)}</b>")
        self.layout_.addWidget(heading)

    def add(self, widget: QWidget) -> QWidget:
        self.layout_.addWidget(widget)
        return widget

    def finish(self) -> None:
        self.layout_.addStretch(1)


def _round_title(round_type: str) -> str:
    words = round_type.replace("-", " ").capitalize()
    return "ML " + words[3:] if words.startswith("Ml ") else words


def _small(text: str) -> str:
    return f"<br><small>{html.escape(text)}</small>" if text else ""


def _tracker_href(application_id: int | None) -> str:
    return f"tracker:app:{application_id}" if application_id else "tracker:"


def _text_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setOpenExternalLinks(False)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class TodayPane(QWidget):
    def __init__(self, context: UiContext, clock: Callable[[], dt.datetime] = _now):
        super().__init__()
        self.context = context
        self.store = context.store
        self.clock = clock
        self._loaded = False
        self._load_scheduled = False
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.timeout.connect(self._deferred_load)
        self.topics: list = []
        self.katas: list = []
        self.checklist: list = []
        self.queue: list = []
        self.review_dialog: ReviewDialog | None = None
        self.browser_dialog = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        page = QVBoxLayout(body)

        top = QHBoxLayout()
        self.headline = QLabel()
        self.headline.setObjectName("todayHeadline")
        self.headline.setWordWrap(True)
        top.addWidget(self.headline, 1)
        self.streak_label = QLabel()
        self.streak_label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        top.addWidget(self.streak_label)
        self.checklist_button = QPushButton("Readiness checklist")
        self.checklist_button.setToolTip("The preparation checklist: tick what is done")
        self.checklist_button.clicked.connect(self.open_checklist)
        top.addWidget(self.checklist_button)
        self.profile_button = QPushButton("Edit profile…")
        self.profile_button.clicked.connect(self.edit_profile)
        top.addWidget(self.profile_button)
        page.addLayout(top)

        self.setup_box = Card("Get a personal plan")
        self.setup_text = _text_label()
        self.setup_text.setText(
            "Tell MLPrep your target role, companies, first interview date and how you rate "
            "yourself per area (about a minute). It then tells you what to study each day, "
            "and pulls material forward when an interview is near."
        )
        self.setup_box.add(self.setup_text)
        setup_row = QHBoxLayout()
        self.setup_button = QPushButton("Set up my plan…")
        self.setup_button.clicked.connect(self.edit_profile)
        self.skip_button = QPushButton("Not now")
        self.skip_button.clicked.connect(self.skip_setup)
        setup_row.addWidget(self.setup_button)
        setup_row.addWidget(self.skip_button)
        setup_row.addStretch(1)
        self.setup_box.layout_.addLayout(setup_row)
        page.addWidget(self.setup_box)

        grid = QGridLayout()
        self.cards_box = Card("Flashcards")
        self.cards_label = self.cards_box.add(_text_label())
        self.start_button = QPushButton("Start review")
        self.start_button.clicked.connect(self.start_review)
        self.cards_box.add(self.start_button)
        card_tools = QHBoxLayout()
        self.add_card_button = QPushButton("Add card…")
        self.add_card_button.clicked.connect(self.add_card)
        self.browse_button = QPushButton("Browse cards…")
        self.browse_button.clicked.connect(self.browse_cards)
        card_tools.addWidget(self.add_card_button)
        card_tools.addWidget(self.browse_button)
        card_tools.addStretch(1)
        self.cards_box.layout_.addLayout(card_tools)
        grid.addWidget(self.cards_box, 0, 0)

        self.week_box = Card("Next 7 days")
        self.week_label = self.week_box.add(_text_label())
        self.week_label.linkActivated.connect(self.follow_link)
        grid.addWidget(self.week_box, 0, 1)

        self.plan_box = Card("Today's plan")
        self.plan_label = self.plan_box.add(_text_label())
        self.plan_label.linkActivated.connect(self.follow_link)
        grid.addWidget(self.plan_box, 1, 0)

        self.focus_box = Card("Focus areas")
        self.focus_label = self.focus_box.add(_text_label())
        self.focus_label.linkActivated.connect(self.follow_link)
        grid.addWidget(self.focus_box, 1, 1)
        for box in (self.cards_box, self.week_box, self.plan_box, self.focus_box):
            box.finish()
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        page.addLayout(grid)

        charts = QGridLayout()
        self.solved_chart = ChartView("Katas solved (total)", "line")
        self.solved_chart.empty_text = "Solve a kata and its day shows up here."
        self.reviews_chart = ChartView("Cards reviewed per day", "bars")
        self.reviews_chart.empty_text = "Review cards to see your daily count."
        self.mock_chart = ChartView("Mock-round scores", "line")
        self.mock_chart.empty_text = "Finish a mock round to see its score."
        self.confidence_chart = ChartView("Confidence per area", "hbars")
        self.confidence_chart.empty_text = "Rate your confidence on topic pages to see it here."
        for index, chart in enumerate(
            (self.solved_chart, self.reviews_chart, self.mock_chart, self.confidence_chart)
        ):
            chart.setFixedHeight(230)
            charts.addWidget(chart, index // 2, index % 2)
        page.addLayout(charts)
        page.addStretch(1)

    # --- loading ---------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._loaded:
            self.refresh()  # cheap, and the other places may have changed what is due
            return
        if not self._load_scheduled:
            # Today is the place the app opens on: let the window paint first, then fill it.
            self._load_scheduled = True
            self._load_timer.start(60)

    def _deferred_load(self) -> None:
        self._load_scheduled = False
        if self.isVisible():
            self.ensure_loaded()

    def shutdown(self) -> None:
        self._load_timer.stop()

    def ensure_loaded(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        self.topics, _problems = content.load_topics(content_root())
        self.katas = catalog.load_catalog(self.context.kata_paths).katas
        self.checklist = checklist_data.load_checklist(content_root())
        study.sync_topic_cards(self.store, self.topics, self.clock())
        self.refresh()

    def refresh(self) -> None:
        now = self.clock()
        profile = service.load_profile(self.store)
        plan = service.current_plan(self.store, self.topics, self.katas, now)
        skipped = bool(get_setting(self.store, SKIPPED_KEY, False))
        self.setup_box.setVisible(profile is None and not skipped)
        self.profile_button.setText("Edit profile…" if profile else "Set up profile…")
        self._fill_headline(profile, plan, now)
        self._fill_cards(plan, now)
        self._fill_week(now)
        self._fill_plan(plan, profile)
        self._fill_focus(plan)
        self._fill_readiness()
        self._fill_charts()

    def _fill_readiness(self, *_counts) -> None:
        done, total = checklist_data.overall(self.checklist, study.ticked_items(self.store))
        self.checklist_button.setText(f"Readiness {done}/{total}" if total else "Checklist")

    def _fill_headline(self, profile, plan, now) -> None:
        day = now.strftime("%A %d %B")
        if plan and plan.days_left is not None:
            plural = "" if plan.days_left == 1 else "s"
            text = f"<h2>{day}</h2>{plan.days_left} day{plural} to your first interview"
            text += f" · {plan.hours_total:g} hours planned"
        elif profile:
            text = f"<h2>{day}</h2>No interview date yet: planning two weeks ahead"
        else:
            text = f"<h2>{day}</h2>What to do now"
        self.headline.setText(text)
        days = service.study_days(self.store, now.tzinfo)
        count = service.streak(days, now.date())
        self.streak_label.setText(f"<b>{count}-day streak</b>" if count else "Start a streak today")

    def _fill_cards(self, plan, now) -> None:
        priority = service.card_priority(plan, self.topics)
        self.queue = study.review_queue(self.store, now, priority=priority)
        counts = study.due_counts(self.store, now)
        due = sum(c[0] for c in counts.values())
        new = sum(1 for c in self.queue if c.is_new)
        if not counts:
            self.cards_label.setText("No flashcards yet: they come from the topic pages.")
        elif not self.queue:
            self.cards_label.setText("All caught up: nothing due now. New cards arrive tomorrow.")
        else:
            parts = [
                f"{area_title(a)}: {counts[a][0]} due"
                for a in AREAS
                if a in counts and counts[a][0]
            ]
            detail = ("<br>" + " · ".join(parts)) if parts else ""
            self.cards_label.setText(f"<b>{due}</b> due and <b>{new}</b> new for today{detail}")
        self.start_button.setEnabled(bool(self.queue))
        self.start_button.setText(
            f"Start review ({len(self.queue)})" if self.queue else "Nothing to review"
        )

    def _fill_week(self, now) -> None:
        events, deadlines = study.upcoming_tracker(self.store, now, 7)
        lines = []
        for event, company in events:
            when = event.local_start(now.tzinfo).strftime("%a %d %b %H:%M")
            what = event.round_type.replace("-", " ")
            target = _tracker_href(event.application_id)
            lines.append(f"{when} · {_link(target, company or 'Interview')} · {what}")
        for deadline, company in deadlines:
            day = dt.date.fromisoformat(deadline.due_on).strftime("%a %d %b")
            title = deadline.title or deadline.kind.replace("-", " ")
            who = f" · {html.escape(company)}" if company else ""
            target = _tracker_href(deadline.application_id)
            lines.append(f"{day} · {_link(target, title)}{who} (deadline)")
        warnings = self._tracker_warnings(now)
        lines.extend(f"⚠ {html.escape(w)}" for w in warnings)
        self.week_label.setText(
            "<br>".join(lines)
            if lines
            else "Nothing scheduled this week. Interviews and deadlines you add in the "
            f"{_link('tracker:', 'Tracker')} show up here."
        )

    def _tracker_warnings(self, now) -> list[str]:
        try:
            from desktop.tracker import service as tracker_service

            advice = tracker_service.current_advice(self.store, now.date())
        except Exception:  # noqa: BLE001 - warnings are a bonus; the page still renders
            return []
        return [item.message for item in advice][:3]

    def _fill_plan(self, plan, profile) -> None:
        notes = {n.topic: n for n in note_store.all_notes(self.store)}
        solved = {s for s, state in kata_store.all_states(self.store).items() if state.solved}
        picks = service.todays_picks(
            plan, self.topics, self.katas, notes, solved, profile.companies if profile else []
        )
        lines = []
        if picks.topic is not None:
            link = _link("topic:" + picks.topic.slug, picks.topic.title)
            lines.append(f"<b>Read</b> {link}" + _small(picks.topic_reason))
        if picks.kata is not None:
            link = _link("kata:" + picks.kata.slug, picks.kata.title)
            lines.append(f"<b>Solve</b> {link}" + _small(picks.kata_reason))
        if picks.round_type:
            link = _link(
                "round:" + picks.round_type, _round_title(picks.round_type) + " mock round"
            )
            lines.append(f"<b>Run</b> a {link}" + _small(picks.round_reason))
        if plan is None and lines:
            lines.append(
                "<small>A starting point: set up your profile for a personal plan.</small>"
            )
        self.plan_label.setText("<br><br>".join(lines) or "The library is empty.")

    def _fill_focus(self, plan) -> None:
        if plan is None:
            self.focus_label.setText(
                "Set up your profile to see which areas need focus and how to split your "
                "time. Until then the plan starts with ML coding and ML theory."
            )
            return
        rows = []
        for area in plan.areas:
            rows.append(
                f"<tr><td><b>{html.escape(area.title)}</b></td><td>{area.level}</td>"
                f"<td>{area.hours:g} h</td></tr><tr><td colspan=3><small>"
                f"{html.escape(area.reason)}</small></td></tr>"
            )
        self.focus_label.setText("<table cellspacing=3>" + "".join(rows) + "</table>")

    def _fill_charts(self) -> None:
        solved = service.solved_over_time(self.store)
        self.solved_chart.set_data(
            [Series("solved", [n for _d, n in solved], [d[5:] for d, _n in solved])]
        )
        reviews = study.reviews_per_day(self.store)[-30:]
        self.reviews_chart.set_data(
            [Series("reviews", [n for _d, n in reviews])],
            categories=[d.strftime("%d") for d, _n in reviews],
        )
        mocks = [m for m in round_store.list_rounds(self.store) if m.mean_score is not None]
        self.mock_chart.set_data(
            [Series("score", [m.mean_score for m in mocks], [m.started_at[5:10] for m in mocks])],
            y_range=(0, 4),
        )
        confidence = service.confidence_per_area(self.store, self.topics)
        areas = [a for a in AREAS if a in confidence]
        self.confidence_chart.set_data(
            [Series("confidence", [confidence[a] for a in areas], [area_title(a) for a in areas])],
            y_range=(0, 5),
        )

    # --- actions ---------------------------------------------------------------------------
    def edit_profile(self) -> None:
        from desktop.ui.profile_dialog import ProfileDialog

        profile = ProfileDialog.ask(service.load_profile(self.store), self)
        if profile is not None:
            study.save_profile_data(self.store, profile.to_dict())
            self.refresh()

    def skip_setup(self) -> None:
        set_setting(self.store, SKIPPED_KEY, True)
        self.refresh()

    def start_review(self) -> ReviewDialog | None:
        if not self.queue:
            return None
        from desktop.ui.review_pane import ReviewDialog

        dialog = ReviewDialog(self.store, self.queue, self.clock, self)
        dialog.finished.connect(lambda _result: self.refresh())
        self.review_dialog = dialog
        dialog.open()
        return dialog

    def add_card(self) -> str | None:
        from desktop.ui.card_editor import CardEditorDialog

        card_id = CardEditorDialog.ask(self, self.store, None, clock=self.clock)
        if card_id:
            self.refresh()
        return card_id

    def browse_cards(self):
        """The card browser, beside the page (not blocking it); the page follows its changes."""
        from desktop.ui.card_browser import show_browser

        self.browser_dialog = show_browser(
            self.browser_dialog, self.store, self.clock, self, self.refresh
        )
        return self.browser_dialog

    def open_checklist(self):
        from desktop.ui.checklist_pane import ChecklistDialog

        dialog = ChecklistDialog.show_for(self, self.store, self.clock)
        if not getattr(dialog, "_today_connected", False):
            dialog._today_connected = True
            dialog.view.changed.connect(self._fill_readiness)
            dialog.view.open_requested.connect(self.follow_link)
        return dialog

    def follow_link(self, href: str) -> None:
        """Every link on the page lands in its place: topic:, kata:, round:, tracker:, ..."""
        kind, _, key = href.partition(":")
        if kind == "checklist":
            self.open_checklist()
            return
        if kind == "review":
            self.start_review()
            return
        window = self.window()
        show = getattr(window, "show_place", None)
        if show is None:
            return
        if kind == "kata" and hasattr(window, "open_kata"):
            window.open_kata(key)
        elif kind in ("topic", "guide"):
            pane = show("reference")
            if hasattr(pane, "open"):
                pane.open(href)
        elif kind == "round":
            pane = show("rounds")
            if hasattr(pane, "ensure_loaded"):
                pane.ensure_loaded()
            combo = getattr(pane, "template_combo", None)
            if combo is not None and combo.findData(key) >= 0:
                combo.setCurrentIndex(combo.findData(key))
        elif kind == "tracker":
            pane = show("tracker")
            what, _, ident = key.partition(":")
            if what == "app" and ident.isdigit() and hasattr(pane, "open_application"):
                if hasattr(pane, "ensure_loaded"):
                    pane.ensure_loaded()
                pane.open_application(int(ident))

    def theme_changed(self, dark: bool) -> None:
        for chart in (
            self.solved_chart,
            self.reviews_chart,
            self.mock_chart,
            self.confidence_chart,
        ):
            chart.update()


# --- first start -------------------------------------------------------------------------


def first_start_due(store) -> bool:
    """True until the profile has been saved once or its questions skipped once."""
    if os.environ.get(FIRST_START_ENV, "").lower() in ("off", "0", "no"):
        return False
    if study.load_profile_data(store) is not None:
        return False
    return not get_setting(store, SKIPPED_KEY, False)


class FirstStart:
    """The profile questions on a first start. They never block the start-up (the dialog is
    opened, not exec'd); ``on_answer`` gets the profile, or None when skipped. Tests
    monkeypatch ``ask``."""

    @staticmethod
    def ask(parent: QWidget, on_answer: Callable[[Profile | None], None]) -> QDialog:
        from desktop.ui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(None, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _result: on_answer(dialog.result_profile))
        dialog.open()
        return dialog


def offer_first_start(window) -> QDialog | None:
    """Called by the main window once, after its first paint."""
    store = window.context.store
    if not first_start_due(store):
        return None

    def answered(profile: Profile | None) -> None:
        if profile is None:
            set_setting(store, SKIPPED_KEY, True)  # "Skip" is remembered: asked once only
        else:
            study.save_profile_data(store, profile.to_dict())
        today = window.places.created("today")
        if today is not None and getattr(today, "_loaded", False):
            today.refresh()

    return FirstStart.ask(window, answered)
