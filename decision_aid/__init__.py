"""A decision aid for lenalidomide maintenance after a stem cell transplant for myeloma."""

from jinja2 import StrictUndefined

from decision_aid import settings
from decision_aid.content.about import VERSION as __version__  # noqa: F401 (the package's version)


def create_app(test_config=None):
    """Create and configure the app: defaults, then FLASK_* variables, then test overrides."""
    from decision_aid import web
    from decision_aid.evidence import load_evidence
    from decision_aid.web.jinja import AidFlask

    app = AidFlask(
        __name__,
        template_folder=str(settings.asset_dir("templates")),
        static_folder=str(settings.asset_dir("static")),
        instance_relative_config=True,
    )
    app.config.from_mapping(settings.DEFAULTS)
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.update(test_config)
    settings.finalise(app)

    # Template typos must fail loudly rather than render an empty string.
    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.policies["ext.i18n.trimmed"] = True

    # Refuse to start with broken evidence rather than show a wrong number.
    app.extensions["evidence"] = load_evidence()
    web.init_app(app)
    return app
