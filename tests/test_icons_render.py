"""Icon arrays in real pixels: a WeasyPrint 70 PDF (rasterised in grey by pdftoppm) and a Chromium screenshot.

For every person in a benefit array (39 / 27 / 34) and a harm array (3 / 5 / 92), the pixels inside the torso
are measured. Each category must have its own grey look (mean luminance, or the stripes of the "extra"
hatching as high local variance), so the arrays survive black-and-white printing and colour blindness (A6,
R13). The pictures are kept in /tmp/icon-review/ for a human look.
"""

import math
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pytest
from jinja2 import Environment
from jinja2 import FileSystemLoader
from PIL import Image
from pypdf import PdfReader
from weasyprint import HTML

from decision_aid.content import icons
from decision_aid.content.icons import CELL_WIDTH
from decision_aid.content.icons import MARGIN
from decision_aid.content.icons import Category
from decision_aid.content.icons import layout

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
REVIEW = Path("/tmp/icon-review")
# 192 dpi is 2 device pixels per CSS px: every pattern tile (one person, CELL_WIDTH x CELL_HEIGHT) is a whole
# number of pixels. At 100 dpi poppler rounds each tile to whole pixels, so some heads under the range's top
# edge moved up a row and the edge checks measured the rounding, not the drawing.
PDF_DPI = 192
# Where each array sits on the page, in CSS px (absolutely positioned, so both renderers agree).
ORIGINS = {"pfs": (20, 20), "spm": (300, 20)}
PAGE = (600, 640)
MEAN_GAP = 40  # grey levels (0-255) that count as clearly different
STD_GAP = 15  # difference in local standard deviation that counts as a visible pattern

ARRAYS = {
    "pfs": layout(
        [
            Category("anyway", 39, "39 people progression-free anyway"),
            Category("extra", 27, "27 extra people progression-free because of lenalidomide"),
            Category("rest", 34, "34 people whose myeloma got worse"),
        ],
        uncertainty=(59, 73),
    ),
    "spm": layout(
        [
            Category("anyway", 3, "3 people get a second cancer anyway"),
            Category("extra", 5, "5 extra people get a second cancer because of lenalidomide"),
            Category("rest", 92, "92 people do not get a second cancer"),
        ]
    ),
}
TITLES = {
    "pfs": "After 3 years, 66 in 100 people are progression-free with lenalidomide: 39 anyway and 27 extra.",
    "spm": "8 in 100 people get a second cancer with lenalidomide: 3 anyway and 5 extra.",
}


def page_html(shared=False):
    """The two arrays with their legends; shared: drawn as web pages draw them, from one icon_defs."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), extensions=["jinja2.ext.i18n"], autoescape=True)
    env.install_null_translations(newstyle=True)
    macros = env.get_template("components/icon_array.html").module
    blocks = [str(macros.icon_defs(icons.LOOKS))] if shared else []
    for key, array in ARRAYS.items():
        left, top = ORIGINS[key]
        picture = macros.icon_array(array, key, TITLES[key], shared)
        legend = macros.icon_legend(array, key, shared)
        blocks.append(f'<div class="block" style="left:{left}px;top:{top}px">{picture}{legend}</div>')
    width, height = PAGE
    # The test page's own CSS (the app's CSP rules apply to the macros, not to this harness).
    css = (
        f"@page {{ size: {width}px {height}px; margin: 0 }} html, body {{ margin: 0; background: #fff }}"
        " body { font: 12px sans-serif } .block { position: absolute; width: 260px }"
        " .block > svg { display: block } ul { padding-left: 0; list-style: none }"
        " li svg { vertical-align: middle } .icon-defs { position: absolute; width: 0; height: 0 }"
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Icon arrays</title>'
        f"<style>{css}</style></head><body>{''.join(blocks)}</body></html>"
    )


@dataclass
class Rendering:
    name: str
    image: Image.Image  # grey, 8 bits
    scale: float  # device pixels per CSS px
    facts: dict  # what the renderer says about the page's accessibility


@pytest.fixture(scope="module")
def weasyprint(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pdf")
    pdf = tmp / "arrays.pdf"
    HTML(string=page_html()).write_pdf(pdf, pdf_variant="pdf/ua-1")  # tagged, like the app's handout
    subprocess.run(
        ["pdftoppm", "-r", str(PDF_DPI), "-png", "-gray", "-singlefile", str(pdf), str(tmp / "weasyprint")],
        check=True,
        timeout=60,
    )
    REVIEW.mkdir(exist_ok=True)
    shutil.copy(tmp / "weasyprint.png", REVIEW / "weasyprint-gray.png")
    root = PdfReader(pdf).trailer["/Root"]
    facts = {"figure_alts": figures(root["/StructTreeRoot"]["/K"], [])}
    return Rendering("weasyprint", Image.open(tmp / "weasyprint.png").convert("L"), PDF_DPI / 96, facts)


def chromium_rendering(browser, shared):
    """A screenshot of the test page in Chromium, and what its accessibility tree says."""
    name = "chromium-shared" if shared else "chromium"
    page = browser.new_page(viewport={"width": PAGE[0], "height": PAGE[1]}, device_scale_factor=1)
    try:
        page.set_content(page_html(shared))
        for key, (left, top) in ORIGINS.items():
            box = page.locator(f'svg[aria-labelledby="{key}-title"]').bounding_box()
            assert (box["x"], box["y"], box["width"]) == (left, top, ARRAYS[key].width)
        facts = {
            "images": page.get_by_role("img").count(),
            "named": {
                key: page.get_by_role("img", name=title, exact=True).count() for key, title in TITLES.items()
            },
        }
        REVIEW.mkdir(exist_ok=True)
        page.screenshot(path=REVIEW / f"{name}.png")
    finally:
        page.close()
    grey = Image.open(REVIEW / f"{name}.png").convert("L")
    grey.save(REVIEW / f"{name}-gray.png")
    return Rendering(name, grey, 1.0, facts)


@pytest.fixture(scope="module")
def chromium(browser):
    return chromium_rendering(browser, shared=False)


@pytest.fixture(scope="module")
def chromium_shared(browser):
    """As the web pages draw them: every array and swatch filled from one set of tiles on the page."""
    return chromium_rendering(browser, shared=True)


@pytest.fixture(params=["weasyprint", "chromium", "chromium_shared"])
def rendered(request):
    return request.getfixturevalue(request.param)


def figures(node, found):
    """The /Alt of every /Figure in a PDF structure tree, in document order."""
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            figures(child, found)
    elif hasattr(node, "get"):
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        if "/K" in node:
            figures(node["/K"], found)
    return found


def pixels(image, scale, key, box):
    """Grey values inside a box given in the array's viewBox units."""
    left, top = ORIGINS[key]
    x0, y0, x1, y1 = left + box[0], top + box[1], left + box[2], top + box[3]
    xs = range(math.ceil(x0 * scale), math.floor(x1 * scale))
    ys = range(math.ceil(y0 * scale), math.floor(y1 * scale))
    assert len(xs) >= 3 and len(ys) >= 3
    return [image.getpixel((x, y)) for y in ys for x in xs]


