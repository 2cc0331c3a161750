"""The 404 and 500 pages in the site's style."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_an_unknown_page_shows_the_styled_404(user_client):
    response = user_client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "This page does not exist" in html
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html


def test_the_404_page_works_for_anonymous_visitors(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "This page does not exist" in response.content.decode()


def test_the_500_page_renders_without_a_request_context():
    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html


def test_the_500_handler_uses_the_styled_page():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
