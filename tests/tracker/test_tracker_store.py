import json

import pytest

from desktop.store import tracker as records
from desktop.store.exchange import export_document, import_document
from desktop.tracker.records import (
    Application,
    Contact,
    Deadline,
    InterviewEvent,
    NegotiationEntry,
    Offer,
    ValidationError,
)


def add(store, company="DeepMind", role="Research Scientist", **kw):
    application = Application(company, role, **kw)
    records.save_application(store, application, now="2025-01-01T09:00:00")
    return application


def test_status_and_stage_changes_are_appended_not_overwritten(store):
    application = add(store)
    records.set_status(store, application.id, "screening", now="2025-01-05T10:00:00")
    records.set_stage(store, application.id, "recruiter-screen", "passed", now="2025-01-06T10:00")
    records.set_status(store, application.id, "interviewing", now="2025-01-10T10:00:00")
    entries = records.history(store, application.id)
    assert [(e.kind, e.stage, e.from_value, e.to_value) for e in entries] == [
        ("status", "", "", "applied"),
        ("status", "", "applied", "screening"),
        ("stage", "recruiter-screen", "pending", "passed"),
        ("status", "", "screening", "interviewing"),
    ]
    assert entries[1].at == "2025-01-05T10:00:00"


def test_invalid_application_saves_nothing(store):
    with pytest.raises(ValidationError):
        records.save_application(store, Application("", "RS"))
    assert records.applications(store) == []
    assert store.conn.execute("SELECT count(*) FROM tracker_companies").fetchone()[0] == 0


def test_duplicate_active_application_is_found(store):
    first = add(store, "OpenAI", "Research Engineer")
    assert records.find_active_duplicate(store, "openai", "research engineer").id == first.id
    assert records.find_active_duplicate(store, "openai", "research engineer", first.id) is None
    records.set_status(store, first.id, "rejected")
    assert records.find_active_duplicate(store, "OpenAI", "Research Engineer") is None


def test_company_rounds_prefilled_from_content(store):
    records.save_application(
        store, Application("Google", "MLE"), default_rounds=lambda name: ["Recruiter call"]
    )
    assert records.company_by_name(store, "google").rounds == ["Recruiter call"]


def test_delete_and_restore_puts_everything_back(store):
    application = add(store)
    event = InterviewEvent(application.id, "ml-coding", "2025-03-10T15:00:00+01:00")
    records.save_event(store, event)
    offer = Offer(application.id, base=200_000)
    records.save_offer(store, offer)
    records.add_negotiation(store, NegotiationEntry(offer.id, "2025-03-12", "more base"))
    before = export_document(store)["tables"]
    deleted = records.delete_record(store, "tracker_applications", application.id)
    assert records.applications(store) == [] and records.offers(store) == []
    records.restore(store, deleted)
    assert export_document(store)["tables"] == before


def test_events_are_ordered_by_instant_not_text(store):
    application = add(store)
    late = InterviewEvent(application.id, "ml-theory", "2025-03-10T10:00:00-05:00")  # 15:00Z
    early = InterviewEvent(application.id, "ml-coding", "2025-03-10T14:00:00+02:00")  # 12:00Z
    records.save_event(store, late)
    records.save_event(store, early)
    assert [e.round_type for e in records.events(store)] == ["ml-coding", "ml-theory"]


def test_every_record_survives_json_export_and_import(store):
    application = add(store, next_action="send thank-you", stages={"recruiter-screen": "passed"})
    records.set_status(store, application.id, "offer", now="2025-02-01T10:00:00")
    records.save_contact(store, Contact("Ada", "recruiter", "DeepMind", "ada@example.com"))
    records.save_event(
        store,
        InterviewEvent(
            application.id,
            "behavioural",
            "2025-03-10T15:00:00+01:00",
            final=True,
            self_score=4,
            went_wrong="rushed STAR",
        ),
    )
    records.save_deadline(
        store, Deadline("offer-expiry", "2025-03-20", "answer DM", application.id)
    )
    offer = Offer(
        application.id,
        currency="GBP",
        base=150_000,
        equity_kind="rsu",
        grant_value=400_000,
        vesting_schedule="5/15/40/40",
    )
    records.save_offer(store, offer)
    records.add_negotiation(store, NegotiationEntry(offer.id, "2025-03-12", "more base", "+5k"))
    records.save_rates(store, {"GBP": 1.27})
    document = json.loads(json.dumps(export_document(store)))
    history_before = records.history(store, application.id)

    records.delete_record(store, "tracker_companies", records.companies(store)[0].id)
    assert records.applications(store) == []
    import_document(store, document)

    assert records.history(store, application.id) == history_before
    assert len(history_before) == 3
    restored = records.get_offer(store, offer.id)
    assert restored.vesting_schedule == "5/15/40/40" and restored.grant_value == 400_000
    assert records.negotiations(store, offer.id)[0].changed == "+5k"
    assert records.events(store)[0].went_wrong == "rushed STAR"
    assert records.events(store)[0].final is True
    assert records.contacts(store)[0].email == "ada@example.com"
    assert records.load_rates(store) == {"GBP": 1.27}
    assert records.get_application(store, application.id).stages == {"recruiter-screen": "passed"}
