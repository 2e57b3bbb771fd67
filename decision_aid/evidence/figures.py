"""Every trial number the app uses, transcribed from EVIDENCE.md with its quote (one decimal kept)."""

from decimal import Decimal as D

from decision_aid.evidence import outcomes as o
from decision_aid.evidence.enums import Arm
from decision_aid.evidence.enums import ClockStart
from decision_aid.evidence.enums import EvidenceStatus
from decision_aid.evidence.enums import Kind
from decision_aid.evidence.enums import Unit
from decision_aid.evidence.model import DataCut
from decision_aid.evidence.model import Figure
from decision_aid.evidence.model import HazardRatio
from decision_aid.evidence.model import TimeBasis

V_SEED, V, V_SEC = EvidenceStatus.V_SEED, EvidenceStatus.V, EvidenceStatus.V_SECONDARY
PCT, MONTHS, YEARS = Unit.PERCENT, Unit.MONTHS, Unit.YEARS


def _pair(key, outcome, lenalidomide, control, **common):
    """Two figures, one per arm, sharing everything in `common`."""
    trial = key.split(".")[0]
    return (
        Figure(f"{key}.lenalidomide", trial, Arm.LENALIDOMIDE, outcome, **{**common, **lenalidomide}),
        Figure(f"{key}.control", trial, Arm.CONTROL, outcome, **{**common, **control}),
    )


# CALGB 100104 (S004). Efficacy: analysis of Oct 31, 2011, median follow-up 34 months, clock from
# transplant ("the date of transplantation was used as the reference date"). Safety and second
# cancers: randomisation to Feb 2012, crude proportions.
CALGB_OCT_2011 = DataCut(2011, 10, 31)
CALGB_FEB_2012 = DataCut(2012, 2, approximate=True)  # "to Feb 2012 (U exact)"
CALGB_KM_3Y = TimeBasis(Kind.KM_LANDMARK, ClockStart.TRANSPLANT, years=D(3), median_follow_up_months=D(34))
# The 34-month median follow-up is the Oct 2011 one; the safety tables run to Feb 2012 (B1: "~34").
CALGB_CRUDE = TimeBasis(Kind.CRUDE_PROPORTION, ClockStart.RANDOMISATION, median_follow_up_months=D(34))
CALGB_SAFETY = {
    "unit": PCT,
    "time_basis": CALGB_CRUDE,
    "data_cut": CALGB_FEB_2012,
    "population": o.CALGB_ALL,
    "source_ids": ("S004",),
    "quote_source": "S004",
    "evidence_status": V_SEED,
}
CALGB_TTP_HR = HazardRatio(
    D("0.48"), D("0.36"), D("0.63"), "(hazard ratio, 0.48; 95% CI, 0.36 to 0.63)", "S004"
)
SPM_COUNTS_QUOTE = (
    "8 new hematologic cancers and 10 solid-tumor cancers … (3.5% and 4.3%, respectively)"
    " … 1 (0.4%) and 5 (2.2%)"
)

