"""Ruled tables' geometry on plain tuples: pdfplumber's chain, with the same numbers out.

pdfplumber finds a ruled table with a chain of pure functions: edges snapped to a common line and
joined (`merge_edges`), their crossings (`edges_to_intersections`), the smallest cells those
describe (`intersections_to_cells`), cells grouped into tables (`cells_to_tables`) and a table's
rows on its column grid (`Table.rows`). On a page's few dozen ruling lines its dictionaries and
copies cost more than the arithmetic; here each edge is an `(x0, top, x1, bottom)` tuple, and
each step does the same arithmetic in the same order, so every coordinate comes out as the same
float (tests/test_pdf_tables.py holds the two side by side). The quadratic steps are made linear:
crossings are looked for among the lines within reach, and tables are the cells' connected
groups.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

Edge = tuple[float, float, float, float]      # x0, top, x1, bottom (top-down page coordinates)
Box = Edge
Point = tuple[float, float]
Crossings = dict[Point, tuple[set[Edge], set[Edge]]]    # a point -> (its vertical edges, its horizontal ones)


def _snap(edges: list[Edge], key: int, tolerance: float) -> list[Edge]:
    """pdfplumber's `snap_objects`: edges whose coordinate `key` (0: x0 of a vertical edge, 1: top
    of a horizontal one) lies within `tolerance` of the next, chained, are moved to their mean."""
    values = sorted({e[key] for e in edges})
    cluster: dict[float, int] = {}
    n = -1
    last = None
    for v in values:
        if last is None or v > last + tolerance:
            n += 1
        cluster[v] = n
        last = v
    groups: list[list[Edge]] = [[] for _ in range(n + 1)]
    for e in edges:
        groups[cluster[e[key]]].append(e)
    out = []
    for group in groups:
        mean = sum(e[key] for e in group) / len(group)
        for x0, top, x1, bottom in group:
            if key == 0:
                shift = mean - x0
                out.append((x0 + shift, top, x1 + shift, bottom))
            else:
                shift = mean - top
                out.append((x0, top + shift, x1, bottom + shift))
    return out


def _join(edges: list[Edge], key: int, tolerance: float) -> list[Edge]:
    """pdfplumber's `merge_edges` after snapping, for one orientation: edges on one line (same
    `key`) that overlap or lie within `tolerance` of each other become one."""
    lo, hi = (0, 2) if key == 1 else (1, 3)       # a horizontal edge runs x0 → x1, a vertical top → bottom
    on_line: dict[float, list[Edge]] = {}
    for e in edges:
        on_line.setdefault(e[key], []).append(e)
    out: list[Edge] = []
    for line in sorted(on_line):
        group = sorted(on_line[line], key=lambda e: e[lo])
        joined = [group[0]]
        for e in group[1:]:
            last = joined[-1]
            if e[lo] <= last[hi] + tolerance:
                if e[hi] > last[hi]:
                    joined[-1] = (*last[:hi], e[hi], *last[hi + 1:])
            else:
                joined.append(e)
        out += joined
    return out


def merge(horizontal: list[Edge], vertical: list[Edge], snap: float, join: float) -> tuple[list[Edge], list[Edge]]:
    """`merge_edges(edges, snap, snap, join, join)` as (horizontal, vertical) edges; each list in
    the order the page drew them."""
    if snap > 0:
        vertical, horizontal = _snap(vertical, 0, snap), _snap(horizontal, 1, snap)
    return _join(horizontal, 1, join), _join(vertical, 0, join)


def crossings(horizontal: list[Edge], vertical: list[Edge], tolerance: float) -> Crossings:
    """`edges_to_intersections`: where a vertical edge meets a horizontal one within `tolerance`,
    with the edges meeting there. Only the horizontal lines near a vertical edge's span are tested
    (their tops sorted once), each with pdfplumber's own comparison."""
    by_top = sorted(horizontal, key=lambda h: h[1])
    tops = [h[1] for h in by_top]
    reach = tolerance + 1.0                     # wider than the test: a rounding never loses a line
    out: Crossings = {}
    for v in vertical:
        x, v_top, _, v_bottom = v
        for h in by_top[bisect_left(tops, v_top - reach):bisect_right(tops, v_bottom + reach)]:
            top = h[1]
            if v_top <= top + tolerance and v_bottom >= top - tolerance and h[0] - tolerance <= x <= h[2] + tolerance:
                point = (x, top)
                if (at := out.get(point)) is None:
                    at = out[point] = (set(), set())
                at[0].add(v)
                at[1].add(h)
    return out


