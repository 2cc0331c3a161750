"""The envelope arithmetic of issue 15, on plain values (no database).

For category `c` and budget month `m`:
- allotted(c, m): the allotment set for `m`, else the category's monthly limit;
- carried_in(c, m): 0 with rollover `none` or when `m` <= rollover_from; else
  max(0, available(c, m-1)) for `unspent` and available(c, m-1) for `all`;
- available(c, m) = allotted + carried_in - spent.
An `unspent` envelope's overspend of `m-1`, max(0, -available), is taken from
`m`'s income instead (`overspent_last_month`).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledger.models import Rollover
from ledger.months import months_between, next_month
from ledger.rules import ZERO


@dataclass(frozen=True)
class Envelope:
    """One category's envelope in one month."""

    allotted: Decimal
    carried_in: Decimal
    spent: Decimal
    # The part of last month's overspend that this month's income pays (`unspent` only).
    overspent_last_month: Decimal = ZERO

    @property
    def available(self) -> Decimal:
        return self.allotted + self.carried_in - self.spent


def carries_into(rollover: str, rollover_from: date | None, month: date) -> bool:
    """Whether `month` receives anything from the month before."""
    return rollover != Rollover.NONE and rollover_from is not None and month > rollover_from


def envelope(
    *,
    month: date,
    limit: Decimal,
    rollover: str,
    rollover_from: date | None,
    allotments: dict[date, Decimal],
    spent: dict[date, Decimal],
    spent_before: Decimal | None = None,
) -> Envelope:
    """The envelope of `month`, from the months since `rollover_from`.

    `allotments` and `spent` hold the category's months that have one; the
    others are the limit and 0. For rollover `all`, `spent_before` may give the
    spending from `rollover_from` to the month before, already added up: the
    chain of `all` is a plain sum, so it needs no month-by-month rows.
    """
    allotted, spent_now = allotments.get(month, limit), spent.get(month, ZERO)
    if not carries_into(rollover, rollover_from, month):
        return Envelope(allotted, ZERO, spent_now)
    if rollover == Rollover.ALL:
        available = _all_chain(month, limit, rollover_from, allotments, spent, spent_before)
    else:
        available = _unspent_chain(month, limit, rollover_from, allotments, spent)
    return Envelope(
        allotted=allotted,
        carried_in=_carry(rollover, available),
        spent=spent_now,
        overspent_last_month=max(ZERO, -available) if rollover == Rollover.UNSPENT else ZERO,
    )


def envelope_series(
    *,
    first: date,
    last: date,
    limit: Decimal,
    rollover: str,
    rollover_from: date | None,
    allotments: dict[date, Decimal],
    spent: dict[date, Decimal],
    opening: Envelope | None = None,
):
    """`(month, Envelope)` for each month from `first` to `last`, walking the chain once.

    With `opening` (the envelope of `first`, as `envelope()` gives it) the walk
    starts at `first`; otherwise at `rollover_from` when that is earlier, so a
    range of months costs one step a month, not one chain per month.
    """
    carries = rollover != Rollover.NONE and rollover_from is not None
    debt_carries = rollover == Rollover.ALL
    start_early = carries and rollover_from < first and opening is None
    month = rollover_from if start_early else first
    available = ZERO  # the month before's; read only once the chain has started
    # `carries_into` and the carry rule inlined: a 120-month report of 50 categories walks
    # 6,000 months.
    while month <= last:
        allotted, spent_in_month = allotments.get(month, limit), spent.get(month, ZERO)
        carried = overspent = ZERO
        if opening is not None and month == first:
            carried, overspent = opening.carried_in, opening.overspent_last_month
        elif carries and month > rollover_from:
            if debt_carries or available > 0:
                carried = available
            elif available < 0:
                overspent = -available
        if month >= first:
            yield month, Envelope(allotted, carried, spent_in_month, overspent)
        available = allotted + carried - spent_in_month
        month = next_month(month)


def _all_chain(month, limit, rollover_from, allotments, spent, spent_before) -> Decimal:
    """available(m-1) with `all`: everything given since rollover_from less everything spent."""
    before = range_sum(spent, rollover_from, month) if spent_before is None else spent_before
    given = limit * months_between(rollover_from, month) + sum(
        (amount - limit for m, amount in allotments.items() if rollover_from <= m < month), ZERO
    )
    return given - before


def _unspent_chain(month, limit, rollover_from, allotments, spent) -> Decimal:
    """available(m-1) with `unspent`, stepping only through the months that have data.

    A run of k months without allotment or spending gives max(0, available) + k * limit:
    after its first month nothing is negative any more (a limit is never negative).
    """
    available, current = ZERO, rollover_from  # nothing carries into the first month
    for data_month in sorted({m for m in (*allotments, *spent) if rollover_from <= m < month}):
        gap = months_between(current, data_month)
        if gap:
            available = max(ZERO, available) + limit * gap
        available = (
            max(ZERO, available) + allotments.get(data_month, limit) - spent.get(data_month, ZERO)
        )
        current = next_month(data_month)
    gap = months_between(current, month)
    return max(ZERO, available) + limit * gap if gap else available


def range_sum(amounts: dict[date, Decimal], start: date, end: date) -> Decimal:
    """The amounts of the months from `start` up to (not including) `end`."""
    return sum((amount for m, amount in amounts.items() if start <= m < end), ZERO)


def _carry(rollover: str, available: Decimal) -> Decimal:
    return available if rollover == Rollover.ALL else max(ZERO, available)
