"""The budget's data: categories with monthly limits, expenses, monthly income.

Every rule the forms enforce is backed by a database constraint, and every
query for a user's data starts from the model's `for_user` scoping method.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.db.models.lookups import Exact

from ledger.months import format_month, month_range
from ledger.rules import (
    CATEGORY_NAME_MAX,
    DESCRIPTION_MAX,
    DUPLICATE_CATEGORY_NAME,
    MONEY,
    ZERO,
)


class DayOfMonth(models.Func):
    """The day of the month of a date column, in plain SQL on every database.

    Django's own `__day` lookup calls a Python function on SQLite, which would
    make the CHECK constraint fail for any other SQLite client (backups, CLI).
    """

    output_field = models.IntegerField()
    arity = 1
    template = "EXTRACT(DAY FROM %(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite stores dates as 'YYYY-MM-DD' text.
        return self.as_sql(
            compiler, connection, template="CAST(substr(%(expressions)s, 9, 2) AS INTEGER)"
        )


class OwnedQuerySet(models.QuerySet):
    def for_user(self, user):
        """This user's rows only: the one door to a user's data.

        A shared household budget would change this method and nothing else.
        """
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class CategoryQuerySet(OwnedQuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def archived(self):
        return self.filter(is_archived=True)


class Category(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="categories"
    )
    name = models.CharField(max_length=CATEGORY_NAME_MAX)
    limit = models.DecimalField("monthly limit", default=ZERO, **MONEY)
    is_archived = models.BooleanField("archived", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "categories"
        ordering = [Lower("name"), "id"]
        constraints = [
            models.UniqueConstraint(
                F("owner"),
                Lower("name"),
                name="category_unique_name_per_owner",
                violation_error_message=DUPLICATE_CATEGORY_NAME,
            ),
            models.CheckConstraint(condition=Q(limit__gte=0), name="category_limit_not_negative"),
            models.CheckConstraint(condition=~Q(name=""), name="category_name_not_empty"),
        ]

    def __str__(self):
        return self.name


class ExpenseQuerySet(OwnedQuerySet):
    def in_month(self, month):
        """Expenses dated in the month that starts on `month` (a date range, index friendly)."""
        start, end = month_range(month)
        return self.filter(date__gte=start, date__lt=end)


class Expense(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expenses"
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="expenses")
    amount = models.DecimalField(**MONEY)
    date = models.DateField()
    description = models.CharField(max_length=DESCRIPTION_MAX, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExpenseQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            # "This owner's expenses in a date range", newest first.
            models.Index(fields=["owner", "date", "id"], name="expense_owner_date"),
            # "This category's expenses in a date range" (the monthly summary).
            models.Index(fields=["category", "date", "amount"], name="expense_category_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="expense_amount_positive"),
        ]

    def __str__(self):
        return f"{self.date} {self.amount} {self.description}".rstrip()


class MonthlyIncome(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="incomes"
    )
    month = models.DateField(help_text="The first day of the month.")
    amount = models.DecimalField(**MONEY)
    note = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = "monthly income"
        verbose_name_plural = "monthly incomes"
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "month"],
                name="income_unique_month_per_owner",
                violation_error_message="Income for this month is already set.",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="income_amount_not_negative"),
            models.CheckConstraint(
                condition=Exact(DayOfMonth("month"), 1), name="income_month_is_first_day"
            ),
        ]

    def __str__(self):
        return f"{format_month(self.month)} {self.amount}"


class ApiTokenQuerySet(OwnedQuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def holding(self, raw: str):
        """The unrevoked token whose text is `raw`, of an active user (owner loaded), or None."""
        return (
            self.active()
            .select_related("owner")
            .filter(token_hash=ApiToken.digest(raw), owner__is_active=True)
            .first()
        )


class ApiToken(models.Model):
    """A personal API token: only its SHA-256 hash is stored, the token itself is shown once."""

    PREFIX = "bgt_"
    USE_RESOLUTION = timedelta(minutes=1)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        max_length=12, editable=False, help_text="The token's first characters, to recognise it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="apitoken_name_not_empty"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class ImportUpload(models.Model):
    """A bank file waiting between the steps of the import page, kept in the database.

    App processes are stateless, so the bytes live here, bound to their owner; an
    upload older than `MAX_AGE` is gone (never shown, and deleted on the next upload).
    """

    MAX_AGE = timedelta(days=1)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_uploads"
    )
    token = models.CharField(max_length=43, unique=True)
    filename = models.CharField(max_length=255, blank=True, default="")
    data = models.BinaryField()
    choices = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename or self.token[:8]


class ImportProfile(models.Model):
    """How a user's file with this header row is read: columns, formats, sign rule.

    Found again by `header_key` (a digest of the header names), so the next file
    from the same bank is read the same way without asking.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_profiles"
    )
    header_key = models.CharField(max_length=64)
    header = models.CharField(max_length=1000, blank=True, default="")
    choices = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "header_key"], name="importprofile_unique_header_per_owner"
            ),
        ]

    def __str__(self):
        return self.header[:60]


class RememberedCategory(models.Model):
    """The category a user gave imported expenses with this normalised description."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remembered_categories"
    )
    description_key = models.CharField(max_length=DESCRIPTION_MAX)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "description_key"], name="rememberedcategory_unique_key_per_owner"
            ),
        ]

    def __str__(self):
        return f"{self.description_key} → {self.category_id}"
