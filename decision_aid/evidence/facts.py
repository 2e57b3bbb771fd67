"""Content facts for the pages (doses, eligibility, REMS, trial conduct), each with its source.

Every number sits in `values` and reaches the sentence through a placeholder.
"""

from decision_aid.evidence import derive
from decision_aid.evidence.enums import EvidenceStatus
from decision_aid.evidence.figures import META_FU
from decision_aid.evidence.figures import MXI_FU
from decision_aid.evidence.model import ErroneousClaim
from decision_aid.evidence.model import Fact
from decision_aid.evidence.outcomes import TRIALS
from decision_aid.evidence.sources import MAIN_REPORTS
from decision_aid.evidence.sources import SOURCES
from decision_aid.evidence.text import Month
from decision_aid.evidence.text import P
from decision_aid.extensions import lazy_gettext as _l

V_SEED, V, V_SEC, D = EvidenceStatus.V_SEED, EvidenceStatus.V, EvidenceStatus.V_SECONDARY, EvidenceStatus.D
CALGB, IFM, META, MXI = (TRIALS[k] for k in ("calgb", "ifm", "meta", "mxi"))
DOSE_SCHEDULE = _l(
    "%(dose_mg)s mg by mouth once a day on days %(first_day)s to %(last_day)s of each"
    " %(cycle_days)s-day cycle"
)
PI_DOSE_QUOTE = (
    "The recommended starting dose of REVLIMID is 10 mg once daily continuously (Days 1-28 of"
    " repeated 28-day cycles) … After 3 cycles of maintenance therapy, the dose can be increased"
    " to 15 mg once daily if tolerated."
)
ESCALATION_QUOTE = (
    "a dose increase to 15 mg once daily occurred in 135 patients (58%) in CALGB, and in 185"
    " patients (60%) in IFM"
)
ESCALATED = _l(
    "In the %(trial)s study, %(count)s people (%(share)s in every %(people)s) had their dose"
    " raised to %(dose_mg)s mg a day."
)
_first, _last = derive.year_span(s.year for s in SOURCES if s.id in MAIN_REPORTS)

