from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ledger.models import Budget
from ledger.tests.month_start_data import populated_budget

pytestmark = pytest.mark.django_db


def test_it_changes_the_day_with_a_progress_bar(user):
    budget = populated_budget(user)
    out, err = StringIO(), StringIO()

    call_command(
        "set_month_start", "--budget", str(budget.pk), "--day", "25", stdout=out, stderr=err
    )

    assert Budget.objects.get(pk=budget.pk).month_start_day == 25
    assert "Rebuilding [###############---------------] 1/2 categories" in err.getvalue()
    assert "Rebuilding [" + "#" * 30 + "] 2/2 categories" in err.getvalue()
    assert "months start on day 25" in out.getvalue()
    call_command("rebuild_totals", "--check", "--budget", str(budget.pk), stdout=StringIO())


def test_it_refuses_a_day_past_the_28th(user):
    budget = populated_budget(user)

    with pytest.raises(CommandError, match="from 1 to 28"):
        call_command(
            "set_month_start", "--budget", str(budget.pk), "--day", "29", stderr=StringIO()
        )

    assert Budget.objects.get(pk=budget.pk).month_start_day == 1


def test_it_names_an_unknown_budget(db):
    with pytest.raises(CommandError, match="No budget has id 999"):
        call_command("set_month_start", "--budget", "999", "--day", "25")
