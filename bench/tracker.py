"""Tracker at scale: open the table and the board, type a filter, with 10,000 applications,
50,000 interview events and 200 offers, beside the same with 10 applications.

Run by hand: ``.venv/bin/python bench/tracker.py``. Targets: opening at most 1.5x the small
case; a filter keystroke under 30 ms. A middle case of 300 applications (enough to fill every
visible table row and board column) separates what grows with the data from the fixed cost
of painting a full screen.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.session import open_session  # noqa: E402
from desktop.tracker.records import STATUSES, TRACKS  # noqa: E402

COMPANIES = [
    "DeepMind",
    "OpenAI",
    "Anthropic",
    "Meta",
    "Google",
    "Apple",
    "Amazon",
    "Microsoft",
    "Cohere",
    "Mistral",
]
WORDS = ["research", "engineer", "scientist", "applied", "ml", "infra", "vision", "language"]


def fill(data_dir: Path, applications: int, events: int, offers: int) -> None:
    """Bulk rows straight through SQL (the bench measures reading, not data entry)."""
    rng = random.Random(7)
    session = open_session(data_dir, backup=False)
    store = session.store
    with store.transaction() as db:
        companies = [f"{rng.choice(COMPANIES)} {i}" for i in range(max(applications // 20, 5))]
        db.table("tracker_companies").insert_all(
            {"id": i + 1, "name": name, "preference": (i % 9) + 1, "rounds": "[]", "notes": ""}
            for i, name in enumerate(companies)
        )
        db.table("tracker_applications").insert_all(
            {
                "id": i + 1,
                "company_id": rng.randrange(len(companies)) + 1,
                "role": f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {i}",
                "track": rng.choice(TRACKS),
                "status": rng.choice(STATUSES),
                "source": "referral",
                "applied_on": "2025-01-10",
                "location": rng.choice(["London", "Zurich", "New York", "Paris"]),
                "stages": "{}",
                "notes": "",
            }
            for i in range(applications)
        )
        db.table("tracker_history").insert_all(
            {
                "application_id": i + 1,
                "at": "2025-01-10T09:00:00",
                "kind": "status",
                "stage": "",
                "from_value": "",
                "to_value": "applied",
            }
            for i in range(applications)
        )
        start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        rows = []
        for _ in range(events):
            moment = start + dt.timedelta(minutes=rng.randrange(60 * 24 * 365))
            rows.append(
                {
                    "application_id": rng.randrange(applications) + 1,
                    "round_type": "ml-coding",
                    "starts_at": moment.isoformat(),
                    "starts_utc": moment.isoformat(timespec="seconds"),
                    "duration_minutes": 45,
                    "final": int(rng.random() < 0.1),
                }
            )
        db.table("tracker_events").insert_all(rows, batch_size=5000)
        db.table("tracker_offers").insert_all(
            {
                "application_id": rng.randrange(applications) + 1,
                "currency": "USD",
                "base": 150000.0 + i,
                "equity_kind": "rsu",
                "grant_value": 400000.0,
                "vesting_years": 4,
                "cliff_months": 12,
                "vesting_frequency": "monthly",
                "expires_on": "2025-12-31",
            }
            for i in range(offers)
        )
    session.close()


def measure(data_dir: Path, app) -> dict[str, float]:
    from desktop.ui.context import UiContext
    from desktop.ui.tracker_pane import TrackerPane

    session = open_session(data_dir, backup=False)
    try:
        began = time.perf_counter()
        pane = TrackerPane(UiContext(session=session), today=lambda: dt.date(2025, 6, 1))
        pane.resize(1200, 760)
        pane.show()
        pane.repaint()  # the first screen, painted; queued work (the remaining rows) waits
        opened = time.perf_counter() - began
        # The rest of the rows load right after the first paint, and the advice off the GUI
        # thread; let both land before timing the rest.
        while not pane.fully_loaded:
            app.processEvents()
        loaded = time.perf_counter() - began
        while pane.advice_shown == 0:
            app.processEvents()
            time.sleep(0.005)
        advice = time.perf_counter() - began
        began = time.perf_counter()
        pane.tabs.setCurrentIndex(1)
        app.processEvents()
        board = time.perf_counter() - began
        pane.tabs.setCurrentIndex(0)
        app.processEvents()
        keystrokes = []
        for text in ["r", "re", "res", "rese", "resea", "research", "research 1", ""]:
            began = time.perf_counter()
            pane.filter_box.setText(text)
            app.processEvents()
            keystrokes.append(time.perf_counter() - began)
        pane.close()
        pane.deleteLater()
        app.processEvents()
    finally:
        session.close()
    return {
        "open table (first screen)": opened,
        "all rows loaded": loaded,
        "advice shown (background)": advice,
        "open board": board,
        "filter keystroke (median)": statistics.median(keystrokes),
        "filter keystroke (worst)": max(keystrokes),
    }


def main() -> int:
    from desktop.ui.application import create_application

    app = create_application()
    root = Path(tempfile.mkdtemp(prefix="mlprep-bench-"))
    small, screen, large = root / "small", root / "screen", root / "large"
    fill(small, 10, 50, 2)
    fill(screen, 300, 1_500, 6)  # enough to fill every visible row and board column
    fill(large, 10_000, 50_000, 200)
    measure(small, app)  # warm up Qt (fonts, styles) so neither case pays for it
    runs_small = [measure(small, app) for _ in range(3)]
    runs_screen = [measure(screen, app) for _ in range(3)]
    runs_large = [measure(large, app) for _ in range(3)]
    print(f"{'':28}{'10 apps':>10}{'300 apps':>11}{'10,000 apps':>14}{'ratio':>8}{'ratio':>8}")
    print(f"{'':28}{'(a)':>10}{'(b)':>11}{'(c)':>14}{'c/a':>8}{'c/b':>8}")
    print("(events and offers scale with the applications: 5 events each, 200 offers at 10,000)")
    for key in runs_small[0]:
        a, b, c = (
            statistics.median(r[key] for r in runs) * 1000
            for runs in (runs_small, runs_screen, runs_large)
        )
        print(f"{key:28}{a:>8.1f}ms{b:>9.1f}ms{c:>12.1f}ms{c / a:>8.2f}{c / b:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
