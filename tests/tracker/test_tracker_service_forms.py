"""Negotiation-log edits and deletes, stage changes through a form, and which mock round
practises which interview."""

import tomllib

import pytest

from desktop.paths import content_root
from desktop.store import tracker as records
from desktop.tracker import service
from desktop.tracker.records import (
    ROUND_TYPES,
    STAGES,
    Application,
    NegotiationEntry,
    Offer,
    ValidationError,
    mock_round_for,
)


@pytest.fixture
def offer(store):
    application = Application("Mistral", "Research Scientist", status="offer")
    records.save_application(store, application)
    made = Offer(application.id, currency="EUR", base=150_000)
    records.save_offer(store, made)
    return made


def test_a_negotiation_entry_can_be_edited_in_place(store, offer):
    entry = NegotiationEntry(offer.id, "2025-03-12", "more base")
    service.save_negotiation(store, entry)
    edited = NegotiationEntry(offer.id, "2025-03-13", "more base and signing", "+10k", id=entry.id)
    assert service.save_negotiation(store, edited) == entry.id
    [stored] = records.negotiations(store, offer.id)
    assert (stored.on_date, stored.asked, stored.changed) == (
        "2025-03-13",
        "more base and signing",
        "+10k",
    )


def test_an_invalid_edit_changes_nothing(store, offer):
    entry = NegotiationEntry(offer.id, "2025-03-12", "more base")
    service.save_negotiation(store, entry)
    bad = NegotiationEntry(offer.id, "2025-02-30", " ", "x" * 2001, id=entry.id)
    with pytest.raises(ValidationError) as raised:
        service.save_negotiation(store, bad)
    assert raised.value.errors == {
        "on_date": "2025-02-30 is not a real date",
        "asked": "say what was asked",
        "changed": "is too long (at most 2000 characters)",
    }
    assert records.negotiations(store, offer.id)[0].asked == "more base"


def test_editing_a_deleted_entry_is_refused_not_recreated(store, offer):
    entry = NegotiationEntry(offer.id, "2025-03-12", "more base")
    service.save_negotiation(store, entry)
    service.delete_negotiation(store, entry)
    with pytest.raises(ValidationError) as raised:
        service.save_negotiation(store, NegotiationEntry(offer.id, "2025-03-12", "x", id=entry.id))
    assert "deleted" in raised.value.errors["asked"]
    assert records.negotiations(store, offer.id) == []


def test_deleting_an_entry_can_be_undone(store, offer):
    first = NegotiationEntry(offer.id, "2025-03-12", "more base")
    second = NegotiationEntry(offer.id, "2025-03-14", "earlier start")
    service.save_negotiation(store, first)
    service.save_negotiation(store, second)
    deleted = service.delete_negotiation(store, first)
    assert [n.asked for n in records.negotiations(store, offer.id)] == ["earlier start"]
    records.restore(store, deleted)
    assert [n.asked for n in records.negotiations(store, offer.id)] == [
        "more base",
        "earlier start",
    ]
    assert len(records.offers(store)) == 1  # the offer itself was never touched


def test_stage_form_appends_one_history_entry_per_change(store):
    application = Application("Meta", "MLE", stages={"recruiter-screen": "passed"})
    records.save_application(store, application, now="2025-03-01T09:00:00")
    states = dict.fromkeys(STAGES, "pending")
    states.update({"recruiter-screen": "passed", "ml-coding": "scheduled", "ml-theory": "skipped"})
    service.save_stages(store, application.id, states, now="2025-03-02T10:00:00")
    stored = records.get_application(store, application.id)
    assert stored.stages == {
        "recruiter-screen": "passed",
        "ml-coding": "scheduled",
        "ml-theory": "skipped",
    }
    changes = [
        (e.stage, e.from_value, e.to_value, e.at)
        for e in records.history(store, application.id)
        if e.kind == "stage" and e.at.startswith("2025-03-02")
    ]
    assert changes == [
        ("ml-coding", "pending", "scheduled", "2025-03-02T10:00:00"),
        ("ml-theory", "pending", "skipped", "2025-03-02T10:00:00"),
    ]
    # Back to pending is a change too, and is recorded.
    states["ml-coding"] = "pending"
    service.save_stages(store, application.id, states, now="2025-03-03T10:00:00")
    last = records.history(store, application.id)[-1]
    assert (last.stage, last.from_value, last.to_value) == ("ml-coding", "scheduled", "pending")


def test_stage_form_rejects_unknown_states_and_saves_nothing(store):
    application = Application("Meta", "MLE")
    records.save_application(store, application)
    before = len(records.history(store, application.id))
    with pytest.raises(ValidationError) as raised:
        service.save_stages(store, application.id, {"ml-coding": "maybe", "lunch": "passed"})
    assert set(raised.value.errors) == {"ml-coding", "lunch"}
    assert len(records.history(store, application.id)) == before


def test_every_practisable_round_has_a_shipped_mock_template():
    shipped = {
        tomllib.loads(path.read_text(encoding="utf-8"))["type"]
        for path in (content_root() / "rounds").glob("*.toml")
    }
    mapped = {mock_round_for(r) for r in ROUND_TYPES} - {None}
    assert mapped <= shipped
    assert mock_round_for("team-match") == "behavioural"
    assert mock_round_for("other") is None
