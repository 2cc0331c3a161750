"""Envelopes (issue 15): a category's allotment for one month, and the exact monthly totals.

`MonthlyTotal` holds, per category and budget month, the sum and count of its
expenses. The unit of work of every money write (`ledger.services.money_changes`)
keeps it in the same transaction as the expense rows, so the carry-over chain and the
reports read a few rows per month instead of years of expenses. `manage.py rebuild_totals --check`
recomputes it from the expense rows.

`EnvelopeBalance` holds, per carrying category and month that has data (an
allotment or spending) from its `rollover_from` on, the envelope's closing
`available`: the carried summary reads one row per category instead of the
chain (`ledger.services.balances` keeps it; `rebuild_totals --check` checks it).
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.db.models.lookups import Exact

from ledger.models.scoping import BudgetScopedQuerySet, DayOfMonth
from ledger.months import format_month
from ledger.rules import CENT, MONEY, validate_writable_month


class Rollover(models.TextChoices):
    """What a category's envelope carries into the next month."""

    NONE = "none", "nothing (each month starts afresh)"
    UNSPENT = "unspent", "what is left (an overspend comes out of next month's income)"
    ALL = "all", "what is left or overspent (an overspend carries as a debt)"


class Allotment(models.Model):
    """The money given to a category for one budget month, instead of its monthly limit."""

    budget = models.ForeignKey("Budget", on_delete=models.CASCADE, related_name="allotments")
    category = models.ForeignKey("Category", on_delete=models.CASCADE, related_name="allotments")
    month = models.DateField(
        validators=[validate_writable_month],
        help_text="The budget month, as the first day of the month it is named after.",
    )
    amount = models.DecimalField(**MONEY)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BudgetScopedQuerySet.as_manager()

    class Meta:
        ordering = ["month", "category_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "month"], name="allotment_unique_month_per_category"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="allotment_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Exact(DayOfMonth("month"), 1), name="allotment_month_is_first_day"
            ),
        ]
        indexes = [models.Index(fields=["budget", "month"], name="allotment_budget_month")]

    def __str__(self):
        return f"{format_month(self.month)} {self.category_id}: {self.amount}"


class MonthlyTotal(models.Model):
    """What a category's expenses of one budget month add up to, and how many there are."""

    budget = models.ForeignKey("Budget", on_delete=models.CASCADE, related_name="monthly_totals")
    category = models.ForeignKey(
        "Category", on_delete=models.CASCADE, related_name="monthly_totals"
    )
    month = models.DateField(
        help_text="The budget month, as the first day of the month it is named after."
    )
    # Whole cents: integer sums are exact on every database (SQLite adds decimals as floats).
    spent_cents = models.BigIntegerField(default=0)
    count = models.IntegerField(default=0)

    objects = BudgetScopedQuerySet.as_manager()

    class Meta:
        ordering = ["month", "category_id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "month"], name="monthlytotal_unique"),
            models.CheckConstraint(
                condition=Exact(DayOfMonth("month"), 1), name="monthlytotal_month_is_first_day"
            ),
        ]
        indexes = [
            models.Index(fields=["budget", "month"], name="monthlytotal_budget_month"),
            # The carry chain (issue 15): each category's months in order, read from the index
            # alone (spent_cents in it), so adding up years of totals touches no table row.
            models.Index(
                fields=["budget", "category", "month", "spent_cents"],
                name="monthlytotal_budget_category",
            ),
        ]

    def __str__(self):
        return f"{format_month(self.month)} {self.category_id}: {self.spent} ({self.count})"

    @property
    def spent(self) -> Decimal:
        return cents_to_money(self.spent_cents)


class EnvelopeBalance(models.Model):
    """A carrying category's `available` at the end of one budget month that has data.

    Kept by `ledger.services.balances.refresh_balances` in the transaction of every write
    that changes it; months without data are bridged by `ledger.carry.bridge`.
    """

    budget = models.ForeignKey("Budget", on_delete=models.CASCADE, related_name="envelope_balances")
    category = models.ForeignKey(
        "Category", on_delete=models.CASCADE, related_name="envelope_balances"
    )
    month = models.DateField(
        help_text="The budget month, as the first day of the month it is named after."
    )
    # Whole cents, as the monthly totals (exact sums on every database).
    available_cents = models.BigIntegerField()

    objects = BudgetScopedQuerySet.as_manager()

    class Meta:
        ordering = ["month", "category_id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "month"], name="envelopebalance_unique"),
            models.CheckConstraint(
                condition=Exact(DayOfMonth("month"), 1), name="envelopebalance_month_is_first_day"
            ),
        ]
        indexes = [
            # The summary's read: each category's latest balance before a month, from the
            # index alone.
            models.Index(
                fields=["category", "month", "available_cents"],
                name="envelopebalance_latest",
            ),
        ]

    def __str__(self):
        return f"{format_month(self.month)} {self.category_id}: {self.available_cents}"


def cents_to_money(cents: int) -> Decimal:
    """Whole cents as a two-place Decimal."""
    return (Decimal(cents) / 100).quantize(CENT)
