"""Reminders while the app runs: a once-a-minute check that shows due interview and deadline
reminders in the system tray (or in the window when there is no tray), and their settings form.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QSystemTrayIcon, QWidget

from desktop.store.database import Store, StoreError
from desktop.tracker import service
from desktop.tracker.reminders import (
    MAX_LEAD_MINUTES,
    MAX_LEADS,
    Reminder,
    ReminderSettings,
    format_leads,
    format_minutes,
    settings_from_text,
)
from desktop.ui.tracker_forms import FieldSpec, RecordDialog

CHECK_INTERVAL_MS = 60_000
MESSAGE_MS = 15_000
FALLBACK_MS = 5 * 60_000


def local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def combined_message(due: list[Reminder]) -> tuple[str, str]:
    """One notification for everything due in one check (title, body)."""
    if len(due) == 1:
        return due[0].title, due[0].body
    return f"{len(due)} tracker reminders", "\n".join(r.title for r in due)


class ReminderNotifier(QObject):
    """Owns the minute timer and the tray icon; ``stop()`` before the store closes."""

    shown = Signal(list)  # the reminders just shown
    open_requested = Signal()  # the user clicked a reminder

    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], dt.datetime] = local_now,
        tz: dt.tzinfo | None = None,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        fallback: Callable[[str, str], None] | None = None,
        icon: QIcon | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.tz = tz
        self.tray_available = tray_available
        self.fallback = fallback
        self.icon = icon
        self.tray: QSystemTrayIcon | None = None
        self.stopped = False
        self.last_message: tuple[str, str] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        if self.stopped:
            return
        self.timer.start()
        self.check()

    def stop(self) -> None:
        """Stop checking and take the tray icon down; safe to call twice."""
        self.stopped = True
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()
            self.tray = None

    def check(self) -> list[Reminder]:
        """Show what is due now and remember it as shown (also across restarts)."""
        if self.stopped:
            return []
        now = self.clock()
        try:
            due = service.reminders_due(self.store, now, self.tz)
            if due:
                service.mark_reminders_sent(self.store, [k for r in due for k in r.covers], now)
        except (sqlite3.Error, StoreError):
            # A closed or busy store: try again next minute rather than break the window.
            logging.getLogger("mlprep").exception("checking tracker reminders failed")
            return []
        if due:
            self.notify(*combined_message(due))
            self.shown.emit(due)
        return due

    def notify(self, title: str, body: str) -> None:
        self.last_message = (title, body)
        if self.tray_available():
            tray = self._tray()
            tray.showMessage(title, body, tray.icon(), MESSAGE_MS)
        elif self.fallback is not None:
            self.fallback(title, body)

    def uses_tray(self) -> bool:
        return self.tray is not None

    def _tray(self) -> QSystemTrayIcon:
        if self.tray is None:
            icon = self.icon or QApplication.windowIcon()
            if icon.isNull():
                icon = QApplication.style().standardIcon(
                    QStyle.StandardPixmap.SP_MessageBoxInformation
                )
            # Owned here, not by a Qt parent: dropping it in stop() removes it at once.
            self.tray = QSystemTrayIcon(icon)
            self.tray.setToolTip("MLPrep: interview reminders")
            self.tray.messageClicked.connect(self.open_requested)
            self.tray.activated.connect(lambda _reason: self.open_requested.emit())
            self.tray.show()
        return self.tray


# --- settings form ---------------------------------------------------------------------


def settings_specs() -> list[FieldSpec]:
    return [
        FieldSpec("enabled", "Show reminders", "bool"),
        FieldSpec("interview_leads", "Before interviews", placeholder="e.g. 24h, 1h (empty: none)"),
        FieldSpec("deadline_leads", "Before deadlines", placeholder="e.g. 24h (empty: none)"),
    ]


def settings_values(settings: ReminderSettings) -> dict:
    return {
        "enabled": settings.enabled,
        "interview_leads": format_leads(settings.interview_leads),
        "deadline_leads": format_leads(settings.deadline_leads),
    }


SETTINGS_HELP = (
    "While MLPrep is open it reminds you before interviews and deadlines, in the system tray "
    "(or at the bottom of the window). Write times like 24h, 1h or 30m, separated by commas: "
    f"up to {MAX_LEADS} each, at most {format_minutes(MAX_LEAD_MINUTES)} ahead. A deadline "
    "counts from the end of its due day, so 24h reminds you on the morning of that day."
)


class ReminderSettingsDialog(RecordDialog):
    """The record form with a short explanation above the fields."""

    def __init__(self, title, specs, values, save, parent=None):
        super().__init__(title, specs, values, save, parent)
        self.help = QLabel(SETTINGS_HELP)
        self.help.setObjectName("ReminderHelp")
        self.help.setWordWrap(True)
        self.layout().insertWidget(0, self.help)
        self.resize(540, self.sizeHint().height() + 90)  # room for an error under each field


def edit_reminder_settings(parent: QWidget | None, store: Store) -> ReminderSettings | None:
    """The "Reminders…" form: validated lead times, stored in the settings; None if cancelled."""

    def save(values: dict) -> ReminderSettings:
        settings = settings_from_text(
            values["enabled"], values["interview_leads"], values["deadline_leads"]
        )
        service.save_reminder_settings(store, settings)
        return settings

    return ReminderSettingsDialog.ask(
        parent,
        "Reminders",
        settings_specs(),
        settings_values(service.load_reminder_settings(store)),
        save,
    )
