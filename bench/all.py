"""Every performance measurement in one table (make bench-all): page weight, throughput against a bare
Flask page, PDF cost against a one-paragraph render, renderer memory over many renders, cookie size.

- Page weight: every page of a full walk, first visit, with the CSS and scripts it links, as served
  (gzip from Flask-Compress); the largest over the walk (/evidence apart), and the key pages.
- Throughput: wrk on loopback against gunicorn with gunicorn.conf.py (gthread, 2 workers; no restart
  after max_requests) serving the app, and the same settings serving bench/bare.py, both running;
  every response checked to be a 200, the CPU the server used per request (all its processes, from
  /proc) and the busiest worker's share of it: on a shared machine that cost is steadier than
  requests per second. The question page and the bare page are measured in turns, 3 rounds, and
  the round with the median ratio is the one shown, with the other rounds' range: a ratio of two
  runs a minute apart measured the machine's mood as much as the page. A run in which one worker
  did over 90 % of the work (wrk opens its keep-alive connections at once, and one worker may
  accept them all) measured one worker, not two: it is run again, up to 3 times, and the runs set
  aside are counted in the table. The summary and the numbers page get a different finished
  journey's cookie on each request (random answers), so nothing about one person's answers could
  be reused; each cookie as a browser holds it after the journey (with its form token, permanent).
- PDF: the summary PDF through that gunicorn (varied answers) against a one-paragraph document
  rendered by the same WeasyPrint in this process.
- Memory: the render workers' RSS in this process after 10 summary PDFs and the largest over N
  (varied answers).
- Cookie: the session cookie with every field at its maximum.
wrk shares the machine's cores with the servers: compare rows of one run, not runs.
Usage: .venv/bin/python bench/all.py [--seconds 10] [--connections 16] [--renders 500]
       [--cookies-without-token]
"""

import argparse
import datetime
import os
import platform
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
import wtforms  # noqa: E402
from flask.sessions import SecureCookieSessionInterface  # noqa: E402
from weasyprint import HTML  # noqa: E402

from decision_aid.journey import flow  # noqa: E402
from decision_aid.web.answers import VERSION as ANSWERS_VERSION  # noqa: E402
from tests.helpers import TYPICAL_ANSWERS  # noqa: E402
from tests.helpers import make_app  # noqa: E402
from tests.helpers import walk_every_page  # noqa: E402
from tests.servers import LOOPBACK  # noqa: E402
from tests.servers import Gunicorn  # noqa: E402
from tests.servers import Process  # noqa: E402
from tests.servers import children  # noqa: E402
from tests.servers import free_port  # noqa: E402
from tests.servers import random_secret  # noqa: E402
from tests.servers import rss_kib  # noqa: E402
from tests.servers import wait_for_http  # noqa: E402
from tests.test_hostile_requests import every_field_at_its_maximum  # noqa: E402
from tests.test_performance import EXEMPT  # noqa: E402
from tests.test_performance import LANGUAGES  # noqa: E402
from tests.test_performance import weigh  # noqa: E402

COOKIES = 200  # different finished journeys, one per request in turn
QUESTION = "/transplant"
ONE_PARAGRAPH = "<!doctype html><html lang='en'><title>One</title><p>One paragraph of plain text.</p></html>"
WRK_SCRIPT = """
local cookies = {%s}
local i = 0
bad = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) i = math.random(#cookies) end
function request()
  i = i %% #cookies + 1
  return wrk.format("GET", nil, {["Cookie"] = cookies[i], ["Accept-Encoding"] = "gzip, br"})
end
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("bad") end
  io.write(string.format("RESULT %%d %%d %%d %%d %%d\\n", summary.requests, total, summary.duration,
    latency:percentile(50), latency:percentile(99)))
end
"""


def random_answers(rng):
    """A finished journey with a random choice at every question and a random note."""
    answers = {}
    for _ in range(100):
        step = flow.first_incomplete(answers)
        if step is None:
            return answers
        if not step.is_question:
            answers["_seen"] = [*answers.get("_seen", ()), step.slug]
        for name in step.fields:
            field = getattr(step.form, name)
            choices = [choice.value for choice in field.kwargs.get("choices") or []]
            if field.field_class is wtforms.SelectMultipleField:
                answers[name] = rng.sample(choices, rng.randint(0, len(choices)))
            elif field.field_class is wtforms.RadioField:
                # Choices made at request time (the knowledge check's numbers): the typical answer.
                answers[name] = rng.choice(choices) if choices else TYPICAL_ANSWERS[name]
            else:
                answers[name] = "".join(rng.choices("abcdefgh éà", k=rng.randint(0, 300)))
        answers = flow.prune(answers)
    raise RuntimeError(f"random answers never finished the journey: {answers}")


