from django.core.management.base import BaseCommand, CommandError

from ledger import services
from ledger.management.budget_choice import add_budget_argument, member_for


class Command(BaseCommand):
    help = (
        "Create a personal API token for a user, acting on one of their budgets (default: "
        "their first), and print it (the token is the last word)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")
        add_budget_argument(parser)

    def handle(self, *args, username, name, budget, **options):
        member = member_for(username, budget)
        try:
            token, raw = services.issue_api_token(
                owner=member.user, budget=member.budget, name=name
            )
        except services.InvalidTokenName as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Created API token {token.name!r} for {username} on budget {member.budget.name!r} "
            f"(id {member.budget_id}, {member.role}). It is shown only once:"
        )
        self.stdout.write(raw)
