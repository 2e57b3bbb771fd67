"""Figures transcribed by hand from docs/evidence.md, independently of the app's data.

A typo in either this table or decision_aid/evidence fails test_evidence_figures.py. Everything the
checks read is in the repository: the dossier in docs/ and, for each seed document, only the passages
the tests quote, in tests/data/sources/ (one file per source id, e.g. S004.txt).
"""

from decimal import Decimal as D
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE_MD = ROOT / "docs" / "evidence.md"
SOURCE_EXCERPTS = ROOT / "tests" / "data" / "sources"

NEUTRO = "Neutropenia 74 (32) 30 (13) 27 (12) 7 (3) <0.001"
THROMBO = "Thrombocytopenia 21 (9) 11 (5) 3 (1) 8 (3) 0.001"
SPM_TYPES = (
    "8 new hematologic cancers and 10 solid-tumor cancers … (3.5% and 4.3%, respectively) … 1 (0.4%)"
    " and 5 (2.2%)"
)
META_SPM = (
    "The cumulative incidence rate of a second primary malignancy before disease progression was"
    " higher in the lenalidomide group (5.3% vs 0.8% for hematologic and 5.8% vs 2.0% for solid"
    " malignancies)."
)
TTP_3Y = (
    "The 3-year rate of freedom from progression or death was 66% (95% CI, 59 to 73) … and 39% (95%"
    " CI, 33 to 48)"
)
OS_3Y = (
    "The rate of overall survival at 3 years was 88% (95% CI, 84 to 93) … and 80% (95% CI, 74 to 86) …"
    " (hazard ratio, 0.62; 95% CI, 0.40 to 0.95)"
)
SPM = (
    "Second primary cancers occurred in 18 patients who received lenalidomide (8%) and 6 patients who"
    " received placebo (3%)."
)
STOPPED = (
    "A total of 23 of 231 patients in the lenalidomide group discontinued therapy because of adverse"
    " events. Two of 143 patients in the placebo group who did not cross over…"
)
TTP_MEDIAN = "The median time to progression was 46 months … and 27 months"
IFM_PFS = (
    "LEN maintenance improved the 5-year progression-free survival (PFS) post randomization: 42%,"
    " versus 18% with placebo (p<0.0001)"
)
IFM_OS = (
    "The 5-year post randomization overall survival (OS) was similar in the 2 groups: 68% in the LEN"
    " group versus 67% in the placebo group (HR=1)"
)
IFM_SPM = (
    "The incidence of second primary cancers was 3.1 per 100 patient-years in the lenalidomide group"
    " versus 1.2 per 100 patient-years in the placebo group (P=0.002)."
)
IFM_PI_OS = "in the IFM trial, median survival was 8.8 and 7.3 years, respectively"
IFM_MEDIAN = "(41 months, vs. 23 months with placebo; hazard ratio, 0.50; P<0.001)"
META_PFS = (
    "The median PFS was 52.8 months for the lenalidomide group and 23.5 months for the placebo or"
    " observation group (hazard ratio, 0.48; 95% CI, 0.41 to 0.55)"
)
META_OS = (
    "median overall survival was not reached in the lenalidomide group vs 86.0 months in the"
    " placebo/observation group (HR = 0.75, P = .001)"
)
S004, S002, W36, W11 = ("S004",), ("S002",), ("W36",), ("W11",)
SEC = "V (secondary)"

