/*
** json.c — a small strict JSON reader for configuration documents.
**
** The core may not call SQLite's json1, so models passed as JSON (the lead
** scoring model and later ones) are read here.  Strict RFC 8259: no
** comments, no trailing commas, UTF-8 passed through and invalid UTF-8
** refused, \uXXXX decoded (surrogate pairs included).  Nesting is limited so that a hostile
** document cannot exhaust the stack, and the size (REVOPS_JSON_MAX_BYTES)
** so that node counts and offsets stay far inside an int.  Running out of
** memory returns REVOPS_NOMEM, not a message.
*/
#include <math.h>
#include <string.h>

#include "internal.h"

#define JSON_MAX_DEPTH 32

typedef struct JsonParse {
  RevopsJson *p;
  const char *z;
  size_t n, i;
  char *zErr;
  size_t nErr;
  int depth;
  int nomem;
} JsonParse;

static int json_nomem(JsonParse *x) {
  x->nomem = 1;
  revops_errf(x->zErr, x->nErr, "out of memory");
  return -1;
}

static int json_fail(JsonParse *x, const char *zWhat) {
  revops_errf(x->zErr, x->nErr, "%s at byte %lu", zWhat,
              (unsigned long)x->i);
  return -1;
}

static void json_ws(JsonParse *x) {
  while (x->i < x->n && (x->z[x->i] == ' ' || x->z[x->i] == '\t' ||
                         x->z[x->i] == '\n' || x->z[x->i] == '\r')) {
    x->i++;
  }
}

static int json_new_node(JsonParse *x, int type) {
  RevopsJson *p = x->p;
  if (p->nNode >= p->nAlloc) {
    int nNew = p->nAlloc ? p->nAlloc * 2 : 32;
    RevopsJsonNode *a = revops_realloc(p->aNode, sizeof(*a) * (size_t)nNew);
    if (a == 0) return json_nomem(x);
    p->aNode = a;
    p->nAlloc = nNew;
  }
  memset(&p->aNode[p->nNode], 0, sizeof(RevopsJsonNode));
  p->aNode[p->nNode].type = type;
  p->aNode[p->nNode].iNext = -1;
  p->aNode[p->nNode].iChild = -1;
  return p->nNode++;
}

/* Arena offsets, not pointers, while parsing: the arena may move. */
static int json_arena_put(JsonParse *x, const char *z, size_t n) {
  RevopsJson *p = x->p;
  if (p->nArena + n + 1 > p->nArenaAlloc) {
    size_t nNew = p->nArenaAlloc ? p->nArenaAlloc * 2 : 256;
    char *zNew;
    while (nNew < p->nArena + n + 1) nNew *= 2;
    zNew = revops_realloc(p->zArena, nNew);
    if (zNew == 0) return 0;
    p->zArena = zNew;
    p->nArenaAlloc = nNew;
  }
  memcpy(p->zArena + p->nArena, z, n);
  p->nArena += n;
  return 1;
}

static int json_hex4(const char *z, unsigned *pV) {
  unsigned v = 0;
  for (int k = 0; k < 4; k++) {
    char c = z[k];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
    else return 0;
  }
  *pV = v;
  return 1;
}

/* Decode the string at x->i (on the opening quote); store its arena
** offset in *pOff.  Returns 0 or -1. */
static int json_string(JsonParse *x, size_t *pOff) {
  *pOff = x->p->nArena;
  x->i++;
  for (;;) {
    size_t iStart = x->i;
    while (x->i < x->n && x->z[x->i] != '"' && x->z[x->i] != '\\' &&
           (unsigned char)x->z[x->i] >= 0x20) {
      x->i++;
    }
    /* JSON text is UTF-8 (RFC 8259): invalid bytes are refused, not passed
    ** on, so two keys that differ only in them cannot come out as one. */
    if (!revops_csv_utf8_valid(x->z + iStart, x->i - iStart)) {
      x->i = iStart;
      return json_fail(x, "invalid UTF-8 in string");
    }
    if (!json_arena_put(x, x->z + iStart, x->i - iStart)) {
      return json_nomem(x);
    }
    if (x->i >= x->n) return json_fail(x, "unterminated string");
    if (x->z[x->i] == '"') {
      x->i++;
      if (!json_arena_put(x, "", 1)) return json_nomem(x);
      return 0;
    }
    if ((unsigned char)x->z[x->i] < 0x20) {
      return json_fail(x, "control character in string");
    }
    /* backslash escape */
    if (x->i + 1 >= x->n) return json_fail(x, "unterminated string");
    {
      char c = x->z[x->i + 1], out[4];
      size_t nOut = 1;
      x->i += 2;
      switch (c) {
        case '"': out[0] = '"'; break;
        case '\\': out[0] = '\\'; break;
        case '/': out[0] = '/'; break;
        case 'b': out[0] = '\b'; break;
        case 'f': out[0] = '\f'; break;
        case 'n': out[0] = '\n'; break;
        case 'r': out[0] = '\r'; break;
        case 't': out[0] = '\t'; break;
        case 'u': {
          unsigned cp, lo;
          if (x->i + 4 > x->n || !json_hex4(x->z + x->i, &cp)) {
            return json_fail(x, "bad \\u escape");
          }
          x->i += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (x->i + 6 > x->n || x->z[x->i] != '\\' ||
                x->z[x->i + 1] != 'u' || !json_hex4(x->z + x->i + 2, &lo) ||
                lo < 0xDC00 || lo > 0xDFFF) {
              return json_fail(x, "bad surrogate pair");
            }
            x->i += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return json_fail(x, "bad surrogate pair");
          }
          if (cp == 0) return json_fail(x, "NUL in string");
          if (cp < 0x80) {
            out[0] = (char)cp;
          } else if (cp < 0x800) {
            out[0] = (char)(0xC0 | (cp >> 6));
            out[1] = (char)(0x80 | (cp & 0x3F));
            nOut = 2;
          } else if (cp < 0x10000) {
            out[0] = (char)(0xE0 | (cp >> 12));
            out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[2] = (char)(0x80 | (cp & 0x3F));
            nOut = 3;
          } else {
            out[0] = (char)(0xF0 | (cp >> 18));
            out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[3] = (char)(0x80 | (cp & 0x3F));
            nOut = 4;
          }
          break;
        }
        default:
          x->i -= 2;
          return json_fail(x, "bad escape");
      }
      if (!json_arena_put(x, out, nOut)) return json_nomem(x);
    }
  }
}

