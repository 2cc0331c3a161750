"""/settings/tokens/: the user's personal API tokens (create, list, revoke)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ledger import services
from ledger.forms.tokens import ApiTokenForm
from ledger.models import ApiToken


@never_cache  # the page that shows a new token must not be kept by any cache
@require_http_methods(["GET", "POST"])
def token_list(request):
    """List the user's tokens; a POST creates one and shows it this one time."""
    new_token = None
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                _, new_token = services.issue_api_token(
                    owner=request.user, name=form.cleaned_data["name"]
                )
            except services.InvalidTokenName as error:
                form.add_error("name", str(error))
            else:
                form = ApiTokenForm()
    else:
        form = ApiTokenForm()
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": ApiToken.objects.for_user(request.user),
    }
    return render(request, "ledger/tokens.html", context)


@require_POST
def token_revoke(request, pk):
    """Revoke one of the user's tokens: it stops working at once."""
    token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=pk)
    services.revoke_api_token(token=token)
    messages.success(request, f"Token “{token.name}” is revoked.")
    return redirect("tokens")
