"""Offer maths: year-by-year and four-year compensation, equity at face value and discounted,
the cash needed to exercise options and the tax on the paper gain, across currencies.

All sums use ``Decimal`` and are rounded to cents only at the end, so a comparison shows the
same figures a calculator would. Conventions:

- salary is flat (no raises are assumed); the bonus is ``base * target_bonus_pct / 100``;
  signing bonus and relocation count in year 1;
- equity vests by the custom yearly percentages when given (``5/15/40/40``), else evenly; a
  cliff longer than a year moves the earlier years' vesting to the year the cliff ends;
- RSUs are valued at the grant value (or shares x current price); options at their paper gain
  ``shares x (price - strike)``, and for options (private companies) also at a discount the
  user chooses, since the shares may never be sold at that price;
- a yearly refresher of value R, each grant vesting evenly over the vesting years, adds
  ``R x min(year - 1, years) / years`` in each year;
- amounts are converted with user-entered rates: ``rates[c]`` is how many units of the
  comparison currency one unit of ``c`` buys (the comparison currency itself is 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from desktop.tracker.records import Offer, parse_schedule

CENT = Decimal("0.01")
COMPARISON_YEARS = 4


def money(value) -> Decimal:
    """A number as Decimal via its text, so 0.1 stays 0.1."""
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ExerciseCost:
    exercise_cost: Decimal  # shares x strike: the cash paid to buy the shares
    taxable_gain: Decimal  # shares x (price - strike), taxed as income when exercised
    tax: Decimal
    total_cash_out: Decimal  # exercise cost plus tax


def exercise_cost(shares, strike, price, tax_rate_pct) -> ExerciseCost:
    """Cash needed to exercise options now and the tax due on the paper gain.

    >>> exercise_cost(10_000, 10, 50, 45).total_cash_out
    Decimal('280000.00')
    """
    shares, strike, price = money(shares), money(strike), money(price)
    cost = shares * strike
    gain = max(shares * (price - strike), Decimal(0))
    tax = gain * money(tax_rate_pct) / 100
    return ExerciseCost(cents(cost), cents(gain), cents(tax), cents(cost + tax))


def vesting_fractions(offer: Offer) -> list[Decimal]:
    """The fraction of the grant vesting in each year (sums to 1)."""
    years = max(int(offer.vesting_years or 1), 1)
    if offer.vesting_schedule:
        shares = [money(p) / 100 for p in parse_schedule(offer.vesting_schedule)]
    else:
        shares = [Decimal(1) / years] * years
    cumulative, total = [], Decimal(0)
    for part in shares:
        total += part
        cumulative.append(total)
    cliff_years = Decimal(offer.cliff_months or 0) / 12
    vested, previous = [], Decimal(0)
    for year, value in enumerate(cumulative, start=1):
        now = value if year >= cliff_years else Decimal(0)
        vested.append(now - previous)
        previous = now
    return vested


def equity_total(offer: Offer) -> Decimal:
    """The whole grant's value at face: RSU value, or options' paper gain."""
    if offer.equity_kind == "rsu":
        if offer.grant_value:
            return money(offer.grant_value)
        return money(offer.shares) * money(offer.current_price)
    if offer.equity_kind in ("options", "emi"):
        gain = money(offer.current_price) - money(offer.strike)
        return max(money(offer.shares) * gain, Decimal(0))
    return Decimal(0)


@dataclass
class YearCompensation:
    year: int
    base: Decimal
    bonus: Decimal
    signing: Decimal
    relocation: Decimal
    equity_face: Decimal
    equity_discounted: Decimal
    refreshers: Decimal

    @property
    def total_face(self) -> Decimal:
        return cents(
            self.base
            + self.bonus
            + self.signing
            + self.relocation
            + self.equity_face
            + self.refreshers
        )

    @property
    def total_discounted(self) -> Decimal:
        return cents(
            self.base
            + self.bonus
            + self.signing
            + self.relocation
            + self.equity_discounted
            + self.refreshers
        )


@dataclass
class OfferSummary:
    label: str
    currency: str  # the comparison currency all figures are in
    years: list[YearCompensation] = field(default_factory=list)
    exercise: ExerciseCost | None = None
    offer_id: int | None = None

    @property
    def total_face(self) -> Decimal:
        return cents(sum((y.total_face for y in self.years), Decimal(0)))

    @property
    def total_discounted(self) -> Decimal:
        return cents(sum((y.total_discounted for y in self.years), Decimal(0)))


class MissingRateError(ValueError):
    def __init__(self, currency: str, target: str):
        self.currency = currency
        super().__init__(f"enter a rate for {currency} to {target} to compare these offers")


def rate_for(currency: str, target: str, rates: dict[str, float]) -> Decimal:
    if currency == target:
        return Decimal(1)
    if currency not in rates or not rates[currency] or rates[currency] <= 0:
        raise MissingRateError(currency, target)
    return money(rates[currency])


def summarise_offer(
    offer: Offer,
    *,
    label: str = "",
    target_currency: str | None = None,
    rates: dict[str, float] | None = None,
    discount_pct: float = 0,
    tax_rate_pct: float = 0,
    years: int = COMPARISON_YEARS,
) -> OfferSummary:
    """Year-by-year compensation for ``years`` years, converted to ``target_currency``."""
    target = target_currency or offer.currency
    rate = rate_for(offer.currency, target, rates or {})
    discount = (
        (Decimal(1) - money(discount_pct) / 100)
        if offer.equity_kind in ("options", "emi")
        else Decimal(1)
    )
    base = money(offer.base) * rate
    bonus = base * money(offer.target_bonus_pct) / 100
    grant = equity_total(offer) * rate
    fractions = vesting_fractions(offer)
    vest_years = max(int(offer.vesting_years or 1), 1)
    refresher = money(offer.refresher_value) * rate
    summary = OfferSummary(label=label, currency=target, offer_id=offer.id)
    for year in range(1, years + 1):
        fraction = fractions[year - 1] if year <= len(fractions) else Decimal(0)
        equity = grant * fraction
        summary.years.append(
            YearCompensation(
                year=year,
                base=cents(base),
                bonus=cents(bonus),
                signing=cents(money(offer.signing_bonus) * rate) if year == 1 else Decimal(0),
                relocation=cents(money(offer.relocation) * rate) if year == 1 else Decimal(0),
                equity_face=cents(equity),
                equity_discounted=cents(equity * discount),
                refreshers=cents(refresher * min(year - 1, vest_years) / vest_years),
            )
        )
    if offer.equity_kind in ("options", "emi") and offer.shares:
        summary.exercise = exercise_cost(
            offer.shares,
            money(offer.strike) * rate,
            money(offer.current_price) * rate,
            tax_rate_pct,
        )
    return summary


def compare_offers(
    offers: list[tuple[str, Offer]],
    *,
    target_currency: str,
    rates: dict[str, float] | None = None,
    discount_pct: float = 0,
    tax_rate_pct: float = 0,
    years: int = COMPARISON_YEARS,
) -> list[OfferSummary]:
    """Summaries of (label, offer) pairs side by side, all in ``target_currency``."""
    return [
        summarise_offer(
            offer,
            label=label,
            target_currency=target_currency,
            rates=rates,
            discount_pct=discount_pct,
            tax_rate_pct=tax_rate_pct,
            years=years,
        )
        for label, offer in offers
    ]
