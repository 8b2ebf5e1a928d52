"""Loading the shipped library: topic pages (TOML front matter + Markdown), guides, questions.

Formats are documented in content/README.md. Nothing here imports Qt.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

FRONT_MATTER = re.compile(r"\A\+\+\+\s*\n(.*?)\n\+\+\+\s*\n", re.DOTALL)
FLASHCARD_BLOCK = re.compile(r"^```flashcards[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
LINK = re.compile(r"\[([^\]]+)\]\((topic|kata|guide):([a-z0-9\-]+)(#[a-z0-9\-]+)?\)")
HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*$", re.MULTILINE)
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.DOTALL)
PY_BLOCK = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)

REQUIRED_SECTIONS = (
    "The idea",
    "How it works",
    "Code",
    "Trade-offs",
    "Pitfalls",
    "What interviewers ask",
    "Related",
    "Flashcards",
)
DIFFICULTIES = ("intro", "core", "advanced")
ROUND_TYPES = (
    "algorithms-coding",
    "ml-coding",
    "ml-theory",
    "system-design",
    "behavioural",
    "research-discussion",
)


class ContentError(ValueError):
    """A content file that does not follow the documented format."""


@dataclass
class Flashcard:
    question: str
    answer: str


@dataclass
class Topic:
    slug: str
    title: str
    area: str
    tags: list[str]
    difficulty: str
    related: list[str]
    katas: list[str]
    companies: list[str]
    body: str
    path: Path
    flashcards: list[Flashcard] = field(default_factory=list)

    @property
    def headings(self) -> list[tuple[int, str]]:
        return [(len(m.group(1)), m.group(2)) for m in HEADING.finditer(self.body)]

    def links(self) -> list[tuple[str, str]]:
        return [(m.group(2), m.group(3)) for m in LINK.finditer(self.body)]

    def code_blocks(self) -> list[str]:
        return [m.group(1) for m in PY_BLOCK.finditer(self.body)]

    def plain_text(self) -> str:
        """The page without Markdown punctuation, for the search index."""
        text = FLASHCARD_BLOCK.sub("", self.body)
        text = LINK.sub(lambda m: m.group(1), text)
        text = MATH.sub(lambda m: strip_tex(m.group(0)), text)
        return re.sub(r"[#*`$>|_]+", " ", text)


@dataclass
class Guide:
    slug: str
    title: str
    body: str
    path: Path
    order: int = 100


@dataclass
class Question:
    id: str
    text: str
    round: str
    area: str
    difficulty: str
    topics: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    year: int | None = None
    outline: list[str] = field(default_factory=list)
    katas: list[str] = field(default_factory=list)


def strip_tex(text: str) -> str:
    """Readable text from a formula, for snippets and tables of contents."""
    text = text.strip("$")
    text = re.sub(r"\\(mathrm|mathbf|mathcal|mathbb|operatorname|hat|tilde|bar)\b", "", text)
    text = re.sub(r"\\([a-zA-Z]+)", r"\1", text)
    return re.sub(r"[{}\\]", "", text)


def split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentError(f"{path}: missing +++ TOML front matter at the top")
    try:
        meta = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path}: front matter is not valid TOML ({error})") from error
    return meta, text[match.end() :]


def parse_flashcards(block: str) -> list[Flashcard]:
    cards: list[Flashcard] = []
    for chunk in re.split(r"\n\s*\n", block.strip()):
        lines = chunk.strip().splitlines()
        if not lines:
            continue
        question: list[str] = []
        answer: list[str] = []
        target = None
        for line in lines:
            if line.startswith("Q:"):
                target = question
                line = line[2:]
            elif line.startswith("A:"):
                target = answer
                line = line[2:]
            if target is None:
                raise ContentError(f"flashcard text before 'Q:': {line!r}")
            target.append(line.strip())
        if not question or not answer:
            raise ContentError(f"flashcard without both Q: and A:: {chunk[:60]!r}")
        cards.append(Flashcard(" ".join(question).strip(), "\n".join(answer).strip()))
    return cards


def load_topic(path: Path) -> Topic:
    text = path.read_text(encoding="utf-8")
    meta, body = split_front_matter(text, path)
    problems = []
    for key in ("title", "area", "difficulty"):
        if not isinstance(meta.get(key), str) or not meta.get(key):
            problems.append(f"'{key}' must be a non-empty string")
    if meta.get("difficulty") not in DIFFICULTIES:
        problems.append(f"'difficulty' must be one of {DIFFICULTIES}")
    for key in ("tags", "related", "katas", "companies"):
        value = meta.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"'{key}' must be a list of strings")
    if meta.get("area") != path.parent.name:
        problems.append(f"'area' is {meta.get('area')!r} but the file is in {path.parent.name}/")
    if problems:
        raise ContentError(f"{path}: " + "; ".join(problems))
    cards: list[Flashcard] = []
    for block in FLASHCARD_BLOCK.finditer(body):
        try:
            cards.extend(parse_flashcards(block.group(1)))
        except ContentError as error:
            raise ContentError(f"{path}: {error}") from error
    return Topic(
        slug=path.stem,
        title=meta["title"],
        area=meta["area"],
        tags=list(meta.get("tags", [])),
        difficulty=meta["difficulty"],
        related=list(meta.get("related", [])),
        katas=list(meta.get("katas", [])),
        companies=list(meta.get("companies", [])),
        body=body,
        path=path,
        flashcards=cards,
    )


def load_topics(root: Path) -> tuple[list[Topic], list[str]]:
    """All topic pages under root/topics (and extra folders laid out the same way)."""
    topics: list[Topic] = []
    problems: list[str] = []
    folder = root / "topics"
    for path in sorted(folder.glob("*/*.md")):
        try:
            topics.append(load_topic(path))
        except (ContentError, OSError, UnicodeDecodeError) as error:
            problems.append(str(error))
    return topics, problems


def load_guides(root: Path) -> list[Guide]:
    guides = []
    for path in sorted((root / "guides").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta, body = split_front_matter(text, path)
        guides.append(
            Guide(path.stem, meta.get("title", path.stem), body, path, meta.get("order", 100))
        )
    return sorted(guides, key=lambda g: (g.order, g.title))


def load_questions(root: Path) -> list[Question]:
    questions: list[Question] = []
    for path in sorted((root / "questions").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for entry in data.get("question", []):
            questions.append(
                Question(
                    id=entry["id"],
                    text=entry["text"],
                    round=entry["round"],
                    area=entry.get("area", ""),
                    difficulty=entry.get("difficulty", "medium"),
                    topics=list(entry.get("topics", [])),
                    companies=list(entry.get("companies", [])),
                    year=entry.get("year"),
                    outline=list(entry.get("outline", [])),
                    katas=list(entry.get("katas", [])),
                )
            )
    return questions


AREA_TITLES = {
    "transformers-llms": "Transformers & LLMs",
    "generative": "Generative models",
    "reinforcement-learning": "Reinforcement learning",
    "distributed-training": "Distributed training",
    "core-ml": "Core ML",
    "deep-learning": "Deep learning",
    "nlp-vision": "NLP & vision",
    "statistics-maths": "Statistics & maths",
    "system-design": "ML system design",
    "behavioural": "Behavioural",
}


def area_title(area: str) -> str:
    return AREA_TITLES.get(area, area.replace("-", " ").capitalize())
