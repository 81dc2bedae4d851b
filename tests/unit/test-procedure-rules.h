/* test-procedure-rules.h: the rules across steps (schema/catalogue/README.md, "Rules
 * across steps"): date bounds today±N and field:ID, equals, required_when, the user-field
 * rules, not_by_fields, material_sets, days_field and extensions, and the guards that
 * read the case's recorded fields (amount_within's basis, late_fine, case_field_is);
 * each good and bad, with the exact problem list, and every bad reference as a parse
 * problem with its path. Included by test-procedure.c only (it shares its fixture);
 * everything is static; add_rules_tests() registers the tests. */
#pragma once

#include "test-procedure-fixture.h"

/* ------------------------------------------------------------------------- fixture */

#define RULES_STATES \
  "  'states': ["                                                              \
  "    { 'id': 'a', 'name': '甲', 'kind': 'open' },"                           \
  "    { 'id': 'b', 'name': '乙', 'kind': 'open' },"                           \
  "    { 'id': 'c', 'name': '丙', 'kind': 'open' },"                           \
  "    { 'id': 'done', 'name': '结', 'kind': 'closed' } ],"

G_GNUC_UNUSED static const char rules_procedure_json[] =
  "{ 'initial': 'a'," RULES_STATES
  "  'actions': ["
  "    { 'id': 'record', 'name': '封存', 'from': [ 'a' ], 'to': 'b', 'roles': [ 'inspector' ], 'officers': 2,"
  "      'starts_deadline': 'term',"
  "      'fields': ["
  "        { 'id': 'sealed_on', 'name': '封存日期', 'type': 'date', 'required': true, 'not_after': 'today' },"
  "        { 'id': 'term_days', 'name': '封存期限', 'type': 'integer', 'required': true, 'min': 1, 'max': 30 },"
  "        { 'id': 'informed', 'name': '当场告知', 'type': 'boolean', 'required': true, 'equals': true },"
  "        { 'id': 'reason_kind', 'name': '支取原因', 'type': 'choice', 'required': true,"
  "          'options': [ 'death', 'abroad' ] },"
  "        { 'id': 'heir_name', 'name': '继承人姓名', 'type': 'text',"
  "          'required_when': { 'field': 'reason_kind', 'in': [ 'death' ] } },"
  "        { 'id': 'visit_to', 'name': '终止日期', 'type': 'date', 'not_before': 'field:sealed_on' },"
  "        { 'id': 'notice_on', 'name': '稽核日期', 'type': 'date', 'not_before': 'today+3',"
  "          'not_after': 'today+30' },"
  "        { 'id': 'amount', 'name': '核定金额', 'type': 'money' },"
  "        { 'id': 'second_officer', 'name': '第二执法人员', 'type': 'user',"
  "          'distinct_from_fields': [ 'recused_user' ] } ] },"
  "    { 'id': 'recuse', 'name': '回避', 'from': [ 'b' ], 'to': 'b', 'roles': [ 'chief' ],"
  "      'not_by_fields': [ 'recused_user' ],"
  "      'fields': [ { 'id': 'recused_user', 'name': '回避人员', 'type': 'user', 'required': true,"
  "                    'not_actor': true } ] },"
  "    { 'id': 'assign', 'name': '指派', 'from': [ 'b' ], 'to': 'c', 'roles': [ 'chief' ],"
  "      'not_by_fields': [ 'recused_user' ],"
  "      'fields': ["
  "        { 'id': 'leader_user', 'name': '组长', 'type': 'user', 'required': true, 'role': 'inspector' },"
  "        { 'id': 'member', 'name': '组员', 'type': 'user', 'required': true, 'role': 'inspector',"
  "          'distinct_from_fields': [ 'leader_user', 'recused_user' ] },"
  "        { 'id': 'host', 'name': '主持人', 'type': 'user', 'not_from_actions': [ 'record' ] },"
  "        { 'id': 'earlier_before', 'name': '早于', 'type': 'date', 'not_before': 'field:sealed_on',"
  "          'not_after': 'today-1' } ] },"
  "    { 'id': 'extend', 'name': '延长', 'from': [ 'b' ], 'to': 'b', 'roles': [ 'leader' ],"
  "      'extends_deadline': 'term', 'extends_days_field': 'extra',"
  "      'fields': [ { 'id': 'extra', 'name': '延长日数', 'type': 'integer', 'required': true, 'min': 1, 'max': 30 } ] },"
  "    { 'id': 'for_set', 'name': '情形一受理', 'from': [ 'a' ], 'to': 'b', 'roles': [ 'clerk' ],"
  "      'material_sets': [ 'set_one' ] },"
  "    { 'id': 'pay', 'name': '支付', 'from': [ 'c' ], 'to': 'done', 'roles': [ 'settlement' ],"
  "      'fields': ["
  "        { 'id': 'paid', 'name': '支付金额', 'type': 'money', 'required': true },"
  "        { 'id': 'fine', 'name': '罚款', 'type': 'money' },"
  "        { 'id': 'days', 'name': '逾期日数', 'type': 'integer', 'min': 0 },"
  "        { 'id': 'late', 'name': '加处罚款', 'type': 'money' } ],"
  "      'guards': [ { 'rule': 'amount_within', 'args': { 'field': 'paid', 'basis': 'amount', 'max_times': 1 } },"
  "                  { 'rule': 'late_fine', 'args': { 'fine_field': 'fine', 'days_field': 'days',"
  "                                                   'late_field': 'late', 'permille_per_day': 30 } } ] },"
  "    { 'id': 'decide', 'name': '决定', 'from': [ 'c' ], 'to': 'done', 'roles': [ 'leader' ],"
  "      'fields': [ { 'id': 'amount', 'name': '决定金额', 'type': 'money', 'required': true },"
  "                  { 'id': 'other', 'name': '其他罚款', 'type': 'money' } ],"
  "      'guards': [ { 'rule': 'amount_within', 'args': { 'field': 'amount', 'basis': 'case:amount', 'max_times': 1 } },"
  "                  { 'rule': 'amount_within', 'args': { 'field': 'other', 'basis': 'case:other', 'max_times': 1 } } ] },"
  "    { 'id': 'close_abroad', 'name': '出境结案', 'from': [ 'c' ], 'to': 'done', 'roles': [ 'chief' ],"
  "      'guards': [ { 'rule': 'case_field_is', 'args': { 'field': 'reason_kind', 'equals': 'abroad' } } ] },"
  "    { 'id': 'close_in', 'name': '列举结案', 'from': [ 'c' ], 'to': 'done', 'roles': [ 'chief' ],"
  "      'guards': [ { 'rule': 'case_field_is', 'args': { 'field': 'reason_kind', 'in': [ 'death' ] } } ] },"
  "    { 'id': 'close_not', 'name': '排除结案', 'from': [ 'c' ], 'to': 'done', 'roles': [ 'chief' ],"
  "      'guards': [ { 'rule': 'case_field_is', 'args': { 'field': 'informed', 'not_in': [ false ] } } ] } ],"
  "  'deadlines': [ { 'id': 'term', 'name': '封存期限',"
  "                   'limit': { 'kind': 'calendar_days', 'days': 30, 'days_field': 'term_days' } } ] }";

