"""The bank-file import (issue 13): uploads between steps, and what a budget's imports taught."""

from datetime import timedelta

from django.conf import settings
from django.db import models

from ledger.models.budgets import Budget
from ledger.models.ledger import Category
from ledger.models.scoping import BudgetScopedQuerySet
from ledger.rules import DESCRIPTION_MAX, FILENAME_MAX


class ImportUploadQuerySet(models.QuerySet):
    def for_user(self, user):
        """`user`'s own uploads (an upload is personal until its rows are imported)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class ImportUpload(models.Model):
    """A bank file waiting between the steps of the import page, kept in the database.

    App processes are stateless, so the file lives here, bound to the user who sent
    it (personal, like an API token; its rows go into the budget current at each
    step, which needs a role that writes). It is parsed once, on upload: `data` holds
    its table (`ledger.transfer.uploads.pack_table`), which every later step reads instead
    of the file. A person keeps at most `MAX_PER_USER` uploads of `MAX_BYTES_PER_USER` files
    together (a new one replaces the oldest); one older than `MAX_AGE` is gone (never
    shown, and deleted on the next upload).
    """

    MAX_AGE = timedelta(days=1)
    MAX_PER_USER = 3
    MAX_BYTES_PER_USER = 30 * 1024 * 1024

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_uploads"
    )
    token = models.CharField(max_length=43, unique=True)
    filename = models.CharField(max_length=FILENAME_MAX, blank=True, default="")
    data = models.BinaryField()  # the parsed table, compressed
    size = models.PositiveIntegerField(default=0)  # bytes of the uploaded file
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
