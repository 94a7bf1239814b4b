#!/usr/bin/env python3
"""Every Markdown writer, on data that tries to become markup, renders to
HTML with nothing from the data as markup: no tag but those our writers
make, no handler attribute, no link but http(s), in-page or relative, no
image but the diagram the note embeds; and the hostile names are there as
text. Rendered by two independent CommonMark implementations, with raw
HTML allowed (what a careless site does): cmark-gfm (GitHub's, with its
table, footnote and autolink extensions) and markdown-it-py.

Usage: markdown-inert.py ROUNDTRIP SOURCE_ROOT. TAP output; exit 77 when
neither renderer is installed (CI installs both: .ci/run)."""
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile

if len(sys.argv) != 3:
    sys.exit(__doc__)
roundtrip, root = sys.argv[1], sys.argv[2]

# markdown-it-py is Debian's python3-markdown-it, for Debian's python3.
try:
    import markdown_it
except ImportError:
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    markdown_it = None

ALLOWED = {"p", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "strong", "em",
           "code", "ul", "ol", "li", "h1", "h2", "h3", "h4", "sup", "section", "hr", "br",
           "blockquote", "pre"}
NAMES = ["<img src=x onerror=alert(1)>", "A&#1;", "AT&amp;T", "Evil\\u{202e}Corp"]


class Checker(html.parser.HTMLParser):
    def __init__(self, images):
        super().__init__(convert_charrefs=True)
        self.images, self.problems, self.text = images, [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.problems.append("element <%s>" % tag)
        for name, value in attrs:
            value = value or ""
            if name == "style" and tag in ("th", "td") and value.startswith("text-align:"):
                continue  # markdown-it's column alignment
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                self.problems.append("attribute %s=%r on <%s>" % (name, value, tag))
            if name == "href" and not (value.startswith(("https://", "http://", "#"))
                                       or (":" not in value.split("/")[0])):
                self.problems.append("link to %r" % value)
            if name == "href" and any(c in value for c in "()[]<>\"' "):
                self.problems.append("link target %r holds Markdown syntax" % value)
            if tag == "img" and name == "src" and value not in self.images:
                self.problems.append("image %r" % value)

    def handle_data(self, data):
        self.text.append(data)


def encode(path):
    return (path.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            .replace("[", "%5B").replace("]", "%5D"))


def renderers():
    out = []
    if shutil.which("cmark-gfm"):
        def cmark(md):
            return subprocess.run(
                ["cmark-gfm", "--unsafe", "-e", "table", "-e", "footnotes", "-e", "autolink"],
                input=md, capture_output=True, text=True, check=True).stdout
        out.append(("cmark-gfm", cmark))
    if markdown_it:
        mdit = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")
        out.append(("markdown-it-py", mdit.render))
    return out


def main():
    found = renderers()
    if not found:
        print("1..0 # SKIP neither cmark-gfm nor markdown-it-py is installed")
        return 77
    data = lambda name: os.path.join(root, "tests", "data", name)
    tmp = tempfile.mkdtemp()
    svg = os.path.join(tmp, "loops (a) [b].svg")
    figs = os.path.join(tmp, "figs (a) [b]")
    writers = [
        ("loops", ["loops", "--format", "markdown", data("inject")]),
        ("loops --svg", ["loops", "--format", "markdown", "--svg", svg, "-o",
                         os.path.join(tmp, "note.md"), data("inject")]),
        ("loops --svg-dir", ["loops", "--format", "markdown", "--svg-dir", figs, "-o",
                             os.path.join(tmp, "note-each.md"), data("inject")]),
        ("entities", ["entities", "--format", "markdown", data("inject")]),
        ("diff, new", ["diff", "--format", "markdown", data("loops-small"), data("inject")]),
        ("diff, old", ["diff", "--format", "markdown", data("inject"), data("loops-small")]),
    ]
    n, failed = 0, 0
    print("1..%d" % (len(writers) * len(found)))
    for what, args in writers:
        r = subprocess.run([roundtrip] + args, capture_output=True, text=True)
        md = r.stdout
        if "-o" in args:
            with open(args[args.index("-o") + 1], encoding="utf-8") as f:
                md = f.read()
        for rname, render in found:
            n += 1
            problems = []
            if r.returncode not in (0, 1):
                problems.append("exit %d: %s" % (r.returncode, r.stderr.strip()))
            # The diagrams we link, as links encode them: the one map, and
            # one per loop in the directory --svg-dir made.
            drawn = [os.path.basename(svg)]
            if os.path.isdir(figs):
                drawn += [os.path.basename(figs) + "/" + f for f in os.listdir(figs)]
            c = Checker({encode(path) for path in drawn})
            c.feed(render(md))
            problems += c.problems
            text = "".join(c.text)  # character references already decoded
            for name in NAMES:
                if name not in text:
                    problems.append("the name %r is not shown as text" % name)
            if problems:
                failed += 1
                print("not ok %d - %s, %s" % (n, what, rname))
                for p in problems:
                    print("# " + p)
            else:
                print("ok %d - %s, %s" % (n, what, rname))
    shutil.rmtree(tmp)
    return 1 if failed else 0


sys.exit(main())
