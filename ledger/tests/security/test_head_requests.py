"""HEAD answers like GET, without a body, on every route: pages, admin and API."""

import re
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver

from budget.wsgi import application
from ledger.middleware import HeadAsGetMiddleware
from ledger.models import Category
from ledger.tests.factories import (
    ApiTokenFactory,
    CategoryFactory,
    ExpenseFactory,
    MonthlyIncomeFactory,
    RecurringExpenseFactory,
    SuperuserFactory,
)

# What HEAD must repeat from GET (Date, timings and CSP nonces differ between any two requests).
SAME_HEADERS = ["Content-Type", "Content-Length", "Location", "Allow"]


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _routes(resolver=None, prefix=""):
    """Every URL pattern of the URLconf as (url name, route text)."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, route)
        else:
            yield pattern.name, route


# One entry per route: ninja serves all methods of an API path from one pattern per method.
ROUTES = sorted({route: name for name, route in reversed(list(_routes()))}.items())
ROUTES = [(name, route) for route, name in ROUTES]


@dataclass
class Ledger:
    objects: dict  # primary keys by model name: "category", "user"...
    parameters: dict  # values of the other route parameters by name


@pytest.fixture
def ledger(client):
    """A signed-in superuser with one of everything, and what fills each route's parameters."""
    admin = SuperuserFactory()
    client.force_login(admin)
    category = CategoryFactory(owner=admin)
    token = ApiTokenFactory(owner=admin)
    return Ledger(
        objects={
            "category": category.pk,
            "report": category.pk,  # report-category
            "expense": ExpenseFactory(category=category).pk,
            "recurring": RecurringExpenseFactory(category=category).pk,
            "monthlyincome": MonthlyIncomeFactory(owner=admin).pk,
            "token": token.pk,
            "apitoken": token.pk,
            "user": admin.pk,
            "budget": token.budget_id,  # budget-invitation-revoke (no such invitation: 405/404)
            # allauth's passkey pages (no such key: 404)
            "mfa_edit_webauthn": 999_999,
            "mfa_remove_webauthn": 999_999,
        },
        parameters={
            "budget_id": token.budget_id,
            "user_id": admin.pk,
            "token": "not-an-invitation",
            "month": "2026-03",
            "app_label": "ledger",
            "content_type_id": ContentType.objects.get_for_model(Category).pk,
            "id": admin.pk,  # the admin's password change of a user
        },
    )


def _value(name, parameter, ledger):
    """The value of `parameter` in the route named `name`: a real object where there is one."""
    if parameter == "pk":  # category-edit, expense-delete, token-revoke...
        return ledger.objects[name.split("-")[0]]
    if parameter in ("category_id", "expense_id", "recurring_id"):  # the API
        return ledger.objects[parameter.removesuffix("_id")]
    if parameter == "object_id":  # the admin's ledger_category_change, auth_user_history...
        model = name.split("_")[1] if name else "category"
        return ledger.objects.get(model, ledger.objects["category"])
    return ledger.parameters.get(parameter, "nowhere")


def _path(name, route, ledger):
    def fill(match):
        return str(_value(name, match.group(1), ledger))

    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", fill, route)  # re_path() groups
    path = re.sub(r"<(?:\w+:)?(\w+)>", fill, path)  # path() routes
    return "/" + path.replace("^", "").replace("$", "").replace(".*", "nowhere")


def test_the_routes_cover_pages_admin_and_api():
    routes = {route for _, route in ROUTES}

    assert {"", "summary/<month:month>/", "admin/", "api/summary/<month>"} <= routes
    assert len(ROUTES) > 100


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), ROUTES, ids=[route or "/" for _, route in ROUTES])
def test_head_answers_like_get(client, ledger, name, route):
    path = _path(name, route, ledger)

    get = client.get(path)
    head = client.head(path)

    assert head.status_code == get.status_code, path
    for header in SAME_HEADERS:
        assert head.get(header) == get.get(header), (path, header)
    assert _body(head) == b""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/summary/2026-03/",
        "/categories/",
        "/expenses/export.csv?month=2026-03",
        "/health",
        "/settings/backup/download/",
        "/admin/ledger/expense/",
        "/api/categories/",
        "/api/summary/2026-03",
        "/api/expenses/export.csv?month=2026-03",
    ],
)
def test_head_is_a_200_where_get_is(client, ledger, path):
    # Class-based views answered HEAD before; require_GET views and django-ninja's
    # operations answered it with 405.
    response = client.head(path)

    assert response.status_code == 200
    assert _body(response) == b""


@pytest.mark.django_db(transaction=True)  # the WSGI handler closes connections per request
def test_the_app_sends_no_body_for_head_but_gets_length():
    # Straight through the WSGI app, as a server sees it: the test client drops HEAD bodies
    # itself.
    def call(method):
        answer = {}

        def start_response(status, headers):
            answer.update(status=status, headers=dict(headers))

        environ = RequestFactory().generic(method, "/api/openapi.json").environ
        body = b"".join(application(environ, start_response))
        return answer["status"], answer["headers"], body

    get_status, get_headers, get_body = call("GET")
    head_status, head_headers, head_body = call("HEAD")

    assert get_status == head_status == "200 OK"
    assert int(get_headers["Content-Length"]) == len(get_body) > 1000
    assert head_headers["Content-Length"] == get_headers["Content-Length"]
    assert head_body == b""


def test_a_streamed_body_is_never_produced_for_head():
    produced = []

    def rows():
        produced.append("row")
        yield b"date,category,amount,description\r\n"

    middleware = HeadAsGetMiddleware(lambda request: StreamingHttpResponse(rows()))
    response = middleware(RequestFactory().head("/expenses/export.csv"))

    assert b"".join(response.streaming_content) == b""
    assert produced == []


def test_the_view_sees_get_and_the_log_sees_head():
    seen = []

    def view(request):
        seen.append(request.method)
        return HttpResponse("hello")

    request = RequestFactory().head("/")
    HeadAsGetMiddleware(view)(request)

    assert seen == ["GET"]
    assert request.method == "HEAD"


def test_other_methods_pass_untouched():
    middleware = HeadAsGetMiddleware(lambda request: HttpResponse(request.method))

    assert middleware(RequestFactory().post("/")).content == b"POST"
