"""A second user reaches none of the first user's data, by any route.

`owner` has categories (one archived), an expense, a month's income, an API
token and a CSV upload half-way through the import; `intruder` has a budget of
their own beside it. Every web page, API operation, admin page and query
parameter is tried as the intruder: an id of the owner's is a 404 exactly like
an id that does not exist (a form error or a 422 when it is a category in a
request body), no answer shows the owner's data, and afterwards every one of
the owner's rows (and uploads) is exactly as before.

The tables below are checked against `ledger/urls.py`, the API router and the
admin site: a new route or model fails `test_every_*` until it is added here.
Control tests make the same requests as the owner, so a 404 here means
"not yours", not "broken".
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, reverse

from ledger import services as ledger_services
from ledger import urls as ledger_urls
from ledger.api import api
from ledger.models import (
    Allotment,
    ApiToken,
    Budget,
    Category,
    Expense,
    ImportUpload,
    Invitation,
    Membership,
    MonthlyIncome,
    RecurringExpense,
    SkippedOccurrence,
)
from ledger.services import budgets as services
from ledger.tests.api_client import ApiClient
from ledger.tests.factories import (
    ApiTokenFactory,
    CategoryFactory,
    ExpenseFactory,
    MonthlyIncomeFactory,
    RecurringExpenseFactory,
    UserFactory,
    budget_of,
)

pytestmark = pytest.mark.django_db

MONTH = datetime.date(2026, 3, 1)
MISSING_PK = 987_654_321
MISSING_UPLOAD = "A" * 32
# Everything of the owner's that a page or answer could show.
OWNER_MARKERS = [
    b"Owner caviar",
    b"Owner old times",
    b"owner secret purchase",
    b"987.65",
    b"owner salary note",
    b"7654.32",
    b"7,654.32",
    b"owner phone token",
    b"owner rent schedule",
    b"4321.09",
    b"4,321.09",
]
CSV = "Date;Amount;Description;Category\n15/03/2026;4,20;owner csv row;Owner caviar\n"


@dataclass
class World:
    owner: object
    intruder: object
    category: Category
    archived: Category
    expense: Expense
    income: MonthlyIncome
    token: ApiToken
    upload: str
    intruder_category: Category
    intruder_expense: Expense
    intruder_token: ApiToken
    recurring: object = None
    before: dict = None

    def snapshot(self):
        """Every row the owner has, every field of it, and the owner's waiting uploads."""
        rows = {
            model.__name__: list(
                model.objects.filter(budget=budget_of(self.owner)).order_by("pk").values()
            )
            for model in (
                Category,
                Expense,
                MonthlyIncome,
                ApiToken,
                Allotment,
                RecurringExpense,
            )
        }
        rows["skipped"] = list(
            SkippedOccurrence.objects.for_budget(budget_of(self.owner)).order_by("pk").values()
        )
        rows["uploads"] = [
            (upload.token, bytes(upload.data), upload.choices)
            for upload in ImportUpload.objects.filter(owner=self.owner).order_by("pk")
        ]
        return rows

    def assert_untouched(self):
        assert self.snapshot() == self.before


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


def _upload(client):
    """Upload CSV and map its columns as `client`; return the upload's token."""
    data = {
        "file": SimpleUploadedFile("bank.csv", CSV.encode(), content_type="text/csv"),
        "delimiter": "",
        "date_format": "dmy",
        "decimal": ",",
    }
    token = client.post("/import/", data)["Location"].split("/")[2]
    columns = {"has_header": "on", "date": 0, "amount": 1, "description": 2, "category": 3}
    assert client.post(f"/import/{token}/columns/", columns).status_code == 302
    return token


@pytest.fixture
def world(user, other_user):
    category = CategoryFactory(owner=user, name="Owner caviar", limit=Decimal("500.00"))
    intruder_category = CategoryFactory(
        owner=other_user, name="Intruder food", limit=Decimal("100.00")
    )
    world = World(
        owner=user,
        intruder=other_user,
        category=category,
        archived=CategoryFactory(owner=user, name="Owner old times", is_archived=True),
        expense=ExpenseFactory(
            category=category,
            amount=Decimal("987.65"),
            date=datetime.date(2026, 3, 10),
            description="owner secret purchase",
        ),
        income=MonthlyIncomeFactory(
            owner=user, month=MONTH, amount=Decimal("7654.32"), note="owner salary note"
        ),
        token=ApiTokenFactory(owner=user, name="owner phone token"),
        upload=_upload(_client_for(user)),
        intruder_category=intruder_category,
        intruder_expense=ExpenseFactory(
            category=intruder_category,
            amount=Decimal("3.00"),
            date=datetime.date(2026, 3, 11),
            description="intruder lunch",
        ),
        intruder_token=ApiTokenFactory(owner=other_user, name="intruder token"),
        # Due on 2026-03-01 and waiting to be recorded or skipped.
        recurring=RecurringExpenseFactory(
            category=category,
            description="owner rent schedule",
            amount=Decimal("4321.09"),
            start=MONTH,
        ),
    )
    ledger_services.set_allotment(
        budget=budget_of(user), category=category, month=MONTH, amount=Decimal("654.32")
    )
    world.before = world.snapshot()
    return world


