#!/usr/bin/env python3
"""Docker HEALTHCHECK: exit 0 when GET /health answers 200, 1 otherwise.

The request carries a Host header Django accepts (the first of
DJANGO_ALLOWED_HOSTS): a bare 127.0.0.1 would be refused with 400 whenever the
allowed hosts name only the public domain.
"""

import os
import sys
import urllib.request


def allowed_host() -> str:
    hosts = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")]
    for host in hosts:
        if host and host != "*":
            # ".example.com" allows every subdomain, and the domain itself.
            return host.lstrip(".")
    return "localhost"


def main() -> int:
    url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/health"
    request = urllib.request.Request(url, headers={"Host": allowed_host()})
    try:
        with urllib.request.urlopen(request, timeout=4) as response:
            return 0 if response.status == 200 else 1
    except OSError as error:  # URLError, HTTPError (503) and timeouts are all OSErrors
        print(f"health check failed: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
