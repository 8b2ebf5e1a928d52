"""The kata catalog: loading and validating packs, then every shipped kata checked for real.

The content checks run every kata's solution, starter and wrong answers in ONE subprocess
(``python -m desktop.katas.selfcheck --json --jobs 2 content/katas``, torch imported once per
interpreter) from a session fixture, then assert per kata. Katas are discovered at collection
time, so new ones are picked up without editing this file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from kata_helpers import DATA, REPO

from desktop.katas.catalog import (
    AREAS,
    ValidationError,
    load_catalog,
    load_kata,
    validate_metadata,
)
from desktop.katas.runner import worker_environment

CONTENT = REPO / "content" / "katas"
TOPICS = REPO / "content" / "topics"

VALID_TOML = """
title = "Softmax"
area = "attention"
difficulty = "easy"
minutes = 10
tags = ["numerics"]
companies = ["Google"]
topics = ["attention"]
entry_points = ["softmax"]
timeout_s = 5
devices = ["cpu", "cuda"]
bench = true
kind = "implement"
hints = ["subtract the max"]
"""


def make_kata(root: Path, slug: str = "softmax", toml: str = VALID_TOML) -> Path:
    folder = root / slug
    folder.mkdir(parents=True)
    (folder / "kata.toml").write_text(toml)
    for name in ("prompt.md", "starter.py", "solution.py", "test_kata.py"):
        (folder / name).write_text(f"# {name}\n")
    return folder


# ------------------------------------------------------------------------- loading


def test_a_valid_kata_loads_with_every_field(tmp_path):
    kata = load_kata(make_kata(tmp_path))
    assert kata.slug == "softmax" and kata.title == "Softmax" and kata.area == "attention"
    assert kata.difficulty == "easy" and kata.minutes == 10 and kata.timeout_s == 5.0
    assert kata.tags == ("numerics",) and kata.companies == ("Google",)
    assert kata.topics == ("attention",) and kata.entry_points == ("softmax",)
    assert kata.devices == ("cpu", "cuda") and kata.bench and kata.kind == "implement"
    assert kata.hints == ("subtract the max",)
    assert kata.prompt_text() == "# prompt.md\n" and kata.starter_text() == "# starter.py\n"
    assert kata.solution_text() == "# solution.py\n"
    assert kata.path == (tmp_path / "softmax").resolve()


def test_defaults_for_optional_fields(tmp_path):
    toml = 'title = "T"\narea = "training"\ndifficulty = "hard"\nminutes = 3\n'
    kata = load_kata(make_kata(tmp_path, toml=toml))
    assert kata.devices == ("cpu",) and kata.timeout_s == 10.0
    assert not kata.bench and kata.kind == "implement" and kata.hints == ()


def test_every_problem_is_listed_with_its_field(tmp_path):
    toml = (
        'title = ""\narea = "vision"\ndifficulty = "trivial"\nminutes = -5\n'
        'devices = ["tpu"]\ntimeout_s = 0\nbench = "yes"\nkind = "explain"\n'
        'tags = "a"\nentry_points = ["not valid"]\ndificulty = "easy"\n'
    )
    folder = make_kata(tmp_path, slug="Bad_Slug", toml=toml)
    (folder / "prompt.md").unlink()
    with pytest.raises(ValidationError) as caught:
        load_kata(folder)
    fields = {problem.field for problem in caught.value.problems}
    assert fields == {
        "slug",
        "title",
        "area",
        "difficulty",
        "minutes",
        "devices",
        "timeout_s",
        "bench",
        "kind",
        "tags",
        "entry_points",
        "dificulty",
        "prompt.md",
    }
    assert "unknown field" in str(caught.value)
    assert "'vision' is not one of" in str(caught.value)


def test_invalid_toml_and_missing_files_are_reported(tmp_path):
    folder = make_kata(tmp_path, toml="title = \n")
    with pytest.raises(ValidationError) as caught:
        load_kata(folder)
    assert caught.value.problems[0].field == "kata.toml"
    assert "not valid TOML" in caught.value.problems[0].message
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValidationError) as caught:
        load_kata(empty)
    assert {p.field for p in caught.value.problems} >= {"kata.toml", "test_kata.py"}


@given(
    st.dictionaries(
        st.sampled_from(["title", "area", "difficulty", "minutes", "devices", "bench", "x"]),
        st.none() | st.booleans() | st.integers() | st.text() | st.lists(st.text(), max_size=3),
    )
)
def test_validation_never_crashes(data):
    data = {k: v for k, v in data.items() if v is not None}
    values, problems = validate_metadata("slug", data)
    assert isinstance(problems, list)
    if not problems:
        assert values["area"] in AREAS


def test_catalog_reports_bad_packs_and_keeps_the_good_ones(tmp_path):
    pack = tmp_path / "pack"
    make_kata(pack, "good-one")
    make_kata(pack, "broken", toml='title = "B"\n')
    (pack / "notes.txt").write_text("not a kata")
    single = make_kata(tmp_path / "single", "lonely")
    duplicate = make_kata(tmp_path / "dupes", "good-one")
    catalog = load_catalog(
        [pack, single, tmp_path / "missing", duplicate.parent], include_builtin=False
    )
    assert [kata.slug for kata in catalog.katas] == ["good-one", "lonely"]
    messages = [str(problem) for problem in catalog.problems]
    assert any("broken" in m and "area" in m for m in messages)
    assert any("missing" in m and "not found" in m for m in messages)
    assert any("duplicate slug 'good-one'" in m for m in messages)
    assert catalog.get("lonely").path == single.resolve()


def test_shipped_katas_load_with_extra_packs(tmp_path):
    catalog = load_catalog([DATA])
    slugs = {kata.slug for kata in catalog.katas}
    assert "scaled-dot-product-attention" in slugs and "add-numbers" in slugs


# ----------------------------------------------------------------- shipped content

KATA_FOLDERS = sorted(
    child for child in CONTENT.iterdir() if child.is_dir() and not child.name.startswith((".", "_"))
)
SLUGS = [folder.name for folder in KATA_FOLDERS]


@pytest.fixture(scope="session")
def selfcheck_reports(tmp_path_factory) -> dict[str, dict]:
    """Run the self check of content/katas once, in a subprocess; reports by slug."""
    jobs = str(min(2, os.cpu_count() or 1))
    command = [sys.executable, "-m", "desktop.katas.selfcheck", "--json", "--jobs", jobs]
    completed = subprocess.run(
        [*command, str(CONTENT)],
        capture_output=True,
        text=True,
        env=worker_environment(),
        timeout=1800,
    )
    reports: dict[str, dict] = {}
    last_checking: dict[str, str] = {}
    for line in completed.stdout.splitlines():
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if message.get("event") == "checking":
            last_checking[message["slug"]] = message["variant"]
        elif "slug" in message:
            reports[message["slug"]] = message
    for slug, variant in last_checking.items():
        if slug not in reports:
            reports[slug] = {
                "slug": slug,
                "ok": False,
                "problems": [
                    f"the self check stopped while running {variant} (a hang or a crash):\n"
                    + completed.stderr[-3000:]
                ],
                "variants": [],
            }
    return reports


def _report(reports: dict[str, dict], slug: str) -> dict:
    if slug not in reports:
        pytest.fail(f"the self check produced no report for {slug}")
    return reports[slug]


@pytest.mark.parametrize("slug", SLUGS)
def test_kata_toml_is_valid(slug):
    folder = CONTENT / slug
    try:
        load_kata(folder)
    except ValidationError as error:
        pytest.fail(str(error))


@pytest.mark.parametrize("slug", SLUGS)
def test_solution_passes_on_cpu(slug, selfcheck_reports):
    report = _report(selfcheck_reports, slug)
    assert not report["problems"], "\n".join(report["problems"])
    solution = next(v for v in report["variants"] if v["name"] == "solution.py")
    assert solution["ok"], solution["message"]


@pytest.mark.parametrize("slug", SLUGS)
def test_starter_fails(slug, selfcheck_reports):
    report = _report(selfcheck_reports, slug)
    starter = next((v for v in report["variants"] if v["name"] == "starter.py"), None)
    assert starter is not None, "\n".join(report["problems"])
    assert starter["ok"], starter["message"]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_wrong_variant_fails(slug, selfcheck_reports):
    report = _report(selfcheck_reports, slug)
    wrong = [v for v in report["variants"] if v["name"].startswith("wrong/")]
    expected = sorted(f"wrong/{p.name}" for p in (CONTENT / slug / "wrong").glob("*.py"))
    if not report["problems"]:
        assert sorted(v["name"] for v in wrong) == expected
    bad = [f"{v['name']}: {v['message']}" for v in wrong if not v["ok"]]
    assert not bad, "\n".join(bad)


def _topic_pages() -> set[str]:
    return {page.stem for page in TOPICS.glob("*/*.md")} if TOPICS.is_dir() else set()


@pytest.mark.parametrize("slug", SLUGS)
def test_related_topics_exist(slug):
    pages = _topic_pages()
    if not pages:
        pytest.skip("content/topics has no pages yet")
    try:
        kata = load_kata(CONTENT / slug)
    except ValidationError as error:
        pytest.fail(str(error))
    missing = [topic for topic in kata.topics if topic not in pages]
    assert not missing, f"no content/topics/*/<slug>.md for: {', '.join(missing)}"


def test_the_selfcheck_catches_a_wrong_answer_that_passes(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(DATA / "add-numbers", pack / "add-numbers")
    (pack / "add-numbers" / "wrong" / "actually_right.py").write_text(
        "def add(a, b):\n    return b + a\n"
    )
    completed = subprocess.run(
        [sys.executable, "-m", "desktop.katas.selfcheck", "--json", str(pack)],
        capture_output=True,
        text=True,
        env=worker_environment(),
    )
    assert completed.returncode == 1
    report = [json.loads(line) for line in completed.stdout.splitlines()][-1]
    verdicts = {v["name"]: v["ok"] for v in report["variants"]}
    assert verdicts == {
        "solution.py": True,
        "starter.py": True,
        "wrong/actually_right.py": False,
        "wrong/subtracts.py": True,
    }
