import datetime as dt
import sqlite3
import zipfile

from desktop.katas.catalog import load_catalog
from desktop.paths import content_root
from desktop.reference.content import load_topics
from desktop.rounds.templates import load_builtin_templates
from desktop.store import study, tracker
from desktop.study import service
from desktop.study.demo import fill_demo
from desktop.study.export import write_apkg

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_demo_fills_every_family(store):
    topics, _ = load_topics(content_root())
    counts = fill_demo(
        store, topics, load_catalog().katas, load_builtin_templates(content_root()), NOW
    )
    assert counts["applications"] == 12 and counts["mock_rounds"] == 6
    assert len(tracker.offers(store)) == 2
    events, deadlines = study.upcoming_tracker(store, NOW, 7)
    assert events and deadlines
    plan = service.current_plan(store, topics, load_catalog().katas, NOW)
    assert plan.days_left is not None and plan.by_level("focus")
    assert any(a.interview for a in plan.areas)


def test_apkg_holds_the_unsuspended_cards(store, tmp_path):
    topics, _ = load_topics(content_root())
    study.sync_topic_cards(store, topics[:3], NOW)
    cards = study.all_cards(store)
    study.set_suspended(store, cards[0].id)
    path = tmp_path / "deck.apkg"
    assert write_apkg(study.all_cards(store), path) == len(cards) - 1
    with zipfile.ZipFile(path) as archive:
        archive.extract("collection.anki2", tmp_path)
    notes = sqlite3.connect(tmp_path / "collection.anki2").execute("SELECT count(*) FROM notes")
    assert notes.fetchone()[0] == len(cards) - 1
