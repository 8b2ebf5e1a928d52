"""Mock-round templates: the shipped ones in content/rounds, the user's copies in the store."""

from __future__ import annotations

import tomllib
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


class TemplateError(ValueError):
    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


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
    problems: dict[str, str] = {}
    if not template.title.strip():
        problems["title"] = "give the round a title"
    if not template.type.strip():
        problems["type"] = "give the round a short identifier"
    if not template.phases:
        problems["phases"] = "a round needs at least one phase"
    for index, phase in enumerate(template.phases, start=1):
        if not phase.name.strip():
            problems[f"phase {index}"] = "every phase needs a name"
        elif not 0 < phase.minutes <= 240:
            problems[f"phase {index}"] = "minutes must be between 1 and 240"
    if not 1 <= len(template.rubric) <= 10:
        problems["rubric"] = "list between 1 and 10 things to score yourself on"
    elif any(not item.strip() for item in template.rubric):
        problems["rubric"] = "rubric items cannot be empty"
    if template.question_round and template.question_round not in set(QUESTION_ROUND.values()):
        problems["question_round"] = f"unknown question round {template.question_round!r}"
    if problems:
        raise TemplateError(problems)


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
