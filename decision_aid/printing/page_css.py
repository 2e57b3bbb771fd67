"""The PDFs' CSS: the shared print stylesheet, then the page size, margins and footer."""

from datetime import date
from pathlib import Path

from flask_babel import force_locale
from flask_babel import format_date
from flask_babel import gettext as _

from decision_aid.content import about

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
# Footer and page margins in millimetres: normal print, then large print.
PAGE_MARGINS = {False: "10mm 14mm 22mm", True: "10mm 14mm 34mm"}
FOOTER_SIZES = {False: "8pt", True: "12pt"}
# Large print's footer runs to five lines in French (its long name, long dates): set closer, they
# end about 8 mm above the paper's edge, which office printers print (tests/test_print_sizes.py).
FOOTER_LINE_HEIGHTS = {False: "1.35", True: "1.2"}
FOOTER_GAPS = {False: "3mm", True: "2mm"}
# The running head (the numbers table's caption on the pages it runs on to) sits in the 10 mm top
# margin, its letters at least 5 mm below the paper's edge (tests/test_print_sizes.py): at 11 pt,
# large print's reached 4.2 mm from it. A larger top margin would cost French large print a page.
HEADER_SIZES = {False: "8pt", True: "10pt"}
HEADER_GAPS = {False: "0.5mm", True: "0"}
# Margin boxes do not inherit the body's font, so each one sets it (ENGINEERING.md 1.5).
MARGIN_BOX_FONT = '"DejaVu Sans", "Liberation Sans", sans-serif'
# The named page of a bilingual summary's second part (pdf-print.css: .summary-part--also).
ALSO_PAGE = "also"


def stylesheets(static_folder, paper, large, evidence_checked):
    """The PDF's CSS as strings: the shared stylesheet, then the page and its footer."""
    return [*shared_stylesheets(static_folder), page_css(paper, large, evidence_checked)]


def shared_stylesheets(static_folder):
    """The CSS that is the same for every PDF (a static file), as strings."""
    return [Path(static_folder, "pdf-print.css").read_text(encoding="utf-8")]


def page_css(paper, large, evidence_checked, second_language=None):
    """The @page rule: paper size, margins, and the footer in the margin boxes on every page.

    second_language: the language of a bilingual summary's second part, whose pages (the named
    page "also") get the footer in that language."""
    rules = (
        f"@page {{ size: {PAPER_SIZES[paper]}; margin: {PAGE_MARGINS[large]};\n"
        f"{header_box(large)}{footer_boxes(large, evidence_checked)}}}\n"
    )
    if second_language:
        with force_locale(second_language):
            rules += f"@page {ALSO_PAGE} {{\n{footer_boxes(large, evidence_checked)}}}\n"
    return rules


def header_box(large):
    """The running head: empty, except on a page the numbers table runs on to (pdf-print.css)."""
    return (
        f"  @top-left {{ content: string(table-continued, start); width: 100%; vertical-align: bottom;"
        f" font-family: {MARGIN_BOX_FONT}; font-size: {HEADER_SIZES[large]};"
        f" font-weight: bold; color: #000; padding-bottom: {HEADER_GAPS[large]}; }}\n"
    )


def footer_boxes(large, evidence_checked):
    """The footer's two margin boxes, in the current language."""
    # Three short lines, not the name, version and evidence date run together: in Spanish and
    # French that line wrapped, and the footer's fourth line came within 5 mm of the paper's edge.
    dates = [_("Made on %(date)s", date=format_date(date.today(), "long"))]
    if evidence_checked:
        dates.insert(0, _("Evidence checked: %(date)s", date=format_date(evidence_checked, "long")))
    version_line = _("%(aid)s, version %(version)s", aid=about.AID_NAME, version=about.VERSION)
    lines = [
        _("This does not replace talking with your care team."),
        # The number stays with its word ("versión" over a lone "0.1.0." in Spanish large print).
        version_line.replace(f" {about.VERSION}", f"\xa0{about.VERSION}") + ".",
        ". ".join(str(part) for part in dates) + ".",
    ]
    left = ' "\\A" '.join(css_string(line) for line in lines)
    right = css_content(_("Page %(page)s of %(pages)s", page="\0page\0", pages="\0pages\0"))
    box = (
        f"font-family: {MARGIN_BOX_FONT}; font-size: {FOOTER_SIZES[large]};"
        f" line-height: {FOOTER_LINE_HEIGHTS[large]}; color: #000; white-space: pre-wrap;"
        f" vertical-align: top; padding-top: {FOOTER_GAPS[large]};"
    )
    return (
        f"  @bottom-left {{ content: {left}; width: 82%; {box} }}\n"
        f"  @bottom-right {{ content: {right}; width: 18%; text-align: right; {box} }}\n"
    )


def css_string(text):
    """Text as a quoted CSS string: anything but letters, digits and spaces is hex-escaped."""
    # The space after each escape ends it and is not shown (CSS Syntax 4.3.7).
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in str(text)) + '"'


def css_content(text):
    """A translated sentence with \\0page\\0 markers as CSS content with page counters."""
    parts = str(text).split("\0")
    counters = {"page": "counter(page)", "pages": "counter(pages)"}
    # A space just before a number does not break: in the narrow footer box of large print,
    # "Página 1 de 10" wrapped as "Página 1 de" over a lone "10"; now it can only wrap after a number.
    parts = [
        part[:-1] + "\xa0" if index % 2 == 0 and index + 1 < len(parts) and part.endswith(" ") else part
        for index, part in enumerate(parts)
    ]
    pieces = [counters[part] if index % 2 else css_string(part) for index, part in enumerate(parts)]
    return " ".join(piece for piece in pieces if piece != '""')
