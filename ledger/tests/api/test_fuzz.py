"""Schemathesis fuzzes every operation of /api/openapi.json against the real app.

Each operation gets valid and invalid requests generated from the schema the API
serves, sent through the WSGI app with a real token, and every response is checked:
no 5xx, a documented status code, content type and body shape, invalid input refused
with a 4xx and valid input accepted. A failure prints a curl line that reproduces it.

CI runs 30 generated examples per operation (plus schemathesis' explicit and coverage
cases, about 2,000 requests in all); for a deeper run locally:
    BUDGET_FUZZ_EXAMPLES=500 .venv/bin/python -m pytest ledger/tests/api/test_fuzz.py
"""

import os
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from budget.wsgi import application
from ledger.rules import CENT
from ledger.tests.factories import (
    ApiTokenFactory,
    CategoryFactory,
    ExpenseFactory,
    MonthlyIncomeFactory,
    RecurringExpenseFactory,
    UserFactory,
)

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@dataclass
class FuzzLedger:
    headers: dict
    category_ids: list
    expense_ids: list
    recurring_ids: list


@pytest.fixture
def fuzz_ledger(transactional_db):
    """A user with a token, categories, expenses and income; each request in autocommit.

    transactional_db, not db: a request that fails in the database must not poison a test
    transaction that the next generated request would still be using.
    """
    # As Django's test client does: keep the test database connection between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    user = UserFactory()
    token = ApiTokenFactory(owner=user)
    categories = [
        CategoryFactory(owner=user, name="Groceries"),
        CategoryFactory(owner=user, name="Rent", limit=Decimal("1200.00")),
    ]
    expenses = [ExpenseFactory(category=category) for category in categories]
    MonthlyIncomeFactory(owner=user)
    recurring = [RecurringExpenseFactory(category=categories[1], auto_post=True)]
    # Someone else's data, which the fuzzer must never reach.
    ExpenseFactory(category=CategoryFactory(owner=UserFactory()))
    yield FuzzLedger(
        headers={"Authorization": f"Bearer {token.raw}"},
        category_ids=[category.pk for category in categories],
        expense_ids=[expense.pk for expense in expenses],
        recurring_ids=[schedule.pk for schedule in recurring],
    )
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _use_real_ids(case, ledger):
    """Point valid requests at the user's own objects.

    A path id is swapped for a real one about half the time (when the generated id is
    even, so the choice is part of what hypothesis replays); other ids are 404s, which
    the schema documents. A body's category_id is always a real category: an unknown one
    is a 422 that no schema can foresee (expenses/test_api.py proves that answer).
    """
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    real = {
        "category_id": ledger.category_ids,
        "expense_id": ledger.expense_ids,
        "recurring_id": ledger.recurring_ids,
    }
    for name, ids in real.items():
        value = (case.path_parameters or {}).get(name)
        if isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = ids[value // 2 % len(ids)]
    value = case.body.get("category_id") if isinstance(case.body, dict) else None
    if isinstance(value, int | float):  # 7.0 is a JSON integer too
        case.body["category_id"] = ledger.category_ids[int(value) % len(ledger.category_ids)]


# Body fields holding money; as a JSON number the schema cannot say "two places" (see
# ledger/api/fields.py `_money_schema`).
MONEY_FIELDS = ("amount", "limit")


def _money_in_cents(case):
    """Cut valid requests' money numbers to whole cents, as the API description asks.

    Without `multipleOf` in the schema the fuzzer draws any float; a third decimal place
    is a 422 (api/test_schema.py proves it).
    """
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    if not isinstance(case.body, dict):
        return
    for field in MONEY_FIELDS:
        value = case.body.get(field)
        if isinstance(value, float):
            cents = Decimal(repr(value)).quantize(CENT, rounding=ROUND_DOWN)
            if cents == 0 and value > 0:  # above an exclusive minimum of 0
                cents = CENT
            case.body[field] = float(cents)


def _rollover_month_with_a_rollover(case):
    """Send valid requests' `rollover_from` with a rollover that uses it.

    A month with rollover `none` (sent, or stored on the category a PATCH changes) is a 422
    that no schema can foresee; categories/test_api_rollover.py proves that answer.
    """
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    body = case.body if isinstance(case.body, dict) else {}
    if body.get("rollover_from") is not None and body.get("rollover") not in ("unspent", "all"):
        body["rollover"] = "unspent"


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("BUDGET_FUZZ_EXAMPLES", "30")),
    deadline=None,
    derandomize=True,  # the same examples on every run, so CI is repeatable
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_matches_its_schema(case, fuzz_ledger):
    _use_real_ids(case, fuzz_ledger)
    _money_in_cents(case)
    _rollover_month_with_a_rollover(case)
    excluded = []
    if case.operation.path == "/api/expenses/export.csv":
        # Exactly one of month, year and all is required (400 otherwise), which OpenAPI
        # parameters cannot express; exports/test_api.py proves those answers.
        excluded.append(positive_data_acceptance)
    if case.operation.path == "/api/reports/trends":
        # `from` after `to`, more than 120 months, or a year with from/to are a 422 that
        # OpenAPI parameters cannot express; reports/test_pages.py proves those answers.
        excluded.append(positive_data_acceptance)
    if case.operation.path.startswith("/api/recurring/") and case.method != "GET":
        # A schedule's rules span fields (end after start, end or count, a day of the month
        # only when monthly), which JSON Schema cannot state; recurring/test_api.py proves
        # those 422s.
        excluded.append(positive_data_acceptance)
    case.call_and_validate(headers=fuzz_ledger.headers, excluded_checks=excluded)
