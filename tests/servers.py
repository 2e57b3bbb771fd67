"""Real server processes on loopback for tests and the benchmark: gunicorn, redis-server, nginx.

Each server runs in its own process group, so stopping it also stops what it started (gunicorn's
workers and their PDF render processes). Every wait here has a deadline.
"""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = "127.0.0.1"
NGINX_SITE = ROOT / "deploy" / "nginx" / "decision-aid.conf"
NGINX_PROXY = ROOT / "deploy" / "nginx" / "decision-aid-proxy.conf"
# The static folder as the deploy snippet names it; the generated config points at this checkout.
DEPLOYED_STATIC = "/opt/decision-aid/build/static/"
START_TIMEOUT = 30

# Never through a proxy from the environment: every request here stays on loopback.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ServerError(RuntimeError):
    """A server did not start, or stopped when it should not have."""


def free_port():
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def random_secret():
    """A secret key like production's: 64 random hex characters."""
    return secrets.token_hex(32)


class Process:
    """A server process with its output in a log file."""

    def __init__(self, name, command, *, log_path, cwd=ROOT, env=None):
        self.name = name
        self.log_path = Path(log_path)
        with self.log_path.open("wb") as log:
            # A new session makes the server a process group leader: stop() reaches its children.
            self.popen = subprocess.Popen(
                command,
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def pid(self):
        """The server's main process id."""
        return self.popen.pid

    def alive(self):
        """Whether the main process is still running."""
        return self.popen.poll() is None

    def log(self):
        """Everything the server has written so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def _signal_group(self, signum):
        try:
            os.killpg(self.popen.pid, signum)
        except ProcessLookupError:
            pass

    def kill(self):
        """Stop at once, as a crash would: SIGKILL to the whole group."""
        self._signal_group(signal.SIGKILL)
        self.popen.wait(timeout=10)

    def stop(self, grace=10):
        """Stop politely (SIGTERM), then by force after `grace` seconds; always reap."""
        if self.alive():
            self._signal_group(signal.SIGTERM)
            try:
                self.popen.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        # Whatever is left in the group (a stuck worker or render process) goes too.
        self._signal_group(signal.SIGKILL)
        self.popen.wait(timeout=10)

    def check_running(self):
        """Raise ServerError, with the log, if the process has exited."""
        if not self.alive():
            raise ServerError(f"{self.name} exited with {self.popen.returncode}:\n{self.log()[-3000:]}")


def wait_for_http(url, process, timeout=START_TIMEOUT):
    """Wait until `url` answers 200, or raise ServerError (with the log) at the deadline."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        process.check_running()
        try:
            with _opener.open(url, timeout=2) as response:
                if response.status == 200:
                    return
                last = response.status
        except urllib.error.HTTPError as error:
            last = error.code
            error.close()
        except OSError as error:
            last = error
        time.sleep(0.1)
    raise ServerError(f"{url} did not answer 200 in {timeout} s (last: {last}):\n{process.log()[-3000:]}")


def wait_for_port(port, process, timeout=START_TIMEOUT):
    """Wait until something accepts connections on the loopback port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        process.check_running()
        try:
            with socket.create_connection((LOOPBACK, port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise ServerError(f"nothing listens on {LOOPBACK}:{port} after {timeout} s:\n{process.log()[-3000:]}")


class Gunicorn(Process):
    """The app under gunicorn with the repository's gunicorn.conf.py, on a loopback port."""

    def __init__(self, log_dir, *, secret_key, port=None, name="app", env=None):
        self.port = port or free_port()
        self.url = f"http://{LOOPBACK}:{self.port}"
        # Nothing from the caller's FLASK_* settings leaks in; GUNICORN_* and WEB_CONCURRENCY
        # pass through so a run can compare settings (GUNICORN_WORKER_CLASS=sync).
        environment = {key: value for key, value in os.environ.items() if not key.startswith("FLASK_")}
        environment.setdefault("WEB_CONCURRENCY", "2")
        environment.update(
            {
                "HOST": LOOPBACK,
                "PORT": str(self.port),
                "FLASK_SECRET_KEY": secret_key,
                # Plain HTTP on loopback: a Secure cookie would never come back.
                "FLASK_SESSION_COOKIE_SECURE": "false",
            }
        )
        environment.update(env or {})
        command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
        super().__init__(name, command, log_path=Path(log_dir) / f"{name}.log", env=environment)

    def wait_ready(self, timeout=START_TIMEOUT):
        """Wait for /healthz."""
        wait_for_http(self.url + "/healthz", self, timeout)
        return self

    def worker_pids(self):
        """The gunicorn worker processes (children of the master)."""
        return children(self.pid)

    def render_pids(self):
        """The PDF render processes the workers started."""
        return [pid for worker in self.worker_pids() for pid in children(worker)]


def start_gunicorn(log_dir, **options):
    """Start the app under gunicorn and wait until it answers; stop it if it does not."""
    server = Gunicorn(log_dir, **options)
    try:
        return server.wait_ready()
    except BaseException:
        server.stop()
        raise


class Redis(Process):
    """redis-server on a loopback port: no persistence, its files in a temporary folder."""

    def __init__(self, work_dir, port=None):
        self.port = port or free_port()
        self.url = f"redis://{LOOPBACK}:{self.port}/0"
        command = [
            "redis-server",
            "--port", str(self.port),
            "--bind", LOOPBACK,
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
            "--dir", str(work_dir),
        ]  # fmt: skip
        super().__init__("redis", command, log_path=Path(work_dir) / "redis.log", cwd=work_dir)

    def ping(self):
        """Whether the server answers PING."""
        try:
            with socket.create_connection((LOOPBACK, self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def wait_ready(self, timeout=START_TIMEOUT):
        """Wait until it answers PING."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_running()
            if self.ping():
                return self
            time.sleep(0.1)
        raise ServerError(f"redis did not answer PING in {timeout} s:\n{self.log()[-3000:]}")


def start_redis(work_dir):
    """Start redis-server and wait until it answers; stop it if it does not."""
    server = Redis(work_dir)
    try:
        return server.wait_ready()
    except BaseException:
        server.stop()
        raise


def upstream_block(ports, site=NGINX_SITE):
    """The site's upstream block, with its server lines pointed at these loopback ports."""
    text = site.read_text(encoding="utf-8")
    block = re.search(r"^upstream decision_aid \{\n.*?^\}", text, re.M | re.S).group(0)
    servers = re.findall(r"^\s*server \S+(.*);$", block, re.M)
    parameters = servers[0]
    lines = "".join(f"    server {LOOPBACK}:{port}{parameters};\n" for port in ports)
    head, _servers, tail = re.split(r"((?:^\s*server .*;\n)+)", block, maxsplit=1, flags=re.M)
    return head + lines + tail


def log_format(site=NGINX_SITE):
    """The site's log_format statement."""
    text = site.read_text(encoding="utf-8")
    return re.search(r"^log_format .*?;$", text, re.M | re.S).group(0)


def nginx_config(work_dir, listen_port, upstream_ports, *, extra_server=""):
    """A complete nginx.conf for a test: the deploy site's upstream and log format, the deploy
    proxy snippet unchanged (but for the static path), plain HTTP on loopback."""
    work_dir = Path(work_dir)
    snippet = NGINX_PROXY.read_text(encoding="utf-8")
    assert DEPLOYED_STATIC in snippet, "the snippet's static folder moved; update DEPLOYED_STATIC"
    # What `make static` writes: the files as the app serves them.
    subprocess.run(
        [sys.executable, "-m", "decision_aid.web.export_static", str(work_dir / "static")],
        check=True,
        cwd=ROOT,
    )
    (work_dir / "decision-aid-proxy.conf").write_text(
        snippet.replace(DEPLOYED_STATIC, str(work_dir / "static") + "/"), encoding="utf-8"
    )
    # As root, nginx workers would switch to an unprivileged user that cannot read the private
    # temporary folder; a test keeps them as root. Without root the directive is not allowed.
    user = "user root;\n" if os.geteuid() == 0 else ""
    config = f"""{user}worker_processes 1;
pid {work_dir}/nginx.pid;
error_log {work_dir}/error.log warn;
events {{
    worker_connections 256;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {work_dir}/client_body;
    proxy_temp_path {work_dir}/proxy;
    fastcgi_temp_path {work_dir}/fastcgi;
    uwsgi_temp_path {work_dir}/uwsgi;
    scgi_temp_path {work_dir}/scgi;
{log_format()}
{upstream_block(upstream_ports)}
    server {{
        listen {LOOPBACK}:{listen_port};
        server_name {LOOPBACK};
        access_log {work_dir}/access.log decision_aid;
{extra_server}
        include {work_dir}/decision-aid-proxy.conf;
    }}
}}
"""
    path = work_dir / "nginx.conf"
    path.write_text(config, encoding="utf-8")
    return path


class Nginx(Process):
    """nginx in the foreground with a generated config, everything in a temporary folder."""

    def __init__(self, work_dir, upstream_ports, *, extra_server="", port=None):
        self.port = port or free_port()
        self.url = f"http://{LOOPBACK}:{self.port}"
        self.work_dir = Path(work_dir)
        self.config = nginx_config(work_dir, self.port, upstream_ports, extra_server=extra_server)
        command = ["nginx", "-p", str(work_dir), "-c", str(self.config), "-g", "daemon off;"]
        super().__init__("nginx", command, log_path=self.work_dir / "nginx.out", cwd=work_dir)

    def access_log(self):
        """The access log's lines so far."""
        path = self.work_dir / "access.log"
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def start_nginx(work_dir, upstream_ports, **options):
    """Start nginx and wait until it listens; stop it if it does not."""
    server = Nginx(work_dir, upstream_ports, **options)
    try:
        wait_for_port(server.port, server)
        return server
    except BaseException:
        server.stop()
        raise


def children(pid):
    """The ids of a process's direct children, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces; the parent id follows it.
        fields = stat.rpartition(")")[2].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def rss_kib(pid):
    """A process's resident memory in KiB (0 if it has gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return 0
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
    return int(match.group(1)) if match else 0


def http_session():
    """A requests session that never uses a proxy from the environment."""
    client = requests.Session()
    client.trust_env = False
    return client
