"""Production settings refuse to run unsafe, and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
STRONG_KEY = "k3Yq-8vT_pZ2mN6xR4wB9cJ7hL1sD5fG0aE3uI8oP2yW6tQ4rV7nM1bX9zC5kH"


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env={"DJANGO_DEBUG": "False"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_DEBUG": "False",
            "DJANGO_SECRET_KEY": STRONG_KEY,
            "DJANGO_ALLOWED_HOSTS": "budget.example.com",
            "DJANGO_HTTPS": "true",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_https_false_turns_off_redirect_and_secure_cookies():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={"DJANGO_DEBUG": "False", "DJANGO_SECRET_KEY": STRONG_KEY, "DJANGO_HTTPS": "false"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "False", "0"]


def test_development_mode_needs_no_environment():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.DEBUG)",
        env={},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_a_sqlite_file_database_uses_wal_and_waits_for_the_write_lock(tmp_path):
    code = (
        "from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]);"
        "print(connection.transaction_mode, connection.settings_dict['OPTIONS']['timeout'])"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 'budget.db'}"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "IMMEDIATE", "20"]


def test_an_empty_database_url_means_the_embedded_default():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.DATABASES['default']['NAME'])",
        env={"DATABASE_URL": ""},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("budget.db")
