"""The numbers views: each outcome as two icon arrays (lenalidomide and no maintenance), with
legends, sentences in both framings, a range, a certainty label and the source.

Every figure comes from the evidence data; this module only decides how to draw it.
"""

from dataclasses import dataclass
from functools import lru_cache

from flask_babel import LazyString

from decision_aid.content import icons
from decision_aid.evidence.enums import RangeBasis
from decision_aid.extensions import lazy_gettext as _l
from decision_aid.extensions import lazy_ngettext

# How to say "has the outcome" and "does not" for each outcome, in the legend and the sentences.
# Each takes the count it follows, so the verb agrees with it ("1 a arrêté", "2 ont arrêté").
OUTCOME_WORDS = {
    "calgb_ttp": (
        lambda n: lazy_ngettext(
            "was alive with their myeloma not worse", "were alive with their myeloma not worse", n
        ),
        lambda n: lazy_ngettext(
            "had died or their myeloma had got worse", "had died or their myeloma had got worse", n
        ),
    ),
    "pfs": (
        lambda n: lazy_ngettext(
            "was alive with their myeloma not worse", "were alive with their myeloma not worse", n
        ),
        lambda n: lazy_ngettext(
            "had died or their myeloma had got worse", "had died or their myeloma had got worse", n
        ),
    ),
    "os": (
        lambda n: lazy_ngettext("was alive", "were alive", n),
        lambda n: lazy_ngettext("had died", "had died", n),
    ),
    "spm_invasive": (
        lambda n: lazy_ngettext("got a second, new cancer", "got a second, new cancer", n),
        lambda n: lazy_ngettext("did not get a second cancer", "did not get a second cancer", n),
    ),
    "spm_blood_before_progression": (
        lambda n: lazy_ngettext(
            "got a new blood cancer before the myeloma got worse",
            "got a new blood cancer before the myeloma got worse",
            n,
        ),
        lambda n: lazy_ngettext(
            "did not get a new blood cancer before the myeloma got worse",
            "did not get a new blood cancer before the myeloma got worse",
            n,
        ),
    ),
    "spm_solid_before_progression": (
        lambda n: lazy_ngettext(
            "got a new cancer in an organ before the myeloma got worse",
            "got a new cancer in an organ before the myeloma got worse",
            n,
        ),
        lambda n: lazy_ngettext(
            "did not get a new cancer in an organ before the myeloma got worse",
            "did not get a new cancer in an organ before the myeloma got worse",
            n,
        ),
    ),
    "neutropenia_g34": (
        lambda n: lazy_ngettext(
            "had a serious drop in white blood cells", "had a serious drop in white blood cells", n
        ),
        lambda n: lazy_ngettext(
            "did not have a serious drop in white blood cells",
            "did not have a serious drop in white blood cells",
            n,
        ),
    ),
    "stopped_ae": (
        lambda n: lazy_ngettext(
            "stopped their study capsules due to side effects",
            "stopped their study capsules due to side effects",
            n,
        ),
        lambda n: lazy_ngettext(
            "did not stop their study capsules due to side effects",
            "did not stop their study capsules due to side effects",
            n,
        ),
    ),
}
# The main benefit and the main harm come first, side by side (DECISION-AID-STANDARDS "going beyond" 2).
DISPLAY_ORDER = [
    "calgb_ttp",
    "pfs",
    "spm_invasive",
    "os",
    "neutropenia_g34",
    "stopped_ae",
    "spm_blood_before_progression",
    "spm_solid_before_progression",
]


def arm_name(arm, comparison_set):
    """The option's name above its array; the control group's name says what it really got."""
    if arm == "lenalidomide":
        return _l("With lenalidomide")
    return _l("With no maintenance: %(control)s", control=comparison_set.control_label)


@dataclass(frozen=True)
class ArmView:
    """One option's array for one outcome, with everything said beside it."""

    arm: str
    name: object
    array: icons.IconArray
    count: int
    sentence: object  # both framings: "X in 100 ... ; 100 - X in 100 did not"
    range_sentence: object | None
    title: object  # the picture's text alternative: every number it shows


@dataclass(frozen=True)
class OutcomeView:
    """One outcome drawn for both options at the same size and scale."""

    comparison: object
    arms: tuple
    difference_sentence: object
    element_id: str

    @property
    def roles(self):
        """The looks this outcome's pictures use, for the colour key."""
        return {category.role for arm in self.arms for category in arm.array.categories if category.count}


