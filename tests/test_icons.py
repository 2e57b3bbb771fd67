"""Icon-array layout and markup (A4 integrity, A5 incremental format, A6 black and white, A7 alt text).

Layout properties run under hypothesis; the markup is rendered from templates/components/icon_array.html with
a plain Jinja environment (as Flask would: autoescape on, gettext installed) and parsed with BeautifulSoup.
"""

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from jinja2 import Environment
from jinja2 import FileSystemLoader

from decision_aid.content import icons
from decision_aid.content.icons import PALETTE
from decision_aid.content.icons import Category
from decision_aid.content.icons import layout
from tests.helpers import contrast_ratio

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
ROLES = ("anyway", "extra", "rest", "same")
# No database: hypothesis must not write into the working tree.
PROPERTY = settings(max_examples=60, deadline=None, database=None)


def make_env(gettext=None):
    env = Environment(loader=FileSystemLoader(TEMPLATES), extensions=["jinja2.ext.i18n"], autoescape=True)
    if gettext is None:
        env.install_null_translations(newstyle=True)
    else:
        env.install_gettext_callables(gettext, lambda s, p, n: s if n == 1 else p, newstyle=True)
    return env


MACROS = make_env().get_template("components/icon_array.html").module


def benefit(uncertainty=(59, 73)):
    return layout(
        [
            Category("anyway", 39, "39 people progression-free anyway"),
            Category("extra", 27, "27 extra people progression-free because of lenalidomide"),
            Category("rest", 34, "34 people whose myeloma got worse"),
        ],
        uncertainty=uncertainty,
    )


def harm():
    return layout(
        [
            Category("anyway", 3, "3 people get a second cancer anyway"),
            Category("extra", 5, "5 extra people get a second cancer because of lenalidomide"),
            Category("rest", 92, "92 people do not get a second cancer"),
        ]
    )


def soup(markup):
    return BeautifulSoup(str(markup), "html.parser")


def subpath_starts(d):
    """(x, y) of every "M" in a path."""
    return [(float(x), float(y)) for x, y in re.findall(r"M(-?[\d.]+),(-?[\d.]+)", d)]


