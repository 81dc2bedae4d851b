/* test-materials.c: the material check behind 一次性告知: every problem code, several at
 * once in a fixed order, alternatives, material sets and the required list. */
#define G_LOG_DOMAIN "yibao-test"

#include "yb-materials.h"

#include <locale.h>
#include <string.h>

/* ------------------------------------------------------------------------- helpers */

/* Fixtures are written with ' for " so that they read as JSON inside C strings. */
static JsonNode *
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

static YbItem *
item_from (const char *text)
{
  g_autoptr(JsonNode) node = parse_json (text);
  g_autoptr(GError) error = NULL;
  YbItem *item = yb_item_from_json (node, &error);

  g_assert_no_error (error);
  return item;
}

/* "code@field" for every problem, in order, one a line. */
static char *
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

static char *
joined (const char * const *expected)
{
  return g_strjoinv ("\n", (char **) expected);
}

static const char *
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

static const char plain_item[] =
  "{ 'code': '5-2', 'category': '5', 'name': '职工参保登记',"
  "  'materials': ["
  "    { 'id': 'reg_form', 'name': '《职工基本医疗保险参保登记表》', 'original': true, 'seal': true, 'copies': 2 },"
  "    { 'id': 'id_copy', 'name': '身份证复印件', 'copy': true },"
  "    { 'id': 'identity', 'name': '身份凭证（任选其一）', 'any_of': ["
  "        { 'id': 'e_voucher', 'name': '医保电子凭证' },"
  "        { 'id': 'id_card', 'name': '有效身份证件', 'original': true },"
  "        { 'id': 'ss_card', 'name': '社保卡' } ] },"
  "    { 'id': 'licence', 'name': '营业执照', 'original': true, 'copy': true } ] }";

static const char set_item[] =
  "{ 'code': '5-2', 'category': '5', 'name': '职工参保登记',"
  "  'materials': ["
  "    { 'id': 'reg_form', 'name': '《职工基本医疗保险参保登记表》', 'seal': true },"
  "    { 'id': 'id_copy', 'name': '身份证复印件', 'copy': true },"
  "    { 'id': 'identity', 'name': '身份凭证', 'any_of': ["
  "        { 'id': 'e_voucher', 'name': '医保电子凭证' }, { 'id': 'id_card', 'name': '有效身份证件' } ] } ],"
  "  'material_sets': ["
  "    { 'id': 'in_service', 'name': '在职职工', 'materials': [ 'id_copy', 'reg_form' ] },"
  "    { 'id': 'flexible', 'name': '灵活就业人员', 'materials': [ 'identity', 'reg_form' ] } ] }";

#define GOOD_FORM "{ 'id': 'reg_form', 'original': true, 'sealed': true, 'copies': 2 }"
#define GOOD_COPY "{ 'id': 'id_copy', 'copy': true }"
#define GOOD_CARD "{ 'id': 'id_card', 'original': true }"
#define GOOD_LICENCE "{ 'id': 'licence', 'original': true }"

typedef struct {
  const char *name;
  const char *item;
  const char *set;
  const char *submitted;
  const char *expected[10];
} Case;

