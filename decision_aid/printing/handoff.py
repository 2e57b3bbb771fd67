"""The hand-off link: a person's answers, encrypted into a link their care team can open.

The link is https://host/handoff#<token>. The token sits in the URL fragment, which browsers
never send to a server, so no server or proxy log ever holds it. The /handoff page's script
posts it instead. The token (decision_aid/printing/token.py) packs the answers into a few bytes
and seals them with ChaCha20-Poly1305 under a key derived from SECRET_KEY, so only this service
can read it or make one, a changed token is refused, and the link stays short enough for a QR
code that scans from paper. The note the person wrote never travels in the link.
"""

import base64
import io
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from functools import lru_cache

import zxingcpp
from flask import current_app
from PIL import Image

from decision_aid import settings
from decision_aid.content import doctor_questions
from decision_aid.journey import answers as answer_rules
from decision_aid.journey import flow
from decision_aid.printing import token as tokens

DEFAULT_MAX_AGE = settings.DEFAULTS["HANDOFF_MAX_AGE"]
# A token made more than this far in the future is refused (clocks between servers differ).
CLOCK_SKEW = timedelta(seconds=60)
# Far longer than any real token (about 60 characters; Fernet links were about 600).
MAX_TOKEN_CHARS = 4000
# base64url; "=" only because links printed in the older format carry padding.
TOKEN_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")
QR_BORDER = 4  # the quiet zone in modules, as ISO/IEC 18004 asks and zxing-cpp draws it
# Pixels a module. Pages show a code at 2 CSS pixels a module, enlarged without smoothing
# (image-rendering: pixelated), so it is sharp on any screen; at 2 a browser's own print of the
# page still scans at 150 dpi, at 1 it did not (poppler drew it smoothed, its /Interpolate flag
# notwithstanding). PDFs made here use 4: at 1, page 1 of the summary did not scan at 150 dpi.
SCREEN_PIXELS_PER_MODULE = 2
PRINT_PIXELS_PER_MODULE = 4


class HandoffError(Exception):
    """The token cannot be used; the message says why in plain words."""


class InvalidLink(HandoffError):
    """The token is incomplete, changed, or was made by another service."""


class ExpiredLink(HandoffError):
    """The token is genuine but older than the configured maximum age."""


class OlderLink(HandoffError):
    """The link was made by an older version of this aid (another format, or other questions)."""


@dataclass(frozen=True)
class Handoff:
    """Answers read from a token, when it was made and stops working, and whether a note was written."""

    answers: dict
    issued: datetime
    expires: datetime
    note_written: bool = False


def max_age(app=None):
    """How long a link works, from HANDOFF_MAX_AGE (a timedelta, or a number of seconds)."""
    value = (app or current_app).config.get("HANDOFF_MAX_AGE", DEFAULT_MAX_AGE)
    return value if isinstance(value, timedelta) else timedelta(seconds=float(value))


def to_timestamp(moment):
    """Seconds since the epoch for a datetime (naive ones are taken as UTC)."""
    return int(_aware(moment).timestamp())


def issue(answers, *, secret_key, now=None):
    """A token holding the answers, stamped with the time it was made."""
    now = now or datetime.now(UTC)
    kept = answer_rules.valid_answers(answers)
    return tokens.seal(kept, secret_key=secret_key, issued=to_timestamp(now))


def read(token, *, secret_key, fallbacks=(), max_age=DEFAULT_MAX_AGE, now=None):
    """The Handoff in a token; raise InvalidLink, OlderLink or ExpiredLink if it cannot be used."""
    token = clean_token(token)
    now = now or datetime.now(UTC)
    try:
        # Old keys in SECRET_KEY_FALLBACKS still open links made before a key change.
        raw, issued_at, note_written = tokens.open_token(token, secret_keys=(secret_key, *fallbacks))
    except tokens.OldToken as error:
        raise OlderLink from error
    except tokens.TokenError as error:
        raise InvalidLink from error
    # The time is authenticated with the answers, so it is only trusted on a genuine token.
    issued = datetime.fromtimestamp(issued_at, UTC)
    if issued > _aware(now) + CLOCK_SKEW:
        raise InvalidLink
    if _aware(now) - issued > max_age:
        raise ExpiredLink
    answers = in_page_order(flow.prune(answer_rules.valid_answers(raw)))
    if not answers:
        raise InvalidLink
    return Handoff(answers=answers, issued=issued, expires=issued + max_age, note_written=note_written)


