"""The data against docs/evidence.md: transcription both ways, quotes in their seeds, section (b) and (e).

The seeds are read from tests/data/sources/: the passages the quotes come from, not whole documents.
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from decision_aid.evidence import Status
from decision_aid.evidence import UnverifiedFigureError
from decision_aid.evidence import derive
from tests.evidence_reference import EVIDENCE_MD
from tests.evidence_reference import FACT_VALUES
from tests.evidence_reference import FIGURES
from tests.evidence_reference import GRADE_COUNTS
from tests.evidence_reference import HAZARD_RATIOS
from tests.evidence_reference import SECTION_B
from tests.evidence_reference import SECTION_B_FIGURES
from tests.evidence_reference import SOURCE_EXCERPTS
from tests.evidence_reference import UNVERIFIED_ROWS


def normalise(text):
    """Collapse whitespace and drop Markdown emphasis and table escapes."""
    text = text.replace("**", "").replace("\\|", "|")
    return re.sub(r"\s+", " ", text).strip()


def readings(raw):
    """The text as printed, plus versions with end-of-line hyphens joined (the seeds are PDF text)."""
    line_end_hyphen = re.compile(r"-\s*\n\s*")
    return [normalise(raw), normalise(line_end_hyphen.sub("", raw)), normalise(line_end_hyphen.sub("-", raw))]


def fragments(quote):
    """The pieces of a quote between ellipses; each must appear verbatim."""
    return [normalise(part) for part in quote.split("…") if part.strip()]


def quoted_in(quote, raw):
    texts = readings(raw)
    return all(any(piece in text for text in texts) for piece in fragments(quote))


@pytest.fixture(scope="module")
def evidence_md():
    # A missing file must fail, not skip: these checks are the point of the test.
    return EVIDENCE_MD.read_text(encoding="utf-8")


def read_excerpts(source_id):
    """(header, excerpts) of tests/data/sources/<source id>.txt: its leading # lines, then the seed's text."""
    lines = (SOURCE_EXCERPTS / f"{source_id}.txt").read_text(encoding="utf-8").split("\n")
    cut = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    return "\n".join(lines[:cut]), "\n".join(lines[cut:])


def seed_text(evidence, source_id):
    """The excerpts of a seed document, without the header (a quote must be in the seed's own words)."""
    assert evidence.source(source_id).seed_file, source_id
    return read_excerpts(source_id)[1]


def verified(evidence):
    return [f for f in evidence.all_figures() if f.status is not Status.UNVERIFIED]


def test_every_figure_matches_the_transcribed_table_and_vice_versa(evidence):
    expected = {row[0]: row[1:] for row in FIGURES}
    assert len(expected) == len(FIGURES), "duplicate ids in the reference table"
    actual = {
        f.id: (f.value, f.ci, f.count, f.n, str(f.evidence_status), f.source_ids, f.quote)
        for f in verified(evidence)
    }
    assert actual.keys() == expected.keys()
    for figure_id, row in expected.items():
        assert actual[figure_id] == row, figure_id


def test_hazard_ratios_match_the_table(evidence):
    actual = {
        f.id: (f.hazard_ratio.value, f.hazard_ratio.low, f.hazard_ratio.high)
        for f in verified(evidence)
        if f.hazard_ratio is not None
    }
    assert actual == HAZARD_RATIOS


def test_grade_three_to_four_counts_are_the_sum_of_the_table_rows(evidence):
    for figure_id, (grade_3, grade_4) in GRADE_COUNTS.items():
        figure = evidence.figure(figure_id)
        assert figure.count == grade_3 + grade_4
        # The quoted Table 2 row holds both counts, in arm order.
        numbers = [int(x) for x in re.findall(r"(\d+) \(", figure.quote)]
        offset = 0 if figure.arm == "lenalidomide" else 2
        assert numbers[offset : offset + 2] == [grade_3, grade_4]


def test_counts_give_the_one_decimal_value(evidence):
    for figure in verified(evidence):
        if figure.count is not None:
            assert abs(figure.value - Decimal(figure.count * 100) / figure.n) <= Decimal("0.05")


def test_every_quote_is_in_evidence_md(evidence, evidence_md):
    for figure in verified(evidence):
        assert quoted_in(figure.quote, evidence_md), figure.id
        if figure.hazard_ratio:
            assert quoted_in(figure.hazard_ratio.quote, evidence_md), figure.id
    for fact in evidence.all_facts():
        is_seed = fact.quote_source and evidence.source(fact.quote_source).seed_file
        seed = seed_text(evidence, fact.quote_source) if is_seed else ""
        for piece in fragments(fact.quote):
            assert quoted_in(piece, evidence_md) or quoted_in(piece, seed), (fact.id, piece)


def test_seed_quotes_are_verbatim_in_their_seed_files(evidence):
    checked = 0
    quotes = [(f.id, f.quote, f.quote_source) for f in verified(evidence)]
    quotes += [
        (f.id, f.hazard_ratio.quote, f.hazard_ratio.quote_source)
        for f in verified(evidence)
        if f.hazard_ratio
    ]
    quotes += [(f.id, f.quote, f.quote_source) for f in evidence.all_facts()]
    quotes += [(c.id, c.quote, c.source_id) for c in evidence.erroneous_claims]
    for cset in evidence.comparison_sets:
        quotes += [(o.outcome_id, o.difference.quote, o.difference.quote_source) for o in cset.outcomes]
    for owner, quote, source_id in quotes:
        if source_id and evidence.source(source_id).seed_file:
            assert quote and quoted_in(quote, seed_text(evidence, source_id)), (owner, quote)
            checked += 1
    assert checked >= 30  # the seeds back most of the CALGB and IFM numbers


