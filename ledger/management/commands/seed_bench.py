"""Seed a benchmark user with years of realistic expenses, fast (`bulk_create` in batches).

    python manage.py seed_bench --expenses 1000000 [--user bench] [--categories 50] [--years 10]
        [--rollover none|unspent|all] [--month-start-day 1]

The data is deterministic for a given seed and end month: the same command
gives the same categories, incomes and expenses.
"""

import itertools
import math
import random
import secrets
import sys
import time
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from ledger import services
from ledger.models import Budget, Category, Expense, MonthlyIncome, Rollover
from ledger.months import (
    current_month,
    format_month,
    month_last_day,
    month_of,
    month_range,
    parse_month,
    previous_month,
)
from ledger.rules import MONTH_START_DAY_MAX, MONTH_START_DAY_MIN
from ledger.services.balances import refresh_balances
from ledger.services.budgets import own_budget

# name, monthly limit at ~85 expenses a month, how often it is used, amount range, descriptions.
CATALOG = [
    (
        "Groceries",
        650,
        30,
        (4, 160),
        ["Supermarket", "Farmers market", "Corner shop", "Bakery", "Butcher"],
    ),
    ("Rent", 1400, 1, (1400, 1400), ["Monthly rent"]),
    ("Electricity", 90, 1, (45, 140), ["Electricity bill"]),
    ("Water", 40, 1, (20, 60), ["Water bill"]),
    ("Gas & heating", 80, 1, (25, 160), ["Gas bill", "Heating oil"]),
    ("Internet", 45, 1, (45, 45), ["Fibre broadband"]),
    ("Mobile phone", 35, 1, (15, 40), ["Phone plan", "Prepaid top-up"]),
    (
        "Restaurants",
        180,
        6,
        (12, 95),
        ["Pizzeria", "Sushi bar", "Thai kitchen", "Bistro", "Burger place"],
    ),
    ("Coffee", 40, 8, (2, 7), ["Coffee shop", "Espresso bar", "Bakery coffee"]),
    ("Lunch at work", 120, 8, (6, 16), ["Canteen", "Sandwich shop", "Salad bar"]),
    ("Takeaway", 80, 3, (12, 45), ["Food delivery", "Chinese takeaway", "Kebab"]),
    ("Fuel", 160, 4, (30, 80), ["Petrol station", "Diesel"]),
    ("Public transport", 70, 6, (2, 60), ["Bus ticket", "Metro card", "Train ticket"]),
    ("Taxi & rideshare", 40, 2, (8, 40), ["Taxi", "Rideshare"]),
    ("Parking", 30, 2, (2, 20), ["Parking meter", "Car park"]),
    ("Car maintenance", 60, 1, (40, 600), ["Oil change", "Tyres", "Service", "Car wash"]),
    ("Car insurance", 70, 1, (70, 70), ["Car insurance"]),
    ("Health insurance", 120, 1, (120, 120), ["Health insurance premium"]),
    ("Pharmacy", 35, 2, (4, 45), ["Pharmacy", "Vitamins", "Prescription"]),
    ("Doctor & dentist", 50, 1, (20, 250), ["GP visit", "Dentist", "Optician"]),
    ("Gym", 40, 1, (40, 40), ["Gym membership"]),
    ("Sports", 30, 1, (10, 120), ["Swimming pool", "Climbing hall", "Sports gear"]),
    ("Clothing", 120, 2, (15, 150), ["Clothes shop", "Shoes", "Outdoor jacket", "Socks"]),
    ("Haircut & care", 35, 1, (15, 60), ["Hairdresser", "Barber", "Cosmetics"]),
    ("Household supplies", 50, 3, (3, 40), ["Cleaning supplies", "Hardware store", "Light bulbs"]),
    ("Furniture", 60, 1, (30, 900), ["Furniture store", "Lamp", "Bookshelf"]),
    ("Home repairs", 50, 1, (20, 500), ["Plumber", "Paint", "Electrician"]),
    ("Garden", 25, 1, (5, 80), ["Garden centre", "Seeds", "Plant pots"]),
    ("Streaming", 30, 2, (8, 18), ["Video streaming", "Music streaming"]),
    ("Books", 25, 1, (8, 35), ["Bookshop", "E-book"]),
    ("Games", 20, 1, (5, 70), ["Video game", "Board game"]),
    ("Cinema & theatre", 30, 1, (10, 60), ["Cinema tickets", "Theatre", "Concert"]),
    ("Hobbies", 40, 1, (5, 90), ["Craft supplies", "Photography", "Music lessons"]),
    ("Gifts", 60, 1, (10, 120), ["Birthday present", "Flowers", "Wedding gift"]),
    ("Charity", 25, 1, (5, 50), ["Donation"]),
    ("Holidays", 200, 1, (40, 1200), ["Flights", "Hotel", "Holiday rental", "Train tickets"]),
    ("Weekend trips", 60, 1, (30, 250), ["Weekend away", "Day trip"]),
    ("Childcare", 300, 1, (40, 400), ["Nursery", "Babysitter"]),
    ("School", 50, 1, (5, 200), ["School supplies", "School trip", "Tuition"]),
    ("Kids' activities", 40, 1, (10, 80), ["Swimming lessons", "Football club", "Music school"]),
    ("Pets", 60, 2, (5, 90), ["Pet food", "Vet", "Pet toys"]),
    ("Electronics", 50, 1, (10, 800), ["Headphones", "Phone case", "Laptop repair", "Cables"]),
    ("Software", 15, 1, (3, 30), ["App subscription", "Cloud storage"]),
    ("Bank fees", 8, 1, (1, 8), ["Account fee", "Card fee"]),
    ("Taxes", 40, 1, (20, 300), ["Council tax", "Vehicle tax"]),
    ("Savings transfer", 300, 1, (100, 500), ["Savings account"]),
    ("Alcohol", 40, 2, (5, 40), ["Wine shop", "Bar", "Pub"]),
    ("Snacks", 20, 4, (1, 8), ["Vending machine", "Kiosk", "Ice cream"]),
    ("Post & stationery", 10, 1, (1, 25), ["Post office", "Stationery"]),
    ("Miscellaneous", 50, 2, (1, 100), ["Cash withdrawal", "Market stall", "Other"]),
]
BASE_EXPENSES_PER_MONTH = sum(weight for _, _, weight, _, _ in CATALOG)
AMOUNTS_PER_CATEGORY = 512  # distinct amounts drawn per category, chosen from at random
CHUNK = 10_000  # objects handed to bulk_create at a time (it splits them further on SQLite)


