"""The source registry: only details EVIDENCE.md or the seed files give; nothing added."""

from flask_babel import lazy_gettext as _l

from decision_aid.evidence.model import Source
from decision_aid.evidence.text import P

CALGB, IFM, META, MXI = "CALGB 100104", "IFM 2005-02", "McCarthy 2017", "Myeloma XI"
MAKER_PAGE = _l("The drug maker's web page for doctors about lenalidomide (Revlimid)")
LABEL_TEXT = _l("A copy of the official US drug label for lenalidomide (Revlimid)")

SOURCES = (
    Source(
        "S000",
        P(MAKER_PAGE),
        "REVLIMID US HCP maintenance efficacy page (Celgene/BMS)",
        url="https://www.revlimidhcp.com/mm/maintenance-therapy/efficacy",
        seed_file="000_c3d2a2b2b7ee7608.txt",
    ),
    Source(
        "S002",
        P(_l("Summary of the main report of the %(trial)s study"), trial=IFM),
        "Attal NEJM 2012 abstract (HAL hal-00852275)",
        authors="Attal M, Lauwers-Cances V, Marit G, Caillot D, Moreau P, et al.",
        title="Lenalidomide maintenance after stem-cell transplantation for multiple myeloma",
        journal="N Engl J Med",
        year=2012,
        volume_pages="366(19):1782-91",
        doi="10.1056/NEJMoa1114138",
        trial_registration="NCT00430365",
        seed_file="002_3b68cfb96f9eda6f.txt",
    ),
    Source(
        "S003",
        P(_l("A website summary of the %(trial)s study, written for doctors"), trial=MXI),
        "Multiple Myeloma Hub summary of Myeloma XI",
        trial_registration="NCT01554852",
        seed_file="003_f36b92a924244e70.txt",
    ),
    Source(
        "S004",
        P(_l("Main report of the %(trial)s study"), trial=CALGB),
        "McCarthy NEJM 2012 full text (CALGB 100104)",
        journal="N Engl J Med",
        year=2012,
        # EVIDENCE.md gives 366:1770-81 but marks the citation details U (section (e)).
        unverified_details="366:1770-81",
        trial_registration="NCT00114101",
        seed_file="004_51ed05e69d0f09ba.txt",
    ),
    Source(
        "W1",
        P(_l("Main report of the %(trial)s maintenance study (summary)"), trial=MXI),
        "Myeloma XI maintenance",
        authors="Jackson et al.",
        journal="Lancet Oncol",
        year=2019,
        # A4 says this page range came from the brief and is U.
        unverified_details="20:57-73",
        url="https://pmc.ncbi.nlm.nih.gov/articles/PMC6318225",
    ),
    Source(
        "W2",
        P(_l("News report on the %(trial)s study for cancer doctors"), trial=MXI),
        'ASCO Post news: "Lenalidomide Maintenance vs Observation in Newly Diagnosed Multiple Myeloma"'
        " (Myeloma XI)",
        url="https://ascopost.com/News/59608",
        secondary=True,
    ),
    Source(
        "W3",
        P(_l("A review article table about the %(trial)s study"), trial=MXI),
        "PMC review table (Myeloma XI TE median PFS)",
        url="https://pmc.ncbi.nlm.nih.gov/articles/PMC10911930/table/T3",
        secondary=True,
    ),
    Source(
        "W4",
        P(_l("Advice from NICE, the health guidance body for England")),
        "NICE TA680 recommendations",
        url="https://www.nice.org.uk/guidance/ta680/chapter/1-Recommendations",
    ),
    Source(
        "W10",
        P(_l("Summary of a study that pooled three maintenance trials (%(study)s)"), study=META),
        "Patient-level meta-analysis of CALGB 100104 + IFM 2005-02 + GIMEMA RV-MM-PI-209",
        authors="McCarthy et al.",
        journal="J Clin Oncol",
        year=2017,
        volume_pages="35(29):3279-89",
        url="https://nebraska.pure.elsevier.com/en/publications/"
        "lenalidomide-maintenance-after-autologous-stem-cell-transplantati",
    ),
    Source(
        "W11",
        P(_l("News report on the pooled study (%(study)s) for cancer doctors"), study=META),
        "ASCO Post news on McCarthy JCO 2017",
        url="http://ascopost.com/News/57900",
        secondary=True,
    ),
    Source(
        "W12",
        P(_l("German news report on the pooled study (%(study)s)"), study=META),
        "Im Focus Onkologie (Springer, German) on McCarthy JCO 2017",
        url="https://link.springer.com/article/10.1007/s15004-017-5872-8",
        secondary=True,
    ),
    Source(
        "W20",
        P(_l("News report on the US approval of lenalidomide maintenance")),
        "Cancer Therapy Advisor (FDA approval news, 2017)",
        year=2017,
        url="https://www.cancertherapyadvisor.com/home/cancer-topics/multiple-myeloma/"
        "myeloma-fda-approves-lenalidomide-as-maintenance-after-auto-hct/",
        secondary=True,
    ),
    Source(
        "W24",
        P(LABEL_TEXT),
        "REVLIMID PI text, section 2.1 (mirror, page 4)",
        url="http://www.120ty.net/bencandy.php?aid=50341&fid=134&page=4",
    ),
    Source(
        "W26",
        P(LABEL_TEXT),
        "REVLIMID PI text, section 8.2/8.3 (mirror, page 27)",
        url="http://www.120ty.net/bencandy.php?aid=50341&fid=134&page=27",
    ),
    Source(
        "W28",
        P(LABEL_TEXT),
        "GuidelineCentral REVLIMID PI (boxed warning)",
        url="https://www.guidelinecentral.com/drug/5fa97bf5-28a2-48f1-8955-f56012d296be/Revlimid/",
    ),
    Source(
        "W29",
        P(LABEL_TEXT),
        "PrescriberPoint REVLIMID PI (5.1, boxed warning, REMS contact)",
        url="https://prescriberpoint.com/therapies/revlimid-5fa97bf",
    ),
    Source(
        "W30",
        P(_l("The US drug safety program page for lenalidomide (FDA)")),
        "FDA REMS database: Lenalidomide shared-system REMS (last update 03/24/2023)",
        url="https://www.accessdata.fda.gov/Scripts/Cder/Rems/index.cfm?event=RemsDetails.page&REMS=410",
    ),
    Source(
        "W32",
        P(_l("Overview of the US drug safety program for lenalidomide")),
        "FDA REMS overview as shown on fda.report (ANDA 213912)",
        url="https://fda.report/applications/213912/76342",
    ),
    Source(
        "W36",
        P(_l("Conference summary of a later update of the %(trial)s study"), trial=IFM),
        "ASH 2013 abstract 406 (IFM update)",
        authors="Attal et al.",
        year=2013,
        url="http://ashpublications.com/blood/article-split/122/21/406/94302/"
        "Lenalidomide-Maintenance-After-Stem-Cell",
    ),
)

# The first full reports of each body of evidence, for "the trials were reported from ... to ...".
MAIN_REPORTS = ("S004", "S002", "W10", "W1")
