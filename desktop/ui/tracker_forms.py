"""Tracker forms: one dialog built from a field list, showing each domain error next to its
field and keeping what the user typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.tracker.records import (
    DEADLINE_KINDS,
    EQUITY_KINDS,
    ROUND_TYPES,
    SOURCES,
    STAGE_STATES,
    STAGE_TITLES,
    STAGES,
    STATUSES,
    TRACKS,
    VESTING_FREQUENCIES,
    Application,
    Company,
    Contact,
    Deadline,
    InterviewEvent,
    NegotiationEntry,
    Offer,
    ValidationError,
)


@dataclass
class FieldSpec:
    name: str
    label: str
    kind: str = "text"  # text | multiline | choice | int | number | bool
    choices: list[tuple[str, Any]] = field(default_factory=list)  # (shown, value)
    placeholder: str = ""


class RecordDialog(QDialog):
    """``save(values)`` builds and stores the record, raising ValidationError on bad input."""

    def __init__(
        self,
        title: str,
        specs: list[FieldSpec],
        values: dict[str, Any],
        save: Callable[[dict[str, Any]], Any],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.specs = specs
        self.save_callback = save
        self.inputs: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.result_value: Any = None
        outer = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("FormSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #d04444;")
        self.summary.hide()
        outer.addWidget(self.summary)
        body = QWidget()
        form = QFormLayout(body)
        for spec in specs:
            widget = self._make_input(spec, values.get(spec.name))
            self.inputs[spec.name] = widget
            error = QLabel()
            error.setObjectName(f"error_{spec.name}")
            error.setStyleSheet("color: #d04444;")
            error.setWordWrap(True)
            error.hide()
            self.error_labels[spec.name] = error
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(spec.label, holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        outer.addWidget(buttons)
        # Tall enough for the fields (and a few error lines), never taller than a laptop screen.
        self.resize(560, min(body.sizeHint().height() + 130, 760))

    def _make_input(self, spec: FieldSpec, value: Any) -> QWidget:
        if spec.kind == "choice":
            box = QComboBox()
            for shown, data in spec.choices:
                box.addItem(shown, data)
            index = box.findData(value)
            box.setCurrentIndex(max(index, 0))
            return box
        if spec.kind == "bool":
            check = QCheckBox()
            check.setChecked(bool(value))
            return check
        if spec.kind == "multiline":
            edit = QPlainTextEdit(value or "")
            edit.setFixedHeight(70)
            return edit
        edit = QLineEdit("" if value is None else _shown(value))
        edit.setPlaceholderText(spec.placeholder)
        return edit

    def values(self) -> dict[str, Any]:
        result = {}
        for spec in self.specs:
            widget = self.inputs[spec.name]
            if isinstance(widget, QComboBox):
                result[spec.name] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                result[spec.name] = widget.isChecked()
            elif isinstance(widget, QPlainTextEdit):
                result[spec.name] = widget.toPlainText()
            else:
                result[spec.name] = widget.text()
        return result

    def show_errors(self, errors: dict[str, str]) -> None:
        unplaced = []
        for name, label in self.error_labels.items():
            label.setVisible(name in errors)
            label.setText(errors.get(name, ""))
        for name, message in errors.items():
            if name not in self.error_labels:
                unplaced.append(f"{name.replace('_', ' ')}: {message}")
        self.summary.setText(
            "Please fix the fields marked below." + ("\n" + "\n".join(unplaced) if unplaced else "")
        )
        self.summary.setVisible(bool(errors))

    def try_save(self) -> bool:
        try:
            self.result_value = self.save_callback(self.values())
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        self.show_errors({})
        self.accept()
        return True

    @classmethod
    def ask(cls, parent, title, specs, values, save) -> Any:
        """Open the form; the stored record's result, or None if cancelled."""
        dialog = cls(title, specs, values, save, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_value
        return None


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- converting form text to record fields ---------------------------------------------


def _number(values: dict, name: str, errors: dict, *, integer=False, optional=False):
    text = str(values.get(name) or "").strip().replace(",", "").replace("_", "")
    if not text:
        return None if optional else 0
    try:
        return int(text) if integer else float(text)
    except ValueError:
        errors[name] = "a whole number" if integer else "a number"
        return None if optional else 0


def _finish(errors: dict[str, str], validate: Callable[[], None]) -> None:
    """Run the domain validation too, so the user sees every problem at once."""
    try:
        validate()
    except ValidationError as error:
        errors = {**error.errors, **errors}
    if errors:
        raise ValidationError(errors)


def _choices(values) -> list[tuple[str, Any]]:
    return [(v, v) for v in values]


def application_specs(company_names: list[str]) -> list[FieldSpec]:
    return [
        FieldSpec("company", "Company", placeholder=", ".join(company_names[:4])),
        FieldSpec("role", "Role"),
        FieldSpec("track", "Track", "choice", _choices(TRACKS)),
        FieldSpec("status", "Status", "choice", _choices(STATUSES)),
        FieldSpec("source", "Source", "choice", [("", "")] + _choices(SOURCES)),
        FieldSpec("team", "Team"),
        FieldSpec("location", "Location"),
        FieldSpec("applied_on", "Applied on", placeholder="YYYY-MM-DD"),
        FieldSpec("priority", "Priority (1-5)"),
        FieldSpec("next_action", "Next action"),
        FieldSpec("next_action_on", "Next action on", placeholder="YYYY-MM-DD"),
        FieldSpec("notes", "Notes", "multiline"),
    ]


def application_from_values(values: dict, base: Application | None = None) -> Application:
    from desktop.tracker.records import validate_application

    errors: dict[str, str] = {}
    priority = _number(values, "priority", errors, integer=True, optional=True)
    application = Application(
        company=values["company"].strip(),
        role=values["role"].strip(),
        track=values["track"],
        status=values["status"],
        source=values["source"] or "",
        team=values["team"].strip(),
        location=values["location"].strip(),
        applied_on=values["applied_on"].strip(),
        priority=priority,
        next_action=values["next_action"].strip(),
        next_action_on=values["next_action_on"].strip(),
        stages=dict(base.stages) if base else {},
        notes=values["notes"],
        id=base.id if base else None,
    )
    _finish(errors, lambda: validate_application(application))
    return application


def event_specs(applications: list[tuple[str, int]]) -> list[FieldSpec]:
    return [
        FieldSpec("application_id", "Application", "choice", applications),
        FieldSpec("round_type", "Round", "choice", _choices(ROUND_TYPES)),
        FieldSpec("start", "Starts (your time)", placeholder="2025-03-10 15:00 or with +01:00"),
        FieldSpec("end", "Ends (optional)", placeholder="2025-03-10 16:00"),
        FieldSpec("duration_minutes", "Minutes"),
        FieldSpec("final", "Final round", "bool"),
        FieldSpec("interviewers", "Interviewers"),
        FieldSpec("place", "Place or link"),
        FieldSpec("prep_notes", "Prep notes", "multiline"),
        FieldSpec("outcome", "Outcome"),
        FieldSpec("self_score", "Self-score (1-5)"),
        FieldSpec("went_wrong", "What went wrong", "multiline"),
    ]


def _aware(text: str, tz: dt.tzinfo | None = None) -> str:
    """A form's date-time as ISO with offset; a time without a zone is the user's local time."""
    text = text.strip().replace(" ", "T", 1)
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz) if tz else value.astimezone()
    return value.isoformat(timespec="minutes")


