"""Uploads waiting between the steps of the import page: kept, updated, discarded.

Each upload is a row bound to its user (see `ImportUpload`); uploads older than
a day are deleted, anyone's, whenever a new one is kept.
"""

import secrets

from django.utils import timezone

from ledger.models import ImportUpload


def save_upload(*, user, data: bytes, filename: str, choices: dict) -> ImportUpload:
    """Keep the file for the next steps under a random token; sweep away expired uploads."""
    ImportUpload.objects.filter(created_at__lt=timezone.now() - ImportUpload.MAX_AGE).delete()
    return ImportUpload.objects.create(
        owner=user,
        token=secrets.token_urlsafe(24),
        filename=filename[:255],
        data=data,
        choices=choices,
    )


def update_upload_choices(*, upload: ImportUpload, choices: dict) -> None:
    """Replace what the user chose for this upload (columns, formats, categories...)."""
    upload.choices = choices
    upload.save(update_fields=["choices"])


def discard_upload(*, upload: ImportUpload) -> None:
    """Forget an upload once its rows are stored or the user starts again."""
    upload.delete()
