"""Modules imported on first attribute access, so a window can paint before its data layer loads.

``study = lazy_module("desktop.store.study")`` binds a module whose code runs the first time
``study.something`` is read (the standard library's LazyLoader recipe). Already-imported
modules are returned as they are.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
