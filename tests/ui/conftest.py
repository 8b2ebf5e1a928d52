import pytest
from PySide6.QtCore import QSettings

from desktop.ui.application import create_application
from desktop.ui.context import UiContext
from desktop.ui.main_window import MainWindow


@pytest.fixture
def make_window(qtbot, session):
    create_application()
    made = []

    def make():
        settings = QSettings(str(session.folder.settings_file), QSettings.Format.IniFormat)
        window = MainWindow(UiContext(session=session), settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
