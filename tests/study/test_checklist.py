import datetime as dt

from desktop.paths import content_root
from desktop.store import study
from desktop.study.checklist import load_checklist, parse_checklist, progress

TEXT = """
[[section]]
title = "Coding"
items = ["Attention from scratch", "LoRA"]

[[section]]
title = "Offers"
items = ["Know your walk-away number"]
"""


def test_progress_per_section_from_stored_ticks(store):
    sections = parse_checklist(TEXT)
    now = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    study.set_ticked(store, sections[0].items[1].id, True, now)
    study.set_ticked(store, sections[1].items[0].id, True, now)
    assert progress(sections, study.ticked_items(store)) == [("Coding", 1, 2), ("Offers", 1, 1)]
    # ids survive reflowed whitespace
    again = parse_checklist(TEXT.replace("Attention from scratch", "Attention  from scratch"))
    assert again[0].items[0].id == sections[0].items[0].id


def test_shipped_checklist_loads():
    sections = load_checklist(content_root())
    assert sections and all(s.items for s in sections)
    ids = [i.id for s in sections for i in s.items]
    assert len(ids) == len(set(ids))
