"""gunicorn settings; HOST, PORT, WEB_CONCURRENCY, GUNICORN_THREADS, GUNICORN_TIMEOUT,
GUNICORN_MAX_REQUESTS and GUNICORN_WORKER_CLASS override the defaults."""

import gc
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
# One worker process per core: pages and PDFs are CPU-bound, so more processes only queue.
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
# Threaded workers. A sync worker serves one connection at a time from accept to the last byte,
# so two slow clients trickling a request held both workers and stopped the app for about 30 s,
# and ten PDF requests were served one after another while /healthz waited 21 s. With threads a
# slow client or a PDF wait holds one thread, and the app's own PDF bound (PDF_MAX_RENDERS slots
# per process, then 503 with Retry-After) can engage because requests reach it at the same time.
# The cost: about half the page throughput of sync workers on 2 cores (GIL contention,
# SECURITY-PERFORMANCE.md 6.1), still far above the expected load. nginx in front (deploy/)
# buffers whole requests, so in production slow clients never reach gunicorn at all.
# GUNICORN_WORKER_CLASS=sync exists only to compare (tests/test_server_resilience.py).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
# Threads per worker: enough for PDF renders, their queue and slow clients at the same time.
# gunicorn quietly runs gthread whenever threads > 1, so sync gets one thread.
threads = int(os.environ.get("GUNICORN_THREADS", "8" if worker_class == "gthread" else "1"))
# Above the worst PDF render; the app enforces its own shorter limit per render.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Idle keep-alive connections wait in the worker's poller, not in a thread; keep them brief.
keepalive = 2
# A safety net against slow leaks only. WeasyPrint, which keeps the memory it grows to, runs in
# the app's own render processes, and those are replaced after FLASK_PDF_WORKER_MAX_RENDERS
# renders; the app process itself stays flat (133 MiB after 500 summary PDFs, bench/all.py).
# Restarting every 500 requests, as before, cost a fresh worker its compiled templates and warm
# render processes several times a minute under load (about a fifth of page throughput).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# Load the app (and its evidence checks) once, before forking, so a broken start fails at once.
preload_app = True
# The access log holds method, path and status only: answers are never in a URL.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# No control socket (gunicorn 25.1+): by default every instance would use the same file in
# $HOME/.gunicorn, and the systemd units give the service user no writable home.
control_socket_disable = True


def pre_fork(server, worker):
    """Freeze what the preloaded app made before each worker is forked from it.

    Python's collector then leaves those objects (modules, templates, the evidence, caches) out of
    every worker's collections, which otherwise walked all of them now and then, and a worker's
    pages of them stay shared with the arbiter (the gc.freeze() documentation's pattern)."""
    gc.freeze()
