import copy
import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils.text import slugify

from ledger.models import Category, Expense, MonthlyIncome
from ledger.tests.factories import (
    CategoryFactory,
    ExpenseFactory,
    MonthlyIncomeFactory,
    UserFactory,
    budget_of,
)
from ledger.transfer.backup import BackupError, export_ledger, import_ledger

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(user):
    """A small ledger with an archived category, awkward amounts and text."""
    food = CategoryFactory(owner=user, name="Food", limit=Decimal("400.00"))
    old = CategoryFactory(owner=user, name="Old car", limit=Decimal("0.00"), is_archived=True)
    ExpenseFactory(category=food, date=date(2026, 3, 2), amount=Decimal("0.01"), description="")
    ExpenseFactory(
        category=food, date=date(2026, 3, 2), amount=Decimal("9999999999.99"), description="Max"
    )
    ExpenseFactory(
        category=old, date=date(2019, 1, 31), amount=Decimal("1234.56"), description='=Café "x"'
    )
    MonthlyIncomeFactory(owner=user, month=date(2026, 3, 1), amount=Decimal("3000.10"), note="Pay")
    MonthlyIncomeFactory(owner=user, month=date(2025, 12, 1), amount=Decimal("0.00"))
    return user


def test_it_exports_the_whole_ledger(ledger, other_user):
    ExpenseFactory(category=CategoryFactory(owner=other_user, name="Theirs"))

    data = export_ledger(budget_of(ledger))

    assert data == {
        "format": "budget-ledger",
        "version": 2,
        "month_start_day": 1,
        "categories": [
            {
                "name": "Food",
                "limit": "400.00",
                "is_archived": False,
                "rollover": "none",
                "rollover_from": None,
            },
            {
                "name": "Old car",
                "limit": "0.00",
                "is_archived": True,
                "rollover": "none",
                "rollover_from": None,
            },
        ],
        "expenses": [
            {
                "date": "2019-01-31",
                "category": "Old car",
                "amount": "1234.56",
                "description": '=Café "x"',
            },
            {"date": "2026-03-02", "category": "Food", "amount": "0.01", "description": ""},
            {
                "date": "2026-03-02",
                "category": "Food",
                "amount": "9999999999.99",
                "description": "Max",
            },
        ],
        "incomes": [
            {"month": "2025-12", "amount": "0.00", "note": ""},
            {"month": "2026-03", "amount": "3000.10", "note": "Pay"},
        ],
        "allotments": [],
    }


def test_it_round_trips_exactly(ledger):
    exported = export_ledger(budget_of(ledger))
    newcomer = UserFactory()

    counts = import_ledger(budget_of(newcomer), json.loads(json.dumps(exported)))

    assert counts == {"categories": 2, "expenses": 3, "incomes": 2, "allotments": 0}
    assert export_ledger(budget_of(newcomer)) == exported
    assert Expense.objects.for_budget(budget_of(newcomer)).get(description="Max").amount == Decimal(
        "9999999999.99"
    )
    assert Category.objects.for_budget(budget_of(newcomer)).get(name="Old car").is_archived is True


def test_it_refuses_an_account_with_data(ledger):
    exported = export_ledger(budget_of(ledger))
    target = UserFactory()
    MonthlyIncomeFactory(owner=target)

    with pytest.raises(BackupError, match="already has data"):
        import_ledger(budget_of(target), exported)

    assert not Category.objects.for_budget(budget_of(target)).exists()


def broken(mutate):
    data = {
        "format": "budget-ledger",
        "version": 1,
        "categories": [{"name": "Food", "limit": "10.00", "is_archived": False}],
        "expenses": [
            {"date": "2026-03-15", "category": "Food", "amount": "1.00", "description": "ok"}
        ],
        "incomes": [{"month": "2026-03", "amount": "5.00", "note": ""}],
    }
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "This is not a Budget backup file."),
        (lambda d: d.update(version=3), "Unsupported backup version 3"),
        (lambda d: d.update(expenses="x"), "expenses: must be a list"),
        (lambda d: d["categories"].append(dict(d["categories"][0], name="FOOD")), "appears twice"),
        (lambda d: d["categories"][0].update(name=" "), "must not be empty"),
        (lambda d: d["categories"][0].update(name="n" * 101), "longer than 100"),
        (
            lambda d: d["categories"][0].update(limit="-1.00"),
            "categories[0].limit: must be an amount",
        ),
        (lambda d: d["categories"][0].update(limit=10.5), "categories[0].limit: must be an amount"),
        (lambda d: d["categories"][0].update(is_archived="no"), "must be true or false"),
        (lambda d: d["categories"][0].pop("limit"), "must be an object with name, limit"),
        (
            lambda d: d["expenses"][0].update(amount="0.00"),
            "expenses[0].amount: must be more than 0",
        ),
        (
            lambda d: d["expenses"][0].update(amount="1.005"),
            "expenses[0].amount: must be an amount",
        ),
        (lambda d: d["expenses"][0].update(amount="NaN"), "expenses[0].amount: must be an amount"),
        (lambda d: d["expenses"][0].update(amount="99999999999.00"), "must be an amount"),
        (lambda d: d["expenses"][0].update(date="2026-02-30"), "expenses[0].date: must be a date"),
        (lambda d: d["expenses"][0].update(category="Rent"), "not one of the backup's categories"),
        (lambda d: d["expenses"][0].update(description=None), "description: must be text"),
        (lambda d: d["incomes"][0].update(month="2026-13"), "incomes[0].month: must be a month"),
        (lambda d: d["incomes"].append(dict(d["incomes"][0])), "2026-03 appears twice"),
        (lambda d: d["incomes"][0].update(amount="-5.00"), "incomes[0].amount: must be an amount"),
    ],
)
def test_it_refuses_invalid_backups_and_stores_nothing(user, mutate, message):
    with pytest.raises(BackupError) as caught:
        import_ledger(budget_of(user), broken(mutate))

    assert message in str(caught.value)
    assert not Category.objects.exists()
    assert not Expense.objects.exists()
    assert not MonthlyIncome.objects.exists()


