"""The benchmark's Django-side steps, run in a subprocess against the benchmark database.

    python -m bench.prepare prepare --user bench   # prints one JSON line
    python -m bench.prepare cleanup --user bench   # deletes the expenses the POST load made

`prepare` finds the month to measure, signs the bench user in (a session made
directly in the session store), makes an API token when the project has the
`create_api_token` command, counts the SQL queries of each endpoint through
Django's test client, and reads the query plans of the month selectors.
"""

import argparse
import io
import json
import math
import os
import sys
import time

import django

POST_DESCRIPTION = "benchmark POST"
PAGE_SIZE = 50
SKIP = "skip"  # an endpoint's auth when the page is not built on this branch


def endpoints(month, last_page, token):
    """(name, method, path, auth, body) of every measured endpoint; auth is session/token/None."""
    page = min(100, last_page)
    body = json.dumps(
        {
            "category_id": None,
            "amount": "12.34",
            "date": f"{month}-15",
            "description": POST_DESCRIPTION,
        }
    )
    api_auth = "token" if token else "none-token"
    return [
        ("/health", "GET", "/health", None, None),
        (f"/summary/{month}/", "GET", f"/summary/{month}/", "session", None),
        (f"/expenses/?month={month}", "GET", f"/expenses/?month={month}", "session", None),
        (
            f"/expenses/?month={month}&page={page}",
            "GET",
            f"/expenses/?month={month}&page={page}",
            "session",
            None,
        ),
        ("/categories/", "GET", "/categories/", "session", None),
        # The cost of any signed-in page: an empty form (issue 15's yardstick).
        ("/categories/new/", "GET", "/categories/new/", "session", None),
        (f"/budget/{month}/", "GET", f"/budget/{month}/", "session", None),
        (f"/api/summary/{month}", "GET", f"/api/summary/{month}", api_auth, None),
        (
            f"/api/expenses/?month={month}&limit=50",
            "GET",
            f"/api/expenses/?month={month}&limit=50",
            api_auth,
            None,
        ),
        ("POST /api/expenses/", "POST", "/api/expenses/", api_auth, body),
        # Reports (issue 18): a year and ten years up to the measured month.
        (
            "/reports/ (12 months)",
            "GET",
            f"/reports/?from={months_before(month, 11)}&to={month}",
            "session",
            None,
        ),
        (
            "/reports/ (120 months)",
            "GET",
            f"/reports/?from={months_before(month, 119)}&to={month}",
            "session",
            None,
        ),
        (
            "/api/reports/trends (12 months)",
            "GET",
            f"/api/reports/trends?from={months_before(month, 11)}&to={month}",
            api_auth,
            None,
        ),
    ]


def months_before(month, count):
    """The month `count` months before `month`, both as YYYY-MM."""
    year, number = map(int, month.split("-"))
    index = year * 12 + number - 1 - count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def not_built(rows):
    """`rows` with the pages whose URL does not resolve marked SKIP (not measured, noted)."""
    from django.urls import Resolver404, resolve

    marked = []
    for name, method, path, auth, body in rows:
        try:
            resolve(path.split("?")[0])
        except Resolver404:
            auth = SKIP
        marked.append((name, method, path, auth, body))
    return marked


def setup():
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budget.settings")
    django.setup()


def _budget(user):
    """The budget the benchmark measures: the seeded user's own (seed_bench fills it)."""
    from ledger.services.budgets import own_budget

    return own_budget(user=user)


def bench_month(user):
    """The last full month of the user's expenses, as YYYY-MM."""
    from django.db.models import Max

    from ledger.models import Expense
    from ledger.months import format_month, month_of, previous_month

    budget = _budget(user)
    latest = Expense.objects.for_budget(budget).aggregate(latest=Max("date"))["latest"]
    return format_month(previous_month(month_of(latest, budget.month_start_day)))


