"""Reading the uploads that wait between the import page's steps, and capping their size.

The uploads live in the database (`ImportUpload`), so any app process can serve
the next step. A token is only looked up among the signed-in user's own uploads
of the last day: another user's token, or an expired one, is a 404.
"""

import json
import re
import zlib

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import Http404
from django.utils import timezone

from ledger.models import ImportUpload
from ledger.transfer.encoding import MAX_FILE_BYTES
from ledger.transfer.table import Table

_TABLE_FIELDS = ("delimiter", "header_index", "source", "spending_hint", "encoding")


def pack_table(table: Table) -> bytes:
    """The table as compressed JSON: what every step after the upload reads, never the file."""
    state = {name: getattr(table, name) for name in _TABLE_FIELDS}
    document = {**state, "records": table.records}
    return zlib.compress(json.dumps(document, separators=(",", ":")).encode(), 1)


def unpack_table(data: bytes) -> Table:
    document = json.loads(zlib.decompress(data))
    records = [(line, cells) for line, cells in document.pop("records")]
    return Table(records, **document)


_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32}$")


def load_upload(user, token: str) -> ImportUpload:
    """The user's upload; 404 when the token is not theirs or has expired."""
    if not _TOKEN_RE.match(token):
        raise Http404("No such upload.")
    fresh_since = timezone.now() - ImportUpload.MAX_AGE
    upload = (
        ImportUpload.objects.for_user(user).filter(token=token, created_at__gte=fresh_since).first()
    )
    if upload is None:
        raise Http404("No such upload.")
    return upload


class CappedUploadHandler(FileUploadHandler):
    """Stops taking a file in once it passes the size cap, so a huge upload never fills memory."""

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
