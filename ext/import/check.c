/*
** check.c — typing and checks: one row's text made the typed values of its
** table, with every problem in words, for the loader (loader.h).
**
** Each column's text (after a mapping's steps, resolve.c) is trimmed, a
** documented synonym applied (docs/data.md "Vocabulary"), and converted by
** the column's kind (values.c parses numbers, booleans, dates and months);
** then the column's CHECK values (an IN list, matched in any case and
** written as the schema spells them) and bounds, and the table's rules
** between two columns ("a > b", schema.c reads them).  A CHECK of another
** shape is left to SQLite at the write (write.c words its message with
** imp_rule_words).
**
** Owns: the built-in vocabulary, the conversion by kind, a new row's
** values with their defaults, CHECK values and bounds, rules between
** columns, and the wording of each such problem.
** Must not: write anything, look a parent up (parents.c) or decide what
** becomes of a row: problems go to L->why with L->aBad set, and row.c
** decides.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* ----------------------------------------------------- vocabulary */
/* Documented synonyms (docs/data.md "Vocabulary"), matched without regard
** to case after trimming, applied before the value is checked.  "*" is any
** table. */
static const struct {
  const char *zTable, *zCol, *zFrom, *zTo;
} aSynonym[] = {
    {"*", "billing_interval", "monthly", "month"},
    {"*", "billing_interval", "mo", "month"},
    {"*", "billing_interval", "annual", "year"},
    {"*", "billing_interval", "annually", "year"},
    {"*", "billing_interval", "yearly", "year"},
    {"*", "billing_interval", "yr", "year"},
    {"*", "billing_interval", "quarterly", "quarter"},
    {"*", "stage", "won", "Closed Won"},
    {"*", "stage", "closed won", "Closed Won"},
    {"*", "stage", "closed-won", "Closed Won"},
    {"*", "stage", "closedwon", "Closed Won"},
    {"*", "stage", "lost", "Closed Lost"},
    {"*", "stage", "closed lost", "Closed Lost"},
    {"*", "stage", "closed-lost", "Closed Lost"},
    {"*", "stage", "closedlost", "Closed Lost"},
    {"*", "stage", "discovery", "Discovery"},
    {"*", "stage", "qualification", "Qualification"},
    {"*", "stage", "demo", "Demo"},
    {"*", "stage", "proposal", "Proposal"},
    {"*", "stage", "negotiation", "Negotiation"},
    {"*", "stage", "contract sent", "Contract Sent"},
    {"support_tickets", "status", "new", "Open"},
    {"support_tickets", "status", "in progress", "Pending"},
    {"support_tickets", "status", "on hold", "Pending"},
    {"support_tickets", "status", "waiting on customer", "Pending"},
    {"support_tickets", "status", "resolved", "Solved"},
    {"support_tickets", "priority", "medium", "Normal"},
    {"support_tickets", "priority", "critical", "Urgent"},
    {"*", "forecast_category", "bestcase", "Best Case"},
    {"*", "forecast_category", "forecast", "Commit"},
    {"*", "forecast_category", "most likely", "Best Case"},
    {"*", "forecast_category", "mostlikely", "Best Case"},
    {"*", "opportunity_type", "new", "New Business"},
    {"*", "opportunity_type", "newbusiness", "New Business"},
    {"*", "opportunity_type", "existing business", "Expansion"},
    {"*", "opportunity_type", "existingbusiness", "Expansion"},
    {"*", "opportunity_type", "upsell", "Expansion"},
};

const char *imp_synonym(const char *zTable, const char *zCol, const char *z, size_t n) {
  size_t i;
  for (i = 0; i < sizeof(aSynonym) / sizeof(aSynonym[0]); i++) {
    if (strcmp(aSynonym[i].zCol, zCol) != 0) continue;
    if (aSynonym[i].zTable[0] != '*' && strcmp(aSynonym[i].zTable, zTable) != 0) continue;
    if (strlen(aSynonym[i].zFrom) == n && sqlite3_strnicmp(aSynonym[i].zFrom, z, (int)n) == 0) {
      return aSynonym[i].zTo;
    }
  }
  return 0;
}

