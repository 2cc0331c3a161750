"""Hypothesis drives random writes through every path that changes expenses (issue 15).

Each example is a fresh budget (its month start day drawn too) with three categories
that roll over differently, then a random sequence of steps: the web form (create,
edit, delete), the API (POST, PUT, PATCH, DELETE), the admin (list edit, "delete
selected", "move to category"), the import command on a small CSV, a backup restored
into an empty budget, a category's expenses moved to another and the category deleted
(web page), a new category (API), allotments (API) and a category's limit or rollover
(API). After every step the monthly totals equal a recomputation from the expense rows
(`differing_totals`), the stored envelope balances a walk from the first month
(`differing_balances`), and each month's summary equals the issue's rules worked out
by hand from the rows.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import selectors, services
from ledger.models import Allotment, Budget, Category, Expense, MonthlyIncome, Rollover
from ledger.months import format_month, month_of, next_month
from ledger.services.balances import differing_balances
from ledger.services.money_changes import differing_totals, stored_totals
from ledger.tests.api_client import ApiClient
from ledger.tests.factories import ApiTokenFactory, SuperuserFactory, UserFactory, budget_of
from ledger.transfer.backup import export_ledger, import_ledger

pytestmark = pytest.mark.django_db

FIRST = date(2026, 1, 1)
MONTHS = [FIRST, date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)]
ADMIN_EXPENSES = "/admin/ledger/expense/"
ZERO = Decimal("0.00")

cents = st.integers(1, 60_000).map(lambda c: Decimal(c).scaleb(-2))
# Around the months' edges for any start day: from mid-December to the end of April.
days = st.dates(date(2025, 12, 16), date(2026, 4, 30))
pick = st.integers(0, 50)  # an index into the current rows, taken modulo their number

steps = st.one_of(
    st.tuples(st.just("web_create"), pick, cents, days),
    st.tuples(st.just("web_edit"), pick, pick, cents, days),
    st.tuples(st.just("web_delete"), pick),
    st.tuples(st.just("api_post"), pick, cents, days),
    st.tuples(st.just("api_put"), pick, pick, cents, days),
    st.tuples(st.just("api_patch"), pick, st.one_of(cents, days, pick)),
    st.tuples(st.just("api_delete"), pick),
    st.tuples(st.just("admin_edit"), pick, pick, cents),
    st.tuples(st.just("admin_delete"), st.lists(pick, min_size=1, max_size=3)),
    st.tuples(st.just("admin_move"), st.lists(pick, min_size=1, max_size=3), pick),
    st.tuples(st.just("import"), st.lists(st.tuples(pick, cents, days), min_size=1, max_size=4)),
    st.tuples(st.just("restore")),
    st.tuples(st.just("move_and_delete"), pick, pick),
    st.tuples(st.just("new_category"), st.sampled_from(list(Rollover.values)), pick),
    st.tuples(st.just("allot"), pick, st.sampled_from(MONTHS), st.none() | cents),
    # A category's limit, or its rollover from another month (its whole chain changes).
    st.tuples(st.just("limit"), pick, cents),
    st.tuples(
        st.just("rollover"), pick, st.sampled_from(list(Rollover.values)), st.sampled_from(MONTHS)
    ),
)


class World:
    """One example's budget and the clients that write to it."""

    def __init__(self, start_day: int):
        self.user = UserFactory()
        self.budget = budget_of(self.user)
        Budget.objects.filter(pk=self.budget.pk).update(month_start_day=start_day)
        self.budget.refresh_from_db()
        self.web = Client()
        self.web.force_login(self.user)
        self.admin = Client()
        self.admin.force_login(SuperuserFactory())
        token = ApiTokenFactory(owner=self.user)
        self.api = ApiClient(Client(), {"HTTP_AUTHORIZATION": f"Bearer {token.raw}"})
        self.serial = 0
        for name, rollover, limit in [
            ("Food", Rollover.UNSPENT, "300"),
            ("Car", Rollover.ALL, "100"),
            ("Misc", Rollover.NONE, "50"),
        ]:
            services.create_category(
                budget=self.budget,
                name=name,
                limit=Decimal(limit),
                rollover=rollover,
                rollover_from=FIRST if rollover != Rollover.NONE else None,
            )
        MonthlyIncome.objects.bulk_create(
            MonthlyIncome(budget=self.budget, month=month, amount=Decimal("1000"))
            for month in MONTHS
        )

    def description(self):
        self.serial += 1
        return f"step {self.serial}"

    def category(self, index):
        categories = list(Category.objects.for_budget(self.budget).active().order_by("pk"))
        return categories[index % len(categories)]

    def expense(self, index):
        expenses = list(Expense.objects.for_budget(self.budget).order_by("pk"))
        return expenses[index % len(expenses)] if expenses else None

    def expenses(self, indexes):
        expenses = list(Expense.objects.for_budget(self.budget).order_by("pk"))
        return sorted({expenses[i % len(expenses)].pk for i in indexes}) if expenses else []