CALGB = (
    *_pair(
        "calgb.ttp_3y",
        o.CALGB_TTP,
        {"value": D(66), "ci": (D(59), D(73)), "hazard_ratio": CALGB_TTP_HR},
        {"value": D(39), "ci": (D(33), D(48))},
        evidence_status=V_SEED,
        unit=PCT,
        time_basis=CALGB_KM_3Y,
        population=o.CALGB_ALL,
        data_cut=CALGB_OCT_2011,
        source_ids=("S004",),
        quote_source="S004",
        quote="The 3-year rate of freedom from progression or death was 66% (95% CI, 59 to 73) … and"
        " 39% (95% CI, 33 to 48)",
    ),
    *_pair(
        "calgb.os_3y",
        o.OS,
        {
            "value": D(88),
            "ci": (D(84), D(93)),
            "hazard_ratio": HazardRatio(
                D("0.62"), D("0.40"), D("0.95"), "(hazard ratio, 0.62; 95% CI, 0.40 to 0.95)", "S004"
            ),
        },
        {"value": D(80), "ci": (D(74), D(86))},
        evidence_status=V_SEED,
        unit=PCT,
        time_basis=CALGB_KM_3Y,
        population=o.CALGB_ALL,
        data_cut=CALGB_OCT_2011,
        source_ids=("S004",),
        quote_source="S004",
        quote="The rate of overall survival at 3 years was 88% (95% CI, 84 to 93) … and 80% (95% CI,"
        " 74 to 86) … (hazard ratio, 0.62; 95% CI, 0.40 to 0.95)",
    ),
    *_pair(
        "calgb.spm",
        o.SPM,
        {"value": D("7.8"), "count": 18, "n": 231},
        {"value": D("2.6"), "count": 6, "n": 229},
        quote="Second primary cancers occurred in 18 patients who received lenalidomide (8%) and 6"
        " patients who received placebo (3%).",
        note="Invasive second cancers; non-melanoma skin cancer excluded (S004 Table 3).",
        **CALGB_SAFETY,
    ),
    *_pair(
        "calgb.spm_blood",
        o.SPM_BLOOD,
        {"value": D("3.5"), "count": 8, "n": 231},
        {"value": D("0.4"), "count": 1, "n": 229},
        quote=SPM_COUNTS_QUOTE,
        **CALGB_SAFETY,
    ),
    *_pair(
        "calgb.spm_solid",
        o.SPM_SOLID,
        {"value": D("4.3"), "count": 10, "n": 231},
        {"value": D("2.2"), "count": 5, "n": 229},
        quote=SPM_COUNTS_QUOTE,
        **CALGB_SAFETY,
    ),
    *_pair(
        "calgb.neutropenia_g34",
        o.NEUTROPENIA,
        {"value": D("45.0"), "count": 104, "n": 231},
        {"value": D("14.8"), "count": 34, "n": 229},
        quote="Neutropenia 74 (32) 30 (13) 27 (12) 7 (3) <0.001",
        note="Grade 3 + grade 4 counts (74 + 30; 27 + 7): the table lists each patient once, at the"
        " highest grade, so the sum counts patients (A1 marks the sum D, B1 observed).",
        **CALGB_SAFETY,
    ),
    *_pair(
        "calgb.thrombocytopenia_g34",
        o.THROMBOCYTOPENIA,
        {"value": D("13.9"), "count": 32, "n": 231},
        {"value": D("4.8"), "count": 11, "n": 229},
        quote="Thrombocytopenia 21 (9) 11 (5) 3 (1) 8 (3) 0.001",
        note="Grade 3 + grade 4 counts (21 + 11; 3 + 8), highest grade per patient.",
        **CALGB_SAFETY,
    ),
    *_pair(
        "calgb.stopped_ae",
        o.STOPPED_AE,
        {"value": D("10.0"), "count": 23, "n": 231},
        {"value": D("1.4"), "count": 2, "n": 143, "population": o.CALGB_NO_SWITCH},
        quote="A total of 23 of 231 patients in the lenalidomide group discontinued therapy because of"
        " adverse events. Two of 143 patients in the placebo group who did not cross over…",
        note="Exact data cut not verified (A1: 'to Feb 2012 (U exact)'). 5 of 86 crossovers also"
        " stopped; the placebo denominator is the 143 who did not cross over.",
        **CALGB_SAFETY,
    ),
    *_pair(
        "calgb.median_ttp",
        o.CALGB_TTP,
        {"value": D(46), "hazard_ratio": CALGB_TTP_HR},
        {"value": D(27)},
        evidence_status=V_SEED,
        unit=MONTHS,
        population=o.CALGB_ALL,
        data_cut=CALGB_OCT_2011,
        time_basis=TimeBasis(Kind.MEDIAN, ClockStart.TRANSPLANT, median_follow_up_months=D(34)),
        source_ids=("S004",),
        quote_source="S004",
        quote="The median time to progression was 46 months … and 27 months",
    ),
    # Descriptive analysis in the US label (not powered for OS); cutoff Feb 1, 2016.
    *_pair(
        "calgb.pi_median_os",
        o.OS,
        {
            "value": D("9.3"),
            "evidence_status": V_SEED,
            "source_ids": ("S000",),
            "quote_source": "S000",
            "quote": "9.3-year median OS with REVLIMID Maintenance",
        },
        {
            "value": D("7.0"),
            "evidence_status": V_SEC,
            "source_ids": ("W20",),
            "quote_source": "W20",
            "quote": "median overall survival was 9.3 years with lenalidomide vs 7 years with no maintenance",
        },
        unit=YEARS,
        population=o.CALGB_ALL,
        data_cut=DataCut(2016, 2, 1),
        time_basis=TimeBasis(Kind.MEDIAN, ClockStart.NOT_STATED, median_follow_up_months=D("81.6")),
    ),
)

