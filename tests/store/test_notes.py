import pytest

from desktop.store.notes import NoteError, all_notes, get_note, update_note


def test_notes_confidence_review_and_bookmark(store):
    assert get_note(store, "rope").body == ""
    update_note(store, "rope", body="rotate pairs", confidence=3)
    update_note(store, "rope", reviewed_on="2026-11-20", bookmarked=True)
    note = get_note(store, "rope")
    assert (note.body, note.confidence, note.reviewed_on, note.bookmarked) == (
        "rotate pairs",
        3,
        "2026-11-20",
        True,
    )
    assert [n.topic for n in all_notes(store)] == ["rope"]


@pytest.mark.parametrize(
    "changes", [{"confidence": 0}, {"confidence": 6}, {"reviewed_on": "2026-13-40"}]
)
def test_bad_values_are_refused_and_nothing_saved(store, changes):
    update_note(store, "gae", body="kept")
    with pytest.raises((NoteError, ValueError)):
        update_note(store, "gae", **changes)
    assert get_note(store, "gae").body == "kept"
    assert get_note(store, "gae").confidence is None
