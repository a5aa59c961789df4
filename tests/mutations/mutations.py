#!/usr/bin/python3
"""tests/mutations/mutations.py — the list of deliberate mutations
(tests/mutations/cases.txt): read it, check it, apply one.

    mutations.py check ROOT         the cheap check the suite runs (the
                                    mutations layer): the list parses and
                                    every mutation still applies to ROOT
    mutations.py list ROOT          one line per mutation, tab-separated:
                                    index, name, file, layers
    mutations.py apply ROOT INDEX   mutate ROOT/FILE in place (tests/mutate.sh
                                    does it on a copy of the tree)

The list is a sequence of blocks, separated by blank lines; '#' lines are
comments:

    == pipeline_summary: the trailing 12 months shortened to 11
    file   sql/views/30_pipeline.sql
    layers sql
    - close_date > (SELECT trailing_12m_after FROM as_of_calendar)
    + close_date > (SELECT date(trailing_12m_after, '+1 month') FROM as_of_calendar)

'== ' names the mutation (unique); 'file' is relative to the tree's root;
'layers' the layers of tests/run.sh that must catch it (REVOPS_LAYERS
names); each '- ' line is a line of the target text and each '+ ' line a
line of its replacement (several lines are joined by line breaks; the
text after '- ' or '+ ' is taken as it is, leading spaces included).  The
target is literal text, not a pattern, and must occur exactly once in the
file, so that a refactor which moves or rewrites it makes the check fail
instead of turning the mutation into a no-op.

check also holds the view fixtures to the views: tests/sql/lib/install.sql
(what the tests/sql/views_*.sql suites read) must read sql/schema.sql and
every sql/views/*.sql, in install order, as sql/views/install.sh does; and
the docs to the list: the table of docs/testing.md "Mutations" names every
mutation of the list, and nothing else.
"""
import glob
import os
import re
import sys

LIST = "tests/mutations/cases.txt"
INSTALL = "tests/sql/lib/install.sql"
DOC = "docs/testing.md"
DOC_SECTION = "## Mutations"


class Mutation:
    def __init__(self, line):
        self.line = line
        self.name = None
        self.file = None
        self.layers = []
        self.old = []
        self.new = []


def parse(root):
    """The mutations of the list, and the problems of its shape."""
    path = os.path.join(root, LIST)
    out, problems, cur = [], [], None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, raw in enumerate(lines, 1):
        if raw.startswith("#"):
            continue
        if raw.strip() == "":
            cur = None
            continue
        if raw.startswith("== "):
            cur = Mutation(n)
            cur.name = raw[3:].strip()
            out.append(cur)
            continue
        if cur is None:
            problems.append(f"{LIST}:{n}: a line outside a block (a block starts with '== name'): {raw}")
            continue
        if raw.startswith("- "):
            cur.old.append(raw[2:])
        elif raw.startswith("+ "):
            cur.new.append(raw[2:])
        elif raw == "+":
            cur.new.append("")
        elif raw.startswith("file "):
            cur.file = raw[5:].strip()
        elif raw.startswith("layers "):
            cur.layers = raw[7:].split()
        else:
            problems.append(f"{LIST}:{n}: not a '== ', 'file ', 'layers ', '- ' or '+ ' line: {raw}")
    return out, problems


def layer_names(root):
    names = set()
    for f in glob.glob(os.path.join(root, "tests/layers/[0-9]*-*.sh")):
        b = os.path.basename(f)
        names.add(b[b.index("-") + 1:-3])
    return names


def problems_of(m, root, layers, seen):
    """What is wrong with one mutation (empty: it applies)."""
    where = f"{LIST}:{m.line} ({m.name})"
    p = []
    if not m.name:
        p.append(f"{where}: no name after '=='")
    elif m.name in seen:
        p.append(f"{where}: the name is used twice")
    seen.add(m.name)
    if not m.file:
        p.append(f"{where}: no 'file' line")
    if not m.layers:
        p.append(f"{where}: no 'layers' line")
    for l in m.layers:
        if l not in layers:
            p.append(f"{where}: layers names {l}, which is no layer (tests/layers/: {' '.join(sorted(layers))})")
    if not m.old:
        p.append(f"{where}: no '- ' line (the text to replace)")
    if "\n".join(m.old) == "\n".join(m.new):
        p.append(f"{where}: the replacement is the target itself")
    if m.file and m.old:
        path = os.path.join(root, m.file)
        if not os.path.isfile(path):
            p.append(f"{where}: {m.file} does not exist (moved or renamed? find where the target is written now)")
        else:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            k = text.count("\n".join(m.old))
            if k == 0:
                p.append(f"{where}: the target text is no longer in {m.file} (the code moved or changed: "
                         f"write the mutation against what is there now): " + " / ".join(m.old))
            elif k > 1:
                p.append(f"{where}: the target text occurs {k} times in {m.file} (lengthen it until it is unique)")
    return p


