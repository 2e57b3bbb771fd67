"""The take-home documents carry the whole decision: every outcome, the clinician's page 1, the
handout for paper-only readers (full pages), and the bilingual summary with its languages tagged."""

import re

import pytest
from flask import render_template_string
from flask_babel import force_locale
from flask_babel import gettext

from decision_aid.content import current_evidence
from decision_aid.content import doctor_questions
from decision_aid.content import notes
from decision_aid.content import numbers
from decision_aid.content import options
from decision_aid.content import quiz
from decision_aid.content import sure
from decision_aid.journey import forms
from decision_aid.printing import handoff
from decision_aid.printing import page_css
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import first_page_png
from tests.helpers import make_app
from tests.helpers import page_fill
from tests.helpers import pdf_text
from tests.helpers import read_pdf
from tests.helpers import scan_qr_codes
from tests.helpers import set_answers
from tests.helpers import structure_elements

BASE = "https://aid.example.org"
# A page of the handout, other than the last, is at least this full (measured from the render).
MIN_FILL = 0.6


def page_texts(reader):
    """Each page's text, whitespace collapsed."""
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def outcome_facts(app, lang="en"):
    """Each headline outcome's label and both counts, in a language."""
    with app.test_request_context(f"/?lang={lang}"), force_locale(lang):
        return [
            (str(o.label), o.lenalidomide_per_100, o.control_per_100)
            for o in current_evidence().default_set.drawable_outcomes
        ]


@pytest.mark.parametrize("url", ["/summary.pdf", "/handout.pdf"])
def test_every_outcome_of_the_headline_study_is_printed(app, client, url):
    set_answers(client, complete_answers())
    text = pdf_text(read_pdf(client.get(url)))
    facts = outcome_facts(app)
    assert len(facts) == 5
    for label, lenalidomide, control in facts:
        assert label in text
        assert f"{lenalidomide} in 100" in text and f"{control} in 100" in text, label
    # Survival as the evidence as a whole, beside the study's own numbers.
    assert "Living longer: all the evidence" in text
    assert "The largest analysis pooled 3 studies with 1,208 people" in text


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_the_summary_says_what_each_option_is_like(app, client, lang):
    # It had a section on what taking lenalidomide is like and none on the other option.
    set_answers(client, complete_answers())
    text = pdf_text(read_pdf(client.get(f"/summary.pdf?lang={lang}")))
    with app.test_request_context(), force_locale(lang):
        headings = [gettext("What taking lenalidomide is like"), gettext("What no maintenance now is like")]
        no_maintenance = str(options.NO_MAINTENANCE.summary)
    flat = " ".join(text.split())
    assert all(heading in flat for heading in headings)
    assert " ".join(no_maintenance.split()) in flat


def test_each_printed_outcome_gives_its_data_cut(app, client):
    # Trap 22: the data cut beside every number, on the summary (page and PDF) and the handout too.
    set_answers(client, complete_answers())
    with app.test_request_context():
        cuts = {
            str(o.label): f"up to {o.lenalidomide.data_cut.display}"
            for o in current_evidence().default_set.drawable_outcomes
        }
    assert len(cuts) == 5
    page = check_page(client.get("/summary"))
    for row in page.select("tr"):
        name = row.select_one(".outcome-table__name")
        if name is not None:
            assert cuts[name.get_text(strip=True)] in row.select_one(".outcome-table__when").get_text()
    for url in ("/summary.pdf", "/handout.pdf"):
        text = pdf_text(read_pdf(client.get(url)))
        assert "up to October 2011" in text and "up to about February 2012" in text, url


def test_the_summary_marks_the_top_values_beside_their_outcomes(client):
    set_answers(client, complete_answers(value_living_longer="very"))
    page = check_page(client.get("/summary"))
    marks = [(row, row.select_one(".outcome-table__matters")) for row in page.select("tr")]
    marked = {
        " ".join(row.select_one(".outcome-table__name").get_text().split())
        for row, mark in marks
        if mark and mark.get_text(strip=True) == "Matters a lot to me"
    }
    assert marked == {"Alive without the myeloma getting worse", "A second, new cancer", "Alive"}
    text = pdf_text(read_pdf(client.get("/summary.pdf")))
    # The mark beside each of the three rows, and once more in the list of what matters.
    assert text.count("Matters a lot to me") == 4
    assert "To me:" not in text, "it said 'me' twice: 'To me: Matters a lot to me'"