def drawn_indices(boxes, columns):
    """Grid positions of the cells a category's boxes cover (each is filled with one person), in order.

    ``boxes`` are (x, y, width, height) in the people's group, whose origin is the grid's top-left corner;
    each must lie on cell boundaries and be one row tall."""
    found = []
    for x, y, width, height in boxes:
        assert height == icons.CELL_HEIGHT and y % icons.CELL_HEIGHT == 0
        assert x % icons.CELL_WIDTH == 0 and width % icons.CELL_WIDTH == 0 and width > 0
        row, col = int(y // icons.CELL_HEIGHT), int(x // icons.CELL_WIDTH)
        found += [row * columns + col + i for i in range(int(width // icons.CELL_WIDTH))]
    return found


def placed_start(array, key):
    return next(c.start for c in array.categories if c.key == key)


def rect_boxes(group):
    """The (x, y, width, height) of every <rect> in a category's group."""
    return [tuple(float(r[a]) for a in ("x", "y", "width", "height")) for r in group.find_all("rect")]


def people_tile(svg, group):
    """The one person a category's pattern tiles over its cells: (pattern, its person <path>)."""
    target = re.fullmatch(r"url\(#(.+)\)", group["fill"]).group(1)
    pattern = svg.find("pattern", id=target)
    return pattern, pattern.find("path", recursive=False)


def polygons(d):
    """Absolute M/L/H/V/Z path data as lists of vertices."""
    shapes, x, y = [], 0.0, 0.0
    for command, args in re.findall(r"([MLHVZ])([^MLHVZ]*)", d):
        numbers = [float(n) for n in re.findall(r"-?[\d.]+", args)]
        if command == "M":
            x, y = numbers
            shapes.append([(x, y)])
        elif command == "L":
            x, y = numbers
        elif command == "H":
            x = numbers[0]
        elif command == "V":
            y = numbers[0]
        if command in "LHV":
            shapes[-1].append((x, y))
    return shapes


def inside(point, shapes):
    """Even-odd ray casting over all polygons."""
    px, py = point
    hits = 0
    for shape in shapes:
        for (x0, y0), (x1, y1) in zip(shape, shape[1:] + shape[:1], strict=True):
            if (y0 > py) != (y1 > py) and px < x0 + (py - y0) * (x1 - x0) / (y1 - y0):
                hits += 1
    return hits % 2 == 1


@st.composite
def partitions(draw, total=100):
    """1-4 categories in a random order of distinct roles, with non-negative counts adding up to total."""
    size = draw(st.integers(1, 4))
    roles = draw(st.permutations(ROLES))[:size]
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=size - 1, max_size=size - 1)))
    counts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    return [Category(role, n, f"{n} people: {role}") for role, n in zip(roles, counts, strict=True)]


# --- layout ----------------------------------------------------------------------------------------


@PROPERTY
@given(partitions())
def test_layout_draws_every_person_once_as_one_grouped_block(categories):
    array = layout(categories)
    assert (array.total, array.columns, array.rows) == (100, 10, 10)
    drawn, expected_start = [], 0
    for placed, category in zip(array.categories, categories, strict=True):
        assert (placed.key, placed.count, placed.start) == (category.key, category.count, expected_start)
        boxes = [(x, y, width, icons.CELL_HEIGHT) for x, y, width in placed.rows]
        positions = drawn_indices(boxes, array.columns)
        # a contiguous run in row-major order, starting where the previous category ended
        assert positions == list(range(expected_start, expected_start + category.count))
        drawn += positions
        expected_start += category.count
    assert sorted(drawn) == list(range(100))


@PROPERTY
@given(partitions())
def test_markup_counts_match_icons_legend_and_title(categories):
    array = layout(categories)
    title = "Out of 100 people: " + ", ".join(f"{c.count} {c.key}" for c in categories)
    page = soup(MACROS.icon_array(array, "prop", title) + MACROS.icon_legend(array, "prop"))
    svg = page.find("svg", attrs={"role": "img"})
    groups = svg.find_all(attrs={"data-category": True})
    assert [g["data-category"] for g in groups] == [c.key for c in categories]
    assert sum(int(g["data-count"]) for g in groups) == int(svg["data-total"]) == 100
    for group, category in zip(groups, categories, strict=True):
        assert not group.find_all("path"), "no person is drawn one by one"
        drawn = drawn_indices(rect_boxes(group), array.columns)
        assert drawn == list(
            range(placed_start(array, category.key), placed_start(array, category.key) + category.count)
        )
        assert int(group["data-count"]) == len(drawn) == category.count
        if category.count:  # one person, the size of a cell, tiled over the outline
            pattern, person = people_tile(svg, group)
            assert (pattern["width"], pattern["height"]) == (str(icons.CELL_WIDTH), str(icons.CELL_HEIGHT))
            assert len(subpath_starts(person["d"])) == 2
        item = page.find("li", attrs={"data-legend-category": category.key})
        assert int(item["data-count"]) == category.count
        assert re.search(rf"(?<!\d){category.count}(?!\d)", item.get_text())
        assert f"{category.count} {category.key}" in svg.title.get_text()


@st.composite
def bad_counts(draw):
    counts = draw(st.lists(st.integers(-5, 100), min_size=1, max_size=3))
    if sum(counts) == 100 and min(counts) >= 0:
        counts.append(draw(st.integers(1, 50)))
    return counts


@PROPERTY
@given(bad_counts())
def test_counts_that_do_not_add_up_or_are_negative_raise(counts):
    with pytest.raises(ValueError):
        layout([Category(role, n, "x") for role, n in zip(ROLES, counts, strict=False)])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"total": 0}, "total"),
        ({"columns": 0}, "columns"),
        ({"uncertainty": (80, 90)}, "no group boundary"),
        ({"uncertainty": (70, 60)}, "low <= high"),
        ({"uncertainty": (59, 101)}, "within"),
        ({"uncertainty": (66, 66)}, None),
        ({"uncertainty": (59.5, 73)}, "whole number"),
        ({"uncertainty": (-1, 73)}, "whole number"),
    ],
)
def test_bad_arguments_raise_and_an_empty_range_is_allowed(kwargs, message):
    categories = [Category("anyway", 39, "a"), Category("extra", 27, "b"), Category("rest", 34, "c")]
    if message is None:  # an empty range is allowed: no outline, but the numbers stay in the markup
        array = layout(categories, **kwargs)
        overlay = soup(MACROS.icon_array(array, "e", "t")).find("g", class_="range")
        assert overlay["data-range-low"] == overlay["data-range-high"] == "66" and not overlay.find("path")
        return
    with pytest.raises(ValueError, match=message):
        layout(categories, **kwargs)


