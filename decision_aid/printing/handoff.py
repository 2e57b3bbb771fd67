"""The hand-off link: a person's answers, encrypted into a link their care team can open.

The link is https://host/handoff#<token>. The token sits in the URL fragment, which browsers
never send to a server, so no server or proxy log ever holds it. The /handoff page's script
posts it instead. The token is Fernet (AES-128-CBC with HMAC-SHA256, and the time it was made)
with a key derived from SECRET_KEY, so only this service can read it or make one, and a changed
token is refused.
"""

import base64
import io
import json
import zlib
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from datetime import timedelta

import segno
from cryptography.fernet import Fernet
from cryptography.fernet import InvalidToken
from cryptography.fernet import MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from decision_aid import settings
from decision_aid.journey import answers as answer_rules
from decision_aid.journey import flow

DEFAULT_MAX_AGE = settings.DEFAULTS["HANDOFF_MAX_AGE"]
# Fernet refuses a token made more than this far in the future (clocks between servers differ).
CLOCK_SKEW = timedelta(seconds=60)
# Far longer than any real token (a few hundred characters; about 1,500 with a long note).
MAX_TOKEN_CHARS = 4000
TOKEN_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")
# Separate keys for separate jobs: this key can only ever open hand-off links.
HKDF_SALT = b"decision-aid/handoff"
HKDF_INFO = b"handoff-link-v1"
QR_PIXELS_PER_MODULE = 4
QR_BORDER = 4


class HandoffError(Exception):
    """The token cannot be used; the message says why in plain words."""


class InvalidLink(HandoffError):
    """The token is incomplete, changed, or was made by another service."""


class ExpiredLink(HandoffError):
    """The token is genuine but older than the configured maximum age."""


@dataclass(frozen=True)
class Handoff:
    """Answers read from a token, with when the token was made and when it stops working."""

    answers: dict
    issued: datetime
    expires: datetime


def derive_key(secret_key):
    """A Fernet key for hand-off links, derived from the app's secret key with HKDF-SHA256."""
    secret = secret_key if isinstance(secret_key, bytes) else str(secret_key).encode("utf-8")
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=HKDF_SALT, info=HKDF_INFO).derive(secret)
    return base64.urlsafe_b64encode(key)


def _fernet(secret_key, fallbacks=()):
    # Old keys in SECRET_KEY_FALLBACKS still open links made before a key change.
    return MultiFernet([Fernet(derive_key(key)) for key in (secret_key, *fallbacks)])


def max_age(app=None):
    """How long a link works, from HANDOFF_MAX_AGE (a timedelta, or a number of seconds)."""
    value = (app or current_app).config.get("HANDOFF_MAX_AGE", DEFAULT_MAX_AGE)
    return value if isinstance(value, timedelta) else timedelta(seconds=float(value))


def to_timestamp(moment):
    """Seconds since the epoch for a datetime (naive ones are taken as UTC)."""
    return int(_aware(moment).timestamp())


def serialise(answers):
    """The answers as compact, compressed JSON; only what a summary shows (no pages seen)."""
    fields = answer_rules.known_fields()
    kept = {name: value for name, value in answers.items() if name in fields}
    text = json.dumps(kept, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return zlib.compress(text.encode("utf-8"), 9)


def deserialise(data):
    """Answers back from serialise(), keeping only known fields with sensible values."""
    try:
        # The compressed form is small; refuse anything that expands past the request cap.
        decompressor = zlib.decompressobj()
        text = decompressor.decompress(data, 64 * 1024)
        raw = json.loads(text.decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError, RecursionError) as error:
        # RecursionError: deeply nested JSON in a token made with the real key.
        raise InvalidLink from error
    if not isinstance(raw, dict):
        raise InvalidLink
    return flow.prune(answer_rules.valid_answers(raw))


def issue(answers, *, secret_key, now=None):
    """A token holding the answers, stamped with the time it was made."""
    now = now or datetime.now(UTC)
    token = Fernet(derive_key(secret_key)).encrypt_at_time(serialise(answers), to_timestamp(now))
    return token.decode("ascii")


def read(token, *, secret_key, fallbacks=(), max_age=DEFAULT_MAX_AGE, now=None):
    """The Handoff in a token; raise InvalidLink or ExpiredLink if it cannot be used."""
    token = clean_token(token)
    now = now or datetime.now(UTC)
    fernet = _fernet(secret_key, fallbacks)
    try:
        # Checks the signature first, so the time is only trusted on a genuine token.
        issued_at = fernet.extract_timestamp(token)
    except InvalidToken as error:
        raise InvalidLink from error
    issued = datetime.fromtimestamp(issued_at, UTC)
    if issued > _aware(now) + CLOCK_SKEW:
        raise InvalidLink
    if _aware(now) - issued > max_age:
        raise ExpiredLink
    try:
        data = fernet.decrypt_at_time(token, int(max_age.total_seconds()), to_timestamp(now))
    except InvalidToken as error:
        raise InvalidLink from error
    answers = deserialise(data)
    if not answers:
        raise InvalidLink
    return Handoff(answers=answers, issued=issued, expires=issued + max_age)


def clean_token(text):
    """The token from a pasted link or a bare token: the part after #, without spaces or breaks."""
    text = "".join(str(text or "").split())
    text = text.rpartition("#")[2]
    if not text or len(text) > MAX_TOKEN_CHARS or not set(text) <= TOKEN_ALPHABET:
        raise InvalidLink
    # Base64 padding only at the end: the decoder would ignore anything pasted after it.
    if len(text) % 4 or "=" in text.rstrip("="):
        raise InvalidLink
    return text.encode("ascii")


def _aware(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def issue_for_app(answers, now=None):
    """A token for these answers with the current app's key."""
    return issue(answers, secret_key=current_app.secret_key, now=now)


def read_for_app(token, now=None):
    """Read a token with the current app's keys and maximum age."""
    return read(
        token,
        secret_key=current_app.secret_key,
        fallbacks=current_app.config.get("SECRET_KEY_FALLBACKS") or (),
        max_age=max_age(),
        now=now,
    )


@dataclass(frozen=True)
class Link:
    """A hand-off link ready to show: the address, its QR code and when it stops working."""

    url: str
    qr_code: str | None  # a data: URI of a PNG, or None if the link is too long for a QR code
    qr_modules: int  # the QR code's width in modules, quiet zone included
    expires: datetime


def make_link(answers, page_url, now=None):
    """The hand-off link for these answers: the /handoff page's address, the token, its QR code."""
    now = now or datetime.now(UTC)
    token = issue_for_app(answers, now)
    url = page_url + "#" + token
    qr_code, modules = qr_data_uri(url)
    return Link(url=url, qr_code=qr_code, qr_modules=modules, expires=_aware(now) + max_age())


def qr_data_uri(text):
    """A QR code as a PNG data: URI (nothing to fetch), and its width in modules."""
    try:
        code = segno.make(text, error="m", micro=False)
    except segno.DataOverflowError:
        return None, 0
    buffer = io.BytesIO()
    # Whole pixels per module keep the edges sharp when printed or scanned from a screen.
    code.save(buffer, kind="png", scale=QR_PIXELS_PER_MODULE, border=QR_BORDER, light="#fff")
    width = code.symbol_size(scale=1, border=QR_BORDER)[0]
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"), width