def _in_100(n, words):
    """ "N in 100 people ..." with the words (has or has_not) agreeing with N."""
    return lazy_ngettext(
        "%(num)s in 100 people %(words)s.", "%(num)s in 100 people %(words)s.", n, words=words(n)
    )


def _join_sentences(*sentences):
    return LazyString(lambda: " ".join(str(sentence) for sentence in sentences))


def _sentence(count, has, has_not):
    # Both framings, every time (R6): the people who had the outcome and those who did not.
    # Two sentences, each with its own count, so that each verb agrees with its number.
    return _join_sentences(_in_100(count, has), _in_100(100 - count, has_not))


RANGE_SOURCES = {
    "source_ci": _l("The study itself gave this range."),
    "computed_wilson": _l("We worked out this range from the study's counts."),
}


def _range_sentence(per_100_range, drawn):
    if per_100_range.low is None or per_100_range.high is None:
        return _l("The study report gives no range for this number.")
    if drawn:
        # The range's numbers are in the legend under the picture; say where it comes from.
        return RANGE_SOURCES[str(per_100_range.basis)]
    # A 95% range is where the true number probably lies, not a hard limit (EVIDENCE.md (g) rule 3).
    return _l(
        "The true number is probably between %(low)s and %(high)s in 100. %(source)s",
        low=per_100_range.low,
        high=per_100_range.high,
        source=RANGE_SOURCES[str(per_100_range.basis)],
    )


def _extra_label(comparison, extra, has):
    """The striped group: "because of lenalidomide" only where a planned randomised test supports it."""
    if comparison.causal:
        return lazy_ngettext(
            "Because of lenalidomide, %(num)s more in 100 people %(has)s",
            "Because of lenalidomide, %(num)s more in 100 people %(has)s",
            extra,
            has=has(extra),
        )
    return lazy_ngettext(
        "%(num)s more in 100 people %(has)s with lenalidomide",
        "%(num)s more in 100 people %(has)s with lenalidomide",
        extra,
        has=has(extra),
    )


def _anyway_label(comparison, n, has):
    """The dark group beside the striped one: as many as without lenalidomide."""
    if comparison.causal:
        return lazy_ngettext(
            "%(num)s in 100 people %(has)s, with or without lenalidomide",
            "%(num)s in 100 people %(has)s, with or without lenalidomide",
            n,
            has=has(n),
        )
    return lazy_ngettext(
        "%(num)s in 100 people %(has)s, as many as with no maintenance",
        "%(num)s in 100 people %(has)s, as many as with no maintenance",
        n,
        has=has(n),
    )


def extra_role(comparison):
    """How the extra people look: helped (orange) or harmed (purple) only where a causal claim is
    allowed; otherwise neutral grey, whatever the direction (one colour rule, review A7)."""
    if not comparison.causal:
        return "more"
    return "extra" if comparison.is_benefit else "harmed"


def _categories(comparison, arm, has, has_not):
    """The array's groups: incremental (anyway, extra, rest) when the options clearly differ."""
    own = comparison.per_100[arm]
    other = comparison.control_per_100
    if arm == "lenalidomide" and comparison.clearly_differs and own > other:
        extra = own - other
        return [
            icons.Category("anyway", other, _anyway_label(comparison, other, has)),
            icons.Category("extra", extra, _extra_label(comparison, extra, has), role=extra_role(comparison)),
            icons.Category("rest", 100 - own, _legend(100 - own, has_not)),
        ]
    role = "anyway" if comparison.clearly_differs else "same"
    return [
        icons.Category(role, own, _legend(own, has), role=role),
        icons.Category("rest", 100 - own, _legend(100 - own, has_not)),
    ]


def _legend(n, words):
    return lazy_ngettext(
        "%(num)s in 100 people %(words)s", "%(num)s in 100 people %(words)s", n, words=words(n)
    )