def test_v_seed_figures_quote_a_seed(evidence):
    for figure in verified(evidence):
        if figure.evidence_status == "V-seed":
            assert evidence.source(figure.quote_source).seed_file, figure.id


def test_each_seed_has_an_excerpt_file_that_names_it(evidence):
    seed_ids = {s.id for s in evidence.sources.values() if s.seed_file}
    assert {p.stem for p in SOURCE_EXCERPTS.glob("*.txt")} == seed_ids
    for source_id in seed_ids:
        source = evidence.source(source_id)
        header, excerpts = read_excerpts(source_id)
        assert source.seed_file in header and source.description in header, source_id
        # Only the quoted passages are kept, never a whole document (seed 004 is 35 kB of full text).
        assert len(excerpts) < 6000, f"{source_id}: keep only the passages the tests quote"


def test_quote_check_catches_a_changed_number(evidence):
    raw = seed_text(evidence, "S004")
    assert quoted_in("The 3-year rate of freedom from progression or death was 66% (95% CI,", raw)
    assert not quoted_in("The 3-year rate of freedom from progression or death was 67% (95% CI,", raw)


def test_section_b_per_100_numbers(evidence):
    assert [s.id for s in evidence.comparison_sets] == list(SECTION_B)
    for set_id, rows in SECTION_B.items():
        cset = evidence.comparison_set(set_id)
        actual = [(o.outcome_id, o.lenalidomide_per_100, o.control_per_100) for o in cset.outcomes]
        assert actual == rows, set_id


def test_other_section_b_figures_round_as_the_sheet_says(evidence):
    for key, (lenalidomide, control) in SECTION_B_FIGURES.items():
        assert derive.display_per_100(evidence.figure(f"{key}.lenalidomide")) == lenalidomide
        assert derive.display_per_100(evidence.figure(f"{key}.control")) == control


def test_unverified_rows_match_section_e_of_evidence_md(evidence_md):
    section = evidence_md.split("## (e)")[1].split("\n## ")[0]
    rows = [line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| ")]
    assert rows[0] == "Item"
    assert rows[1:] == list(UNVERIFIED_ROWS)


def test_every_section_e_item_exists_and_is_refused(evidence):
    ids = [i for group in UNVERIFIED_ROWS.values() for i in group]
    unverified = {f.id: f for f in evidence.all_figures() if f.status is Status.UNVERIFIED}
    assert sorted(unverified) == sorted(ids)
    for figure_id, figure in unverified.items():
        assert figure.value is None and figure.count is None and figure.ci is None
        assert figure.check_in and str(figure.description)
        with pytest.raises(UnverifiedFigureError):
            evidence.figure(figure_id)
        with pytest.raises(UnverifiedFigureError):
            evidence.fact(figure_id)


def test_facts_match_the_transcribed_values(evidence):
    actual = {}
    for fact in evidence.all_facts():
        values = dict(fact.values)
        if "month" in values:
            values["month"] = (values["month"].year, values["month"].month)
        actual[fact.id] = values
    assert actual == FACT_VALUES


def test_publication_years_are_derived_from_the_source_years(evidence):
    fact = evidence.fact("publication.years")
    assert fact.status is Status.DERIVED and fact.derivation
    years = [evidence.source(s).year for s in fact.source_ids]
    assert (fact.values["first_year"], fact.values["last_year"]) == (str(min(years)), str(max(years)))


def test_citation_details_come_only_from_evidence_md_or_the_seeds(evidence, evidence_md):
    for source in evidence.sources.values():
        allowed = normalise(evidence_md)
        if source.seed_file:
            allowed += " " + " ".join(readings(seed_text(evidence, source.id)))
        details = [
            source.doi,
            source.trial_registration,
            source.url,
            source.volume_pages,
            source.unverified_details,
            source.journal,
            source.description,
            source.title,
        ]
        names = (source.authors or "").replace("et al.", "").split(",")
        surnames = [name.split()[0] for name in names if name.strip()]
        for detail in [d for d in details if d] + surnames:
            # EVIDENCE.md writes the journal as NEJM; the citation uses its standard abbreviation.
            spellings = {normalise(detail), normalise(detail.replace("N Engl J Med", "NEJM"))}
            assert any(spelling in allowed for spelling in spellings), (source.id, detail)
        if source.year is not None:
            assert str(source.year) in allowed, source.id


def test_unverified_citation_details_stay_out_of_citations(evidence):
    for source in evidence.sources.values():
        if source.unverified_details:
            assert source.unverified_details not in source.citation
    s004 = evidence.source("S004").citation
    assert "N Engl J Med 2012" in s004 and "NCT00114101" in s004 and "doi" not in s004
    assert "doi:10.1056/NEJMoa1114138" in evidence.source("S002").citation


def test_evidence_md_is_the_copy_with_the_third_pass(evidence_md):
    assert "\n## (g)" in evidence_md, "docs/evidence.md lacks section (g): copy the current dossier"


# A path that climbs out of the repository to a folder named shared: two dots, a slash and the name,
# or a parents[n] / "shared" join.
OUTSIDE_PATH = re.compile(r"\.\./+shared\b|parents\[\d+\]\s*/\s*[\"']shared[\"']")


def test_nothing_reads_the_shared_folder_outside_the_repository():
    root = Path(__file__).resolve().parents[1]
    files = [root / "Makefile"]
    for folder in ("tests", "decision_aid", ".ci"):
        files += [p for p in (root / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [f"{path.relative_to(root)}: {m.group()}" for m in OUTSIDE_PATH.finditer(text)]
    assert not found, (
        "a clone of the repository alone must pass; these read the team's shared folder"
        " outside it (copy what they need into docs/ or tests/data/): " + "; ".join(found)
    )
