"""The kata catalog: kata folders from content/katas and user packs, validated into records.

A pack is either a folder of kata folders or one kata folder (it holds ``kata.toml``).
``load_catalog(extra_paths)`` never raises for bad content: it returns the katas it could
load and a list of problems (a missing file, an invalid field), each naming the folder.
``load_kata(folder)`` raises ``ValidationError``, which carries every field problem at once.
The format is documented in content/katas/README.md.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

AREAS = (
    "attention",
    "training",
    "generative-rl",
    "decoding",
    "classic-ml",
    "data-systems",
    "algorithms",
    "debugging",
)
DIFFICULTIES = ("easy", "medium", "hard")
KINDS = ("implement", "debug")
DEVICES = ("cpu", "cuda", "mps")
REQUIRED_FILES = ("prompt.md", "starter.py", "solution.py", "test_kata.py")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
DEFAULT_TIMEOUT_S = 10.0
MAX_TIMEOUT_S = 600.0

_FIELDS = (
    "title",
    "area",
    "difficulty",
    "minutes",
    "tags",
    "companies",
    "topics",
    "entry_points",
    "timeout_s",
    "devices",
    "bench",
    "kind",
    "hints",
)


@dataclass(frozen=True)
class FieldProblem:
    field: str  # a kata.toml key, a file name, or "slug"
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(ValueError):
    """A kata folder is invalid; ``problems`` lists every field at fault."""

    def __init__(self, path: Path, problems: list[FieldProblem]):
        self.path = Path(path)
        self.problems = list(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{self.path}: {len(self.problems)} problem(s)\n{lines}")


@dataclass(frozen=True)
class CatalogProblem:
    """Something in a pack that could not be loaded."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Kata:
    slug: str
    title: str
    area: str
    difficulty: str
    minutes: int
    tags: tuple[str, ...]
    companies: tuple[str, ...]
    topics: tuple[str, ...]
    entry_points: tuple[str, ...]
    timeout_s: float
    devices: tuple[str, ...]
    hints: tuple[str, ...]
    bench: bool
    kind: str
    path: Path

    @property
    def prompt_path(self) -> Path:
        return self.path / "prompt.md"

    @property
    def starter_path(self) -> Path:
        return self.path / "starter.py"

    @property
    def solution_path(self) -> Path:
        return self.path / "solution.py"

    @property
    def test_path(self) -> Path:
        return self.path / "test_kata.py"

    def prompt_text(self) -> str:
        return self.prompt_path.read_text(encoding="utf-8")

    def starter_text(self) -> str:
        return self.starter_path.read_text(encoding="utf-8")

    def solution_text(self) -> str:
        return self.solution_path.read_text(encoding="utf-8")

    def wrong_variants(self) -> dict[str, str]:
        """``{"wrong/<name>.py": code}`` for each classic wrong answer, sorted by name."""
        folder = self.path / "wrong"
        if not folder.is_dir():
            return {}
        return {
            f"wrong/{path.name}": path.read_text(encoding="utf-8")
            for path in sorted(folder.glob("*.py"))
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "area": self.area,
            "difficulty": self.difficulty,
            "minutes": self.minutes,
            "tags": list(self.tags),
            "companies": list(self.companies),
            "topics": list(self.topics),
            "entry_points": list(self.entry_points),
            "timeout_s": self.timeout_s,
            "devices": list(self.devices),
            "hints": list(self.hints),
            "bench": self.bench,
            "kind": self.kind,
            "path": str(self.path),
        }


@dataclass
class Catalog:
    katas: list[Kata] = field(default_factory=list)
    problems: list[CatalogProblem] = field(default_factory=list)

    def get(self, slug: str) -> Kata | None:
        return next((kata for kata in self.katas if kata.slug == slug), None)

    def __iter__(self):
        return iter(self.katas)

    def __len__(self) -> int:
        return len(self.katas)


# ---------------------------------------------------------------------------- validation


def _string_list(data: dict[str, Any], key: str, problems: list[FieldProblem]) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append(FieldProblem(key, "must be a list of strings"))
        return ()
    return tuple(value)


def _choice(
    data: dict[str, Any],
    key: str,
    choices: tuple[str, ...],
    problems: list[FieldProblem],
    default: str | None = None,
) -> str:
    value = data.get(key, default)
    if value is None:
        problems.append(FieldProblem(key, f"is required (one of: {', '.join(choices)})"))
        return ""
    if value not in choices:
        problems.append(FieldProblem(key, f"{value!r} is not one of: {', '.join(choices)}"))
        return ""
    return value


