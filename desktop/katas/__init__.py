"""Kata catalog, runner (parent side), worker (child side) and devices. No Qt here.

catalog     kata folders and packs -> validated ``Kata`` records (``load_catalog``)
runner      ``KataRunner``: runs code in pre-warmed single-use workers, owns every limit
worker      the child process: pre-imports torch, runs one job with the harness, reports
protocol    the JSON-lines messages between them, as dataclasses (``RunResult`` ...)
harness     runs a kata's pytest tests in-process against submitted code
checks      assertion helpers for kata tests (``assert_close`` ...)
devices     CPU/CUDA/MPS detection over an injected torch-like object
benchmark   bench mode (worker side): submission vs reference timing and peak memory
selfcheck   every solution passes, every starter and wrong answer fails (one process)
cli         ``mlprep kata list|test|check``
pytest_plugin  the two kata fixtures for plain ``python -m pytest``

Only ``worker``, ``harness`` (through the kata's tests), ``benchmark`` and ``selfcheck``
ever import torch, and only inside functions: the GUI process never does.
"""
