"""Icon arrays' markup, drawn once per picture and kept for the next page: evidence only, never answers.

An array's SVG depends on nothing but the evidence picture (its counts and range), the element id, the text
alternative (a sentence of evidence numbers, in the page's language) and whether the page shares its person
tiles. Drawing it through the icon_array macro took about 0.07 ms an array: 0.7 ms of a summary page with ten
(issue 14). The key holds exactly those inputs, so nothing a person answered is ever part of it; which
pictures a page shows may depend on the answers, but each picture is the same for everyone.
The numbers table's cells are kept whole as well (web/kept.py), arrays included: for those, this store
serves the first drawing of each cell; the numbers page reads it every time.
"""

from flask import current_app

from decision_aid.web import kept

MACROS = "components/icon_array.html"
# Studies x outcomes x arms x languages x pages: a few hundred pictures; the cap bounds the worst case.
MAX_KEPT = 2048


def init_app(app):
    """Give the templates icon_array_kept() and this app its own store of drawn arrays."""
    app.extensions["icon_markup"] = {}
    app.jinja_env.globals["icon_array_kept"] = icon_array_kept


def icon_array_kept(array, id, title, shared=False):  # noqa: A002 - the macro's own parameter name
    """The icon_array macro's markup for this picture, drawn on first use and then kept."""
    title = str(title)
    key = (array.drawing, id, title, bool(shared))

    def draw():
        # The macro returns Markup: the title is escaped inside it, as on any page.
        return current_app.jinja_env.get_template(MACROS).module.icon_array(array, id, title, shared)

    return kept.drawn_once(current_app.extensions["icon_markup"], key, draw, limit=MAX_KEPT)
