"""Facts about the aid itself: dates, funding, update policy, and what has not been done yet."""

import json
from datetime import date
from pathlib import Path

from decision_aid.extensions import lazy_gettext as _l

# The package version (setup.cfg reads it from here). A literal, so a build need not import Flask.
VERSION = "0.1.0"
AID_NAME = _l("Lenalidomide after transplant: a decision aid")
PUBLISHED = date(2026, 11, 20)
# At most one year after publication; a test fails the build once this date has passed.
NEXT_REVIEW = date(2027, 11, 19)
# Written by `make readability` from the rendered pages; a test keeps it in step with the text.
READABILITY_FILE = Path(__file__).with_name("readability.json")

# Every item stays on this list until it has really happened. Never remove one without the record.
NOT_DONE_YET = [
    _l("Interviews or surveys with people with myeloma about what they need from this aid."),
    _l("Interviews with haematologists and transplant nurses about what they need."),
    _l("Review of the content by patients and by clinicians who did not write it."),
    _l("Field testing with people facing this decision, and with the nurses and doctors who counsel them."),
    _l("Clinical review of the certainty labels given to each number."),
    _l("Review of the Spanish and French text by native speakers and clinicians."),
    _l(
        "The validated French SURE test (Ferron Parayre and others, 2014). We could not check its exact"
        " words. The French questions shown are our own translation."
    ),
    _l("A validated Spanish SURE test: we found none, so the Spanish questions are our own translation."),
    _l(
        "A study of whether the aid improves knowledge or helps people choose in line with what matters to"
        " them."
    ),
    _l("An external rating against the International Patient Decision Aid Standards (IPDAS)."),
    _l("An accessibility review by disabled people using assistive technology."),
]


def reading_time():
    """Minutes to read the journey at a slow pace, as first shown and with every part opened.

    Measured from the pages' words by `make readability` (tests/readability.py), never typed in.
    """
    recorded = readability() or {}
    return recorded.get("reading_time")


def readability():
    """The measured reading level of each page, as recorded by `make readability`."""
    if not READABILITY_FILE.exists():
        return None
    return json.loads(READABILITY_FILE.read_text(encoding="utf-8"))