int imp_has_synonyms(const char *zTable, const char *zCol) {
  size_t k;
  for (k = 0; k < sizeof(aSynonym) / sizeof(aSynonym[0]); k++) {
    if (strcmp(aSynonym[k].zCol, zCol) == 0 && (aSynonym[k].zTable[0] == '*' || strcmp(aSynonym[k].zTable, zTable) == 0)) {
      return 1;
    }
  }
  return 0;
}

/* ------------------------------------------------------ conversion */

static const char *const azHow[] = {
    0,
    "is not a whole number",
    "is not a number (write a plain number such as 1200.50: no currency sign, no thousands separator)",
    "is not a yes/no value (use 1/0, true/false or yes/no)",
    "is not a valid date (use YYYY-MM-DD)",
    "is not a valid date and time (use YYYY-MM-DD HH:MM:SS, UTC)",
    "is not a valid month (use YYYY-MM)",
};

void imp_num_text(RevopsBuf *b, double v) {
  char z[40];
  revops_fmt_num(z, sizeof(z), v);
  revops_buf_str(b, z);
}

/* Convert column i's text into L->aVal[i]; problems go to L->why. */
void imp_convert(ImpLoad *L, const ImpRow *r, int i) {
  ImpCol *c = &L->t->aCol[i];
  ImpVal *v = &L->aVal[i];
  RevopsBuf *b = &L->why;
  const char *zField = r->az[i], *z = zField;
  size_t nField = r->an[i], n = nField;
  int ok = 1, k;
  v->type = SQLITE_NULL;
  if (r->aMap && r->aMap[i].zDefault) {
    /* default.X of a mapping: for a column the file lacks or leaves empty */
    const char *zt = z;
    size_t nt = n;
    if (zt) imp_trim(&zt, &nt);
    if (zt == 0 || nt == 0) z = zField = r->aMap[i].zDefault, n = nField = strlen(z);
  }
  if (z == 0) {
    /* update_only: a column the file does not give keeps what the row has */
    if (c->required && !(L->p->aFile[r->iFile].updateOnly && !c->pk && !r->derived)) {
      imp_problem_start(b);
      revops_buf_lit(b, "missing required column ");
      revops_buf_str(b, c->zName);
      L->aBad[i] = 1;
    }
    return;
  }
  imp_trim(&z, &n);
  if (n == 0) {
    if (c->required) {
      imp_problem_start(b);
      revops_buf_str(b, c->zName);
      revops_buf_lit(b, " is empty (required)");
      L->aBad[i] = 1;
    }
    return;
  }
  {
    const char *zSyn = L->aSyn[i] ? imp_synonym(L->t->zName, c->zName, z, n) : 0;
    if (zSyn) z = zSyn, n = strlen(zSyn);
  }
  switch (c->kind) {
    case IMP_K_INT: {
      sqlite3_int64 x;
      ok = imp_parse_int(z, n, (int64_t *)&x);
      if (ok) v->type = SQLITE_INTEGER, v->i = x, v->r = (double)x;
      break;
    }
    case IMP_K_REAL: {
      double x;
      ok = imp_parse_real(z, n, &x);
      if (ok) v->type = SQLITE_FLOAT, v->r = x;
      break;
    }
    case IMP_K_BOOL: {
      int x;
      ok = imp_parse_bool(z, n, &x);
      if (ok) v->type = SQLITE_INTEGER, v->i = x, v->r = x;
      break;
    }
    case IMP_K_DATE:
    case IMP_K_DATETIME: {
      int64_t ms;
      int why;
      ok = imp_parse_date(z, n, r->eOrder, &ms, &why);
      if (ok) {
        if (c->kind == IMP_K_DATE) imp_format_date(ms, v->buf), v->n = 10;
        else imp_format_datetime(ms, v->buf), v->n = 19;
        v->type = SQLITE_TEXT;
        v->z = v->buf;
      } else if (why == IMP_DATE_AMBIGUOUS) {
        imp_problem_start(b);
        revops_buf_str(b, c->zName);
        revops_buf_lit(b, ": ");
        imp_show(b, zField, nField);
        revops_buf_lit(b, " could be month/day or day/month and no value of the file decides it"
                          " (declare date_order = MDY or DMY in a mapping, docs/data.md)");
        L->aBad[i] = 1;
        return;
      }
      break;
    }
    case IMP_K_MONTH:
      ok = imp_parse_month(z, n);
      if (ok) v->type = SQLITE_TEXT, v->z = z, v->n = (int)n;
      break;
    default:
      v->type = SQLITE_TEXT, v->z = z, v->n = (int)n;
      break;
  }
  if (!ok) {
    imp_problem_start(b);
    revops_buf_str(b, c->zName);
    revops_buf_lit(b, ": ");
    imp_show(b, zField, nField);
    revops_buf_append(b, " ", 1);
    revops_buf_str(b, azHow[c->kind]);
    L->aBad[i] = 1;
    return;
  }
  if (c->nEnum) {
    for (k = 0; k < c->nEnum; k++) {
      if (strlen(c->azEnum[k]) == (size_t)v->n && sqlite3_strnicmp(c->azEnum[k], v->z, v->n) == 0) {
        v->z = c->azEnum[k];
        break;
      }
    }
    if (k == c->nEnum) {
      imp_problem_start(b);
      revops_buf_str(b, c->zName);
      revops_buf_lit(b, ": ");
      imp_show(b, zField, nField);
      revops_buf_lit(b, " is not one of ");
      for (k = 0; k < c->nEnum; k++) {
        if (k) revops_buf_lit(b, ", ");
        revops_buf_str(b, c->azEnum[k]);
      }
      L->aBad[i] = 1;
      return;
    }
  }
  if (c->nBound && (v->type == SQLITE_INTEGER || v->type == SQLITE_FLOAT)) {
    double x = v->type == SQLITE_INTEGER ? (double)v->i : v->r;
    int inside = 1;
    for (k = 0; k < c->nBound; k++) {
      double lim = c->aBound[k].v;
      switch (c->aBound[k].op) {
        case IMP_OP_GE: inside &= x >= lim; break;
        case IMP_OP_GT: inside &= x > lim; break;
        case IMP_OP_LE: inside &= x <= lim; break;
        default: inside &= x < lim; break;
      }
    }
    if (!inside) {
      static const char *const azOp[] = {">=", ">", "<=", "<"};
      imp_problem_start(b);
      revops_buf_str(b, c->zName);
      revops_buf_lit(b, ": ");
      imp_show(b, zField, nField);
      if (c->nBound == 2 && c->aBound[0].op == IMP_OP_GE && c->aBound[1].op == IMP_OP_LE) {
        revops_buf_lit(b, " is not between ");
        imp_num_text(b, c->aBound[0].v);
        revops_buf_lit(b, " and ");
        imp_num_text(b, c->aBound[1].v);
        if (c->isFraction && x > 1 && x <= 100) {
          revops_buf_lit(b, " (a fraction: divide percentages by 100)");
        }
      } else {
        revops_buf_lit(b, " must be ");
        revops_buf_str(b, azOp[c->aBound[0].op]);
        revops_buf_append(b, " ", 1);
        imp_num_text(b, c->aBound[0].v);
      }
      L->aBad[i] = 1;
    }
  }
}

