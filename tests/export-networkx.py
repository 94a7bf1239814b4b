#!/usr/bin/env python3
"""NetworkX reads the graph exports back, and finds the dataset in them.

For each dataset, `roundtrip export` writes GraphML, GEXF and node-link
JSON, and NetworkX reads them with read_graphml(), read_gexf() and
node_link_graph() (its defaults). The three graphs must hold the same
nodes, the same edges (count, endpoints, keys) and the same attributes,
and those must be the dataset's, read here from its CSV files without
roundtrip: a node per entity ("eI", its name, kinds, parent and country),
an edge per relationship with a claim that still holds ("rI", in the order
of the relationships' first claims, with its kind and the count of those
claims), and the loops through each the ones `roundtrip loops --format
json` lists, with the same figures. Under these filters every edge holds
now, so its last GEXF spell must have no end.

NetworkX before 3.6 knows GEXF 1.1draft and 1.2draft only (networkx#8196
added 1.3, whose namespace has no "www."): the test tells an older one the
1.3 namespace, as that change does, and reads with version="1.3".

Usage: export-networkx.py ROUNDTRIP SOURCE_ROOT. TAP output; 1..0 # SKIP
when NetworkX is missing (Debian's python3-networkx, for /usr/bin/python3)."""
import csv
import json
import os
import subprocess
import sys
import tempfile

if len(sys.argv) != 3:
    sys.exit(__doc__)
roundtrip, root = sys.argv[1], sys.argv[2]

try:
    import networkx as nx
    from networkx.readwrite import gexf as nx_gexf
except ImportError:
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("1..0 # SKIP NetworkX is not installed (python3-networkx)")
    sys.exit(0)

DATASETS = ["data/ai-2026", "tests/data/loops-small", "tests/data/inject",
            "tests/data/pwned", "tests/data/formula"]
MONEY = {"confirmed", "reported", "talks", "proposed", "rumored"}
LISTS = {"kinds", "statuses", "loops"}


def read_dataset(path):
    """Entities and the relationships that still hold, from the CSV files."""
    entities, index = [], {}

    def add(name):
        index[name.lower()] = len(entities)
        entities.append({"label": name})

    def find(name):
        if name.lower() not in index:  # implied by a relationship
            add(name)
        return index[name.lower()]

    efile = os.path.join(path, "entities.csv")
    rows = list(csv.DictReader(open(efile, newline="", encoding="utf-8")))
    for row in rows:
        add(row["name"])
    for row in rows:
        for alias in filter(None, (row.get("aliases") or "").split(";")):
            index[alias.strip().lower()] = index[row["name"].lower()]
    for row in rows:
        e = entities[index[row["name"].lower()]]
        kinds = [k.strip().lower() for k in (row.get("kind") or "").split(";") if k.strip()]
        if kinds:
            e["kinds"], e["kind"] = sorted(kinds), kinds[0]
        if row.get("parent"):
            e["parent"] = entities[find(row["parent"])]["label"]
        if row.get("country"):
            e["country"] = row["country"]
    relationships, by_key = [], {}
    rfile = os.path.join(path, "relationships.csv")
    for row in csv.DictReader(open(rfile, newline="", encoding="utf-8")):
        key = (find(row["from"]), find(row["to"]), row["kind"].strip().lower())
        if key not in by_key:
            by_key[key] = len(relationships)
            relationships.append({"key": key, "holding": 0})
        # A claim still holds when its status carries money and nothing
        # ended it: an `until`, or (superseded, denied, cancelled) its
        # status itself.
        if row["status"].strip().lower() in MONEY and not (row.get("until") or "").strip():
            relationships[by_key[key]]["holding"] += 1
    edges = {"r%d" % i: r for i, r in enumerate(relationships) if r["holding"]}
    return entities, edges, by_key


