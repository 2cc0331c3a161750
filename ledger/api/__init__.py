"""The JSON API under /api/: one NinjaAPI with token and session auth and JSON errors.

Every error answers `{"detail": ...}`; an unexpected exception is logged with
its traceback and answered as a bare 500 that reveals nothing.
"""

import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import DataError, IntegrityError
from django.http import Http404
from ninja import NinjaAPI, Swagger

from ledger.access import RoleForbidden
from ledger.api import (
    allotments,
    budgets,
    categories,
    expenses,
    income,
    openapi,
    recurring,
    reports,
    summary,
)
from ledger.api.auth import SessionAuth, TokenAuth
from ledger.security import api_docs_csp
from ledger.services import (
    CategoryInUse,
    CategoryNotAllowed,
    DateOutOfRange,
    DuplicateCategoryName,
    NotAMonth,
    TooManyCategories,
)

logger = logging.getLogger("budget.api")


class BudgetAPI(NinjaAPI):
    """NinjaAPI whose schema client generators accept: short operation ids, valid OpenAPI 3.1."""

    def get_openapi_operation_id(self, operation):
        # Generators name each client function after it: `list_expenses`, not
        # `ledger_api_expenses_list_expenses`. One view serving two methods names each
        # with `operation_id=` in its decorators.
        return operation.view_func.__name__

    def get_openapi_schema(self, **kwargs):
        return openapi.parameter_examples_as_map(super().get_openapi_schema(**kwargs))


api = BudgetAPI(
    title="Budget API",
    version="1",
    description=(
        "Categories with monthly limits, allotments and rollover, expenses, monthly income "
        "and the monthly summary.\n\n"
        "Authenticate with a personal token (`Authorization: Bearer <token>`, made on "
        "/settings/tokens/ or with `manage.py create_api_token`) or, from the browser, with "
        "your session (writes need the `X-CSRFToken` header). Money is sent as a number or "
        "a string with at most two decimal places and answered as a string with two places "
        '("12.50"); months are `YYYY-MM`, '
        'dates `YYYY-MM-DD`. Errors answer `{"detail": ...}`.'
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    # validatorUrl: Swagger UI would otherwise send the schema to validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    # Lets the docs viewer run under the site's CSP (its blob: workers, any inline script by hash).
    docs_decorator=api_docs_csp,
)

api.add_router("/allotments/", allotments.router)
api.add_router("/budgets/", budgets.router)
api.add_router("/categories/", categories.router)
api.add_router("/expenses/", expenses.router)
api.add_router("/income/", income.router)
api.add_router("/summary/", summary.router)
api.add_router("/reports/", reports.router)
api.add_router("/recurring/", recurring.router)


def _error(request, status, detail):
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "Not found.")


@api.exception_handler(RoleForbidden)
def role_forbidden(request, exc):
    return _error(request, 403, exc.message)


@api.exception_handler(CategoryInUse)
@api.exception_handler(CategoryNotAllowed)  # an allotment for an archived category
@api.exception_handler(DuplicateCategoryName)
@api.exception_handler(TooManyCategories)
def conflicts_with_a_rule(request, exc):
    return _error(request, 409, str(exc))


@api.exception_handler(DateOutOfRange)  # the schemas refuse these first, naming the field
@api.exception_handler(NotAMonth)
def refused_value(request, exc):
    return _error(request, 422, str(exc))


@api.exception_handler(IntegrityError)
def conflict(request, exc):
    # The routes check the rules first; this answers a race between two writes.
    logger.warning("API integrity error on %s %s: %s", request.method, request.path, exc)
    return _error(request, 409, "The change conflicts with data already stored.")


@api.exception_handler(DataError)
def out_of_range(request, exc):
    logger.warning("API data error on %s %s: %s", request.method, request.path, exc)
    return _error(request, 422, "A value is out of range.")


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return _error(request, 413, "The request body is too large.")


@api.exception_handler(SuspiciousOperation)
def bad_request(request, exc):
    return _error(request, 400, "Bad request.")


@api.exception_handler(Exception)
def server_error(request, exc):
    logger.error("Unhandled API error on %s %s", request.method, request.path, exc_info=exc)
    return _error(request, 500, "Internal server error.")