G_GNUC_UNUSED static const char * const settlement_roles[] = { "settlement", NULL };

/* The fixture's item with two material sets and @procedure. */
static YbItem *
make_rules_item_with (const char *procedure)
{
  g_autofree char *text = g_strdup_printf (
    "%s 'material_sets': [ { 'id': 'set_one', 'name': '情形一', 'materials': [ 'reg_form' ] },"
    "                      { 'id': 'set_two', 'name': '情形二', 'materials': [ 'id_copy' ] } ],"
    " 'documents': %s, 'procedure': %s }", item_head, documents_json, procedure);
  g_autoptr(JsonNode) node = parse_json (text);
  g_autoptr(GError) error = NULL;
  YbItem *item = yb_item_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item->procedure);
  return item;
}

static YbItem *
make_rules_item (void)
{
  return make_rules_item_with (rules_procedure_json);
}

/* The fields recorded on the case so far (view->fields). */
typedef struct {
  Case        c;
  JsonObject *recorded;
} RulesCase;

static void
rules_case_init (RulesCase  *rc,
                 const char *state,
                 const char *recorded)
{
  case_init (&rc->c, state);
  rc->recorded = recorded != NULL ? parse_object (recorded) : NULL;
  rc->c.view.fields = rc->recorded;
}

static void
rules_case_clear (RulesCase *rc)
{
  g_clear_pointer (&rc->recorded, json_object_unref);
  case_clear (&rc->c);
}

/* A good "record" input with @extra members added (later ones win). */
#define RECORD_GOOD \
  "'sealed_on': '2026-03-09', 'term_days': 10, 'informed': true, 'reason_kind': 'abroad'," \
  " 'notice_on': '2026-03-13', 'second_officer': 6"

static void
assert_record (YbItem             *item,
               RulesCase          *rc,
               const char         *members,
               const char * const *expected)
{
  YbActor inspector = actor (5, inspector_roles);
  g_autofree char *input = g_strdup_printf ("{ 'fields': { " RECORD_GOOD "%s%s } }",
                                            members[0] != '\0' ? ", " : "", members);

  assert_check (item, &rc->c, &inspector, "record", input, expected);
}

/* json-glib keeps the last of duplicated members, so RECORD_GOOD can be overridden. */

/* ------------------------------------------------------------------------- parsing */

static void
test_rules_parse_good (void)
{
  g_autoptr(YbItem) item = make_rules_item ();
  YbProcedure *procedure = item->procedure;
  const YbAction *action = yb_procedure_get_action (procedure, "record");
  const YbDeadlineDef *deadline = g_ptr_array_index (yb_procedure_get_deadlines (procedure), 0);
  const YbField *field;
  g_autoptr(YbProblems) problems = yb_problems_new ();

  field = g_ptr_array_index (action->fields, 2);
  g_assert_nonnull (field->equals);
  g_assert_true (json_node_get_boolean (field->equals));
  field = g_ptr_array_index (action->fields, 4);
  g_assert_cmpstr (field->required_when_field, ==, "reason_kind");
  g_assert_cmpstr (json_array_get_string_element (field->required_when_in, 0), ==, "death");
  g_assert_false (field->required);
  field = g_ptr_array_index (action->fields, 5);
  g_assert_cmpstr (field->not_before, ==, "field:sealed_on");
  field = g_ptr_array_index (action->fields, 6);
  g_assert_cmpstr (field->not_before, ==, "today+3");
  g_assert_cmpstr (field->not_after, ==, "today+30");
  field = g_ptr_array_index (action->fields, 8);
  g_assert_cmpstr (field->distinct_from_fields[0], ==, "recused_user");

  action = yb_procedure_get_action (procedure, "recuse");
  g_assert_true (((const YbField *) g_ptr_array_index (action->fields, 0))->not_actor);
  g_assert_cmpstr (action->not_by_fields[0], ==, "recused_user");
  action = yb_procedure_get_action (procedure, "assign");
  g_assert_cmpstr (((const YbField *) g_ptr_array_index (action->fields, 0))->role, ==, "inspector");
  g_assert_cmpstr (((const YbField *) g_ptr_array_index (action->fields, 2))->not_from_actions[0], ==, "record");
  action = yb_procedure_get_action (procedure, "extend");
  g_assert_cmpstr (action->extends_deadline, ==, "term");
  g_assert_cmpstr (action->extends_days_field, ==, "extra");
  action = yb_procedure_get_action (procedure, "for_set");
  g_assert_cmpstr (action->material_sets[0], ==, "set_one");
  g_assert_null (yb_procedure_get_action (procedure, "record")->material_sets);
  g_assert_null (yb_procedure_get_action (procedure, "record")->not_by_fields);

  g_assert_cmpstr (deadline->days_field, ==, "term_days");
  g_assert_cmpint (deadline->limit.days, ==, 30);

  /* The sets an action names are the item's. */
  g_assert_true (yb_procedure_check_material_sets (procedure, item, "items[3].procedure", problems));
  g_assert_cmpuint (yb_problems_get_len (problems), ==, 0);
}

