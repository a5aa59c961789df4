/* fuzz_json.c — the JSON reader and the lead model parser on any bytes.
** Properties: a parsed document's nodes link inside the node array; a
** model that parses renders to JSON that parses again to a model that
** renders the same; a model's state stays within its bound. */
#include <string.h>

#include "fuzz.h"
#include "internal.h"

static void check_tree(const RevopsJson *j) {
  int i;
  for (i = 0; i < j->nNode; i++) {
    const RevopsJsonNode *p = &j->aNode[i];
    int k, n = 0;
    FUZZ_ASSERT(p->iNext < j->nNode && p->iChild < j->nNode);
    for (k = p->iChild; k >= 0; k = j->aNode[k].iNext) {
      FUZZ_ASSERT(k > i);
      n++;
    }
    FUZZ_ASSERT(n == p->nChild);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  RevopsJson j;
  RevopsLeadModel *m = 0, *m2 = 0;
  char zErr[REVOPS_ERRMSG_SIZE];
  int rc = revops_json_parse(&j, (const char *)data, size, zErr, sizeof(zErr));
  if (rc == REVOPS_OK) check_tree(&j);
  revops_json_free(&j);

  rc = revops_lead_model_parse((const char *)data, size, &m, zErr, sizeof(zErr));
  FUZZ_ASSERT((rc == REVOPS_OK) == (m != 0));
  if (m) {
    char *z = revops_lead_model_json(m), *z2;
    FUZZ_ASSERT(z != 0);
    FUZZ_ASSERT(revops_lead_state_size(m) <= REVOPS_LEAD_MAX_STATE_BYTES);
    FUZZ_ASSERT(revops_lead_model_nsignal(m) <= REVOPS_LEAD_MAX_SIGNALS);
    rc = revops_lead_model_parse(z, strlen(z), &m2, zErr, sizeof(zErr));
    FUZZ_ASSERT(rc == REVOPS_OK);
    z2 = revops_lead_model_json(m2);
    FUZZ_ASSERT(z2 != 0 && strcmp(z, z2) == 0);
    revops_free(z);
    revops_free(z2);
    revops_lead_model_free(m2);
    revops_lead_model_free(m);
  }
  return 0;
}
