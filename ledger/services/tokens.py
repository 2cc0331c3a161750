"""Personal API tokens: issue, revoke, and noting when one is used."""

import secrets

from django.utils import timezone

from ledger.models import ApiToken
from ledger.rules import TOKEN_NAME_LENGTH, TOKEN_NAME_MAX
from ledger.services.errors import InvalidTokenName


def issue_api_token(*, owner, name: str) -> tuple[ApiToken, str]:
    """Create a token for `owner`; return it and its text, which is shown only this once."""
    name = name.strip()
    if not 1 <= len(name) <= TOKEN_NAME_MAX:
        raise InvalidTokenName(TOKEN_NAME_LENGTH)
    raw = ApiToken.PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        owner=owner, name=name, token_hash=ApiToken.digest(raw), prefix=raw[:12]
    )
    return token, raw


def revoke_api_token(*, token: ApiToken) -> ApiToken:
    """Stop a token from working, at once and for good (revoking twice keeps the first time)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def use_api_token(*, raw: str):
    """The active user holding the unrevoked token `raw`, or None; notes when it was used."""
    token = ApiToken.objects.holding(raw)
    if token is None:
        return None
    now = timezone.now()
    # One write a minute at most: a busy client must not turn every read into a write.
    if token.last_used_at is None or now - token.last_used_at > ApiToken.USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.owner
