"""The benchmark harness end to end on a few hundred expenses, so `make bench` cannot rot.

It runs the real pieces (seeding, gunicorn with production settings, the
session and query counts, the load loop, the report) with the Python load
loop instead of wrk and a fraction of a second per endpoint.
"""

import json
import os
import subprocess
import sys

import pytest

from bench import report, run

ENDPOINTS = [
    "/health",
    "/summary/",
    "/expenses/?month=",
    "/expenses/?month=",
    "/categories/",
    "/categories/new/",
    "/budget/",
    "/api/summary/",
    "/api/expenses/?month=",
    "POST /api/expenses/",
    "/reports/ (12 months)",
    "/reports/ (120 months)",
    "/api/reports/trends (12 months)",
]


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    run.main(
        [
            "--db=sqlite",
            "--sizes=300",
            "--loader=python",
            "--duration=0.3",
            "--rounds=2",
            "--connections=2",
            f"--data-dir={out}",
            f"--docs={out / 'benchmarks.md'}",
            f"--results={out / 'results.json'}",
        ]
    )
    results = json.loads((out / "results.json").read_text())["sqlite"]
    return results, (out / "benchmarks.md").read_text(), out


def test_it_seeds_and_measures_every_endpoint(smoke):
    results, *_ = smoke
    [size] = results["sizes"]
    assert size["expenses"] == 300
    names = [row["name"] for row in size["rows"]]
    assert len(names) == len(ENDPOINTS)
    assert all(name.startswith(prefix) for name, prefix in zip(names, ENDPOINTS, strict=True))


def test_it_times_health_under_load_with_one_query(smoke):
    results, *_ = smoke
    health = results["sizes"][0]["rows"][0]
    assert health["status"] == 200
    assert health["requests"] > 0
    assert health["rps"] > 0
    assert 0 < health["p50_ms"] <= health["p95_ms"]
    assert health["status_errors"] == 0
    assert health["queries"] == 1
    assert health["single_ms"] > 0
    assert len(health["rounds_p50_ms"]) == 2
    assert health["p50_ms"] == min(health["rounds_p50_ms"])


def test_it_never_times_an_endpoint_that_does_not_answer_2xx(smoke):
    results, *_ = smoke
    for row in results["sizes"][0]["rows"]:
        measured = "rps" in row
        answered_ok = row["status"] is not None and 200 <= row["status"] < 300
        assert measured == answered_ok, row


def test_it_measures_the_new_category_form_and_the_budget_page_once_built(smoke):
    results, markdown, _ = smoke
    rows = {row["name"].split("2")[0]: row for row in results["sizes"][0]["rows"]}
    assert rows["/categories/new/"]["status"] == 200
    budget = rows["/budget/"]
    if budget["status"] is None:  # the page is another helper's; until merged it is noted
        assert budget["note"] == "the URL does not resolve: not built on this branch"
        assert "Skipped (the URL does not resolve on this branch): /budget/" in markdown
    else:
        assert budget["status"] == 200


def test_it_reads_the_worker_peak_memory(smoke):
    results, *_ = smoke
    assert 10 < results["sizes"][0]["worker_peak_mb"] < 1000


def test_it_writes_the_table_with_the_machine_and_the_plans(smoke):
    _, markdown, _ = smoke
    assert "<!-- bench:sqlite:start -->" in markdown
    assert "| `/health` | 200 |" in markdown
    assert " CPUs (" in markdown
    assert "expense_budget_date" in markdown


def size_with(expenses, medians, queries=3, peak=60.0):
    rows = [{"name": name, "p50_ms": median, "queries": queries} for name, median in medians]
    return {"expenses": expenses, "rows": rows, "worker_peak_mb": peak}


def test_it_checks_the_targets_against_health_and_the_smaller_size():
    small = size_with(10_000, [("/health", 2.0), ("/summary/2026-10/", 8.0)])
    large = size_with(
        1_000_000,
        [
            ("/health", 2.0),
            ("/summary/2026-10/", 11.0),
            ("/expenses/?month=2026-10", 10.0),
            ("/expenses/?month=2026-10&page=100", 20.0),
            ("/api/summary/2026-10", 5.0),
        ],
    )
    verdicts = {
        label: verdict
        for label, _, verdict in report.targets([small, large])
        if not label.startswith("issue 15")
    }
    assert verdicts == {
        "summary median / health median (largest)": "MISSED",
        "summary median largest / smallest size": "met",
        "API summary median / health median (largest)": "met",
        "expense list page 100 / page 1 median (largest)": "MISSED",
        "summary / health, 1 request (largest)": "n/a",
        "API summary / health, 1 request (largest)": "n/a",
        "summary largest / smallest size, 1 request": "n/a",
        "expense list page 100 / page 1, 1 request (largest)": "n/a",
        **dict.fromkeys(REPORT_TARGETS, "n/a"),
        "same query count at every size": "met",
        "worker peak memory": "met",
    }


