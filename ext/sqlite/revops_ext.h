/*
** revops_ext.h — what the files of ext/sqlite share: the registration
** table types and the argument helpers that carry the NULL and error
** policy of docs/conventions.md, so that no function can drift from it.
*/
#ifndef REVOPS_EXT_H
#define REVOPS_EXT_H

#include <stdint.h>

#include "sqlite3ext.h"
#include "revops.h"
#include "args.h"

SQLITE_EXTENSION_INIT3

/* Flags, audited here in one place (STYLE: registration). */
#define REVOPS_PURE (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)
/* JSON results carry subtype 'J' so json_object() embeds them as JSON.
** SQLite 3.45 and later built with SQLITE_STRICT_SUBTYPE refuse a subtype
** from a function not registered with SQLITE_RESULT_SUBTYPE; headers older
** than 3.45 (Debian 12 ships 3.40) lack the constant, so it is defined
** here with SQLite's value.  Older libraries ignore flag bits they do not
** know (sqlite3CreateFunc masks them), so the same build works on both. */
#ifndef SQLITE_RESULT_SUBTYPE
#define SQLITE_RESULT_SUBTYPE 0x001000000
#endif
#define REVOPS_PURE_JSON (REVOPS_PURE | SQLITE_RESULT_SUBTYPE)
/* Touches files: never from views or triggers. */
#define REVOPS_FILES (SQLITE_UTF8 | SQLITE_DIRECTONLY)

typedef void (*RevopsXFunc)(sqlite3_context *, int, sqlite3_value **);
typedef void (*RevopsXFinal)(sqlite3_context *);

/* One SQL function: the registration row carries everything about it.  A
** scalar sets xFunc; an aggregate sets xStep and xFinal, and is a window
** function when it also sets xValue and xInverse.  pArg is the function's
** own argument (a RevopsFormula, a variant number, any const data): several
** rows may share one body and differ only in pArg.  A function taking 3 or
** 4 arguments has two rows.
**
** The body reaches its own row with revops_func(ctx): ->zName for error
** messages, ->pArg for its data.  Nothing depends on a row's position. */
typedef struct RevopsFunc {
  const char *zName;
  int nArg;
  int eFlags;
  RevopsXFunc xFunc;
  RevopsXFunc xStep;
  RevopsXFinal xFinal;
  RevopsXFinal xValue;
  RevopsXFunc xInverse;
  const void *pArg;
} RevopsFunc;

#define REVOPS_SCALAR(name, n, flags, x) {name, n, flags, x, 0, 0, 0, 0, 0}
#define REVOPS_SCALAR_ARG(name, n, flags, x, arg) {name, n, flags, x, 0, 0, 0, 0, arg}
#define REVOPS_WINDOW(name, n, flags, step, final, value, inverse) \
  {name, n, flags, 0, step, final, value, inverse, 0}
#define REVOPS_WINDOW_ARG(name, n, flags, step, final, value, inverse, arg) \
  {name, n, flags, 0, step, final, value, inverse, arg}

/* The row a function was registered from (its sqlite3_user_data), for
** functions registered by revops_register_funcs with pApp = NULL (every
** domain without per-connection state). */
#define revops_func(ctx) ((const RevopsFunc *)sqlite3_user_data(ctx))

/* A table-valued function (eponymous virtual table) a domain registers.
** eFlags says how its xConnect configures it: SQLITE_INNOCUOUS (usable in
** views under trusted_schema=OFF) or SQLITE_DIRECTONLY (never from a view
** or trigger).  Listed by revops_functions. */
typedef struct RevopsModule {
  const char *zName;
  int eFlags;
} RevopsModule;

/* One domain: its functions, its table-valued functions, and an optional
** registration hook for anything beyond plain functions (virtual tables,
** per-connection state).  With no hook, the functions are registered
** without user data. */
typedef struct RevopsDomain {
  const char *zName;
  const RevopsFunc *aFunc;
  int nFunc;
  const RevopsModule *aModule;
  int nModule;
  int (*xRegister)(sqlite3 *db, const struct RevopsDomain *pDomain);
} RevopsDomain;

#define REVOPS_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Every domain, in registration order (revops.c). */
extern const RevopsDomain *const revops_domains[];
extern const int revops_ndomain;

/* Register aFunc[0..nFunc).  With pApp NULL each function's user data is
** its own row (revops_func(ctx)); a domain with per-connection state
** passes that state as pApp instead, and xDestroy, when not NULL, is called
** once per successful registration (count your references). */
int revops_register_funcs(sqlite3 *db, const RevopsFunc *aFunc, int nFunc,
                          void *pApp, void (*xDestroy)(void *));

