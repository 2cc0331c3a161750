"""Shared budgets (issue 14): a budget has members, each with a role, and invitation links."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from ledger.rules import BUDGET_NAME_MAX, MONTH_START_DAY_MAX, MONTH_START_DAY_MIN


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
    # Issue 16: the day of the calendar month on which each budget month starts (1: calendar months).
    month_start_day = models.PositiveSmallIntegerField(default=MONTH_START_DAY_MIN)
    # The earliest pending occurrence of the budget's auto-posting recurring expenses (null:
    # none), kept by `ledger.services.recurring`. Never later than the truth (it may be
    # earlier for a moment), so a request sees what is due from the row it loads anyway.
    next_due = models.DateField(null=True, blank=True, editable=False)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name"), "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="budget_name_not_empty"),
            models.CheckConstraint(
                condition=Q(month_start_day__gte=MONTH_START_DAY_MIN)
                & Q(month_start_day__lte=MONTH_START_DAY_MAX),
                name="budget_month_start_day_range",
            ),
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
