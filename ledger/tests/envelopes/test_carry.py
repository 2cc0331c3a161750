"""The carry-over arithmetic of `ledger/carry.py` on hand-made chains (no database)."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.carry import (
    Envelope,
    bridge,
    carries_into,
    envelope,
    envelope_series,
    opening_balance,
    step,
)
from ledger.models import Rollover
from ledger.months import add_months, next_month

JAN, FEB, MAR, APR = (date(2026, m, 1) for m in (1, 2, 3, 4))
D = Decimal


def _envelope(month, rollover=Rollover.UNSPENT, rollover_from=JAN, limit="300", **data):
    return envelope(
        month=month,
        limit=D(limit),
        rollover=rollover,
        rollover_from=rollover_from,
        allotments={m: D(a) for m, a in data.get("allotments", {}).items()},
        spent={m: D(s) for m, s in data.get("spent", {}).items()},
    )


def _numbers(env: Envelope):
    return env.allotted, env.carried_in, env.spent, env.available, env.overspent_last_month


# Food in the worked example: limit 300, unspent from January.
FOOD = {"allotments": {FEB: "280"}, "spent": {JAN: "250", FEB: "400", MAR: "100"}}


def test_the_worked_example_food_in_january():
    assert _numbers(_envelope(JAN, **FOOD)) == (D(300), D(0), D(250), D(50), D(0))


def test_the_worked_example_food_in_february():
    assert _numbers(_envelope(FEB, **FOOD)) == (D(280), D(50), D(400), D(-70), D(0))


def test_the_worked_example_food_in_march_carries_nothing_and_reports_the_overspend():
    assert _numbers(_envelope(MAR, **FOOD)) == (D(300), D(0), D(100), D(200), D(70))


def test_the_worked_example_car_carries_its_debt():
    car = {"rollover": Rollover.ALL, "limit": "100", "spent": {FEB: "250"}}

    assert _envelope(JAN, **car).available == D(100)
    assert _numbers(_envelope(FEB, **car)) == (D(100), D(100), D(250), D(-50), D(0))
    assert _numbers(_envelope(MAR, **car)) == (D(100), D(-50), D(0), D(50), D(0))


def test_no_rollover_is_each_month_on_its_own():
    chain = {"rollover": Rollover.NONE, "rollover_from": None, "spent": {JAN: "10", FEB: "500"}}

    assert _numbers(_envelope(FEB, **chain)) == (D(300), D(0), D(500), D(-200), D(0))
    assert _numbers(_envelope(MAR, **chain)) == (D(300), D(0), D(0), D(300), D(0))


def test_no_rollover_still_uses_the_months_allotment():
    env = _envelope(FEB, rollover=Rollover.NONE, rollover_from=None, allotments={FEB: "12.34"})

    assert (env.allotted, env.available) == (D("12.34"), D("12.34"))


def test_unspent_carries_what_is_left_month_after_month():
    # 300 - 100 = 200, then 200 + 300 - 50 = 450, then 450 + 300
    env = _envelope(MAR, spent={JAN: "100", FEB: "50"})

    assert (env.carried_in, env.available) == (D(450), D(750))


def test_unspent_carries_nothing_after_an_overspend():
    env = _envelope(FEB, spent={JAN: "301.01"})

    assert (env.carried_in, env.overspent_last_month) == (D(0), D("1.01"))


def test_all_carries_a_debt_through_several_months():
    env = _envelope(APR, rollover=Rollover.ALL, spent={JAN: "1000"})

    # -700, then -400, then -100 carried into April
    assert (env.carried_in, env.available, env.overspent_last_month) == (D(-100), D(200), D(0))


def test_an_allotment_of_zero_gives_nothing_that_month():
    env = _envelope(MAR, allotments={JAN: "0", FEB: "0"}, spent={FEB: "20"})

    # January 0 left; February 0 - 20 = -20, not carried (unspent), taken from income
    assert _numbers(env) == (D(300), D(0), D(0), D(300), D(20))


def test_an_allotment_of_zero_with_all_carries_the_debt():
    env = _envelope(MAR, rollover=Rollover.ALL, allotments={FEB: "0"}, spent={FEB: "20"})

    assert env.carried_in == D(280)  # 300 from January, then 0 - 20


def test_the_first_month_carries_nothing_in():
    env = _envelope(FEB, rollover_from=FEB, spent={JAN: "999"})

    assert (env.carried_in, env.overspent_last_month) == (D(0), D(0))


def test_a_rollover_from_in_the_future_carries_nothing_yet():
    future = date(2027, 6, 1)

    env = _envelope(MAR, rollover=Rollover.ALL, rollover_from=future, spent={FEB: "999"})

    assert _numbers(env) == (D(300), D(0), D(0), D(300), D(0))
    assert not carries_into(Rollover.ALL, future, MAR)


def test_months_before_rollover_from_do_not_count():
    env = _envelope(MAR, rollover=Rollover.ALL, rollover_from=FEB, spent={JAN: "5000"})

    assert env.carried_in == D(300)


def test_carries_into_needs_a_rollover_and_a_later_month():
    assert carries_into(Rollover.UNSPENT, JAN, FEB)
    assert not carries_into(Rollover.UNSPENT, JAN, JAN)
    assert not carries_into(Rollover.NONE, JAN, FEB)
    assert not carries_into(Rollover.ALL, None, FEB)


def test_a_long_chain_without_data_adds_the_limit_every_month():
    env = _envelope(date(2036, 1, 1), rollover=Rollover.ALL, rollover_from=date(2016, 1, 1))

    assert env.carried_in == D(300) * 240


def test_a_series_from_its_opening_balance_equals_the_series_walked_from_rollover_from():
    """The reports start the chain at their first month from the balance before it (as the
    summary computes it); every month after must come out as if walked from the start."""
    months, month = [], date(2020, 1, 1)
    while month <= date(2026, 12, 1):
        months.append(month)
        month = next_month(month)
    spent = {m: D((i * 37) % 450) for i, m in enumerate(months) if i % 3}
    allotments = {m: D((i * 53) % 400) for i, m in enumerate(months) if i % 7 == 0}
    first = date(2024, 6, 1)
    for rollover in (Rollover.NONE, Rollover.UNSPENT, Rollover.ALL):
        data = {
            "limit": D("300"),
            "rollover": rollover,
            "rollover_from": date(2020, 1, 1),
            "allotments": allotments,
            "spent": spent,
        }
        walked = list(envelope_series(first=first, last=date(2026, 12, 1), **data))
        previous = opening_balance(month=first, **data)
        started = list(
            envelope_series(
                first=first, last=date(2026, 12, 1), previous=previous, opened=True, **data
            )
        )
        assert started == walked, rollover
        assert len(started) == 31


def test_the_step_is_the_rule_of_each_mode():
    assert step(None, D(300), D(250), Rollover.UNSPENT) == Envelope(D(300), D(0), D(250))
    assert step(D(50), D(280), D(400), Rollover.UNSPENT) == Envelope(D(280), D(50), D(400))
    assert step(D(-70), D(300), D(100), Rollover.UNSPENT) == Envelope(D(300), D(0), D(100), D(70))
    assert step(D(-70), D(300), D(100), Rollover.ALL) == Envelope(D(300), D(-70), D(100))
    assert step(D(500), D(300), D(100), Rollover.NONE) == Envelope(D(300), D(0), D(100))


def test_a_refund_month_adds_to_what_is_left():
    # A negative month of spending (refunds, next issues) goes through the same step.
    assert step(D(10), D(300), D(-25), Rollover.UNSPENT).available == D(335)


def test_the_bridge_is_the_step_applied_month_after_month():
    for rollover in Rollover.values:
        for previous in (None, D(-500), D(0), D("12.34")):
            for months in range(4):
                walked = previous
                for _ in range(months):
                    walked = step(walked, D(300), D(0), rollover).available
                assert bridge(previous, months, D(300), rollover) == walked


MONTHS_SPAN = 30  # months of random history


def _naive(month, limit, rollover, rollover_from, allotments, spent):
    """The envelope of `month` by stepping every month from the first of the history."""
    first = min((rollover_from or month), *allotments, *spent, month)
    previous, current = None, first
    while True:
        carried = previous if carries_into(rollover, rollover_from, current) else None
        env = step(carried, allotments.get(current, limit), spent.get(current, D(0)), rollover)
        if current == month:
            return env
        previous, current = env.available, next_month(current)


_CENTS = st.integers(min_value=-50_000, max_value=500_000).map(lambda c: D(c).scaleb(-2))


@st.composite
def _histories(draw):
    base = date(2020, 1, 1)
    month_of = st.integers(min_value=0, max_value=MONTHS_SPAN - 1).map(
        lambda n: add_months(base, n)
    )
    allot = st.integers(min_value=0, max_value=400_000).map(lambda c: D(c).scaleb(-2))
    return {
        "limit": draw(st.integers(min_value=0, max_value=100_000).map(lambda c: D(c).scaleb(-2))),
        "rollover": draw(st.sampled_from(Rollover.values)),
        "rollover_from": draw(month_of),
        "allotments": draw(st.dictionaries(month_of, allot, max_size=8)),
        "spent": draw(st.dictionaries(month_of, _CENTS, max_size=15)),
        "month": draw(month_of),
    }


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(_histories())
def test_one_month_equals_the_last_of_the_series_and_a_naive_walk(history):
    """For random histories (refunds included) and every rollover mode: the one-month answer,
    the last month of the series, and a walk through every month from the first agree."""
    month = history.pop("month")
    alone = envelope(month=month, **history)
    series = list(envelope_series(first=add_months(month, -5), last=month, **history))
    naive = _naive(
        month,
        history["limit"],
        history["rollover"],
        history["rollover_from"],
        history["allotments"],
        history["spent"],
    )
    assert series[-1] == (month, alone)
    assert alone == naive
