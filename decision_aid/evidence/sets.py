"""The comparison sets, in display order. Every number comes from a figure or fact, never typed here."""

from decimal import Decimal

from decision_aid.evidence import derive
from decision_aid.evidence.comparison import ComparisonSet
from decision_aid.evidence.comparison import OutcomeComparison
from decision_aid.evidence.enums import DENOMINATOR
from decision_aid.evidence.enums import CertaintyLevel
from decision_aid.evidence.enums import ClockStart
from decision_aid.evidence.enums import DifferenceBasis
from decision_aid.evidence.model import Certainty
from decision_aid.evidence.model import Difference
from decision_aid.evidence.model import Horizon
from decision_aid.evidence.model import Statement
from decision_aid.evidence.outcomes import TRIALS
from decision_aid.evidence.text import PN
from decision_aid.evidence.text import P
from decision_aid.extensions import lazy_gettext as _l

DEFAULT_SET_ID = "calgb-3y"
HALF_WINDOW = Decimal("0.5")  # a figure may speak for up to half a year either side of the horizon
PLACEBO = P(_l("placebo (a dummy pill)"))

ONE_BLINDED_STUDY = _l(
    "One large study measured this directly, and neither patients nor doctors knew who"
    " was getting lenalidomide (blinded). It is still only one study."
)
CONFERENCE_REPORT = _l(
    "These numbers come from a short conference report that gives no range."
    " Lenalidomide was also stopped early for everyone, after a median of %(years)s"
    " years."
)
HR_CLEAR = _l(
    "The study's range for the difference between the groups (hazard ratio) does not include no difference."
)
TEST_CLEAR = _l("The study's statistical test found a clear difference between the groups.")
MEDIAN_PFS = _l(
    "Middle (median) time until the myeloma got worse or the person died: %(len)s months with"
    " lenalidomide and %(ctl)s months with %(control)s."
)


LATER_LOOK_OS = _l(
    "In a later look at the same study, the middle (median) survival was %(len)s years with"
    " lenalidomide and %(ctl)s years with placebo. This look was descriptive, not a planned"
    " test."
)
# Trap 22: a number's data cut stands next to it, so two reports of one trial are never mixed unseen.
DATA_UP_TO = _l("%(sentence)s These numbers use data up to %(month)s.")
FOLLOWED_FOR = _l(
    "%(sentence)s These numbers come from a report when half of the people had been followed for"
    " %(months)s months."
)


def _horizon(years, label):
    return Horizon(years, (years - HALF_WINDOW, years + HALF_WINDOW), label)


def _about_years(years):
    """A horizon of whole years, labelled "about N years"."""
    return _horizon(Decimal(years), PN("about %(num)s year", "about %(num)s years", years))


class _Builder:
    """Looks figures and facts up by id so every statement records where its numbers came from."""

    def __init__(self, figures, facts):
        self.figures, self.facts = figures, facts

    def pair(self, key):
        """The lenalidomide and control figures of one measure."""
        return self.figures[f"{key}.lenalidomide"], self.figures[f"{key}.control"]

    def statement(self, statement_id, text, figure_ids=(), fact_ids=(), unavailable_ids=(), sources=()):
        """A Statement whose source ids are gathered from what it cites."""
        sources = list(sources) + [s for i in figure_ids for s in self.figures[i].source_ids]
        sources += [s for i in fact_ids for s in self.facts[i].source_ids]
        return Statement(
            statement_id,
            text,
            tuple(figure_ids),
            tuple(fact_ids),
            tuple(unavailable_ids),
            tuple(dict.fromkeys(sources)),
        )

    def fact_statement(self, fact_id):
        """A Statement that shows a fact's own sentence."""
        return self.statement(fact_id, self.facts[fact_id].text, fact_ids=(fact_id,))

    def medians(self, statement_id, key, template, **values):
        """A words-only Statement of two medians."""
        lenalidomide, control = self.pair(key)
        text = P(template, len=lenalidomide.value, ctl=control.value, **values)
        follow_up = lenalidomide.time_basis.median_follow_up_months
        if lenalidomide.data_cut is not None:
            text = P(DATA_UP_TO, sentence=text, month=lenalidomide.data_cut.display)
        elif follow_up is not None:
            text = P(FOLLOWED_FOR, sentence=text, months=follow_up)
        return self.statement(statement_id, text, (lenalidomide.id, control.id))

    def compare(self, key, certainty, difference, drawable=True, caveat=None, causal=False):
        """An OutcomeComparison with per-100 numbers and ranges derived from the figures."""
        lenalidomide, control = self.pair(key)
        return OutcomeComparison(
            lenalidomide,
            control,
            derive.display_per_100(lenalidomide),
            derive.display_per_100(control),
            derive.range_per_100(lenalidomide),
            derive.range_per_100(control),
            certainty,
            difference,
            drawable,
            caveat,
            causal=causal,
        )


