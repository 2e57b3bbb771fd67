"""What matters to you: factors from both options, rated, then compared with no verdict."""

from dataclasses import dataclass

from wtforms.fields import SelectChoice

from decision_aid.content import options
from decision_aid.content.evidence_text import SURVIVAL_FACT_IDS
from decision_aid.content.evidence_text import FactsText
from decision_aid.extensions import lazy_gettext as _l

LENALIDOMIDE = options.LENALIDOMIDE.code
NO_MAINTENANCE = options.NO_MAINTENANCE.code
# Survival: the largest analysis favours lenalidomide, not every study does (EVIDENCE.md (g) rule 1).
LARGEST_EVIDENCE = "largest-evidence"

IMPORTANCE = [
    SelectChoice("very", _l("Matters a lot to me")),
    SelectChoice("somewhat", _l("Matters a little")),
    SelectChoice("not", _l("Does not matter to me")),
]


@dataclass(frozen=True)
class Factor:
    """Something that may matter to a person, and which option does better on it."""

    field: str
    label: object
    better_option: str
    why: object


# Alternating between the options so neither comes first every time (IPDAS: equal detail).
FACTORS = [
    Factor(
        "value_time_before_return",
        _l("More time before the myeloma comes back"),
        LENALIDOMIDE,
        _l("In the studies, the myeloma took longer to come back with lenalidomide."),
    ),
    Factor(
        "value_second_cancer",
        _l("A lower chance of getting a second, different cancer"),
        NO_MAINTENANCE,
        _l("In the studies, more people on lenalidomide got a second cancer."),
    ),
    Factor(
        "value_living_longer",
        _l("Living longer"),
        LARGEST_EVIDENCE,
        # The survival facts without the options' lead-in: under "Why" it read "Why: How long people
        # lived (largest studies first): The largest…", two colons in one breath.
        FactsText(SURVIVAL_FACT_IDS),
    ),
    Factor(
        "value_side_effects",
        _l("Avoiding side effects such as low blood counts, tiredness and diarrhoea"),
        NO_MAINTENANCE,
        _l("Lenalidomide causes side effects. Without maintenance there are none from it."),
    ),
    Factor(
        "value_doing_something",
        _l("Doing something active now to keep the myeloma away"),
        LENALIDOMIDE,
        _l("Maintenance is an active treatment. Without it, you have regular check-ups instead."),
    ),
    Factor(
        "value_no_daily_pills",
        _l("A break from treatment: no daily capsules, and no monthly prescription steps"),
        NO_MAINTENANCE,
        _l("Lenalidomide means a capsule once a day, regular blood tests and monthly prescriptions."),
    ),
    Factor(
        "value_cost",
        _l("The cost to you of the medicine"),
        NO_MAINTENANCE,
        _l("Lenalidomide can be costly, depending on your insurance or health service."),
    ),
]

OPTION_NAMES = {
    LENALIDOMIDE: options.LENALIDOMIDE.name,
    NO_MAINTENANCE: options.NO_MAINTENANCE.name,
    LARGEST_EVIDENCE: _l("Lenalidomide maintenance, in the largest analysis (not in every study)"),
}


def comparison_rows(answers):
    """The factors rated very important (or somewhat, if none are), with the better option."""
    for level in ("very", "somewhat"):
        chosen = [factor for factor in FACTORS if answers.get(factor.field) == level]
        if chosen:
            return [
                {
                    "field": factor.field,
                    "factor": factor.label,
                    "better": OPTION_NAMES[factor.better_option],
                    "why": factor.why,
                }
                for factor in chosen
            ], level
    return [], None


# Which factor each outcome of the numbers speaks to, so a summary can show the person's rating
# beside the outcome it is about. Factors with no outcome (cost, daily capsules...) are not drawn.
OUTCOME_FACTORS = {
    "calgb_ttp": "value_time_before_return",
    "pfs": "value_time_before_return",
    "os": "value_living_longer",
    "spm_invasive": "value_second_cancer",
    "spm_blood_before_progression": "value_second_cancer",
    "spm_solid_before_progression": "value_second_cancer",
    "neutropenia_g34": "value_side_effects",
    "stopped_ae": "value_side_effects",
}
