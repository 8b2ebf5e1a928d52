"""A realistic sample database for ``mlprep demo``: profile, tracker, reviews, katas, mocks."""

from __future__ import annotations

import datetime as dt
import random

from desktop.store import katas as kata_store
from desktop.store import notes as note_store
from desktop.store import rounds as round_store
from desktop.store import study
from desktop.store.database import Store
from desktop.study.checklist import Section, load_checklist
from desktop.study.plan import Profile

OWN_CARDS = [
    (
        "Why does `x.view(-1)` fail after `x.transpose(0, 1)`?",
        "`view` needs contiguous memory; a transpose only swaps strides.\n\n"
        "```python\ny = x.transpose(0, 1).contiguous().view(-1)\n# or simply\n"
        "y = x.transpose(0, 1).reshape(-1)\n```",
        "ml-coding",
        ("pytorch", "tensors"),
    ),
    (
        "Scaled dot-product attention: why divide by $\\sqrt{d_k}$?",
        "For unit-variance q and k the dot product has variance $d_k$; without scaling the "
        "softmax saturates and its gradients vanish.",
        "ml-theory",
        ("attention", "transformers"),
    ),
    (
        "STAR story: the time a launch slipped",
        "**S** ranking model launch two weeks late · **T** own the eval gap · **A** built an "
        "offline replay harness · **R** shipped with +1.8% CTR, harness reused by 3 teams.",
        "behavioural",
        ("star", "failure"),
    ),
]

COMPANIES = [
    ("DeepMind", "Research Scientist", "interviewing"),
    ("Anthropic", "Research Scientist", "interviewing"),
    ("OpenAI", "ML Engineer", "screening"),
    ("Meta", "ML Engineer", "offer"),
    ("Cohere", "ML Engineer", "offer"),
    ("Mistral", "Research Scientist", "applied"),
    ("Hugging Face", "ML Engineer", "applied"),
    ("Apple", "ML Engineer", "rejected"),
    ("NVIDIA", "Research Scientist", "interviewing"),
    ("Spotify", "Applied Scientist", "withdrawn"),
    ("Wayve", "ML Engineer", "applied"),
    ("Stability AI", "Research Scientist", "wishlist"),
]


