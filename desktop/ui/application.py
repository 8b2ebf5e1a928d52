"""QApplication bootstrap: single instance, opening the data folder with clear dialogs, the window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.paths import resources_root
from desktop.session import DataFolder, Session, open_session, setup_logging
from desktop.store.backup import newest_good_backup, restore_backup
from desktop.store.database import CorruptDatabaseError, NewerDatabaseError, StoreError
from desktop.store.lock import DataInUseError
from desktop.ui.context import UiContext
from desktop.ui.errors import install_excepthook
from desktop.ui.instance import InstanceServer, signal_running_instance
from desktop.ui.main_window import MainWindow
from desktop.ui.theme import apply_theme


class StartupDialogs:
    """The questions asked before the window opens; tests monkeypatch these."""

    @staticmethod
    def offer_restore(error: CorruptDatabaseError, backup_name: str | None) -> bool:
        box = QMessageBox()
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("MLPrep: damaged database")
        if backup_name:
            box.setText(
                f"{error}\n\nRestore the newest good backup ({backup_name})? "
                "The damaged file is kept aside, not deleted."
            )
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            return box.exec() == QMessageBox.StandardButton.Yes
        box.setText(f"{error}\n\nNo good backup was found. The file has not been touched.")
        box.exec()
        return False

    @staticmethod
    def show_error(title: str, message: str) -> None:
        QMessageBox.critical(None, title, message)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("MLPrep")
    app.setOrganizationName("MLPrep")
    app.setApplicationDisplayName("MLPrep")
    icon = resources_root() / "icons" / "mlprep.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def open_data_with_dialogs(folder: DataFolder) -> Session | None:
    """Open the data folder, asking the user what to do about damage. None: do not start."""
    for _attempt in range(2):
        try:
            return open_session(folder.path)
        except DataInUseError as error:
            StartupDialogs.show_error("MLPrep: data in use", str(error))
            return None
        except NewerDatabaseError as error:
            StartupDialogs.show_error("MLPrep: newer database", str(error))
            return None
        except CorruptDatabaseError as error:
            backup = newest_good_backup(folder.backups)
            if not StartupDialogs.offer_restore(error, backup.name if backup else None):
                return None
            restore_backup(folder.database, backup)
        except StoreError as error:
            StartupDialogs.show_error("MLPrep: cannot open your data", str(error))
            return None
    return None


def build_window(session: Session, args) -> MainWindow:
    settings = QSettings(str(session.folder.settings_file), QSettings.Format.IniFormat)
    apply_theme(QApplication.instance(), str(settings.value("theme", "system")))
    context = UiContext(session=session, kata_paths=list(getattr(args, "kata_paths", [])))
    return MainWindow(context, settings)


def run_gui(args) -> int:
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()
    folder = DataFolder(args.data_dir)
    if not args.self_test and signal_running_instance(folder.path):
        print("MLPrep is already running with this data; its window was brought forward.")
        return 0
    log_path = setup_logging(folder)
    install_excepthook(str(log_path))
    session = open_data_with_dialogs(folder)
    if session is None:
        return 1
    window = build_window(session, args)
    app.styleHints().colorSchemeChanged.connect(
        lambda _scheme: window.set_theme(str(window.settings.value("theme", "system")))
    )
    server = InstanceServer(folder.path)
    server.activate_requested.connect(window.bring_forward)
    for warning in session.warnings:
        window.statusBar().showMessage(warning, 10000)
    window.show()
    if args.self_test:
        return _self_test(app, window, session)
    try:
        return app.exec()
    finally:
        server.close()
        session.close()


def _self_test(app: QApplication, window: MainWindow, session: Session) -> int:
    """Touch every place and the store, then close: packaging uses this to prove a build."""
    from desktop.store.settings import get_setting, set_setting

    problems: list[str] = []

    def run() -> None:
        try:
            for key in window.place_keys():
                window.show_place(key)
                app.processEvents()
            set_setting(session.store, "self_test", "ok")
            if get_setting(session.store, "self_test") != "ok":
                problems.append("store round-trip failed")
            if "torch" in sys.modules:
                problems.append("torch was imported in the GUI process")
            report = session.store.check()
            if report.integrity != "ok":
                problems.append(f"integrity check: {report.integrity}")
        except Exception as error:  # noqa: BLE001 - reported as a failed self-test
            problems.append(repr(error))
        window.close()
        app.quit()

    QTimer.singleShot(0, run)
    app.exec()
    session.close()
    if problems:
        print("self-test failed: " + "; ".join(problems), file=sys.stderr)
        return 1
    print("self-test passed")
    return 0
