/* Lead scoring: decay, caps, negatives, inactivity, models. */
#include <stdlib.h>

#include "check.h"
#include "revops.h"

typedef struct Ev {
  const char *zSignal;
  int age;
} Ev;

/* Score a list of (signal, age in days) under model m; unknown names are
** skipped as the SQL binding skips them. */
static int score(const RevopsLeadModel *m, const Ev *a, int n) {
  RevopsLeadState *st = calloc(1, revops_lead_state_size(m));
  RevopsLeadScore s;
  int i;
  for (i = 0; i < n; i++) {
    int k = revops_lead_signal_index(m, a[i].zSignal, strlen(a[i].zSignal));
    if (k >= 0) revops_lead_state_step(m, st, k, a[i].age, +1);
  }
  revops_lead_state_score(m, st, &s);
  free(st);
  return s.score;
}

static RevopsLeadModel *parse(const char *z, char *zErr) {
  RevopsLeadModel *m = 0;
  zErr[0] = 0;
  if (revops_lead_model_parse(z, strlen(z), &m, zErr, REVOPS_ERRMSG_SIZE) != REVOPS_OK) {
    CHECK(m == 0);
  }
  return m;
}

static void model_error(const char *zJson, const char *zWant) {
  char zErr[REVOPS_ERRMSG_SIZE];
  RevopsLeadModel *m = parse(zJson, zErr);
  CHECK(m == 0);
  CHECK_STR(zErr, zWant);
  revops_lead_model_free(m);
}