static void
test_rules_parse_problems (void)
{
  g_autoptr(JsonNode) node = parse_json (
    "{ 'initial': 'a'," RULES_STATES
    "  'actions': ["
    "    { 'id': 'one', 'name': '一', 'from': [ 'a' ], 'to': 'b', 'roles': [ 'inspector' ],"
    "      'starts_deadline': 'term', 'extends_deadline': 'nowhere', 'extends_days_field': 'extra',"
    "      'material_sets': [ 'Set' ], 'not_by_fields': [ 'ghost', 'flag' ],"
    "      'fields': ["
    "        { 'id': 'on', 'name': '日', 'type': 'date', 'not_before': 'field:missing', 'not_after': 'tomorrow' },"
    "        { 'id': 'on2', 'name': '日2', 'type': 'date', 'not_before': 'field:flag', 'not_after': 'today+9999' },"
    "        { 'id': 'on3', 'name': '日3', 'type': 'date', 'not_before': 'field:on3' },"
    "        { 'id': 'flag', 'name': '标', 'type': 'boolean', 'equals': 'yes', 'role': 'clerk' },"
    "        { 'id': 'kind', 'name': '类', 'type': 'choice', 'options': [ 'x', 'y' ], 'equals': 'z' },"
    "        { 'id': 'who', 'name': '人', 'type': 'user', 'equals': 5, 'role': 'boss',"
    "          'not_from_actions': [ 'fly' ], 'distinct_from_fields': [ 'who', 'kind', 'nobody' ] },"
    "        { 'id': 'needed', 'name': '需', 'type': 'text', 'required': true,"
    "          'required_when': { 'field': 'kind', 'in': [ 'z' ], 'also': 1 } },"
    "        { 'id': 'needed2', 'name': '需2', 'type': 'text', 'required_when': { 'field': 'ghost', 'in': [] } },"
    "        { 'id': 'needed3', 'name': '需3', 'type': 'text', 'required_when': { 'in': [ [ 1 ] ] } },"
    "        { 'id': 'term_days', 'name': '期限', 'type': 'integer', 'min': 1, 'max': 31 },"
    "        { 'id': 'extra', 'name': '延', 'type': 'text' },"
    "        { 'id': 'fine', 'name': '罚', 'type': 'money' },"
    "        { 'id': 'late', 'name': '加', 'type': 'integer' } ],"
    "      'guards': ["
    "        { 'rule': 'amount_within', 'args': { 'field': 'fine', 'basis': 'case:ghost', 'max_times': 1 } },"
    "        { 'rule': 'amount_within', 'args': { 'field': 'fine', 'basis': 'on', 'max_times': 1 } },"
    "        { 'rule': 'late_fine', 'args': { 'fine_field': 'kind', 'days_field': 'fine', 'late_field': 'late',"
    "                                         'permille_per_day': 0, 'rate': 3 } },"
    "        { 'rule': 'late_fine', 'args': {} },"
    "        { 'rule': 'case_field_is', 'args': { 'field': 'kind', 'equals': 'z', 'in': [ 'x' ] } },"
    "        { 'rule': 'case_field_is', 'args': { 'field': 'who', 'in': [ 'x' ] } },"
    "        { 'rule': 'case_field_is', 'args': { 'field': 'flag', 'not_in': [ 'no' ] } } ] },"
    "    { 'id': 'two', 'name': '二', 'from': [ 'b' ], 'to': 'done', 'roles': [ 'leader' ],"
    "      'starts_deadline': 'term', 'extends_deadline': 'spot', 'extends_days_field': 'missing' },"
    "    { 'id': 'three', 'name': '三', 'from': [ 'b' ], 'to': 'done', 'roles': [ 'leader' ],"
    "      'extends_days_field': 'late' } ],"
    "  'deadlines': [ { 'id': 'term', 'name': '期', 'limit': { 'kind': 'calendar_days', 'days': 30, 'days_field': 'term_days' } },"
    "                 { 'id': 'spot', 'name': '当场', 'limit': { 'kind': 'on_the_spot', 'days_field': 'term_days' } } ] }");
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbProcedure) procedure = yb_procedure_parse (node, "p", NULL, problems);
  g_autofree char *got = sorted_summary (problems);
  const char *expected[] = {
    "procedure.date_bound@p.actions[0].fields[0].not_after",
    "procedure.date_bound@p.actions[0].fields[1].not_after",
    "procedure.days_field@p.actions[0].extends_days_field",
    "procedure.days_field@p.actions[1].extends_days_field",
    "procedure.days_field@p.deadlines[0].limit.days_field",
    "procedure.empty@p.actions[0].fields[7].required_when.in",
    "procedure.equals@p.actions[0].fields[3].equals",
    "procedure.equals@p.actions[0].fields[4].equals",
    "procedure.equals@p.actions[0].fields[5].equals",
    "procedure.guard_args@p.actions[0].guards[0].args.basis",
    "procedure.guard_args@p.actions[0].guards[1].args.basis",
    "procedure.guard_args@p.actions[0].guards[2].args.days_field",
    "procedure.guard_args@p.actions[0].guards[2].args.fine_field",
    "procedure.guard_args@p.actions[0].guards[2].args.late_field",
    "procedure.guard_args@p.actions[0].guards[2].args.permille_per_day",
    "procedure.guard_args@p.actions[0].guards[4].args",
    "procedure.guard_args@p.actions[0].guards[4].args.equals",
    "procedure.guard_args@p.actions[0].guards[5].args.field",
    "procedure.guard_args@p.actions[0].guards[6].args.not_in[0]",
    "procedure.id@p.actions[0].material_sets[0]",
    "procedure.limit@p.actions[1].extends_deadline",
    "procedure.limit@p.deadlines[1].limit.days_field",
    "procedure.missing@p.actions[0].fields[8].required_when.field",
    "procedure.missing@p.actions[0].guards[3].args.days_field",
    "procedure.missing@p.actions[0].guards[3].args.fine_field",
    "procedure.missing@p.actions[0].guards[3].args.late_field",
    "procedure.missing@p.actions[0].guards[3].args.permille_per_day",
    "procedure.missing@p.actions[2].extends_deadline",
    "procedure.required_when@p.actions[0].fields[6].required_when",
    "procedure.required_when@p.actions[0].fields[6].required_when.in[0]",
    "procedure.required_when@p.actions[0].fields[8].required_when.in[0]",
    "procedure.role@p.actions[0].fields[5].role",
    "procedure.unknown_action@p.actions[0].fields[5].not_from_actions[0]",
    "procedure.unknown_deadline@p.actions[0].extends_deadline",
    "procedure.unknown_field@p.actions[0].fields[0].not_before",
    "procedure.unknown_field@p.actions[0].fields[1].not_before",
    "procedure.unknown_field@p.actions[0].fields[2].not_before",
    "procedure.unknown_field@p.actions[0].fields[5].distinct_from_fields[1]",
    "procedure.unknown_field@p.actions[0].fields[5].distinct_from_fields[2]",
    "procedure.unknown_field@p.actions[0].fields[7].required_when.field",
    "procedure.unknown_field@p.actions[0].not_by_fields[0]",
    "procedure.unknown_field@p.actions[0].not_by_fields[1]",
    "procedure.unknown_member@p.actions[0].fields[6].required_when.also",
    "procedure.unknown_member@p.actions[0].guards[2].args.rate",
    "procedure.user_rule@p.actions[0].fields[3].role",
    "procedure.user_rule@p.actions[0].fields[5].distinct_from_fields[0]",
    NULL,
  };
  g_autofree char *want = joined (expected);

  g_assert_null (procedure);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpstr (message_for (problems, "procedure.unknown_field", "p.actions[0].fields[0].not_before"), ==,
                   "“missing”不是本流程任何一项操作记录的日期（date）字段（也不能是字段自身）");
  g_assert_cmpstr (message_for (problems, "procedure.days_field", "p.deadlines[0].limit.days_field"), ==,
                   "“term_days”应为启动此时限的操作“one”的整数（integer）字段，下限不小于 1，上限不超过时限的 30 天");
}

/* A field another action records may be named, in either order of definition; the
 * material sets are checked against the item that uses the procedure. */
static void
test_rules_parse_references (void)
{
  g_autoptr(JsonNode) node = parse_json (
    "{ 'initial': 'a'," RULES_STATES
    "  'actions': ["
    "    { 'id': 'later', 'name': '后', 'from': [ 'b' ], 'to': 'done', 'roles': [ 'leader' ],"
    "      'material_sets': [ 'set_one', 'set_three' ],"
    "      'fields': [ { 'id': 'end', 'name': '止', 'type': 'date', 'not_before': 'field:start' },"
    "                  { 'id': 'paid', 'name': '付', 'type': 'money' } ],"
    "      'guards': [ { 'rule': 'amount_within', 'args': { 'field': 'paid', 'basis': 'cleared', 'max_times': 1 } } ] },"
    "    { 'id': 'earlier', 'name': '前', 'from': [ 'a' ], 'to': 'b', 'roles': [ 'clerk' ],"
    "      'fields': [ { 'id': 'start', 'name': '起', 'type': 'date' },"
    "                  { 'id': 'cleared', 'name': '清', 'type': 'money' } ] } ] }");
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbProcedure) procedure = yb_procedure_parse (node, "p", NULL, problems);
  g_autoptr(YbItem) item = make_rules_item ();
  g_autofree char *got = NULL;

  g_assert_nonnull (procedure);
  g_assert_false (yb_procedure_check_material_sets (procedure, item, "items[3].procedure", problems));
  got = summary (problems);
  g_assert_cmpstr (got, ==, "procedure.unknown_material_set@items[3].procedure.actions[0].material_sets[1]");
}

