"""Storing an imported file: the expenses, their categories, remembered choices, income.

One transaction: the preview is classified again inside it, so what is stored
matches the database at that moment, and any failure stores nothing.

Two doors, one storing step (`_store_rows`: in one unit of money changes, lock the
categories, insert the rows in batches, add them to the monthly totals): `import_expenses` for a bank file read by
`ledger.transfer`, and `import_typed_expenses` for rows another importer has already
typed and checked (the admin's CSV import).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from ledger.models import Category, Expense, ImportProfile, MonthlyIncome, RememberedCategory
from ledger.rules import CHOOSE_ACTIVE_CATEGORY, MONEY_DIGITS, MONEY_PLACES
from ledger.services.categories import check_category_room
from ledger.services.errors import CategoryNotAllowed
from ledger.services.income import set_month_income
from ledger.services.money_changes import ExpenseRow, money_changes
from ledger.transfer.preview import classify, description_key

IMPORT_BATCH_SIZE = 2000


@dataclass(frozen=True)
class NewExpense:
    """One new expense, typed: its category's id, its date, its amount (more than 0)."""

    category_id: int
    date: date
    amount: Decimal
    description: str = ""


@dataclass(frozen=True)
class ImportResult:
    imported: int
    money_in: int  # incoming money rows, never expenses
    duplicates: int  # already stored, skipped
    refused: int  # rows with errors
    categories_created: list[str]
    income_added: list[tuple[date, Decimal]] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return self.duplicates

    def summary(self) -> str:
        return (
            f"Imported {self.imported} expense(s); left out {self.money_in} money-in row(s); "
            f"skipped {self.duplicates} duplicate(s); refused {self.refused} row(s)."
        )


def import_expenses(
    *,
    budget,
    reading,
    created_by=None,
    default_category: str = "",
    chosen_categories: dict[int, str] | None = None,
    include_duplicates: bool = False,
    income_months=(),
    remember: dict | None = None,
    progress=None,
) -> ImportResult:
    """Store the spending rows of a read file as `budget`'s expenses (recorded by
    `created_by`), in one transaction.

    Missing categories are created; each description's category is remembered for
    the next import; `remember` (the reading's choices) is kept as the profile of
    the file's header row; the incoming money of each month in `income_months` is
    added to that month's income. `progress(done, total)` is called after each batch.
    """
    with transaction.atomic():
        preview = classify(
            budget,
            reading.typed,
            default_category=default_category,
            chosen=chosen_categories,
            include_duplicates=include_duplicates,
        )
        created = _create_categories(budget, preview.new_categories)
        ids = {
            name.lower(): pk
            for pk, name in Category.objects.for_budget(budget).values_list("pk", "name")
        }
        rows = [
            NewExpense(
                ids[planned.category.lower()],
                planned.row.date,
                planned.row.amount,
                planned.row.description,
            )
            for planned in preview.rows
        ]
        _store_rows(budget, created_by, rows, progress=progress)
        _remember_categories(budget, preview.rows, ids)
        if remember is not None and reading.header_key:
            ImportProfile.objects.update_or_create(
                budget=budget,
                header_key=reading.header_key,
                defaults={"choices": remember, "header": "|".join(reading.table.header)[:1000]},
            )
        added = _add_income(budget, preview.income_months, set(income_months))
    return ImportResult(
        len(preview.rows),
        len(preview.incoming),
        len(preview.duplicates),
        len(preview.errors),
        created,
        added,
    )


def import_typed_expenses(*, budget, rows: list[NewExpense], created_by=None) -> list[int]:
    """Store rows already typed and checked by another importer (the admin's CSV import) as
    new expenses of `budget`, through the same storing step as a bank file; their ids, in order.

    Each row's category must be one of the budget's active categories (CategoryNotAllowed).
    """
    wanted = {row.category_id for row in rows}
    active = set(
        Category.objects.for_budget(budget)
        .filter(pk__in=wanted, is_archived=False)
        .values_list("pk", flat=True)
    )
    if wanted - active:
        raise CategoryNotAllowed(CHOOSE_ACTIVE_CATEGORY)
    with transaction.atomic():
        return _store_rows(budget, created_by, rows, return_ids=True)


