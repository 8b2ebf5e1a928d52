"""Tracker tables: companies, applications with their append-only history, events, offers."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from desktop.store.database import Store, now_iso
from desktop.tracker.records import (
    ACTIVE_STATUSES,
    STAGES,
    Application,
    Company,
    Contact,
    Deadline,
    HistoryEntry,
    InterviewEvent,
    NegotiationEntry,
    Offer,
    validate_application,
    validate_company,
    validate_contact,
    validate_deadline,
    validate_event,
    validate_negotiation,
    validate_offer,
)

RATES_KEY = "tracker.rates"


def _clean(row: dict[str, Any], record_type) -> dict[str, Any]:
    names = {f.name for f in fields(record_type)}
    return {k: v for k, v in row.items() if k in names}


# --- companies -------------------------------------------------------------------------


def _company_from_row(row: dict[str, Any]) -> Company:
    return Company(
        name=row["name"],
        preference=row.get("preference"),
        notes=row.get("notes") or "",
        rounds=json.loads(row.get("rounds") or "[]"),
        id=row["id"],
    )


def companies(store: Store) -> list[Company]:
    return [
        _company_from_row(row)
        for row in store.db.query(
            "SELECT * FROM tracker_companies ORDER BY preference IS NULL, preference, name"
        )
    ]


def company_by_name(store: Store, name: str) -> Company | None:
    rows = list(
        store.db.query(
            "SELECT * FROM tracker_companies WHERE lower(name) = lower(?)", [name.strip()]
        )
    )
    return _company_from_row(rows[0]) if rows else None


def save_company(store: Store, company: Company) -> int:
    validate_company(company)
    row = {
        "name": company.name.strip(),
        "preference": company.preference,
        "notes": company.notes,
        "rounds": json.dumps(company.rounds),
    }
    with store.transaction() as db:
        table = db.table("tracker_companies")
        if company.id is None:
            table.insert(row)
            company.id = table.last_pk
        else:
            table.update(company.id, row)
    return company.id


def _ensure_company(db, name: str, default_rounds=None) -> int:
    name = name.strip()
    found = db.execute(
        "SELECT id FROM tracker_companies WHERE lower(name) = lower(?)", [name]
    ).fetchone()
    if found:
        return found[0]
    rounds = default_rounds(name) if default_rounds else []
    table = db.table("tracker_companies")
    table.insert({"name": name, "notes": "", "rounds": json.dumps(rounds)})
    return table.last_pk


# --- applications ----------------------------------------------------------------------

_APPLICATION_SELECT = (
    "SELECT a.*, c.name AS company FROM tracker_applications a "
    "JOIN tracker_companies c ON c.id = a.company_id"
)


def _application_from_row(row: dict[str, Any]) -> Application:
    return Application(
        company=row["company"],
        role=row["role"],
        track=row.get("track") or "other",
        status=row["status"],
        source=row.get("source") or "",
        team=row.get("team") or "",
        location=row.get("location") or "",
        applied_on=row.get("applied_on") or "",
        priority=row.get("priority"),
        next_action=row.get("next_action") or "",
        next_action_on=row.get("next_action_on") or "",
        stages=json.loads(row.get("stages") or "{}"),
        notes=row.get("notes") or "",
        id=row["id"],
    )


_APPLICATION_COLUMNS = (
    "c.name, a.role, a.track, a.status, a.source, a.team, a.location, a.applied_on, a.priority, "
    "a.next_action, a.next_action_on, a.stages, a.notes, a.id"
)


def applications(store: Store) -> list[Application]:
    """Every application (plain cursor rows: fast enough for thousands)."""
    rows = store.conn.execute(
        f"SELECT {_APPLICATION_COLUMNS} FROM tracker_applications a "
        "JOIN tracker_companies c ON c.id = a.company_id ORDER BY a.id"
    )
    return [
        Application(
            company=r[0],
            role=r[1],
            track=r[2] or "other",
            status=r[3],
            source=r[4] or "",
            team=r[5] or "",
            location=r[6] or "",
            applied_on=r[7] or "",
            priority=r[8],
            next_action=r[9] or "",
            next_action_on=r[10] or "",
            stages=json.loads(r[11]) if r[11] and r[11] != "{}" else {},
            notes=r[12] or "",
            id=r[13],
        )
        for r in rows
    ]


def _dates(store: Store, sql: str, params=()) -> dict[int, dt.date]:
    return {
        row[0]: dt.date.fromisoformat(row[1][:10])
        for row in store.conn.execute(sql, params)
        if row[1]
    }


def first_final_dates(store: Store) -> dict[int, dt.date]:
    """Each application's first final-round interview day (in UTC)."""
    return _dates(
        store,
        "SELECT application_id, min(starts_utc) FROM tracker_events WHERE final = 1 "
        "GROUP BY application_id",
    )


