"""Layout of 100-person icon arrays; the markup is templates/components/icon_array.html.

DECISION-AID-STANDARDS.md: R3 one grouped block, row-major from the top-left; R4/A5 extra people in their
own colour *and* pattern; R11 human-shaped icons; R12/A4 whole icons adding up to the denominator; R13/A6
every role survives black-and-white printing; R8 the uncertainty range drawn inside the array.
One person outline is defined once per category, as the tile of an SVG ``<pattern>`` the size of a
grid cell; each category is then one ``<rect>`` per row it takes up, filled with that pattern. WeasyPrint
draws a tiling pattern far faster than 100 people's worth of path data, and the markup is about 3 KB per
array instead of 22 KB (bench/icons_pdf.py; issue 14). ``<use>`` was not faster in WeasyPrint.
"""

from dataclasses import dataclass

# Geometry in viewBox units (1 unit = 1 CSS px at the default size).
CELL_WIDTH = 18  # one person and the gap to the next
CELL_HEIGHT = 30
MARGIN = 2  # room round the grid so the range outline is never clipped
PERSON_OFFSET = (3, 2.5)  # where the 12 x 26 person sits inside its cell
PERSON_TORSO = (2.6, 10.2, 9.4, 17.4)  # a box that is always painted, relative to the person origin
HATCH_SIZE = 6  # the "extra" stripes repeat every HATCH_SIZE units along each axis


@dataclass(frozen=True)
class Style:
    """How one role is painted. ``pattern`` names its black-and-white look, unique within an array;
    "hatch" is ``colour`` 45-degree stripes on ``tint``, half the area each (a repeating gradient with hard
    stops), the others are solid fills."""

    role: str
    colour: str
    pattern: str  # "dark", "mid", "light" or "hatch"
    tint: str = "#ffffff"
    stroke: str | None = None
    stripes: tuple = (1, 1)  # a striped look: the stripes' direction (across the 45-degree stripes)


# Fixed palette by role; each role has its own black-and-white look (R13, A6). Contrast with white
# (WCAG 1.4.11, >= 3:1 for all but "rest"): anyway 11.5:1, same 4.5:1, extra 5.2:1. Grey (Rec. 601 luma):
# anyway 54, same 110, extra stripes 99 on 232 (mean about 165, high local variance), rest 208.
PALETTE = {
    "anyway": Style("anyway", "#1f3a5f", "dark"),  # the outcome anyway, with or without lenalidomide
    # extra people because of lenalidomide: orange stripes on a pale tint, outlined in orange (shape kept)
    "extra": Style("extra", "#b94a00", "hatch", tint="#fbe3d0", stroke="#b94a00"),
    "rest": Style("rest", "#c9d2dc", "light"),  # the rest of the 100
    "same": Style("same", "#3f7f8f", "mid"),  # "no clear difference" arrays: the outcome with either option
    # One colour rule (review A7): orange stripes are only ever extra people *helped*; extra people
    # *harmed* are purple stripes the other way; where the evidence allows no causal claim, the extra
    # people are drawn neutrally, in grey level stripes. Contrast with white: 7.4:1 and 5.8:1.
    "harmed": Style("harmed", "#6a3d9a", "hatch-back", tint="#ece3f6", stroke="#6a3d9a", stripes=(1, -1)),
    "more": Style("more", "#56616b", "hatch-level", tint="#e3e6e9", stroke="#56616b", stripes=(0, 1)),
}
STRIPED = frozenset(role for role, style in PALETTE.items() if style.pattern.startswith("hatch"))


@dataclass(frozen=True)
class Category:
    """One group of people. ``label`` is the legend text, already holding the count (may be lazy)."""

    key: str
    count: int
    label: object
    role: str = ""  # defaults to ``key``

    def __post_init__(self):
        if not self.role:
            object.__setattr__(self, "role", self.key)
        if self.role not in PALETTE:
            raise ValueError(f"unknown icon role {self.role!r}; use one of {sorted(PALETTE)}")

    @property
    def style(self):
        return PALETTE[self.role]


