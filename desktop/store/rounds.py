"""Mock rounds and the user's round templates."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from desktop.rounds.templates import RoundTemplate, same_content, validate_template
from desktop.store.database import Store, now_iso

RUNNING = "running"
FINISHED = "finished"
ABANDONED = "abandoned"


@dataclass
class MockRound:
    id: int
    template_type: str
    title: str
    status: str
    started_at: str
    finished_at: str | None = None
    timer: dict | None = None
    question_id: str | None = None
    question_text: str = ""
    question_area: str = ""
    kata_slug: str | None = None
    kata_status: str | None = None
    rubric: list[str] = field(default_factory=list)
    scores: list[int] = field(default_factory=list)
    notes: str = ""
    differently: str = ""
    planned: list[dict] = field(default_factory=list)
    actual_s: list[float] = field(default_factory=list)
    interview_event_id: int | None = None

    @property
    def mean_score(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None


def _row_to_round(row: dict) -> MockRound:
    def load(name, default):
        value = row.get(name)
        return json.loads(value) if value else default

    return MockRound(
        id=row["id"],
        template_type=row["template_type"],
        title=row.get("title") or row["template_type"],
        status=row["status"],
        started_at=row["started_at"],
        finished_at=row.get("finished_at"),
        timer=load("timer", None),
        question_id=row.get("question_id"),
        question_text=row.get("question_text") or "",
        question_area=row.get("question_area") or "",
        kata_slug=row.get("kata_slug"),
        kata_status=row.get("kata_status"),
        rubric=load("rubric", []),
        scores=load("scores", []),
        notes=row.get("notes") or "",
        differently=row.get("differently") or "",
        planned=load("planned", []),
        actual_s=load("actual_s", []),
        interview_event_id=row.get("interview_event_id"),
    )


# --- templates ---------------------------------------------------------------------------------
# A shipped template (content/rounds) is copied into the store with builtin=1. Editing it saves
# the user's copy under the same type with builtin=0, which then takes precedence; restoring the
# default writes the shipped copy back. The user's own templates have types of their own.
# Files under content/ are never written.
def ensure_templates(store: Store, builtin: list[RoundTemplate]) -> None:
    """Copy shipped templates the user does not have yet and refresh unedited copies.

    The user's edits (builtin=0) are never overwritten.
    """
    stored = {template.type: template for template in list_templates(store)}
    stale = [
        template
        for template in builtin
        if template.type not in stored
        or stored[template.type].builtin
        and not same_content(stored[template.type], template)
    ]
    if stale:
        with store.transaction() as db:
            for template in stale:
                _save(db, replace(template, builtin=True))


def _save(db, template: RoundTemplate) -> None:
    record = template.to_record()
    db.table("round_templates").upsert(
        {
            "type": record["type"],
            "title": record["title"],
            "phases": json.dumps(record["phases"]),
            "rubric": json.dumps(record["rubric"]),
            "question_round": record["question_round"],
            "builtin": int(record["builtin"]),
            "updated_at": now_iso(),
        },
        pk="type",
    )


def save_template(store: Store, template: RoundTemplate) -> None:
    """Validate and store one template in one transaction (nothing is written if it is invalid)."""
    validate_template(template)
    with store.transaction() as db:
        _save(db, template)


def save_user_template(
    store: Store, template: RoundTemplate, shipped: list[RoundTemplate]
) -> RoundTemplate:
    """Save what the user edited: their copy, or the shipped one again if it matches it exactly.

    Returns the template as stored.
    """
    original = next((t for t in shipped if t.type == template.type), None)
    stored = replace(template, builtin=original is not None and same_content(template, original))
    save_template(store, stored)
    return stored


def restore_default(store: Store, shipped: RoundTemplate) -> None:
    """Drop the user's copy of a shipped template: the shipped one is used again."""
    with store.transaction() as db:
        _save(db, replace(shipped, builtin=True))


def delete_template(
    store: Store, template_type: str, *, shipped_types: Collection[str] = ()
) -> None:
    """Delete one of the user's own templates; past rounds with it stay in the history."""
    if template_type in shipped_types:
        raise ValueError(
            "a shipped template cannot be deleted; restore its default to undo your edits"
        )
    with store.transaction() as db:
        db.execute("DELETE FROM round_templates WHERE type = ?", [template_type])


