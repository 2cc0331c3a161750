"""Budgets, memberships and users in the admin (issue 22): an ownerless budget can be seen and
mended; the last owner of a budget is not deleted with their user."""

import pytest
from django.contrib.auth import get_user_model
from django.utils.html import escape

from ledger.models import Budget, Membership, Role
from ledger.tests.factories import MembershipFactory, UserFactory, budget_of

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_deleting_a_budgets_last_owner_is_refused_and_says_why(admin_client):
    erin = UserFactory(username="erin")
    budget = budget_of(erin)

    page = admin_client.get(f"/admin/auth/user/{erin.pk}/delete/")
    response = admin_client.post(f"/admin/auth/user/{erin.pk}/delete/", {"post": "yes"})

    expected = escape(f"Budget “{budget.name}” (id {budget.pk}): its last owner")
    assert expected.encode() in page.content
    assert response.status_code == 200
    assert User.objects.filter(pk=erin.pk).exists()
    assert Membership.objects.filter(budget=budget, role=Role.OWNER).exists()


def test_the_bulk_delete_action_refuses_a_last_owner_too(admin_client):
    erin = UserFactory(username="erin")
    budget_of(erin)

    admin_client.post(
        "/admin/auth/user/",
        {"action": "delete_selected", "_selected_action": [erin.pk], "post": "yes"},
    )

    assert User.objects.filter(pk=erin.pk).exists()


def test_a_user_whose_budgets_keep_another_owner_is_deleted(admin_client):
    erin, finn = UserFactory(username="erin"), UserFactory(username="finn")
    budget = budget_of(erin)
    MembershipFactory(budget=budget, user=finn, role=Role.OWNER)
    Membership.objects.filter(user=erin).exclude(budget=budget).delete()

    response = admin_client.post(f"/admin/auth/user/{erin.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=erin.pk).exists()
    assert list(budget.memberships.values_list("user__username", flat=True)) == ["finn"]


def test_the_admin_lists_budgets_with_their_owner_count(admin_client):
    erin = UserFactory(username="erin")
    kept = budget_of(erin)
    orphan = Budget.objects.create(name="Orphaned budget")

    response = admin_client.get("/admin/ledger/budget/")

    assert response.status_code == 200
    rows = response.context["cl"].result_list
    assert {(budget.name, budget.owners) for budget in rows} == {
        (kept.name, 1),
        ("Orphaned budget", 0),
    }
    assert orphan.pk


def test_an_ownerless_budget_is_mended_by_adding_an_owner_membership(admin_client):
    orphan = Budget.objects.create(name="Orphaned budget")
    finn = UserFactory(username="finn")

    response = admin_client.post(
        "/admin/ledger/membership/add/",
        {"budget": orphan.pk, "user": finn.pk, "role": Role.OWNER},
    )

    assert response.status_code == 302
    assert Membership.objects.get(budget=orphan).user == finn


def test_the_membership_admin_refuses_to_demote_the_last_owner(admin_client):
    erin = UserFactory(username="erin")
    member = Membership.objects.get(user=erin, budget=budget_of(erin))

    response = admin_client.post(
        f"/admin/ledger/membership/{member.pk}/change/", {"role": Role.VIEWER}, follow=True
    )

    assert b"A budget needs at least one owner" in response.content
    member.refresh_from_db()
    assert member.role == Role.OWNER


def test_the_membership_admin_refuses_a_51st_budget(admin_client):
    from ledger.rules import MAX_BUDGETS_PER_USER, TOO_MANY_BUDGETS

    finn = UserFactory(username="finn")
    budgets = Budget.objects.bulk_create(Budget(name=f"B{n}") for n in range(MAX_BUDGETS_PER_USER))
    Membership.objects.bulk_create(
        Membership(budget=b, user=finn, role=Role.OWNER) for b in budgets
    )
    orphan = Budget.objects.create(name="Orphaned budget")

    response = admin_client.post(
        "/admin/ledger/membership/add/", {"budget": orphan.pk, "user": finn.pk, "role": "owner"}
    )

    assert response.status_code == 200
    assert escape(TOO_MANY_BUDGETS).encode() in response.content
    assert not Membership.objects.filter(budget=orphan).exists()