def test_categories_must_be_distinct_and_known():
    with pytest.raises(ValueError, match="unknown icon role"):
        Category("benefit", 10, "x")
    with pytest.raises(ValueError, match="repeat"):
        layout([Category("rest", 50, "a"), Category("rest", 50, "b")])
    with pytest.raises(ValueError, match="black and white"):
        layout([Category("rest", 50, "a"), Category("others", 50, "b", role="rest")])
    with pytest.raises(ValueError, match="whole number"):
        layout([Category("anyway", 50.0, "a"), Category("rest", 50, "b")])
    with pytest.raises(ValueError, match="at least one"):
        layout([])


@PROPERTY
@given(partitions(), st.data())
def test_range_outline_encloses_exactly_the_could_be_people(categories, data):
    boundaries = [sum(c.count for c in categories[: i + 1]) for i in range(len(categories) - 1)]
    if not boundaries:
        with pytest.raises(ValueError):
            layout(categories, uncertainty=(0, 100))
        return
    boundary = data.draw(st.sampled_from(boundaries))
    low, high = data.draw(st.integers(0, boundary)), data.draw(st.integers(boundary, 100))
    array = layout(categories, uncertainty=(low, high))
    assert (array.uncertainty.low, array.uncertainty.high) == (low, high)
    shapes = polygons(array.uncertainty.path)
    outlined = set()
    for index in range(100):
        x, y = array.cell_origin(index)
        if inside((x + icons.CELL_WIDTH / 2, y + icons.CELL_HEIGHT / 2), shapes):
            outlined.add(index)
    assert outlined == set(range(low, high))
    assert len(shapes) <= 2


def test_example_numbers_and_range():
    array = benefit()
    assert [(c.key, c.start, c.count) for c in array.categories] == [
        ("anyway", 0, 39),
        ("extra", 39, 27),
        ("rest", 66, 34),
    ]
    assert array.extra.key == "extra"
    assert (array.width, array.height) == (184, 304)
    assert array.view_box == "0 0 184 304"
    # the 60th to the 73rd person may or may not be progression-free
    assert array.uncertainty.path == "M164,152L182,152L182,212L56,212L56,242L2,242L2,182L164,182Z"


def test_paths_are_compact():
    array = benefit()
    for d in [array.swatch_path, array.uncertainty.path]:
        assert not re.search(r"\d\.\d\d", d), "coordinates are rounded to 1 decimal"
        assert not re.search(r"\.0(?!\d)", d), "no trailing .0"
    assert len(array.swatch_path) < 160, "one person, in relative coordinates"
    assert [len(c.rows) for c in array.categories] == [4, 4, 4], "a box per row, not a path per person"


def test_markup_is_small():
    """One person per category, tiled: an array is about 3 KB, not 22 KB (issue 14: page weight)."""
    title = "With lenalidomide: 66 in 100 people were alive with their myeloma not worse. " * 3
    array_id = "calgb-3y-calgb_ttp-lenalidomide"  # as long as the app's ids
    markup = str(MACROS.icon_array(benefit(), array_id, title))
    assert len(markup.encode()) - len(title) < 3500
    legend = str(MACROS.icon_legend(benefit(), array_id))
    assert len(legend.encode()) < 4000


# --- palette (A6, WCAG 1.4.11) --------------------------------------------------------------------


def rgb(colour):
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def contrast_with_white(colour):
    return contrast_ratio(rgb(colour), (255, 255, 255))


