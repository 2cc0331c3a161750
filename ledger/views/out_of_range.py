"""`/expenses/out-of-range/`: rows dated outside 1900-01-01..2999-12-31 (issue 24), to edit or
delete. Expenses, schedules and categories link to their own edit pages (which ask for a
date in the range); a month's income or allotment has no page of its own, so it is deleted
here."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from ledger import services
from ledger.models import Allotment, MonthlyIncome
from ledger.selectors.out_of_range import out_of_range_rows
from ledger.views.mixins import BudgetMixin
from ledger.views.row_urls import url_around_id


class OutOfRangeView(BudgetMixin, TemplateView):
    template_name = "ledger/out_of_range.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rows=out_of_range_rows(self.budget),
            edit_url=url_around_id("expense-edit"),
            delete_url=url_around_id("expense-delete"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "income" in request.POST:
            income = get_object_or_404(
                MonthlyIncome.objects.for_budget(self.budget), pk=_id(request.POST["income"])
            )
            services.remove_month_income(income=income)
            messages.success(request, "Income deleted.")
        elif "allotment" in request.POST:
            allotment = get_object_or_404(
                Allotment.objects.for_budget(self.budget), pk=_id(request.POST["allotment"])
            )
            services.remove_allotment(allotment=allotment)
            messages.success(request, "Allotment deleted.")
        return redirect(reverse("expense-out-of-range"))


def _id(text: str) -> int:
    """A row id from the form; anything else finds no row (a 404)."""
    return int(text) if text.isdigit() and len(text) < 19 else 0
