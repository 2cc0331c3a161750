"""QIF (Quicken Interchange Format) files to a table, with quiffen. Pure.

QIF dates are written as the exporting program liked ("12/25'20", "25.12.2020"):
the day/month order is detected from all the file's dates first, then quiffen
reads the file with it. Amounts are signed from the account's side: negative is
money out.
"""

import re

from quiffen import Qif

from ledger.transfer.encoding import ImportFileError, Text
from ledger.transfer.table import MAX_ROWS, Table, normalise_newlines
from ledger.transfer.values import detect_date_format

HEADER = ["Date", "Amount", "Payee", "Memo", "Category"]
_DATE_LINE = re.compile(r"^D(.+)$", re.MULTILINE)


def looks_like_qif(text: str, filename: str = "") -> bool:
    return filename.lower().endswith(".qif") or text.lstrip().startswith(
        ("!Type:", "!Account", "!Option")
    )


def read_qif(decoded: Text, last_date_format: str | None = None) -> Table:
    """The file's transactions as a table: Date (ISO), Amount (signed), Payee, Memo, Category."""
    text = normalise_newlines(decoded.text).strip()
    dates = [value.replace("'", "/").replace(" ", "") for value in _DATE_LINE.findall(text)]
    day_first = detect_date_format(dates, last_date_format).value == "dmy"
    try:
        qif = Qif.parse_string(text, day_first=day_first)
    except Exception as error:  # quiffen raises several kinds for a malformed file
        raise ImportFileError(f"This QIF file cannot be read: {error}".rstrip(": ") + ".") from None
    records = [(1, list(HEADER))]
    for account in qif.accounts.values():
        for transactions in account.transactions.values():
            for transaction in transactions:
                if len(records) > MAX_ROWS:
                    raise ImportFileError(f"The file has more than {MAX_ROWS:,} rows.")
                category = transaction.category.name if transaction.category else ""
                records.append(
                    (
                        len(records) + 1,
                        [
                            transaction.date.date().isoformat() if transaction.date else "",
                            str(transaction.amount if transaction.amount is not None else ""),
                            transaction.payee or "",
                            transaction.memo or "",
                            category,
                        ],
                    )
                )
    if len(records) == 1:
        raise ImportFileError("The QIF file holds no transactions.")
    return Table(records, "", 0, source="QIF", spending_hint="negative", encoding=decoded.encoding)
