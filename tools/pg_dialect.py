#!/usr/bin/python3
"""tools/pg_dialect.py — the schema, views and dashboards of revops, written
for SQLite, in PostgreSQL's dialect (docs/postgres.md "The dialect layer").

Generated, never copied: every run reads sql/schema.sql, sql/views/*.sql and
sql/dashboards/*.sql as they are and writes their PostgreSQL form.  The
run-time half is ext/postgres/sqlite_dialect.sql (schema revops_sqlite:
SQLite's date functions, round, sum/avg/total, printf's conversions,
division by zero as NULL, ...); this half rewrites the syntax:

  * SQLite's values are never booleans: a comparison (or AND, OR, NOT, IS,
    IN, EXISTS, LIKE, BETWEEN) where a value is expected becomes
    (...)::int, and a value where a condition is expected becomes
    (...) <> 0, so sum(x IS NULL), coalesce(a <= b, 0) and WHERE is_won
    mean what they mean in SQLite;
  * a IS b / a IS NOT b (b not NULL) become IS [NOT] DISTINCT FROM;
  * functions SQLite has and PostgreSQL lacks or computes otherwise are
    called in revops_sqlite (date, julianday, strftime, round, substr,
    instr, total, max(a, b), group_concat, printf, CAST AS INTEGER/REAL/TEXT);
  * ORDER BY puts NULLs where SQLite does (first ascending, last
    descending); LIKE is ILIKE (SQLite's LIKE ignores ASCII case);
    decimal literals are REAL (float8), not numeric;
  * a column selected without an aggregate and not grouped (SQLite's bare
    column) is min(column);
  * CREATE TABLE ... STRICT: TEXT is text COLLATE "C" (bytewise, as SQLite
    compares), INTEGER bigint, REAL double precision, INTEGER PRIMARY KEY an
    identity; INSERT OR IGNORE is ON CONFLICT DO NOTHING;
  * views are created in dependency order (SQLite allows a view to name a
    later one); sql/views/99_derived.sql and sql/views/derived/ (SQLite's
    kept tables) are left out: on PostgreSQL the views are plain views.

  pg_dialect.py schema            the DDL of sql/schema.sql
  pg_dialect.py views             every view (after the schema)
  pg_dialect.py install           the dialect runtime, schema and views, one script
  pg_dialect.py dashboards        JSON: persona -> [{name, sql}], :params as %(name)s
  pg_dialect.py load SQLITE_DB DSN   the tables of an imported database into PostgreSQL
A construct it does not know is an error naming the file and the text,
never a silent guess.
"""
import json
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))


class DialectError(Exception):
    pass


# ------------------------------------------------------------ tokens
TOKEN = re.compile(r"""
  (?P<ws>\s+|--[^\n]*|/\*.*?\*/)
 |(?P<str>'(?:[^']|'')*')
 |(?P<qid>"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\])
 |(?P<num>(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)
 |(?P<param>:[A-Za-z_][A-Za-z_0-9]*|\?\d*|@[A-Za-z_]\w*)
 |(?P<id>[A-Za-z_][A-Za-z_0-9$]*)
 |(?P<op>\|\||<=|>=|<>|!=|==|->>|->|<<|>>|::|[-+*/%<>=&|~!])
 |(?P<punct>[(),;.])
""", re.S | re.X)


class Tok:
    __slots__ = ("kind", "text")

    def __init__(self, kind, text):
        self.kind, self.text = kind, text

    @property
    def up(self):
        return self.text.upper() if self.kind == "id" else None

    def __repr__(self):
        return self.text


class Group:
    """A parenthesised list of items (Tok or Group)."""
    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items

    def __repr__(self):
        return "(" + " ".join(map(repr, self.items)) + ")"


class Unit(Group):
    """A translated piece (a CASE expression) emitted as it is, opaque to
    the checks for truth values."""
    __slots__ = ()


class Raw:
    """Translated text, opaque to the later passes."""
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def tokenize(sql):
    out, pos = [], 0
    while pos < len(sql):
        m = TOKEN.match(sql, pos)
        if not m:
            raise DialectError("cannot read SQL at: %r" % sql[pos:pos + 60])
        pos = m.end()
        if m.lastgroup != "ws":
            out.append(Tok(m.lastgroup, m.group()))
    return out


def nest(toks):
    stack = [[]]
    for t in toks:
        if t.kind == "punct" and t.text == "(":
            stack.append([])
        elif t.kind == "punct" and t.text == ")":
            if len(stack) == 1:
                raise DialectError("unbalanced ')'")
            g = Group(stack.pop())
            stack[-1].append(g)
        else:
            stack[-1].append(t)
    if len(stack) != 1:
        raise DialectError("unbalanced '('")
    return stack[0]


def split_statements(sql):
    toks = tokenize(sql)
    stmts, cur, depth = [], [], 0
    for t in toks:
        if t.kind == "punct" and t.text == "(":
            depth += 1
        elif t.kind == "punct" and t.text == ")":
            depth -= 1
        if t.kind == "punct" and t.text == ";" and depth == 0:
            if cur:
                stmts.append(nest(cur))
            cur = []
        else:
            cur.append(t)
    if cur:
        stmts.append(nest(cur))
    return stmts


# Dashboards: :name parameters become %(name)s and a literal % doubles
# (psycopg2's paramstyle), also in the text built while translating.
EMIT_PARAMS = False


def emit(items, params=None):
    if params is None:
        params = EMIT_PARAMS
    out = []
    for it in items:
        if isinstance(it, Unit):
            s = emit(it.items, params)
        elif isinstance(it, Group):
            s = "(" + emit(it.items, params) + ")"
        elif isinstance(it, Raw):
            s = it.text
        elif it.kind == "param" and params:
            if not it.text.startswith(":"):
                raise DialectError("only :name parameters are translated, got %s" % it.text)
            s = "%%(%s)s" % it.text[1:]
        elif params and it.kind in ("str", "qid", "op"):
            s = it.text.replace("%", "%%")
        else:
            s = it.text
        if out and not (s in (",", ")", ".") or out[-1].endswith(("(", ".")) or s.startswith("::")):
            out.append(" ")
        out.append(s)
    return "".join(out)


def kw(it, *names):
    return isinstance(it, Tok) and it.kind == "id" and it.up in names


def punct(it, text):
    return isinstance(it, Tok) and it.kind == "punct" and it.text == text


def split_top(items, sep=","):
    parts, cur = [], []
    for it in items:
        if punct(it, sep):
            parts.append(cur)
            cur = []
        else:
            cur.append(it)
    parts.append(cur)
    return parts


def join_commas(parts):
    out = []
    for i, p in enumerate(parts):
        if i:
            out.append(Tok("punct", ","))
        out.extend(p)
    return out


def is_query(items):
    return bool(items) and kw(items[0], "SELECT", "WITH", "VALUES")


