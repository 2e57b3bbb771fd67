"""Turn stored answer codes back into words, and gather everything the summary shows."""

from datetime import date
from types import SimpleNamespace

from decision_aid.content import about
from decision_aid.content import current_evidence
from decision_aid.content import doctor_questions
from decision_aid.content import notes
from decision_aid.content import numbers
from decision_aid.content import options
from decision_aid.content import quiz
from decision_aid.content import since_trials
from decision_aid.content import sure
from decision_aid.content import values
from decision_aid.extensions import lazy_gettext as _l
from decision_aid.extensions import lazy_ngettext
from decision_aid.journey import flow
from decision_aid.journey import read_pages

LEANINGS = {
    **{option.code: option.name for option in options.OPTIONS.values()},
    "not-sure": options.NOT_SURE_YET,
}


def answer_text(kind, labels, value):
    """An answer in words: the chosen label(s), or the text typed (kind: the field's type name)."""
    # Plain str, not lazy strings: templates tell a list of answers from one answer by type.
    if kind == "TextAreaField":
        return value if isinstance(value, str) and value else str(_l("Not provided"))
    # Only the chosen labels are translated (the summary shows about 25 answers, most with 3-7 choices).
    if kind == "SelectMultipleField":
        chosen = [str(labels[code]) for code in value if code in labels] if isinstance(value, list) else []
        return chosen or str(_l("None chosen"))
    return str(labels[value]) if isinstance(value, str) and value in labels else str(_l("Not provided"))


# The words of each fixed question (flow.Step.same_for_everyone), by step: lazy strings, so one set
# serves every language. Binding a dozen forms to read them cost a summary page 0.12 ms.
_fixed_words = {}


def question_words(step, answers):
    """{field name: (question, field type name, {choice code: label})} for a step's questions."""
    if step.same_for_everyone and step.slug in _fixed_words:
        return _fixed_words[step.slug]
    # Read only: no form token. A form that fills in its choices (prepare) is bound to these answers.
    form = step.bound_form(answers if not step.same_for_everyone else {}, meta={"csrf": False})
    words = {}
    for name in step.fields:
        field = form[name]
        labels = {choice.value: choice.label for choice in getattr(field, "choices", None) or ()}
        words[name] = (field.label.text, field.type, labels)
    if step.same_for_everyone:
        _fixed_words[step.slug] = words
    return words


def answer_rows(answers, sections=None):
    """One row per question answered: the question, the answer in words, and the step to change it."""
    rows = []
    for step in flow.applicable_steps(answers):
        if not step.is_question or (sections is not None and step.section not in sections):
            continue
        for name, (question, kind, labels) in question_words(step, answers).items():
            answer = answer_text(kind, labels, answers.get(name))
            rows.append({"slug": step.slug, "field": name, "question": question, "answer": answer})
    return rows


# The summary page tells the survival evidence once, under the numbers ("Living longer: all the
# evidence"); the values table's row for living longer links there instead of repeating 90 words.
SURVIVAL_ANCHOR = "summary-survival"
SURVIVAL_FACTOR = "value_living_longer"


def value_rows(answers):
    """Every factor with how much it matters to the person, most important first."""
    order = {"very": 0, "somewhat": 1, "not": 2}
    labels = {choice.value: choice.label for choice in values.IMPORTANCE}
    # Only known codes: an answer that is not a choice is never shown (or allowed to break the page).
    rated = [factor for factor in values.FACTORS if answers.get(factor.field) in order]
    rated.sort(key=lambda factor: order[answers[factor.field]])
    return [
        {
            "factor": factor.label,
            "importance": labels[answers[factor.field]],
            "better": values.OPTION_NAMES[factor.better_option],
            "why": factor.why,
            "why_told_under_numbers": factor.field == SURVIVAL_FACTOR,
        }
        for factor in rated
    ]


