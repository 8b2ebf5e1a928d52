"""The runner survives what user code does wrong, reports it clearly, and the next run works."""

from __future__ import annotations

import sys
import threading
import time

import pytest
from kata_helpers import ADD, assert_next_run_passes, wait_until_gone

from desktop.katas.runner import KataRunner

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the runner needs POSIX")


def test_passing_run_reports_each_test_and_the_device(light_runner, add_kata):
    seen = []
    result = light_runner.run(add_kata, ADD, on_test=seen.append)
    assert result.status == "passed"
    assert [(t.name, t.outcome) for t in result.tests] == [
        ("test_small", "passed"),
        ("test_negative", "passed"),
    ]
    assert [t.name for t in seen] == ["test_small", "test_negative"]
    assert result.device == "cpu" and result.device_name
    assert result.max_rss_mb and result.max_rss_mb > 1
    assert result.duration_ms > 0


def test_failing_test_points_at_the_user_line(light_runner, add_kata):
    code = "def add(a, b):\n    result = a - b\n    assert result >= 0, 'negative'\n    return result\n"
    result = light_runner.run(add_kata, code)
    assert result.status == "failed"
    outcomes = {t.name: t for t in result.tests}
    assert outcomes["test_small"].outcome == "failed"
    assert outcomes["test_negative"].outcome == "failed"
    assert outcomes["test_negative"].line == 3
    assert result.line is not None


def test_infinite_loop_times_out_and_shows_the_stuck_line(light_runner, add_kata):
    code = "def add(a, b):\n    total = 0\n    while True:\n        total += 1\n"
    started = time.monotonic()
    result = light_runner.run(add_kata, code, timeout_s=1.5)
    elapsed = time.monotonic() - started
    assert result.status == "timeout"
    assert result.line in (3, 4)
    assert "did not finish within 1.5 s" in result.message
    assert "in test_small" in result.message
    assert f"It was running line {result.line}" in result.message
    assert "test_kata.py, line 5, in test_small" in result.message
    assert result.tests == [] or result.tests[-1].outcome == "error"
    assert [t.name for t in result.tests] == ["test_small"]
    assert elapsed < 1.5 + 5.0
    assert_next_run_passes(light_runner, add_kata)


def test_loop_at_module_level_times_out_too(light_runner, add_kata):
    result = light_runner.run(
        add_kata, "import time\nwhile True:\n    time.sleep(0.01)\n", timeout_s=1
    )
    assert result.status == "timeout"
    assert result.line in (2, 3)
    assert_next_run_passes(light_runner, add_kata)


def test_segfault_is_reported_as_a_crash_with_its_line(light_runner, add_kata):
    code = "import ctypes\n\n\ndef add(a, b):\n    return ctypes.string_at(0)\n"
    result = light_runner.run(add_kata, code)
    assert result.status == "crashed"
    assert "SIGSEGV" in result.message and "segmentation fault" in result.message
    assert result.line == 5
    assert "while running test_small" in result.message
    assert result.tests[-1].name == "test_small" and result.tests[-1].outcome == "error"
    assert_next_run_passes(light_runner, add_kata)


def test_os_exit_with_a_fake_passing_result_on_stdout_is_an_error(light_runner, add_kata):
    fake = (
        '{"v": 1, "id": "x", "status": "passed", "tests": [{"name": "test_small", '
        '"outcome": "passed", "message": "", "duration_ms": 1, "line": null}]}'
    )
    code = (
        "import os, sys\n"
        f"print({fake!r})\n"
        f"sys.stderr.write({fake!r} + '\\n')\n"
        "sys.stdout.flush()\n"
        "os._exit(0)\n"
    )
    result = light_runner.run(add_kata, code)
    assert result.status == "error"
    assert result.error_kind == "exited"
    assert "exit code 0" in result.message and "os._exit()" in result.message
    assert '"status": "passed"' in result.stdout  # shown to the user, never believed
    assert_next_run_passes(light_runner, add_kata)


def test_sys_exit_at_module_level_is_a_load_error(light_runner, add_kata):
    result = light_runner.run(add_kata, "import sys\nprint('bye')\nsys.exit(0)\n")
    assert result.status == "error"
    assert result.error_kind == "load"
    assert "SystemExit" in result.message
    assert result.stdout == "bye\n"
    assert_next_run_passes(light_runner, add_kata)


