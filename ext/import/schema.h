/*
** schema.h — the import's model of the tables it loads (schema.c): each
** table's columns with their kind, key, default, CHECK values and bounds,
** foreign keys and simple rules between columns, and the load order.
**
** Owns: the types ImpCol, ImpTable, ImpSchema and the functions that
** fill and free them from the database.
** Must not: read files or rows, or know about mappings; it describes the
** schema, the loader (loader.h) acts on it.
*/
#ifndef REVOPS_SCHEMA_H
#define REVOPS_SCHEMA_H

#include "imp.h"
#include "impvalues.h"
#include "buf.h"

#define IMP_MAX_COLUMNS 1000 /* columns of one table */
#define IMP_MAX_PK 16

enum { IMP_K_TEXT, IMP_K_INT, IMP_K_REAL, IMP_K_BOOL, IMP_K_DATE, IMP_K_DATETIME, IMP_K_MONTH };
enum { IMP_OP_GE, IMP_OP_GT, IMP_OP_LE, IMP_OP_LT };

typedef struct ImpCol {
  char *zName;
  int kind;                 /* IMP_K_* */
  int pk;                   /* position in the primary key, 0 = not in it */
  int required;             /* primary key, or NOT NULL without a default */
  sqlite3_value *pDflt;     /* the default, evaluated; NULL = none */
  char **azEnum;            /* IN ('a', 'b'): canonical spellings */
  int nEnum;
  struct { int op; double v; } aBound[2];
  int nBound;
  int isFraction;           /* BETWEEN 0 AND 1: hint about percentages */
  int hasGeneric;           /* a CHECK of another shape: SQLite checks it */
  char *zFkTable, *zFkCol;  /* REFERENCES */
  int iFkTable;             /* index in ImpSchema.aTable, -1 = none */
} ImpCol;

/* A table CHECK of the shape "a > b" or "a IS NULL OR a >= b" (a and b
** columns): checked in C with the row's other problems. */
typedef struct ImpRule {
  int iA, iB, op, orNull;
} ImpRule;
#define IMP_MAX_RULES 16

typedef struct ImpTable {
  char *zName;
  ImpCol *aCol;
  int nCol;
  ImpRule aRule[IMP_MAX_RULES];
  int nRule;
  int aPk[IMP_MAX_PK];      /* column indexes, in key order */
  int nPk;
} ImpTable;

typedef struct ImpSchema {
  ImpTable *aTable;
  int nTable;
  int *aOrder;              /* load order: parents first */
  int nOrder;
  char *zErr;               /* why the load failed, when it is not SQLite's message */
} ImpSchema;

int imp_schema_load(sqlite3 *db, ImpSchema *s);
/* Parse a CHECK of the shape "a op b" or "a IS NULL OR a op b" (a, b
** columns of t) into *pRule: 1 if it is one. */
int imp_parse_rule(const ImpTable *t, const char *zExpr, ImpRule *pRule);
void imp_schema_free(ImpSchema *s);

#endif
