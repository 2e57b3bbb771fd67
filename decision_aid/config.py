"""Configuration defaults and the checks that keep a production server safe."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

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
    # HTML forms post urlencoded bodies, which only MAX_CONTENT_LENGTH limits since Werkzeug 3.1.9.
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "LANGUAGES": ["en", "es", "fr"],
    "BABEL_DEFAULT_LOCALE": "en",
    "FREE_TEXT_MAX_CHARS": 500,
}

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
    # Browsers drop a __Host- cookie that is not Secure, which would lose every answer.
    if not app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_NAME"].startswith("__Host-"):
        app.config["SESSION_COOKIE_NAME"] = "session"


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