def _title(name, sentence, array, causal):
    """Name, both framings and, in the incremental format, how many are extra (A7)."""
    counts = {category.key: category.count for category in array.categories}
    if "extra" in counts and causal:
        # The name ends with a full stop, not a colon: the control's name has a colon of its own.
        return lazy_ngettext(
            "%(name)s. %(sentence)s Of these %(total)s, %(anyway)s would have had this result anyway, and"
            " %(num)s had it because of lenalidomide.",
            "%(name)s. %(sentence)s Of these %(total)s, %(anyway)s would have had this result anyway, and"
            " %(num)s had it because of lenalidomide.",
            counts["extra"],
            name=name,
            sentence=sentence,
            total=counts["anyway"] + counts["extra"],
            anyway=counts["anyway"],
        )
    if "extra" in counts:
        return _l(
            "%(name)s. %(sentence)s With no maintenance it was %(anyway)s in 100. That is %(extra)s more in"
            " 100 with lenalidomide.",
            name=name,
            sentence=sentence,
            anyway=counts["anyway"],
            extra=counts["extra"],
        )
    return _l("%(name)s. %(sentence)s", name=name, sentence=sentence)


def _uncertainty(per_100_range, count):
    low, high = per_100_range.low, per_100_range.high
    if low is None or high is None or not low <= count <= high:
        return None
    return (low, high)


def outcome_view(comparison_set, comparison):
    """Both options' arrays and words for one outcome of a comparison set."""
    has, has_not = OUTCOME_WORDS[comparison.outcome_id]
    arms = []
    for arm in ("lenalidomide", "control"):
        count = comparison.per_100[arm]
        per_100_range = comparison.ranges[arm]
        uncertainty = _uncertainty(per_100_range, count)
        array = icons.layout(_categories(comparison, arm, has, has_not), uncertainty=uncertainty)
        arms.append(
            ArmView(
                arm=arm,
                name=arm_name(arm, comparison_set),
                array=array,
                count=count,
                sentence=_sentence(count, has, has_not),
                title=_title(
                    arm_name(arm, comparison_set), _sentence(count, has, has_not), array, comparison.causal
                ),
                range_sentence=_range_sentence(per_100_range, drawn=uncertainty is not None),
            )
        )
    return OutcomeView(
        comparison=comparison,
        arms=tuple(arms),
        difference_sentence=difference_sentence(comparison, has),
        element_id=f"{comparison_set.id}-{comparison.outcome_id}",
    )


def difference_sentence(comparison, has):
    """The gist in absolute terms (R15), or "no clear difference" when the study found none."""
    if not comparison.clearly_differs:
        return _l("The study found no clear difference between the two groups.")
    difference = comparison.lenalidomide_per_100 - comparison.control_per_100
    if difference > 0:
        return lazy_ngettext(
            "So about %(num)s more person in 100 %(has)s with lenalidomide.",
            "So about %(num)s more people in 100 %(has)s with lenalidomide.",
            difference,
            has=has(difference),
        )
    return lazy_ngettext(
        "So about %(num)s fewer person in 100 %(has)s with lenalidomide.",
        "So about %(num)s fewer people in 100 %(has)s with lenalidomide.",
        -difference,
        has=has(-difference),
    )


# A set's views come from the evidence alone, and their words are lazy (translated when shown), so one
# tuple serves every request and language: building them took 0.26 ms, twice on every summary page.
@lru_cache(maxsize=32)
def set_view(comparison_set):
    """Every drawable outcome of a set: the main benefit and the main harm first."""
    ordered = sorted(
        comparison_set.drawable_outcomes,
        key=lambda comparison: DISPLAY_ORDER.index(comparison.outcome_id),
    )
    return tuple(outcome_view(comparison_set, comparison) for comparison in ordered)


def range_text(per_100_range):
    """A range for the overview table in the pictures' words ("probably 59 to 73"), or "no range
    reported". Where the range is ours, worked out from the study's counts, the table marks it and
    says so once below (range_worked_out): "(range computed by us from the study's counts)" after six
    of its ten numbers was the jargon a reader stumbled on."""
    if per_100_range.low is None or per_100_range.high is None:
        return _l("no range reported")
    return _l("probably %(low)s to %(high)s", low=per_100_range.low, high=per_100_range.high)


def range_worked_out(per_100_range):
    """Whether a range is a derived figure (worked out by us, not reported by the study)."""
    ends = (per_100_range.low, per_100_range.high)
    return per_100_range.basis == RangeBasis.COMPUTED_WILSON and None not in ends


