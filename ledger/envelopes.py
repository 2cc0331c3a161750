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
    if not carries_into(rollover, rollover_from, month):
        return Envelope(allotments.get(month, limit), ZERO, spent.get(month, ZERO))
    available, current = ZERO, rollover_from
    while current < month:
        carried = _carry(rollover, available) if current > rollover_from else ZERO
        available = allotments.get(current, limit) + carried - spent.get(current, ZERO)
        current = next_month(current)
    return Envelope(
        allotted=allotments.get(month, limit),
        carried_in=_carry(rollover, available),
        spent=spent.get(month, ZERO),
        overspent_last_month=max(ZERO, -available) if rollover == Rollover.UNSPENT else ZERO,
    )


def _carry(rollover: str, available: Decimal) -> Decimal:
    return available if rollover == Rollover.ALL else max(ZERO, available)
