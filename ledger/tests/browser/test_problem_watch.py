"""The watch every browser test keeps for JavaScript errors and failed requests."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("screen", ["desktop"])]

ADD_STYLESHEET = """href => new Promise(resolve => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.onload = link.onerror = resolve;
    document.head.append(link);
})"""


def test_it_records_a_missing_static_file(page, browser_problems, live_server):
    page.goto("/accounts/login/")

    page.evaluate(ADD_STYLESHEET, "/static/css/missing.css")

    assert f"HTTP 404: {live_server.url}/static/css/missing.css" in browser_problems.problems
    browser_problems.problems.clear()


def test_it_records_a_request_that_failed(page, browser_problems):
    page.route("**/static/css/app.css", lambda route: route.abort())

    page.goto("/accounts/login/")

    assert len(browser_problems.problems) == 1
    assert browser_problems.problems[0].startswith("request failed: ")
    assert "/static/css/app.css" in browser_problems.problems[0]
    browser_problems.problems.clear()


def test_it_records_an_uncaught_javascript_error(page, browser_problems):
    page.goto("/accounts/login/")

    with page.expect_event("pageerror"):
        page.evaluate("setTimeout(() => { throw new Error('boom'); })")

    assert browser_problems.problems == ["JavaScript error: boom"]
    browser_problems.problems.clear()


def test_it_records_a_console_error(page, browser_problems):
    page.goto("/accounts/login/")

    with page.expect_console_message():
        page.evaluate("console.error('something broke')")

    assert len(browser_problems.problems) == 1
    assert browser_problems.problems[0].startswith("console error: something broke")
    browser_problems.problems.clear()


def test_a_page_answering_404_is_left_to_the_test(page, browser_problems):
    response = page.goto("/no-such-page/")

    assert response.status == 404
    assert browser_problems.problems == []


def test_a_clean_page_records_nothing(page, browser_problems):
    page.goto("/accounts/login/")

    assert browser_problems.problems == []
