/* The JSON reader used for models. */
#include "check.h"
#include "internal.h"

static int json_ok(const char *z) {
  RevopsJson j;
  char zErr[120];
  int rc = revops_json_parse(&j, z, strlen(z), zErr, sizeof(zErr));
  revops_json_free(&j);
  return rc == REVOPS_OK;
}

static void json_err(const char *z, const char *zWant) {
  RevopsJson j;
  char zErr[120] = "";
  int rc = revops_json_parse(&j, z, strlen(z), zErr, sizeof(zErr));
  revops_json_free(&j);
  CHECK(rc == REVOPS_ERROR);
  CHECK_STR(zErr, zWant);
}

void test_json(void) {
  RevopsJson j;
  char zErr[120];
  int i;
  const char *z = "{\"a\":[1,-2.5,3e2,true,false,null],\"b\":{\"c\":\"x\\u00e9\\n\\ud83d\\ude00\"}}";
  CHECK(revops_json_parse(&j, z, strlen(z), zErr, sizeof(zErr)) == REVOPS_OK);
  i = revops_json_member(&j, 0, "a");
  CHECK(i > 0 && j.aNode[i].type == REVOPS_JARRAY && j.aNode[i].nChild == 6);
  i = j.aNode[i].iChild;
  CHECK(j.aNode[i].isInt && j.aNode[i].iNum == 1);
  i = j.aNode[i].iNext;
  CHECK(!j.aNode[i].isInt && j.aNode[i].num == -2.5);
  i = j.aNode[i].iNext;
  CHECK(j.aNode[i].num == 300.0 && !j.aNode[i].isInt);
  i = revops_json_member(&j, revops_json_member(&j, 0, "b"), "c");
  CHECK_STR(j.aNode[i].zStr, "x\xc3\xa9\n\xf0\x9f\x98\x80");
  CHECK(revops_json_member(&j, 0, "zz") == -1);
  revops_json_free(&j);

  CHECK(json_ok(" {} "));
  CHECK(json_ok("[]"));
  CHECK(json_ok("0"));
  CHECK(json_ok("-0.5e-3"));
  json_err("", "unexpected end of input at byte 0");
  json_err("{\"a\":1,}", "expected a member name at byte 7");
  json_err("[1,]", "bad number at byte 3");
  json_err("{\"a\" 1}", "expected ':' at byte 5");
  json_err("01", "leading zero in number at byte 0");
  json_err("\"abc", "unterminated string at byte 4");
  json_err("\"a\\qb\"", "bad escape at byte 2");
  json_err("\"\\ud800\"", "bad surrogate pair at byte 7");
  json_err("[1] x", "unexpected text after the document at byte 4");
  json_err("nul", "unexpected token at byte 0");
  json_err("{\"a\":1 \"b\":2}", "expected ',' or '}' at byte 7");
  {
    char deep[200];
    memset(deep, '[', 100);
    deep[100] = 0;
    json_err(deep, "nested too deeply at byte 32");
  }
}
