"""One-time form tokens (issue 24): a POST that a browser sends twice records once.

Every form that creates something carries a random token in a hidden field. The
first POST that saves stores it here (unique per user) in the same transaction
as what it saved; a second POST with the same token finds it and saves nothing.
Kept in the database, not in a process: any of the app's processes may get the
second POST.
"""

from django.conf import settings
from django.db import models

KEY_MAX = 64


class FormSubmission(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=KEY_MAX)
    # Where what the form saved can be seen (the page the first POST went on to).
    saved_url = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="formsubmission_unique_key")
        ]
        indexes = [models.Index(fields=["created_at"], name="formsubmission_created")]

    def __str__(self):
        return f"{self.user_id}: {self.key}"
