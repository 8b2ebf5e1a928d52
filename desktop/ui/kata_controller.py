"""Qt side of kata runs: a controller that owns the runner and reports with typed signals.

The runner (desktop/katas/runner.py) is blocking and Qt-free; this controller calls it on a
Python thread so the GUI thread never waits, and re-emits results as Qt signals, which Qt
delivers on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("mlprep.katas")


class KataRunController(QObject):
    run_started = Signal(str, str)  # slug, mode
    run_finished = Signal(object)  # the runner's RunResult
    run_failed = Signal(str)  # a message: the runner itself broke
    devices_ready = Signal(object)  # list of DeviceInfo

    def __init__(self, runner_factory: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._factory = runner_factory
        self._runner = None
        self._lock = threading.Lock()
        self._cancel: threading.Event | None = None
        self._thread: threading.Thread | None = None

    @property
    def runner(self):
        with self._lock:
            if self._runner is None:
                self._runner = self._factory()
            return self._runner

    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def warm_up(self) -> None:
        """Start a spare worker in the background so the first run is fast."""
        threading.Thread(target=self._warm, daemon=True, name="kata-warm").start()

    def _warm(self) -> None:
        try:
            self.runner.prestart()
        except Exception:  # noqa: BLE001 - a failed warm-up shows up on the first run
            log.exception("kata worker warm-up failed")

    def probe_devices(self) -> None:
        def probe() -> None:
            try:
                self.devices_ready.emit(self.runner.probe_devices())
            except Exception as error:  # noqa: BLE001
                log.exception("device probe failed")
                self.devices_ready.emit(error)

        threading.Thread(target=probe, daemon=True, name="kata-devices").start()

    def run(self, kata, code: str, device: str, mode: str = "test") -> bool:
        if self.busy():
            return False
        self._cancel = threading.Event()
        cancel = self._cancel
        self.run_started.emit(kata.slug, mode)

        def work() -> None:
            try:
                result = self.runner.run(kata, code, device, mode=mode, cancel=cancel)
            except Exception as error:  # noqa: BLE001 - reported, never fatal
                log.exception("kata run failed")
                self.run_failed.emit(f"The kata runner failed: {error}")
            else:
                self.run_finished.emit(result)

        self._thread = threading.Thread(target=work, daemon=True, name="kata-run")
        self._thread.start()
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        runner = self._runner
        if runner is not None and hasattr(runner, "cancel"):
            runner.cancel()

    def shutdown(self) -> None:
        self.cancel()
        runner = self._runner
        if runner is not None:
            try:
                runner.close()
            except Exception:  # noqa: BLE001
                log.exception("closing the kata runner failed")
