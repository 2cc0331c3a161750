"""Uploaded CSV files waiting between the steps of the import page.

Each file sits in the folder of the user who uploaded it, named by a random
token. A token is only ever looked up in the signed-in user's own folder, so
another user's token is a 404 and can never confirm someone else's upload.
Files older than a day are swept away on the user's next upload.
"""

import json
import re
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import Http404

from ledger.transfer.csv_import import MAX_FILE_BYTES

UPLOAD_MAX_AGE = 24 * 3600
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32}$")


def _upload_folder(user) -> Path:
    root = (
        getattr(settings, "BUDGET_IMPORT_DIR", None)
        or Path(tempfile.gettempdir()) / "budget-imports"
    )
    return Path(root) / str(user.pk)


def save_upload(user, data: bytes, meta: dict) -> str:
    """Keep the file for the next steps; return its token. Old uploads are swept away."""
    folder = _upload_folder(user)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.stat().st_mtime < time.time() - UPLOAD_MAX_AGE:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.csv").write_bytes(data)
    (folder / f"{token}.json").write_text(json.dumps(meta))
    return token


def load_upload(user, token: str) -> tuple[bytes, dict]:
    """The user's upload and its settings; 404 when the token is not theirs."""
    if not _TOKEN_RE.match(token):
        raise Http404("No such upload.")
    folder = _upload_folder(user)
    try:
        return (folder / f"{token}.csv").read_bytes(), json.loads(
            (folder / f"{token}.json").read_text()
        )
    except FileNotFoundError:
        raise Http404("No such upload.") from None


def update_upload(user, token: str, meta: dict) -> None:
    (_upload_folder(user) / f"{token}.json").write_text(json.dumps(meta))


def discard_upload(user, token: str) -> None:
    for suffix in (".csv", ".json"):
        (_upload_folder(user) / f"{token}{suffix}").unlink(missing_ok=True)


class CappedUploadHandler(FileUploadHandler):
    """Stops taking a file in once it passes the size cap, so a huge upload never fills the disk."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > MAX_FILE_BYTES:
            self.request.upload_too_large = True
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None