def test_page_one_is_the_clinicians_sheet(app, client):
    answers = complete_answers(
        quiz_second_cancer="same",
        kidney="yes",
        doctor_questions=["how-long", "cost"],
        doctor_note="Who do I call at night?",
    )
    set_answers(client, answers)
    first = page_texts(read_pdf(client.get("/summary.pdf?paper=letter")))[0]
    assert "For the care team: the summary in one minute" in first
    assert "Leaning towards Not sure yet" in first
    assert "More time before the myeloma comes back" in first  # matters most
    with app.test_request_context():
        missed = quiz.QUESTIONS[2]
        assert str(missed.question) in first and "Right answer: It was higher with lenalidomide." in first
        for item in sure.score(answers).no_items:
            assert str(item.wording) in first
        # The score says what it means to a reader who does not know SURE.
        assert "A no to any item suggests they may not feel ready to decide yet." in first
        # Each concern with the answer that raised it, in the care team's words (test below).
        assert "Kidney problems (Yes)" in first and "Lenalidomide before the transplant (Yes)" in first
        questions, _ = doctor_questions.question_texts(answers)
        for question in questions:
            assert str(question) in first
    assert "Who do I call at night?" in first
    assert "Share your answers with your care team" in first


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_the_care_team_reads_each_concern_with_the_answer_that_raised_it(app, client, lang):
    # The sheet and the record note listed the person's headings ("Your age", "Blood clots"), so a
    # "not sure" read as a yes, and "your" addressed the clinician.
    answers = complete_answers(age_group="over-70", blood_clot="not-sure", kidney="yes")
    set_answers(client, answers)
    client.get(f"/?lang={lang}")
    first = page_texts(read_pdf(client.get("/summary.pdf")))[0]
    record_note = check_page(client.get("/summary")).select_one("#record-note").get_text()
    with app.test_request_context(), force_locale(lang):
        found = notes.notes_for(answers)
        ages = {choice.value: choice.label for choice in forms.AgeForm.age_group.kwargs["choices"]}
        answered = {"age": ages["over-70"], "blood-clot": forms.NOT_SURE.label, "kidneys": forms.YES.label}
        assert {note.code for note in found} >= answered.keys()
        for note in found:
            assert str(note.title) not in first
        for code, answer in answered.items():
            topic = notes.NOTES_BY_CODE[code].for_the_team
            line = gettext("%(topic)s (%(answer)s)", topic=topic, answer=answer)
            assert line in first and line in record_note, line
    if lang == "en":
        assert "Age (Over 70)" in first and "Past blood clot (I'm not sure)" in record_note


def test_the_details_start_on_page_two_or_follow_a_sheet_that_runs_on(client):
    """The details start on a new page after the sheet; when long answers push the sheet on to a
    second page, they follow it there instead of leaving that page nearly empty."""
    set_answers(client, complete_answers())
    typical = page_texts(read_pdf(client.get("/summary.pdf")))
    assert "Share your answers with your care team" in typical[0] and "The numbers" not in typical[0]
    assert typical[1].startswith("The numbers") or "The numbers" in typical[1][:80]
    longest = complete_answers(kidney="yes", blood_clot="yes", other_cancer="yes")
    set_answers(client, longest)
    page = client.get("/doctor-questions").get_data(as_text=True)
    longest["doctor_questions"] = sorted(
        set(re.findall(r'name="doctor_questions"[^>]*value="([^"]+)"', page))
    )
    assert len(longest["doctor_questions"]) >= 6
    longest["doctor_note"] = ("Who do I call at night, and how long would I take it for? " * 10)[:500]
    set_answers(client, longest)
    pages = page_texts(read_pdf(client.get("/summary.pdf")))
    assert "For the care team: the summary in one minute" in pages[0]
    (handoff_page,) = [
        number for number, text in enumerate(pages) if "Share your answers with your care team" in text
    ]
    assert handoff_page == 1, "these answers fill page 1, so the link moves to page 2"
    assert "The numbers" in pages[1], "the details follow on page 2, not after an almost empty page"


