"""gunicorn settings; HOST, PORT, WEB_CONCURRENCY and GUNICORN_TIMEOUT override the defaults."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
# One sync worker per core measured best on 2 cores (SECURITY-PERFORMANCE.md section 6).
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
# Above the worst PDF render; the app enforces its own shorter limit per render.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# WeasyPrint does not hand memory back to the OS: recycle workers now and then.
max_requests = 500
max_requests_jitter = 50
# Load the app (and its evidence checks) once, before forking, so a broken start fails at once.
preload_app = True
# The access log holds method, path and status only: answers are never in a URL.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
