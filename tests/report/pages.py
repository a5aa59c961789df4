"""tests/report/pages.py — reading a page the way a test checks it, static or served.

  parse(html) -> Page: every value the page shows with where it comes from:
      an element tagged data-q/-r/-c (cards, bars, chart labels, insight
      cards, profiles) or a cell of a table (table.data[data-q], its th
      data-c, its tr data-r): (query, row, column, text, title, data-v);
      the sections, links (href), ids, tags and on* attributes.
  shows(text, value, title=None) -> does the text stand for the value?
      Exact figures to the precision shown; "$71.9M" (three significant
      digits), "12.3K", "37.8%", "127.7 days", "46.1 h", "21 Feb 2026",
      "Yes"/"No", "—" for NULL; a short figure's title is its exact one.
  expected(db, ext, directory, values) -> persona -> [(query, cols, rows)]
      computed here through Python's sqlite3, not through the report.
"""
import html.parser
import os
import re

import harness

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
MONTHS = {m: i + 1 for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"))}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values = []        # (query, row, column, text, title, data_v)
        self.sections = {}      # id -> (chart, rows)
        self.tags, self.handlers, self.links, self.ids = {}, [], [], set()
        self.root = {}
        self._open = []         # [tag, key or None, text, attrs]
        self._table = None      # [query, [columns]]
        self._row = None
        self._cell = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.handlers += [k for k, _ in attrs if k.startswith("on")]
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "html":
            self.root = a
        if tag == "section" and "data-chart" in a and "id" in a:
            self.sections[a["id"]] = (a["data-chart"], int(a["data-rows"]))
        if tag == "table" and "data-q" in a:
            self._table = [a["data-q"], []]
        if tag == "th" and self._table is not None and "data-c" in a:
            self._table[1].append(a["data-c"])
        if tag == "tr" and self._table is not None and "data-r" in a:
            self._row, self._cell = int(a["data-r"]), 0
        key = None
        if "data-q" in a and "data-r" in a:
            key = (a["data-q"], int(a["data-r"]), a["data-c"])
        elif tag == "td" and self._table is not None and self._row is not None:
            cols = self._table[1]
            key = (self._table[0], self._row, cols[self._cell] if self._cell < len(cols) else "?%d" % self._cell)
            self._cell += 1
        if tag not in VOID:
            self._open.append([tag, key, [], a])

    def handle_endtag(self, tag):
        if tag == "table":
            self._table, self._row = None, None
        if tag in VOID or tag not in [o[0] for o in self._open]:
            return
        while self._open:
            t, key, text, a = self._open.pop()
            if key is not None:
                self.values.append(key + ("".join(text).strip(), a.get("title"), a.get("data-v")))
            if t == "title" and self._open and self._open[-1][1] is not None:
                self._open[-1][3]["title"] = "".join(text).strip()      # an SVG value's exact figure
            elif self._open:
                self._open[-1][2].extend(text)
            if t == tag:
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)


def parse(text):
    p = Page()
    p.feed(text)
    p.close()
    return p


SCALE = {"K": 1e3, "M": 1e6, "B": 1e9}
NUMBER = re.compile(r"^(-)?(?:[$\u20ac\u00a3]|[A-Z]{0,3}\$|CHF |kr )?(-)?([\d,]+(?:\.\d+)?)([KMB])?(%| days| h| min| months)?$")


def number_of(text):
    """(value, half of the last shown digit) of a figure as written, or None."""
    m = NUMBER.match(text.strip())
    if not m:
        return None
    sign = -1 if (m.group(1) or m.group(2)) else 1
    digits = m.group(3)
    if "," in digits and not re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", digits):
        return None
    x = float(digits.replace(",", ""))
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    mult = SCALE.get(m.group(4) or "", 1)
    pct = m.group(5) == "%"
    if pct:
        mult /= 100
    return sign * x * mult, 0.5 * 10 ** -decimals * mult


def shows(text, value, title=None, data_v=None):
    """Does the displayed text (and its title, and data-v) stand for the value?"""
    if title is not None and title != text and not shows(title, value):
        return False
    if data_v is not None and not raw_equal(data_v, value):
        return False
    if value is None:
        return text in ("\u2014", "-", "")
    if isinstance(value, str):
        if text == value:
            return True
        m = re.fullmatch(r"(\d{1,2}) (\w{3}) (\d{4})( \d\d:\d\d)?", text)
        if m and re.match(r"\d{4}-\d{2}-\d{2}", value):
            return value.startswith("%s-%02d-%02d" % (m.group(3), MONTHS.get(m.group(2), 0), int(m.group(1)))) and (
                not m.group(4) or value[11:16] == m.group(4).strip())
        return False
    if text in ("Yes", "No") and value in (0, 1):
        return (text == "Yes") == bool(value)
    got = number_of(text)
    if got is None:
        return False
    x, tol = got
    if isinstance(value, int) and "." not in text and tol <= 0.5 and not text.endswith("%"):
        return int(round(x)) == value
    return abs(x - value) <= tol * (1 + 1e-9) + 1e-9


