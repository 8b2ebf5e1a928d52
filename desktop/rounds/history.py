"""Trends over finished mock rounds: scores over time, planned vs actual phases, weakest areas."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class PhaseTiming:
    name: str
    planned_min: float
    actual_min: float


def score_trend(rounds) -> dict[str, list[tuple[str, float]]]:
    """Per round type: (date, mean rubric score) in the order the rounds were taken."""
    trend: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for mock in rounds:
        if mock.mean_score is not None:
            trend[mock.title].append((mock.started_at[:10], mock.mean_score))
    return dict(trend)


def planned_vs_actual(rounds, template_type: str) -> list[PhaseTiming]:
    """Average planned and actual minutes per phase over the rounds of one type."""
    planned: dict[str, list[float]] = defaultdict(list)
    actual: dict[str, list[float]] = defaultdict(list)
    order: list[str] = []
    for mock in rounds:
        if mock.template_type != template_type or not mock.actual_s:
            continue
        for phase, seconds in zip(mock.planned, mock.actual_s, strict=False):
            name = phase["name"]
            if name not in order:
                order.append(name)
            planned[name].append(float(phase["minutes"]))
            actual[name].append(seconds / 60.0)
    return [
        PhaseTiming(
            name, sum(planned[name]) / len(planned[name]), sum(actual[name]) / len(actual[name])
        )
        for name in order
    ]


def weakest_areas(rounds, limit: int = 8) -> list[tuple[str, float, int]]:
    """(area, mean score, rounds) for the areas whose questions went worst, worst first."""
    scores: dict[str, list[float]] = defaultdict(list)
    for mock in rounds:
        if mock.mean_score is not None and mock.question_area:
            scores[mock.question_area].append(mock.mean_score)
    ranked = sorted(
        ((area, sum(v) / len(v), len(v)) for area, v in scores.items()),
        key=lambda item: (item[1], item[0]),
    )
    return ranked[:limit]