static const Case cases[] = {
  { "complete", plain_item, NULL,
    "[" GOOD_FORM "," GOOD_COPY "," GOOD_CARD "," GOOD_LICENCE "]", { NULL } },
  { "complete, order does not matter", plain_item, NULL,
    "[" GOOD_LICENCE "," GOOD_CARD "," GOOD_COPY "," GOOD_FORM "]", { NULL } },
  { "nothing handed in", plain_item, NULL, "[]",
    { "material.missing@reg_form", "material.missing@id_copy", "material.missing@identity",
      "material.missing@licence", NULL } },
  { "no array at all", plain_item, NULL, NULL,
    { "material.missing@reg_form", "material.missing@id_copy", "material.missing@identity",
      "material.missing@licence", NULL } },
  { "seal missing", plain_item, NULL,
    "[ { 'id': 'reg_form', 'original': true, 'copies': 2 }," GOOD_COPY "," GOOD_CARD "," GOOD_LICENCE "]",
    { "material.seal_required@reg_form", NULL } },
  { "seal explicitly false", plain_item, NULL,
    "[ { 'id': 'reg_form', 'original': true, 'sealed': false, 'copies': 2 }," GOOD_COPY "," GOOD_CARD "," GOOD_LICENCE "]",
    { "material.seal_required@reg_form", NULL } },
  { "only a copy of an original", plain_item, NULL,
    "[ { 'id': 'reg_form', 'copy': true, 'sealed': true, 'copies': 2 }," GOOD_COPY "," GOOD_CARD "," GOOD_LICENCE "]",
    { "material.original_required@reg_form", NULL } },
  { "original and copy is fine", plain_item, NULL,
    "[ { 'id': 'reg_form', 'original': true, 'copy': true, 'sealed': true, 'copies': 2 },"
    GOOD_COPY "," GOOD_CARD "," GOOD_LICENCE "]", { NULL } },
  { "an original where a copy is asked is fine", plain_item, NULL,
    "[" GOOD_FORM ", { 'id': 'id_copy', 'original': true }," GOOD_CARD "," GOOD_LICENCE "]", { NULL } },
  { "too few copies", plain_item, NULL,
    "[ { 'id': 'reg_form', 'original': true, 'sealed': true, 'copies': 1 }," GOOD_COPY "," GOOD_CARD "," GOOD_LICENCE "]",
    { "material.copies@reg_form", NULL } },
  { "copies default to one", plain_item, NULL,
    "[ { 'id': 'reg_form', 'original': true, 'sealed': true }," GOOD_COPY "," GOOD_CARD "," GOOD_LICENCE "]",
    { "material.copies@reg_form", NULL } },
  { "electronic voucher satisfies identity", plain_item, NULL,
    "[" GOOD_FORM "," GOOD_COPY ", { 'id': 'e_voucher' }," GOOD_LICENCE "]", { NULL } },
  { "social security card satisfies identity", plain_item, NULL,
    "[" GOOD_FORM "," GOOD_COPY ", { 'id': 'ss_card', 'copy': true }," GOOD_LICENCE "]", { NULL } },
  { "an alternative keeps its own requirements", plain_item, NULL,
    "[" GOOD_FORM "," GOOD_COPY ", { 'id': 'id_card', 'copy': true }," GOOD_LICENCE "]",
    { "material.original_required@identity", NULL } },
  { "the same material twice", plain_item, NULL,
    "[" GOOD_FORM "," GOOD_COPY "," GOOD_CARD "," GOOD_LICENCE "," GOOD_FORM "]",
    { "material.duplicate@reg_form", NULL } },
  { "two alternatives of one material", plain_item, NULL,
    "[" GOOD_FORM "," GOOD_COPY "," GOOD_CARD ", { 'id': 'e_voucher' }," GOOD_LICENCE "]",
    { "material.duplicate@identity", NULL } },
  { "unknown material", plain_item, NULL,
    "[" GOOD_FORM "," GOOD_COPY "," GOOD_CARD "," GOOD_LICENCE ", { 'id': 'passport' }, { 'id': 'passport' } ]",
    { "material.unknown@passport", NULL } },
  { "entries that are not materials", plain_item, NULL,
    "[" GOOD_FORM "," GOOD_COPY "," GOOD_CARD "," GOOD_LICENCE ", 'id_copy', { 'original': true } ]",
    { "material.invalid@materials", "material.invalid@materials", NULL } },
  { "mistyped attributes", plain_item, NULL,
    "[ { 'id': 'reg_form', 'original': true, 'sealed': 'yes', 'copies': 'two' },"
    GOOD_COPY "," GOOD_CARD "," GOOD_LICENCE "]",
    { "material.invalid@reg_form", "material.invalid@reg_form", "material.seal_required@reg_form",
      "material.copies@reg_form", NULL } },
  { "everything at once, in checklist order", plain_item, NULL,
    "[ { 'id': 'foo' }, { 'id': 'reg_form', 'copy': true, 'copies': 1 }, 7,"
    GOOD_COPY "," GOOD_COPY "]",
    { "material.seal_required@reg_form", "material.original_required@reg_form",
      "material.copies@reg_form", "material.duplicate@id_copy", "material.missing@identity",
      "material.missing@licence", "material.unknown@foo", "material.invalid@materials", NULL } },

  /* Sets */
  { "sets: none chosen is the only problem", set_item, NULL,
    "[ { 'id': 'nonsense' }, { 'id': 'reg_form' } ]",
    { "material_set.required@material_set", NULL } },
  { "sets: empty name counts as none", set_item, "",
    "[]", { "material_set.required@material_set", NULL } },
  { "sets: unknown set", set_item, "retired", "[]",
    { "material_set.unknown@material_set", NULL } },
  { "sets: in service complete", set_item, "in_service",
    "[ { 'id': 'reg_form', 'sealed': true }, { 'id': 'id_copy', 'copy': true } ]", { NULL } },
  { "sets: in service, missing in item order", set_item, "in_service", "[]",
    { "material.missing@reg_form", "material.missing@id_copy", NULL } },
  { "sets: flexible with an in-service material", set_item, "flexible",
    "[ { 'id': 'reg_form', 'sealed': true }, { 'id': 'e_voucher' }, { 'id': 'id_copy', 'copy': true } ]",
    { "material.not_in_set@id_copy", NULL } },
  { "sets: in service with an alternative of a flexible material", set_item, "in_service",
    "[ { 'id': 'reg_form', 'sealed': true }, { 'id': 'id_copy', 'copy': true }, { 'id': 'id_card' },"
    "  { 'id': 'e_voucher' } ]",
    { "material.not_in_set@identity", NULL } },
};

