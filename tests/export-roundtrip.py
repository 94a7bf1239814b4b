#!/usr/bin/env python3
"""Export, import, and the loops come back: `roundtrip export --format F`
then `roundtrip import --from F` gives a dataset whose `roundtrip loops
--format json` is byte for byte the original's (but for the dataset's
path), for the bundled dataset and for random datasets; and every
FollowTheMoney entity written carries the properties its schema requires.

Usage: export-roundtrip.py ROUNDTRIP SOURCE_ROOT FORMAT... TAP output."""
import json
import os
import random
import subprocess
import sys
import tempfile

if len(sys.argv) < 4:
    sys.exit(__doc__)
roundtrip, root, formats = sys.argv[1], sys.argv[2], sys.argv[3:]

# The required properties of each FollowTheMoney schema we write, from the
# FtM model (alephdata/followthemoney, followthemoney/schema/*.yaml, the 3.x
# model): a schema's own "required" list and those of what it extends.
# Company extends Organization and Asset, which extend LegalEntity and
# Thing: Thing requires name. Ownership requires owner and asset. Payment
# requires payer and beneficiary. Debt and UnknownLink list none; we also
# ask each of them for the two parties an edge needs.
FTM_REQUIRED = {
    "Company": ["name"],
    "Ownership": ["owner", "asset"],
    "Payment": ["payer", "beneficiary"],
    "Debt": ["debtor", "creditor"],
    "UnknownLink": ["subject", "object"],
}
FTM_ENTITY_REFS = {"owner", "asset", "payer", "beneficiary", "debtor", "creditor", "subject",
                   "object", "parent"}

KINDS = ["equity", "compute", "chips", "datacenter", "services", "loan", "hosting", "partnership"]
STATUSES = ["confirmed", "reported", "talks", "proposed", "rumored", "superseded", "denied",
            "cancelled", ""]
AMOUNTS = ["", "1B", "$2.5B", "350M", "10B-50B", "6 GW", "EUR 15M", "27%", "160M shares", "8e9"]


