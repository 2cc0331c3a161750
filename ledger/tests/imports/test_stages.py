"""The pure stages of the import, on small strings: no database.

bytes → text (encoding) → table (delimiter, header) → typed rows (dates, amounts, signs).
Each sample below is written for this test: one per shape of bank file in issue 13.
"""

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest

from ledger.transfer.encoding import ImportFileError, decode
from ledger.transfer.pipeline import detect_columns
from ledger.transfer.reading import read_file
from ledger.transfer.rows import Choices, type_rows
from ledger.transfer.table import MAX_COLUMNS, read_table
from ledger.transfer.values import (
    detect_date_format,
    detect_decimal_mark,
    parse_amount,
    parse_date,
)


def typed(text, encoding="utf-8", choices=None, filename="bank.csv"):
    data = text.encode(encoding) if isinstance(text, str) else text
    table = read_file(data, filename)
    return type_rows(table, detect_columns(table), choices or Choices())


def spending(result):
    return [(row.date, row.amount, row.description) for row in result.rows if not row.money_in]


def money_in(result):
    return [(row.date, row.amount) for row in result.rows if row.money_in]


# Numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "amount"),
    [
        ("-12.50", ".", "-12.50"),
        ("12,50", ",", "12.50"),
        ("-1.045,90", ",", "-1045.90"),
        ("1,234.56", ".", "1234.56"),
        ("1 234,50", ",", "1234.50"),
        ("1\u00a0234,50", ",", "1234.50"),
        ("1\u202f234,50", ",", "1234.50"),
        ("12'300.00", ".", "12300.00"),
        ("(45.00)", ".", "-45.00"),
        ("$103.00", ".", "103.00"),
        ("-123,45 €", ",", "-123.45"),
        ("EUR 12.00", ".", "12.00"),
        ("12.00 CHF", ".", "12.00"),
        ("9,90-", ",", "-9.90"),
        ("+5", ".", "5.00"),
    ],
)
def test_it_reads_amounts_as_banks_write_them(text, decimal, amount):
    assert parse_amount(text, decimal) == Decimal(amount)


def test_an_empty_amount_is_none():
    assert parse_amount("  ", ".") is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("abc", "bad amount 'abc' (expected a number like 1,234.56)"),
        ("1,23", "bad amount '1,23' (expected a number like 1,234.56)"),
        ("NaN", "bad amount 'NaN' (expected a number like 1,234.56)"),
        ("12.345", "too many decimals in '12.345' (at most 2)"),
        ("10000000000.00", "amount '10000000000.00' is too large"),
        ("(45.00", "bad amount '(45.00' (expected a number like 1,234.56)"),
    ],
)
def test_it_refuses_unreadable_amounts(text, reason):
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_amount(text, ".")


@pytest.mark.parametrize(
    ("values", "mark"),
    [
        (["-12.50", "3"], "."),
        (["12,50", "3"], ","),
        (["1.045,90", "1.000"], ","),
        (["1,234.56", "4,884"], "."),
        (["1 234,5"], ","),
        (["11'373.94"], "."),
    ],
)
def test_it_detects_the_decimal_mark_from_the_column(values, mark):
    assert detect_decimal_mark(values).value == mark


def test_a_column_that_cannot_tell_uses_the_last_import():
    detected = detect_decimal_mark(["1,234", "2,500"], fallback=",")

    assert (detected.value, detected.ambiguous) == (",", True)


# Dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "date_format", "first"),
    [
        (["2026-03-05"], "ymd", date(2026, 3, 5)),
        (["2026/03/05"], "ymd", date(2026, 3, 5)),
        (["05/03/2026", "25/03/2026"], "dmy", date(2026, 3, 5)),
        (["03/05/2026", "03/25/2026"], "mdy", date(2026, 3, 5)),
        (["05.03.2026", "13.03.2026"], "dmy", date(2026, 3, 5)),
        (["05-03-2026", "31-03-2026"], "dmy", date(2026, 3, 5)),
        (["05.03.26", "20.03.26"], "dmy", date(2026, 3, 5)),
        (["3/7/16", "3/17/16"], "mdy", date(2016, 3, 7)),
        (["06 May 2020"], "dmy", date(2020, 5, 6)),
        (["May 6, 2020"], "dmy", date(2020, 5, 6)),
        (["23-Jan-15"], "dmy", date(2015, 1, 23)),
        (["2026-03-02 14:21:05"], "ymd", date(2026, 3, 2)),
        (["2026-03-02T14:21:05Z"], "ymd", date(2026, 3, 2)),
        (["2026-03-02T14:21:05+01:00"], "ymd", date(2026, 3, 2)),
    ],
)
def test_it_detects_the_date_format_from_the_whole_column(values, date_format, first):
    detected = detect_date_format(values)

    assert detected.value == date_format
    assert not detected.ambiguous
    assert parse_date(values[0], detected.value) == first


