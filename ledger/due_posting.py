"""Recurring expenses post themselves without cron (issue 17): the hook that runs once a
request is authorised, before its view builds anything.

`post_due_recurring(request, member)` is the one place a request posts: the
first request of any member of a budget (a viewer's and an API token's too:
posting is the schedule's doing, recorded as by whoever made it) after an
occurrence falls due records it, so the page or answer it builds already shows
it. Two callers reach it, each right after it knows who acts on which budget:

- `DueRecurringMiddleware.process_view`, for every signed-in session (pages and
  the API with a session), after authentication and before the view runs;
- `ledger.api.auth.TokenAuth.authenticate`, for an API token, which django-ninja
  checks inside the API view, after every middleware.

It costs no query when nothing is due: the budget row, loaded with the
membership (or the token) anyway, carries `next_due`, the earliest pending
occurrence of its auto-posting schedules (kept by `ledger.services.recurring`).
Posting is idempotent (one expense per schedule and occurrence, unique in the
database, the schedule locked), so two workers racing here record each
occurrence once; if the database refuses (busy), the request is answered anyway
and the next one tries again. `ledger.access` itself only reads.
"""

import logging

from django.db import DatabaseError
from django.utils import timezone

from ledger import access
from ledger.services.recurring import post_due

logger = logging.getLogger("budget.recurring")


def post_due_recurring(request, member) -> None:
    """Post the due occurrences of `member`'s budget, at most once per request and budget."""
    budget = member.budget
    if budget.next_due is None or budget.next_due > timezone.localdate():
        return
    done = request.__dict__.setdefault("_ledger_posted", set())
    if budget.pk in done:
        return
    done.add(budget.pk)
    try:
        post_due(budget=budget)
    except DatabaseError:
        logger.exception("Posting the recurring expenses of budget %s failed", budget.pk)


def _in_admin(request) -> bool:
    """The Django admin shows no budget of the session's (and stores through the services)."""
    match = request.resolver_match
    return match is not None and match.app_name == "admin"


class DueRecurringMiddleware:
    """Post the due recurring expenses of the budget a signed-in session acts on (its
    current budget, see `access.current_membership`) before the view runs.

    It runs after authentication (`request.user`); the memberships it reads are kept on
    the request for the view and the navigation, so it adds no query to a page. An API
    token is known only inside the API, where `TokenAuth` calls `post_due_recurring`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or _in_admin(request):
            return None
        member = access.current_membership(request)
        if member is not None:
            post_due_recurring(request, member)
        return None