def test_the_handoff_page_opens_with_the_sheet_and_the_note_to_copy(app, client):
    answers = complete_answers(doctor_note="Private words")
    with app.test_request_context():
        link = handoff.make_link(answers, "http://localhost/handoff")
    page = check_page(client.get("/handoff"))
    page = check_page(client.post("/handoff", data={"csrf_token": page.csrf_token(), "link": link.url}))
    text = page.text
    assert text.index("For the care team: the summary in one minute") < text.index("The numbers")
    assert page.select_one("#record-note") is not None
    assert "The person also wrote a note" in text and "Private words" not in text


@pytest.mark.parametrize("size", ["", "large"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_handout_pages_are_full_and_headings_stay_with_what_follows(app, client, lang, paper, size):
    response = client.get(f"/handout.pdf?lang={lang}&paper={paper}&size={size}")
    read_pdf(response)
    large = size == "large"
    top, _sides, bottom = page_css.PAGE_MARGINS[large].split()
    shares = page_fill(response.data, (float(top.removesuffix("mm")), float(bottom.removesuffix("mm"))))
    assert len(shares) > 1
    assert min(shares[:-1]) >= MIN_FILL, [round(share, 2) for share in shares]
    # The SURE heading and its instructions never end a page apart from the questions (large print
    # lets sections break, and the Spanish heading was left at the foot of a page).
    # Nor does the numbers table's caption (French and Spanish A4 had it alone at a page's foot).
    with app.test_request_context(), force_locale(lang):
        headline = current_evidence().default_set
        pairs = [
            (gettext("How sure do you feel? The SURE test"), str(sure.ITEMS[0].wording)),
            (
                gettext("Out of 100 people, %(horizon)s", horizon=str(headline.horizon.label)),
                str(headline.drawable_outcomes[0].label),
            ),
        ]
    pages = [" ".join(page.extract_text().split()) for page in read_pdf(response).pages]
    for heading, first in pairs:
        heading, first = (" ".join(text.split()) for text in (heading, first))
        heading_page = next(number for number, text in enumerate(pages) if heading in text)
        assert first in pages[heading_page], heading


def test_the_handout_has_what_a_paper_only_reader_needs(client):
    text = pdf_text(read_pdf(client.get("/handout.pdf")))
    assert "Which option are you leaning towards now?" in text
    for choice in ("Lenalidomide maintenance", "No maintenance now", "Not sure yet"):
        assert choice in text
    assert "Which option does better" in text
    assert "When to call your care team straight away" in text
    assert "Pregnancy prevention" in text
    assert "This aid has no outside funding." in text
    assert "McCarthy PL, et al. N Engl J Med 2012;366(19):1770-81." in text
    assert "Where these numbers come from" not in text


def test_the_handouts_questions_are_about_both_options(app, client):
    # All three questions it suggested were about taking lenalidomide.
    flat = " ".join(pdf_text(read_pdf(client.get("/handout.pdf"))).split())
    with app.test_request_context():
        waiting = str(doctor_questions.SUGGESTIONS_BY_CODE["if-i-wait"].text)
        taking = str(doctor_questions.SUGGESTIONS_BY_CODE["how-long"].text)
    assert waiting in flat and taking in flat


def test_the_handout_qr_code_opens_the_aid(tmp_path):

    app = make_app(tmp_path, PUBLIC_BASE_URL=BASE)
    page_one = first_page_png(app.test_client().get("/handout.pdf", base_url=BASE).data, tmp_path)
    assert scan_qr_codes(page_one) == [BASE + "/"]


@pytest.mark.parametrize(("first", "second"), [("en", "fr"), ("es", "en"), ("fr", "es")])
def test_the_bilingual_summary_tags_each_part_with_its_language(app, client, first, second):
    set_answers(client, complete_answers(doctor_note="Mi nota sin traducir"))
    reader = read_pdf(client.get(f"/summary.pdf?lang={first}&also={second}"))
    assert reader.trailer["/Root"]["/Lang"] == first
    texts = page_texts(reader)
    with app.test_request_context():
        with force_locale(first):
            title_first = gettext("Your summary")
        with force_locale(second):
            title_second = gettext("Your summary")
            notice = gettext("SURE test")
        footers = {}
        for lang in (first, second):
            with force_locale(lang):
                footers[lang] = gettext("This does not replace talking with your care team.")
    starts = [i for i, text in enumerate(texts) if f"{title_second} (" in text]
    assert len(starts) == 1 and starts[0] > 0
    start = starts[0]
    assert title_first in texts[0]
    assert notice in " ".join(texts[start:])
    assert " ".join(texts).count("Mi nota sin traducir") == 2
    # Each part's pages carry the footer in that part's language (the second part had the first's).
    for index, text in enumerate(texts):
        lang, other = (second, first) if index >= start else (first, second)
        assert footers[lang] in " ".join(text.split()) and footers[other] not in text, index
    # Every structure element wholly in the second part carries its language; none before it does.
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    tagged = {str(element.get("/Lang")) for element in structure_elements(reader) if "/Lang" in element}
    assert tagged == {second}
    for element in structure_elements(reader):
        page = element.get("/Pg")
        if page is not None:
            index = pages[page.idnum]
            assert (str(element.get("/Lang", "")) == second) == (index >= start), (index, element["/S"])


@pytest.mark.parametrize("also", ["en", "de", "EN", "../fr", ""])
def test_also_ignores_the_same_or_an_unknown_language(client, also):
    set_answers(client, complete_answers())
    plain = read_pdf(client.get("/summary.pdf"))
    reader = read_pdf(client.get(f"/summary.pdf?also={also}"))
    assert len(reader.pages) == len(plain.pages)
    assert not [element for element in structure_elements(reader) if "/Lang" in element]


def test_the_summary_page_offers_the_bilingual_pdf_when_not_in_english(client):
    set_answers(client, complete_answers())
    assert "also=en" not in client.get("/summary?lang=en").get_data(as_text=True)
    page = check_page(client.get("/summary?lang=fr"))
    assert page.select_one("a[href$='summary.pdf?also=en']") is not None
    read_pdf(client.get("/summary.pdf?also=en"))


def test_every_look_in_the_summary_table_is_explained_in_its_key(client):
    """Every colour and pattern drawn in the summary's table has its meaning in the key above it."""
    set_answers(client, complete_answers())
    page = check_page(client.get("/summary"))
    table = page.select_one("table.outcome-table")
    # Each drawn group's class is its look (role): dark, striped helped or harmed, grey, mid-tone, light.
    drawn = {group["class"][0] for group in table.select("svg g[data-category]") if int(group["data-count"])}
    explained = {item["data-role"] for item in page.select("ul.outcome-key li[data-role]")}
    assert {"anyway", "rest"} < drawn, drawn
    assert drawn <= explained, drawn - explained
    # The dashed outline of a range (R8) is a look too: explained when a picture has one, and only then.
    assert table.select("svg g.range") and "range" in explained


def test_the_range_outline_is_explained_only_where_a_picture_draws_one(app):
    """The handout's key and the summary's share one template: a table without a range says nothing of one."""
    template = (
        '{% from "summary/_outcome_table.html" import outcome_table %}{{ outcome_table(rows, set, keys) }}'
    )
    with app.test_request_context("/summary"):
        sets = current_evidence().comparison_sets
        views = [(each, view) for each in sets for view in numbers.set_view(each)]
        ranged = [pair for pair in views if any(arm.array.uncertainty for arm in pair[1].arms)]
        plain = [pair for pair in views if not any(arm.array.uncertainty for arm in pair[1].arms)]
        assert ranged and plain
        for (comparison_set, view), has_range in ((ranged[0], True), (plain[0], False)):
            rows = [{"view": view, "matters": None}]
            html = render_template_string(template, rows=rows, set=comparison_set, keys=numbers.TABLE_KEY)
            assert ('data-role="range"' in html) == has_range
            assert (str(numbers.TABLE_KEY["range"]) in html) == has_range
