"""X-Forwarded-Proto is believed only behind proxies we run (issue 22)."""

from ledger.tests.deployment.test_settings import manage

CODE = "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER)"
PRODUCTION = {"DJANGO_DEBUG": "False", "DJANGO_SECRET_KEY": "k" * 60}


def test_without_a_trusted_proxy_a_client_cannot_claim_https():
    result = manage("shell", "--no-imports", "-c", CODE, env=PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"


def test_behind_a_trusted_proxy_its_https_header_is_believed():
    env = {**PRODUCTION, "DJANGO_TRUSTED_PROXY_COUNT": "1"}

    result = manage("shell", "--no-imports", "-c", CODE, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"