@pytest.fixture
def owner_client(world):
    return _client_for(world.owner)


@pytest.fixture
def intruder_client(world):
    return _client_for(world.intruder)


@pytest.fixture(params=["token", "session"])
def intruder_api(request, world):
    """The intruder on the API, by personal token and by browser session."""
    if request.param == "token":
        return ApiClient(Client(), {"HTTP_AUTHORIZATION": f"Bearer {world.intruder_token.raw}"})
    return ApiClient(_client_for(world.intruder), {})


@pytest.fixture
def owner_api(world):
    return ApiClient(Client(), {"HTTP_AUTHORIZATION": f"Bearer {world.token.raw}"})


def assert_hides_owner(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    for marker in OWNER_MARKERS:
        assert marker not in content, marker


# Web pages -------------------------------------------------------------------

# Pages naming one of the owner's objects: (URL kwargs, methods the page takes,
# a POST body that would change the object if the page let the intruder in).
WEB_OBJECT_ROUTES = {
    "category-edit": (
        lambda w: {"pk": w.category.pk},
        ["GET", "POST", "PUT"],
        lambda w, mine: {"name": "Renamed", "limit": "1.00"},
    ),
    "category-delete": (
        lambda w: {"pk": w.category.pk},
        ["GET", "POST", "PUT"],
        lambda w, mine: {"action": "archive"},
    ),
    "category-restore": (lambda w: {"pk": w.archived.pk}, ["POST"], lambda w, mine: {}),
    "expense-edit": (
        lambda w: {"pk": w.expense.pk},
        ["GET", "POST", "PUT"],
        lambda w, mine: {
            "category": mine.pk,
            "amount": "1.00",
            "date": "2026-03-02",
            "description": "changed",
        },
    ),
    "expense-delete": (
        lambda w: {"pk": w.expense.pk},
        ["GET", "POST", "DELETE"],
        lambda w, mine: {},
    ),
    "token-revoke": (lambda w: {"pk": w.token.pk}, ["POST"], lambda w, mine: {}),
    "report-category": (lambda w: {"pk": w.category.pk}, ["GET"], lambda w, mine: {}),
    "recurring-edit": (
        lambda w: {"pk": w.recurring.pk},
        ["GET", "POST", "PUT"],
        lambda w, mine: {
            "category": mine.pk,
            "amount": "1.00",
            "frequency": "weekly",
            "interval": "1",
            "start": "2026-03-02",
            "active": "on",
        },
    ),
    "recurring-delete": (lambda w: {"pk": w.recurring.pk}, ["GET", "POST"], lambda w, mine: {}),
    "recurring-record": (
        lambda w: {"pk": w.recurring.pk},
        ["GET", "POST", "PUT"],
        lambda w, mine: {"date": "2026-03-01", "amount": "1.00"},
    ),
    "recurring-skip": (
        lambda w: {"pk": w.recurring.pk},
        ["POST"],
        lambda w, mine: {"date": "2026-03-01"},
    ),
    "import-columns": (
        lambda w: {"token": w.upload},
        ["GET", "POST"],
        lambda w, mine: {"has_header": "on", "date": 0, "amount": 1, "category": 3},
    ),
    "import-preview": (
        lambda w: {"token": w.upload},
        ["GET", "POST"],
        lambda w, mine: {"include_duplicates": "on"},
    ),
}
# Pages of a month: they show (and set) the signed-in user's own figures only.
WEB_MONTH_ROUTES = {"summary", "income", "budget-month"}
# Every page without an id, as the intruder: (query string, what the owner would see there).
WEB_PAGES = {
    "health": ("", None),
    "home": ("", None),
    "category-list": ("", b"Owner caviar"),
    "category-create": ("", None),
    "expense-list": ("?month=2026-03", b"owner secret purchase"),
    "expense-create": ("", b"Owner caviar"),
    "expense-out-of-range": (
        "",
        None,
    ),  # the owner's rows out of range: dates/test_out_of_range_page.py
    "income-current": ("", None),
    "tokens": ("", b"owner phone token"),
    "expense-export-csv": ("?all=1", b"owner secret purchase"),
    "import-upload": ("", None),
    "backup": ("", None),
    "backup-download": ("", b"owner secret purchase"),
    "summary": ("", b"Owner caviar"),
    "income": ("", b"owner salary note"),
    "budget-month": ("", b"Owner caviar"),
    "reports": ("?from=2026-01&to=2026-06", b"Owner caviar"),
    "recurring-list": ("", b"owner rent schedule"),
    "recurring-create": ("", b"Owner caviar"),
}


def _ledger_routes():
    """(name, has parameters) of every pattern in ledger/urls.py."""
    for pattern in ledger_urls.urlpatterns:
        assert isinstance(pattern, URLPattern), "walk included URLconfs here too"
        yield pattern.name, bool(pattern.pattern.converters)


def _web_url(world, name):
    if name in WEB_OBJECT_ROUTES:
        return reverse(name, kwargs=WEB_OBJECT_ROUTES[name][0](world))
    if name in WEB_MONTH_ROUTES:
        return reverse(name, kwargs={"month": MONTH})
    return reverse(name)


def _missing_url(name):
    kwargs = {"token": MISSING_UPLOAD} if name.startswith("import-") else {"pk": MISSING_PK}
    return reverse(name, kwargs=kwargs)


def test_every_web_route_with_an_id_is_in_the_matrix():
    with_ids = {name for name, has_params in _ledger_routes() if has_params}
    assert with_ids == set(WEB_OBJECT_ROUTES) | WEB_MONTH_ROUTES | set(BUDGET_ROUTES) | {
        "invitation"
    }


def test_every_web_page_is_visited_by_the_intruder():
    assert {name for name, _ in _ledger_routes()} == (
        set(WEB_PAGES) | set(WEB_OBJECT_ROUTES) | set(BUDGET_ROUTES) | BUDGET_PAGES
    )


WEB_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]