def _store_rows(budget, created_by, rows, *, progress=None, return_ids=False) -> list[int]:
    """Insert `rows` (NewExpense) in one unit of money changes (their categories locked first,
    the monthly totals added once); the new ids when `return_ids` (one INSERT a row, for the
    few rows of an admin file)."""
    with money_changes() as changes:
        changes.lock(categories={row.category_id for row in rows})
        ids = _store_expenses(budget, created_by, rows, progress, return_ids=return_ids)
        changes.add(ExpenseRow(budget.pk, row.category_id, row.date, row.amount) for row in rows)
    return ids


def _create_categories(budget, names: list[str]) -> list[str]:
    check_category_room(budget=budget, adding=len(names), lock=True)
    Category.objects.bulk_create(Category(budget=budget, name=name) for name in names)
    return list(names)


def _store_expenses(budget, created_by, rows, progress, *, return_ids=False) -> list[int]:
    ops, now = connection.ops, timezone.now()
    stamp = ops.adapt_datetimefield_value(now)
    ids = []
    for start in range(0, len(rows), IMPORT_BATCH_SIZE):
        batch = rows[start : start + IMPORT_BATCH_SIZE]
        ids += _insert_expenses(
            [
                (
                    budget.pk,
                    created_by.pk if created_by is not None else None,
                    row.category_id,
                    ops.adapt_decimalfield_value(row.amount, MONEY_DIGITS, MONEY_PLACES),
                    ops.adapt_datefield_value(row.date),
                    row.description,
                    stamp,
                    stamp,
                )
                for row in batch
            ],
            return_ids=return_ids,
        )
        if progress:
            progress(start + len(batch), len(rows))
    return ids


def _insert_expenses(values: list[tuple], *, return_ids: bool = False) -> list[int]:
    """One INSERT run over many rows. `bulk_create` builds a model instance per row: for
    100,000 rows that is ~10 s of CPU, this ~1 s; the table's CHECK constraints still hold.
    With `return_ids`, one INSERT ... RETURNING a row (SQLite 3.35+, PostgreSQL), for the
    new rows' ids."""
    table = connection.ops.quote_name(Expense._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(Expense._meta.get_field(name).column)
        for name in (
            "budget",
            "created_by",
            "category",
            "amount",
            "date",
            "description",
            "created_at",
            "updated_at",
        )
    )
    insert = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 8)})"
    with connection.cursor() as cursor:
        if not return_ids:
            cursor.executemany(insert, values)
            return []
        pk = connection.ops.quote_name(Expense._meta.pk.column)
        ids = []
        for row in values:
            cursor.execute(f"{insert} RETURNING {pk}", row)
            ids.append(cursor.fetchone()[0])
        return ids


def _remember_categories(budget, rows, ids) -> None:
    """The category of each description, for the next file's suggestions (the last row wins)."""
    remembered = {}
    for planned in rows:
        key = description_key(planned.row.description)
        if key:
            remembered[key] = ids[planned.category.lower()]
    items = list(remembered.items())
    for start in range(0, len(items), IMPORT_BATCH_SIZE):
        RememberedCategory.objects.bulk_create(
            [
                RememberedCategory(budget=budget, description_key=key, category_id=category_id)
                for key, category_id in items[start : start + IMPORT_BATCH_SIZE]
            ],
            update_conflicts=True,
            unique_fields=["budget", "description_key"],
            update_fields=["category", "updated_at"],
        )


def _add_income(budget, income_months, wanted: set) -> list[tuple[date, Decimal]]:
    added = []
    for month in income_months:
        if month.month not in wanted:
            continue
        current = MonthlyIncome.objects.for_budget(budget).filter(month=month.month).first()
        amount = (current.amount if current else Decimal("0.00")) + month.total
        set_month_income(
            budget=budget, month=month.month, amount=amount, note=current.note if current else ""
        )
        added.append((month.month, month.total))
    return added