class Command(BaseCommand):
    help = "Create a user with categories, monthly income and N expenses over several years, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--expenses", type=int, required=True)
        parser.add_argument("--user", default="bench")
        parser.add_argument("--password", default="", help="Default: a random one, printed.")
        parser.add_argument("--categories", type=int, default=50)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--end-month", default="", help="YYYY-MM; default: this month.")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--reset", action="store_true", help="Delete the user's data first.")
        parser.add_argument("--quiet-progress", action="store_true")
        parser.add_argument(
            "--rollover",
            choices=Rollover.values,
            default=Rollover.NONE,
            help="every category's rollover, from the first month of the data (default none)",
        )
        parser.add_argument(
            "--month-start-day",
            type=int,
            default=MONTH_START_DAY_MIN,
            help="the day the budget's months start on (default 1)",
        )

    def handle(self, *args, **options):
        n_expenses, n_categories, years = (
            options["expenses"],
            options["categories"],
            options["years"],
        )
        if n_expenses < 0 or years < 1 or not 1 <= n_categories <= len(CATALOG):
            raise CommandError(
                f"Need --expenses >= 0, --years >= 1 and 1 <= --categories <= {len(CATALOG)}."
            )
        start_day = options["month_start_day"]
        if not MONTH_START_DAY_MIN <= start_day <= MONTH_START_DAY_MAX:
            raise CommandError(
                f"Need {MONTH_START_DAY_MIN} <= --month-start-day <= {MONTH_START_DAY_MAX}."
            )
        try:
            end_month = parse_month(options["end_month"]) if options["end_month"] else None
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        today = timezone.localdate()
        end_month = end_month or current_month(start_day)
        # The last day with expenses: today in the current month, else the month's last day.
        last_day = min(today, month_last_day(end_month, start_day))
        months = [end_month]
        for _ in range(12 * years - 1):
            months.insert(0, previous_month(months[0]))

        user = self.get_user(options, months[0])
        if user is None:
            return
        budget = own_budget(user=user)
        # Before any expense, so the totals are those of the budget's months.
        Budget.objects.filter(pk=budget.pk).update(month_start_day=start_day)
        budget.month_start_day = start_day
        rng = random.Random(options["seed"])
        started = time.perf_counter()
        self.tune_sqlite()
        # With DEBUG on, Django keeps and formats every query: a tenth of the seeding time.
        with override_settings(DEBUG=False), transaction.atomic():
            categories = self.create_categories(
                budget, n_categories, n_expenses, len(months), rng, options["rollover"], months[0]
            )
            self.create_incomes(budget, months, categories, rng)
            self.create_expenses(
                budget,
                user,
                categories,
                month_range(months[0], start_day)[0],
                last_day,
                n_expenses,
                rng,
                options["quiet_progress"],
            )
            services.rebuild_totals(budget=budget)
        if connection.vendor == "postgresql":
            # Fresh statistics and visibility map, as autovacuum would leave them: the planner
            # sees a million rows and the covering indexes serve index-only scans.
            # VACUUM cannot run in a transaction (as in tests): ANALYZE alone then.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(
                    f"{command} ledger_expense, ledger_category, ledger_monthlyincome,"
                    " ledger_monthlytotal, ledger_allotment"
                )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Seeded {n_expenses:,} expenses in {len(categories)} categories and "
            f"{len(months)} months of income ({format_month(months[0])} to "
            f"{format_month(months[-1])}) for '{user.username}' in {elapsed:.1f} s "
            f"on {connection.vendor}; rollover {options['rollover']}, months start on day "
            f"{start_day}."
        )

    def get_user(self, options, first_month):
        """The user to fill, created if missing; None when it already has data (nothing to do
        but set the categories' rollover)."""
        User = get_user_model()
        username, password = options["user"], options["password"] or secrets.token_urlsafe(12)
        user = User.objects.filter(username=username).first()
        if user is not None and options["reset"]:
            self.delete_data(user)
        elif user is not None and (
            Expense.objects.filter(budget__memberships__user=user).exists()
            or Category.objects.filter(budget__memberships__user=user).exists()
        ):
            count = Expense.objects.filter(budget__memberships__user=user).count()
            self.stdout.write(
                f"User '{username}' already has data ({count:,} expenses): nothing done. "
                "Use --reset to delete it and seed again."
            )
            self.keep_settings(user, options, first_month)
            return None
        if user is None:
            user = User.objects.create_user(username=username, password=password)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        self.stdout.write(f"User '{username}', password: {password}")
        return user

    def keep_settings(self, user, options, first_month):
        """An existing seed measured with this run's rollover: set it on every category (from
        the first month of the data); a different month start day needs --reset."""
        budget = own_budget(user=user)
        if budget.month_start_day != options["month_start_day"]:
            raise CommandError(
                f"User '{user.username}' was seeded with months starting on day "
                f"{budget.month_start_day}: use --reset to seed with another start day."
            )
        first = Expense.objects.for_budget(budget).order_by("date").values_list("date", flat=True)
        start = month_of(first[0], budget.month_start_day) if first else first_month
        rollover = options["rollover"]
        with transaction.atomic():
            categories = Category.objects.for_budget(budget)
            changed = categories.update(
                rollover=rollover, rollover_from=None if rollover == Rollover.NONE else start
            )
            refresh_balances(
                budget_id=budget.pk, earliest=dict.fromkeys(categories.values_list("pk", flat=True))
            )
        self.stdout.write(f"Rollover {rollover} on {changed} categories.")

    def delete_data(self, user):
        # A raw delete: collecting a million expenses for cascades would take minutes.
        with transaction.atomic():
            budget = own_budget(user=user)
            deleted = Expense.objects.for_budget(budget)._raw_delete(connection.alias)
            Category.objects.for_budget(budget).delete()
            MonthlyIncome.objects.for_budget(budget).delete()
        self.stdout.write(f"Deleted {deleted:,} expenses of '{user.username}' (--reset).")

    def tune_sqlite(self):
        # PRAGMA synchronous cannot change inside a transaction (as in tests): skip then.
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            # This connection only: a crash mid-seed may lose the seed, never the app's data.
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB of page cache
            cursor.execute("PRAGMA temp_store=MEMORY")

    def create_categories(
        self, budget, n_categories, n_expenses, n_months, rng, rollover, first_month
    ):
        """The first N catalog categories, limits scaled to the expected monthly spending,
        each with `rollover` from the first month."""
        entries = CATALOG[:n_categories]
        # At 10,000 expenses over 10 years (~85 a month) the limits are a household's own;
        # at more expenses a month they grow with the spending, so the summary stays a mix
        # of categories under and over budget.
        scale = max(1.0, n_expenses / n_months / BASE_EXPENSES_PER_MONTH)
        categories = Category.objects.bulk_create(
            Category(
                budget=budget,
                name=name,
                limit=Decimal(round(limit * scale * rng.uniform(0.9, 1.15) / 5) * 5).quantize(
                    Decimal("0.01")
                ),
                rollover=rollover,
                rollover_from=None if rollover == Rollover.NONE else first_month,
            )
            for name, limit, _, _, _ in entries
        )
        if any(category.pk is None for category in categories):  # no RETURNING support
            by_name = dict(Category.objects.for_budget(budget).values_list("name", "pk"))
            for category in categories:
                category.pk = by_name[category.name]
        return list(zip(categories, entries, strict=True))

    def create_incomes(self, budget, months, categories, rng):
        """One income a month, about the total of the limits, with a raise now and then."""
        total_limit = sum(category.limit for category, _ in categories)
        level = float(total_limit) * 0.95
        incomes = []
        for month in months:
            if month.month == 1:
                level *= rng.uniform(1.0, 1.04)
            amount = Decimal(round(level * rng.uniform(0.98, 1.06))).quantize(Decimal("0.01"))
            incomes.append(MonthlyIncome(budget=budget, month=month, amount=amount, note="Salary"))
        MonthlyIncome.objects.bulk_create(incomes)

    def create_expenses(self, budget, user, categories, first_day, last_day, total, rng, quiet):
        """`total` expenses spread evenly over the days, in date order, in large batches."""
        days = [first_day + timedelta(d) for d in range((last_day - first_day).days + 1)]
        category_ids = [category.pk for category, _ in categories]
        cum_weights = list(itertools.accumulate(entry[2] for _, entry in categories))
        amounts = [amount_table(entry[3], rng) for _, entry in categories]
        descriptions = [entry[4] for _, entry in categories]
        now = timezone.now()
        budget_id, user_id = budget.pk, user.pk
        progress = Progress(total, quiet)
        # Rows come in date order, as people enter them: ids follow dates, index pages fill in order.
        day_indexes = iter(spread_over_days(total, len(days), rng))
        for start in range(0, total, CHUNK):
            size = min(CHUNK, total - start)
            picks = rng.choices(range(len(category_ids)), cum_weights=cum_weights, k=size)
            objs = []
            for day_index, pick in zip(itertools.islice(day_indexes, size), picks, strict=True):
                objs.append(
                    Expense(
                        None,
                        budget_id,
                        user_id,
                        category_ids[pick],
                        rng.choice(amounts[pick]),
                        days[day_index],
                        rng.choice(descriptions[pick]),
                        now,
                        now,
                    )
                )
            Expense.objects.bulk_create(objs)
            progress.advance(size)
        progress.finish()