@pytest.mark.parametrize("method", WEB_METHODS)
@pytest.mark.parametrize("name", sorted(WEB_OBJECT_ROUTES))
def test_the_intruder_gets_a_404_for_the_owners_object(world, intruder_client, name, method):
    _, methods, body = WEB_OBJECT_ROUTES[name]
    send = getattr(intruder_client, method.lower())
    args = [body(world, world.intruder_category)] if method == "POST" else []

    response = send(_web_url(world, name), *args)
    missing = send(_missing_url(name), *args)

    # A method the page does not take may be a 405, but then whoever's the id: the
    # answer is always the same as for an id that does not exist.
    assert response.status_code in ((404,) if method in methods else (404, 405))
    assert missing.status_code == response.status_code
    assert_hides_owner(response)
    world.assert_untouched()


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("name", sorted(WEB_OBJECT_ROUTES))
def test_the_owner_reaches_the_same_pages(world, owner_client, name, method):
    _, methods, body = WEB_OBJECT_ROUTES[name]
    send = owner_client.get if method == "GET" else owner_client.post
    data = body(world, world.category) if method == "POST" else None

    response = send(_web_url(world, name), data)

    if method not in methods:
        assert response.status_code == 405
    else:
        assert response.status_code == (200 if method == "GET" else 302)


@pytest.mark.parametrize("name", sorted(WEB_PAGES))
def test_no_page_shows_the_intruder_the_owners_data(world, intruder_client, name):
    query, _ = WEB_PAGES[name]

    response = intruder_client.get(_web_url(world, name) + query, follow=True)

    assert response.status_code == 200
    assert_hides_owner(response)
    world.assert_untouched()


@pytest.mark.parametrize("name", sorted(n for n, (_, seen) in WEB_PAGES.items() if seen))
def test_the_owner_sees_their_data_on_the_same_pages(world, owner_client, name):
    query, seen = WEB_PAGES[name]

    response = owner_client.get(_web_url(world, name) + query)

    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert seen in content


