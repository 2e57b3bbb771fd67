"""A decision aid for lenalidomide maintenance after a stem cell transplant for myeloma."""

from pathlib import Path

from flask import Flask
from jinja2 import StrictUndefined

__version__ = "0.1.0"

_PACKAGE = Path(__file__).resolve().parent


def asset_dir(name):
    """Return the folder for templates, static or translations: in the package when installed
    from a wheel, at the repository root in a checkout or an editable install."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def create_app(test_config=None):
    """Create and configure the app: defaults, then FLASK_* variables, then test overrides."""
    from decision_aid import about
    from decision_aid import config
    from decision_aid import documents
    from decision_aid import errors
    from decision_aid import forms
    from decision_aid import i18n
    from decision_aid import pages
    from decision_aid import security
    from decision_aid import sure
    from decision_aid import views
    from decision_aid.evidence import load_evidence

    app = Flask(
        __name__,
        template_folder=str(asset_dir("templates")),
        static_folder=str(asset_dir("static")),
        instance_relative_config=True,
    )
    app.config.from_mapping(config.DEFAULTS)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(asset_dir("translations"))
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.update(test_config)
    config.finalise(app)

    # Template typos must fail loudly rather than render an empty string.
    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.globals["version"] = __version__
    app.jinja_env.globals["published"] = about.PUBLISHED
    app.jinja_env.globals["form_errors"] = forms.error_links
    app.jinja_env.globals["sure_validated"] = sure.wording_is_validated

    security.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(views.bp)
    documents.init_app(app)

    # Refuse to start with broken evidence rather than show a wrong number.
    app.extensions["evidence"] = load_evidence()
    return app