# IFM 2005-02: clock from randomisation. 5-year landmarks from the ASH 2013 update (W36, May 2013,
# median follow-up 60 months); median PFS and the second-cancer rate from NEJM 2012 (S002, 45 months).
IFM_KM_5Y = TimeBasis(Kind.KM_LANDMARK, ClockStart.RANDOMISATION, years=D(5), median_follow_up_months=D(60))
IFM_ASH = {
    "evidence_status": V,
    "unit": PCT,
    "time_basis": IFM_KM_5Y,
    "population": o.IFM_ALL,
    "data_cut": DataCut(2013, 5),
    "source_ids": ("W36",),
    "quote_source": "W36",
}
IFM_NEJM = {
    "evidence_status": V_SEED,
    "population": o.IFM_ALL,
    "source_ids": ("S002",),
    "quote_source": "S002",
}

IFM = (
    *_pair(
        "ifm.pfs_5y",
        o.PFS,
        {"value": D(42)},
        {"value": D(18)},
        quote="LEN maintenance improved the 5-year progression-free survival (PFS) post randomization:"
        " 42%, versus 18% with placebo (p<0.0001)",
        **IFM_ASH,
    ),
    *_pair(
        "ifm.os_5y",
        o.OS,
        {"value": D(68), "hazard_ratio": HazardRatio(D(1), None, None, "(HR=1)", "W36")},
        {"value": D(67)},
        quote="The 5-year post randomization overall survival (OS) was similar in the 2 groups: 68% in"
        " the LEN group versus 67% in the placebo group (HR=1)",
        **IFM_ASH,
    ),
    *_pair(
        "ifm.spm_rate",
        o.SPM_RATE,
        {"value": D("3.1")},
        {"value": D("1.2")},
        unit=Unit.PER_100_PERSON_YEARS,
        time_basis=TimeBasis(Kind.RATE, ClockStart.RANDOMISATION, median_follow_up_months=D(45)),
        quote="The incidence of second primary cancers was 3.1 per 100 patient-years in the"
        " lenalidomide group versus 1.2 per 100 patient-years in the placebo group (P=0.002).",
        note="Whether non-melanoma skin cancers are included is not stated (B2 open question).",
        **IFM_NEJM,
    ),
    *_pair(
        "ifm.median_pfs",
        o.PFS,
        {"value": D(41), "hazard_ratio": HazardRatio(D("0.50"), None, None, "hazard ratio, 0.50", "S002")},
        {"value": D(23)},
        unit=MONTHS,
        time_basis=TimeBasis(Kind.MEDIAN, ClockStart.RANDOMISATION, median_follow_up_months=D(45)),
        quote="(41 months, vs. 23 months with placebo; hazard ratio, 0.50; P<0.001)",
        **IFM_NEJM,
    ),
    # Descriptive median survival in the US label's later look (cutoff Feb 1, 2016; not powered):
    # the dossier's "ones to show" beside CALGB's 9.3 vs 7.0 years, so both trials are told.
    *_pair(
        "ifm.pi_median_os",
        o.OS,
        {"value": D("8.8")},
        {"value": D("7.3")},
        unit=YEARS,
        population=o.IFM_ALL,
        data_cut=DataCut(2016, 2, 1),
        time_basis=TimeBasis(Kind.MEDIAN, ClockStart.NOT_STATED, median_follow_up_months=D("96.7")),
        evidence_status=V_SEC,
        source_ids=("W20",),
        quote_source="W20",
        quote="in the IFM trial, median survival was 8.8 and 7.3 years, respectively",
    ),
)

