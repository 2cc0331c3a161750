import re
from decimal import Decimal
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError

from ledger.models import Category, Expense
from ledger.tests.factories import CategoryFactory, budget_of

pytestmark = pytest.mark.django_db

CSV = (
    "Date;Amount;Description;Category\n"
    "15/03/2026;1.234,56;Rent;Home\n"
    "16/03/2026;2,50;Coffee;Food\n"
    "bad;1;x;Food\n"
)


@pytest.fixture(autouse=True)
def _upload_dir(settings, tmp_path):
    settings.BUDGET_IMPORT_DIR = tmp_path


def upload(client, content=CSV, **fields):
    data = content.encode("utf-8") if isinstance(content, str) else content
    form = {
        "file": SimpleUploadedFile("bank.csv", data, content_type="text/csv"),
        "delimiter": "",
        "date_format": "dmy",
        "decimal": ",",
        **fields,
    }
    return client.post("/import/", form)


def token_of(response):
    return re.match(r"^/import/([\w-]+)/columns/$", response["Location"])[1]


def map_columns(client, token, **fields):
    form = {"has_header": "on", "date": 0, "amount": 1, "description": 2, "category": 3, **fields}
    return client.post(f"/import/{token}/columns/", form)


def test_the_upload_page_renders(user_client):
    response = user_client.get("/import/")

    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    # Scripts only from static files: nothing inline (the CSP forbids it).
    assert re.findall(rb"<script(?![^>]*\bsrc=)[^>]*>", response.content) == []


def test_login_required(client):
    response = client.get("/import/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_walks_through_upload_columns_preview_and_confirm(user_client, user):
    response = upload(user_client)
    assert response.status_code == 302
    token = token_of(response)

    response = user_client.get(f"/import/{token}/columns/")
    assert response.status_code == 200
    assert b"1.234,56" in response.content  # the sample rows are shown
    assert b'<option value="0" selected>1: Date</option>' in response.content  # guessed

    response = map_columns(user_client, token)
    assert response["Location"] == f"/import/{token}/preview/"

    response = user_client.get(f"/import/{token}/preview/")
    assert response.status_code == 200
    assert re.search(rb'id="count-import">2<', response.content)
    assert re.search(rb'id="count-errors">1<', response.content)
    assert b"bad date &#x27;bad&#x27; (expected DD/MM/YYYY)" in response.content
    assert b"Home, Food" in response.content
    assert not Expense.objects.exists()

    response = user_client.post(f"/import/{token}/preview/", follow=True)
    assert response.redirect_chain == [("/import/", 302)]
    assert b"Imported 2 expense(s); skipped 0 likely duplicate(s); refused 1 row(s)" in (
        response.content
    )
    amounts = (
        Expense.objects.for_budget(budget_of(user))
        .order_by("date")
        .values_list("amount", flat=True)
    )
    assert list(amounts) == [Decimal("1234.56"), Decimal("2.50")]
    assert user_client.get(f"/import/{token}/preview/").status_code == 404  # used up


def test_confirm_can_include_duplicates(user_client, user):
    token = token_of(
        upload(
            user_client,
            "date,amount,description,category\n" + "2026-03-15,2,C,F\n" * 2,
            date_format="ymd",
            decimal=".",
        )
    )
    map_columns(user_client, token)

    user_client.post(f"/import/{token}/preview/", {"include_duplicates": "on"})

    assert Expense.objects.for_budget(budget_of(user)).count() == 2


def test_another_users_upload_is_a_404(user_client, client, other_user):
    token = token_of(upload(user_client))
    map_columns(user_client, token)
    client.force_login(other_user)

    assert client.get(f"/import/{token}/columns/").status_code == 404
    assert client.get(f"/import/{token}/preview/").status_code == 404
    assert client.post(f"/import/{token}/preview/").status_code == 404
    assert not Expense.objects.exists()


@pytest.mark.parametrize("token", ["nope", "../../etc/passwd", "a" * 32, "%2e%2e%2f" * 4])
def test_it_handles_a_bad_token(user_client, token):
    assert user_client.get(f"/import/{token}/columns/").status_code == 404


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", b"The submitted file is empty."),
        (b" \n", b"The file is empty."),
        (b"\x00\x01\x02binary", b"This is not a CSV file: it contains binary data."),
        ("date,amount\n2026-03-15,Caf\xe9\n".encode("cp1252"), b"The file is not UTF-8 text"),
        (b"," * 1_000_000, b"Line 1 has more than 50 columns."),
    ],
)
def test_it_refuses_bad_files_next_to_the_field(user_client, content, message):
    response = upload(user_client, content)

    assert response.status_code == 200
    assert message in response.content
    assert b"is-invalid" in response.content


def test_it_stops_receiving_a_file_over_the_size_cap(user_client, tmp_path):
    with mock.patch("ledger.transfer.uploads.MAX_FILE_BYTES", 1000):
        response = upload(user_client, "date,amount,description,category\n" + "x" * 2000)

    assert response.status_code == 200
    assert b"The file is larger than 10 MB." in response.content
    assert list(tmp_path.iterdir()) == []


def test_it_checks_the_size_before_reading_the_file(user_client, tmp_path):
    with mock.patch("ledger.views.imports.MAX_FILE_BYTES", 1000):
        response = upload(user_client, "date,amount,description,category\n" + "x" * 2000)

    assert response.status_code == 200
    assert b"The file is larger than 10 MB." in response.content
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_a_bad_choice(user_client):
    response = upload(user_client, date_format="yyyy")

    assert response.status_code == 200
    assert b"Select a valid choice." in response.content


def test_it_refuses_the_same_column_twice(user_client):
    token = token_of(upload(user_client))

    response = map_columns(user_client, token, amount=0)

    assert response.status_code == 200
    assert b"Choose a different column for each field." in response.content


def test_it_refuses_a_column_that_does_not_exist(user_client):
    token = token_of(upload(user_client))

    response = map_columns(user_client, token, category=9)

    assert response.status_code == 200
    assert b"Select a valid choice." in response.content


def test_the_preview_needs_the_columns_first(user_client):
    token = token_of(upload(user_client))

    response = user_client.get(f"/import/{token}/preview/")

    assert response["Location"] == f"/import/{token}/columns/"


def test_a_formula_file_shows_a_clear_error_and_imports_nothing(user_client):
    content = 'date,amount,description,category\n2026-03-15,1,"=HYPERLINK(""http://x"")",Food\n'
    token = token_of(upload(user_client, content, date_format="ymd", decimal="."))
    map_columns(user_client, token)

    response = user_client.post(f"/import/{token}/preview/")

    assert response.status_code == 200
    assert b"Line(s) 2 hold a description or category starting with =" in response.content
    assert b"Confirm the import" not in response.content
    assert not Expense.objects.exists()
    assert not Category.objects.exists()


def test_a_failure_during_confirm_stores_nothing(user_client, user):
    CategoryFactory(owner=user, name="Home")
    token = token_of(upload(user_client))
    map_columns(user_client, token)

    with mock.patch.object(Expense.objects, "bulk_create", side_effect=DatabaseError("boom")):
        response = user_client.post(f"/import/{token}/preview/")

    assert response.status_code == 200
    assert b"The import failed and nothing was stored." in response.content
    assert not Expense.objects.exists()
    assert list(Category.objects.values_list("name", flat=True)) == ["Home"]
