"""The kata pane with a fake runner (fast, deterministic) and once with the real worker."""

import threading
import time
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from desktop.katas.devices import DeviceInfo
from desktop.store import katas as kata_store
from desktop.ui.context import UiContext
from desktop.ui.katas_pane import KatasPane
from desktop.ui.main_window import Confirm

SLUG = "scaled-dot-product-attention"


class FakeRunner:
    def __init__(self, status="passed", delay=0.0):
        self.status = status
        self.delay = delay
        self.calls = []
        self.release = threading.Event()

    def prestart(self):
        pass

    def probe_devices(self):
        return [
            DeviceInfo("cpu", True, description="Test CPU"),
            DeviceInfo("cuda", False, reason="no CUDA device found"),
            DeviceInfo("mps", False, reason="MPS needs Apple silicon"),
        ]

    def run(self, kata, code, device, mode="test", cancel=None, **_):
        self.calls.append((kata.slug, code, device, mode))
        deadline = time.monotonic() + self.delay
        while time.monotonic() < deadline:
            if cancel is not None and cancel.is_set():
                return SimpleNamespace(
                    status="cancelled",
                    tests=[],
                    message="Cancelled.",
                    device=device,
                    duration_ms=1.0,
                    line=None,
                    column=None,
                    stdout="",
                    stderr="",
                    bench=None,
                    max_rss_mb=None,
                )
            time.sleep(0.01)
        failed = self.status != "passed"
        tests = [
            SimpleNamespace(
                name="test_shapes", outcome="passed", message="", duration_ms=3, line=None
            ),
            SimpleNamespace(
                name="test_values",
                outcome="failed" if failed else "passed",
                message="output: 3 of 4 values differ" if failed else "",
                duration_ms=4,
                line=7 if failed else None,
            ),
        ]
        return SimpleNamespace(
            status=self.status,
            tests=tests,
            message="",
            device=device,
            duration_ms=12.0,
            line=None,
            column=None,
            stdout="hello\n",
            stderr="",
            bench=None,
            max_rss_mb=300.0,
        )

    def cancel(self):
        pass

    def close(self):
        pass


@pytest.fixture
def make_pane(qtbot, session):
    def make(runner):
        pane = KatasPane(UiContext(session=session), runner_factory=lambda: runner)
        qtbot.addWidget(pane)
        pane.show()
        qtbot.waitUntil(lambda: pane.model.rowCount() > 0)
        return pane

    return make


def test_catalog_filters_and_devices(qtbot, make_pane):
    pane = make_pane(FakeRunner())
    total = pane.model.rowCount()
    assert total >= 5
    pane.search.setText("attention dot")
    assert pane.proxy.rowCount() >= 1
    assert all(
        "attention" in pane.proxy.index(r, 0).data().lower() for r in range(pane.proxy.rowCount())
    )
    pane.search.clear()
    pane.difficulty_filter.setCurrentIndex(pane.difficulty_filter.findData("hard"))
    assert 0 < pane.proxy.rowCount() < total
    qtbot.waitUntil(lambda: "unavailable" in pane.device_combo.itemText(1))
    assert not pane.device_combo.model().item(1).isEnabled()
    assert "no CUDA device" in pane.device_combo.itemData(1, Qt.ItemDataRole.ToolTipRole)


def test_run_records_attempt_marks_solved_and_keeps_draft(qtbot, make_pane, session):
    runner = FakeRunner("passed")
    pane = make_pane(runner)
    assert pane.open_kata(SLUG)
    assert "NotImplementedError" in pane.editor.toPlainText()
    pane.editor.setPlainText(
        "def scaled_dot_product_attention(q, k, v, mask=None):\n    return 1\n"
    )
    with qtbot.waitSignal(pane.result_shown, timeout=5000):
        assert pane.run_tests()
    assert runner.calls[0][2] == "cpu" and runner.calls[0][3] == "test"
    assert "All tests passed" in pane.status_label.text()
    assert kata_store.get_state(session.store, SLUG).solved
    assert kata_store.attempts(session.store, SLUG)[0].passed == 2
    assert kata_store.load_draft(session.store, SLUG).endswith("return 1\n")
    assert pane.history.count() == 1


def test_failure_lists_tests_and_click_jumps_to_line(qtbot, make_pane):
    pane = make_pane(FakeRunner("failed"))
    pane.open_kata(SLUG)
    pane.editor.setPlainText("\n".join(f"line {i}" for i in range(1, 20)))
    with qtbot.waitSignal(pane.result_shown, timeout=5000):
        qtbot.keyClick(pane.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert pane.results.count() == 2
    assert "3 of 4 values differ" in pane.results.item(1).text()
    pane._jump_to_failure(pane.results.item(1))
    assert pane.editor.textCursor().blockNumber() == 6
    assert 7 in pane.editor.error_lines
    assert "hello" in pane.detail.toPlainText()


def test_cancel_and_gui_stays_responsive(qtbot, make_pane):
    pane = make_pane(FakeRunner("passed", delay=30))
    pane.open_kata(SLUG)
    assert pane.run_tests()
    assert pane.cancel_button.isEnabled()
    ticks = []
    qtbot.waitUntil(lambda: (ticks.append(1), len(ticks) > 5)[1], timeout=3000)
    started = time.monotonic()
    with qtbot.waitSignal(pane.result_shown, timeout=3000):
        pane.cancel_button.click()
    assert time.monotonic() - started < 2.0
    assert "Cancelled" in pane.status_label.text()
    assert not pane.cancel_button.isEnabled()


def test_hints_reset_and_reveal_solution(qtbot, make_pane, session, monkeypatch):
    pane = make_pane(FakeRunner())
    pane.open_kata(SLUG)
    pane.show_next_hint()
    assert "Hints" in pane.prompt.toPlainText()
    assert kata_store.get_state(session.store, SLUG).hints_shown == 1
    pane.editor.setPlainText("my code")
    monkeypatch.setattr(Confirm, "ask", staticmethod(lambda *a: False))
    pane.reset_to_starter()
    assert pane.editor.toPlainText() == "my code"
    assert pane.reveal_solution() is None
    assert kata_store.get_state(session.store, SLUG).solution_seen_at is None
    monkeypatch.setattr(Confirm, "ask", staticmethod(lambda *a: True))
    pane.reset_to_starter()
    assert "NotImplementedError" in pane.editor.toPlainText()
    dialog = pane.reveal_solution()
    assert "softmax" in dialog.findChild(type(pane.editor)).toPlainText()
    assert kata_store.get_state(session.store, SLUG).solution_seen_at is not None
    dialog.close()


def test_real_worker_runs_the_reference_solution(qtbot, session):
    from desktop.katas.runner import KataRunner

    pane = KatasPane(UiContext(session=session), runner_factory=lambda: KataRunner())
    qtbot.addWidget(pane)
    pane.show()
    pane.open_kata(SLUG)
    pane.editor.setPlainText(pane.current.solution_text())
    with qtbot.waitSignal(pane.result_shown, timeout=120000):
        pane.run_tests()
    assert pane.last_result.status == "passed", pane.detail.toPlainText()
    pane.shutdown()


def test_wrong_interpreter_is_refused_with_a_message(qtbot, make_pane, session, tmp_path):
    from desktop.store.settings import get_setting

    pane = make_pane(FakeRunner())
    operation = pane.choose_interpreter(str(tmp_path / "no-such-python"))
    with qtbot.waitSignal(operation.finished, timeout=30000):
        pass
    assert "Not using" in pane.status_label.text()
    assert get_setting(session.store, "kata.interpreter") is None