# ------------------------------------------------------- expressions
COMPARE = {"=", "==", "!=", "<>", "<", "<=", ">", ">="}
BOOL_WORDS = {"AND", "OR", "NOT", "IS", "IN", "LIKE", "GLOB", "BETWEEN", "EXISTS", "ISNULL", "NOTNULL", "ILIKE"}
SQL_WORDS = {"CASE", "WHEN", "THEN", "ELSE", "END", "AND", "OR", "NOT", "IS", "NULL", "IN", "LIKE", "BETWEEN",
             "AS", "DISTINCT", "EXISTS", "CAST", "TRUE", "FALSE", "ESCAPE", "ISNULL", "NOTNULL", "GLOB", "COLLATE",
             "INTEGER", "REAL", "TEXT", "CURRENT_DATE", "CURRENT_TIMESTAMP", "FILTER", "OVER", "WHERE",
             "ORDER", "BY", "PARTITION", "ASC", "DESC", "ROWS", "RANGE", "GROUPS", "UNBOUNDED", "PRECEDING",
             "FOLLOWING", "CURRENT", "ROW", "NULLS", "FIRST", "LAST", "EXCLUDE", "TIES", "OTHERS", "NO", "SELECT"}
# Aggregates: revops' (the window functions of the registry) and SQLite's.
REVOPS_AGGREGATES = {
    line.split("|")[0] for line in open(os.path.join(ROOT, "tests", "registry.expected"), encoding="utf-8")
    if line.count("|") >= 3 and line.split("|")[2] == "w"}
AGGREGATES = {"count", "sum", "total", "avg", "min", "max", "group_concat", "string_agg"} | REVOPS_AGGREGATES
# Words PostgreSQL reserves that SQLite lets a column be named.
PG_RESERVED = {"WINDOW", "USER", "OFFSET", "ANALYSE", "ANALYZE", "ARRAY", "DO", "FETCH", "GRANT", "ONLY",
               "PLACING", "SYMMETRIC", "VARIADIC"}
BOOL_RAW = {"IS DISTINCT FROM", "IS NOT DISTINCT FROM", "IS NOT NULL", "IS NULL", "ILIKE"}
NOT_FUNCS = {"IN", "EXISTS", "AS", "AND", "OR", "NOT", "WHEN", "THEN", "ELSE", "ON", "USING", "FROM", "WHERE",
             "SELECT", "BY", "OVER", "FILTER", "VALUES", "JOIN", "IS", "LIKE", "BETWEEN", "CASE", "END",
             "DISTINCT", "ALL", "HAVING", "UNION", "RECURSIVE", "MATERIALIZED", "WINDOW"}


def is_boolean(items):
    """Does the expression, at its top level, yield a truth value?"""
    for it in items:
        if isinstance(it, Tok):
            if it.kind == "op" and it.text in COMPARE:
                return True
            if it.kind == "id" and it.up in BOOL_WORDS:
                return True
        elif isinstance(it, Raw) and it.text in BOOL_RAW:
            return True
    if len(items) == 1 and type(items[0]) is Group and not is_query(items[0].items):
        return is_boolean(items[0].items)
    return False


