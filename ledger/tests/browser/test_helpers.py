"""The browser tests' own reading of money on a page (no browser needed)."""

from decimal import Decimal

from ledger.tests.browser.helpers import amounts_in


def test_it_reads_amounts_with_thousands_separators_and_currency():
    text = "Spent 1,445.50 USD of 1,700.00 USD allotted"
    assert amounts_in(text) == [Decimal("1445.50"), Decimal("1700.00")]


def test_it_reads_negative_amounts_in_every_spelling():
    text = "-25.00 | −25.00 | -$25.00 | $-25.00 | USD -25.00"
    assert amounts_in(text) == [Decimal("-25.00")] * 5


def test_it_skips_numbers_that_are_not_amounts():
    text = "2026-01-05 page 2 of 3, 30.1% used, 1445.50 without separators"
    assert amounts_in(text) == []
