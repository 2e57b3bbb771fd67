"""The error summary's entries (decision_aid/journey/forms.py): listed, or summed up in one line."""

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms.fields import TextAreaField
from wtforms.validators import Length

from decision_aid.journey import forms


class FourQuestionsAndANote(FlaskForm):
    first = forms.radio("First?", [forms.YES, forms.NO], "Select yes if first")
    second = forms.radio("Second?", [forms.YES, forms.NO], "Select yes if second")
    third = forms.radio("Third?", [forms.YES, forms.NO], "Select yes if third")
    fourth = forms.radio("Fourth?", [forms.YES, forms.NO], "Select yes if fourth")
    note = TextAreaField("Note", validators=[Length(max=5, message="Use 5 characters or fewer")])


def entries(app, data):
    with app.test_request_context(method="POST"):
        form = FourQuestionsAndANote(formdata=MultiDict(data), meta={"csrf": False})
        assert not form.validate()
        return [(entry["first_input_id"], str(entry["message"])) for entry in forms.error_links(form)]


def test_more_than_three_unanswered_questions_are_summed_up_in_one_line(app):
    assert entries(app, {"note": "ok"}) == [("first-0", "4 questions below are not answered yet.")]
    assert len(entries(app, {"first": "yes", "note": "ok"})) == 3, "up to three are listed one by one"


def test_a_note_that_is_too_long_keeps_the_list(app):
    # A note that is too long is not "not answered": the summary names it with the questions.
    found = entries(app, {"note": "far too long"})
    assert len(found) == 5
    assert ("note", "Use 5 characters or fewer") in found
