"""Recurring expense pages: the list, new, edit, delete, and recording or skipping an occurrence."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from ledger import selectors, services
from ledger.forms.recurring import RecordOccurrenceForm, RecurringExpenseForm, SkipOccurrenceForm
from ledger.models import RecurringExpense
from ledger.months import current_month
from ledger.views.mixins import BudgetMixin
from ledger.views.once import submitted_once


class RecurringListView(BudgetMixin, TemplateView):
    """`/recurring/`: every schedule with its next date and amount."""

    template_name = "ledger/recurring_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            schedules=selectors.recurring.schedules(self.budget), **kwargs
        )


class ScheduleMixin(BudgetMixin):
    """`self.recurring`: the URL's schedule, from the current budget only (else a 404)."""

    writes = True  # the edit, delete, record and skip forms

    def setup_schedule(self, pk):
        self.recurring = get_object_or_404(
            RecurringExpense.objects.for_budget(self.budget).select_related("category"), pk=pk
        )

    def get(self, request, *args, **kwargs):
        self.setup_schedule(kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_schedule(kwargs["pk"])
        return super().post(request, *args, **kwargs)


class ScheduleFormMixin:
    form_class = RecurringExpenseForm
    template_name = "ledger/recurring_form.html"
    recurring = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "budget": self.budget, "recurring": self.recurring}

    def get_context_data(self, **kwargs):
        return super().get_context_data(recurring=self.recurring, **kwargs)

    def form_valid(self, form):
        try:
            recurring = self.write(form)
        except services.InvalidSchedule as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
            return self.form_invalid(form)
        messages.success(self.request, f"Recurring expense “{recurring}” saved.")
        return redirect("recurring-list")


class RecurringCreateView(ScheduleFormMixin, BudgetMixin, FormView):
    writes = True

    @submitted_once
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"start": current_month(self.budget.month_start_day)}

    def write(self, form):
        return services.create_recurring_expense(
            budget=self.budget,
            created_by=self.request.user,
            record_past=form.cleaned_data.get("record_past") or 0,
            **form.schedule(),
        )


class RecurringUpdateView(ScheduleFormMixin, ScheduleMixin, FormView):
    def get_initial(self):
        return {name: getattr(self.recurring, name) for name in services.SCHEDULE_FIELDS}

    def write(self, form):
        return services.change_recurring_expense(recurring=self.recurring, **form.schedule())


class RecurringDeleteView(ScheduleMixin, TemplateView):
    template_name = "ledger/recurring_confirm_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recurring=self.recurring, recorded=self.recurring.expenses.count(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        self.setup_schedule(kwargs["pk"])
        name = str(self.recurring)
        services.delete_recurring_expense(recurring=self.recurring)
        messages.success(request, f"Recurring expense “{name}” deleted; its expenses stay.")
        return redirect("recurring-list")


def _summary_url(budget) -> str:
    return reverse("summary", kwargs={"month": current_month(budget.month_start_day)})


class RecordOccurrenceView(ScheduleMixin, FormView):
    """Record the next due occurrence, for the amount given (POST from the summary); a bad
    amount shows this page with the error beside the field."""

    form_class = RecordOccurrenceForm
    template_name = "ledger/recurring_record.html"

    def get_initial(self):
        return {"date": self.request.GET.get("date"), "amount": self.recurring.amount}

    def get_context_data(self, **kwargs):
        return super().get_context_data(recurring=self.recurring, **kwargs)

    def form_invalid(self, form):
        if "date" in form.errors:  # the summary sends it: only a made-up request gets it wrong
            messages.error(self.request, "That occurrence could not be recorded.")
            return redirect(_summary_url(self.budget))
        return super().form_invalid(form)

    def form_valid(self, form):
        date, amount = form.cleaned_data["date"], form.cleaned_data["amount"]
        try:
            services.record_occurrence(
                recurring=self.recurring, date=date, amount=amount, created_by=self.request.user
            )
        except services.OccurrenceNotPending as error:
            messages.error(self.request, str(error))
        except services.CategoryNotAllowed as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        else:
            messages.success(
                self.request, f"Recorded “{self.recurring}” of {date:%Y-%m-%d} for {amount}."
            )
        return redirect(_summary_url(self.budget))


class SkipOccurrenceView(ScheduleMixin, FormView):
    """Never record the next due occurrence (POST only)."""

    form_class = SkipOccurrenceForm
    http_method_names = ["post"]

    def form_valid(self, form):
        date = form.cleaned_data["date"]
        try:
            services.skip_occurrence(recurring=self.recurring, date=date)
        except services.OccurrenceNotPending as error:
            messages.error(self.request, str(error))
        else:
            messages.success(self.request, f"Skipped “{self.recurring}” of {date:%Y-%m-%d}.")
        return redirect(_summary_url(self.budget))

    def form_invalid(self, form):
        messages.error(self.request, "That occurrence could not be skipped.")
        return redirect(_summary_url(self.budget))
