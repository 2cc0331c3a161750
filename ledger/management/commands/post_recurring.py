"""`manage.py post_recurring [--today YYYY-MM-DD]`: record every due recurring expense (cron)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from ledger import services


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--today: {text!r} is not a date as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Record the due occurrences (dated today or before, in TIME_ZONE) of every budget's "
        "auto-posting recurring expenses. Safe to run as often as you like: an occurrence is "
        "recorded once. Pages and the API also post them on a member's first request."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Post as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        posted = services.post_all_due(today=_day(today) if today else None)
        self.stdout.write(f"Recorded {posted} recurring expense(s).")