# McCarthy 2017 meta-analysis: median follow-up 79.5 months for surviving patients (W10, W11).
META_FU = D("79.5")
META_SPM = {
    "evidence_status": V_SEC,
    "unit": PCT,
    "population": o.META_ALL,
    "source_ids": ("W11",),
    "quote_source": "W11",
    # The landmark is not given in any source seen (section (e)): these speak for the follow-up.
    "time_basis": TimeBasis(
        Kind.CUMULATIVE_INCIDENCE, ClockStart.NOT_STATED, median_follow_up_months=META_FU
    ),
    "quote": "The cumulative incidence rate of a second primary malignancy before disease progression was"
    " higher in the lenalidomide group (5.3% vs 0.8% for hematologic and 5.8% vs 2.0% for solid"
    " malignancies).",
}
META = (
    *_pair(
        "meta.median_pfs",
        o.PFS,
        {
            "value": D("52.8"),
            "hazard_ratio": HazardRatio(
                D("0.48"), D("0.41"), D("0.55"), "(hazard ratio, 0.48; 95% CI, 0.41 to 0.55)", "W10"
            ),
        },
        {"value": D("23.5")},
        evidence_status=V,
        unit=MONTHS,
        population=o.META_ALL,
        time_basis=TimeBasis(Kind.MEDIAN, ClockStart.NOT_STATED, median_follow_up_months=META_FU),
        source_ids=("W10", "W11", "W12"),
        quote_source="W10",
        quote="The median PFS was 52.8 months for the lenalidomide group and 23.5 months for the"
        " placebo or observation group (hazard ratio, 0.48; 95% CI, 0.41 to 0.55)",
    ),
    *_pair(
        "meta.median_os",
        o.OS,
        {
            "not_reached": True,
            "hazard_ratio": HazardRatio(
                D("0.75"),
                D("0.63"),
                D("0.90"),
                "(Hazard Ratio [HR] 0,75; 95 %-Konfidenzintervall [95 %-KI] 0,63–0,90; p = 0,001)",
                "W12",
            ),
        },
        {"value": D("86.0")},
        evidence_status=V,
        unit=MONTHS,
        population=o.META_ALL,
        time_basis=TimeBasis(Kind.MEDIAN, ClockStart.NOT_STATED, median_follow_up_months=META_FU),
        source_ids=("W11", "W12"),
        quote_source="W11",
        quote="median overall survival was not reached in the lenalidomide group vs 86.0 months in the"
        " placebo/observation group (HR = 0.75, P = .001)",
    ),
    *_pair(
        "meta.spm_blood_before_progression",
        o.SPM_BLOOD_BEFORE_PROGRESSION,
        {"value": D("5.3")},
        {"value": D("0.8")},
        **META_SPM,
    ),
    *_pair(
        "meta.spm_solid_before_progression",
        o.SPM_SOLID_BEFORE_PROGRESSION,
        {"value": D("5.8")},
        {"value": D("2.0")},
        **META_SPM,
    ),
)

# Myeloma XI, transplant-eligible subgroup only (trap 16). The control median is unverified.
MXI_FU = D(31)
MXI = (
    Figure(
        "mxi.te_median_pfs.lenalidomide",
        "mxi",
        Arm.LENALIDOMIDE,
        o.PFS,
        V_SEC,
        value=D(57),
        unit=MONTHS,
        population=o.MXI_TE,
        time_basis=TimeBasis(Kind.MEDIAN, ClockStart.RANDOMISATION, median_follow_up_months=MXI_FU),
        source_ids=("W3",),
        quote_source="W3",
        quote="Myeloma XI78 | TE-NDMM | R* | 57",
    ),
)

VERIFIED = CALGB + IFM + META + MXI
