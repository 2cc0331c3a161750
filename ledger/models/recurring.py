"""Recurring expenses (issue 17): rent, subscriptions and bills that record themselves.

A `RecurringExpense` is a schedule (see `ledger.recurrence` for its dates). Its
occurrences from `posts_from` on are pending; `next_due` is the first of them
(null when none remain), kept by the services; the earliest `next_due` of a
budget's auto-posting schedules is also on the budget row (`Budget.next_due`),
so "is anything due?" costs a request no query. Each occurrence becomes at most one expense: the expense keeps
the schedule and the occurrence date, unique together in the database.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ledger.models.scoping import BudgetScopedQuerySet
from ledger.rules import DESCRIPTION_MAX, MONEY, validate_writable_date

INTERVAL_MAX = 99
COUNT_MAX = 1000


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    YEARLY = "yearly", "Yearly"


class RecurringExpenseQuerySet(BudgetScopedQuerySet):
    def posting(self):
        """Schedules that record their occurrences by themselves."""
        return self.filter(active=True, auto_post=True)


class RecurringExpense(models.Model):
    budget = models.ForeignKey(
        "Budget", on_delete=models.CASCADE, related_name="recurring_expenses"
    )
    category = models.ForeignKey(
        "Category", on_delete=models.CASCADE, related_name="recurring_expenses"
    )
    amount = models.DecimalField(**MONEY)
    description = models.CharField(max_length=DESCRIPTION_MAX, blank=True, default="")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    interval = models.PositiveSmallIntegerField(default=1)
    start = models.DateField(validators=[validate_writable_date])
    end = models.DateField(null=True, blank=True, validators=[validate_writable_date])
    count = models.PositiveIntegerField(null=True, blank=True)
    day_of_month = models.PositiveSmallIntegerField(null=True, blank=True)
    last_day = models.BooleanField(default=False)
    auto_post = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    # Occurrences before this day are never posted or shown as due (only recorded on
    # request): the day it was made, resumed, or the day after the last one dealt with.
    posts_from = models.DateField()
    next_due = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recurring_expenses",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecurringExpenseQuerySet.as_manager()

    class Meta:
        ordering = ["next_due", "id"]
        indexes = [models.Index(fields=["budget", "next_due"], name="recurring_budget_next_due")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="recurring_amount_positive"),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="recurring_frequency_valid"
            ),
            models.CheckConstraint(
                condition=Q(interval__gte=1) & Q(interval__lte=INTERVAL_MAX),
                name="recurring_interval_range",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="recurring_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(count__isnull=True) | (Q(count__gte=1) & Q(count__lte=COUNT_MAX)),
                name="recurring_count_range",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(count__isnull=True),
                name="recurring_end_or_count",
            ),
            models.CheckConstraint(
                condition=Q(day_of_month__isnull=True)
                | (Q(day_of_month__gte=1) & Q(day_of_month__lte=31)),
                name="recurring_day_of_month_range",
            ),
            models.CheckConstraint(
                condition=Q(last_day=False) | Q(day_of_month__isnull=True),
                name="recurring_last_day_or_day",
            ),
            models.CheckConstraint(
                condition=Q(frequency=Frequency.MONTHLY)
                | (Q(day_of_month__isnull=True) & Q(last_day=False)),
                name="recurring_day_only_monthly",
            ),
        ]

    def __str__(self):
        return self.description or f"{self.amount} {self.frequency}"


class SkippedOccurrenceQuerySet(models.QuerySet):
    def for_budget(self, budget):
        if budget is None:
            return self.none()
        return self.filter(recurring__budget=budget)


class SkippedOccurrence(models.Model):
    """An occurrence its budget chose never to record."""

    recurring = models.ForeignKey(
        RecurringExpense, on_delete=models.CASCADE, related_name="skipped"
    )
    date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SkippedOccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["recurring", "date"], name="skipped_unique_date")
        ]

    def __str__(self):
        return f"{self.recurring_id} skipped {self.date}"
