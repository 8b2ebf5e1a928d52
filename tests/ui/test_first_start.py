"""First start: the profile questions open by themselves once, and a plan follows quickly."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.store import study
from desktop.store.settings import get_setting
from desktop.study.plan import Profile
from desktop.ui import today_pane
from desktop.ui.profile_dialog import ProfileDialog
from desktop.ui.today_pane import SKIPPED_KEY, FirstStart

# Everything the user does, counted: a key press, a typed value or a click is one each.
MOST_INTERACTIONS = 20


@pytest.fixture
def first_start(monkeypatch):
    monkeypatch.setenv(today_pane.FIRST_START_ENV, "on")


def _dialog(window, qtbot) -> ProfileDialog:
    qtbot.waitUntil(lambda: window.first_start_checked, timeout=5000)
    dialog = window.first_start_dialog
    assert isinstance(dialog, ProfileDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


class User:
    """Sends each input to whatever has the keyboard focus, and counts."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.count = 0

    def _focus(self):
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.count += 1
        self.qtbot.keyClick(self._focus(), key, modifier)

    def type(self, text: str) -> None:
        self.count += 1
        self.qtbot.keyClicks(self._focus(), text)


def test_first_start_to_a_personal_plan_by_keyboard(make_window, qtbot, first_start, session):
    window = make_window()
    dialog = _dialog(window, qtbot)
    today = window.places["today"]
    interview = dt.date.today() + dt.timedelta(days=12)
    user = User(qtbot)
    assert QApplication.focusWidget() is dialog.role, "the first question has the cursor"
    user.type("R")  # type-ahead in the role list
    assert dialog.role.currentText() == "Research Scientist"
    user.press(Qt.Key.Key_Tab)
    user.type("DeepMind, Anthropic")
    user.press(Qt.Key.Key_Tab)
    user.type(interview.isoformat())
    user.press(Qt.Key.Key_Tab)
    user.type("3")  # hours a day: the old value is selected when tabbing in
    ratings = {"algorithms-coding": 3, "ml-coding": 2, "ml-theory": 4}
    ratings |= {"system-design": 2, "behavioural": 5, "statistics": 3}
    for rating in ratings.values():
        user.press(Qt.Key.Key_Tab)
        user.type(str(rating))  # "3" picks "3 · okay"
    with qtbot.waitSignal(dialog.finished):
        user.press(Qt.Key.Key_Return)
    print(f"\nfirst start to a personal plan: {user.count} interactions")
    assert user.count <= MOST_INTERACTIONS

    saved = study.load_profile_data(session.store)
    assert saved["role"] == "Research Scientist"
    assert saved["companies"] == ["DeepMind", "Anthropic"]
    assert saved["first_interview"] == interview.isoformat()
    assert saved["hours_per_day"] == 3 and saved["ratings"] == ratings
    # Today shows the focus plan, each area with its reason
    qtbot.waitUntil(lambda: today._loaded and "rated 2/5" in today.focus_label.text())
    assert not today.setup_box.isVisible()
    assert "12 days to your first interview" in today.headline.text()
    focus = today.focus_label.text()
    assert focus.index("ML coding") < focus.index("Behavioural")
    assert "focus" in focus and "rated 5/5" in focus
    assert "<b>Read</b>" in today.plan_label.text() and ": focus (rated" in today.plan_label.text()


def test_skip_is_remembered_and_the_profile_stays_editable(
    make_window, qtbot, first_start, session, monkeypatch
):
    window = make_window()
    dialog = _dialog(window, qtbot)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert get_setting(session.store, SKIPPED_KEY) is True
    assert study.load_profile_data(session.store) is None
    window.close()
    again = make_window()
    qtbot.waitUntil(lambda: again.first_start_checked, timeout=5000)
    assert again.first_start_dialog is None, "asked once only"
    # still one click away on Today
    today = again.places["today"]
    qtbot.waitUntil(lambda: today._loaded, timeout=10000)
    assert today.profile_button.text() == "Set up profile…"
    monkeypatch.setattr(ProfileDialog, "ask", staticmethod(lambda current, parent=None: Profile()))
    today.profile_button.click()
    assert study.load_profile_data(session.store) is not None


def test_the_hook_can_be_answered_by_a_test(make_window, qtbot, first_start, monkeypatch):
    answers = []

    def ask(parent, on_answer):
        answers.append(parent)
        on_answer(Profile(ratings={"statistics": 1}))
        return None

    monkeypatch.setattr(FirstStart, "ask", staticmethod(ask))
    window = make_window()
    qtbot.waitUntil(lambda: window.first_start_checked, timeout=5000)
    assert answers == [window]
    assert study.load_profile_data(window.context.store)["ratings"] == {"statistics": 1}


def test_no_question_in_tests_or_once_a_profile_exists(make_window, qtbot, session, monkeypatch):
    window = make_window()  # the suite's default: MLPREP_FIRST_START=off
    qtbot.waitUntil(lambda: window.first_start_checked, timeout=5000)
    assert window.first_start_dialog is None
    window.close()
    monkeypatch.setenv(today_pane.FIRST_START_ENV, "on")
    study.save_profile_data(session.store, Profile().to_dict())
    again = make_window()
    qtbot.waitUntil(lambda: again.first_start_checked, timeout=5000)
    assert again.first_start_dialog is None
