"""Long work off the GUI thread: one helper that shows progress, offers Cancel and reports back.

Usage: ``run_operation(parent, "Exporting…", work, on_done=...)`` where ``work(report)``
receives an ``OperationReport`` with ``progress(done, total, text)`` and ``cancelled()``.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger("mlprep.ui")


class OperationCancelled(Exception):
    """Raised by work that noticed the user pressed Cancel."""


class OperationReport:
    def __init__(self, signals: _Signals, cancel_event: threading.Event):
        self._signals = signals
        self._cancel = cancel_event

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(int(done), int(total), text)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise OperationCancelled()


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str, str)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, work, report: OperationReport, signals: _Signals):
        super().__init__()
        self.work = work
        self.report = report
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work(self.report)
        except OperationCancelled:
            self.signals.cancelled.emit()
        except Exception as error:  # noqa: BLE001 - shown to the user, logged in full
            detail = traceback.format_exc()
            log.error("background operation failed: %s", detail)
            self.signals.failed.emit(str(error) or type(error).__name__, detail)
        else:
            if self.report.cancelled():
                self.signals.cancelled.emit()
            else:
                self.signals.done.emit(result)


class Operation(QObject):
    """A handle on running work: its signals arrive on the GUI thread."""

    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.running = True

    def cancel(self) -> None:
        self.cancel_event.set()


def run_operation(
    parent: QWidget | None,
    title: str,
    work: Callable[[OperationReport], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    cancellable: bool = True,
    show_progress: bool = True,
    pool: QThreadPool | None = None,
) -> Operation:
    operation = Operation(parent)
    signals = _Signals()
    operation._signals = signals  # keep alive with the operation
    dialog = None
    if show_progress:
        dialog = QProgressDialog(title, "Cancel" if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle("MLPrep")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(operation.cancel)
        operation.dialog = dialog

    def on_progress(done: int, total: int, text: str) -> None:
        if dialog is not None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if text:
                dialog.setLabelText(text)
        operation.progress.emit(done, total, text)

    def finish() -> None:
        operation.running = False
        if dialog is not None:
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
        operation.finished.emit()

    def on_success(result) -> None:
        finish()
        operation.done.emit(result)
        if on_done:
            on_done(result)

    def on_failure(message: str, _detail: str) -> None:
        finish()
        operation.failed.emit(message)
        if on_error:
            on_error(message)

    def on_cancel() -> None:
        finish()
        operation.cancelled.emit()

    signals.progress.connect(on_progress)
    signals.done.connect(on_success)
    signals.failed.connect(on_failure)
    signals.cancelled.connect(on_cancel)
    report = OperationReport(signals, operation.cancel_event)
    (pool or QThreadPool.globalInstance()).start(_Runnable(work, report, signals))
    return operation
