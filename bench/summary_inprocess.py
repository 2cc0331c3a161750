"""`make bench-summary`: the monthly summary in-process, carry on and off (issue 23).

    python -m bench.summary_inprocess [--db sqlite|postgres] [--sizes 10000,1000000]
        [--calls 30] [--no-write]

For each size it seeds the benchmark database as `make bench` does (the same
files and databases, skipped when seeded), then, in a child process set up on
that database, calls `selectors.monthly_summary(budget, month)` for the last full
month `--calls` times per rollover (`none`, `all`, `unspent`: every category set
to it through `services.change_category`, inside a transaction rolled back at the
end) after 5 calls to warm up, and reports the median and p95 in ms and the
carried summary's extra cost over the uncarried one. It replaces the table
between `<!-- bench:summary:BACKEND:start/end -->` in docs/benchmarks.md.
"""

import argparse
import gc
import json
import statistics
import time

from bench.run import database_url, json_step, seed, size_label
from bench.server import ROOT, production_env

CARRYING = ("all", "unspent")
WARM_UP = 5
DOCS = ROOT / "docs" / "benchmarks.md"


def measure(calls):
    """Child process: the timings of one database (DATABASE_URL), as one JSON line.

    For each carrying mode, every category is set to it (in a transaction rolled back
    afterwards); then each round times the carried summary and the same summary with the
    categories set to `none` in memory (the categories query included in both), in turn,
    so a shared machine's changing load falls on both alike.
    """
    from bench.prepare import bench_month, setup

    setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.db.models.functions import Lower

    from ledger import selectors, services
    from ledger.models import Category, Expense
    from ledger.months import month_of, parse_month
    from ledger.services.budgets import own_budget

    user = get_user_model().objects.get(username="bench")
    budget = own_budget(user=user)
    month = parse_month(bench_month(user))
    first = Expense.objects.for_budget(budget).order_by("date").values_list("date", flat=True)[0]
    start = month_of(first, budget.month_start_day)
    results = {"month": str(month)[:7], "vendor": connection.vendor}

    def uncarried():
        categories = list(Category.objects.for_budget(budget).order_by(Lower("name"), "id"))
        for category in categories:
            category.rollover, category.rollover_from = "none", None
        selectors.monthly_summary(budget, month, categories)

    def carried():
        selectors.monthly_summary(budget, month)

    for mode in CARRYING:
        with transaction.atomic():
            for category in Category.objects.for_budget(budget):
                services.change_category(category=category, rollover=mode, rollover_from=start)
            timings = {"none": ([], []), mode: ([], [])}
            gc.collect()
            gc.disable()  # as timeit does: a collection would land in one call or another
            for n in range(WARM_UP + calls):
                pair = (("none", uncarried), (mode, carried))
                for name, call in pair if n % 2 else reversed(pair):
                    started, started_cpu = time.perf_counter(), time.process_time()
                    call()
                    if n >= WARM_UP:
                        timings[name][0].append((time.perf_counter() - started) * 1000)
                        timings[name][1].append((time.process_time() - started_cpu) * 1000)
            gc.enable()
            transaction.set_rollback(True)
        results[mode] = {
            name: {**_figures(wall), **{f"cpu_{k}": v for k, v in _figures(cpu).items()}}
            for name, (wall, cpu) in timings.items()
        }
    print("BENCH_JSON " + json.dumps(results))


def _figures(timings):
    timings = sorted(timings)
    return {
        "median": statistics.median(timings),
        "p95": timings[max(0, round(0.95 * len(timings)) - 1)],
    }


def run_size(args, expenses):
    env = production_env(database_url(args, expenses))
    seed(env, expenses, "bench")
    return json_step(env, "bench.summary_inprocess", "--measure", f"--calls={args.calls}")


def table(rows, calls):
    lines = [
        "| expenses | rollover | summary | median ms | p95 ms | CPU median ms | CPU p95 ms |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    for expenses, found in rows:
        for mode in CARRYING:
            off, on = found[mode]["none"], found[mode][mode]
            for label, row in (("uncarried (none)", off), ("carried", on)):
                lines.append(
                    f"| {expenses:,} | {mode} | {label} | {row['median']:.2f} | {row['p95']:.2f} "
                    f"| {row['cpu_median']:.2f} | {row['cpu_p95']:.2f} |"
                )
            lines.append(
                f"| {expenses:,} | {mode} | **carry costs** "
                f"| **{on['median'] - off['median']:+.2f}** | {on['p95'] - off['p95']:+.2f} "
                f"| **{on['cpu_median'] - off['cpu_median']:+.2f}** "
                f"| {on['cpu_p95'] - off['cpu_p95']:+.2f} |"
            )
    lines.append("")
    lines.append(
        f"{calls} calls of `selectors.monthly_summary` for {rows[0][1]['month']} per row "
        f"after {WARM_UP} to warm up, carried and uncarried in turn, in one process (no "
        "HTTP, no template), the garbage collector off while timing (as `timeit`). CPU: the "
        "process's own CPU time (on SQLite it includes the database's work), which a shared "
        "machine's load disturbs less than the wall clock."
    )
    return "\n".join(lines)


def write_section(backend, text):
    start, end = f"<!-- bench:summary:{backend}:start -->", f"<!-- bench:summary:{backend}:end -->"
    docs = DOCS.read_text()
    if start in docs:
        before, rest = docs.split(start, 1)
        after = rest.split(end, 1)[1]
        docs = f"{before}{start}\n{text}\n{end}{after}"
    else:
        docs = f"{docs.rstrip()}\n\n{start}\n{text}\n{end}\n"
    DOCS.write_text(docs)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--data-dir", default=str(ROOT / "bench" / "data"))
    parser.add_argument("--postgres-url", default=None)
    parser.add_argument("--postgres-prefix", default="budget_bench_")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.calls)
        return
    rows = []
    for expenses in (int(size) for size in args.sizes.split(",")):
        print(f"{size_label(expenses)}: seeding (when needed) and measuring", flush=True)
        rows.append((expenses, run_size(args, expenses)))
    text = table(rows, args.calls)
    print(text)
    if not args.no_write:
        write_section(rows[0][1]["vendor"], text)


if __name__ == "__main__":
    main()