def in_page_order(answers):
    """The ticked questions in the order their page listed them (the token keeps only which)."""
    ticked = answers.get("doctor_questions")
    if isinstance(ticked, list):
        order = [suggestion.code for suggestion in doctor_questions.suggestions_for(answers)]
        ranked = {code: order.index(code) if code in order else len(order) for code in ticked}
        answers = {**answers, "doctor_questions": sorted(ticked, key=ranked.__getitem__)}
    return answers


LINK_PUNCTUATION = "#.,;:!?()<>[]{}\"'«»“”‘’"


def clean_token(text):
    """The token from a pasted link or a bare token: the part after #, without spaces or breaks."""
    text = "".join(str(text or "").split())
    # Punctuation round a link or token copied from a sentence or an email ("…#TOKEN.", "<…#TOKEN>",
    # "…#TOKEN#", "TOKEN" in quotes) is not part of it: the token's alphabet has none of these.
    text = text.rstrip(LINK_PUNCTUATION).rpartition("#")[2].lstrip(LINK_PUNCTUATION)
    if not text or len(text) > MAX_TOKEN_CHARS or not set(text) <= TOKEN_ALPHABET:
        raise InvalidLink
    return text


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


# Characters between the places a printed link may break: short pieces lay out fast and reliably
# in WeasyPrint, where one long word does not (SECURITY-PERFORMANCE.md 1.4).
PRINTED_PIECE = 16


@dataclass(frozen=True)
class Link:
    """A hand-off link ready to show: the address, its QR code and when it stops working."""

    url: str
    qr_code: str | None  # a data: URI of a PNG, or None if the link is too long for a QR code
    qr_modules: int  # the QR code's width in modules, quiet zone included
    expires: datetime

    @property
    def printed_pieces(self):
        """The link in pieces of at most PRINTED_PIECE characters, where a printed line may end.

        No piece ends in "-" or "_": at the end of a line a reader takes one for a hyphen and leaves it
        out when typing the link (and the PDF's text lost it too)."""
        pieces, start = [], 0
        while start < len(self.url):
            end = min(start + PRINTED_PIECE, len(self.url))
            while end < len(self.url) and end - start > 1 and self.url[end - 1] in "-_":
                end -= 1
            pieces.append(self.url[start:end])
            start = end
        return pieces


def make_link(answers, page_url, now=None, pixels_per_module=SCREEN_PIXELS_PER_MODULE):
    """The hand-off link for these answers: the /handoff page's address, the token, its QR code."""
    now = now or datetime.now(UTC)
    token = issue_for_app(answers, now)
    url = page_url + "#" + token
    qr_code, modules = qr_data_uri(url, pixels_per_module)
    return Link(url=url, qr_code=qr_code, qr_modules=modules, expires=_aware(now) + max_age())


@lru_cache(maxsize=16)
def address_qr(url):
    """qr_data_uri() for an address printed on every copy (the aid's own); the key is the whole
    address, so a change of public address never reuses an old code. Printed only."""
    return qr_data_uri(url, PRINT_PIXELS_PER_MODULE)


def qr_data_uri(text, pixels_per_module=SCREEN_PIXELS_PER_MODULE):
    """A QR code as a black-and-white PNG data: URI (nothing to fetch), and its width in modules,
    quiet zone included.

    zxing-cpp encodes and draws it in C++, scoring all eight mask patterns (ISO/IEC 18004 7.8.3) in
    about a quarter of the time a pure-Python encoder (segno) took with one fixed mask: 0.2 against
    0.8 ms of every summary page, for a code made afresh from the answers each time."""
    try:
        code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    except ValueError:  # too long for any QR code at level M
        return None, 0
    # Grey levels (0 dark, 255 light), whole pixels a module, the quiet zone around.
    drawn = memoryview(zxingcpp.write_barcode_to_image(code, scale=pixels_per_module))
    pixels = drawn.shape[0]
    png = io.BytesIO()
    Image.frombytes("L", (pixels, pixels), drawn.tobytes()).convert("1").save(png, "PNG")
    data_uri = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode("ascii")
    return data_uri, pixels // pixels_per_module
