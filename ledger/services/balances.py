"""The stored envelope balances (issue 23): each carrying category's closing `available`
per month that has data, kept in the transaction of every write that changes it.

`refresh_balances(budget_id=..., earliest={category_id: month or None})` is the one
call: every money write that changes a category's months (its monthly totals, its
allotments, its limit, rollover or rollover_from) hands it the earliest month it
changed (None: all of them), and the category's balances are walked again with
`ledger.carry.step` from there on. The caller holds the categories' write locks
(the unit of work, `ledger.services.money_changes`), so two writers never walk the same
chain at once. Nothing is ever computed on a read, and no process keeps a copy.

`differing_balances(budget)` recomputes every chain from the first month and
compares; `rebuild_totals --check` and the tests' autouse fixture call it.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Q

from ledger import carry
from ledger.models import Allotment, Category, EnvelopeBalance, MonthlyTotal, Rollover
from ledger.models.envelopes import cents_to_money
from ledger.months import month_after, months_between, next_month

Key = tuple[int, date]  # (category id, budget month)


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def refresh_changed_balances(changes) -> None:
    """The unit of work's updater (money_changes.tables.AFTER_APPLY): walk again the balances
    of every category whose figures the unit changed, from the earliest month it changed
    (`date.min`, from a `touch` of the whole chain or a rebuild: all of them)."""
    changed = changes.changed_months
    if not changed:
        return
    by_budget = defaultdict(dict)
    for pk, budget_id in Category.objects.filter(pk__in=list(changed)).values_list(
        "pk", "budget_id"
    ):
        month = changed[pk]
        by_budget[budget_id][pk] = None if month == date.min else month
    for budget_id, earliest in by_budget.items():
        refresh_balances(budget_id=budget_id, earliest=earliest)


def refresh_balances(*, budget_id: int, earliest: dict[int, date | None]) -> None:
    """Walk again the balances of the categories in `earliest` from the month given for each
    (None: from their `rollover_from`, forgetting every stored balance). A category without
    rollover keeps none."""
    if not earliest:
        return
    categories = list(
        Category.objects.filter(budget_id=budget_id, pk__in=list(earliest)).only(
            "pk", "limit", "rollover", "rollover_from"
        )
    )
    starts, openings, stale = {}, {}, Q(pk__in=[])
    for category in categories:
        changed = earliest[category.pk]
        if category.rollover == Rollover.NONE or category.rollover_from is None:
            stale |= Q(category_id=category.pk)
            continue
        start = category.rollover_from if changed is None else max(changed, category.rollover_from)
        opening = None
        if start > category.rollover_from:
            opening = _opening(category, start)
            if opening is None:  # no balance before `start`: no data since rollover_from
                start = category.rollover_from
        if changed is None:
            stale |= Q(category_id=category.pk)
        else:
            stale |= Q(category_id=category.pk, month__gte=start)
        starts[category.pk], openings[category.pk] = start, opening
    EnvelopeBalance.objects.filter(stale, budget_id=budget_id).delete()
    if not starts:
        return
    allotments, spent = _data_since(budget_id, starts)
    EnvelopeBalance.objects.bulk_create(
        (
            EnvelopeBalance(
                budget_id=budget_id,
                category_id=category.pk,
                month=month,
                available_cents=to_cents(envelope.available),
            )
            for category in categories
            if category.pk in starts
            for month, envelope in _walk(
                category,
                starts[category.pk],
                openings[category.pk],
                allotments[category.pk],
                spent[category.pk],
            )
        ),
        batch_size=1000,
    )


def _opening(category, start: date) -> Decimal | None:
    """available(start - 1) from the latest stored balance before `start`, bridged; None when
    there is none."""
    latest = (
        EnvelopeBalance.objects.filter(category_id=category.pk, month__lt=start)
        .order_by("-month")
        .values_list("month", "available_cents")
        .first()
    )
    if latest is None:
        return None
    month, cents = latest
    months = months_between(next_month(month), start)
    return carry.bridge(cents_to_money(cents), months, category.limit, category.rollover)


def _data_since(budget_id: int, starts: dict[int, date]):
    """Per category, its allotments and spending (dicts month -> amount) from its start on."""
    since = Q(pk__in=[])
    for category_id, start in starts.items():
        since |= Q(category_id=category_id, month__gte=start)
    allotments, spent = defaultdict(dict), defaultdict(dict)
    for category_id, month, amount in (
        Allotment.objects.filter(since, budget_id=budget_id)
        .order_by()
        .values_list("category_id", "month", "amount")
    ):
        allotments[category_id][month] = amount
    for category_id, month, cents in (
        MonthlyTotal.objects.filter(since, budget_id=budget_id)
        .order_by()
        .values_list("category_id", "month", "spent_cents")
    ):
        spent[category_id][month] = cents_to_money(cents)
    return allotments, spent


def _walk(category, start: date, opening, allotments, spent):
    """`(month, Envelope)` of each month with data from `start` on (the last month with data
    ends the walk)."""
    last = max((*allotments, *spent), default=start)
    return carry.walk_data_months(
        start=start,
        end=month_after(last),
        previous=opening,
        limit=category.limit,
        rollover=category.rollover,
        allotments=allotments,
        spent=spent,
    )


def balances_from_data(budget, category_ids=None) -> dict[Key, int]:
    """The balances every carrying category should have, walked from its `rollover_from`."""
    categories = Category.objects.filter(budget=budget).exclude(rollover=Rollover.NONE)
    if category_ids is not None:
        categories = categories.filter(pk__in=category_ids)
    categories = [c for c in categories if c.rollover_from is not None]
    starts = {c.pk: c.rollover_from for c in categories}
    allotments, spent = _data_since(budget.pk, starts) if starts else ({}, {})
    return {
        (category.pk, month): to_cents(envelope.available)
        for category in categories
        for month, envelope in _walk(
            category,
            category.rollover_from,
            None,
            allotments.get(category.pk, {}),
            spent.get(category.pk, {}),
        )
    }


def stored_balances(budget, category_ids=None) -> dict[Key, int]:
    stored = EnvelopeBalance.objects.filter(budget=budget)
    if category_ids is not None:
        stored = stored.filter(category_id__in=category_ids)
    return {
        (category_id, month): cents
        for category_id, month, cents in stored.values_list(
            "category_id", "month", "available_cents"
        )
    }


def differing_balances(budget) -> list[tuple[Key, int | None, int | None]]:
    """The stored balances of `budget` that differ from a walk from the first month:
    `(key, stored cents or None, recomputed cents or None)`, by month."""
    stored, recomputed = stored_balances(budget), balances_from_data(budget)
    return sorted(
        (
            (key, stored.get(key), recomputed.get(key))
            for key in stored.keys() | recomputed.keys()
            if stored.get(key) != recomputed.get(key)
        ),
        key=lambda item: (item[0][1], item[0][0]),
    )
