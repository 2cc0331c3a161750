"""A table to typed rows: dates, amounts, money out or in, descriptions. Pure: no database.

The formats are detected once per column (see `values`), the sign rule once per
file: a debit/credit pair of columns, else a type column (DEBIT/CREDIT), else the
sign most rows carry is spending (a bank statement: negatives; a card statement
or an expense list: positives). `Choices` carries what the user overrode.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledger.rules import CATEGORY_NAME_MAX, DESCRIPTION_MAX
from ledger.transfer.columns import ColumnMap, direction_of
from ledger.transfer.table import Table
from ledger.transfer.values import (
    DATE_FORMATS,
    Detected,
    detect_date_format,
    detect_decimal_mark,
    parse_amount,
    parse_date,
)

SPENDING_CHOICES = {
    "negative": "Negative amounts are spending",
    "positive": "Positive amounts are spending",
}
ELLIPSIS = "…"
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Choices:
    """What the user chose (None: detect), and their last import's formats for ambiguity."""

    date_format: str | None = None
    decimal: str | None = None
    spending: str | None = None  # "negative", "positive" or "flip" (swap out and in)
    last_date_format: str | None = None
    last_decimal: str | None = None


@dataclass(frozen=True)
class SignRule:
    kind: str  # "sign", "columns" or "direction"
    spending: str  # "negative"/"positive" for "sign"; "debit"/"credit" or "out"/"in" otherwise
    text: str  # what the preview says


@dataclass(frozen=True)
class TypedRow:
    line: int
    date: date
    amount: Decimal  # positive
    money_in: bool
    description: str
    category: str  # from the file; "" when it has none
    shortened: bool = False

    @property
    def key(self):
        """What makes an expense the same as a stored one."""
        return (self.date, self.amount, self.description)


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str


@dataclass
class TypedRows:
    rows: list[TypedRow]
    errors: list[RowError]
    columns: ColumnMap
    date_format: Detected
    decimal: Detected
    sign_rule: SignRule
    table: Table

    @property
    def encoding(self) -> str:
        return self.table.encoding

    @property
    def shortened(self) -> int:
        return sum(row.shortened for row in self.rows)


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _column(records, index):
    return [_cell(cells, index) for _, cells in records] if index is not None else []


def _sign_rule(records, columns: ColumnMap, table: Table, decimal: str, choices: Choices, amounts):
    flip = choices.spending == "flip"
    header = table.header
    if columns.debit is not None or columns.credit is not None:
        names = [
            header[i] if i is not None and i < len(header) else ""
            for i in (columns.debit, columns.credit)
        ]
        debit, credit = (names[1], names[0]) if flip else (names[0], names[1])
        text = f"the “{debit or 'debit'}” column is spending, “{credit or 'credit'}” is money in"
        return SignRule("columns", "credit" if flip else "debit", text)
    if columns.direction is not None:
        name = header[columns.direction] if columns.direction < len(header) else "type"
        out = "credit" if flip else "debit"
        text = f"the “{name}” column decides: {out.upper()} is spending, the other is money in"
        return SignRule("direction", "in" if flip else "out", text)
    spending = choices.spending if choices.spending in SPENDING_CHOICES else None
    if spending is None:
        spending = table.spending_hint or _majority_sign(records, columns.amount, decimal, amounts)
        if flip:
            spending = "positive" if spending == "negative" else "negative"
            detected = " (flipped, as you chose)"
        elif table.spending_hint:
            detected = f" (as {table.source} files sign them)"
        else:
            detected = " (the sign most rows carry)"
    else:
        detected = " (as you chose)"
    return SignRule("sign", spending, f"{spending} amounts are spending{detected}")


def _majority_sign(records, index, decimal, amounts) -> str:
    negative = positive = 0
    for value in _column(records, index):
        if value not in amounts:
            try:
                amounts[value] = parse_amount(value, decimal)
            except ValueError:
                amounts[value] = None
        amount = amounts[value]
        if amount:
            negative += amount < 0
            positive += amount > 0
    return "positive" if positive > negative else "negative"


