import datetime as dt

from desktop.store import tracker as records
from desktop.tracker.companies import load_processes
from desktop.tracker.records import Application, Company, InterviewEvent, Offer
from desktop.tracker.service import current_advice, funnel


def test_funnel_counts_steps_ever_reached(store):
    for company, path in [
        ("A", ["screening", "interviewing", "rejected"]),
        ("B", ["screening", "rejected"]),
        ("C", ["screening", "interviewing", "offer"]),
        ("D", []),
    ]:
        application = Application(company, "RS")
        records.save_application(store, application)
        for status in path:
            records.set_status(store, application.id, status)
    steps = funnel(records.all_history(store))
    assert [(s.name, s.count) for s in steps] == [
        ("Applied", 4),
        ("Screen", 3),
        ("Onsite", 2),
        ("Offer", 1),
    ]
    assert steps[1].rate == 0.75 and steps[3].rate == 0.5 and steps[0].rate is None


def test_current_advice_from_the_store(store):
    records.save_company(store, Company("DeepMind", preference=1))
    records.save_company(store, Company("Meta", preference=2))
    dm = Application("DeepMind", "RS", status="interviewing")
    meta = Application("Meta", "RS", status="interviewing")
    records.save_application(store, dm, now="2025-02-20T10:00:00")
    records.save_application(store, meta, now="2025-02-20T10:00:00")
    records.save_event(
        store, InterviewEvent(dm.id, "system-design", "2025-03-05T10:00+00:00", final=True)
    )
    records.save_event(
        store, InterviewEvent(meta.id, "system-design", "2025-03-15T10:00+00:00", final=True)
    )
    kinds = [a.kind for a in current_advice(store, dt.date(2025, 3, 1))]
    assert kinds == ["finals-order"]
    records.save_offer(store, Offer(meta.id, expires_on="2025-03-10"))
    records.set_status(store, meta.id, "offer", now="2025-03-01T10:00:00")
    kinds = [a.kind for a in current_advice(store, dt.date(2025, 3, 1))]
    assert "offer-expiry" not in kinds  # DeepMind's final (03-05) is before expiry
    later = [a.kind for a in current_advice(store, dt.date(2025, 4, 20))]
    assert later == ["ghosted"]


def test_company_processes_load_and_tolerate_missing_folder(tmp_path):
    assert load_processes(tmp_path / "none") == {}
    (tmp_path / "x.toml").write_text(
        'name = "X Labs"\n[[round]]\ntype = "ml-coding"\nname = "Pairing"\nminutes = 60\n'
    )
    (tmp_path / "broken.toml").write_text("name = ")
    processes = load_processes(tmp_path)
    assert list(processes) == ["x labs"]
    assert processes["x labs"].round_names() == ["Pairing"]