@pytest.mark.parametrize(
    "path", ["/expenses/?month=2026-03&category={}", "/expenses/export.csv?all=1&category={}"]
)
def test_a_category_filter_of_the_owners_is_a_404(world, intruder_client, path):
    response = intruder_client.get(path.format(world.category.pk))
    missing = intruder_client.get(path.format(MISSING_PK))

    assert (response.status_code, missing.status_code) == (404, 404)
    assert_hides_owner(response)


def test_the_intruder_cannot_file_an_expense_under_the_owners_category(world, intruder_client):
    data = {"category": world.category.pk, "amount": "5.00", "date": "2026-03-03"}

    response = intruder_client.post("/expenses/new/", data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "category": ["Choose one of your active categories."]
    }
    assert Expense.objects.filter(budget=budget_of(world.intruder)).count() == 1
    world.assert_untouched()


def test_the_intruder_cannot_move_their_expense_into_the_owners_category(world, intruder_client):
    expense = world.intruder_expense
    data = {"category": world.category.pk, "amount": "3.00", "date": "2026-03-11"}

    response = intruder_client.post(f"/expenses/{expense.pk}/edit/", data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "category": ["Choose one of your active categories."]
    }
    expense.refresh_from_db()
    assert expense.category == world.intruder_category
    world.assert_untouched()


def test_the_intruder_cannot_move_a_category_into_the_owners(world, intruder_client):
    source = world.intruder_category
    data = {"action": "move", "target": world.category.pk}

    response = intruder_client.post(f"/categories/{source.pk}/delete/", data)

    assert response.status_code == 200
    assert "target" in response.context["form"].errors
    assert Expense.objects.get(pk=world.intruder_expense.pk).category == source
    world.assert_untouched()


def test_the_intruder_sets_only_their_own_income(world, intruder_client):
    response = intruder_client.post("/income/2026-03/", {"amount": "10.00", "note": ""})

    assert response.status_code == 302
    assert MonthlyIncome.objects.get(budget=budget_of(world.intruder)).amount == Decimal("10.00")
    world.assert_untouched()


def test_the_intruder_may_use_a_category_name_the_owner_has(world, intruder_client):
    response = intruder_client.post("/categories/new/", {"name": "owner CAVIAR", "limit": "1"})

    assert response.status_code == 302
    assert Category.objects.filter(budget=budget_of(world.intruder), name="owner CAVIAR").exists()
    world.assert_untouched()


def test_the_intruder_may_rename_a_category_to_a_name_the_owner_has(world, intruder_client):
    mine = world.intruder_category
    data = {"name": "OWNER OLD TIMES", "limit": "1.00"}

    response = intruder_client.post(f"/categories/{mine.pk}/edit/", data)

    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.name == "OWNER OLD TIMES"
    world.assert_untouched()


def test_copying_last_months_income_never_copies_the_owners(world, intruder_client):
    MonthlyIncomeFactory(owner=world.owner, month=datetime.date(2026, 2, 1))
    world.before = world.snapshot()

    response = intruder_client.post("/income/2026-03/", {"action": "copy_previous"})

    assert response.status_code == 302
    assert not MonthlyIncome.objects.filter(budget=budget_of(world.intruder)).exists()
    world.assert_untouched()


def test_an_import_naming_the_owners_category_files_nothing_under_it(world, intruder_client):
    token = _upload(intruder_client)

    response = intruder_client.post(f"/import/{token}/preview/", {})

    assert response.status_code == 302
    imported = Expense.objects.get(budget=budget_of(world.intruder), description="owner csv row")
    assert imported.category.budget == budget_of(world.intruder)
    assert imported.category.name == "Owner caviar"
    world.assert_untouched()


def test_the_summary_page_counts_only_the_intruders_data(world, intruder_client):
    summary = intruder_client.get("/summary/2026-03/").context["summary"]

    assert (summary.total_limit, summary.total_spent) == (Decimal("100.00"), Decimal("3.00"))
    assert [line.name for line in summary.lines] == ["Intruder food"]
    assert summary.income == Decimal("0.00")


# Budgets, members and invitations ----------------------------------------------

