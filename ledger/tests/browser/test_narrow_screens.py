"""Long names on a phone and on a desktop (issue 24): no page scrolls sideways at 360 px with
100-character names and 255-character unbroken descriptions, and the navigation stays on one
line at 1280 px.

The budget, a category, the signed-in user, a second member, a token and an invitation have
names as long as allowed; expenses, a recurring schedule, an income note and an import row
have descriptions of 255 characters without a space. The test walks every page a person opens
(`PAGES` names every GET route, and a check fails when a route is added without it) and
measures the document's width. Saves the phone's summary, expense list and members pages.
"""

from decimal import Decimal
from pprint import pformat

import pytest
from django.urls import reverse

from ledger import services, urls
from ledger.models import Role
from ledger.months import current_month
from ledger.rules import BUDGET_NAME_MAX, CATEGORY_NAME_MAX, DESCRIPTION_MAX, TOKEN_NAME_MAX
from ledger.services import budgets as budget_services
from ledger.tests.browser.helpers import log_in, save_screenshot
from ledger.tests.factories import (
    PASSWORD,
    CategoryFactory,
    ExpenseFactory,
    MembershipFactory,
    MonthlyIncomeFactory,
    RecurringExpenseFactory,
    UserFactory,
    budget_of,
)
from ledger.transfer.table import read_table

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 780}, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
UNBROKEN = "W" * DESCRIPTION_MAX


def _long(prefix, length):
    return (prefix + "x" * length)[:length]


@pytest.fixture
def household(live_server):
    owner = UserFactory(username=_long("owner", 100))
    budget = budget_of(owner)
    budget.name = _long("Household", BUDGET_NAME_MAX)
    budget.save()
    month = current_month()
    category = CategoryFactory(
        budget=budget, name=_long("Groceries", CATEGORY_NAME_MAX), limit=Decimal("123456.78")
    )
    CategoryFactory(budget=budget, name=_long("Archived", CATEGORY_NAME_MAX), is_archived=True)
    expense = ExpenseFactory(
        category=category,
        created_by=owner,
        amount=Decimal("9876543.21"),
        date=month,
        description=UNBROKEN,
    )
    MembershipFactory(budget=budget, role=Role.EDITOR, user__username=_long("editor", 100))
    MonthlyIncomeFactory(budget=budget, month=month, note=UNBROKEN)
    recurring = RecurringExpenseFactory(
        category=category, description=UNBROKEN, start=month, today=month
    )
    services.issue_api_token(owner=owner, budget=budget, name=_long("token", TOKEN_NAME_MAX))
    _, invitation = budget_services.invite_member(budget=budget, role=Role.VIEWER, invited_by=owner)
    csv = f"Date;Amount;Description;Category\n{month:%d/%m/%Y};4,20;{UNBROKEN};{category.name}\n"
    upload = services.save_upload(
        user=owner,
        table=read_table(csv),
        size=len(csv.encode()),
        filename=_long("bank", 90) + ".csv",
        choices={},
    )
    return {
        "owner": owner,
        "budget": budget,
        "month": month,
        "category": category,
        "expense": expense,
        "recurring": recurring,
        "invitation": invitation,
        "upload": upload.token,
    }


