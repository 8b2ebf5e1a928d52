"""Uncaught exceptions in the GUI: logged to the data folder's log and shown, never fatal."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("mlprep")


class ErrorDialog:
    """Shows an unexpected error. Tests replace ``show`` to capture instead of display."""

    shown: list[str] = []

    @classmethod
    def show(cls, summary: str, detail: str) -> None:
        cls.shown.append(summary)
        parent = QApplication.activeWindow()
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("MLPrep: unexpected error")
        box.setText(
            "Something went wrong, but your saved work is safe and MLPrep keeps running.\n\n"
            + summary
        )
        box.setDetailedText(detail)
        box.open()


def install_excepthook(log_path: str | None = None) -> None:
    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        detail = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception:\n%s", detail)
        summary = f"{exc_type.__name__}: {exc}"
        if log_path:
            summary += f"\n\nDetails were written to {log_path}."
        try:
            ErrorDialog.show(summary, detail)
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook
