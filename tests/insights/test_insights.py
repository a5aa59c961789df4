#!/usr/bin/python3
"""tests/insights/test_insights.py EXT [DEMO_DB]

The insight cards, next-best actions, coaching, churn actions and alerts
(sql/views/80_insight_base.sql .. 88_alerts.sql, tools/alerts.py).  For each
rule a small database built here with plain SQL on top of sql/schema.sql
where it must fire and one where it must not; confidence against a Wilson
interval computed here and its movement with sample size; JSON that parses
for hostile text; acknowledge / resolve / re-raise cycles and the alert
command's exit code; and, given DEMO_DB, the demo checks (each category has
a card, every id in the supporting data exists).  Every query runs under
PRAGMA trusted_schema=OFF.  Ends with "N passed, N failed".
"""
import glob
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXT = sys.argv[1]
DEMO = sys.argv[2] if len(sys.argv) > 2 else None
PASS = FAIL = 0


def check(label, ok, detail=""):
    global PASS, FAIL
    if ok:
        PASS += 1
    else:
        FAIL += 1
        print("FAIL insights: %s%s" % (label, ("\n     " + str(detail)) if detail != "" else ""))


def connect(path=":memory:"):
    con = sqlite3.connect(path)
    con.enable_load_extension(True)
    con.load_extension(EXT)
    return con


def install(con):
    con.executescript(open(os.path.join(ROOT, "sql", "schema.sql")).read())
    for f in sorted(glob.glob(os.path.join(ROOT, "sql", "views", "*.sql"))):
        con.executescript(open(f).read())
    con.execute("PRAGMA trusted_schema = OFF")


TEMPLATE = connect()
install(TEMPLATE)


def db(today="2026-03-02"):
    """An empty revops database as of 2026-03-01, one AE and one account
    (a copy of one installed schema: installing it each time is slow)."""
    con = connect()
    TEMPLATE.backup(con)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA trusted_schema = OFF")
    con.executescript("""
      INSERT INTO settings VALUES ('as_of', '2026-03-01');
      INSERT INTO reps (rep_id, name, role) VALUES ('R1', 'Rep One', 'AE');
      INSERT INTO accounts (account_id, name, segment) VALUES ('A1', 'Account One', 'SMB');
    """)
    con.execute("INSERT INTO settings VALUES ('today', ?)", (today,))
    return con


