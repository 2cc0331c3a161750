"""Bytes to a table, whatever the file: CSV (any encoding and delimiter), OFX/QFX or QIF.

The one entry point of the pure stages before typing: the web page and the
command both call `read_file`, then `rows.type_rows`, then the preview.
"""

from ledger.transfer.encoding import decode
from ledger.transfer.ofx import looks_like_ofx, read_ofx
from ledger.transfer.qif import looks_like_qif, read_qif
from ledger.transfer.table import Table, read_table


def read_file(
    data: bytes, filename: str = "", delimiter: str | None = None, last_date_format=None
) -> Table:
    """The file's table; ImportFileError (with a message for people) when it is unreadable."""
    if looks_like_ofx(data, filename):
        return read_ofx(data)
    text = decode(data)
    if looks_like_qif(text.text, filename):
        return read_qif(text, last_date_format)
    table = read_table(text.text, delimiter)
    table.encoding = text.encoding
    return table
