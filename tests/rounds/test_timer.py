import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.rounds.timer import (
    FINISHED,
    PAUSED,
    READY,
    RUNNING,
    Phase,
    RoundTimer,
    format_clock,
)


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, minutes=0.0, seconds=0.0):
        self.now += minutes * 60 + seconds


PHASES = [Phase("Clarify", 5), Phase("Design", 20), Phase("Wrap-up", 10)]


def make():
    clock = FakeClock()
    return RoundTimer(list(PHASES), clock=clock), clock


def test_phases_advance_with_the_clock_and_cue_once():
    timer, clock = make()
    assert timer.state == READY and timer.poll() == []
    timer.start()
    clock.advance(minutes=4)
    assert timer.poll() == []
    assert timer.snapshot().phase_name == "Clarify"
    clock.advance(minutes=2)
    cues = timer.poll()
    assert [(c.kind, c.phase) for c in cues] == [("phase", "Design")]
    assert timer.poll() == []
    snap = timer.snapshot()
    assert snap.phase_name == "Design"
    assert snap.phase_elapsed_s == pytest.approx(60)
    assert snap.remaining_s == pytest.approx(29 * 60)


def test_five_minute_warning_then_overtime_counts_up():
    timer, clock = make()
    timer.start()
    clock.advance(minutes=30)
    kinds = [c.kind for c in timer.poll()]
    assert kinds == ["phase", "phase", "five-minutes"]
    clock.advance(minutes=6)
    assert [c.kind for c in timer.poll()] == ["overtime"]
    snap = timer.snapshot()
    assert snap.overtime and snap.remaining_s == pytest.approx(-60)
    assert format_clock(snap.remaining_s) == "+01:00"
    assert snap.phase_name == "Wrap-up", "the last phase stays current in overtime"


def test_pause_stops_time_and_resume_continues():
    timer, clock = make()
    timer.toggle()
    clock.advance(minutes=3)
    timer.toggle()
    assert timer.state == PAUSED
    clock.advance(minutes=50)  # paused (or the laptop slept while paused)
    assert timer.elapsed_s() == pytest.approx(180)
    assert timer.poll() == []
    timer.toggle()
    assert timer.state == RUNNING
    clock.advance(minutes=3)
    assert timer.snapshot().phase_name == "Design"
    assert timer.elapsed_s() == pytest.approx(360)


def test_skipping_a_phase_early_records_actual_time_and_replans():
    timer, clock = make()
    timer.start()
    clock.advance(minutes=2)
    timer.next_phase()
    snap = timer.snapshot()
    assert snap.phase_name == "Design"
    assert snap.phase_remaining_s == pytest.approx(20 * 60), "the new phase gets its full plan"
    clock.advance(minutes=21)
    timer.poll()
    assert timer.snapshot().phase_name == "Wrap-up"
    timer.next_phase()  # already last: stays
    assert timer.snapshot().phase_name == "Wrap-up"
    clock.advance(minutes=4)
    timer.finish()
    assert timer.state == FINISHED
    assert timer.actual_per_phase_s() == pytest.approx([120, 1200, 60 + 240])


def test_plus_five_minutes_extends_and_rearms_cues():
    timer, clock = make()
    timer.start()
    clock.advance(minutes=36)
    assert "overtime" in [c.kind for c in timer.poll()]
    timer.add_minutes(5)
    snap = timer.snapshot()
    assert not snap.overtime and snap.remaining_s == pytest.approx(4 * 60)
    clock.advance(minutes=5)
    assert [c.kind for c in timer.poll()] == ["overtime"]
    with pytest.raises(ValueError):
        timer.add_minutes(0)


def test_restart_resume_from_persisted_state():
    timer, clock = make()
    timer.start()
    clock.advance(minutes=7)
    timer.poll()
    saved = timer.to_dict()
    assert saved["state"] == PAUSED, "a crash leaves a round to be resumed, not silently running"
    new_clock = FakeClock()
    new_clock.now = 5.0  # a new process: monotonic clock restarted
    restored = RoundTimer.from_dict(saved, clock=new_clock)
    assert restored.state == PAUSED
    assert restored.elapsed_s() == pytest.approx(7 * 60)
    assert restored.snapshot().phase_name == "Design"
    restored.resume()
    new_clock.advance(minutes=1)
    assert restored.elapsed_s() == pytest.approx(8 * 60)
    assert restored.poll() == [], "cues already given are not repeated"


def test_invalid_phases_are_refused():
    with pytest.raises(ValueError):
        RoundTimer([])
    with pytest.raises(ValueError):
        RoundTimer([Phase("x", 0)])
    timer, _ = make()
    timer.start()
    with pytest.raises(RuntimeError):
        timer.start()


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["advance", "toggle", "next", "plus", "poll"]),
            st.floats(min_value=0, max_value=900),
        ),
        max_size=40,
    )
)
def test_time_accounting_is_consistent(steps):
    timer, clock = make()
    timer.start()
    running_total = 0.0
    for action, amount in steps:
        if action == "advance":
            clock.advance(seconds=amount)
            if timer.state == RUNNING:
                running_total += amount
        elif action == "toggle":
            timer.toggle()
        elif action == "next":
            timer.next_phase()
        elif action == "plus":
            timer.add_minutes(5)
        else:
            timer.poll()
    assert timer.elapsed_s() == pytest.approx(running_total)
    assert sum(timer.actual_per_phase_s()) == pytest.approx(running_total)
    snap = timer.snapshot()
    assert snap.remaining_s == pytest.approx(snap.planned_total_s - running_total)


def test_format_clock():
    assert format_clock(0) == "00:00"
    assert format_clock(61.4) == "01:01"
    assert format_clock(-5) == "+00:05"
    assert format_clock(3725) == "1:02:05"
