/* test-procedure-fixture.h: the small window_standard-like item and procedure that
 * test-procedure.c and test-notice.c share, and their helpers. Included by one test
 * program each; everything is static. */
#pragma once

#include "yb-procedure.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------- helpers */

/* Fixtures are written with ' for " so that they read as JSON inside C strings. */
G_GNUC_UNUSED static JsonNode *
parse_json (const char *text)
{
  g_autofree char *json = g_strdup (text);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  for (char *p = json; *p != '\0'; p++)
    if (*p == '\'')
      *p = '"';
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

G_GNUC_UNUSED static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = parse_json (text);

  return json_object_ref (json_node_get_object (node));
}

/* "code@field" for every problem, in order, one a line. */
G_GNUC_UNUSED static char *
summary (const YbProblems *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < yb_problems_get_len (problems); i++)
    {
      const YbProblem *problem = yb_problems_get (problems, i);

      g_test_message ("%s [%s] %s", problem->field != NULL ? problem->field : "-",
                      problem->code, problem->message);
      g_assert_nonnull (problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      g_string_append_printf (text, "%s%s@%s", i > 0 ? "\n" : "", problem->code,
                              problem->field != NULL ? problem->field : "-");
    }
  return g_string_free (text, FALSE);
}

G_GNUC_UNUSED static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

G_GNUC_UNUSED static char *
sorted_summary (const YbProblems *problems)
{
  g_autofree char *text = summary (problems);
  g_auto(GStrv) lines = text[0] != '\0' ? g_strsplit (text, "\n", -1) : g_new0 (char *, 1);

  qsort (lines, g_strv_length (lines), sizeof (char *), compare_strings);
  return g_strjoinv ("\n", lines);
}

G_GNUC_UNUSED static char *
joined (const char * const *expected)
{
  return g_strjoinv ("\n", (char **) expected);
}

G_GNUC_UNUSED static const char *
message_for (const YbProblems *problems,
             const char       *code,
             const char       *field)
{
  for (guint i = 0; i < yb_problems_get_len (problems); i++)
    {
      const YbProblem *problem = yb_problems_get (problems, i);

      if (g_str_equal (problem->code, code) && g_strcmp0 (problem->field, field) == 0)
        return problem->message;
    }
  return NULL;
}

/* ------------------------------------------------------------------------- fixtures */

#define APPLICATION_FIELDS \
  "{ 'id': 'applicant_name', 'name': '申请人', 'type': 'text', 'required': true, 'max': 8 }," \
  "{ 'id': 'applicant_id', 'name': '身份证号', 'type': 'resident_id', 'required': true }," \
  "{ 'id': 'unit_code', 'name': '统一社会信用代码', 'type': 'credit_code' }," \
  "{ 'id': 'mobile', 'name': '手机号码', 'type': 'mobile' }," \
  "{ 'id': 'region', 'name': '参保地', 'type': 'region' }," \
  "{ 'id': 'event_date', 'name': '发生日期', 'type': 'date', 'not_before': 'case_start', 'not_after': 'today' }," \
  "{ 'id': 'amount', 'name': '申请金额', 'type': 'money', 'min': 100, 'max': 1000000 }," \
  "{ 'id': 'children', 'name': '胎数', 'type': 'integer', 'min': 1, 'max': 9 }," \
  "{ 'id': 'kind', 'name': '参保类别', 'type': 'choice', 'options': [ 'in_service', 'flexible' ] }," \
  "{ 'id': 'first_time', 'name': '首次参保', 'type': 'boolean' }"

