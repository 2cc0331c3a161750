"""A month's budget page: what each active category is given this month, in one form."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.views.generic import TemplateView

from ledger import selectors, services
from ledger.forms.allotments import MonthAllotmentsForm
from ledger.months import next_month, previous_month
from ledger.views.mixins import BudgetMixin
from ledger.views.once import submitted_once

SAVE_FAILED = "The allotments could not be saved; please check them and try again."


def _average_months(month) -> str:
    first = previous_month(previous_month(previous_month(month)))
    return f"{first:%B %Y} to {previous_month(month):%B %Y}"


# action -> (service, what the page says when done)
ACTIONS = {
    "copy_previous": (
        services.copy_previous_allotments,
        lambda month: f"Allotments for {month:%B %Y} copied from {previous_month(month):%B %Y}.",
    ),
    "average": (
        services.allot_average_spending,
        lambda month: f"Each allotment set to the average spending of {_average_months(month)}.",
    ),
    "reset": (
        services.reset_allotments,
        lambda month: f"Every category uses its monthly limit in {month:%B %Y}.",
    ),
}


class BudgetMonthView(BudgetMixin, TemplateView):
    """`/budget/YYYY-MM/`: one amount per active category (empty: the monthly limit), saved
    in one POST; a POST with `action` copies last month's, averages or resets them all."""

    template_name = "ledger/budget_month.html"

    def get(self, request, *args, month, **kwargs):
        plan = selectors.month_plan(self.budget, month)
        return self.render_page(month, plan, MonthAllotmentsForm(lines=plan.lines))

    @submitted_once
    def post(self, request, *args, month, **kwargs):
        action = request.POST.get("action")
        if action is not None:
            return self.fill(month, action)
        plan = selectors.month_plan(self.budget, month)
        form = MonthAllotmentsForm(request.POST, lines=plan.lines)
        if not form.is_valid():
            return self.render_page(month, plan, form)
        try:
            with transaction.atomic():
                services.set_month_allotments(
                    budget=self.budget, month=month, amounts=form.amounts()
                )
        except services.BudgetRuleError as error:  # a category archived meanwhile
            form.add_error(None, str(error))
            return self.render_page(month, plan, form)
        except IntegrityError:  # another request saved the same month at the same moment
            form.add_error(None, SAVE_FAILED)
            return self.render_page(month, plan, form)
        messages.success(request, f"Allotments for {month:%B %Y} saved.")
        return redirect(request.path)

    def fill(self, month, action):
        if action not in ACTIONS:
            return HttpResponseBadRequest(
                "Unknown action.", content_type="text/plain; charset=utf-8"
            )
        service, done = ACTIONS[action]
        try:
            with transaction.atomic():
                service(budget=self.budget, month=month)
        except services.NotAMonth as error:  # a month out of range (issue 24)
            messages.error(self.request, str(error))
        except (services.BudgetRuleError, IntegrityError):
            messages.error(self.request, SAVE_FAILED)
        else:
            messages.success(self.request, done(month))
        return redirect(self.request.path)

    def render_page(self, month, plan, form):
        return self.render_to_response(
            self.get_context_data(
                month=month,
                previous=previous_month(month),
                next=next_month(month),
                summary=plan.summary,
                form=form,
                entries=form.entries(),
                can_write=self.member.can_write,
            )
        )