/* ------------------------------------------------------------------------- field rules */

static void
test_rules_date_bounds (void)
{
  g_autoptr(YbItem) item = make_rules_item ();
  RulesCase rc;

  rules_case_init (&rc, "a", NULL);
  assert_record (item, &rc, "", (const char *[]) { NULL });
  /* today+3 … today+30, both ends included */
  assert_record (item, &rc, "'notice_on': '2026-04-09'", (const char *[]) { NULL });
  assert_record (item, &rc, "'notice_on': '2026-03-12'", (const char *[]) { "field.date_range@notice_on", NULL });
  assert_record (item, &rc, "'notice_on': '2026-04-10'", (const char *[]) { "field.date_range@notice_on", NULL });
  /* field:sealed_on of this input: the same day is fine, the day before is not */
  assert_record (item, &rc, "'visit_to': '2026-03-09'", (const char *[]) { NULL });
  assert_record (item, &rc, "'visit_to': '2026-03-08'", (const char *[]) { "field.date_range@visit_to", NULL });
  /* the other field given badly: its own problem only */
  assert_record (item, &rc, "'sealed_on': '2026-3-9', 'visit_to': '2026-03-01'",
                 (const char *[]) { "field.format@sealed_on", NULL });
  rules_case_clear (&rc);

  {
    g_autoptr(JsonObject) input = parse_object (
      "{ 'fields': { " RECORD_GOOD ", 'visit_to': '2026-03-08', 'notice_on': '2026-03-12' } }");
    g_autoptr(YbProblems) problems = yb_problems_new ();
    YbActor inspector = actor (5, inspector_roles);
    GDate day = today ();

    rules_case_init (&rc, "a", NULL);
    g_assert_false (yb_procedure_check_action (item->procedure, item, &rc.c.view, &inspector, "record", input,
                                               &day, problems));
    g_assert_cmpstr (message_for (problems, "field.date_range", "visit_to"), ==,
                     "终止日期 2026-03-08 早于封存日期（2026-03-09）");
    g_assert_cmpstr (message_for (problems, "field.date_range", "notice_on"), ==,
                     "稽核日期 2026-03-12 早于2026-03-13（今天之后 3 日）");
    rules_case_clear (&rc);
  }

  /* field:ID recorded by an earlier step; today-1 */
  {
    YbActor chief = actor (3, chief_roles);
    const char *good = "{ 'fields': { 'leader_user': 5, 'member': 6, 'earlier_before': '2026-03-09' } }";

    rules_case_init (&rc, "b", "{ 'sealed_on': '2026-03-05' }");
    assert_check (item, &rc.c, &chief, "assign", good, (const char *[]) { NULL });
    assert_check (item, &rc.c, &chief, "assign",
                  "{ 'fields': { 'leader_user': 5, 'member': 6, 'earlier_before': '2026-03-04' } }",
                  (const char *[]) { "field.date_range@earlier_before", NULL });
    assert_check (item, &rc.c, &chief, "assign",
                  "{ 'fields': { 'leader_user': 5, 'member': 6, 'earlier_before': '2026-03-10' } }",
                  (const char *[]) { "field.date_range@earlier_before", NULL });
    rules_case_clear (&rc);
    /* nothing recorded: that bound is not known, the other still holds */
    rules_case_init (&rc, "b", NULL);
    assert_check (item, &rc.c, &chief, "assign",
                  "{ 'fields': { 'leader_user': 5, 'member': 6, 'earlier_before': '2020-01-01' } }",
                  (const char *[]) { NULL });
    rules_case_clear (&rc);
  }
}

