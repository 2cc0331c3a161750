"""Roles on the pages themselves (issue 24): a viewer who opens a form that changes the
budget gets the 403 page at once, not a form that fails on submit; the pages a viewer
reads link to no such form; every member sees who the members are, only owners change them.

`ROUTES` names every web route once, with what a viewer's GET gets: the test that walks it
fails when a route is added without saying which kind it is.
"""

import contextlib
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from ledger import urls
from ledger.models import Role
from ledger.rules import ROLE_CANNOT_CHANGE
from ledger.tests.factories import (
    CategoryFactory,
    ExpenseFactory,
    MembershipFactory,
    RecurringExpenseFactory,
    UserFactory,
)
from ledger.tests.security.test_roles import MONTH

pytestmark = pytest.mark.django_db

UPLOAD = "A" * 32
FORM = "form"  # a page that is a form to change the budget: 403 for a viewer, 200 for an editor
POST_ONLY = "post only"  # answers POST only; a viewer's GET is refused too (403 or 405)
OWNERS = "owners"  # the budget's settings: owners only, 403 for every other member
READ = "read"  # a page every member reads (a viewer sees no way to change anything on it)
OTHER = "other"  # not a budget's page: health, sign-up, the user's own budgets and tokens

# URL name: (kind, kwargs from the household)
ROUTES = {
    "health": (OTHER, None),
    "home": (READ, lambda h: {}),
    "summary": (READ, lambda h: {"month": MONTH}),
    "budget-month": (READ, lambda h: {"month": MONTH}),
    "category-list": (READ, lambda h: {}),
    "category-create": (FORM, lambda h: {}),
    "category-edit": (FORM, lambda h: {"pk": h["category"].pk}),
    "category-delete": (FORM, lambda h: {"pk": h["category"].pk}),
    "category-restore": (POST_ONLY, lambda h: {"pk": h["archived"].pk}),
    "expense-list": (READ, lambda h: {}),
    "expense-create": (FORM, lambda h: {}),
    "expense-edit": (FORM, lambda h: {"pk": h["expense"].pk}),
    "expense-delete": (FORM, lambda h: {"pk": h["expense"].pk}),
    "expense-out-of-range": (READ, lambda h: {}),
    "income-current": (READ, lambda h: {}),
    "income": (READ, lambda h: {"month": MONTH}),
    "tokens": (READ, lambda h: {}),
    "token-revoke": (OTHER, None),
    "expense-export-csv": (OTHER, None),
    "import-upload": (FORM, lambda h: {}),
    "import-columns": (FORM, lambda h: {"token": UPLOAD}),
    "import-preview": (FORM, lambda h: {"token": UPLOAD}),
    "backup": (READ, lambda h: {}),
    "backup-download": (OTHER, None),
    "budget-list": (READ, lambda h: {}),
    "budget-create": (OTHER, None),
    "budget-switch": (OTHER, None),
    "budget-rename": (POST_ONLY, lambda h: {"budget_id": h["budget"].pk}),
    "budget-delete": (POST_ONLY, lambda h: {"budget_id": h["budget"].pk}),
    "budget-leave": (OTHER, None),
    "budget-members": (READ, lambda h: {"budget_id": h["budget"].pk}),
    "budget-settings": (OWNERS, lambda h: {"budget_id": h["budget"].pk}),
    "budget-member-role": (
        POST_ONLY,
        lambda h: {"budget_id": h["budget"].pk, "user_id": h["owner"].pk},
    ),
    "budget-member-remove": (
        POST_ONLY,
        lambda h: {"budget_id": h["budget"].pk, "user_id": h["owner"].pk},
    ),
    "budget-invitation-create": (POST_ONLY, lambda h: {"budget_id": h["budget"].pk}),
    "budget-invitation-revoke": (POST_ONLY, lambda h: {"budget_id": h["budget"].pk, "pk": 1}),
    "invitation": (OTHER, None),
    "reports": (READ, lambda h: {}),
    "report-category": (READ, lambda h: {"pk": h["category"].pk}),
    "recurring-list": (READ, lambda h: {}),
    "recurring-create": (FORM, lambda h: {}),
    "recurring-edit": (FORM, lambda h: {"pk": h["recurring"].pk}),
    "recurring-delete": (FORM, lambda h: {"pk": h["recurring"].pk}),
    "recurring-record": (FORM, lambda h: {"pk": h["recurring"].pk}),
    "recurring-skip": (POST_ONLY, lambda h: {"pk": h["recurring"].pk}),
}
# Where a viewer may still send a POST from a page: their own membership and session.
VIEWERS_OWN_POSTS = {
    "budget-switch",
    "budget-leave",
    "budget-create",
    "token-revoke",
    "tokens",
    "logout",
}


