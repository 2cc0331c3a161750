"""/settings/tokens/: the user's personal API tokens (create, list, revoke)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ledger import access, services
from ledger.forms.tokens import ApiTokenForm
from ledger.models import ApiToken, Budget
from ledger.views.once import run_once


@never_cache  # the page that shows a new token must not be kept by any cache
@require_http_methods(["GET", "POST"])
def token_list(request):
    """List the user's tokens; a POST creates one and shows it this one time."""
    current = access.request_member(request)
    choices = {"budgets": Budget.objects.for_user(request.user), "current": current.budget}
    if request.method == "POST":
        return run_once(request, lambda: _create_token(request, current, choices))
    return _page(request, ApiTokenForm(**choices), None)


def _create_token(request, current, choices):
    """Create a token from the POST; the page shows it this one time."""
    form = ApiTokenForm(request.POST, **choices)
    if not form.is_valid():
        return _page(request, form, None)
    try:
        _, new_token = services.issue_api_token(
            owner=request.user,
            budget=form.cleaned_data["budget"] or current.budget,
            name=form.cleaned_data["name"],
        )
    except services.InvalidTokenName as error:
        form.add_error("name", str(error))
        return _page(request, form, None)
    response = _page(request, ApiTokenForm(**choices), new_token)
    response.saved_url = reverse("tokens")  # the token itself is shown this once only
    return response


def _page(request, form, new_token):
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": ApiToken.objects.for_user(request.user).select_related("budget"),
    }
    return render(request, "ledger/tokens.html", context)


@require_POST
def token_revoke(request, pk):
    """Revoke one of the user's tokens: it stops working at once."""
    token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=pk)
    services.revoke_api_token(token=token)
    messages.success(request, f"Token “{token.name}” is revoked.")
    return redirect("tokens")
