"""The web layer: the only code that touches the request, the session, templates and responses."""

from decision_aid import extensions
from decision_aid.printing import pdf
from decision_aid.web import answers
from decision_aid.web import assets
from decision_aid.web import clinic
from decision_aid.web import compression
from decision_aid.web import context
from decision_aid.web import cookie
from decision_aid.web import documents
from decision_aid.web import errors
from decision_aid.web import i18n
from decision_aid.web import icon_markup
from decision_aid.web import journey
from decision_aid.web import kept
from decision_aid.web import pages
from decision_aid.web import public_url
from decision_aid.web import security
from decision_aid.web import unindent


def init_app(app):
    """Wire the extensions, headers, languages, error pages and blueprints into the app."""
    security.init_app(app)
    compression.init_app(app)
    assets.init_app(app)
    cookie.init_app(app)
    answers.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    context.init_app(app)
    icon_markup.init_app(app)
    kept.init_app(app)
    unindent.init_app(app)
    pdf.init_app(app)
    public_url.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(journey.bp)
    app.register_blueprint(clinic.bp)
    app.register_blueprint(documents.bp)
    extensions.init_pdf_rate_limit(app, documents.PDF_ENDPOINTS, exempt_when=documents.is_head)