# Routes naming the owner's budget (or a member, or an invitation of it): (URL kwargs,
# methods the route takes, a body that would change something if it let the intruder in).
BUDGET_ROUTES = {
    "budget-switch": (lambda w: {"budget_id": w.budget.pk}, ["POST"], {}),
    "budget-rename": (lambda w: {"budget_id": w.budget.pk}, ["POST"], {"name": "Taken"}),
    "budget-delete": (lambda w: {"budget_id": w.budget.pk}, ["POST"], {"confirm": "Owner home"}),
    "budget-leave": (lambda w: {"budget_id": w.budget.pk}, ["POST"], {}),
    "budget-members": (lambda w: {"budget_id": w.budget.pk}, ["GET"], {}),
    "budget-settings": (
        lambda w: {"budget_id": w.budget.pk},
        ["GET", "POST"],
        {"month_start_day": "25"},
    ),
    "budget-member-role": (
        lambda w: {"budget_id": w.budget.pk, "user_id": w.owner.pk},
        ["POST"],
        {"role": "viewer"},
    ),
    "budget-member-remove": (
        lambda w: {"budget_id": w.budget.pk, "user_id": w.owner.pk},
        ["POST"],
        {},
    ),
    "budget-invitation-create": (
        lambda w: {"budget_id": w.budget.pk},
        ["POST"],
        {"role": "editor"},
    ),
    "budget-invitation-revoke": (
        lambda w: {"budget_id": w.budget.pk, "pk": w.invitation.pk},
        ["POST"],
        {},
    ),
}
# Pages of the signed-in user's own budgets; an invitation link is anyone's by design.
BUDGET_PAGES = {"budget-list", "budget-create", "invitation"}


@pytest.fixture
def owners_budget(world):
    """The owner's budget "Owner home" with a pending invitation; returns a snapshot function."""
    world.budget = services.create_budget(user=world.owner, name="Owner home")
    services.create_budget(user=world.intruder, name="Intruder home")
    world.invitation, _ = services.invite_member(
        budget=world.budget, role="viewer", invited_by=world.owner
    )

    def snapshot():
        return (
            list(Budget.objects.filter(pk=world.budget.pk).values()),
            list(Membership.objects.filter(budget=world.budget).values()),
            list(Invitation.objects.filter(budget=world.budget).values()),
        )

    return snapshot


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("name", sorted(BUDGET_ROUTES))
def test_the_intruder_gets_a_404_for_the_owners_budget(
    world, owners_budget, intruder_client, name, method
):
    kwargs, methods, body = BUDGET_ROUTES[name]
    before = owners_budget()
    send = getattr(intruder_client, method.lower())

    response = send(reverse(name, kwargs=kwargs(world)), body if method == "POST" else None)

    assert response.status_code == (404 if method in methods else 405)
    assert b"Owner home" not in response.content
    assert owners_budget() == before


@pytest.mark.parametrize("name", sorted(BUDGET_ROUTES))
def test_the_owner_reaches_the_same_budget_routes(world, owners_budget, owner_client, name):
    kwargs, methods, body = BUDGET_ROUTES[name]
    send = owner_client.get if methods == ["GET"] else owner_client.post

    response = send(reverse(name, kwargs=kwargs(world)), body)

    assert response.status_code in (200, 302)
    assert response.status_code != 404


def test_the_budget_list_shows_the_intruder_only_theirs(world, owners_budget, intruder_client):
    response = intruder_client.get("/budgets/")

    assert b"Intruder home" in response.content
    assert b"Owner home" not in response.content


def test_the_api_budget_list_shows_the_intruder_only_theirs(world, owners_budget, intruder_api):
    response = intruder_api.get("/api/budgets/")

    names = [budget["name"] for budget in response.json()]
    # A session lists all the intruder's budgets; a token only its own (issue 22).
    assert names
    assert set(names) <= {"Intruder home", world.intruder_token.budget.name}
    assert "Owner home" not in names


# JSON API --------------------------------------------------------------------


def _api_operations():
    """(method, path) of every operation of the API router, e.g. ("GET", "/categories/{int:category_id}")."""
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield method, f"{prefix}{path}"


CATEGORY = "/categories/{int:category_id}"
EXPENSE = "/expenses/{int:expense_id}"
RECURRING = "/recurring/{int:recurring_id}"


def _expense_body(category, **changes):
    return {"category_id": category.pk, "amount": "1.00", "date": "2026-03-02", **changes}


def _recurring_body(category):
    return {
        "category_id": category.pk,
        "amount": "1.00",
        "frequency": "weekly",
        "start": "2026-03-02",
    }