class Translator:
    def __init__(self, where):
        self.where = where

    def fail(self, msg):
        raise DialectError("%s: %s" % (self.where, msg))

    # -- an expression in a value or a condition context
    def expr(self, items, ctx):
        items = self.walk(items, ctx)
        if ctx == "value":
            if is_boolean(items):
                return [Group(self.cond(items)), Raw("::int")]
            return items
        return self.cond(items)

    def cond(self, items):
        """Each operand of AND / OR / NOT that is a plain value gets <> 0."""
        parts, cur, between = [], [], False
        for it in items:
            if kw(it, "BETWEEN"):
                between = True
            if kw(it, "AND", "OR") and not (between and kw(it, "AND")):
                parts.append(cur)
                parts.append([it])
                cur = []
                continue
            if kw(it, "AND") and between:
                between = False
            cur.append(it)
        parts.append(cur)
        out = []
        for p in parts:
            if len(p) == 1 and kw(p[0], "AND", "OR"):
                out.extend(p)
                continue
            nots = []
            while p and kw(p[0], "NOT") and not (len(p) > 1 and kw(p[1], "EXISTS")):
                nots.append(p[0])
                p = p[1:]
            if len(p) == 1 and isinstance(p[0], Group) and not is_query(p[0].items):
                p = [Group(self.cond(p[0].items))]
            elif not is_boolean(p):
                p = [Group(p), Raw("<> 0")]
            out.extend(nots + p)
        return out

    def walk(self, items, ctx):
        """Translate the pieces of an expression: calls, CASE, CAST,
        sub-queries, groups, IS, LIKE, literals."""
        out, i, n = [], 0, len(items)
        boolean_here = is_boolean(items)
        while i < n:
            it = items[i]
            nxt = items[i + 1] if i + 1 < n else None
            if kw(it, "CASE"):
                depth, j = 0, i
                while j < n:
                    if kw(items[j], "CASE"):
                        depth += 1
                    elif kw(items[j], "END"):
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                if j == n:
                    self.fail("CASE without END")
                out.append(Unit([Raw("(")] + self.case(items[i + 1:j]) + [Raw(")")]))
                i = j + 1
                continue
            if kw(it, "CAST") and isinstance(nxt, Group):
                out.append(self.cast(nxt.items))
                i += 2
                continue
            if kw(it, "EXISTS") and isinstance(nxt, Group):
                out += [it, Group(self.query(nxt.items))]
                i += 2
                continue
            if isinstance(it, Tok) and it.kind in ("id", "qid") and isinstance(nxt, Group) and it.up not in NOT_FUNCS \
                    and not (out and isinstance(out[-1], Tok) and out[-1].kind == "punct" and out[-1].text == "."):
                call, i = self.call(it, nxt, items, i + 2)
                out.extend(call)
                continue
            if isinstance(it, Tok) and it.kind in ("id", "qid") and isinstance(nxt, Tok) and nxt.text == "." \
                    and i + 3 < n and isinstance(items[i + 3], Group):
                # schema.function(...)
                call, j = self.call(items[i + 2], items[i + 3], items, i + 4)
                out += [it, nxt] + call
                i = j
                continue
            if isinstance(it, Group):
                if is_query(it.items):
                    out.append(Group(self.query(it.items)))
                elif out and kw(out[-1], "IN"):
                    out.append(Group(join_commas([self.expr(p, "value") for p in split_top(it.items)])))
                else:
                    inner_ctx = "cond" if (ctx == "cond" and self.is_logic_operand(out, nxt)) else "value"
                    if inner_ctx == "cond":
                        out.append(Group(self.expr(it.items, "cond")))
                    else:
                        out.append(Group(self.expr(it.items, "value")))
                i += 1
                continue
            if kw(it, "IS"):
                j = i + 1
                neg = j < n and kw(items[j], "NOT")
                if neg:
                    j += 1
                if j < n and (kw(items[j], "NULL", "TRUE", "FALSE", "DISTINCT")):
                    out.append(it)
                    if neg:
                        out.append(items[i + 1])
                    i = j
                    continue
                out.append(Raw("IS DISTINCT FROM" if neg else "IS NOT DISTINCT FROM"))
                i = j
                continue
            if kw(it, "NOTNULL"):
                out.append(Raw("IS NOT NULL"))
                i += 1
                continue
            if kw(it, "ISNULL"):
                out.append(Raw("IS NULL"))
                i += 1
                continue
            if kw(it, "LIKE"):
                out.append(Raw("ILIKE"))
                i += 1
                continue
            if kw(it, "GLOB", "REGEXP", "MATCH"):
                self.fail("%s is not translated" % it.text)
            if isinstance(it, Tok) and it.kind == "op" and it.text == "+" and (
                    not out or (isinstance(out[-1], Tok) and (out[-1].kind == "op" or out[-1].up in SQL_WORDS
                                                              or out[-1].text in (",", "(")))
                    or (isinstance(out[-1], Raw) and out[-1].text in BOOL_RAW | {"<> 0"})):
                i += 1  # SQLite's unary + (it keeps an index out of a plan): no meaning here
                continue
            if isinstance(it, Tok) and it.kind == "op" and it.text == "==":
                out.append(Tok("op", "="))
                i += 1
                continue
            if isinstance(it, Tok) and it.kind == "num" and re.search(r"[.eE]", it.text):
                out.append(Raw(it.text + "::float8"))
                i += 1
                continue
            if isinstance(it, Tok) and it.kind == "qid" and not it.text.startswith('"'):
                out.append(Tok("qid", '"' + it.text[1:-1].replace('"', '""') + '"'))
                i += 1
                continue
            out.append(it)
            i += 1
        del boolean_here
        return out

    @staticmethod
    def is_logic_operand(before, after):
        prev = before[-1] if before else None
        left = prev is None or kw(prev, "AND", "OR", "NOT", "WHERE", "ON", "HAVING", "WHEN")
        right = after is None or kw(after, "AND", "OR", "THEN")
        return left and right

    def case(self, items):
        """CASE [base] WHEN .. THEN .. [ELSE ..] (without CASE and END)."""
        segs, cur, word, depth = [], [], None, 0
        for it in items:
            if kw(it, "CASE"):
                depth += 1
            elif kw(it, "END"):
                depth -= 1
            if depth == 0 and kw(it, "WHEN", "THEN", "ELSE"):
                segs.append((word, cur))
                word, cur = it.up, []
            else:
                cur.append(it)
        segs.append((word, cur))
        out = [Raw("CASE")]
        has_base = bool(segs[0][1])
        for word, part in segs:
            if word is None:
                if part:
                    out += self.expr(part, "value")
                continue
            out.append(Raw(word))
            if word == "WHEN":
                out += self.expr(part, "value" if has_base else "cond")
            else:
                out += self.expr(part, "value")
        out.append(Raw("END"))
        return out

    def cast(self, items):
        j = max(k for k, it in enumerate(items) if kw(it, "AS"))
        inner = self.expr(items[:j], "value")
        typ = " ".join(t.text.upper() for t in items[j + 1:] if isinstance(t, Tok))
        if typ in ("INTEGER", "INT", "BIGINT"):
            return Raw("revops_sqlite.to_int(%s)" % emit(inner))
        if typ in ("REAL", "FLOAT", "DOUBLE", "NUMERIC", "DOUBLE PRECISION"):
            return Raw("revops_sqlite.to_real(%s)" % emit(inner)) if self.maybe_text(inner) else \
                Raw("(%s)::float8" % emit(inner))
        if typ == "TEXT":
            return Raw("revops_sqlite.to_text(%s)" % emit(inner))
        self.fail("CAST to %s is not translated" % typ)

    @staticmethod
    def maybe_text(items):
        return any(isinstance(t, Tok) and t.kind == "str" for t in items) or \
            any(isinstance(t, Raw) and "substr" in t.text for t in items) or \
            any(kw(t, "substr", "replace", "trim") for t in items)

    # -- function calls
    def call(self, name, group, items, i):
        """name(args) [FILTER (WHERE ..)] [OVER ..]; returns (items, next index)."""
        fn = name.text.lower() if name.kind == "id" else name.text[1:-1].lower()
        args_items = group.items
        distinct = bool(args_items) and kw(args_items[0], "DISTINCT")
        if distinct:
            args_items = args_items[1:]
        star = len(args_items) == 1 and isinstance(args_items[0], Tok) and args_items[0].text == "*"
        args = [] if not args_items or star else [self.expr(a, "value") for a in split_top(args_items)]
        tail = []
        n = len(items)
        while i < n:
            if kw(items[i], "FILTER") and i + 1 < n and isinstance(items[i + 1], Group):
                g = items[i + 1].items
                if not kw(g[0], "WHERE"):
                    self.fail("FILTER without WHERE")
                tail += [items[i], Group([g[0]] + self.expr(g[1:], "cond"))]
                i += 2
            elif kw(items[i], "OVER"):
                if i + 1 < n and isinstance(items[i + 1], Group):
                    tail += [items[i], Group(self.window_spec(items[i + 1].items))]
                else:
                    tail += [items[i], items[i + 1]]
                i += 2
            else:
                break
        d = [Raw("DISTINCT")] if distinct else []
        A = lambda k: emit(args[k])
        if star:
            return [name, Group([Tok("op", "*")])] + tail, i
        if fn in ("total", "sum", "avg"):
            return [Raw("revops_sqlite." + fn), Group(d + join_commas(args))] + tail, i
        if fn in ("max", "min") and len(args) >= 2:
            return [Raw("revops_sqlite.%s_of" % fn), Group(join_commas(args))] + tail, i
        if fn == "group_concat":
            sep = args[1] if len(args) > 1 else [Raw("','")]
            return [Raw("string_agg"), Group(d + [Raw("revops_sqlite.to_text(%s)" % A(0)), Tok("punct", ",")] + sep)] + tail, i
        if fn in ("date", "datetime", "julianday"):
            return [Raw("revops_sqlite." + fn), Group(join_commas([[Raw("(%s)::text" % emit(a))] if k else a
                                                                  for k, a in enumerate(args)]))] + tail, i
        if fn == "strftime":
            return [Raw("revops_sqlite.strftime"), Group(join_commas(args))] + tail, i
        if fn in ("round", "substr", "substring", "instr", "length"):
            fn = "substr" if fn == "substring" else fn
            return [Raw("revops_sqlite." + fn), Group(join_commas(args))] + tail, i
        if fn == "ifnull":
            return [Raw("coalesce"), Group(join_commas(args))] + tail, i
        if fn == "iif":
            return [Raw("(CASE WHEN %s THEN %s ELSE %s END)" % (emit(self.cond(args[0])), A(1), A(2)))], i
        if fn == "char":
            return [Raw("(" + " || ".join("chr(%s)" % emit(a) for a in args) + ")")], i
        if fn == "printf" or fn == "format":
            return [self.printf(args)] + tail, i
        if fn in ("typeof", "unixepoch", "json_extract", "json_object", "json_group_array", "likelihood", "zeroblob",
                  "randomblob", "hex", "quote", "last_insert_rowid", "changes", "sqlite_version"):
            self.fail("%s() is not translated" % fn)
        return [name, Group(d + join_commas(args))] + tail, i

    def window_spec(self, items):
        out, i, n = [], 0, len(items)
        while i < n:
            if kw(items[i], "ORDER") and i + 1 < n and kw(items[i + 1], "BY"):
                j = i + 2
                while j < n and not kw(items[j], "ROWS", "RANGE", "GROUPS"):
                    j += 1
                out += [items[i], items[i + 1]] + self.order_items(items[i + 2:j])
                i = j
            elif kw(items[i], "PARTITION") and i + 1 < n and kw(items[i + 1], "BY"):
                j = i + 2
                while j < n and not kw(items[j], "ORDER", "ROWS", "RANGE", "GROUPS"):
                    j += 1
                out += [items[i], items[i + 1]] + join_commas([self.expr(p, "value") for p in split_top(items[i + 2:j])])
                i = j
            else:
                out.append(items[i])
                i += 1
        return out

    def order_items(self, items):
        parts = []
        for p in split_top(items):
            desc = False
            nulls = any(kw(t, "NULLS") for t in p)
            while p and kw(p[-1], "ASC", "DESC", "FIRST", "LAST", "NULLS"):
                if kw(p[-1], "DESC"):
                    desc = True
                p = p[:-1]
            e = self.expr(p, "value")
            tail = [Raw("DESC" if desc else "ASC")]
            if not nulls:
                tail.append(Raw("NULLS LAST" if desc else "NULLS FIRST"))
            else:
                self.fail("ORDER BY ... NULLS is not translated")
            parts.append(e + tail)
        return join_commas(parts)

    def printf(self, args):
        if not args or len(args[0]) != 1 or not isinstance(args[0][0], Tok) or args[0][0].kind != "str":
            self.fail("printf() with a format that is not a literal")
        fmt = args[0][0].text[1:-1].replace("''", "'")
        pieces, k, pos = [], 1, 0
        spec = re.compile(r"%([-+ 0#,!]*)(\d*)(?:\.(\d+))?([a-zA-Z%])")
        for m in spec.finditer(fmt):
            if m.start() > pos:
                pieces.append("'%s'" % fmt[pos:m.start()].replace("'", "''"))
            flags, width, prec, conv = m.group(1), m.group(2) or "0", m.group(3), m.group(4)
            pos = m.end()
            if conv == "%":
                pieces.append("'%'")
                continue
            if k >= len(args):
                pieces.append("''")
                continue
            a = emit(args[k])
            k += 1
            if conv in "di":
                pieces.append("revops_sqlite.fmt_d(%s, '%s', %s)" % (a, flags, width))
            elif conv == "f":
                pieces.append("revops_sqlite.fmt_f(%s, %s, '%s', %s)" % (a, prec or "6", flags, width))
            elif conv == "g":
                pieces.append("revops_sqlite.fmt_g(%s, %s, %s)" % (a, prec or "6", "true" if "!" in flags else "false"))
            elif conv in "sz":
                pieces.append("revops_sqlite.fmt_s(%s)" % a)
            else:
                self.fail("printf conversion %%%s is not translated" % conv)
        if pos < len(fmt):
            pieces.append("'%s'" % fmt[pos:].replace("'", "''"))
        return Raw("(" + (" || ".join(pieces) if pieces else "''") + ")")

    # -- queries
    def query(self, items):
        out, i, n = [], 0, len(items)
        if kw(items[0], "WITH"):
            out.append(items[0])
            i = 1
            if kw(items[i], "RECURSIVE"):
                out.append(items[i])
                i += 1
            while True:
                out.append(items[i])  # name
                i += 1
                if isinstance(items[i], Group):  # column list
                    out.append(items[i])
                    i += 1
                while not isinstance(items[i], Group):
                    out.append(items[i])  # AS [NOT] [MATERIALIZED]
                    i += 1
                out.append(Group(self.query(items[i].items)))
                i += 1
                if i < n and punct(items[i], ","):
                    out.append(items[i])
                    i += 1
                    continue
                break
        # compound parts and the trailing ORDER BY / LIMIT
        rest = items[i:]
        cores, cur = [], []
        for it in rest:
            if kw(it, "UNION", "EXCEPT", "INTERSECT"):
                cores.append(cur)
                cores.append([it])
                cur = []
            elif kw(it, "ALL") and cores and len(cores[-1]) == 1 and not cur:
                cores[-1].append(it)
            else:
                cur.append(it)
        cores.append(cur)
        last = cores[-1]
        tail = []
        for j, it in enumerate(last):
            if kw(it, "ORDER", "LIMIT") and (kw(it, "LIMIT") or (j + 1 < len(last) and kw(last[j + 1], "BY"))):
                tail = last[j:]
                cores[-1] = last[:j]
                break
        if tail and len(cores) == 1 and kw(tail[0], "ORDER"):
            # a bare column in ORDER BY of a grouped query is grouped too
            j = next((k for k, it in enumerate(tail) if kw(it, "LIMIT")), len(tail))
            refs = []
            for p in split_top(tail[2:j]):
                while p and kw(p[-1], "ASC", "DESC", "NULLS", "FIRST", "LAST"):
                    p = p[:-1]
                if self.is_bare_column(p):
                    refs.append(p)
            self.order_refs = refs
        done = []
        for c in cores:
            if c and kw(c[0], "UNION", "EXCEPT", "INTERSECT"):
                done.append(c)
            else:
                done.append(self.core(c))
                self.order_refs = []
        carrier = self.union_types(cores, done)
        for k, c in enumerate(done):
            out += c
            if k == 0 and carrier:
                out += carrier
        if tail:
            out += self.trailer(tail)
        return out

    @staticmethod
    def select_items(core):
        """The select list of a compound's part (source tokens), one list
        per column; a VALUES part's first row; None when a column is *."""
        if core and kw(core[0], "VALUES"):
            return split_top(core[1].items) if len(core) > 1 and isinstance(core[1], Group) else None
        sel = []
        for it in core[1:]:
            if kw(it, *Translator.CLAUSES):
                break
            sel.append(it)
        while sel and kw(sel[0], "DISTINCT", "ALL"):
            sel = sel[1:]
        parts = split_top(sel)
        if any(p and isinstance(p[-1], Tok) and p[-1].text == "*" for p in parts):
            return None
        return parts

    @staticmethod
    def bare_null(p):
        return bool(p) and kw(p[0], "NULL") and (len(p) == 1 or (len(p) == 2 and isinstance(p[1], Tok)) or
                                                 (len(p) == 3 and kw(p[1], "AS")))

    def union_types(self, cores, done):
        """SQLite's columns have no types; PostgreSQL gives a UNION column
        the type of its parts, pairwise from the left, and two bare NULLs
        meet as text, which a later part's number then cannot match
        (insight_cards: the first rules leave conf_k NULL).  For each column
        whose first part is a bare NULL, the first later part that gives it
        a value lends its type: an empty part placed second,
            first UNION ALL SELECT _u3.c5, ... FROM (part 3) AS _u3 (c1, ..)
                            WHERE false UNION ALL second ...
        which adds no row and never runs (the planner drops it), so
        PostgreSQL resolves each column from a typed value.  Returns the
        items to insert after the first part, or [] when no column needs it
        (or the compound has INTERSECT, which PostgreSQL binds tighter)."""
        parts = [c for c in cores if not (c and kw(c[0], "UNION", "EXCEPT", "INTERSECT"))]
        if len(parts) < 2 or any(kw(c[0], "INTERSECT") for c in cores if c):
            return []
        lists = [self.select_items(c) for c in parts]
        first = lists[0]
        if first is None:
            return []
        n = len(first)
        donors = {}
        for k, p in enumerate(first):
            if not self.bare_null(p):
                continue
            for j in range(1, len(parts)):
                other = lists[j]
                if other is not None and len(other) == n and not self.bare_null(other[k]):
                    donors[k] = j
                    break
        if not donors:
            return []
        translated = [c for c in done if not (c and kw(c[0], "UNION", "EXCEPT", "INTERSECT"))]
        cols = ", ".join("_u%d.c%d" % (donors[k], k + 1) if k in donors else "NULL"
                         for k in range(n))
        names = ", ".join("c%d" % (k + 1) for k in range(n))
        out = [Raw("UNION ALL SELECT %s FROM" % cols)]
        for m, j in enumerate(sorted(set(donors.values()))):
            if m:
                out.append(Raw("CROSS JOIN"))
            out += [Group(translated[j]), Raw("AS _u%d (%s)" % (j, names))]
        out.append(Raw("WHERE false"))
        return out

    def trailer(self, items):
        out, i = [], 0
        if kw(items[0], "ORDER"):
            j = 2
            while j < len(items) and not kw(items[j], "LIMIT"):
                j += 1
            out += items[:2] + self.order_items(items[2:j])
            i = j
        if i < len(items):
            out += [items[i]] + self.expr(items[i + 1:], "value")
        return out

    CLAUSES = ("FROM", "WHERE", "GROUP", "HAVING", "WINDOW")

    def core(self, items):
        if kw(items[0], "VALUES"):
            return [items[0]] + join_commas([[Group(join_commas([self.expr(a, "value") for a in split_top(g.items)]))]
                                             for g in [p[0] for p in split_top(items[1:])]])
        if not kw(items[0], "SELECT"):
            self.fail("expected SELECT, got %s" % emit(items[:5]))
        clauses, cur, name = {}, [], "SELECT"
        order = []
        for it in items[1:]:
            if kw(it, *self.CLAUSES) and (name != "GROUP" or cur):
                clauses[name] = cur
                order.append(name)
                name, cur = it.up, []
            elif kw(it, "BY") and name == "GROUP" and not cur:
                continue
            else:
                cur.append(it)
        clauses[name] = cur
        order.append(name)
        out = [items[0]]
        sel = clauses["SELECT"]
        pre = []
        while sel and kw(sel[0], "DISTINCT", "ALL"):
            pre.append(sel[0])
            sel = sel[1:]
        sel_out, bare, expr_bare, grouped_refs = [], [], [], []
        group_text = {emit(g) for g in split_top(clauses["GROUP"])} if "GROUP" in clauses else set()
        minmax = self.one_min_max(sel) if "GROUP" in clauses else None
        bare_order = getattr(self, "order_refs", [])
        self.order_refs = []
        agg_query = "GROUP" not in clauses and any(self.has_aggregate(p) for p in split_top(sel))
        for p in split_top(sel):
            alias = []
            if len(p) >= 2 and kw(p[-2], "AS"):
                alias, p = p[-2:], p[:-2]
            elif len(p) >= 2 and isinstance(p[-1], Tok) and p[-1].kind in ("id", "qid") and \
                    p[-1].up not in ("END", "NULL", "TRUE", "FALSE") and \
                    (isinstance(p[-2], Group) or (isinstance(p[-2], Tok) and p[-2].kind in ("id", "qid", "str", "num")
                                                  and p[-2].up not in BOOL_WORDS and p[-2].up != "ELSE")):
                alias, p = [Tok("id", "AS"), p[-1]], p[:-1]
            if "GROUP" in clauses and minmax and self.is_bare_column(p) and emit(p) not in group_text \
                    and emit(p[-1:]) not in group_text:
                # SQLite: with exactly one min() or max(), a bare column is
                # taken from the row that holds the minimum (maximum)
                if not alias:
                    alias = [Tok("id", "AS"), p[-1]]
                fn, arg = minmax
                sel_out.append([Raw("(array_agg(%s ORDER BY %s %s NULLS LAST))[1]" % (
                    emit(self.expr(p, "value")), emit(self.expr(arg, "value")),
                    "ASC" if fn == "min" else "DESC"))] + alias)
                continue
            if "GROUP" in clauses:
                if self.is_bare_column(p):
                    bare.append(p)
                elif emit(p) not in group_text and not (alias and emit(alias[-1:]) in group_text):
                    # an expression of bare columns (forecast - actual)
                    self.bare_columns(p, expr_bare)
                else:
                    self.bare_columns(p, grouped_refs)
            elif agg_query:
                # an aggregate query without GROUP BY: a bare column is the
                # one row's value (NULL over no rows), as min() gives it
                if not alias and self.is_bare_column(p):
                    alias = [Tok("id", "AS"), p[-1]]
                p = self.min_bare(p)
            sel_out.append(self.expr(p, "value") + alias)
        out += pre + join_commas(sel_out)
        for name in order[1:]:
            body = clauses[name]
            if name == "FROM":
                out += [Raw("FROM")] + self.from_clause(body)
            elif name in ("WHERE", "HAVING"):
                out += [Raw(name)] + self.expr(body, "cond")
            elif name == "GROUP":
                keys = [self.expr(p, "value") for p in split_top(body)]
                have = {emit(k) for k in keys} | {emit(k[-1:]) for k in keys}
                # SQLite's bare columns (selected, not grouped, not in an
                # aggregate) are grouped too: they are what the group has in
                # common, so grouping by them changes no row.
                aliases = {emit(x[-1:]) for x in sel_out if len(x) >= 2 and kw(x[-2], "AS")}
                # a column inside a grouped expression (quarter's close_date)
                # is what the group has in common only through it: not grouped
                known = {emit(r) for r in grouped_refs}
                bare = bare + [r for r in expr_bare if emit(r) not in known]
                for ref in bare + [r for r in bare_order if emit(r) not in aliases]:
                    if emit(ref) not in have and emit(ref[-1:]) not in have:
                        keys.append(ref)
                        have.add(emit(ref))
                out += [Raw("GROUP BY")] + join_commas(keys)
            elif name == "WINDOW":
                parts = []
                for p in split_top(body):
                    parts.append(p[:-1] + [Group(self.window_spec(p[-1].items))])
                out += [Raw("WINDOW")] + join_commas(parts)
        return out

    def one_min_max(self, sel):
        """(fn, argument) when the select list has exactly one single-argument
        min() or max() and no other aggregate of that kind."""
        found = []
        def scan(items):
            for i, it in enumerate(items):
                nxt = items[i + 1] if i + 1 < len(items) else None
                if isinstance(it, Tok) and it.kind == "id" and isinstance(nxt, Group):
                    after = items[i + 2] if i + 2 < len(items) else None
                    if it.text.lower() in ("min", "max") and len(split_top(nxt.items)) == 1 and not kw(after, "OVER"):
                        found.append((it.text.lower(), nxt.items))
                    elif not is_query(nxt.items):
                        scan(nxt.items)
                elif type(it) is Group and not is_query(it.items):
                    scan(it.items)
        scan(sel)
        return found[0] if len(found) == 1 else None

    def has_aggregate(self, items):
        for i, it in enumerate(items):
            nxt = items[i + 1] if i + 1 < len(items) else None
            if isinstance(it, Tok) and it.kind == "id" and isinstance(nxt, Group) and it.text.lower() in AGGREGATES:
                after = items[i + 2] if i + 2 < len(items) else None
                if kw(after, "FILTER"):
                    after = items[i + 4] if i + 4 < len(items) else None
                if not kw(after, "OVER") and not (it.text.lower() in ("min", "max") and len(split_top(nxt.items)) > 1):
                    return True
            if type(it) is Group and not is_query(it.items) and self.has_aggregate(it.items):
                return True
        return False

    def min_bare(self, items):
        refs = []
        self.bare_columns(items, refs)
        if not refs:
            return items
        out, i, n = [], 0, len(items)
        # replace each top-level or nested bare reference by min(ref)
        def rewrite(lst):
            res, k = [], 0
            while k < len(lst):
                it = lst[k]
                nxt = lst[k + 1] if k + 1 < len(lst) else None
                if isinstance(it, Tok) and it.kind in ("id", "qid") and isinstance(nxt, Group):
                    if it.text.lower() in AGGREGATES:
                        res += [it, nxt]
                        k += 2
                        continue
                    res += [it, Group(rewrite(nxt.items))]
                    k += 2
                    continue
                if type(it) is Group:
                    res.append(it if is_query(it.items) else Group(rewrite(it.items)))
                    k += 1
                    continue
                if isinstance(it, Tok) and it.kind in ("id", "qid") and it.up not in SQL_WORDS and \
                        not (k > 0 and isinstance(lst[k - 1], Tok) and lst[k - 1].text == "."):
                    if isinstance(nxt, Tok) and nxt.text == "." and k + 2 < len(lst):
                        res += [Tok("id", "min"), Group([it, nxt, lst[k + 2]])]
                        k += 3
                        continue
                    res += [Tok("id", "min"), Group([it])]
                    k += 1
                    continue
                res.append(it)
                k += 1
            return res
        del out, i, n
        return rewrite(items)

    def bare_columns(self, items, out):
        """Column references outside aggregates (and sub-queries)."""
        i, n = 0, len(items)
        while i < n:
            it = items[i]
            nxt = items[i + 1] if i + 1 < n else None
            if isinstance(it, Tok) and it.kind in ("id", "qid") and isinstance(nxt, Group):
                if it.text.lower() in AGGREGATES:
                    i += 2
                    while i < n and (kw(items[i], "FILTER", "OVER")):
                        i += 2
                    continue
                self.bare_columns(nxt.items, out)
                i += 2
                continue
            if isinstance(it, Group):
                if not is_query(it.items):
                    self.bare_columns(it.items, out)
                i += 1
                continue
            if isinstance(it, Tok) and it.kind in ("id", "qid") and it.up not in SQL_WORDS:
                if isinstance(nxt, Tok) and nxt.text == "." and i + 2 < n:
                    out.append([it, nxt, items[i + 2]])
                    i += 3
                    continue
                if not (i > 0 and isinstance(items[i - 1], Tok) and items[i - 1].text == "."):
                    out.append([it])
            i += 1

    @staticmethod
    def is_bare_column(p):
        if len(p) == 1 and isinstance(p[0], Tok) and p[0].kind in ("id", "qid") and p[0].up not in ("NULL",):
            return True
        return len(p) == 3 and isinstance(p[1], Tok) and p[1].text == "." and isinstance(p[2], Tok) and \
            p[2].kind in ("id", "qid")

    JOIN_WORDS = ("JOIN", "LEFT", "INNER", "CROSS", "NATURAL", "RIGHT", "FULL", "OUTER")

    def from_clause(self, items):
        out, i, n = [], 0, len(items)
        while i < n:
            it = items[i]
            if kw(it, "ON"):
                # SQLite takes ON after CROSS JOIN (an order hint); PostgreSQL
                # an inner join
                for k in range(len(out) - 1, -1, -1):
                    if kw(out[k], "CROSS") or (isinstance(out[k], Raw) and out[k].text == "CROSS JOIN"):
                        out[k] = Raw("INNER") if kw(out[k], "CROSS") else Raw("INNER JOIN")
                        break
                    if kw(out[k], "JOIN") and k > 0 and (kw(out[k - 1], "CROSS")):
                        continue
                    if kw(out[k], "JOIN", "LEFT", "INNER", "RIGHT", "FULL", "NATURAL") or \
                            (isinstance(out[k], Raw) and out[k].text.endswith("JOIN")):
                        break
                j = i + 1
                while j < n and not kw(items[j], *self.JOIN_WORDS) and not punct(items[j], ","):
                    j += 1
                out += [it] + self.expr(items[i + 1:j], "cond")
                i = j
                continue
            if isinstance(it, Group):
                if is_query(it.items):
                    out.append(Group(self.query(it.items)))
                    nxt = items[i + 1] if i + 1 < n else None
                    if not (kw(nxt, "AS") or (isinstance(nxt, Tok) and nxt.kind in ("id", "qid") and
                                              not kw(nxt, *self.JOIN_WORDS) and not kw(nxt, "ON", "USING", "WHERE"))):
                        # PostgreSQL 15 wants a name for a sub-query in FROM
                        self.nsub = getattr(self, "nsub", 0) + 1
                        out.append(Raw("AS _sub%d" % self.nsub))
                else:
                    out.append(Group(self.from_clause(it.items)))
                i += 1
                continue
            if isinstance(it, Tok) and it.kind in ("id", "qid") and i + 1 < n and isinstance(items[i + 1], Group) \
                    and it.up not in ("USING", "AS", "ON") and not kw(it, *self.JOIN_WORDS):
                args = [self.expr(a, "value") for a in split_top(items[i + 1].items)] if items[i + 1].items else []
                out += [it, Group(join_commas(args))]
                i += 2
                continue
            if punct(it, ","):
                # a comma joins as CROSS JOIN does in SQLite: left to right,
                # so a later JOIN's ON can name any table before it
                out.append(Raw("CROSS JOIN"))
                i += 1
                continue
            if kw(it, "INDEXED") or (kw(it, "NOT") and i + 1 < n and kw(items[i + 1], "INDEXED")):
                self.fail("INDEXED BY is not translated")
            out.append(it)
            i += 1
        return self.join_on(out)

    def join_on(self, items):
        """A LEFT or plain JOIN without ON (SQLite takes it: every row
        matches) gets ON true."""
        out, need = [], False
        for it in items:
            starts = kw(it, "LEFT", "INNER", "RIGHT", "FULL", "CROSS", "NATURAL") or \
                (isinstance(it, Raw) and it.text.endswith("JOIN")) or \
                (kw(it, "JOIN") and not (out and kw(out[-1], "LEFT", "INNER", "RIGHT", "FULL", "CROSS", "NATURAL", "OUTER")))
            if starts:
                if need:
                    out.append(Raw("ON true"))
                need = not (kw(it, "CROSS", "NATURAL") or (isinstance(it, Raw) and it.text == "CROSS JOIN"))
            if kw(it, "ON", "USING"):
                need = False
            out.append(it)
        if need:
            out.append(Raw("ON true"))
        return out

    # -- DDL
    def create_table(self, items):
        # CREATE TABLE [IF NOT EXISTS] name ( defs ) [STRICT] [WITHOUT ROWID]
        j = next(k for k, it in enumerate(items) if isinstance(it, Group))
        head, body = items[:j], items[j].items
        defs = []
        for d in split_top(body):
            if kw(d[0], "CHECK", "PRIMARY", "UNIQUE", "FOREIGN", "CONSTRAINT"):
                defs.append(self.constraint(d))
                continue
            name, rest = d[0], d[1:]
            typ = []
            while rest and isinstance(rest[0], Tok) and rest[0].kind == "id" and \
                    rest[0].up in ("TEXT", "INTEGER", "INT", "REAL", "BLOB", "NUMERIC", "ANY"):
                typ.append(rest[0].up)
                rest = rest[1:]
            t = typ[0] if typ else "ANY"
            pg = {"TEXT": 'text COLLATE "C"', "INTEGER": "bigint", "INT": "bigint", "REAL": "double precision",
                  "BLOB": "bytea", "NUMERIC": "double precision"}.get(t)
            if pg is None:
                self.fail("column %s has no type PostgreSQL can take (%s)" % (name.text, t))
            cons = self.constraint(rest)
            if t == "INTEGER" and len(rest) >= 2 and kw(rest[0], "PRIMARY") and kw(rest[1], "KEY"):
                pg = "bigint GENERATED BY DEFAULT AS IDENTITY"
            defs.append([name, Raw(pg)] + cons)
        return head + [Group(join_commas(defs))]

    def constraint(self, items):
        out, i, n = [], 0, len(items)
        while i < n:
            it = items[i]
            if kw(it, "CHECK") and i + 1 < n and isinstance(items[i + 1], Group):
                out += [it, Group(self.expr(items[i + 1].items, "cond"))]
                i += 2
            elif kw(it, "DEFAULT") and i + 1 < n:
                nxt = items[i + 1]
                if isinstance(nxt, Group):
                    out += [it, Group(self.expr(nxt.items, "value"))]
                elif isinstance(nxt, Tok) and nxt.kind == "op" and nxt.text == "-":
                    out += [it, nxt, items[i + 2]]
                    i += 1
                else:
                    out += [it] + self.walk([nxt], "value")
                i += 2
            elif kw(it, "COLLATE"):
                out += [Raw('COLLATE "C"')] if items[i + 1].text.upper() in ("BINARY", "RTRIM") else \
                    self.fail("COLLATE %s is not translated" % items[i + 1].text)
                i += 2
            elif kw(it, "AUTOINCREMENT"):
                i += 1
            else:
                out.append(it)
                i += 1
        return out

    def statement(self, items):
        """One statement: its PostgreSQL form, or None to leave it out."""
        if not items:
            return None
        first = items[0].up if isinstance(items[0], Tok) else None
        if first == "PRAGMA":
            return None
        if first == "DROP" and kw(items[1], "VIEW"):
            return emit(items) + " CASCADE"
        if first == "DROP" and kw(items[1], "TABLE", "INDEX", "TRIGGER"):
            return emit(items)
        if first == "CREATE":
            k = 1
            while kw(items[k], "TEMP", "TEMPORARY", "UNIQUE"):
                k += 1
            what = items[k].up
            if what == "VIEW":
                j = next(x for x, it in enumerate(items) if kw(it, "AS"))
                if isinstance(items[j - 1], Group):
                    # a column list: a name PostgreSQL reserves (window) is quoted
                    cols = [[Tok("qid", '"%s"' % p[0].text) if isinstance(p[0], Tok) and p[0].up in PG_RESERVED else p[0]]
                            for p in split_top(items[j - 1].items)]
                    name = [items[j - 2], Group(join_commas(cols))]
                else:
                    name = [items[j - 1]]
                return "CREATE OR REPLACE VIEW %s AS %s" % (emit(name), emit(self.query(items[j + 1:])))
            if what == "TABLE":
                if kw(items[-1], "STRICT"):
                    items = items[:-1]
                if kw(items[-1], "ROWID"):
                    items = items[:-2]
                return emit(self.create_table(items))
            if what == "INDEX":
                return emit(items)
            if what == "TRIGGER":
                self.fail("triggers are not translated")
        if first == "INSERT":
            ignore = len(items) > 2 and kw(items[1], "OR") and kw(items[2], "IGNORE")
            if len(items) > 2 and kw(items[1], "OR") and not ignore:
                self.fail("INSERT OR %s is not translated" % items[2].text)
            body = items[3:] if ignore else items[1:]
            j = next(x for x, it in enumerate(body) if kw(it, "VALUES", "SELECT", "WITH"))
            sql = "INSERT " + emit(body[:j]) + " " + emit(self.query(body[j:]))
            return sql + (" ON CONFLICT DO NOTHING" if ignore else "")
        if first == "UPDATE":
            # UPDATE t SET c = expr, ... [WHERE cond]: a correction of shipped
            # rows (sql/schema.sql's benchmarks), the expressions translated
            k = next(x for x, it in enumerate(items) if kw(it, "SET"))
            w = next((x for x, it in enumerate(items) if kw(it, "WHERE")), len(items))
            sets = []
            for part in split_top(items[k + 1:w]):
                e = next(x for x, it in enumerate(part) if isinstance(it, Tok) and it.text == "=")
                sets.append(emit(part[:e]) + " = " + emit(self.expr(part[e + 1:], "value")))
            sql = "UPDATE %s SET %s" % (emit(items[1:k]), ", ".join(sets))
            return sql + (" WHERE " + emit(self.expr(items[w + 1:], "cond")) if w < len(items) else "")
        if first in ("SELECT", "WITH", "VALUES"):
            return emit(self.query(items))
        if first in ("BEGIN", "COMMIT", "END", "SAVEPOINT", "RELEASE"):
            return None
        self.fail("statement not translated: %s" % emit(items[:6]))


