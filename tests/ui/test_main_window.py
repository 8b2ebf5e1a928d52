import json
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.session import DataFolder
from desktop.store.database import CorruptDatabaseError
from desktop.ui import application
from desktop.ui.errors import ErrorDialog, install_excepthook
from desktop.ui.instance import InstanceServer, signal_running_instance
from desktop.ui.places import PLACES


def test_window_has_five_places_and_no_torch(make_window):
    window = make_window()
    titles = [window.sidebar.item(i).text().split()[-1] for i in range(window.sidebar.count())]
    assert len(titles) == 5
    assert [p.title for p in PLACES] == ["Today", "Reference", "Katas", "Tracker", "Mock rounds"]


def test_ctrl_number_switches_places_and_ctrl_k_focuses_search(make_window, qtbot):
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for index, info in enumerate(PLACES, start=1):
        qtbot.keyClick(
            window.sidebar, Qt.Key(Qt.Key.Key_0 + index), Qt.KeyboardModifier.ControlModifier
        )
        assert window.current_place() == info.key
        assert window.stack.currentWidget() is window.places[info.key]
    qtbot.keyClick(window.sidebar, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search_box.hasFocus)


def test_last_place_and_geometry_are_remembered(make_window):
    window = make_window()
    window.show_place("tracker")
    window.resize(777, 555)
    window.close()
    again = make_window()
    assert again.current_place() == "tracker"
    assert (again.width(), again.height()) == (777, 555)


def test_theme_override_switches_palette(make_window):
    window = make_window()
    window.set_theme("dark")
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() < 80
    window.set_theme("light")
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert window.settings.value("theme") == "light"


@pytest.mark.qt_no_exception_capture
def test_uncaught_exception_is_logged_and_shown_app_keeps_running(
    make_window, qtbot, monkeypatch, session, tmp_path
):
    from desktop.session import setup_logging

    log_path = setup_logging(session.folder)
    shown = []
    monkeypatch.setattr(ErrorDialog, "show", classmethod(lambda cls, s, d: shown.append(s)))
    previous = sys.excepthook
    install_excepthook(str(log_path))
    try:
        window = make_window()

        def explode():
            raise RuntimeError("kaboom in a slot")

        QTimer.singleShot(0, explode)
        qtbot.waitUntil(lambda: bool(shown))
    finally:
        sys.excepthook = previous
    assert "kaboom in a slot" in shown[0]
    assert "kaboom in a slot" in log_path.read_text()
    window.show_place("katas")
    assert window.isVisible()


def test_second_start_brings_running_window_forward(qtbot, data_dir):
    server = InstanceServer(data_dir)
    assert server.listening
    with qtbot.waitSignal(server.activate_requested, timeout=3000):
        assert signal_running_instance(data_dir)
    server.close()
    assert not signal_running_instance(data_dir, timeout_ms=100)


def test_corrupt_database_dialog_restores_backup(qtbot, data_dir, monkeypatch):
    from desktop.session import open_session
    from desktop.store.backup import create_backup
    from desktop.store.settings import get_setting, set_setting

    first = open_session(data_dir, backup=False)
    set_setting(first.store, "kept", "yes")
    create_backup(first.store.conn, first.folder.backups)
    first.close()
    (data_dir / "mlprep.db").write_bytes(b"garbage" * 500)
    asked = []

    def offer(error, backup_name):
        assert isinstance(error, CorruptDatabaseError)
        asked.append(backup_name)
        return True

    monkeypatch.setattr(application.StartupDialogs, "offer_restore", staticmethod(offer))
    session = application.open_data_with_dialogs(DataFolder(data_dir))
    assert asked and asked[0].startswith("mlprep-")
    assert get_setting(session.store, "kept") == "yes"
    assert list(data_dir.glob("mlprep.db.damaged-*"))
    session.close()


def test_export_runs_in_background_and_gui_stays_responsive(make_window, qtbot, tmp_path, session):
    from desktop.store.settings import set_setting

    set_setting(session.store, "marker", 42)
    window = make_window()
    target = tmp_path / "out.json"
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(1)
    operation = window.export_everything(str(target))
    with qtbot.waitSignal(operation.finished, timeout=10000):
        pass
    timer.stop()
    document = json.loads(target.read_text())
    assert {"key": "marker", "value": "42"} in document["tables"]["settings"]


def test_data_in_use_by_another_process_is_refused(qtbot, data_dir, monkeypatch):
    from desktop.session import open_session

    holder = open_session(data_dir, backup=False)
    errors = []
    monkeypatch.setattr(
        application.StartupDialogs, "show_error", staticmethod(lambda t, m: errors.append(m))
    )
    assert application.open_data_with_dialogs(DataFolder(data_dir)) is None
    assert "in use" in errors[0]
    holder.close()


def test_gui_process_never_imports_torch(tmp_path):
    """In a fresh process: show every place, search, open a kata; torch stays out."""
    import subprocess
    import textwrap
    from pathlib import Path

    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from desktop.session import open_session
        from desktop.ui.application import create_application
        from desktop.ui.context import UiContext
        from desktop.ui.main_window import MainWindow

        app = create_application()
        session = open_session(Path({str(tmp_path / "d")!r}))
        window = MainWindow(UiContext(session=session))
        window.show()
        for key in window.place_keys():
            window.show_place(key)
            app.processEvents()
        window.search_index.ready.wait(60)
        window.search_box.setText("attention")
        window.open_kata("scaled-dot-product-attention")
        app.processEvents()
        print("TORCH" if "torch" in sys.modules else "CLEAN")
        window.close()
        session.close()
        """
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=root,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "CLEAN", "the GUI process imported torch"