def latest_past_event_dates(store: Store, today: dt.date) -> dict[int, dt.date]:
    return _dates(
        store,
        "SELECT application_id, max(starts_utc) FROM tracker_events WHERE starts_utc < ? "
        "GROUP BY application_id",
        [(today + dt.timedelta(days=1)).isoformat()],
    )


def latest_change_dates(store: Store) -> dict[int, dt.date]:
    return _dates(store, "SELECT application_id, max(at) FROM tracker_history GROUP BY 1")


def offer_received_dates(store: Store) -> dict[int, dt.date]:
    return _dates(
        store,
        "SELECT application_id, min(at) FROM tracker_history "
        "WHERE kind = 'status' AND to_value = 'offer' GROUP BY 1",
    )


def get_application(store: Store, application_id: int) -> Application | None:
    rows = list(store.db.query(_APPLICATION_SELECT + " WHERE a.id = ?", [application_id]))
    return _application_from_row(rows[0]) if rows else None


def application_rows(store: Store, limit: int | None = None) -> list[tuple]:
    """What the table and the board show, as plain tuples (fast for thousands of rows):
    (id, company, role, track, status, source, applied_on, priority, location, next_action_on,
    preference)."""
    return store.conn.execute(
        "SELECT a.id, c.name, a.role, a.track, a.status, a.source, a.applied_on, a.priority, "
        "a.location, a.next_action_on, c.preference FROM tracker_applications a "
        "JOIN tracker_companies c ON c.id = a.company_id ORDER BY a.id LIMIT ?",
        [-1 if limit is None else limit],
    ).fetchall()


def find_active_duplicate(
    store: Store, company: str, role: str, exclude_id: int | None = None
) -> Application | None:
    """An active application for the same company and role (case-insensitive), if any."""
    marks = ", ".join("?" for _ in ACTIVE_STATUSES)
    rows = list(
        store.db.query(
            _APPLICATION_SELECT + " WHERE lower(c.name) = lower(?) AND lower(a.role) = lower(?) "
            f"AND a.status IN ({marks}) AND a.id IS NOT ?",
            [company.strip(), role.strip(), *ACTIVE_STATUSES, exclude_id],
        )
    )
    return _application_from_row(rows[0]) if rows else None


def _application_row(db, application: Application, default_rounds, now: str) -> dict[str, Any]:
    return {
        "company_id": _ensure_company(db, application.company, default_rounds),
        "role": application.role.strip(),
        "track": application.track,
        "status": application.status,
        "source": application.source,
        "team": application.team,
        "location": application.location,
        "applied_on": application.applied_on,
        "priority": application.priority,
        "next_action": application.next_action,
        "next_action_on": application.next_action_on,
        "stages": json.dumps(application.stages, sort_keys=True),
        "notes": application.notes,
        "updated_at": now,
    }


def _append_history(db, application_id: int, at: str, kind: str, stage: str, old: str, new: str):
    db.table("tracker_history").insert(
        {
            "application_id": application_id,
            "at": at,
            "kind": kind,
            "stage": stage,
            "from_value": old,
            "to_value": new,
        }
    )


def _record_changes(db, application_id: int, before: Application | None, after: Application, at):
    if before is None or before.status != after.status:
        _append_history(
            db, application_id, at, "status", "", before.status if before else "", after.status
        )
    for stage in STAGES:
        old = before.stage_state(stage) if before else "pending"
        new = after.stage_state(stage)
        if old != new:
            _append_history(db, application_id, at, "stage", stage, old, new)


def save_application(
    store: Store,
    application: Application,
    *,
    now: str | None = None,
    default_rounds=None,
) -> int:
    """Insert or update; every status or stage change is appended to the history.

    ``default_rounds(company_name)`` gives the process of a company created on the way.
    """
    validate_application(application)
    at = now or now_iso()
    with store.transaction() as db:
        before = get_application(store, application.id) if application.id is not None else None
        row = _application_row(db, application, default_rounds, at)
        table = db.table("tracker_applications")
        if application.id is None:
            table.insert(row)
            application.id = table.last_pk
        else:
            table.update(application.id, row)
        _record_changes(db, application.id, before, application, at)
    return application.id