def event_values(event: InterviewEvent) -> dict[str, Any]:
    values = {k: getattr(event, k) for k in vars(event)}
    values["start"] = event.local_start().strftime("%Y-%m-%d %H:%M")
    values["end"] = ""
    return values


def event_from_values(values: dict, base_id: int | None = None, tz=None):
    """(event, ends_at) from the form; the end, when given, sets the duration."""
    from desktop.tracker.records import validate_event

    errors: dict[str, str] = {}
    starts_at = values["start"]
    try:
        starts_at = _aware(values["start"], tz)
    except ValueError:
        errors["start"] = "use a date and time like 2025-03-10 15:00"
    ends_at = None
    duration = _number(values, "duration_minutes", errors, integer=True, optional=True) or 45
    if values.get("end", "").strip():
        try:
            ends_at = _aware(values["end"], tz)
        except ValueError:
            errors["end"] = "use a date and time like 2025-03-10 16:00"
        else:
            if "start" not in errors:
                minutes = (
                    dt.datetime.fromisoformat(ends_at) - dt.datetime.fromisoformat(starts_at)
                ).total_seconds() // 60
                if minutes > 0:
                    duration = int(minutes)
    event = InterviewEvent(
        application_id=values["application_id"],
        round_type=values["round_type"],
        starts_at=starts_at,
        duration_minutes=duration,
        final=bool(values["final"]),
        interviewers=values["interviewers"].strip(),
        place=values["place"].strip(),
        prep_notes=values["prep_notes"],
        outcome=values["outcome"].strip(),
        self_score=_number(values, "self_score", errors, integer=True, optional=True),
        went_wrong=values["went_wrong"],
        id=base_id,
    )

    def check():
        try:
            validate_event(event, ends_at)
        except ValidationError as error:
            renamed = {
                {"starts_at": "start", "ends_at": "end"}.get(k, k): v
                for k, v in error.errors.items()
            }
            raise ValidationError(renamed) from None

    if "start" not in errors:
        _finish(errors, check)
    elif errors:
        raise ValidationError(errors)
    return event, ends_at


