"""What has changed since the main studies, and guideline status: in words only, never icon arrays.

EVIDENCE.md section (g): these studies answer other comparisons, subgroups or single-arm questions.
Each item is either a fact id (its sentence and sources come from the evidence data) or plain words.
"""

from dataclasses import dataclass

from decision_aid.content import current_evidence
from decision_aid.content.evidence_text import SURVIVAL_FACT_IDS
from decision_aid.extensions import lazy_gettext as _l

GUIDELINE_HEADING = _l("What guidelines say")
GUIDELINE_FACT_IDS = ("guideline.nice", "guideline.nccn_maker", "guideline.standard_of_care")
STILL_YOUR_CHOICE = _l(
    "The choice is yours. Both options are reasonable. The right one depends on your situation"
    " and on what matters most to you."
)
HEADING = _l("What has changed since the main studies")
INTRO = _l(
    "Newer studies came after the main ones. They answer other questions, so we give them in words only,"
    " not as pictures."
)


@dataclass(frozen=True)
class Section:
    code: str
    heading: object
    items: tuple  # fact ids (str) or lazy strings


SECTIONS = (
    Section(
        "other-maintenance",
        _l("Other maintenance: daratumumab with lenalidomide"),
        (
            "since.perseus",
            "since.auriga",
            "since.us_approval",
            _l("Ask your team whether daratumumab with lenalidomide is an option for you."),
        ),
    ),
    Section(
        "how-long",
        _l("How long to take it, and stopping"),
        (
            _l(
                "In the main studies, people kept taking it until the myeloma got worse or the side effects"
                " were too much."
            ),
            "since.mxi_duration",
            _l(
                "Some doctors now stop after some years, mostly when tests find no myeloma (MRD-negative)."
                " This is still being studied."
            ),
            "since.gem2014main",
            "since.mrd2stop",
            "since.drammatic",
        ),
    ),
    Section(
        "if-you-wait",
        _l("If you wait and the myeloma comes back"),
        (
            _l("If you wait, lenalidomide may be one of the treatments you can have later."),
            "since.myeloma_deaths",
            "since.ifm_second_pfs",
            _l("Myeloma that grows while you take lenalidomide leaves fewer choices for later treatment."),
        ),
    ),
    Section(
        "high-risk",
        _l("High-risk myeloma"),
        ("since.high_risk", _l("Ask your team whether your myeloma is high-risk, and what that means.")),
    ),
)
SECTIONS_BY_CODE = {section.code: section for section in SECTIONS}


def _resolve(items):
    evidence = current_evidence()
    return [evidence.fact(item).text if isinstance(item, str) else item for item in items]


def guidelines():
    """Guideline status, then that the choice is still the person's (IPDAS; EVIDENCE.md (g) rule 5)."""
    return {"heading": GUIDELINE_HEADING, "items": _resolve(GUIDELINE_FACT_IDS), "choice": STILL_YOUR_CHOICE}


def sections(codes=None):
    """The sections to show (all, or those with these codes), each with its sentences resolved."""
    chosen = SECTIONS if codes is None else [SECTIONS_BY_CODE[code] for code in codes]
    return {
        "heading": HEADING,
        "intro": INTRO,
        "sections": [{"code": s.code, "heading": s.heading, "items": _resolve(s.items)} for s in chosen],
    }


def fact_ids():
    """Every fact id these blocks and the survival summary show, for the summary's source list."""
    ids = list(SURVIVAL_FACT_IDS) + list(GUIDELINE_FACT_IDS)
    ids += [item for section in SECTIONS for item in section.items if isinstance(item, str)]
    return ids


def printed_fact_ids():
    """The fact ids a printed summary states: survival and guideline status (newer studies are only named)."""
    return list(SURVIVAL_FACT_IDS) + list(GUIDELINE_FACT_IDS)