def _form(category, amount, day, description):
    return {
        "category": category.pk,
        "amount": str(amount),
        "date": day.isoformat(),
        "description": description,
    }


def _body(category, amount, day, description):
    return {
        "category_id": category.pk,
        "amount": str(amount),
        "date": day.isoformat(),
        "description": description,
    }


def _ok(response, *statuses):
    assert response.status_code in statuses, (response.status_code, response.content[:300])


def run_step(world: World, step, tmp_path):  # noqa: C901 - one branch per write path
    kind, *args = step
    if kind == "web_create":
        index, amount, day = args
        body = _form(world.category(index), amount, day, world.description())
        _ok(world.web.post("/expenses/new/", body), 302)
    elif kind in ("web_edit", "web_delete", "api_put", "api_patch", "api_delete", "admin_edit"):
        expense = world.expense(args[0])
        if expense is None:
            return
        if kind == "web_edit":
            _, index, amount, day = args
            body = _form(world.category(index), amount, day, expense.description)
            _ok(world.web.post(f"/expenses/{expense.pk}/edit/", body), 302)
        elif kind == "web_delete":
            _ok(world.web.post(f"/expenses/{expense.pk}/delete/"), 302)
        elif kind == "api_put":
            _, index, amount, day = args
            body = _body(world.category(index), amount, day, "put")
            _ok(world.api.put(f"/api/expenses/{expense.pk}", body), 200)
        elif kind == "api_patch":
            change = args[1]
            if isinstance(change, Decimal):
                body = {"amount": str(change)}
            elif isinstance(change, date):
                body = {"date": change.isoformat()}
            else:
                body = {"category_id": world.category(change).pk}
            _ok(world.api.patch(f"/api/expenses/{expense.pk}", body), 200)
        elif kind == "api_delete":
            _ok(world.api.delete(f"/api/expenses/{expense.pk}"), 204)
        else:
            _, index, amount = args
            row = {
                "form-TOTAL_FORMS": "1",
                "form-INITIAL_FORMS": "1",
                "form-0-id": str(expense.pk),
                "form-0-amount": str(amount),
                "form-0-category": str(world.category(index).pk),
                "_save": "Save",
            }
            url = f"{ADMIN_EXPENSES}?budget__id__exact={world.budget.pk}"
            _ok(world.admin.post(url, row), 302)
            expense.refresh_from_db()
            assert (expense.amount, expense.category) == (amount, world.category(index))
    elif kind == "api_post":
        index, amount, day = args
        body = _body(world.category(index), amount, day, world.description())
        _ok(world.api.post("/api/expenses/", body), 201)
    elif kind in ("admin_delete", "admin_move"):
        selected = world.expenses(args[0])
        if not selected:
            return
        action = {"_selected_action": [str(pk) for pk in selected]}
        if kind == "admin_delete":
            action.update(action="delete_selected", post="yes")
        else:
            target = world.category(args[1])
            action.update(action="move_to_category", apply="Move", category=str(target.pk))
        _ok(world.admin.post(ADMIN_EXPENSES, action), 302)
        left = Expense.objects.filter(pk__in=selected)
        if kind == "admin_delete":
            assert not left.exists()
        else:
            assert set(left.values_list("category_id", flat=True)) == {target.pk}
    elif kind == "import":
        lines = ["date,category,amount,description"]
        for index, amount, day in args[0]:
            lines.append(
                f"{day.isoformat()},{world.category(index).name},{amount},{world.description()}"
            )
        path = tmp_path / f"import-{world.serial}.csv"
        path.write_text("\n".join(lines) + "\n")
        call_command(
            "import_expenses",
            str(path),
            "--user",
            world.user.username,
            "--budget",
            str(world.budget.pk),
            "--spending",
            "positive",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    elif kind == "restore":
        restored = Budget.objects.create(name=f"Restored {world.budget.pk}-{world.serial}")
        Budget.objects.filter(pk=restored.pk).update(month_start_day=world.budget.month_start_day)
        restored.refresh_from_db()
        import_ledger(restored, export_ledger(world.budget))
        world.serial += 1
        assert differing_totals(restored) == []
        assert _totals_by_name(restored) == _totals_by_name(world.budget)
    elif kind == "move_and_delete":
        source, target = world.category(args[0]), world.category(args[1])
        if source.pk == target.pk:
            return
        body = {"action": "move", "target": target.pk}
        _ok(world.web.post(f"/categories/{source.pk}/delete/", body), 302)
        assert not Category.objects.filter(pk=source.pk).exists()
    elif kind == "new_category":
        rollover, month_index = args
        body = {"name": f"New {world.description()}", "limit": "75", "rollover": rollover}
        if rollover != Rollover.NONE:
            body["rollover_from"] = format_month(MONTHS[month_index % len(MONTHS)])
        _ok(world.api.post("/api/categories/", body), 201)
    elif kind == "allot":
        index, month, amount = args
        url = f"/api/allotments/{format_month(month)}/{world.category(index).pk}"
        if amount is None:
            _ok(world.api.delete(url), 204)
        else:
            _ok(world.api.put(url, {"amount": str(amount)}), 200)
    elif kind == "limit":
        index, amount = args
        url = f"/api/categories/{world.category(index).pk}"
        _ok(world.api.patch(url, {"limit": str(amount)}), 200)
    elif kind == "rollover":
        index, rollover, month = args
        body = {"rollover": rollover}
        if rollover != Rollover.NONE:
            body["rollover_from"] = format_month(month)
        _ok(world.api.patch(f"/api/categories/{world.category(index).pk}", body), 200)
    else:  # pragma: no cover - every kind is handled above
        raise AssertionError(kind)


def _totals_by_name(budget):
    names = dict(Category.objects.for_budget(budget).values_list("pk", "name"))
    return {(names[pk], month): total for (pk, month), total in stored_totals(budget).items()}


def spent_from_rows(budget) -> dict:
    """Spent per (category id, budget month), added up from the expense rows."""
    spent = defaultdict(lambda: ZERO)
    for category_id, day, amount in Expense.objects.for_budget(budget).values_list(
        "category_id", "date", "amount"
    ):
        spent[(category_id, month_of(day, budget.month_start_day))] += amount
    return spent


def by_hand(category, month, spent, allotments):
    """(allotted, carried_in, spent, overspent last month) by the issue's rules, a month at a
    time from rollover_from."""

    def allotted(m):
        return allotments.get((category.pk, m), category.limit)

    carried, overspent = ZERO, ZERO
    if category.rollover != Rollover.NONE and month > category.rollover_from:
        available, current = None, category.rollover_from
        while current < month:
            if available is None:
                carry = ZERO
            elif category.rollover == Rollover.ALL:
                carry = available
            else:
                carry = max(ZERO, available)
            available = allotted(current) + carry - spent[(category.pk, current)]
            current = next_month(current)
        carried = available if category.rollover == Rollover.ALL else max(ZERO, available)
        if category.rollover == Rollover.UNSPENT:
            overspent = max(ZERO, -available)
    return allotted(month), carried, spent[(category.pk, month)], overspent


def assert_summary_matches_the_rows(budget):
    spent = spent_from_rows(budget)
    allotments = {
        (category_id, month): amount
        for category_id, month, amount in Allotment.objects.for_budget(budget).values_list(
            "category_id", "month", "amount"
        )
    }
    categories = list(Category.objects.for_budget(budget))
    for month in MONTHS:
        summary = selectors.monthly_summary(budget, month)
        expected = {c.pk: by_hand(c, month, spent, allotments) for c in categories}
        assert {
            line.id: (line.allotted, line.carried_in, line.spent, line.available)
            for line in summary.lines
        } == {pk: (a, c, s, a + c - s) for pk, (a, c, s, _) in expected.items()}, month
        overspent = sum((o for *_, o in expected.values()), ZERO)
        assert summary.overspent_from_last_month == overspent, month
        total_allotted = sum((a for a, *_ in expected.values()), ZERO)
        assert summary.unallocated == Decimal("1000") - total_allotted - overspent, month


@settings(
    max_examples=25,  # about 15 s
    deadline=None,
    derandomize=True,  # the same examples on every run: never flaky
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(start_day=st.sampled_from([1, 5, 20]), sequence=st.lists(steps, min_size=1, max_size=10))
def test_totals_and_summary_follow_every_write_path(start_day, sequence, tmp_path):
    world = World(start_day)
    for step in sequence:
        run_step(world, step, tmp_path)
        assert differing_totals(world.budget) == [], step
        assert differing_balances(world.budget) == [], step
        assert_summary_matches_the_rows(world.budget)


# One step of each kind, in an order where each finds rows to work on.
EVERY_PATH = [
    ("web_create", 0, Decimal("250.00"), date(2026, 1, 20)),
    ("api_post", 1, Decimal("250.00"), date(2026, 2, 11)),
    ("import", [(0, Decimal("400.00"), date(2026, 2, 10)), (2, Decimal("9.99"), date(2026, 3, 1))]),
    ("allot", 0, date(2026, 2, 1), Decimal("280.00")),
    ("web_edit", 0, 0, Decimal("260.00"), date(2026, 1, 31)),
    ("api_put", 1, 1, Decimal("240.00"), date(2026, 2, 28)),
    ("api_patch", 2, date(2026, 3, 16)),
    ("admin_edit", 3, 1, Decimal("1.23")),
    ("admin_move", [0, 1], 2),
    ("restore",),
    ("new_category", Rollover.ALL, 1),
    ("move_and_delete", 2, 3),
    ("limit", 0, Decimal("120.00")),
    ("rollover", 1, Rollover.UNSPENT, date(2026, 2, 1)),
    ("rollover", 0, Rollover.ALL, date(2026, 1, 1)),
    ("admin_delete", [0]),
    ("api_delete", 0),
    ("web_delete", 0),
    ("allot", 0, date(2026, 2, 1), None),
]


def test_each_path_keeps_the_totals(tmp_path):
    world = World(start_day=20)
    for step in EVERY_PATH:
        before = Expense.objects.for_budget(world.budget).count()
        run_step(world, step, tmp_path)
        assert differing_totals(world.budget) == [], step
        assert differing_balances(world.budget) == [], step
        assert_summary_matches_the_rows(world.budget)
        if step[0] in ("web_create", "api_post", "import"):
            assert Expense.objects.for_budget(world.budget).count() > before, step
        if step[0] in ("admin_delete", "api_delete", "web_delete"):
            assert Expense.objects.for_budget(world.budget).count() < before, step
