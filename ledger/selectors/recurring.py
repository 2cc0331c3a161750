"""Reads about recurring expenses (issue 17): the schedules list, the occurrences to come, and
what this month's take from each envelope. One query each, over the budget's schedules (an
index on `budget, next_due`); the dates come from `ledger.recurrence`, never the expense rows."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from ledger import recurrence
from ledger.models import RecurringExpense
from ledger.months import current_month, month_range
from ledger.rules import ZERO


@dataclass(frozen=True)
class Occurrence:
    """One pending occurrence of a schedule: `due` when dated today or before, `is_next` when
    it is the one to record or skip first."""

    recurring: RecurringExpense
    date: date
    due: bool
    is_next: bool

    @property
    def asks(self) -> bool:
        """Whether it waits for a member to record or skip it (due, next, not auto-posting)."""
        return self.due and self.is_next and not self.recurring.auto_post

    @property
    def amount(self) -> Decimal:
        return self.recurring.amount

    @property
    def category(self):
        return self.recurring.category


@dataclass(frozen=True)
class EnvelopeTake:
    """What a month's recurring expenses will take from one category's envelope."""

    category_id: int
    name: str
    amount: Decimal
    available_after: Decimal | None


@dataclass
class MonthRecurring:
    """The summary's recurring expenses: the month's (and, this month, older due ones)."""

    occurrences: list[Occurrence] = field(default_factory=list)
    takes: list[EnvelopeTake] = field(default_factory=list)

    @property
    def due(self) -> list[Occurrence]:
        return [o for o in self.occurrences if o.due]

    @property
    def upcoming(self) -> list[Occurrence]:
        return [o for o in self.occurrences if not o.due]


def schedules(budget) -> list[RecurringExpense]:
    """The budget's schedules (category loaded), the next due first, ended ones last, with
    `.repeats` (the schedule in words)."""
    found = list(
        RecurringExpense.objects.for_budget(budget)
        .select_related("category")
        .order_by(F("next_due").asc(nulls_last=True), "description", "id")
    )
    for recurring in found:
        recurring.repeats = recurrence.describe(recurring)
    return found


def _pending(budget, last: date):
    return (
        RecurringExpense.objects.for_budget(budget)
        .filter(active=True, next_due__lte=last)
        .select_related("category")
        .order_by("next_due", "id")
    )


def occurrences(budget, first: date, last: date, today: date | None = None) -> list[Occurrence]:
    """The pending occurrences of active schedules dated `first` to `last` (both included),
    by date."""
    today = today or timezone.localdate()
    found = []
    for recurring in _pending(budget, last):
        for day in recurrence.between(recurring, max(first, recurring.posts_from), last):
            found.append(Occurrence(recurring, day, day <= today, day == recurring.next_due))
    return sorted(found, key=lambda o: (o.date, o.recurring.pk))


def upcoming(budget, days: int, today: date | None = None) -> list[Occurrence]:
    """The pending occurrences from today to `days - 1` days ahead (due ones from before
    today included)."""
    today = today or timezone.localdate()
    return occurrences(budget, date.min, today + timedelta(days=days - 1), today)


def month_recurring(budget, month: date, summary=None, today: date | None = None):
    """The month's pending occurrences (this month: with the older ones still due) and, per
    category, what those dated in the month take from its envelope (and what is left after,
    given the month's `summary`)."""
    today = today or timezone.localdate()
    start, end = month_range(month, budget.month_start_day)
    is_current = month == current_month(budget.month_start_day)
    found = occurrences(budget, date.min if is_current else start, end - timedelta(days=1), today)
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    names = {}
    for occurrence in found:
        if start <= occurrence.date < end:
            totals[occurrence.category.pk] += occurrence.amount
            names[occurrence.category.pk] = occurrence.category.name
    available = {line.id: line.available for line in getattr(summary, "lines", [])}
    takes = [
        EnvelopeTake(
            pk,
            names[pk],
            amount,
            available[pk] - amount if pk in available else None,
        )
        for pk, amount in sorted(totals.items(), key=lambda item: names[item[0]].lower())
    ]
    return MonthRecurring(found, takes)
