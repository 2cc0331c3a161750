import pytest

from ledger import services
from ledger.models import ApiToken

pytestmark = pytest.mark.django_db


def test_it_works(api_token):
    services.revoke_api_token(token=api_token)
    assert ApiToken.objects.get(pk=api_token.pk).revoked_at is not None
    assert services.use_api_token(raw=api_token.raw) is None


def test_revoking_twice_keeps_the_first_time(api_token):
    services.revoke_api_token(token=api_token)
    first = ApiToken.objects.get(pk=api_token.pk).revoked_at
    services.revoke_api_token(token=ApiToken.objects.get(pk=api_token.pk))
    assert ApiToken.objects.get(pk=api_token.pk).revoked_at == first
