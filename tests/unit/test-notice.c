/* test-notice.c: 一次性告知 through the engine: the notice action lists the
 * deficiencies instead of failing on them, the preview matches it, and the one-time
 * rule (listed, unlisted, caused by the new submission, a chief's override). */
#define G_LOG_DOMAIN "yibao-test"

#include "test-procedure-fixture.h"

/* ------------------------------------------------------------------------- the one-time notice */

static void
test_notice_action (void)
{
  g_autoptr(YbItem) item = make_item ();
  YbActor clerk = actor (1, clerk_roles);
  g_autoptr(JsonObject) input = parse_object (
    "{ 'fields': { 'applicant_name': '张三', 'applicant_id': '110105194912310021' },"
    "  'materials': [" FORM "," FORM "," LETTER "] }");
  g_autoptr(YbProblems) notice = yb_problems_new ();
  g_autoptr(YbProblems) preview = yb_problems_new ();
  g_autofree char *got = NULL;
  g_autofree char *previewed = NULL;
  GDate day = today ();
  Case c;

  case_init (&c, "submitted");
  /* The deficiencies are the notice's content, not errors of the notice action. */
  assert_check (item, &c, &clerk, "notify_incomplete",
                "{ 'fields': { 'applicant_name': '张三', 'applicant_id': '110105194912310021' },"
                "  'materials': [" FORM "," FORM "," LETTER "] }",
                (const char *[]) { NULL });
  g_assert_false (yb_procedure_notice_problems (item->procedure, item, &c.view, "notify_incomplete",
                                                input, &day, notice));
  got = summary (notice);
  g_assert_cmpstr (got, ==,
                   "id.checksum@applicant_id\nmaterial.duplicate@reg_form\n"
                   "material.missing@id_copy\nmaterial.missing@identity");
  /* The client's preview is the same list. */
  g_assert_false (yb_procedure_preview_notice (item, input, preview));
  previewed = summary (preview);
  g_assert_cmpstr (previewed, ==, got);

  /* Nothing to notify: the case should be accepted. */
  assert_check (item, &c, &clerk, "notify_incomplete",
                "{ 'fields': { " GOOD_FIELDS " }, 'materials': [" FORM "," COPY "," LETTER "," CARD "] }",
                (const char *[]) { "materials.complete@-", NULL });
  /* Errors of the action itself still count. */
  c.view.state = "accepted";
  assert_check (item, &c, &clerk, "notify_incomplete", "{ 'fields': { 'bogus': 1 } }",
                (const char *[]) { "action.not_from_state@-", "field.unknown@bogus", NULL });
  case_clear (&c);
}

typedef struct {
  const char         *name;
  const char * const *roles;
  const char         *action;
  const char         *last_input;
  const char         *new_input;
  const char         *expected[4];
} OneTimeCase;

/* The last notice listed reg_form and id_copy missing (A and B). */
#define NAMED "'fields': { 'applicant_name': '张三', 'applicant_id': '11010519491231002X' }"

