"""CSV import/export for the admin (django-import-export resources).

A file names the budget by its id and an expense's category by its name among
that budget's categories (ignoring case). Categories are matched on (budget,
name) and incomes on (budget, month), so importing an exported file again
updates instead of duplicating; expenses are matched on `id` (blank for a new
expense).

An import is all or nothing: one bad row (an unknown budget or category, a
category of another budget, a negative amount, a month that is not a first
day) rolls the whole file back, and the admin lists every bad row. Rows are
stored through the services (`ledger.admin.writes`), like every other write: a new
expense through the import service that stores a bank file's rows
(`services.import_typed_expenses`), a changed one through `change_expense`.
"""

from decimal import Decimal, InvalidOperation

from import_export import fields, resources, widgets

from ledger.admin.writes import import_expense, save_category, save_expense, save_income
from ledger.models import Budget, Category, Expense, MonthlyIncome
from ledger.rules import MONTH_FIRST_DAY, looks_like_formula
from ledger.transfer.csv_export import neutralise

DATE_FORMAT = "%Y-%m-%d"


def unescape_formula(text: str) -> str:
    """Undo `neutralise`: an exported file imports back unchanged."""
    return text[1:] if text.startswith("'") and looks_like_formula(text[1:]) else text


def cell(row, column: str) -> str:
    """A text cell of an import row, trimmed and unquoted."""
    return unescape_formula(str((row or {}).get(column) or "").strip())


class TextWidget(widgets.CharWidget):
    """Free text (a description, a name, a note), safe to open in a spreadsheet.

    Export quotes a leading =, +, -, @ with an apostrophe; import removes that
    quote again, so an exported file imports back unchanged.
    """

    def clean(self, value, row=None, **kwargs):
        return unescape_formula(super().clean(value, row, **kwargs).strip())

    def render(self, value, obj=None, **kwargs):
        return neutralise(super().render(value, obj, **kwargs))


class BudgetWidget(widgets.ForeignKeyWidget):
    """A budget written as its id (names need not be unique)."""

    def __init__(self):
        super().__init__(Budget, "pk")

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text.isascii() or not text.isdigit() or len(text) > 18:
            raise ValueError(f"There is no budget with id {text!r}.")
        try:
            return super().clean(text, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(f"There is no budget with id {text!r}.") from None


class OwnCategoryWidget(widgets.ForeignKeyWidget):
    """A category written as its name, looked up among the row budget's categories only."""

    def __init__(self):
        super().__init__(Category, "name")

    def get_queryset(self, value, row, *args, **kwargs):
        return Category.objects.filter(budget_id=_budget_id(row))

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"name__iexact": unescape_formula(str(value).strip())}

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except Category.DoesNotExist:
            name = unescape_formula(str(value).strip())
            raise ValueError(
                f"Budget {cell(row, 'budget')!r} has no category named {name!r}."
            ) from None

    def render(self, value, obj=None, **kwargs):
        return neutralise(super().render(value, obj, **kwargs))


def _budget_id(row) -> int | None:
    """The row's budget id, or None when the cell is not one (its own field reports that)."""
    text = cell(row, "budget")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


class MoneyWidget(widgets.DecimalWidget):
    """An amount as a plain decimal string with two places, e.g. `12.50`.

    The database refuses out-of-range amounts too; checking here gives the row
    a readable error instead of a constraint name.
    """

    def __init__(self, *, positive=False):
        super().__init__()
        self.positive = positive

    def clean(self, value, row=None, **kwargs):
        try:
            amount = super().clean(value, row, **kwargs)
        except (InvalidOperation, ValueError):
            raise ValueError(f"{value!r} is not an amount such as 12.50.") from None
        if amount is None or not amount.is_finite():
            raise ValueError("Enter an amount such as 12.50.")
        if self.positive and amount <= 0:
            raise ValueError(f"The amount must be more than 0, not {value}.")
        if amount < 0:
            raise ValueError(f"The amount cannot be negative ({value}).")
        return amount

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else f"{Decimal(value):.2f}"


