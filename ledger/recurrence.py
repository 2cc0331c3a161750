"""The dates of a recurring expense, from `dateutil.rrule` (RFC 5545), never by hand.

Pure functions of a schedule's fields (`frequency`, `interval`, `start`, `end`,
`count`, `day_of_month`, `last_day`), so they are tested without a database:
- weekly: on the start's weekday, every `interval` weeks;
- monthly: on `day_of_month` (default: the start's day); a day the month lacks
  means its last day (the 31st is 28 or 29 February and 30 April), or on the
  last day of every month with `last_day`;
- yearly: on the start's month and day; 29 February falls on 28 February in
  common years (the bill is still paid once a year, at the end of February).
`end` is the last possible date (inclusive); `count` counts occurrences from `start`.
"""

from datetime import date, datetime, time, timedelta

from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule

from ledger.months import add_months, months_between

FREQUENCIES = {"weekly": WEEKLY, "monthly": MONTHLY, "yearly": YEARLY}


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def _on_day(day: int) -> dict:
    # The last of the days (28..day) that the month has: day itself when it exists.
    return {"bymonthday": tuple(range(min(day, 28), day + 1)), "bysetpos": -1}


def _anchor(schedule, day: date | None) -> date:
    """Where rrule may start counting to reach `day` fast: the start of a whole period
    (a multiple of `interval` after the start's), at least one period before `day`.

    The occurrences from there on are the schedule's own; without it, a weekly bill begun
    years ago walks every week since. Only without `count`, which counts from `start`.
    """
    start, step = schedule.start, schedule.interval
    if day is None or schedule.count is not None or day <= start:
        return start
    if schedule.frequency == "weekly":
        periods = max(0, (day - start).days // (7 * step) - 1)
        return start + timedelta(weeks=periods * step)
    if schedule.frequency == "monthly":
        periods = max(0, months_between(start, day) // step - 1)
        if not periods:
            return start
        return add_months(start, periods * step)
    periods = max(0, (day.year - start.year) // step - 1)
    return date(start.year + periods * step, 1, 1) if periods else start


def rule(schedule, near: date | None = None) -> rrule:
    """The schedule's rrule (occurrences as midnight datetimes); `near` lets it start close
    to the dates asked for (see `_anchor`)."""
    frequency = FREQUENCIES[schedule.frequency]
    options = {"dtstart": _midnight(_anchor(schedule, near)), "interval": schedule.interval}
    if schedule.end is not None:
        options["until"] = _midnight(schedule.end)
    if schedule.count is not None:
        options["count"] = schedule.count
    if frequency == WEEKLY:
        options["byweekday"] = schedule.start.weekday()
    elif frequency == MONTHLY:
        if schedule.last_day:
            options["bymonthday"] = -1
        else:
            options.update(_on_day(schedule.day_of_month or schedule.start.day))
    else:
        options.update(bymonth=schedule.start.month, **_on_day(schedule.start.day))
    return rrule(frequency, **options)


def between(schedule, first: date, last: date) -> list[date]:
    """The occurrence dates from `first` to `last`, both included."""
    if last < first:
        return []
    moments = rule(schedule, first).between(_midnight(first), _midnight(last), inc=True)
    return [moment.date() for moment in moments]


def first_from(schedule, day: date) -> date | None:
    """The first occurrence on or after `day`, or None when the schedule has ended."""
    moment = rule(schedule, day).after(_midnight(day), inc=True)
    return moment.date() if moment else None


def is_occurrence(schedule, day: date) -> bool:
    return first_from(schedule, day) == day


def last_before(schedule, day: date, n: int) -> list[date]:
    """The last `n` occurrences before `day`, oldest first."""
    if n <= 0 or day <= schedule.start:
        return []
    return between(schedule, schedule.start, day - timedelta(days=1))[-n:]


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def describe(schedule) -> str:
    """The schedule in words: "Every 2 weeks on Friday", "Monthly on the 31st"."""
    unit = {"weekly": "week", "monthly": "month", "yearly": "year"}[schedule.frequency]
    if schedule.interval == 1:
        every = {"weekly": "Weekly", "monthly": "Monthly", "yearly": "Yearly"}[schedule.frequency]
    else:
        every = f"Every {schedule.interval} {unit}s"
    if schedule.frequency == "weekly":
        when = f"on {schedule.start:%A}"
    elif schedule.frequency == "yearly":
        when = f"on {schedule.start.day} {schedule.start:%B}"
    elif schedule.last_day:
        when = "on the last day"
    else:
        day = schedule.day_of_month or schedule.start.day
        when = f"on the {_ordinal(day)}" + (" (or the month's last day)" if day > 28 else "")
    limit = ""
    if schedule.end is not None:
        limit = f", until {schedule.end:%Y-%m-%d}"
    elif schedule.count is not None:
        limit = f", {schedule.count} time{'s' if schedule.count != 1 else ''}"
    return f"{every} {when}{limit}"