def save_applications(
    store: Store, items: list[Application], *, now: str | None = None, default_rounds=None
) -> list[int]:
    """Insert many in one transaction (all or nothing)."""
    for application in items:
        validate_application(application)
    at = now or now_iso()
    ids = []
    with store.transaction() as db:
        table = db.table("tracker_applications")
        for application in items:
            table.insert(_application_row(db, application, default_rounds, at))
            application.id = table.last_pk
            _record_changes(db, application.id, None, application, at)
            ids.append(application.id)
    return ids


def set_status(store: Store, application_id: int, status: str, *, now: str | None = None) -> None:
    application = get_application(store, application_id)
    if application is None or application.status == status:
        return
    application.status = status
    save_application(store, application, now=now)


def set_stage(
    store: Store, application_id: int, stage: str, state: str, *, now: str | None = None
) -> None:
    application = get_application(store, application_id)
    if application is None:
        return
    application.stages = {**application.stages, stage: state}
    save_application(store, application, now=now)


def history(store: Store, application_id: int) -> list[HistoryEntry]:
    return [
        HistoryEntry(**_clean(row, HistoryEntry))
        for row in store.db.query(
            "SELECT * FROM tracker_history WHERE application_id = ? ORDER BY id", [application_id]
        )
    ]


def all_history(store: Store) -> list[HistoryEntry]:
    return [
        HistoryEntry(**_clean(row, HistoryEntry))
        for row in store.db.query("SELECT * FROM tracker_history ORDER BY id")
    ]


# --- deletion with undo ----------------------------------------------------------------


@dataclass
class Deleted:
    """Everything one delete removed, table by table, so it can be put back exactly."""

    description: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


# Children before parents for deleting; restore walks it backwards.
_CHILDREN = {
    "tracker_companies": [("tracker_applications", "company_id")],
    "tracker_applications": [
        ("tracker_history", "application_id"),
        ("tracker_events", "application_id"),
        ("tracker_deadlines", "application_id"),
        ("tracker_offers", "application_id"),
    ],
    "tracker_offers": [("tracker_negotiations", "offer_id")],
}
_ORDER = [
    "tracker_companies",
    "tracker_contacts",
    "tracker_applications",
    "tracker_history",
    "tracker_events",
    "tracker_deadlines",
    "tracker_offers",
    "tracker_negotiations",
]


def _collect(db, table: str, where: str, params: list, bag: dict[str, list[dict]]) -> None:
    rows = list(db.query(f"SELECT * FROM [{table}] WHERE {where}", params))
    if not rows:
        return
    bag.setdefault(table, []).extend(rows)
    for child, column in _CHILDREN.get(table, []):
        ids = [row["id"] for row in rows]
        marks = ", ".join("?" for _ in ids)
        _collect(db, child, f"[{column}] IN ({marks})", ids, bag)


def delete_record(store: Store, table: str, record_id: int, description: str = "") -> Deleted:
    """Delete one row and everything that hangs off it, in one transaction."""
    deleted = Deleted(description or f"{table} {record_id}")
    with store.transaction() as db:
        _collect(db, table, "id = ?", [record_id], deleted.rows)
        for name in reversed(_ORDER):
            ids = [row["id"] for row in deleted.rows.get(name, [])]
            if ids:
                marks = ", ".join("?" for _ in ids)
                db.execute(f"DELETE FROM [{name}] WHERE id IN ({marks})", ids)
    return deleted


def restore(store: Store, deleted: Deleted) -> None:
    """Undo a delete: put every removed row back with its original id."""
    with store.transaction() as db:
        for name in _ORDER:
            rows = deleted.rows.get(name)
            if rows:
                db.table(name).insert_all(rows, alter=False)


# --- contacts, events, deadlines, offers, negotiations ---------------------------------


def _save(store: Store, table: str, record, row: dict[str, Any]) -> int:
    with store.transaction() as db:
        target = db.table(table)
        if record.id is None:
            target.insert(row)
            record.id = target.last_pk
        else:
            target.update(record.id, row)
    return record.id


def save_contact(store: Store, contact: Contact) -> int:
    validate_contact(contact)
    row = asdict(contact)
    row.pop("id")
    return _save(store, "tracker_contacts", contact, row)