def cookies(app, count, seed=1, as_a_browser_holds_it=True):
    """Session cookies (name=value) for `count` random finished journeys, signed with the app's key.

    As a browser holds it after the journey: with the form token every answer was posted with,
    and permanent (saved answers last 7 days). Without them (as_a_browser_holds_it=False, the
    cookies this script used before), every page must add a token and send the cookie back."""
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    rng = random.Random(seed)  # noqa: S311 (varied answers for a benchmark, not a secret)
    name = app.config["SESSION_COOKIE_NAME"]
    found = []
    for _ in range(count):
        session = {"answers": random_answers(rng), "v": ANSWERS_VERSION}
        if as_a_browser_holds_it:
            # Flask-WTF's raw token is 40 hex digits; Flask stores permanence as _permanent.
            session.update({"csrf_token": secrets.token_hex(20), "_permanent": True})
        found.append(f"{name}={serializer.dumps(session)}")
    return found


def page_weights():
    """{(language, name): (raw, gzip)} for a full walk in each language, with assets, as served."""
    app = make_app(Path(tempfile.mkdtemp(prefix="bench-weight-")))
    found = {}
    for lang in LANGUAGES:
        client = app.test_client()
        client.get(f"/?lang={lang}")
        found.update({(lang, name): weigh(client, response) for name, response in walk_every_page(client)})
    return found


def wrk(url, cookie_list, seconds, connections, work):
    """(requests per second, non-200 responses, p50 ms, p99 ms) for one URL."""
    script = Path(work) / "cookies.lua"
    quoted = ",".join('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' for value in cookie_list)
    script.write_text(WRK_SCRIPT % quoted, encoding="utf-8")
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    done, bad, micros, p50, p99 = map(
        int, re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+)", output).groups()
    )
    return done / (micros / 1e6), bad, p50 / 1000, p99 / 1000


def cpu_seconds(pid):
    """CPU seconds (user and system) a server has used: the process, the children it has reaped,
    and its live children and theirs."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rpartition(")")[2].split()
    except OSError:
        return 0.0  # a worker that went between listing and reading: its parent has its time now
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK") + sum(cpu_seconds(child) for child in children(pid))


def measured(server, url, cookie_list, seconds, connections, work):
    """wrk's result for one URL, the server's CPU milliseconds per request meanwhile, and the
    busiest worker's share of the workers' CPU.

    Requests per second depend on what else the machine is running; the CPU each request costs
    the server much less, so cost ratios are steadier than throughput ratios on a shared VM.
    The share says how wrk's connections fell: each gthread worker accepts connections as it
    wakes, and wrk opens all of its keep-alive connections at once, so one worker sometimes holds
    them all (a share near 100 %) and requests per second are then bound to one core."""
    workers = children(server.pid)
    before = cpu_seconds(server.pid)
    worker_before = {pid: cpu_seconds(pid) for pid in workers}
    result = wrk(url, cookie_list, seconds, connections, work)
    used = cpu_seconds(server.pid) - before
    # A worker that restarted meanwhile (gunicorn's max_requests) leaves no share to compare: None.
    restarted = set(workers) - set(children(server.pid))
    worker_used = [cpu_seconds(pid) - start for pid, start in worker_before.items()]
    share = None if restarted or not sum(worker_used) else max(worker_used) / sum(worker_used)
    return (*result, used * 1000 / (result[0] * seconds), share)


# A run in which one worker did this much of the work measured one worker, not the two the targets
# compare: it is run again, up to MEASURE_ATTEMPTS runs in all, and the runs set aside are counted.
ONE_WORKER_SHARE = 0.9
MEASURE_ATTEMPTS = 3


def measured_on_both_workers(server, url, cookie_list, seconds, connections, work):
    """measured(), run again while one worker took nearly all the work; with how many runs were
    set aside (the last run is kept if every one leaned on one worker)."""
    set_aside = 0
    while True:
        result = measured(server, url, cookie_list, seconds, connections, work)
        share = result[5]
        if share is None or share < ONE_WORKER_SHARE or set_aside + 1 == MEASURE_ATTEMPTS:
            return (*result, set_aside)
        set_aside += 1


def set_aside_text(result):
    """How many runs were set aside, and whether the run kept leaned on one worker too."""
    share, set_aside = result[5], result[6]
    one_sided = share is not None and share >= ONE_WORKER_SHARE
    return f"{set_aside} (the run kept too)" if one_sided else str(set_aside)


# Rounds in which the question page and the bare page are measured in turn.
PAIRED_ROUNDS = 3


def throughput(args, work, secret, cookie_list):
    """{name: wrk result} for the app's pages and the bare page under the same gunicorn settings, and
    the question page's ratios to the bare page in each round."""
    env = {
        "FLASK_PDF_RATE_LIMIT": "100000 per minute",
        "GUNICORN_WORKER_CLASS": "gthread",
        "WEB_CONCURRENCY": "2",
        # No restart every 10,000 requests (gunicorn.conf.py's safety net against leaks): a run of
        # 15,000 question pages made workers restart in the middle of the next page's run, cold.
        "GUNICORN_MAX_REQUESTS": "0",
    }
    results = {}
    app = Gunicorn(work, secret_key=secret, name="app", env=env).wait_ready()
    try:
        bare = start_bare(work, env)
        try:
            question, bare_page = app.url + QUESTION, bare.url + "/"
            for url in (question, bare_page):
                wrk(url, cookie_list, 2, args.connections, work)  # warm-up
            rounds, seconds, connections = [], args.seconds, args.connections
            for _ in range(PAIRED_ROUNDS):
                rounds.append(
                    tuple(
                        measured_on_both_workers(server, url, cookie_list, seconds, connections, work)
                        for server, url in ((app, question), (bare, bare_page))
                    )
                )
        finally:
            bare.stop()
        results["question"], results["bare"] = median_round(rounds)
        results["rounds"] = [round_ratios(*pair) for pair in rounds]
        for name, path in (("numbers", "/the-numbers"), ("summary", "/summary")):
            wrk(app.url + path, cookie_list, 2, args.connections, work)  # warm-up
            results[name] = measured_on_both_workers(
                app, app.url + path, cookie_list, args.seconds, args.connections, work
            )
        results["summary PDF"] = pdf_through_server(app.url, cookie_list)
    finally:
        app.stop()
    return results