/* ------------------------------------------------------------------------- tests */

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(YbItem) item = item_from (c->item);
  g_autoptr(JsonNode) submitted = c->submitted != NULL ? parse_json (c->submitted) : NULL;
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autofree char *got = NULL;
  g_autofree char *want = joined (c->expected);
  gboolean ok;

  ok = yb_materials_check (item, c->set, submitted != NULL ? json_node_get_array (submitted) : NULL,
                           problems);
  got = summary (problems);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpint (ok, ==, c->expected[0] == NULL);
}

static void
test_messages (void)
{
  g_autoptr(YbItem) item = item_from (plain_item);
  g_autoptr(JsonNode) submitted = parse_json (
    "[ { 'id': 'reg_form', 'copy': true, 'copies': 1 }, { 'id': 'id_copy' }, { 'id': 'id_copy' },"
    "  { 'id': 'passport' } ]");
  g_autoptr(JsonNode) both = parse_json ("[ { 'id': 'e_voucher' }, { 'id': 'ss_card' } ]");
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbProblems) alternatives = yb_problems_new ();

  g_assert_false (yb_materials_check (item, NULL, json_node_get_array (submitted), problems));
  g_assert_cmpstr (message_for (problems, "material.seal_required", "reg_form"), ==,
                   "《职工基本医疗保险参保登记表》须加盖单位公章");
  g_assert_cmpstr (message_for (problems, "material.original_required", "reg_form"), ==,
                   "《职工基本医疗保险参保登记表》须提交原件，仅提交了复印件");
  g_assert_cmpstr (message_for (problems, "material.copies", "reg_form"), ==,
                   "《职工基本医疗保险参保登记表》须 2 份，仅 1 份");
  g_assert_cmpstr (message_for (problems, "material.duplicate", "id_copy"), ==,
                   "身份证复印件登记了 2 次，同一材料只应登记一次");
  g_assert_cmpstr (message_for (problems, "material.missing", "identity"), ==,
                   "身份凭证（医保电子凭证、有效身份证件或社保卡，任选其一）未提交");
  g_assert_cmpstr (message_for (problems, "material.missing", "licence"), ==, "缺少营业执照");
  g_assert_cmpstr (message_for (problems, "material.unknown", "passport"), ==,
                   "“passport”不是本事项的材料");

  g_assert_false (yb_materials_check (item, NULL, json_node_get_array (both), alternatives));
  g_assert_cmpstr (message_for (alternatives, "material.duplicate", "identity"), ==,
                   "身份凭证（医保电子凭证、有效身份证件或社保卡，任选其一）只需提交其中一种，"
                   "却登记了医保电子凭证、社保卡");
  g_assert_cmpstr (message_for (alternatives, "material.missing", "reg_form"), ==,
                   "缺少《职工基本医疗保险参保登记表》");
}

