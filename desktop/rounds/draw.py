"""Drawing a question for a round: filters, and no repeats of recent draws unless the bank runs out."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class DrawFilters:
    area: str = ""
    difficulty: str = ""
    company: str = ""


def matching(questions: Iterable, round_type: str, filters: DrawFilters = DrawFilters()) -> list:
    chosen = []
    for question in questions:
        if question.round != round_type:
            continue
        if filters.area and question.area != filters.area:
            continue
        if filters.difficulty and question.difficulty != filters.difficulty:
            continue
        if filters.company and filters.company.lower() not in {
            c.lower() for c in question.companies
        }:
            continue
        chosen.append(question)
    return chosen


def draw_question(
    questions: Sequence,
    round_type: str,
    recent_ids: Sequence[str],
    rng: random.Random,
    filters: DrawFilters = DrawFilters(),
    exclude: Iterable[str] = (),
):
    """A question of ``round_type`` not among ``recent_ids`` (the last N rounds' draws).

    When every candidate was drawn recently, the least recently drawn one is reused. ``exclude``
    (the question on screen, for a redraw) is avoided whenever another candidate exists.
    Returns None when nothing matches the filters.
    """
    candidates = matching(questions, round_type, filters)
    if not candidates:
        return None
    excluded = set(exclude)
    if len(candidates) > 1:
        candidates = [q for q in candidates if q.id not in excluded] or candidates
    recent = list(recent_ids)
    fresh = [q for q in candidates if q.id not in set(recent)]
    if fresh:
        return rng.choice(fresh)
    # The bank ran out: take the one drawn longest ago (recent is newest first).
    order = {qid: index for index, qid in enumerate(recent)}
    return max(candidates, key=lambda q: order.get(q.id, len(recent)))