@dataclass(frozen=True)
class PlacedCategory:
    """A category placed in the grid: people ``start`` .. ``stop - 1`` in row-major order."""

    key: str
    count: int
    label: object
    role: str
    style: Style
    start: int
    # One (x, y, width) box per row the category takes up, CELL_HEIGHT tall, in the people's group whose
    # origin is the grid's top-left corner. Each box is filled with the category's person pattern.
    # WeasyPrint starts a pattern's tiles at the filled shape's top-left corner (and reads a pattern's x
    # and y as an offset of its content); Chromium starts them at the user-space origin. With the grid at
    # the origin and every box's corner on the grid, both put one person in each cell. A box per row,
    # not one shape per category: poppler rounds a tile's step to whole device pixels, so people drift
    # by up to a pixel per tile from where the tiling starts; restarting it on every row keeps them in
    # their cells (and inside the range outline) at any resolution. Tried again in session 10 (one
    # outline per category: the summary PDF about 40 ms quicker, as WeasyPrint draws the person again
    # for every shape it fills) and taken back: at 72 dpi, a viewer's 100 % zoom, rows drifted up to
    # 5 px down a tall shape, and a category starting mid-row had its first person cut in half by its
    # outline, with a sliver of it beside the neighbour.
    rows: tuple

    @property
    def stop(self):
        return self.start + self.count


@dataclass(frozen=True)
class Range:
    """The "could be" overlay: people ``low`` .. ``high - 1`` (the true number lies from low to high)."""

    low: int
    high: int
    path: str  # outline of the block of uncertain people (stroke only)
    colour: str = "#000000"
    width: float = 1.6
    dash: str = "4 2.5"


class Cells:
    """The grid cell and its person, the same for every array: what a pattern tile is drawn from."""

    hatch_size = HATCH_SIZE
    cell_width = CELL_WIDTH
    cell_height = CELL_HEIGHT

    @property
    def swatch_path(self):
        """One person in a CELL_WIDTH x CELL_HEIGHT box: the pattern tile, and the legend swatches."""
        return _PERSON_IN_CELL


@dataclass(frozen=True)
class IconArray(Cells):
    """The laid-out array: sizes in viewBox units, placed categories, optional range overlay."""

    total: int
    columns: int
    rows: int
    categories: tuple  # of PlacedCategory, in drawing order
    uncertainty: Range | None = None
    margin = MARGIN  # where the grid (and the people's group) starts, in both directions

    @property
    def width(self):
        return self.columns * CELL_WIDTH + 2 * MARGIN

    @property
    def height(self):
        return self.rows * CELL_HEIGHT + 2 * MARGIN

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    @property
    def drawing(self):
        """Everything the picture is drawn from, and nothing else (the legend's words are not): a key
        for keeping its markup (web/icon_markup.py)."""
        people = tuple((c.key, c.count, c.role, c.rows) for c in self.categories)
        return self.total, self.columns, self.rows, people, self.uncertainty

    @property
    def extra(self):
        """The category with role "extra", or None."""
        return next((c for c in self.categories if c.role == "extra"), None)

    def cell_origin(self, index):
        """Top-left corner (viewBox units) of person ``index``'s cell."""
        row, col = divmod(index, self.columns)
        return MARGIN + col * CELL_WIDTH, MARGIN + row * CELL_HEIGHT

    def torso_box(self, index):
        """A box (x0, y0, x1, y1) inside person ``index`` that is always painted (for pixel tests)."""
        x, y = (o + d for o, d in zip(self.cell_origin(index), PERSON_OFFSET, strict=True))
        return x + PERSON_TORSO[0], y + PERSON_TORSO[1], x + PERSON_TORSO[2], y + PERSON_TORSO[3]