def cells(points: Crossings) -> list[Box]:
    """`intersections_to_cells`, the same cells in the same order: for each point (sorted), the
    smallest box whose four corners are points joined by common edges. The points below and to the
    right of a point are taken from its column and its row, not from a scan of all points after it.

    Two points of one column are joined when they share a vertical edge, two of one row when they
    share a horizontal one: pdfplumber's `edge_connects` for points that differ in the other
    coordinate, as every pair tested here does, written out in the loop."""
    ordered = sorted(points)
    column: dict[float, list[Point]] = {}
    row: dict[float, list[Point]] = {}
    for p in ordered:                      # in sorted order: a column top-down, a row left to right
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)
    at_column = {p: i for ps in column.values() for i, p in enumerate(ps)}
    at_row = {p: i for ps in row.values() for i, p in enumerate(ps)}
    out = []
    for pt in ordered:
        x, y = pt
        right = row[y][at_row[pt] + 1:]
        if not right:
            continue
        pt_down, pt_across = points[pt]
        cell = None
        for below in column[x][at_column[pt] + 1:]:
            below_down, below_across = points[below]
            if pt_down.isdisjoint(below_down):
                continue
            below_y = below[1]
            for side in right:
                side_down, side_across = points[side]
                if pt_across.isdisjoint(side_across):
                    continue
                at_corner = points.get((side[0], below_y))
                if (at_corner is not None and not at_corner[0].isdisjoint(side_down)
                        and not at_corner[1].isdisjoint(below_across)):
                    cell = (x, y, side[0], below_y)
                    break
            if cell:
                break
        if cell:
            out.append(cell)
    return out


def tables(found: list[Box]) -> list[list[Box]]:
    """`cells_to_tables`: cells that share a corner, directly or through others, are one table;
    tables top to bottom then left to right, a lone cell dropped. pdfplumber grows each group by
    sweeps over the remaining cells, which gives exactly these connected groups."""
    corners = [((x0, top), (x0, bottom), (x1, top), (x1, bottom)) for x0, top, x1, bottom in found]
    by_corner: dict[Point, list[int]] = {}
    for i, four in enumerate(corners):
        for corner in four:
            by_corner.setdefault(corner, []).append(i)
    group = [-1] * len(found)
    groups: list[list[Box]] = []
    for start in range(len(found)):
        if group[start] >= 0:
            continue
        number = group[start] = len(groups)
        members, todo = [], [start]
        while todo:
            i = todo.pop()
            members.append(i)
            for corner in corners[i]:
                for j in by_corner[corner]:
                    if group[j] < 0:
                        group[j] = number
                        todo.append(j)
        members.sort()
        groups.append([found[i] for i in members])
    return [t for t in sorted(groups, key=lambda t: min((c[1], c[0]) for c in t)) if len(t) > 1]


def rows(table: Iterable[Box]) -> list[list[Box | None]]:
    """`Table(None, cells).rows`' cells: rows top-down, each on the table's grid of column lefts,
    None where a merged cell spans."""
    table = sorted(table, key=lambda c: (c[1], c[0]))
    lefts = sorted({c[0] for c in table})
    out, current, top = [], {}, None
    for c in table:
        if c[1] != top and current:
            out.append([current.get(x) for x in lefts])
            current = {}
        top = c[1]
        current[c[0]] = c
    if current:
        out.append([current.get(x) for x in lefts])
    return out


def bbox(table: list[Box]) -> Box:
    return (min(c[0] for c in table), min(c[1] for c in table),
            max(c[2] for c in table), max(c[3] for c in table))