def contacts(store: Store) -> list[Contact]:
    return [
        Contact(**_clean(row, Contact))
        for row in store.db.query("SELECT * FROM tracker_contacts ORDER BY name")
    ]


def _event_from_row(row: dict[str, Any]) -> InterviewEvent:
    event = InterviewEvent(**_clean(row, InterviewEvent))
    event.final = bool(event.final)
    for name in ("interviewers", "place", "prep_notes", "outcome", "went_wrong"):
        setattr(event, name, getattr(event, name) or "")
    return event


def save_event(store: Store, event: InterviewEvent, ends_at: str | None = None) -> int:
    validate_event(event, ends_at)
    row = asdict(event)
    row.pop("id")
    row["final"] = int(event.final)
    row["starts_utc"] = event.start.astimezone(dt.UTC).isoformat(timespec="seconds")
    return _save(store, "tracker_events", event, row)


def events(
    store: Store,
    *,
    application_id: int | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> list[InterviewEvent]:
    where, params = [], []
    if application_id is not None:
        where.append("application_id = ?")
        params.append(application_id)
    if start is not None:
        where.append("starts_utc >= ?")
        params.append(start.astimezone(dt.UTC).isoformat(timespec="seconds"))
    if end is not None:
        where.append("starts_utc < ?")
        params.append(end.astimezone(dt.UTC).isoformat(timespec="seconds"))
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    return [
        _event_from_row(row)
        for row in store.db.query(
            f"SELECT * FROM tracker_events{clause} ORDER BY starts_utc, id", params
        )
    ]


def save_deadline(store: Store, deadline: Deadline) -> int:
    validate_deadline(deadline)
    row = asdict(deadline)
    row.pop("id")
    row["done"] = int(deadline.done)
    return _save(store, "tracker_deadlines", deadline, row)


def deadlines(
    store: Store, *, start: dt.date | None = None, end: dt.date | None = None
) -> list[Deadline]:
    where, params = [], []
    if start is not None:
        where.append("due_on >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("due_on < ?")
        params.append(end.isoformat())
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    result = []
    for row in store.db.query(f"SELECT * FROM tracker_deadlines{clause} ORDER BY due_on", params):
        deadline = Deadline(**_clean(row, Deadline))
        deadline.done = bool(deadline.done)
        deadline.title = deadline.title or ""
        deadline.notes = deadline.notes or ""
        result.append(deadline)
    return result


def _offer_from_row(row: dict[str, Any]) -> Offer:
    offer = Offer(**_clean(row, Offer))
    for f in fields(Offer):
        if getattr(offer, f.name) is None and f.name not in ("id", "application_id"):
            setattr(offer, f.name, f.default)
    return offer


def save_offer(store: Store, offer: Offer) -> int:
    validate_offer(offer)
    row = asdict(offer)
    row.pop("id")
    return _save(store, "tracker_offers", offer, row)


def offers(store: Store) -> list[Offer]:
    return [
        _offer_from_row(row) for row in store.db.query("SELECT * FROM tracker_offers ORDER BY id")
    ]


def get_offer(store: Store, offer_id: int) -> Offer | None:
    rows = list(store.db.query("SELECT * FROM tracker_offers WHERE id = ?", [offer_id]))
    return _offer_from_row(rows[0]) if rows else None


def add_negotiation(store: Store, entry: NegotiationEntry) -> int:
    validate_negotiation(entry)
    row = asdict(entry)
    row.pop("id")
    return _save(store, "tracker_negotiations", entry, row)


def negotiations(store: Store, offer_id: int) -> list[NegotiationEntry]:
    return [
        NegotiationEntry(**_clean(row, NegotiationEntry))
        for row in store.db.query(
            "SELECT * FROM tracker_negotiations WHERE offer_id = ? ORDER BY on_date, id",
            [offer_id],
        )
    ]


# --- currency rates (user-entered, offline) --------------------------------------------


def load_rates(store: Store) -> dict[str, float]:
    """Units of the comparison currency per one unit of each currency, as the user set them."""
    row = store.conn.execute("SELECT value FROM settings WHERE key = ?", [RATES_KEY]).fetchone()
    return json.loads(row[0]) if row else {}


def save_rates(store: Store, rates: dict[str, float]) -> None:
    with store.transaction() as db:
        db.table("settings").upsert(
            {"key": RATES_KEY, "value": json.dumps(rates, sort_keys=True)}, pk="key"
        )
