/* test-procedure.c: the procedure engine on a small window_standard-like procedure:
 * parsing (and every parse problem with its path), options per role and state, fields
 * of every type, distinct persons, two officers, guards; the rules across steps in
 * test-procedure-rules.h. The one-time notice is in test-notice.c. */
#define G_LOG_DOMAIN "yibao-test"

#include "test-procedure-fixture.h"

/* ------------------------------------------------------------------------- parsing */

static void
test_parse_good (void)
{
  g_autoptr(YbItem) item = make_item ();
  YbProcedure *procedure = item->procedure;
  const YbAction *action;
  const YbField *field;
  const YbDeadlineDef *deadline;

  g_assert_cmpstr (yb_procedure_get_initial (procedure), ==, "submitted");
  g_assert_cmpuint (yb_procedure_get_states (procedure)->len, ==, 6);
  g_assert_cmpuint (yb_procedure_get_actions (procedure)->len, ==, 6);
  g_assert_cmpint (yb_procedure_get_state (procedure, "awaiting_correction")->kind, ==, YB_STATE_WAITING);
  g_assert_cmpstr (yb_state_kind_to_string (yb_procedure_get_state (procedure, "done")->kind), ==, "closed");
  g_assert_null (yb_procedure_get_state (procedure, "nowhere"));
  g_assert_null (yb_procedure_get_action (procedure, "fly"));

  action = yb_procedure_get_action (procedure, "accept");
  g_assert_cmpint (action->materials, ==, YB_MATERIALS_COMPLETE);
  g_assert_cmpint (action->reason, ==, YB_REASON_ABSENT);
  g_assert_cmpint (action->officers, ==, 1);
  g_assert_cmpuint (action->fields->len, ==, 10);
  g_assert_cmpstr (action->starts_deadline, ==, "handling");
  g_assert_cmpstr (action->documents[0], ==, "acceptance_notice");
  g_assert_cmpuint (g_strv_length (action->from), ==, 2);
  field = g_ptr_array_index (action->fields, 0);
  g_assert_cmpint (field->type, ==, YB_FIELD_TEXT);
  g_assert_true (field->required);
  g_assert_true (field->has_max);
  g_assert_cmpint (field->max, ==, 8);
  field = g_ptr_array_index (action->fields, 5);
  g_assert_cmpstr (field->not_before, ==, "case_start");
  g_assert_cmpstr (field->not_after, ==, "today");
  field = g_ptr_array_index (action->fields, 8);
  g_assert_cmpstr (field->options[1], ==, "flexible");

  g_assert_cmpint (yb_procedure_get_action (procedure, "notify_incomplete")->materials, ==,
                   YB_MATERIALS_INCOMPLETE);
  g_assert_cmpint (yb_procedure_get_action (procedure, "refuse")->reason, ==, YB_REASON_REQUIRED);

  /* The second officer's field is added when the action does not declare it. */
  action = yb_procedure_get_action (procedure, "inspect");
  g_assert_cmpint (action->officers, ==, 2);
  g_assert_cmpuint (action->fields->len, ==, 2);
  field = g_ptr_array_index (action->fields, 1);
  g_assert_cmpstr (field->id, ==, "second_officer");
  g_assert_cmpint (field->type, ==, YB_FIELD_USER);
  g_assert_cmpstr (action->distinct_from[0], ==, "accept");

  action = yb_procedure_get_action (procedure, "decide");
  g_assert_cmpuint (json_array_get_length (action->guards), ==, 1);

  deadline = g_ptr_array_index (yb_procedure_get_deadlines (procedure), 0);
  g_assert_cmpstr (deadline->id, ==, "handling");
  g_assert_true (deadline->item_limit);

  g_assert_true (yb_role_can_act ("settlement"));
  g_assert_false (yb_role_can_act ("city_viewer"));
  g_assert_false (yb_role_can_act ("party_group"));
}

