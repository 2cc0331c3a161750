"""A POST that a browser sends twice records once (issue 24): every form that creates
something carries a one-time token; the second submit shows "Already saved" and links to
what was saved. One row of the table per create form."""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ledger.models import (
    Allotment,
    ApiToken,
    Budget,
    Category,
    Expense,
    FormSubmission,
    Invitation,
    MonthlyIncome,
    RecurringExpense,
)
from ledger.tests.factories import CategoryFactory, budget_of

pytestmark = pytest.mark.django_db
ONCE = re.compile(r'name="once" value="([\w-]+)"')
BANK = "Date;Payee;Amount\n05.03.2026;REWE;-3,20\n07.03.2026;Rent;-1045,90\n"


@dataclass
class CreateForm:
    page: str  # where the form is shown
    action: str  # where it posts to (after `page` was opened)
    data: Callable  # (budget, category) -> the POST's fields, a fresh dict each time
    count: Callable  # () -> how many of what it creates exist
    saved: str  # the start of the link to what was saved


def _restore_file(budget, category):
    backup = {
        "format": "budget-ledger",
        "version": 2,
        "month_start_day": 1,
        "categories": [
            {
                "name": "Food",
                "limit": "0.00",
                "is_archived": False,
                "rollover": "none",
                "rollover_from": None,
            }
        ],
        "expenses": [
            {"date": "2026-03-01", "category": "Food", "amount": "1.00", "description": ""}
        ],
        "incomes": [],
        "allotments": [],
    }
    return {"file": SimpleUploadedFile("backup.json", json.dumps(backup).encode())}


FORMS = {
    "expense": CreateForm(
        "/expenses/new/",
        "/expenses/new/",
        lambda budget, category: {
            "category": category.pk,
            "amount": "12.50",
            "date": "2026-03-05",
            "description": "Bread",
        },
        lambda: Expense.objects.count(),
        "/expenses/?month=2026-03",
    ),
    "category": CreateForm(
        "/categories/new/",
        "/categories/new/",
        lambda budget, category: {"name": "Fun", "limit": "20"},
        lambda: Category.objects.count(),
        "/categories/",
    ),
    "income": CreateForm(
        "/income/2026-03/",
        "/income/2026-03/",
        lambda budget, category: {"amount": "3000", "note": "Salary"},
        lambda: MonthlyIncome.objects.count(),
        "/summary/2026-03/",
    ),
    "recurring": CreateForm(
        "/recurring/new/",
        "/recurring/new/",
        lambda budget, category: {
            "description": "Rent",
            "category": category.pk,
            "amount": "950.00",
            "frequency": "monthly",
            "interval": "1",
            "start": "2026-01-31",
        },
        lambda: RecurringExpense.objects.count(),
        "/recurring/",
    ),
    "budget": CreateForm(
        "/budgets/",
        "/budgets/new/",
        lambda budget, category: {"name": "Cabin"},
        lambda: Budget.objects.count(),
        "/budgets/",
    ),
    "invitation": CreateForm(
        "/budgets/{budget}/members/",
        "/budgets/{budget}/invitations/",
        lambda budget, category: {"role": "editor"},
        lambda: Invitation.objects.count(),
        "/budgets/{budget}/members/",
    ),
    "token": CreateForm(
        "/settings/tokens/",
        "/settings/tokens/",
        lambda budget, category: {"name": "phone"},
        lambda: ApiToken.objects.count(),
        "/settings/tokens/",
    ),
    "allotments": CreateForm(
        "/budget/2026-03/",
        "/budget/2026-03/",
        lambda budget, category: {f"allot-{category.pk}": "40"},
        lambda: Allotment.objects.count(),
        "/budget/2026-03/",
    ),
    "restore": CreateForm(
        "/settings/backup/",
        "/settings/backup/",
        _restore_file,
        lambda: Expense.objects.count(),
        "/settings/backup/",
    ),
}


@pytest.fixture
def setting(user):
    budget = budget_of(user)
    return budget, CategoryFactory(budget=budget, name="Groceries")


def _filled(text, budget):
    return text.format(budget=budget.pk)


@pytest.mark.parametrize("name", FORMS)
def test_a_second_submit_saves_nothing_and_links_to_what_was_saved(user_client, setting, name):
    form, (budget, category) = FORMS[name], setting
    if name == "restore":
        category.delete()  # a restore goes into an empty budget
    page = user_client.get(_filled(form.page, budget)).content.decode()
    once = ONCE.findall(page)
    assert len(once) == 1, f"the {name} form carries no one-time token"
    before = form.count()

    first = user_client.post(
        _filled(form.action, budget), {**form.data(budget, category), "once": once[0]}
    )
    after_first = form.count()
    second = user_client.post(
        _filled(form.action, budget), {**form.data(budget, category), "once": once[0]}
    )

    assert first.status_code in (200, 302)
    assert after_first > before
    assert form.count() == after_first
    html = second.content.decode()
    assert second.status_code == 200
    assert "Already saved" in html
    assert f'href="{_filled(form.saved, budget)}' in html


def test_a_refused_submit_leaves_the_token_unused(user_client, setting):
    budget, category = setting
    once = ONCE.findall(user_client.get("/expenses/new/").content.decode())[0]
    data = {"category": category.pk, "date": "2026-03-05", "once": once}

    refused = user_client.post("/expenses/new/", {**data, "amount": "0"})
    saved = user_client.post("/expenses/new/", {**data, "amount": "4.00"})

    assert refused.status_code == 200
    assert saved.status_code == 302
    assert Expense.objects.count() == 1


def test_each_opening_of_a_form_has_its_own_token(user_client, setting):
    first = ONCE.findall(user_client.get("/expenses/new/").content.decode())
    second = ONCE.findall(user_client.get("/expenses/new/").content.decode())

    assert first != second


def test_the_token_is_kept_in_the_database(user_client, setting):
    budget, category = setting
    once = ONCE.findall(user_client.get("/categories/new/").content.decode())[0]

    user_client.post("/categories/new/", {"name": "Fun", "limit": "1", "once": once})

    stored = FormSubmission.objects.get()
    assert (stored.key, stored.saved_url) == (once, "/categories/")


def test_another_persons_token_is_theirs(client, setting, other_user):
    budget, category = setting
    FormSubmission.objects.create(user=other_user, key="x" * 32, saved_url="/categories/")
    client.force_login(budget.memberships.get().user)

    response = client.post("/categories/new/", {"name": "Fun", "limit": "1", "once": "x" * 32})

    assert response.status_code == 302
    assert Category.objects.filter(name="Fun").exists()


def test_the_import_confirm_runs_once(user_client, user):
    CategoryFactory(owner=user, name="Misc")
    upload = SimpleUploadedFile("bank.csv", BANK.encode(), content_type="text/csv")
    response = user_client.post("/import/", {"file": upload, "default_category": "Misc"})
    preview = response["Location"]
    page = user_client.get(preview).content.decode()
    once = ONCE.findall(page)
    assert len(once) == 1

    first = user_client.post(preview, {"once": once[0]})
    count = Expense.objects.count()
    second = user_client.post(preview, {"once": once[0]})

    assert first.status_code == 302
    assert count == 2
    assert Expense.objects.count() == 2
    assert "Already saved" in second.content.decode()
    assert 'href="/import/"' in second.content.decode()
