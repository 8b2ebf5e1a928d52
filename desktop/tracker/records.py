"""Tracker records (companies, applications, contacts, events, deadlines, offers) and their rules.

Records are plain dataclasses holding what the database holds: dates as ISO strings
(``YYYY-MM-DD``), event starts as ISO date-times with a UTC offset, money as numbers.
``validate_*`` functions check a record and raise one ``ValidationError`` whose ``errors``
map each bad field to a message a person can act on; nothing is saved unless it passes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

TRACKS = ("Research Scientist", "ML Engineer", "Applied Scientist", "other")
SOURCES = ("referral", "cold email", "job board", "recruiter", "careers page")
STATUSES = (
    "wishlist",
    "applied",
    "screening",
    "interviewing",
    "offer",
    "accepted",
    "declined",
    "rejected",
    "withdrawn",
)
ACTIVE_STATUSES = ("wishlist", "applied", "screening", "interviewing", "offer")
STAGES = (
    "recruiter-screen",
    "algorithms-coding",
    "ml-coding",
    "ml-theory",
    "behavioural",
    "system-design",
    "team-match",
    "offer",
)
STAGE_TITLES = {
    "recruiter-screen": "Recruiter screen",
    "algorithms-coding": "Algorithms coding",
    "ml-coding": "ML coding",
    "ml-theory": "ML theory",
    "behavioural": "Behavioural / research",
    "system-design": "System design",
    "team-match": "Team match",
    "offer": "Offer",
}
STAGE_STATES = ("pending", "scheduled", "passed", "failed", "skipped")
ROUND_TYPES = (
    "recruiter-screen",
    "algorithms-coding",
    "ml-coding",
    "ml-theory",
    "behavioural",
    "research-discussion",
    "system-design",
    "team-match",
    "other",
)
# The mock-round template that practises each interview round type; "other" has none.
MOCK_ROUND_FOR = {
    **{kind: kind for kind in ROUND_TYPES if kind not in ("team-match", "other")},
    "team-match": "behavioural",  # a team match is a conversation about fit and motivation
}
DEADLINE_KINDS = ("offer-expiry", "take-home", "online-test", "application-close", "other")
EQUITY_KINDS = ("none", "rsu", "options", "emi")
EQUITY_TITLES = {"none": "None", "rsu": "RSUs", "options": "Stock options", "emi": "EMI options"}
VESTING_FREQUENCIES = ("monthly", "quarterly", "yearly")

# Anything above this is a typo (an extra zero or two), not a salary.
MAX_MONEY = 100_000_000
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class ValidationError(ValueError):
    """A record that cannot be saved: ``errors`` maps each field name to what is wrong."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.errors.items()))


@dataclass
class Company:
    name: str
    preference: int | None = None  # 1 = the company you want most
    notes: str = ""
    rounds: list[str] = field(default_factory=list)  # the expected process, in order
    id: int | None = None


@dataclass
class Application:
    company: str  # the company's name; the store links it to a Company row
    role: str
    track: str = "ML Engineer"
    status: str = "applied"
    source: str = ""
    team: str = ""
    location: str = ""
    applied_on: str = ""
    priority: int | None = None  # 1 (highest) to 5
    next_action: str = ""
    next_action_on: str = ""
    stages: dict[str, str] = field(default_factory=dict)  # stage -> state; missing = pending
    notes: str = ""
    id: int | None = None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def stage_state(self, stage: str) -> str:
        return self.stages.get(stage, "pending")


@dataclass
class HistoryEntry:
    application_id: int
    at: str  # ISO date-time of the change
    kind: str  # "status" or "stage"
    stage: str  # the stage for kind == "stage", "" otherwise
    from_value: str  # "" for the first entry
    to_value: str
    id: int | None = None


@dataclass
class Contact:
    name: str
    role: str = ""
    company: str = ""
    email: str = ""
    how_met: str = ""
    last_contacted: str = ""
    notes: str = ""
    id: int | None = None


@dataclass
class InterviewEvent:
    application_id: int | None
    round_type: str
    starts_at: str  # ISO date-time with UTC offset, e.g. 2025-03-10T15:00:00+00:00
    duration_minutes: int = 45
    final: bool = False  # part of the final round (onsite loop)
    interviewers: str = ""
    place: str = ""  # a room or a video link
    prep_notes: str = ""
    outcome: str = ""
    self_score: int | None = None  # 1-5
    went_wrong: str = ""
    id: int | None = None

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.starts_at)

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.duration_minutes)

    def local_start(self, tz: dt.tzinfo | None = None) -> dt.datetime:
        """The start in the user's time zone (the machine's unless one is given)."""
        return self.start.astimezone(tz)


@dataclass
class Deadline:
    kind: str
    due_on: str  # ISO date
    title: str = ""
    application_id: int | None = None
    done: bool = False
    notes: str = ""
    id: int | None = None