static void
test_parse_problems (void)
{
  g_autoptr(JsonNode) node = parse_json (
    "{ 'initial': 'start', 'colour': 'red',"
    "  'states': ["
    "    { 'id': 'open', 'name': '开', 'kind': 'open' },"
    "    { 'id': 'open', 'name': '重复', 'kind': 'open' },"
    "    { 'id': 'Shut', 'name': '关', 'kind': 'final' },"
    "    { 'id': 'closed', 'name': '结', 'kind': 'closed' } ],"
    "  'actions': ["
    "    { 'id': 'go', 'name': '走', 'from': [ 'open', 'nowhere' ], 'to': 'elsewhere', 'roles': [ 'boss', 'clerk' ],"
    "      'materials': 'some', 'reason': 'maybe', 'officers': 3,"
    "      'fields': [ { 'id': 'a', 'name': 'A', 'type': 'colour' },"
    "                  { 'id': 'a', 'name': 'A2', 'type': 'text', 'max': 0 },"
    "                  { 'id': 'c', 'name': 'C', 'type': 'choice' },"
    "                  { 'id': 'd', 'name': 'D', 'type': 'date', 'not_before': 'yesterday' },"
    "                  { 'id': 'e', 'name': 'E', 'type': 'boolean', 'max': 3 },"
    "                  { 'id': 'f', 'name': 'F', 'type': 'money', 'min': 5, 'max': 1 } ],"
    "      'distinct_from': [ 'fly' ], 'documents': [ 'poster' ],"
    "      'starts_deadline': 'soon', 'guards': [ { 'rule': 'moon_phase' },"
    "                                            { 'rule': 'amount_within', 'args': { 'field': 'a' } } ] },"
    "    { 'id': 'go', 'name': '再走', 'from': [ 'closed' ], 'to': 'open', 'roles': [] },"
    "    { 'id': 'pair', 'name': '两人', 'from': [ 'open' ], 'to': 'closed', 'roles': [ 'inspector' ],"
    "      'officers': 2, 'fields': [ { 'id': 'second_officer', 'name': '第二人', 'type': 'text' } ] } ],"
    "  'deadlines': [ { 'id': 'later', 'name': '以后', 'limit': 'never' },"
    "                 { 'id': 'soonish', 'name': '稍后', 'limit': { 'kind': 'working_days' } } ] }");
  g_autoptr(JsonObject) documents = parse_object (documents_json);
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbProcedure) procedure = yb_procedure_parse (node, "procedures.bad", documents, problems);
  g_autofree char *got = sorted_summary (problems);
  const char *expected[] = {
    "procedure.closed_state@procedures.bad.actions[1].from[0]",
    "procedure.date_bound@procedures.bad.actions[0].fields[3].not_before",
    "procedure.duplicate@procedures.bad.actions[0].fields[1].id",
    "procedure.duplicate@procedures.bad.actions[1].id",
    "procedure.duplicate@procedures.bad.states[1].id",
    "procedure.empty@procedures.bad.actions[1].roles",
    "procedure.field_bound@procedures.bad.actions[0].fields[1].max",
    "procedure.field_bound@procedures.bad.actions[0].fields[4].max",
    "procedure.field_bound@procedures.bad.actions[0].fields[5].min",
    "procedure.field_type@procedures.bad.actions[0].fields[0].type",
    "procedure.guard_args@procedures.bad.actions[0].guards[1].args",
    "procedure.guard_args@procedures.bad.actions[0].guards[1].args.field",
    "procedure.id@procedures.bad.states[2].id",
    "procedure.limit@procedures.bad.deadlines[0].limit",
    "procedure.limit@procedures.bad.deadlines[1].limit.days",
    "procedure.materials@procedures.bad.actions[0].materials",
    "procedure.missing@procedures.bad.actions[0].fields[2].options",
    "procedure.officers@procedures.bad.actions[0].officers",
    "procedure.officers@procedures.bad.actions[2].fields[0].type",
    "procedure.reason@procedures.bad.actions[0].reason",
    "procedure.role@procedures.bad.actions[0].roles[0]",
    "procedure.state_kind@procedures.bad.states[2].kind",
    "procedure.unknown_action@procedures.bad.actions[0].distinct_from[0]",
    "procedure.unknown_deadline@procedures.bad.actions[0].starts_deadline",
    "procedure.unknown_document@procedures.bad.actions[0].documents[0]",
    "procedure.unknown_guard@procedures.bad.actions[0].guards[0].rule",
    "procedure.unknown_member@procedures.bad.colour",
    "procedure.unknown_state@procedures.bad.actions[0].from[1]",
    "procedure.unknown_state@procedures.bad.actions[0].to",
    "procedure.unknown_state@procedures.bad.initial",
    NULL,
  };
  g_autofree char *want = joined (expected);

  g_assert_null (procedure);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpstr (message_for (problems, "procedure.closed_state", "procedures.bad.actions[1].from[0]"),
                   ==, "状态“closed”（结）已办结，不能再有操作");
  g_assert_cmpstr (message_for (problems, "procedure.unknown_guard", "procedures.bad.actions[0].guards[0].rule"),
                   ==, "规则“moon_phase”没有注册（程序不认识这条规则）");
}

