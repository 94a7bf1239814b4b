"""The datasets of tests/work-scales.sh: work-scales-gen.py FAMILY N DIR."""
import sys, os
family, n, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(d, exist_ok=True)
ents = ["name,kind"]
rels = ["from,to,kind,amount,source"]
if family == "entities":
    # n entities, each its own parent; one loop between two of them
    for i in range(n):
        ents.append(f"E{i},other")
    rels += ["E0,E1,equity,1B,P", "E1,E0,compute,1B,P"]
elif family == "links":
    # n direct loops and n links (hosting) among their members
    for i in range(n):
        ents += [f"A{i},investor", f"B{i},lab"]
        rels += [f"A{i},B{i},equity,1B,P", f"B{i},A{i},compute,2B,P", f"B{i},A{i},hosting,,P"]
elif family == "sources":
    # one hop with n claims, each from its own source, on 20 loops
    ents += ["H,investor", "X,lab"]
    for i in range(n):
        rels.append(f"H,X,equity,1B,Source {i}")
    for j in range(20):
        ents.append(f"Y{j},cloud")
        rels += [f"X,Y{j},compute,1B,P", f"Y{j},H,services,1B,P"]
open(os.path.join(d, "entities.csv"), "w").write("\n".join(ents) + "\n")
open(os.path.join(d, "relationships.csv"), "w").write("\n".join(rels) + "\n")
