"""The worker protocol: results are checked field by field and round-trip through JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.katas.devices import DeviceInfo
from desktop.katas.protocol import (
    STATUSES,
    TEST_OUTCOMES,
    BenchReport,
    Job,
    ProtocolError,
    RunResult,
    TestReport,
    decode,
    encode,
)

text = st.text(max_size=40)
optional_int = st.none() | st.integers(1, 10_000)
optional_float = st.none() | st.floats(0, 1e6, allow_nan=False)

test_reports = st.builds(
    TestReport,
    name=text,
    outcome=st.sampled_from(TEST_OUTCOMES),
    message=text,
    duration_ms=st.floats(0, 1e6, allow_nan=False),
    line=optional_int,
)
bench_reports = st.builds(
    BenchReport,
    entry_point=text,
    device=st.sampled_from(["cpu", "cuda", "mps"]),
    runs=st.integers(0, 200),
    user_ms=optional_float,
    reference_ms=optional_float,
    ratio=optional_float,
    user_peak_mb=optional_float,
    reference_peak_mb=optional_float,
    message=text,
)
results = st.builds(
    RunResult,
    id=st.text(min_size=1, max_size=12),
    status=st.sampled_from(STATUSES),
    tests=st.lists(test_reports, max_size=4),
    message=text,
    line=optional_int,
    column=optional_int,
    stdout=text,
    stderr=text,
    device=st.sampled_from(["cpu", "cuda", "cuda:1", "mps"]),
    device_name=text,
    duration_ms=st.floats(0, 1e6, allow_nan=False),
    max_rss_mb=optional_float,
    bench=st.none() | bench_reports,
    error_kind=st.none() | st.sampled_from(["syntax", "load", "device", "memory"]),
    devices=st.none()
    | st.lists(
        st.builds(
            DeviceInfo, name=st.sampled_from(["cpu", "cuda", "mps"]), available=st.booleans()
        ),
        max_size=3,
    ),
)


@given(results)
def test_results_round_trip_through_the_wire_format(result):
    assert RunResult.from_dict(decode(encode(result.to_dict()))) == result


@given(
    st.dictionaries(
        st.sampled_from(["status", "tests", "line", "bench", "id"]),
        st.integers() | st.text() | st.none(),
    )
)
def test_from_dict_raises_only_protocol_errors(data):
    try:
        RunResult.from_dict(data)
    except ProtocolError:
        pass


def test_unknown_status_is_rejected():
    with pytest.raises(ProtocolError, match="unknown status"):
        RunResult.from_dict({"v": 1, "id": "a", "status": "passed!"})


def test_wrong_types_are_rejected():
    base = {"v": 1, "id": "a", "status": "failed"}
    with pytest.raises(ProtocolError):
        RunResult.from_dict({**base, "line": "3"})
    with pytest.raises(ProtocolError):
        RunResult.from_dict({**base, "tests": [{"name": "t", "outcome": "maybe"}]})
    with pytest.raises(ProtocolError):
        RunResult.from_dict({**base, "stdout": ["not", "text"]})


def test_decode_checks_json_object_and_version():
    assert decode(b'{"v": 1, "event": "ready"}\n') == {"v": 1, "event": "ready"}
    for line in (b"not json", b"[1, 2]", b'{"v": 2}', b"print('hi')"):
        with pytest.raises(ProtocolError):
            decode(line)


def test_encode_is_one_line():
    line = encode({"v": 1, "message": "two\nlines"})
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line)["message"] == "two\nlines"


def test_job_round_trip_and_mode_check():
    job = Job(id="1", kata="/k", code="x = 1", device="mps", timeout_s=2.5, mode="bench")
    assert Job.from_dict(decode(encode(job.to_dict()))) == job
    with pytest.raises(ProtocolError):
        Job.from_dict({"v": 1, "id": "1", "mode": "exec"})


def test_very_long_text_is_cut():
    result = RunResult.from_dict({"v": 1, "id": "a", "status": "error", "message": "x" * 500_000})
    assert len(result.message) < 250_000 and result.message.endswith("(cut)")


def test_counts_and_passed():
    result = RunResult(
        id="a",
        status="failed",
        tests=[TestReport("a", "passed"), TestReport("b", "failed"), TestReport("c", "failed")],
    )
    assert result.counts == {"passed": 1, "failed": 2, "error": 0, "skipped": 0}
    assert not result.passed