def _calgb(b):
    stopped_control = b.figures["calgb.stopped_ae.control"]
    spm = b.figures["calgb.spm.lenalidomide"]
    moderate = Certainty(CertaintyLevel.MODERATE, P(ONE_BLINDED_STUDY))
    horizon = _about_years(3)
    return ComparisonSet(
        DEFAULT_SET_ID,
        TRIALS["calgb"],
        P(_l("%(trial)s: a large US study with a placebo"), trial=TRIALS["calgb"]),
        PLACEBO,
        horizon,
        ClockStart.MIXED,
        P(
            _l(
                "People aged %(min_age)s to %(max_age)s with newly diagnosed myeloma whose myeloma was stable or"
                " better after one stem cell transplant."
            ),
            **b.facts["calgb.age_limits"].values,
        ),
        caveats=(
            b.fact_statement("calgb.crossover"),
            b.statement(
                "calgb.clock",
                P(
                    _l(
                        "Being alive, and being alive without the myeloma getting worse, are counted from the day of"
                        " the transplant. Side effects and second cancers are counted from the day people joined the"
                        " study, a few months later."
                    )
                ),
                fact_ids=("calgb.clock_from_transplant",),
            ),
            b.statement(
                "calgb.counted_to_date",
                P(
                    _l(
                        "Side effects and second cancers count everyone who had them up to %(month)s. In"
                        " %(follow_up_month)s, half of the people had been followed for more than %(months)s"
                        " months. They are not exact %(years)s-year numbers."
                    ),
                    month=spm.data_cut.display,
                    follow_up_month=b.figures["calgb.ttp_3y.lenalidomide"].data_cut.display,
                    months=spm.time_basis.median_follow_up_months,
                    years=horizon.years,
                ),
                figure_ids=(spm.id, "calgb.neutropenia_g34.lenalidomide", "calgb.stopped_ae.lenalidomide"),
            ),
            b.fact_statement("os_not_powered"),
        ),
        outcomes=(
            b.compare(
                "calgb.ttp_3y",
                moderate,
                Difference(True, DifferenceBasis.HR_CI_EXCLUDES_ONE, P(HR_CLEAR)),
                causal=True,  # the primary end point, randomised and blinded
            ),
            b.compare(
                "calgb.os_3y",
                Certainty(
                    CertaintyLevel.LOW,
                    P(
                        _l(
                            "The study was not designed to test survival. Also, many people on placebo later switched to"
                            " lenalidomide, so the groups are harder to compare."
                        )
                    ),
                ),
                Difference(True, DifferenceBasis.HR_CI_EXCLUDES_ONE, P(HR_CLEAR)),
            ),
            b.compare(
                "calgb.spm",
                Certainty(
                    CertaintyLevel.LOW,
                    P(
                        _l(
                            "Few people in each group had a second cancer, so chance alone could move these numbers."
                            " They count cancers up to one date, not at a fixed time."
                        )
                    ),
                ),
                Difference(True, DifferenceBasis.P_VALUE, P(TEST_CLEAR), "(P = 0.008)", "S004"),
                causal=True,  # counts from the randomised groups, with a test
            ),
            b.compare(
                "calgb.neutropenia_g34",
                Certainty(
                    CertaintyLevel.MODERATE,
                    P(
                        _l(
                            "Counted directly in one large blinded study, up to one date rather than at a fixed time."
                        )
                    ),
                ),
                Difference(
                    True,
                    DifferenceBasis.P_VALUE,
                    P(TEST_CLEAR),
                    "Neutropenia 74 (32) 30 (13) 27 (12) 7 (3) <0.001",
                    "S004",
                ),
                causal=True,  # counts from the randomised groups, with a test
            ),
            b.compare(
                "calgb.stopped_ae",
                Certainty(
                    CertaintyLevel.LOW,
                    P(
                        _l(
                            "The placebo number leaves out the people who switched to lenalidomide, so the two groups"
                            " are not fully comparable."
                        )
                    ),
                ),
                Difference(
                    True,
                    DifferenceBasis.RANGES_DO_NOT_OVERLAP,
                    P(_l("The ranges we computed for the two groups do not overlap.")),
                ),
                caveat=P(
                    _l(
                        "The placebo number counts only the %(n)s people on placebo who did not switch"
                        " to lenalidomide."
                    ),
                    n=stopped_control.n,
                ),
            ),
        ),
        text_facts=(
            b.medians(
                "calgb.median_ttp",
                "calgb.median_ttp",
                _l(
                    "Middle (median) time until the myeloma got worse or the person died, counted from the"
                    " transplant: %(len)s months with lenalidomide and %(ctl)s months with placebo."
                ),
            ),
            b.medians(
                "calgb.pi_median_os",
                "calgb.pi_median_os",
                LATER_LOOK_OS,
            ),
        ),
    )


