"""The mock-round timer: a pure state machine over phases, driven by an injected clock.

Time is read only from ``clock()`` (default ``time.monotonic``, which wall-clock changes do
not move), so tests advance a fake clock and never sleep. Cues (phase changes, five minutes
left, overtime) are produced by ``poll()`` exactly once each.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

READY = "ready"
RUNNING = "running"
PAUSED = "paused"
FINISHED = "finished"
FIVE_MINUTES = 5 * 60.0


@dataclass(frozen=True)
class Phase:
    name: str
    minutes: float


@dataclass(frozen=True)
class Cue:
    kind: str  # "phase" | "five-minutes" | "overtime" | "finished"
    phase: str = ""
    at_s: float = 0.0


@dataclass
class TimerSnapshot:
    """Everything needed to show the timer: computed, never stored."""

    state: str
    phase_index: int
    phase_name: str
    elapsed_s: float
    remaining_s: float  # negative in overtime
    phase_elapsed_s: float
    phase_remaining_s: float
    overtime: bool
    planned_total_s: float


@dataclass
class RoundTimer:
    phases: list[Phase]
    clock: Callable[[], float] = time.monotonic
    state: str = READY
    extra_s: float = 0.0  # added with "+5 min"
    phase_index: int = 0
    phase_started_s: float = 0.0  # elapsed time at which the current phase began
    actual_s: list[float] = field(default_factory=list)  # time spent in each finished phase
    _elapsed_before_s: float = 0.0  # running time accumulated before the current stretch
    _stretch_started: float | None = None  # clock value when the current running stretch began
    _cued: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.phases:
            raise ValueError("a round needs at least one phase")
        if any(p.minutes <= 0 for p in self.phases):
            raise ValueError("every phase needs a positive number of minutes")
        if not self.actual_s:
            self.actual_s = [0.0] * len(self.phases)

    # --- time -------------------------------------------------------------------------------
    @property
    def planned_total_s(self) -> float:
        return sum(p.minutes for p in self.phases) * 60.0 + self.extra_s

    def elapsed_s(self) -> float:
        if self._stretch_started is None:
            return self._elapsed_before_s
        return self._elapsed_before_s + max(0.0, self.clock() - self._stretch_started)

    def _phase_end_s(self, index: int) -> float:
        """Planned elapsed time at which phase ``index`` ends, given where the current one began.

        Extra minutes lengthen the last phase. Phases after the current one follow their plan.
        """
        end = self.phase_started_s
        for i in range(self.phase_index, index + 1):
            end += self.phases[i].minutes * 60.0
        if index == len(self.phases) - 1:
            end += self.extra_s
        return end

    # --- transitions ------------------------------------------------------------------------
    def start(self) -> None:
        if self.state != READY:
            raise RuntimeError(f"cannot start a round that is {self.state}")
        self.state = RUNNING
        self._stretch_started = self.clock()

    def pause(self) -> None:
        if self.state == RUNNING:
            self._advance_phases()
            self._elapsed_before_s = self.elapsed_s()
            self._stretch_started = None
            self.state = PAUSED

    def resume(self) -> None:
        if self.state == PAUSED:
            self._stretch_started = self.clock()
            self.state = RUNNING

    def toggle(self) -> None:
        """Space: start, pause or resume."""
        if self.state == READY:
            self.start()
        elif self.state == RUNNING:
            self.pause()
        elif self.state == PAUSED:
            self.resume()

    def next_phase(self) -> None:
        """N: end the current phase now and move on (the last phase stays, in overtime)."""
        if self.state not in (RUNNING, PAUSED):
            return
        self._advance_phases()
        if self.phase_index < len(self.phases) - 1:
            self._close_phase(self.elapsed_s())

    def add_minutes(self, minutes: float = 5.0) -> None:
        if minutes <= 0:
            raise ValueError("add a positive number of minutes")
        self.extra_s += minutes * 60.0
        # New time moves the five-minute warning and overtime cues out again.
        self._cued.discard("five-minutes")
        self._cued.discard("overtime")

    def finish(self) -> None:
        if self.state in (RUNNING, PAUSED):
            self._advance_phases()
            elapsed = self.elapsed_s()
            self.actual_s[self.phase_index] += elapsed - self.phase_started_s
            self.phase_started_s = elapsed
            self._elapsed_before_s = elapsed
            self._stretch_started = None
            self.state = FINISHED

    def _close_phase(self, at_s: float) -> None:
        self.actual_s[self.phase_index] += at_s - self.phase_started_s
        self.phase_index += 1
        self.phase_started_s = at_s

    def _advance_phases(self) -> list[Cue]:
        """Move past every phase whose planned end has passed; return phase cues."""
        cues = []
        elapsed = self.elapsed_s()
        while self.phase_index < len(self.phases) - 1:
            end = self._phase_end_s(self.phase_index)
            if elapsed < end:
                break
            self._close_phase(end)
            cues.append(Cue("phase", self.phases[self.phase_index].name, end))
        return cues

    # --- reading ----------------------------------------------------------------------------
    def poll(self) -> list[Cue]:
        """Advance phases by the clock and return the cues due since the last poll."""
        if self.state != RUNNING:
            return []
        cues = self._advance_phases()
        remaining = self.planned_total_s - self.elapsed_s()
        if 0 < remaining <= FIVE_MINUTES and "five-minutes" not in self._cued:
            if self.planned_total_s > FIVE_MINUTES:
                cues.append(
                    Cue("five-minutes", self.phases[self.phase_index].name, self.elapsed_s())
                )
            self._cued.add("five-minutes")
        if remaining <= 0 and "overtime" not in self._cued:
            self._cued.add("overtime")
            cues.append(Cue("overtime", self.phases[self.phase_index].name, self.elapsed_s()))
        return cues

    def snapshot(self) -> TimerSnapshot:
        if self.state == RUNNING:
            self._advance_phases()
        elapsed = self.elapsed_s()
        remaining = self.planned_total_s - elapsed
        phase_elapsed = elapsed - self.phase_started_s
        phase_remaining = self._phase_end_s(self.phase_index) - elapsed
        return TimerSnapshot(
            state=self.state,
            phase_index=self.phase_index,
            phase_name=self.phases[self.phase_index].name,
            elapsed_s=elapsed,
            remaining_s=remaining,
            phase_elapsed_s=phase_elapsed,
            phase_remaining_s=phase_remaining,
            overtime=remaining < 0,
            planned_total_s=self.planned_total_s,
        )

    def actual_per_phase_s(self) -> list[float]:
        """Time spent in each phase so far (the current phase included)."""
        spent = list(self.actual_s)
        if self.state in (RUNNING, PAUSED):
            spent[self.phase_index] += self.elapsed_s() - self.phase_started_s
        return spent

    # --- persistence ------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """State to persist; a running timer is saved as paused at its current time."""
        if self.state == RUNNING:
            self._advance_phases()
        return {
            "phases": [{"name": p.name, "minutes": p.minutes} for p in self.phases],
            "state": PAUSED if self.state == RUNNING else self.state,
            "elapsed_s": self.elapsed_s(),
            "extra_s": self.extra_s,
            "phase_index": self.phase_index,
            "phase_started_s": self.phase_started_s,
            "actual_s": list(self.actual_s),
            "cued": sorted(self._cued),
        }

    @classmethod
    def from_dict(cls, data: dict, clock: Callable[[], float] = time.monotonic) -> RoundTimer:
        timer = cls(
            phases=[Phase(p["name"], float(p["minutes"])) for p in data["phases"]],
            clock=clock,
            state=data["state"],
            extra_s=float(data.get("extra_s", 0.0)),
            phase_index=int(data.get("phase_index", 0)),
            phase_started_s=float(data.get("phase_started_s", 0.0)),
            actual_s=[float(x) for x in data.get("actual_s", [])],
        )
        timer._elapsed_before_s = float(data.get("elapsed_s", 0.0))
        timer._cued = set(data.get("cued", []))
        return timer


def format_clock(seconds: float) -> str:
    """'12:05', or '+03:10' in overtime."""
    sign = "+" if seconds < 0 else ""
    seconds = abs(int(round(seconds)))
    minutes, secs = divmod(seconds, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"
