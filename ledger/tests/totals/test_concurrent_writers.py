"""Many clients writing at once through a real gunicorn: nothing is lost, nothing is locked out.

Each test starts gunicorn with several worker processes on its own database
(a SQLite file in tmp_path, or a fresh PostgreSQL database), then 8 client
threads each record expenses through the API while reading the month's
summary. Every write must answer 201, the stored count and the summary total
must be exact, and no request may fail with "database is locked".

Run them alone with `pytest -m concurrency`.
"""

import http.client
import json
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from bench.server import free_port, production_env

pytestmark = pytest.mark.concurrency

ROOT = Path(__file__).resolve().parents[3]
WORKERS = 4
CLIENTS = 8
WRITES_PER_CLIENT = 40
READ_EVERY = 4  # a summary read after every 4th write
MONTH = "2026-03"
REQUEST_TIMEOUT = 30  # seconds; longer than the SQLite busy timeout (20 s)
STARTUP_TIMEOUT = 60
RUN_TIMEOUT = 240

SETUP_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from ledger import services
from ledger.models import Category
from ledger.services.budgets import own_budget
user = get_user_model().objects.create_user("writer", password="not-used-here-42")
budget = own_budget(user=user)
category = Category.objects.create(budget=budget, name="Load", limit="1000000.00")
tokens = [
    services.issue_api_token(owner=user, budget=budget, name=f"client {{n}}")[1]
    for n in range({clients})
]
print(json.dumps({{"category_id": category.pk, "tokens": tokens}}))
"""


def amount_for(client: int, n: int) -> Decimal:
    """A different amount for every write, with cents, so a lost or doubled write shows in the sum."""
    return Decimal(f"{client + 1}{n:02d}.{(client * 37 + n * 11) % 100:02d}")


def _postgres_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def _manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


class Server:
    """A gunicorn process group serving Budget on 127.0.0.1:`port`, with its log file."""

    def __init__(self, env, log_path: Path):
        self.env = env  # for `manage.py` runs on the same database
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "budget.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--timeout",
                "60",
                "--access-logfile",
                "-",
                "--error-logfile",
                "-",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends every worker
        )

    def request(self, method, path, token=None, body=None):
        """(status, parsed JSON or text) of one request on a fresh connection."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            connection.request(
                method, path, None if body is None else json.dumps(body), headers=headers
            )
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        try:
            return response.status, json.loads(text)
        except ValueError:
            return response.status, text

    def wait_until_healthy(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited early:\n{self.log_path.read_text()}")
            try:
                if self.request("GET", "/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail(f"gunicorn did not answer /health in time:\n{self.log_path.read_text()}")

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)
        finally:
            self.log.close()


def _serve(database_url: str, tmp_path: Path):
    """Migrate the database, make the writer, start gunicorn; yield (server, setup data)."""
    env = production_env(database_url)
    _manage(env, "migrate", "--noinput")
    setup = json.loads(
        _manage(env, "shell", "-c", SETUP_SCRIPT.format(clients=CLIENTS)).strip().splitlines()[-1]
    )
    server = Server(env, tmp_path / "gunicorn.log")
    try:
        server.wait_until_healthy()
        yield server, setup
    finally:
        server.stop()


@pytest.fixture
def sqlite_server(tmp_path):
    yield from _serve(f"sqlite:///{tmp_path / 'budget.db'}", tmp_path)


def _postgres_base_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return "postgres://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def postgres_server(tmp_path):
    psycopg = pytest.importorskip("psycopg")
    base = urlsplit(_postgres_base_url())
    host, port = base.hostname or "127.0.0.1", base.port or 5432
    if not _postgres_answers(host, port):
        pytest.skip(f"no PostgreSQL server answers on {host}:{port}")
    # A database of its own, made and dropped here: never the suite's test database.
    name = os.environ.get("CONCURRENCY_DATABASE_NAME") or f"budget_conc_{secrets.token_hex(4)}"
    admin_url = urlunsplit(base._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield from _serve(urlunsplit(base._replace(path=f"/{name}")), tmp_path)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _client(server, token, category_id, client):
    """One client: record its expenses, reading the summary now and then; return every answer."""
    writes, reads = [], []
    for n in range(WRITES_PER_CLIENT):
        body = {
            "category_id": category_id,
            "amount": str(amount_for(client, n)),
            "date": f"{MONTH}-{n % 28 + 1:02d}",
            "description": f"client {client} write {n}",
        }
        writes.append(server.request("POST", "/api/expenses/", token, body))
        if n % READ_EVERY == READ_EVERY - 1:
            reads.append(server.request("GET", f"/api/summary/{MONTH}", token))
    return writes, reads


def _run_clients(server, setup):
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [
            pool.submit(_client, server, setup["tokens"][client], setup["category_id"], client)
            for client in range(CLIENTS)
        ]
        results = [future.result(timeout=RUN_TIMEOUT) for future in futures]
    writes = [answer for client_writes, _ in results for answer in client_writes]
    reads = [answer for _, client_reads in results for answer in client_reads]
    return writes, reads


def _assert_nothing_lost(server, setup):
    started = time.monotonic()
    writes, reads = _run_clients(server, setup)
    elapsed = time.monotonic() - started
    token = setup["tokens"][0]
    expected_total = sum(
        amount_for(client, n) for client in range(CLIENTS) for n in range(WRITES_PER_CLIENT)
    )

    failed_writes = [answer for answer in writes if answer[0] != 201]
    failed_reads = [answer for answer in reads if answer[0] != 200]
    assert failed_writes == []
    assert failed_reads == []
    assert len(writes) == CLIENTS * WRITES_PER_CLIENT
    assert len({body["id"] for _, body in writes}) == CLIENTS * WRITES_PER_CLIENT
    assert len(reads) == CLIENTS * (WRITES_PER_CLIENT // READ_EVERY)

    status, listed = server.request("GET", f"/api/expenses/?month={MONTH}&limit=1", token)
    assert (status, listed["count"]) == (200, CLIENTS * WRITES_PER_CLIENT)
    status, summary = server.request("GET", f"/api/summary/{MONTH}", token)
    assert status == 200
    assert Decimal(summary["total_spent"]) == expected_total
    assert [Decimal(line["spent"]) for line in summary["categories"]] == [expected_total]

    log = server.log_path.read_text()
    assert log.count("Booting worker") == WORKERS
    assert "database is locked" not in log
    assert "Traceback" not in log
    print(
        f"\n{len(writes)} writes + {len(reads)} reads by {CLIENTS} clients on {WORKERS} "
        f"workers in {elapsed:.1f} s; total {expected_total}"
    )


def test_sqlite_keeps_every_concurrent_write(sqlite_server, tmp_path):
    _assert_nothing_lost(*sqlite_server)

    # The settings' init_command really switched the file to write-ahead logging.
    with closing(sqlite3.connect(tmp_path / "budget.db")) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_postgresql_keeps_every_concurrent_write(postgres_server):
    _assert_nothing_lost(*postgres_server)