def _ifm(b):
    stopped = b.facts["ifm.stopped_early"]
    low = Certainty(CertaintyLevel.LOW, P(CONFERENCE_REPORT, years=stopped.values["median_years"]))
    spm_len, spm_ctl = b.pair("ifm.spm_rate")
    horizon = _about_years(5)
    return ComparisonSet(
        "ifm-5y",
        TRIALS["ifm"],
        P(_l("%(trial)s: a large European study with a placebo"), trial=TRIALS["ifm"]),
        PLACEBO,
        horizon,
        ClockStart.RANDOMISATION,
        P(
            _l(
                "People younger than %(max_age)s with newly diagnosed myeloma whose myeloma had not gotten worse"
                " after their first stem cell transplant (some had two)."
            ),
            **b.facts["ifm.age_limit"].values,
        ),
        caveats=(
            b.fact_statement("ifm.stopped_early"),
            b.fact_statement("ifm.consolidation_both_arms"),
            b.statement(
                "ifm.clock",
                P(_l("Times are counted from the day people joined the study, not from the transplant.")),
                figure_ids=("ifm.pfs_5y.lenalidomide",),
            ),
            b.statement(
                "ifm.no_range",
                P(_l("The report of these numbers gives no range, so we cannot show how precise they are.")),
                figure_ids=("ifm.pfs_5y.lenalidomide", "ifm.os_5y.lenalidomide"),
            ),
        ),
        outcomes=(
            b.compare(
                "ifm.pfs_5y",
                low,
                Difference(
                    True,
                    DifferenceBasis.P_VALUE,
                    P(TEST_CLEAR),
                    "42%, versus 18% with placebo (p<0.0001)",
                    "W36",
                ),
                causal=True,  # the primary end point, randomised and blinded
            ),
            b.compare(
                "ifm.os_5y",
                low,
                Difference(
                    False,
                    DifferenceBasis.HR_EQUALS_ONE,
                    P(
                        _l(
                            "The study found about the same survival in both groups (hazard ratio of %(hr)s)."
                        ),
                        hr=b.figures["ifm.os_5y.lenalidomide"].hazard_ratio.value,
                    ),
                ),
            ),
        ),
        text_facts=(
            b.statement(
                "ifm.spm_rate",
                P(
                    _l(
                        "Second cancers: for every %(people)s people followed for one year, there were %(len)s new"
                        " cancers with lenalidomide and %(ctl)s with placebo. Half of the people were followed for"
                        " more than %(months)s months."
                    ),
                    people=DENOMINATOR,
                    len=spm_len.value,
                    ctl=spm_ctl.value,
                    months=spm_len.time_basis.median_follow_up_months,
                ),
                (spm_len.id, spm_ctl.id),
            ),
            b.statement(
                "ifm.spm_no_picture",
                P(
                    _l(
                        "We do not show second cancers as a picture at %(years)s years: that would go beyond the"
                        " time people were followed, and lenalidomide was stopped early."
                    ),
                    years=horizon.years,
                ),
                (spm_len.id,),
                ("ifm.stopped_early",),
            ),
            b.medians("ifm.median_pfs", "ifm.median_pfs", MEDIAN_PFS, control=P(_l("placebo"))),
            b.medians("ifm.pi_median_os", "ifm.pi_median_os", LATER_LOOK_OS),
        ),
    )


