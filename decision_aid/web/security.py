"""Security headers, proxy handling and request limits."""

import io

from flask import abort
from flask import current_app
from flask import request
from werkzeug.middleware.proxy_fix import ProxyFix

# No inline styles or scripts anywhere: icon arrays colour with SVG attributes (ENGINEERING.md 1.7).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

FORM_TYPE = "application/x-www-form-urlencoded"

STATIC_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # Not no-referrer: the same-origin check of a post (web/form_tokens.py) reads the Referer when a
    # browser sends no Origin.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
_STATIC_HEADER_KEYS = [(name.lower(), name, value) for name, value in STATIC_HEADERS.items()]


def init_app(app):
    """Add the header hook and, when configured, trust the reverse proxy's forwarded headers."""
    proxies = int(app.config.get("PROXY_COUNT", 0))
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    app.before_request(refuse_unexpected_bodies)
    app.after_request(add_security_headers)


def refuse_unexpected_bodies():
    """Only urlencoded form posts reach a view; a chunked body over the size cap gets 413."""
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return
    # Every form here posts urlencoded; multipart or JSON parsing is attack surface with no use
    # (a multipart part with no name crashed Flask-WTF's CSRF check).
    if request.mimetype != FORM_TYPE and (request.mimetype or request.content_length):
        abort(415)
    if request.content_length is None and request.environ.get("wsgi.input_terminated"):
        read_chunked_body()


def read_chunked_body():
    """Read a chunked body up front, so one over MAX_CONTENT_LENGTH gets 413, not a silent cut."""
    # Werkzeug stops reading a chunked body at the cap without telling anyone; reading one byte
    # more than the cap here is the only way to know there was more.
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    body = request.environ["wsgi.input"].read(limit + 1)
    if len(body) > limit:
        abort(413)
    request.environ["wsgi.input"] = io.BytesIO(body)
    request.environ["CONTENT_LENGTH"] = str(len(body))


def add_security_headers(response):
    """Set the security headers; keep pages that may show answers out of every cache."""
    # One pass over the headers, not setdefault per header: each miss there raised and caught a
    # KeyError, about 4% of a question page.
    present = {key.lower() for key in response.headers.keys()}
    response.headers.extend([(name, value) for key, name, value in _STATIC_HEADER_KEYS if key not in present])
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if request.endpoint != "static":
        # Answers can appear on any page (summary, check answers, errors): never store them.
        response.headers["Cache-Control"] = "no-store"
        response.vary.update(("Cookie", "Accept-Language"))
    return response
