"""Uploads waiting between the steps of the import page: kept, updated, discarded.

Each upload is a row bound to its user (see `ImportUpload`); uploads older than
a day are deleted, anyone's, whenever a new one is kept, and a person's oldest
make room for a new one past `MAX_PER_USER` uploads or `MAX_BYTES_PER_USER` bytes.
"""

import secrets

from django.db import transaction
from django.utils import timezone

from ledger.models import ImportUpload
from ledger.transfer.uploads import pack_table


@transaction.atomic
def save_upload(*, user, table, size: int, filename: str, choices: dict) -> ImportUpload:
    """Keep the file's parsed `table` (read from `size` bytes) for the next steps under a
    random token; sweep away expired uploads, and the user's oldest beyond the bounds."""
    ImportUpload.objects.filter(created_at__lt=timezone.now() - ImportUpload.MAX_AGE).delete()
    _make_room(user, size)
    return ImportUpload.objects.create(
        owner=user,
        token=secrets.token_urlsafe(24),
        filename=filename[:255],
        data=pack_table(table),
        size=size,
        choices=choices,
    )


def _make_room(user, size: int) -> None:
    kept = list(
        ImportUpload.objects.filter(owner=user)
        .order_by("-created_at", "-pk")
        .values_list("pk", "size")
    )
    room, count, keep = ImportUpload.MAX_BYTES_PER_USER - size, 1, []
    for pk, kept_size in kept:  # newest first: the oldest go
        if count < ImportUpload.MAX_PER_USER and kept_size <= room:
            keep.append(pk)
            room -= kept_size
            count += 1
        else:
            room = -1  # everything older goes too
    ImportUpload.objects.filter(owner=user).exclude(pk__in=keep).delete()


def update_upload_choices(*, upload: ImportUpload, choices: dict) -> None:
    """Replace what the user chose for this upload (columns, formats, categories...)."""
    upload.choices = choices
    upload.save(update_fields=["choices"])


def discard_upload(*, upload: ImportUpload) -> None:
    """Forget an upload once its rows are stored or the user starts again."""
    upload.delete()