@dataclass
class NegotiationEntry:
    offer_id: int | None
    on_date: str
    asked: str
    changed: str = ""
    id: int | None = None


@dataclass
class Offer:
    application_id: int | None
    currency: str = "USD"
    base: float = 0.0
    signing_bonus: float = 0.0
    target_bonus_pct: float = 0.0
    equity_kind: str = "none"
    grant_value: float = 0.0  # RSUs: value of the whole grant at grant
    shares: float = 0.0  # number of shares or options in the whole grant
    strike: float = 0.0  # options: price per share to exercise
    current_price: float = 0.0  # price per share now (private: last valuation)
    vesting_years: int = 4
    cliff_months: int = 12
    vesting_frequency: str = "monthly"
    vesting_schedule: str = ""  # custom yearly percentages, e.g. "5/15/40/40"; "" = even
    refresher_value: float = 0.0  # expected yearly refresher grant value
    relocation: float = 0.0
    start_on: str = ""
    expires_on: str = ""
    notes: str = ""
    id: int | None = None


# --- parsing helpers -------------------------------------------------------------------


def parse_date(text: str) -> dt.date:
    """An ISO date (YYYY-MM-DD) in a plausible range, or ValueError with a readable message."""
    text = (text or "").strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError("use a date like 2025-03-31")
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a real date") from None
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"the year must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value


def parse_aware_datetime(text: str) -> dt.datetime:
    """An ISO date-time that says its time zone (offset), or ValueError."""
    try:
        value = dt.datetime.fromisoformat((text or "").strip())
    except ValueError:
        raise ValueError("use a date and time like 2025-03-31T14:00+01:00") from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("the time needs a time zone")
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"the year must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value


def parse_schedule(text: str) -> list[float]:
    """Yearly vesting percentages such as "5/15/40/40" (also commas or spaces)."""
    parts = [p for p in re.split(r"[/,\s]+", (text or "").strip()) if p]
    try:
        values = [float(p.rstrip("%")) for p in parts]
    except ValueError:
        raise ValueError("write yearly percentages like 25/25/25/25") from None
    return values


def _check_date(errors: dict[str, str], name: str, value: str, required: bool = False) -> None:
    if not value:
        if required:
            errors[name] = "a date is needed"
        return
    try:
        parse_date(value)
    except ValueError as error:
        errors[name] = str(error)


def _check_money(errors: dict[str, str], name: str, value: float | None) -> None:
    if value is None:
        return
    if not isinstance(value, int | float) or value != value:  # NaN
        errors[name] = "must be a number"
    elif value < 0:
        errors[name] = "cannot be negative"
    elif value > MAX_MONEY:
        errors[name] = f"is implausibly large (over {MAX_MONEY:,})"


def _check_choice(errors: dict[str, str], name: str, value: str, choices, allow_empty=False):
    if allow_empty and not value:
        return
    if value not in choices:
        errors[name] = "choose one of: " + ", ".join(choices)


def _check_length(errors: dict[str, str], name: str, value: str, limit: int) -> None:
    if value and len(value) > limit and name not in errors:
        errors[name] = f"is too long (at most {limit} characters)"


def mock_round_for(round_type: str) -> str | None:
    """The mock-round type to practise an interview of ``round_type``, if there is one."""
    return MOCK_ROUND_FOR.get(round_type)


# --- validators ------------------------------------------------------------------------


def validate_company(company: Company) -> None:
    errors: dict[str, str] = {}
    if not (company.name or "").strip():
        errors["name"] = "a company name is needed"
    _check_length(errors, "name", company.name, 200)
    if company.preference is not None and not 1 <= company.preference <= 999:
        errors["preference"] = "rank from 1 (most wanted) upwards"
    if errors:
        raise ValidationError(errors)


def validate_application(application: Application) -> None:
    errors: dict[str, str] = {}
    if not (application.company or "").strip():
        errors["company"] = "a company is needed"
    if not (application.role or "").strip():
        errors["role"] = "a role is needed"
    _check_length(errors, "company", application.company, 200)
    _check_length(errors, "role", application.role, 200)
    _check_length(errors, "team", application.team, 200)
    _check_length(errors, "location", application.location, 200)
    _check_choice(errors, "track", application.track, TRACKS)
    _check_choice(errors, "status", application.status, STATUSES)
    _check_choice(errors, "source", application.source, SOURCES, allow_empty=True)
    _check_date(errors, "applied_on", application.applied_on)
    _check_date(errors, "next_action_on", application.next_action_on)
    if application.priority is not None and not 1 <= application.priority <= 5:
        errors["priority"] = "from 1 (highest) to 5"
    for stage, state in application.stages.items():
        if stage not in STAGES:
            errors["stages"] = f"unknown stage {stage!r}"
        elif state not in STAGE_STATES:
            errors["stages"] = f"unknown state {state!r} for {stage}"
    if errors:
        raise ValidationError(errors)


