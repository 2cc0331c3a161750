"""Personal API tokens: only a hash is stored."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q

from ledger.models.budgets import Membership
from ledger.rules import TOKEN_NAME_MAX


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
    name = models.CharField(max_length=TOKEN_NAME_MAX)
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
