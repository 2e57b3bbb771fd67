"""What the /evidence page lists: every figure by trial, the facts, the gaps and the sources."""

from decision_aid.evidence.enums import STATUS_BADGES
from decision_aid.evidence.enums import Status
from decision_aid.extensions import lazy_gettext as _l

PRESCRIBING_INFORMATION = _l("US prescribing information (label)")
CONFIDENCE_LEVEL = 95
# The badges the page's intro explains, as each number in its tables shows them.
BADGES = {"observed": STATUS_BADGES[Status.OBSERVED], "estimated": STATUS_BADGES[Status.DERIVED]}

# The traps of EVIDENCE.md section (c) that change what a reader takes from the numbers.
TRAPS = [
    (
        _l("Two names for nearly the same thing"),
        _l(
            "The CALGB 100104 study called its main result time to progression, but it also counted "
            "deaths. So it is close to what other studies call progression-free survival: alive and "
            "the myeloma not worse."
        ),
    ),
    (
        _l("When the clock starts"),
        _l(
            "CALGB 100104 counted time from the day of the transplant. The other studies counted from "
            "the day people joined the study, a few months later. Numbers with different clocks are "
            "never shown in the same picture."
        ),
    ),
    (
        _l("Switching from placebo"),
        _l(
            "In CALGB 100104, people taking placebo could switch to lenalidomide after the first "
            "results. This makes the difference in survival look smaller than it would otherwise be."
        ),
    ),
    (
        _l("One study stopped early"),
        _l(
            "IFM 2005-02 stopped lenalidomide for everyone early because of second cancers, so its "
            "long-term numbers reflect about two years of treatment, not treatment until the myeloma "
            "got worse. Both of its groups also had a short course of lenalidomide first."
        ),
    ),
    (
        _l("People who could not have a transplant"),
        _l(
            "Myeloma XI also included people who could not have a transplant. Its overall results mix "
            "both groups, so they are not the right numbers for someone after a transplant."
        ),
    ),
    (
        _l("A wrong dose in one summary"),
        _l(
            "One online summary of Myeloma XI gives a much higher maintenance dose than the study used. "
            "The study report, a news report and NICE all give the dose shown on this page. We use the "
            "dose from the study report."
        ),
    ),
]

DERIVATIONS = [
    _l(
        "Out of 100: a study's percentage is the number of people out of 100. Where a study gives "
        "counts (for example, people with a side effect out of everyone in the group), we work the "
        "number out from the counts and round to the nearest whole person, with halves rounded up."
    ),
    _l(
        "Ranges: where the study gives a range for its number (a %(level)s%% confidence interval), we "
        "show it. Where it gives only counts, we work out the same kind of range with the Wilson "
        "method, and say that we did.",
        level=CONFIDENCE_LEVEL,
    ),
    _l(
        "Estimated numbers: a rate per 100 people per year can be turned into a risk over a number "
        "of years if the rate stays the same. We label every such number as estimated, and we do not "
        "use it beyond the time the study followed people."
    ),
]
