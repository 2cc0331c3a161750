from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ledger import services
from ledger.models import Budget
from ledger.models.envelopes import cents_to_money
from ledger.months import format_month
from ledger.services.balances import differing_balances
from ledger.services.money_changes import differing_totals


class Command(BaseCommand):
    help = (
        "Recompute the monthly totals of every budget from its expense rows, and its stored"
        " envelope balances from them. With --check, change nothing and exit 1 naming each"
        " month whose stored total or balance differs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="compare only; exit 1 on a difference"
        )
        parser.add_argument("--budget", type=int, help="only this budget (its id)")

    def handle(self, *args, **options):
        budgets = Budget.objects.order_by("pk")
        if options["budget"] is not None:
            budgets = budgets.filter(pk=options["budget"])
            if not budgets.exists():
                raise CommandError(f"No budget has id {options['budget']}.")
        if options["check"]:
            self._check(budgets)
            return
        for budget in budgets.iterator():
            with transaction.atomic():
                count = services.rebuild_totals(budget=budget)
            self.stdout.write(f"Budget {budget.pk} ({budget.name}): {count} monthly total(s).")

    def _check(self, budgets):
        problems = []
        checked = 0
        for budget in budgets.iterator():
            checked += 1
            for (category_id, month), stored, rows in differing_totals(budget):
                problems.append(
                    f"budget {budget.pk}, {format_month(month)}, category {category_id}: "
                    f"stored {cents_to_money(stored[0])} in {stored[1]} expense(s), "
                    f"the rows add up to {cents_to_money(rows[0])} in {rows[1]}"
                )
            for (category_id, month), stored, walked in differing_balances(budget):
                problems.append(
                    f"budget {budget.pk}, {format_month(month)}, category {category_id}: "
                    f"stored balance {_money(stored)}, the carry walk gives {_money(walked)}"
                )
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(
                f"{len(problems)} monthly total(s) or balance(s) differ from the expense rows."
            )
        self.stdout.write(
            f"The monthly totals and envelope balances of {checked} budget(s) match the"
            " expense rows."
        )


def _money(cents) -> str:
    return "none" if cents is None else str(cents_to_money(cents))