def type_rows(table: Table, columns: ColumnMap, choices: Choices = Choices()) -> TypedRows:
    """Every data record as a TypedRow, or a RowError naming each of its problems."""
    records = table.data_records()
    date_format = (
        Detected(choices.date_format)
        if choices.date_format
        else detect_date_format(_column(records, columns.date), choices.last_date_format)
    )
    money_values = [
        value
        for index in (columns.amount, columns.debit, columns.credit)
        for value in _column(records, index)
    ]
    decimal = (
        Detected(choices.decimal)
        if choices.decimal
        else detect_decimal_mark(money_values, choices.last_decimal)
    )
    amounts: dict[str, Decimal | None] = {}  # each distinct cell parsed once
    rule = _sign_rule(records, columns, table, decimal.value, choices, amounts)
    dates: dict[str, date] = {}
    rows, errors = [], []
    for line, cells in records:
        problems = []
        day = _date(_cell(cells, columns.date), date_format.value, dates, problems)
        amount, money_in = _money(cells, columns, decimal.value, rule, problems, amounts)
        category = _cell(cells, columns.category)
        if len(category) > CATEGORY_NAME_MAX:
            problems.append(f"category longer than {CATEGORY_NAME_MAX} characters")
        if problems:
            errors.append(RowError(line, "; ".join(problems)))
            continue
        description, shortened = _description(cells, columns)
        rows.append(TypedRow(line, day, amount, money_in, description, category, shortened))
    return TypedRows(rows, errors, columns, date_format, decimal, rule, table)


def _date(text, date_format, cache, problems):
    if text in cache:
        return cache[text]
    if not text:
        problems.append("no date")
        return None
    try:
        cache[text] = parse_date(text, date_format)
    except ValueError as error:
        problems.append(
            f"{error} (expected {DATE_FORMATS[date_format]})"
            if "expected" not in str(error)
            else str(error)
        )
        return None
    return cache[text]


def _amount(text, decimal, problems, cache=None):
    if cache is not None and cache.get(text) is not None:
        return cache[text]
    try:
        return parse_amount(text, decimal)
    except ValueError as error:
        problems.append(str(error))
        return None


def _money(cells, columns, decimal, rule, problems, amounts) -> tuple[Decimal | None, bool]:
    """The row's positive amount and whether it is money in."""
    if rule.kind == "columns":
        debit = _amount(_cell(cells, columns.debit), decimal, problems)
        credit = _amount(_cell(cells, columns.credit), decimal, problems)
        if problems:
            return None, False
        if debit and credit:
            problems.append("both a debit and a credit amount")
            return None, False
        if not debit and not credit:
            problems.append("zero amount" if debit == 0 or credit == 0 else "no amount")
            return None, False
        money_in = bool(credit) if rule.spending == "debit" else bool(debit)
        return abs(debit or credit), money_in
    amount = _amount(_cell(cells, columns.amount), decimal, problems, amounts)
    if amount is None:
        if not problems:
            short = columns.amount is not None and len(cells) <= columns.amount
            problems.append(
                f"no amount (the row has only {len(cells)} cells)" if short else "no amount"
            )
        return None, False
    if amount == 0:
        problems.append("zero amount (neither money out nor in)")
        return None, False
    if rule.kind == "direction":
        value = _cell(cells, columns.direction)
        direction = direction_of(value)
        if direction is None:
            problems.append(f"type {value!r} says neither money out nor in")
            return None, False
        return abs(amount), direction != rule.spending
    spending_negative = rule.spending == "negative"
    return abs(amount), (amount > 0) == spending_negative


def _description(cells, columns) -> tuple[str, bool]:
    payee = _WHITESPACE.sub(" ", _cell(cells, columns.payee))
    memo = _WHITESPACE.sub(" ", _cell(cells, columns.description))
    if payee and memo and payee.lower() not in memo.lower():
        text = f"{payee} – {memo}"
    else:
        text = memo or payee
    if len(text) > DESCRIPTION_MAX:
        return text[: DESCRIPTION_MAX - 1].rstrip() + ELLIPSIS, True
    return text, False
