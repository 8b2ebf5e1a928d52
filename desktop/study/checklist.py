"""The readiness checklist (content/guides/checklist.toml): stable item ids and progress."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[ChecklistItem, ...]


def item_id(section: str, text: str) -> str:
    return hashlib.sha1(f"{section}\n{' '.join(text.split())}".encode()).hexdigest()[:16]


def parse_checklist(text: str) -> list[Section]:
    data = tomllib.loads(text)
    sections = []
    for entry in data.get("section", []):
        title = str(entry["title"])
        items = tuple(ChecklistItem(item_id(title, t), str(t)) for t in entry.get("items", []))
        sections.append(Section(title, items))
    return sections


def load_checklist(content_dir: Path) -> list[Section]:
    path = content_dir / "guides" / "checklist.toml"
    if not path.exists():
        return []
    return parse_checklist(path.read_text(encoding="utf-8"))


def progress(sections: list[Section], ticked: set[str]) -> list[tuple[str, int, int]]:
    """(section title, ticked items, all items) per section, in order."""
    return [(s.title, sum(i.id in ticked for i in s.items), len(s.items)) for s in sections]


def overall(sections: list[Section], ticked: set[str]) -> tuple[int, int]:
    """(ticked items, all items) over the whole checklist; ticks of removed items don't count."""
    counts = progress(sections, ticked)
    return sum(c[1] for c in counts), sum(c[2] for c in counts)