def get_template(store: Store, template_type: str) -> RoundTemplate | None:
    return next((t for t in list_templates(store) if t.type == template_type), None)


def list_templates(store: Store) -> list[RoundTemplate]:
    rows = store.db.query("SELECT * FROM round_templates ORDER BY builtin DESC, title")
    return [
        RoundTemplate.from_record(
            {**row, "phases": json.loads(row["phases"]), "rubric": json.loads(row["rubric"])}
        )
        for row in rows
    ]


# --- rounds ------------------------------------------------------------------------------------
def start_round(
    store: Store,
    template: RoundTemplate,
    *,
    question=None,
    kata_slug: str | None = None,
    timer: dict | None = None,
    interview_event_id: int | None = None,
    now: str | None = None,
) -> int:
    with store.transaction() as db:
        table = db.table("mock_rounds")
        table.insert(
            {
                "template_type": template.type,
                "title": template.title,
                "status": RUNNING,
                "started_at": now or now_iso(),
                "timer": json.dumps(timer) if timer else None,
                "question_id": getattr(question, "id", None),
                "question_text": getattr(question, "text", ""),
                "question_area": getattr(question, "area", ""),
                "kata_slug": kata_slug,
                "rubric": json.dumps(template.rubric),
                "planned": json.dumps(
                    [{"name": p.name, "minutes": p.minutes} for p in template.phases]
                ),
                "interview_event_id": interview_event_id,
            }
        )
        return table.last_pk


def save_timer(store: Store, round_id: int, timer: dict) -> None:
    with store.transaction() as db:
        db.execute("UPDATE mock_rounds SET timer = ? WHERE id = ?", [json.dumps(timer), round_id])


def set_kata_status(store: Store, round_id: int, status: str) -> None:
    with store.transaction() as db:
        db.execute("UPDATE mock_rounds SET kata_status = ? WHERE id = ?", [status, round_id])


def finish_round(
    store: Store,
    round_id: int,
    *,
    scores: list[int],
    notes: str,
    differently: str,
    actual_s: list[float],
    timer: dict | None = None,
    now: str | None = None,
) -> None:
    mock = get_round(store, round_id)
    if len(scores) != len(mock.rubric) or any(s not in (1, 2, 3, 4) for s in scores):
        raise ValueError(f"score each of the {len(mock.rubric)} rubric items from 1 to 4")
    with store.transaction() as db:
        db.table("mock_rounds").update(
            round_id,
            {
                "status": FINISHED,
                "finished_at": now or now_iso(),
                "scores": json.dumps(scores),
                "notes": notes,
                "differently": differently,
                "actual_s": json.dumps([round(x, 1) for x in actual_s]),
                "timer": json.dumps(timer) if timer else mock.timer and json.dumps(mock.timer),
            },
        )


def abandon_round(store: Store, round_id: int) -> None:
    with store.transaction() as db:
        db.execute("UPDATE mock_rounds SET status = ? WHERE id = ?", [ABANDONED, round_id])


def get_round(store: Store, round_id: int) -> MockRound:
    return _row_to_round(store.db.table("mock_rounds").get(round_id))


def running_round(store: Store) -> MockRound | None:
    rows = list(
        store.db.query(
            "SELECT * FROM mock_rounds WHERE status = ? ORDER BY id DESC LIMIT 1", [RUNNING]
        )
    )
    return _row_to_round(rows[0]) if rows else None


def list_rounds(
    store: Store, template_type: str | None = None, status: str | None = FINISHED
) -> list[MockRound]:
    where, params = [], []
    if template_type:
        where.append("template_type = ?")
        params.append(template_type)
    if status:
        where.append("status = ?")
        params.append(status)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = store.db.query(f"SELECT * FROM mock_rounds {clause} ORDER BY started_at, id", params)
    return [_row_to_round(row) for row in rows]


def recent_question_ids(store: Store, limit: int = 10) -> list[str]:
    """Questions drawn in the last ``limit`` rounds, newest first."""
    rows = store.conn.execute(
        "SELECT question_id FROM mock_rounds WHERE question_id IS NOT NULL ORDER BY id DESC LIMIT ?",
        [limit],
    )
    return [r[0] for r in rows]
