"""A writer killed with SIGKILL at random moments never corrupts the file or loses a commit."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop.store.database import open_store

    store = open_store(Path(sys.argv[1]))
    start = int(sys.argv[2])
    i = start
    print("ready", flush=True)
    while True:
        with store.transaction() as db:
            db.table("notes").insert({"topic": f"n{i}", "body": "z" * (i % 700), "bookmarked": 0})
            db.table("settings").upsert({"key": "last", "value": str(i)}, pk="key")
        print(i, flush=True)
        i += 1
    """
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_sigkill_during_writes_keeps_integrity_and_commits(tmp_path):
    path = tmp_path / "crash.db"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    rng = random.Random(1234)
    reported: set[int] = set()
    next_id = 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _round in range(100):
        child = subprocess.Popen(
            [sys.executable, str(script), str(path), str(next_id)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.0, 0.05)
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            reported.add(int(line))
        os.kill(child.pid, signal.SIGKILL)
        for line in child.stdout:  # commits printed before the kill landed
            if line.strip().isdigit():
                reported.add(int(line))
        child.wait()
        next_id = max(reported, default=next_id) + 1000

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    present = {int(row[0][1:]) for row in conn.execute("SELECT topic FROM notes")}
    conn.close()
    assert reported, "the writer never committed anything"
    missing = reported - present
    assert not missing, f"{len(missing)} committed transactions were lost"
