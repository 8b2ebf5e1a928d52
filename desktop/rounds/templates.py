"""Mock-round templates: the shipped ones in content/rounds, the user's copies in the store."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.rounds.timer import Phase

QUESTION_ROUND = {
    "recruiter-screen": "behavioural",
    "algorithms-coding": "algorithms-coding",
    "ml-coding": "ml-coding",
    "ml-theory": "ml-theory",
    "behavioural": "behavioural",
    "research-discussion": "research-discussion",
    "system-design": "system-design",
}
CODING_ROUNDS = ("ml-coding", "algorithms-coding")


MAX_PHASE_MINUTES = 240
MAX_TOTAL_MINUTES = 300
MAX_PHASES = 30
MAX_RUBRIC_ITEMS = 10
MAX_NAME_LENGTH = 120
MAX_RUBRIC_ITEM_LENGTH = 200
QUESTION_ROUNDS = tuple(dict.fromkeys(QUESTION_ROUND.values()))


class TemplateError(ValueError):
    """Every problem with a template at once, as {field: message}.

    Fields: ``title``, ``type``, ``question_round``, ``phases`` (the list as a whole),
    ``phase N`` (1-based, one message per phase row) and ``rubric``.
    """

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))

    @property
    def errors(self) -> dict[str, str]:
        """The same mapping under the name the house ValidationError uses."""
        return self.problems


ValidationError = TemplateError


@dataclass
class RoundTemplate:
    type: str
    title: str
    phases: list[Phase]
    rubric: list[str]
    builtin: bool = True
    question_round: str = ""
    notes: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def minutes(self) -> float:
        return sum(p.minutes for p in self.phases)

    @property
    def is_coding(self) -> bool:
        return self.question_round in CODING_ROUNDS

    def to_record(self) -> dict:
        return {
            "type": self.type,
            "title": self.title,
            "phases": [{"name": p.name, "minutes": p.minutes} for p in self.phases],
            "rubric": list(self.rubric),
            "builtin": self.builtin,
            "question_round": self.question_round,
        }

    @classmethod
    def from_record(cls, record: dict) -> RoundTemplate:
        return cls(
            type=record["type"],
            title=record["title"],
            phases=[Phase(p["name"], float(p["minutes"])) for p in record["phases"]],
            rubric=list(record["rubric"]),
            builtin=bool(record.get("builtin", False)),
            question_round=record.get("question_round") or QUESTION_ROUND.get(record["type"], ""),
        )


def validate_template(template: RoundTemplate) -> None:
    """Raise TemplateError listing every problem; a template that passes can be run and saved."""
    problems: dict[str, str] = {}
    title = template.title.strip()
    if not title:
        problems["title"] = "give the round a name"
    elif len(title) > MAX_NAME_LENGTH:
        problems["title"] = f"keep the name under {MAX_NAME_LENGTH} characters"
    if not template.type.strip():
        problems["type"] = "give the round a short identifier"
    if not template.phases:
        problems["phases"] = "a round needs at least one phase"
    elif len(template.phases) > MAX_PHASES:
        problems["phases"] = f"use at most {MAX_PHASES} phases"
    seen: set[str] = set()
    for index, phase in enumerate(template.phases, start=1):
        row: list[str] = []
        name = phase.name.strip()
        if not name:
            row.append("every phase needs a name")
        elif len(name) > MAX_NAME_LENGTH:
            row.append(f"keep the name under {MAX_NAME_LENGTH} characters")
        elif name.casefold() in seen:
            row.append(f"another phase is already called {name!r}")
        seen.add(name.casefold())
        if not _whole_minutes(phase.minutes):
            row.append(f"minutes must be a whole number from 1 to {MAX_PHASE_MINUTES}")
        if row:
            problems[f"phase {index}"] = "; ".join(row)
    if "phases" not in problems and all(_whole_minutes(p.minutes) for p in template.phases):
        total = sum(p.minutes for p in template.phases)
        if total > MAX_TOTAL_MINUTES:
            problems["phases"] = (
                f"the phases add up to {total:.0f} minutes; keep a round within "
                f"{MAX_TOTAL_MINUTES} minutes"
            )
    if not 1 <= len(template.rubric) <= MAX_RUBRIC_ITEMS:
        problems["rubric"] = (
            f"list between 1 and {MAX_RUBRIC_ITEMS} things to score yourself on, one per line"
        )
    elif any(not item.strip() for item in template.rubric):
        problems["rubric"] = "rubric items cannot be empty"
    elif any(len(item.strip()) > MAX_RUBRIC_ITEM_LENGTH for item in template.rubric):
        problems["rubric"] = f"keep each rubric item under {MAX_RUBRIC_ITEM_LENGTH} characters"
    elif len({item.strip().casefold() for item in template.rubric}) != len(template.rubric):
        problems["rubric"] = "each rubric item should appear once"
    if template.question_round and template.question_round not in QUESTION_ROUNDS:
        problems["question_round"] = f"unknown question round {template.question_round!r}"
    if problems:
        raise TemplateError(problems)


def _whole_minutes(minutes: float) -> bool:
    return (
        isinstance(minutes, int | float)
        and math.isfinite(minutes)
        and float(minutes).is_integer()
        and 1 <= minutes <= MAX_PHASE_MINUTES
    )


def parse_minutes(text: str) -> int | None:
    """Minutes typed by the user: a whole number (surrounding spaces allowed), else None."""
    cleaned = str(text).strip()
    if cleaned.endswith(("min", "m")):
        cleaned = cleaned.removesuffix("min").removesuffix("m").strip()
    if not cleaned or not cleaned.isascii() or not cleaned.isdigit():
        return None
    return int(cleaned)


def template_from_form(
    *,
    template_type: str,
    title: str,
    phases: Sequence[tuple[str, str]],
    rubric: Sequence[str],
    question_round: str,
    builtin: bool = False,
) -> RoundTemplate:
    """Build a template from what the user typed (minutes as text); raise every problem at once.

    Surrounding spaces are trimmed and blank rubric lines dropped; nothing else is changed.
    """
    parse_problems: dict[str, str] = {}
    parsed: list[Phase] = []
    for index, (name, minutes_text) in enumerate(phases, start=1):
        minutes = parse_minutes(minutes_text)
        if minutes is None:
            parse_problems[f"phase {index}"] = (
                f"minutes must be a whole number from 1 to {MAX_PHASE_MINUTES}"
            )
        parsed.append(Phase(name.strip(), float(minutes) if minutes is not None else 0.0))
    template = RoundTemplate(
        type=template_type.strip(),
        title=title.strip(),
        phases=parsed,
        rubric=[item.strip() for item in rubric if item.strip()],
        builtin=builtin,
        question_round=question_round,
    )
    try:
        validate_template(template)
    except TemplateError as error:
        problems = dict(error.problems)
    else:
        problems = {}
    for key, message in parse_problems.items():
        # The validator saw 0 minutes for a row that did not parse: keep its name problems and
        # say the minutes problem once.
        others = [
            part
            for part in problems.get(key, "").split("; ")
            if part and not part.startswith("minutes")
        ]
        problems[key] = "; ".join([*others, message])
    if problems:
        raise TemplateError(dict(sorted(problems.items(), key=lambda item: _field_order(item[0]))))
    return template


def _field_order(key: str) -> tuple[int, int]:
    order = {"title": 0, "type": 1, "question_round": 2, "phases": 3, "rubric": 5}
    if key.startswith("phase "):
        return (4, int(key.split()[1]))
    return (order.get(key, 6), 0)


def same_content(first: RoundTemplate, second: RoundTemplate) -> bool:
    """Whether two templates would run the same round (title, phases, rubric, question bank)."""
    return (
        first.title == second.title
        and [(p.name, float(p.minutes)) for p in first.phases]
        == [(p.name, float(p.minutes)) for p in second.phases]
        and list(first.rubric) == list(second.rubric)
        and first.question_round == second.question_round
    )


SHIPPED = "shipped"
EDITED = "edited"
OWN = "own"


def template_origin(template: RoundTemplate, shipped_types: Collection[str]) -> str:
    """``shipped`` (as it came), ``edited`` (the user's copy of a shipped one) or ``own``."""
    if template.type in shipped_types:
        return SHIPPED if template.builtin else EDITED
    return OWN


def new_template_type(title: str, taken: Collection[str]) -> str:
    """A fresh identifier for a user's template, never one of ``taken`` (shipped or stored)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:40].strip("-") or "round"
    base = f"my-{slug}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def duplicate_template(template: RoundTemplate, taken: Collection[str]) -> RoundTemplate:
    """An unsaved copy the user owns: same phases, rubric and question bank, a new identifier."""
    title = f"{template.title.strip()} (copy)"
    if len(title) > MAX_NAME_LENGTH:
        title = template.title.strip()[: MAX_NAME_LENGTH - 7].rstrip() + " (copy)"
    return RoundTemplate(
        type=new_template_type(title, taken),
        title=title,
        phases=list(template.phases),
        rubric=list(template.rubric),
        builtin=False,
        question_round=template.question_round,
    )


def sort_templates(
    templates: Iterable[RoundTemplate], shipped_types: Sequence[str]
) -> list[RoundTemplate]:
    """Shipped round types first, in the order given, then the user's own by title."""
    position = {template_type: index for index, template_type in enumerate(shipped_types)}
    return sorted(
        templates,
        key=lambda t: (
            (0, position[t.type], "") if t.type in position else (1, 0, t.title.casefold())
        ),
    )


def load_builtin_templates(root: Path) -> list[RoundTemplate]:
    templates = []
    for path in sorted((root / "rounds").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        template = RoundTemplate(
            type=data.get("type", path.stem),
            title=data["title"],
            phases=[Phase(p["name"], float(p["minutes"])) for p in data.get("phase", [])],
            rubric=list(data.get("rubric", [])),
            builtin=True,
            question_round=data.get(
                "question_round", QUESTION_ROUND.get(data.get("type", path.stem), "")
            ),
        )
        validate_template(template)
        templates.append(template)
    return templates
