"""The schema of the MLPrep database, as an ordered list of migrations.

A shipped migration is never edited: change the schema by adding a new function at the
end. Each migration runs in its own transaction together with the record of it.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("mlprep")


@migrations()
def m001_core(db: Database) -> None:
    db.table("settings").create({"key": str, "value": str}, pk="key")
    db.table("notes").create(
        {
            "topic": str,
            "body": str,
            "confidence": int,
            "reviewed_on": str,
            "bookmarked": int,
            "updated_at": str,
        },
        pk="topic",
        defaults={"body": "", "bookmarked": 0},
        not_null={"body", "bookmarked"},
    )


@migrations()
def m002_katas(db: Database) -> None:
    db.table("kata_drafts").create(
        {"slug": str, "code": str, "updated_at": str}, pk="slug", not_null={"code"}
    )
    db.table("kata_attempts").create(
        {
            "id": int,
            "slug": str,
            "finished_at": str,
            "device": str,
            "mode": str,
            "status": str,
            "passed": int,
            "failed": int,
            "duration_ms": float,
            "time_spent_s": float,
            "code": str,
        },
        pk="id",
        not_null={"slug", "finished_at", "status"},
    )
    db.table("kata_attempts").create_index(["slug", "finished_at"])
    db.table("kata_state").create(
        {
            "slug": str,
            "solved_at": str,
            "solution_seen_at": str,
            "hints_shown": int,
            "time_spent_s": float,
        },
        pk="slug",
        defaults={"hints_shown": 0, "time_spent_s": 0.0},
    )


@migrations()
def m003_rounds(db: Database) -> None:
    db.table("round_templates").create(
        {
            "type": str,
            "title": str,
            "phases": str,  # JSON list of {name, minutes}
            "rubric": str,  # JSON list of strings
            "question_round": str,
            "builtin": int,
            "updated_at": str,
        },
        pk="type",
        not_null={"title", "phases", "rubric"},
    )
    db.table("mock_rounds").create(
        {
            "id": int,
            "template_type": str,
            "title": str,
            "status": str,  # running | finished | abandoned
            "started_at": str,
            "finished_at": str,
            "timer": str,  # JSON of RoundTimer.to_dict(), saved as the round runs
            "question_id": str,
            "question_text": str,
            "question_area": str,
            "kata_slug": str,
            "kata_status": str,
            "rubric": str,  # JSON list of criteria
            "scores": str,  # JSON list of 1-4 per criterion
            "notes": str,
            "differently": str,
            "planned": str,  # JSON list of {name, minutes}
            "actual_s": str,  # JSON list of seconds per phase
            "interview_event_id": int,
        },
        pk="id",
        not_null={"template_type", "status", "started_at"},
    )
    db.table("mock_rounds").create_index(["started_at"])
    db.table("mock_rounds").create_index(["status"])


def latest_version() -> int:
    """The schema version this build of the app writes: the number of migrations it knows."""
    return len(migrations._migrations)


def known_names() -> list[str]:
    return [migration.name for migration in migrations._migrations]
