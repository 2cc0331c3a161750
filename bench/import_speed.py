"""Time a 100,000-row CSV import on a throwaway SQLite database (issue 8: under 15 s).

    python bench/import_speed.py [--rows N] [--limit SECONDS]

Generates a bank-export-like CSV (semicolons, DD/MM/YYYY dates, decimal commas,
40 categories, 5% of rows money in), then times reading (every stage before the
database: decoding, table, detection, typed rows), preview and the confirmed
import separately. Exits 1 when the whole run exceeds the limit.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_csv(rows: int) -> bytes:
    rng = random.Random(8)
    lines = ["Datum;Betrag;Beschreibung;Kategorie"]
    for index in range(rows):
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2026)
        euros, cents = rng.randint(0, 2500), rng.randint(0, 99)
        amount = f"{euros:,}".replace(",", ".") + f",{cents:02d}"
        if index % 20 == 19:
            amount = "-" + amount  # money in: most rows are positive, so positives are spending
        if euros == 0 and cents == 0:
            cents = 1
            amount = "0,01"
        category = f"Category {rng.randint(1, 40)}"
        lines.append(f"{day:02d}/{month:02d}/{year};{amount};Purchase {index};{category}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--limit", type=float, default=15.0)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="budget-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.db"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budget.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from ledger import services
    from ledger.models import Expense
    from ledger.services.budgets import own_budget
    from ledger.transfer.pipeline import read
    from ledger.transfer.preview import classify

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench")
    budget = own_budget(user=user)  # imports go into a budget since issue 14
    data = make_csv(args.rows)
    print(f"{args.rows:,} rows, {len(data) / 2**20:.1f} MB, SQLite at {workdir}/bench.db")

    cpu_started = time.process_time()
    started = time.perf_counter()
    reading = read(budget, data, "bench.csv")
    read_done = time.perf_counter()
    preview = classify(budget, reading.typed)
    preview_done = time.perf_counter()
    result = services.import_expenses(budget=budget, created_by=user, reading=reading, remember={})
    finished = time.perf_counter()
    cpu_used = time.process_time() - cpu_started

    print(f"read the file:  {read_done - started:6.2f} s")
    print(f"preview:        {preview_done - read_done:6.2f} s")
    print(
        f"confirm:        {finished - preview_done:6.2f} s  (preview rebuilt inside, then stored)"
    )
    total = (read_done - started) + (finished - preview_done)
    print(f"upload + confirm: {total:.2f} s wall clock (limit {args.limit:.0f} s)")
    print(f"CPU time of this process for the three steps: {cpu_used:.2f} s")
    print(
        f"imported {result.imported:,}, money in {result.money_in:,}, "
        f"duplicates {result.duplicates:,}, refused {result.refused:,}, "
        f"{len(result.categories_created)} categories created; "
        f"{Expense.objects.count():,} expenses stored"
    )
    assert len(preview.rows) == result.imported
    return 0 if total <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
