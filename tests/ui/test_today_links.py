"""Every link on the Today page lands in its place, in the real window with the demo data."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from desktop.katas.catalog import load_catalog
from desktop.katas.devices import DeviceInfo
from desktop.paths import content_root
from desktop.reference.content import load_topics
from desktop.rounds.templates import load_builtin_templates
from desktop.store import study
from desktop.study.demo import fill_demo
from desktop.ui.checklist_pane import ChecklistDialog
from desktop.ui.review_pane import ReviewDialog


class IdleRunner:
    """The kata pane warms a worker when shown; links never run code, so nothing starts."""

    def prestart(self):
        pass

    def probe_devices(self):
        return [DeviceInfo("cpu", True, description="Test CPU")]

    def run(self, *args, **kwargs):
        return SimpleNamespace(status="error", tests=[], message="not in this test")

    def cancel(self):
        pass

    def close(self):
        pass


@pytest.fixture
def window(make_window, session, qtbot):
    from desktop.ui.katas_pane import KatasPane

    topics, _ = load_topics(content_root())
    fill_demo(
        session.store,
        topics,
        load_catalog().katas,
        load_builtin_templates(content_root()),
        dt.datetime.now().astimezone(),
    )
    made = make_window()
    made._factories["katas"] = lambda info, context: KatasPane(
        context, runner_factory=lambda: IdleRunner()
    )
    today = made.places["today"]
    qtbot.waitUntil(lambda: today._loaded, timeout=10000)
    return made


def _hrefs(label) -> list[str]:
    return re.findall(r'href="([^"]+)"', label.text())


def _click(label, href: str) -> None:
    assert href in _hrefs(label), f"{href} is a link on the page"
    label.linkActivated.emit(href)


def test_start_opens_the_review_on_todays_queue(window, qtbot):
    today = window.places["today"]
    assert today.start_button.isEnabled()
    today.start_button.click()
    dialog = today.review_dialog
    assert isinstance(dialog, ReviewDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert [c.id for c in dialog.queue] == [c.id for c in today.queue]
    dialog.reject()


def test_interviews_and_deadlines_open_the_tracker_on_their_application(window, qtbot):
    today = window.places["today"]
    events, deadlines = study.upcoming_tracker(today.store, today.clock(), 7)
    assert events and deadlines, "the demo has a busy week"
    targets = {e.application_id for e, _c in events} | {d.application_id for d, _c in deadlines}
    links = [h for h in _hrefs(today.week_label) if h.startswith("tracker:app:")]
    assert {int(h.rsplit(":", 1)[1]) for h in links} == targets
    for href in dict.fromkeys(links):
        window.show_place("today")
        _click(today.week_label, href)
        tracker = window.places["tracker"]
        assert window.current_place() == "tracker"
        assert tracker.selected_id() == int(href.rsplit(":", 1)[1])


def test_plan_links_open_the_topic_the_kata_and_the_round(window, qtbot):
    today = window.places["today"]
    links = _hrefs(today.plan_label)
    topic = next(h for h in links if h.startswith("topic:"))
    kata = next(h for h in links if h.startswith("kata:"))
    mock = next(h for h in links if h.startswith("round:"))

    _click(today.plan_label, topic)
    assert window.current_place() == "reference"
    assert window.places["reference"].current == topic

    window.show_place("today")
    _click(today.plan_label, kata)
    assert window.current_place() == "katas"
    katas = window.places["katas"]
    assert katas.current is not None and katas.current.slug == kata.split(":", 1)[1]

    window.show_place("today")
    _click(today.plan_label, mock)
    assert window.current_place() == "rounds"
    assert window.places["rounds"].template_combo.currentData() == mock.split(":", 1)[1]


def test_readiness_button_link_and_menu_open_the_checklist(window, qtbot):
    today = window.places["today"]
    assert re.fullmatch(r"Readiness \d+/62", today.checklist_button.text())
    today.checklist_button.click()
    dialog = today._checklist_dialog
    assert isinstance(dialog, ChecklistDialog) and dialog.isVisible()
    dialog.hide()
    today.follow_link("checklist:")
    assert dialog.isVisible()
    dialog.hide()
    window.show_place("tracker")
    menu = next(a for a in window.menuBar().actions() if a.text() == "&View").menu()
    next(a for a in menu.actions() if a.text().startswith("Readiness")).trigger()
    assert dialog.isVisible() and window.current_place() == "tracker"
    # the checklist's guide link opens the guide in the reader
    dialog.view.guide_label.linkActivated.emit("guide:checklist")
    assert window.current_place() == "reference"
    assert window.places["reference"].current == "guide:checklist"


def test_coming_back_to_today_shows_what_changed_elsewhere(window, qtbot):
    today = window.places["today"]
    first = today.queue[0].id
    window.show_place("tracker")
    study.set_suspended(today.store, first)  # as the card browser would, from elsewhere
    window.show_place("today")
    assert first not in [c.id for c in today.queue]
