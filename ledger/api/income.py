"""/api/income/: the caller's income, one amount per month."""

from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from ledger import access, services
from ledger.api.fields import Month
from ledger.api.pagination import Pagination
from ledger.api.schemas.errors import BODY_ERRORS, ERRORS, NOT_FOUND
from ledger.api.schemas.income import IncomeRead, IncomeSet
from ledger.models import MonthlyIncome

router = Router(tags=["income"])


@router.get(
    "",
    response={200: list[IncomeRead], **ERRORS},
    summary="List incomes",
    description="The income you set for each month, newest month first.",
)
@paginate(Pagination)
def list_incomes(request):
    return MonthlyIncome.objects.for_budget(access.request_budget(request))


@router.post(
    "",
    response={200: IncomeRead, 201: IncomeRead, **BODY_ERRORS},
    summary="Set a month's income",
    description="Create (201) or replace (200) the income of `month`; 0 or more.",
)
def set_income(request, payload: IncomeSet):
    budget = access.request_budget(request, access.WRITE)
    existed = MonthlyIncome.objects.for_budget(budget).filter(month=payload.month).exists()
    income = services.set_month_income(
        budget=budget, month=payload.month, amount=payload.amount, note=payload.note
    )
    return Status(200 if existed else 201, income)


@router.get(
    "{month}",
    response={200: IncomeRead, **NOT_FOUND, **ERRORS},
    summary="Get a month's income",
    description="The income of `month` (YYYY-MM); 404 when none is set, 422 for a malformed month.",
)
def get_income(request, month: Month):
    return get_object_or_404(
        MonthlyIncome.objects.for_budget(access.request_budget(request)), month=month
    )