def validate_contact(contact: Contact) -> None:
    errors: dict[str, str] = {}
    if not (contact.name or "").strip():
        errors["name"] = "a name is needed"
    if contact.email and not _EMAIL.match(contact.email.strip()):
        errors["email"] = "this does not look like an email address"
    _check_date(errors, "last_contacted", contact.last_contacted)
    if errors:
        raise ValidationError(errors)


def validate_event(event: InterviewEvent, ends_at: str | None = None) -> None:
    """``ends_at`` (optional) is what a form that asks for an end time was given."""
    errors: dict[str, str] = {}
    if event.application_id is None:
        errors["application_id"] = "choose the application this interview belongs to"
    _check_choice(errors, "round_type", event.round_type, ROUND_TYPES)
    start = None
    try:
        start = parse_aware_datetime(event.starts_at)
    except ValueError as error:
        errors["starts_at"] = str(error)
    if ends_at is not None and start is not None:
        try:
            end = parse_aware_datetime(ends_at)
        except ValueError as error:
            errors["ends_at"] = str(error)
        else:
            if end <= start:
                errors["ends_at"] = "the end is before the start"
    if not isinstance(event.duration_minutes, int) or not 1 <= event.duration_minutes <= 24 * 60:
        errors.setdefault("duration_minutes", "between 1 minute and 24 hours")
    if event.self_score is not None and not 1 <= event.self_score <= 5:
        errors["self_score"] = "from 1 to 5"
    if errors:
        raise ValidationError(errors)


def validate_deadline(deadline: Deadline) -> None:
    errors: dict[str, str] = {}
    _check_choice(errors, "kind", deadline.kind, DEADLINE_KINDS)
    _check_date(errors, "due_on", deadline.due_on, required=True)
    if errors:
        raise ValidationError(errors)


def validate_negotiation(entry: NegotiationEntry) -> None:
    errors: dict[str, str] = {}
    if entry.offer_id is None:
        errors["offer_id"] = "choose the offer this entry belongs to"
    _check_date(errors, "on_date", entry.on_date, required=True)
    if not (entry.asked or "").strip():
        errors["asked"] = "say what was asked"
    _check_length(errors, "asked", entry.asked, 2000)
    _check_length(errors, "changed", entry.changed, 2000)
    if errors:
        raise ValidationError(errors)


def validate_offer(offer: Offer) -> None:
    errors: dict[str, str] = {}
    if offer.application_id is None:
        errors["application_id"] = "choose the application this offer belongs to"
    if not _CURRENCY.match(offer.currency or ""):
        errors["currency"] = "a three-letter code such as USD, GBP or EUR"
    for name in ("base", "signing_bonus", "grant_value", "refresher_value", "relocation"):
        _check_money(errors, name, getattr(offer, name))
    for name in ("strike", "current_price"):
        _check_money(errors, name, getattr(offer, name))
    if not 0 <= offer.target_bonus_pct <= 200:
        errors["target_bonus_pct"] = "a percentage from 0 to 200"
    if offer.shares < 0:
        errors["shares"] = "cannot be negative"
    elif offer.shares > 1e9:
        errors["shares"] = "is implausibly large"
    _check_choice(errors, "equity_kind", offer.equity_kind, EQUITY_KINDS)
    if offer.equity_kind in ("options", "emi"):
        if offer.strike and not offer.shares:
            errors["shares"] = "a strike price needs a number of options"
    elif offer.equity_kind == "rsu":
        if offer.strike:
            errors["strike"] = "RSUs have no strike price"
    elif offer.equity_kind == "none" and (offer.shares or offer.grant_value or offer.strike):
        errors["equity_kind"] = "choose the kind of equity for these shares"
    if not isinstance(offer.vesting_years, int) or not 1 <= offer.vesting_years <= 10:
        errors["vesting_years"] = "from 1 to 10 years"
    elif not 0 <= offer.cliff_months <= offer.vesting_years * 12:
        errors["cliff_months"] = "from 0 up to the whole vesting period"
    _check_choice(errors, "vesting_frequency", offer.vesting_frequency, VESTING_FREQUENCIES)
    if offer.vesting_schedule:
        try:
            values = parse_schedule(offer.vesting_schedule)
        except ValueError as error:
            errors["vesting_schedule"] = str(error)
        else:
            if any(v < 0 for v in values):
                errors["vesting_schedule"] = "percentages cannot be negative"
            elif abs(sum(values) - 100) > 0.01:
                errors["vesting_schedule"] = f"the years add up to {sum(values):g}%, not 100%"
            elif "vesting_years" not in errors and len(values) != offer.vesting_years:
                errors["vesting_schedule"] = f"give one percentage per year ({offer.vesting_years})"
    _check_date(errors, "start_on", offer.start_on)
    _check_date(errors, "expires_on", offer.expires_on)
    if errors:
        raise ValidationError(errors)