REPORT_TARGETS = [
    f"{name} / summary{how} (largest)"
    for how in (", 1 request", "")
    for name in (
        "/reports/ (12 months)",
        "/api/reports/trends (12 months)",
        "/reports/ (120 months)",
    )
]


def test_it_checks_the_reports_against_the_summary():
    rows = [
        {"name": "/summary/2026-10/", "single_ms": 4.0},
        {"name": "/reports/ (12 months)", "single_ms": 6.0},
        {"name": "/api/reports/trends (12 months)", "single_ms": 6.4},
        {"name": "/reports/ (120 months)", "single_ms": 12.0},
    ]
    checks = report.targets([{"expenses": 10, "rows": rows, "worker_peak_mb": 60.0}])
    assert (
        "/reports/ (12 months) / summary, 1 request (largest)",
        "1.50× (limit 1.5×)",
        "met",
    ) in checks
    assert (
        "/api/reports/trends (12 months) / summary, 1 request (largest)",
        "1.60× (limit 1.5×)",
        "MISSED",
    ) in checks
    assert (
        "/reports/ (120 months) / summary, 1 request (largest)",
        "3.00× (limit 3×)",
        "met",
    ) in checks


def test_it_checks_the_single_request_ratios_too():
    rows = [
        {"name": "/health", "single_ms": 1.0},
        {"name": "/summary/2026-10/", "single_ms": 4.0},
        {"name": "/api/summary/2026-10", "single_ms": 3.5},
    ]
    checks = report.targets([{"expenses": 10, "rows": rows, "worker_peak_mb": 60.0}])
    assert ("summary / health, 1 request (largest)", "4.00× (limit 5×)", "met") in checks
    assert ("API summary / health, 1 request (largest)", "3.50× (limit 3×)", "MISSED") in checks


def test_it_checks_issue_15s_targets():
    small = size_with(10_000, [("/summary/2026-10/", 10.0), ("/api/summary/2026-10", 5.0)])
    large = size_with(
        1_000_000,
        [
            ("/summary/2026-10/", 12.0),
            ("/categories/new/", 5.0),
            ("/budget/2026-10/", 13.0),
            ("/api/summary/2026-10", 6.5),
        ],
    )

    checks = {label: (value, verdict) for label, value, verdict in report.targets([small, large])}

    assert checks["issue 15: summary page largest / smallest size, median"] == (
        "1.20× (limit 1.2×)",
        "met",
    )
    assert checks["issue 15: API summary largest / smallest size, median"] == (
        "1.30× (limit 1.2×)",
        "MISSED",
    )
    assert checks["issue 15: summary page / new-category form (largest), median"] == (
        "2.40× (limit 2.5×)",
        "met",
    )
    assert checks["issue 15: budget page / new-category form (largest), median"] == (
        "2.60× (limit 2.5×)",
        "MISSED",
    )
    assert checks["issue 15: summary page largest / smallest size, 1 request"][1] == "n/a"


def test_it_misses_the_memory_target_at_150_mib():
    checks = report.targets([size_with(10_000, [("/health", 2.0)], peak=150.0)])
    assert ("worker peak memory", "150.0 MiB (limit 150)", "MISSED") in checks


def test_a_row_where_no_request_finished_under_load_is_not_measured():
    rows = [
        {"name": "/summary/2026-10/", "p50_ms": 9.0, "requests": 40},
        {"name": "/reports/ (120 months)", "p50_ms": 0.0, "requests": 0},
    ]
    checks = report.targets([{"expenses": 10, "rows": rows, "worker_peak_mb": 60.0}])
    assert (
        "/reports/ (120 months) / summary (largest)",
        "n/a (not measured)",
        "n/a",
    ) in checks


def test_the_seeded_and_measured_database_keeps_exact_monthly_totals(smoke):
    """seed_bench, the POST load and its cleanup all keep the totals (`rebuild_totals --check`)."""
    *_, out = smoke
    [database] = out.glob("bench-300.sqlite3")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    checked = subprocess.run(
        [sys.executable, "manage.py", "rebuild_totals", "--check"],
        cwd=run.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert "match the expense rows" in checked.stdout
