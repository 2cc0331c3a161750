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
# Screening before quiffen (see docs/robustness.md): its date parser slows down with the
# length of a date, and it parses every line of a record.
MAX_DATE_LENGTH = 40  # characters after the D; "12/25'2020" has 10
MAX_AMOUNT_LENGTH = 40  # characters after T, U or $
MAX_LINE_LENGTH = 10_000
MAX_RECORD_LINES = 600  # lines between two "^" (a transaction with 200 splits)


def looks_like_qif(text: str, filename: str = "") -> bool:
    return filename.lower().endswith(".qif") or text.lstrip().startswith(
        ("!Type:", "!Account", "!Option")
    )


def read_qif(decoded: Text, last_date_format: str | None = None) -> Table:
    """The file's transactions as a table: Date (ISO), Amount (signed), Payee, Memo, Category."""
    text = normalise_newlines(decoded.text).strip()
    screen_qif(text)
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


def screen_qif(text: str) -> None:
    """Refuse, in time linear in the file, what would make quiffen slow: overlong dates,
    amounts or lines, and records of very many lines."""
    record_lines = 0
    for number, line in enumerate(text.split("\n"), start=1):
        code = line[:1]
        if code == "^":
            record_lines = 0
            continue
        record_lines += 1
        problem = None
        if len(line) > MAX_LINE_LENGTH:
            problem = f"is longer than {MAX_LINE_LENGTH:,} characters"
        elif code == "D" and len(line.strip()) > MAX_DATE_LENGTH + 1:
            problem = f"holds a date longer than {MAX_DATE_LENGTH} characters"
        elif code and code in "TU$" and len(line.strip()) > MAX_AMOUNT_LENGTH + 1:
            problem = f"holds an amount longer than {MAX_AMOUNT_LENGTH} characters"
        elif record_lines > MAX_RECORD_LINES:
            problem = f"ends a record of more than {MAX_RECORD_LINES} lines (no ^ between them)"
        if problem:
            raise ImportFileError(f"This QIF file cannot be read: line {number:,} {problem}.")
