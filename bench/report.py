"""The benchmark's table, its targets, the machine's description, and where they are written."""

import json
import os
import platform
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "| endpoint | status | median ms | p95 ms | req/s | SQL queries | errors | 1 request ms |"
RULE = "|---|---|---:|---:|---:|---:|---:|---:|"


def machine():
    """nproc, memory, CPU model and the versions that matter, as a dict."""
    import django

    cpu = "unknown"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = None
    if Path("/proc/meminfo").exists():
        total_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory_gb = round(total_kb / 1024 / 1024, 1)
    wrk = shutil.which("wrk")
    wrk_version = None
    if wrk:
        out = subprocess.run([wrk, "--version"], capture_output=True, text=True)
        wrk_version = (out.stdout or out.stderr).split("[")[0].strip() or None
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    import sqlite3

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "memory_gb": memory_gb,
        "cpu": cpu,
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "wrk": wrk_version,
        "commit": commit,
        "python_executable": sys.executable,
    }


def cell(value, unit=""):
    return (
        "–" if value is None else f"{value:,}{unit}" if isinstance(value, int) else f"{value}{unit}"
    )


def size_table(size):
    """Markdown lines for one database size."""
    lines = [
        f"**{size['expenses']:,} expenses** ({size['expenses_in_month']:,} in {size['month']}; "
        f"seeded in {cell(size.get('seed_seconds'), ' s') if size.get('seed_seconds') is not None else 'an earlier run'}; "
        f"worker peak memory {cell(size.get('worker_peak_mb'), ' MiB')}; load: {size['loader']})",
        "",
        HEADER,
        RULE,
    ]
    for row in size["rows"]:
        status = row["status"]
        if status is None:
            status_text = "skipped: " + row.get("note", "")
        elif 200 <= status < 300:
            status_text = str(status)
        else:
            status_text = f"**{status}** (not measured)"
        errors = None
        if row.get("requests") is not None:
            errors = row["status_errors"] + row["socket_errors"]
        lines.append(
            f"| `{row['name']}` | {status_text} | {cell(row.get('p50_ms'))} | {cell(row.get('p95_ms'))} "
            f"| {cell(row.get('rps'))} | {cell(row.get('queries'))} | {cell(errors)} "
            f"| {cell(row.get('single_ms'))} |"
        )
    return lines


def _row(size, prefix):
    return next((row for row in size["rows"] if row["name"].startswith(prefix)), None)


def _median(size, prefix, key="p50_ms"):
    row = _row(size, prefix)
    if row is None or row.get(key) is None:
        return None
    if key != "single_ms" and row.get("requests") == 0:
        return None  # no request finished under load: nothing was measured
    return row[key]


def targets(sizes):
    """The issue's targets, each with the measured value and met / missed / n/a."""
    if not sizes:
        return []
    small, large = sizes[0], sizes[-1]
    checks = []

    def ratio(label, numerator, denominator, limit):
        if numerator is None or denominator in (None, 0):
            checks.append((label, "n/a (not measured)", "n/a"))
            return
        value = numerator / denominator
        checks.append(
            (label, f"{value:.2f}× (limit {limit}×)", "met" if value <= limit else "MISSED")
        )

    ratio(
        "summary median / health median (largest)",
        _median(large, "/summary/"),
        _median(large, "/health"),
        5,
    )
    if len(sizes) > 1:
        ratio(
            "summary median largest / smallest size",
            _median(large, "/summary/"),
            _median(small, "/summary/"),
            1.5,
        )
    ratio(
        "API summary median / health median (largest)",
        _median(large, "/api/summary/"),
        _median(large, "/health"),
        3,
    )
    first = _median(large, "/expenses/?month=")
    last = next(
        (
            row
            for row in large["rows"]
            if "&page=" in row["name"] and not row["name"].startswith("/api")
        ),
        None,
    )
    ratio(
        "expense list page 100 / page 1 median (largest)", last and last.get("p50_ms"), first, 1.5
    )
    # The same ratios on one request at a time: the app's own cost, without the queueing.
    ratio(
        "summary / health, 1 request (largest)",
        _median(large, "/summary/", "single_ms"),
        _median(large, "/health", "single_ms"),
        5,
    )
    ratio(
        "API summary / health, 1 request (largest)",
        _median(large, "/api/summary/", "single_ms"),
        _median(large, "/health", "single_ms"),
        3,
    )
    if len(sizes) > 1:
        ratio(
            "summary largest / smallest size, 1 request",
            _median(large, "/summary/", "single_ms"),
            _median(small, "/summary/", "single_ms"),
            1.5,
        )
    ratio(
        "expense list page 100 / page 1, 1 request (largest)",
        last and last.get("single_ms"),
        _median(large, "/expenses/?month=", "single_ms"),
        1.5,
    )
    # Issue 18: the reports against the summary page, one request at a time and under load.
    for key, how in (("single_ms", ", 1 request"), ("p50_ms", "")):
        for name, limit in (
            ("/reports/ (12 months)", 1.5),
            ("/api/reports/trends (12 months)", 1.5),
            ("/reports/ (120 months)", 3),
        ):
            ratio(
                f"{name} / summary{how} (largest)",
                _median(large, name, key),
                _median(large, "/summary/", key),
                limit,
            )
    checks += envelope_targets(small, large, len(sizes) > 1)
    counts = {}
    for size in sizes:
        for row in size["rows"]:
            if row.get("queries") is not None and row["name"] != "POST /api/expenses/":
                name = re.sub(r"\d{4}-\d{2}|page=\d+", "…", row["name"])
                counts.setdefault(name, set()).add(row["queries"])
    if len(sizes) > 1 and counts:
        same = all(len(values) == 1 for values in counts.values())
        checks.append(
            (
                "same query count at every size",
                "yes" if same else f"no: {counts}",
                "met" if same else "MISSED",
            )
        )
    peak = max((size.get("worker_peak_mb") or 0 for size in sizes), default=0)
    checks.append(
        ("worker peak memory", f"{peak} MiB (limit 150)", "met" if 0 < peak < 150 else "MISSED")
    )
    return checks


