"""Load on the real server: one gunicorn instance, then two behind nginx (the deploy/ config).

A realistic mix of pages (start, a question, /the-numbers, /summary with a finished journey's
cookie, /healthz) with about 5 % PDFs, from N keep-alive connections for S seconds, on loopback.
Prints errors by status (a 503 from the PDF render bound is counted, not hidden), latency
percentiles overall and for pages while a PDF was in flight, gunicorn worker memory before and
after, and the throughput ratio of two instances to one.

The PDF rate limit is raised for the run: at this load it would otherwise turn most PDFs into
429s and measure the limiter, not the server. The load generator shares the machine's cores
with the servers, so absolute numbers are low; compare the rows of one run.

Usage: .venv/bin/python bench/load.py [--seconds 60] [--connections 50] [--targets one,two]
       make bench ARGS="--seconds 10 --connections 20"
"""

import argparse
import http.client
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.servers import LOOPBACK  # noqa: E402
from tests.servers import random_secret  # noqa: E402
from tests.servers import rss_kib  # noqa: E402
from tests.servers import start_gunicorn  # noqa: E402
from tests.servers import start_nginx  # noqa: E402
from tests.servers import start_redis  # noqa: E402

# (path, needs the finished journey's cookie, weight). PDFs are 5 of 100.
MIX = [
    ("/", False, 20),
    ("/transplant", True, 20),
    ("/the-numbers", True, 20),
    ("/summary", True, 20),
    ("/healthz", False, 15),
    ("/handout.pdf", False, 3),
    ("/summary.pdf", True, 2),
]
PDF_PATHS = {path for path, _cookie, _weight in MIX if path.endswith(".pdf")}
UNLIMITED = "100000 per minute"


@dataclass
class Result:
    """One request: what, how it ended, how long it took, and whether a PDF was in flight."""

    path: str
    status: object
    seconds: float
    during_pdf: bool


@dataclass
class Run:
    """Shared state of one load run."""

    host: str
    port: int
    cookie: str
    deadline: float
    results: list = field(default_factory=list)
    pdfs_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def request(connection, path, headers):
    """One GET on a keep-alive connection; returns the status and drains the body."""
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def client(run, seed):
    """One connection: weighted random requests until the deadline."""
    # Seeded so runs are comparable; nothing secret is drawn here.
    chooser = random.Random(seed)  # noqa: S311
    paths = [path for path, _cookie, _weight in MIX]
    weights = [weight for _path, _cookie, weight in MIX]
    cookies = {path: needs for path, needs, _weight in MIX}
    connection = http.client.HTTPConnection(run.host, run.port, timeout=60)
    mine = []
    try:
        while time.monotonic() < run.deadline:
            path = chooser.choices(paths, weights)[0]
            headers = {"Host": f"{LOOPBACK}:{run.port}", "Accept-Encoding": "gzip"}
            if cookies[path]:
                headers["Cookie"] = run.cookie
            is_pdf = path in PDF_PATHS
            with run.lock:
                during_pdf = run.pdfs_in_flight > 0
                run.pdfs_in_flight += is_pdf
            started = time.monotonic()
            try:
                try:
                    status = request(connection, path, headers)
                except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                    # The server closed an idle keep-alive connection: reconnect once, as browsers do.
                    connection.close()
                    status = request(connection, path, headers)
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                connection.close()
            finally:
                with run.lock:
                    run.pdfs_in_flight -= is_pdf
            mine.append(Result(path, status, time.monotonic() - started, during_pdf))
    finally:
        connection.close()
    with run.lock:
        run.results.extend(mine)


def finished_cookie(host, port):
    """The session cookie of a finished journey, made by walking it through the server."""
    import requests

    from tests.test_scale_out import Walker

    with requests.Session() as session:
        session.trust_env = False
        walker = Walker(session, f"http://{host}:{port}")
        last = walker.walk(walker.start())
        assert last.url.endswith("/check-answers"), f"the walk stopped at {last.url}"
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in session.cookies)


def worker_memory(apps):
    """Total RSS in MiB of the gunicorn workers, and of their PDF render processes."""
    workers = sum(rss_kib(pid) for app in apps for pid in app.worker_pids())
    renders = sum(rss_kib(pid) for app in apps for pid in app.render_pids())
    return workers / 1024, renders / 1024


def percentiles(seconds):
    """p50, p95 and p99 in milliseconds (dashes when there are too few)."""
    if len(seconds) < 2:
        return ["-", "-", "-"]
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return [f"{cuts[index] * 1000:.0f}" for index in (49, 94, 98)]


WARM_UP_SECONDS = 15


def load(host, port, apps, seconds, connections):
    """Warm up, measure memory, run the load, measure memory again; return the numbers."""
    cookie = finished_cookie(host, port)
    # Warm-up at the same concurrency as the run, so every thread, render worker and cache has
    # started before memory is read: the growth measured is the soak's, not the start-up's.
    warm = Run(host, port, cookie, time.monotonic() + WARM_UP_SECONDS)
    warmers = [threading.Thread(target=client, args=(warm, seed), daemon=True) for seed in range(connections)]
    for thread in warmers:
        thread.start()
    for thread in warmers:
        thread.join(timeout=WARM_UP_SECONDS + 90)
    before = worker_memory(apps)
    run = Run(host, port, cookie, time.monotonic() + seconds)
    threads = [threading.Thread(target=client, args=(run, seed), daemon=True) for seed in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 90)
    elapsed = time.monotonic() - started
    after = worker_memory(apps)
    return summarise(run.results, elapsed, before, after)


