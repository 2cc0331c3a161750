import json

from django.core.management.base import BaseCommand, CommandError

from ledger.management.budget_choice import add_budget_argument, member_for
from ledger.transfer.backup import export_ledger


class Command(BaseCommand):
    help = "Write a full JSON backup of one budget (to a file, or to standard output)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="username of a member")
        add_budget_argument(parser)
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        member = member_for(options["user"], options["budget"])
        text = json.dumps(export_ledger(member.budget), indent=1, ensure_ascii=False) + "\n"
        if not options["output"]:
            self.stdout.write(text, ending="")
            return
        try:
            with open(options["output"], "w", encoding="utf-8") as file:
                file.write(text)
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror}.") from None
        self.stderr.write(f"Wrote the backup of {member.budget.name} to {options['output']}.")
