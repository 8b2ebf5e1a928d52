"""Device detection over fake torch modules: the CUDA and MPS paths on a CPU-only machine."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from desktop.katas.devices import (
    DeviceInfo,
    detect_cuda,
    detect_devices,
    detect_mps,
    device_problem,
    parse_device,
)


def fake_torch(
    *,
    cuda_build: str | None = None,
    cuda_available: bool = False,
    cuda_count: int = 0,
    gpu_name: str = "NVIDIA H100 80GB HBM3",
    gpu_bytes: int = 80 * 2**30,
    cuda_error: Exception | None = None,
    mps_built: bool = False,
    mps_available: bool = False,
    mps_memory: int | None = None,
):
    def is_available():
        if cuda_error is not None:
            raise cuda_error
        return cuda_available

    cuda = SimpleNamespace(
        is_available=is_available,
        device_count=lambda: cuda_count,
        get_device_name=lambda index: gpu_name,
        get_device_properties=lambda index: SimpleNamespace(total_memory=gpu_bytes),
    )
    mps_backend = SimpleNamespace(is_built=lambda: mps_built, is_available=lambda: mps_available)
    torch = SimpleNamespace(
        version=SimpleNamespace(cuda=cuda_build, hip=None),
        cuda=cuda,
        backends=SimpleNamespace(mps=mps_backend),
    )
    if mps_memory is not None:
        torch.mps = SimpleNamespace(recommended_max_memory=lambda: mps_memory)
    return torch


def test_cpu_only_build():
    devices = detect_devices(fake_torch())
    assert [d.name for d in devices] == ["cpu", "cuda", "mps"]
    cpu, cuda, mps = devices
    assert cpu.available and cpu.description
    assert not cuda.available and cuda.reason == "this torch build has no CUDA"
    assert not mps.available and "no MPS" in mps.reason


def test_cuda_build_without_a_gpu():
    cuda = detect_cuda(fake_torch(cuda_build="12.4", cuda_available=False))
    assert not cuda.available and cuda.reason == "no CUDA device found"


def test_cuda_build_that_reports_zero_devices():
    cuda = detect_cuda(fake_torch(cuda_build="12.4", cuda_available=True, cuda_count=0))
    assert not cuda.available and cuda.reason == "no CUDA device found"


def test_cuda_gpu_with_name_and_memory():
    cuda = detect_cuda(fake_torch(cuda_build="12.4", cuda_available=True, cuda_count=1))
    assert cuda.available and cuda.count == 1
    assert cuda.description == "NVIDIA H100 80GB HBM3"
    assert cuda.memory_mb == 80 * 1024
    assert cuda.label == "CUDA: NVIDIA H100 80GB HBM3 (80 GB)"


def test_several_gpus_are_counted():
    cuda = detect_cuda(fake_torch(cuda_build="12.4", cuda_available=True, cuda_count=4))
    assert cuda.count == 4 and cuda.description.endswith("(+3 more)")


def test_a_broken_driver_is_reported_not_raised():
    cuda = detect_cuda(
        fake_torch(cuda_build="12.4", cuda_error=RuntimeError("driver too old (found 470)"))
    )
    assert not cuda.available and "driver too old" in cuda.reason


def test_mps_built_but_unavailable():
    mps = detect_mps(fake_torch(mps_built=True, mps_available=False))
    assert not mps.available and "Apple silicon" in mps.reason


def test_mps_available():
    mps = detect_mps(fake_torch(mps_built=True, mps_available=True, mps_memory=16 * 2**30))
    assert mps.available and mps.memory_mb == 16 * 1024 and mps.label.startswith("MPS: Apple GPU")


def test_a_torch_without_mps_backend_attribute():
    torch = fake_torch()
    del torch.backends.mps
    assert not detect_mps(torch).available


@pytest.mark.parametrize(
    ("device", "expected"),
    [
        ("cpu", ("cpu", None)),
        ("cuda", ("cuda", None)),
        ("cuda:1", ("cuda", 1)),
        ("mps", ("mps", None)),
    ],
)
def test_parse_device(device, expected):
    assert parse_device(device) == expected


@pytest.mark.parametrize("device", ["tpu", "cuda:x", "CPU ", "", "cuda:-1"])
def test_parse_device_rejects_others(device):
    with pytest.raises(ValueError):
        parse_device(device)


def test_device_problem():
    devices = [
        DeviceInfo("cpu", True),
        DeviceInfo("cuda", True, description="GPU", count=2),
        DeviceInfo("mps", False, reason="no MPS device found"),
    ]
    assert device_problem("cpu", devices) is None
    assert device_problem("cuda:1", devices) is None
    assert device_problem("cuda:2", devices) == "there is no CUDA device 2 (found 2)"
    assert device_problem("mps", devices) == "MPS is not available: no MPS device found"
    assert "unknown device" in device_problem("tpu", devices)


def test_device_info_round_trips_through_a_dict():
    info = DeviceInfo("cuda", True, description="GPU", memory_mb=1024.0, count=1)
    assert DeviceInfo.from_dict(info.to_dict()) == info