static void
test_parse_shapes (void)
{
  static const struct {
    const char *json;
    const char *expected;
  } cases[] = {
    { "[]", "procedure.type@p" },
    { "{}", "procedure.missing@p.actions\nprocedure.missing@p.initial\nprocedure.missing@p.states" },
    { "{ 'initial': 's', 'states': [ 7 ], 'actions': {} }",
      "procedure.type@p.actions\nprocedure.type@p.states[0]\nprocedure.unknown_state@p.initial" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse_json (cases[i].json);
      g_autoptr(YbProblems) problems = yb_problems_new ();
      g_autoptr(YbProcedure) procedure = yb_procedure_parse (node, "p", NULL, problems);
      g_autofree char *got = sorted_summary (problems);

      g_assert_null (procedure);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  /* Documents are not checked without a list of kinds; problems may be NULL. */
  {
    g_autoptr(JsonNode) node = parse_json (procedure_json);
    g_autoptr(YbProcedure) procedure = yb_procedure_parse (node, NULL, NULL, NULL);

    g_assert_nonnull (procedure);
    g_assert_true (yb_procedure_ref (procedure) == procedure);
    yb_procedure_unref (procedure);
  }
}

static gboolean
registered_guard (const YbItem     *item,
                  const YbCaseView *view,
                  JsonObject       *args,
                  JsonObject       *input,
                  YbProblems       *problems)
{
  yb_problems_add (problems, "guard.test", NULL, "测试规则总是不通过");
  return FALSE;
}

static void
test_registered_guard (void)
{
  g_autoptr(JsonNode) node = parse_json (
    "{ 'initial': 'a', 'states': [ { 'id': 'a', 'name': 'A', 'kind': 'open' },"
    "                              { 'id': 'b', 'name': 'B', 'kind': 'closed' } ],"
    "  'actions': [ { 'id': 'go', 'name': '走', 'from': [ 'a' ], 'to': 'b', 'roles': [ 'clerk' ],"
    "                 'guards': [ { 'rule': 'always_no' } ] } ] }");
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbProcedure) before = yb_procedure_parse (node, "", NULL, problems);
  g_autoptr(YbProcedure) after = NULL;
  g_autoptr(YbItem) item = make_item ();
  g_autofree char *got = NULL;
  YbActor clerk = actor (1, clerk_roles);
  Case c;

  g_assert_null (before);
  got = summary (problems);
  g_assert_cmpstr (got, ==, "procedure.unknown_guard@actions[0].guards[0].rule");

  yb_procedure_register_guard ("always_no", registered_guard);
  after = yb_procedure_parse (node, "", NULL, NULL);
  g_assert_nonnull (after);

  case_init (&c, "a");
  g_clear_pointer (&problems, yb_problems_unref);
  problems = yb_problems_new ();
  g_assert_false (yb_procedure_check_action (after, item, &c.view, &clerk, "go", NULL, NULL, problems));
  g_clear_pointer (&got, g_free);
  got = summary (problems);
  g_assert_cmpstr (got, ==, "guard.test@-");
  case_clear (&c);
}

/* ------------------------------------------------------------------------- options */

static char *
options_summary (GPtrArray *options)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < options->len; i++)
    {
      const YbActionOption *option = g_ptr_array_index (options, i);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", option->action->id);
      for (guint j = 0; j < yb_problems_get_len (option->blocked_by); j++)
        g_string_append_printf (text, "%c%s", j == 0 ? ':' : ',',
                                yb_problems_get (option->blocked_by, j)->code);
    }
  return g_string_free (text, FALSE);
}

