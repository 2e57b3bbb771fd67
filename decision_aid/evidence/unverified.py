"""EVIDENCE.md section (e): needed by the aid but never checked. They exist only to be refused.

No entry carries a value: the accessors raise UnverifiedFigureError, and the /evidence page can
say "not available" using the description.
"""

from decision_aid.evidence import outcomes as o
from decision_aid.evidence.enums import Arm
from decision_aid.evidence.enums import EvidenceStatus
from decision_aid.evidence.model import Figure
from decision_aid.evidence.text import P
from decision_aid.extensions import lazy_gettext as _l

CALGB, IFM, META, MXI = (o.TRIALS[k] for k in ("calgb", "ifm", "meta", "mxi"))


def _u(figure_id, arm, outcome, description, check_in):
    return Figure(
        figure_id,
        figure_id.split(".")[0],
        arm,
        outcome,
        EvidenceStatus.U,
        description=description,
        check_in=check_in,
    )


UNVERIFIED = (
    _u(
        "meta.os_7y",
        Arm.BOTH,
        o.OS,
        P(
            _l("Share of people alive after %(years)s years in the %(study)s pooled study"),
            years=7,
            study=META,
        ),
        "JCO 2017;35:3279, Results/Fig 2",
    ),
    _u(
        "meta.spm_landmark",
        Arm.BOTH,
        o.OTHER_UNVERIFIED,
        P(_l("The time point for the second-cancer numbers in the %(study)s pooled study"), study=META),
        "JCO 2017 Fig. 4",
    ),
    _u(
        "mxi.te_median_pfs.control",
        Arm.CONTROL,
        o.PFS,
        P(
            _l(
                "Middle (median) time without the myeloma getting worse, no-maintenance group, people who had"
                " a transplant, %(trial)s study"
            ),
            trial=MXI,
        ),
        "Lancet Oncol 2019 abstract",
    ),
    _u(
        "mxi.te_os_3y",
        Arm.BOTH,
        o.OS,
        P(
            _l("Share of people alive after %(years)s years, people who had a transplant, %(trial)s study"),
            years=3,
            trial=MXI,
        ),
        "Lancet Oncol 2019 abstract",
    ),
    _u(
        "mxi.tne_results",
        Arm.BOTH,
        o.OTHER_UNVERIFIED,
        P(_l("Results for people who could not have a transplant, %(trial)s study"), trial=MXI),
        "Lancet Oncol 2019 abstract",
    ),
    _u(
        "mxi.severe_side_effects",
        Arm.BOTH,
        o.OTHER_UNVERIFIED,
        P(
            _l("Serious side effects (grade %(grade_low)s–%(grade_high)s), %(trial)s study"),
            trial=MXI,
            **o.GRADES,
        ),
        "Lancet Oncol 2019 Results/Table 3",
    ),
    _u(
        "mxi.stopped_ae",
        Arm.BOTH,
        o.STOPPED_AE,
        P(_l("People who stopped because of side effects, %(trial)s study"), trial=MXI),
        "Lancet Oncol 2019 Results",
    ),
    _u(
        "mxi.spm_by_arm",
        Arm.BOTH,
        o.SPM,
        P(_l("Second cancers in each group, %(trial)s study"), trial=MXI),
        "Lancet Oncol 2019 Results",
    ),
    _u(
        "ifm.neutropenia_g34",
        Arm.BOTH,
        o.NEUTROPENIA,
        P(_l("Serious drop in white blood cells, %(trial)s study"), trial=IFM),
        "NEJM 2012;366:1782, Table 2",
    ),
    _u(
        "ifm.blood_clots",
        Arm.BOTH,
        o.OTHER_UNVERIFIED,
        P(_l("Blood clots (thromboembolic events), %(trial)s study"), trial=IFM),
        "NEJM 2012;366:1782, Table 2",
    ),
    _u(
        "ifm.stopped_ae",
        Arm.BOTH,
        o.STOPPED_AE,
        P(_l("People who stopped because of side effects, %(trial)s study"), trial=IFM),
        "NEJM 2012;366:1782, Table 2",
    ),
    _u(
        "ifm.pfs_4y",
        Arm.BOTH,
        o.PFS,
        P(
            _l(
                "Share of people alive without the myeloma getting worse after %(years)s years, %(trial)s"
                " study"
            ),
            years=4,
            trial=IFM,
        ),
        "NEJM 2012;366:1782, Table 2",
    ),
    _u(
        "ifm.spm_counts",
        Arm.BOTH,
        o.SPM,
        P(_l("Number of people with a second cancer, %(trial)s study"), trial=IFM),
        "NEJM 2012 Table 3",
    ),
    _u(
        "pi.median_os_months",
        Arm.BOTH,
        o.OS,
        P(_l("Middle (median) survival in months, as given in the US prescribing information")),
        "PI §14.1 Table",
    ),
    _u(
        "pi.calgb_pfs_footnote",
        Arm.BOTH,
        o.OTHER_UNVERIFIED,
        P(
            _l("How the US prescribing information counted people who switched from placebo (%(trial)s)"),
            trial=CALGB,
        ),
        "PI §14.1 footnote",
    ),
    _u(
        "pi.maintenance_side_effects_table",
        Arm.BOTH,
        o.OTHER_UNVERIFIED,
        P(_l("Side-effect table for maintenance in the US prescribing information")),
        "PI §6.1",
    ),
    _u(
        "pi.maintenance_spm",
        Arm.BOTH,
        o.SPM,
        P(_l("Second cancers with maintenance, as given in the US prescribing information")),
        "PI §5.6",
    ),
    _u(
        "pi.maintenance_kidney_doses",
        Arm.BOTH,
        o.OTHER_UNVERIFIED,
        P(_l("Starting doses for maintenance when the kidneys do not work well")),
        "PI §2.4 Table",
    ),
    _u(
        "pi.blood_count_schedule",
        Arm.BOTH,
        o.OTHER_UNVERIFIED,
        P(_l("How often blood counts are checked during maintenance")),
        "PI §5.3",
    ),
    _u(
        "calgb.holstein_os",
        Arm.BOTH,
        o.OS,
        P(_l("Survival in the long-term update of the %(trial)s study"), trial=CALGB),
        # EVIDENCE.md (e) adds "and check the 2 errata"; (a) cites both corrections, so the reference
        # needs no English prose on the Spanish and French pages.
        "Lancet Haematol 2017;4:e431 abstract; Lancet Haematol 2018;5:e332; Lancet Haematol 2018;5:e608",
    ),
    _u(
        "calgb.nejm_citation_pages",
        Arm.BOTH,
        o.OTHER_UNVERIFIED,
        P(_l("Volume and page numbers of the main %(trial)s report"), trial=CALGB),
        "NEJM",
    ),
)
