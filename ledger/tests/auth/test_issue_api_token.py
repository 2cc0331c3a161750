import pytest

from ledger import services
from ledger.models import ApiToken
from ledger.tests.factories import budget_of

pytestmark = pytest.mark.django_db


def test_it_stores_only_the_hash_and_returns_the_token_once(user):
    token, raw = services.issue_api_token(owner=user, budget=budget_of(user), name=" Phone ")
    stored = ApiToken.objects.get(pk=token.pk)
    assert (stored.owner, stored.budget, stored.name, stored.prefix) == (
        user,
        budget_of(user),
        "Phone",
        raw[:12],
    )
    assert raw.startswith("bgt_")
    assert stored.token_hash == ApiToken.digest(raw) != raw
    assert stored.revoked_at is None


def test_every_token_is_different(user):
    _, first = services.issue_api_token(owner=user, budget=budget_of(user), name="a")
    _, second = services.issue_api_token(owner=user, budget=budget_of(user), name="b")
    assert first != second


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_it_refuses_an_empty_or_long_name(user, name):
    with pytest.raises(services.InvalidTokenName, match="1 to 100 characters"):
        services.issue_api_token(owner=user, budget=budget_of(user), name=name)
    assert not ApiToken.objects.exists()
