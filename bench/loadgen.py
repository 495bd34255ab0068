"""Small load-generation helpers for the benchmarks: latency statistics, a closed-loop burst, and
starting, awaiting and stopping local servers. Loopback only; every loop is bounded."""

import asyncio
import os
import signal
import subprocess
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

# Browsers keep connections alive; ``--close`` measures the worst case of one TCP connection
# per request (set by bench/live_quiz.py before any connector is made).
KEEP_ALIVE = {"on": True}


def connector() -> aiohttp.TCPConnector:
    """Return a connector without a limit, keeping connections alive unless told otherwise."""
    return aiohttp.TCPConnector(limit=0, force_close=not KEEP_ALIVE["on"])


def percentile(values: list[float], share: float) -> float:
    """Return the value below which ``share`` (0..1) of ``values`` lie (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


@dataclass
class Stats:
    """Latencies (seconds) and statuses of a series of requests."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)

    def add(self, latency: float, status: int) -> None:
        """Record one request (status 0: no answer)."""
        self.latencies.append(latency)
        self.statuses[status] += 1

    @property
    def count(self) -> int:
        """Return the number of requests."""
        return len(self.latencies)

    def errors(self, ok: tuple[int, ...] = (200,)) -> int:
        """Return how many requests got another status than ``ok``."""
        return sum(n for status, n in self.statuses.items() if status not in ok)

    def summary(self) -> str:
        """Return p50/p95/p99/max in milliseconds and the statuses."""
        ms = [1000 * v for v in self.latencies]
        marks = " ".join(f"p{int(q * 100)} {percentile(ms, q):.0f}" for q in (0.5, 0.95, 0.99))
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items()))
        return f"{marks} max {max(ms, default=0):.0f} ms ({statuses})"


async def burst(url_of, body_of, headers_of, total: int, concurrency: int, method="PUT"):
    """Send ``total`` requests with ``concurrency`` in flight; return (Stats, seconds, bodies).

    ``url_of(i)``, ``body_of(i)`` and ``headers_of(i)`` describe request ``i``.
    """
    stats, bodies = Stats(), []
    counter = iter(range(total))
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector(), timeout=timeout) as http:

        async def worker():
            for i in counter:
                sent = time.perf_counter()
                try:
                    async with http.request(
                        method, url_of(i), json=body_of(i), headers=headers_of(i)
                    ) as response:
                        status = response.status
                        data = await response.json() if status == 200 else None
                except (TimeoutError, aiohttp.ClientError):
                    status, data = 0, None
                stats.add(time.perf_counter() - sent, status)
                bodies.append(data)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return stats, elapsed, bodies


def worker_cpu(master: subprocess.Popen) -> float:
    """Return the CPU seconds (user + system) used so far by a gunicorn master's workers.

    Measured from /proc, so it does not depend on how busy the rest of the machine is.
    """
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[1]) == master.pid:  # fields[1] is the parent's pid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def serve(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    """Start a server process whose output (the access log) goes to ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_ready(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    """Wait until ``url`` answers 200.

    :raises RuntimeError: the server died or did not answer in time.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server this benchmark started (gunicorn's master stops its workers on SIGTERM)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