FACTS = (
    Fact(
        "pi.maintenance_dose",
        "dose",
        P(_l("Usual starting dose for maintenance (US label)")),
        P(DOSE_SCHEDULE, dose_mg=10, first_day=1, last_day=28, cycle_days=28),
        V,
        ("W24",),
        PI_DOSE_QUOTE,
        "W24",
    ),
    Fact(
        "pi.maintenance_dose_increase",
        "dose",
        P(_l("Higher dose for maintenance (US label)")),
        P(
            _l(
                "After %(after_cycles)s cycles, the dose can go up to %(dose_mg)s mg once a day if the"
                " person is coping well with the side effects."
            ),
            after_cycles=3,
            dose_mg=15,
        ),
        V,
        ("W24",),
        PI_DOSE_QUOTE,
        "W24",
    ),
    Fact(
        "calgb.dose_increase",
        "dose",
        P(_l("People whose dose went up")),
        P(ESCALATED, trial=CALGB, count=135, share=58, people=100, dose_mg=15),
        V_SEED,
        ("S000",),
        ESCALATION_QUOTE,
        "S000",
    ),
    Fact(
        "ifm.dose_increase",
        "dose",
        P(_l("People whose dose went up")),
        P(ESCALATED, trial=IFM, count=185, share=60, people=100, dose_mg=15),
        V_SEED,
        ("S000",),
        ESCALATION_QUOTE,
        "S000",
    ),
    Fact(
        "mxi.maintenance_dose",
        "dose",
        P(_l("Dose used in the %(trial)s study"), trial=MXI),
        P(DOSE_SCHEDULE, dose_mg=10, first_day=1, last_day=21, cycle_days=28),
        V,
        ("W1", "W2", "W4"),
        "lenalidomide maintenance (10 mg orally on days 1–21 of a 28-day cycle)",
        "W1",
    ),
    Fact(
        "rems.pregnancy_tests",
        "rems",
        P(_l("Pregnancy tests before starting (US rule)")),
        P(
            _l(
                "In the US, people who could become pregnant need %(tests)s negative pregnancy tests before"
                " starting. The first is %(days_low)s to %(days_high)s days before, and the second within"
                " %(hours)s hours before the prescription."
            ),
            tests=2,
            days_low=10,
            days_high=14,
            hours=24,
        ),
        V,
        ("W26", "W29", "W32"),
        "Females who can become pregnant need 2 negative pregnancy tests before starting: the first within"
        " 10–14 days and the second within 24 hours before the prescription",
        None,
    ),
    Fact(
        "rems.contraception",
        "rems",
        P(_l("Birth control")),
        P(
            _l(
                "People who could become pregnant must use %(forms)s kinds of birth control at the same time,"
                " or not have sex at all. This starts %(weeks_before)s weeks before the first dose and lasts"
                " until %(weeks_after)s weeks after the last dose, even during breaks."
            ),
            forms=2,
            weeks_before=4,
            weeks_after=4,
        ),
        V,
        ("W28", "W29"),
        "They must use 2 forms of contraception, or abstain completely, from 4 weeks before until 4 weeks"
        " after treatment, including dose interruptions",
        None,
    ),
    Fact(
        "rems.no_blood_donation",
        "rems",
        P(_l("Giving blood")),
        P(
            _l("Do not give blood while taking lenalidomide and for %(weeks_after)s weeks after stopping."),
            weeks_after=4,
        ),
        V,
        ("W29",),
        "No blood donation during treatment and for 4 weeks after",
        None,
    ),
    Fact(
        "rems.program",
        "rems",
        P(_l("Safety program")),
        P(
            _l(
                "In the US, lenalidomide is only available through a safety program called %(program)s"
                " (%(website)s, phone %(phone)s)."
            ),
            program="Lenalidomide REMS",
            website="www.lenalidomiderems.com",
            phone="1-888-423-5436",
        ),
        V,
        ("W29", "W30"),
        "The drug is available only through the Lenalidomide REMS shared-system program (FDA REMS page"
        " last updated 03/24/2023, W30): www.lenalidomiderems.com, 1-888-423-5436 (W29).",
        None,
    ),
    Fact(
        "calgb.age_limits",
        "eligibility",
        P(_l("Ages in the %(trial)s study"), trial=CALGB),
        P(_l("People aged %(min_age)s to %(max_age)s could join."), min_age=18, max_age=70),
        V_SEED,
        ("S004", "S000"),
        "were 18 to 70 years of age",
        "S004",
    ),
    Fact(
        "ifm.age_limit",
        "eligibility",
        P(_l("Ages in the %(trial)s study"), trial=IFM),
        P(_l("People younger than %(max_age)s when their myeloma was found could join."), max_age=65),
        V_SEED,
        ("S000", "S002"),
        "<65 years at diagnosis (IFM)",
        "S000",
    ),
    Fact(
        "eligibility.kidney_function",
        "eligibility",
        P(_l("Kidney function in the trials")),
        P(
            _l(
                "People in the %(trial_a)s and %(trial_b)s studies needed kidney function (creatinine"
                " clearance) of at least %(crcl)s mL per minute."
            ),
            trial_a=CALGB,
            trial_b=IFM,
            crcl=30,
        ),
        V_SEED,
        ("S000",),
        "Patients were required to achieve at least stable disease following hematologic recovery and"
        " CrCl ≥30 mL/min.",
        "S000",
    ),
    Fact(
        "calgb.clock_from_transplant",
        "trial",
        P(_l("When the clock starts in the %(trial)s study"), trial=CALGB),
        P(
            _l(
                "Time was counted from the day of the transplant. People joined the study %(day_low)s to"
                " %(day_high)s days after the transplant."
            ),
            day_low=100,
            day_high=110,
        ),
        V_SEED,
        ("S004",),
        "assigned in a blinded manner to lenalidomide or placebo between day 100 and day 110 after"
        " transplantation … the date of transplantation was used as the reference date",
        "S004",
    ),
    Fact(
        "calgb.crossover",
        "trial",
        P(_l("Switching from placebo")),
        P(
            _l(
                "After the first results in %(month)s, people taking placebo could switch to lenalidomide:"
                " %(switched)s of the %(eligible)s who could switch did so."
            ),
            month=Month(2009, 12),
            switched=86,
            eligible=128,
        ),
        V_SEED,
        ("S004",),
        "The study was unblinded on December 17, 2009 … Of 128 eligible patients without disease"
        " progression in the placebo group, 86 received lenalidomide therapy.",
        "S004",
    ),
    Fact(
        "calgb.induction_trend",
        "trial",
        P(_l("Lenalidomide before the transplant")),
        # No trial name here: notes carry no digits (they are about the person, not a number).
        P(
            _l(
                "In the main study, maintenance seemed to help people who had taken lenalidomide before"
                " their transplant a little more. The study could not say for sure."
            )
        ),
        V_SEED,
        ("S004",),
        "There was a trend toward a greater difference in time to progression with lenalidomide than with"
        " placebo for status with respect to lenalidomide induction therapy (P = 0.06 for interaction).",
        "S004",
    ),
    Fact(
        "calgb.randomised",
        "trial",
        P(_l("People in the %(trial)s study"), trial=CALGB),
        P(
            _l("%(lenalidomide)s people got lenalidomide and %(control)s got placebo."),
            lenalidomide=231,
            control=229,
        ),
        V_SEED,
        ("S004",),
        "460 patients … were randomly assigned to a study group: 231 to the lenalidomide"
        " group and 229 to the placebo group",
        "S004",
    ),
    Fact(
        "ifm.randomised",
        "trial",
        P(_l("People in the %(trial)s study"), trial=IFM),
        P(
            _l("%(total)s people took part. Chance decided who got lenalidomide and who got placebo."),
            total=614,
        ),
        V_SEED,
        ("S002",),
        "We randomly assigned 614 patients younger than 65 years of age",
        "S002",
    ),
    Fact(
        "ifm.stopped_early",
        "trial",
        P(_l("Lenalidomide stopped early")),
        P(
            _l(
                "In %(month)s, the %(trial)s study stopped lenalidomide for everyone because of second"
                " cancers. By then, people had taken it for a median of %(median_years)s years."
            ),
            month=Month(2011, 1),
            trial=IFM,
            median_years=2,
        ),
        V,
        ("W36", "S000"),
        "In January 2011, the DSMB recommended to stop LEN due to the increased incidence of second"
        " primary malignancies (SPMs). The median duration of maintenance treatment with LEN was 2 years"
        " (IQ range= 1-3).",
        "W36",
    ),
    Fact(
        "ifm.consolidation_both_arms",
        "trial",
        P(_l("Lenalidomide in both groups")),
        P(
            _l(
                "In the %(trial)s study, both groups first took lenalidomide for a short time"
                " (consolidation). Then one group kept taking it and the other took placebo."
            ),
            trial=IFM,
        ),
        V_SEED,
        ("S004",),
        "the use of lenalidomide consolidation therapy in both groups after transplantation",
        "S004",
    ),
    Fact(
        "os_not_powered",
        "trial",
        P(_l("Survival was not the main question")),
        P(
            _l(
                "Neither the %(trial_a)s nor the %(trial_b)s study was designed to show a difference in"
                " survival."
            ),
            trial_a=CALGB,
            trial_b=IFM,
        ),
        V_SEED,
        ("S000",),
        "Neither CALGB nor IFM was powered to evaluate OS.",
        "S000",
    ),
    Fact(
        "meta.patients",
        "trial",
        P(_l("People in the pooled study")),
        P(
            _l("%(lenalidomide)s people had lenalidomide and %(control)s had placebo or no maintenance."),
            lenalidomide=605,
            control=603,
        ),
        V,
        ("W10", "W11"),
        "1,208 patients were included in the meta-analysis (605 patients in the lenalidomide maintenance"
        " group and 603 in the placebo or observation group)",
        "W10",
    ),
    Fact(
        "meta.follow_up",
        "trial",
        P(_l("Follow-up in the pooled study")),
        P(
            _l("Half of the people still alive were followed for more than %(months)s months."),
            months=META_FU,
        ),
        V,
        ("W10", "W11"),
        "At a median follow-up time of 79.5 months for all surviving patients",
        "W10",
    ),
    Fact(
        "mxi.follow_up",
        "trial",
        P(_l("Follow-up in the %(trial)s study"), trial=MXI),
        P(_l("Half of the people were followed for more than %(months)s months."), months=MXI_FU),
        V,
        ("W2",),
        "Median follow-up was 31 months.",
        "W2",
    ),
    Fact(
        "mxi.te_survival_direction",
        "trial",
        P(_l("Survival after a transplant in %(trial)s"), trial=MXI),
        P(
            _l(
                "For people who had a transplant, survival was longer with lenalidomide than with no"
                " maintenance. We could not check the numbers, so we do not show them."
            )
        ),
        V_SEED,
        ("S003",),
        "a significant improvement in OS was seen in transplantation-eligible patients"
        " but not transplantation-ineligible patients",
        "S003",
    ),
    Fact(
        "publication.years",
        "publication",
        P(_l("When the main results were published")),
        P(
            _l("The main study results were published from %(first_year)s to %(last_year)s."),
            first_year=str(_first),
            last_year=str(_last),
        ),
        D,
        MAIN_REPORTS,
        "",
        None,
        derivation=f"earliest and latest year of the main reports {', '.join(MAIN_REPORTS)}",
    ),
)

