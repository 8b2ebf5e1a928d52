"""The shipped library follows its documented format and is internally consistent."""

import re

import pytest

from desktop.paths import content_root
from desktop.reference.content import (
    MATH,
    REQUIRED_SECTIONS,
    ContentError,
    load_topic,
    load_topics,
    parse_flashcards,
)

ROOT = content_root()
TOPICS, PROBLEMS = load_topics(ROOT)
SLUGS = {t.slug for t in TOPICS}
KATAS = {p.name for p in (ROOT / "katas").iterdir() if (p / "kata.toml").exists()}


def test_every_topic_page_loads():
    assert not PROBLEMS, "\n".join(PROBLEMS)


def test_library_size_and_unique_slugs():
    assert len(TOPICS) >= 90
    assert len(SLUGS) == len(TOPICS), "topic slugs must be unique across areas"


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.slug)
def test_topic_structure(topic):
    sections = [text for level, text in topic.headings if level == 2]
    missing = [s for s in REQUIRED_SECTIONS if s not in sections]
    assert not missing, f"{topic.path}: missing sections {missing}"
    order = [sections.index(s) for s in REQUIRED_SECTIONS]
    assert order == sorted(order), f"{topic.path}: sections out of order"
    assert len(topic.flashcards) >= 3, f"{topic.path}: needs at least 3 flashcards"
    assert topic.code_blocks(), f"{topic.path}: needs a python code example"
    for code in topic.code_blocks():
        compile(code, str(topic.path), "exec")


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.slug)
def test_topic_links_resolve(topic):
    broken = [f"related: {s}" for s in topic.related if s not in SLUGS]
    broken += [f"katas: {s}" for s in topic.katas if s not in KATAS]
    for kind, slug in topic.links():
        if kind == "topic" and slug not in SLUGS or kind == "kata" and slug not in KATAS:
            broken.append(f"link {kind}:{slug}")
    assert not broken, f"{topic.path}: {broken}"


def test_every_formula_typesets():
    from matplotlib.mathtext import MathTextParser

    parser = MathTextParser("path")
    failures = []
    for topic in TOPICS:
        body = re.sub(r"^```.*?^```", "", topic.body, flags=re.DOTALL | re.MULTILINE)
        body = re.sub(r"`[^`\n]+`", "", body)
        for match in MATH.finditer(body):
            tex = match.group(0).strip("$").strip()
            try:
                parser.parse(f"${tex}$")
            except Exception as error:  # noqa: BLE001
                failures.append(f"{topic.slug}: {tex[:60]} ({str(error).splitlines()[0][:60]})")
    assert not failures, "\n".join(failures[:30])


def test_flashcard_parser():
    cards = parse_flashcards("Q: one?\nA: first\nsecond line\n\nQ: two?\nA: yes")
    assert [(c.question, c.answer) for c in cards] == [
        ("one?", "first\nsecond line"),
        ("two?", "yes"),
    ]
    with pytest.raises(ContentError):
        parse_flashcards("A: answer without question")
    with pytest.raises(ContentError):
        parse_flashcards("Q: question without answer")


def test_bad_front_matter_is_reported(tmp_path):
    folder = tmp_path / "topics" / "core-ml"
    folder.mkdir(parents=True)
    page = folder / "x.md"
    page.write_text("no front matter")
    with pytest.raises(ContentError, match="front matter"):
        load_topic(page)
    page.write_text('+++\ntitle = "X"\narea = "wrong"\ndifficulty = "hard"\n+++\nbody')
    with pytest.raises(ContentError) as raised:
        load_topic(page)
    assert "difficulty" in str(raised.value) and "area" in str(raised.value)