class MonthWidget(widgets.DateWidget):
    """A budget month: a `YYYY-MM-DD` date on the first day of the month."""

    def __init__(self):
        super().__init__(DATE_FORMAT)

    def clean(self, value, row=None, **kwargs):
        month = super().clean(value, row, **kwargs)
        if month is not None and month.day != 1:
            raise ValueError(MONTH_FIRST_DAY.format(month=month))
        return month


class AllOrNothingResource(resources.ModelResource):
    """Validates each row like a form (model full_clean, constraints included) and
    rolls the whole import back when any row is invalid, whoever calls it."""

    def import_data(self, dataset, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    class Meta:
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True


class CategoryResource(AllOrNothingResource):
    budget = fields.Field(attribute="budget", column_name="budget", widget=BudgetWidget())
    name = fields.Field(attribute="name", column_name="name", widget=TextWidget())
    limit = fields.Field(attribute="limit", column_name="limit", widget=MoneyWidget())
    is_archived = fields.Field(
        attribute="is_archived", column_name="is_archived", widget=widgets.BooleanWidget()
    )

    class Meta:
        model = Category
        fields = ("budget", "name", "limit", "is_archived")
        import_id_fields = ("budget", "name")

    def get_queryset(self):
        return Category.objects.all()

    def do_instance_save(self, instance, is_create):
        save_category(instance, is_create=is_create)

    def get_instance(self, instance_loader, row):
        # Names are unique per budget ignoring case: "groceries" updates "Groceries".
        return Category.objects.filter(
            budget_id=_budget_id(row), name__iexact=cell(row, "name")
        ).first()


class ExpenseResource(AllOrNothingResource):
    # Export-only: a new row leaves it blank, and an imported id never reaches
    # the database (it would desynchronise PostgreSQL's id sequence).
    id = fields.Field(
        attribute="id", column_name="id", widget=widgets.IntegerWidget(), readonly=True
    )
    budget = fields.Field(attribute="budget", column_name="budget", widget=BudgetWidget())
    category = fields.Field(
        attribute="category", column_name="category", widget=OwnCategoryWidget()
    )
    date = fields.Field(
        attribute="date", column_name="date", widget=widgets.DateWidget(DATE_FORMAT)
    )
    amount = fields.Field(
        attribute="amount", column_name="amount", widget=MoneyWidget(positive=True)
    )
    description = fields.Field(
        attribute="description", column_name="description", widget=TextWidget()
    )

    class Meta:
        model = Expense
        fields = ("id", "budget", "category", "date", "amount", "description")
        import_id_fields = ("id",)

    def get_queryset(self):
        return Expense.objects.select_related("category")

    def do_instance_save(self, instance, is_create):
        if is_create:
            import_expense(instance)
        else:
            save_expense(instance, is_create=False)


class MonthlyIncomeResource(AllOrNothingResource):
    budget = fields.Field(attribute="budget", column_name="budget", widget=BudgetWidget())
    month = fields.Field(attribute="month", column_name="month", widget=MonthWidget())
    amount = fields.Field(attribute="amount", column_name="amount", widget=MoneyWidget())
    note = fields.Field(attribute="note", column_name="note", widget=TextWidget())

    class Meta:
        model = MonthlyIncome
        fields = ("budget", "month", "amount", "note")
        import_id_fields = ("budget", "month")

    def get_queryset(self):
        return MonthlyIncome.objects.all()

    def do_instance_save(self, instance, is_create):
        save_income(instance, is_create=is_create)

    def get_instance(self, instance_loader, row):
        try:
            month = self.fields["month"].clean(row)
        except ValueError:
            return None  # the month field reports the error on this row
        return MonthlyIncome.objects.filter(budget_id=_budget_id(row), month=month).first()
