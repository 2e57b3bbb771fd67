"""The hand-off token's compact form: answers as bit fields, sealed with ChaCha20-Poly1305.

A QR code printed at 150 dpi and scanned by a phone needs a short link (at most 250 characters
with a 40-character address; ENGINEERING.md). Compressed JSON under Fernet came to about 600.
Here each answer is its choice's position among the field's choices, in a fixed field order
taken from the journey's steps, so the answers of a whole journey fit in about 10 bytes:

    version (1) | schema (2) | issued (4) | nonce (12) | sealed answers (about 10) + tag (16)

- version: this format (1). A Fernet token (the format before it) starts with 0x80.
- schema: the first two bytes of a SHA-256 of the field order and choices. A link made before a
  question or choice changed would decode to the wrong answers, so it is refused as "older".
- issued: seconds since 1970 (big-endian, unsigned), for the expiry. In the clear, but
  authenticated with the version and schema as associated data.
- the answers, encrypted and authenticated with ChaCha20-Poly1305 (a random 12-byte nonce and a
  16-byte tag) under a key derived with HKDF-SHA256 from the app's secret key.

Then base64url without padding. Free text never travels: the note is one bit, "a note was
written". Nothing is stored on the server.
"""

import base64
import hashlib
import os
import struct
from dataclasses import dataclass
from dataclasses import replace
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from wtforms.fields import RadioField
from wtforms.fields import SelectMultipleField
from wtforms.fields import TextAreaField

from decision_aid.content import doctor_questions
from decision_aid.content import quiz
from decision_aid.journey import flow

VERSION = 1
# The first byte of every Fernet token, the format hand-off links had before this one.
FERNET_VERSION = 0x80
HEADER = struct.Struct(">BHI")  # version, schema, issued
NONCE_BYTES = 12
TAG_BYTES = 16
HKDF_SALT = b"decision-aid/handoff"
# A new info string: the v2 key is never the key that opened Fernet links.
HKDF_INFO = b"handoff-link-v2"
# Answers whose codes are numbers read from the evidence (so they change when the evidence
# does): sent as the number itself, 0 to 100, not as a position among today's choices.
NUMBER_FIELDS = frozenset({"quiz_number"})
NUMBER_BITS = 7  # the number plus one (0 means "not answered") fits in 7 bits
# The knowledge check's "I'm not sure", in a number field: the largest 7-bit value.
NOT_SURE_NUMBER = 2**NUMBER_BITS - 1
# Fields whose codes an earlier version offered in another order or number, newest first. A link
# lasts 30 days and may be printed as a QR code, so one made before a question gained a choice
# still opens (tests/test_handoff_token.py pins each schema's id). Only changes that keep every
# earlier code valid belong here; a removed or renamed code makes earlier links "older" instead.
EARLIER_CODES = (
    # Before "if-i-wait" (the question about no maintenance now) joined the questions for the care team.
    {
        "doctor_questions": (
            "how-long", "high-risk", "cost", "kidneys", "blood-clot", "pregnancy", "other-cancer",
            "induction", "age", "myeloma-worse", "late-start", "timing",
        ),
    },
    # Before "late-start" (a transplant more than a year ago) joined the questions for the care team.
    {
        "doctor_questions": (
            "how-long", "high-risk", "cost", "kidneys", "blood-clot", "pregnancy", "other-cancer",
            "induction", "age", "myeloma-worse", "timing",
        ),
    },
)  # fmt: skip


class TokenError(Exception):
    """The token cannot be read; the subclass says why."""


class BadToken(TokenError):
    """Not a token this service made: changed, cut short, or sealed with another key."""


class OldToken(TokenError):
    """A token made by an older version of the aid (another format or other questions)."""


