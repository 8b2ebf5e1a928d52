from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.tracker.offers import (
    MissingRateError,
    compare_offers,
    exercise_cost,
    summarise_offer,
    vesting_fractions,
)
from desktop.tracker.records import Offer


def test_worked_example_of_exercising_options():
    result = exercise_cost(shares=10_000, strike=10, price=50, tax_rate_pct=45)
    assert result.exercise_cost == Decimal("100000.00")
    assert result.taxable_gain == Decimal("400000.00")
    assert result.tax == Decimal("180000.00")
    assert result.total_cash_out == Decimal("280000.00")


def test_summary_of_an_options_offer_reproduces_the_worked_example():
    offer = Offer(
        1,
        currency="GBP",
        base=100_000,
        equity_kind="emi",
        shares=10_000,
        strike=10,
        current_price=50,
    )
    summary = summarise_offer(offer, tax_rate_pct=45, discount_pct=50)
    assert summary.exercise.total_cash_out == Decimal("280000.00")
    assert summary.years[0].equity_face == Decimal("100000.00")  # 400k gain over 4 years
    assert summary.years[0].equity_discounted == Decimal("50000.00")


def test_custom_vesting_5_15_40_40():
    offer = Offer(
        1,
        base=200_000,
        target_bonus_pct=15,
        signing_bonus=50_000,
        equity_kind="rsu",
        grant_value=400_000,
        vesting_schedule="5/15/40/40",
    )
    summary = summarise_offer(offer)
    assert [y.equity_face for y in summary.years] == [
        Decimal("20000.00"),
        Decimal("60000.00"),
        Decimal("160000.00"),
        Decimal("160000.00"),
    ]
    assert summary.years[0].total_face == Decimal("300000.00")  # 200k + 30k + 50k + 20k
    assert summary.total_face == Decimal(4 * 230_000 + 50_000 + 400_000)
    assert summary.years[0].equity_discounted == summary.years[0].equity_face  # RSUs not cut


def test_a_cliff_longer_than_a_year_moves_vesting_later():
    assert vesting_fractions(Offer(1, vesting_years=4, cliff_months=18)) == [
        Decimal(0),
        Decimal("0.5"),
        Decimal("0.25"),
        Decimal("0.25"),
    ]


def test_currencies_are_converted_with_user_rates():
    gbp = Offer(1, currency="GBP", base=100_000)
    usd = Offer(2, currency="USD", base=100_000)
    summaries = compare_offers([("A", gbp), ("B", usd)], target_currency="USD", rates={"GBP": 1.25})
    assert summaries[0].years[0].base == Decimal("125000.00")
    assert summaries[1].years[0].base == Decimal("100000.00")
    with pytest.raises(MissingRateError):
        compare_offers([("A", gbp)], target_currency="EUR", rates={})


def test_refreshers_build_up_from_year_two():
    summary = summarise_offer(Offer(1, refresher_value=40_000, vesting_years=4))
    assert [y.refreshers for y in summary.years] == [
        Decimal("0.00"),
        Decimal("10000.00"),
        Decimal("20000.00"),
        Decimal("30000.00"),
    ]


money = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False)


@given(
    shares=st.integers(0, 10_000_000),
    strike=money,
    price=money,
    tax=st.decimals(min_value=0, max_value=100, places=2),
)
def test_exercise_cost_is_consistent(shares, strike, price, tax):
    result = exercise_cost(shares, strike, price, tax)
    assert result.total_cash_out == result.exercise_cost + result.tax
    assert result.taxable_gain >= 0
    assert result.tax <= result.taxable_gain
    if price <= strike:
        assert result.tax == 0


@given(
    schedule=st.lists(st.integers(0, 100), min_size=1, max_size=6).filter(lambda v: sum(v) > 0),
    cliff=st.integers(0, 24),
)
def test_vesting_fractions_always_sum_to_the_whole_grant(schedule, cliff):
    total = sum(schedule)
    percentages = [Decimal(v) * 100 / total for v in schedule]
    text = "/".join(str(p) for p in percentages)
    offer = Offer(
        1,
        vesting_years=len(schedule),
        cliff_months=min(cliff, 12 * len(schedule)),
        vesting_schedule=text,
    )
    fractions = vesting_fractions(offer)
    assert len(fractions) == len(schedule)
    assert abs(sum(fractions) - 1) < Decimal("1e-9")
    assert all(f >= 0 for f in fractions)


@given(
    base=money,
    bonus=st.decimals(min_value=0, max_value=200, places=1),
    grant=money,
    discount=st.decimals(min_value=0, max_value=100, places=0),
)
def test_four_year_total_adds_its_years_and_discount_never_raises_it(base, bonus, grant, discount):
    offer = Offer(
        1,
        base=float(base),
        target_bonus_pct=float(bonus),
        equity_kind="options",
        shares=1000,
        strike=1,
        current_price=float(grant) / 1000 + 1,
    )
    summary = summarise_offer(offer, discount_pct=float(discount))
    assert summary.total_face == sum(y.total_face for y in summary.years)
    assert summary.total_discounted <= summary.total_face