def test_an_ambiguous_column_defaults_to_day_first_and_says_so():
    detected = detect_date_format(["05/03/2026", "06/03/2026"])

    assert (detected.value, detected.ambiguous) == ("dmy", True)


def test_an_ambiguous_column_defaults_to_the_last_import():
    assert detect_date_format(["05/03/2026"], fallback="mdy").value == "mdy"


def test_dotted_dates_are_never_month_first():
    assert detect_date_format(["05.03.2026"], fallback="mdy").value == "dmy"


@pytest.mark.parametrize(
    ("text", "reason"),
    [("2026-02-30", "no such day"), ("31/31/2026", "no such day"), ("soon", "bad date")],
)
def test_it_refuses_impossible_dates(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(text, "ymd" if text.startswith("2026") else "dmy")


# Encodings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Café;1\n".encode(), "UTF-8"),
        ("\ufeffCafé;1\n".encode(), "UTF-8 with BOM"),
        ("Café\t1\n".encode("utf-16"), "UTF-16"),
        ("Café Müller Straße;€ 1\n".encode("cp1252"), "Windows-1252"),
    ],
)
def test_it_detects_the_encoding(data, encoding):
    text = decode(data)

    assert text.encoding == encoding
    assert text.text.lstrip("\ufeff").startswith("Caf")
    assert "é" in text.text


def test_a_latin1_file_reads_its_accents():
    result = typed("Datum;Betrag;Empfänger\n05.03.2026;-3,20;Bäckerei Müller\n", "latin-1")

    assert result.encoding == "Windows-1252"
    assert spending(result) == [(date(2026, 3, 5), Decimal("3.20"), "Bäckerei Müller")]


def test_a_utf16_spreadsheet_export_with_tabs_reads():
    text = "Date\tAmount\tDescription\r\n2026-03-05\t-4.10\tTea\r\n"

    result = typed(text.encode("utf-16"))

    assert result.encoding == "UTF-16"
    assert result.table.delimiter == "\t"
    assert spending(result) == [(date(2026, 3, 5), Decimal("4.10"), "Tea")]


# Layout ----------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_it_sniffs_the_delimiter(delimiter):
    text = delimiter.join(["Date", "Amount", "Memo"]) + "\n"
    text += delimiter.join(["2026-03-05", "-1.50", "Bus"]) + "\n"

    assert read_table(text).delimiter == delimiter


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_line_ending_reads(newline):
    text = newline.join(["Date,Amount,Memo", "2026-03-05,-1.50,Bus", "2026-03-06,-2.50,Tram", ""])

    result = typed(text)

    assert [row.amount for row in result.rows] == [Decimal("1.50"), Decimal("2.50")]


def test_it_finds_the_header_after_a_preamble():
    text = (
        "Account;DE12 3456\n"
        "\n"
        "Balance;1.234,56 €\n"
        "Period;01.03.2026 - 31.03.2026\n"
        "\n"
        "Buchungstag;Verwendungszweck;Betrag\n"
        "05.03.2026;Bäcker;-3,20\n"
    )

    result = typed(text)

    assert result.table.header_line == 6
    assert spending(result) == [(date(2026, 3, 5), Decimal("3.20"), "Bäcker")]


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        ("Buchungstag;Betrag;Verwendungszweck", ("date", "amount", "description")),
        ("Date;Montant;Libellé", ("date", "amount", "description")),
        ("Fecha;Importe;Concepto", ("date", "amount", "description")),
        ("Data;Importo;Descrizione", ("date", "amount", "description")),
        ("Datum;Bedrag;Omschrijving", ("date", "amount", "description")),
        ("Data;Valor;Descrição", ("date", "amount", "description")),
        ("Bokföringsdag;Belopp;Text", ("date", "amount", "description")),
        ("POSTING DATE;Amount;Payee", ("date", "amount", "payee")),
        ("Transaction Date;Memo;AMOUNT", ("date", "description", "amount")),
    ],
)
def test_it_recognises_header_names_in_many_languages(header, fields):
    table = read_table(header + "\n")

    columns = detect_columns(table).as_dict()

    assert [columns[field] for field in fields] == [0, 1, 2]


