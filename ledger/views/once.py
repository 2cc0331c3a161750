"""A POST that a browser sends twice records once (issue 24).

Create forms carry `{% form_once %}` (a hidden `once` field with a random token).
`submitted_once` wraps a view: a POST whose token was used already answers the
"Already saved" page, linking to what was saved; otherwise the view runs in one
transaction with the token's claim, and the claim is undone unless the view saved
(it answered a redirect, or set `response.saved_url`). A POST without a token runs
the view as before (scripts, and forms rendered before this change).
"""

from functools import wraps

from django.db import transaction
from django.shortcuts import render

from ledger.services import submissions

FIELD = "once"


class _NotSaved(Exception):
    def __init__(self, response):
        self.response = response


def saved_url(response) -> str | None:
    """Where what a POST saved is shown, or None when it saved nothing."""
    explicit = getattr(response, "saved_url", None)
    if explicit:
        return explicit
    if response.status_code in (301, 302, 303):
        return response["Location"]
    return None


def already_saved(request, submission):
    url = submission.saved_url if submission is not None else ""
    return render(request, "ledger/already_saved.html", {"saved_url": url})


def run_once(request, respond):
    """`respond()` (the response to a POST), unless the POST's one-time token saved before:
    then the "Already saved" page. The token is claimed in `respond`'s transaction."""
    key = request.POST.get(FIELD) if request.method == "POST" else None
    if not submissions.is_form_key(key) or not request.user.is_authenticated:
        return respond()
    done = submissions.used_submission(user=request.user, key=key)
    if done is not None:
        return already_saved(request, done)
    try:
        with transaction.atomic():
            submission = submissions.claim_submission(user=request.user, key=key)
            response = respond()
            url = saved_url(response)
            if url is None:
                raise _NotSaved(response)
            submissions.record_saved_url(submission=submission, url=url)
    except _NotSaved as not_saved:
        return not_saved.response
    except submissions.AlreadySubmitted as error:
        return already_saved(request, error.submission)
    return response


def submitted_once(view):
    """Decorate a view (a function, or a class-based view's `post`) so that each one-time
    token saves at most once."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        request = next(arg for arg in args if hasattr(arg, "POST"))
        return run_once(request, lambda: view(*args, **kwargs))

    return wrapped