def grey(colour):
    r, g, b = rgb(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_palette_contrast_and_grey_levels():
    for role, style in PALETTE.items():
        assert style.role == role
        if role != "rest":
            assert contrast_with_white(style.colour) >= 3, role
    assert PALETTE["extra"].pattern == "hatch" and PALETTE["extra"].stroke == PALETTE["extra"].colour
    assert len({style.pattern for style in PALETTE.values()}) == len(PALETTE)
    # solid fills are far apart in grey; the hatch differs from them by its stripes (checked in pixels)
    solid = sorted(grey(s.colour) for s in PALETTE.values() if not s.pattern.startswith("hatch"))
    assert min(b - a for a, b in zip(solid, solid[1:], strict=False)) >= 40
    # Every striped look (helped, harmed, neutral) has strong stripes, each in its own direction.
    striped = [s for s in PALETTE.values() if s.pattern.startswith("hatch")]
    assert len(striped) == 3 and len({s.stripes for s in striped}) == 3
    for style in striped:
        assert grey(style.tint) - grey(style.colour) >= 100, style.role


# --- markup -------------------------------------------------------------------------------------


def test_svg_public_contract():
    markup = str(MACROS.icon_array(benefit(), "pfs-len", "66 in 100 people are progression-free"))
    assert markup.startswith("<svg ")
    assert 'viewBox="0 0 184 304"' in markup  # case matters for XML renderers
    svg = soup(markup).svg
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "pfs-len-title"
    assert svg["data-total"] == "100"
    assert (svg["width"], svg["height"], svg["viewbox"]) == ("184", "304", "0 0 184 304")
    assert svg["xmlns"] == "http://www.w3.org/2000/svg"
    title = svg.find(id="pfs-len-title")
    assert title.name == "title" and title is svg.find(True)
    assert title.get_text() == "66 in 100 people are progression-free"
    groups = svg.find_all(attrs={"data-category": True})
    assert [(g["data-category"], g["data-count"]) for g in groups] == [
        ("anyway", "39"),
        ("extra", "27"),
        ("rest", "34"),
    ]
    assert [g.get("class") for g in groups] == [["anyway"], ["extra"], ["rest"]]
    assert len({g["data-pattern"] for g in groups}) == 3
    assert svg.select(".extra") == [groups[1]]
    assert [g["fill"] for g in groups] == [
        f"url(#pfs-len-{key}-people)" for key in ("anyway", "extra", "rest")
    ]
    painted = [people_tile(svg, g)[1] for g in groups]
    assert (
        painted[1]["fill"] == "url(#pfs-len-extra-fill)" and painted[1]["stroke"] == PALETTE["extra"].colour
    )
    # the stripes: a repeating gradient with hard stops, in the extra colour on its tint
    hatch = svg.find("lineargradient", id="pfs-len-extra-fill")
    assert hatch["spreadmethod"] == "repeat"
    assert [stop["stop-color"] for stop in hatch.find_all("stop")] == [
        PALETTE["extra"].colour,
        PALETTE["extra"].tint,
    ]
    assert painted[0]["fill"] == PALETTE["anyway"].colour and painted[2]["fill"] == PALETTE["rest"].colour
    # the people's group starts at the grid, so every pattern tile holds exactly one cell's person
    assert groups[0].parent["transform"] == f"translate({icons.MARGIN} {icons.MARGIN})"


def test_range_overlay_is_not_a_counted_category():
    array = benefit()
    page = soup(MACROS.icon_array(array, "pfs", "t") + MACROS.icon_legend(array, "pfs"))
    overlay = page.svg.find("g", class_="range")
    assert overlay["data-range-low"] == "59" and overlay["data-range-high"] == "73"
    assert not overlay.has_attr("data-category") and not overlay.has_attr("data-count")
    assert overlay["fill"] == "none" and overlay["stroke-dasharray"]
    assert overlay.path["d"] == array.uncertainty.path
    item = page.find("li", class_="range")
    label = item.find(class_="icon-legend-label").get_text()
    assert label == "The true number is probably between 59 and 73."
    assert item.svg["aria-hidden"] == "true" and item.svg.title.get_text()
    assert item.svg.find("path", attrs={"stroke-dasharray": overlay["stroke-dasharray"]})
    assert not benefit(uncertainty=None).uncertainty
    assert "range" not in str(MACROS.icon_array(benefit(uncertainty=None), "x", "t"))


def test_no_inline_styles_text_or_foreign_content():
    array = benefit()
    page = soup(MACROS.icon_array(array, "a", "t") + MACROS.icon_legend(array, "a"))
    assert not page.find_all(style=True)
    for tag in ("style", "text", "script", "foreignobject", "use", "image", "a"):
        assert not page.find(tag), tag
    assert not page.find_all(attrs={"href": True}) and not page.find_all(attrs={"xlink:href": True})


def test_ids_unique_and_references_local_with_two_arrays_on_a_page():
    page = soup(
        MACROS.icon_array(benefit(), "pfs", "a")
        + MACROS.icon_legend(benefit(), "pfs")
        + MACROS.icon_array(harm(), "spm", "b")
        + MACROS.icon_legend(harm(), "spm")
    )
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)) >= 8
    assert all(i.startswith(("pfs-", "spm-")) for i in ids)
    for svg in page.find_all("svg"):
        for tag in svg.find_all(fill=re.compile("^url")):
            target = re.fullmatch(r"url\(#(.+)\)", tag["fill"]).group(1)
            assert svg.find(id=target), f"{target} must be defined in the same <svg> (WeasyPrint)"