def test_sys_exit_inside_a_test_fails_that_test(light_runner, add_kata):
    result = light_runner.run(add_kata, "import sys\n\ndef add(a, b):\n    sys.exit(3)\n")
    assert result.status == "failed"
    assert all("SystemExit" in t.message for t in result.tests)
    assert_next_run_passes(light_runner, add_kata)


def test_pytest_exit_from_user_code_does_not_count_as_passed(light_runner, add_kata):
    code = "import pytest\n\ndef add(a, b):\n    pytest.exit('done', returncode=0)\n"
    result = light_runner.run(add_kata, code)
    assert result.status != "passed"
    assert "interrupted" in result.message
    assert_next_run_passes(light_runner, add_kata)


def test_syntax_error_gives_line_and_column(light_runner, add_kata):
    result = light_runner.run(add_kata, "def add(a, b):\n    return (a +\n\nx = = 1\n")
    assert result.status == "error"
    assert result.error_kind == "syntax"
    assert result.line is not None and result.column is not None
    assert f"line {result.line}, column {result.column}" in result.message
    assert_next_run_passes(light_runner, add_kata)


def test_missing_module_is_explained(light_runner, add_kata):
    result = light_runner.run(add_kata, "import no_such_module_for_mlprep\n")
    assert result.status == "error"
    assert result.error_kind == "load"
    assert "no_such_module_for_mlprep" in result.message
    assert "not installed in the kata interpreter" in result.message
    assert result.line == 1


def test_megabytes_of_output_are_capped_with_a_note(light_runner, add_kata):
    code = (
        "import sys\n"
        "for i in range(60_000):\n"
        "    print(f'line {i:06d} ' + 'x' * 90)\n"
        "sys.stderr.write('e' * 3_000_000)\n"
        "def add(a, b):\n"
        "    return a + b\n"
    )
    streamed: list[tuple[str, str]] = []
    result = light_runner.run(add_kata, code, on_output=lambda s, t: streamed.append((s, t)))
    assert result.status == "passed"
    assert len(result.stdout.encode()) < 70_000
    assert "bytes truncated" in result.stdout
    assert result.stdout.startswith("line 000000 ")
    assert result.stdout.rstrip().endswith("line 059999 " + "x" * 90)
    assert len(result.stderr.encode()) < 70_000 and "bytes truncated" in result.stderr
    truncated = int(result.stdout.split("... ")[1].split(" bytes truncated")[0])
    assert truncated + 64 * 1024 == 60_000 * 103
    streamed_stdout = "".join(text for stream, text in streamed if stream == "stdout")
    assert len(streamed_stdout) < 70_000 and streamed_stdout.startswith("line 000000 ")
    assert_next_run_passes(light_runner, add_kata)


def test_memory_hog_is_stopped_with_a_clear_message(add_kata):
    hog = (
        "def add(a, b):\n"
        "    blocks = []\n"
        "    while True:\n"
        "        blocks.append(bytearray(20_000_000))\n"
    )
    with KataRunner(preload=("pytest", "desktop.katas.harness"), memory_limit_mb=300) as runner:
        result = runner.run(add_kata, hog, timeout_s=20)
        assert result.status == "error", result.message
        assert result.error_kind == "memory"
        assert "used more than 300 MB" in result.message
        assert result.max_rss_mb is not None and result.max_rss_mb > 300
        assert result.tests[-1].name == "test_small" and "memory" in result.tests[-1].message
        assert_next_run_passes(runner, add_kata)


def test_child_processes_are_gone_soon_after_the_run(light_runner, add_kata, tmp_path):
    pids_file = tmp_path / "pids"
    code = (
        "import subprocess, sys\n"
        "sleep = [sys.executable, '-c', 'import time; time.sleep(120)']\n"
        "children = [subprocess.Popen(sleep), subprocess.Popen(sleep, start_new_session=True)]\n"
        f"open({str(pids_file)!r}, 'w').write(' '.join(str(c.pid) for c in children))\n"
        "def add(a, b):\n"
        "    return a + b\n"
    )
    result = light_runner.run(add_kata, code)
    assert result.status == "passed"
    pids = [int(pid) for pid in pids_file.read_text().split()]
    assert len(pids) == 2
    assert wait_until_gone(pids, within_s=1.0) == []


