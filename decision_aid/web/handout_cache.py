"""The handout PDF, rendered once per version of it and then served from memory.

The handout holds no answers: it is the same for everyone who asks with the same language, paper,
print size, evidence and app version, public address (its QR code) and date (its footer says
"Made on ..."). So it is cached, unlike anything made from a person's answers (the summary and
its PDF are rendered afresh every time and never kept).
"""

import threading
from datetime import date

from flask import current_app

# 3 languages x 2 papers x 2 sizes = 12 handouts a day; entries from other days are dropped.
MAX_ENTRIES = 32


class HandoutCache:
    """PDF bytes by handout key; thread-safe, bounded, and emptied of other days' handouts."""

    def __init__(self):
        self._lock = threading.Lock()
        self._entries = {}

    def get(self, key):
        """The cached PDF for this key, or None."""
        with self._lock:
            return self._entries.get(key)

    def put(self, key, body):
        """Keep a rendered PDF; forget other days' handouts, and the oldest when full."""
        today = key[-1]
        with self._lock:
            for old in [k for k in self._entries if k[-1] != today]:
                del self._entries[old]
            while len(self._entries) >= MAX_ENTRIES:
                del self._entries[next(iter(self._entries))]
            self._entries[key] = body


def cache():
    """This app's handout cache (one per process: each gunicorn worker renders its own once)."""
    return current_app.extensions.setdefault("handout_cache", HandoutCache())


def key(*, lang, paper, large, evidence_checked, version, aid_link):
    """Everything the handout's bytes depend on; the date last (its footer, and expiry)."""
    return (lang, paper, large, evidence_checked, version, aid_link, date.today())
