"""A full backup of one budget's ledger as JSON, and its restore into an empty budget.

The format holds no ids and no owner: categories are named (names are unique
per budget, case-insensitively), expenses and allotments name their category,
amounts are decimal strings with two places, months are `YYYY-MM`. Exporting,
restoring into another empty account and exporting again gives the same document.

Version 2 (issues 15 and 16) adds the budget's `month_start_day`, each
category's `rollover` and `rollover_from`, and the `allotments`; a version 1
file still restores (no rollover, no allotments, months from the 1st).
"""

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from ledger import services
from ledger.models import Allotment, Category, Expense, MonthlyIncome, Rollover
from ledger.months import format_month, parse_month
from ledger.rules import (
    DATE_OUT_OF_RANGE,
    MAX_AMOUNT,
    MAX_CATEGORIES_PER_BUDGET,
    MONTH_OUT_OF_RANGE,
    MONTH_START_DAY_MAX,
    MONTH_START_DAY_MIN,
    TOO_MANY_CATEGORIES,
    date_in_range,
)

FORMAT = "budget-ledger"
VERSION = 2
READS = (1, 2)  # the versions a restore accepts
NAME_MAX = Category._meta.get_field("name").max_length
TEXT_MAX = Expense._meta.get_field("description").max_length
_MONEY_RE = re.compile(r"^\d{1,10}\.\d{2}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_EXPENSE_KEYS = ("date", "category", "amount", "description")


class ExpenseItem(tuple):
    """An expense of the file as read: its four values in `_EXPENSE_KEYS` order, kept as a
    tuple (72 bytes) instead of a dict (about 3 times that), with shared repeated strings."""

    __slots__ = ()

    def keys(self):
        return _EXPENSE_KEYS

    def __getitem__(self, key):
        return tuple.__getitem__(self, _EXPENSE_KEYS.index(key) if isinstance(key, str) else key)


def load_backup(file):
    """The JSON of a backup file (a binary file object); ValueError with a message for people
    when it is none.

    Expense objects are kept compact (`ExpenseItem`) and their repeated texts shared, so a
    50 MB file needs a small multiple of its size; nesting deeper than the parser's recursion
    limit is a ValueError, never a RecursionError.
    """
    shared = {}

    def compact(pairs):
        if len(pairs) == 4 and tuple(key for key, _ in pairs) == _EXPENSE_KEYS:
            return ExpenseItem(
                shared.setdefault(value, value) if isinstance(value, str) else value
                for _, value in pairs
            )
        return dict(pairs)

    try:
        text = file.read().decode("utf-8-sig")  # the bytes are gone once decoded
    except UnicodeDecodeError:
        raise ValueError("This is not a Budget backup file (not JSON).") from None
    try:
        return json.loads(text, object_pairs_hook=compact)
    except RecursionError:
        raise ValueError("This is not a Budget backup file (nested too deeply).") from None
    except ValueError:
        raise ValueError("This is not a Budget backup file (not JSON).") from None


class BackupError(ValueError):
    """The backup cannot be restored; `errors` lists every problem found (at most 20)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def export_ledger(budget) -> dict:
    """Every category (archived too, with its limit), expense and monthly income of the budget."""
    categories = Category.objects.for_budget(budget).order_by("id")
    names = {}
    category_rows = []
    for pk, name, limit, is_archived, rollover, rollover_from in categories.values_list(
        "pk", "name", "limit", "is_archived", "rollover", "rollover_from"
    ):
        names[pk] = name
        category_rows.append(
            {
                "name": name,
                "limit": _money(limit),
                "is_archived": is_archived,
                "rollover": rollover,
                "rollover_from": format_month(rollover_from) if rollover_from else None,
            }
        )
    allotments = Allotment.objects.for_budget(budget).order_by("month", "category_id")
    expenses = Expense.objects.for_budget(budget).order_by("date", "id")
    incomes = MonthlyIncome.objects.for_budget(budget).order_by("month")
    return {
        "format": FORMAT,
        "version": VERSION,
        "month_start_day": budget.month_start_day,
        "categories": category_rows,
        "expenses": [
            {
                "date": day.isoformat(),
                "category": names[category_id],
                "amount": _money(amount),
                "description": description,
            }
            for day, category_id, amount, description in expenses.values_list(
                "date", "category_id", "amount", "description"
            ).iterator(chunk_size=2000)
        ],
        "incomes": [
            {"month": format_month(month), "amount": _money(amount), "note": note}
            for month, amount, note in incomes.values_list("month", "amount", "note")
        ],
        "allotments": [
            {"month": format_month(month), "category": names[category_id], "amount": _money(amount)}
            for month, category_id, amount in allotments.values_list(
                "month", "category_id", "amount"
            )
        ],
    }


def import_ledger(budget, data, created_by=None) -> dict:
    """Restore a backup into `budget` (which must be empty) in one transaction; return counts.

    Raises BackupError (nothing stored) when the budget has data or the backup is invalid.
    """
    categories, expenses, incomes, allotments, start_day = _validate(data)
    try:
        return services.restore_backup(
            budget=budget,
            created_by=created_by,
            categories=categories,
            expenses=expenses,
            incomes=incomes,
            allotments=allotments,
            month_start_day=start_day,
        )
    except services.BudgetRuleError as error:  # not empty, or too many categories
        raise BackupError([str(error)]) from None


# Validation ------------------------------------------------------------------


class _Problems(list):
    def add(self, message):
        self.append(message)
        if len(self) >= 20:
            raise BackupError(self)


def _text(value, where, problems, max_length, allow_empty=True):
    if not isinstance(value, str):
        problems.add(f"{where}: must be text")
    elif len(value) > max_length:
        problems.add(f"{where}: longer than {max_length} characters")
    elif not allow_empty and not value.strip():
        problems.add(f"{where}: must not be empty")
    else:
        return value
    return None


def _amount(value, where, problems, positive):
    amount = None
    if isinstance(value, str) and _MONEY_RE.match(value):
        try:
            amount = Decimal(value)
        except InvalidOperation:
            amount = None
    if amount is None or amount > MAX_AMOUNT:
        problems.add(f'{where}: must be an amount like "12.50"')
        return None
    if positive and amount <= 0:
        problems.add(f"{where}: must be more than 0")
        return None
    return amount


def _list(data, key, problems):
    value = data.get(key)
    if not isinstance(value, list):
        problems.add(f"{key}: must be a list")
        return []
    return value


def _rows(items, key, fields, problems):
    """The items of a list that are objects holding exactly `fields`, with their position."""
    for index, item in enumerate(items):
        where = f"{key}[{index}]"
        if not isinstance(item, dict | ExpenseItem) or set(item.keys()) != set(fields):
            problems.add(f"{where}: must be an object with {', '.join(fields)}")
            continue
        yield where, item


def _validate(data):
    """The backup's categories, expenses, incomes, allotments (model field values) and month
    start day; BackupError otherwise."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(["This is not a Budget backup file."])
    version = data.get("version")
    if version not in READS:
        raise BackupError(
            [f"Unsupported backup version {version!r} (expected {' or '.join(map(str, READS))})."]
        )
    problems = _Problems()
    start_day = _start_day(data, problems) if version >= 2 else MONTH_START_DAY_MIN
    categories = _categories(data, problems, version)
    names = {row["name"].lower() for row in categories if row["name"] is not None}
    expenses = _expenses(data, names, problems)
    incomes = _incomes(data, problems)
    allotments = _allotments(data, names, problems) if version >= 2 else []
    if problems:
        raise BackupError(problems)
    return categories, expenses, incomes, allotments, start_day


def _start_day(data, problems):
    day = data.get("month_start_day")
    if isinstance(day, bool) or not isinstance(day, int):
        day = None
    if day is None or not MONTH_START_DAY_MIN <= day <= MONTH_START_DAY_MAX:
        problems.add(
            f"month_start_day: must be a whole number from {MONTH_START_DAY_MIN}"
            f" to {MONTH_START_DAY_MAX}"
        )
    return day


def _categories(data, problems, version):
    categories, seen = [], set()
    if len(data.get("categories") or ()) > MAX_CATEGORIES_PER_BUDGET:
        raise BackupError([f"categories: {TOO_MANY_CATEGORIES}"])
    fields = ("name", "limit", "is_archived")
    if version >= 2:
        fields += ("rollover", "rollover_from")
    for where, item in _rows(_list(data, "categories", problems), "categories", fields, problems):
        name = _text(item["name"], f"{where}.name", problems, NAME_MAX, allow_empty=False)
        limit = _amount(item["limit"], f"{where}.limit", problems, positive=False)
        if not isinstance(item["is_archived"], bool):
            problems.add(f"{where}.is_archived: must be true or false")
        if name is not None and name.lower() in seen:
            problems.add(f"{where}.name: {name!r} appears twice")
        elif name is not None:
            seen.add(name.lower())
        rollover, rollover_from = _rollover(item, where, problems)
        categories.append(
            {
                "name": name,
                "limit": limit,
                "archived": item["is_archived"],
                "rollover": rollover,
                "rollover_from": rollover_from,
            }
        )
    return categories


def _rollover(item, where, problems):
    """A v2 category's rollover and its first month (none and None in a v1 file)."""
    rollover, text = item.get("rollover", Rollover.NONE), item.get("rollover_from")
    if rollover not in Rollover.values:
        problems.add(f"{where}.rollover: must be one of {', '.join(Rollover.values)}")
        return Rollover.NONE, None
    if rollover == Rollover.NONE:
        if text is not None:
            problems.add(f"{where}.rollover_from: must be null when rollover is none")
        return rollover, None
    return rollover, _month(text, f"{where}.rollover_from", problems)


def _allotments(data, names, problems):
    allotments, seen = [], set()
    fields = ("month", "category", "amount")
    for where, item in _rows(_list(data, "allotments", problems), "allotments", fields, problems):
        month = _month(item["month"], f"{where}.month", problems)
        category = item["category"]
        if not isinstance(category, str) or category.lower() not in names:
            problems.add(f"{where}.category: not one of the backup's categories")
            category = None
        elif (month, category.lower()) in seen:
            problems.add(f"{where}: {item['month']} of {category!r} appears twice")
        else:
            seen.add((month, category.lower()))
        amount = _amount(item["amount"], f"{where}.amount", problems, positive=False)
        allotments.append({"category": category, "month": month, "amount": amount})
    return allotments


def _expenses(data, names, problems):
    """The checked expenses as (category, date, amount text, description) tuples; the file's
    own expense list is emptied as it is read, so the two are never both whole in memory."""
    expenses = []
    fields = ("date", "category", "amount", "description")
    items = _list(data, "expenses", problems)
    for where, item in _rows(items, "expenses", fields, problems):
        day = _date(item["date"], f"{where}.date", problems)
        category = item["category"]
        if not isinstance(category, str) or category.lower() not in names:
            problems.add(f"{where}.category: not one of the backup's categories")
        amount = item["amount"]
        if _amount(amount, f"{where}.amount", problems, positive=True) is None:
            amount = None
        description = _text(item["description"], f"{where}.description", problems, TEXT_MAX)
        expenses.append((category, day, amount, description))
    items.clear()
    return expenses


def _incomes(data, problems):
    incomes, months = [], set()
    fields = ("month", "amount", "note")
    for where, item in _rows(_list(data, "incomes", problems), "incomes", fields, problems):
        month = _month(item["month"], f"{where}.month", problems)
        if month is not None and month in months:
            problems.add(f"{where}.month: {item['month']} appears twice")
        months.add(month)
        amount = _amount(item["amount"], f"{where}.amount", problems, positive=False)
        note = _text(item["note"], f"{where}.note", problems, TEXT_MAX)
        incomes.append({"month": month, "amount": amount, "note": note})
    return incomes


def _month(value, where, problems):
    if isinstance(value, str):
        try:
            month = parse_month(value)
        except ValueError:
            pass
        else:
            if date_in_range(month):
                return month
            problems.add(f"{where}: {MONTH_OUT_OF_RANGE}")
            return None
    problems.add(f'{where}: must be a month like "2026-03"')
    return None


def _date(value, where, problems):
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if date_in_range(day):
                return day
            problems.add(f"{where}: {DATE_OUT_OF_RANGE}")
            return None
    problems.add(f'{where}: must be a date like "2026-03-15"')
    return None
