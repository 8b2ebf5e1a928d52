import datetime as dt

from desktop.tracker import advice
from desktop.tracker.records import Application, InterviewEvent, Offer

TODAY = dt.date(2025, 3, 1)


def app(id_, company, status="interviewing"):
    return Application(company, "RS", status=status, id=id_)


def final(application_id, day):
    return InterviewEvent(application_id, "system-design", f"{day}T10:00:00+00:00", final=True)


def test_higher_preference_finals_before_lower_preference_are_flagged():
    apps = [app(1, "DeepMind"), app(2, "Meta")]
    prefs = {"DeepMind": 1, "Meta": 3}
    events = [final(1, "2025-03-10"), final(2, "2025-03-20")]
    found = advice.finals_order(apps, prefs, advice.first_finals(events), TODAY)
    assert len(found) == 1
    assert found[0].application_id == 1
    assert "2025-03-10" in found[0].message and "2025-03-20" in found[0].message
    reordered = [final(1, "2025-03-25"), final(2, "2025-03-20")]
    assert advice.finals_order(apps, prefs, advice.first_finals(reordered), TODAY) == []


def test_offer_expiring_before_other_finals_gives_the_dates():
    apps = [
        app(1, "Meta", "offer"),
        app(2, "DeepMind"),
        app(3, "OpenAI", "screening"),
        app(4, "Apple"),
    ]
    offers = [Offer(1, expires_on="2025-03-14")]
    events = [final(2, "2025-03-21"), final(4, "2025-03-10")]
    found = advice.offer_expiry(apps, offers, advice.first_finals(events), TODAY)
    by_app = {a.application_id: a.message for a in found}
    assert set(by_app) == {2, 3}
    assert "2025-03-14" in by_app[2] and "2025-03-21" in by_app[2]
    assert "no final round scheduled" in by_app[3]


def test_silence_suggests_follow_up_then_ghosted():
    apps = [
        app(1, "A", "applied"),
        app(2, "B", "screening"),
        app(3, "C", "rejected"),
        app(4, "D", "applied"),
    ]
    last = {
        1: dt.date(2025, 2, 15),
        2: dt.date(2025, 1, 1),
        3: dt.date(2024, 1, 1),
        4: dt.date(2025, 2, 25),
    }
    found = advice.silence(apps, last, TODAY, follow_up_days=10, ghost_days=30)
    assert [(a.application_id, a.kind, a.action) for a in found] == [
        (1, "follow-up", ""),
        (2, "ghosted", "mark-ghosted"),
    ]
    assert "14 days" in found[0].message


def test_offers_that_do_not_overlap():
    apps = [app(1, "Meta", "declined"), app(2, "DeepMind", "offer")]
    offers = [Offer(1, expires_on="2025-02-10"), Offer(2, expires_on="2025-03-20")]
    received = {1: dt.date(2025, 2, 1), 2: dt.date(2025, 2, 20)}
    found = advice.offers_apart(apps, offers, received, TODAY)
    assert len(found) == 1 and "2025-02-10" in found[0].message
    received[2] = dt.date(2025, 2, 5)
    assert advice.offers_apart(apps, offers, received, TODAY) == []


def test_last_activity_uses_history_and_past_interviews_only():
    apps = [Application("A", "RS", applied_on="2025-01-01", id=1)]
    events = [final(1, "2025-02-01"), final(1, "2025-04-01")]
    last = advice.last_activity(
        apps, {1: dt.date(2025, 1, 15)}, advice.latest_past_events(events, TODAY), TODAY
    )
    assert last == {1: dt.date(2025, 2, 1)}


def test_finals_order_names_the_latest_less_wanted_final_once_per_company():
    apps = [app(1, "DeepMind"), app(2, "OpenAI"), app(3, "Meta"), app(4, "Apple")]
    prefs = {"DeepMind": 1, "OpenAI": 2, "Meta": 3, "Apple": 3}
    finals = {
        1: dt.date(2025, 3, 5),
        2: dt.date(2025, 3, 25),
        3: dt.date(2025, 3, 10),
        4: dt.date(2025, 3, 20),
    }
    found = advice.finals_order(apps, prefs, finals, TODAY)
    assert [(a.application_id, a.message.split(" on ")[-1][:10]) for a in found] == [
        (1, "2025-03-25"),
    ]
    assert "OpenAI" in found[0].message


def test_offer_expiry_uses_the_soonest_live_offer():
    apps = [app(1, "Meta", "offer"), app(2, "Apple", "offer"), app(3, "DeepMind")]
    offers = [
        Offer(1, expires_on="2025-03-30"),
        Offer(2, expires_on="2025-03-12"),
        Offer(3, expires_on="2025-02-01"),
    ]
    found = advice.offer_expiry(apps, offers, {3: dt.date(2025, 3, 20)}, TODAY)
    assert found == []  # DeepMind holds an (expired) offer of its own
    offers.pop()
    found = advice.offer_expiry(apps, offers, {3: dt.date(2025, 3, 20)}, TODAY)
    assert len(found) == 1 and "Apple" in found[0].message and "2025-03-12" in found[0].message