# (figure id, value, CI or None, count, n, EVIDENCE.md status, source ids, quote)
FIGURES = [
    ("calgb.ttp_3y.lenalidomide", D("66"), (D("59"), D("73")), None, None, "V-seed", S004, TTP_3Y),
    ("calgb.ttp_3y.control", D("39"), (D("33"), D("48")), None, None, "V-seed", S004, TTP_3Y),
    ("calgb.os_3y.lenalidomide", D("88"), (D("84"), D("93")), None, None, "V-seed", S004, OS_3Y),
    ("calgb.os_3y.control", D("80"), (D("74"), D("86")), None, None, "V-seed", S004, OS_3Y),
    ("calgb.spm.lenalidomide", D("7.8"), None, 18, 231, "V-seed", S004, SPM),
    ("calgb.spm.control", D("2.6"), None, 6, 229, "V-seed", S004, SPM),
    ("calgb.spm_blood.lenalidomide", D("3.5"), None, 8, 231, "V-seed", S004, SPM_TYPES),
    ("calgb.spm_blood.control", D("0.4"), None, 1, 229, "V-seed", S004, SPM_TYPES),
    ("calgb.spm_solid.lenalidomide", D("4.3"), None, 10, 231, "V-seed", S004, SPM_TYPES),
    ("calgb.spm_solid.control", D("2.2"), None, 5, 229, "V-seed", S004, SPM_TYPES),
    ("calgb.neutropenia_g34.lenalidomide", D("45.0"), None, 104, 231, "V-seed", S004, NEUTRO),
    ("calgb.neutropenia_g34.control", D("14.8"), None, 34, 229, "V-seed", S004, NEUTRO),
    ("calgb.thrombocytopenia_g34.lenalidomide", D("13.9"), None, 32, 231, "V-seed", S004, THROMBO),
    ("calgb.thrombocytopenia_g34.control", D("4.8"), None, 11, 229, "V-seed", S004, THROMBO),
    ("calgb.stopped_ae.lenalidomide", D("10.0"), None, 23, 231, "V-seed", S004, STOPPED),
    ("calgb.stopped_ae.control", D("1.4"), None, 2, 143, "V-seed", S004, STOPPED),
    ("calgb.median_ttp.lenalidomide", D("46"), None, None, None, "V-seed", S004, TTP_MEDIAN),
    ("calgb.median_ttp.control", D("27"), None, None, None, "V-seed", S004, TTP_MEDIAN),
    (
        "calgb.pi_median_os.lenalidomide",
        D("9.3"),
        None,
        None,
        None,
        "V-seed",
        ("S000",),
        "9.3-year median OS with REVLIMID Maintenance",
    ),
    (
        "calgb.pi_median_os.control",
        D("7.0"),
        None,
        None,
        None,
        "V (secondary)",
        ("W20",),
        "median overall survival was 9.3 years with lenalidomide vs 7 years with no maintenance",
    ),
    ("ifm.pfs_5y.lenalidomide", D("42"), None, None, None, "V", W36, IFM_PFS),
    ("ifm.pfs_5y.control", D("18"), None, None, None, "V", W36, IFM_PFS),
    ("ifm.os_5y.lenalidomide", D("68"), None, None, None, "V", W36, IFM_OS),
    ("ifm.os_5y.control", D("67"), None, None, None, "V", W36, IFM_OS),
    ("ifm.spm_rate.lenalidomide", D("3.1"), None, None, None, "V-seed", S002, IFM_SPM),
    ("ifm.spm_rate.control", D("1.2"), None, None, None, "V-seed", S002, IFM_SPM),
    ("ifm.median_pfs.lenalidomide", D("41"), None, None, None, "V-seed", S002, IFM_MEDIAN),
    ("ifm.median_pfs.control", D("23"), None, None, None, "V-seed", S002, IFM_MEDIAN),
    ("ifm.pi_median_os.lenalidomide", D("8.8"), None, None, None, "V (secondary)", ("W20",), IFM_PI_OS),
    ("ifm.pi_median_os.control", D("7.3"), None, None, None, "V (secondary)", ("W20",), IFM_PI_OS),
    ("meta.median_pfs.lenalidomide", D("52.8"), None, None, None, "V", ("W10", "W11", "W12"), META_PFS),
    ("meta.median_pfs.control", D("23.5"), None, None, None, "V", ("W10", "W11", "W12"), META_PFS),
    ("meta.median_os.lenalidomide", None, None, None, None, "V", ("W11", "W12"), META_OS),
    ("meta.median_os.control", D("86.0"), None, None, None, "V", ("W11", "W12"), META_OS),
    ("meta.spm_blood_before_progression.lenalidomide", D("5.3"), None, None, None, SEC, W11, META_SPM),
    ("meta.spm_blood_before_progression.control", D("0.8"), None, None, None, SEC, W11, META_SPM),
    ("meta.spm_solid_before_progression.lenalidomide", D("5.8"), None, None, None, SEC, W11, META_SPM),
    ("meta.spm_solid_before_progression.control", D("2.0"), None, None, None, SEC, W11, META_SPM),
    (
        "mxi.te_median_pfs.lenalidomide",
        D("57"),
        None,
        None,
        None,
        "V (secondary)",
        ("W3",),
        "Myeloma XI78 | TE-NDMM | R* | 57",
    ),
]

