"""Plain meanings for the medical words the aid still uses."""

from decision_aid.extensions import lazy_gettext as _l

TERMS = [
    (_l("Myeloma"), _l("A cancer of plasma cells, a kind of white blood cell made in the bone marrow.")),
    (
        _l("Stem cell transplant (autologous)"),
        _l(
            "High-dose chemotherapy followed by a drip of your own stem cells, collected earlier. The "
            "stem cells help your bone marrow make blood cells again."
        ),
    ),
    (
        _l("Maintenance"),
        _l("A gentler treatment taken after the main treatment, to keep the myeloma away for longer."),
    ),
    (
        _l("Lenalidomide (Revlimid)"),
        _l("A medicine taken as a capsule by mouth. It is used to treat myeloma."),
    ),
    (_l("Induction"), _l("The first treatment for myeloma, given before the transplant.")),
    (
        _l("Consolidation"),
        _l("A short course of treatment after the transplant, to deepen the response."),
    ),
    (
        _l("Placebo"),
        _l("A dummy pill with no medicine in it. Studies use it so that no one knows who gets the medicine."),
    ),
    (
        _l("Progression-free survival"),
        _l("Being alive with the myeloma not getting worse."),
    ),
    (_l("Overall survival"), _l("Being alive, whatever the cause of any death.")),
    (
        _l("Neutropenia"),
        _l("A low number of neutrophils, the white blood cells that fight infection."),
    ),
    (_l("Platelets"), _l("Blood cells that help blood to clot and stop bleeding.")),
    (_l("Second primary cancer"), _l("A new cancer that is not myeloma and did not spread from it.")),
    (
        _l("Randomised study"),
        _l("A study where chance decides who gets which treatment, so the groups can be fairly compared."),
    ),
    (_l("Median"), _l("The middle value: half of the people had less, and half had more.")),
    (
        _l("Range (confidence interval)"),
        _l("The numbers that the true number probably lies between. It is not a hard limit."),
    ),
    (
        _l("Hazard ratio"),
        _l("A way to compare how fast something happens in two groups. A value of one means no difference."),
    ),
    (
        _l("REMS"),
        _l("The US safety programme for lenalidomide, which includes the pregnancy-prevention rules."),
    ),
    (
        _l("Creatinine clearance"),
        _l("A measure of how well the kidneys clean the blood."),
    ),
]