def _meta(b):
    follow_up = b.facts["meta.follow_up"].values["months"]
    either = P(_l("placebo or no maintenance"))
    low = Certainty(
        CertaintyLevel.LOW,
        P(
            _l(
                "These numbers come from a news report about the study. It gives no range and does not say at what"
                " time they were measured."
            )
        ),
    )
    states = Difference(
        True,
        DifferenceBasis.SOURCE_STATES,
        P(
            _l(
                "The study report says more people had a second cancer with lenalidomide, but the report we could"
                " check gives no range or test for this."
            )
        ),
        "was higher in the lenalidomide group",
        "W11",
    )
    _, os_control = b.pair("meta.median_os")
    return ComparisonSet(
        "meta-2017",
        TRIALS["meta"],
        P(_l("%(study)s: three studies pooled together"), study=TRIALS["meta"]),
        either,
        _horizon(
            follow_up / 12,
            P(
                _l(
                    "over the follow-up time (half of the people still alive were followed for more than %(months)s"
                    " months)"
                ),
                months=follow_up,
            ),
        ),
        ClockStart.NOT_STATED,
        P(
            _l(
                "People with newly diagnosed myeloma after a stem cell transplant, from the %(trial_a)s,"
                " %(trial_b)s and %(trial_c)s studies."
            ),
            trial_a=TRIALS["calgb"],
            trial_b=TRIALS["ifm"],
            trial_c="GIMEMA RV-MM-PI-209",
        ),
        caveats=(
            b.statement(
                "meta.pooled",
                P(
                    _l(
                        "This study pooled the records of each person from three trials. The other group had placebo"
                        " or no maintenance."
                    )
                ),
                fact_ids=("meta.patients",),
            ),
            b.statement(
                "meta.spm_timing",
                P(
                    _l(
                        "The second-cancer numbers count new cancers found before the myeloma got worse, at any time"
                        " during the follow-up. They are not the risk by a set year."
                    )
                ),
                figure_ids=("meta.spm_blood_before_progression.lenalidomide",),
            ),
        ),
        outcomes=(
            b.compare("meta.spm_blood_before_progression", low, states),
            b.compare("meta.spm_solid_before_progression", low, states),
        ),
        text_facts=(
            b.medians("meta.median_pfs", "meta.median_pfs", MEDIAN_PFS, control=either),
            b.statement(
                "meta.median_os",
                P(
                    _l(
                        "Middle (median) survival: not reached yet with lenalidomide (more than half were still"
                        " alive), and %(ctl)s months with placebo or no maintenance."
                    ),
                    ctl=os_control.value,
                ),
                ("meta.median_os.lenalidomide", os_control.id),
            ),
            b.fact_statement("meta.patients"),
            b.fact_statement("meta.follow_up"),
        ),
    )


def _mxi(b):
    follow_up = b.facts["mxi.follow_up"].values["months"]
    te_pfs = b.figures["mxi.te_median_pfs.lenalidomide"]
    return ComparisonSet(
        "myeloma-xi",
        TRIALS["mxi"],
        P(_l("%(trial)s: a large UK study without a placebo"), trial=TRIALS["mxi"]),
        P(_l("no maintenance (observation)")),
        _horizon(
            follow_up / 12,
            P(
                _l(
                    "over the follow-up time (in the whole study, half of the people were followed for more than"
                    " %(months)s months)"
                ),
                months=follow_up,
            ),
        ),
        ClockStart.RANDOMISATION,
        P(
            _l(
                "People with newly diagnosed myeloma in the UK. Only the results for people who had a stem cell"
                " transplant are shown here."
            )
        ),
        caveats=(
            b.statement(
                "mxi.population",
                P(
                    _l(
                        "This study also included people who could not have a transplant. Its overall results mix"
                        " both groups, so we do not show them."
                    )
                ),
                sources=("W1", "S003"),
            ),
            b.statement(
                "mxi.dose",
                P(
                    _l(
                        "The dose in this study was %(dose_mg)s mg on days %(first_day)s to %(last_day)s of each"
                        " %(cycle_days)s-day cycle. In the US label, it is taken every day of the cycle."
                    ),
                    **b.facts["mxi.maintenance_dose"].values,
                ),
                fact_ids=("mxi.maintenance_dose", "pi.maintenance_dose"),
            ),
            b.statement(
                "mxi.open_label",
                P(
                    _l(
                        "The other group had no maintenance and no placebo, and everyone knew which group they were"
                        " in."
                    )
                ),
                sources=("W1",),
            ),
        ),
        outcomes=(),
        text_facts=(
            b.statement(
                "mxi.te_median_pfs",
                P(
                    _l(
                        "For people who had a transplant, we found the middle (median) time until the myeloma got"
                        " worse for the lenalidomide group only. One group's number cannot be compared, so we do not"
                        " show it."
                    )
                ),
                (te_pfs.id,),
                unavailable_ids=("mxi.te_median_pfs.control",),
            ),
            b.fact_statement("mxi.te_survival_direction"),
            b.fact_statement("mxi.follow_up"),
        ),
    )


def build_sets(figures, facts):
    """Build the comparison sets, in display order (the default first), from figures and facts by id."""
    builder = _Builder(figures, facts)
    return tuple(build(builder) for build in (_calgb, _ifm, _meta, _mxi))
