"""Child of bench/startup.py: builds a window, prints 'painted' at its first paint, exits."""

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    kind = sys.argv[1]
    from PySide6.QtCore import QEvent, QObject, QTimer

    if kind == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 820)
    else:
        from pathlib import Path

        from desktop.session import open_session
        from desktop.ui.application import build_window, create_application

        app = create_application()
        session = open_session(Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp()))

        class Args:
            kata_paths: list = []

        window = build_window(session, Args())

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                print("painted", flush=True)
                QTimer.singleShot(0, app.quit)
                obj.removeEventFilter(self)
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
