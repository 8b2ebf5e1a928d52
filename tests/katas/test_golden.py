"""Golden tests: example submissions and the result objects the real runner must give for them.

Each ``golden/example-*/`` holds ``submission.py``, ``results.json`` (the expected result:
status, message, line, column, error kind, output and each test's outcome, message and line;
timings, memory and machine names are left out) and optionally ``options.json`` (run
arguments such as ``timeout_s``). All run against the ``golden/normalize-rows`` kata, like
Exercism's ``test/example-*/results.json``. After an intended change of messages, rewrite
them with ``MLPREP_REGEN_GOLDEN=1 pytest tests/katas/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
import sys

import pytest
from kata_helpers import GOLDEN, REPO

from desktop.katas.protocol import RunResult

EXAMPLES = sorted(path for path in GOLDEN.glob("example-*") if path.is_dir())
REGENERATE = os.environ.get("MLPREP_REGEN_GOLDEN") == "1"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the runner needs POSIX")


def normalise(text: str) -> str:
    """Remove what differs between machines and runs: temp folders, the repo path, addresses."""
    text = re.sub(r"/[^\s\"']*/mlprep-kata-[^/\s\"']+/", "<tmp>/", text)
    text = text.replace(str(REPO), "<repo>")
    return re.sub(r" at 0x[0-9a-f]+", " at 0x…", text)


def comparable(result: RunResult) -> dict:
    return {
        "status": result.status,
        "error_kind": result.error_kind,
        "message": normalise(result.message),
        "line": result.line,
        "column": result.column,
        "stdout": normalise(result.stdout),
        "stderr": normalise(result.stderr),
        "tests": [
            {
                "name": test.name,
                "outcome": test.outcome,
                "message": normalise(test.message),
                "line": test.line,
            }
            for test in result.tests
        ],
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_golden_result(example, light_runner, normalize_kata):
    options_file = example / "options.json"
    options = json.loads(options_file.read_text()) if options_file.exists() else {}
    code = (example / "submission.py").read_text()
    result = light_runner.run(normalize_kata, code, **options)
    actual = comparable(result)
    expected_file = example / "results.json"
    if REGENERATE or not expected_file.exists():
        expected_file.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
        if not REGENERATE:
            pytest.fail(f"wrote {expected_file}: review it, then run again")
    assert actual == json.loads(expected_file.read_text())


def test_every_example_has_expected_results():
    assert len(EXAMPLES) >= 10
    missing = [p.name for p in EXAMPLES if not (p / "results.json").exists()]
    assert not missing or REGENERATE, f"no results.json in: {', '.join(missing)}"
