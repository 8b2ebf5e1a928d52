"""KataRunner's API around runs: devices, interpreters, bench mode, spares and their lifetime."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from kata_helpers import ADD, DATA, LIGHT_PRELOAD, REPO, process_gone, wait_until_gone

from desktop.katas import runner as runner_module
from desktop.katas.catalog import load_kata
from desktop.katas.runner import (
    KataRunner,
    check_interpreter,
    describe_stack,
    parse_stack_dump,
    worker_command,
    worker_environment,
)

SDPA = REPO / "content" / "katas" / "scaled-dot-product-attention"


def test_worker_command_uses_this_interpreter_by_default():
    assert worker_command() == [sys.executable, "-m", "desktop.katas.worker"]


def test_worker_command_in_a_frozen_app_reuses_the_executable(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert worker_command() == [sys.executable, "--kata-worker"]
    assert worker_command("/opt/py/bin/python") == [
        "/opt/py/bin/python",
        "-m",
        "desktop.katas.worker",
    ]


def test_worker_environment_puts_the_package_on_pythonpath():
    env = worker_environment({"PYTHONPATH": "/elsewhere", "PYTHONSTARTUP": "x.py"})
    parts = env["PYTHONPATH"].split(os.pathsep)
    assert parts[0] == str(REPO) and "/elsewhere" in parts
    assert "PYTHONSTARTUP" not in env
    assert (Path(parts[0]) / "desktop" / "katas" / "harness.py").is_file()


def test_frozen_app_gives_another_python_only_the_package(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(runner_module, "_package_link", None)
    assert "PYTHONPATH" not in worker_environment({})  # the app itself carries the package
    env = worker_environment({}, interpreter="/opt/conda/bin/python")
    root = Path(env["PYTHONPATH"])
    try:
        assert [p.name for p in root.iterdir()] == ["desktop"]
        assert (root / "desktop" / "katas" / "worker.py").is_file()
    finally:
        shutil.rmtree(root)


def test_probe_devices_reports_all_three(full_runner):
    devices = full_runner.probe_devices()
    assert [d.name for d in devices] == ["cpu", "cuda", "mps"]
    assert devices[0].available and devices[0].description
    for info in devices[1:]:
        if not info.available:
            assert info.reason
    assert full_runner.probe_devices() == devices  # cached


def test_unavailable_device_is_a_clear_error(full_runner, add_kata):
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        pytest.skip("needs torch")
    devices = {d.name: d for d in full_runner.probe_devices()}
    if devices["cuda"].available:
        pytest.skip("this machine has CUDA")
    result = full_runner.run(add_kata, ADD, device="cuda")
    assert result.status == "error"
    assert result.error_kind == "device"
    assert "CUDA is not available" in result.message
    assert devices["cuda"].reason in result.message


def test_device_the_kata_does_not_support_is_refused_without_a_worker(light_runner, add_kata):
    import dataclasses

    cpu_only = dataclasses.replace(add_kata, devices=("cpu",))
    result = light_runner.run(cpu_only, ADD, device="mps")
    assert result.status == "error" and result.error_kind == "device"
    assert "do not support mps" in result.message
    result = light_runner.run(cpu_only, ADD, device="tpu")
    assert result.status == "error" and "unknown device" in result.message


def test_the_worker_is_told_the_device_and_reports_it(light_runner, add_kata, tmp_path):
    kata = tmp_path / "device-echo"
    kata.mkdir()
    for name in ("prompt.md", "starter.py", "solution.py"):
        (kata / name).write_text("x = 1\n")
    (kata / "kata.toml").write_text(
        'title = "Echo"\narea = "algorithms"\ndifficulty = "easy"\nminutes = 1\n'
    )
    (kata / "test_kata.py").write_text(
        "def test_device(submission, device):\n    assert device == 'cpu'\n"
    )
    result = light_runner.run(load_kata(kata), "x = 1\n", device="cpu")
    assert result.status == "passed" and result.device == "cpu"


def test_a_missing_interpreter_gives_a_clear_message(add_kata):
    with KataRunner("/no/such/python") as runner:
        result = runner.run(add_kata, ADD)
    assert result.status == "error" and result.error_kind == "worker"
    assert "/no/such/python" in result.message


def test_an_interpreter_without_the_package_gives_a_clear_message(add_kata, tmp_path):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 'No module named torch' >&2\nexit 1\n")
    fake.chmod(0o755)
    with KataRunner(fake) as runner:
        result = runner.run(add_kata, ADD)
    assert result.status == "error" and result.error_kind == "worker"
    assert "exited while starting (exit code 1)" in result.message
    assert "No module named torch" in result.message


def test_a_worker_that_fails_to_warm_up_says_why(add_kata):
    with KataRunner(preload=("no_such_module_for_mlprep",)) as runner:
        result = runner.run(add_kata, ADD)
    assert result.status == "error" and result.error_kind == "worker"
    assert "no_such_module_for_mlprep" in result.message


def test_check_interpreter_accepts_this_python():
    check = check_interpreter(sys.executable)
    assert check.ok, check.message
    assert check.python_version == sys.version.split()[0]
    assert check.torch_version and "torch" in check.message


def test_check_interpreter_explains_bad_paths(tmp_path):
    assert "does not exist" in check_interpreter(tmp_path / "nope").message
    assert "is a folder" in check_interpreter(tmp_path).message
    script = tmp_path / "not-python"
    script.write_text("#!/bin/sh\necho hello\n")
    script.chmod(0o644)
    assert "not executable" in check_interpreter(script).message
    script.chmod(0o755)
    check = check_interpreter(script)
    assert not check.ok and "did not answer like a Python interpreter" in check.message


def test_check_interpreter_explains_a_python_without_torch():
    base = Path(sys.base_prefix) / "bin" / "python3"
    if not base.exists():
        pytest.skip("no base interpreter")
    probe = subprocess.run([base, "-c", "import torch"], capture_output=True)
    if probe.returncode == 0:
        pytest.skip("the base interpreter has torch")
    check = check_interpreter(base)
    assert not check.ok
    assert "torch cannot be imported" in check.message and "pip install torch" in check.message


def test_bench_mode_times_the_solution_against_the_reference(full_runner):
    kata = load_kata(SDPA)
    result = full_runner.run(kata, kata.solution_text(), mode="bench")
    assert result.status == "passed", result.message
    bench = result.bench
    assert bench is not None and bench.entry_point == "scaled_dot_product_attention"
    assert bench.runs >= 3 and bench.user_ms > 0 and bench.reference_ms > 0
    assert bench.ratio == pytest.approx(bench.user_ms / bench.reference_ms)
    assert bench.user_peak_mb is not None and bench.user_peak_mb > 1


def test_bench_only_runs_when_the_tests_pass(full_runner):
    kata = load_kata(SDPA)
    result = full_runner.run(kata, kata.starter_text(), mode="bench")
    assert result.status == "failed" and result.bench is None


def test_bench_mode_needs_a_bench_kata(light_runner, add_kata):
    result = light_runner.run(add_kata, ADD, mode="bench")
    assert result.status == "error" and result.error_kind == "bench"


def test_a_kata_folder_path_works_as_well_as_a_kata(light_runner, add_kata):
    assert light_runner.run(add_kata.path, ADD).status == "passed"


def test_a_worker_exits_by_itself_when_its_parent_dies(tmp_path):
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(REPO)!r})
        from desktop.katas.runner import KataRunner
        runner = KataRunner(preload={LIGHT_PRELOAD!r})
        assert runner.wait_ready(120)
        print(runner.spare_pid, runner._spare.cwd, flush=True)
        time.sleep(600)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        pid_text, folder = parent.stdout.readline().split()
        worker_pid = int(pid_text)
        assert Path(folder).is_dir()
        assert not process_gone(worker_pid)  # alive while its parent is
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    assert wait_until_gone([worker_pid], within_s=3.0) == []
    assert not Path(folder).exists()  # the worker removed its folder on the way out


def test_close_kills_the_spare(add_kata):
    runner = KataRunner(preload=LIGHT_PRELOAD)
    assert runner.wait_ready(120)
    pid = runner.spare_pid
    runner.close()
    assert wait_until_gone([pid], within_s=2.0) == []
    assert runner.run(add_kata, ADD).status == "cancelled"


def test_runs_from_two_threads_take_turns(light_runner, add_kata):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: light_runner.run(add_kata, ADD), range(2)))
    assert [r.status for r in results] == ["passed", "passed"]
    assert results[0].id != results[1].id


def test_parse_stack_dump_picks_the_thread_running_kata_code():
    dump = textwrap.dedent(
        """\
        Thread 0x00007f0000000001 (most recent call first):
          File "/usr/lib/python3.11/selectors.py", line 415 in select
          File "/repo/desktop/katas/worker.py", line 120 in run

        Current thread 0x00007f0000000002 (most recent call first):
          File "/tmp/mlprep-kata-abc/submission.py", line 4 in spin
          File "/repo/content/katas/x/test_kata.py", line 9 in test_it
          File "/venv/_pytest/python.py", line 157 in pytest_pyfunc_call
        """
    )
    frames = parse_stack_dump(dump)
    assert [(Path(f.file).name, f.line) for f in frames] == [
        ("python.py", 157),
        ("test_kata.py", 9),
        ("submission.py", 4),
    ]
    code = "def spin():\n    x = 0\n    while True:\n        x += 1\n"
    text, line = describe_stack(frames, code, Path("/nonexistent/test_kata.py"))
    assert line == 4
    assert text.splitlines() == [
        "  test_kata.py, line 9, in test_it",
        "  your code, line 4, in spin",
        "    x += 1",
    ]


def test_output_keeps_head_and_tail_and_counts_the_rest():
    chunks = []
    output = runner_module._Output("stdout", 1000, lambda stream, text: chunks.append(text))
    output.feed("é".encode()[:1])
    output.feed("é".encode()[1:] + b"a" * 2000 + b"END")
    text = output.text()
    assert text.startswith("éa")
    assert text.endswith("aEND")
    assert f"... {output.truncated} bytes truncated ..." in text
    assert output.total == 2005
    assert len(output.head) + len(output.tail) == 1000
    assert "".join(chunks).startswith("éa")


def test_the_app_entry_point_starts_a_worker_with_the_frozen_flag(add_kata):
    # A frozen app runs `<exe> --kata-worker ...`; desktop.app.main hands that to worker.main.
    runner = KataRunner(preload=LIGHT_PRELOAD)
    runner.command = [
        sys.executable,
        "-c",
        "import sys; from desktop.app import main; sys.exit(main())",
        "--kata-worker",
    ]
    with runner:
        result = runner.run(add_kata, ADD)
    assert result.status == "passed", result.message


def bench_kata(tmp_path: Path):
    folder = shutil.copytree(DATA / "add-numbers", tmp_path / "add-bench")
    toml = (folder / "kata.toml").read_text() + "bench = true\n"
    (folder / "kata.toml").write_text(toml)
    with (folder / "test_kata.py").open("a") as tests:
        tests.write("\n\ndef bench_case(device):\n    return 'add', (0, -999), {}\n")
    return load_kata(folder)


def test_a_bench_that_hangs_keeps_the_passed_tests(light_runner, tmp_path):
    kata = bench_kata(tmp_path)
    code = "def add(a, b):\n    while b == -999:\n        pass\n    return a + b\n"
    result = light_runner.run(kata, code, mode="bench", timeout_s=1)
    assert result.status == "passed"
    assert [t.outcome for t in result.tests] == ["passed", "passed"]
    assert "the bench did not finish within 2 s" in result.bench.message


def test_bench_mode_without_torch_in_the_kata(light_runner, tmp_path):
    kata = bench_kata(tmp_path)
    result = light_runner.run(kata, ADD, mode="bench")
    assert result.status == "passed"
    assert result.bench.entry_point == "add" and result.bench.runs >= 3
    assert result.bench.ratio is not None


def test_gui_side_modules_never_import_torch():
    modules = [
        "desktop.katas.catalog",
        "desktop.katas.runner",
        "desktop.katas.cli",
        "desktop.katas.devices",
        "desktop.katas.protocol",
        "desktop.katas.selfcheck",
        "desktop.katas.harness",
        "desktop.katas.checks",
        "desktop.katas.benchmark",
        "desktop.katas.worker",
    ]
    script = f"import sys\nfor m in {modules!r}:\n    __import__(m)\nprint('torch' in sys.modules)"
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=worker_environment()
    )
    assert completed.stdout.strip() == "False", completed.stderr