def random_dataset(path, seed):
    """Entities with kinds, parents and aliases; claims of every kind and
    status, ranges, other units, dates and untils, quotes and commas, and
    blank lines between some."""
    rng = random.Random(seed)
    os.makedirs(path)
    n = rng.randint(4, 8)
    names = [f"Co {i}" if i % 3 else f'Firm "{i}", Inc.' for i in range(n)]
    with open(os.path.join(path, "entities.csv"), "w", newline="") as f:
        f.write("name,kind,parent,aliases,country,note\n")
        for i, name in enumerate(names):
            parent = names[rng.randrange(i)] if i > 2 and rng.random() < 0.2 else ""
            kinds = ";".join(rng.sample(["investor", "lab", "cloud", "chip", "fund"],
                                        rng.randint(0, 2)))
            alias = f"Alias{i}" if rng.random() < 0.3 else ""
            f.write(",".join(csv_field(x) for x in
                             [name, kinds, parent, alias, rng.choice(["", "US", "FR"]),
                              rng.choice(["", "a note, with a comma"])]) + "\n")
    with open(os.path.join(path, "relationships.csv"), "w", newline="") as f:
        f.write("from,to,kind,amount,status,date,until,source,url,note\n")
        for _ in range(rng.randint(10, 40)):
            a, b = rng.sample(names, 2)
            kind = rng.choice(KINDS + ["equity", "equity", "compute", "chips"])
            amount = "" if kind in ("hosting", "partnership") else rng.choice(AMOUNTS)
            year = rng.randint(2022, 2026)
            date = rng.choice(["", f"{year}", f"{year}-{rng.randint(1, 12):02d}",
                               f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
            until = f"{year + 1}-06" if date and rng.random() < 0.2 else ""
            source = rng.choice(["", "Reuters", "The Information", 'A "quoted" paper'])
            url = rng.choice(["", "https://example.com/a?b=1"])
            if rng.random() < 0.1:
                f.write("\n")  # a blank line: the claims after it keep their lines
            f.write(",".join(csv_field(x) for x in
                             [a, b, kind, amount, rng.choice(STATUSES), date, until, source, url,
                              rng.choice(["", "up to", "tied to chips, and more"])]) + "\n")


def csv_field(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n') else s


def run(*args):
    return subprocess.run([roundtrip] + list(args), capture_output=True, text=True)


def loops_json(dataset):
    r = run("loops", "--format", "json", "--max-cycles", "0", dataset)
    if r.returncode != 0:
        return None, r.stderr
    data = json.loads(r.stdout)
    data["dataset"].pop("relationships_file", None)
    data["dataset"].pop("entities_file", None)
    return json.dumps(data, indent=1, ensure_ascii=False), None


def ftm_problems(stream):
    problems = []
    for n, line in enumerate(stream.splitlines(), 1):
        obj = json.loads(line)
        schema, props = obj.get("schema"), obj.get("properties", {})
        if not isinstance(obj.get("id"), str) or schema not in FTM_REQUIRED:
            problems.append(f"line {n}: id {obj.get('id')!r}, schema {schema!r}")
            continue
        for name in FTM_REQUIRED[schema]:
            if not props.get(name):
                problems.append(f"line {n}: a {schema} without {name}")
        for name, values in props.items():
            if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
                problems.append(f"line {n}: {name} is not a list of strings")
    ids = set()
    for line in stream.splitlines():
        obj = json.loads(line)
        if obj["id"] in ids:
            problems.append(f"id {obj['id']} twice")
        ids.add(obj["id"])
    for line in stream.splitlines():
        for name, values in json.loads(line)["properties"].items():
            if name in FTM_ENTITY_REFS and any(v not in ids for v in values):
                problems.append(f"{name} names an entity not in the stream")
    return problems


def check(fmt, dataset, tmp, label):
    """Problems with dataset's round trip through fmt (empty: none)."""
    out = os.path.join(tmp, label + "." + fmt)
    back = os.path.join(tmp, label + "-" + fmt)
    r = run("export", "--format", fmt, dataset, "-o", out)
    if r.returncode != 0:
        return [f"export: exit {r.returncode}: {r.stderr.strip()}"]
    problems = []
    if fmt == "ftm":
        with open(out, encoding="utf-8") as f:
            problems += ftm_problems(f.read())
    r = run("import", "--from", fmt, out, "-o", back)
    if r.returncode != 0:
        return problems + [f"import: exit {r.returncode}: {r.stderr.strip()}"]
    want, err = loops_json(dataset)
    got, err2 = loops_json(back)
    if want is None or got is None:
        return problems + [f"loops: {err or err2}"]
    if want != got:
        w, g = want.splitlines(), got.splitlines()
        at = next((i for i, (a, b) in enumerate(zip(w, g)) if a != b), min(len(w), len(g)))
        problems.append(f"the loops differ at line {at + 1}: {w[at:at + 1]} != {g[at:at + 1]}")
    return problems


def main():
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("bundled", os.path.join(root, "data", "ai-2026"))]
        with_loops = 0
        for seed in range(10):
            path = os.path.join(tmp, f"random-{seed}")
            random_dataset(path, seed)
            cases.append((f"random-{seed}", path))
            count = run("loops", "--count", path).stdout.strip()
            with_loops += count.isdigit() and int(count) > 0
        print("1..%d" % (len(cases) * len(formats) + 1))
        # Random datasets without loops would test little.
        print("%s 1 - %d of the 10 random datasets have loops" %
              ("ok" if with_loops >= 7 else "not ok", with_loops))
        n, failed = 1, with_loops < 7
        for fmt in formats:
            for label, dataset in cases:
                n += 1
                problems = check(fmt, dataset, tmp, label)
                print("%s %d - %s: %s round trip" % ("not ok" if problems else "ok", n, label, fmt))
                for p in problems[:5]:
                    print("#   " + p)
                failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