# Issue 15 (every category on rollover `all` since the first month): the carry chain must not
# make the summary grow with the history, and a summary or budget page costs at most 2.5 times
# any signed-in page (the empty new-category form).
ENVELOPE_TARGETS = [
    ("summary page largest / smallest size", "/summary/", "/summary/", "across", 1.2),
    ("API summary largest / smallest size", "/api/summary/", "/api/summary/", "across", 1.2),
    ("summary page / new-category form (largest)", "/summary/", "/categories/new/", "large", 2.5),
    ("budget page / new-category form (largest)", "/budget/", "/categories/new/", "large", 2.5),
]


def envelope_targets(small, large, two_sizes):
    """Issue 15's ratios, on the median under load and on one request at a time."""
    checks = []
    for key, how in (("p50_ms", "median"), ("single_ms", "1 request")):
        for label, top, bottom, compare, limit in ENVELOPE_TARGETS:
            if compare == "across" and not two_sizes:
                continue
            below = small if compare == "across" else large
            numerator, denominator = _median(large, top, key), _median(below, bottom, key)
            name = f"issue 15: {label}, {how}"
            if numerator is None or denominator in (None, 0):
                checks.append((name, "n/a (not measured)", "n/a"))
                continue
            value = numerator / denominator
            verdict = "met" if value <= limit else "MISSED"
            checks.append((name, f"{value:.2f}× (limit {limit}×)", verdict))
    return checks


def markdown(backend, result):
    """The section of docs/benchmarks.md for one database backend."""
    info = result["machine"]
    lines = [
        f"### {backend}: measured {info['date']}",
        "",
        f"Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory_gb']} GB memory; "
        f"{info['os']}; Python {info['python']}, Django {info['django']}, SQLite {info['sqlite']}"
        + (f", {result['server_version']}" if result.get("server_version") else "")
        + f"; load generator {result['loader_description']}; commit {info['commit']}.",
        "",
        "Load average (1, 5, 15 min) before the run: "
        + ", ".join(f"{value:.2f}" for value in result["load_average_before"])
        + "; after each size: "
        + "; ".join(
            ", ".join(f"{value:.2f}" for value in size["load_average_after"])
            for size in result["sizes"]
        )
        + f" (on {info['nproc']} CPUs: above that, other work shared the machine and the"
        " latencies include waiting for a CPU).",
        "",
    ]
    for size in result["sizes"]:
        lines += size_table(size) + [""]
    lines += [
        "Median, p95 and req/s are under load (wrk's connections share the 2 workers, so the"
        " latency includes waiting for a worker), from the round with the lowest median"
        " (`rounds_p50_ms` in bench/results.json has every round's). *1 request ms* is the fastest of 10 requests"
        " made one after another through Django's test client: the app's own cost, which a"
        " busy machine disturbs less. SQL queries are those of one request.",
        "",
    ]
    checks = targets(result["sizes"])
    if checks:
        lines += ["Targets:", "", "| target | measured | |", "|---|---|---|"]
        lines += [f"| {label} | {value} | {verdict} |" for label, value, verdict in checks] + [""]
    for note in result.get("notes", []):
        lines.append(f"- {note}")
    if result.get("notes"):
        lines.append("")
    if result.get("plans"):
        lines += [
            f"Query plans at {result['sizes'][-1]['expenses']:,} expenses ({result['sizes'][-1]['month']}):",
            "",
        ]
        lines.append("```")
        for plan in result["plans"]:
            lines.append(f"{plan['query']}:")
            lines += [f"    {line}" for line in short_plan(plan["plan"])]
        lines.append("```")
        lines.append("")
    return "\n".join(lines)


PLAN_DETAILS = (
    "Sort Key",
    "Sort Method",
    "Presorted",
    "Full-sort",
    "Memory",
    "Cache",
    "Hits:",
    "Group Key",
    "Planning Time",
    "Rows Removed",
    "Buckets",
    "Workers",
)


def short_plan(plan):
    """The plan's nodes, index conditions and execution time, without the bookkeeping lines."""
    return [line for line in plan if not line.strip().startswith(PLAN_DETAILS)]


def write_markdown(path, backend, text):
    """Replace this backend's section between its markers, keeping the rest of the file."""
    path = Path(path)
    start, end = f"<!-- bench:{backend}:start -->", f"<!-- bench:{backend}:end -->"
    block = f"{start}\n{text}\n{end}"
    current = path.read_text() if path.exists() else "# Benchmarks\n"
    if start in current and end in current:
        before, rest = current.split(start, 1)
        after = rest.split(end, 1)[1]
        current = before + block + after
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(current)


def write_json(path, backend, result):
    """Merge this backend's results into the JSON file (the other backend's stay)."""
    path = Path(path)
    data = json.loads(path.read_text()) if path.exists() else {}
    data[backend] = result
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")


def print_table(backend, result):
    print()
    print(markdown(backend, {**result, "plans": []}))
