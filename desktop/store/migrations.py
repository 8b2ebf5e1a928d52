"""The schema of the MLPrep database, as an ordered list of migrations.

A shipped migration is never edited: change the schema by adding a new function at the
end. Each migration runs in its own transaction together with the record of it.
"""

from __future__ import annotations

from desktop.store import import_sqlite_utils_without_numpy

import_sqlite_utils_without_numpy()

from sqlite_utils import Database, Migrations  # noqa: E402

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


@migrations()
def m004_tracker(db: Database) -> None:
    db.table("tracker_companies").create(
        {"id": int, "name": str, "preference": int, "notes": str, "rounds": str},
        pk="id",
        not_null={"name"},
    )
    db.table("tracker_companies").create_index(["name"], unique=True)
    db.table("tracker_applications").create(
        {
            "id": int,
            "company_id": int,
            "role": str,
            "track": str,
            "status": str,
            "source": str,
            "team": str,
            "location": str,
            "applied_on": str,
            "priority": int,
            "next_action": str,
            "next_action_on": str,
            "stages": str,  # JSON object stage -> state
            "notes": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"company_id", "role", "status"},
        foreign_keys=[("company_id", "tracker_companies", "id")],
    )
    db.table("tracker_applications").create_index(["status"])
    db.table("tracker_history").create(
        {
            "id": int,
            "application_id": int,
            "at": str,
            "kind": str,  # status | stage
            "stage": str,
            "from_value": str,
            "to_value": str,
        },
        pk="id",
        not_null={"application_id", "at", "kind", "to_value"},
        foreign_keys=[("application_id", "tracker_applications", "id")],
    )
    db.table("tracker_history").create_index(["application_id", "at"])
    db.table("tracker_contacts").create(
        {
            "id": int,
            "name": str,
            "role": str,
            "company": str,
            "email": str,
            "how_met": str,
            "last_contacted": str,
            "notes": str,
        },
        pk="id",
        not_null={"name"},
    )
    db.table("tracker_events").create(
        {
            "id": int,
            "application_id": int,
            "round_type": str,
            "starts_at": str,  # ISO with the offset the user gave
            "starts_utc": str,  # the same instant in UTC, for ordering and ranges
            "duration_minutes": int,
            "final": int,
            "interviewers": str,
            "place": str,
            "prep_notes": str,
            "outcome": str,
            "self_score": int,
            "went_wrong": str,
        },
        pk="id",
        not_null={"application_id", "starts_at", "starts_utc"},
        foreign_keys=[("application_id", "tracker_applications", "id")],
    )
    db.table("tracker_events").create_index(["starts_utc"])
    db.table("tracker_events").create_index(["application_id", "starts_utc"])
    db.table("tracker_events").create_index(["final", "application_id", "starts_utc"])
    db.table("tracker_deadlines").create(
        {
            "id": int,
            "application_id": int,
            "kind": str,
            "due_on": str,
            "title": str,
            "done": int,
            "notes": str,
        },
        pk="id",
        not_null={"kind", "due_on"},
        foreign_keys=[("application_id", "tracker_applications", "id")],
    )
    db.table("tracker_deadlines").create_index(["due_on"])
    db.table("tracker_offers").create(
        {
            "id": int,
            "application_id": int,
            "currency": str,
            "base": float,
            "signing_bonus": float,
            "target_bonus_pct": float,
            "equity_kind": str,
            "grant_value": float,
            "shares": float,
            "strike": float,
            "current_price": float,
            "vesting_years": int,
            "cliff_months": int,
            "vesting_frequency": str,
            "vesting_schedule": str,
            "refresher_value": float,
            "relocation": float,
            "start_on": str,
            "expires_on": str,
            "notes": str,
        },
        pk="id",
        not_null={"application_id", "currency"},
        foreign_keys=[("application_id", "tracker_applications", "id")],
    )
    db.table("tracker_offers").create_index(["application_id"])
    db.table("tracker_negotiations").create(
        {"id": int, "offer_id": int, "on_date": str, "asked": str, "changed": str},
        pk="id",
        not_null={"offer_id", "on_date", "asked"},
        foreign_keys=[("offer_id", "tracker_offers", "id")],
    )


def latest_version() -> int:
    """The schema version this build of the app writes: the number of migrations it knows."""
    return len(migrations._migrations)


def known_names() -> list[str]:
    return [migration.name for migration in migrations._migrations]


@migrations()
def m005_study(db: Database) -> None:
    db.table("study_cards").create(
        {
            "id": str,
            "source": str,  # topic | user
            "topic": str,
            "area": str,  # study area (ml-theory, statistics, ...)
            "question": str,
            "answer": str,
            "created_at": str,
            "suspended": int,
            "buried_until": str,  # ISO date; hidden from the queue before it
            "fsrs": str,  # fsrs.Card as JSON; NULL while the card is new
            "due": str,  # ISO UTC; NULL while new
        },
        pk="id",
        not_null={"source", "question", "answer", "suspended"},
        defaults={"suspended": 0},
    )
    db.table("study_cards").create_index(["due"])
    db.table("study_reviews").create(
        {
            "id": int,
            "card_id": str,
            "rating": int,
            "reviewed_at": str,
            "before": str,  # the card's fsrs JSON before this answer (for undo)
            "before_due": str,
        },
        pk="id",
        not_null={"card_id", "rating", "reviewed_at"},
    )
    db.table("study_reviews").create_index(["reviewed_at"])
    db.table("study_checklist").create({"item": str, "ticked_at": str}, pk="item")


@migrations()
def m006_study_card_tags(db: Database) -> None:
    # The user's own cards carry tags (space-separated) and remember their last edit.
    db.table("study_cards").add_column("tags", str, not_null_default="")
    db.table("study_cards").add_column("updated_at", str)
