"""One-time form tokens (issue 24): claim a token once, in the transaction that saves."""

import re
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from ledger.models import FormSubmission
from ledger.models.submissions import KEY_MAX

_KEY_RE = re.compile(rf"^[A-Za-z0-9_-]{{16,{KEY_MAX}}}$")
# A token older than this is forgotten: no browser resends a form that late.
KEEP_DAYS = 30


class AlreadySubmitted(Exception):
    """The form with this token was saved before; `submission` says where it can be seen."""

    def __init__(self, submission: FormSubmission | None):
        self.submission = submission
        super().__init__("Already saved.")


def is_form_key(key) -> bool:
    return isinstance(key, str) and bool(_KEY_RE.match(key))


def used_submission(*, user, key: str) -> FormSubmission | None:
    """The saved submission of `user` with `key`, if the form was saved already."""
    return FormSubmission.objects.filter(user=user, key=key).first()


def claim_submission(*, user, key: str) -> FormSubmission:
    """Store `key` as used by `user`; AlreadySubmitted when it was. Call inside the
    transaction that saves the form, so a save that fails leaves the token unused."""
    try:
        with transaction.atomic():
            submission = FormSubmission.objects.create(user=user, key=key)
    except IntegrityError:  # the same form sent twice at the same moment: the first one won
        raise AlreadySubmitted(used_submission(user=user, key=key)) from None
    FormSubmission.objects.filter(
        user=user, created_at__lt=timezone.now() - timedelta(days=KEEP_DAYS)
    ).delete()
    return submission


def record_saved_url(*, submission: FormSubmission, url: str) -> None:
    """Remember where what the form saved is shown (the second POST links there)."""
    submission.saved_url = url[:500]
    submission.save(update_fields=["saved_url"])
