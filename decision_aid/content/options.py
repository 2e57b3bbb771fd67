"""The two options, described with the same parts in the same order (IPDAS Q3 to Q6, C1)."""

from dataclasses import dataclass

from decision_aid.content.evidence_text import SURVIVAL_FACT_IDS
from decision_aid.content.evidence_text import FactsText
from decision_aid.extensions import lazy_gettext as _l

DECISION = _l("Should I take lenalidomide maintenance after my stem cell transplant?")
# The same survival summary in both options' lists, so neither gets more detail (IPDAS C1).
SURVIVAL = FactsText(SURVIVAL_FACT_IDS, lead=_l("How long people lived (largest studies first):"))


@dataclass(frozen=True)
class Experience:
    """What living with an option is like: in the body, in the mind, and day to day."""

    physical: object
    psychological: object
    social: object


@dataclass(frozen=True)
class Option:
    """One option with its good points, downsides and what it is like."""

    code: str
    name: object
    summary: object
    benefits: tuple
    harms: tuple
    experience: Experience


LENALIDOMIDE = Option(
    code="lenalidomide",
    name=_l("Lenalidomide maintenance"),
    summary=_l(
        "You take a lenalidomide capsule by mouth once a day, in cycles, starting a few months after the "
        "transplant. The US label says every day; in the UK there is a week off in each cycle. You keep "
        "taking it for as long as it works and you can manage the side effects."
    ),
    benefits=(
        _l("On average, the myeloma stays away for longer."),
        SURVIVAL,
        _l("You are doing something active to keep the myeloma away."),
    ),
    harms=(
        _l("More people get a serious drop in white blood cells, which raises the risk of infection."),
        _l("More people get a second, different cancer."),
        _l("A higher chance of blood clots. Your team may suggest a blood thinner."),
        _l("A capsule once a day, regular blood tests and monthly prescription steps, often for years."),
        _l("It can harm an unborn baby, so there is a strict pregnancy-prevention programme."),
        _l("It can be costly, depending on your insurance or health service."),
    ),
    experience=Experience(
        physical=FactsText(("safety.common_side_effects",), tail=_l("Some need a lower dose or a break.")),
        psychological=_l(
            "Some people feel reassured to be on treatment. Others feel worn down by years of pills and "
            "tests."
        ),
        social=_l("Regular clinic visits and blood tests. Travel and daily plans fit around them."),
    ),
)

NO_MAINTENANCE = Option(
    code="no-maintenance",
    name=_l("No maintenance now"),
    summary=_l(
        "You do not take a medicine to keep the myeloma away. You have regular check-ups and blood "
        "tests. If the myeloma comes back, you and your team choose a treatment then."
    ),
    benefits=(
        _l("No side effects from maintenance, and no extra risk of a second cancer from it."),
        _l("A break from treatment after the transplant: no daily capsules."),
        _l("No pregnancy-prevention programme, and no cost for the medicine."),
    ),
    harms=(
        _l("On average, the myeloma comes back sooner."),
        SURVIVAL,
        _l("When the myeloma comes back, you will need treatment again."),
    ),
    experience=Experience(
        physical=_l("Time to recover from the transplant without side effects from another medicine."),
        psychological=_l(
            "Some people enjoy the break. Others worry more about the myeloma coming back between check-ups."
        ),
        social=_l("Fewer clinic visits and no monthly prescriptions, so daily life can feel more normal."),
    ),
)

OPTIONS = {option.code: option for option in (LENALIDOMIDE, NO_MAINTENANCE)}
# The leaning's third answer, beside the two options.
NOT_SURE_YET = _l("Not sure yet")
