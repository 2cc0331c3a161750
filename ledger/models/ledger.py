"""The ledger: categories with monthly limits, the expenses recorded in them, monthly income."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.db.models.lookups import Exact

from ledger.models.envelopes import Rollover
from ledger.models.scoping import BudgetScopedQuerySet, DayOfMonth
from ledger.months import format_month, month_range
from ledger.rules import (
    CATEGORY_NAME_MAX,
    DESCRIPTION_MAX,
    DUPLICATE_CATEGORY_NAME,
    MONEY,
    NOTE_MAX,
    ZERO,
    validate_writable_date,
    validate_writable_month,
)


class CategoryQuerySet(BudgetScopedQuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def archived(self):
        return self.filter(is_archived=True)


class Category(models.Model):
    budget = models.ForeignKey("Budget", on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(max_length=CATEGORY_NAME_MAX)
    limit = models.DecimalField("monthly limit", default=ZERO, **MONEY)
    # Envelopes (issue 15): what the category carries from month to month, from which month.
    rollover = models.CharField(max_length=10, choices=Rollover.choices, default=Rollover.NONE)
    rollover_from = models.DateField(
        null=True,
        blank=True,
        validators=[validate_writable_month],
        help_text="The first month that carries nothing in (the first day of its month).",
    )
    is_archived = models.BooleanField("archived", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "categories"
        ordering = [Lower("name"), "id"]
        constraints = [
            models.UniqueConstraint(
                F("budget"),
                Lower("name"),
                name="category_unique_name_per_budget",
                violation_error_message=DUPLICATE_CATEGORY_NAME,
            ),
            models.CheckConstraint(condition=Q(limit__gte=0), name="category_limit_not_negative"),
            models.CheckConstraint(condition=~Q(name=""), name="category_name_not_empty"),
            models.CheckConstraint(
                condition=Q(rollover__in=Rollover.values), name="category_rollover_valid"
            ),
            models.CheckConstraint(
                condition=Q(rollover=Rollover.NONE) | Q(rollover_from__isnull=False),
                name="category_rollover_has_start",
            ),
            models.CheckConstraint(
                condition=Q(rollover_from__isnull=True) | Exact(DayOfMonth("rollover_from"), 1),
                name="category_rollover_from_first_day",
            ),
        ]

    def __str__(self):
        return self.name


class ExpenseQuerySet(BudgetScopedQuerySet):
    def in_month(self, month, start_day: int = 1):
        """Expenses dated in budget month `month` (a date range, index friendly)."""
        start, end = month_range(month, start_day)
        return self.filter(date__gte=start, date__lt=end)


class Expense(models.Model):
    budget = models.ForeignKey("Budget", on_delete=models.CASCADE, related_name="expenses")
    # The member who recorded it; kept when they leave the budget (and blank if the account goes).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recorded_expenses",
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="expenses")
    amount = models.DecimalField(**MONEY)
    date = models.DateField(validators=[validate_writable_date])
    description = models.CharField(max_length=DESCRIPTION_MAX, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The recurring expense (issue 17) whose occurrence on `occurrence_date` this records;
    # deleting the schedule keeps the expense. Last, so positional construction (seed_bench)
    # keeps its order. The unique pair's index serves the look-up.
    recurring = models.ForeignKey(
        "RecurringExpense",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        related_name="expenses",
    )
    occurrence_date = models.DateField(null=True, blank=True)

    objects = ExpenseQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            # "This budget's expenses in a date range", newest first.
            models.Index(fields=["budget", "date", "id"], name="expense_budget_date"),
            # "This category's expenses in a date range" (the monthly summary).
            models.Index(fields=["category", "date", "amount"], name="expense_category_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="expense_amount_positive"),
            models.UniqueConstraint(
                fields=["recurring", "occurrence_date"], name="expense_unique_occurrence"
            ),
            models.CheckConstraint(
                condition=Q(recurring__isnull=True) | Q(occurrence_date__isnull=False),
                name="expense_occurrence_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.amount} {self.description}".rstrip()


class MonthlyIncome(models.Model):
    budget = models.ForeignKey("Budget", on_delete=models.CASCADE, related_name="incomes")
    month = models.DateField(
        validators=[validate_writable_month], help_text="The first day of the month."
    )
    amount = models.DecimalField(**MONEY)
    note = models.CharField(max_length=NOTE_MAX, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BudgetScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "monthly income"
        verbose_name_plural = "monthly incomes"
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "month"],
                name="income_unique_month_per_budget",
                violation_error_message="Income for this month is already set.",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="income_amount_not_negative"),
            models.CheckConstraint(
                condition=Exact(DayOfMonth("month"), 1), name="income_month_is_first_day"
            ),
        ]

    def __str__(self):
        return f"{format_month(self.month)} {self.amount}"
