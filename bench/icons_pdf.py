"""WeasyPrint render time of one 100-person array: a person pattern per category over a box per row (what we
ship) vs one element per person.

Both variants are measured in the same run, interleaved, and reported as a ratio (absolute times depend on
the machine). Usage: .venv/bin/python bench/icons_pdf.py [repeats]
"""

import re
import statistics
import sys
import time
from pathlib import Path

from jinja2 import Environment
from jinja2 import FileSystemLoader
from weasyprint import HTML

from decision_aid.content.icons import PERSON_OFFSET
from decision_aid.content.icons import Category
from decision_aid.content.icons import layout
from decision_aid.content.icons import person_path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def page(svg):
    return f'<!doctype html><html lang="en"><head><title>bench</title></head><body>{svg}</body></html>'


def per_person(svg, array):
    """The same picture (same groups and paint) with one <path> per person: the slow way."""
    for cat in array.categories:
        tile = re.search(rf'<pattern id="b-{cat.key}-people"[^>]*><path d="[^"]*" ([^>]*)/></pattern>', svg)
        people = []
        for index in range(cat.start, cat.stop):
            x, y = array.cell_origin(index)
            people.append(f'<path d="{person_path(x + PERSON_OFFSET[0], y + PERSON_OFFSET[1])}"/>')
        svg = svg.replace(tile.group(0), "")
        group = re.search(rf'<g data-category="{cat.key}".*?</g>', svg, re.S).group(0)
        svg = svg.replace(group, f"<g {tile.group(1)}>{''.join(people)}</g>")
    return svg.replace(f'<g transform="translate({array.margin} {array.margin})">', "<g>")


def timed(html):
    start = time.perf_counter()
    HTML(string=html).write_pdf()
    return time.perf_counter() - start


def main(repeats=15):
    env = Environment(loader=FileSystemLoader(TEMPLATES), extensions=["jinja2.ext.i18n"], autoescape=True)
    env.install_null_translations(newstyle=True)
    macros = env.get_template("components/icon_array.html").module
    array = layout([Category("anyway", 39, "a"), Category("extra", 27, "b"), Category("rest", 34, "c")])
    compound = str(macros.icon_array(array, "b", "bench"))  # what we ship
    variants = {
        "pattern": page(compound),
        "per person": page(per_person(compound, array)),
        "empty": page("<p>no array</p>"),
    }
    assert variants["per person"].count("<path") == 100
    for html in variants.values():
        timed(html)  # warm up fonts and caches
    times = {name: [] for name in variants}
    for _ in range(repeats):
        for name, html in variants.items():
            times[name].append(timed(html))
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, value in median.items():
        print(f"{name:>10}: {value * 1000:6.1f} ms (median of {repeats})")
    array_cost = {name: median[name] - median["empty"] for name in ("pattern", "per person")}
    print(f"per-person / pattern, whole page:      {median['per person'] / median['pattern']:.2f}x")
    print(f"per-person / pattern, array cost only: {array_cost['per person'] / array_cost['pattern']:.2f}x")
    print(
        f"HTML of one array: pattern {len(compound):,} B, per person {len(per_person(compound, array)):,} B"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