def validate_metadata(slug: str, data: dict[str, Any]) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Check kata.toml's fields; return normalised values and every problem found."""
    problems: list[FieldProblem] = []
    if not SLUG_PATTERN.match(slug):
        problems.append(
            FieldProblem(
                "slug", f"folder name {slug!r} must be lowercase letters, digits and hyphens"
            )
        )
    for key in data:
        if key not in _FIELDS:
            problems.append(FieldProblem(key, "unknown field"))
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(FieldProblem("title", "is required and must be a non-empty string"))
        title = ""
    area = _choice(data, "area", AREAS, problems)
    difficulty = _choice(data, "difficulty", DIFFICULTIES, problems)
    minutes = data.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        problems.append(FieldProblem("minutes", "is required and must be a positive integer"))
        minutes = 0
    entry_points = _string_list(data, "entry_points", problems)
    for name in entry_points:
        if not IDENTIFIER.match(name):
            problems.append(FieldProblem("entry_points", f"{name!r} is not a Python identifier"))
    timeout = data.get("timeout_s", DEFAULT_TIMEOUT_S)
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or not (0 < timeout <= MAX_TIMEOUT_S)
    ):
        problems.append(
            FieldProblem("timeout_s", f"must be a number of seconds in (0, {MAX_TIMEOUT_S:g}]")
        )
        timeout = DEFAULT_TIMEOUT_S
    devices = _string_list(data, "devices", problems) if "devices" in data else ("cpu",)
    if "devices" in data and not devices:
        problems.append(FieldProblem("devices", "must list at least one device"))
    for device in devices:
        if device not in DEVICES:
            problems.append(
                FieldProblem("devices", f"{device!r} is not one of: {', '.join(DEVICES)}")
            )
    bench = data.get("bench", False)
    if not isinstance(bench, bool):
        problems.append(FieldProblem("bench", "must be true or false"))
        bench = False
    kind = _choice(data, "kind", KINDS, problems, default="implement")
    values = {
        "title": title.strip(),
        "area": area,
        "difficulty": difficulty,
        "minutes": minutes,
        "tags": _string_list(data, "tags", problems),
        "companies": _string_list(data, "companies", problems),
        "topics": _string_list(data, "topics", problems),
        "entry_points": entry_points,
        "timeout_s": float(timeout),
        "devices": devices,
        "hints": _string_list(data, "hints", problems),
        "bench": bench,
        "kind": kind,
    }
    return values, problems


def load_kata(folder: Path) -> Kata:
    """Read and validate one kata folder; raise ValidationError listing every problem."""
    folder = Path(folder).resolve()
    problems: list[FieldProblem] = []
    data: dict[str, Any] = {}
    toml_path = folder / "kata.toml"
    if not toml_path.is_file():
        problems.append(FieldProblem("kata.toml", "is missing"))
    else:
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            problems.append(FieldProblem("kata.toml", f"is not valid TOML: {error}"))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(FieldProblem("kata.toml", f"cannot be read: {error}"))
    for name in REQUIRED_FILES:
        if not (folder / name).is_file():
            problems.append(FieldProblem(name, "is missing"))
    if "kata.toml" in {problem.field for problem in problems}:
        raise ValidationError(folder, problems)
    values, field_problems = validate_metadata(folder.name, data)
    problems.extend(field_problems)
    if problems:
        raise ValidationError(folder, problems)
    return Kata(slug=folder.name, path=folder, **values)


# ------------------------------------------------------------------------------- loading


def is_kata_folder(folder: Path) -> bool:
    return (folder / "kata.toml").is_file()


def _candidate_folders(pack: Path) -> list[Path]:
    if is_kata_folder(pack):
        return [pack]
    return sorted(
        child
        for child in pack.iterdir()
        if child.is_dir() and not child.name.startswith((".", "_"))
    )


def default_kata_root() -> Path:
    from desktop.paths import content_root

    return content_root() / "katas"


def load_catalog(
    extra_paths: Iterable[Path] = (),
    *,
    content_dir: Path | None = None,
    include_builtin: bool = True,
) -> Catalog:
    """Katas shipped in ``content_dir`` (default content/katas) and in ``extra_paths``.

    A slug seen twice keeps the first (shipped katas first) and reports the second.
    """
    catalog = Catalog()
    packs: list[Path] = []
    if include_builtin:
        packs.append(Path(content_dir) if content_dir is not None else default_kata_root())
    packs.extend(Path(path).expanduser() for path in extra_paths)
    seen: dict[str, Path] = {}
    for pack in packs:
        if not pack.is_dir():
            catalog.problems.append(CatalogProblem(pack, "kata pack folder not found"))
            continue
        try:
            folders = _candidate_folders(pack)
        except OSError as error:
            catalog.problems.append(CatalogProblem(pack, f"cannot be read: {error}"))
            continue
        for folder in folders:
            try:
                kata = load_kata(folder)
            except ValidationError as error:
                for problem in error.problems:
                    catalog.problems.append(CatalogProblem(error.path, str(problem)))
                continue
            except OSError as error:
                catalog.problems.append(CatalogProblem(folder, f"cannot be read: {error}"))
                continue
            if kata.slug in seen:
                catalog.problems.append(
                    CatalogProblem(
                        kata.path, f"duplicate slug {kata.slug!r}; keeping {seen[kata.slug]}"
                    )
                )
                continue
            seen[kata.slug] = kata.path
            catalog.katas.append(kata)
    return catalog


def find_kata(slug: str, extra_paths: Iterable[Path] = ()) -> Kata | None:
    return load_catalog(extra_paths).get(slug)
