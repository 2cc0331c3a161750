"""OFX and QFX statements to a table, with ofxtools (OFX 1 SGML and OFX 2 XML). Pure.

OFX signs amounts from the account holder's side: negative is money out, on bank
and card statements alike, so the table carries that sign rule with it.
"""

import io
import logging

from ofxtools.Parser import OFXTree

from ledger.transfer.encoding import ImportFileError
from ledger.transfer.table import MAX_ROWS, Table

HEADER = ["Date", "Amount", "Payee", "Memo"]
# ofxtools logs every element it converts at INFO.
logging.getLogger("ofxtools").setLevel(logging.WARNING)


def looks_like_ofx(data: bytes, filename: str = "") -> bool:
    if filename.lower().endswith((".ofx", ".qfx")):
        return True
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    return start.startswith(b"OFXHEADER") or (start.startswith(b"<?XML") and b"<?OFX" in start)


def read_ofx(data: bytes) -> Table:
    """The statement's transactions as a table: Date (ISO), Amount (signed), Payee, Memo."""
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