G_GNUC_UNUSED static const char procedure_json[] =
  "{ 'initial': 'submitted',"
  "  'states': ["
  "    { 'id': 'submitted', 'name': '待受理', 'kind': 'open' },"
  "    { 'id': 'awaiting_correction', 'name': '待补正', 'kind': 'waiting' },"
  "    { 'id': 'accepted', 'name': '已受理', 'kind': 'open' },"
  "    { 'id': 'inspected', 'name': '已核查', 'kind': 'open' },"
  "    { 'id': 'done', 'name': '办结', 'kind': 'closed' },"
  "    { 'id': 'refused', 'name': '不予受理', 'kind': 'closed' } ],"
  "  'actions': ["
  "    { 'id': 'accept', 'name': '受理', 'from': [ 'submitted', 'awaiting_correction' ], 'to': 'accepted',"
  "      'roles': [ 'clerk' ], 'materials': 'complete', 'fields': [ " APPLICATION_FIELDS " ],"
  "      'documents': [ 'acceptance_notice' ], 'starts_deadline': 'handling' },"
  "    { 'id': 'notify_incomplete', 'name': '一次性告知', 'from': [ 'submitted', 'awaiting_correction' ],"
  "      'to': 'awaiting_correction', 'roles': [ 'clerk' ], 'materials': 'incomplete',"
  "      'fields': [ " APPLICATION_FIELDS " ], 'documents': [ 'one_time_notice' ] },"
  "    { 'id': 'refuse', 'name': '不予受理', 'from': [ 'submitted', 'awaiting_correction' ], 'to': 'refused',"
  "      'roles': [ 'clerk', 'chief' ], 'reason': 'required', 'documents': [ 'refusal_notice' ] },"
  "    { 'id': 'inspect', 'name': '现场核查', 'from': [ 'accepted' ], 'to': 'inspected',"
  "      'roles': [ 'inspector' ], 'officers': 2, 'distinct_from': [ 'accept' ],"
  "      'fields': [ { 'id': 'inspect_date', 'name': '核查日期', 'type': 'date', 'required': true,"
  "                    'not_before': 'case_start', 'not_after': 'today' } ] },"
  "    { 'id': 'review', 'name': '复核', 'from': [ 'accepted', 'inspected' ], 'to': 'done',"
  "      'roles': [ 'chief' ], 'distinct_from': [ 'accept' ], 'reason': 'optional',"
  "      'stops_deadline': 'handling' },"
  "    { 'id': 'decide', 'name': '处罚决定', 'from': [ 'inspected' ], 'to': 'done', 'roles': [ 'leader' ],"
  "      'fields': [ { 'id': 'loss', 'name': '骗取金额', 'type': 'money', 'required': true },"
  "                  { 'id': 'fine', 'name': '罚款', 'type': 'money', 'required': true } ],"
  "      'guards': [ { 'rule': 'amount_within', 'args': { 'field': 'fine', 'basis': 'loss',"
  "                                                       'min_times': 2, 'max_times': 5 } } ] } ],"
  "  'deadlines': [ { 'id': 'handling', 'name': '办理时限', 'limit': 'item' } ] }";

G_GNUC_UNUSED static const char documents_json[] =
  "{ 'one_time_notice': { 'title': '一次性告知书', 'serial_code': '告' },"
  "  'acceptance_notice': { 'title': '受理通知书', 'serial_code': '受' },"
  "  'refusal_notice': { 'title': '不予受理通知书', 'serial_code': '退' } }";

G_GNUC_UNUSED static const char item_head[] =
  "{ 'code': '5-1', 'category': '5', 'name': '单位参保登记',"
  "  'time_limit': { 'kind': 'working_days', 'days': 5, 'text': '5个工作日' },"
  "  'materials': ["
  "    { 'id': 'reg_form', 'name': '《单位参保信息登记表》', 'original': true, 'seal': true },"
  "    { 'id': 'id_copy', 'name': '法定代表人身份证复印件', 'copy': true },"
  "    { 'id': 'unit_letter', 'name': '《单位证明》', 'seal': true },"
  "    { 'id': 'identity', 'name': '经办人身份凭证（任选其一）', 'any_of': ["
  "        { 'id': 'e_voucher', 'name': '医保电子凭证' }, { 'id': 'id_card', 'name': '有效身份证件' } ] } ],";

