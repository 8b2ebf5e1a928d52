"""Company process data from content/companies/<slug>.toml: the rounds to expect."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class CompanyProcess:
    name: str
    notes: str = ""
    rounds: list[tuple[str, str, int]] = field(default_factory=list)  # (type, name, minutes)

    def round_names(self) -> list[str]:
        return [name for _, name, _ in self.rounds]


def load_processes(folder: Path) -> dict[str, CompanyProcess]:
    """Processes keyed by lower-case company name; a missing or broken file is skipped."""
    processes: dict[str, CompanyProcess] = {}
    if not folder.is_dir():
        return processes
    for path in sorted(folder.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            rounds = [
                (str(r.get("type", "other")), str(r.get("name", "")), int(r.get("minutes", 0)))
                for r in data.get("round", [])
            ]
            process = CompanyProcess(str(data["name"]), str(data.get("notes", "")).strip(), rounds)
        except (OSError, ValueError, KeyError, TypeError, tomllib.TOMLDecodeError):
            continue
        processes[process.name.lower()] = process
    return processes


def default_rounds_from(folder: Path):
    """A ``default_rounds(name)`` callable for the store: the content's round names, or []."""
    processes: dict[str, CompanyProcess] | None = None

    def default_rounds(name: str) -> list[str]:
        nonlocal processes
        if processes is None:
            processes = load_processes(folder)
        process = processes.get(name.strip().lower())
        return process.round_names() if process else []

    return default_rounds