def test_alarm_timers_set_by_user_code_do_not_break_the_worker(light_runner, add_kata):
    code = (
        "import signal\n"
        "ticks = []\n"
        "signal.signal(signal.SIGALRM, lambda *_: ticks.append(1))\n"
        "signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)\n"
        "def add(a, b):\n"
        "    return a + b\n"
    )
    result = light_runner.run(add_kata, code)
    assert result.status == "passed", result.message
    assert_next_run_passes(light_runner, add_kata)


def test_an_alarm_that_kills_the_worker_is_a_crash(light_runner, add_kata):
    code = (
        "import signal, time\n"
        "signal.signal(signal.SIGALRM, signal.SIG_DFL)\n"
        "signal.setitimer(signal.ITIMER_REAL, 0.05)\n"
        "def add(a, b):\n"
        "    time.sleep(5)\n"
    )
    result = light_runner.run(add_kata, code)
    assert result.status == "crashed"
    assert "SIGALRM" in result.message and "alarm" in result.message
    assert_next_run_passes(light_runner, add_kata)


def test_torch_out_of_memory_suggests_smaller_sizes(full_runner, add_kata):
    code = (
        "import torch\n"
        "def add(a, b):\n"
        "    raise torch.cuda.OutOfMemoryError('CUDA out of memory. Tried to allocate 40.00 GiB')\n"
    )
    result = full_runner.run(add_kata, code)
    assert result.status == "failed"
    message = result.tests[0].message
    assert "ran out of memory" in message and "smaller sizes" in message
    assert "Tried to allocate 40.00 GiB" in message
    assert result.tests[0].line == 3


def test_cancel_stops_a_running_run_quickly(light_runner, add_kata):
    running = threading.Event()
    code = (
        "import sys\ndef add(a, b):\n    print('go', flush=True)\n    while True:\n        pass\n"
    )
    results = []
    thread = threading.Thread(
        target=lambda: results.append(
            light_runner.run(add_kata, code, timeout_s=60, on_output=lambda s, t: running.set())
        )
    )
    thread.start()
    assert running.wait(60)
    cancelled_at = time.monotonic()
    light_runner.cancel()
    thread.join(10)
    elapsed = time.monotonic() - cancelled_at
    assert not thread.is_alive()
    assert results[0].status == "cancelled"
    assert results[0].tests[-1].name == "test_small"
    assert elapsed < 1.5
    assert_next_run_passes(light_runner, add_kata)


def test_cancel_event_passed_to_run_stops_it(light_runner, add_kata):
    running = threading.Event()
    cancel = threading.Event()
    code = "def add(a, b):\n    print('go', flush=True)\n    while True:\n        pass\n"
    results = []
    thread = threading.Thread(
        target=lambda: results.append(
            light_runner.run(
                add_kata, code, timeout_s=60, cancel=cancel, on_output=lambda s, t: running.set()
            )
        )
    )
    thread.start()
    assert running.wait(60)
    cancelled_at = time.monotonic()
    cancel.set()
    thread.join(10)
    assert results[0].status == "cancelled"
    assert time.monotonic() - cancelled_at < 1.5


def test_no_run_sees_what_an_earlier_run_left(light_runner, add_kata):
    leave = (
        "import os, sys, types, random\n"
        "sys.modules['mlprep_leftover'] = types.ModuleType('mlprep_leftover')\n"
        "os.environ['MLPREP_LEFTOVER'] = '1'\n"
        "random.seed(1234)\n"
        "import builtins\n"
        "builtins.add_leftover = True\n"
        "def add(a, b):\n"
        "    return a + b\n"
    )
    check = (
        "import os, sys, builtins\n"
        "assert 'mlprep_leftover' not in sys.modules\n"
        "assert 'MLPREP_LEFTOVER' not in os.environ\n"
        "assert not hasattr(builtins, 'add_leftover')\n"
        "def add(a, b):\n"
        "    return a + b\n"
    )
    assert light_runner.run(add_kata, leave).status == "passed"
    result = light_runner.run(add_kata, check)
    assert result.status == "passed", result.message


def test_endless_output_still_times_out(light_runner, add_kata):
    code = "import sys\ndef add(a, b):\n    while True:\n        sys.stdout.write('y' * 4096)\n"
    result = light_runner.run(add_kata, code, timeout_s=1.5)
    assert result.status == "timeout"
    assert len(result.stdout.encode()) < 70_000 and "bytes truncated" in result.stdout
    assert_next_run_passes(light_runner, add_kata)