static void
test_rules_date_bound_syntax (void)
{
  static const struct {
    const char *text;
    gboolean    ok;
  } cases[] = {
    { "case_start", TRUE }, { "today", TRUE }, { "today+7", TRUE }, { "today-30", TRUE },
    { "today+3660", TRUE }, { "today+07", TRUE }, { "today+3661", FALSE }, { "today+", FALSE },
    { "today+-1", FALSE }, { "today 7", FALSE }, { "today+1d", FALSE }, { "field:visit_from", TRUE },
    { "field:", FALSE }, { "field:Visit", FALSE }, { "field:a-b", FALSE }, { "tomorrow", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(YbProblems) problems = yb_problems_new ();
      g_autoptr(YbProcedure) procedure = NULL;
      g_autofree char *json = g_strdup_printf (
        "{ 'initial': 'a'," RULES_STATES
        "  'actions': [ { 'id': 'go', 'name': '走', 'from': [ 'a' ], 'to': 'done', 'roles': [ 'clerk' ],"
        "    'fields': [ { 'id': 'visit_from', 'name': '起', 'type': 'date' },"
        "                { 'id': 'd', 'name': '日', 'type': 'date', 'not_after': '%s' } ] } ] }", cases[i].text);

      g_test_message ("%s", cases[i].text);
      node = parse_json (json);
      procedure = yb_procedure_parse (node, "", NULL, problems);
      g_assert_cmpint (procedure != NULL, ==, cases[i].ok);
      if (!cases[i].ok)
        {
          g_autofree char *got = summary (problems);

          g_assert_cmpstr (got, ==, "procedure.date_bound@actions[0].fields[1].not_after");
        }
    }
}

static void
test_rules_equals (void)
{
  g_autoptr(YbItem) item = make_rules_item ();
  RulesCase rc;

  rules_case_init (&rc, "a", NULL);
  assert_record (item, &rc, "'informed': false", (const char *[]) { "field.must_equal@informed", NULL });
  /* the wrong kind is a type problem, not also an unequal value */
  assert_record (item, &rc, "'informed': 'yes'", (const char *[]) { "field.type@informed", NULL });
  assert_record (item, &rc, "'informed': null", (const char *[]) { "field.required@informed", NULL });
  rules_case_clear (&rc);

  {
    g_autoptr(JsonObject) input = parse_object ("{ 'fields': { " RECORD_GOOD ", 'informed': false } }");
    g_autoptr(YbProblems) problems = yb_problems_new ();
    YbActor inspector = actor (5, inspector_roles);
    GDate day = today ();

    rules_case_init (&rc, "a", NULL);
    yb_procedure_check_action (item->procedure, item, &rc.c.view, &inspector, "record", input, &day, problems);
    g_assert_cmpstr (message_for (problems, "field.must_equal", "informed"), ==, "当场告知应为“是”");
    rules_case_clear (&rc);
  }
}

static void
test_rules_required_when (void)
{
  g_autoptr(YbItem) item = make_rules_item ();
  RulesCase rc;

  rules_case_init (&rc, "a", NULL);
  assert_record (item, &rc, "'reason_kind': 'death'", (const char *[]) { "field.required@heir_name", NULL });
  assert_record (item, &rc, "'reason_kind': 'death', 'heir_name': '  '", (const char *[]) { "field.required@heir_name", NULL });
  assert_record (item, &rc, "'reason_kind': 'death', 'heir_name': '李四'", (const char *[]) { NULL });
  assert_record (item, &rc, "'reason_kind': 'abroad'", (const char *[]) { NULL });
  /* the condition's own field missing: only it is reported */
  assert_record (item, &rc, "'reason_kind': null", (const char *[]) { "field.required@reason_kind", NULL });
  rules_case_clear (&rc);

  /* the condition as recorded by an earlier step */
  rules_case_init (&rc, "a", "{ 'reason_kind': 'death' }");
  {
    g_autoptr(JsonObject) input = parse_object ("{ 'fields': { " RECORD_GOOD ", 'reason_kind': null } }");
    g_autoptr(YbProblems) problems = yb_problems_new ();
    YbActor inspector = actor (5, inspector_roles);
    g_autofree char *got = NULL;
    GDate day = today ();

    yb_procedure_check_action (item->procedure, item, &rc.c.view, &inspector, "record", input, &day, problems);
    got = summary (problems);
    g_assert_cmpstr (got, ==, "field.required@reason_kind\nfield.required@heir_name");
    g_assert_cmpstr (message_for (problems, "field.required", "heir_name"), ==,
                     "未填写继承人姓名（支取原因为“death”时必填）");
  }
  rules_case_clear (&rc);

  /* the notice lists it too */
  {
    g_autoptr(JsonObject) input = parse_object ("{ 'fields': { " RECORD_GOOD ", 'reason_kind': 'death' } }");
    g_autoptr(YbProblems) notice = yb_problems_new ();
    g_autofree char *got = NULL;
    GDate day = today ();

    rules_case_init (&rc, "a", NULL);
    g_assert_false (yb_procedure_notice_problems (item->procedure, item, &rc.c.view, "record", input, &day, notice));
    got = summary (notice);
    g_assert_cmpstr (got, ==, "field.required@heir_name");
    rules_case_clear (&rc);
  }
}

/* ------------------------------------------------------------------------- user fields */

static void
test_rules_user_fields (void)
{
  g_autoptr(YbItem) item = make_rules_item ();
  YbActor chief = actor (3, chief_roles);
  YbActor no_lookup = { 3, chief_roles, NULL, NULL };
  RulesCase rc;

  rules_case_init (&rc, "b", NULL);
  assert_check (item, &rc.c, &chief, "assign", "{ 'fields': { 'leader_user': 5, 'member': 6 } }",
                (const char *[]) { NULL });
  /* role: a clerk, a user who does not exist */
  assert_check (item, &rc.c, &chief, "assign", "{ 'fields': { 'leader_user': 1, 'member': 987654 } }",
                (const char *[]) { "field.user_role@leader_user", "field.user_role@member", NULL });
  /* distinct_from_fields within the input */
  assert_check (item, &rc.c, &chief, "assign", "{ 'fields': { 'leader_user': 5, 'member': 5 } }",
                (const char *[]) { "field.user_same@member", NULL });
  /* without a way to look users up (the client) roles are the server's to check */
  assert_check (item, &rc.c, &no_lookup, "assign", "{ 'fields': { 'leader_user': 1, 'member': 987654 } }",
                (const char *[]) { NULL });
  /* a field without a role still names a member of staff */
  assert_check (item, &rc.c, &chief, "assign", "{ 'fields': { 'leader_user': 5, 'member': 6, 'host': 8 } }",
                (const char *[]) { NULL });
  assert_check (item, &rc.c, &chief, "assign", "{ 'fields': { 'leader_user': 5, 'member': 6, 'host': 99 } }",
                (const char *[]) { "field.user_role@host", NULL });
  assert_check (item, &rc.c, &chief, "assign", "{ 'fields': { 'leader_user': 5, 'member': 6, 'host': 'x' } }",
                (const char *[]) { "field.type@host", NULL });

  /* not_from_actions: whoever took "record", alone or as its second officer */
  case_took (&rc.c, "record", 5, 7);
  assert_check (item, &rc.c, &chief, "assign", "{ 'fields': { 'leader_user': 5, 'member': 6, 'host': 5 } }",
                (const char *[]) { "field.user_took_step@host", NULL });
  assert_check (item, &rc.c, &chief, "assign", "{ 'fields': { 'leader_user': 5, 'member': 6, 'host': 7 } }",
                (const char *[]) { "field.user_took_step@host", NULL });
  assert_check (item, &rc.c, &chief, "assign", "{ 'fields': { 'leader_user': 5, 'member': 6, 'host': 4 } }",
                (const char *[]) { NULL });
  {
    g_autoptr(JsonObject) input = parse_object ("{ 'fields': { 'leader_user': 1, 'member': 1, 'host': 7 } }");
    g_autoptr(YbProblems) problems = yb_problems_new ();
    GDate day = today ();

    yb_procedure_check_action (item->procedure, item, &rc.c.view, &chief, "assign", input, &day, problems);
    g_assert_cmpstr (message_for (problems, "field.user_took_step", "host"), ==,
                     "主持人办理过本件的“封存”，不能担任主持人");
    g_assert_cmpstr (message_for (problems, "field.user_same", "member"), ==, "组员与组长是同一人，应为另一人");
    g_assert_cmpstr (message_for (problems, "field.user_role", "leader_user"), ==,
                     "组长（编号 1）不是本县在岗的执法/检查人员");
  }
  rules_case_clear (&rc);

  /* not_actor */
  rules_case_init (&rc, "b", NULL);
  assert_check (item, &rc.c, &chief, "recuse", "{ 'fields': { 'recused_user': 3 } }",
                (const char *[]) { "field.user_is_actor@recused_user", NULL });
  assert_check (item, &rc.c, &chief, "recuse", "{ 'fields': { 'recused_user': 5 } }", (const char *[]) { NULL });
  assert_check (item, &rc.c, &chief, "recuse", "{ 'fields': {} }",
                (const char *[]) { "field.required@recused_user", NULL });
  rules_case_clear (&rc);
}

/* A recused officer (a user the case recorded in recused_user) takes no further part:
 * not in a user field that must differ from it, not as the actor (not_by_fields). */
static void
test_rules_recused (void)
{
  g_autoptr(YbItem) item = make_rules_item ();
  YbActor chief = actor (3, chief_roles);
  YbActor recused_chief = actor (4, chief_roles);
  YbActor inspector = actor (5, inspector_roles);
  RulesCase rc;

  rules_case_init (&rc, "b", "{ 'recused_user': 6 }");
  assert_check (item, &rc.c, &chief, "assign", "{ 'fields': { 'leader_user': 5, 'member': 6 } }",
                (const char *[]) { "field.user_same@member", NULL });
  {
    g_autoptr(JsonObject) input = parse_object ("{ 'fields': { 'leader_user': 5, 'member': 6 } }");
    g_autoptr(YbProblems) problems = yb_problems_new ();
    GDate day = today ();

    yb_procedure_check_action (item->procedure, item, &rc.c.view, &chief, "assign", input, &day, problems);
    g_assert_cmpstr (message_for (problems, "field.user_same", "member"), ==,
                     "组员与本件已记录的回避人员是同一人，应为另一人");
  }
  rules_case_clear (&rc);

  /* the second officer of a two-officer step */
  rules_case_init (&rc, "a", "{ 'recused_user': 6 }");
  assert_record (item, &rc, "", (const char *[]) { "field.user_same@second_officer", NULL });
  assert_record (item, &rc, "'second_officer': 7", (const char *[]) { NULL });
  rules_case_clear (&rc);

  /* the actor: refused, and the options say why */
  rules_case_init (&rc, "b", "{ 'recused_user': 4 }");
  assert_check (item, &rc.c, &recused_chief, "assign", "{ 'fields': { 'leader_user': 5, 'member': 6 } }",
                (const char *[]) { "action.excluded@-", NULL });
  {
    g_autoptr(GPtrArray) options = yb_procedure_options (item->procedure, &rc.c.view, &recused_chief);
    g_autoptr(GPtrArray) others = yb_procedure_options (item->procedure, &rc.c.view, &chief);
    g_autoptr(JsonObject) input = parse_object ("{ 'fields': { 'leader_user': 5, 'member': 6 } }");
    g_autoptr(YbProblems) problems = yb_problems_new ();
    g_autofree char *got = options_summary (options);
    g_autofree char *got_others = options_summary (others);
    GDate day = today ();

    g_assert_cmpstr (got, ==, "recuse:action.excluded assign:action.excluded extend:action.role");
    g_assert_cmpstr (got_others, ==, "recuse assign extend:action.role");
    yb_procedure_check_action (item->procedure, item, &rc.c.view, &recused_chief, "assign", input, &day, problems);
    g_assert_cmpstr (message_for (problems, "action.excluded", NULL), ==, "本件已记录您为“回避人员”，不能办理指派");
  }
  /* an action without the rule is not affected */
  assert_check (item, &rc.c, &inspector, "extend", "{ 'fields': { 'extra': 5 } }",
                (const char *[]) { "action.role@-", NULL });
  rules_case_clear (&rc);
}

/* ------------------------------------------------------------------------- material sets */

static void
test_rules_material_sets (void)
{
  g_autoptr(YbItem) item = make_rules_item ();
  YbActor clerk = actor (1, clerk_roles);
  RulesCase rc;

  rules_case_init (&rc, "a", NULL);
  /* the input's set */
  assert_check (item, &rc.c, &clerk, "for_set", "{ 'material_set': 'set_one' }", (const char *[]) { NULL });
  assert_check (item, &rc.c, &clerk, "for_set", "{ 'material_set': 'set_two' }",
                (const char *[]) { "action.material_set@material_set", NULL });
  /* no set anywhere: nothing to compare (the material check asks for one where needed) */
  assert_check (item, &rc.c, &clerk, "for_set", "{}", (const char *[]) { NULL });
  /* the case's set, and the input's over the case's */
  rc.c.view.material_set = "set_two";
  assert_check (item, &rc.c, &clerk, "for_set", "{}", (const char *[]) { "action.material_set@material_set", NULL });
  assert_check (item, &rc.c, &clerk, "for_set", "{ 'material_set': 'set_one' }", (const char *[]) { NULL });
  {
    g_autoptr(GPtrArray) options = yb_procedure_options (item->procedure, &rc.c.view, &clerk);
    g_autofree char *got = options_summary (options);
    g_autoptr(JsonObject) input = parse_object ("{}");
    g_autoptr(YbProblems) problems = yb_problems_new ();
    GDate day = today ();

    g_assert_cmpstr (got, ==, "record:action.role for_set:action.material_set");
    yb_procedure_check_action (item->procedure, item, &rc.c.view, &clerk, "for_set", input, &day, problems);
    g_assert_cmpstr (message_for (problems, "action.material_set", "material_set"), ==,
                     "本件的情形为“情形二”，情形一受理只适用于“情形一”");
  }
  rc.c.view.material_set = "set_one";
  {
    g_autoptr(GPtrArray) options = yb_procedure_options (item->procedure, &rc.c.view, &clerk);
    g_autofree char *got = options_summary (options);

    g_assert_cmpstr (got, ==, "record:action.role for_set");
  }
  rules_case_clear (&rc);
}

/* ------------------------------------------------------------------------- guards */

static void
test_rules_basis_recorded (void)
{
  g_autoptr(YbItem) item = make_rules_item ();
  YbActor settlement = actor (9, settlement_roles);
  YbActor leader = actor (8, leader_roles);
  RulesCase rc;

  /* a plain basis the action does not define: the value an earlier step recorded */
  rules_case_init (&rc, "c", "{ 'amount': 123456 }");
  assert_check (item, &rc.c, &settlement, "pay", "{ 'fields': { 'paid': 123456 } }", (const char *[]) { NULL });
  assert_check (item, &rc.c, &settlement, "pay", "{ 'fields': { 'paid': 123457 } }",
                (const char *[]) { "guard.amount_within@paid", NULL });
  {
    g_autoptr(JsonObject) input = parse_object ("{ 'fields': { 'paid': 200000 } }");
    g_autoptr(YbProblems) problems = yb_problems_new ();
    GDate day = today ();

    yb_procedure_check_action (item->procedure, item, &rc.c.view, &settlement, "pay", input, &day, problems);
    g_assert_cmpstr (message_for (problems, "guard.amount_within", "paid"), ==,
                     "支付金额应在 0.00 元至 1,234.56 元之间（不超过核定金额）");
  }
  /* "case:": the recorded value even though the action has the same field */
  assert_check (item, &rc.c, &leader, "decide", "{ 'fields': { 'amount': 123456 } }", (const char *[]) { NULL });
  assert_check (item, &rc.c, &leader, "decide", "{ 'fields': { 'amount': 100000 } }", (const char *[]) { NULL });
  assert_check (item, &rc.c, &leader, "decide", "{ 'fields': { 'amount': 123457 } }",
                (const char *[]) { "guard.amount_within@amount", NULL });
  /* "case:" never recorded: nothing may be imposed beyond 0 */
  assert_check (item, &rc.c, &leader, "decide", "{ 'fields': { 'amount': 1, 'other': 1 } }",
                (const char *[]) { "guard.amount_within@other", NULL });
  assert_check (item, &rc.c, &leader, "decide", "{ 'fields': { 'amount': 1, 'other': 0 } }", (const char *[]) { NULL });
  {
    g_autoptr(JsonObject) input = parse_object ("{ 'fields': { 'amount': 200000 } }");
    g_autoptr(YbProblems) problems = yb_problems_new ();
    GDate day = today ();

    yb_procedure_check_action (item->procedure, item, &rc.c.view, &leader, "decide", input, &day, problems);
    g_assert_cmpstr (message_for (problems, "guard.amount_within", "amount"), ==,
                     "核定金额应在 0.00 元至 1,234.56 元之间（不超过本件已记录的核定金额）");
  }
  rules_case_clear (&rc);

  /* a plain basis nowhere given bounds nothing */
  rules_case_init (&rc, "c", NULL);
  assert_check (item, &rc.c, &settlement, "pay", "{ 'fields': { 'paid': 99999999 } }", (const char *[]) { NULL });
  rules_case_clear (&rc);
}

static void
test_rules_late_fine (void)
{
  g_autoptr(YbItem) item = make_rules_item ();
  YbActor settlement = actor (9, settlement_roles);
  static const struct {
    const char *fields;
    gboolean    ok;
  } cases[] = {
    /* 6000.00 × 3% × 2 days = 360.00 */
    { "'fine': 600000, 'days': 2, 'late': 36000", TRUE },
    { "'fine': 600000, 'days': 2, 'late': 36001", FALSE },
    { "'fine': 600000, 'days': 2, 'late': 600000", FALSE },
    /* not imposed (可以) */
    { "'fine': 600000, 'days': 2, 'late': 0", TRUE },
    { "'fine': 600000, 'days': 2", TRUE },
    /* 33 days: 99%; 34 days would be 102%, so the fine itself */
    { "'fine': 600000, 'days': 33, 'late': 594000", TRUE },
    { "'fine': 600000, 'days': 34, 'late': 600000", TRUE },
    { "'fine': 600000, 'days': 34, 'late': 612000", FALSE },
    { "'fine': 600000, 'days': 400, 'late': 600000", TRUE },
    /* fen rounded down: 333.33 × 3% = 9.9999 → 9.99 */
    { "'fine': 33333, 'days': 1, 'late': 999", TRUE },
    { "'fine': 33333, 'days': 1, 'late': 1000", FALSE },
    /* no days: none due */
    { "'fine': 600000, 'late': 18000", FALSE },
    /* days given as null: none */
    { "'fine': 600000, 'late': 36000, 'days': null", FALSE },
    /* the largest fine: no overflow */
    { "'fine': 900000000000000000, 'days': 33, 'late': 891000000000000000", TRUE },
    /* no fine to compare with: left to the field checks */
    { "'days': 2, 'late': 5", TRUE },
  };
  RulesCase rc;

  rules_case_init (&rc, "c", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *input = g_strdup_printf ("{ 'fields': { 'paid': 1, %s } }", cases[i].fields);

      g_test_message ("%s", cases[i].fields);
      assert_check (item, &rc.c, &settlement, "pay", input,
                    (const char *[]) { cases[i].ok ? NULL : "guard.late_fine@late", NULL });
    }
  rules_case_clear (&rc);

  /* days and fine from the case's recorded fields */
  rules_case_init (&rc, "c", "{ 'days': 2, 'fine': 600000 }");
  assert_check (item, &rc.c, &settlement, "pay", "{ 'fields': { 'paid': 1, 'late': 36000 } }", (const char *[]) { NULL });
  assert_check (item, &rc.c, &settlement, "pay", "{ 'fields': { 'paid': 1, 'late': 18000 } }",
                (const char *[]) { "guard.late_fine@late", NULL });
  {
    g_autoptr(JsonObject) input = parse_object ("{ 'fields': { 'paid': 1, 'late': 600000 } }");
    g_autoptr(YbProblems) problems = yb_problems_new ();
    GDate day = today ();

    yb_procedure_check_action (item->procedure, item, &rc.c.view, &settlement, "pay", input, &day, problems);
    g_assert_cmpstr (message_for (problems, "guard.late_fine", "late"), ==,
                     "加处罚款应为 360.00 元（罚款 6,000.00 元每日按千分之 30、共 2 日计算，不超过罚款本身，"
                     "不足一分的舍去），实际为 6,000.00 元");
  }
  rules_case_clear (&rc);
}

static void
test_rules_case_field_is (void)
{
  g_autoptr(YbItem) item = make_rules_item ();
  YbActor chief = actor (3, chief_roles);
  RulesCase rc;

  rules_case_init (&rc, "c", "{ 'reason_kind': 'abroad', 'informed': true }");
  assert_check (item, &rc.c, &chief, "close_abroad", NULL, (const char *[]) { NULL });
  assert_check (item, &rc.c, &chief, "close_in", NULL, (const char *[]) { "guard.case_field@reason_kind", NULL });
  assert_check (item, &rc.c, &chief, "close_not", NULL, (const char *[]) { NULL });
  /* the input does not count: only what was recorded */
  assert_check (item, &rc.c, &chief, "close_in", "{ 'fields': { 'reason_kind': 'death' } }",
                (const char *[]) { "field.unknown@reason_kind", "guard.case_field@reason_kind", NULL });
  rules_case_clear (&rc);

  rules_case_init (&rc, "c", "{ 'reason_kind': 'death', 'informed': false }");
  assert_check (item, &rc.c, &chief, "close_abroad", NULL, (const char *[]) { "guard.case_field@reason_kind", NULL });
  assert_check (item, &rc.c, &chief, "close_in", NULL, (const char *[]) { NULL });
  assert_check (item, &rc.c, &chief, "close_not", NULL, (const char *[]) { "guard.case_field@informed", NULL });
  {
    g_autoptr(YbProblems) problems = yb_problems_new ();
    GDate day = today ();

    yb_procedure_check_action (item->procedure, item, &rc.c.view, &chief, "close_abroad", NULL, &day, problems);
    g_assert_cmpstr (message_for (problems, "guard.case_field", "reason_kind"), ==,
                     "本件已记录的支取原因为“death”，办理此项时应为“abroad”");
    g_clear_pointer (&problems, yb_problems_unref);
    problems = yb_problems_new ();
    yb_procedure_check_action (item->procedure, item, &rc.c.view, &chief, "close_not", NULL, &day, problems);
    g_assert_cmpstr (message_for (problems, "guard.case_field", "informed"), ==,
                     "本件已记录的当场告知为“否”，办理此项时不能是“否”");
  }
  rules_case_clear (&rc);

  /* never recorded: fails equals and in, passes not_in */
  rules_case_init (&rc, "c", NULL);
  assert_check (item, &rc.c, &chief, "close_abroad", NULL, (const char *[]) { "guard.case_field@reason_kind", NULL });
  assert_check (item, &rc.c, &chief, "close_in", NULL, (const char *[]) { "guard.case_field@reason_kind", NULL });
  assert_check (item, &rc.c, &chief, "close_not", NULL, (const char *[]) { NULL });
  rules_case_clear (&rc);
}

/* ------------------------------------------------------------------------- order */

/* Everything at once, in the documented order. */
static void
test_rules_order (void)
{
  g_autoptr(YbItem) item = make_rules_item ();
  YbActor inspector = actor (6, inspector_roles);
  RulesCase rc;

  rules_case_init (&rc, "a", "{ 'recused_user': 7 }");
  assert_check (item, &rc.c, &inspector, "record",
                "{ 'fields': { 'sealed_on': '2026-03-09', 'term_days': 31, 'informed': false,"
                "  'reason_kind': 'death', 'visit_to': '2026-03-01', 'notice_on': '2026-03-10',"
                "  'second_officer': 7, 'extra': 1 } }",
                (const char *[]) {
                  "field.range@term_days", "field.must_equal@informed", "field.required@heir_name",
                  "field.date_range@visit_to", "field.date_range@notice_on", "field.user_same@second_officer",
                  "field.unknown@extra", NULL });
  rules_case_clear (&rc);
}

/* The real catalogue: every material set an action is limited to is one of the sets of
 * every item (in both counties) whose procedure it is; and the rules it uses parse. */
static void
test_rules_catalogue_sets (void)
{
  const char *path = g_getenv ("YB_CATALOGUE_FILE");
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbCatalogue) catalogue = NULL;
  GPtrArray *regions;
  guint limited = 0;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("schema/catalogue/catalogue.json is not in the tree");
      return;
    }
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  catalogue = yb_catalogue_parse (contents, (gssize) length, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (catalogue);
  regions = yb_catalogue_get_regions (catalogue);
  for (guint r = 0; r < regions->len; r++)
    {
      const char *code = ((const YbRegion *) g_ptr_array_index (regions, r))->code;
      g_autoptr(GPtrArray) items = yb_catalogue_resolve_items (catalogue, code);

      for (guint i = 0; i < items->len; i++)
        {
          g_autoptr(YbItem) item = yb_item_from_json (g_ptr_array_index (items, i), &error);
          g_autofree char *where = NULL;

          g_assert_no_error (error);
          if (item->procedure == NULL)
            continue;
          where = g_strdup_printf ("%s %s", code, item->code);
          yb_procedure_check_material_sets (item->procedure, item, where, problems);
          for (guint a = 0; a < yb_procedure_get_actions (item->procedure)->len; a++)
            if (((const YbAction *) g_ptr_array_index (yb_procedure_get_actions (item->procedure), a))->material_sets)
              limited++;
        }
    }
  {
    g_autofree char *got = summary (problems);

    g_assert_cmpstr (got, ==, "");
  }
  /* 6-6 in both counties: certificate, transfer out, transfer in */
  g_assert_cmpuint (limited, ==, 6);
}

