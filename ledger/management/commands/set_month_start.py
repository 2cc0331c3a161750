from django.core.management.base import BaseCommand, CommandError

from ledger import services
from ledger.models import Budget
from ledger.months import current_month, format_month, month_label
from ledger.services.money_changes import differing_totals


class Command(BaseCommand):
    help = (
        "Make a budget's months start on another day of the month (1-28) and rebuild its"
        " monthly totals in one transaction. Incomes, allotments and rollover months keep"
        " their month names."
    )

    def add_arguments(self, parser):
        parser.add_argument("--budget", type=int, required=True, help="the budget's id")
        parser.add_argument("--day", type=int, required=True, help="1 to 28")

    def handle(self, *args, **options):
        budget = Budget.objects.filter(pk=options["budget"]).first()
        if budget is None:
            raise CommandError(f"No budget has id {options['budget']}.")
        try:
            count = services.change_month_start_day(
                budget=budget, day=options["day"], progress=self._progress
            )
        except services.InvalidMonthStartDay as error:
            raise CommandError(str(error)) from None
        if differing_totals(budget):  # cannot happen: the rebuild just wrote them
            raise CommandError("The rebuilt monthly totals differ from the expense rows.")
        month = current_month(budget.month_start_day)
        self.stdout.write(
            self.style.SUCCESS(
                f"Budget {budget.pk} ({budget.name}): months start on day {budget.month_start_day};"
                f" {count} monthly total(s) rebuilt. This month, {format_month(month)}, is"
                f" {month_label(month, budget.month_start_day)}."
            )
        )

    def _progress(self, done, total):
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        self.stderr.write(f"\rRebuilding [{bar}] {done}/{total} categories", ending="")
        if done == total:
            self.stderr.write("")
