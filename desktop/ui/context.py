"""What the panes are given: the open session and paths. No global window object."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.session import Session
from desktop.store.database import Store


@dataclass
class UiContext:
    session: Session
    kata_paths: list[Path] = field(default_factory=list)

    @property
    def store(self) -> Store:
        return self.session.store

    @property
    def data_dir(self) -> Path:
        return self.session.folder.path