# Third pass (EVIDENCE.md section (g)): facts stated in words only, never as icon arrays.
SURVIVAL_FACTS = ("survival.pooled", "survival.mxi", "survival.ifm", "survival.network_meta")
FACTS += (
    Fact(
        "survival.pooled",
        "survival",
        P(_l("Survival in the pooled study")),
        P(
            _l(
                "The largest analysis pooled %(trials)s studies with %(people)s people. It found more people"
                " alive with lenalidomide."
            ),
            trials=3,
            people=1208,
        ),
        V,
        ("W10", "W11", "W12"),
        "median overall survival was not reached in the lenalidomide group vs 86.0 months in the"
        " placebo/observation group (HR = 0.75, P = .001)",
        "W11",
    ),
    Fact(
        "survival.mxi",
        "survival",
        P(_l("Survival after a transplant in %(trial)s"), trial=MXI),
        P(_l("The UK %(trial)s study found longer survival for people who had a transplant."), trial=MXI),
        V_SEED,
        ("S003",),
        "a significant improvement in OS was seen in transplantation-eligible patients",
        "S003",
    ),
    Fact(
        "survival.ifm",
        "survival",
        P(_l("Survival in the %(trial)s study"), trial=IFM),
        P(
            _l(
                "The %(trial)s study, which stopped lenalidomide after about %(years)s years, found no clear"
                " difference."
            ),
            trial=IFM,
            years=2,
        ),
        V,
        ("W36",),
        "The 5-year post randomization overall survival (OS) was similar in the 2 groups: 68% in the LEN"
        " group versus 67% in the placebo group (HR=1)",
        "W36",
    ),
    Fact(
        "survival.network_meta",
        "survival",
        P(_l("Survival in a later study of many trials")),
        P(
            _l(
                "One later analysis of %(trials)s studies, which compared maintenance medicines, found no clear"
                " survival benefit."
            ),
            trials=9,
        ),
        V,
        ("W53",),
        "None of the agents showed an OS benefit",
        None,
    ),
    Fact(
        "guideline.nice",
        "guideline",
        P(_l("Advice in England")),
        P(_l("NICE, the health guidance body for England, recommends lenalidomide maintenance.")),
        V,
        ("W4",),
        "NICE TA680 recommends lenalidomide maintenance (W4)",
        None,
    ),
    Fact(
        "guideline.nccn_maker",
        "guideline",
        P(_l("Advice in the US, as the drug maker reports it")),
        P(
            _l(
                "The drug maker's web page says a US guideline (NCCN) listed it as a preferred choice, in its"
                " %(year)s wording."
            ),
            year="2022",
        ),
        V_SEED,
        ("S000",),
        "the maker's page cites NCCN category 1, preferred (S000, 2022 wording; current NCCN wording U)",
        None,
    ),
    Fact(
        "guideline.standard_of_care",
        "guideline",
        P(_l("Expert view")),
        P(
            _l(
                "A %(year)s expert commentary says lenalidomide maintenance is still standard care after a"
                " transplant."
            ),
            year="2025",
        ),
        V,
        ("W49",),
        "Induction therapy followed by ASCT and R maintenance remains the standard of care for"
        " transplant-eligible … NDMM",
        "W49",
    ),
    Fact(
        "since.perseus",
        "since_trials",
        P(_l("Daratumumab added to lenalidomide")),
        P(
            _l(
                "In the %(trial)s study of %(people)s people, adding daratumumab to the first treatment and to"
                " lenalidomide maintenance kept the myeloma away for longer."
            ),
            trial="PERSEUS",
            people=709,
        ),
        V_SEC,
        ("W46",),
        "the 48-month PFS rate was 84.3% with D-VRd vs 67.7% with VRd (HR, 0.42; 95% CI, 0.30-0.59; P <.0001)",
        "W46",
    ),
    Fact(
        "since.us_approval",
        "since_trials",
        P(_l("What the US approval covers")),
        P(
            _l(
                "The US approval of daratumumab in this use covers the treatment before and just after the"
                " transplant. It does not cover the maintenance phase."
            )
        ),
        V_SEC,
        ("W47",),
        "approved daratumumab … in combination with bortezomib, lenalidomide, and dexamethasone for induction"
        " and consolidation … an investigational treatment regimen for maintenance",
        "W47",
    ),
    Fact(
        "since.auriga",
        "since_trials",
        P(_l("Daratumumab when myeloma can still be found")),
        P(
            _l(
                "In the %(trial)s study, myeloma could still be found after the transplant. Daratumumab with"
                " lenalidomide kept it away longer than lenalidomide alone. About %(dara)s in %(people)s people"
                " had a serious infection with daratumumab added, against about %(len)s in %(people)s with"
                " lenalidomide alone."
            ),
            trial="AURIGA",
            # Grade 3/4 infections 18.8% vs 13.3% (EVIDENCE.md G3), as whole people out of 100.
            dara=19,
            len=13,
            people=100,
        ),
        V,
        ("W48",),
        "Progression-free survival (PFS) favored D-R vs R (hazard ratio, 0.53; 95% CI, 0.29-0.97) …"
        " infections (18.8% vs 13.3%)",
        "W48",
    ),
    Fact(
        "since.mxi_duration",
        "since_trials",
        P(_l("How long the benefit lasts")),
        P(
            _l(
                "In the %(trial)s study, the gain from carrying on with lenalidomide got smaller between"
                " %(low)s and %(high)s years."
            ),
            trial=MXI,
            low=4,
            high=5,
        ),
        V_SEC,
        ("W9",),
        "between 4 and 5 years the impact diminished in all patients",
        "W9",
    ),
    Fact(
        "since.gem2014main",
        "since_trials",
        P(_l("Stopping when no myeloma can be found")),
        P(
            _l(
                "In the Spanish %(trial)s study, people whose tests found no myeloma stopped maintenance. At"
                " %(years)s years, it had got worse in about %(share)s in %(people)s of them."
            ),
            trial="GEM2014MAIN",
            years=4,
            # 17.2% at 4 years (EVIDENCE.md G5), as whole people out of 100: "17.2 in 100" was a
            # fraction of a person.
            share=17,
            people=100,
        ),
        V,
        ("W50",),
        "Maintenance discontinuation in patients tested negative for MRD resulted in a low progression rate"
        " (17.2% at 4 years)",
        "W50",
    ),
    Fact(
        "since.mrd2stop",
        "since_trials",
        P(_l("Stopping after a few years")),
        P(
            _l(
                "In the %(trial)s study, %(people)s people with no myeloma found stopped after a median of"
                " %(months)s months. Few had it come back, but this study had no comparison group."
            ),
            trial="MRD2STOP",
            people=47,
            months=36,
        ),
        V,
        ("W51",),
        "Maintenance discontinuation in patients with MM and MRD < 10-6 led to low rates of disease"
        " resurgence",
        "W51",
    ),
    Fact(
        "since.drammatic",
        "since_trials",
        P(_l("A study of stopping that is still running")),
        P(
            _l(
                "The US %(trial)s study compares stopping with carrying on, and how long people live. It has no"
                " results yet."
            ),
            trial="DRAMMATIC",
        ),
        V,
        ("W52",),
        "To compare overall survival (OS) between the two treatment arms",
        None,
    ),
    Fact(
        "since.ifm_second_pfs",
        "since_trials",
        P(_l("After the myeloma came back (second progression-free survival)")),
        P(
            _l(
                "In the %(trial)s study, once the myeloma came back, the next treatment held it for less time"
                " after lenalidomide. The median time to the next worsening was %(len)s months with"
                " lenalidomide and %(ctl)s months with placebo."
            ),
            trial=IFM,
            len=10,
            ctl=18,
        ),
        V,
        ("W36",),
        "10 months within the LEN arm versus 18 months within the placebo arm (p<0.0001)",
        "W36",
    ),
    Fact(
        "since.myeloma_deaths",
        "since_trials",
        P(_l("Deaths from myeloma in the pooled study")),
        P(
            _l(
                "In the pooled study, death from myeloma came later with lenalidomide maintenance. The study"
                " gave this only as a comparison of the groups, not as numbers out of %(people)s."
            ),
            people=100,
        ),
        V,
        ("W11",),
        "HR = 0.66",
        "W11",
    ),
    Fact(
        "since.high_risk",
        "since_trials",
        P(_l("High-risk myeloma")),
        P(
            _l(
                "Doctors now use a %(year)s international definition of high-risk myeloma. For high-risk"
                " myeloma, lenalidomide alone may not be enough, and other medicines are often added."
            ),
            year="2025",
        ),
        V_SEC,
        ("W61", "W53"),
        "PFS benefits were not seen in patients with high-risk cytogenetics",
        "W53",
    ),
    Fact(
        "safety.pregnancy_uk_europe",
        "rems",
        P(_l("Pregnancy tests in the UK and Europe")),
        P(
            _l(
                "In the UK and Europe, there is a pregnancy test every %(weeks)s weeks. The capsules are given"
                " within %(days)s days of the prescription, ideally on the day of the test."
            ),
            weeks=4,
            days=7,
        ),
        V,
        ("W54",),
        "Ideally, pregnancy testing, issuing a prescription and dispensing should occur on the same day …"
        " within 7 days of the prescription",
        "W54",
    ),
    Fact(
        "safety.combined_pill",
        "rems",
        P(_l("Birth control pills")),
        P(
            _l(
                "Combined birth control pills (with estrogen) are not advised, because they raise the risk of clots."
            )
        ),
        V,
        ("W54",),
        "combined oral contraceptive pills are not recommended",
        "W54",
    ),
    Fact(
        "safety.men_condoms",
        "rems",
        P(_l("Men taking lenalidomide")),
        P(
            _l(
                "Men taking lenalidomide use a condom with a partner who could become pregnant, during treatment"
                " and after it. In Switzerland, this lasts at least %(days)s days after stopping."
            ),
            days=7,
        ),
        V,
        ("W55",),
        "mindestens für 7 Tage nach Beendigung",
        "W55",
    ),
    Fact(
        "safety.second_cancer_types",
        "safety",
        P(_l("Which second cancers")),
        P(
            _l(
                "Second cancers seen include blood cancers such as leukaemia, and breast, bowel and skin"
                " (melanoma) cancers. One kind of leukaemia was found a median of %(months)s months after"
                " first taking lenalidomide. Your usual cancer screening goes on."
            ),
            months=54,
        ),
        V,
        ("S004", "W57"),
        "B-ALL was diagnosed at median 54 months (range, 5-119) after first exposure to lenalidomide",
        "W57",
    ),
    Fact(
        "safety.infections_interim",
        "safety",
        P(_l("Serious infections (early look)")),
        P(
            _l(
                "In an early look at the %(trial)s study, %(len)s in %(people)s people on lenalidomide had a"
                " serious infection. On placebo, it was %(ctl)s in %(people)s."
            ),
            trial=CALGB,
            len=16,
            ctl=5,
            people=100,
        ),
        V_SEC,
        ("W18",),
        "infections (16% vs. 5%)",
        "W18",
    ),
    Fact(
        "safety.diarrhoea",
        "safety",
        P(_l("Diarrhoea")),
        P(
            _l(
                "Diarrhoea on lenalidomide can be caused by bile acids, and then it can be treated. Tell your team:"
                " you may not need to stop."
            )
        ),
        V,
        ("W56",),
        "Lenalidomide-induced diarrhea in patients with myeloma is caused by bile acid malabsorption that"
        " responds to treatment",
        None,
    ),
    Fact(
        "safety.common_side_effects",
        "safety",
        P(_l("Side effects reported most")),
        P(
            _l(
                "Rash, tiredness and diarrhoea are each reported by %(share)s or more in %(people)s people on"
                " lenalidomide."
            ),
            share=20,
            people=100,
        ),
        V,
        ("W23",),
        "Neutropenia, rash, fatigue, and diarrhea were among the most frequently reported (≥20%)",
        "W23",
    ),
    Fact(
        "safety.clot_prevention",
        "safety",
        P(_l("Preventing clots")),
        P(
            _l(
                "Your team uses your own risk of clots to choose between aspirin and a stronger blood thinner."
            )
        ),
        V,
        ("W60", "W33"),
        "Three validated risk scores are now available to quantify risk of VTE in patients with MM",
        "W60",
    ),
    Fact(
        "safety.generics",
        "safety",
        P(_l("Generic lenalidomide")),
        P(
            _l(
                "Generic lenalidomide is sold in Europe, and US limits on generic supply ended in %(month)s. Ask"
                " whether a generic is available to you."
            ),
            month=Month(2026, 1),
        ),
        V_SEC,
        ("W59",),
        "Then on January 31, 2026, the limitations end.",
        "W59",
    ),
    Fact(
        "safety.skin",
        "safety",
        P(_l("Serious skin reactions")),
        P(
            _l(
                "Serious skin reactions have been reported. A blistering or peeling rash, or swelling of the"
                " face, lips or tongue, means stopping and calling your team straight away."
            )
        ),
        V,
        ("W62",),
        "Discontinue and not resume lenalidomide treatment if a patient develops angioedema, a Grade 4 skin"
        " rash, an exfoliative or bullous rash, or if Stevens-Johnson syndrome or toxic epidermal necrolysis"
        " are suspected.",
        "W62",
    ),
)

# Trap 1: seed 003 gives 25 mg; W1, W2 and W4 give 10 mg. Kept only so the lookup can refuse it.
ERRONEOUS_CLAIMS = (
    ErroneousClaim(
        "mxi.dose_seed003",
        "S003",
        "patients received lenalidomide 25 mg per day (orally on days 1–21 of each 28–day cycle)",
        "Contradicted by the paper (W1), ASCO Post (W2) and NICE (W4): the maintenance dose was"
        " 10 mg on days 1-21 of 28.",
        "mxi.maintenance_dose",
    ),
)