# URL name: its kwargs from the household (every route answering GET with a page).
PAGES = {
    "home": lambda h: {},
    "summary": lambda h: {"month": h["month"]},
    "budget-month": lambda h: {"month": h["month"]},
    "category-list": lambda h: {},
    "category-create": lambda h: {},
    "category-edit": lambda h: {"pk": h["category"].pk},
    "category-delete": lambda h: {"pk": h["category"].pk},
    "expense-list": lambda h: {},
    "expense-out-of-range": lambda h: {},
    "expense-create": lambda h: {},
    "expense-edit": lambda h: {"pk": h["expense"].pk},
    "expense-delete": lambda h: {"pk": h["expense"].pk},
    "income-current": lambda h: {},
    "income": lambda h: {"month": h["month"]},
    "tokens": lambda h: {},
    "import-upload": lambda h: {},
    "import-columns": lambda h: {"token": h["upload"]},
    "import-preview": lambda h: {"token": h["upload"]},
    "backup": lambda h: {},
    "budget-list": lambda h: {},
    "budget-members": lambda h: {"budget_id": h["budget"].pk},
    "budget-settings": lambda h: {"budget_id": h["budget"].pk},
    "invitation": lambda h: {"token": h["invitation"]},
    "reports": lambda h: {},
    "report-category": lambda h: {"pk": h["category"].pk},
    "recurring-list": lambda h: {},
    "recurring-create": lambda h: {},
    "recurring-edit": lambda h: {"pk": h["recurring"].pk},
    "recurring-delete": lambda h: {"pk": h["recurring"].pk},
    "recurring-record": lambda h: {"pk": h["recurring"].pk},
}
# Not pages: a health check, files, POST-only actions; the sign-up page is walked signed out.
NOT_PAGES = {
    "health",
    "budget-create",
    "expense-export-csv",
    "backup-download",
    "token-revoke",
    "category-restore",
    "recurring-skip",
    "budget-switch",
    "budget-rename",
    "budget-delete",
    "budget-leave",
    "budget-member-role",
    "budget-member-remove",
    "budget-invitation-create",
    "budget-invitation-revoke",
}
WIDTH = """() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll("body *")]
        .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
        .filter(el => !el.parentElement.closest(".table-responsive, .overflow-auto, .visually-hidden"))
        .slice(-3).map(el => el.tagName + "." + el.className + " " + el.textContent.trim().slice(0, 30));
    return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


def test_every_page_is_walked():
    assert {p.name for p in urls.urlpatterns} == set(PAGES) | NOT_PAGES


def _walk(page, household):
    too_wide = {}
    for name, kwargs in PAGES.items():
        url = reverse(name, kwargs=kwargs(household))
        response = page.goto(url)
        assert response.status < 400, f"{url}: {response.status}"
        width = page.evaluate(WIDTH)
        if width["scroll"] > width["client"]:
            too_wide[url] = width
    return too_wide


def test_no_page_scrolls_sideways_on_a_phone(new_context, live_server, household, browser_problems):
    page = new_context(base_url=live_server.url, **PHONE).new_page()
    browser_problems.watch(page)
    log_in(page, household["owner"].username, PASSWORD)

    too_wide = _walk(page, household)
    assert not too_wide, "pages wider than the phone:\n" + pformat(too_wide)
    for name, url in [
        ("long-names-summary-phone", reverse("summary", kwargs={"month": household["month"]})),
        ("long-names-expenses-phone", reverse("expense-list")),
        ("long-names-members-phone", reverse("budget-members", args=[household["budget"].pk])),
    ]:
        page.goto(url)
        save_screenshot(page, name)
    browser_problems.assert_none()


def test_no_page_scrolls_sideways_in_dark_mode_either(
    new_context, live_server, household, browser_problems
):
    page = new_context(base_url=live_server.url, color_scheme="dark", **PHONE).new_page()
    browser_problems.watch(page)
    log_in(page, household["owner"].username, PASSWORD)

    too_wide = _walk(page, household)
    assert not too_wide, "pages wider than the phone:\n" + pformat(too_wide)
    browser_problems.assert_none()


def test_the_navigation_stays_on_one_line_at_1280(
    new_context, live_server, household, browser_problems
):
    household["owner"].is_staff = True  # the longest navigation: Admin too
    household["owner"].save()
    page = new_context(base_url=live_server.url, **DESKTOP).new_page()
    browser_problems.watch(page)
    log_in(page, household["owner"].username, PASSWORD)

    for url in ("/", reverse("expense-list"), reverse("budget-list")):
        page.goto(url)
        tops = page.evaluate(
            """() => [...document.querySelectorAll("nav[aria-label=Main] .navbar-collapse > *,"
                + " nav[aria-label=Main] .navbar-nav > .nav-item")]
                .map(el => Math.round(el.getBoundingClientRect().top + el.offsetHeight / 2))"""
        )
        assert len(set(tops)) == 1, f"{url}: the navigation wraps ({sorted(set(tops))})"
        log_out = page.get_by_role("button", name="Log out")
        box = log_out.bounding_box()
        assert log_out.is_visible()
        assert box["height"] < 40, f"{url}: Log out wraps"
        container = page.evaluate(
            "document.querySelector('nav[aria-label=Main] .container')"
            ".getBoundingClientRect().right"
        )
        assert box["x"] + box["width"] <= container, f"{url}: Log out sticks out"
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        height = page.evaluate("document.querySelector('nav[aria-label=Main]').offsetHeight")
        if height >= 80:
            save_screenshot(page, "long-names-navigation")
        assert height < 80, f"{url}: the navigation is {height}px high"
    save_screenshot(page, "long-names-navigation")
    browser_problems.assert_none()


def test_the_sign_up_page_fits_a_phone(new_context, live_server, browser_problems):
    page = new_context(base_url=live_server.url, **PHONE).new_page()
    browser_problems.watch(page)
    page.goto("/accounts/signup/")

    assert page.evaluate(WIDTH)["scroll"] <= 360
    browser_problems.assert_none()