def deadline_specs(applications: list[tuple[str, Any]]) -> list[FieldSpec]:
    return [
        FieldSpec("application_id", "Application", "choice", [("(none)", None)] + applications),
        FieldSpec("kind", "Kind", "choice", _choices(DEADLINE_KINDS)),
        FieldSpec("due_on", "Due on", placeholder="YYYY-MM-DD"),
        FieldSpec("title", "Title"),
        FieldSpec("done", "Done", "bool"),
        FieldSpec("notes", "Notes", "multiline"),
    ]


def deadline_from_values(values: dict, base_id: int | None = None) -> Deadline:
    from desktop.tracker.records import validate_deadline

    deadline = Deadline(
        kind=values["kind"],
        due_on=values["due_on"].strip(),
        title=values["title"].strip(),
        application_id=values["application_id"],
        done=bool(values["done"]),
        notes=values["notes"],
        id=base_id,
    )
    _finish({}, lambda: validate_deadline(deadline))
    return deadline


OFFER_MONEY = (
    "base",
    "signing_bonus",
    "grant_value",
    "strike",
    "current_price",
    "refresher_value",
    "relocation",
    "target_bonus_pct",
    "shares",
)


def offer_specs(applications: list[tuple[str, Any]]) -> list[FieldSpec]:
    return [
        FieldSpec("application_id", "Application", "choice", applications),
        FieldSpec("currency", "Currency", placeholder="USD"),
        FieldSpec("base", "Base salary"),
        FieldSpec("signing_bonus", "Signing bonus"),
        FieldSpec("target_bonus_pct", "Target bonus %"),
        FieldSpec(
            "equity_kind",
            "Equity",
            "choice",
            [
                (t, k)
                for k, t in zip(
                    EQUITY_KINDS, ("None", "RSUs", "Stock options", "EMI options"), strict=True
                )
            ],
        ),
        FieldSpec("grant_value", "Grant value (RSUs)"),
        FieldSpec("shares", "Shares / options"),
        FieldSpec("strike", "Strike price"),
        FieldSpec("current_price", "Current share price"),
        FieldSpec("vesting_years", "Vesting years"),
        FieldSpec("cliff_months", "Cliff (months)"),
        FieldSpec(
            "vesting_frequency", "Vesting frequency", "choice", _choices(VESTING_FREQUENCIES)
        ),
        FieldSpec("vesting_schedule", "Yearly vesting %", placeholder="e.g. 5/15/40/40"),
        FieldSpec("refresher_value", "Yearly refresher value"),
        FieldSpec("relocation", "Relocation"),
        FieldSpec("start_on", "Start date", placeholder="YYYY-MM-DD"),
        FieldSpec("expires_on", "Expires on", placeholder="YYYY-MM-DD"),
        FieldSpec("notes", "Notes", "multiline"),
    ]


