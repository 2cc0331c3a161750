"""`ledger.access` decides who acts on which budget and only reads: with recurring expenses
due, resolving a member (a session's, a viewer's, a token's, for any method) runs SELECTs
only and records nothing. Posting them is `ledger.due_posting`'s doing (see
ledger/tests/recurring/test_posting_on_request.py)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ledger import access, services
from ledger.models import Budget, Expense, Membership, Role
from ledger.tests.factories import MembershipFactory, RecurringExpenseFactory, budget_of

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def due(category, user):
    """An auto-posting rent with three occurrences due (January to March)."""
    return RecurringExpenseFactory(
        category=category, amount=Decimal("950.00"), auto_post=True, created_by=user
    )


def _request(user, method="get"):
    request = getattr(RequestFactory(), method)("/summary/")
    request.user, request.session = user, SessionStore()
    return request


def _only_reads(queries) -> list[str]:
    """The statements that are not plain SELECTs (savepoints included: a write wraps one)."""
    return [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]


@pytest.mark.parametrize("method", ["get", "head", "post", "delete"])
@pytest.mark.parametrize("role", [Role.OWNER, Role.EDITOR, Role.VIEWER])
def test_resolving_a_member_with_occurrences_due_writes_nothing(due, user, method, role):
    member = (
        Membership.objects.get(user=user)
        if role == Role.OWNER
        else MembershipFactory(budget=budget_of(user), role=role)
    )
    request = _request(member.user, method)
    request.session[access.SESSION_KEY] = member.budget_id

    with CaptureQueriesContext(connection) as queries:
        resolved = access.request_member(request, access.READ)
        access.navigation(request)
        access.memberships(member.user)
        access.membership(member.user, member.budget_id)
        if role != Role.VIEWER:
            access.request_member(request, access.WRITE)

    assert resolved.budget_id == member.budget_id
    assert _only_reads(queries.captured_queries) == []
    assert not Expense.objects.exists()
    assert Budget.objects.get(pk=member.budget_id).next_due == datetime.date(2026, 1, 1)


def test_resolving_a_tokens_member_writes_nothing_but_the_tokens_last_use(due, user):
    _, raw = services.issue_api_token(owner=user, budget=budget_of(user), name="phone")
    request = _request(user)

    with CaptureQueriesContext(connection) as queries:
        found = services.use_api_token(raw=raw)
        request.token_member = Membership(
            budget=found.budget, user=found.owner, role=found.member_role
        )
        access.request_member(request, access.READ)

    writes = _only_reads(queries.captured_queries)
    assert all("ledger_apitoken" in sql and "last_used_at" in sql for sql in writes), writes
    assert not Expense.objects.exists()
