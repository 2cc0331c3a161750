"""The budget's data: categories with monthly limits, expenses, monthly income.

A budget owns the data and its members share it (issue 14). Every rule the
forms enforce is backed by a database constraint, and every query for a
budget's data starts from the model's `for_budget` scoping method;
`ledger.access` says which budgets a request may read or change.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.utils import timezone

from ledger.months import format_month, month_range
from ledger.rules import (
    BUDGET_NAME_MAX,
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


class BudgetScopedQuerySet(models.QuerySet):
    def for_budget(self, budget):
        """This budget's rows only: the one door to a budget's data (None: no rows)."""
        if budget is None:
            return self.none()
        return self.filter(budget=budget)


class CategoryQuerySet(BudgetScopedQuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def archived(self):
        return self.filter(is_archived=True)


class Category(models.Model):
    budget = models.ForeignKey("Budget", on_delete=models.CASCADE, related_name="categories")
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
                F("budget"),
                Lower("name"),
                name="category_unique_name_per_budget",
                violation_error_message=DUPLICATE_CATEGORY_NAME,
            ),
            models.CheckConstraint(condition=Q(limit__gte=0), name="category_limit_not_negative"),
            models.CheckConstraint(condition=~Q(name=""), name="category_name_not_empty"),
        ]

    def __str__(self):
        return self.name


class ExpenseQuerySet(BudgetScopedQuerySet):
    def in_month(self, month):
        """Expenses dated in the month that starts on `month` (a date range, index friendly)."""
        start, end = month_range(month)
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
    date = models.DateField()
    description = models.CharField(max_length=DESCRIPTION_MAX, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
        ]

    def __str__(self):
        return f"{self.date} {self.amount} {self.description}".rstrip()


class MonthlyIncome(models.Model):
    budget = models.ForeignKey("Budget", on_delete=models.CASCADE, related_name="incomes")
    month = models.DateField(help_text="The first day of the month.")
    amount = models.DecimalField(**MONEY)
    note = models.CharField(max_length=255, blank=True, default="")
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


class ApiTokenQuerySet(models.QuerySet):
    def for_user(self, user):
        """`user`'s own tokens (a token is personal; each acts on one of its user's budgets)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def active(self):
        return self.filter(revoked_at__isnull=True)

    def holding(self, raw: str):
        """The unrevoked token whose text is `raw`, of an active user who is still a member
        of the token's budget (owner and budget loaded, `member_role` set), or None."""
        role = Membership.objects.filter(
            budget=models.OuterRef("budget"), user=models.OuterRef("owner")
        ).values("role")[:1]
        return (
            self.active()
            .select_related("owner", "budget")
            .annotate(member_role=models.Subquery(role))
            .filter(
                token_hash=ApiToken.digest(raw), owner__is_active=True, member_role__isnull=False
            )
            .first()
        )


class ApiToken(models.Model):
    """A personal API token: only its SHA-256 hash is stored, the token itself is shown once."""

    PREFIX = "bgt_"
    USE_RESOLUTION = timedelta(minutes=1)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    # The budget the token acts on; it works only while `owner` is a member of it.
    budget = models.ForeignKey("Budget", on_delete=models.CASCADE, related_name="api_tokens")
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


# Shared budgets (issue 14): a budget has members, each with a role.


class Role(models.TextChoices):
    OWNER = "owner", "owner"
    EDITOR = "editor", "editor"
    VIEWER = "viewer", "viewer"


class BudgetQuerySet(models.QuerySet):
    def for_user(self, user):
        """The budgets `user` is a member of, in any role."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Budget(models.Model):
    """What owns the data: a household's categories, expenses and income, kept by its members."""

    name = models.CharField(max_length=BUDGET_NAME_MAX)
    created = models.DateTimeField(auto_now_add=True)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name"), "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="budget_name_not_empty"),
        ]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        """`user`'s memberships (with their budgets and `member_count`, how many people keep
        each), oldest first: the first is the default."""
        if user is None or not user.is_authenticated:
            return self.none()
        members = Membership.objects.filter(budget=models.OuterRef("budget")).values("budget")
        count = members.annotate(count=models.Count("pk")).values("count")
        return (
            self.filter(user=user)
            .select_related("budget")
            .annotate(member_count=models.Subquery(count))
            .order_by("pk")
        )

    def for_budget(self, budget):
        """The members of `budget` (users loaded), by username."""
        return self.filter(budget=budget).select_related("user").order_by("user__username")

    def owners(self):
        return self.filter(role=Role.OWNER)


class Membership(models.Model):
    """`user` keeps `budget` in `role`; every budget has at least one owner."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "user"],
                name="membership_unique_user_per_budget",
                violation_error_message="This person is already a member of the budget.",
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} in {self.budget} ({self.role})"

    @property
    def can_write(self) -> bool:
        return self.role in (Role.OWNER, Role.EDITOR)

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER


class InvitationQuerySet(models.QuerySet):
    def for_budget(self, budget):
        return self.filter(budget=budget)

    def pending(self):
        """Links that someone could still accept."""
        return self.filter(
            used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def find(self, raw: str):
        """The invitation whose link token is `raw` (any state), or None."""
        return self.select_related("budget").filter(token_hash=Invitation.digest(raw)).first()


class Invitation(models.Model):
    """A single-use link that makes whoever accepts it a member; only its hash is stored."""

    ROLES = [(Role.EDITOR, "editor"), (Role.VIEWER, "viewer")]

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=10, choices=ROLES)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=[Role.EDITOR, Role.VIEWER]), name="invitation_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.role} invitation to {self.budget}"

    @staticmethod
    def digest(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @property
    def state(self) -> str:
        """ "pending", "used", "revoked" or "expired"."""
        if self.used_at is not None:
            return "used"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


# The bank-file import (issue 13): uploads between steps, and what a budget's imports taught.


class ImportUploadQuerySet(models.QuerySet):
    def for_user(self, user):
        """`user`'s own uploads (an upload is personal until its rows are imported)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class ImportUpload(models.Model):
    """A bank file waiting between the steps of the import page, kept in the database.

    App processes are stateless, so the bytes live here, bound to the user who sent
    them (personal, like an API token; its rows go into the budget current at each
    step, which needs a role that writes); an
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

    objects = ImportUploadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename or self.token[:8]


class ImportProfile(models.Model):
    """How a budget's file with this header row is read: columns, formats, sign rule.

    Found again by `header_key` (a digest of the header names), so the next file
    from the same bank is read the same way without asking.
    """

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="import_profiles")
    header_key = models.CharField(max_length=64)
    header = models.CharField(max_length=1000, blank=True, default="")
    choices = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BudgetScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "header_key"], name="importprofile_unique_header_per_budget"
            ),
        ]

    def __str__(self):
        return self.header[:60]


class RememberedCategory(models.Model):
    """The category a budget's imported expenses with this normalised description were given."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="remembered_categories"
    )
    description_key = models.CharField(max_length=DESCRIPTION_MAX)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = BudgetScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "description_key"],
                name="rememberedcategory_unique_key_per_budget",
            ),
        ]

    def __str__(self):
        return f"{self.description_key} → {self.category_id}"