# Figure id -> (hazard ratio, CI low, CI high) where EVIDENCE.md gives one.
HAZARD_RATIOS = {
    "calgb.ttp_3y.lenalidomide": (D("0.48"), D("0.36"), D("0.63")),
    "calgb.median_ttp.lenalidomide": (D("0.48"), D("0.36"), D("0.63")),
    "calgb.os_3y.lenalidomide": (D("0.62"), D("0.40"), D("0.95")),
    "ifm.os_5y.lenalidomide": (D("1"), None, None),
    "ifm.median_pfs.lenalidomide": (D("0.50"), None, None),
    "meta.median_pfs.lenalidomide": (D("0.48"), D("0.41"), D("0.55")),
    "meta.median_os.lenalidomide": (D("0.75"), D("0.63"), D("0.90")),
}

# Grade 3 and grade 4 counts (S004 Table 2, highest grade per patient) behind the grade 3-4 counts.
GRADE_COUNTS = {
    "calgb.neutropenia_g34.lenalidomide": (74, 30),
    "calgb.neutropenia_g34.control": (27, 7),
    "calgb.thrombocytopenia_g34.lenalidomide": (21, 11),
    "calgb.thrombocytopenia_g34.control": (3, 8),
}

# Section (e), row by row, and the ids the data uses for each row.
UNVERIFIED_ROWS = {
    "McCarthy 2017, 7-year OS": ("meta.os_7y",),
    "McCarthy 2017, landmark for the SPM cumulative incidences": ("meta.spm_landmark",),
    "Myeloma XI TE median PFS control": ("mxi.te_median_pfs.control",),
    "Myeloma XI TE 3-year OS": ("mxi.te_os_3y",),
    "Myeloma XI TNE": ("mxi.tne_results",),
    "Myeloma XI grade 3–4 AEs": ("mxi.severe_side_effects",),
    "Myeloma XI discontinuation due to AEs; SPM by arm": ("mxi.stopped_ae", "mxi.spm_by_arm"),
    "IFM grade 3–4 neutropenia": ("ifm.neutropenia_g34",),
    "IFM thromboembolic events": ("ifm.blood_clots",),
    "IFM discontinuation due to AEs": ("ifm.stopped_ae",),
    "IFM 4-year PFS": ("ifm.pfs_4y",),
    "IFM SPM counts": ("ifm.spm_counts",),
    "PI OS values (months)": ("pi.median_os_months",),
    "PI CALGB PFS footnote": ("pi.calgb_pfs_footnote",),
    "PI maintenance AE table (Table 6/7)": ("pi.maintenance_side_effects_table",),
    "PI maintenance SPM": ("pi.maintenance_spm",),
    "PI maintenance renal starting doses": ("pi.maintenance_kidney_doses",),
    "PI CBC monitoring in MM": ("pi.blood_count_schedule",),
    "Holstein 2017 OS": ("calgb.holstein_os",),
    "CALGB NEJM citation pages": ("calgb.nejm_citation_pages",),
}

# Section (b): per-100 numbers for each comparison set, in display order (outcome, lenalidomide, control).
SECTION_B = {
    "calgb-3y": [
        ("calgb_ttp", 66, 39),
        ("os", 88, 80),
        ("spm_invasive", 8, 3),
        ("neutropenia_g34", 45, 15),
        ("stopped_ae", 10, 1),
    ],
    "ifm-5y": [("pfs", 42, 18), ("os", 68, 67)],
    "meta-2017": [("spm_blood_before_progression", 5, 1), ("spm_solid_before_progression", 6, 2)],
    "myeloma-xi": [],
}
# Other section (b) rows the data holds as figures: B1 blood cancers and thrombocytopenia.
SECTION_B_FIGURES = {"calgb.spm_blood": (3, 0), "calgb.thrombocytopenia_g34": (14, 5)}