G_GNUC_UNUSED static YbItem *
make_item (void)
{
  g_autofree char *text = g_strdup_printf ("%s 'documents': %s, 'procedure': %s }",
                                           item_head, documents_json, procedure_json);
  g_autoptr(JsonNode) node = parse_json (text);
  g_autoptr(GError) error = NULL;
  YbItem *item = yb_item_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item->procedure);
  return item;
}

#define GOOD_FIELDS \
  "'applicant_name': '张三', 'applicant_id': '11010519491231002X', 'unit_code': '91110000600037341L'," \
  "'mobile': '13812345678', 'region': '130133', 'event_date': '2026-03-05', 'amount': 125050," \
  "'children': 2, 'kind': 'flexible', 'first_time': true"

#define FORM "{ 'id': 'reg_form', 'original': true, 'sealed': true }"
#define COPY "{ 'id': 'id_copy', 'copy': true }"
#define LETTER "{ 'id': 'unit_letter', 'sealed': true }"
#define CARD "{ 'id': 'id_card' }"

/* Users: 1, 2 clerks; 3, 4 chiefs; 5, 6, 7 inspectors; 8 leader. */
G_GNUC_UNUSED static gboolean
stub_user_has_role (gint64      user_id,
                    const char *role,
                    gpointer    data)
{
  const char *roles[] = { NULL, "clerk", "clerk", "chief", "chief", "inspector", "inspector",
                          "inspector", "leader" };

  return user_id > 0 && user_id < (gint64) G_N_ELEMENTS (roles) && g_str_equal (roles[user_id], role);
}

G_GNUC_UNUSED static const char * const clerk_roles[] = { "clerk", NULL };
G_GNUC_UNUSED static const char * const chief_roles[] = { "chief", NULL };
G_GNUC_UNUSED static const char * const clerk_chief_roles[] = { "clerk", "chief", NULL };
G_GNUC_UNUSED static const char * const inspector_roles[] = { "inspector", NULL };
G_GNUC_UNUSED static const char * const leader_roles[] = { "leader", NULL };

G_GNUC_UNUSED static YbActor
actor (gint64              id,
       const char * const *roles)
{
  YbActor a = { id, roles, stub_user_has_role, NULL };

  return a;
}

typedef struct {
  YbCaseView  view;
  GPtrArray  *history;
} Case;

G_GNUC_UNUSED static void
case_init (Case       *c,
           const char *state)
{
  memset (c, 0, sizeof *c);
  c->history = g_ptr_array_new_with_free_func (g_free);
  c->view.state = state;
  c->view.history = c->history;
  g_date_clear (&c->view.started, 1);
  g_date_set_dmy (&c->view.started, 1, G_DATE_MARCH, 2026);
}

G_GNUC_UNUSED static void
case_took (Case       *c,
           const char *action,
           gint64      actor_id,
           gint64      second)
{
  YbHistoryEntry *entry = g_new0 (YbHistoryEntry, 1);

  entry->action = (char *) action;
  entry->actor_id = actor_id;
  entry->second_officer_id = second;
  g_ptr_array_add (c->history, entry);
}

G_GNUC_UNUSED static void
case_clear (Case *c)
{
  g_clear_pointer (&c->history, g_ptr_array_unref);
}

G_GNUC_UNUSED static GDate
today (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 10, G_DATE_MARCH, 2026);
  return date;
}

/* Checks @action_id with @input_text and compares the problems, in order. */
G_GNUC_UNUSED static void
assert_check (YbItem             *item,
              Case               *c,
              const YbActor      *who,
              const char         *action_id,
              const char         *input_text,
              const char * const *expected)
{
  g_autoptr(JsonObject) input = input_text != NULL ? parse_object (input_text) : NULL;
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autofree char *got = NULL;
  g_autofree char *want = joined (expected);
  GDate day = today ();
  gboolean ok;

  ok = yb_procedure_check_action (item->procedure, item, &c->view, who, action_id, input, &day,
                                  problems);
  got = summary (problems);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpint (ok, ==, expected[0] == NULL);
}