def session_cookie(user):
    """A signed-in session for the user, straight from the session store (no login form)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def api_token(username):
    """A new API token from `create_api_token` (its last printed word), or None without it."""
    from django.core.management import call_command, get_commands

    if "create_api_token" not in get_commands():
        return None
    out = io.StringIO()
    call_command("create_api_token", username, stdout=out)
    words = out.getvalue().split()
    return words[-1] if words else None


def count_queries(user, token, rows, repeat=10):
    """Status, SQL query count and single-request time of each endpoint, through the test client.

    The time is the fastest of `repeat` requests made one after another: what one
    request costs the app, without the queueing a loaded (or shared) machine adds.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # A page that fails is reported with its 500, not raised: the table shows it.
    session_client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
    session_client.force_login(user)
    plain_client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
    counts = {}
    for name, method, path, auth, body in rows:
        if auth == SKIP:
            counts[name] = {"status": None, "queries": None}
            continue
        if auth in ("token", "none-token") and not token:
            counts[name] = {"status": None, "queries": None}
            continue
        client = session_client if auth == "session" else plain_client
        extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if auth == "token" else {}

        def send(client=client, method=method, path=path, body=body, extra=extra):
            if method == "POST":
                return client.post(path, body, content_type="application/json", **extra)
            return client.get(path, **extra)

        with CaptureQueriesContext(connection) as queries:
            response = send()
        counts[name] = {"status": response.status_code, "queries": len(queries)}
        if 200 <= response.status_code < 300:
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                send()
                times.append(time.perf_counter() - started)
            counts[name]["single_ms"] = round(min(times) * 1000, 2)
    return counts


def plans(user, month):
    from bench.plans import explain, selector_queries
    from ledger.months import parse_month

    return [
        {"query": name, "plan": explain(sql, params, analyze=True)}
        for name, sql, params in selector_queries(_budget(user), parse_month(month))
    ]


def prepare(username):
    from django.contrib.auth import get_user_model
    from django.db import connection

    from ledger.models import Category, Expense
    from ledger.months import parse_month

    user = get_user_model().objects.get(username=username)
    month = bench_month(user)
    budget = _budget(user)
    in_month = (
        Expense.objects.for_budget(budget).in_month(parse_month(month), budget.month_start_day)
    ).count()
    last_page = max(1, math.ceil(in_month / PAGE_SIZE))
    token = api_token(username)
    rows = not_built(endpoints(month, last_page, token))
    # The POST needs one of the user's categories: the first one.
    category_id = (
        Category.objects.for_budget(_budget(user)).order_by("pk").values_list("pk", flat=True)[0]
    )
    rows = [
        (
            name,
            method,
            path,
            auth,
            body.replace('"category_id": null', f'"category_id": {category_id}') if body else None,
        )
        for name, method, path, auth, body in rows
    ]
    result = {
        "month": month,
        "expenses_total": Expense.objects.for_budget(_budget(user)).count(),
        "expenses_in_month": in_month,
        "last_page": last_page,
        "cookie": session_cookie(user),
        "token": token,
        "endpoints": [
            dict(zip(("name", "method", "path", "auth", "body"), row, strict=True)) for row in rows
        ],
        "queries": count_queries(user, token, rows),
        "plans": plans(user, month),
        "vendor": connection.vendor,
    }
    cleanup(username)
    return result


def cleanup(username):
    """Delete the expenses the POST measurements made, so every run measures the same data
    (through the service, so the monthly totals lose them too)."""
    from ledger import services
    from ledger.models import Expense

    deleted = services.remove_expenses(
        expenses=Expense.objects.filter(created_by__username=username, description=POST_DESCRIPTION)
    )
    return {"deleted": deleted}


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["prepare", "cleanup"])
    parser.add_argument("--user", default="bench")
    args = parser.parse_args(argv)
    setup()
    result = prepare(args.user) if args.step == "prepare" else cleanup(args.user)
    print("BENCH_JSON " + json.dumps(result))


if __name__ == "__main__":
    main()
