"""desktop.lazy: a module bound with lazy_module runs its code on first attribute access."""

import sys

import pytest

from desktop.lazy import lazy_module


def test_a_lazy_module_loads_on_first_use(tmp_path, monkeypatch):
    marker = tmp_path / "ran"
    (tmp_path / "mlprep_lazy_probe.py").write_text(
        f"import pathlib\npathlib.Path({str(marker)!r}).touch()\nVALUE = 42\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "mlprep_lazy_probe", raising=False)
    module = lazy_module("mlprep_lazy_probe")
    assert not marker.exists()  # bound, but its code has not run
    assert module.VALUE == 42 and marker.exists()
    assert lazy_module("mlprep_lazy_probe") is sys.modules["mlprep_lazy_probe"]


def test_a_missing_module_is_reported_at_once():
    with pytest.raises(ModuleNotFoundError):
        lazy_module("desktop.no_such_module")