/* Which deadlines may be running when each closing action is taken (a walk over
 * states × running deadlines); every one must be stopped by that action. */
static void
closing_leaks (YbProcedure *procedure,
               const char  *name,
               GString     *out)
{
  GPtrArray *actions = yb_procedure_get_actions (procedure);
  GPtrArray *deadlines = yb_procedure_get_deadlines (procedure);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) todo = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (deadlines->len, <=, 63);
  g_ptr_array_add (todo, g_strdup_printf ("%s|0", yb_procedure_get_initial (procedure)));
  g_hash_table_add (seen, g_strdup (g_ptr_array_index (todo, 0)));
  while (todo->len > 0)
    {
      g_autofree char *key = g_ptr_array_steal_index (todo, todo->len - 1);
      g_auto(GStrv) parts = g_strsplit (key, "|", 2);
      guint64 running = g_ascii_strtoull (parts[1], NULL, 10);

      for (guint i = 0; i < actions->len; i++)
        {
          const YbAction *action = g_ptr_array_index (actions, i);
          guint64 after = running;

          if (!g_strv_contains ((const char * const *) action->from, parts[0]))
            continue;
          for (guint d = 0; d < deadlines->len; d++)
            {
              const char *id = ((const YbDeadlineDef *) g_ptr_array_index (deadlines, d))->id;

              if (g_strcmp0 (action->stops_deadline, id) == 0)
                after &= ~(G_GUINT64_CONSTANT (1) << d);
              if (g_strcmp0 (action->starts_deadline, id) == 0)
                after |= G_GUINT64_CONSTANT (1) << d;
            }
          if (yb_procedure_get_state (procedure, action->to)->kind == YB_STATE_CLOSED)
            {
              for (guint d = 0; d < deadlines->len; d++)
                if (after & (G_GUINT64_CONSTANT (1) << d))
                  g_string_append_printf (out, "%s.%s from %s leaves %s running\n", name, action->id, parts[0],
                                          ((const YbDeadlineDef *) g_ptr_array_index (deadlines, d))->id);
              continue;
            }
          {
            char *next = g_strdup_printf ("%s|%" G_GUINT64_FORMAT, action->to, after);

            if (g_hash_table_add (seen, g_strdup (next)))
              g_ptr_array_add (todo, next);
            else
              g_free (next);
          }
        }
    }
}

