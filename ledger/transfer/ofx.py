"""OFX and QFX statements to a table, with ofxtools (OFX 1 SGML and OFX 2 XML). Pure.

OFX signs amounts from the account holder's side: negative is money out, on bank
and card statements alike, so the table carries that sign rule with it.
"""

import io
import logging
import re

from ofxtools.Parser import OFXTree

from ledger.transfer.encoding import ImportFileError
from ledger.transfer.table import MAX_ROWS, Table

HEADER = ["Date", "Amount", "Payee", "Memo"]
# Screening before ofxtools (see docs/robustness.md): its regular expression scans from each
# <![CDATA[ to the end of the line, so a line's cost is its CDATA sections times its length.
MAX_CDATA_WORK = 5_000_000  # characters scanned, over the whole file (~0.1 s)
MAX_DEPTH = 32  # nested aggregates; real statements nest about 8 deep
MAX_TAG_LENGTH = 64  # characters in a tag's name; the longest OFX name has 32
_TAG = re.compile(rb"<(/?)([^<>]*)>([^<]*)")
_TAG_NAME = re.compile(rb"^[A-Za-z0-9./_ ]+$")
# ofxtools logs every element it converts at INFO.
logging.getLogger("ofxtools").setLevel(logging.WARNING)


def looks_like_ofx(data: bytes, filename: str = "") -> bool:
    if filename.lower().endswith((".ofx", ".qfx")):
        return True
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    return start.startswith(b"OFXHEADER") or (start.startswith(b"<?XML") and b"<?OFX" in start)


def read_ofx(data: bytes) -> Table:
    """The statement's transactions as a table: Date (ISO), Amount (signed), Payee, Memo."""
    screen_ofx(data)
    tree = OFXTree()
    try:
        tree.parse(io.BytesIO(data))
        ofx = tree.convert()
    except Exception as error:  # ofxtools raises many kinds for a malformed file
        raise ImportFileError(f"This OFX file cannot be read: {error}".rstrip(": ") + ".") from None
    records = [(1, list(HEADER))]
    for statement in ofx.statements:
        for transaction in statement.transactions:
            if len(records) > MAX_ROWS:
                raise ImportFileError(f"The file has more than {MAX_ROWS:,} rows.")
            posted = transaction.dtposted.date().isoformat() if transaction.dtposted else ""
            records.append(
                (
                    len(records) + 1,
                    [
                        posted,
                        str(transaction.trnamt),
                        transaction.name or "",
                        transaction.memo or "",
                    ],
                )
            )
    if len(records) == 1:
        raise ImportFileError("The OFX file holds no transactions.")
    return Table(records, "", 0, source="OFX", spending_hint="negative")


def _refuse(reason: str):
    raise ImportFileError(f"This OFX file cannot be read: {reason}.")


def screen_ofx(data: bytes) -> None:
    """Refuse, in time linear in the file, the shapes ofxtools would take too long or too much
    memory on: many CDATA sections on long lines, deep nesting, overlong or odd tag names."""
    work = 0
    for line in data.split(b"\n"):
        sections = line.count(b"<![CDATA[")
        if sections:
            work += sections * len(line)
            if work > MAX_CDATA_WORK:
                _refuse("it has too many CDATA sections on one line")
    open_aggregates = []  # the names of the aggregates open at this point
    for match in _TAG.finditer(data):
        closing, name, text = match.groups()
        if name.startswith((b"?", b"!")):  # the XML declarations, CDATA, comments
            continue
        if len(name) > MAX_TAG_LENGTH or not _TAG_NAME.match(name):
            _refuse(f"a tag name is not an OFX name (at byte {match.start():,})")
        if closing:
            if name in open_aggregates:  # else it closes an element (OFX 2) or nothing
                del open_aggregates[len(open_aggregates) - 1 - open_aggregates[::-1].index(name) :]
        elif not text.strip():  # an aggregate opens: no text before the next tag
            open_aggregates.append(name)
            if len(open_aggregates) > MAX_DEPTH:
                _refuse(f"it nests more than {MAX_DEPTH} levels deep")
