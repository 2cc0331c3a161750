import datetime

import pytest
from django.utils import timezone

from ledger import services
from ledger.models import ApiToken, Membership

pytestmark = pytest.mark.django_db


def test_it_answers_the_token_with_its_owner_and_role_and_notes_the_use(user, api_token):
    found = services.use_api_token(raw=api_token.raw)
    assert (found, found.owner, found.member_role) == (api_token, user, "owner")
    used = ApiToken.objects.get(pk=api_token.pk).last_used_at
    assert timezone.now() - used < datetime.timedelta(seconds=10)


def test_it_writes_the_use_at_most_once_a_minute(api_token, django_assert_num_queries):
    services.use_api_token(raw=api_token.raw)
    with django_assert_num_queries(1):  # the lookup only
        services.use_api_token(raw=api_token.raw)


def test_it_writes_again_after_a_minute(api_token):
    old = timezone.now() - datetime.timedelta(minutes=5)
    ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=old)
    services.use_api_token(raw=api_token.raw)
    assert ApiToken.objects.get(pk=api_token.pk).last_used_at > old


def test_it_refuses_the_token_of_someone_who_left_its_budget(user, api_token):
    Membership.objects.filter(user=user).delete()
    assert services.use_api_token(raw=api_token.raw) is None


def test_it_refuses_an_unknown_token(db):
    assert services.use_api_token(raw="bgt_not-a-token") is None


def test_it_refuses_a_revoked_token_without_noting_it(api_token):
    services.revoke_api_token(token=api_token)
    assert services.use_api_token(raw=api_token.raw) is None
    assert ApiToken.objects.get(pk=api_token.pk).last_used_at is None


def test_it_refuses_the_token_of_a_deactivated_user(user, api_token):
    user.is_active = False
    user.save()
    assert services.use_api_token(raw=api_token.raw) is None