/* JSON number grammar; the value is computed without strtod (locale). */
static int json_number(JsonParse *x, int iNode) {
  RevopsJsonNode *pN;
  size_t i = x->i;
  int neg = 0, isInt = 1, exp = 0, expSign = 1, expVal = 0, nSig = 0;
  double mant = 0.0;
  int64_t iv = 0;
  int ivOk = 1;
  if (i < x->n && x->z[i] == '-') {
    neg = 1;
    i++;
  }
  if (i >= x->n || x->z[i] < '0' || x->z[i] > '9') {
    return json_fail(x, "bad number");
  }
  if (x->z[i] == '0' && i + 1 < x->n && x->z[i + 1] >= '0' &&
      x->z[i + 1] <= '9') {
    return json_fail(x, "leading zero in number");
  }
  while (i < x->n && x->z[i] >= '0' && x->z[i] <= '9') {
    int d = x->z[i++] - '0';
    if (nSig < 19) {
      mant = mant * 10 + d;
      if (mant != 0) nSig++;
    } else {
      exp++;
    }
    if (iv > (INT64_MAX - d) / 10) ivOk = 0;
    else iv = iv * 10 + d;
  }
  if (i < x->n && x->z[i] == '.') {
    int nFrac = 0;
    isInt = 0;
    i++;
    while (i < x->n && x->z[i] >= '0' && x->z[i] <= '9') {
      if (nSig < 19) {
        mant = mant * 10 + (x->z[i] - '0');
        if (mant != 0) nSig++;
        exp--;
      }
      i++;
      nFrac++;
    }
    if (nFrac == 0) return json_fail(x, "bad number");
  }
  if (i < x->n && (x->z[i] == 'e' || x->z[i] == 'E')) {
    int nExp = 0;
    isInt = 0;
    i++;
    if (i < x->n && (x->z[i] == '+' || x->z[i] == '-')) {
      expSign = x->z[i] == '-' ? -1 : 1;
      i++;
    }
    while (i < x->n && x->z[i] >= '0' && x->z[i] <= '9') {
      if (expVal < 10000) expVal = expVal * 10 + (x->z[i] - '0');
      i++;
      nExp++;
    }
    if (nExp == 0) return json_fail(x, "bad number");
  }
  exp += expSign * expVal;
  x->i = i;
  pN = &x->p->aNode[iNode];
  pN->num = (neg ? -mant : mant) * pow(10.0, exp);
  pN->isInt = isInt && ivOk;
  pN->iNum = neg ? -iv : iv;
  return 0;
}

static int json_value(JsonParse *x, size_t *pKeyOff, int hasKey);

static void json_link(RevopsJson *p, int iParent, int *piLast, int iChild) {
  if (*piLast < 0) p->aNode[iParent].iChild = iChild;
  else p->aNode[*piLast].iNext = iChild;
  *piLast = iChild;
  p->aNode[iParent].nChild++;
}