def values_by_level(rows):
    """The rated factors grouped by how much they matter, most first: [(level, "factor; factor")]."""
    groups = {}
    for row in rows:
        groups.setdefault(str(row["importance"]), []).append(str(row["factor"]))
    return [(level, str(_l("; ")).join(factors)) for level, factors in groups.items()]


def outcome_rows(views, answers):
    """Each outcome of the headline study with how much its factor matters to the person, if rated."""
    labels = {choice.value: choice.label for choice in values.IMPORTANCE}
    top_fields = {row["field"] for row in values.comparison_rows(answers)[0]}
    rows = []
    for view in views:
        field = values.OUTCOME_FACTORS.get(view.comparison.outcome_id)
        rating = answers.get(field)
        rows.append(
            {
                "view": view,
                # Only the person's top values are marked, so the mark means "matters most".
                "matters": labels[rating] if field in top_fields and rating in labels else None,
            }
        )
    return rows


def concerns_for_the_team(found, about_you):
    """Each concern as the care team reads it: the topic and what the person answered ("Age (Over 70)").

    about_you: answer_rows() of the "About you" questions, where every concern's answer is."""
    answered = {row["field"]: row["answer"] for row in about_you}
    points = []
    for note in found:
        if note.field not in answered:  # answers from before a question moved: the person's heading
            points.append(str(note.title))
            continue
        points.append(str(_l("%(topic)s (%(answer)s)", topic=note.for_the_team, answer=answered[note.field])))
    return points


def missed_knowledge(answers):
    """The knowledge questions not right at the first try, with the right answer (for teach-back)."""
    missed = quiz.score(answers, flow.FIRST_TRY_PREFIX)["missed"]
    return [{"question": item["question"], "right_answer": item["answer"]} for item in missed]


def primary_sources(sources):
    """The sources a reader can look up: papers and authors' conference abstracts (no news or web pages)."""
    # An abstract is known by its authors (the IFM 2005-02 update the survival summary quotes).
    return [s for s in sources if not s.secondary and (s.journal or s.doi or s.pmid or s.authors)]


def headline_rows(answers=None):
    """Every outcome of the headline study as table rows; with answers, the person's top values marked."""
    views = numbers.set_view(current_evidence().default_set)
    return outcome_rows(views, answers or {})


def sources_for(fact_ids):
    """The primary citations behind the headline numbers and these facts, without repeats."""
    evidence = current_evidence()
    ids = list(evidence.default_set.source_ids)
    ids += [s for fact_id in fact_ids for s in evidence.fact(fact_id).source_ids]
    return primary_sources([evidence.source(s) for s in dict.fromkeys(ids)])


def record_note(summary, version):
    """A plain-text note of the summary for the medical record: short lines, no formatting."""
    lines = [
        str(_l("Shared decision making: lenalidomide maintenance after autologous stem cell transplant.")),
        str(
            _l(
                "Decision aid version %(version)s, used on %(date)s.",
                version=version,
                date=summary.generated_on,
            )
        ),
        str(_l("Leaning: %(leaning)s.", leaning=summary.leaning or _l("not recorded"))),
    ]
    # TRANSLATORS: the separator between the items of a list (French puts a thin no-break space before ";").
    top = str(_l("; ")).join(str(row["factor"]) for row in summary.top_values) or str(_l("none rated highly"))
    lines.append(str(_l("Matters most: %(factors)s.", factors=top)))
    lines.append(
        str(
            lazy_ngettext(
                "Knowledge check: %(num)s of %(total)s right at first try.",
                "Knowledge check: %(num)s of %(total)s right at first try.",
                summary.knowledge["right"],
                total=summary.knowledge["total"],
            )
        )
    )
    if summary.missed:
        missed = str(_l("; ")).join(str(item["question"]) for item in summary.missed)
        lines.append(str(_l("Missed at first try (for teach-back): %(items)s", items=missed)))
    sure_line = _l("SURE score: %(score)s of %(total)s.", score=summary.sure.score, total=summary.sure.total)
    lines.append(str(sure_line))
    if summary.sure_first is not None:
        lines.append(
            str(
                _l(
                    "First SURE score: %(score)s of %(total)s.",
                    score=summary.sure_first.score,
                    total=summary.sure_first.total,
                )
            )
        )
    if summary.sure.no_items:
        letters = ", ".join(f"{item.letter} ({item.domain})" for item in summary.sure.no_items)
        lines.append(str(_l("Possible decisional conflict. Answered no to: %(items)s.", items=letters)))
    if summary.concerns:
        lines.append(str(_l("To discuss: %(points)s.", points=str(_l("; ")).join(summary.concerns))))
    for question in summary.questions:
        lines.append(str(_l("Question: %(question)s", question=question)))
    if summary.own_note:
        lines.append(str(_l("Patient's note: %(note)s", note=summary.own_note)))
    return "\n".join(lines)


