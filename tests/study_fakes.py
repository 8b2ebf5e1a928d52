"""Stand-ins for reference topics with flashcard blocks, shared by the card tests."""

from dataclasses import dataclass, field


@dataclass
class FakeCard:
    question: str
    answer: str


@dataclass
class FakeTopic:
    slug: str
    area: str
    flashcards: list = field(default_factory=list)
