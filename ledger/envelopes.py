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
from ledger.months import next_month
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
) -> Envelope:
    """The envelope of `month`, walking the chain from `rollover_from` (one step a month).

    `allotments` and `spent` hold the category's months that have one; the
    others are the limit and 0.
    """
    [(_, found)] = envelope_series(
        first=month,
        last=month,
        limit=limit,
        rollover=rollover,
        rollover_from=rollover_from,
        allotments=allotments,
        spent=spent,
    )
    return found


def envelope_series(
    *,
    first: date,
    last: date,
    limit: Decimal,
    rollover: str,
    rollover_from: date | None,
    allotments: dict[date, Decimal],
    spent: dict[date, Decimal],
):
    """`(month, Envelope)` for each month from `first` to `last`, walking the chain once.

    The walk starts at `rollover_from` when that is earlier than `first`, so a
    range of months costs one step a month, not one chain per month.
    """
    month = first
    if rollover != Rollover.NONE and rollover_from is not None and rollover_from < first:
        month = rollover_from
    available = ZERO  # the month before's; read only once the chain has started
    while month <= last:
        carried = overspent = ZERO
        if carries_into(rollover, rollover_from, month):
            carried = _carry(rollover, available)
            if rollover == Rollover.UNSPENT:
                overspent = max(ZERO, -available)
        found = Envelope(
            allotted=allotments.get(month, limit),
            carried_in=carried,
            spent=spent.get(month, ZERO),
            overspent_last_month=overspent,
        )
        if month >= first:
            yield month, found
        available = found.available
        month = next_month(month)


def _carry(rollover: str, available: Decimal) -> Decimal:
    return available if rollover == Rollover.ALL else max(ZERO, available)