def test_shared_arrays_point_at_one_set_of_tiles_per_page():
    """Web pages define each role's person once (icon_defs); their arrays and swatches only point at it,
    and are painted exactly as the self-contained arrays the PDFs use."""
    mixed = layout([Category("same", 40, "40"), Category("more", 9, "9"), Category("rest", 51, "51")])
    defs = soup(MACROS.icon_defs(icons.LOOKS))
    shared = soup(
        MACROS.icon_array(benefit(), "pfs", "a", shared=True)
        + MACROS.icon_legend(benefit(), "pfs", shared=True)
        + MACROS.icon_array(mixed, "mix", "b", shared=True)
        + MACROS.icon_swatch(mixed, mixed.categories[1], "key", shared=True)
    )
    holder = defs.svg
    assert holder["aria-hidden"] == "true" and holder["class"] == ["icon-defs"] and holder["width"] == "0"
    assert {tile["id"] for tile in holder.find_all("pattern")} == {f"icon-{role}" for role in PALETTE} | {
        "icon-range"
    }
    assert not shared.find("defs") and not shared.find("pattern") and not shared.find("lineargradient")
    references = [tag["fill"] for tag in shared.find_all(fill=re.compile("^url"))]
    assert len(references) >= 3 + 4 + 3 + 1
    for reference in references:
        assert holder.find(id=re.fullmatch(r"url\(#(.+)\)", reference).group(1)), reference
    whole = soup(MACROS.icon_array(benefit(), "pfs", "a"))
    for category in benefit().categories:
        group = shared.find("svg", class_="icon-array").find(attrs={"data-category": category.key})
        assert group["fill"] == f"url(#icon-{category.role})"
        _tile, person = people_tile(holder, group)
        _twin_tile, twin = people_tile(whole.svg, whole.svg.find(attrs={"data-category": category.key}))
        assert {k: v for k, v in person.attrs.items() if k != "fill"} == {
            k: v for k, v in twin.attrs.items() if k != "fill"
        }
        if category.style.pattern.startswith("hatch"):
            stripes, twin_stripes = (
                svg.find("lineargradient", id=tag["fill"][5:-1])
                for svg, tag in ((holder, person), (whole.svg, twin))
            )
            assert [t.attrs for t in stripes.find_all(True)] == [t.attrs for t in twin_stripes.find_all(True)]
        else:
            assert person["fill"] == twin["fill"] == category.style.colour
    # a swatch is one cell filled with the tile: one whole person, as in the array
    for item in shared.find("ul", id="pfs-legend").find_all("li"):
        cell = item.svg.find("rect")
        assert (cell["width"], cell["height"]) == (str(icons.CELL_WIDTH), str(icons.CELL_HEIGHT))
        assert not cell.get("x") and not cell.get("y")
        assert cell["fill"] == f"url(#icon-{item['class'][-1]})"
    # what makes the numbers page light: an array is its title, its rows and its range (about half)
    assert len(str(MACROS.icon_array(benefit(), "calgb-3y-calgb_ttp-lenalidomide", "", shared=True))) < 1500


