"""Compressed responses for `make run`: pages, stylesheets, scripts and SVG; never PDFs.

BREACH (breachattack.com) reads a secret out of a compressed HTTPS response by making the
victim's browser fetch it many times with attacker-chosen text reflected beside the secret, and
watching the sizes. Its preconditions do not hold here, so every page is compressed:

- No reflection. No page echoes the query string, the path or a request header: ?lang=,
  ?study=, ?paper= and the other parameters are checked against fixed lists and only the
  matching fixed value is shown; error messages are fixed text. tests/test_compression.py sends
  a canary in every parameter and header of a full walk and checks that no page shows it.
- No cookie on the attacker's requests. The session cookie is SameSite=Lax: images, scripts,
  fetches and form posts from another site go without it, so they see a fresh visitor's page,
  never the person's answers or token.
- The secrets in pages do not stay put. The hand-off link is sealed with a random nonce per
  response (printing/token.py), so it differs every time; Flask-WTF's CSRF token is a signed,
  timestamped value (it changes every second) whose readable part is useless without the
  server's key.
If a page ever reflects request input next to answers, stop compressing text/html (or mask the
token per response) rather than drop the reflection test.
"""

from flask import request
from flask_compress import Compress

COMPRESSED_TYPES = [
    "text/html",
    "text/css",
    "text/javascript",  # what Python 3.12+ calls a .js file
    "application/javascript",
    "image/svg+xml",
]


def known_arguments(allowed):
    """The query arguments whose value is one of the fixed values allowed for it ({name: values}):
    the only text from an address a page may write back (the rule above)."""
    return {name: request.args[name] for name, values in allowed.items() if request.args.get(name) in values}


def init_app(app):
    """Compress text responses with Brotli or gzip, whichever the browser takes."""
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_TYPES)
    # Static files are streamed from disk: allow gzip for them too (Flask-Compress leaves it out
    # of streaming by default), so every client that compresses at all gets them compressed.
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "gzip"])
    app.config.setdefault("COMPRESS_LEVEL", 6)
    # Brotli 3: in a served page it cost a question page 0.04 ms less than level 4 (0.70 against
    # 0.74 ms in all) and the summary 0.14 ms less, for a few percent more bytes: question 1.39 KB
    # instead of 1.22, summary 9.6 KB instead of 9.1 (gzip 6: 1.35 and 9.4 KB; level 5: 8.6 KB at
    # 0.41 ms). The bytes are far under a slow phone's one round trip either way; the CPU is paid on
    # every page (issue 14).
    app.config.setdefault("COMPRESS_BR_LEVEL", 3)
    # Flask-Compress re-checks If-None-Match and Range after compressing, which only a strong ETag
    # it has just rewritten needs. Pages are never stored and carry no ETag, static files carry a
    # weak one their view has checked already (assets.py), so the check only cost each page 0.02 ms.
    app.config.setdefault("COMPRESS_EVALUATE_CONDITIONAL_REQUEST", False)
    Compress(app)
