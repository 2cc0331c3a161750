"""Recurring expense writes (issue 17): schedules, and the expenses their occurrences become.

Every expense goes through `record_expense`, so the monthly totals stay exact,
and carries its schedule and occurrence date, unique together in the database:
a second worker, a second run or a retry that reaches the same occurrence hits
the constraint (caught in a savepoint) and records nothing. Each schedule's
pending occurrences run from `posts_from` on; recording or skipping the next
one moves it on, so an edit only changes what has not been dealt with yet, and
the expenses already recorded stay as they are.

Each budget row carries `next_due`, the earliest pending occurrence of its
auto-posting schedules, so a request knows from the row it loads anyway whether
anything is due (see `ledger.due_posting`). Every function here that can bring a
posting occurrence earlier stores it again in the same transaction
(`refresh_budget_next_due`); one that only moves it later may leave the row
earlier than the truth, which costs the next request one look that finds
nothing and stores the right date.
"""

import logging
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone

from ledger import recurrence
from ledger.models import Budget, Expense, Frequency, RecurringExpense, SkippedOccurrence
from ledger.models.recurring import COUNT_MAX, INTERVAL_MAX
from ledger.rules import (
    CHOOSE_ACTIVE_CATEGORY,
    DATE_OUT_OF_RANGE,
    MAX_AMOUNT,
    NOT_THE_NEXT_OCCURRENCE,
    RECORD_PAST_MAX,
    date_in_range,
)
from ledger.services.errors import InvalidSchedule, OccurrenceNotPending
from ledger.services.expenses import record_expense

logger = logging.getLogger("budget.recurring")

SCHEDULE_FIELDS = (
    "category",
    "amount",
    "description",
    "frequency",
    "interval",
    "start",
    "end",
    "count",
    "day_of_month",
    "last_day",
    "auto_post",
    "active",
)


def schedule_errors(recurring: RecurringExpense) -> dict[str, str]:
    """What is wrong with a schedule, field by field (empty when it may be stored)."""
    errors = {}
    category = recurring.category
    if category is None or category.budget_id != recurring.budget_id or category.is_archived:
        errors["category"] = CHOOSE_ACTIVE_CATEGORY
    if recurring.amount is None or not 0 < recurring.amount <= MAX_AMOUNT:
        errors["amount"] = "Enter an amount greater than zero."
    if recurring.frequency not in Frequency.values:
        errors["frequency"] = "Choose weekly, monthly or yearly."
    if not isinstance(recurring.interval, int) or not 1 <= recurring.interval <= INTERVAL_MAX:
        errors["interval"] = f"Repeat every 1 to {INTERVAL_MAX} weeks, months or years."
    for field in ("start", "end"):
        day = getattr(recurring, field)
        if day is not None and not date_in_range(day):
            errors[field] = DATE_OUT_OF_RANGE
    if recurring.start is None:
        errors["start"] = "Enter the date of the first occurrence."
    elif recurring.end is not None and "end" not in errors and recurring.end < recurring.start:
        errors["end"] = "The end date must be on or after the start date."
    if recurring.count is not None and not 1 <= recurring.count <= COUNT_MAX:
        errors["count"] = f"Enter a number of times from 1 to {COUNT_MAX}."
    elif recurring.count is not None and recurring.end is not None:
        errors["count"] = "Set an end date or a number of times, not both."
    day = recurring.day_of_month
    if day is not None and not 1 <= day <= 31:
        errors["day_of_month"] = "Enter a day of the month from 1 to 31."
    elif recurring.frequency != Frequency.MONTHLY and (day is not None or recurring.last_day):
        errors["day_of_month"] = "Only a monthly schedule takes a day of the month."
    elif day is not None and recurring.last_day:
        errors["day_of_month"] = "Choose a day of the month or the last day, not both."
    return errors


def _check(recurring: RecurringExpense) -> None:
    errors = schedule_errors(recurring)
    if errors:
        raise InvalidSchedule(errors)


def _refresh_next_due(recurring: RecurringExpense) -> None:
    recurring.next_due = recurrence.first_from(recurring, recurring.posts_from)