# Operations naming one of the owner's objects: (the object, a body that would change it).
API_OBJECT_OPERATIONS = {
    ("GET", CATEGORY): (lambda w: w.category, None),
    ("PUT", CATEGORY): (lambda w: w.category, lambda mine: {"name": "Renamed", "limit": "1"}),
    ("PATCH", CATEGORY): (lambda w: w.category, lambda mine: {"is_archived": True}),
    ("DELETE", CATEGORY): (lambda w: w.archived, None),
    ("GET", EXPENSE): (lambda w: w.expense, None),
    ("PUT", EXPENSE): (lambda w: w.expense, _expense_body),
    ("PATCH", EXPENSE): (lambda w: w.expense, lambda mine: {"amount": "1.00"}),
    ("DELETE", EXPENSE): (lambda w: w.expense, None),
    ("GET", RECURRING): (lambda w: w.recurring, None),
    ("PUT", RECURRING): (lambda w: w.recurring, _recurring_body),
    ("PATCH", RECURRING): (lambda w: w.recurring, lambda mine: {"amount": "1.00"}),
    ("DELETE", RECURRING): (lambda w: w.recurring, None),
}
API_MONTH_OPERATIONS = {
    ("GET", "/income/{month}"),
    ("GET", "/summary/{month}"),
    ("GET", "/allotments/{month}"),
}
# A month and one of the owner's categories (issue 15).
ALLOTMENT = "/allotments/{month}/{int:category_id}"
API_ALLOTMENT_OPERATIONS = {("PUT", ALLOTMENT): {"amount": "1.00"}, ("DELETE", ALLOTMENT): None}
# Lists and exports without an id: (path with query, what the owner would see there).
API_LISTS = {
    ("GET", "/categories/"): ("/api/categories/", b"Owner caviar"),
    ("GET", "/expenses/"): ("/api/expenses/?month=2026-03", b"owner secret purchase"),
    ("GET", "/expenses/export.csv"): ("/api/expenses/export.csv?all=true", b"owner secret"),
    ("GET", "/income/"): ("/api/income/", b"owner salary note"),
    ("GET", "/income/{month}"): ("/api/income/2026-03", b"owner salary note"),
    ("GET", "/summary/{month}"): ("/api/summary/2026-03", b"Owner caviar"),
    ("GET", "/reports/trends"): ("/api/reports/trends?from=2026-01&to=2026-06", b"Owner caviar"),
    ("GET", "/allotments/{month}"): ("/api/allotments/2026-03", b"654.32"),
    ("GET", "/recurring/"): ("/api/recurring/", b"owner rent schedule"),
    ("GET", "/recurring/upcoming"): ("/api/recurring/upcoming?days=366", b"4321.09"),
}
# Creating operations: each has its own test below.
API_CREATES = {
    ("POST", "/categories/"),
    ("POST", "/expenses/"),
    ("POST", "/income/"),
    ("POST", "/recurring/"),
}
# The caller's own budgets (tested with the budget routes above), and changing one.
API_BUDGETS = {("GET", "/budgets/")}
API_BUDGET_CHANGES = {("PATCH", "/budgets/{int:budget_id}")}


def test_every_api_operation_is_in_the_matrix():
    operations = set(_api_operations())
    with_ids = {op for op in operations if "{" in op[1]}

    assert with_ids == (
        set(API_OBJECT_OPERATIONS)
        | API_MONTH_OPERATIONS
        | API_BUDGET_CHANGES
        | set(API_ALLOTMENT_OPERATIONS)
    )
    assert operations == (
        set(API_OBJECT_OPERATIONS)
        | set(API_LISTS)
        | API_CREATES
        | API_BUDGETS
        | API_BUDGET_CHANGES
        | set(API_ALLOTMENT_OPERATIONS)
    )


def test_the_api_answers_404_for_the_owners_budget(world, owners_budget, intruder_api):
    before = owners_budget()

    response = intruder_api.patch(f"/api/budgets/{world.budget.pk}", {"month_start_day": 25})
    missing = intruder_api.patch(f"/api/budgets/{MISSING_PK}", {"month_start_day": 25})

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    assert (missing.status_code, missing.json()) == (404, {"detail": "Not found."})
    assert owners_budget() == before


@pytest.mark.parametrize(("method", "path"), sorted(API_ALLOTMENT_OPERATIONS))
def test_the_api_answers_404_for_the_owners_allotment(world, intruder_api, method, path):
    body = API_ALLOTMENT_OPERATIONS[(method, path)]

    for pk in (world.category.pk, MISSING_PK):
        response = _api_send(intruder_api, method, f"/api/allotments/2026-03/{pk}", body)
        assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    world.assert_untouched()