static const OneTimeCase one_time_cases[] = {
  { "A fixed, B still missing: listed", clerk_roles, "notify_incomplete",
    "{ " NAMED ", 'materials': [" LETTER "," CARD "] }",
    "{ " NAMED ", 'materials': [" FORM "," LETTER "," CARD "] }", { NULL } },
  { "C missing before and now, never listed", clerk_roles, "notify_incomplete",
    "{ " NAMED ", 'materials': [" CARD "] }",
    "{ " NAMED ", 'materials': [" FORM "," CARD "] }",
    { "notice.unlisted_deficiency@unit_letter", NULL } },
  { "the same with a chief's reason", clerk_chief_roles, "notify_incomplete",
    "{ " NAMED ", 'materials': [" CARD "] }",
    "{ " NAMED ", 'materials': [" FORM "," CARD "], 'override': { 'reason': '首次告知遗漏，经科长同意补充告知' } }",
    { NULL } },
  { "a chief without a reason", clerk_chief_roles, "notify_incomplete",
    "{ " NAMED ", 'materials': [" CARD "] }",
    "{ " NAMED ", 'materials': [" FORM "," CARD "], 'override': { 'reason': '  ' } }",
    { "notice.unlisted_deficiency@unit_letter", NULL } },
  { "a clerk's reason does not count", clerk_roles, "notify_incomplete",
    "{ " NAMED ", 'materials': [" CARD "] }",
    "{ " NAMED ", 'materials': [" FORM "," CARD "], 'override': { 'reason': '补充' } }",
    { "notice.unlisted_deficiency@unit_letter", NULL } },
  { "C's seal removed by the new submission", clerk_roles, "notify_incomplete",
    "{ " NAMED ", 'materials': [" LETTER "," CARD "] }",
    "{ " NAMED ", 'materials': [" FORM ", { 'id': 'unit_letter' }," CARD "] }", { NULL } },
  { "C handed in twice now", clerk_roles, "notify_incomplete",
    "{ " NAMED ", 'materials': [" LETTER "," CARD "] }",
    "{ " NAMED ", 'materials': [" FORM "," LETTER "," LETTER "," CARD "] }", { NULL } },
  { "identity given before as an alternative, left out now", clerk_roles, "notify_incomplete",
    "{ " NAMED ", 'materials': [" LETTER ", { 'id': 'e_voucher' } ] }",
    "{ " NAMED ", 'materials': [" FORM "," LETTER "] }", { NULL } },
  { "identity missing both times", clerk_roles, "notify_incomplete",
    "{ " NAMED ", 'materials': [" LETTER "] }",
    "{ " NAMED ", 'materials': [" FORM "," LETTER "] }",
    { "notice.unlisted_deficiency@identity", NULL } },
  { "a field wrong both times, unchanged", clerk_roles, "notify_incomplete",
    "{ 'fields': { 'applicant_name': '张三', 'applicant_id': '110105194912310021' }, 'materials': [" LETTER "," CARD "] }",
    "{ 'fields': { 'applicant_name': '张三', 'applicant_id': '110105194912310021' }, 'materials': [" FORM "," LETTER "," CARD "] }",
    { "notice.unlisted_deficiency@applicant_id", NULL } },
  { "a field changed and wrong in a new way", clerk_roles, "notify_incomplete",
    "{ 'fields': { 'applicant_name': '张三', 'applicant_id': '110105194912310021' }, 'materials': [" LETTER "," CARD "] }",
    "{ 'fields': { 'applicant_name': '张三', 'applicant_id': '110105194912310022' }, 'materials': [" FORM "," LETTER "," CARD "] }",
    { NULL } },
  { "a required field left out both times", clerk_roles, "notify_incomplete",
    "{ 'fields': { 'applicant_name': '张三', 'applicant_id': '' }, 'materials': [" LETTER "," CARD "] }",
    "{ 'fields': { 'applicant_name': '张三' }, 'materials': [" FORM "," LETTER "," CARD "] }",
    { "notice.unlisted_deficiency@applicant_id", NULL } },
  { "accepting: still missing B is an error, unlisted C too", clerk_roles, "accept",
    "{ " NAMED ", 'materials': [" CARD "] }",
    "{ " NAMED ", 'materials': [" FORM "," CARD "] }",
    { "material.missing@id_copy", "material.missing@unit_letter",
      "notice.unlisted_deficiency@unit_letter", NULL } },
  { "accepting a complete resubmission", clerk_roles, "accept",
    "{ " NAMED ", 'materials': [" CARD "] }",
    "{ " NAMED ", 'materials': [" FORM "," COPY "," LETTER "," CARD "] }", { NULL } },
};

static void
test_one_time_rule (gconstpointer data)
{
  const OneTimeCase *t = data;
  g_autoptr(YbItem) item = make_item ();
  g_autoptr(JsonObject) last_input = parse_object (t->last_input);
  g_autoptr(YbProblems) last_notice = yb_problems_new ();
  YbActor who = actor (1, t->roles);
  Case c;

  yb_problems_add (last_notice, "material.missing", "reg_form", "缺少《单位参保信息登记表》");
  yb_problems_add (last_notice, "material.missing", "id_copy", "缺少法定代表人身份证复印件");
  case_init (&c, "awaiting_correction");
  case_took (&c, "notify_incomplete", 2, 0);
  c.view.last_notice_problems = last_notice;
  c.view.last_notice_input = last_input;
  assert_check (item, &c, &who, t->action, t->new_input, t->expected);
  case_clear (&c);
}

