"""Recurring expenses posted by concurrent first requests through a real gunicorn: once each.

Three auto-posting schedules of one budget have weeks of occurrences due. Eight
clients, each with its own token, ask for the summary at the same moment on four
worker processes, so several workers find the same occurrences due and race to
post them. Every request must answer 200, and each occurrence must be recorded
exactly once (the unique (recurring, occurrence) pair and the locked schedule),
on SQLite and on PostgreSQL. Run them alone with `pytest -m concurrency`.
"""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from ledger.tests.totals.test_concurrent_writers import (  # noqa: F401 - the server fixtures
    _manage,
    postgres_server,
    sqlite_server,
)

pytestmark = pytest.mark.concurrency

CLIENTS = 8
ROUNDS = 3

SETUP_SCRIPT = """
import json
from datetime import timedelta
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.utils import timezone
from ledger import services
from ledger.models import Category
from ledger.services.budgets import own_budget
user = get_user_model().objects.create_user("poster", password="not-used-here-42")
budget = own_budget(user=user)
category = Category.objects.create(budget=budget, name="Bills", limit="1000000.00")
made = timezone.localdate() - timedelta(days=70)
for n, frequency in enumerate(["weekly", "weekly", "monthly"]):
    services.create_recurring_expense(
        budget=budget, category=category, amount=Decimal(f"{{n + 1}}0.25"), frequency=frequency,
        start=made, auto_post=True, created_by=user, today=made,
    )
tokens = [
    services.issue_api_token(owner=user, budget=budget, name=f"client {{n}}")[1]
    for n in range({clients})
]
print(json.dumps({{"tokens": tokens}}))
"""

COUNT_SCRIPT = """
import json
from django.db.models import Count
from django.utils import timezone
from ledger import recurrence
from ledger.models import Expense, RecurringExpense
expected = sum(
    len(recurrence.between(r, r.start, timezone.localdate()))
    for r in RecurringExpense.objects.all()
)
pairs = Expense.objects.values("recurring", "occurrence_date").annotate(n=Count("pk"))
print(json.dumps({
    "expected": expected,
    "expenses": Expense.objects.count(),
    "doubled": sum(1 for pair in pairs if pair["n"] > 1),
}))
"""


def _race(server):
    """Every client asks at once, ROUNDS times each; return (answers, counts)."""
    env = server.env
    setup = json.loads(
        _manage(env, "shell", "-c", SETUP_SCRIPT.format(clients=CLIENTS)).strip().splitlines()[-1]
    )
    start = threading.Barrier(CLIENTS)

    def client(token):
        start.wait()
        return [
            server.request("GET", "/api/recurring/upcoming?days=1", token) for _ in range(ROUNDS)
        ]

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        answers = [a for result in pool.map(client, setup["tokens"]) for a in result]
    counts = json.loads(_manage(env, "shell", "-c", COUNT_SCRIPT).strip().splitlines()[-1])
    return answers, counts


def _assert_posted_once(served):
    server, _ = served
    answers, counts = _race(server)

    assert [status for status, _ in answers] == [200] * CLIENTS * ROUNDS
    assert counts["expected"] >= 12  # 11 weeks of two weekly bills, and the monthly ones
    assert (counts["expenses"], counts["doubled"]) == (counts["expected"], 0)
    log = server.log_path.read_text()
    assert "Traceback" not in log
    assert "database is locked" not in log


def test_sqlite_posts_each_occurrence_once(request):
    _assert_posted_once(request.getfixturevalue("sqlite_server"))


def test_postgresql_posts_each_occurrence_once(request):
    _assert_posted_once(request.getfixturevalue("postgres_server"))