static void
test_set_messages (void)
{
  g_autoptr(YbItem) item = item_from (set_item);
  g_autoptr(JsonNode) submitted = parse_json ("[ { 'id': 'e_voucher' } ]");
  g_autoptr(YbProblems) problems = yb_problems_new ();

  g_assert_false (yb_materials_check (item, NULL, NULL, problems));
  g_assert_cmpstr (message_for (problems, "material_set.required", "material_set"), ==,
                   "未选择办理情形（在职职工、灵活就业人员），无法确定所需材料");
  g_clear_pointer (&problems, yb_problems_unref);

  problems = yb_problems_new ();
  g_assert_false (yb_materials_check (item, "retired", NULL, problems));
  g_assert_cmpstr (message_for (problems, "material_set.unknown", "material_set"), ==,
                   "办理情形“retired”不存在，应为：在职职工、灵活就业人员");
  g_clear_pointer (&problems, yb_problems_unref);

  problems = yb_problems_new ();
  g_assert_false (yb_materials_check (item, "in_service", json_node_get_array (submitted), problems));
  g_assert_cmpstr (message_for (problems, "material.not_in_set", "identity"), ==,
                   "医保电子凭证不是“在职职工”所需的材料（办理情形是否选错？）");
  /* A name without （任选其一） still lists its alternatives when missing. */
  g_clear_pointer (&problems, yb_problems_unref);
  problems = yb_problems_new ();
  g_assert_false (yb_materials_check (item, "flexible", NULL, problems));
  g_assert_cmpstr (message_for (problems, "material.missing", "identity"), ==,
                   "身份凭证（医保电子凭证或有效身份证件，任选其一）未提交");
}

static void
test_required (void)
{
  g_autoptr(YbItem) plain = item_from (plain_item);
  g_autoptr(YbItem) sets = item_from (set_item);
  g_autoptr(YbItem) empty = item_from ("{ 'code': '6-3', 'category': '6', 'name': '查询' }");
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(GPtrArray) all = yb_materials_required (plain, NULL, problems);
  g_autoptr(GPtrArray) in_service = yb_materials_required (sets, "in_service", problems);
  g_autoptr(GPtrArray) none = yb_materials_required (sets, NULL, problems);
  g_autoptr(GPtrArray) unknown = yb_materials_required (sets, "retired", NULL);
  g_autoptr(GPtrArray) nothing = yb_materials_required (empty, NULL, problems);
  g_autoptr(JsonNode) stray = parse_json ("[ { 'id': 'x' } ]");
  g_autofree char *got = NULL;

  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (((YbMaterial *) g_ptr_array_index (all, 2))->id, ==, "identity");
  /* The item's order, not the set's. */
  g_assert_cmpuint (in_service->len, ==, 2);
  g_assert_cmpstr (((YbMaterial *) g_ptr_array_index (in_service, 0))->id, ==, "reg_form");
  g_assert_cmpstr (((YbMaterial *) g_ptr_array_index (in_service, 1))->id, ==, "id_copy");
  g_assert_null (none);
  g_assert_null (unknown);
  g_assert_cmpuint (nothing->len, ==, 0);
  got = summary (problems);
  g_assert_cmpstr (got, ==, "material_set.required@material_set");

  /* An item without materials: nothing required, anything handed in is unknown. */
  g_clear_pointer (&problems, yb_problems_unref);
  problems = yb_problems_new ();
  g_assert_true (yb_materials_check (empty, NULL, NULL, problems));
  g_assert_false (yb_materials_check (empty, NULL, json_node_get_array (stray), problems));
  g_clear_pointer (&got, g_free);
  got = summary (problems);
  g_assert_cmpstr (got, ==, "material.unknown@x");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/materials/check/%02zu %s", i, cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/materials/messages", test_messages);
  g_test_add_func ("/materials/set-messages", test_set_messages);
  g_test_add_func ("/materials/required", test_required);

  return g_test_run ();
}
