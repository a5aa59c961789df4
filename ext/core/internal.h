/*
** internal.h — helpers shared by the files of ext/core (not public API).
** Only ext/core includes it; a binding that builds text or JSON includes
** buf.h, the part of the core's toolkit meant for bindings (the static
** check in tests/run.sh enforces this).
*/
#ifndef REVOPS_INTERNAL_H
#define REVOPS_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "revops.h"

#include "buf.h"

/* ------------------------------------------------------------ JSON input */
/* A small strict JSON reader for configuration values (lead models and
** the like): the whole document becomes a flat array of nodes. */
enum { REVOPS_JNULL, REVOPS_JFALSE, REVOPS_JTRUE, REVOPS_JNUMBER,
       REVOPS_JSTRING, REVOPS_JARRAY, REVOPS_JOBJECT };

typedef struct RevopsJsonNode {
  int type;
  int iNext;        /* next sibling, or -1 */
  int iChild;       /* first child of an array/object, or -1 */
  int nChild;
  const char *zKey; /* member name when the parent is an object */
  const char *zStr; /* decoded string value (REVOPS_JSTRING) */
  double num;       /* REVOPS_JNUMBER */
  int isInt;        /* number written without fraction or exponent */
  int64_t iNum;
  size_t oKey, oStr; /* arena offsets + 1 while parsing */
} RevopsJsonNode;

typedef struct RevopsJson {
  RevopsJsonNode *aNode;
  int nNode, nAlloc;
  char *zArena; /* decoded strings */
  size_t nArena, nArenaAlloc;
} RevopsJson;

/* Parse zJson[0..n).  REVOPS_ERROR with a reason (and byte offset) in zErr,
** REVOPS_NOMEM when out of memory.  Always call revops_json_free afterwards.
** Documents over REVOPS_JSON_MAX_BYTES are refused before parsing. */
#define REVOPS_JSON_MAX_BYTES (16u * 1024 * 1024)
int revops_json_parse(RevopsJson *p, const char *zJson, size_t n, char *zErr,
                      size_t nErr);
void revops_json_free(RevopsJson *p);
/* Member zKey of object node iObj, or -1. */
int revops_json_member(const RevopsJson *p, int iObj, const char *zKey);
const char *revops_json_type_name(int type);

#endif /* REVOPS_INTERNAL_H */