def opp(con, oid, stage="Demo", amount=10000, close="2026-03-30", entered="2026-02-25", created="2026-02-01",
        next_step="Call back", owner="R1", channel=None, account="A1", original=None, loss=None):
    con.execute("""INSERT INTO opportunities (opportunity_id, account_id, owner_rep_id, stage, amount, original_amount,
                   created_date, close_date, stage_entered_date, next_step, channel, loss_reason)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
                (oid, account, owner, stage, amount, original, created, close, entered, next_step, channel, loss))


def contact(con, cid, seniority="Manager", account="A1"):
    con.execute("INSERT OR IGNORE INTO contacts (contact_id, account_id, seniority) VALUES (?,?,?)", (cid, account, seniority))


def act(con, aid, oid, when, kind="Call", contact_id=None, rep="R1", account="A1"):
    con.execute("INSERT INTO activities (activity_id, activity_type, occurred_at, rep_id, account_id, contact_id, opportunity_id)"
                " VALUES (?,?,?,?,?,?,?)", (aid, kind, when, rep, account, contact_id, oid))


def rules(con):
    return [r for (r,) in con.execute("SELECT card_id FROM insight_cards ORDER BY card_id")]


def card(con, card_id):
    r = con.execute("SELECT severity, confidence, message, data FROM insight_cards WHERE card_id = ?", (card_id,)).fetchone()
    return None if r is None else dict(zip(("severity", "confidence", "message", "data"), r))


def fires(label, con, card_id, want=True):
    got = rules(con)
    check("%s: %s %s" % (label, card_id, "fires" if want else "does not fire"), (card_id in got) == want, "cards: %s" % got)
    if want and card_id in got:
        r = con.execute("SELECT rule, message, data, metrics FROM insight_cards WHERE card_id = ?", (card_id,)).fetchone()
        card_metrics(con, "%s: %s" % (label, card_id), *r)
        RULES_SEEN.add(r[0])


# ------------------------------------------- metric ids of the figures
# Issue 21: every number a card or alert prints is a value of its `data`
# (as printed: a percent is 100 x the fraction, a %d truncates or rounds),
# and `metrics` names the catalogue metric of every number in `data`.
# Words of a label that hold a digit are no figure; they are listed here.
LABEL_WORDS = ("bottom 25%", "trailing 12 months", "the top 10 ")
NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?%?")
RULES_SEEN, ALERTS_SEEN = set(), set()


def printed_numbers(message, data):
    text = message
    texts = [v for v in data.values() if isinstance(v, str)]
    for v in sorted(texts, key=len, reverse=True):
        text = text.replace(v, " ")
    for w in LABEL_WORDS:
        text = text.replace(w, " ", 1)
    return NUMBER.findall(text)


def shown_as(token, value):
    """Whether value, printed, reads token: 12.5% is 0.125, -91% is -0.91,
    1,234 is 1234.4 (rounded) or 1234.9 (%d truncates); a drift printed as
    its size with above/below matches either sign."""
    pct = token.endswith("%")
    t = token.rstrip("%").replace(",", "")
    x = float(t)
    dec = len(t.split(".")[1]) if "." in t else 0
    v = 100 * value if pct else value
    tol = 0.5 * 10 ** -dec + 1e-9 * max(1, abs(v))
    return any(abs(x - w) <= tol or (dec == 0 and float(int(w)) == x) for w in (v, -v))


def card_metrics(con, label, rule, message, data_text, metrics_text):
    global CATALOGUE
    if CATALOGUE is None:
        CATALOGUE = {r[0]: r[1:] for r in con.execute("SELECT metric_id, label, window, source_view FROM revops_metrics")}
    data, metrics = json.loads(data_text), json.loads(metrics_text)
    nums = {k: v for k, v in data.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    check("%s: every number in data has a metric id" % label, set(nums) <= set(metrics), sorted(set(nums) - set(metrics)))
    check("%s: every key of metrics is in data" % label, set(metrics) <= set(data), sorted(set(metrics) - set(data)))
    check("%s: every metric id is in revops_metrics" % label, all(m in CATALOGUE for m in metrics.values()),
          sorted(m for m in metrics.values() if m not in CATALOGUE))
    loose = [t for t in printed_numbers(message, data) if not any(shown_as(t, v) for v in nums.values())]
    check("%s: every number the message prints is a data value" % label, not loose, (loose, message, data))


CATALOGUE = None


def wilson(k, n, z=1.96):
    p = k / n
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return c - h, c + h


def rate_conf(k, n, t, claim):
    lo, hi = wilson(k, n)
    share = (t - lo) / (hi - lo) if claim == "below" else (hi - t) / (hi - lo)
    return round(min(1, max(0, share)) * (1 - (hi - lo)), 3)


# ------------------------------------------------------------ channels
def channels(spend_won):
    con = db()
    n = 0
    for ch, spend, wins in spend_won:
        con.execute("INSERT INTO marketing_spend (spend_date, channel, segment, region, amount) VALUES ('2026-01-10', ?, 'SMB', 'EMEA', ?)", (ch, spend))
        for amount in wins:
            n += 1
            opp(con, "W%d" % n, stage="Closed Won", amount=amount, close="2026-01-20", channel=ch)
    return con


con = channels([("Referral", 1000, [20000]), ("Bulk", 3000, [100] * 10), ("Events", 10000, [5000])])
fires("channels", con, "channel_best_roi:Referral")
fires("channels", con, "channel_worst_roi:Bulk")
fires("channels", con, "channel_best_cac:Bulk")
fires("channels", con, "channel_worst_cac:Events")
c = card(con, "channel_best_roi:Referral")
d = json.loads(c["data"])
check("channels: data of the best channel", d["channel"] == "Referral" and d["spend"] == 1000 and d["deals_won"] == 1
      and abs(d["roi"] - 19) < 1e-9, d)
check("channels: message carries ROI and CAC", "1900%" in c["message"] and "CAC 1,000" in c["message"], c["message"])
# ratio confidence by hand: revenue per dollar 20 against 26000/14000 overall, n = 1 won + 1
dd = abs(20 / (26000 / 14000) - 1)
check("channels: ratio confidence d*sqrt(n)/(d*sqrt(n)+1)", abs(c["confidence"] - round(dd * math.sqrt(2) / (dd * math.sqrt(2) + 1), 3)) < 1e-9, c)
# The card and the marketing dashboard's channel table read the same facts
# (marketing_facts): with every fact inside the card's window they show the
# same ROI (Referral: (20000 - 1000) / 1000 = 19), and the card names its
# window.
sys.path.insert(0, os.path.join(ROOT, "tools"))
import dashboards  # noqa: E402
tbl = [p for p in dashboards.run_persona(con, "marketing", {})["panels"] if p["name"] == "channel_table"][0]
roi = {r[0]: r[tbl["columns"].index("roi")] for r in tbl["rows"]}
check("channels: the card's ROI is the channel table's, and the card names its window",
      abs(roi.get("Referral", 0) - 19) < 1e-9 and abs(d["roi"] - roi["Referral"]) < 1e-9
      and "in the 365 days to 2026-03-01" in c["message"], (roi, c["message"]))
# Issue 21: the ROI card and the channel table name different metrics when
# they are different numbers.  Referral also spent 1,000 in 2024, outside
# the card's 365 days: the table (all time) has ROI (20000 - 2000) / 2000
# = 9, the card (2025-03-01 .. 2026-03-01) (20000 - 1000) / 1000 = 19.
con = channels([("Referral", 1000, [20000]), ("Bulk", 3000, [100] * 10), ("Events", 10000, [5000])])
con.execute("INSERT INTO marketing_spend (spend_date, channel, segment, region, amount) VALUES ('2024-06-10', 'Referral', 'SMB', 'EMEA', 1000)")
c = con.execute("SELECT data, metrics FROM insight_cards WHERE card_id = 'channel_best_roi:Referral'").fetchone()
d, m = json.loads(c[0]), json.loads(c[1])
tbl = [p for p in dashboards.run_persona(con, "marketing", {})["panels"] if p["name"] == "channel_table"][0]
roi = {r[0]: r[tbl["columns"].index("roi")] for r in tbl["rows"]}
lab = dict(con.execute("SELECT metric_id, label FROM revops_metrics WHERE metric_id IN (?, ?)", (m.get("roi"), tbl["metrics"].get("roi"))).fetchall())
check("channels: card ROI 19 (365 days) and table ROI 9 (all time) name two metrics with two labels",
      abs(d["roi"] - 19) < 1e-9 and abs(roi["Referral"] - 9) < 1e-9 and m.get("roi") == "channel_roi_365d"
      and tbl["metrics"].get("roi") == "marketing_roi" and lab.get("channel_roi_365d") == "Channel ROI, trailing 365 days"
      and lab.get("marketing_roi") != lab.get("channel_roi_365d"), (d, roi, m, tbl["metrics"], lab))
con = channels([("Referral", 1000, [20000])])
check("channels: one channel, no channel card", not any(r.startswith("channel_") for r in rules(con)), rules(con))
con = channels([("Referral", 1000, [20000, 20000]), ("Events", 10000, [5000])])
fires("channels agree", con, "channel_best_cac:Referral", False)
fires("channels agree", con, "channel_worst_cac:Events", False)
fires("channels agree", con, "channel_worst_roi:Events")


# -------------------------------------------------------------- funnel
def funnel(opp_converted):
    con = db()
    opp(con, "F1", stage="Qualification")
    for i in range(100):
        mql = "2026-01-05" if i < 10 else None
        sal = "2026-01-06" if i < 6 else None
        sql_ = "2026-01-07" if i < 3 else None
        conv = i < opp_converted
        con.execute("INSERT INTO leads (lead_id, created_date, channel, mql_date, sal_date, sql_date, converted_date, opportunity_id)"
                    " VALUES (?, '2026-01-01', 'Organic', ?, ?, ?, ?, ?)",
                    ("L%d" % i, mql, sal, sql_, "2026-01-08" if conv else None, "F1" if conv else None))
    return con


con = funnel(1)
fires("funnel", con, "funnel_bottleneck:sql_to_opp")
c = card(con, "funnel_bottleneck:sql_to_opp")
check("funnel: bottom 25% is critical", c and c["severity"] == "critical", c)
check("funnel: confidence is the Wilson share below 50% times (1 - width)", c and c["confidence"] == rate_conf(1, 3, 0.5, "below"),
      (c and c["confidence"], rate_conf(1, 3, 0.5, "below")))
con = funnel(3)
check("funnel: every stage at its median, no bottleneck", not any(r.startswith("funnel_") for r in rules(con)), rules(con))

# --------------------------------------------------------------- stuck
con = db()
opp(con, "S1", stage="Proposal", amount=60000, entered="2026-01-01")
opp(con, "S2", stage="Proposal", amount=40000, entered="2026-01-01")
opp(con, "S3", stage="Proposal", amount=90000, entered="2026-02-01")
fires("stuck", con, "stuck_deals")
check("stuck: only the deal over 45 days and 50K", json.loads(card(con, "stuck_deals")["data"])["deal_ids"] == ["S1"], card(con, "stuck_deals"))
conf1 = card(con, "stuck_deals")["confidence"]
check("stuck: one deal, confidence sqrt(1)/(sqrt(1)+1)", conf1 == 0.5, conf1)
for i in range(2, 5):
    opp(con, "S1%d" % i, stage="Proposal", amount=60000, entered="2026-01-01")
check("stuck: confidence grows with the count", card(con, "stuck_deals")["confidence"] > conf1, card(con, "stuck_deals"))
con = db()
opp(con, "S2", stage="Proposal", amount=40000, entered="2026-01-01")
opp(con, "S3", stage="Proposal", amount=90000, entered="2026-02-01")
fires("stuck", con, "stuck_deals", False)


# ------------------------------------------------------------ coverage
def coverage(pipeline):
    con = db()
    con.execute("INSERT INTO quotas VALUES ('R1', '2026-01-01', '2026-04-01', 'new_arr', 100000)")
    opp(con, "C1", stage="Proposal", amount=pipeline, close="2026-03-20")
    opp(con, "C2", stage="Proposal", amount=pipeline, close="2026-06-20")   # closes after the period: not counted
    return con


con = coverage(150000)
fires("coverage", con, "coverage_short")
check("coverage: 1.5x is critical (seed 001: under 2x at risk)", card(con, "coverage_short")["severity"] == "critical", card(con, "coverage_short"))
fires("coverage", coverage(400000), "coverage_short", False)


# --------------------------------------------------------------- drift
def drift(commit):
    con = db()
    con.execute("INSERT INTO forecast_submissions VALUES ('R1', '2026-01-01', '2026-04-01', '2026-02-20', 'Commit', ?)", (commit,))
    opp(con, "D1", stage="Contract Sent", amount=100000, close="2026-03-20")
    return con


fires("drift", drift(200000), "forecast_drift")
fires("drift", drift(100000), "forecast_drift", False)   # 100,000 against 90,000 weighted: 11%


# --------------------------------------------------------------- churn
def churn(recent, reason="price", extra_customers=0):
    con = db()
    n = 10 + extra_customers
    for i in range(n):
        a = "K%d" % i
        con.execute("INSERT INTO accounts (account_id, name, segment) VALUES (?, ?, 'SMB')", (a, a))
        end = None
        if i < recent:
            end = "2026-01-15"
        elif i == n - 1:
            end = "2025-10-15"
        con.execute("INSERT INTO subscriptions (subscription_id, account_id, start_date, end_date, mrr) VALUES (?, ?, '2025-01-01', ?, 100)",
                    ("SUB" + a, a, end))
        if end:
            con.execute("INSERT INTO churn_events VALUES (?, ?, ?, ?, 'churn', ?, 100, NULL, NULL)",
                        ("CH" + a, a, "SUB" + a, end, reason if end == "2026-01-15" else "support"))
    return con


con = churn(3)
fires("churn", con, "churn_rising")
fires("churn reason", con, "churn_reason_growing:SMB")
d = json.loads(card(con, "churn_reason_growing:SMB")["data"])
check("churn reason: data names segment and reason", d["segment"] == "SMB" and d["reason_code"] == "price" and d["events"] == 3
      and sorted(d["account_ids"]) == ["K0", "K1", "K2"], d)
con = churn(0)
fires("churn", con, "churn_rising", False)
fires("churn reason", con, "churn_reason_growing:SMB", False)
fires("churn reason", churn(1), "churn_reason_growing:SMB", False)   # one event is no trend
# confidence with sample size: the same rates on five times the customers
small = card(churn(3), "churn_rising")["confidence"]
con = db()
for i in range(50):
    a = "K%d" % i
    con.execute("INSERT INTO accounts (account_id, name, segment) VALUES (?, ?, 'SMB')", (a, a))
    end = "2026-01-15" if i < 15 else ("2025-10-15" if i >= 45 else None)
    con.execute("INSERT INTO subscriptions (subscription_id, account_id, start_date, end_date, mrr) VALUES (?, ?, '2025-01-01', ?, 100)", ("SUB" + a, a, end))
    if end:
        con.execute("INSERT INTO churn_events VALUES (?, ?, NULL, ?, 'churn', 'price', 100, NULL, NULL)", ("CH" + a, a, end))
big = card(con, "churn_rising")["confidence"]
check("churn: confidence higher on 5x the sample at the same rates", big > small, (small, big))
check("churn: rate confidence matches the Wilson computation", small == rate_conf(3, 9, 0.1, "above"), (small, rate_conf(3, 9, 0.1, "above")))


# ----------------------------------------------------------- retention
def retention(expand):
    con = db()
    con.execute("INSERT INTO subscriptions (subscription_id, account_id, start_date, end_date, mrr) VALUES ('R1-1', 'A1', '2024-01-01', '2026-01-01', 100)")
    con.execute("INSERT INTO subscriptions (subscription_id, account_id, start_date, end_date, mrr) VALUES ('R1-2', 'A1', '2026-01-01', NULL, ?)", (120 if expand else 100,))
    return con


con = retention(True)
fires("retention", con, "retention_band:nrr")
fires("retention", con, "retention_band:grr", False)
c = card(con, "retention_band:nrr")
check("retention: moving up a band is info", c["severity"] == "info" and json.loads(c["data"])["band"] == "Great", c)
check("retention: no expansion, no band move", not any(r.startswith("retention") for r in rules(retention(False))), rules(retention(False)))


# ------------------------------------------------------- concentration
def concentration(big):
    con = db()
    for i in range(20):
        a = "Q%d" % i
        con.execute("INSERT INTO accounts (account_id, name) VALUES (?, ?)", (a, a))
        con.execute("INSERT INTO subscriptions (subscription_id, account_id, start_date, mrr) VALUES (?, ?, '2025-01-01', ?)",
                    ("S" + a, a, big if i == 0 else 10))
    return con


fires("concentration", concentration(1000), "revenue_concentration")
fires("concentration", concentration(10), "revenue_concentration", False)


# ------------------------------------------------------------ renewals
def renewal(day):
    con = db()
    con.execute("INSERT INTO subscriptions (subscription_id, account_id, start_date, mrr, renewal_date) VALUES ('N1', 'A1', '2025-01-01', 500, ?)", (day,))
    return con


con = renewal("2026-03-20")
fires("renewals", con, "renewals_at_risk")
check("renewals: the account is in the data", json.loads(card(con, "renewals_at_risk")["data"])["account_ids"] == ["A1"], card(con, "renewals_at_risk"))
fires("renewals", renewal("2026-09-20"), "renewals_at_risk", False)


# ----------------------------------------------------------------- eol
def eol(day):
    con = db()
    con.execute("INSERT INTO products (product_id, name, category, end_of_life_date) VALUES ('P1', 'Old box', 'HW', ?)", (day,))
    con.execute("INSERT INTO installed_products (install_id, account_id, product_id, contract_value) VALUES ('I1', 'A1', 'P1', 5000)")
    return con


con = eol("2025-06-30")
fires("eol", con, "eol_revenue_at_risk")
check("eol: value in the message", "5,000" in card(con, "eol_revenue_at_risk")["message"], card(con, "eol_revenue_at_risk"))
fires("eol", eol("2099-12-31"), "eol_revenue_at_risk", False)


# ----------------------------------------------------------------- sla
def sla(recent_breaches, scale=1):
    con = db()
    n = 0
    for window, day, breaches in (("recent", "2026-02-10", recent_breaches), ("prior", "2026-01-10", scale)):
        for i in range(4 * scale):
            n += 1
            late = i < breaches
            con.execute("INSERT INTO support_tickets (ticket_id, account_id, opened_at, first_response_at, resolved_at, priority, status, sla_response_hours)"
                        " VALUES (?, 'A1', ?, ?, ?, 'Normal', 'Solved', 1)",
                        ("T%d" % n, day + " 09:00:00", day + (" 12:00:00" if late else " 09:30:00"), day + " 15:00:00"))
    return con


fires("sla", sla(3), "sla_breaches_growing")
fires("sla", sla(1), "sla_breaches_growing", False)
s1, s5 = card(sla(3), "sla_breaches_growing")["confidence"], card(sla(15, 5), "sla_breaches_growing")["confidence"]
check("sla: confidence higher on 5x the tickets at the same rates", s5 > s1, (s1, s5))


# ----------------------------------------------------------- receivables
def receivables(second):
    con = db()
    con.execute("INSERT INTO invoices (invoice_id, account_id, invoice_date, due_date, amount, status) VALUES ('V1', 'A1', '2025-12-15', '2026-01-15', 1000, 'open')")
    if second:
        con.execute("INSERT INTO invoices (invoice_id, account_id, invoice_date, due_date, amount, status) VALUES ('V2', 'A1', '2026-01-15', '2026-02-15', 500, 'open')")
    # paid on time: never overdue
    con.execute("INSERT INTO invoices (invoice_id, account_id, invoice_date, due_date, amount, status) VALUES ('V3', 'A1', '2026-01-01', '2026-01-20', 700, 'paid')")
    con.execute("INSERT INTO payments VALUES ('PY3', 'V3', '2026-01-19', 700, 'ach')")
    return con


con = receivables(True)
fires("receivables", con, "receivables_growing")
d = json.loads(card(con, "receivables_growing")["data"])
check("receivables: 1,500 now against 1,000", d["overdue"] == 1500 and d["prior_overdue"] == 1000, d)
fires("receivables", receivables(False), "receivables_growing", False)

# ---------------------------------------------------------------- json
con = db()
hostile = 'Pa"id\\ So\ncial\t\x01\r end'
con.execute("INSERT INTO marketing_spend (spend_date, channel, segment, region, amount) VALUES ('2026-01-10', ?, 'SMB', 'EMEA', 100)", (hostile,))
con.execute("INSERT INTO marketing_spend (spend_date, channel, segment, region, amount) VALUES ('2026-01-10', 'Plain', 'SMB', 'EMEA', 100)")
opp(con, "J1", stage="Closed Won", amount=1000, close="2026-01-20", channel=hostile)
hostile_acc = 'A"\\\n\x1fz'
con.execute("INSERT INTO accounts (account_id, name) VALUES (?, 'x')", (hostile_acc,))
con.execute("INSERT INTO subscriptions (subscription_id, account_id, start_date, mrr) VALUES ('H1', ?, '2025-01-01', 1000)", (hostile_acc,))
con.execute("INSERT INTO subscriptions (subscription_id, account_id, start_date, mrr) VALUES ('H2', 'A1', '2025-01-01', 10)")
rows = con.execute("SELECT card_id, data FROM insight_cards").fetchall()
bad = []
for cid, data in rows:
    try:
        json.loads(data)
    except ValueError as e:
        bad.append((cid, data, str(e)))
check("json: every card's data parses (hostile names)", rows and not bad, bad or "no cards")
d = json.loads(card(con, "channel_best_roi:" + hostile)["data"]) if card(con, "channel_best_roi:" + hostile) else {}
check("json: a hostile channel name round-trips", d.get("channel") == hostile, d)
d = json.loads(card(con, "revenue_concentration")["data"]) if card(con, "revenue_concentration") else {}
check("json: a hostile account id round-trips in a list", d.get("account_ids", [None])[0] == hostile_acc, d)
def code(path):
    """The SQL of a file without its comments and string literals."""
    import re
    return re.sub(r"'(?:[^']|'')*'|--[^\n]*", " ", open(path).read())


check("json: no json_*() call in the insight view files (trusted_schema=OFF)",
      not any("json_" in code(f) for f in glob.glob(os.path.join(ROOT, "sql", "views", "8*.sql"))))


# ------------------------------------------------------------- actions
def action_db(**kw):
    con = db()
    contact(con, "C1", "VP")
    contact(con, "C2")
    args = dict(stage="Demo", amount=10000, close="2026-03-30", entered="2026-02-25", next_step="Call back")
    args.update({k: v for k, v in kw.items() if k in ("stage", "amount", "close", "entered", "next_step")})
    opp(con, "N1", **args)
    last = kw.get("last", "2026-02-28 10:00:00")
    if last:
        act(con, "X1", "N1", last, kw.get("kind", "Meeting"), "C1" if kw.get("senior", True) else "C2")
        if kw.get("threads", 2) > 1:
            act(con, "X2", "N1", last, "Call", "C2")
    return con


def actions(con):
    return sorted(a for (a,) in con.execute("SELECT action FROM next_best_actions WHERE opportunity_id = 'N1'"))


check("actions: a healthy deal has none", actions(action_db()) == [], actions(action_db()))
for label, kw, want in (
        ("Engagement follow up", dict(last="2026-02-20 10:00:00"), "Follow up"),
        ("Engagement meeting", dict(kind="Call"), "Schedule a meeting"),
        ("Progression", dict(entered="2026-01-20"), "Send proposal"),
        ("Strategy multi-thread", dict(threads=1), "Multi-thread"),
        ("Strategy sponsor", dict(amount=60000, senior=False), "Get executive sponsor"),
        ("Hygiene close date", dict(close="2026-02-20"), "Update close date"),
        ("Hygiene next step", dict(next_step=None), "Add next step"),
        ("Hygiene amount", dict(amount=None), "Set amount"),
        ("Rescue", dict(last="2026-02-01 10:00:00"), "Re-engage stale deal"),
        ("Rescue never", dict(last=None), "Re-engage stale deal")):
    got = actions(action_db(**kw))
    check("actions: %s fires" % label, want in got, got)
types = {a: t for (a, t) in action_db(last=None, close="2026-02-20", entered="2026-01-20", next_step=None).execute(
    "SELECT action, action_type FROM next_best_actions")}
check("actions: the five seed 001 types", set(types.values()) >= {"Engagement", "Progression", "Strategy", "Hygiene", "Rescue"}, types)
con = action_db(last=None, close="2026-02-20", entered="2026-01-20", next_step=None)
opp(con, "N2", stage="Negotiation", amount=80000, close="2026-03-05", entered="2026-01-01", next_step=None)
rows = con.execute("SELECT impact, urgency, probability, priority, priority_rank FROM next_best_actions ORDER BY priority_rank").fetchall()
check("actions: priority = impact x urgency x probability",
      all(abs(p - round(i * u * pr, 2)) <= 0.02 + 1e-6 * p for i, u, pr, p, _ in rows), rows)
check("actions: ranked by priority", [r[3] for r in rows] == sorted((r[3] for r in rows), reverse=True), rows)
u = dict(con.execute("SELECT action, urgency FROM next_best_actions WHERE opportunity_id = 'N1'").fetchall())
check("actions: a past close date's hygiene is most urgent", u.get("Update close date") == 1.0, u)

# ------------------------------------------------------------ coaching
con = db()
for rep, n in (("R2", 50), ("R3", 10)):
    con.execute("INSERT INTO reps (rep_id, name, role) VALUES (?, ?, 'AE')", (rep, rep))
for rep, n in (("R1", 100), ("R2", 50), ("R3", 10)):
    for i in range(n):
        act(con, "%s-%d" % (rep, i), None, "2026-01-%02d 10:00:00" % (1 + i % 28), rep=rep)
v = dict(((r, m), (val, med, verdict)) for r, m, val, med, verdict in con.execute(
    "SELECT rep_id, metric, value, team_median, verdict FROM rep_coaching_metrics"))
check("coaching: activity median of 100, 50, 10 is 50", v[("R1", "activity_volume")][1] == 50, v[("R1", "activity_volume")])
check("coaching: twice the median is a strength", v[("R1", "activity_volume")][2] == "strength", v[("R1", "activity_volume")])
check("coaching: a fifth of the median is an opportunity", v[("R3", "activity_volume")][2] == "opportunity", v[("R3", "activity_volume")])
check("coaching: the median itself is on par", v[("R2", "activity_volume")][2] == "on par", v[("R2", "activity_volume")])
r3 = con.execute("SELECT strengths, opportunities, recommendations FROM rep_coaching WHERE rep_id = 'R3'").fetchone()
check("coaching: R3 gets the activity recommendation", r3[1] and "activity volume 10" in r3[1] and "Raise activity" in r3[2], r3)

# ------------------------------------------------------- churn actions
con = db()
con.executescript("""
  INSERT INTO accounts (account_id, name, executive_sponsor_engaged, next_qbr_date) VALUES
    ('LOW', 'low', 1, '2026-04-01'), ('MED', 'med', 0, NULL), ('HIGH', 'high', 0, NULL), ('CRIT', 'crit', 0, NULL);
  INSERT INTO subscriptions (subscription_id, account_id, start_date, mrr, renewal_date) VALUES
    ('L1', 'LOW', '2025-01-01', 100, '2026-12-01'), ('M1', 'MED', '2025-01-01', 100, '2026-12-01'),
    ('H1', 'HIGH', '2025-01-01', 100, '2026-03-20'), ('K1', 'CRIT', '2025-01-01', 100, '2026-03-15');
  INSERT INTO survey_responses (response_id, account_id, survey_type, responded_date, score) VALUES
    ('s1', 'LOW', 'NPS', '2026-01-10', 10), ('s2', 'LOW', 'CSAT', '2026-01-10', 5),
    ('s3', 'CRIT', 'NPS', '2026-01-10', 0), ('s4', 'CRIT', 'CSAT', '2026-01-10', 1);
  INSERT INTO activities (activity_id, activity_type, occurred_at, account_id) VALUES ('a1', 'Call', '2026-02-25 10:00:00', 'LOW');
  INSERT INTO invoices (invoice_id, account_id, invoice_date, due_date, amount, status) VALUES ('i1', 'CRIT', '2025-09-01', '2025-10-01', 100, 'open');
""")
for i in range(6):
    con.execute("INSERT INTO support_tickets (ticket_id, account_id, opened_at, priority, status, sla_response_hours) VALUES (?, 'CRIT', '2026-02-01 10:00:00', 'High', 'Open', 1)", ("ct%d" % i,))
want = {"LOW": ("Low", "Maintain regular cadence", None), "MED": ("Medium", "Proactive outreach", "2026-03-31"),
        "HIGH": ("High", "Schedule QBR within 1 week", "2026-03-08"), "CRIT": ("Critical", "Executive escalation within 24 hours", "2026-03-02")}
got = {a: (lvl, action, due) for a, lvl, action, due in con.execute("SELECT account_id, churn_risk_level, action, due_date FROM churn_actions")}
for a, w in want.items():
    check("churn actions: %s" % a, got.get(a) == w, (got.get(a), w))
f = con.execute("SELECT risk_factors, main_factor FROM churn_actions WHERE account_id = 'CRIT'").fetchone()
check("churn actions: the factors behind the level", json.loads(f[0])["level"] == "Critical" and f[1] is not None, f)


# --------------------------------------------------------------- alerts
def alert_keys(con, status=None):
    q = "SELECT alert_key FROM alerts" + (" WHERE status = '%s'" % status if status else "") + " ORDER BY alert_key"
    for key, message, data, metrics in con.execute("SELECT alert_key, message, data, metrics FROM alerts"):
        card_metrics(con, "alert %s" % key, key, message, data, metrics)
        ALERTS_SEEN.add(key)
    return [k for (k,) in con.execute(q)]


def alert_db(today="2026-03-02"):
    con = db(today)
    opp(con, "G1", close="2026-03-30")
    act(con, "GA", "G1", "2026-02-28 10:00:00", "Meeting")
    con.execute("INSERT INTO forecast_submissions VALUES ('R1', '2025-10-01', '2026-01-01', '2025-12-15', 'Commit', 1000)")
    opp(con, "GW", stage="Closed Won", amount=1000, close="2025-11-15")
    return con


con = alert_db()
check("alerts: a clean database raises none", alert_keys(con) == [], alert_keys(con))
con.execute("INSERT INTO import_runs VALUES (1, 'dir', '2026-03-01 10:00:00')")
con.execute("INSERT INTO import_rejects VALUES (1, 'opps.csv', 7, 'opportunities', 'x,y', 'amount: not a number')")
check("alerts: one reject in one file: rows 1, files 1, each a catalogue metric",
      "import_failure" in alert_keys(con) and con.execute("SELECT message, data, metrics FROM alerts WHERE alert_key = 'import_failure'").fetchone()
      == ("Import: 1 row rejected or unaccounted for in 1 file; see import_rejects.", '{"files":1,"rows":1}',
          '{"files":"alert_import_files","rows":"alert_row_count"}'),
      con.execute("SELECT message, data, metrics FROM alerts WHERE alert_key = 'import_failure'").fetchone())
check("alerts: import rejects raise a critical Build Failure",
      con.execute("SELECT alert_type, severity FROM alerts WHERE alert_key = 'import_failure'").fetchone() == ("Build Failure", "critical"))
con = alert_db()
opp(con, "G2", close="2026-03-30")
check("alerts: 1 of 2 deals stale raises Stale Pipeline", "stale_pipeline" in alert_keys(con), alert_keys(con))
check("alerts: the deal behind it", con.execute("SELECT id FROM alert_rows WHERE alert_key = 'stale_pipeline'").fetchall() == [("G2",)])
con = alert_db()
opp(con, "G3", close="2026-03-30", next_step=None)
act(con, "GB", "G3", "2026-02-28 10:00:00")
check("alerts: a missing next step raises Data Quality", alert_keys(con) == ["data_quality"], alert_keys(con))
check("alerts: data older than 2 days raises Sync Delay", alert_keys(alert_db("2026-03-10")) == ["sync_delay"], alert_keys(alert_db("2026-03-10")))
check("alerts: 2 days is not late", "sync_delay" not in alert_keys(alert_db("2026-03-02")))
con = alert_db()
con.execute("UPDATE forecast_submissions SET amount = 500")
check("alerts: commit 500 against 1,000 won raises Forecast Miss", alert_keys(con) == ["forecast_miss"], alert_keys(con))
con.execute("UPDATE forecast_submissions SET amount = 900")
check("alerts: 10% off is no miss", alert_keys(con) == [], alert_keys(con))

# acknowledge, resolve and re-raise, through the command
tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "alerts.db")
con = connect(path)
install(con)
con.executescript("""
  INSERT INTO settings VALUES ('as_of', '2026-03-01'), ('today', '2026-03-02');
  INSERT INTO reps (rep_id, name, role) VALUES ('R1', 'Rep One', 'AE');
  INSERT INTO accounts (account_id, name) VALUES ('A1', 'Account One');
  INSERT INTO import_runs VALUES (1, 'dir', '2026-03-01 10:00:00');
  INSERT INTO import_rejects VALUES (1, 'opps.csv', 7, 'opportunities', 'x,y', 'amount: not a number');
""")
opp(con, "G1")
con.commit()


def cmd(*args):
    p = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "alerts.py"), path, "--ext", EXT] + list(args),
                       capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


rc, out, err = cmd("--json")
lines = [json.loads(l) for l in out.splitlines()]
check("command: exit 1 while a critical alert is open", rc == 1, (rc, err))
check("command: JSON lines with the rows behind each alert",
      {a["alert_key"] for a in lines} == {"import_failure", "stale_pipeline"}
      and any(r["id"] == "opps.csv:7" for a in lines for r in a["rows"]), lines)
rc, out, err = cmd("--ack", "import_failure", "--note", "looking")
check("command: acknowledging the critical one exits 0", rc == 0 and "import_failure" not in out, (rc, out, err))
check("state: acknowledged, recorded in alert_log",
      con.execute("SELECT status FROM alerts WHERE alert_key = 'import_failure'").fetchone() == ("acknowledged",)
      and con.execute("SELECT action, note FROM alert_log").fetchall() == [("acknowledged", "looking")])
rc, out, err = cmd()
check("command: an acknowledged alert is not raised again", rc == 0 and "import_failure" not in out, out)
con.execute("INSERT INTO import_rejects VALUES (1, 'opps.csv', 9, 'opportunities', 'z', 'stage: unknown')")
con.commit()
rc, out, err = cmd()
check("command: new facts raise it again", rc == 1 and "import_failure" in out, (rc, out))
check("state: facts_changed is set", con.execute("SELECT status, facts_changed FROM alerts WHERE alert_key = 'import_failure'").fetchone() == ("open", 1))
rc, out, err = cmd("--resolve", "import_failure")
check("command: resolved, exit 0", rc == 0 and con.execute("SELECT status FROM alerts WHERE alert_key = 'import_failure'").fetchone() == ("resolved",), (rc, out, err))
con.execute("DELETE FROM import_rejects WHERE line = 9")
con.commit()
check("state: a resolved alert whose facts change is open again",
      con.execute("SELECT status FROM alerts WHERE alert_key = 'import_failure'").fetchone() == ("open",))
con.execute("DELETE FROM import_rejects")
con.commit()
rc, out, err = cmd("--all")
check("command: fixed at the source, the alert is gone", rc == 0 and "import_failure" not in out, out)
rc, out, err = cmd("--ack", "no_such_alert")
check("command: acknowledging an alert that is not raised is a usage error (exit 2)", rc == 2 and "no_such_alert" in err, (rc, err))
check("command: text mode", cmd()[1].startswith("[WARNING]"), cmd()[1])
con.close()

# Every rule and every alert kind fired above, and had its figures checked
# (docs/insights.md lists the rules).
ALL_RULES = {"channel_best_roi", "channel_worst_roi", "channel_best_cac", "channel_worst_cac", "funnel_bottleneck",
             "stuck_deals", "coverage_short", "forecast_drift", "churn_rising", "churn_reason_growing", "retention_band",
             "revenue_concentration", "renewals_at_risk", "eol_revenue_at_risk", "sla_breaches_growing", "receivables_growing"}
ALL_ALERTS = {"import_failure", "stale_pipeline", "data_quality", "sync_delay", "forecast_miss"}
check("metric ids: every rule's card was checked", RULES_SEEN == ALL_RULES, sorted(ALL_RULES ^ RULES_SEEN))
# The rules as the view's SQL names them (the second column of each SELECT
# of its facts step), so a rule added to 80_insights.sql and not to this
# list or to revops_card_metrics fails here.
_sql = open(os.path.join(ROOT, "sql", "views", "80_insights.sql"), encoding="utf-8").read()
_facts = _sql[_sql.index("facts AS MATERIALIZED ("):_sql.index("\ndata AS (")]
SQL_RULES = set(re.findall(r"SELECT '[a-z_]+:?'(?: \|\| [\w.]+)?(?: AS card_id)?, '([a-z_]+)'", _facts))
# An arm that writes the cards of several rules names them as rows of its
# list: insight_rate_trends (a SELECT per rule: 'rule', 'Category', ...)
# and cac_ends (a VALUES row per rule: ('rule', 'severity', ...)).
_trends = _sql[_sql.index("CREATE VIEW insight_rate_trends AS"):]
_trends = _trends[:_trends.index(";")]
_ends = _sql[_sql.index("cac_ends(rule"):_sql.index("facts AS MATERIALIZED (")]
SQL_RULES |= set(re.findall(r"SELECT '([a-z_]+)'(?: AS rule)?, '[A-Z][a-z]+'", _trends))
SQL_RULES |= set(re.findall(r"\('([a-z_]+)', '[a-z]+', ", _ends))
check("metric ids: the rules of 80_insights.sql (%d) are the rules checked" % len(SQL_RULES), SQL_RULES == ALL_RULES,
      sorted(SQL_RULES ^ ALL_RULES))
_mapped = {r.split(":")[0] for (r,) in TEMPLATE.execute("SELECT DISTINCT rule FROM revops_card_metrics WHERE source = 'insight'")}
_alerts = {r for (r,) in TEMPLATE.execute("SELECT DISTINCT rule FROM revops_card_metrics WHERE source = 'alert'")}
check("metric ids: every rule of the view has rows in revops_card_metrics", SQL_RULES <= _mapped, sorted(SQL_RULES - _mapped))
check("metric ids: every alert kind has rows in revops_card_metrics", ALL_ALERTS <= _alerts, sorted(ALL_ALERTS - _alerts))
check("metric ids: every alert kind was checked", ALERTS_SEEN == ALL_ALERTS, sorted(ALL_ALERTS ^ ALERTS_SEEN))

# ---------------------------------------------------------------- demo
if DEMO:
    con = connect(DEMO)
    con.execute("PRAGMA trusted_schema = OFF")
    cats = {c for (c,) in con.execute("SELECT DISTINCT category FROM insight_cards")}
    check("demo: a card in each category", cats == {"Marketing", "Pipeline", "Revenue", "Accounts"}, cats)
    rows = con.execute("SELECT card_id, confidence, data FROM insight_cards").fetchall()
    check("demo: confidence within 0..1", all(0 <= c <= 1 for _, c, _ in rows), rows)
    missing = []
    tables = {"deal_ids": ("opportunities", "opportunity_id"), "account_ids": ("accounts", "account_id"),
              "rep_ids_short": ("reps", "rep_id"), "rep_ids_drifting": ("reps", "rep_id"), "product_ids": ("products", "product_id")}
    ids = 0
    for cid, _, data in rows:
        for key, vals in json.loads(data).items():
            if key in tables:
                t, col = tables[key]
                for v in vals:
                    ids += 1
                    if con.execute("SELECT 1 FROM %s WHERE %s = ?" % (t, col), (v,)).fetchone() is None:
                        missing.append((cid, key, v))
    check("demo: every id in the supporting data exists (%d ids)" % ids, ids > 0 and not missing, missing)
    for v in ("next_best_actions", "rep_coaching", "churn_actions", "alerts", "alert_rows"):
        try:
            n = con.execute("SELECT count(*) FROM %s" % v).fetchone()[0]
            check("demo: %s has rows" % v, n > 0, n)
        except sqlite3.Error as e:
            check("demo: %s runs under trusted_schema=OFF" % v, False, e)
    cards = con.execute("SELECT card_id, message, data, metrics FROM insight_cards").fetchall()
    for cid, message, data, metrics in cards:
        card_metrics(con, "demo: " + cid, cid, message, data, metrics)
    raised = con.execute("SELECT alert_key, message, data, metrics FROM alerts").fetchall()
    for key, message, data, metrics in raised:
        card_metrics(con, "demo: alert " + key, key, message, data, metrics)
    check("demo: cards and alerts to check the figures of (%d, %d)" % (len(cards), len(raised)), len(cards) >= 8 and raised, (len(cards), len(raised)))
    missing = con.execute("""SELECT count(*) FROM next_best_actions WHERE opportunity_id NOT IN (SELECT opportunity_id FROM opportunities)""").fetchone()[0]
    check("demo: every action's deal exists", missing == 0, missing)

print("%d passed, %d failed" % (PASS, FAIL))