static void
test_options (void)
{
  g_autoptr(YbItem) item = make_item ();
  const struct {
    const char         *state;
    gint64              id;
    const char * const *roles;
    const char         *expected;
  } cases[] = {
    { "submitted", 1, clerk_roles, "accept notify_incomplete refuse" },
    { "submitted", 3, chief_roles, "accept:action.role notify_incomplete:action.role refuse" },
    { "submitted", 5, inspector_roles,
      "accept:action.role notify_incomplete:action.role refuse:action.role" },
    { "awaiting_correction", 2, clerk_roles, "accept notify_incomplete refuse" },
    /* 1 accepted the case: they may neither inspect nor review it. */
    { "accepted", 1, clerk_roles, "inspect:action.role,action.distinct review:action.role,action.distinct" },
    { "accepted", 3, chief_roles, "inspect:action.role review" },
    { "accepted", 5, inspector_roles, "inspect review:action.role" },
    { "inspected", 3, chief_roles, "review decide:action.role" },
    { "inspected", 8, leader_roles, "review:action.role decide" },
    { "done", 3, chief_roles, "" },
    { "refused", 1, clerk_roles, "" },
    { "nowhere", 1, clerk_roles, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      YbActor who = actor (cases[i].id, cases[i].roles);
      g_autoptr(GPtrArray) options = NULL;
      g_autofree char *got = NULL;
      Case c;

      case_init (&c, cases[i].state);
      case_took (&c, "accept", 1, 0);
      options = yb_procedure_options (item->procedure, &c.view, &who);
      got = options_summary (options);
      g_test_message ("%s as %" G_GINT64_FORMAT ": %s", cases[i].state, cases[i].id, got);
      g_assert_cmpstr (got, ==, cases[i].expected);
      case_clear (&c);
    }

  /* A chief who accepted (as the second officer of an acceptance) may not review. */
  {
    YbActor chief = actor (4, chief_roles);
    g_autoptr(GPtrArray) options = NULL;
    g_autofree char *got = NULL;
    Case c;

    case_init (&c, "accepted");
    case_took (&c, "accept", 1, 4);
    options = yb_procedure_options (item->procedure, &c.view, &chief);
    got = options_summary (options);
    g_assert_cmpstr (got, ==, "inspect:action.role,action.distinct review:action.distinct");
    g_assert_cmpstr (yb_problems_get (((YbActionOption *) g_ptr_array_index (options, 1))->blocked_by, 0)->message,
                     ==, "您已办理本件的“受理”，复核须由另一人办理");
    case_clear (&c);
  }
}

/* ------------------------------------------------------------------------- check_action */

static void
test_accept_complete (void)
{
  g_autoptr(YbItem) item = make_item ();
  YbActor clerk = actor (1, clerk_roles);
  Case c;

  case_init (&c, "submitted");
  assert_check (item, &c, &clerk, "accept",
                "{ 'fields': { " GOOD_FIELDS " }, 'materials': [" FORM "," COPY "," LETTER "," CARD "] }",
                (const char *[]) { NULL });
  /* Optional fields may be left out; the alternative is any of them. */
  assert_check (item, &c, &clerk, "accept",
                "{ 'fields': { 'applicant_name': '张三', 'applicant_id': '11010519491231002X', 'mobile': '' },"
                "  'materials': [" FORM "," COPY "," LETTER ", { 'id': 'e_voucher' } ] }",
                (const char *[]) { NULL });
  case_clear (&c);
}

static void
test_accept_problems (void)
{
  g_autoptr(YbItem) item = make_item ();
  YbActor clerk = actor (1, clerk_roles);
  YbActor inspector = actor (5, inspector_roles);
  Case c;

  case_init (&c, "submitted");
  /* Every field wrong, materials incomplete and given twice: all at once, in order. */
  assert_check (item, &c, &clerk, "accept",
                "{ 'fields': { 'applicant_name': '这个名字实在是太长了啊', 'applicant_id': '110105194912310021',"
                "  'unit_code': '91110000600037341A', 'mobile': '12345678901', 'region': '13013',"
                "  'event_date': '2026-02-28', 'amount': 12.5, 'children': 10, 'kind': 'retired',"
                "  'first_time': 'yes', 'extra': 'x' },"
                "  'materials': [ { 'id': 'reg_form', 'original': true }, " COPY "," COPY " ] }",
                (const char *[]) {
                  "field.length@applicant_name", "id.checksum@applicant_id",
                  "credit_code.checksum@unit_code", "mobile.invalid@mobile", "region.invalid@region",
                  "field.date_range@event_date", "field.type@amount", "field.range@children",
                  "field.choice@kind", "field.type@first_time",
                  "material.seal_required@reg_form", "material.duplicate@id_copy",
                  "material.missing@unit_letter", "material.missing@identity",
                  "field.unknown@extra", NULL });

  /* The wrong state, the wrong role, required fields missing, bad input shapes. */
  c.view.state = "accepted";
  assert_check (item, &c, &inspector, "accept",
                "{ 'fields': { 'applicant_name': '   ' }, 'materials': {}, 'reason': 5 }",
                (const char *[]) {
                  "action.not_from_state@-", "action.role@-", "input.type@materials", "input.type@reason",
                  "field.required@applicant_name", "field.required@applicant_id",
                  "material.missing@reg_form", "material.missing@id_copy",
                  "material.missing@unit_letter", "material.missing@identity", NULL });
  assert_check (item, &c, &clerk, "fly", "{}", (const char *[]) { "action.unknown@-", NULL });
  case_clear (&c);
}

static void
test_field_types (void)
{
  g_autoptr(YbItem) item = make_item ();
  YbActor clerk = actor (1, clerk_roles);
  static const struct {
    const char *member;
    const char *expected;  /* NULL: fine */
  } cases[] = {
    { "'applicant_name': '八个字的名字好长'", NULL },
    { "'applicant_name': 42", "field.type@applicant_name" },
    { "'applicant_id': '11010519491231002x'", NULL },
    { "'applicant_id': '1101051949123100'", "id.length@applicant_id" },
    { "'applicant_id': '110105209912310029'", "id.birth_future@applicant_id" },
    { "'unit_code': '91110000600037341L'", NULL },
    { "'unit_code': '9111000060003734'", "credit_code.length@unit_code" },
    { "'mobile': '19912345678'", NULL },
    { "'mobile': '1381234567'", "mobile.invalid@mobile" },
    { "'region': '000000'", "region.invalid@region" },
    { "'event_date': '2026-03-01'", NULL },
    { "'event_date': '2026-03-10'", NULL },
    { "'event_date': '2026-03-11'", "field.date_range@event_date" },
    { "'event_date': '2026-3-5'", "field.format@event_date" },
    { "'event_date': '2026-02-30'", "field.format@event_date" },
    { "'event_date': '2026/03/05'", "field.format@event_date" },
    { "'event_date': 20260305", "field.type@event_date" },
    { "'amount': 100", NULL },
    { "'amount': 1000000", NULL },
    { "'amount': 99", "field.range@amount" },
    { "'amount': 1000001", "field.range@amount" },
    { "'amount': -5", "field.range@amount" },
    { "'amount': '1250'", "field.type@amount" },
    { "'amount': 1250.0", "field.type@amount" },
    { "'children': 1", NULL },
    { "'children': 0", "field.range@children" },
    { "'children': 1.5", "field.type@children" },
    { "'kind': 'in_service'", NULL },
    { "'kind': 'IN_SERVICE'", "field.choice@kind" },
    { "'first_time': false", NULL },
    { "'first_time': 1", "field.type@first_time" },
    { "'mobile': null", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *input = g_strdup_printf (
        "{ 'fields': { 'applicant_name': '张三', 'applicant_id': '11010519491231002X', %s },"
        "  'materials': [" FORM "," COPY "," LETTER "," CARD "] }", cases[i].member);
      Case c;

      g_test_message ("%s", cases[i].member);
      case_init (&c, "submitted");
      assert_check (item, &c, &clerk, "accept", input,
                    (const char *[]) { cases[i].expected, NULL });
      case_clear (&c);
    }
}

static void
test_field_messages (void)
{
  g_autoptr(YbItem) item = make_item ();
  g_autoptr(JsonObject) input = parse_object (
    "{ 'fields': { 'applicant_name': '张三', 'applicant_id': '11010519491231002X',"
    "  'event_date': '2026-02-28', 'amount': 50, 'kind': 'retired', 'extra': 1 } }");
  g_autoptr(YbProblems) problems = yb_problems_new ();
  YbActor clerk = actor (1, clerk_roles);
  GDate day = today ();
  Case c;

  case_init (&c, "submitted");
  g_assert_false (yb_procedure_check_action (item->procedure, item, &c.view, &clerk, "accept", input,
                                             &day, problems));
  g_assert_cmpstr (message_for (problems, "field.date_range", "event_date"), ==,
                   "发生日期 2026-02-28 早于本件开始办理的日期 2026-03-01");
  g_assert_cmpstr (message_for (problems, "field.range", "amount"), ==,
                   "申请金额应在 1.00 元至 10,000.00 元之间，实际为 0.50 元");
  g_assert_cmpstr (message_for (problems, "field.choice", "kind"), ==,
                   "参保类别“retired”不是可选项，应为：in_service、flexible");
  g_assert_cmpstr (message_for (problems, "field.unknown", "extra"), ==, "“extra”不是“受理”要填写的项目");
  g_assert_cmpstr (message_for (problems, "material.missing", "identity"), ==,
                   "经办人身份凭证（医保电子凭证或有效身份证件，任选其一）未提交");
  case_clear (&c);
}

static void
test_refuse_reason (void)
{
  g_autoptr(YbItem) item = make_item ();
  YbActor chief = actor (3, chief_roles);
  Case c;

  case_init (&c, "awaiting_correction");
  assert_check (item, &c, &chief, "refuse", "{}", (const char *[]) { "reason.required@reason", NULL });
  assert_check (item, &c, &chief, "refuse", NULL, (const char *[]) { "reason.required@reason", NULL });
  assert_check (item, &c, &chief, "refuse", "{ 'reason': ' \\n ' }",
                (const char *[]) { "reason.required@reason", NULL });
  assert_check (item, &c, &chief, "refuse", "{ 'reason': '不属于本局受理范围' }", (const char *[]) { NULL });
  /* Materials are not looked at: refusing needs no checklist. */
  assert_check (item, &c, &chief, "refuse", "{ 'reason': '不符合条件', 'materials': [ { 'id': 'x' } ] }",
                (const char *[]) { NULL });
  case_clear (&c);
}

static void
test_distinct (void)
{
  g_autoptr(YbItem) item = make_item ();
  YbActor chief = actor (3, chief_roles);
  YbActor other_chief = actor (4, chief_roles);
  Case c;

  case_init (&c, "accepted");
  case_took (&c, "accept", 3, 0);
  assert_check (item, &c, &chief, "review", "{}", (const char *[]) { "action.distinct@-", NULL });
  assert_check (item, &c, &other_chief, "review", "{ 'reason': '' }", (const char *[]) { NULL });
  case_clear (&c);
}

static void
test_two_officers (void)
{
  g_autoptr(YbItem) item = make_item ();
  YbActor inspector = actor (5, inspector_roles);
  YbActor no_lookup = { 5, inspector_roles, NULL, NULL };
  Case c;

  case_init (&c, "accepted");
  case_took (&c, "accept", 1, 0);
  assert_check (item, &c, &inspector, "inspect", "{ 'fields': { 'inspect_date': '2026-03-09' } }",
                (const char *[]) { "officers.second_missing@second_officer", NULL });
  assert_check (item, &c, &inspector, "inspect",
                "{ 'fields': { 'inspect_date': '2026-03-09', 'second_officer': 5 } }",
                (const char *[]) { "officers.same_person@second_officer", NULL });
  assert_check (item, &c, &inspector, "inspect",
                "{ 'fields': { 'inspect_date': '2026-03-09', 'second_officer': 2 } }",
                (const char *[]) { "officers.second_role@second_officer", NULL });
  assert_check (item, &c, &inspector, "inspect",
                "{ 'fields': { 'inspect_date': '2026-03-09', 'second_officer': 'six' } }",
                (const char *[]) { "field.type@second_officer", NULL });
  assert_check (item, &c, &inspector, "inspect",
                "{ 'fields': { 'inspect_date': '2026-03-09', 'second_officer': 0 } }",
                (const char *[]) { "field.type@second_officer", NULL });
  assert_check (item, &c, &inspector, "inspect",
                "{ 'fields': { 'inspect_date': '2026-03-09', 'second_officer': 6 } }",
                (const char *[]) { NULL });
  /* Without a way to look users up (the client), the role is left to the server. */
  assert_check (item, &c, &no_lookup, "inspect",
                "{ 'fields': { 'inspect_date': '2026-03-09', 'second_officer': 2 } }",
                (const char *[]) { NULL });
  /* Everything at once: a date before the case began, no second officer. */
  assert_check (item, &c, &inspector, "inspect", "{ 'fields': { 'inspect_date': '2026-02-27' } }",
                (const char *[]) { "field.date_range@inspect_date",
                                   "officers.second_missing@second_officer", NULL });

  /* The second officer may not have taken a step the action must be distinct from. */
  case_took (&c, "accept", 7, 0);
  assert_check (item, &c, &inspector, "inspect",
                "{ 'fields': { 'inspect_date': '2026-03-09', 'second_officer': 7 } }",
                (const char *[]) { "action.distinct@second_officer", NULL });
  case_clear (&c);
}

static void
test_guard_amount_within (void)
{
  g_autoptr(YbItem) item = make_item ();
  YbActor leader = actor (8, leader_roles);
  g_autoptr(JsonObject) input = parse_object ("{ 'fields': { 'loss': 100000, 'fine': 600000 } }");
  g_autoptr(YbProblems) problems = yb_problems_new ();
  GDate day = today ();
  Case c;

  case_init (&c, "inspected");
  assert_check (item, &c, &leader, "decide", "{ 'fields': { 'loss': 100000, 'fine': 200000 } }",
                (const char *[]) { NULL });
  assert_check (item, &c, &leader, "decide", "{ 'fields': { 'loss': 100000, 'fine': 500000 } }",
                (const char *[]) { NULL });
  assert_check (item, &c, &leader, "decide", "{ 'fields': { 'loss': 100000, 'fine': 199999 } }",
                (const char *[]) { "guard.amount_within@fine", NULL });
  assert_check (item, &c, &leader, "decide", "{ 'fields': { 'loss': 100000 } }",
                (const char *[]) { "field.required@fine", NULL });
  g_assert_false (yb_procedure_check_action (item->procedure, item, &c.view, &leader, "decide", input,
                                             &day, problems));
  g_assert_cmpstr (message_for (problems, "guard.amount_within", "fine"), ==,
                   "罚款应在 2,000.00 元至 5,000.00 元之间（骗取金额的 2 至 5 倍）");
  case_clear (&c);
}

/* ------------------------------------------------------------------------- rules across steps */

#include "test-procedure-rules.h"

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/procedure/parse/good", test_parse_good);
  g_test_add_func ("/procedure/parse/problems", test_parse_problems);
  g_test_add_func ("/procedure/parse/shapes", test_parse_shapes);
  g_test_add_func ("/procedure/parse/registered-guard", test_registered_guard);
  g_test_add_func ("/procedure/options", test_options);
  g_test_add_func ("/procedure/check/accept-complete", test_accept_complete);
  g_test_add_func ("/procedure/check/accept-problems", test_accept_problems);
  g_test_add_func ("/procedure/check/field-types", test_field_types);
  g_test_add_func ("/procedure/check/field-messages", test_field_messages);
  g_test_add_func ("/procedure/check/refuse-reason", test_refuse_reason);
  g_test_add_func ("/procedure/check/distinct", test_distinct);
  g_test_add_func ("/procedure/check/two-officers", test_two_officers);
  g_test_add_func ("/procedure/check/amount-within", test_guard_amount_within);
  add_rules_tests ();

  return g_test_run ();
}