def loops_report(path):
    out = subprocess.run([roundtrip, "loops", "--format", "json", path],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["loops"]


def expected_loops(entities, by_key, loops):
    """The ranks of the loops through each node and edge, and the figures
    of the relationships on them, from the loops report."""
    names = {e["label"]: i for i, e in enumerate(entities)}
    node_loops, edge_loops, figures = {}, {}, {}
    for loop in loops:
        rank = loop["rank"]
        through = {names[m] for m in loop["entities"]}
        for hop in loop["hops"]:
            for rel in hop["relationships"]:
                i = by_key[(names[rel["from"]], names[rel["to"]], rel["kind"])]
                edge_loops.setdefault("r%d" % i, []).append(rank)
                figures["r%d" % i] = rel
                through |= {names[rel["from"]], names[rel["to"]]}
        for e in through:
            node_loops.setdefault("e%d" % e, []).append(rank)
    return node_loops, edge_loops, figures


def normal(attrs):
    """Attributes as JSON has them: lists of the XML formats' "a;b" split."""
    out = {}
    for k, v in attrs.items():
        if k in ("id", "spells"):
            continue
        if k in LISTS and isinstance(v, str):
            v = [int(x) if k == "loops" else x for x in v.split(";")]
        out[k] = v
    return out


def edges_of(g):
    """{key: (source, target, attributes)}: a multigraph's keys, or the id
    NetworkX keeps when it finds no parallel edges."""
    if g.is_multigraph():
        return {k: (u, v, d) for u, v, k, d in g.edges(keys=True, data=True)}
    return {d["id"]: (u, v, d) for u, v, d in g.edges(data=True)}


def read_back(path, tmp):
    graphs = {}
    for fmt, ext in (("graphml", "graphml"), ("gexf", "gexf"), ("json-graph", "json")):
        out = os.path.join(tmp, "export." + ext)
        subprocess.run([roundtrip, "export", "--format", fmt, "-o", out, path], check=True)
        if fmt == "graphml":
            graphs[fmt] = nx.read_graphml(out)
        elif fmt == "gexf":
            if "1.3" not in nx_gexf.GEXF.versions:
                nx_gexf.GEXF.versions["1.3"] = {
                    "NS_GEXF": "http://gexf.net/1.3", "NS_VIZ": "http://gexf.net/1.3/viz",
                    "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
                    "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
                    "VERSION": "1.3"}
            graphs[fmt] = nx.read_gexf(out, version="1.3")
        else:
            with open(out, encoding="utf-8") as f:
                data = json.load(f)
            if data["edges"] != data["links"]:
                raise AssertionError("json-graph: \"edges\" and \"links\" differ")
            graphs[fmt] = nx.node_link_graph(data)
    return graphs


def check(dataset, tmp):
    path = os.path.join(root, dataset)
    entities, edges, by_key = read_dataset(path)
    loops = loops_report(path)
    node_loops, edge_loops, figures = expected_loops(entities, by_key, loops)
    problems = []
    seen = {}
    for fmt, g in read_back(path, tmp).items():
        if not g.is_directed():
            problems.append("%s: not directed" % fmt)
        nodes = {n: normal(d) for n, d in g.nodes(data=True)}
        got = {k: (u, v, normal(d)) for k, (u, v, d) in edges_of(g).items()}
        # GraphML also carries the relationships none of whose claims
        # holds, marked holds false, so that roundtrip import gets the
        # whole dataset back: they are not edges of the money graph.
        extra = sorted(k for k, (u, v, d) in got.items() if d.get("holds") is False)
        want_extra = sorted("r%d" % i for i in range(len(by_key)) if "r%d" % i not in edges)
        if extra != (want_extra if fmt == "graphml" else []):
            problems.append("%s: edges that do not hold %s, not %s" %
                            (fmt, extra, want_extra if fmt == "graphml" else []))
        got = {k: t for k, t in got.items() if k not in extra}
        seen[fmt] = (nodes, got)
        if sorted(nodes) != sorted("e%d" % i for i in range(len(entities))):
            problems.append("%s: nodes %s" % (fmt, sorted(nodes)))
            continue
        for i, e in enumerate(entities):
            d = nodes["e%d" % i]
            for k, v in e.items():
                have = sorted(d.get(k, [])) if k == "kinds" else d.get(k)
                if have != v:
                    problems.append("%s: e%d %s is %r, not %r" % (fmt, i, k, have, v))
            if d.get("loops", []) != node_loops.get("e%d" % i, []) or \
                    d["loop_count"] != len(node_loops.get("e%d" % i, [])):
                problems.append("%s: e%d on loops %r, not %r" %
                                (fmt, i, d.get("loops"), node_loops.get("e%d" % i)))
        if sorted(got) != sorted(edges):
            problems.append("%s: edges %s, not %s" % (fmt, sorted(got), sorted(edges)))
            continue
        for key, rel in edges.items():
            u, v, d = got[key]
            f, t, kind = rel["key"]
            if (u, v, d["kind"]) != ("e%d" % f, "e%d" % t, kind):
                problems.append("%s: %s is %s -> %s %s" % (fmt, key, u, v, d["kind"]))
            if d["claims"] != rel["holding"]:
                problems.append("%s: %s has %d claims, not %d" %
                                (fmt, key, d["claims"], rel["holding"]))
            if d.get("loops", []) != edge_loops.get(key, []):
                problems.append("%s: %s on loops %r, not %r" %
                                (fmt, key, d.get("loops"), edge_loops.get(key)))
            if key in figures:
                usd = figures[key]["amount_usd"] or {}
                have = (d.get("amount_low_usd"), d.get("amount_high_usd"), d["status"])
                want = (usd.get("low"), usd.get("high"), figures[key]["status"])
                if have != want:
                    problems.append("%s: %s figures %r, not %r" % (fmt, key, have, want))
        if fmt == "gexf":
            for key, (u, v, d) in edges_of(g).items():
                spells = d.get("spells", [])
                if spells and spells[-1][1] != "None":
                    problems.append("gexf: %s ends on %s, but still holds" % (key, spells[-1][1]))
        else:
            if g.graph.get("loops") != len(loops):
                problems.append("%s: graph says %r loops, not %d" %
                                (fmt, g.graph.get("loops"), len(loops)))
    # The same attributes whichever format carried them.
    for fmt in ("gexf", "json-graph"):
        if fmt in seen and seen[fmt] != seen["graphml"]:
            problems.append("%s and graphml read back differently" % fmt)
    return problems


def main():
    print("1..%d" % len(DATASETS))
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, dataset in enumerate(DATASETS, 1):
            try:
                problems = check(dataset, tmp)
            except Exception as e:  # a reader's error is a failure, with its reason
                problems = ["%s: %s" % (type(e).__name__, e)]
            print("%s %d - NetworkX %s reads %s back as its CSV files say" %
                  ("not ok" if problems else "ok", n, nx.__version__, dataset))
            for p in problems[:20]:
                print("# " + p)
            status |= bool(problems)
    return status


sys.exit(main())