def _overview_cell(arm, per_100):
    """One option's cell in the overview table: its count and its range."""
    return {"count": arm.count, "range": range_text(per_100), "worked_out": range_worked_out(per_100)}


def overview_rows(views):
    """One row per outcome for the overview table: both options out of 100, their ranges, how sure."""
    return [
        {
            "label": view.comparison.label,
            "element_id": view.element_id,
            "arms": [_overview_cell(arm, view.comparison.ranges[arm.arm]) for arm in view.arms],
            "certainty": view.comparison.certainty.label,
        }
        for view in views
    ]


# What each look means, in the order a reader meets them (each colour is explained where it first appears).
COLOUR_KEY = {
    "anyway": _l("Dark figures are the people who had what the heading says."),
    "extra": _l(
        "Orange striped figures are the extra people lenalidomide helped. They appear only where a fair test"
        " showed lenalidomide caused the difference."
    ),
    "harmed": _l(
        "Purple figures with stripes the other way are the extra people lenalidomide harmed. They also appear"
        " only where a fair test showed lenalidomide caused the difference."
    ),
    "more": _l(
        "Grey figures with level stripes are the extra people with lenalidomide where the study cannot show"
        " that lenalidomide was the cause."
    ),
    "same": _l("Mid-tone (teal) figures mean the study found no clear difference between the two groups."),
    "rest": _l("Light figures are everyone else out of the 100."),
}


# The same looks in the short words of the summary's and handout's table key (room is tight on paper).
TABLE_KEY = {
    "anyway": _l("Dark figures: people who had what the row names."),
    "extra": _l("Orange striped figures: extra people lenalidomide helped."),
    "harmed": _l("Purple striped figures: extra people lenalidomide harmed."),
    "more": _l("Grey striped figures: extra people with lenalidomide; cause not proven."),
    "same": _l("Mid-tone figures: people who had it, where the study found no clear difference."),
    "rest": _l("Light figures: people who did not have it."),
    # Not a look of its own: the uncertainty range drawn round people in the pictures (R8).
    "range": _l("Dashed outline: where the true number may lie."),
}


def roles_drawn(views):
    """Every look the views' pictures use."""
    return set().union(*(view.roles for view in views))


def looks_for(views):
    """The person tiles a web page showing these views defines once (icon_defs)."""
    return icons.LOOKS.only(roles_drawn(views))


def colour_key(views):
    """The meaning of every look the views use, dark first."""
    used = roles_drawn(views)
    return [text for role, text in COLOUR_KEY.items() if role in used]


def worked_example(views, comparison_set):
    """ "How to read this" for the first picture with extra people, built from its numbers (R5)."""
    for view in views:
        arm = view.arms[0]
        counts = {category.key: category for category in arm.array.categories}
        if "extra" not in counts:
            continue
        has, has_not = OUTCOME_WORDS[view.comparison.outcome_id]
        anyway, extra, rest = counts["anyway"].count, counts["extra"].count, counts["rest"].count
        # A sentence for each group, so each noun and verb agrees with its own count ("1 dark person").
        return _join_sentences(
            lazy_ngettext(
                "In the first picture, with lenalidomide, %(num)s dark person %(has)s.",
                "In the first picture, with lenalidomide, %(num)s dark people %(has)s.",
                anyway,
                has=has(anyway),
            ),
            _l("That is as many as with %(control)s.", control=comparison_set.control_label),
            lazy_ngettext(
                "The %(num)s striped person is the extra one.",
                "The %(num)s striped people are the extra ones.",
                extra,
            ),
            lazy_ngettext(
                "The %(num)s light person %(has_not)s.",
                "The %(num)s light people %(has_not)s.",
                rest,
                has_not=has_not(rest),
            ),
        )
    return None


# Measures that answer the same question as a headline outcome, for "this study did not report".
SAME_QUESTION = {
    "pfs": "calgb_ttp",
    "spm_blood_before_progression": "spm_invasive",
    "spm_solid_before_progression": "spm_invasive",
}


def not_shown(comparison_set, headline_set):
    """The headline study's outcomes this study gives no out-of-100 numbers for (balance, IPDAS C1)."""
    shown = {SAME_QUESTION.get(o.outcome_id, o.outcome_id) for o in comparison_set.drawable_outcomes}
    return [o.label for o in headline_set.drawable_outcomes if o.outcome_id not in shown]