def round_ratios(question, bare):
    """The question page against the bare page in one round: (by requests per second, by CPU)."""
    return question[0] / bare[0], bare[4] / question[4]


def median_round(rounds):
    """The (question, bare) pair whose requests-per-second ratio is the median of the rounds."""
    ordered = sorted(rounds, key=lambda pair: round_ratios(*pair)[0])
    return ordered[len(ordered) // 2]


def spread(values):
    """ "low-high" of ratios, two decimals."""
    return f"{min(values):.2f}-{max(values):.2f}"


def start_bare(work, env):
    """gunicorn.conf.py serving bench/bare.py, with the same environment as the app's server."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("FLASK_")}
    environment.update({**env, "HOST": LOOPBACK, "PORT": str(port)})
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "bench.bare:app"]
    bare = Process("bare", command, log_path=Path(work) / "bare.log", env=environment)
    bare.url = f"http://{LOOPBACK}:{port}"
    try:
        wait_for_http(bare.url + "/", bare)
    except BaseException:
        bare.stop()
        raise
    return bare


def pdf_through_server(url, cookie_list, count=20):
    """Median milliseconds of a summary PDF through gunicorn, a different person's answers each time."""
    times = []
    with requests.Session() as session:
        session.trust_env = False
        for index in range(count + 2):
            name, _, value = cookie_list[index].partition("=")
            start = time.perf_counter()
            response = session.get(url + "/summary.pdf", headers={"Cookie": f"{name}={value}"}, timeout=60)
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200 and response.content.startswith(b"%PDF"), response.status_code
            if index >= 2:  # the first two start each worker's renderer
                times.append(elapsed)
    return statistics.median(times)


def one_paragraph_ms(count=20):
    """Median milliseconds of a one-paragraph PDF, same WeasyPrint, in this process."""
    HTML(string=ONE_PARAGRAPH).write_pdf()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        HTML(string=ONE_PARAGRAPH).write_pdf()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def render_memory(renders):
    """{label: (MiB of the render workers, MiB of this process)} for summary PDFs with varied
    answers, in-process: after 10 renders, and the largest reading (every 10 renders) over all.

    A render worker is replaced after PDF_WORKER_MAX_RENDERS renders, so a reading after the last
    render could show a fresh process that has not started yet: the largest shows the worst."""
    app = make_app(Path(tempfile.mkdtemp(prefix="bench-memory-")), RATELIMIT_ENABLED=False)
    client = app.test_client()
    rng = random.Random(2)  # noqa: S311 (varied answers for a benchmark, not a secret)
    found = {}
    largest = (0, 0)
    for index in range(1, renders + 1):
        with client.session_transaction() as session:
            session["answers"] = random_answers(rng)
            session["v"] = ANSWERS_VERSION
        response = client.get("/summary.pdf")
        assert response.status_code == 200, response.status_code
        if index % 10 == 0 or index == renders:
            workers = children(os.getpid())
            reading = (sum(rss_kib(pid) for pid in workers) / 1024, rss_kib(os.getpid()) / 1024)
            largest = max(largest, reading)
            if index == 10:
                found["after 10"] = reading
    found[f"largest over {renders}"] = largest
    return found


def cookie_bytes():
    """Bytes of the session cookie with every field at its maximum."""
    app = make_app(Path(tempfile.mkdtemp(prefix="bench-cookie-")))
    client = app.test_client()
    with client.session_transaction() as session:
        session["answers"] = every_field_at_its_maximum()
        session["v"] = ANSWERS_VERSION
        session["lang"] = "fr"
    client.get("/summary")
    return len(client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value)


def main():
    """Measure everything and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--renders", type=int, default=500)
    parser.add_argument(
        "--cookies-without-token",
        action="store_true",
        help="journeys' cookies without the form token or permanence (how this script measured before)",
    )
    args = parser.parse_args()
    rows = []
    weights = page_weights()
    for lang in LANGUAGES:
        walked = {key[1]: sizes for key, sizes in weights.items() if key[0] == lang and key[1] not in EXEMPT}
        largest_raw = max(walked.items(), key=lambda item: item[1][0])
        largest_gzip = max(walked.items(), key=lambda item: item[1][1])
        rows.append(
            (
                f"Page weight ({lang}), largest raw / gzip over the walk (64 / 14 KB)",
                f"{largest_raw[1][0]:,} B ({largest_raw[0]}) / {largest_gzip[1][1]:,} B ({largest_gzip[0]})",
            )
        )
    for name in ("start", "transplant", "the-numbers", "summary", "evidence"):
        raw, packed = weights["en", name]
        rows.append((f"  {name} (en) with CSS/JS: raw / gzip", f"{raw:,} / {packed:,} B"))
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        secret = random_secret()
        app = make_app(
            Path(work), SECRET_KEY=secret, SESSION_COOKIE_SECURE=False, SESSION_COOKIE_NAME="session"
        )
        cookie_list = cookies(app, COOKIES, as_a_browser_holds_it=not args.cookies_without_token)
        results = throughput(args, work, secret, cookie_list)
    bare_rps = results["bare"][0]
    for name in ("bare", "question", "numbers", "summary"):
        rps, bad, p50, p99, _cpu, _share, _set_aside = results[name]
        ratio = f"{rps / bare_rps:.2f}x bare" if name != "bare" else "1"
        rows.append(
            (
                f"Throughput {name} (non-200: {bad})",
                f"{rps:,.0f} req/s, p50 {p50:.0f} ms, p99 {p99:.0f} ms, {ratio}",
            )
        )
    rounds = results["rounds"]
    rows.append(
        (
            f"  Question / bare in each of {len(rounds)} rounds: by req/s, by CPU (target >= 0.25)",
            ", ".join(f"{by_rate:.2f}x / {by_cpu:.2f}x" for by_rate, by_cpu in rounds)
            + f" (range {spread([r[0] for r in rounds])} / {spread([r[1] for r in rounds])})",
        )
    )
    question_rps = results["question"][0]
    rows.append(
        ("Summary cost / question page cost (target <= 5)", f"{question_rps / results['summary'][0]:.1f}")
    )
    cpu = {name: results[name][4] for name in ("bare", "question", "numbers", "summary")}
    rows.append(
        (
            "Server CPU per request: bare / question / numbers / summary",
            " / ".join(f"{cpu[name]:.2f}" for name in cpu) + " ms",
        )
    )
    rows.append(
        (
            "  CPU ratios: bare / question (the throughput ratio's twin), summary / question",
            f"{cpu['bare'] / cpu['question']:.2f}x, {cpu['summary'] / cpu['question']:.1f}",
        )
    )
    rows.append(
        (
            "  Busiest worker's share of the workers' CPU: question / summary (50 % is even)",
            " / ".join(
                "a worker restarted" if share is None else f"{share:.0%}"
                for share in (results["question"][5], results["summary"][5])
            ),
        )
    )
    rows.append(
        (
            f"  Runs set aside, one worker over {ONE_WORKER_SHARE:.0%}: bare / question / numbers / summary",
            " / ".join(set_aside_text(results[name]) for name in ("bare", "question", "numbers", "summary")),
        )
    )
    paragraph = one_paragraph_ms()
    pdf_ms = results["summary PDF"]
    rows.append(("Summary PDF through gunicorn, median", f"{pdf_ms:.0f} ms"))
    rows.append(("One-paragraph PDF, same WeasyPrint, median", f"{paragraph:.1f} ms"))
    rows.append(("Summary PDF / one paragraph (target <= 20, stretch 10)", f"{pdf_ms / paragraph:.1f}"))
    memory = render_memory(args.renders)
    for label, (worker, own) in memory.items():
        rows.append((f"Memory {label} summary PDFs: renderer / app process", f"{worker:.0f} / {own:.0f} MiB"))
    rows.append(("Session cookie, every field at its maximum (limit 4,093)", f"{cookie_bytes():,} B"))
    print(
        f"Measured {datetime.date.today().isoformat()} on {platform.node()}: {os.cpu_count()} cores, shared"
    )
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
