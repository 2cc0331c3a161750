"""The envelope arithmetic of issue 15, on plain values (no database): one rule, one step.

For category `c` and budget month `m`:
- allotted(c, m): the allotment set for `m`, else the category's monthly limit;
- carried_in(c, m): 0 with rollover `none` or when `m` <= rollover_from; else
  max(0, available(c, m-1)) for `unspent` and available(c, m-1) for `all`;
- available(c, m) = allotted + carried_in - spent.
An `unspent` envelope's overspend of `m-1`, max(0, -available), is taken from
`m`'s income instead (`overspent_last_month`).

`step` is that rule, and the only place it is written: every month any walk
emits (`envelope`, `envelope_series`, the summary, the reports, the stored
balances of `ledger.services.balances`) comes out of it. The shortcuts only
compute the balance a walk opens with: `bridge` closes a run of months that
have no allotment and no spending (each gives the limit and takes nothing),
and `opening_balance` steps through the months that have data and bridges the
runs between them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledger.models import Rollover
from ledger.months import month_after, months_between, next_month
from ledger.rules import ZERO

# Plain strings: an enum member's lookup costs more than the step's arithmetic.
NONE, UNSPENT, ALL = Rollover.NONE.value, Rollover.UNSPENT.value, Rollover.ALL.value


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


def step(previous: Decimal | None, allotted: Decimal, spent: Decimal, rollover: str) -> Envelope:
    """This month's envelope from the month before's `available` (None: nothing carries in,
    as in the first month of a rollover or without one), what the month gives and spends."""
    if previous is None or rollover == NONE:
        return Envelope(allotted, ZERO, spent)
    if rollover == ALL:
        return Envelope(allotted, previous, spent)
    return Envelope(allotted, max(ZERO, previous), spent, max(ZERO, -previous))


def bridge(previous: Decimal | None, months: int, limit: Decimal, rollover: str):
    """`available` after `months` months without allotment or spending, opened by `previous`
    (the `step` applied `months` times, in closed form; `previous` when `months` is 0).

    Each such month gives the limit and takes nothing: `all` adds k limits; `unspent` drops a
    debt in the first month, and nothing is negative after it (a limit is never negative).
    """
    if months <= 0:
        return previous
    if rollover == NONE:
        return limit
    opening = ZERO if previous is None else previous
    if rollover == UNSPENT:
        opening = max(ZERO, opening)
    return opening + limit * months


def carries_into(rollover: str, rollover_from: date | None, month: date) -> bool:
    """Whether `month` receives anything from the month before."""
    return rollover != NONE and rollover_from is not None and month > rollover_from


def walk_data_months(
    *,
    start: date,
    end: date,
    previous: Decimal | None,
    limit: Decimal,
    rollover: str,
    allotments: dict[date, Decimal],
    spent: dict[date, Decimal],
):
    """`(month, Envelope)` of each month from `start` up to (not including) `end` that has an
    allotment or spending, `previous` being the available of the month before `start` (None:
    nothing carries into `start`); then the available of the month before `end`, as the
    generator's return value. The months between are bridged."""
    current = start
    data = sorted({m for m in (*allotments, *spent) if start <= m < end})
    for month in data:
        previous = bridge(previous, months_between(current, month), limit, rollover)
        envelope = step(previous, allotments.get(month, limit), spent.get(month, ZERO), rollover)
        yield month, envelope
        previous, current = envelope.available, month_after(month)
    return bridge(previous, months_between(current, end), limit, rollover)


def opening_balance(
    *,
    month: date,
    limit: Decimal,
    rollover: str,
    rollover_from: date | None,
    allotments: dict[date, Decimal],
    spent: dict[date, Decimal],
) -> Decimal | None:
    """available(m-1) when `month` receives a carry, else None: a walk from `rollover_from`
    through the months that have data (`allotments`, `spent`: the category's months that
    have one; the others are the limit and 0)."""
    if not carries_into(rollover, rollover_from, month):
        return None
    walk = walk_data_months(
        start=rollover_from,
        end=month,
        previous=None,
        limit=limit,
        rollover=rollover,
        allotments=allotments,
        spent=spent,
    )
    while True:
        try:
            next(walk)
        except StopIteration as done:
            return done.value


def envelope(
    *,
    month: date,
    limit: Decimal,
    rollover: str,
    rollover_from: date | None,
    allotments: dict[date, Decimal],
    spent: dict[date, Decimal],
    previous: Decimal | None = None,
    opened: bool = False,
) -> Envelope:
    """The envelope of `month`. With `opened`, `previous` is the available of the month before
    (as the stored balances give it); otherwise it is walked from `rollover_from`."""
    if not opened:
        previous = opening_balance(
            month=month,
            limit=limit,
            rollover=rollover,
            rollover_from=rollover_from,
            allotments=allotments,
            spent=spent,
        )
    elif not carries_into(rollover, rollover_from, month):
        previous = None
    return step(previous, allotments.get(month, limit), spent.get(month, ZERO), rollover)


def envelope_series(
    *,
    first: date,
    last: date,
    limit: Decimal,
    rollover: str,
    rollover_from: date | None,
    allotments: dict[date, Decimal],
    spent: dict[date, Decimal],
    previous: Decimal | None = None,
    opened: bool = False,
):
    """`(month, Envelope)` for each month from `first` to `last`, one `step` a month.

    With `opened`, `previous` is the available of the month before `first` (the summary's
    opening balance); otherwise `opening_balance` walks to it from `rollover_from`.
    """
    if not opened:
        previous = opening_balance(
            month=first,
            limit=limit,
            rollover=rollover,
            rollover_from=rollover_from,
            allotments=allotments,
            spent=spent,
        )
    month = first
    while month <= last:
        carried = previous if carries_into(rollover, rollover_from, month) else None
        envelope = step(carried, allotments.get(month, limit), spent.get(month, ZERO), rollover)
        yield month, envelope
        previous = envelope.available
        month = next_month(month)
