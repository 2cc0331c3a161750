"""Hostile bank files are read or refused in time linear in their size (issue 22).

Each shape is small here (200 kB) and timed only with a generous bound; before the
screening, these took seconds (the CDATA one about 20 s): their 10 MB versions are
timed by `bench/hostile_files.py`.
"""

import re
import time
import warnings

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ledger.models import Expense, ImportUpload
from ledger.tests.hostile_files import SHAPES
from ledger.transfer import table as table_module
from ledger.transfer.encoding import ImportFileError
from ledger.transfer.reading import read_file

SIZE = 200_000
BOUND = 1.0  # seconds of CPU; the screened reads take a few milliseconds


def read_or_refuse(data, filename):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ofxtools warns about unknown tags
        try:
            return read_file(data, filename)
        except ImportFileError as error:
            return error


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_hostile_file_is_read_or_refused_quickly(shape):
    filename, make = SHAPES[shape]
    data = make(SIZE)

    started = time.process_time()
    result = read_or_refuse(data, filename)
    spent = time.process_time() - started

    assert spent < BOUND, f"{shape}: {spent:.2f} s"
    if isinstance(result, ImportFileError):
        assert str(result).endswith(".")


@pytest.mark.parametrize(
    ("shape", "message"),
    [
        ("ofx_cdata_one_line", "too many CDATA sections on one line"),
        ("ofx_v2_cdata", "too many CDATA sections on one line"),
        ("ofx_nested_tags", "nests more than 32 levels deep"),
        ("ofx_unique_tags", "nests more than 32 levels deep"),
        ("qif_many_short_lines", "ends a record of more than 600 lines"),
        ("qif_long_payee", "line 4 is longer than 10,000 characters"),
    ],
)
def test_the_refusal_says_what_is_wrong(shape, message):
    filename, make = SHAPES[shape]

    error = read_or_refuse(make(SIZE), filename)

    assert isinstance(error, ImportFileError)
    assert message in str(error)


def test_a_long_qif_date_is_refused_before_the_date_parser():
    data = b"!Type:Bank\nD" + b"1 " * 4000 + b"\nT1.00\n^\n"

    started = time.process_time()
    error = read_or_refuse(data, "bank.qif")

    assert time.process_time() - started < BOUND
    assert str(error) == (
        "This QIF file cannot be read: line 2 holds a date longer than 40 characters."
    )


def test_a_long_qif_amount_is_refused():
    error = read_or_refuse(b"!Type:Bank\nD01/02/2024\nT" + b"9" * 500 + b"\n^\n", "bank.qif")

    assert "line 3 holds an amount longer than 40 characters" in str(error)


def test_nested_ofx_with_closed_elements_still_counts_depth():
    """OFX 2 closes every element: <A><B>x</B> opens A once, whatever B does."""
    from ledger.tests.hostile_files import OFX_V2_HEADER

    data = OFX_V2_HEADER + b"<OFX>" + b"<A><B>x</B>" * 40

    assert "nests more than 32 levels deep" in str(read_or_refuse(data, "bank.ofx"))


def test_a_csv_file_of_too_many_cells_is_refused(monkeypatch):
    monkeypatch.setattr(table_module, "MAX_CELLS", 1000)
    line = ",".join(["ab"] * 20) + "\n"
    data = ("Date,Amount,Description\n" + line * 60).encode()

    error = read_or_refuse(data, "bank.csv")

    assert str(error) == "The file has more than 1,000 cells (line 51)."


@pytest.mark.django_db
@pytest.mark.parametrize("shape", ["ofx_cdata_one_line", "qif_long_date", "csv_open_quote"])
def test_the_upload_page_refuses_a_hostile_file_and_keeps_nothing(user_client, shape):
    filename, make = SHAPES[shape]
    form = {"file": SimpleUploadedFile(filename, make(SIZE), content_type="text/plain")}

    response = user_client.post("/import/", form)

    assert response.status_code == 200
    assert re.search(rb"cannot be read|not valid CSV", response.content)
    assert ImportUpload.objects.count() == 0
    assert Expense.objects.count() == 0
