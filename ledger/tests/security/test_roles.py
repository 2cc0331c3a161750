"""Roles in a shared budget: a viewer reads everything and changes nothing, an editor writes.

"Household" is owned by `owner`, with a category, an expense and a month's
income; `viewer` and `editor` are members. Every changing web route and API
operation is tried by the viewer: a 403 with the role's message, and every row
of the budget is exactly as before. The editor makes the same changes.
"""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from ledger import services
from ledger.models import (
    Allotment,
    Category,
    Expense,
    Membership,
    MonthlyIncome,
    RecurringExpense,
    Role,
    SkippedOccurrence,
)
from ledger.rules import ROLE_CANNOT_CHANGE
from ledger.services import budgets  # noqa: F401 - services.budgets below
from ledger.tests.api_client import ApiClient
from ledger.tests.factories import (
    ApiTokenFactory,
    CategoryFactory,
    ExpenseFactory,
    MembershipFactory,
    MonthlyIncomeFactory,
    RecurringExpenseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
MONTH = datetime.date(2026, 3, 1)


@pytest.fixture
def household():
    owner = MembershipFactory(role=Role.OWNER, budget__name="Household", user__username="olga")
    budget = owner.budget
    category = CategoryFactory(budget=budget, name="Food", limit=Decimal("200.00"))
    archived = CategoryFactory(budget=budget, name="Old", is_archived=True)
    expense = ExpenseFactory(
        category=category, created_by=owner.user, amount=Decimal("42.00"), date=MONTH
    )
    income = MonthlyIncomeFactory(budget=budget, month=MONTH, amount=Decimal("1000.00"))
    recurring = RecurringExpenseFactory(category=category, start=MONTH)  # due on MONTH
    return {
        "budget": budget,
        "category": category,
        "archived": archived,
        "expense": expense,
        "recurring": recurring,
        "income": income,
    }


def _member(household, role, username):
    member = MembershipFactory(budget=household["budget"], role=role, user__username=username)
    client = Client()
    client.force_login(member.user)
    client.post(f"/budgets/{member.budget_id}/switch/")
    return member, client


@pytest.fixture
def viewer(household):
    return _member(household, Role.VIEWER, "vera")


@pytest.fixture
def editor(household):
    return _member(household, Role.EDITOR, "ed")


def _snapshot(budget):
    return [
        list(model.objects.for_budget(budget).order_by("pk").values())
        for model in (
            Category,
            Expense,
            MonthlyIncome,
            Allotment,
            RecurringExpense,
            SkippedOccurrence,
        )
    ]


# (URL name, kwargs from the household, POST body): every web route that changes the budget.
WEB_WRITES = [
    # The income's own id: ids are not reused on PostgreSQL, so "1" may be no row at all.
    ("expense-out-of-range", lambda h: {}, lambda h: {"income": str(h["income"].pk)}),
    ("category-create", lambda h: {}, {"name": "New", "limit": "1"}),
    ("category-edit", lambda h: {"pk": h["category"].pk}, {"name": "X", "limit": "1"}),
    ("category-delete", lambda h: {"pk": h["category"].pk}, {"action": "archive"}),
    ("category-restore", lambda h: {"pk": h["archived"].pk}, {}),
    (
        "expense-create",
        lambda h: {},
        {"category": 0, "amount": "1.00", "date": "2026-03-02"},
    ),
    (
        "expense-edit",
        lambda h: {"pk": h["expense"].pk},
        {"category": 0, "amount": "1.00", "date": "2026-03-02"},
    ),
    ("expense-delete", lambda h: {"pk": h["expense"].pk}, {}),
    ("income", lambda h: {"month": MONTH}, {"amount": "5.00", "note": ""}),
    ("income", lambda h: {"month": MONTH}, {"action": "copy_previous"}),
    (
        "budget-month",
        lambda h: {"month": MONTH},
        lambda h: {f"allot-{h['category'].pk}": "5.00"},
    ),
    ("budget-month", lambda h: {"month": MONTH}, {"action": "average"}),
    (
        "recurring-create",
        lambda h: {},
        {
            "category": 0,
            "amount": "1.00",
            "frequency": "monthly",
            "interval": "1",
            "start": "2026-03-02",
        },
    ),
    (
        "recurring-edit",
        lambda h: {"pk": h["recurring"].pk},
        {
            "category": 0,
            "amount": "1.00",
            "frequency": "weekly",
            "interval": "1",
            "start": "2026-03-02",
            "active": "on",
        },
    ),
    ("recurring-delete", lambda h: {"pk": h["recurring"].pk}, {}),
    (
        "recurring-record",
        lambda h: {"pk": h["recurring"].pk},
        {"date": "2026-03-01", "amount": "9"},
    ),
    ("recurring-skip", lambda h: {"pk": h["recurring"].pk}, {"date": "2026-03-01"}),
    ("import-upload", lambda h: {}, {}),
    ("backup", lambda h: {}, {}),
]


def _body(household, body):
    if callable(body):
        return body(household)
    return {**body, "category": household["category"].pk} if "category" in body else body


@pytest.mark.parametrize(("name", "kwargs", "body"), WEB_WRITES)
def test_a_viewer_cannot_change_anything_on_the_web(household, viewer, name, kwargs, body):
    _, client = viewer
    before = _snapshot(household["budget"])

    response = client.post(reverse(name, kwargs=kwargs(household)), _body(household, body))

    assert response.status_code == 403
    assert ROLE_CANNOT_CHANGE.encode() in response.content or b"owners" in response.content
    assert _snapshot(household["budget"]) == before


@pytest.mark.parametrize(("name", "kwargs", "body"), WEB_WRITES[:-2])
def test_an_editor_makes_the_same_changes(household, editor, name, kwargs, body):
    _, client = editor
    before = _snapshot(household["budget"])

    response = client.post(reverse(name, kwargs=kwargs(household)), _body(household, body))

    assert response.status_code == 302
    if name != "income" or "action" not in body:  # last month had no income to copy
        assert _snapshot(household["budget"]) != before


@pytest.mark.parametrize(
    "path",
    [
        "/summary/2026-03/",
        "/expenses/?month=2026-03",
        "/categories/",
        "/income/2026-03/",
        "/budget/2026-03/",
        "/settings/backup/",
        "/settings/backup/download/",
        "/expenses/export.csv?all=1",
        "/recurring/",
    ],
)
def test_a_viewer_reads_every_page(household, viewer, path):
    _, client = viewer

    response = client.get(path)

    assert response.status_code == 200


def test_a_viewer_sees_no_write_buttons(household, viewer):
    _, client = viewer

    paths = ("/expenses/?month=2026-03", "/categories/", "/recurring/")
    pages = [client.get(p).content.decode() for p in paths]
    summary = client.get("/summary/2026-03/").content.decode()

    assert "42.00" in pages[0]
    assert "Food" in pages[1]
    for page in [*pages, summary]:
        assert "/edit/" not in page
        assert "/delete/" not in page
        assert "/expenses/new/" not in page
        assert "/categories/new/" not in page
        assert 'href="/import/"' not in page
        assert "/record/" not in page
        assert "/skip/" not in page
    assert 'name="amount"' not in client.get("/income/2026-03/").content.decode()
    budget_page = client.get("/budget/2026-03/").content.decode()
    assert "200.00" in budget_page
    assert 'name="allot-' not in budget_page
    assert 'name="action"' not in budget_page


def test_an_editor_sees_the_write_buttons(household, editor):
    _, client = editor

    page = client.get("/expenses/?month=2026-03").content.decode()

    assert f"/expenses/{household['expense'].pk}/edit/" in page
    assert "/expenses/new/" in page


def test_the_expense_list_says_who_recorded_each_expense(household, editor):
    member, client = editor
    ExpenseFactory(category=household["category"], created_by=member.user, date=MONTH)

    response = client.get("/expenses/?month=2026-03")

    page = response.content.decode()
    assert "Recorded by" in page
    assert '<td class="d-none d-sm-table-cell">olga</td>' in page
    assert '<td class="d-none d-sm-table-cell">ed</td>' in page


def test_a_budget_of_one_does_not_say_who_recorded(user_client, user):
    ExpenseFactory(owner=user, date=MONTH)

    page = user_client.get("/expenses/?month=2026-03").content.decode()

    assert "Recorded by" not in page


def test_recording_an_expense_notes_who_did(household, editor):
    member, client = editor
    data = {"category": household["category"].pk, "amount": "3.00", "date": "2026-03-05"}

    client.post("/expenses/new/", data)

    assert Expense.objects.for_budget(household["budget"]).get(amount=3).created_by == member.user


# API --------------------------------------------------------------------------

API_WRITES = [
    ("post", "/api/categories/", lambda h: {"name": "New", "limit": "1"}),
    ("patch", "/api/categories/{category}", lambda h: {"name": "X"}),
    ("put", "/api/categories/{category}", lambda h: {"name": "X", "limit": "1"}),
    ("delete", "/api/categories/{archived}", None),
    (
        "post",
        "/api/expenses/",
        lambda h: {"category_id": h["category"].pk, "amount": "1", "date": "2026-03-02"},
    ),
    ("patch", "/api/expenses/{expense}", lambda h: {"amount": "1"}),
    (
        "put",
        "/api/expenses/{expense}",
        lambda h: {"category_id": h["category"].pk, "amount": "1", "date": "2026-03-02"},
    ),
    ("delete", "/api/expenses/{expense}", None),
    ("post", "/api/income/", lambda h: {"month": "2026-03", "amount": "1"}),
    (
        "post",
        "/api/recurring/",
        lambda h: {
            "category_id": h["category"].pk,
            "amount": "1",
            "frequency": "monthly",
            "start": "2026-03-02",
        },
    ),
    ("patch", "/api/recurring/{recurring}", lambda h: {"amount": "2"}),
    (
        "put",
        "/api/recurring/{recurring}",
        lambda h: {
            "category_id": h["category"].pk,
            "amount": "1",
            "frequency": "weekly",
            "start": "2026-03-02",
        },
    ),
    ("delete", "/api/recurring/{recurring}", None),
]


def _api_path(household, path):
    return path.format(**{key: getattr(value, "pk", None) for key, value in household.items()})


def _token_client(member):
    token = ApiTokenFactory(owner=member.user, budget=member.budget)
    return ApiClient(Client(), {"HTTP_AUTHORIZATION": f"Bearer {token.raw}"})


@pytest.mark.parametrize(("method", "path", "body"), API_WRITES)
def test_a_viewers_token_cannot_change_anything(household, viewer, method, path, body):
    api = _token_client(viewer[0])
    before = _snapshot(household["budget"])

    send = getattr(api, method)
    url = _api_path(household, path)
    response = send(url) if body is None else send(url, body(household))

    assert (response.status_code, response.json()) == (403, {"detail": ROLE_CANNOT_CHANGE})
    assert _snapshot(household["budget"]) == before


@pytest.mark.parametrize(("method", "path", "body"), API_WRITES)
def test_an_editors_token_makes_the_same_changes(household, editor, method, path, body):
    api = _token_client(editor[0])

    send = getattr(api, method)
    url = _api_path(household, path)
    response = send(url) if body is None else send(url, body(household))

    assert response.status_code in (200, 201, 204)


@pytest.mark.parametrize(
    "path",
    [
        "/api/categories/",
        "/api/expenses/?month=2026-03",
        "/api/income/",
        "/api/summary/2026-03",
        "/api/expenses/export.csv?all=true",
        "/api/budgets/",
    ],
)
def test_a_viewers_token_reads_everything(household, viewer, path):
    response = _token_client(viewer[0]).client.get(path, **_token_client(viewer[0]).headers)

    assert response.status_code == 200


def test_a_token_reads_its_own_budget_only(household, viewer):
    member, _ = viewer
    own = services.budgets.own_budget(user=member.user)
    CategoryFactory(budget=own, name="Vera's own")
    api = _token_client(member)

    names = [c["name"] for c in api.get("/api/categories/").json()["items"]]

    assert sorted(names) == ["Food", "Old"]


def test_api_expenses_say_who_recorded_them(household, editor):
    api = _token_client(editor[0])

    created = api.post(
        "/api/expenses/",
        {"category_id": household["category"].pk, "amount": "2", "date": "2026-03-03"},
    ).json()
    listed = api.get("/api/expenses/", month="2026-03").json()["items"]

    assert created["created_by"] == "ed"
    assert sorted(item["created_by"] for item in listed) == ["ed", "olga"]


def test_a_token_stops_working_when_its_user_leaves(household, editor):
    member, client = editor
    api = _token_client(member)
    assert api.get("/api/categories/").status_code == 200

    client.post(f"/budgets/{member.budget_id}/leave/")

    response = api.get("/api/categories/")
    assert response.status_code == 401
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_a_token_stops_working_when_its_user_is_removed(household, editor):
    member, _ = editor
    api = _token_client(member)

    services.budgets.remove_member(member=member)

    assert api.get("/api/categories/").status_code == 401


def test_what_a_member_recorded_stays_when_they_leave(household, editor):
    member, client = editor
    ExpenseFactory(category=household["category"], created_by=member.user, description="by ed")

    client.post(f"/budgets/{member.budget_id}/leave/")

    assert Expense.objects.get(description="by ed").created_by == member.user


def test_a_session_uses_the_current_budget_on_the_api(household, viewer):
    _, client = viewer

    response = client.post(
        "/api/categories/",
        {"name": "Nope", "limit": "1"},
        content_type="application/json",
    )

    # A session write needs the CSRF header first; the role is checked right after.
    assert response.status_code == 403
    assert not Category.objects.filter(name="Nope").exists()


def test_a_stranger_gets_404_for_the_budgets_objects(household):
    stranger = UserFactory()
    client = Client()
    client.force_login(stranger)

    for path in [
        f"/categories/{household['category'].pk}/edit/",
        f"/expenses/{household['expense'].pk}/edit/",
        f"/budgets/{household['budget'].pk}/members/",
    ]:
        assert client.get(path).status_code == 404
    assert client.post(f"/budgets/{household['budget'].pk}/switch/").status_code == 404


# Pages that only read, or that are the user's own (tokens, budgets), or take no role at all.
NOT_BUDGET_WRITES = {
    "health",
    "home",
    "summary",
    "category-list",
    "expense-list",
    "income-current",
    "tokens",
    "token-revoke",
    "expense-export-csv",
    "import-columns",  # an upload of one's own; its POST needs a role that writes (below)
    "import-preview",
    "backup-download",
    "reports",
    "report-category",
    "recurring-list",
}


def test_every_web_route_is_tried_by_the_viewer():
    from ledger import urls
    from ledger.tests.security.test_cross_user import BUDGET_PAGES, BUDGET_ROUTES

    names = {pattern.name for pattern in urls.urlpatterns}
    tried = {name for name, _, _ in WEB_WRITES}

    assert names - set(BUDGET_ROUTES) - BUDGET_PAGES == tried | NOT_BUDGET_WRITES


@pytest.mark.parametrize("step", ["columns", "preview"])
def test_a_viewer_cannot_take_an_import_step(household, viewer, step):
    _, client = viewer
    before = _snapshot(household["budget"])

    response = client.post(f"/import/{'A' * 32}/{step}/", {})

    assert response.status_code == 403
    assert _snapshot(household["budget"]) == before
