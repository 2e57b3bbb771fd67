"""What every page shows, worked out once per render: the one context processor."""

from flask_babel import get_locale

from decision_aid.content import about
from decision_aid.content import options
from decision_aid.web import i18n


def init_app(app):
    """Register the context processor."""
    app.context_processor(page_context)


def page_context():
    """The page language and switcher; the aid's name, question, version and publication date."""
    return {
        "lang": str(get_locale()),
        "language_links": i18n.language_links(),
        "aid_name": about.AID_NAME,
        "decision": options.DECISION,
        "version": about.VERSION,
        "published": about.PUBLISHED,
        # Defaults a page overrides: question pages with errors, and PDFs.
        "has_errors": False,
        "for_print": False,
        # Clinic mode (a shared screen) leaves out what only suits a person's own device.
        "clinic_mode": False,
    }
