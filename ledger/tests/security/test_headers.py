"""Security headers on every answer, HTTPS hardening, escaping, and the API docs' CSP helper."""

import base64
import hashlib
import re

import pytest
from django.conf import settings as django_settings
from django.urls import path
from ninja import NinjaAPI, Redoc, Swagger

from ledger.security import api_docs_csp, inline_script_hashes
from ledger.tests.deployment.test_settings import STRONG_KEY, manage
from ledger.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HSTS = "max-age=31536000; includeSubDomains; preload"


def parse_policy(policy):
    """{directive: sources}; django-csp writes the directives in no fixed order."""
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def directives(response):
    return parse_policy(response["Content-Security-Policy"])


@pytest.fixture
def https_on(settings):
    """What DJANGO_HTTPS=true sets; Django reads these on every request."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


def test_pages_carry_the_content_security_policy(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert directives(response) == EXPECTED_CSP


def test_the_policy_allows_no_inline_scripts(client):
    policy = directives(client.get("/accounts/login/"))
    assert "unsafe-inline" not in policy["script-src"]
    assert "unsafe-eval" not in policy["script-src"]


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/", "/health"])
def test_every_answer_has_the_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert directives(response)["frame-ancestors"] == "'none'"


def test_signed_in_pages_have_the_headers_too(user_client):
    response = user_client.get("/accounts/password/change/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response) == EXPECTED_CSP


def test_without_https_there_is_no_hsts_and_no_redirect(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


def test_with_https_a_secure_request_gets_hsts(client, https_on):
    response = client.get("/accounts/login/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == HSTS


def test_with_https_plain_http_is_redirected(client, https_on):
    response = client.get("/accounts/login/?next=/x")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/?next=/x"


def test_with_https_the_proxy_header_marks_a_request_secure(client, https_on, settings):
    # Behind a trusted proxy only (DJANGO_TRUSTED_PROXY_COUNT > 0): see test_forwarded_proto.py.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == HSTS


def test_with_https_and_no_trusted_proxy_the_header_is_ignored(client, https_on, settings):
    settings.SECURE_PROXY_SSL_HEADER = None
    response = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"


def test_with_https_the_health_check_still_answers_plain_http(client, https_on):
    assert client.get("/health").status_code == 200


def test_with_https_the_session_cookie_is_secure_and_http_only(client, https_on):
    UserFactory(username="hana")
    response = client.post(
        "/accounts/login/", {"username": "hana", "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_with_https_the_csrf_cookie_is_secure(client, https_on):
    response = client.get("/accounts/login/", secure=True)
    assert response.cookies["csrftoken"]["secure"] is True


def test_production_settings_send_hsts_and_the_policy(tmp_path):
    """The environment, not a test override, turns the hardening on."""
    code = (
        "from django.test import Client; c = Client();"
        "r = c.get('/health', secure=True);"
        "print(r.status_code, r['Strict-Transport-Security'], sep='|');"
        "print(r['Content-Security-Policy']);"
        "r = c.get('/accounts/login/'); print(r.status_code, r['Location'], sep='|')"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={
            "DJANGO_DEBUG": "False",
            "DJANGO_SECRET_KEY": STRONG_KEY,
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'budget.db'}",
        },
    )
    assert result.returncode == 0, result.stderr
    health, policy, login = result.stdout.strip().splitlines()
    assert health == f"200|{HSTS}"
    assert parse_policy(policy) == EXPECTED_CSP
    assert login == "301|https://testserver/accounts/login/"


# Inline script the policy would block: <script> without src (data blocks aside),
# on...= event handler attributes and javascript: URLs.
BLOCKED_INLINE = re.compile(
    r"<script(?![^>]*\ssrc\s*=)(?![^>]*application/(?:ld\+)?json)[^>]*>"
    r"|\son[a-z]+\s*=|javascript:",
    re.IGNORECASE,
)


def our_templates():
    return sorted(
        path
        for folder in [django_settings.BASE_DIR / "templates", django_settings.BASE_DIR / "ledger"]
        for path in folder.rglob("*.html")
    )


def test_our_templates_need_no_inline_script():
    assert our_templates(), "no templates found"
    offenders = {
        str(path.relative_to(django_settings.BASE_DIR)): BLOCKED_INLINE.findall(path.read_text())
        for path in our_templates()
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_template_scan_spots_inline_script():
    for html in ["<script>go()</script>", '<button onclick="go()">', '<a href="javascript:go()">']:
        assert BLOCKED_INLINE.search(html), html
    for html in ['<script src="/static/app.js"></script>', '<script type="application/json">']:
        assert not BLOCKED_INLINE.search(html), html


def test_user_text_is_escaped_on_pages(client):
    user = UserFactory(username="<script>alert(1)</script>")
    client.force_login(user)
    response = client.get("/accounts/password/change/")
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_user_text_is_escaped_in_the_admin(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    UserFactory(username="mallory", first_name="<img src=x onerror=alert(1)>")
    client.force_login(admin)
    response = client.get("/admin/auth/user/?q=mallory")
    assert response.status_code == 200
    assert b"mallory" in response.content
    assert b"<img src=x onerror=alert(1)>" not in response.content
    assert b"&lt;img src=x onerror=alert(1)&gt;" in response.content


# The API docs helper, on two small django-ninja APIs served from this module.
redoc_api = NinjaAPI(
    title="Redoc test", urls_namespace="csp-redoc", docs=Redoc(), docs_decorator=api_docs_csp
)
swagger_api = NinjaAPI(
    title="Swagger test", urls_namespace="csp-swagger", docs=Swagger(), docs_decorator=api_docs_csp
)
urlpatterns = [path("redoc-api/", redoc_api.urls), path("swagger-api/", swagger_api.urls)]


def sha256_source(text):
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def test_inline_script_hashes_skip_external_scripts_and_data_blocks():
    html = (
        '<script src="/static/a.js"></script>'
        '<script type="application/json">{"a": 1}</script>'
        "<script>\n  run();\n</script>"
        "<SCRIPT type='module'>go()</SCRIPT >"
    )
    assert inline_script_hashes(html) == [sha256_source("\n  run();\n"), sha256_source("go()")]


@pytest.fixture
def ninja_docs(settings):
    # "ninja" is in INSTALLED_APPS, so django-ninja serves its vendored viewers, not a CDN's.
    assert "ninja" in settings.INSTALLED_APPS
    settings.ROOT_URLCONF = __name__


def test_redoc_runs_its_own_inline_script_by_hash_only(user_client, ninja_docs):
    response = user_client.get("/redoc-api/docs")
    assert response.status_code == 200
    inline = re.search(r"<script>(.*?)</script>", response.content.decode(), re.DOTALL)[1]
    assert "Redoc.init" in inline
    policy = directives(response)
    assert policy["script-src"] == f"'self' {sha256_source(inline)}"
    assert policy["worker-src"] == "'self' blob:"
    assert policy["frame-ancestors"] == "'none'"


def test_swagger_needs_no_inline_script(user_client, ninja_docs):
    response = user_client.get("/swagger-api/docs")
    assert response.status_code == 200
    assert b"swagger-ui-init.js" in response.content
    assert directives(response)["script-src"] == "'self'"


def test_the_openapi_schema_passes_through_the_docs_helper(user_client, ninja_docs):
    response = user_client.get("/redoc-api/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Redoc test"
    assert directives(response) == EXPECTED_CSP
