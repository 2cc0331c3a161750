from datetime import timedelta

import pytest
from django.utils import timezone

from ledger import services
from ledger.models import ImportUpload
from ledger.tests.factories import UserFactory
from ledger.transfer.table import read_table
from ledger.transfer.uploads import unpack_table

TABLE = read_table("a,b\n1,2\n")


def save(user, filename="a.csv", size=10, choices=None):
    return services.save_upload(
        user=user, table=TABLE, size=size, filename=filename, choices=choices or {}
    )


pytestmark = pytest.mark.django_db


def test_it_keeps_the_parsed_table_in_the_database(user):
    upload = save(user, filename="bank.csv", size=8)

    stored = ImportUpload.objects.get(pk=upload.pk)
    assert (stored.owner, stored.filename, stored.size) == (user, "bank.csv", 8)
    table = unpack_table(bytes(stored.data))
    assert (table.records, table.delimiter, table.header_index) == (
        TABLE.records,
        TABLE.delimiter,
        TABLE.header_index,
    )
    assert len(stored.token) >= 32


def test_each_upload_gets_its_own_token(user):
    first = save(user, filename="a.csv", choices={})
    second = save(user, filename="a.csv", choices={})

    assert first.token != second.token


def test_it_sweeps_away_expired_uploads_of_anyone(user):
    old = save(UserFactory(), filename="old.csv", choices={})
    ImportUpload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - ImportUpload.MAX_AGE - timedelta(minutes=1)
    )

    save(user, filename="new.csv", choices={})

    assert list(ImportUpload.objects.values_list("filename", flat=True)) == ["new.csv"]


def test_discard_upload_forgets_it(user):
    upload = save(user, filename="a.csv", choices={})

    services.discard_upload(upload=upload)

    assert not ImportUpload.objects.exists()


def test_update_upload_choices_replaces_them(user):
    upload = save(user, filename="a.csv", choices={"a": 1})

    services.update_upload_choices(upload=upload, choices={"decimal": ","})

    assert ImportUpload.objects.get(pk=upload.pk).choices == {"decimal": ","}


def test_a_person_keeps_at_most_three_uploads_the_newest(user):
    for name in ("1.csv", "2.csv", "3.csv", "4.csv"):
        save(user, filename=name)
    save(UserFactory(), filename="theirs.csv")

    assert sorted(ImportUpload.objects.filter(owner=user).values_list("filename", flat=True)) == [
        "2.csv",
        "3.csv",
        "4.csv",
    ]
    assert ImportUpload.objects.filter(filename="theirs.csv").exists()


def test_a_persons_uploads_hold_at_most_30_mb_together(user):
    mb = 1024 * 1024
    save(user, filename="old.csv", size=10 * mb)
    save(user, filename="mid.csv", size=10 * mb)

    save(user, filename="new.csv", size=10 * mb + 1)

    assert sorted(ImportUpload.objects.values_list("filename", flat=True)) == [
        "mid.csv",
        "new.csv",
    ]
    assert sum(ImportUpload.objects.values_list("size", flat=True)) <= 30 * mb