def refresh_budget_next_due(*, budget_id: int) -> date | None:
    """Store on the budget row the earliest pending occurrence of its auto-posting schedules
    (None: none) and return it; call it in the transaction that changed a schedule.

    The budget row is locked first, in a statement of its own, and is the last lock any
    writer takes (after schedules and categories, like `totals.start_day_of`). On
    PostgreSQL the statements after the lock read every schedule committed before it was
    granted, so two writers racing here cannot leave a date later than the truth (a
    single UPDATE with a subquery would read the schedules as they were before it waited).
    """
    with transaction.atomic():
        list(Budget.objects.select_for_update(no_key=True).filter(pk=budget_id).values("pk"))
        earliest = (
            RecurringExpense.objects.filter(budget_id=budget_id)
            .posting()
            .aggregate(earliest=Min("next_due"))["earliest"]
        )
        Budget.objects.filter(pk=budget_id).update(next_due=earliest)
    return earliest


def _store_budget_next_due(recurring: RecurringExpense) -> None:
    earliest = refresh_budget_next_due(budget_id=recurring.budget_id)
    if RecurringExpense.budget.is_cached(recurring):
        recurring.budget.next_due = earliest


def _locked(recurring: RecurringExpense) -> RecurringExpense:
    """The stored schedule, locked until the transaction ends (budget and category loaded)."""
    return (
        RecurringExpense.objects.select_for_update(of=("self",))
        .select_related("budget", "category")
        .get(pk=recurring.pk)
    )


def create_recurring_expense(
    *,
    budget,
    category,
    amount,
    frequency: str,
    start: date,
    description: str = "",
    interval: int = 1,
    end: date | None = None,
    count: int | None = None,
    day_of_month: int | None = None,
    last_day: bool = False,
    auto_post: bool = False,
    active: bool = True,
    created_by=None,
    record_past: int = 0,
    today: date | None = None,
) -> RecurringExpense:
    """Add a schedule to `budget`; its occurrences from today (TIME_ZONE) on are pending.

    `record_past` also records that many of the occurrences before today, at once."""
    recurring = RecurringExpense(
        budget=budget,
        category=category,
        amount=amount,
        description=description,
        frequency=frequency,
        interval=interval,
        start=start,
        end=end,
        count=count,
        day_of_month=day_of_month,
        last_day=last_day,
        auto_post=auto_post,
        active=active,
        created_by=created_by,
        posts_from=today or timezone.localdate(),
    )
    _check(recurring)
    if not 0 <= record_past <= RECORD_PAST_MAX:
        raise InvalidSchedule({"record_past": f"Record 0 to {RECORD_PAST_MAX} past occurrences."})
    _refresh_next_due(recurring)
    with transaction.atomic():
        recurring.save()
        if record_past:
            record_past_occurrences(recurring=recurring, count=record_past, created_by=created_by)
        _store_budget_next_due(recurring)
    return recurring


