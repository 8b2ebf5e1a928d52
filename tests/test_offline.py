"""Offline guarantee: the main flows never try to open a network connection, in the GUI
process or in the kata worker."""

import json
import os
import socket
import textwrap
from pathlib import Path

import pytest

SITECUSTOMIZE = textwrap.dedent(
    """
    import os, socket

    _LOG = os.environ["MLPREP_NET_LOG"]

    def _refuse(kind):
        def refuse(*args, **kwargs):
            with open(_LOG, "a") as log:
                log.write(f"{os.getpid()} {kind} {args[1:2]!r}\\n")
            raise OSError("network disabled by the offline test")
        return refuse

    _connect = socket.socket.connect

    def connect(self, address):
        if self.family == getattr(socket, "AF_UNIX", None):
            return _connect(self, address)
        return _refuse("connect")(self, address)

    socket.socket.connect = connect
    socket.socket.connect_ex = _refuse("connect_ex")
    socket.create_connection = _refuse("create_connection")
    socket.getaddrinfo = _refuse("getaddrinfo")
    """
)


@pytest.fixture
def network_log(tmp_path, monkeypatch):
    log = tmp_path / "net.log"
    log.write_text("")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    monkeypatch.setenv("MLPREP_NET_LOG", str(log))
    root = str(Path(__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), root]))
    # The same guard in this (GUI) process.
    namespace = {}
    exec(compile(SITECUSTOMIZE, "sitecustomize", "exec"), namespace)  # noqa: S102
    yield log
    monkeypatch.setattr(socket.socket, "connect", namespace["_connect"])


def test_main_flows_make_no_network_connection(qtbot, session, network_log, tmp_path):
    original = (socket.socket.connect_ex, socket.create_connection, socket.getaddrinfo)
    try:
        from desktop.katas.runner import KataRunner
        from desktop.ui.application import create_application
        from desktop.ui.context import UiContext
        from desktop.ui.main_window import MainWindow

        create_application()
        window = MainWindow(UiContext(session=session))
        qtbot.addWidget(window)
        window.show()
        for key in window.place_keys():
            window.show_place(key)
        qtbot.waitUntil(window.search_index.ready.is_set, timeout=30000)
        window.search_box.setText("attention")
        assert window.search_popup.list.count() > 0
        reference = window.show_place("reference")
        reference.open("topic:" + next(iter(reference.library.topics)))
        qtbot.waitUntil(lambda: reference._pending_key is None, timeout=30000)

        katas = window.places["katas"]
        if hasattr(katas, "controller"):
            katas.controller._factory = lambda: KataRunner()
            window.open_kata("scaled-dot-product-attention")
            katas.editor.setPlainText(katas.current.solution_text())
            with qtbot.waitSignal(katas.result_shown, timeout=120000):
                katas.run_tests()
            assert katas.last_result.status == "passed", katas.detail.toPlainText()

        target = tmp_path / "export.json"
        operation = window.export_everything(str(target))
        with qtbot.waitSignal(operation.finished, timeout=20000):
            pass
        assert json.loads(target.read_text())["format"] == "mlprep-export"
        window.close()
    finally:
        socket.socket.connect_ex, socket.create_connection, socket.getaddrinfo = original
    attempts = network_log.read_text()
    assert attempts == "", f"network connections were attempted:\n{attempts}"