def raw_equal(raw, value):
    """A data-v attribute (or CSV field) against the value as stored."""
    if value is None:
        return raw == ""
    if isinstance(value, float):
        try:
            return float(raw) == value
        except ValueError:
            return False
    return raw == str(value)


# Run in a page: its marker attributes, and every element of a panel (or
# the headlines, picker, filter bar, navigation) that sticks out of it
# (inside a table's scrolling box only the box counts: it scrolls).
CHECK_JS = r"""(function(){var d=document.documentElement,bad=[];
if(d.scrollWidth>window.innerWidth+1)bad.push('the page scrolls sideways: '+d.scrollWidth+' > '+window.innerWidth);
document.querySelectorAll('.panel,.headlines,.picker,.filterbar,nav').forEach(function(p){var pr=p.getBoundingClientRect();
 if(p.scrollWidth>p.clientWidth+1)bad.push((p.id||p.className)+' overflows: '+p.scrollWidth+' > '+p.clientWidth);
 p.querySelectorAll('*').forEach(function(e){var w=e.parentElement.closest('.tablewrap');if(w&&w!==e)return;
  var r=e.getBoundingClientRect();if(!r.width||!r.height)return;
  if(r.right>pr.right+1||r.left<pr.left-1)bad.push((p.id||p.className)+': '+e.tagName+'.'+e.className+' '+Math.round(r.left)+'..'+Math.round(r.right)+' outside '+Math.round(pr.left)+'..'+Math.round(pr.right))})});
return {rendered:d.getAttribute('data-rendered'),errors:d.getAttribute('data-errors'),bad:bad.slice(0,6),
 sections:document.querySelectorAll('section.panel').length}})()"""


_EXPECTED = {}


def expected(db, ext, directory, values):
    """persona -> [(query, cols, rows)], computed here, not by the report.
    A given as_of is the views' as-of too: set in settings inside a
    transaction rolled back at the end.  Computed once per database file
    (as it is: its size and change time are in the key), directory and
    filter values; the tests asked for the same ones up to four times."""
    st = os.stat(db)
    key = (os.path.abspath(db), st.st_size, st.st_mtime_ns, ext, os.path.abspath(directory), tuple(sorted(values.items())))
    if key not in _EXPECTED:
        _EXPECTED[key] = _expected(db, ext, directory, values)
    return _EXPECTED[key]


def _expected(db, ext, directory, values):
    import dashboards
    con = harness.connect(db, ext, readonly=not values.get("as_of"))
    con.isolation_level = None
    if values.get("as_of"):
        con.execute("BEGIN")
        con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('as_of', ?)", (values["as_of"],))
    out = {}
    for q in dashboards.load(directory):
        params = {p: values.get(p) for p in q.params()}
        cur = con.execute(q.sql, params)
        out.setdefault(q.persona, []).append((q, [d[0] for d in cur.description], cur.fetchall()))
    if values.get("as_of"):
        con.execute("ROLLBACK")
    con.close()
    return out


def check_values(T, label, page, results, max_rows=100, kpi_rows=6, every_cell=True):
    """Every tagged value matches its query's cell; every cell is on the page."""
    want = {q.name: (q, cols, rows) for q, cols, rows in results}
    bad, seen = [], set()
    for qn, r, c, text, title, data_v in page.values:
        if qn not in want:
            continue
        q, cols, rows = want[qn]
        if c not in cols or r >= len(rows):
            bad.append("%s row %d column %s: no such cell" % (qn, r, c))
            continue
        v = rows[r][cols.index(c)]
        seen.add((qn, r, c))
        if isinstance(v, str) and v[:1] in "{[" and data_v is not None:
            ok = data_v == v            # a JSON cell: summarised, the value whole in data-v
        else:
            ok = shows(text, v, title, data_v)
        if not ok:
            bad.append("%s row %d %s: page shows %r (title %r, data-v %r), the query gives %r" % (qn, r, c, text, title, data_v, v))
    T.check(not bad, "%s: %d shown values match the queries" % (label, len(page.values)), *bad[:15])
    if not every_cell:
        return seen
    missing = []
    for qn, (q, cols, rows) in want.items():
        chart, nrows = page.sections.get(qn, (None, -1))
        T.check(nrows == len(rows), "%s: %s row count" % (label, qn), "page: %d, query: %d" % (nrows, len(rows)))
        limit = kpi_rows if chart == "kpi" else max_rows
        for r in range(min(len(rows), limit)):
            for c in cols:
                if chart == "insights" and c in ("supporting", "supporting_data", "data", "data_points", "evidence"):
                    continue
                if (qn, r, c) not in seen:
                    missing.append("%s row %d %s" % (qn, r, c))
    T.check(not missing, "%s: every cell is on the page" % label, *missing[:10])
    return seen