def person_looks(image, scale, key):
    """{category key: [(mean, standard deviation) of each person's torso]}."""
    array = ARRAYS[key]
    looks = {}
    for category in array.categories:
        looks[category.key] = []
        for index in range(category.start, category.stop):
            x0, y0, x1, y1 = array.torso_box(index)
            values = pixels(image, scale, key, (x0 + 1, y0 + 1, x1 - 1, y1 - 1))  # clear of the edges
            looks[category.key].append((statistics.fmean(values), statistics.pstdev(values)))
    return looks


def centre(looks):
    return tuple(statistics.fmean(look[i] for look in looks) for i in (0, 1))


@pytest.mark.parametrize("key", ARRAYS)
def test_categories_stay_distinguishable_in_grey(rendered, key):
    name, image, scale = rendered.name, rendered.image, rendered.scale
    looks = person_looks(image, scale, key)
    centres = {category: centre(values) for category, values in looks.items()}
    assert centres["anyway"][0] < 90, "anyway is dark"
    assert centres["rest"][0] > 180, "the rest is light"
    assert centres["extra"][1] > 25, "the hatching of the extra people is visible"
    for a, b in combinations(centres, 2):
        (mean_a, std_a), (mean_b, std_b) = centres[a], centres[b]
        assert abs(mean_a - mean_b) >= MEAN_GAP or abs(std_a - std_b) >= STD_GAP, (name, a, b, centres)


@pytest.mark.parametrize("key", ARRAYS)
def test_every_person_is_drawn_in_its_own_categorys_look(rendered, key):
    """Nearest-centre classification of each person: none missing, cut off or painted in another look."""
    name, image, scale = rendered.name, rendered.image, rendered.scale
    looks = person_looks(image, scale, key)
    centres = {category: centre(values) for category, values in looks.items()}
    for category, values in looks.items():
        for number, (mean, std) in enumerate(values):
            nearest = min(centres, key=lambda c: math.dist((mean, std), centres[c]))
            assert nearest == category, (name, key, category, number, mean, std, centres)
    assert sum(len(v) for v in looks.values()) == 100


def test_gaps_are_blank_and_the_range_outline_is_dashed(rendered):
    name, image, scale = rendered.name, rendered.image, rendered.scale
    harm = ARRAYS["spm"]
    for index in range(0, 100, 7):  # the gap to the right of a person: white paper
        x, y = harm.cell_origin(index)
        assert min(pixels(image, scale, "spm", (x + 15.8, y + 6, x + 20.2, y + 24))) > 235, (name, index)
    array = ARRAYS["pfs"]
    low = array.uncertainty.low  # 59: the outline starts at the top-left corner of person 59
    x, y = array.cell_origin(low)
    edge_y = round((ORIGINS["pfs"][1] + y) * scale)
    left = ORIGINS["pfs"][0]

    def dark_share(x0, x1):
        columns = range(math.ceil((left + x0) * scale), math.floor((left + x1) * scale))
        dark = [min(image.getpixel((c, r)) for r in range(edge_y - 1, edge_y + 2)) < 128 for c in columns]
        return sum(dark) / len(dark)

    assert 0.3 <= dark_share(x + 1, x + CELL_WIDTH - 1) <= 0.95, "a dashed line over person 59"
    assert dark_share(MARGIN + 1, x - 2) == 0, "no line over the people before the range"


def test_text_alternative_is_the_sentence_in_pdf_tags_and_browser(weasyprint, chromium, chromium_shared):
    alts = weasyprint.facts["figure_alts"]
    assert alts[0] == TITLES["pfs"] and TITLES["spm"] in alts
    assert all(alts), "every figure, legend swatches included, has alternative text (PDF/UA)"
    # in the browser only the two arrays are images (swatches are aria-hidden), named by their titles
    assert chromium.facts == chromium_shared.facts == {"images": 2, "named": {"pfs": 1, "spm": 1}}