# ------------------------------------------------------------ files
def translate_file(path, skip_views=False):
    tr = Translator(os.path.relpath(path, ROOT))
    out = []
    for st in split_statements(open(path, encoding="utf-8").read()):
        sql = tr.statement(st)
        if sql is not None:
            out.append(sql)
    return out


def view_files():
    d = os.path.join(ROOT, "sql", "views")
    return [os.path.join(d, f) for f in sorted(os.listdir(d))
            if f.endswith(".sql") and f != "99_derived.sql"]


def schema_sql():
    return translate_file(os.path.join(ROOT, "sql", "schema.sql"))


def views_sql():
    """Tables the view files create, then every view in dependency order."""
    tables, views, names = [], {}, []
    for f in view_files():
        for sql in translate_file(f):
            m = re.match(r"CREATE OR REPLACE VIEW ([^\s(]+)", sql)
            if m:
                views[m.group(1)] = sql
                names.append(m.group(1))
            elif sql.startswith("DROP VIEW"):
                continue
            else:
                tables.append(sql)
    words = {n: set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", views[n])) for n in names}
    done, out, seen = set(), [], set()

    def visit(n):
        if n in done:
            return
        if n in seen:
            raise DialectError("views refer to each other in a cycle: %s" % n)
        seen.add(n)
        for m in names:
            if m != n and m in words[n]:
                visit(m)
        done.add(n)
        out.append(views[n])

    for n in names:
        visit(n)
    drops = ["DROP VIEW IF EXISTS %s CASCADE" % n for n in reversed(names)]
    return tables, drops + out


def install_script(tolerant=False):
    """One script: the runtime, the schema, the views.  tolerant: each view
    in a savepoint of its own, a failure a warning (tests/postgres lists
    what does not translate yet), instead of stopping the script."""
    parts = ["SET client_min_messages = warning", "BEGIN"]
    parts.append(open(os.path.join(ROOT, "ext", "postgres", "sqlite_dialect.sql"), encoding="utf-8").read().rstrip().rstrip(";"))
    parts.append("SET search_path = public, revops_sqlite, pg_catalog")
    parts += schema_sql()
    tables, views = views_sql()
    parts += tables
    if tolerant:
        for v in views:
            if v.startswith("DROP"):
                parts.append(v)
                continue
            name = re.match(r"CREATE OR REPLACE VIEW ([^\s(]+)", v).group(1)
            parts.append("SAVEPOINT v")
            parts.append("\\set ON_ERROR_STOP 0\n" + v)
            parts.append("\\if :ERROR\n\\echo 'not installed: %s'\nROLLBACK TO SAVEPOINT v;\n\\endif\n\\set ON_ERROR_STOP 1\nRELEASE SAVEPOINT v" % name)
    else:
        parts += views
    parts.append("COMMIT")
    return ";\n".join(parts) + ";\n"


def dashboards_json():
    import dashboards
    global EMIT_PARAMS
    EMIT_PARAMS = True
    out = {}
    for q in dashboards.load():
        tr = Translator("sql/dashboards/%s.sql %s" % (q.persona, q.name))
        st = split_statements(q.sql)
        if len(st) != 1:
            raise DialectError("%s: one statement expected" % tr.where)
        out.setdefault(q.persona, []).append({"name": q.name, "sql": emit(tr.query(st[0]), params=True)})
    return out


def load(sqlite_path, dsn):
    """Copy every canonical table (and the import's rejects and summaries)
    of a database the CSV import filled into PostgreSQL, in one transaction:
    the import's reader, checks and rejects are SQLite's (sql/import), the
    rows reach PostgreSQL through COPY, as data, never as SQL text.  The
    tables are emptied first (a database mirrors its SQLite import)."""
    import csv
    import io
    import sqlite3
    import psycopg2
    src = sqlite3.connect("file:%s?mode=ro" % sqlite_path, uri=True)
    src.execute("PRAGMA trusted_schema = OFF")
    con = psycopg2.connect(dsn)
    cur = con.cursor()
    cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                " AND table_type = 'BASE TABLE'")
    pg_tables = {r[0] for r in cur.fetchall()}
    # FK order: SQLite's schema lists parents first
    order = [r[0] for r in src.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid")]
    names = [t for t in order if t in pg_tables]
    cur.execute("TRUNCATE %s CASCADE" % ", ".join('"%s"' % t.replace('"', '""') for t in names))
    counts = {}
    for t in names:
        cur.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                    " AND table_name = %s ORDER BY ordinal_position", (t,))
        pg_cols = [r[0] for r in cur.fetchall()]
        sq_cols = [r[1] for r in src.execute("SELECT * FROM pragma_table_info(?)", (t,))]
        cols = [c for c in sq_cols if c in pg_cols]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        n = 0
        q = "SELECT %s FROM \"%s\"" % (", ".join('"%s"' % c.replace('"', '""') for c in cols), t.replace('"', '""'))
        for row in src.execute(q):
            w.writerow(["\\N" if v is None else (repr(v) if isinstance(v, float) else v) for v in row])
            n += 1
        buf.seek(0)
        cur.copy_expert("COPY \"%s\" (%s) FROM STDIN WITH (FORMAT csv, NULL '\\N')" % (
            t.replace('"', '""'), ", ".join('"%s"' % c.replace('"', '""') for c in cols)), buf)
        counts[t] = n
    # identity columns continue after the copied ids
    cur.execute("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
                " AND is_identity = 'YES'")
    for t, c in cur.fetchall():
        cur.execute("SELECT setval(pg_get_serial_sequence(%s, %s), coalesce((SELECT max(\"%s\") FROM \"%s\"), 0) + 1, false)"
                    % ("%s", "%s", c.replace('"', '""'), t.replace('"', '""')), ('"%s"' % t, c))
    con.commit()
    # statistics for the planner: without them every estimate is one row and
    # the views' aggregates run under nested loops, once per outer row
    con.autocommit = True
    con.cursor().execute("ANALYZE")
    return counts


def main(argv):
    if len(argv) == 4 and argv[1] == "load":
        counts = load(argv[2], argv[3])
        print("%d tables, %d rows" % (len(counts), sum(counts.values())))
        return 0
    if len(argv) != 2 or argv[1] not in ("schema", "views", "install", "install-tolerant", "dashboards"):
        sys.stderr.write(__doc__)
        return 2
    try:
        if argv[1] == "schema":
            sys.stdout.write(";\n".join(schema_sql()) + ";\n")
        elif argv[1] == "views":
            tables, views = views_sql()
            sys.stdout.write(";\n".join(tables + views) + ";\n")
        elif argv[1] in ("install", "install-tolerant"):
            sys.stdout.write(install_script(argv[1] == "install-tolerant"))
        else:
            json.dump(dashboards_json(), sys.stdout, indent=1)
            sys.stdout.write("\n")
    except DialectError as e:
        sys.stderr.write("pg_dialect.py: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
