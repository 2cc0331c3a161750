"""A real OpenID Connect provider for the single sign-on tests, started on the loopback.

`oidc_provider` (session-wide) runs ledger/tests/auth/oidc_provider/ (a tiny Django
project with django-oauth-toolkit's OpenID Connect) in its own process on the first free
port of 8281-8288, with a fresh RSA key and SQLite file; `provider_sign_in` walks its
pages like a browser would.
"""

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[3]
PORTS = range(8281, 8289)
CLIENT_ID, CLIENT_SECRET = "budget", "budget-client-secret"
PROVIDER_PASSWORD = "provider-password-1"
CALLBACK = "/accounts/oidc/oidc/login/callback/"
REDIRECT_URIS = " ".join(
    f"{origin}{CALLBACK}" for origin in ["http://testserver", "http://localhost"]
)


@dataclass
class Provider:
    server_url: str
    env: dict

    def allow_redirect(self, uri: str) -> None:
        """Let the provider send browsers back to `uri` too (a live server's own port)."""
        seed = ROOT / "ledger/tests/auth/oidc_provider/seed.py"
        subprocess.run(
            [sys.executable, str(seed), "--add-redirect", uri],
            env=self.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )

    def app_settings(self, name="Pocket ID"):
        return {
            "openid_connect": {
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [
                    {
                        "provider_id": "oidc",
                        "name": name,
                        "client_id": CLIENT_ID,
                        "secret": CLIENT_SECRET,
                        "settings": {"server_url": self.server_url},
                    }
                ],
            }
        }


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")


def _rsa_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "ledger.tests.auth.oidc_provider.settings",
        "OIDC_PROVIDER_DB": str(tmp_path_factory.mktemp("oidc") / "provider.db"),
        "OIDC_PROVIDER_RSA_KEY": _rsa_key(),
    }
    env.pop("DATABASE_URL", None)
    run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True}
    subprocess.run([sys.executable, "-m", "django", "migrate", "--noinput"], **run)
    seed = ROOT / "ledger/tests/auth/oidc_provider/seed.py"
    subprocess.run([sys.executable, str(seed), REDIRECT_URIS, CLIENT_SECRET], **run)
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server_url = f"http://127.0.0.1:{port}/o"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{server_url}/.well-known/openid-configuration", timeout=2)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the OpenID Connect provider did not start") from None
                time.sleep(0.3)
        yield Provider(server_url=server_url, env=env)
    finally:
        server.terminate()
        server.wait(timeout=10)


def provider_sign_in(authorize_url: str, username: str, stop_at: str) -> str:
    """Sign in at the provider as `username`; the redirect back to `stop_at` (the callback)."""
    browser = requests.Session()
    url = authorize_url
    for _ in range(10):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and b'name="password"' in response.content:
            response = browser.post(
                response.url,
                data={
                    "csrfmiddlewaretoken": browser.cookies["csrftoken"],
                    "username": username,
                    "password": PROVIDER_PASSWORD,
                    "next": response.url.split("next=", 1)[-1] and _next_of(response.url),
                },
                headers={"Referer": response.url},
                allow_redirects=False,
                timeout=10,
            )
        location = urljoin(url, response.headers.get("Location", ""))
        if location.startswith(stop_at):
            return location
        assert response.status_code in (301, 302), (response.status_code, response.text[:500])
        url = location
    raise AssertionError("the provider never sent the browser back")


def _next_of(url: str) -> str:
    from urllib.parse import parse_qs, urlparse

    return parse_qs(urlparse(url).query)["next"][0]
