"""CSV import/export of applications and the .ics calendar of interviews and deadlines.

CSV columns, in this order, with a header row (UTF-8):

    company,role,track,status,source,applied_on,priority,location,notes

- company, role: required text.
- track: Research Scientist | ML Engineer | Applied Scientist | other (empty = ML Engineer).
- status: wishlist | applied | screening | interviewing | offer | accepted | declined |
  rejected | withdrawn (empty = applied).
- source: referral | cold email | job board | recruiter | careers page, or empty.
- applied_on: an ISO date (YYYY-MM-DD) or empty.
- priority: 1 (highest) to 5, or empty.
- location, notes: free text.

An import checks every row first: if any row is bad nothing is stored and every bad row is
reported with its line number and reason, unless ``skip_invalid`` is set, in which case the
good rows are stored and the bad ones reported.

The calendar export follows RFC 5545; each event's UID is derived from its database id
(``tracker-event-<id>@mlprep``), so re-importing a newer export updates rather than duplicates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from desktop.tracker.records import (
    Application,
    Deadline,
    InterviewEvent,
    ValidationError,
    validate_application,
)

COLUMNS = (
    "company",
    "role",
    "track",
    "status",
    "source",
    "applied_on",
    "priority",
    "location",
    "notes",
)


@dataclass
class CsvProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class CsvResult:
    applications: list[Application] = field(default_factory=list)
    problems: list[CsvProblem] = field(default_factory=list)


class CsvImportError(ValueError):
    def __init__(self, problems: list[CsvProblem]):
        self.problems = problems
        super().__init__(
            "Nothing was imported; fix these rows (or use --skip-invalid):\n"
            + "\n".join(str(p) for p in problems)
        )


def parse_csv(text: str) -> CsvResult:
    """Parse and validate every row; never raises for a bad row, lists it instead."""
    result = CsvResult()
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        result.problems.append(CsvProblem(1, "the file is empty (expected a header row)"))
        return result
    except csv.Error as error:
        result.problems.append(CsvProblem(1, f"unreadable CSV: {error}"))
        return result
    names = [h.strip().lower() for h in header]
    missing = [c for c in ("company", "role") if c not in names]
    unknown = [n for n in names if n not in COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append("missing columns: " + ", ".join(missing))
        if unknown:
            parts.append("unknown columns: " + ", ".join(unknown))
        result.problems.append(
            CsvProblem(1, "; ".join(parts) + " (expected " + ",".join(COLUMNS) + ")")
        )
        return result
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            result.problems.append(CsvProblem(reader.line_num, f"unreadable CSV: {error}"))
            break
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(names):
            result.problems.append(
                CsvProblem(line, f"has {len(values)} fields, the header has {len(names)}")
            )
            continue
        row = {name: value.strip() for name, value in zip(names, values, strict=True)}
        priority = None
        if row.get("priority"):
            try:
                priority = int(row["priority"])
            except ValueError:
                result.problems.append(CsvProblem(line, "priority: a whole number from 1 to 5"))
                continue
        application = Application(
            company=row.get("company", ""),
            role=row.get("role", ""),
            track=row.get("track") or "ML Engineer",
            status=(row.get("status") or "applied").lower(),
            source=(row.get("source") or "").lower(),
            applied_on=row.get("applied_on", ""),
            priority=priority,
            location=row.get("location", ""),
            notes=row.get("notes", ""),
        )
        try:
            validate_application(application)
        except ValidationError as error:
            reason = "; ".join(f"{k}: {v}" for k, v in error.errors.items())
            result.problems.append(CsvProblem(line, reason))
            continue
        result.applications.append(application)
    return result


def applications_to_csv(applications: list[Application]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for a in applications:
        writer.writerow(
            [
                a.company,
                a.role,
                a.track,
                a.status,
                a.source,
                a.applied_on,
                "" if a.priority is None else a.priority,
                a.location,
                a.notes,
            ]
        )
    return out.getvalue()


# --- iCalendar -------------------------------------------------------------------------


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """RFC 5545 3.1: lines longer than 75 octets are folded with CRLF + space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        limit = 75 if not parts else 74
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_ics(
    events: list[tuple[InterviewEvent, str]],
    deadlines: list[tuple[Deadline, str]],
    now: dt.datetime | None = None,
) -> str:
    """An iCalendar document: (event, title) pairs as timed VEVENTs, (deadline, title) pairs
    as all-day VEVENTs."""
    stamp = _utc(now or dt.datetime.now(dt.UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//MLPrep//Tracker//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for event, title in events:
        description = "\n".join(
            part
            for part in (
                f"Interviewers: {event.interviewers}" if event.interviewers else "",
                f"Prep: {event.prep_notes}" if event.prep_notes else "",
            )
            if part
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:tracker-event-{event.id}@mlprep",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(event.start)}",
            f"DTEND:{_utc(event.end)}",
            f"SUMMARY:{_escape(title)}",
        ]
        if event.place:
            lines.append(f"LOCATION:{_escape(event.place)}")
        if description:
            lines.append(f"DESCRIPTION:{_escape(description)}")
        lines.append("END:VEVENT")
    for deadline, title in deadlines:
        day = dt.date.fromisoformat(deadline.due_on)
        lines += [
            "BEGIN:VEVENT",
            f"UID:tracker-deadline-{deadline.id}@mlprep",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(title)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