/* Strings are arena offsets (oKey, oStr: offset+1, 0 = none) until the
** end, when the arena no longer moves and they become pointers. */
static int json_value(JsonParse *x, size_t *pKeyOff, int hasKey) {
  int iNode, iLast = -1;
  json_ws(x);
  if (x->i >= x->n) return json_fail(x, "unexpected end of input");
  switch (x->z[x->i]) {
    case '{':
    case '[': {
      int isObj = x->z[x->i] == '{';
      char cEnd = isObj ? '}' : ']';
      if (++x->depth > JSON_MAX_DEPTH) return json_fail(x, "nested too deeply");
      iNode = json_new_node(x, isObj ? REVOPS_JOBJECT : REVOPS_JARRAY);
      if (iNode < 0) return -1;
      x->i++;
      json_ws(x);
      if (x->i < x->n && x->z[x->i] == cEnd) {
        x->i++;
        break;
      }
      for (;;) {
        size_t keyOff = 0;
        int iChild;
        json_ws(x);
        if (isObj) {
          if (x->i >= x->n || x->z[x->i] != '"') {
            return json_fail(x, "expected a member name");
          }
          if (json_string(x, &keyOff) < 0) return -1;
          json_ws(x);
          if (x->i >= x->n || x->z[x->i] != ':') {
            return json_fail(x, "expected ':'");
          }
          x->i++;
        }
        iChild = json_value(x, &keyOff, isObj);
        if (iChild < 0) return -1;
        json_link(x->p, iNode, &iLast, iChild);
        json_ws(x);
        if (x->i < x->n && x->z[x->i] == ',') {
          x->i++;
          continue;
        }
        if (x->i < x->n && x->z[x->i] == cEnd) {
          x->i++;
          break;
        }
        return json_fail(x, isObj ? "expected ',' or '}'" : "expected ',' or ']'");
      }
      x->depth--;
      break;
    }
    case '"': {
      size_t off;
      iNode = json_new_node(x, REVOPS_JSTRING);
      if (iNode < 0) return -1;
      if (json_string(x, &off) < 0) return -1;
      x->p->aNode[iNode].oStr = off + 1;
      break;
    }
    case 't':
    case 'f':
    case 'n': {
      static const char *const az[] = {"true", "false", "null"};
      static const int aType[] = {REVOPS_JTRUE, REVOPS_JFALSE, REVOPS_JNULL};
      int k = x->z[x->i] == 't' ? 0 : x->z[x->i] == 'f' ? 1 : 2;
      size_t len = strlen(az[k]);
      if (x->i + len > x->n || memcmp(x->z + x->i, az[k], len) != 0) {
        return json_fail(x, "unexpected token");
      }
      x->i += len;
      iNode = json_new_node(x, aType[k]);
      if (iNode < 0) return -1;
      break;
    }
    default:
      iNode = json_new_node(x, REVOPS_JNUMBER);
      if (iNode < 0) return -1;
      if (json_number(x, iNode) < 0) return -1;
      break;
  }
  if (hasKey) x->p->aNode[iNode].oKey = *pKeyOff + 1;
  return iNode;
}

int revops_json_parse(RevopsJson *p, const char *zJson, size_t n, char *zErr,
                      size_t nErr) {
  JsonParse x;
  int i;
  memset(p, 0, sizeof(*p));
  memset(&x, 0, sizeof(x));
  x.p = p;
  x.z = zJson;
  x.n = n;
  x.zErr = zErr;
  x.nErr = nErr;
  if (n > REVOPS_JSON_MAX_BYTES) {
    revops_errf(zErr, nErr, "is %lu bytes, more than the %lu allowed",
                (unsigned long)n, (unsigned long)REVOPS_JSON_MAX_BYTES);
    return REVOPS_ERROR;
  }
  if (json_value(&x, 0, 0) < 0) return x.nomem ? REVOPS_NOMEM : REVOPS_ERROR;
  json_ws(&x);
  if (x.i != x.n) {
    json_fail(&x, "unexpected text after the document");
    return REVOPS_ERROR;
  }
  /* The arena is final: turn stashed offsets into pointers. */
  for (i = 0; i < p->nNode; i++) {
    RevopsJsonNode *pN = &p->aNode[i];
    if (pN->oKey) pN->zKey = p->zArena + pN->oKey - 1;
    if (pN->oStr) pN->zStr = p->zArena + pN->oStr - 1;
  }
  return REVOPS_OK;
}

void revops_json_free(RevopsJson *p) {
  revops_free(p->aNode);
  revops_free(p->zArena);
  memset(p, 0, sizeof(*p));
}

int revops_json_member(const RevopsJson *p, int iObj, const char *zKey) {
  int i;
  if (iObj < 0 || p->aNode[iObj].type != REVOPS_JOBJECT) return -1;
  for (i = p->aNode[iObj].iChild; i >= 0; i = p->aNode[i].iNext) {
    if (strcmp(p->aNode[i].zKey, zKey) == 0) return i;
  }
  return -1;
}

const char *revops_json_type_name(int type) {
  static const char *const az[] = {"null",   "false", "true",  "a number",
                                   "a string", "an array", "an object"};
  return (type >= 0 && type <= REVOPS_JOBJECT) ? az[type] : "?";
}