@dataclass(frozen=True)
class Field:
    """One answer in the token: its name, how it is packed, and its codes in order."""

    name: str
    kind: str  # "choice", "choices" (a list: one bit per code), "number" or "written"
    codes: tuple = ()

    @property
    def bits(self):
        """How many bits the field takes in the token."""
        if self.kind == "choice":
            return len(self.codes).bit_length()  # 0 = not answered, else position + 1
        if self.kind == "choices":
            return 1 + len(self.codes)  # answered at all, then one bit per code
        if self.kind == "number":
            return NUMBER_BITS
        return 1  # written: whether the person wrote anything (never what)


def _codes(step, name):
    """The codes a field offers, in the order the page shows them."""
    unbound = getattr(step.form, name)
    choices = unbound.kwargs.get("choices")
    if choices:
        return tuple(choice.value for choice in choices)
    # Choices the form fills in at run time: the knowledge check's and the questions checklist's.
    for question in quiz.QUESTIONS:
        if question.field == name:
            return (*(choice.value for choice in question.choices()), quiz.NOT_SURE)
    if name == "doctor_questions":
        return tuple(suggestion.code for suggestion in doctor_questions.SUGGESTIONS)
    raise LookupError(f"No choices known for the answer field {name!r}")


@cache
def schema():
    """Every answer field in token order: the journey's steps, each knowledge question's first try
    after it. Made once: it depends on the code alone (the knowledge check's number answers are
    packed as numbers, whatever the evidence), and making it cost each summary page 0.04 ms."""
    fields = []
    for step in flow.STEPS:
        for name in step.fields:
            field_class = getattr(step.form, name).field_class
            if name in NUMBER_FIELDS:
                field = Field(name, "number")
            elif issubclass(field_class, TextAreaField):
                field = Field(name, "written")
            elif issubclass(field_class, SelectMultipleField):
                field = Field(name, "choices", _codes(step, name))
            elif issubclass(field_class, RadioField):
                field = Field(name, "choice", _codes(step, name))
            else:
                raise LookupError(f"No token packing for {field_class.__name__} ({name})")
            fields.append(field)
            if step.keeps_first_answer:
                fields.append(Field(flow.FIRST_TRY_PREFIX + name, field.kind, field.codes))
    return tuple(fields)


def schemas():
    """{schema id: fields} for today's questions and each set of EARLIER_CODES (made when a link is
    read, which is rare: a few microseconds)."""
    found = {}
    for changes in ({}, *EARLIER_CODES):
        fields = tuple(
            replace(field, codes=changes.get(field.name.removeprefix(flow.FIRST_TRY_PREFIX), field.codes))
            for field in schema()
        )
        found.setdefault(schema_id(fields), fields)
    return found


def schema_id(fields):
    """Two bytes that change whenever a field, its packing or its choices change."""
    text = "\n".join(f"{field.name}:{field.kind}:{','.join(field.codes)}" for field in fields)
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:2], "big")