def test_legend_swatches_match_the_array():
    array = benefit()
    page = soup(MACROS.icon_array(array, "pfs", "t") + MACROS.icon_legend(array, "pfs"))
    legend = page.find("ul", id="pfs-legend")
    items = legend.find_all("li", attrs={"data-legend-category": True})
    labels = [i.find(class_="icon-legend-label").get_text() for i in items]
    assert labels == [str(c.label) for c in array.categories]
    for item, category in zip(items, array.categories, strict=True):
        swatch = item.svg
        person = swatch.find("path", recursive=False)
        assert swatch["aria-hidden"] == "true"
        group = page.svg.find(attrs={"data-category": category.key})
        _pattern, tiled = people_tile(page.svg, group)
        assert person["d"] == tiled["d"], "the legend shows the array's person"
        if category.style.pattern == "hatch":
            hatch = swatch.find("lineargradient")
            assert person["fill"] == f"url(#{hatch['id']})"
            twin = page.svg.find("lineargradient", id=tiled["fill"][5:-1])
            assert [(t.name, t.attrs) for t in hatch.find_all(True)] == [
                (t.name, t.attrs) for t in twin.find_all(True)
            ]
        else:
            assert person["fill"] == tiled["fill"]
        assert person.get("stroke") == tiled.get("stroke")
        assert len(subpath_starts(person["d"])) == 2


def test_every_role_has_a_swatch_description_for_the_tagged_pdf():
    arrays = [
        benefit(),
        layout([Category("same", 40, "40"), Category("rest", 60, "60")]),
        layout(
            [Category("anyway", 3, "3"), Category("extra", 5, "5", role="harmed"), Category("rest", 92, "92")]
        ),
        layout(
            [Category("anyway", 1, "1"), Category("extra", 9, "9", role="more"), Category("rest", 90, "90")]
        ),
    ]
    descriptions = {}
    for array in arrays:
        for item in soup(MACROS.icon_legend(array, "d")).find_all("li"):
            descriptions[item["class"][-1]] = item.svg.title.get_text()
    assert set(descriptions) == {*PALETTE, "range"}
    assert all(descriptions.values()) and len(set(descriptions.values())) == len(descriptions)


def test_labels_are_escaped_and_may_be_lazy():
    class Lazy:
        def __str__(self):
            return "27 extra <people>"

    array = layout([Category("extra", 27, Lazy()), Category("rest", 73, "73 & others")])
    markup = str(MACROS.icon_array(array, "x", "27 <b>in</b> 100") + MACROS.icon_legend(array, "x"))
    assert "<b>" not in markup and "<people>" not in markup
    page = soup(markup)
    assert page.title.get_text() == "27 <b>in</b> 100"
    assert "27 extra <people>" in page.get_text()


def test_every_word_is_from_the_caller_or_translated():
    env = make_env(gettext=lambda message: "\u00a7" + message)
    macros = env.get_template("components/icon_array.html").module
    labelled = [Category(c.key, c.count, f"L{i}") for i, c in enumerate(benefit().categories)]
    array = layout(labelled, uncertainty=(59, 73))
    page = soup(macros.icon_array(array, "w", "TITLE") + macros.icon_legend(array, "w"))
    words = [s.strip() for s in page.find_all(string=True) if s.strip()]
    assert Counter(w for w in words if not w.startswith("\u00a7")) == Counter(["TITLE", "L0", "L1", "L2"])
    assert "\u00a7The true number is probably between 59 and 73." in words
    source = (TEMPLATES / "components" / "icon_array.html").read_text()
    assert not re.search(r">[^<{]*\d[^<{]*<", source), "no hand-typed figures between tags"
