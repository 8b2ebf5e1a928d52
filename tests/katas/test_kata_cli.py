"""`mlprep kata list|test|check`: handlers called directly through a parser built like the app's."""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import sys
from pathlib import Path

import pytest
from kata_helpers import ADD, DATA, LIGHT_PRELOAD

from desktop.katas import cli
from desktop.katas.runner import KataRunner


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mlprep")
    parser.add_argument("--kata-path", action="append", default=[])
    parser.add_argument("--data-dir", default=".")
    cli.register(parser.add_subparsers(dest="command"))
    return parser


def run_cli(*argv: str) -> int:
    args = build_parser().parse_args(list(argv))
    args.kata_paths = [Path(p) for p in args.kata_path]
    args.data_dir = Path(args.data_dir)
    return args.handler(args)


@pytest.fixture
def light_cli(monkeypatch):
    """`kata test` with workers that skip torch (the runner is the same)."""
    monkeypatch.setattr(cli, "KataRunner", functools.partial(KataRunner, preload=LIGHT_PRELOAD))


@pytest.fixture
def solution_file(tmp_path) -> Path:
    path = tmp_path / "answer.py"
    path.write_text(ADD)
    return path


def test_list_prints_shipped_and_extra_katas(capsys):
    assert run_cli("--kata-path", str(DATA), "kata", "list") == 0
    out = capsys.readouterr().out
    assert "scaled-dot-product-attention" in out and "add-numbers" in out


def test_list_json_has_katas_and_problems(capsys, tmp_path):
    (tmp_path / "half-written").mkdir()
    assert (
        run_cli("--kata-path", str(DATA), "--kata-path", str(tmp_path), "kata", "list", "--json")
        == 0
    )
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    add = next(k for k in data["katas"] if k["slug"] == "add-numbers")
    assert add["entry_points"] == ["add"] and add["path"] == str((DATA / "add-numbers").resolve())
    assert any("half-written" in p["path"] for p in data["problems"])
    assert "half-written" in captured.err


def test_test_passes_with_exit_0(light_cli, solution_file, capsys):
    code = run_cli(
        "--kata-path", str(DATA), "kata", "test", "add-numbers", "--solution", str(solution_file)
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "passed   test_small" in out and "passed on cpu: 2 passed" in out


def test_test_json_prints_the_result_object(light_cli, solution_file, capsys):
    argv = [
        "--kata-path",
        str(DATA),
        "kata",
        "test",
        "add-numbers",
        "--solution",
        str(solution_file),
    ]
    assert run_cli(*argv, "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["v"] == 1 and result["status"] == "passed"
    assert [t["name"] for t in result["tests"]] == ["test_small", "test_negative"]


def test_test_failing_solution_exits_1(light_cli, tmp_path, capsys):
    wrong = tmp_path / "wrong.py"
    shutil.copy(DATA / "add-numbers" / "wrong" / "subtracts.py", wrong)
    code = run_cli(
        "--kata-path", str(DATA), "kata", "test", "add-numbers", "--solution", str(wrong)
    )
    assert code == 1
    assert "failed   test_small" in capsys.readouterr().out


def test_test_timeout_option_applies(light_cli, tmp_path, capsys):
    slow = tmp_path / "slow.py"
    slow.write_text("import time\n\ndef add(a, b):\n    time.sleep(30)\n")
    argv = ["--kata-path", str(DATA), "kata", "test", "add-numbers", "--solution", str(slow)]
    assert run_cli(*argv, "--timeout", "1", "--json") == 1
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "timeout" and result["line"] == 4


def test_test_runs_in_a_chosen_python(light_cli, solution_file, capsys):
    argv = ["--kata-path", str(DATA), "kata", "test", "add-numbers"]
    code = run_cli(*argv, "--solution", str(solution_file), "--python", sys.executable)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "passed on cpu: 2 passed" in out


def test_an_unusable_python_exits_2_and_says_why(solution_file, tmp_path, capsys):
    argv = ["--kata-path", str(DATA), "kata", "test", "add-numbers"]
    missing = tmp_path / "no-such-python"
    assert run_cli(*argv, "--solution", str(solution_file), "--python", str(missing)) == 2
    err = capsys.readouterr().err
    assert "cannot run katas with" in err and "does not exist" in err


def test_unknown_kata_exits_2(solution_file, capsys):
    assert run_cli("kata", "test", "no-such-kata", "--solution", str(solution_file)) == 2
    assert "unknown kata 'no-such-kata'" in capsys.readouterr().err


def test_missing_solution_file_exits_2(tmp_path, capsys):
    missing = tmp_path / "nope.py"
    code = run_cli(
        "--kata-path", str(DATA), "kata", "test", "add-numbers", "--solution", str(missing)
    )
    assert code == 2
    assert "is not a file" in capsys.readouterr().err


def test_unavailable_device_exits_2(light_cli, solution_file, capsys):
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        pytest.skip("needs torch")
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    argv = [
        "--kata-path",
        str(DATA),
        "kata",
        "test",
        "add-numbers",
        "--solution",
        str(solution_file),
    ]
    assert run_cli(*argv, "--device", "cuda") == 2
    assert "CUDA is not available" in capsys.readouterr().err


def test_check_a_good_pack_exits_0(capfd):
    assert run_cli("kata", "check", str(DATA)) == 0
    assert "ok   add-numbers" in capfd.readouterr().out


def test_check_a_pack_with_a_passing_wrong_answer_exits_1(tmp_path, capfd):
    pack = tmp_path / "pack"
    shutil.copytree(DATA / "add-numbers", pack / "add-numbers")
    (pack / "add-numbers" / "wrong" / "right.py").write_text(ADD)
    assert run_cli("kata", "check", str(pack)) == 1
    out = capfd.readouterr().out
    assert "FAIL add-numbers" in out and "wrong/right.py: expected to fail, got passed" in out


def test_check_a_missing_folder_exits_2(tmp_path, capsys):
    assert run_cli("kata", "check", str(tmp_path / "nope")) == 2
    assert "is not a folder" in capsys.readouterr().err