def test_the_allotment_list_names_only_the_intruders_categories(world, intruder_api):
    body = intruder_api.get("/api/allotments/2026-03").json()

    assert [line["category_id"] for line in body] == [world.intruder_category.pk]


def _api_send(client, method, path, body):
    if method in ("GET", "DELETE"):
        return getattr(client, method.lower())(path)
    return getattr(client, method.lower())(path, body)


def _api_path(path, pk):
    return "/api" + path.split("{")[0] + str(pk)


@pytest.mark.parametrize(("method", "path"), sorted(API_OBJECT_OPERATIONS))
def test_the_api_answers_404_for_the_owners_object(world, intruder_api, method, path):
    target, body = API_OBJECT_OPERATIONS[(method, path)]
    data = body(world.intruder_category) if body else None

    response = _api_send(intruder_api, method, _api_path(path, target(world).pk), data)
    missing = _api_send(intruder_api, method, _api_path(path, MISSING_PK), data)

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    assert (missing.status_code, missing.json()) == (404, {"detail": "Not found."})
    world.assert_untouched()


API_OTHER_METHODS = sorted(
    (method, path)
    for path in {CATEGORY, EXPENSE}
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
    if (method, path) not in API_OBJECT_OPERATIONS
)


@pytest.mark.parametrize(("method", "path"), API_OTHER_METHODS)
def test_other_methods_on_the_owners_ids_answer_like_a_missing_id(
    world, intruder_api, method, path
):
    target = API_OBJECT_OPERATIONS[("GET", path)][0]

    response = _api_send(intruder_api, method, _api_path(path, target(world).pk), {})
    missing = _api_send(intruder_api, method, _api_path(path, MISSING_PK), {})

    assert response.status_code == 405
    assert (missing.status_code, missing.json()) == (405, response.json())
    world.assert_untouched()


@pytest.mark.parametrize(("method", "path"), sorted(API_OBJECT_OPERATIONS))
def test_the_api_lets_the_owner_reach_the_same_object(world, owner_api, method, path):
    target, body = API_OBJECT_OPERATIONS[(method, path)]
    data = body(world.category) if body else None
    if (method, path) == ("DELETE", CATEGORY):
        ledger_services.remove_expenses(expenses=world.archived.expenses.all())

    response = _api_send(owner_api, method, _api_path(path, target(world).pk), data)

    assert response.status_code == (204 if method == "DELETE" else 200)


@pytest.mark.parametrize("operation", sorted(API_LISTS))
def test_no_api_list_shows_the_intruder_the_owners_data(world, intruder_api, operation):
    path, _ = API_LISTS[operation]

    response = intruder_api.get(path)

    assert response.status_code == (404 if operation == ("GET", "/income/{month}") else 200)
    assert_hides_owner(response)
    world.assert_untouched()


@pytest.mark.parametrize("operation", sorted(API_LISTS))
def test_the_api_lists_show_the_owner_their_data(world, owner_api, operation):
    path, seen = API_LISTS[operation]

    response = owner_api.get(path)

    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert seen in content


def test_the_api_list_filtered_by_the_owners_category_is_empty(world, intruder_api):
    response = intruder_api.get("/api/expenses/", month="2026-03", category=world.category.pk)

    assert (response.status_code, response.json()) == (200, {"items": [], "count": 0})


def test_the_api_export_of_the_owners_category_is_a_404(world, intruder_api):
    response = intruder_api.get("/api/expenses/export.csv", all="true", category=world.category.pk)

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_the_api_refuses_an_expense_under_the_owners_category(world, intruder_api):
    response = intruder_api.post("/api/expenses/", _expense_body(world.category))

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "category_id"]
    assert Expense.objects.filter(budget=budget_of(world.intruder)).count() == 1
    world.assert_untouched()


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_the_api_refuses_to_move_an_expense_into_the_owners_category(world, intruder_api, method):
    expense = world.intruder_expense
    body = _expense_body(world.category)

    response = _api_send(intruder_api, method, f"/api/expenses/{expense.pk}", body)

    assert response.status_code == 422
    expense.refresh_from_db()
    assert (expense.category, expense.amount) == (world.intruder_category, Decimal("3.00"))
    world.assert_untouched()


def test_the_api_creates_a_category_named_like_the_owners(world, intruder_api):
    response = intruder_api.post("/api/categories/", {"name": "OWNER caviar", "limit": "1"})

    assert response.status_code == 201
    assert Category.objects.get(pk=response.json()["id"]).budget == budget_of(world.intruder)
    world.assert_untouched()


