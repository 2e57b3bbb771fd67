"""The bare Flask page the throughput is compared with: one route, a short HTML string, nothing else.

Served by the same gunicorn.conf.py as the app (bench/all.py), so the ratio is the app's own cost.
"""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    """A tiny page."""
    return "<!doctype html><title>Hello</title><p>Hello</p>"
