"""The SURE test (Légaré et al. 2010): four yes/no items, scored, with a next step for each "no".

The licence allows use only with the citation and without changing the items
(decisionaid.ohri.ca/eval.html), so the wording below is exact and the tailored next steps are
shown after the items, never instead of them.
"""

from dataclasses import dataclass

from flask_babel import get_locale
from wtforms.fields import SelectChoice

from decision_aid.extensions import lazy_gettext as _l

CITATION = (
    "Légaré F, Kearing S, Clay K, Gagnon S, D'Amours D, Rousseau M, O'Connor A. "
    "Are you SURE?: Assessing patient decisional conflict with a 4-item screening test. "
    "Can Fam Physician 2010;56(8):e308-14. PMID 20705870."
)
# Scores at or below this suggest the person may not feel ready to decide (Légaré 2010).
FLAG_AT_OR_BELOW = 3
# No validated Spanish SURE was found. A French validation exists (Légaré 2010; Ferron Parayre 2014), but its
# exact item wording could not be checked (shared/guides/SURE.md), so the French shown is still our own
# translation: keep "fr" out until the published items replace it. Say so where it is shown.
VALIDATED_LANGUAGES = {"en"}


UNVALIDATED_NOTICE = _l(
    "These questions are our own translation of the SURE test. This translation has not been validated."
)


def wording_is_validated():
    """Whether the SURE items are shown in a validated language (only English so far)."""
    return str(get_locale()) in VALIDATED_LANGUAGES


def unvalidated_notice():
    """The notice to show beside the SURE items in this language, or None where it is validated."""
    return None if wording_is_validated() else UNVALIDATED_NOTICE


@dataclass(frozen=True)
class SureItem:
    """One SURE item: its letter, exact wording, and the next step if the answer is no."""

    field: str
    letter: str
    domain: object
    wording: object
    next_step: object


ITEMS = [
    SureItem(
        "sure_sure",
        "S",
        _l("Sure of myself"),
        _l("Do you feel SURE about the best choice for you?"),
        _l(
            "It is fine to take more time. You do not have to decide today. Talk it through with "
            "your care team, and come back to this aid when you are ready."
        ),
    ),
    SureItem(
        "sure_understand",
        "U",
        _l("Understand information"),
        _l("Do you know the benefits and risks of each option?"),
        _l(
            "Go back over the numbers and what each option is like. Ask your care team "
            "about anything that is not clear."
        ),
    ),
    SureItem(
        "sure_risk_benefit",
        "R",
        _l("Risk-benefit ratio"),
        _l("Are you clear about which benefits and risks matter most to you?"),
        _l(
            "Go back to the page about what matters to you. Think about which things count most "
            "for you, and share them with your care team."
        ),
    ),
    SureItem(
        "sure_encouragement",
        "E",
        _l("Encouragement"),
        _l("Do you have enough support and advice to make a choice?"),
        _l(
            "Talk with your nurse or doctor. It may help to bring someone you trust to your next appointment."
        ),
    ),
]

YES_NO = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]


@dataclass(frozen=True)
class SureResult:
    """The SURE score (0 to 4), whether it flags possible decisional conflict, and the "no" items."""

    score: int
    flagged: bool
    no_items: list
    total: int = len(ITEMS)


def score(answers):
    """Score the SURE test from stored answers: each yes counts 1; 3 or less is flagged."""
    total = sum(1 for item in ITEMS if answers.get(item.field) == "yes")
    no_items = [item for item in ITEMS if answers.get(item.field) == "no"]
    return SureResult(score=total, flagged=total <= FLAG_AT_OR_BELOW, no_items=no_items)
