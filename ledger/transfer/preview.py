"""Typed rows against the budget: money out or in, duplicates, categories, income.

The only stage of the import that reads the database, and it only reads:
`classify` says what confirming would store; `ledger.services.imports` stores it.
"""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count

from ledger.models import Category, Expense, ImportProfile, MonthlyIncome, RememberedCategory
from ledger.months import month_of
from ledger.rules import DESCRIPTION_MAX
from ledger.transfer.columns import folded_name
from ledger.transfer.rows import RowError, TypedRow, TypedRows
from ledger.transfer.table import Table
from ledger.transfer.values import fold

KEY_BATCH = 2000  # remembered categories looked up per query
_DATES = re.compile(r"\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def description_key(description: str) -> str:
    """A description without case, accents, dates and digits: "REWE 0421 12.03." → "rewe"."""
    text = _DATES.sub(" ", fold(description))
    return " ".join(_NOT_LETTERS.sub(" ", text).split())[:DESCRIPTION_MAX]


@dataclass(frozen=True)
class PlannedRow:
    row: TypedRow
    category: str
    source: str  # "file", "suggested", "default" or "chosen"


@dataclass(frozen=True)
class IncomeMonth:
    month: date
    total: Decimal
    count: int
    current: Decimal | None  # the month's income today, None when unset


@dataclass
class Preview:
    typed: TypedRows
    rows: list[PlannedRow] = field(default_factory=list)  # the expenses confirm stores
    duplicates: list[TypedRow] = field(default_factory=list)  # already stored, skipped
    incoming: list[TypedRow] = field(default_factory=list)  # money in: never expenses
    income_months: list[IncomeMonth] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_categories: list[str] = field(default_factory=list)
    archived_categories: list[str] = field(default_factory=list)

    @property
    def shortened(self) -> int:
        return sum(planned.row.shortened for planned in self.rows)

    @property
    def total(self) -> Decimal:
        return sum((planned.row.amount for planned in self.rows), Decimal("0.00"))


def classify(
    budget,
    typed: TypedRows,
    *,
    default_category: str = "",
    chosen: dict[int, str] | None = None,
    include_duplicates: bool = False,
) -> Preview:
    """What confirming would do for `budget`: at most four queries, plus one per 2,000 suggestions."""
    preview = Preview(typed, errors=list(typed.errors))
    spending = [row for row in typed.rows if not row.money_in]
    preview.incoming = [row for row in typed.rows if row.money_in]
    new_rows = spending if include_duplicates else _skip_stored(budget, spending, preview)
    existing = {
        name.lower(): (name, is_archived)
        for name, is_archived in Category.objects.for_budget(budget).values_list(
            "name", "is_archived"
        )
    }
    suggestions = _suggestions(budget, [row for row in new_rows if not row.category])
    chosen = chosen or {}
    for row in new_rows:
        name, source = _category_for(row, chosen, suggestions, default_category)
        if not name:
            preview.errors.append(RowError(row.line, "no category: choose a default category"))
            continue
        name = existing.get(name.lower(), (name, False))[0]
        preview.rows.append(PlannedRow(row, name, source))
    preview.errors.sort(key=lambda error: error.line)
    _sort_categories(preview, existing)
    preview.income_months = _income_months(budget, preview.incoming)
    return preview


def _skip_stored(budget, rows: list[TypedRow], preview: Preview) -> list[TypedRow]:
    """Rows left once as many as are stored of each (date, amount, description) are skipped."""
    if not rows:
        return []
    stored = Counter(
        {
            (item["date"], item["amount"], item["description"]): item["n"]
            for item in Expense.objects.for_budget(budget)
            .filter(
                date__gte=min(row.date for row in rows), date__lte=max(row.date for row in rows)
            )
            .values("date", "amount", "description")
            .annotate(n=Count("id"))
        }
    )
    kept = []
    for row in rows:
        if stored[row.key] > 0:
            stored[row.key] -= 1
            preview.duplicates.append(row)
        else:
            kept.append(row)
    return kept


def _suggestions(budget, rows: list[TypedRow]) -> dict[str, str]:
    keys = sorted({key for row in rows if (key := description_key(row.description))})
    found = {}
    for start in range(0, len(keys), KEY_BATCH):
        found |= dict(
            RememberedCategory.objects.for_budget(budget)
            .filter(description_key__in=keys[start : start + KEY_BATCH])
            .values_list("description_key", "category__name")
        )
    return found


def _category_for(row, chosen, suggestions, default_category) -> tuple[str, str]:
    if chosen.get(row.line):
        return chosen[row.line], "chosen"
    if row.category:
        return row.category, "file"
    suggested = suggestions.get(description_key(row.description))
    if suggested:
        return suggested, "suggested"
    return default_category, "default"


def _sort_categories(preview: Preview, existing: dict) -> None:
    new, archived = {}, {}
    for planned in preview.rows:
        key = planned.category.lower()
        if key not in existing:
            new.setdefault(key, planned.category)
        elif existing[key][1]:
            archived.setdefault(key, existing[key][0])
    preview.new_categories = list(new.values())
    preview.archived_categories = list(archived.values())


def _income_months(budget, incoming: list[TypedRow]) -> list[IncomeMonth]:
    totals, counts = {}, Counter()
    for row in incoming:
        month = month_of(row.date, budget.month_start_day)
        totals[month] = totals.get(month, Decimal("0.00")) + row.amount
        counts[month] += 1
    if not totals:
        return []
    current = dict(
        MonthlyIncome.objects.for_budget(budget)
        .filter(month__in=list(totals))
        .values_list("month", "amount")
    )
    return [
        IncomeMonth(month, totals[month], counts[month], current.get(month))
        for month in sorted(totals)
    ]


# Remembered profiles -------------------------------------------------------------


def header_key(table: Table) -> str | None:
    """A digest of the header row (names folded), or None for a file without one."""
    if table.header_index is None:
        return None
    names = "|".join(folded_name(cell) for cell in table.header)
    return hashlib.sha256(f"{table.source}|{table.delimiter}|{names}".encode()).hexdigest()


@dataclass(frozen=True)
class Remembered:
    profile: dict | None  # the choices of the budget's last file with this header row
    last_date_format: str | None
    last_decimal: str | None


def remembered(budget, table: Table) -> Remembered:
    """The budget's profile for this header row and its last import's formats (two queries)."""
    key = header_key(table)
    profiles = ImportProfile.objects.for_budget(budget)
    profile = profiles.filter(header_key=key).first() if key else None
    last = profile or profiles.first()
    last_choices = last.choices if last else {}
    return Remembered(
        profile.choices if profile else None,
        last_choices.get("date_format"),
        last_choices.get("decimal"),
    )
