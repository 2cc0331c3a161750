"""Hostile backup files (issue 22): a form error, never a 500; memory bounded; races refused."""

import json
import threading
import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from ledger.forms.backup import RestoreForm
from ledger.models import Category, Expense
from ledger.tests.factories import budget_of
from ledger.tests.hostile_files import BACKUP_SHAPES
from ledger.transfer.backup import BackupError, import_ledger


def backup_of(expenses: int, categories: int = 40) -> bytes:
    names = [f"Category {n}" for n in range(categories)]
    document = {
        "format": "budget-ledger",
        "version": 2,
        "month_start_day": 1,
        "categories": [
            {
                "name": name,
                "limit": "100.00",
                "is_archived": False,
                "rollover": "none",
                "rollover_from": None,
            }
            for name in names
        ],
        "expenses": [
            {
                "date": f"20{10 + n % 15}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "category": names[n % categories],
                "amount": f"{1 + n % 900}.{n % 100:02d}",
                "description": f"Shop {n % 500}",
            }
            for n in range(expenses)
        ],
        "incomes": [],
        "allotments": [],
    }
    return json.dumps(document, indent=1).encode()


@pytest.mark.django_db
@pytest.mark.parametrize("shape", sorted(BACKUP_SHAPES))
def test_a_hostile_backup_is_a_form_error(user_client, shape):
    content = BACKUP_SHAPES[shape](200_000)
    upload = SimpleUploadedFile("backup.json", content, "application/json")

    started = time.process_time()
    response = user_client.post("/settings/backup/", {"file": upload})

    assert time.process_time() - started < 2.0
    assert response.status_code == 200
    assert b"This is not a Budget backup file" in response.content
    assert not Category.objects.exists()


def test_deep_nesting_is_refused_by_the_form():
    form = RestoreForm(files={"file": SimpleUploadedFile("b.json", b"[" * 100_000)})

    assert not form.is_valid()
    assert form.errors["file"] == ["This is not a Budget backup file (nested too deeply)."]


@pytest.mark.django_db
def test_a_restore_needs_at_most_four_times_the_files_size(user):
    content = backup_of(5000)
    tracemalloc.start()
    try:
        form = RestoreForm(files={"file": SimpleUploadedFile("b.json", content)})
        assert form.is_valid()
        counts = import_ledger(budget_of(user), form.backup, created_by=user)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert counts["expenses"] == 5000
    assert peak <= 4 * len(content), f"peak {peak / len(content):.1f} x the file"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database is a shared cache that refuses a second writer "
    "instead of waiting (a SQLite file waits: BEGIN IMMEDIATE); the race is PostgreSQL's",
)
def test_parallel_restores_into_one_budget_give_one_success_and_clear_refusals(user):
    budget = budget_of(user)
    content = backup_of(2000)
    start = threading.Barrier(3)
    results = []

    def restore():
        try:
            form = RestoreForm(files={"file": SimpleUploadedFile("b.json", content)})
            assert form.is_valid()
            start.wait()
            import_ledger(budget, form.backup, created_by=user)
            results.append("restored")
        except BackupError as error:
            results.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=restore) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [
        "This budget already has data: restore into an empty budget.",
        "This budget already has data: restore into an empty budget.",
        "restored",
    ]
    assert Expense.objects.count() == 2000