def summarise(results, elapsed, before, after):
    """The row for the table."""
    pages = [r for r in results if r.path not in PDF_PATHS]
    pdfs = [r for r in results if r.path in PDF_PATHS]
    ok = [r for r in results if r.status == 200]
    errors = Counter(str(r.status) for r in results if r.status != 200)
    return {
        "requests": len(results),
        "rps": len(ok) / elapsed,
        "pdfs": f"{sum(r.status == 200 for r in pdfs)}/{len(pdfs)}",
        "errors": ", ".join(f"{status}×{count}" for status, count in sorted(errors.items())) or "none",
        "all": percentiles([r.seconds for r in ok]),
        "pages": percentiles([r.seconds for r in pages if r.status == 200]),
        "pages_pdf": percentiles([r.seconds for r in pages if r.status == 200 and r.during_pdf]),
        "pdf": percentiles([r.seconds for r in pdfs if r.status == 200]),
        "memory": growth(before[0], after[0]),
        "renders": f"{before[1]:.0f}→{after[1]:.0f}",
    }


def growth(before, after):
    """Memory before → after, and the growth in per cent."""
    if not before:
        return "-"
    return f"{before:.0f}→{after:.0f} ({(after / before - 1) * 100:+.0f} %)"


def one_instance(work, secret, workers):
    """One gunicorn instance (the repository's settings, memory:// rate limit), direct."""
    app = start_gunicorn(work, secret_key=secret, name="one", env=app_env(workers))
    return [app], (LOOPBACK, app.port), [app]


def two_instances(work, secret, workers):
    """Two instances behind nginx, sharing Redis, as deploy/ sets them up."""
    redis_server = start_redis(work)
    started = [redis_server]
    try:
        env = app_env(workers) | {
            "FLASK_PROXY_COUNT": "1",
            "FLASK_TRUSTED_HOSTS": f'["{LOOPBACK}"]',
            "FLASK_RATELIMIT_STORAGE_URI": redis_server.url,
        }
        apps = [start_gunicorn(work, secret_key=secret, name=name, env=env) for name in ("two-a", "two-b")]
        started.extend(apps)
        (work / "nginx").mkdir()
        nginx = start_nginx(work / "nginx", [app.port for app in apps])
        started.append(nginx)
    except BaseException:
        for process in reversed(started):
            process.stop()
        raise
    return started, (LOOPBACK, nginx.port), apps


def app_env(workers):
    """Settings for a bench instance."""
    return {"WEB_CONCURRENCY": str(workers), "FLASK_PDF_RATE_LIMIT": UNLIMITED}


def print_table(rows, seconds, connections):
    """The results as a plain-text table."""
    print(f"\n{seconds} s, {connections} connections, about 5 % PDFs; latencies in ms (p50/p95/p99)")
    columns = [
        ("setup", lambda name, row: name),
        ("requests", lambda name, row: str(row["requests"])),
        ("ok req/s", lambda name, row: f"{row['rps']:.0f}"),
        ("PDFs ok", lambda name, row: row["pdfs"]),
        ("errors by status", lambda name, row: row["errors"]),
        ("all", lambda name, row: "/".join(row["all"])),
        ("pages", lambda name, row: "/".join(row["pages"])),
        ("pages, PDF in flight", lambda name, row: "/".join(row["pages_pdf"])),
        ("PDFs", lambda name, row: "/".join(row["pdf"])),
        ("worker RSS MiB", lambda name, row: row["memory"]),
        ("render RSS MiB", lambda name, row: row["renders"]),
    ]
    table = [[header for header, _cell in columns]]
    table += [[cell(name, row) for _header, cell in columns] for name, row in rows.items()]
    widths = [max(len(line[index]) for line in table) for index in range(len(columns))]
    for number, line in enumerate(table):
        print("  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))
    if "one instance" in rows and "two behind nginx" in rows:
        ratio = rows["two behind nginx"]["rps"] / rows["one instance"]["rps"]
        print(f"\nthroughput, two instances behind nginx / one instance: {ratio:.2f}")


def main():
    """Parse the options, run each setup, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument("--targets", default="one,two", help="one, two, or both (comma-separated)")
    options = parser.parse_args()
    setups = {"one": ("one instance", one_instance), "two": ("two behind nginx", two_instances)}
    rows = {}
    secret = random_secret()
    for target in options.targets.split(","):
        name, setup = setups[target.strip()]
        with tempfile.TemporaryDirectory(prefix=f"bench-{target}-") as folder:
            processes, (host, port), apps = setup(Path(folder), secret, options.workers)
            try:
                print(f"{name}: loading {host}:{port} for {options.seconds:g} s…", flush=True)
                rows[name] = load(host, port, apps, options.seconds, options.connections)
            finally:
                for process in reversed(processes):
                    process.stop()
    print_table(rows, options.seconds, options.connections)


if __name__ == "__main__":
    main()