def _kind(kind):
    return [(name, kwargs) for name, (k, kwargs) in ROUTES.items() if k == kind]


@pytest.fixture
def household():
    owner = MembershipFactory(role=Role.OWNER, budget__name="Household", user__username="olga")
    budget = owner.budget
    category = CategoryFactory(budget=budget, name="Food", limit=Decimal("200.00"))
    return {
        "owner": owner.user,
        "budget": budget,
        "category": category,
        "archived": CategoryFactory(budget=budget, name="Old", is_archived=True),
        "expense": ExpenseFactory(category=category, amount=Decimal("42.00"), date=MONTH),
        "recurring": RecurringExpenseFactory(category=category, start=MONTH),  # due on MONTH
    }


def _client(household, role, username):
    member = MembershipFactory(budget=household["budget"], role=role, user__username=username)
    client = Client()
    client.force_login(member.user)
    client.post(f"/budgets/{member.budget_id}/switch/")
    return client


@pytest.fixture
def viewer(household):
    return _client(household, Role.VIEWER, "vera")


@pytest.fixture
def editor(household):
    return _client(household, Role.EDITOR, "ed")


def test_every_route_is_in_the_table():
    assert {pattern.name for pattern in urls.urlpatterns} == set(ROUTES)


@pytest.mark.parametrize(("name", "kwargs"), _kind(FORM))
def test_a_viewer_opening_a_form_gets_the_403_page_at_once(household, viewer, name, kwargs):
    response = viewer.get(reverse(name, kwargs=kwargs(household)))

    assert response.status_code == 403
    assert ROLE_CANNOT_CHANGE.encode() in response.content
    assert b"<form" not in response.content.split(b"</nav>", 1)[-1]


# The import's later steps need an upload of the editor's own: ledger/tests/imports opens them.
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [(n, k) for n, k in _kind(FORM) if n not in {"import-columns", "import-preview"}],
)
def test_an_editor_opens_the_same_forms(household, editor, name, kwargs):
    response = editor.get(reverse(name, kwargs=kwargs(household)))

    assert response.status_code == 200
    assert b'method="post"' in response.content


@pytest.mark.parametrize(("name", "kwargs"), _kind(POST_ONLY) + _kind(OWNERS))
def test_a_viewer_is_not_shown_the_rest_either(household, viewer, name, kwargs):
    assert viewer.get(reverse(name, kwargs=kwargs(household))).status_code in (403, 405)


def _targets(page: str) -> set[str]:
    """The route names this page links to or posts to."""
    names = set()
    for url in re.findall(r'(?:href|action)="(/[^"?#]*)', page):
        with contextlib.suppress(Resolver404):
            names.add(resolve(url).url_name)
    return names


@pytest.mark.parametrize(("name", "kwargs"), _kind(READ))
def test_the_pages_a_viewer_reads_lead_to_no_change(household, viewer, name, kwargs):
    response = viewer.get(reverse(name, kwargs=kwargs(household)), follow=True)
    assert response.status_code == 200
    page = response.content.decode()

    changes = {n for n, (kind, _) in ROUTES.items() if kind in (FORM, POST_ONLY, OWNERS)}
    assert _targets(page) & changes == set()
    posts = set(re.findall(r'<form[^>]*method="post"[^>]*action="(/[^"]*)"', page))
    assert {resolve(url).url_name for url in posts} <= VIEWERS_OWN_POSTS
    for word in (">Edit<", ">Change<", ">Delete<", ">Record<", ">Skip<"):
        assert word not in page


def test_an_editor_sees_who_the_members_are_but_changes_nothing(household, editor):
    page = editor.get(f"/budgets/{household['budget'].pk}/members/").content.decode()

    assert "olga" in page
    assert "editor" in page
    assert 'method="post"' not in page.split("</nav>", 1)[-1]
    assert "Settings" not in page.split("</nav>", 1)[-1]


def test_the_budget_list_links_every_member_to_the_members(household, editor):
    page = editor.get("/budgets/").content.decode()

    assert f"/budgets/{household['budget'].pk}/members/" in page
    assert f"/budgets/{household['budget'].pk}/settings/" not in page


def test_an_owner_still_changes_roles_there(household):
    client = Client()
    client.force_login(household["owner"])
    page = client.get(f"/budgets/{household['budget'].pk}/members/").content.decode()

    for action in ("/role/", "/invitations/", "/rename/"):
        assert action in page


def test_a_stranger_still_gets_404_for_the_members(household):
    client = Client()
    client.force_login(UserFactory())

    assert client.get(f"/budgets/{household['budget'].pk}/members/").status_code == 404
