"""Forms behind the admin: an expense stays inside its budget.

The admin sees every budget's rows, so these forms check what the scoped web
pages get for free: an expense's category belongs to the expense's budget. The
rules themselves are the services' (`check_expense_category`,
`check_category_name`): the forms ask them first, so a refusal is a field error.
"""

from django import forms
from django.db.models.functions import Lower

from ledger import services
from ledger.models import Budget, Category, Expense, MonthlyIncome
from ledger.rules import MONTH_FIRST_DAY, category_label
from ledger.services.categories import check_category_room

FOREIGN_CATEGORY = "This category belongs to another budget: choose one of “{budget}”'s categories."


def category_choices_by_budget(request) -> dict[int, list[tuple[int, str]]]:
    """Every budget's category choices, read in one query and kept for the request.

    The changelist renders one category <select> per row; reading the choices
    once keeps the page's query count independent of its row count.
    """
    cached = getattr(request, "_ledger_category_choices", None)
    if cached is None:
        cached = {}
        rows = Category.objects.order_by("budget_id", Lower("name"), "id").values_list(
            "budget_id", "id", "name", "is_archived"
        )
        for budget_id, pk, name, is_archived in rows:
            cached.setdefault(budget_id, []).append((pk, category_label(name, is_archived)))
        request._ledger_category_choices = cached
    return cached


class OwnCategoryMixin:
    """Refuses a category that belongs to another budget than the expense's."""

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category")
        if "budget" in self.fields:
            budget = cleaned.get("budget")
            budget_id = budget.pk if budget else None
        else:  # a changelist row: the budget is not editable there
            budget_id = self.instance.budget_id
        if category is None or budget_id is None:
            return cleaned
        if category.budget_id != budget_id:
            budget = Budget.objects.get(pk=budget_id)
            self.add_error("category", FOREIGN_CATEGORY.format(budget=budget.name))
            return cleaned
        # Runs before the form copies its data onto the instance: it still holds the stored row.
        stays = self.instance.pk and self.instance.budget_id == budget_id
        try:
            services.check_expense_category(
                budget_id=budget_id,
                category=category,
                current_category_id=self.instance.category_id if stays else None,
            )
        except services.CategoryNotAllowed as error:
            self.add_error("category", str(error))
        return cleaned

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError("The amount must be more than 0.")
        return amount


class CategoryAdminForm(forms.ModelForm):
    """A category's name is unique in its budget, ignoring case."""

    class Meta:
        model = Category
        fields = ["budget", "name", "limit", "is_archived"]

    def clean(self):
        cleaned = super().clean()
        budget = cleaned.get("budget") or (self.instance.budget if self.instance.pk else None)
        name = cleaned.get("name")
        if budget is not None and name:
            category = self.instance if self.instance.pk else None
            try:
                services.check_category_name(budget=budget, name=name, category=category)
                if category is None:
                    check_category_room(budget=budget)
            except (services.DuplicateCategoryName, services.TooManyCategories) as error:
                self.add_error("name", str(error))
        return cleaned


class ExpenseAdminForm(OwnCategoryMixin, forms.ModelForm):
    class Meta:
        model = Expense
        fields = ["budget", "category", "date", "amount", "description", "created_by"]


class ExpenseChangelistForm(OwnCategoryMixin, forms.ModelForm):
    """One changelist row: its category <select> offers the row budget's categories only."""

    # A plain Select: the admin's related-object wrapper would add links per row.
    category = forms.ModelChoiceField(queryset=Category.objects.all(), widget=forms.Select)
    request = None  # set per request by ExpenseAdmin.get_changelist_form

    class Meta:
        model = Expense
        fields = ["amount", "category"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = category_choices_by_budget(self.request).get(self.instance.budget_id, [])
        self.fields["category"].choices = choices


class MonthlyIncomeAdminForm(forms.ModelForm):
    class Meta:
        model = MonthlyIncome
        fields = ["budget", "month", "amount", "note"]

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month is not None and month.day != 1:
            raise forms.ValidationError(MONTH_FIRST_DAY.format(month=month))
        return month


class MoveExpensesForm(forms.Form):
    """The target of the "move to another category" action: one of the budget's active categories."""

    category = forms.ModelChoiceField(queryset=Category.objects.none(), label="Move to")

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.for_budget(budget).active()