def test_the_api_renames_a_category_to_a_name_the_owner_has(world, intruder_api):
    mine = world.intruder_category

    response = intruder_api.patch(f"/api/categories/{mine.pk}", {"name": "owner caviar"})

    assert (response.status_code, response.json()["name"]) == (200, "owner caviar")
    world.assert_untouched()


def test_the_api_sets_only_the_intruders_income(world, intruder_api):
    response = intruder_api.post("/api/income/", {"month": "2026-03", "amount": "10.00"})

    assert (response.status_code, response.json()["amount"]) == (201, "10.00")
    assert MonthlyIncome.objects.get(budget=budget_of(world.intruder)).amount == Decimal("10.00")
    world.assert_untouched()


def test_the_api_summary_counts_only_the_intruders_data(world, intruder_api):
    summary = intruder_api.get("/api/summary/2026-03").json()

    assert (summary["income"], summary["total_limit"], summary["total_spent"]) == (
        "0.00",
        "100.00",
        "3.00",
    )
    assert [line["name"] for line in summary["categories"]] == ["Intruder food"]


def test_the_owners_token_still_works_after_the_intruder_tries_to_revoke_it(
    world, intruder_client, owner_api
):
    intruder_client.post(f"/settings/tokens/{world.token.pk}/revoke/")

    assert owner_api.get("/api/categories/").status_code == 200


# Admin -----------------------------------------------------------------------

ADMIN_PAGES = ["changelist", "change", "delete", "history"]


def _ledger_models():
    return sorted(
        (model for model in admin.site._registry if model._meta.app_label == "ledger"),
        key=lambda model: model.__name__,
    )


def _owners_object(world, model):
    return {
        Category: world.category,
        Expense: world.expense,
        MonthlyIncome: world.income,
        ApiToken: world.token,
        Budget: budget_of(world.owner),
        Membership: Membership.objects.get(user=world.owner, budget=budget_of(world.owner)),
    }[model]


def _admin_url(world, model, page):
    name = f"admin:ledger_{model._meta.model_name}_{page}"
    if page == "changelist":
        return reverse(name)
    return reverse(name, args=[_owners_object(world, model).pk])


def test_every_admin_model_is_in_the_matrix(world):
    assert _ledger_models() == [ApiToken, Budget, Category, Expense, Membership, MonthlyIncome]


@pytest.fixture
def staff_client(world):
    """A staff user with no permissions at all."""
    return _client_for(UserFactory(is_staff=True))


def test_the_admin_keeps_a_non_staff_user_out(world, intruder_client):
    response = intruder_client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("admin_page", ADMIN_PAGES)
@pytest.mark.parametrize("model", _ledger_models(), ids=lambda model: model.__name__)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_no_admin_page_lets_a_non_staff_user_in(world, intruder_client, model, admin_page, method):
    url = _admin_url(world, model, admin_page)

    response = getattr(intruder_client, method.lower())(url, {"post": "yes"})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    world.assert_untouched()


def test_the_admin_shows_a_staff_user_without_permissions_no_ledger(world, staff_client):
    response = staff_client.get("/admin/")

    assert response.status_code == 200
    assert b"/admin/ledger/" not in response.content


@pytest.mark.parametrize("admin_page", ADMIN_PAGES)
@pytest.mark.parametrize("model", _ledger_models(), ids=lambda model: model.__name__)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_no_admin_page_opens_to_a_staff_user_without_permissions(
    world, staff_client, model, admin_page, method
):
    url = _admin_url(world, model, admin_page)

    response = getattr(staff_client, method.lower())(url, {"post": "yes"})

    assert response.status_code == 403
    assert_hides_owner(response)
    world.assert_untouched()


def test_the_api_refuses_a_recurring_expense_under_the_owners_category(world, intruder_api):
    response = intruder_api.post("/api/recurring/", _recurring_body(world.category))

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "category_id"]
    assert not RecurringExpense.objects.filter(budget=budget_of(world.intruder)).exists()
    world.assert_untouched()


def test_the_web_refuses_a_recurring_expense_under_the_owners_category(world, intruder_client):
    body = {"category": world.category.pk, "amount": "1.00", "frequency": "monthly"}
    response = intruder_client.post(
        "/recurring/new/", {**body, "interval": "1", "start": "2026-03-02"}
    )

    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert not RecurringExpense.objects.filter(budget=budget_of(world.intruder)).exists()
    world.assert_untouched()