def _n(value):
    """A coordinate rounded to 1 decimal, without a trailing ".0"."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# One "restroom" person in a 12 x 26 box, relative to its top-left corner. Curves are cubic/quadratic
# Beziers, not arcs: WeasyPrint turns every arc into Beziers through matrix maths, which made the paths
# about 1.5x slower to draw. Head: a circle of radius 3.6 from two cubic halves (error < 2% of r).
# Body: rounded shoulders, arms split from the torso by a slit, two legs.
PERSON = (
    ("M", 2.4, 3.6), ("C", 2.4, -1.2, 9.6, -1.2, 9.6, 3.6), ("C", 9.6, 8.4, 2.4, 8.4, 2.4, 3.6), ("Z",),
    ("M", 0, 11), ("Q", 0, 8.4, 2.6, 8.4), ("H", 9.4), ("Q", 12, 8.4, 12, 11), ("V", 18), ("H", 10.3),
    ("V", 12.4), ("H", 9.6), ("V", 26), ("H", 6.6), ("V", 18.4), ("H", 5.4), ("V", 26), ("H", 2.4),
    ("V", 12.4), ("H", 1.7), ("V", 18), ("H", 0), ("Z",),
)  # fmt: skip


def person_path(x, y):
    """Path data for one person whose box starts at (x, y): head and body, each from an absolute "M"."""
    parts, start, here = [], (0, 0), (0, 0)
    for command, *values in PERSON:
        if command == "M":
            start = here = (x + values[0], y + values[1])
            parts.append(f"M{_n(here[0])},{_n(here[1])}")
        elif command == "Z":
            parts.append("Z")
            here = start
        elif command == "H":
            parts.append("h" + _short(x + values[0] - here[0]))
            here = (x + values[0], here[1])
        elif command == "V":
            parts.append("v" + _short(y + values[0] - here[1]))
            here = (here[0], y + values[0])
        else:
            # Relative coordinates: shorter than absolute ones, which matters when a page holds 40.
            numbers = [x + v - here[0] if i % 2 == 0 else y + v - here[1] for i, v in enumerate(values)]
            parts.append(command.lower() + _numbers(numbers))
            here = (x + values[-2], y + values[-1])
    return "".join(parts)


def _short(value):
    """A coordinate as _n() writes it, without a leading zero (".7", "-.7")."""
    text = _n(value)
    if text in ("-0", "0"):
        return "0"
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


def _numbers(values):
    """Numbers as path data: a separator only where a minus sign does not already split them."""
    text = ""
    for value in values:
        number = _short(value)
        text += number if not text or number.startswith("-") else " " + number
    return text


_PERSON_IN_CELL = person_path(*PERSON_OFFSET)


def _row_boxes(columns, low, high):
    """(x, y, width) of each row's part of the run of cells low .. high-1, in grid coordinates."""
    boxes = []
    if high <= low:
        return ()
    for row in range(low // columns, -(-high // columns)):
        first, stop = max(low, row * columns) - row * columns, min(high, (row + 1) * columns) - row * columns
        boxes.append((first * CELL_WIDTH, row * CELL_HEIGHT, (stop - first) * CELL_WIDTH))
    return tuple(boxes)


def _cells_path(columns, low, high):
    """Outline of the cells low .. high-1 (a row-major run): a rectangle, two, or a staircase polygon."""
    if high <= low:
        return ""
    w, h, m = CELL_WIDTH, CELL_HEIGHT, MARGIN
    (r0, c0), (r1, c1) = divmod(low, columns), divmod(high - 1, columns)

    def box(row, first, last):
        x0, x1, y0, y1 = m + first * w, m + (last + 1) * w, m + row * h, m + (row + 1) * h
        return f"M{_n(x0)},{_n(y0)}H{_n(x1)}V{_n(y1)}H{_n(x0)}Z"

    if r0 == r1:
        return box(r0, c0, c1)
    if r1 == r0 + 1 and c1 < c0:  # two pieces that do not share an edge
        return box(r0, c0, columns - 1) + box(r1, 0, c1)
    # staircase: from the first cell's top-left corner clockwise round the run
    xs, ys = (m + c0 * w, m + columns * w, m + (c1 + 1) * w, m), (m + r0 * h, m + (r0 + 1) * h)
    ye = (m + r1 * h, m + (r1 + 1) * h)
    points = [(xs[0], ys[0]), (xs[1], ys[0]), (xs[1], ye[0]), (xs[2], ye[0]), (xs[2], ye[1]), (xs[3], ye[1])]
    points += [(xs[3], ys[1]), (xs[0], ys[1])]
    unique = [p for i, p in enumerate(points) if p != points[i - 1]]
    # a full first or last row leaves a corner on a straight edge: drop it
    corners = [
        p for i, p in enumerate(unique) if not _straight(unique[i - 1], p, unique[(i + 1) % len(unique)])
    ]
    return "M" + "L".join(f"{_n(x)},{_n(y)}" for x, y in corners) + "Z"


def _straight(before, point, after):
    """Whether ``point`` lies on the straight line from ``before`` to ``after`` (all on the grid)."""
    return before[0] == point[0] == after[0] or before[1] == point[1] == after[1]


def _whole(value, name, minimum=0):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, not {value!r}")
    return value


def _check_counts(categories, total):
    if not categories:
        raise ValueError("an icon array needs at least one category")
    keys = [c.key for c in categories]
    if len(set(keys)) != len(keys):
        raise ValueError(f"category keys repeat: {keys}")
    for c in categories:
        _whole(c.count, f"count of {c.key!r}")
    patterns = [c.style.pattern for c in categories]
    if len(set(patterns)) != len(patterns):
        raise ValueError(f"two categories would look the same in black and white: {patterns}")
    counted = sum(c.count for c in categories)
    if counted != total:
        raise ValueError(f"counts add up to {counted}, not {total}")


def _check_range(uncertainty, categories, total):
    low, high = (_whole(v, "each end of the range") for v in uncertainty)
    if not low <= high <= total:
        raise ValueError(f"range {low}-{high} must lie within 0-{total} with low <= high")
    boundaries = [sum(c.count for c in categories[: i + 1]) for i in range(len(categories) - 1)]
    if not any(low <= b <= high for b in boundaries):
        raise ValueError(f"range {low}-{high} contains no group boundary (boundaries: {boundaries})")
    return low, high


def layout(categories, total=100, columns=10, uncertainty=None):
    """Place ``categories`` (in order) as one grouped block, row by row from the top-left.

    ``uncertainty`` is an optional (low, high) range, in people, for the boundary after the
    first group(s) of interest; people low .. high-1 get the "could be" outline.
    Raises ValueError when counts are negative or do not add up to ``total``.
    """
    _whole(total, "total", 1)
    _whole(columns, "columns", 1)
    categories = tuple(categories)
    _check_counts(categories, total)
    placed, start = [], 0
    for c in categories:
        rows = _row_boxes(columns, start, start + c.count)
        placed.append(PlacedCategory(c.key, c.count, c.label, c.role, c.style, start, rows))
        start += c.count
    overlay = None
    if uncertainty is not None:
        low, high = _check_range(uncertainty, categories, total)
        overlay = Range(low, high, _cells_path(columns, low, high))
    rows = -(-total // columns)
    return IconArray(total, columns, rows, tuple(placed), overlay)


@dataclass(frozen=True)
class Looks(Cells):
    """Every role's look and the range outline, for a web page that defines each person tile once and
    lets its arrays and swatches point at them (icon_defs in templates/components/icon_array.html)."""

    styles: tuple
    range: Range

    def only(self, roles):
        """These looks with only the given roles' people: a page defines just the tiles it draws."""
        return Looks(tuple(style for style in self.styles if style.role in roles), self.range)


# The range's colour, width and dashes are its class defaults; the numbers do not matter here.
LOOKS = Looks(tuple(PALETTE.values()), Range(0, 0, ""))