@pytest.mark.parametrize("data", [None, [], "text", 3])
def test_it_refuses_what_is_not_a_backup(user, data):
    with pytest.raises(BackupError, match="This is not a Budget backup file."):
        import_ledger(budget_of(user), data)


def test_a_valid_backup_sample_restores(user):
    import_ledger(budget_of(user), broken(lambda d: None))

    assert Expense.objects.for_budget(budget_of(user)).get().amount == Decimal("1.00")


# The settings page ---------------------------------------------------------------


def test_the_page_offers_download_and_restore_into_an_empty_account(user_client):
    response = user_client.get("/settings/backup/")

    assert response.status_code == 200
    assert b'href="/settings/backup/download/"' in response.content
    assert b'type="file"' in response.content


def test_the_page_refuses_restore_when_the_account_has_data(user_client, ledger):
    response = user_client.get("/settings/backup/")

    assert b"can only be restored into an empty budget" in response.content
    assert b'type="file"' not in response.content


def test_download_gives_the_json_file(user_client, ledger):
    response = user_client.get("/settings/backup/download/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="budget-{slugify(budget_of(ledger).name)}-'
    )
    assert json.loads(response.content) == export_ledger(budget_of(ledger))


def test_restore_through_the_page_round_trips(client, ledger):
    exported = export_ledger(budget_of(ledger))
    newcomer = UserFactory()
    client.force_login(newcomer)
    upload = SimpleUploadedFile("backup.json", json.dumps(exported).encode(), "application/json")

    response = client.post("/settings/backup/", {"file": upload}, follow=True)

    assert (
        b"Restored 2 categories, 3 expenses, 2 monthly incomes and 0 allotments."
        in response.content
    )
    assert export_ledger(budget_of(newcomer)) == exported


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", b"This is not a Budget backup file (not JSON)."),
        (b"\xff\xfe", b"This is not a Budget backup file (not JSON)."),
        (
            b'{"format": "budget-ledger", "version": 1, "categories": [], "expenses": 1, "incomes": []}',
            b"expenses: must be a list",
        ),
    ],
)
def test_restore_shows_errors_next_to_the_field(user_client, user, content, message):
    upload = SimpleUploadedFile("backup.json", content, "application/json")

    response = user_client.post("/settings/backup/", {"file": upload})

    assert response.status_code == 200
    assert message in response.content
    assert not Category.objects.exists()


def test_backup_pages_need_login(client):
    assert client.get("/settings/backup/").status_code == 302
    assert client.get("/settings/backup/download/").status_code == 302


# The commands ------------------------------------------------------------------


def test_the_commands_round_trip(ledger, tmp_path):
    path = tmp_path / "backup.json"
    newcomer = UserFactory()

    call_command("export_ledger", "--user", ledger.username, "-o", str(path), stderr=StringIO())
    out = StringIO()
    call_command("import_ledger", str(path), "--user", newcomer.username, stdout=out)

    assert (
        "Restored 2 categories, 3 expenses, 2 monthly incomes and 0 allotments." in out.getvalue()
    )
    assert export_ledger(budget_of(newcomer)) == export_ledger(budget_of(ledger))


def test_export_ledger_writes_to_stdout(ledger):
    out = StringIO()

    call_command("export_ledger", "--user", ledger.username, stdout=out)

    assert json.loads(out.getvalue()) == export_ledger(budget_of(ledger))