def test_a_file_without_a_header_is_read_from_its_first_row():
    table = read_table("2026-03-05,4.00,Tea\n")

    assert table.header_index is None
    assert [cells for _, cells in table.data_records()] == [["2026-03-05", "4.00", "Tea"]]


def test_trailing_empty_columns_ragged_rows_and_repeated_headers_are_fine():
    text = (
        "Date,Amount,Memo,,\n"
        "2026-03-05,-1.50,Bus,,\n"
        "2026-03-06,-2.50\n"
        "Date,Amount,Memo\n"
        "2026-03-07,-3.50,Tram,extra,cells,here\n"
    )

    result = typed(text)

    assert spending(result) == [
        (date(2026, 3, 5), Decimal("1.50"), "Bus"),
        (date(2026, 3, 6), Decimal("2.50"), ""),
        (date(2026, 3, 7), Decimal("3.50"), "Tram"),
    ]
    assert result.errors == []


# Signs -------------------------------------------------------------------------------


def test_on_a_bank_statement_negative_amounts_are_spending():
    text = (
        "Date,Amount,Memo\n2026-03-01,2500.00,Salary\n2026-03-02,-12.50,Bread\n2026-03-03,-3,Bus\n"
    )

    result = typed(text)

    assert result.sign_rule.spending == "negative"
    assert spending(result) == [
        (date(2026, 3, 2), Decimal("12.50"), "Bread"),
        (date(2026, 3, 3), Decimal("3.00"), "Bus"),
    ]
    assert money_in(result) == [(date(2026, 3, 1), Decimal("2500.00"))]


def test_on_a_card_statement_positive_amounts_are_spending():
    text = "Date,Amount,Memo\n2026-03-02,12.50,Bread\n2026-03-03,3,Bus\n2026-03-04,-100,Payment\n"

    result = typed(text)

    assert result.sign_rule.spending == "positive"
    assert [row.amount for row in result.rows if not row.money_in] == [
        Decimal("12.50"),
        Decimal("3.00"),
    ]
    assert money_in(result) == [(date(2026, 3, 4), Decimal("100.00"))]


def test_the_user_can_flip_the_sign_rule():
    text = "Date,Amount,Memo\n2026-03-02,12.50,Bread\n2026-03-03,-3,Refund\n2026-03-04,1,Gum\n"

    result = typed(text, choices=Choices(spending="flip"))

    assert spending(result) == [(date(2026, 3, 3), Decimal("3.00"), "Refund")]


def test_the_user_can_name_the_spending_sign():
    text = "Date,Amount,Memo\n2026-03-02,12.50,Bread\n2026-03-03,14,Bus\n2026-03-04,-3,Refund\n"

    result = typed(text, choices=Choices(spending="negative"))

    assert spending(result) == [(date(2026, 3, 4), Decimal("3.00"), "Refund")]


@pytest.mark.parametrize(
    ("debit", "credit"),
    [("Debit", "Credit"), ("Belastung", "Gutschrift"), ("Débit", "Crédit"), ("Soll", "Haben")],
)
def test_a_debit_column_is_spending_and_a_credit_column_is_money_in(debit, credit):
    text = f"Date;Memo;{debit};{credit}\n05.03.2026;Bread;12,50;\n06.03.2026;Salary;;2.500,00\n"

    result = typed(text)

    assert result.sign_rule.kind == "columns"
    assert spending(result) == [(date(2026, 3, 5), Decimal("12.50"), "Bread")]
    assert money_in(result) == [(date(2026, 3, 6), Decimal("2500.00"))]


@pytest.mark.parametrize(("out", "in_"), [("DEBIT", "CREDIT"), ("D", "C"), ("Ausgang", "Eingang")])
def test_a_type_column_decides(out, in_):
    text = f"Date,Amount,Type,Memo\n3/7/16,12.50,{out},Bread\n3/17/16,2500.00,{in_},Salary\n"

    result = typed(text)

    assert result.sign_rule.kind == "direction"
    assert spending(result) == [(date(2016, 3, 7), Decimal("12.50"), "Bread")]
    assert money_in(result) == [(date(2016, 3, 17), Decimal("2500.00"))]


# Text ------------------------------------------------------------------------------


def test_a_long_description_is_shortened_not_refused():
    result = typed(f"Date,Amount,Memo\n2026-03-05,-1,{'d' * 300}\n")

    row = result.rows[0]
    assert row.shortened
    assert len(row.description) == 255
    assert row.description.endswith("…")
    assert result.shortened == 1


