"""The bank import in Chromium, at desktop and phone size: upload, preview, confirm."""

import re

import pytest
from playwright.sync_api import expect

from ledger.models import Expense
from ledger.tests.browser.helpers import save_screenshot, screenshot_name, sign_up
from ledger.tests.factories import PASSWORD

pytestmark = pytest.mark.browser

BANK = (
    "Umsatzanzeige;Girokonto\n"
    "Zeitraum;01.03.2026 - 31.03.2026\n"
    "\n"
    "Buchung;Auftraggeber/Empfänger;Verwendungszweck;Betrag;Währung\n"
    "02.03.2026;REWE Markt;Kartenzahlung 0421;-23,45;EUR\n"
    "03.03.2026;Stadtwerke;Abschlag Strom März " + "Vertragskonto 1234 " * 14 + ";-48,00;EUR\n"
    "05.03.2026;Arbeitgeber GmbH;Gehalt März;2.500,00;EUR\n"
    "07.03.2026;Vermieter;Miete März;-1.045,90;EUR\n"
    "09.03.2026;Deutsche Bahn;-Ticket Berlin;-39,90;EUR\n"
)


def no_sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def upload_bank_file(page, tmp_path):
    path = tmp_path / "girokonto.csv"
    path.write_bytes(BANK.encode("cp1252"))
    page.goto("/import/")
    page.set_input_files("[name=file]", str(path))
    page.fill("[name=default_category]", "Bank")
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and preview").click()


def test_a_bank_file_goes_from_upload_to_preview_to_expenses(page, screen, tmp_path):
    sign_up(page, "alice", PASSWORD)
    page.goto("/import/")
    expect(page.get_by_label("Default category")).to_be_visible()
    assert no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("import-upload", screen))

    upload_bank_file(page, tmp_path)

    expect(page).to_have_url(re.compile(r"/import/[\w-]+/preview/$"))
    expect(page.locator("#count-import")).to_have_text("4")
    expect(page.locator("#count-incoming")).to_have_text("1")
    expect(page.locator("#detected-encoding")).to_have_text("Windows-1252")
    expect(page.locator("#sign-rule")).to_contain_text("Negative amounts are spending")
    expect(page.locator("#shortened")).to_contain_text("1 description(s)")
    assert no_sideways_scroll(page)
    save_screenshot(page, screenshot_name("import-preview", screen))

    page.fill("[name=category_8]", "Rent")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm the import").click()

    expect(page.get_by_role("status")).to_contain_text("Imported 4 expense(s); left out 1")
    stored = dict(Expense.objects.values_list("description", "category__name"))
    assert stored["Vermieter – Miete März"] == "Rent"
    assert len(stored) == 4


def test_the_preview_reads_in_dark_mode(page, tmp_path):
    page.emulate_media(color_scheme="dark")
    sign_up(page, "bob", PASSWORD)

    upload_bank_file(page, tmp_path)

    assert page.evaluate("document.documentElement.getAttribute('data-bs-theme')") == "dark"
    expect(page.locator("#count-import")).to_have_text("4")
    assert no_sideways_scroll(page)
    save_screenshot(page, "import-preview-dark")
