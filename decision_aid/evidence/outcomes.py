"""What each number measures, in plain words first and the medical term after."""

from decision_aid.evidence.enums import Effect
from decision_aid.evidence.model import Outcome
from decision_aid.evidence.model import Population
from decision_aid.evidence.text import P
from decision_aid.extensions import lazy_gettext as _l

TRIALS = {"calgb": "CALGB 100104", "ifm": "IFM 2005-02", "meta": "McCarthy 2017", "mxi": "Myeloma XI"}
# Severe side effects are graded from one to five; the trials report grades three and four together.
GRADES = {"grade_low": 3, "grade_high": 4}

PFS = Outcome(
    "pfs",
    P(_l("Alive without the myeloma getting worse")),
    P(_l("Still alive and the myeloma has not gotten worse (progression-free survival).")),
    Effect.BENEFIT,
)
CALGB_TTP = Outcome(
    "calgb_ttp",
    P(_l("Alive without the myeloma getting worse")),
    P(
        _l(
            "Still alive and the myeloma has not gotten worse. The study called this time to progression,"
            " but it also counted deaths from any cause, so it works like progression-free survival."
            " It was counted from the day of the transplant."
        )
    ),
    Effect.BENEFIT,
)
OS = Outcome(
    "os",
    P(_l("Alive")),
    P(_l("Still alive, whatever the cause of any death (overall survival).")),
    Effect.BENEFIT,
)
SPM = Outcome(
    "spm_invasive",
    P(_l("A second, new cancer")),
    P(
        _l(
            "A new cancer that is not myeloma (second primary cancer). Skin cancers other than melanoma"
            " (basal cell and squamous cell skin cancers) are not counted."
        )
    ),
    Effect.HARM,
)
SPM_BLOOD = Outcome(
    "spm_blood",
    P(_l("A new blood cancer")),
    P(_l("A new blood cancer that is not myeloma, such as leukemia (hematologic second primary cancer).")),
    Effect.HARM,
)
SPM_SOLID = Outcome(
    "spm_solid",
    P(_l("A new cancer in an organ")),
    P(
        _l(
            "A new cancer that forms a lump in an organ, such as the breast or prostate"
            " (solid-tumor second primary cancer)."
        )
    ),
    Effect.HARM,
)
SPM_RATE = Outcome(
    "spm_rate",
    P(_l("Second, new cancers each year")),
    P(
        _l(
            "How many new cancers (not myeloma) were found for every %(people)s people followed for one year"
            " (second primary cancers per %(people)s patient-years)."
        ),
        people=100,
    ),
    Effect.HARM,
)
SPM_BLOOD_BEFORE_PROGRESSION = Outcome(
    "spm_blood_before_progression",
    P(_l("A new blood cancer before the myeloma got worse")),
    P(
        _l(
            "A new blood cancer that is not myeloma, found before the myeloma got worse. It counts cancers"
            " found at any time during follow-up (hematologic second primary cancer before progression)."
        )
    ),
    Effect.HARM,
)
SPM_SOLID_BEFORE_PROGRESSION = Outcome(
    "spm_solid_before_progression",
    P(_l("A new cancer in an organ before the myeloma got worse")),
    P(
        _l(
            "A new cancer that forms a lump in an organ, found before the myeloma got worse. It counts"
            " cancers found at any time during follow-up (solid-tumor second primary cancer before"
            " progression)."
        )
    ),
    Effect.HARM,
)
NEUTROPENIA = Outcome(
    "neutropenia_g34",
    P(_l("A serious drop in white blood cells (grade %(grade_low)s–%(grade_high)s neutropenia)"), **GRADES),
    P(
        _l(
            "A serious drop in the white blood cells that fight infection, at any time during the study"
            " (grade %(grade_low)s–%(grade_high)s neutropenia)."
        ),
        **GRADES,
    ),
    Effect.HARM,
)
THROMBOCYTOPENIA = Outcome(
    "thrombocytopenia_g34",
    P(_l("A serious drop in platelets (grade %(grade_low)s–%(grade_high)s thrombocytopenia)"), **GRADES),
    P(
        _l(
            "A serious drop in platelets, the blood cells that help blood to clot, at any time during the"
            " study (grade %(grade_low)s–%(grade_high)s thrombocytopenia)."
        ),
        **GRADES,
    ),
    Effect.HARM,
)
STOPPED_AE = Outcome(
    "stopped_ae",
    P(_l("Stopped the study capsules because of side effects")),
    P(
        _l(
            "Stopped taking the study treatment because of side effects (discontinuation due to adverse"
            " events)."
        )
    ),
    Effect.HARM,
)
# For unverified items that match no outcome above; the item's own description says what it is.
OTHER_UNVERIFIED = Outcome(
    "unverified",
    P(_l("Not available")),
    P(_l("We could not check this number against a reliable source, so we do not show it.")),
    Effect.NOT_APPLICABLE,
)

CALGB_ALL = Population(
    "calgb_itt", P(_l("Everyone randomly assigned in the %(trial)s study"), trial=TRIALS["calgb"])
)
CALGB_NO_SWITCH = Population(
    "calgb_placebo_no_switch",
    P(
        _l("People in the placebo group of the %(trial)s study who did not switch to lenalidomide"),
        trial=TRIALS["calgb"],
    ),
)
IFM_ALL = Population(
    "ifm_itt", P(_l("Everyone randomly assigned in the %(trial)s study"), trial=TRIALS["ifm"])
)
META_ALL = Population(
    "meta_pooled", P(_l("Everyone in the three trials pooled by the %(study)s study"), study=TRIALS["meta"])
)
MXI_TE = Population(
    "mxi_transplant",
    P(
        _l("People in the %(trial)s study who had a stem cell transplant (transplant-eligible)"),
        trial=TRIALS["mxi"],
    ),
)