static void
test_unlisted_direct (void)
{
  g_autoptr(YbItem) item = make_item ();
  g_autoptr(JsonObject) last_input = parse_object ("{ 'materials': [ { 'id': 'e_voucher' } ] }");
  g_autoptr(JsonObject) new_input = parse_object ("{ 'materials': [] }");
  g_autoptr(JsonObject) other_set = parse_object ("{ 'material_set': 'x', 'materials': [] }");
  g_autoptr(YbProblems) last_notice = yb_problems_new ();
  g_autoptr(YbProblems) current = yb_problems_new ();
  g_autoptr(YbProblems) with_item = yb_problems_new ();
  g_autoptr(YbProblems) without_item = yb_problems_new ();
  g_autoptr(YbProblems) set_changed = yb_problems_new ();
  g_autoptr(YbProblems) message = yb_problems_new ();
  g_autofree char *got_with = NULL;
  g_autofree char *got_without = NULL;
  YbActor clerk = actor (1, clerk_roles);
  Case c;

  yb_problems_add (last_notice, "material.missing", "reg_form", "缺少 A");
  yb_problems_add (current, "material.missing", "reg_form", "缺少 A");
  yb_problems_add (current, "material.missing", "identity", "缺少身份凭证");
  yb_problems_add (current, "material.missing", "id_copy", "缺少 B");

  /* With the item, leaving out the alternative handed in before changed "identity". */
  yb_notice_unlisted_item (item, last_notice, last_input, new_input, current, with_item);
  got_with = summary (with_item);
  g_assert_cmpstr (got_with, ==, "material.missing@id_copy");
  /* Without it, the alternative's id is not known to stand for "identity". */
  yb_notice_unlisted (last_notice, last_input, new_input, current, without_item);
  got_without = summary (without_item);
  g_assert_cmpstr (got_without, ==, "material.missing@identity\nmaterial.missing@id_copy");
  /* Another material set: every material problem is new. */
  yb_notice_unlisted (last_notice, last_input, other_set, current, set_changed);
  g_assert_true (yb_problems_is_empty (set_changed));

  /* The message says the earlier notice failed to list it. */
  case_init (&c, "awaiting_correction");
  c.view.last_notice_problems = last_notice;
  c.view.last_notice_input = new_input;
  {
    g_autoptr(JsonObject) input = parse_object ("{ " NAMED ", 'materials': [" FORM "," COPY "," CARD "] }");
    GDate day = today ();

    g_assert_false (yb_procedure_check_action (item->procedure, item, &c.view, &clerk, "notify_incomplete",
                                               input, &day, message));
  }
  g_assert_cmpstr (message_for (message, "notice.unlisted_deficiency", "unit_letter"), ==,
                   "上次一次性告知书未列出此项，且本次提交并未改动：缺少《单位证明》。"
                   "再次告知须由科长填写理由后进行");
  case_clear (&c);
}

/* A field only the later step records is not something the notice failed to list. */
static void
test_later_field (void)
{
  g_autoptr(JsonNode) node = parse_json (
    "{ 'code': '6-3', 'category': '6', 'name': '参保信息查询',"
    "  'materials': [ { 'id': 'identity', 'name': '身份凭证' } ],"
    "  'procedure': { 'initial': 'submitted',"
    "    'states': [ { 'id': 'submitted', 'name': '待办', 'kind': 'open' },"
    "                { 'id': 'waiting', 'name': '待补正', 'kind': 'waiting' },"
    "                { 'id': 'done', 'name': '办结', 'kind': 'closed' } ],"
    "    'actions': ["
    "      { 'id': 'notify', 'name': '一次性告知', 'from': [ 'submitted', 'waiting' ], 'to': 'waiting',"
    "        'roles': [ 'clerk' ], 'materials': 'incomplete',"
    "        'fields': [ { 'id': 'name', 'name': '姓名', 'type': 'text', 'required': true } ] },"
    "      { 'id': 'issue', 'name': '出具', 'from': [ 'submitted', 'waiting' ], 'to': 'done',"
    "        'roles': [ 'clerk' ], 'materials': 'complete',"
    "        'fields': [ { 'id': 'name', 'name': '姓名', 'type': 'text', 'required': true },"
    "                    { 'id': 'printed', 'name': '已打印', 'type': 'boolean', 'required': true } ] } ] } }");
  g_autoptr(GError) error = NULL;
  g_autoptr(YbItem) item = yb_item_from_json (node, &error);
  g_autoptr(JsonObject) last_input = parse_object ("{ 'fields': {}, 'materials': [] }");
  g_autoptr(YbProblems) last_notice = yb_problems_new ();
  YbActor clerk = actor (1, clerk_roles);
  Case c;

  g_assert_no_error (error);
  yb_problems_add (last_notice, "material.missing", "identity", "缺少身份凭证");
  case_init (&c, "waiting");
  c.view.last_notice_problems = last_notice;
  c.view.last_notice_input = last_input;
  /* "printed" is an error of the step, not a breach of the one-time rule ... */
  assert_check (item, &c, &clerk, "issue", "{ 'fields': { 'name': '张三' }, 'materials': [ { 'id': 'identity' } ] }",
                (const char *[]) { "field.required@printed", NULL });
  /* ... while the name, which the notice should have asked for, is. */
  assert_check (item, &c, &clerk, "issue", "{ 'fields': { 'printed': true }, 'materials': [ { 'id': 'identity' } ] }",
                (const char *[]) { "field.required@name", "notice.unlisted_deficiency@name", NULL });
  case_clear (&c);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notice/action", test_notice_action);
  for (gsize i = 0; i < G_N_ELEMENTS (one_time_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/notice/one-time/%02zu %s", i, one_time_cases[i].name);

      g_test_add_data_func (path, &one_time_cases[i], test_one_time_rule);
    }
  g_test_add_func ("/notice/unlisted", test_unlisted_direct);
  g_test_add_func ("/notice/later-field", test_later_field);

  return g_test_run ();
}