/* xConnect / xDisconnect of an eponymous table whose vtab object needs no
** state beyond the base class: declare zSchema and apply eConfig
** (SQLITE_VTAB_INNOCUOUS or SQLITE_VTAB_DIRECTONLY). */
int revops_vtab_connect(sqlite3 *db, const char *zSchema, int eConfig,
                        sqlite3_vtab **ppVtab);
int revops_vtab_disconnect(sqlite3_vtab *p);

/* ---------------------------------------------------- argument helpers */
/* The rules, their words and each function's table are ext/core's
** (args.h): these read a sqlite3_value by them.  Each returns
** REVOPS_ARG_OK with the value, REVOPS_ARG_NULL for SQL NULL (the caller
** applies its NULL rule), or REVOPS_ARG_BAD after setting an error that
** names the function, the argument and the rule. */

/* Read v by pArg's rule into *p (args.h, revops_arg_read). */
int revops_arg_value(sqlite3_context *ctx, sqlite3_value *v, const char *zFunc,
                     const RevopsArg *pArg, RevopsArgRead *p);
/* INTEGER or REAL; text is an error, never coerced (SPEC section 2). */
int revops_arg_number(sqlite3_context *ctx, sqlite3_value *v,
                      const char *zFunc, const char *zArg, double *pOut);
/* A number >= 0. */
int revops_arg_nonneg(sqlite3_context *ctx, sqlite3_value *v,
                      const char *zFunc, const char *zArg, double *pOut);
/* A fraction in [0, 1]; 75 gets "(divide percentages by 100)". */
int revops_arg_fraction(sqlite3_context *ctx, sqlite3_value *v,
                        const char *zFunc, const char *zArg, double *pOut);
/* A non-negative amount of money, quantised for RevopsMoney. */
int revops_arg_money(sqlite3_context *ctx, sqlite3_value *v,
                     const char *zFunc, const char *zArg, int64_t *pUnits);
/* ISO-8601 date text, as milliseconds (revops_parse_datetime). */
int revops_arg_date(sqlite3_context *ctx, sqlite3_value *v,
                    const char *zFunc, const char *zArg, int64_t *pMs);
/* Text (pointer valid until the value changes). */
int revops_arg_text(sqlite3_context *ctx, sqlite3_value *v,
                    const char *zFunc, const char *zArg, const char **pz,
                    int *pn);

/* Read argv[0..argc) by aArg's rules into a[], checking every argument
** before a NULL decides (docs/conventions.md).  Arguments from nRequired
** on are optional: NULL means "not given" and leaves NAN in a[i].
** REVOPS_ARG_OK, REVOPS_ARG_NULL (a required argument is NULL), or
** REVOPS_ARG_BAD after setting the error. */
int revops_args(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                const char *zFunc, const RevopsArg *aArg, int nRequired,
                double *a);

/* The result of a formula: REVOPS_OK gives v (an error "fn(): the result
** is too large" when v is not finite, never Inf or NaN), REVOPS_NULL gives
** NULL, REVOPS_ERROR gives "fn(): <zErr>", REVOPS_NOMEM SQLite's own. */
void revops_result_double(sqlite3_context *ctx, const char *zFunc, int rc,
                          double v, const char *zErr);

/* A scalar of ext/core's tables (args.h, specs.c): the row's pArg is its
** RevopsSpec, its xFunc revops_spec_func, which reads the arguments by the
** table's rules through ext/core and sets the result.  revops_register_funcs
** refuses a row whose name is not its table's or that takes more arguments
** than the table has. */
void revops_spec_func(sqlite3_context *ctx, int argc, sqlite3_value **argv);
#define REVOPS_SPEC(name, n, flags) \
  REVOPS_SCALAR_ARG(#name, n, flags, revops_spec_func, &revops_spec_##name)

/* The one error shape for a value that breaks a rule:
** "fn(): arg <rule>, got <value><hint>" (hint may be NULL).  Returns
** REVOPS_ARG_BAD. */
int revops_arg_bad(sqlite3_context *ctx, sqlite3_value *v, const char *zFunc,
                   const char *zArg, const char *zRule, const char *zHint);
/* z (sqlite3_malloc'd) as valid UTF-8: z itself, or a copy with each
** byte that is not well-formed UTF-8 replaced by U+FFFD (z is freed).
** NULL when z is NULL or on OOM.  Every error message goes through it. */
char *revops_utf8_fix(char *z);
/* sqlite3_result_error with a printf-style message (valid UTF-8). */
void revops_result_errorf(sqlite3_context *ctx, const char *zFmt, ...);
/* Describe a value for an error message: "text 'abc'", "a blob", "75". */
char *revops_describe_value(sqlite3_value *v);
/* Set a JSON result from a revops_malloc'd string (takes ownership; NULL
** means out of memory). */
void revops_result_json(sqlite3_context *ctx, char *zJson);

#endif /* REVOPS_EXT_H */