def change_recurring_expense(
    *, recurring: RecurringExpense, today: date | None = None, **changes
) -> RecurringExpense:
    """Change any of a schedule's fields (those given); the change applies to the occurrences
    not yet recorded or skipped. Resuming a paused schedule starts it again from today."""
    unknown = set(changes) - set(SCHEDULE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        stored = _locked(recurring)
        for field, value in changes.items():
            setattr(recurring, field, value)
        recurring.budget_id, recurring.posts_from = stored.budget_id, stored.posts_from
        _check(recurring)
        if recurring.active and not stored.active:
            recurring.posts_from = max(stored.posts_from, today or timezone.localdate())
        _refresh_next_due(recurring)
        recurring.save()
        _store_budget_next_due(recurring)
    return recurring


def delete_recurring_expense(*, recurring: RecurringExpense) -> None:
    """Delete a schedule; the expenses it recorded stay (no longer linked to it)."""
    with transaction.atomic():
        recurring.delete()  # keeps `budget_id`
        _store_budget_next_due(recurring)


def _record(recurring: RecurringExpense, day: date, amount, created_by) -> Expense | None:
    """Record occurrence `day` as an expense, or None when it is recorded already."""
    try:
        with transaction.atomic():
            return record_expense(
                budget=recurring.budget,
                category=recurring.category,
                amount=amount,
                date=day,
                description=recurring.description,
                created_by=created_by,
                recurring=recurring,
                occurrence_date=day,
            )
    except IntegrityError:
        if Expense.objects.filter(recurring=recurring, occurrence_date=day).exists():
            return None
        raise


def _take_next(recurring: RecurringExpense, day: date) -> RecurringExpense:
    """The locked schedule, if `day` is its next pending occurrence; else OccurrenceNotPending."""
    stored = _locked(recurring)
    if stored.next_due != day:
        raise OccurrenceNotPending(NOT_THE_NEXT_OCCURRENCE)
    return stored


def _move_on(recurring: RecurringExpense, after: date) -> None:
    recurring.posts_from = max(recurring.posts_from, after + timedelta(days=1))
    _refresh_next_due(recurring)
    recurring.save(update_fields=["posts_from", "next_due", "updated_at"])


def record_occurrence(
    *, recurring: RecurringExpense, date: date, amount=None, created_by=None
) -> Expense:
    """Record the schedule's next pending occurrence `date`, for `amount` (default: the
    schedule's), as an expense dated that day."""
    if amount is not None and not 0 < amount <= MAX_AMOUNT:
        raise InvalidSchedule({"amount": "Enter an amount greater than zero."})
    with transaction.atomic():
        stored = _take_next(recurring, date)
        expense = _record(stored, date, amount or stored.amount, created_by)
        if expense is None:
            raise OccurrenceNotPending(NOT_THE_NEXT_OCCURRENCE)
        _move_on(stored, date)
    return expense


def skip_occurrence(*, recurring: RecurringExpense, date: date) -> SkippedOccurrence:
    """Never record the schedule's next pending occurrence `date`."""
    with transaction.atomic():
        stored = _take_next(recurring, date)
        skipped = SkippedOccurrence.objects.create(recurring=stored, date=date)
        _move_on(stored, date)
    return skipped


def record_past_occurrences(*, recurring: RecurringExpense, count: int, created_by=None) -> int:
    """Record the last `count` occurrences before the schedule started posting (those not
    recorded or skipped yet); return how many were recorded."""
    with transaction.atomic():
        stored = _locked(recurring)
        skipped = set(stored.skipped.values_list("date", flat=True))
        days = recurrence.last_before(stored, stored.posts_from, count)
        return sum(
            _record(stored, day, stored.amount, created_by) is not None
            for day in days
            if day not in skipped
        )


def _post_schedule(pk: int, today: date) -> int:
    """Record every due occurrence of one auto-posting schedule; return how many."""
    with transaction.atomic():
        stored = (
            RecurringExpense.objects.posting()
            .select_for_update(of=("self",))
            .select_related("budget", "category")
            .filter(pk=pk, next_due__lte=today)
            .first()
        )
        if stored is None:  # another worker posted it in between
            return 0
        if stored.category.is_archived:
            logger.warning("Recurring expense %s paused: its category is archived.", pk)
            stored.active = False
            stored.save(update_fields=["active", "updated_at"])
            return 0
        posted = sum(
            _record(stored, day, stored.amount, stored.created_by) is not None
            for day in recurrence.between(stored, stored.posts_from, today)
        )
        _move_on(stored, today)
    return posted


def post_due(*, budget, today: date | None = None) -> int:
    """Record every due occurrence (dated today or before, in TIME_ZONE) of `budget`'s
    auto-posting schedules since each started posting; return how many expenses were made.
    Then store the budget's next due date again (on the row and on `budget`)."""
    today = today or timezone.localdate()
    due = RecurringExpense.objects.for_budget(budget).posting().filter(next_due__lte=today)
    posted = sum(_post_schedule(pk, today) for pk in due.values_list("pk", flat=True))
    budget.next_due = refresh_budget_next_due(budget_id=budget.pk)
    return posted


def post_all_due(*, today: date | None = None) -> int:
    """`post_due` for every budget (the `post_recurring` command); return how many expenses."""
    today = today or timezone.localdate()
    due = RecurringExpense.objects.posting().filter(next_due__lte=today).order_by("pk")
    schedules = list(due.values_list("pk", "budget_id"))
    posted = sum(_post_schedule(pk, today) for pk, _ in schedules)
    stale = Budget.objects.filter(next_due__lte=today).values_list("pk", flat=True)
    for budget_id in sorted({budget_id for _, budget_id in schedules} | set(stale)):
        refresh_budget_next_due(budget_id=budget_id)
    return posted
