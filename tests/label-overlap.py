#!/usr/bin/env python3
"""No label of a diagram covers another label or a node: each text of a
Graphviz SVG is measured as the ink box a reader sees, from its position,
anchor, font size and the DejaVu Sans glyph metrics of its characters
(read from the font file with fontTools), and every pair of boxes that
belong to different objects is checked for overlap; so is every edge
label against every node's shape.

Usage: label-overlap.py ROUNDTRIP SOURCE_ROOT [SVG...]

Without SVG arguments it checks the gallery (SOURCE_ROOT/dot/*.svg: the
map, the loops, each loop) and diagrams of the bundled dataset under the
filters a reader uses: the status tiers, subsidiaries apart, and the map
and its loops as of each date a claim of the dataset bears. TAP output:
one test per diagram. Needs Debian's python3-fonttools and the
fonts-dejavu-core font; without them it skips."""
import csv
import glob
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

try:
    from fontTools.ttLib import TTFont
except ImportError:
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("1..0 # SKIP python3-fonttools is not installed")
    sys.exit(0)

if len(sys.argv) < 3:
    sys.exit(__doc__)
roundtrip, root, named = sys.argv[1], sys.argv[2], sys.argv[3:]

SVG = "{http://www.w3.org/2000/svg}"
FONTS = {False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"}
# Two boxes may touch: overlap counts when both sides overlap by more
# than this many points (a tenth of the smallest font's size).
SLACK = 0.9
for path in FONTS.values():
    if not os.path.exists(path):
        print("1..0 # SKIP fonts-dejavu-core is not installed")
        sys.exit(0)


class Metrics:
    """Advance widths and ink heights of one font, in em."""

    def __init__(self, path):
        font = TTFont(path)
        self.em = font["head"].unitsPerEm
        self.cmap = font.getBestCmap()
        self.hmtx = font["hmtx"]
        self.glyf = font["glyf"]
        self.fallback = self.cmap[ord("M")]

    def box(self, text):
        """(width, top, bottom) of text in em: top above the baseline,
        bottom below it, from the glyphs' own outlines."""
        width, top, bottom = 0, 0, 0
        for ch in text:
            name = self.cmap.get(ord(ch), self.fallback)
            width += self.hmtx[name][0]
            g = self.glyf[name]
            if getattr(g, "numberOfContours", 0):
                top = max(top, g.yMax)
                bottom = max(bottom, -g.yMin)
        return width / self.em, top / self.em, bottom / self.em


METRICS = {bold: Metrics(path) for bold, path in FONTS.items()}


def owner(elem, parents):
    """The node, edge, cluster or graph a text belongs to, as (class, id)."""
    while elem is not None:
        cls = elem.get("class")
        if elem.tag == SVG + "g" and cls in ("node", "edge", "cluster"):
            return cls, elem.get("id")
        elem = parents.get(elem)
    return "graph", "graph"


def shape_box(g):
    """The bounding box of a node's first shape (x0, y0, x1, y1)."""
    for child in g:
        if child.tag == SVG + "ellipse":
            cx, cy = float(child.get("cx")), float(child.get("cy"))
            rx, ry = float(child.get("rx")), float(child.get("ry"))
            return cx - rx, cy - ry, cx + rx, cy + ry
        if child.tag in (SVG + "polygon", SVG + "path"):
            data = child.get("points") or child.get("d")
            nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", data)]
            xs, ys = nums[0::2], nums[1::2]
            return min(xs), min(ys), max(xs), max(ys)
        if child.tag == SVG + "g":
            inner = shape_box(child)
            if inner:
                return inner
        if child.tag == SVG + "a":
            inner = shape_box(child)
            if inner:
                return inner
    return None


def labels(path):
    """Every text of the SVG as (owner, text, box), and every node's shape."""
    tree = ET.parse(path)
    parents = {c: p for p in tree.iter() for c in p}
    texts, shapes = [], []
    for elem in tree.iter(SVG + "text"):
        text = "".join(elem.itertext())
        if not text.strip():
            continue
        size = float(elem.get("font-size", "14"))
        bold = elem.get("font-weight") == "bold"
        width, top, bottom = METRICS[bold].box(text)
        x, y = float(elem.get("x")), float(elem.get("y"))
        anchor = elem.get("text-anchor", "start")
        x0 = x - width * size * {"start": 0, "middle": 0.5, "end": 1}[anchor]
        box = (x0, y - top * size, x0 + width * size, y + bottom * size)
        texts.append((owner(elem, parents), text, box))
    for g in tree.iter(SVG + "g"):
        if g.get("class") == "node":
            box = shape_box(g)
            if box:
                shapes.append((("node", g.get("id")), g.findtext(SVG + "title"), box))
    return texts, shapes


def overlap(a, b):
    return (min(a[2], b[2]) - max(a[0], b[0]) > SLACK and
            min(a[3], b[3]) - max(a[1], b[1]) > SLACK)


def problems(path):
    texts, shapes = labels(path)
    found = []
    for i, (own_a, text_a, box_a) in enumerate(texts):
        for own_b, text_b, box_b in texts[i + 1:]:
            if own_a != own_b and overlap(box_a, box_b):
                found.append("%r (%s) on %r (%s)" % (text_a, own_a[1], text_b, own_b[1]))
        if own_a[0] != "edge":
            continue
        for own_b, title, box_b in shapes:
            if overlap(box_a, box_b):
                found.append("%r (%s) on node %s" % (text_a, own_a[1], title))
    return found


def render(outdir, name, args):
    out = os.path.join(outdir, name + ".svg")
    subprocess.run([roundtrip, "render", os.path.join(root, "data", "ai-2026"), "-o", out]
                   + args, check=True)
    return out


def diagrams(outdir):
    if named:
        return named
    found = sorted(glob.glob(os.path.join(root, "dot", "*.svg")))
    filters = {
        "confirmed": ["--status", "confirmed"],
        "reported": ["--status", "confirmed,reported"],
        "loops-confirmed": ["--loops-only", "--status", "confirmed"],
        "apart": ["--no-consolidate"],
        "loops-apart": ["--loops-only", "--no-consolidate"],
    }
    with open(os.path.join(root, "data", "ai-2026", "relationships.csv"), newline="") as f:
        dates = sorted({row["date"] for row in csv.DictReader(f) if row["date"]})
    for date in dates:
        filters["as-of-" + date] = ["--as-of", date]
        filters["loops-as-of-" + date] = ["--loops-only", "--as-of", date]
    for name, args in filters.items():
        found.append(render(outdir, name, args))
    return found


def main():
    with tempfile.TemporaryDirectory() as outdir:
        paths = diagrams(outdir)
        print("1..%d" % len(paths))
        failed = 0
        for n, path in enumerate(paths, 1):
            name = os.path.relpath(path, outdir if path.startswith(outdir) else root)
            found = problems(path)
            print("%s %d - %s: %d overlapping labels" %
                  ("not ok" if found else "ok", n, name, len(found)))
            for p in found:
                print("#   " + p)
            failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
