"""The income page: show and set one month's income."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, RedirectView

from ledger import access, selectors, services
from ledger.forms.income import IncomeForm
from ledger.models import MonthlyIncome
from ledger.months import current_month, next_month, previous_month
from ledger.views.mixins import BudgetMixin
from ledger.views.once import submitted_once


class CurrentIncomeView(RedirectView):
    """`/income/` goes to this month's income."""

    def get_redirect_url(self, *args, **kwargs):
        budget = access.request_budget(self.request)
        return reverse("income", kwargs={"month": current_month(budget.month_start_day)})


class IncomeView(BudgetMixin, FormView):
    """`/income/YYYY-MM/`: one record per month, created or updated.

    A POST with `action=copy_previous` sets it to the month before's income.
    """

    form_class = IncomeForm
    template_name = "ledger/income_form.html"

    def load(self):
        self.month = self.kwargs["month"]
        self.record = selectors.month_income_record(self.budget, self.month)
        # Shown as "currently"; the form may change its own copy while validating.
        self.current = (self.record.amount, self.record.note) if self.record else None

    def get_form_kwargs(self):
        record = self.record or MonthlyIncome(budget=self.budget, month=self.month)
        return {**super().get_form_kwargs(), "instance": record}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            month=self.month,
            current=self.current,
            previous=previous_month(self.month),
            next=next_month(self.month),
            previous_income=selectors.month_income(self.budget, previous_month(self.month)),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    @submitted_once
    def post(self, request, *args, **kwargs):
        self.load()
        if request.POST.get("action") == "copy_previous":
            return self.copy_previous()
        return super().post(request, *args, **kwargs)

    def copy_previous(self):
        try:
            income = services.copy_previous_month_income(budget=self.budget, month=self.month)
        except services.NotAMonth as error:
            messages.error(self.request, str(error))
            return redirect(self.request.path)
        if income is None:
            messages.error(self.request, "No income is set for the month before.")
        else:
            messages.success(self.request, f"Income for {self.month:%B %Y} set as last month's.")
        return redirect(self.request.path)

    def form_valid(self, form):
        try:
            services.set_month_income(
                budget=self.budget,
                month=self.month,
                amount=form.cleaned_data["amount"],
                note=form.cleaned_data["note"],
            )
        except services.NotAMonth as error:  # a month out of range (issue 24)
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"Income for {self.month:%B %Y} saved.")
        return redirect("summary", month=self.month)
