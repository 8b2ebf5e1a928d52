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


def test_demo_has_own_cards_each_browser_state_and_checklist_ticks(store):
    from desktop.study.cards import STATES, card_state
    from desktop.study.checklist import load_checklist, overall

    topics, _ = load_topics(content_root())
    counts = fill_demo(
        store, topics, load_catalog().katas, load_builtin_templates(content_root()), NOW
    )
    cards = study.all_cards(store)
    own = [c for c in cards if c.is_own]
    assert len(own) == counts["own_cards"] == 3 and all(c.tags for c in own)
    assert {card_state(c, NOW.date()) for c in cards} == set(STATES)
    done, total = overall(load_checklist(content_root()), study.ticked_items(store))
    assert done == counts["checklist_ticks"] and 0 < done < total


def test_apkg_carries_the_tags_of_own_cards(store, tmp_path):
    study.add_user_card(store, "Q", "A", area="ml-coding", tags=("pytorch", "shapes"), now=NOW)
    path = tmp_path / "deck.apkg"
    write_apkg(study.all_cards(store), path)
    with zipfile.ZipFile(path) as archive:
        archive.extract("collection.anki2", tmp_path)
    tags = sqlite3.connect(tmp_path / "collection.anki2").execute("SELECT tags FROM notes")
    assert set(tags.fetchone()[0].split()) == {"ml-coding", "pytorch", "shapes"}