/* -------------------------------------------------- values of a new row */

void imp_val_from_value(ImpVal *v, sqlite3_value *x) {
  v->type = sqlite3_value_type(x);
  switch (v->type) {
    case SQLITE_INTEGER: v->i = sqlite3_value_int64(x); break;
    case SQLITE_FLOAT: v->r = sqlite3_value_double(x); break;
    case SQLITE_TEXT:
      v->z = (const char *)sqlite3_value_text(x);
      v->n = sqlite3_value_bytes(x);
      break;
    default: v->type = SQLITE_NULL; break;
  }
}

/* The final value of column i for a new row: the file's value, or the
** default when the file has the column empty or lacks it. */
void imp_final_new(ImpLoad *L, int i, ImpVal *v) {
  ImpCol *c = &L->t->aCol[i];
  if (L->aVal[i].type == SQLITE_NULL && c->pDflt) imp_val_from_value(v, c->pDflt);
  else *v = L->aVal[i];
}

/* ------------------------------------------------------ table rules */

/* "a 'x' must be after b 'y'": the words of a rule between two columns. */
void imp_rule_words(ImpLoad *L, const ImpRow *r, int iA, int iB, int op, int orNull) {
  static const char *const azDated[] = {"on or after", "after", "on or before", "before"};
  static const char *const azNum[] = {"at least", "greater than", "at most", "less than"};
  RevopsBuf *b = &L->why;
  ImpCol *a = &L->t->aCol[iA];
  imp_problem_start(b);
  revops_buf_str(b, a->zName);
  revops_buf_append(b, " ", 1);
  if (r->az && r->az[iA]) imp_show(b, r->az[iA], r->an[iA]);
  revops_buf_lit(b, " must be ");
  revops_buf_str(b, a->kind >= IMP_K_DATE ? azDated[op] : azNum[op]);
  revops_buf_append(b, " ", 1);
  revops_buf_str(b, L->t->aCol[iB].zName);
  revops_buf_append(b, " ", 1);
  if (r->az && r->az[iB]) imp_show(b, r->az[iB], r->an[iB]);
  else revops_buf_lit(b, "(as stored)");
  if (orNull) revops_buf_lit(b, " (or be empty)");
}

