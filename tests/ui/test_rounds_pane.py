"""A full mock round by keyboard alone, with a fake clock; history plots render."""

import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.store import rounds as round_store
from desktop.ui import rounds_pane as module
from desktop.ui.context import UiContext
from desktop.ui.main_window import Confirm
from desktop.ui.rounds_pane import RoundsPane

TEMPLATE = """type = "system-design"
title = "ML system design"
minutes = 45
rubric = ["Clarified requirements", "Sensible decomposition", "Explicit trade-offs"]
[[phase]]
name = "Clarify"
minutes = 5
[[phase]]
name = "Design"
minutes = 30
[[phase]]
name = "Wrap-up"
minutes = 10
"""

QUESTIONS = "\n".join(
    f'[[question]]\nid = "sd-{i}"\ntext = "Design system {i}"\nround = "system-design"\n'
    f'area = "{"recsys" if i % 2 else "serving"}"\ndifficulty = "medium"\n'
    for i in range(3)
)


class FakeClock:
    now = 100.0

    def __call__(self):
        return self.now


@pytest.fixture
def content(tmp_path: Path, monkeypatch):
    (tmp_path / "rounds").mkdir()
    (tmp_path / "rounds" / "system-design.toml").write_text(TEMPLATE)
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "system-design.toml").write_text(QUESTIONS)
    monkeypatch.setattr(module, "content_root", lambda: tmp_path)
    return tmp_path


@pytest.fixture
def pane(qtbot, session, content):
    clock = FakeClock()
    widget = RoundsPane(UiContext(session=session), clock=clock, rng=random.Random(3))
    widget.fake_clock = clock
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: widget.template_combo.count() == 1)
    yield widget
    widget.shutdown()


def test_full_round_by_keyboard(qtbot, pane, session):
    cues = []
    pane.cue.connect(cues.append)
    qtbot.keyClick(pane, Qt.Key.Key_D)
    assert pane.question is not None and pane.start_button.isEnabled()
    qtbot.keyClick(pane, Qt.Key.Key_Space)
    assert pane.stack.currentIndex() == 1
    pane.fake_clock.now += 6 * 60
    pane.tick()
    assert cues == ["Next phase: Design"]
    assert "Design" in pane.phase_label.text()
    qtbot.keyClick(pane, Qt.Key.Key_Space)  # pause
    pane.fake_clock.now += 600
    pane.tick()
    assert "paused" in pane.phase_label.text()
    qtbot.keyClick(pane, Qt.Key.Key_Space)  # resume
    qtbot.keyClick(pane, Qt.Key.Key_N)  # skip to wrap-up
    assert "Wrap-up" in pane.phase_label.text()
    pane.fake_clock.now += 40 * 60
    pane.tick()
    assert "Time is up: overtime" in cues
    assert pane.countdown.text().startswith("+")
    qtbot.keyClick(pane, Qt.Key.Key_F)
    assert pane.stack.currentIndex() == 2
    assert not pane.save_review(), "unscored rubric items are refused"
    assert "every rubric item" in pane.review_error.text()
    for box in pane.score_boxes:
        box.setValue(3)
    pane.score_boxes[0].setValue(2)
    qtbot.keyClicks(pane.notes, "went fine")
    qtbot.keyClick(pane, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert pane.stack.currentIndex() == 0
    [saved] = round_store.list_rounds(session.store)
    assert saved.scores == [2, 3, 3] and saved.notes == "went fine"
    assert [round(x) for x in saved.actual_s] == [300, 60, 2400]
    assert pane.history_model.rowCount() == 1


def test_draws_do_not_repeat_until_bank_runs_out(qtbot, pane, session):
    seen = []
    for _ in range(3):
        question = pane.draw()
        seen.append(question.id)
        pane.start()
        pane.finish()
        for box in pane.score_boxes:
            box.setValue(4)
        assert pane.save_review()
    assert sorted(seen) == ["sd-0", "sd-1", "sd-2"]
    assert pane.draw() is not None, "an exhausted bank still gives a question"
    assert pane.question.id == seen[0], "the least recently drawn comes back first"


def test_filters_and_redraw(qtbot, pane):
    pane.area_filter.setCurrentIndex(pane.area_filter.findData("recsys"))
    first = pane.draw()
    assert first.area == "recsys"
    second = pane.draw()
    assert second.id == first.id == "sd-1", "the only recsys question is drawn again"
    pane.area_filter.setCurrentIndex(0)
    assert pane.draw().id != "sd-1", "a redraw avoids the question on screen"
    pane.company_filter.setText("Nobody Inc")
    assert pane.draw() is None
    assert not pane.start_button.isEnabled()


def test_running_round_survives_restart(qtbot, session, content, monkeypatch):
    clock = FakeClock()
    first = RoundsPane(UiContext(session=session), clock=clock, rng=random.Random(1))
    qtbot.addWidget(first)
    first.ensure_loaded()
    first.draw()
    first.start()
    clock.now += 7 * 60
    first.tick()
    first.shutdown()  # the app closes (or crashes after the last periodic save)

    monkeypatch.setattr(Confirm, "ask", staticmethod(lambda *a: True))
    second = RoundsPane(UiContext(session=session), clock=FakeClock(), rng=random.Random(1))
    qtbot.addWidget(second)
    second.ensure_loaded()
    assert second.stack.currentIndex() == 1
    assert second.timer.state == "paused"
    assert second.timer.elapsed_s() == pytest.approx(7 * 60)
    assert "Design" in second.phase_label.text()
    second.shutdown()


def test_history_plots_render(qtbot, pane, session, tmp_path):
    for score in (2, 3, 4):
        pane.draw()
        pane.start()
        pane.fake_clock.now += 20 * 60
        pane.finish()
        for box in pane.score_boxes:
            box.setValue(score)
        pane.save_review()
    pane.tabs.setCurrentIndex(1)
    pane.resize(1100, 800)
    image = pane.grab().toImage()
    assert image.width() > 0
    assert len(pane.score_chart.series[0].values) == 3
    assert [s.name for s in pane.phase_chart.series] == ["planned", "actual"]
    assert pane.area_chart.series[0].values == sorted(pane.area_chart.series[0].values)
    chart = pane.score_chart.grab().toImage()
    colors = {
        chart.pixelColor(x, y).name()
        for x in range(0, chart.width(), 7)
        for y in range(0, chart.height(), 7)
    }
    assert "#3d7be0" in colors, "the score line is drawn"


def test_interview_countdown_reads_naturally():
    from desktop.ui.rounds_pane import interview_countdown

    assert interview_countdown(0) == "the real interview is today"
    assert interview_countdown(1) == "the real interview is tomorrow"
    assert interview_countdown(6) == "the real interview is in 6 days"
