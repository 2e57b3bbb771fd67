"""Every configuration default, and the checks that keep a production server safe.

Each default can be overridden by a FLASK_<NAME> environment variable (parsed as JSON where it
can be); the README's table lists them.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

_PACKAGE = Path(__file__).resolve().parent


def asset_dir(name):
    """Return the folder for templates, static or translations: in the package when installed
    from a wheel, at the repository root in a checkout or an editable install."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


DEFAULTS = {
    # Answers live only in the signed session cookie; on the patient's own device they stay
    # for 7 days so the person can come back tomorrow.
    "PERMANENT_SESSION_LIFETIME": timedelta(days=7),
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # The __Host- prefix pins the cookie to this host and path (OWASP ASVS 3.3.1).
    "SESSION_COOKIE_NAME": "__Host-session",
    # The token lives as long as the session: a slow reader must not lose a page (Notify does this).
    "WTF_CSRF_TIME_LIMIT": None,
    # Flask-WTF's HTTPS check refuses a post without a Referer, which privacy settings and some
    # hospital proxies strip: every Continue then said the page had timed out. web/form_tokens.py checks
    # the Origin (or Referer) over HTTPS when the browser sends one instead; the token is always checked.
    "WTF_CSRF_SSL_STRICT": False,
    # HTML forms post urlencoded bodies, which only MAX_CONTENT_LENGTH limits since Werkzeug 3.1.9.
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "LANGUAGES": ["en", "es", "fr"],
    "BABEL_DEFAULT_LOCALE": "en",
    "BABEL_TRANSLATION_DIRECTORIES": str(asset_dir("translations")),
    "FREE_TEXT_MAX_CHARS": 500,
    # The note lives in the cookie, which browsers drop past 4 KB: 500 accented letters fit
    # (2 bytes each in UTF-8); emoji (4 bytes each) leave room for fewer.
    "FREE_TEXT_MAX_BYTES": 1000,
    # How many reverse proxies in front of the app set X-Forwarded-*; 0 trusts none of them.
    "PROXY_COUNT": 0,
    # Per client address. A clinic of 20 people behind one address, each printing a summary and
    # a handout, makes 40 PDFs: well inside. One PDF costs about 220 page views (guide section 6).
    "PDF_RATE_LIMIT": "60 per minute",
    # memory:// counts per process; set FLASK_RATELIMIT_STORAGE_URI (e.g. redis://) to share counts.
    "RATELIMIT_STORAGE_URI": "memory://",
    # If the shared store (Redis) is down, count in memory rather than fail every PDF with a 500.
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    # Old secret keys that still open cookies and hand-off links after a key change (a JSON list).
    "SECRET_KEY_FALLBACKS": [],
    # How long a hand-off link works.
    "HANDOFF_MAX_AGE": timedelta(days=30),
    # The aid's public address (e.g. https://aid.example.org): every link that leaves the server
    # (hand-off link, QR codes, links in PDFs) starts with it, never with the request's Host.
    "PUBLIC_BASE_URL": None,
    # About 50 times a normal render (SECURITY-PERFORMANCE.md (b)); gunicorn's own limit is 30 s.
    "PDF_RENDER_TIMEOUT": 15,
    # Renders at the same time in one process; each costs a CPU core and about 80 MB.
    "PDF_MAX_RENDERS": 2,
    # How long a request may wait for a free render slot before "try again in a moment".
    "PDF_QUEUE_WAIT": 2,
    # Address space for a render worker. A worker idles at about 230 MB of address space
    # (60 MB resident), so this leaves room for any real document but stops a runaway one.
    "PDF_MEMORY_LIMIT_MB": 1024,
    # Renders before a worker is replaced by a fresh one: WeasyPrint's process grows by about
    # 0.1 MB per summary and never gives it back (98 to 138 MB over 500), so recycling keeps it flat.
    "PDF_WORKER_MAX_RENDERS": 100,
    # "always" puts every browser in clinic mode (a deployment on shared clinic computers): answers
    # last only for the browser session and are cleared after CLINIC_IDLE_SECONDS without activity.
    # "off": each browser can switch it on from /clinic.
    "CLINIC_MODE": "off",
    "CLINIC_IDLE_SECONDS": 20 * 60,
}
CLINIC_MODES = ("off", "always")

# Secrets that appear in tutorials and examples; a server must never run with one of them.
KNOWN_SECRETS = {"dev", "secret", "changeme", "change-me", "development", "test", "default", "secret-key"}
MIN_SECRET_LENGTH = 32


class ConfigError(RuntimeError):
    """The configuration would make the server unsafe to run."""


def finalise(app):
    """Fill in the secret key and cookie name, and refuse unsafe settings."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))
    check_secret_key(app.config["SECRET_KEY"], testing=app.config.get("TESTING", False))
    fallbacks = app.config["SECRET_KEY_FALLBACKS"]
    # A plain string would be read one character at a time: a one-letter key anyone could guess.
    if not isinstance(fallbacks, list):
        raise ConfigError("FLASK_SECRET_KEY_FALLBACKS must be a JSON list of old keys.")
    for old_key in fallbacks:
        check_secret_key(old_key, testing=app.config.get("TESTING", False))
    if app.config["CLINIC_MODE"] not in CLINIC_MODES:
        raise ConfigError('FLASK_CLINIC_MODE must be "off" or "always".')
    app.config["PUBLIC_BASE_URL"] = check_public_base_url(app.config.get("PUBLIC_BASE_URL"))
    # Browsers drop a __Host- cookie that is not Secure, which would lose every answer.
    if not app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_NAME"].startswith("__Host-"):
        app.config["SESSION_COOKIE_NAME"] = "session"


def check_public_base_url(value):
    """The public address without a trailing slash, or None; ConfigError if it is not a plain
    http(s) address (a query or # part would break every link built on it)."""
    if not value:
        return None
    parts = urlsplit(str(value).strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError("FLASK_PUBLIC_BASE_URL must be an address like https://aid.example.org")
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def check_secret_key(key, testing=False):
    """Raise ConfigError for a known, default or short secret key."""
    text = key.decode("latin-1") if isinstance(key, bytes) else str(key)
    if text.strip().lower() in KNOWN_SECRETS:
        raise ConfigError("FLASK_SECRET_KEY is a well-known value; set a long random one.")
    if len(text) < MIN_SECRET_LENGTH and not testing:
        raise ConfigError(f"FLASK_SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters.")


def instance_secret_key(instance_path):
    """Read the instance secret key, creating it once (owner read/write only) if it is missing."""
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        # Write a private temporary file, then link it into place: link() fails if another
        # gunicorn worker got there first, and a reader never sees a half-written key.
        draft = instance_path / f".secret_key.{os.getpid()}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return key_file.read_text(encoding="ascii").strip()
