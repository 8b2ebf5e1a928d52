from desktop.store import katas


def test_draft_round_trip_and_delete(store):
    assert katas.load_draft(store, "kmeans") is None
    katas.save_draft(store, "kmeans", "def kmeans(): ...")
    katas.save_draft(store, "kmeans", "def kmeans(x): ...")
    assert katas.load_draft(store, "kmeans") == "def kmeans(x): ..."
    katas.delete_draft(store, "kmeans")
    assert katas.load_draft(store, "kmeans") is None


def test_first_passing_test_run_marks_solved_once(store):
    common = dict(device="cpu", duration_ms=10.0, time_spent_s=60.0, code="x")
    katas.record_attempt(
        store, "adam", status="failed", passed=2, failed=3, now="2026-01-01T10:00:00", **common
    )
    assert not katas.get_state(store, "adam").solved
    katas.record_attempt(
        store,
        "adam",
        status="passed",
        passed=5,
        failed=0,
        mode="bench",
        now="2026-01-01T10:05:00",
        **common,
    )
    assert not katas.get_state(store, "adam").solved, "a bench run does not count as solving"
    katas.record_attempt(
        store, "adam", status="passed", passed=5, failed=0, now="2026-01-01T11:00:00", **common
    )
    katas.record_attempt(
        store, "adam", status="passed", passed=5, failed=0, now="2026-01-02T11:00:00", **common
    )
    assert katas.get_state(store, "adam").solved_at == "2026-01-01T11:00:00"
    history = katas.attempts(store, "adam")
    assert [a.status for a in history] == ["passed", "passed", "passed", "failed"]
    assert history[-1].passed == 2 and history[-1].failed == 3


def test_solution_seen_hints_and_time(store):
    katas.mark_solution_seen(store, "rope", now="2026-02-02T00:00:00")
    katas.mark_solution_seen(store, "rope", now="2026-03-03T00:00:00")
    katas.record_hint_shown(store, "rope", 2)
    katas.record_hint_shown(store, "rope", 1)
    katas.add_time_spent(store, "rope", 30)
    katas.add_time_spent(store, "rope", 45)
    state = katas.get_state(store, "rope")
    assert state.solution_seen_at == "2026-02-02T00:00:00"
    assert state.hints_shown == 2
    assert state.time_spent_s == 75
    assert set(katas.all_states(store)) == {"rope"}