def spread_over_days(total, n_days, rng):
    """Day indexes in order, `total` of them, as evenly spread as whole numbers allow."""
    per_day, extra = divmod(total, n_days)
    extra_days = set(rng.sample(range(n_days), extra))
    for day_index in range(n_days):
        yield from itertools.repeat(day_index, per_day + (day_index in extra_days))


def amount_table(amount_range, rng):
    """Amounts (Decimal, cents) between the range's ends, small ones more often (log-uniform)."""
    low, high = amount_range
    if low == high:
        return [Decimal(low * 100).scaleb(-2)]
    log_low, log_high = math.log(low * 100), math.log(high * 100)
    cents = sorted(
        max(1, round(math.exp(rng.uniform(log_low, log_high)))) for _ in range(AMOUNTS_PER_CATEGORY)
    )
    return [Decimal(c).scaleb(-2) for c in cents]


class Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, total, quiet):
        self.total, self.done, self.quiet = total, 0, quiet
        self.started = time.perf_counter()
        self.shown_at = 0.0

    def advance(self, count):
        self.done += count
        now = time.perf_counter()
        if not self.quiet and (now - self.shown_at > 0.5 or self.done == self.total):
            self.shown_at = now
            share = self.done / self.total if self.total else 1
            bar = "#" * int(share * 30)
            elapsed = now - self.started
            sys.stderr.write(
                f"\r  expenses [{bar:<30}] {self.done:>11,}/{self.total:,} {share:4.0%} {elapsed:6.1f} s"
            )
            sys.stderr.flush()

    def finish(self):
        if not self.quiet and self.total:
            sys.stderr.write("\n")
