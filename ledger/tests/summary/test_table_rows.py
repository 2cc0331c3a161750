"""The rows of the summary, expense and category tables, and the expense filter's category menu."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from ledger.rules import ARCHIVED_SUFFIX
from ledger.tests.factories import CategoryFactory, ExpenseFactory

pytestmark = pytest.mark.django_db
D = Decimal
NAME = 'Tom & "Jerry" <b>'
ESCAPED = "Tom &amp; &quot;Jerry&quot; &lt;b&gt;"


def row_of(html, text):
    """The <tr> element that holds `text`."""
    end = html.index("</tr>", html.index(text))
    return html[html.rindex("<tr", 0, end) : end]


def test_summary_row_links_to_the_categorys_month_and_escapes_its_name(user_client, user):
    category = CategoryFactory(owner=user, name=NAME, limit=D("100.00"))
    ExpenseFactory(category=category, date=datetime.date(2026, 3, 2), amount=D("85.00"))
    row = row_of(user_client.get("/summary/2026-03/").content.decode(), ESCAPED)
    assert f'<a href="/expenses/?month=2026-03&amp;category={category.pk}">{ESCAPED}</a>' in row
    assert NAME not in row
    assert f'aria-label="{ESCAPED}: 85.0% used"' in row
    assert row.count('class="budget-bar warn" max="100" value="85.0"') == 2


def test_summary_row_of_an_overspent_archived_category(user_client, user):
    category = CategoryFactory(owner=user, name="Gym", limit=D("40.00"), is_archived=True)
    ExpenseFactory(category=category, date=datetime.date(2026, 3, 2), amount=D("50.00"))
    row = row_of(user_client.get("/summary/2026-03/").content.decode(), "Gym</a>")
    assert row.startswith('<tr class="over-budget">')
    assert '<span class="badge text-bg-secondary">archived</span>' in row
    assert row.count('class="budget-bar over" max="100" value="100"') == 2
    assert '<span class="bar-label">125.0%</span>' in row
    assert '<span class="money money-negative">-10.00</span>' in row


def test_summary_row_below_80_percent_has_a_plain_bar(user_client, user):
    category = CategoryFactory(owner=user, name="Books", limit=D("200.00"))
    ExpenseFactory(category=category, date=datetime.date(2026, 3, 2), amount=D("50.00"))
    row = row_of(user_client.get("/summary/2026-03/").content.decode(), "Books</a>")
    assert row.startswith("<tr>")
    assert row.count('class="budget-bar" max="100" value="25.0"') == 2
    assert "badge" not in row


def test_summary_row_without_a_limit(user_client, user):
    category = CategoryFactory(owner=user, name="Gifts", limit=D("0.00"))
    ExpenseFactory(category=category, date=datetime.date(2026, 3, 2), amount=D("5.00"))
    row = row_of(user_client.get("/summary/2026-03/").content.decode(), "Gifts</a>")
    assert row.count("no limit set") == 2
    assert "<progress" not in row


def test_expense_row_shows_date_category_description_amount_and_links(user_client, user):
    category = CategoryFactory(owner=user, name=NAME, is_archived=True)
    expense = ExpenseFactory(
        category=category, date=datetime.date(2026, 3, 5), amount=D("1234.5"), description="<i>"
    )
    row = row_of(user_client.get("/expenses/?month=2026-03").content.decode(), "2026-03-05")
    assert '<span class="d-sm-none">Mar 5</span>' in row
    assert f'{ESCAPED} <span class="badge text-bg-secondary">archived</span>' in row
    assert '<td class="d-none d-md-table-cell">&lt;i&gt;</td>' in row
    assert '<td class="num">1,234.50</td>' in row
    assert f'href="/expenses/{expense.pk}/edit/"' in row
    assert f'href="/expenses/{expense.pk}/delete/"' in row


def test_expense_row_without_a_description_shows_a_dash(user_client, category):
    ExpenseFactory(category=category, date=datetime.date(2026, 3, 5), description="")
    row = row_of(user_client.get("/expenses/?month=2026-03").content.decode(), "2026-03-05")
    assert '<td class="d-none d-md-table-cell">—</td>' in row
    assert "d-md-none" not in row


def test_category_row_marks_overspending_and_links_to_edit_and_delete(user_client, user):
    category = CategoryFactory(owner=user, name=NAME, limit=D("10.00"))
    ExpenseFactory(category=category, date=timezone.localdate(), amount=D("10.01"))
    row = row_of(user_client.get("/categories/").content.decode(), ESCAPED)
    assert '<td class="num text-danger-emphasis fw-semibold">10.01</td>' in row
    assert (
        f'href="/categories/{category.pk}/edit/">Edit<span class="visually-hidden"> {ESCAPED}'
        in row
    )
    assert f'href="/categories/{category.pk}/delete/"' in row


def test_archived_category_row_links_to_restore_and_delete(user_client, user):
    category = CategoryFactory(owner=user, name=NAME, limit=D("10.00"), is_archived=True)
    row = row_of(user_client.get("/categories/").content.decode(), ESCAPED)
    assert row.startswith('<tr class="text-body-secondary">')
    assert f'action="/categories/{category.pk}/restore/"' in row
    assert f'Restore<span class="visually-hidden"> {ESCAPED}</span>' in row
    assert f'href="/categories/{category.pk}/delete/"' in row


def test_category_menu_marks_archived_categories_and_escapes_names(user_client, user):
    active = CategoryFactory(owner=user, name=NAME)
    archived = CategoryFactory(owner=user, name="Gym", is_archived=True)
    html = user_client.get("/expenses/?month=2026-03").content.decode()
    assert f'<option value="{active.pk}">{ESCAPED}</option>' in html
    assert f'<option value="{archived.pk}">Gym{ARCHIVED_SUFFIX}</option>' in html
    assert " selected>" not in html


def test_category_menu_selects_the_filtered_category(user_client, user):
    category = CategoryFactory(owner=user, name="Rent")
    CategoryFactory(owner=user, name="Food")
    html = user_client.get(f"/expenses/?month=2026-03&category={category.pk}").content.decode()
    assert html.count(" selected>") == 1
    assert f'<option value="{category.pk}" selected>Rent</option>' in html
