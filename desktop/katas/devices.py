"""Which compute devices (CPU, CUDA, MPS) a kata can run on, decided from a torch-like object.

``detect_devices(torch)`` is a pure function over whatever object is passed as ``torch``: the
worker passes the real module, tests pass fakes, so the CUDA and MPS paths are tested on a
CPU-only machine. This module never imports torch; the GUI asks the runner, whose worker
probes (``KataRunner.probe_devices()``).
"""

from __future__ import annotations

import platform
import re
from dataclasses import asdict, dataclass
from typing import Any

DEVICE_NAMES = ("cpu", "cuda", "mps")
_DEVICE_PATTERN = re.compile(r"^(cpu|mps|cuda)(?::(\d+))?$")


@dataclass
class DeviceInfo:
    """One device kind and whether this interpreter can use it."""

    name: str  # "cpu" | "cuda" | "mps"
    available: bool
    reason: str = ""  # why it is unavailable, in words a user can act on
    description: str = ""  # e.g. "NVIDIA H100 80GB HBM3" or the CPU model
    memory_mb: float | None = None  # total memory of device 0, when known
    count: int = 0  # number of devices of this kind

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DeviceInfo:
        memory = data.get("memory_mb")
        return cls(
            name=str(data.get("name", "")),
            available=bool(data.get("available", False)),
            reason=str(data.get("reason", "") or ""),
            description=str(data.get("description", "") or ""),
            memory_mb=float(memory) if isinstance(memory, int | float) else None,
            count=int(data.get("count", 0) or 0),
        )

    @property
    def label(self) -> str:
        """A short label for a device picker: 'CUDA: NVIDIA H100 (80 GB)'."""
        title = {"cpu": "CPU", "cuda": "CUDA", "mps": "MPS"}.get(self.name, self.name)
        if not self.available:
            return f"{title} (unavailable: {self.reason})"
        memory = f" ({self.memory_mb / 1024:.0f} GB)" if self.memory_mb else ""
        return f"{title}: {self.description}{memory}" if self.description else title


def parse_device(device: str) -> tuple[str, int | None]:
    """Split 'cuda:1' into ('cuda', 1); raise ValueError for anything that is not a device."""
    match = _DEVICE_PATTERN.match(str(device).strip())
    if match is None:
        raise ValueError(f"unknown device {device!r}: choose cpu, cuda or mps")
    index = match.group(2)
    return match.group(1), int(index) if index is not None else None


def cpu_description() -> str:
    """The CPU model where the OS says it cheaply (Linux), else the architecture."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "CPU"


def detect_devices(torch: Any) -> list[DeviceInfo]:
    """CPU, CUDA and MPS, in that order, each with ``available`` and a reason when not."""
    cpu = DeviceInfo("cpu", True, description=cpu_description(), count=1)
    return [cpu, detect_cuda(torch), detect_mps(torch)]


def detect_cuda(torch: Any) -> DeviceInfo:
    version = getattr(torch, "version", None)
    if not getattr(version, "cuda", None) and not getattr(version, "hip", None):
        return DeviceInfo("cuda", False, reason="this torch build has no CUDA")
    cuda = getattr(torch, "cuda", None)
    try:
        available = bool(cuda.is_available())
        count = int(cuda.device_count()) if available else 0
    except Exception as error:  # noqa: BLE001 - a broken driver is reported, not raised
        return DeviceInfo("cuda", False, reason=f"CUDA could not be initialised: {error}")
    if not available or count == 0:
        return DeviceInfo("cuda", False, reason="no CUDA device found")
    try:
        description = str(cuda.get_device_name(0))
        memory_mb = float(cuda.get_device_properties(0).total_memory) / 2**20
    except Exception as error:  # noqa: BLE001
        return DeviceInfo("cuda", False, reason=f"CUDA device 0 could not be queried: {error}")
    if count > 1:
        description += f" (+{count - 1} more)"
    return DeviceInfo("cuda", True, description=description, memory_mb=memory_mb, count=count)


def detect_mps(torch: Any) -> DeviceInfo:
    mps = getattr(getattr(torch, "backends", None), "mps", None)
    try:
        built = bool(mps is not None and mps.is_built())
    except Exception:  # noqa: BLE001
        built = False
    if not built:
        return DeviceInfo("mps", False, reason="this torch build has no MPS (Apple GPU) support")
    try:
        available = bool(mps.is_available())
    except Exception as error:  # noqa: BLE001
        return DeviceInfo("mps", False, reason=f"MPS could not be initialised: {error}")
    if not available:
        return DeviceInfo(
            "mps", False, reason="no MPS device found (needs Apple silicon and macOS 12.3+)"
        )
    memory_mb = None
    recommended = getattr(getattr(torch, "mps", None), "recommended_max_memory", None)
    if callable(recommended):
        try:
            memory_mb = float(recommended()) / 2**20
        except Exception:  # noqa: BLE001
            memory_mb = None
    return DeviceInfo("mps", True, description="Apple GPU", memory_mb=memory_mb, count=1)


def device_problem(device: str, devices: list[DeviceInfo]) -> str | None:
    """Why ``device`` cannot be used given ``devices``, or None when it can."""
    try:
        kind, index = parse_device(device)
    except ValueError as error:
        return str(error)
    info = next((d for d in devices if d.name == kind), None)
    if info is None:
        return f"{kind.upper()} was not probed"
    if not info.available:
        return f"{kind.upper()} is not available: {info.reason}"
    if index is not None and index >= max(info.count, 1):
        return f"there is no {kind.upper()} device {index} (found {info.count})"
    return None
