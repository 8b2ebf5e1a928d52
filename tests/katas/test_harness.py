"""The harness, in this process: what the worker and the self check rely on beyond the basics."""

from __future__ import annotations

import shutil
from pathlib import Path

from kata_helpers import ADD, DATA, GOLDEN

from desktop.katas.harness import run_tests

ADD_TESTS = DATA / "add-numbers" / "test_kata.py"


def test_progress_callbacks_follow_the_tests():
    events = []
    result = run_tests(
        ADD_TESTS,
        ADD,
        on_test_start=lambda name: events.append(("start", name)),
        on_test_done=lambda test: events.append(("done", test.name, test.outcome)),
    )
    assert result.status == "passed"
    assert events == [
        ("start", "test_small"),
        ("done", "test_small", "passed"),
        ("start", "test_negative"),
        ("done", "test_negative", "passed"),
    ]


def test_each_run_imports_its_own_kata_tests(tmp_path):
    # Every kata's tests are called test_kata.py; a second kata in the same process must not
    # get the first one's module back.
    other = tmp_path / "other-kata"
    other.mkdir()
    (other / "test_kata.py").write_text(
        "def test_mul(submission, device):\n    assert submission.mul(2, 3) == 6\n"
    )
    assert run_tests(ADD_TESTS, ADD).status == "passed"
    result = run_tests(other / "test_kata.py", "def mul(a, b):\n    return a * b\n")
    assert [(t.name, t.outcome) for t in result.tests] == [("test_mul", "passed")]


def test_conftest_files_above_the_kata_are_not_loaded(tmp_path):
    (tmp_path / "conftest.py").write_text("raise RuntimeError('not the kata conftest')\n")
    shutil.copytree(DATA / "add-numbers", tmp_path / "pack" / "add-numbers")
    result = run_tests(tmp_path / "pack" / "add-numbers" / "test_kata.py", ADD)
    assert result.status == "passed", result.message


def test_pytest_exit_in_user_code_is_an_error_not_a_pass():
    code = "import pytest\n\ndef add(a, b):\n    pytest.exit('bye', returncode=0)\n"
    result = run_tests(ADD_TESTS, code)
    assert result.status == "error"
    assert "interrupted after 0 of 2 tests" in result.message
    assert [(t.name, t.outcome) for t in result.tests] == [("test_small", "error")]


def test_max_failures_stops_early_without_calling_it_interrupted():
    result = run_tests(ADD_TESTS, "def add(a, b):\n    return 0\n", max_failures=1)
    assert result.status == "failed"
    assert [(t.name, t.outcome) for t in result.tests] == [("test_small", "failed")]


def test_shrinking_finds_the_smallest_counterexample_and_can_be_skipped():
    tests = GOLDEN / "normalize-rows" / "test_kata.py"
    code = (GOLDEN / "example-counterexample" / "submission.py").read_text()
    shrunk = run_tests(tests, code)
    assert "row=[1, 1, 1]" in shrunk.tests[-1].message
    quick = run_tests(tests, code, shrink=False)
    assert quick.status == "failed" and quick.tests[-1].outcome == "failed"


def test_out_of_memory_errors_suggest_smaller_sizes():
    code = (
        "class OutOfMemoryError(RuntimeError):\n"
        "    pass\n"
        "OutOfMemoryError.__module__ = 'torch.cuda'\n"
        "def add(a, b):\n"
        "    raise OutOfMemoryError('CUDA out of memory. Tried to allocate 8.00 GiB')\n"
    )
    result = run_tests(ADD_TESTS, code)
    assert result.status == "failed"
    assert all("smaller sizes" in t.message and "8.00 GiB" in t.message for t in result.tests)
    result = run_tests(ADD_TESTS, "def add(a, b):\n    raise MemoryError\n")
    assert "ran out of memory" in result.tests[0].message
    cpu = "DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes"
    result = run_tests(ADD_TESTS, f"def add(a, b):\n    raise RuntimeError({cpu!r})\n")
    assert "ran out of memory" in result.tests[0].message


def test_harness_module_cli_runs_the_solution(capsys):
    from desktop.katas.harness import _main

    assert _main([str(Path(ADD_TESTS).parent)]) == 0
    assert "passed: " in capsys.readouterr().out
