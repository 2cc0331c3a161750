from datetime import timedelta

import pytest
from django.utils import timezone

from ledger import services
from ledger.models import ImportUpload
from ledger.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_keeps_the_bytes_in_the_database(user):
    upload = services.save_upload(user=user, data=b"a,b\n1,2\n", filename="bank.csv", choices={})

    stored = ImportUpload.objects.get(pk=upload.pk)
    assert (stored.owner, bytes(stored.data), stored.filename) == (user, b"a,b\n1,2\n", "bank.csv")
    assert len(stored.token) >= 32


def test_each_upload_gets_its_own_token(user):
    first = services.save_upload(user=user, data=b"x", filename="a.csv", choices={})
    second = services.save_upload(user=user, data=b"x", filename="a.csv", choices={})

    assert first.token != second.token


def test_it_sweeps_away_expired_uploads_of_anyone(user):
    old = services.save_upload(user=UserFactory(), data=b"x", filename="old.csv", choices={})
    ImportUpload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - ImportUpload.MAX_AGE - timedelta(minutes=1)
    )

    services.save_upload(user=user, data=b"y", filename="new.csv", choices={})

    assert list(ImportUpload.objects.values_list("filename", flat=True)) == ["new.csv"]


def test_discard_upload_forgets_it(user):
    upload = services.save_upload(user=user, data=b"x", filename="a.csv", choices={})

    services.discard_upload(upload=upload)

    assert not ImportUpload.objects.exists()


def test_update_upload_choices_replaces_them(user):
    upload = services.save_upload(user=user, data=b"x", filename="a.csv", choices={"a": 1})

    services.update_upload_choices(upload=upload, choices={"decimal": ","})

    assert ImportUpload.objects.get(pk=upload.pk).choices == {"decimal": ","}