void test_leads(void) {
  const RevopsLeadModel *d = revops_lead_model_default();
  char zErr[REVOPS_ERRMSG_SIZE];
  int age;

  /* Decay of pricing_page_visit (15, -5 per full week past 14 days) on top
  ** of a base of content_download today (10) + icp (15) + size (10) = 35. */
  {
    static const int aAge[] = {0, 14, 15, 20, 21, 27, 28, 34, 35, 60};
    static const int aWant[] = {50, 50, 50, 50, 45, 45, 40, 40, 35, 35};
    unsigned i;
    for (i = 0; i < sizeof(aAge) / sizeof(aAge[0]); i++) {
      Ev ev[] = {{"content_download", 0}, {"icp_industry", 0},
                 {"company_size_fit", 0}, {"pricing_page_visit", aAge[i]}};
      CHECK_INT(score(d, ev, 4), aWant[i]);
    }
  }
  /* Caps: all behavioral = 93 -> 60; all firmographic = 40; then the
  ** negatives come after the caps. */
  {
    Ev ev[] = {{"pricing_page_visit", 1}, {"content_download", 1},
               {"webinar_attended", 1},   {"demo_request", 1},
               {"email_engaged", 1},      {"deep_session", 1},
               {"return_visit", 1},       {"chatbot_engaged", 1},
               {"icp_industry", 1},       {"company_size_fit", 1},
               {"decision_maker", 1},     {"target_geography", 1},
               {"unsubscribed", 1},       {"student_email", 1},
               {"competitor_domain", 1}};
    CHECK_INT(score(d, ev, 8), 60);
    CHECK_INT(score(d, ev + 8, 4), 25); /* 40 - 15 inactivity */
    CHECK_INT(score(d, ev, 12), 100);
    CHECK_INT(score(d, ev, 13), 80);
    CHECK_INT(score(d, ev, 14), 50);
    CHECK_INT(score(d, ev, 15), 0);
  }
  /* Inactivity: a behavioral signal 30 days old still counts as activity. */
  {
    Ev ev[] = {{"icp_industry", 0}, {"decision_maker", 0}, {"content_download", 30}};
    CHECK_INT(score(d, ev, 2), 10); /* 25 - 15 */
    CHECK_INT(score(d, ev, 3), 35);
    ev[2].age = 31;
    CHECK_INT(score(d, ev, 3), 20);
  }
  /* Each signal counts once, at its best occurrence. */
  {
    Ev ev[] = {{"demo_request", 1}, {"demo_request", 2},
               {"pricing_page_visit", 40}, {"pricing_page_visit", 3}};
    CHECK_INT(score(d, ev, 4), 40);
  }
  /* Unknown names score nothing. */
  CHECK_INT(revops_lead_signal_index(d, "no_such_signal", 14), -1);
  CHECK_INT(revops_lead_signal_index(d, "demo_requests", 13), -1);

  /* Window inverse: remove the best occurrence, the next best remains. */
  {
    RevopsLeadState *st = calloc(1, revops_lead_state_size(d));
    RevopsLeadScore s;
    int k = revops_lead_signal_index(d, "pricing_page_visit", 18);
    revops_lead_state_step(d, st, k, 3, +1);
    revops_lead_state_step(d, st, k, 22, +1);
    revops_lead_state_score(d, st, &s);
    CHECK_INT(s.score, 15);
    revops_lead_state_step(d, st, k, 3, -1);
    revops_lead_state_score(d, st, &s);
    CHECK_INT(s.score, 10);
    CHECK_INT(s.inactivity, 0);
    revops_lead_state_step(d, st, k, 22, -1);
    revops_lead_state_score(d, st, &s);
    CHECK_INT(s.score, 0);
    CHECK_INT(s.inactivity, -15);
    free(st);
  }

  /* The default model survives a round trip through its JSON, and the
  ** parsed copy scores like the built-in one (bucket offsets included). */
  {
    char *zJson = revops_lead_model_json(d), *zAgain;
    RevopsLeadModel *m = parse(zJson, zErr);
    CHECK(m != 0);
    if (m) {
      zAgain = revops_lead_model_json(m);
      CHECK_STR(zAgain, zJson);
      free(zAgain);
      for (age = 0; age < 50; age++) {
        Ev ev[] = {{"pricing_page_visit", age}, {"demo_request", age / 2},
                   {"icp_industry", 0}, {"unsubscribed", age}};
        CHECK_INT(score(m, ev, 4), score(d, ev, 4));
      }
    }
    revops_lead_model_free(m);
    free(zJson);
  }

  /* A custom model: demo_request worth 40, a custom signal with decay
  ** of 3 per 2 days after 1 day, uncapped behavioral, no penalty. */
  {
    RevopsLeadModel *m = parse(
        "{\"signals\":{\"demo_request\":{\"points\":40,\"group\":\"behavioral\"},"
        "\"trial_started\":{\"points\":10,\"group\":\"behavioral\","
        "\"decay\":{\"after_days\":1,\"every_days\":2,\"points\":3}}},"
        "\"caps\":{\"behavioral\":null},\"inactivity\":{\"days\":7,\"points\":0},"
        "\"thresholds\":{\"mql\":30,\"hot\":45}}",
        zErr);
    CHECK(m != 0);
    if (m) {
      /* trial_started at age 1: 10; 2: 10 (floor(1/2)=0); 3: 7; 5: 4; 7: 1; 9: 0 */
      static const int aAge[] = {1, 2, 3, 5, 7, 9, 100};
      static const int aWant[] = {50, 50, 47, 44, 41, 40, 40};
      unsigned i;
      for (i = 0; i < sizeof(aAge) / sizeof(aAge[0]); i++) {
        Ev ev[] = {{"demo_request", 0}, {"trial_started", aAge[i]}};
        CHECK_INT(score(m, ev, 2), aWant[i]);
      }
      CHECK_STR(revops_lead_grade(m, 45), "Hot");
      CHECK_STR(revops_lead_grade(m, 44), "MQL");
      CHECK_STR(revops_lead_grade(m, 29), "Nurture");
      CHECK_INT(revops_lead_model_cap(m, REVOPS_LEAD_BEHAVIORAL), -1);
      CHECK_INT(revops_lead_model_cap(m, REVOPS_LEAD_FIRMOGRAPHIC), 40);
    }
    revops_lead_model_free(m);
  }
  CHECK_STR(revops_lead_grade(d, 75), "Hot");
  CHECK_STR(revops_lead_grade(d, 74), "MQL");
  CHECK_STR(revops_lead_grade(d, 50), "MQL");
  CHECK_STR(revops_lead_grade(d, 49), "Nurture");

  /* Model errors name the JSON path and the rule. */
  model_error("{", "is not valid JSON: expected a member name at byte 1");
  model_error("[]", "$ must be an object, got an array");
  /* Invalid UTF-8 is refused (fuzz_json: two names differing only in such
  ** bytes came back out as one duplicate key). */
  model_error("{\"signals\":{\"a\xff\":{\"points\":5,\"group\":\"behavioral\"}}}",
              "is not valid JSON: invalid UTF-8 in string at byte 13");
  model_error("{}", "$.signals is required");
  model_error("{\"signals\":{},\"cap\":{}}", "$.cap is not a known setting");
  model_error("{\"signals\":{\"x\":{\"points\":5}}}", "$.signals.x.group is required");
  model_error("{\"signals\":{\"x\":{\"points\":5,\"group\":\"fit\"}}}",
              "$.signals.x.group must be \"behavioral\", \"firmographic\" or \"negative\"");
  model_error("{\"signals\":{\"x\":{\"points\":\"5\",\"group\":\"behavioral\"}}}",
              "$.signals.x.points must be an integer, got a string");
  model_error("{\"signals\":{\"x\":{\"points\":2.5,\"group\":\"behavioral\"}}}",
              "$.signals.x.points must be an integer, got a fraction");
  model_error("{\"signals\":{\"x\":{\"points\":-5,\"group\":\"behavioral\"}}}",
              "$.signals.x.points must be between 0 and 1000, got -5");
  model_error("{\"signals\":{\"x\":{\"points\":5,\"group\":\"negative\"}}}",
              "$.signals.x.points must be between -1000 and 0, got 5");
  model_error("{\"signals\":{\"x\":{\"points\":-5,\"group\":\"negative\",\"decay\":{}}}}",
              "$.signals.x.decay: only signals with positive points can decay");
  model_error("{\"signals\":{\"x\":{\"points\":5,\"group\":\"behavioral\",\"decay\":{\"after_days\":1,\"every_days\":0,\"points\":1}}}}",
              "$.signals.x.decay.every_days must be between 1 and 36500, got 0");
  model_error("{\"signals\":{\"x\":{\"points\":5,\"group\":\"behavioral\",\"pts\":1}}}",
              "$.signals.x.pts is not a known setting");
  model_error("{\"signals\":{\"x\":{\"points\":5,\"group\":\"behavioral\"},\"x\":{\"points\":5,\"group\":\"behavioral\"}}}",
              "$.signals.x appears twice");
  model_error("{\"signals\":{\"\":{\"points\":5,\"group\":\"behavioral\"}}}",
              "$.signals: a signal name must not be empty");
  model_error("{\"signals\":{},\"thresholds\":{\"mql\":80,\"hot\":70}}",
              "$.thresholds.mql (80) must not exceed $.thresholds.hot (70)");
  model_error("{\"signals\":{},\"inactivity\":{\"points\":5}}",
              "$.inactivity.points must be between -1000 and 0, got 5");
}