def offer_from_values(values: dict, base_id: int | None = None) -> Offer:
    from desktop.tracker.records import validate_offer

    errors: dict[str, str] = {}
    numbers = {name: _number(values, name, errors) for name in OFFER_MONEY}
    offer = Offer(
        application_id=values["application_id"],
        currency=(values["currency"] or "").strip().upper(),
        equity_kind=values["equity_kind"],
        vesting_years=_number(values, "vesting_years", errors, integer=True) or 4,
        cliff_months=_number(values, "cliff_months", errors, integer=True) or 0,
        vesting_frequency=values["vesting_frequency"],
        vesting_schedule=values["vesting_schedule"].strip(),
        start_on=values["start_on"].strip(),
        expires_on=values["expires_on"].strip(),
        notes=values["notes"],
        id=base_id,
        **numbers,
    )
    _finish(errors, lambda: validate_offer(offer))
    return offer


def contact_specs() -> list[FieldSpec]:
    return [
        FieldSpec("name", "Name"),
        FieldSpec("role", "Role"),
        FieldSpec("company", "Company"),
        FieldSpec("email", "Email"),
        FieldSpec("how_met", "How you met"),
        FieldSpec("last_contacted", "Last contacted", placeholder="YYYY-MM-DD"),
        FieldSpec("notes", "Notes", "multiline"),
    ]


def contact_from_values(values: dict, base_id: int | None = None) -> Contact:
    from desktop.tracker.records import validate_contact

    contact = Contact(
        **{k: (v.strip() if k != "notes" else v) for k, v in values.items()}, id=base_id
    )
    _finish({}, lambda: validate_contact(contact))
    return contact


def company_specs() -> list[FieldSpec]:
    return [
        FieldSpec("name", "Name"),
        FieldSpec("preference", "Preference (1 = most wanted)"),
        FieldSpec("rounds", "Rounds (one per line)", "multiline"),
        FieldSpec("notes", "Notes", "multiline"),
    ]


def company_from_values(values: dict, base_id: int | None = None) -> Company:
    from desktop.tracker.records import validate_company

    errors: dict[str, str] = {}
    company = Company(
        name=values["name"].strip(),
        preference=_number(values, "preference", errors, integer=True, optional=True),
        notes=values["notes"],
        rounds=[line.strip() for line in values["rounds"].splitlines() if line.strip()],
        id=base_id,
    )
    _finish(errors, lambda: validate_company(company))
    return company


def stage_specs() -> list[FieldSpec]:
    """One state picker per pipeline stage; errors come back keyed by stage."""
    return [
        FieldSpec(stage, STAGE_TITLES[stage], "choice", _choices(STAGE_STATES)) for stage in STAGES
    ]


def stage_values(application: Application) -> dict[str, str]:
    return {stage: application.stage_state(stage) for stage in STAGES}


def negotiation_values(entry: NegotiationEntry) -> dict[str, Any]:
    return {"on_date": entry.on_date, "asked": entry.asked, "changed": entry.changed}


def negotiation_specs() -> list[FieldSpec]:
    return [
        FieldSpec("on_date", "Date", placeholder="YYYY-MM-DD"),
        FieldSpec("asked", "What was asked"),
        FieldSpec("changed", "What changed"),
    ]


def negotiation_from_values(values: dict, offer_id: int, base_id=None) -> NegotiationEntry:
    from desktop.tracker.records import validate_negotiation

    entry = NegotiationEntry(
        offer_id,
        values["on_date"].strip(),
        values["asked"].strip(),
        values["changed"].strip(),
        id=base_id,
    )
    _finish({}, lambda: validate_negotiation(entry))
    return entry