/* Compare two converted values: <0, 0, >0 (numbers as numbers, text as
** bytes, which orders ISO dates). */
static int imp_val_cmp(const ImpVal *x, const ImpVal *y) {
  if (x->type == SQLITE_TEXT && y->type == SQLITE_TEXT) {
    int n = x->n < y->n ? x->n : y->n, c = memcmp(x->z, y->z, (size_t)n);
    return c ? c : x->n - y->n;
  }
  if (x->type != SQLITE_TEXT && y->type != SQLITE_TEXT) {
    double a = x->type == SQLITE_INTEGER ? (double)x->i : x->r;
    double c = y->type == SQLITE_INTEGER ? (double)y->i : y->r;
    return a < c ? -1 : a > c;
  }
  return 0;
}

/* The table's simple rules, on values that converted (the rest: SQLite's
** CHECK at the write, reported by imp_check_failed). */
void imp_rules(ImpLoad *L, const ImpRow *r) {
  int k;
  for (k = 0; k < L->t->nRule; k++) {
    const ImpRule *u = &L->t->aRule[k];
    ImpVal a, b;
    int c, ok;
    if (L->aBad[u->iA] || L->aBad[u->iB]) continue;
    imp_final_new(L, u->iA, &a);
    imp_final_new(L, u->iB, &b);
    if (a.type == SQLITE_NULL || b.type == SQLITE_NULL) continue; /* NULL: the CHECK passes */
    if (r->az[u->iA] == 0 || r->az[u->iB] == 0) continue;        /* a stored value: SQLite checks */
    c = imp_val_cmp(&a, &b);
    ok = u->op == IMP_OP_GE ? c >= 0 : u->op == IMP_OP_GT ? c > 0 : u->op == IMP_OP_LE ? c <= 0 : c < 0;
    if (!ok) imp_rule_words(L, r, u->iA, u->iB, u->op, u->orNull);
  }
}