# Content facts: id -> the values EVIDENCE.md (or the brief, for derived years) gives.
FACT_VALUES = {
    "pi.maintenance_dose": {"dose_mg": 10, "first_day": 1, "last_day": 28, "cycle_days": 28},
    "pi.maintenance_dose_increase": {"after_cycles": 3, "dose_mg": 15},
    "calgb.dose_increase": {"trial": "CALGB 100104", "count": 135, "share": 58, "people": 100, "dose_mg": 15},
    "ifm.dose_increase": {"trial": "IFM 2005-02", "count": 185, "share": 60, "people": 100, "dose_mg": 15},
    "mxi.maintenance_dose": {"dose_mg": 10, "first_day": 1, "last_day": 21, "cycle_days": 28},
    "rems.pregnancy_tests": {"tests": 2, "days_low": 10, "days_high": 14, "hours": 24},
    "rems.contraception": {"forms": 2, "weeks_before": 4, "weeks_after": 4},
    "rems.no_blood_donation": {"weeks_after": 4},
    "rems.program": {
        "program": "Lenalidomide REMS",
        "website": "www.lenalidomiderems.com",
        "phone": "1-888-423-5436",
    },
    "calgb.age_limits": {"min_age": 18, "max_age": 70},
    "ifm.age_limit": {"max_age": 65},
    "eligibility.kidney_function": {"trial_a": "CALGB 100104", "trial_b": "IFM 2005-02", "crcl": 30},
    "calgb.clock_from_transplant": {"day_low": 100, "day_high": 110},
    "calgb.crossover": {"month": (2009, 12), "switched": 86, "eligible": 128},
    "calgb.induction_trend": {},
    "calgb.randomised": {"lenalidomide": 231, "control": 229},
    "ifm.randomised": {"total": 614},
    "ifm.stopped_early": {"month": (2011, 1), "trial": "IFM 2005-02", "median_years": 2},
    "ifm.consolidation_both_arms": {"trial": "IFM 2005-02"},
    "os_not_powered": {"trial_a": "CALGB 100104", "trial_b": "IFM 2005-02"},
    "meta.patients": {"lenalidomide": 605, "control": 603},
    "meta.follow_up": {"months": D("79.5")},
    "mxi.follow_up": {"months": D("31")},
    "mxi.te_survival_direction": {},
    "publication.years": {"first_year": "2012", "last_year": "2019"},
    # Third pass (section (g)): facts for words only.
    "survival.pooled": {"trials": 3, "people": 1208},
    "survival.mxi": {"trial": "Myeloma XI"},
    "survival.ifm": {"trial": "IFM 2005-02", "years": 2},
    "survival.network_meta": {"trials": 9},
    "guideline.nice": {},
    "guideline.nccn_maker": {"year": "2022"},
    "guideline.standard_of_care": {"year": "2025"},
    "since.perseus": {"trial": "PERSEUS", "people": 709},
    "since.us_approval": {},
    # G3's grade 3/4 infections, 18.8% and 13.3%, as whole people out of 100.
    "since.auriga": {"trial": "AURIGA", "dara": 19, "len": 13, "people": 100},
    "since.mxi_duration": {"trial": "Myeloma XI", "low": 4, "high": 5},
    # G5's 17.2% at 4 years, as whole people out of 100.
    "since.gem2014main": {"trial": "GEM2014MAIN", "years": 4, "share": 17, "people": 100},
    "since.mrd2stop": {"trial": "MRD2STOP", "people": 47, "months": 36},
    "since.drammatic": {"trial": "DRAMMATIC"},
    "since.ifm_second_pfs": {"trial": "IFM 2005-02", "len": 10, "ctl": 18},
    "since.myeloma_deaths": {"people": 100},
    "since.high_risk": {"year": "2025"},
    "safety.pregnancy_uk_europe": {"weeks": 4, "days": 7},
    "safety.combined_pill": {},
    "safety.men_condoms": {"days": 7},
    "safety.second_cancer_types": {"months": 54},
    "safety.infections_interim": {"trial": "CALGB 100104", "len": 16, "ctl": 5, "people": 100},
    "safety.diarrhoea": {},
    "safety.common_side_effects": {"share": 20, "people": 100},
    "safety.clot_prevention": {},
    "safety.generics": {"month": (2026, 1)},
    "safety.skin": {},
}