def pack(answers, fields):
    """The answers as bytes: each field's bits in order. Unknown codes are left out."""
    number, total = 0, 0
    for field in fields:
        number = (number << field.bits) | _field_value(field, answers.get(field.name))
        total += field.bits
    return number.to_bytes((total + 7) // 8, "big")


def _field_value(field, value):
    if field.kind == "choice":
        return field.codes.index(value) + 1 if value in field.codes else 0
    if field.kind == "choices":
        if not isinstance(value, list):
            return 0
        mask = sum(
            1 << (len(field.codes) - 1 - index) for index, code in enumerate(field.codes) if code in value
        )
        return (1 << len(field.codes)) | mask
    if field.kind == "number":
        text = value if isinstance(value, str) else ""
        if text == quiz.NOT_SURE:
            return NOT_SURE_NUMBER
        return int(text) + 1 if text.isascii() and text.isdigit() and int(text) < NOT_SURE_NUMBER - 1 else 0
    return 1 if isinstance(value, str) and value.strip() else 0


def unpack(data, fields):
    """The answers from pack(), and whether a note was written (its text is never in a token)."""
    total = sum(field.bits for field in fields)
    if len(data) != (total + 7) // 8:
        raise BadToken
    number = int.from_bytes(data, "big")
    if number >> total:
        raise BadToken  # the spare top bits are always zero
    answers, written = {}, False
    for field in reversed(fields):
        value = number & ((1 << field.bits) - 1)
        number >>= field.bits
        if field.kind == "written":
            written = written or bool(value)
            answers[field.name] = ""
        elif value and field.kind == "choice":
            if value > len(field.codes):
                raise BadToken
            answers[field.name] = field.codes[value - 1]
        elif value and field.kind == "choices":
            answers[field.name] = [
                code for index, code in enumerate(field.codes) if value >> (len(field.codes) - 1 - index) & 1
            ]
        elif value and field.kind == "number":
            answers[field.name] = quiz.NOT_SURE if value == NOT_SURE_NUMBER else str(value - 1)
    return answers, written


def derive_key(secret_key):
    """The 32-byte ChaCha20-Poly1305 key for hand-off tokens, from a secret key with HKDF-SHA256."""
    secret = secret_key if isinstance(secret_key, bytes) else str(secret_key).encode("utf-8")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=HKDF_SALT, info=HKDF_INFO).derive(secret)


def seal(answers, *, secret_key, issued):
    """A token (base64url, no padding) holding the answers, stamped with `issued` (Unix seconds)."""
    fields = schema()
    header = HEADER.pack(VERSION, schema_id(fields), issued)
    nonce = os.urandom(NONCE_BYTES)
    sealed = ChaCha20Poly1305(derive_key(secret_key)).encrypt(nonce, pack(answers, fields), header)
    return base64.urlsafe_b64encode(header + nonce + sealed).rstrip(b"=").decode("ascii")


def open_token(token, *, secret_keys):
    """(answers, issued, note_written) from a token sealed with any of the keys.

    Raises OldToken for a token of an older format or older questions, BadToken otherwise.
    """
    data = decode(token)
    if looks_like_fernet(data):
        raise OldToken
    if token[-1:] in ("=", b"="):
        # This format is never padded: padding is a changed link (only Fernet's had it).
        raise BadToken
    if len(data) < HEADER.size + NONCE_BYTES + TAG_BYTES:
        raise BadToken
    version, schema_tag, issued = HEADER.unpack_from(data)
    if version != VERSION:
        raise BadToken
    header, nonce = data[: HEADER.size], data[HEADER.size : HEADER.size + NONCE_BYTES]
    sealed = data[HEADER.size + NONCE_BYTES :]
    for key in secret_keys:
        try:
            packed = ChaCha20Poly1305(derive_key(key)).decrypt(nonce, sealed, header)
        except InvalidTag:
            continue
        # Only a genuine token gets this far, so "older questions" is never a guess.
        fields = schemas().get(schema_tag)
        if fields is None:
            raise OldToken
        answers, written = unpack(packed, fields)
        return answers, issued, written
    raise BadToken


def looks_like_fernet(data):
    """Whether bytes have a Fernet token's shape: version, time, IV, whole AES blocks, HMAC."""
    # Links printed before this format still reach /handoff; they get a plain message.
    fixed = 1 + 8 + 16 + 32
    return data[:1] == bytes([FERNET_VERSION]) and len(data) >= fixed + 16 and (len(data) - fixed) % 16 == 0


def decode(token):
    """The bytes of a base64url token, with or without padding."""
    text = token.decode("ascii") if isinstance(token, bytes) else token
    stripped = text.rstrip("=")
    # Padding is either absent (this format) or complete (Fernet's); "=" nowhere else.
    if "=" in stripped or len(stripped) % 4 == 1 or (stripped != text and len(text) % 4):
        raise BadToken
    try:
        return base64.urlsafe_b64decode(stripped + "=" * (-len(stripped) % 4))
    except ValueError as error:
        raise BadToken from error