def install_problems(root):
    """tests/sql/lib/install.sql reads the schema and every view file."""
    want = ["sql/schema.sql"] + sorted(os.path.relpath(f, root) for f in glob.glob(os.path.join(root, "sql/views/*.sql")))
    path = os.path.join(root, INSTALL)
    try:
        with open(path, encoding="utf-8") as f:
            got = [m.group(1) for m in (re.match(r"^\.read (\S+)$", l) for l in f.read().split("\n")) if m]
    except OSError as e:
        return [f"{INSTALL}: {e}"]
    if got == want:
        return []
    return [f"{INSTALL} must read, in this order, sql/schema.sql and every sql/views/*.sql (as install.sh "
            f"installs them; the view fixtures of tests/sql/views_*.sql read it): "
            f"missing {[w for w in want if w not in got] or 'nothing'}, "
            f"extra {[g for g in got if g not in want] or 'nothing'}"
            + ("" if sorted(got) != sorted(want) else ", out of order")]


def doc_problems(root, ms):
    """The first column of the tables in docs/testing.md "Mutations" is
    the list's names, each once."""
    try:
        with open(os.path.join(root, DOC), encoding="utf-8") as f:
            lines = f.read().split("\n")
    except OSError as e:
        return [f"{DOC}: {e}"]
    names, on = [], False
    for l in lines:
        if l.startswith("## "):
            on = l.strip() == DOC_SECTION
            continue
        if on and l.startswith("| ") and not l.startswith("| mutation |"):
            names.append(l.split("|")[1].strip())
    want = [m.name for m in ms]
    missing = [n for n in want if n not in names]
    extra = [n for n in names if n not in want]
    twice = sorted({n for n in names if names.count(n) > 1})
    if not (missing or extra or twice):
        return []
    return [f"{DOC} \"{DOC_SECTION[3:]}\" must list every mutation of {LIST} once (its table's first column): "
            + "; ".join(x for x in (f"missing {missing}" if missing else "", f"not in the list {extra}" if extra else "",
                                    f"twice {twice}" if twice else "") if x)]


def check(root):
    ms, problems = parse(root)
    ok = bad = 0
    for p in problems:
        print(f"FAIL mutations: {p}")
        bad += 1
    layers, seen = layer_names(root), set()
    for m in ms:
        p = problems_of(m, root, layers, seen)
        if p:
            bad += 1
            print(f"FAIL mutations: {p[0]}")
            for more in p[1:]:
                print(f"     {more}")
        else:
            ok += 1
    if not ms:
        print(f"FAIL mutations: {LIST} lists no mutation")
        bad += 1
    for p in (install_problems(root), doc_problems(root, ms)):
        if p:
            bad += 1
            print(f"FAIL mutations: {p[0]}")
        else:
            ok += 1
    print(ok, bad)
    return bad == 0


def main(argv):
    if len(argv) < 3 or argv[1] not in ("check", "list", "apply"):
        sys.stderr.write(__doc__)
        return 2
    root = argv[2]
    if argv[1] == "check":
        return 0 if check(root) else 1
    ms, problems = parse(root)
    if problems:
        for p in problems:
            sys.stderr.write(p + "\n")
        return 2
    if argv[1] == "list":
        for i, m in enumerate(ms):
            print(f"{i}\t{m.name}\t{m.file}\t{' '.join(m.layers)}")
        return 0
    m = ms[int(argv[3])]
    path = os.path.join(root, m.file)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    old, new = "\n".join(m.old), "\n".join(m.new)
    if text.count(old) != 1:
        sys.stderr.write(f"{m.name}: the target occurs {text.count(old)} times in {m.file}, not once\n")
        return 2
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
