"""Templates loaded without the indentation that keeps their source readable.

Leading spaces on a line of HTML are whitespace a browser collapses: they cost bytes on every page
(about 2 KB of the numbers page) and nothing else. Removing them when a template is loaded, once,
leaves the source readable and costs nothing per request. No template holds <pre> or a multi-line
<textarea>, whose content would keep its spaces (tests/test_unindent.py checks).
"""

import re

from jinja2 import BaseLoader

LEADING_SPACE = re.compile(r"\n[ \t]+")


class Unindented(BaseLoader):
    """Another loader's templates, with each line's leading spaces and tabs removed."""

    def __init__(self, inner):
        self.inner = inner

    def get_source(self, environment, template):
        """The template's source without indentation, its file name and its up-to-date check."""
        source, filename, uptodate = self.inner.get_source(environment, template)
        return LEADING_SPACE.sub("\n", source), filename, uptodate

    def list_templates(self):
        """The inner loader's templates."""
        return self.inner.list_templates()


def init_app(app):
    """Load the app's templates without indentation."""
    app.jinja_env.loader = Unindented(app.jinja_env.loader)