def fill_demo(
    store: Store,
    topics,
    katas,
    templates,
    now: dt.datetime,
    seed: int = 7,
    checklist: list[Section] | None = None,
) -> dict:
    """Fill ``store`` (expected fresh); returns counts of what was added."""
    rng = random.Random(seed)
    today = now.date()
    counts: dict[str, int] = {}
    study.save_profile_data(
        store,
        Profile(
            role="Research Scientist",
            companies=["DeepMind", "Anthropic", "NVIDIA"],
            first_interview=(today + dt.timedelta(days=4)).isoformat(),
            hours_per_day=3,
            ratings={
                "algorithms-coding": 3,
                "ml-coding": 2,
                "ml-theory": 4,
                "system-design": 2,
                "behavioural": 4,
                "statistics": 3,
            },
        ).to_dict(),
    )
    counts["applications"] = _tracker(store, now, rng)
    # topic confidence
    for topic in rng.sample(topics, min(30, len(topics))):
        note_store.update_note(
            store,
            topic.slug,
            confidence=rng.randint(1, 5),
            reviewed_on=(today - dt.timedelta(days=rng.randint(0, 20))).isoformat(),
        )
    # flashcard reviews over the last three weeks
    study.sync_topic_cards(store, topics, now - dt.timedelta(days=21))
    cards = study.all_cards(store)
    reviewed = 0
    for days_ago in range(21, 0, -1):
        if rng.random() < 0.2:
            continue
        moment = now - dt.timedelta(days=days_ago, hours=rng.randint(0, 3))
        for card in rng.sample(cards, rng.randint(8, 25)):
            study.answer(store, card.id, rng.choices([1, 2, 3, 4], [2, 2, 6, 1])[0], moment)
            reviewed += 1
    counts["reviews"] = reviewed
    # the user's own cards, and one card of each kind the browser can show
    for question, answer, area, tags in OWN_CARDS:
        study.add_user_card(
            store, question, answer, area=area, tags=tags, now=now - dt.timedelta(days=3)
        )
    counts["own_cards"] = len(OWN_CARDS)
    unseen = [c for c in study.all_cards(store) if c.is_new and not c.is_own]
    if len(unseen) >= 2:
        study.set_suspended(store, unseen[0].id)
        study.bury(store, unseen[1].id, today)
    # the readiness checklist, partly ticked
    if checklist is None:
        from desktop.paths import content_root

        checklist = load_checklist(content_root())
    ticked = 0
    for section in checklist:
        for item in section.items[: rng.randint(0, max(len(section.items) - 2, 0))]:
            study.set_ticked(store, item.id, True, now - dt.timedelta(days=rng.randint(0, 20)))
            ticked += 1
    counts["checklist_ticks"] = ticked
    # kata attempts
    solved = 0
    for index, kata in enumerate(rng.sample(katas, min(14, len(katas)))):
        day = now - dt.timedelta(days=20 - index, hours=2)
        passed = rng.random() < 0.7
        kata_store.record_attempt(
            store,
            kata.slug,
            status="failed",
            device="cpu",
            passed=1,
            failed=2,
            duration_ms=40.0,
            time_spent_s=600,
            code="# first try",
            now=(day - dt.timedelta(minutes=20)).isoformat(timespec="seconds"),
        )
        if passed:
            kata_store.record_attempt(
                store,
                kata.slug,
                status="passed",
                device="cpu",
                passed=3,
                failed=0,
                duration_ms=35.0,
                time_spent_s=900,
                code="# solved",
                now=day.isoformat(timespec="seconds"),
            )
            solved += 1
    counts["katas_solved"] = solved
    # mock rounds
    round_store.ensure_templates(store, templates)
    usable = [t for t in round_store.list_templates(store) if t.rubric]
    finished = 0
    for index in range(6):
        template = usable[index % len(usable)]
        start = now - dt.timedelta(days=18 - index * 3)
        round_id = round_store.start_round(store, template, now=start.isoformat(timespec="seconds"))
        scores = [min(4, max(1, 1 + index // 2 + rng.randint(0, 1))) for _ in template.rubric]
        round_store.finish_round(
            store,
            round_id,
            scores=scores,
            notes="Ran over on the design part.",
            differently="Clarify requirements first.",
            actual_s=[],
            now=(start + dt.timedelta(minutes=45)).isoformat(timespec="seconds"),
        )
        finished += 1
    counts["mock_rounds"] = finished
    return counts


def _tracker(store: Store, now: dt.datetime, rng: random.Random) -> int:
    from desktop.store import tracker
    from desktop.tracker.records import Application, Deadline, InterviewEvent, Offer

    today = now.date()
    added = 0
    for index, (company, track, status) in enumerate(COMPANIES):
        applied = today - dt.timedelta(days=40 - index * 2)
        app = Application(
            company=company,
            role=f"{track}, {['LLM', 'Vision', 'RL'][index % 3]}",
            track=track,
            status="applied",
            source="referral" if index % 3 == 0 else "careers page",
            applied_on=applied.isoformat(),
            priority=index % 5 + 1,
        )
        app_id = tracker.save_application(store, app, now=f"{applied.isoformat()}T09:00:00")
        if status != "applied":
            app.status = status
            tracker.save_application(
                store, app, now=f"{(applied + dt.timedelta(days=10)).isoformat()}T09:00:00"
            )
        added += 1
        if status == "interviewing":
            for offset, round_type in (
                (index % 4 + 1, "ml-coding"),
                (index % 4 + 3, "system-design"),
                (-5, "recruiter-screen"),
            ):
                start = dt.datetime.combine(
                    today + dt.timedelta(days=offset),
                    dt.time(14 + offset % 3),
                    tzinfo=now.tzinfo or dt.UTC,
                )
                tracker.save_event(
                    store,
                    InterviewEvent(
                        application_id=app_id,
                        round_type=round_type,
                        starts_at=start.isoformat(timespec="seconds"),
                        duration_minutes=45,
                        final=offset > 2,
                        interviewers="Two research scientists",
                    ),
                )
        if status == "offer":
            expires = today + dt.timedelta(days=index + 2)
            tracker.save_offer(
                store,
                Offer(
                    application_id=app_id,
                    currency="USD",
                    base=210000 + index * 5000,
                    signing_bonus=30000,
                    target_bonus_pct=15,
                    equity_kind="rsu",
                    grant_value=400000,
                    expires_on=expires.isoformat(),
                ),
            )
            tracker.save_deadline(
                store,
                Deadline(
                    kind="offer-expiry",
                    due_on=expires.isoformat(),
                    title=f"{company} offer expires",
                    application_id=app_id,
                ),
            )
    del rng
    return added