def test_import_ledger_lists_problems_and_stores_nothing(user, tmp_path):
    path = tmp_path / "backup.json"
    data = broken(lambda d: d["expenses"][0].update(amount="0.00", date="x"))
    path.write_text(json.dumps(data))

    with pytest.raises(CommandError) as caught:
        call_command("import_ledger", str(path), "--user", user.username)

    assert "expenses[0].date: must be a date" in str(caught.value)
    assert "expenses[0].amount: must be more than 0" in str(caught.value)
    assert not Category.objects.exists()


def test_import_ledger_refuses_an_account_with_data(ledger, tmp_path):
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(copy.deepcopy(export_ledger(budget_of(ledger)))))

    with pytest.raises(CommandError, match="already has data"):
        call_command("import_ledger", str(path), "--user", ledger.username)

    assert Expense.objects.count() == 3


def test_the_download_is_named_for_todays_date_in_the_budgets_time_zone(
    user_client, user, settings
):
    from datetime import UTC, datetime
    from unittest import mock

    settings.TIME_ZONE = "Pacific/Auckland"
    late_in_utc = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)  # already 1 April in Auckland

    with mock.patch("django.utils.timezone.now", return_value=late_in_utc):
        response = user_client.get("/settings/backup/download/")

    expected = f'attachment; filename="budget-{slugify(budget_of(user).name)}-2026-04-01.json"'
    assert response["Content-Disposition"] == expected


def test_envelopes_and_the_month_start_day_survive_a_round_trip(user):
    """Issues 15 and 16: rollovers, allotments and the start day are in the backup, so a
    restored budget shows the same envelopes month by month."""
    from ledger import selectors, services

    budget = budget_of(user)
    services.change_month_start_day(budget=budget, day=25)
    budget.refresh_from_db()
    food = services.create_category(
        budget=budget,
        name="Food",
        limit=Decimal("300.00"),
        rollover="unspent",
        rollover_from=date(2026, 1, 1),
    )
    services.create_category(
        budget=budget,
        name="Car",
        limit=Decimal("100.00"),
        rollover="all",
        rollover_from=date(2026, 1, 1),
    )
    services.set_allotment(
        budget=budget, category=food, month=date(2026, 2, 1), amount=Decimal("280.00")
    )
    ExpenseFactory(category=food, date=date(2026, 1, 24), amount=Decimal("250.00"))
    ExpenseFactory(category=food, date=date(2026, 1, 25), amount=Decimal("400.00"))
    exported = export_ledger(budget)
    newcomer = budget_of(UserFactory())

    counts = import_ledger(newcomer, json.loads(json.dumps(exported)))

    newcomer.refresh_from_db()
    assert counts["allotments"] == 1
    assert newcomer.month_start_day == 25
    assert export_ledger(newcomer) == exported
    for month in (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)):
        mine, theirs = (
            selectors.monthly_summary(budget, month),
            selectors.monthly_summary(newcomer, month),
        )
        assert [
            (line.name, line.allotted, line.carried_in, line.spent) for line in theirs.lines
        ] == [(line.name, line.allotted, line.carried_in, line.spent) for line in mine.lines]
        assert theirs.unallocated == mine.unallocated
    march = selectors.monthly_summary(newcomer, date(2026, 3, 1))
    assert march.overspent_from_last_month == Decimal("70.00")


def test_a_version_1_backup_still_restores_without_envelopes(user):
    data = broken(lambda d: None)

    counts = import_ledger(budget_of(user), data)

    assert counts == {"categories": 1, "expenses": 1, "incomes": 1, "allotments": 0}
    assert Category.objects.for_budget(budget_of(user)).get().rollover == "none"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(month_start_day=29), "month_start_day: must be a whole number"),
        (lambda d: d.update(month_start_day="5"), "month_start_day: must be a whole number"),
        (lambda d: d["categories"][0].update(rollover="some"), "categories[0].rollover: must be"),
        (
            lambda d: d["categories"][0].update(rollover="all", rollover_from="2026-13"),
            "categories[0].rollover_from: must be a month",
        ),
        (
            lambda d: d["allotments"].append(
                {"month": "2026-03", "category": "Nope", "amount": "1.00"}
            ),
            "allotments[0].category: not one of the backup's categories",
        ),
        (
            lambda d: d["allotments"].append(
                {"month": "2026-03", "category": "Food", "amount": "-1.00"}
            ),
            "allotments[0].amount: must be an amount",
        ),
    ],
)
def test_it_refuses_bad_version_2_fields_and_stores_nothing(user, mutate, message):
    def v2(d):
        d.update(version=2, month_start_day=1, allotments=[])
        d["categories"][0].update(rollover="none", rollover_from=None)
        mutate(d)

    with pytest.raises(BackupError, match=message.replace("[", r"\[").replace("]", r"\]")):
        import_ledger(budget_of(user), broken(v2))

    assert not Category.objects.for_budget(budget_of(user)).exists()
