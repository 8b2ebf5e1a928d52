import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.tracker.records import (
    MAX_MONEY,
    Application,
    Deadline,
    InterviewEvent,
    Offer,
    ValidationError,
    parse_date,
    validate_application,
    validate_deadline,
    validate_event,
    validate_offer,
)


def errors_of(validate, record, *extra):
    with pytest.raises(ValidationError) as raised:
        validate(record, *extra)
    return raised.value.errors


def test_empty_company_and_role_are_reported_together():
    errors = errors_of(validate_application, Application(company="  ", role=""))
    assert set(errors) == {"company", "role"}


def test_impossible_dates_are_named():
    errors = errors_of(
        validate_application,
        Application("DeepMind", "RS", applied_on="2025-02-30", next_action_on="31/01/2025"),
    )
    assert "not a real date" in errors["applied_on"]
    assert "2025-03-31" in errors["next_action_on"]


def test_valid_application_passes():
    validate_application(Application("DeepMind", "Research Scientist", applied_on="2025-02-28"))


def test_event_end_before_start():
    event = InterviewEvent(1, "ml-coding", "2025-03-10T15:00:00+00:00")
    errors = errors_of(validate_event, event, "2025-03-10T14:00:00+00:00")
    assert errors == {"ends_at": "the end is before the start"}


def test_event_needs_a_time_zone():
    errors = errors_of(validate_event, InterviewEvent(1, "ml-coding", "2025-03-10T15:00:00"))
    assert "time zone" in errors["starts_at"]


def test_event_start_shown_in_local_time():
    event = InterviewEvent(1, "ml-coding", "2025-03-10T15:00:00+00:00")
    tokyo = dt.timezone(dt.timedelta(hours=9))
    assert event.local_start(tokyo).hour == 0
    assert event.local_start(tokyo).day == 11


def test_offer_money_and_equity_rules():
    offer = Offer(1, base=-5, signing_bonus=MAX_MONEY * 10, equity_kind="options", strike=10)
    errors = errors_of(validate_offer, offer)
    assert errors["base"] == "cannot be negative"
    assert "implausibly large" in errors["signing_bonus"]
    assert errors["shares"] == "a strike price needs a number of options"


def test_vesting_schedule_must_cover_each_year_and_sum_to_100():
    errors = errors_of(validate_offer, Offer(1, equity_kind="rsu", vesting_schedule="5/15/40/30"))
    assert "90%" in errors["vesting_schedule"]
    errors = errors_of(validate_offer, Offer(1, equity_kind="rsu", vesting_schedule="50/50"))
    assert "one percentage per year" in errors["vesting_schedule"]
    validate_offer(Offer(1, equity_kind="rsu", grant_value=400_000, vesting_schedule="5/15/40/40"))


def test_deadline_needs_a_real_date():
    assert "due_on" in errors_of(validate_deadline, Deadline("take-home", "2025-13-01"))


@given(st.text(max_size=30))
def test_parse_date_accepts_only_real_iso_dates(text):
    try:
        value = parse_date(text)
    except ValueError as error:
        assert str(error)
    else:
        assert value.isoformat() == text.strip()


@given(
    company=st.text(max_size=40),
    role=st.text(max_size=40),
    status=st.sampled_from(["applied", "offer", "bogus", ""]),
    applied_on=st.one_of(st.just(""), st.dates().map(str), st.text(max_size=12)),
    priority=st.one_of(st.none(), st.integers(-10, 10)),
)
def test_application_validator_raises_only_validation_error(
    company, role, status, applied_on, priority
):
    application = Application(
        company, role, status=status, applied_on=applied_on, priority=priority
    )
    try:
        validate_application(application)
    except ValidationError as error:
        assert error.errors and all(isinstance(m, str) and m for m in error.errors.values())
    else:
        assert company.strip() and role.strip() and status in ("applied", "offer")


@given(
    base=st.floats(allow_nan=True, allow_infinity=False, width=64),
    shares=st.floats(min_value=-1e3, max_value=1e6),
    strike=st.floats(min_value=0, max_value=1e3),
    kind=st.sampled_from(["none", "rsu", "options", "emi", "x"]),
    schedule=st.sampled_from(["", "25/25/25/25", "5/15/40/40", "abc", "100", "-10/110/0/0"]),
)
def test_offer_validator_raises_only_validation_error(base, shares, strike, kind, schedule):
    offer = Offer(
        1, base=base, shares=shares, strike=strike, equity_kind=kind, vesting_schedule=schedule
    )
    try:
        validate_offer(offer)
    except ValidationError as error:
        assert error.errors
    else:
        assert 0 <= base <= MAX_MONEY and shares >= 0 and kind != "x"
