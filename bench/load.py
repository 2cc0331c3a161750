"""Concurrent HTTP load: wrk (Debian's package) when present, else a small Python loop.

Both answer the same dict: requests, rps, p50_ms, p95_ms, max_ms, status_errors
(answers 400 and above), socket_errors.
"""

import http.client
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

WRK_SCRIPT = Path(__file__).resolve().parent / "wrk.lua"


def ensure_wrk():
    """The path of wrk, installing Debian's package first when it is missing and we are root."""
    path = shutil.which("wrk")
    if path:
        return path
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("wrk is missing and cannot be installed here (needs root and apt-get).")
        return None
    print("wrk is missing: installing Debian's package (apt-get update && apt-get install -y wrk)")
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
    return shutil.which("wrk")


def probe(base_url, method, path, headers, body=None):
    """The status of a single request, so a 404 or a redirect to the login is never timed as fast."""
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def run_wrk(wrk, base_url, method, path, headers, body, duration, threads, connections):
    command = [
        wrk,
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={max(1, round(duration))}s",
        "--timeout=30s",
        f"--script={WRK_SCRIPT}",
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    command.append(base_url + path)
    env = dict(os.environ, BENCH_METHOD=method, BENCH_BODY=body or "")
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_RESULT "))
    requests, duration_us, p50, p95, worst, status_errors, socket_errors = map(
        int, line.split()[1:]
    )
    return {
        "requests": requests,
        "rps": round(requests / (duration_us / 1e6), 1),
        "p50_ms": round(p50 / 1000, 2),
        "p95_ms": round(p95 / 1000, 2),
        "max_ms": round(worst / 1000, 2),
        "status_errors": status_errors,
        "socket_errors": socket_errors,
    }


def run_python(base_url, method, path, headers, body, duration, threads, connections):
    """A small fallback load loop: `connections` threads, each with its own connection."""
    host, port = base_url.removeprefix("http://").split(":")
    latencies, counts = [], {"status_errors": 0, "socket_errors": 0}
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def worker():
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        mine, status_errors, socket_errors = [], 0, 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                socket_errors += 1
                connection.close()
                continue
            mine.append(time.perf_counter() - started)
            status_errors += response.status >= 400
        connection.close()
        with lock:
            latencies.extend(mine)
            counts["status_errors"] += status_errors
            counts["socket_errors"] += socket_errors

    started = time.perf_counter()
    workers = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def percentile(share):
        if not latencies:
            return 0.0
        return round(latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000, 2)

    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "max_ms": round(latencies[-1] * 1000, 2) if latencies else 0.0,
        **counts,
    }
