"""Kata drafts, attempts and per-kata state (solved, solution seen, hints, time spent)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.store.database import Store, now_iso


@dataclass
class KataState:
    slug: str
    solved_at: str | None = None
    solution_seen_at: str | None = None
    hints_shown: int = 0
    time_spent_s: float = 0.0

    @property
    def solved(self) -> bool:
        return self.solved_at is not None


@dataclass
class Attempt:
    id: int
    slug: str
    finished_at: str
    device: str
    mode: str
    status: str
    passed: int
    failed: int
    duration_ms: float
    time_spent_s: float


def save_draft(store: Store, slug: str, code: str, now: str | None = None) -> None:
    with store.transaction() as db:
        db.table("kata_drafts").upsert(
            {"slug": slug, "code": code, "updated_at": now or now_iso()}, pk="slug"
        )


def load_draft(store: Store, slug: str) -> str | None:
    row = store.conn.execute("SELECT code FROM kata_drafts WHERE slug = ?", [slug]).fetchone()
    return row[0] if row else None


def delete_draft(store: Store, slug: str) -> None:
    with store.transaction() as db:
        db.execute("DELETE FROM kata_drafts WHERE slug = ?", [slug])


def get_state(store: Store, slug: str) -> KataState:
    row = store.conn.execute(
        "SELECT solved_at, solution_seen_at, hints_shown, time_spent_s FROM kata_state "
        "WHERE slug = ?",
        [slug],
    ).fetchone()
    if not row:
        return KataState(slug)
    return KataState(slug, row[0], row[1], row[2] or 0, row[3] or 0.0)


def all_states(store: Store) -> dict[str, KataState]:
    rows = store.conn.execute(
        "SELECT slug, solved_at, solution_seen_at, hints_shown, time_spent_s FROM kata_state"
    )
    return {r[0]: KataState(r[0], r[1], r[2], r[3] or 0, r[4] or 0.0) for r in rows}


def _update_state(store: Store, slug: str, **changes) -> None:
    with store.transaction() as db:
        current = get_state(store, slug)
        row = {
            "slug": slug,
            "solved_at": current.solved_at,
            "solution_seen_at": current.solution_seen_at,
            "hints_shown": current.hints_shown,
            "time_spent_s": current.time_spent_s,
        }
        row.update(changes)
        db.table("kata_state").upsert(row, pk="slug")


def mark_solution_seen(store: Store, slug: str, now: str | None = None) -> None:
    if get_state(store, slug).solution_seen_at is None:
        _update_state(store, slug, solution_seen_at=now or now_iso())


def record_hint_shown(store: Store, slug: str, count: int) -> None:
    if count > get_state(store, slug).hints_shown:
        _update_state(store, slug, hints_shown=count)


def add_time_spent(store: Store, slug: str, seconds: float) -> None:
    if seconds > 0:
        _update_state(store, slug, time_spent_s=get_state(store, slug).time_spent_s + seconds)


def record_attempt(
    store: Store,
    slug: str,
    *,
    status: str,
    device: str,
    passed: int,
    failed: int,
    duration_ms: float,
    time_spent_s: float,
    code: str,
    mode: str = "test",
    now: str | None = None,
) -> int:
    """Store one run's outcome; a passing test run marks the kata solved (first time only)."""
    finished = now or now_iso()
    with store.transaction() as db:
        table = db.table("kata_attempts")
        table.insert(
            {
                "slug": slug,
                "finished_at": finished,
                "device": device,
                "mode": mode,
                "status": status,
                "passed": passed,
                "failed": failed,
                "duration_ms": duration_ms,
                "time_spent_s": time_spent_s,
                "code": code,
            }
        )
        attempt_id = table.last_pk
        if status == "passed" and mode == "test" and get_state(store, slug).solved_at is None:
            _update_state(store, slug, solved_at=finished)
    return attempt_id


def attempts(store: Store, slug: str | None = None, limit: int = 200) -> list[Attempt]:
    where, params = ("WHERE slug = ?", [slug]) if slug else ("", [])
    rows = store.conn.execute(
        "SELECT id, slug, finished_at, device, mode, status, passed, failed, duration_ms, "
        f"time_spent_s FROM kata_attempts {where} ORDER BY finished_at DESC, id DESC LIMIT ?",
        [*params, limit],
    )
    return [
        Attempt(
            r[0],
            r[1],
            r[2],
            r[3] or "",
            r[4] or "test",
            r[5],
            r[6] or 0,
            r[7] or 0,
            r[8] or 0.0,
            r[9] or 0.0,
        )
        for r in rows
    ]