@pytest.mark.parametrize("memo", ["-SEPA transfer", "+49 30 1234", "=HYPERLINK(x)", "@home"])
def test_text_starting_with_formula_characters_is_kept_as_it_is(memo):
    result = typed(f'Date,Amount,Memo\n2026-03-05,-1,"{memo}"\n')

    assert result.rows[0].description == memo


def test_payee_and_memo_make_the_description():
    result = typed("Date;Payee;Memo;Amount\n05.03.2026;REWE;Card  0421;-3,20\n")

    assert result.rows[0].description == "REWE – Card 0421"


# Refused rows and files ----------------------------------------------------------------


def test_it_lists_every_problem_of_a_row_with_its_line():
    result = typed("Date,Amount,Memo\n2026-03-15,-1.00,ok\n\nnope,abc,x\n2026-03-16,0,zero\n")

    assert [(error.line, error.reason) for error in result.errors] == [
        (
            4,
            "bad date 'nope' (expected YYYY-MM-DD); bad amount 'abc' (expected a number like 1,234.56)",
        ),
        (5, "zero amount (neither money out nor in)"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\n \r\n", "The file is empty."),
        (b"\xef\xbb\xbf", "The file is empty."),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "This is not a CSV file: it contains binary data.",
        ),
        (b"a," * MAX_COLUMNS + b"a\n", f"Line 1 has more than {MAX_COLUMNS} columns."),
        (b"a,b\n" + b"," * 1_000_000 + b"\n", f"Line 2 has more than {MAX_COLUMNS} columns."),
        (b"a,b\r" + b"c,d\r" * 100, None),
        (
            b'a,"' + b"x" * 200_000 + b'"\n',
            "Line 1 is not valid CSV: field larger than field limit",
        ),
    ],
)
def test_it_refuses_bad_files(data, message):
    if message is None:  # a CR-only file is many short lines, not one wide one
        assert len(read_file(data).records) == 101
        return
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_file(data)


def test_it_refuses_a_file_over_the_size_cap():
    with pytest.raises(ImportFileError, match="The file is larger than 10 MB."):
        read_file(b"x" * (10 * 1024 * 1024 + 1))


def test_it_refuses_too_many_rows():
    with mock.patch("ledger.transfer.table.MAX_ROWS", 3):
        read_file(("Date,Amount\n" + "2026-03-15,1\n" * 3).encode())
        with pytest.raises(ImportFileError, match="The file has more than 3 rows."):
            read_file(("Date,Amount\n" + "2026-03-15,1\n" * 4).encode())


# OFX and QIF ---------------------------------------------------------------------------

OFX = """OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:USASCII
CHARSET:1252
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>
<DTSERVER>20260331120000<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>123<ACCTID>456<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20260301<DTEND>20260331
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260302<TRNAMT>-12.50<FITID>1<NAME>Bakery<MEMO>Bread</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260303<TRNAMT>-30.00<FITID>2<NAME>Rail</STMTTRN>
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260305<TRNAMT>2500.00<FITID>3<NAME>Employer</STMTTRN>
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260306<TRNAMT>5.00<FITID>4<NAME>Refund</STMTTRN>
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260307<TRNAMT>6.00<FITID>5<NAME>Refund</STMTTRN>
</BANKTRANLIST><LEDGERBAL><BALAMT>100.00<DTASOF>20260331</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>
</OFX>
"""

QIF = "!Type:Bank\nD25/03/2026\nT-12.50\nPBakery\nMBread\nLFood\n^\nD26/03/2026\nT2,500.00\nPEmployer\n^\n"


def test_an_ofx_statement_reads_negative_as_money_out_even_when_most_rows_are_in():
    result = typed(OFX, filename="bank.ofx")

    assert result.table.source == "OFX"
    assert spending(result) == [
        (date(2026, 3, 2), Decimal("12.50"), "Bakery – Bread"),
        (date(2026, 3, 3), Decimal("30.00"), "Rail"),
    ]
    assert len(money_in(result)) == 3


def test_a_qif_file_reads_with_its_day_first_dates_and_categories():
    result = typed(QIF, filename="bank.qif")

    assert result.table.source == "QIF"
    assert spending(result) == [(date(2026, 3, 25), Decimal("12.50"), "Bakery – Bread")]
    assert result.rows[0].category == "Food"
    assert money_in(result) == [(date(2026, 3, 26), Decimal("2500.00"))]


def test_a_broken_ofx_file_is_refused_with_a_message():
    with pytest.raises(ImportFileError, match="This OFX file cannot be read"):
        read_file(b"OFXHEADER:100\n<OFX><nonsense", "bank.ofx")
