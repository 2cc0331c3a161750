"""Expense pages: one month's list (filtered, paginated), add, edit, delete."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import CreateView, DeleteView, ListView, UpdateView

from ledger import selectors, services
from ledger.forms.expenses import ExpenseForm
from ledger.models import Category, Expense
from ledger.months import (
    current_month,
    format_month,
    month_of,
    next_month,
    parse_month,
    previous_month,
)
from ledger.rules import date_in_range
from ledger.selectors.out_of_range import has_out_of_range_rows
from ledger.views.mixins import BudgetMixin, OwnedMixin, OwnerFormMixin
from ledger.views.once import submitted_once
from ledger.views.row_urls import url_around_id

TIMESTAMPS = ("created_at", "updated_at")


def expense_list_url(month, category_id=None) -> str:
    if not date_in_range(month):  # a row stored out of range (issue 24) has no month page
        return reverse("expense-out-of-range")
    query = {"month": format_month(month)}
    if category_id:
        query["category"] = category_id
    return f"{reverse('expense-list')}?{urlencode(query)}"


class ExpenseListView(BudgetMixin, ListView):
    """`/expenses/?month=YYYY-MM&category=<id>`: newest first, 50 a page, with the total.

    A month or category the URL names but that does not exist (or is someone
    else's) is a 404, like a bad page number.
    """

    template_name = "ledger/expense_list.html"
    context_object_name = "expenses"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.month = self._month(request.GET.get("month"))
        # One query for the filter menu; a wanted category must be among them.
        # Timestamps are not shown: no need to parse 200 of them into aware datetimes.
        self.categories = list(Category.objects.for_budget(self.budget).defer(*TIMESTAMPS))
        self.category = self._category(request.GET.get("category"))
        return super().get(request, *args, **kwargs)

    def _month(self, text):
        if not text:
            return current_month(self.budget.month_start_day)
        try:
            return parse_month(text)
        except ValueError:
            raise Http404("No such month.") from None

    def _category(self, text):
        if not text:
            return None
        wanted = next((c for c in self.categories if str(c.pk) == text), None)
        if wanted is None:
            raise Http404("No such category.")
        return wanted

    def get_queryset(self):
        expenses = selectors.month_expenses(
            self.budget, self.month, self.category.pk if self.category else None
        ).defer(*TIMESTAMPS, *(f"category__{name}" for name in TIMESTAMPS))
        if self.shared:
            # Who recorded each expense: only the name is shown.
            expenses = expenses.select_related("created_by").only(
                *(f.name for f in Expense._meta.concrete_fields if f.name not in TIMESTAMPS),
                *(
                    f"category__{f.name}"
                    for f in Category._meta.concrete_fields
                    if f.name not in TIMESTAMPS
                ),
                "created_by__username",
            )
        return expenses

    @cached_property
    def shared(self) -> bool:
        """Whether the budget has more than one member (the list then says who recorded what)."""
        return self.member.member_count > 1

    def get_context_data(self, **kwargs):
        category_id = self.category.pk if self.category else None
        return super().get_context_data(
            month=self.month,
            category=self.category,
            categories=self.categories,
            total=selectors.total_amount(self.object_list),
            previous=previous_month(self.month),
            next=next_month(self.month),
            previous_url=expense_list_url(previous_month(self.month), category_id),
            next_url=expense_list_url(next_month(self.month), category_id),
            edit_url=url_around_id("expense-edit"),
            delete_url=url_around_id("expense-delete"),
            shared=self.shared,
            has_out_of_range=has_out_of_range_rows(self.budget),
            **kwargs,
        )


class ExpenseFormMixin(OwnerFormMixin):
    model = Expense
    form_class = ExpenseForm
    template_name = "ledger/expense_form.html"
    error_field = "category"

    def get_success_url(self):
        return expense_list_url(month_of(self.object.date, self.budget.month_start_day))


class ExpenseCreateView(ExpenseFormMixin, CreateView):
    success_message = "Expense of {object.amount} on {object.date:%Y-%m-%d} added."

    @submitted_once
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"date": timezone.localdate()}

    def write(self, data):
        return services.record_expense(budget=self.budget, created_by=self.request.user, **data)


class ExpenseUpdateView(OwnedMixin, ExpenseFormMixin, UpdateView):
    success_message = "Expense saved."

    def write(self, data):
        return services.change_expense(expense=self.object, **data)


class ExpenseDeleteView(OwnedMixin, DeleteView):
    writes = True
    model = Expense
    template_name = "ledger/expense_confirm_delete.html"

    def get_queryset(self):
        return super().get_queryset().select_related("category")

    def form_valid(self, form):
        month = month_of(self.object.date, self.budget.month_start_day)
        services.remove_expense(expense=self.object)
        messages.success(self.request, "Expense deleted.")
        return redirect(expense_list_url(month))