/* The data stops every clock its closing steps could leave running (the server stops
 * them anyway; the data says which step does). */
static void
test_rules_catalogue_closing (void)
{
  const char *path = g_getenv ("YB_CATALOGUE_FILE");
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbCatalogue) catalogue = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) leaks = g_string_new (NULL);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("schema/catalogue/catalogue.json is not in the tree");
      return;
    }
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  catalogue = yb_catalogue_parse (contents, (gssize) length, NULL, &error);
  g_assert_no_error (error);
  items = yb_catalogue_resolve_items (catalogue, "130133");
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(YbItem) item = yb_item_from_json (g_ptr_array_index (items, i), &error);

      g_assert_no_error (error);
      if (item->procedure != NULL)
        closing_leaks (item->procedure, item->code, leaks);
    }
  g_assert_cmpstr (leaks->str, ==, "");

  /* the walk finds a leak where there is one */
  {
    g_autoptr(JsonNode) node = parse_json (
      "{ 'initial': 'a'," RULES_STATES
      "  'actions': [ { 'id': 'go', 'name': '走', 'from': [ 'a' ], 'to': 'b', 'roles': [ 'clerk' ], 'starts_deadline': 't' },"
      "               { 'id': 'on', 'name': '续', 'from': [ 'b' ], 'to': 'c', 'roles': [ 'clerk' ] },"
      "               { 'id': 'end', 'name': '结', 'from': [ 'b', 'c' ], 'to': 'done', 'roles': [ 'clerk' ],"
      "                 'stops_deadline': 't' },"
      "               { 'id': 'drop', 'name': '弃', 'from': [ 'c' ], 'to': 'done', 'roles': [ 'clerk' ] } ],"
      "  'deadlines': [ { 'id': 't', 'name': '期', 'limit': { 'kind': 'working_days', 'days': 5 } } ] }");
    g_autoptr(YbProcedure) procedure = yb_procedure_parse (node, "", NULL, NULL);
    g_autoptr(GString) found = g_string_new (NULL);

    closing_leaks (procedure, "x", found);
    g_assert_cmpstr (found->str, ==, "x.drop from c leaves t running\n");
  }
}

