"""A full backup of one user's ledger as JSON, and its restore into an empty account.

The format holds no ids and no owner: categories are named (names are unique
per user, case-insensitively), expenses name their category, amounts are
decimal strings with two places, months are `YYYY-MM`. Exporting, restoring
into another empty account and exporting again gives the same document.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from ledger import services
from ledger.models import Category, Expense, MonthlyIncome
from ledger.months import format_month, parse_month
from ledger.rules import MAX_AMOUNT

FORMAT = "budget-ledger"
VERSION = 1
NAME_MAX = Category._meta.get_field("name").max_length
TEXT_MAX = Expense._meta.get_field("description").max_length
_MONEY_RE = re.compile(r"^\d{1,10}\.\d{2}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BackupError(ValueError):
    """The backup cannot be restored; `errors` lists every problem found (at most 20)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def export_ledger(user) -> dict:
    """Every category (archived too, with its limit), expense and monthly income of the user."""
    categories = Category.objects.for_user(user).order_by("id")
    names = {}
    category_rows = []
    for pk, name, limit, is_archived in categories.values_list(
        "pk", "name", "limit", "is_archived"
    ):
        names[pk] = name
        category_rows.append({"name": name, "limit": _money(limit), "is_archived": is_archived})
    expenses = Expense.objects.for_user(user).order_by("date", "id")
    incomes = MonthlyIncome.objects.for_user(user).order_by("month")
    return {
        "format": FORMAT,
        "version": VERSION,
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
    }


def import_ledger(user, data) -> dict:
    """Restore a backup into the user's empty account in one transaction; return counts.

    Raises BackupError (nothing stored) when the account has data or the backup is invalid.
    """
    categories, expenses, incomes = _validate(data)
    try:
        return services.restore_backup(
            owner=user, categories=categories, expenses=expenses, incomes=incomes
        )
    except services.AccountNotEmpty as error:
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
        if not isinstance(item, dict) or set(item) != set(fields):
            problems.add(f"{where}: must be an object with {', '.join(fields)}")
            continue
        yield where, item


def _validate(data):
    """The backup's categories, expenses and incomes as model field values; BackupError otherwise."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(["This is not a Budget backup file."])
    if data.get("version") != VERSION:
        raise BackupError(
            [f"Unsupported backup version {data.get('version')!r} (expected {VERSION})."]
        )
    problems = _Problems()
    categories = _categories(data, problems)
    names = {row["name"].lower() for row in categories if row["name"] is not None}
    expenses = _expenses(data, names, problems)
    incomes = _incomes(data, problems)
    if problems:
        raise BackupError(problems)
    return categories, expenses, incomes


def _categories(data, problems):
    categories, seen = [], set()
    fields = ("name", "limit", "is_archived")
    for where, item in _rows(_list(data, "categories", problems), "categories", fields, problems):
        name = _text(item["name"], f"{where}.name", problems, NAME_MAX, allow_empty=False)
        limit = _amount(item["limit"], f"{where}.limit", problems, positive=False)
        if not isinstance(item["is_archived"], bool):
            problems.add(f"{where}.is_archived: must be true or false")
        if name is not None and name.lower() in seen:
            problems.add(f"{where}.name: {name!r} appears twice")
        elif name is not None:
            seen.add(name.lower())
        categories.append({"name": name, "limit": limit, "archived": item["is_archived"]})
    return categories


def _expenses(data, names, problems):
    expenses = []
    fields = ("date", "category", "amount", "description")
    for where, item in _rows(_list(data, "expenses", problems), "expenses", fields, problems):
        day = _date(item["date"], f"{where}.date", problems)
        category = item["category"]
        if not isinstance(category, str) or category.lower() not in names:
            problems.add(f"{where}.category: not one of the backup's categories")
        amount = _amount(item["amount"], f"{where}.amount", problems, positive=True)
        description = _text(item["description"], f"{where}.description", problems, TEXT_MAX)
        expenses.append(
            {
                "category": category,
                "fields": {"date": day, "amount": amount, "description": description},
            }
        )
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
            return parse_month(value)
        except ValueError:
            pass
    problems.add(f'{where}: must be a month like "2026-03"')
    return None


def _date(value, where, problems):
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.add(f'{where}: must be a date like "2026-03-15"')
    return None
