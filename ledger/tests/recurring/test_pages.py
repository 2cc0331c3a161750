"""/recurring/ pages: list, new, edit, delete; and the summary's due and upcoming ones."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from ledger.models import Expense, RecurringExpense, Role, SkippedOccurrence
from ledger.tests.factories import (
    CategoryFactory,
    MembershipFactory,
    RecurringExpenseFactory,
    budget_of,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    moment = datetime.datetime.combine(TODAY, datetime.time(12), tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def _form(category, **fields):
    return {
        "description": "Rent",
        "category": category.pk,
        "amount": "950.00",
        "frequency": "monthly",
        "interval": "1",
        "start": "2026-01-31",
        "day_of_month": "",
        "end": "",
        "count": "",
        "record_past": "",
        **fields,
    }


def test_the_list_shows_the_next_date_and_amount(user_client, category):
    RecurringExpenseFactory(
        category=category, description="Rent", start=datetime.date(2026, 1, 31), today=TODAY
    )

    html = user_client.get("/recurring/").content.decode()

    assert "Rent" in html
    assert "2026-03-31" in html
    assert "50.00" in html
    assert "Monthly on the 31st (or the month&#x27;s last day)" in html


def test_the_list_hides_other_budgets_schedules(user_client, other_user):
    RecurringExpenseFactory(owner=other_user, description="Their rent")

    assert b"Their rent" not in user_client.get("/recurring/").content


def test_it_creates_a_schedule(user_client, user, category):
    response = user_client.post("/recurring/new/", _form(category, auto_post="on"))

    assert response.status_code == 302
    stored = RecurringExpense.objects.get()
    assert (stored.amount, stored.start, stored.auto_post, stored.created_by) == (
        Decimal("950.00"),
        datetime.date(2026, 1, 31),
        True,
        user,
    )
    assert stored.next_due == datetime.date(2026, 3, 31)


def test_it_records_the_past_occurrences_asked_for(user_client, category):
    user_client.post("/recurring/new/", _form(category, record_past="2"))

    assert sorted(Expense.objects.values_list("date", flat=True)) == [
        datetime.date(2026, 1, 31),
        datetime.date(2026, 2, 28),
    ]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"interval": "0"}, "interval", "greater than or equal to 1"),
        ({"end": "2025-12-31"}, "end", "on or after the start date"),
        ({"day_of_month": "32"}, "day_of_month", "less than or equal to 31"),
        ({"end": "2026-12-31", "count": "3"}, "count", "not both"),
        ({"frequency": "weekly", "day_of_month": "5"}, "day_of_month", "Only a monthly"),
        ({"amount": "0"}, "amount", "greater than zero"),
    ],
)
def test_it_shows_a_bad_schedule_beside_the_field(user_client, category, fields, field, message):
    response = user_client.post("/recurring/new/", _form(category, **fields))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not RecurringExpense.objects.exists()


def test_it_refuses_another_budgets_category(user_client, others_category):
    response = user_client.post("/recurring/new/", _form(others_category))

    assert "category" in response.context["form"].errors
    assert not RecurringExpense.objects.exists()


def test_it_edits_a_schedule(user_client, category):
    rent = RecurringExpenseFactory(category=category, today=TODAY)

    response = user_client.post(
        f"/recurring/{rent.pk}/edit/", _form(category, amount="990.00", active="on")
    )

    assert response.status_code == 302
    rent.refresh_from_db()
    assert (rent.amount, rent.description) == (Decimal("990.00"), "Rent")


def test_editing_another_budgets_schedule_is_a_404(user_client, other_user):
    theirs = RecurringExpenseFactory(owner=other_user)

    assert user_client.get(f"/recurring/{theirs.pk}/edit/").status_code == 404
    assert user_client.post(f"/recurring/{theirs.pk}/delete/").status_code == 404
    assert RecurringExpense.objects.filter(pk=theirs.pk).exists()


def test_deleting_keeps_the_recorded_expenses(user_client, category):
    rent = RecurringExpenseFactory(category=category, today=TODAY, record_past=2)

    assert b"stay in your expenses" in user_client.get(f"/recurring/{rent.pk}/delete/").content
    response = user_client.post(f"/recurring/{rent.pk}/delete/")

    assert response.status_code == 302
    assert not RecurringExpense.objects.exists()
    assert Expense.objects.count() == 2


@pytest.fixture
def viewer_client(user):
    viewer = MembershipFactory(budget=budget_of(user), role=Role.VIEWER)
    client = Client()
    client.force_login(viewer.user)
    client.post(f"/budgets/{viewer.budget_id}/switch/")
    return client


def test_a_viewer_sees_the_list_without_write_buttons(viewer_client, category):
    RecurringExpenseFactory(category=category, description="Rent")

    html = viewer_client.get("/recurring/").content.decode()

    assert "Rent" in html
    assert "Add recurring expense" not in html


def test_a_viewer_cannot_create_edit_delete_record_or_skip(viewer_client, category):
    phone = RecurringExpenseFactory(category=category, today=TODAY, start=TODAY)

    answers = [
        viewer_client.post("/recurring/new/", _form(category)).status_code,
        viewer_client.post(f"/recurring/{phone.pk}/edit/", _form(category)).status_code,
        viewer_client.post(f"/recurring/{phone.pk}/delete/").status_code,
        viewer_client.post(
            f"/recurring/{phone.pk}/record/", {"date": "2026-03-10", "amount": "1.00"}
        ).status_code,
        viewer_client.post(f"/recurring/{phone.pk}/skip/", {"date": "2026-03-10"}).status_code,
    ]

    assert answers == [403] * 5
    assert RecurringExpense.objects.count() == 1
    assert not Expense.objects.exists()
    assert not SkippedOccurrence.objects.exists()


# The summary ----------------------------------------------------------------


@pytest.fixture
def phone(category):
    return RecurringExpenseFactory(
        category=category,
        description="Phone",
        amount=Decimal("30.00"),
        start=datetime.date(2026, 3, 5),
        today=datetime.date(2026, 3, 1),
    )


def test_the_summary_shows_due_and_upcoming_ones_and_what_they_take(user_client, category, phone):
    RecurringExpenseFactory(
        category=category,
        description="Gym",
        amount=Decimal("20.00"),
        start=datetime.date(2026, 3, 25),
        auto_post=True,
        today=datetime.date(2026, 3, 1),
    )

    response = user_client.get("/summary/2026-03/")

    recurring = response.context["recurring"]
    assert [(o.recurring.description, o.date, o.due) for o in recurring.occurrences] == [
        ("Phone", datetime.date(2026, 3, 5), True),
        ("Gym", datetime.date(2026, 3, 25), False),
    ]
    # Groceries: 300.00 allotted, nothing spent, 50.00 to come.
    assert [(t.name, t.amount, t.available_after) for t in recurring.takes] == [
        ("Groceries", Decimal("50.00"), Decimal("250.00"))
    ]
    html = response.content.decode()
    assert f'action="/recurring/{phone.pk}/record/"' in html
    assert f'action="/recurring/{phone.pk}/skip/"' in html


def test_record_from_the_summary_with_an_edited_amount(user_client, user, phone):
    response = user_client.post(
        f"/recurring/{phone.pk}/record/", {"date": "2026-03-05", "amount": "31.40"}
    )

    assert response.status_code == 302
    expense = Expense.objects.get()
    assert (expense.date, expense.amount, expense.created_by) == (
        datetime.date(2026, 3, 5),
        Decimal("31.40"),
        user,
    )
    summary = user_client.get("/summary/2026-03/").context
    assert summary["recurring"].due == []
    assert summary["summary"].total_spent == Decimal("31.40")


def test_recording_twice_records_once(user_client, phone):
    for _ in range(2):
        user_client.post(
            f"/recurring/{phone.pk}/record/", {"date": "2026-03-05", "amount": "30.00"}
        )

    assert Expense.objects.count() == 1


def test_a_bad_amount_shows_beside_the_field(user_client, phone):
    response = user_client.post(
        f"/recurring/{phone.pk}/record/", {"date": "2026-03-05", "amount": "-3"}
    )

    assert response.status_code == 200
    assert "greater than zero" in response.content.decode()
    assert not Expense.objects.exists()


def test_skip_from_the_summary(user_client, phone):
    response = user_client.post(f"/recurring/{phone.pk}/skip/", {"date": "2026-03-05"})

    assert response.status_code == 302
    assert list(SkippedOccurrence.objects.values_list("date", flat=True)) == [
        datetime.date(2026, 3, 5)
    ]
    assert user_client.get("/summary/2026-03/").context["recurring"].occurrences == []


def test_a_future_month_shows_its_occurrences_as_upcoming(user_client, phone):
    recurring = user_client.get("/summary/2026-05/").context["recurring"]

    assert [(o.date, o.due) for o in recurring.occurrences] == [(datetime.date(2026, 5, 5), False)]


@pytest.mark.parametrize("schedules", [1, 15])
def test_the_summary_query_count_is_constant(
    user_client, user, schedules, django_assert_max_num_queries
):
    for _ in range(schedules):
        RecurringExpenseFactory(category=CategoryFactory(owner=user), today=TODAY, start=TODAY)
    # session, user, membership, categories, allotments, monthly totals, income, recurring
    with django_assert_max_num_queries(8):
        response = user_client.get("/summary/2026-03/")
    assert len(response.context["recurring"].due) == schedules


@pytest.mark.parametrize("schedules", [1, 15])
def test_the_list_query_count_is_constant(
    user_client, user, category, schedules, django_assert_max_num_queries
):
    RecurringExpenseFactory.create_batch(schedules, category=category)
    # session, user, membership, schedules
    with django_assert_max_num_queries(4):
        response = user_client.get("/recurring/")
    assert len(response.context["schedules"]) == schedules