static void
add_rules_tests (void)
{
  g_test_add_func ("/procedure/rules/catalogue-closing", test_rules_catalogue_closing);
  g_test_add_func ("/procedure/rules/catalogue-sets", test_rules_catalogue_sets);
  g_test_add_func ("/procedure/rules/parse-good", test_rules_parse_good);
  g_test_add_func ("/procedure/rules/parse-problems", test_rules_parse_problems);
  g_test_add_func ("/procedure/rules/parse-references", test_rules_parse_references);
  g_test_add_func ("/procedure/rules/date-bounds", test_rules_date_bounds);
  g_test_add_func ("/procedure/rules/date-bound-syntax", test_rules_date_bound_syntax);
  g_test_add_func ("/procedure/rules/equals", test_rules_equals);
  g_test_add_func ("/procedure/rules/required-when", test_rules_required_when);
  g_test_add_func ("/procedure/rules/user-fields", test_rules_user_fields);
  g_test_add_func ("/procedure/rules/recused", test_rules_recused);
  g_test_add_func ("/procedure/rules/material-sets", test_rules_material_sets);
  g_test_add_func ("/procedure/rules/basis-recorded", test_rules_basis_recorded);
  g_test_add_func ("/procedure/rules/late-fine", test_rules_late_fine);
  g_test_add_func ("/procedure/rules/case-field-is", test_rules_case_field_is);
  g_test_add_func ("/procedure/rules/order", test_rules_order);
}