def first_sure_score(answers):
    """The score of the first SURE answers when the person answered SURE again, else None."""
    first = {
        item.field: answers[flow.FIRST_TRY_PREFIX + item.field]
        for item in sure.ITEMS
        if flow.FIRST_TRY_PREFIX + item.field in answers
    }
    return sure.score(first) if len(first) == len(sure.ITEMS) else None


def build(answers):
    """Everything the summary page and the summary PDF show, from the stored answers."""
    evidence = current_evidence()
    headline_set = evidence.default_set
    question_list, note = doctor_questions.question_texts(answers)
    found_notes = notes.notes_for(answers)
    about_you = answer_rows(answers, sections=[flow.ABOUT_YOU])
    # The sources of what the summary prints: the headline numbers, the facts on taking it, survival,
    # guideline status and what has changed since the trials (evidence review #22).
    printed_facts = list(read_pages.TAKING_IT_FACTS) + list(since_trials.fact_ids())
    source_ids = list(headline_set.source_ids)
    source_ids += [s for fact_id in printed_facts for s in evidence.fact(fact_id).source_ids]
    used_sources = [evidence.source(source_id) for source_id in dict.fromkeys(source_ids)]
    # On paper the newer studies are named, not told, so only these facts' sources are printed.
    printed_ids = list(headline_set.source_ids) + [
        s for fact_id in since_trials.printed_fact_ids() for s in evidence.fact(fact_id).source_ids
    ]
    result = SimpleNamespace(
        decision=options.DECISION,
        leaning=LEANINGS.get(answers.get("leaning")),
        answer_rows=about_you,
        values=value_rows(answers),
        values_by_level=values_by_level(value_rows(answers)),
        top_values=values.comparison_rows(answers)[0],
        numbers_set=headline_set,
        # Every outcome of the headline study, benefits and harms alike (IPDAS C1), each with the
        # person's rating where the outcome is one of the things that matter most to them.
        numbers_rows=outcome_rows(numbers.set_view(headline_set), answers),
        numbers_looks=numbers.looks_for(numbers.set_view(headline_set)),
        # What each look in the pictures means (every look the table uses), in the key's short words.
        colour_key=numbers.TABLE_KEY,
        survival=options.SURVIVAL,
        survival_anchor=SURVIVAL_ANCHOR,
        # Right at the first try, out of how many, and the questions missed (for the care team).
        knowledge=quiz.score(answers, flow.FIRST_TRY_PREFIX),
        missed=missed_knowledge(answers),
        sure=sure.score(answers),
        sure_first=first_sure_score(answers),
        sure_citation=sure.CITATION,
        sure_notice=sure.unvalidated_notice(),
        notes=found_notes,
        concerns=concerns_for_the_team(found_notes, about_you),
        questions=question_list,
        own_note=note,
        sources=used_sources,
        primary_sources=primary_sources(used_sources),
        printed_sources=primary_sources([evidence.source(s) for s in dict.fromkeys(printed_ids)]),
        generated_on=date.today(),
        taking=read_pages.taking_it(),
        guidelines=since_trials.guidelines(),
        since=since_trials.sections(),
    )
    result.record_note = record_note(result, about.VERSION)
    return result
