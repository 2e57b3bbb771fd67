"""Templates load without their indentation (web/unindent.py): lighter pages, the same rendering."""

import re
from pathlib import Path

from jinja2 import DictLoader
from jinja2 import Environment

from decision_aid.web.unindent import Unindented
from tests.helpers import check_page
from tests.helpers import complete_answers
from tests.helpers import set_answers

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def test_leading_spaces_go_and_everything_else_stays():
    source = "<ul>\n  <li>{{ a }}</li>\n\t<li>b  c</li>\n</ul>\n"
    env = Environment(loader=Unindented(DictLoader({"page.html": source})), autoescape=True)
    assert env.get_template("page.html").render(a="x") == "<ul>\n<li>x</li>\n<li>b  c</li>\n</ul>"
    assert env.loader.list_templates() == ["page.html"]


def test_no_template_has_content_whose_spaces_would_show():
    """<pre> and <textarea> keep their content's spaces: none may span lines in a template."""
    for path in TEMPLATES.rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert "<pre" not in source, path
        for match in re.finditer(r"<textarea[^>]*>(.*?)</textarea>", source, re.S):
            assert "\n" not in match.group(1), path


def test_pages_are_served_without_indentation(client):
    set_answers(client, complete_answers())
    for url in ("/", "/transplant", "/the-numbers", "/summary"):
        html = check_page(client.get(url)).html
        assert not re.search(r"\n[ \t]+<", html), url
