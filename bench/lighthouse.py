"""Lighthouse (mobile) scores of the start page, a question page, the numbers page and the summary, as
`make run` serves them: gunicorn with gunicorn.conf.py on loopback, Flask-Compress, no proxy.

The question page, the numbers page and the summary get a finished journey's cookie (random answers,
as bench/all.py makes them); the start page is a first visit. Each page is measured `--runs` times
and every run's four scores are printed: Lighthouse's performance score moves with the machine's
load, so a single run on a shared machine says little. Needs lighthouse (npm) and Chromium.
Usage: make bench-lighthouse ARGS="--runs 2", or .venv/bin/python bench/lighthouse.py [--runs 2]
"""

import argparse
import datetime
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.all import cookies  # noqa: E402
from tests.helpers import make_app  # noqa: E402
from tests.servers import Gunicorn  # noqa: E402
from tests.servers import random_secret  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# (name, path, with a finished journey's cookie)
PAGES = (
    ("start", "/", False),
    ("question", "/transplant", True),
    ("numbers", "/the-numbers", True),
    ("summary", "/summary", True),
)


def lighthouse(url, cookie, work, attempts=3):
    """{category: score out of 100} for one Lighthouse run (mobile, its default form factor), and how
    many runs before it failed: Lighthouse now and then loses the trace of a page load (NO_NAVSTART)
    and asks to be run again, which it is, up to `attempts` times."""
    report = Path(work) / "report.json"
    command = [
        shutil.which("lighthouse") or "lighthouse",
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        # Root in a container has no sandbox to give Chromium.
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    for failed in range(attempts):
        finished = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300)  # noqa: S603
        if not finished.returncode:
            categories = json.loads(report.read_text())["categories"]
            return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}, failed
    raise RuntimeError(f"lighthouse failed {attempts} times on {url}: {finished.stderr[-2000:]}")


def version():
    """The installed Lighthouse's version."""
    found = subprocess.run(["lighthouse", "--version"], capture_output=True, text=True, check=True)  # noqa: S607
    return found.stdout.strip()


def main():
    """Serve the app as `make run` does, run Lighthouse on each page and print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as work:
        secret = random_secret()
        app = make_app(Path(work), SECRET_KEY=secret, SESSION_COOKIE_SECURE=False)
        cookie = random.Random(1).choice(cookies(app, 5))  # noqa: S311 - a benchmark's pick, not a secret
        server = Gunicorn(work, secret_key=secret, name="app").wait_ready()
        rows = []
        try:
            for name, path, with_cookie in PAGES:
                for run in range(args.runs):
                    scores, failed = lighthouse(server.url + path, cookie if with_cookie else None, work)
                    rows.append((f"{name} ({path}), run {run + 1}", scores, failed))
        finally:
            server.stop()
    print(
        f"Lighthouse {version()}, mobile; {datetime.date.today()}, {platform.node()}, {os.cpu_count()} cores"
    )
    print(f"{'page':32} " + " ".join(f"{name:>14}" for name in CATEGORIES) + "  runs lost")
    for label, scores, failed in rows:
        print(f"{label:32} " + " ".join(f"{scores[name]:>14}" for name in CATEGORIES) + f"  {failed:>9}")


if __name__ == "__main__":
    main()
