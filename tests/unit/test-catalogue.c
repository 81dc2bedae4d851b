/* test-catalogue.c: the catalogue checker, resolving items per county, the item JSON
 * mapping, and (when it is in the tree) the real schema/catalogue/catalogue.json. */
#define G_LOG_DOMAIN "yibao-test"

#include "yb-catalogue.h"
#include "yb-procedure.h"

#include <locale.h>
#include <string.h>

/* ------------------------------------------------------------------------- helpers */

/* Fixtures are written with ' for " so that they read as JSON inside C strings. */
static char *
fixture (const char *text)
{
  char *json = g_strdup (text);

  for (char *p = json; *p != '\0'; p++)
    if (*p == '\'')
      *p = '"';
  return json;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "code@field" for every problem, sorted, one a line. */
static char *
problems_summary (const YbProblems *problems)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < yb_problems_get_len (problems); i++)
    {
      const YbProblem *problem = yb_problems_get (problems, i);

      g_assert_nonnull (problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      g_ptr_array_add (lines, g_strdup_printf ("%s@%s", problem->code,
                                               problem->field != NULL ? problem->field : "-"));
    }
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
print_problems (const YbProblems *problems)
{
  for (guint i = 0; i < yb_problems_get_len (problems); i++)
    {
      const YbProblem *problem = yb_problems_get (problems, i);

      g_test_message ("%s [%s] %s", problem->field != NULL ? problem->field : "-",
                      problem->code, problem->message);
    }
}

/* Parses @json (a fixture), expects it refused, and compares the exact problem list. */
static void
assert_problems (const char         *json_fixture,
                 const char * const *expected)
{
  g_autofree char *json = fixture (json_fixture);
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YbCatalogue) catalogue = NULL;
  g_autoptr(GPtrArray) want = g_ptr_array_new ();
  g_autofree char *want_text = NULL;
  g_autofree char *got_text = NULL;

  catalogue = yb_catalogue_parse (json, -1, problems, &error);
  g_assert_no_error (error);
  g_assert_null (catalogue);
  print_problems (problems);

  for (guint i = 0; expected[i] != NULL; i++)
    g_ptr_array_add (want, (gpointer) expected[i]);
  g_ptr_array_sort (want, compare_strings);
  g_ptr_array_add (want, NULL);
  want_text = g_strjoinv ("\n", (char **) want->pdata);
  got_text = problems_summary (problems);
  g_assert_cmpstr (got_text, ==, want_text);
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

static JsonNode *
parse_json (const char *json_fixture)
{
  g_autofree char *json = fixture (json_fixture);
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

/* ------------------------------------------------------------------------- fixtures */

static const char good_catalogue[] =
  "{ 'format': 1,"
  "  'categories': [ { 'code': '1', 'name': '行政处罚' }, { 'code': '5', 'name': '行政确认' } ],"
  "  'documents': {"
  "    'one_time_notice': { 'title': '一次性告知书', 'serial_code': '告' },"
  "    'acceptance_notice': { 'title': '受理通知书', 'serial_code': '受' },"
  "    'refusal_notice': { 'title': '不予受理通知书', 'serial_code': '退' },"
  "    'penalty_decision': { 'title': '行政处罚决定书', 'serial_code': '罚' } },"
  "  'procedures': {"
  "    'window_standard': { 'initial': 'submitted',"
  "      'states': [ { 'id': 'submitted', 'name': '待受理', 'kind': 'open' },"
  "                  { 'id': 'awaiting_correction', 'name': '待补正', 'kind': 'waiting' },"
  "                  { 'id': 'accepted', 'name': '已受理', 'kind': 'open' },"
  "                  { 'id': 'done', 'name': '办结', 'kind': 'closed' } ],"
  "      'actions': ["
  "        { 'id': 'accept', 'name': '受理', 'from': [ 'submitted', 'awaiting_correction' ], 'to': 'accepted',"
  "          'roles': [ 'clerk' ], 'materials': 'complete', 'documents': [ 'acceptance_notice' ],"
  "          'starts_deadline': 'handling' },"
  "        { 'id': 'notify_incomplete', 'name': '一次性告知', 'from': [ 'submitted', 'awaiting_correction' ],"
  "          'to': 'awaiting_correction', 'roles': [ 'clerk' ], 'materials': 'incomplete',"
  "          'documents': [ 'one_time_notice' ] },"
  "        { 'id': 'review', 'name': '复核', 'from': [ 'accepted' ], 'to': 'done', 'roles': [ 'chief' ],"
  "          'distinct_from': [ 'accept' ], 'stops_deadline': 'handling' } ],"
  "      'deadlines': [ { 'id': 'handling', 'name': '办理时限', 'limit': 'item' } ] } },"
  "  'regions': ["
  "    { 'code': '130133', 'name': '赵县', 'parent_code': '130100', 'parent_name': '石家庄市',"
  "      'bureau': '赵县医疗保障局', 'abbrev': '赵',"
  "      'departments': ["
  "        { 'code': 'fund', 'name': '基金监管和财务科', 'phone': '87291548', 'supervision_phone': '87291548' },"
  "        { 'code': 'employee', 'name': '职工综合科', 'phone': '87291551', 'supervision_phone': null } ] },"
  "    { 'code': '130130', 'name': '无极县', 'parent_code': '130100', 'parent_name': '石家庄市',"
  "      'bureau': '无极县医疗保障局',"
  "      'departments': [ { 'code': 'employee_wj', 'name': '职工股', 'phone': null, 'supervision_phone': null } ] } ],"
  "  'items': ["
  "    { 'code': '5-2', 'category': '5', 'name': '职工参保登记',"
  "      'full_name': '基本医疗保险参保和变更登记（主项）--职工参保登记（子项）',"
  "      'parent': '基本医疗保险参保和变更登记',"
  "      'sub_items': [ { 'code': 'in_service', 'name': '在职职工' }, { 'code': 'flexible', 'name': '灵活就业人员' } ],"
  "      'legal_basis': '《中华人民共和国社会保险法》第五十七条\\n第二段',"
  "      'responsibilities': '受理责任', 'accountability': '追责情形', 'basis_note': '据无极清单整理',"
  "      'time_limit': { 'kind': 'working_days', 'days': 5, 'text': '5个工作日', 'basis': '经办规程',"
  "                      'by_set': { 'flexible': { 'kind': 'on_the_spot', 'text': '即时办结' } } },"
  "      'materials': ["
  "        { 'id': 'reg_form', 'name': '《职工基本医疗保险参保登记表》', 'original': true, 'copy': false,"
  "          'seal': true, 'copies': 2, 'note': '含增加、中断' },"
  "        { 'id': 'id_copy', 'name': '身份证复印件', 'copy': true },"
  "        { 'id': 'identity', 'name': '身份凭证（任选其一）', 'any_of': ["
  "            { 'id': 'e_voucher', 'name': '医保电子凭证' }, { 'id': 'id_card', 'name': '有效身份证件' } ] } ],"
  "      'material_sets': ["
  "        { 'id': 'in_service', 'name': '在职职工', 'materials': [ 'reg_form', 'id_copy' ] },"
  "        { 'id': 'flexible', 'name': '灵活就业人员', 'materials': [ 'identity', 'reg_form' ] } ],"
  "      'steps': ["
  "        { 'id': 'accept', 'name': '资料受理', 'role': 'clerk', 'text': '随来随受理' },"
  "        { 'id': 'review', 'name': '窗口复核', 'role': 'chief', 'text': '复核通过' } ],"
  "      'procedure': 'window_standard',"
  "      'regions': {"
  "        '130133': { 'department': 'employee', 'phones': [ { 'number': '87291551', 'label': '职工' } ],"
  "                    'supervision_phone': '87291560' },"
  "        '130130': { 'department': 'employee_wj', 'phones': [], 'supervision_phone': null,"
  "                    'name': '职工参保登记（无极）', 'steps_note': '无极县自定流程',"
  "                    'steps': [ { 'id': 'accept', 'name': '受理', 'role': 'clerk', 'text': '当场受理' } ] } } },"
  "    { 'code': '1-1', 'category': '1', 'name': '对用人单位不办理医疗保险登记的处罚',"
  "      'full_name': '对用人单位不办理医疗保险登记的处罚', 'parent': null,"
  "      'legal_basis': '《中华人民共和国社会保险法》第八十四条', 'responsibilities': '立案责任',"
  "      'accountability': '追责', 'time_limit': { 'kind': 'calendar_days', 'days': 90, 'text': '90日' },"
  "      'materials': [],"
  "      'steps': [ { 'id': 'lead', 'name': '发现线索', 'role': 'inspector', 'text': '登记线索' },"
  "                 { 'id': 'decide', 'name': '党组会', 'role': 'party_group', 'text': '集体讨论' } ],"
  "      'procedure': { 'initial': 'lead',"
  "        'states': [ { 'id': 'lead', 'name': '线索', 'kind': 'open' },"
  "                    { 'id': 'closed', 'name': '结案', 'kind': 'closed' } ],"
  "        'actions': [ { 'id': 'decide', 'name': '处罚决定', 'from': [ 'lead' ], 'to': 'closed',"
  "                       'roles': [ 'leader' ], 'officers': 2, 'documents': [ 'penalty_decision' ],"
  "                       'fields': [ { 'id': 'fine', 'name': '罚款', 'type': 'money', 'required': true } ],"
  "                       'guards': [ { 'rule': 'amount_within', 'args': { 'field': 'fine', 'min': 50000,"
  "                                                                        'max': 300000 } } ] } ] },"
  "      'regions': { '130133': { 'department': 'fund' } } } ] }";

static const char bad_catalogue[] =
  "{ 'format': 1, 'extra': true,"
  "  'categories': [ { 'code': '1', 'name': '行政处罚' }, { 'code': '1', 'name': '重复' }, { 'code': '5' } ],"
  "  'regions': ["
  "    { 'code': '130133', 'name': '赵县', 'parent_code': '130100', 'parent_name': '石家庄市',"
  "      'bureau': '赵县医疗保障局',"
  "      'departments': [ { 'code': 'fund', 'name': '基金监管和财务科', 'phone': '87291548', 'supervision_phone': null },"
  "                       { 'code': 'fund', 'name': '重复科室', 'phone': 87291548 } ] },"
  "    { 'code': '13013X', 'name': '坏县', 'parent_code': '000000', 'parent_name': '', 'bureau': '某局',"
  "      'departments': [] } ],"
  "  'items': ["
  "    { 'code': '5-1', 'category': '5', 'name': '单位参保登记', 'full_name': '单位参保登记', 'parent': null,"
  "      'legal_basis': '依据', 'responsibilities': '责任', 'accountability': '追责',"
  "      'time_limit': { 'kind': 'working_days', 'text': '5个工作日' },"
  "      'materials': ["
  "        { 'id': 'form', 'name': '登记表', 'seal': 'yes', 'copies': 0 },"
  "        { 'id': 'ident', 'name': '身份凭证', 'any_of': ["
  "            { 'id': 'form', 'name': '重复' }, { 'id': 'card', 'name': '卡', 'any_of': [] } ] } ],"
  "      'material_sets': [ { 'id': 'a', 'name': '甲', 'materials': [ 'form', 'nope', 3 ] } ],"
  "      'steps': [ { 'id': 'accept', 'name': '受理', 'role': 'clerk', 'text': '受理' },"
  "                 { 'id': 'accept', 'name': '审核', 'role': 'boss', 'text': '审核' } ],"
  "      'regions': { '130133': { 'department': 'employee', 'phones': [ { 'label': 'x' } ] },"
  "                   '999999': { 'department': 'x' } } },"
  "    { 'code': '5-1', 'category': '7', 'name': 'x',"
  "      'time_limit': { 'kind': 'someday', 'days': 3, 'text': 't' }, 'steps': [],"
  "      'regions': { '130133': { 'department': 'fund', 'legal_basis': '本县依据' } } },"
  "    { 'code': '5-3', 'category': '5', 'name': 'n', 'full_name': 'f', 'legal_basis': 'l',"
  "      'responsibilities': 'r', 'accountability': 'a',"
  "      'time_limit': { 'kind': 'on_the_spot', 'days': 1, 'text': '即时',"
  "                      'by_set': { 'ghost': { 'kind': 'calendar_days', 'days': 0, 'text': 't' } } },"
  "      'materials': [ { 'id': 'm1', 'name': '材料一' } ],"
  "      'steps': [ { 'id': 's', 'name': 'n', 'role': 'clerk' } ],"
  "      'regions': { '130133': { 'department': 'fund',"
  "                               'material_sets': [ { 'id': 'g2', 'name': 'g', 'materials': [ 'm2' ] } ] } } } ] }";

/* ------------------------------------------------------------------------- good file */

static YbCatalogue *
parse_good (void)
{
  g_autofree char *json = fixture (good_catalogue);
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(GError) error = NULL;
  YbCatalogue *catalogue = yb_catalogue_parse (json, -1, problems, &error);

  print_problems (problems);
  g_assert_no_error (error);
  g_assert_true (yb_problems_is_empty (problems));
  g_assert_nonnull (catalogue);
  return catalogue;
}

static void
test_good_structs (void)
{
  g_autoptr(YbCatalogue) catalogue = parse_good ();
  GPtrArray *categories = yb_catalogue_get_categories (catalogue);
  GPtrArray *regions = yb_catalogue_get_regions (catalogue);
  YbCategory *category;
  YbRegion *region;
  YbDepartment *department;

  g_assert_cmpuint (categories->len, ==, 2);
  category = g_ptr_array_index (categories, 1);
  g_assert_cmpstr (category->code, ==, "5");
  g_assert_cmpstr (category->name, ==, "行政确认");

  g_assert_cmpuint (regions->len, ==, 2);
  region = g_ptr_array_index (regions, 0);
  g_assert_cmpstr (region->code, ==, "130133");
  g_assert_cmpstr (region->name, ==, "赵县");
  g_assert_cmpstr (region->parent_code, ==, "130100");
  g_assert_cmpstr (region->parent_name, ==, "石家庄市");
  g_assert_cmpstr (region->bureau, ==, "赵县医疗保障局");
  g_assert_cmpstr (region->abbrev, ==, "赵");
  g_assert_cmpuint (region->departments->len, ==, 2);
  department = g_ptr_array_index (region->departments, 1);
  g_assert_cmpstr (department->code, ==, "employee");
  g_assert_cmpstr (department->phone, ==, "87291551");
  g_assert_null (department->supervision_phone);

  region = g_ptr_array_index (regions, 1);
  g_assert_null (region->abbrev);
  department = g_ptr_array_index (region->departments, 0);
  g_assert_cmpstr (department->code, ==, "employee_wj");
  g_assert_null (department->phone);

  g_assert_cmpuint (json_object_get_size (yb_catalogue_get_documents (catalogue)), ==, 4);
}

static void
test_good_resolve (void)
{
  g_autoptr(YbCatalogue) catalogue = parse_good ();
  g_autoptr(GPtrArray) zhao = yb_catalogue_resolve_items (catalogue, "130133");
  g_autoptr(GPtrArray) wuji = yb_catalogue_resolve_items (catalogue, "130130");
  g_autoptr(GPtrArray) nowhere = yb_catalogue_resolve_items (catalogue, "110105");
  g_autoptr(GPtrArray) zhao_again = NULL;
  JsonObject *item;
  JsonArray *phones;

  g_assert_cmpuint (zhao->len, ==, 2);
  g_assert_cmpuint (wuji->len, ==, 1);
  g_assert_cmpuint (nowhere->len, ==, 0);

  /* Zhao: file order, county values merged in. */
  item = json_node_get_object (g_ptr_array_index (zhao, 0));
  g_assert_cmpstr (json_object_get_string_member (item, "code"), ==, "5-2");
  g_assert_false (json_object_has_member (item, "regions"));
  g_assert_cmpstr (json_object_get_string_member (item, "department"), ==, "employee");
  g_assert_cmpstr (json_object_get_string_member (item, "supervision_phone"), ==, "87291560");
  g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "职工参保登记");
  phones = json_object_get_array_member (item, "phones");
  g_assert_cmpuint (json_array_get_length (phones), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (phones, 0), "number"),
                   ==, "87291551");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "steps")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (item, "time_limit"), "days"),
                   ==, 5);

  /* An entry without phones still gives readers the members. */
  item = json_node_get_object (g_ptr_array_index (zhao, 1));
  g_assert_cmpstr (json_object_get_string_member (item, "code"), ==, "1-1");
  g_assert_cmpstr (json_object_get_string_member (item, "department"), ==, "fund");
  g_assert_true (json_object_has_member (item, "phones"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "phones")), ==, 0);
  g_assert_true (json_object_has_member (item, "supervision_phone"));
  g_assert_true (json_object_get_null_member (item, "supervision_phone"));
  g_assert_false (json_object_has_member (item, "regions"));

  /* Wuji: its own name and steps replace the item's. */
  item = json_node_get_object (g_ptr_array_index (wuji, 0));
  g_assert_cmpstr (json_object_get_string_member (item, "code"), ==, "5-2");
  g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "职工参保登记（无极）");
  g_assert_cmpstr (json_object_get_string_member (item, "department"), ==, "employee_wj");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "steps")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (item, "steps"), 0),
                     "text"), ==, "当场受理");
  g_assert_cmpstr (json_object_get_string_member (item, "legal_basis"), ==,
                   "《中华人民共和国社会保险法》第五十七条\n第二段");
  g_assert_cmpstr (json_object_get_string_member (item, "basis_note"), ==, "据无极清单整理");
  g_assert_cmpstr (json_object_get_string_member (item, "steps_note"), ==, "无极县自定流程");

  /* Procedures are inlined, with just the documents their actions issue. */
  {
    JsonObject *procedure;
    JsonObject *documents;

    item = json_node_get_object (g_ptr_array_index (zhao, 0));
    procedure = json_object_get_object_member (item, "procedure");
    g_assert_cmpstr (json_object_get_string_member (procedure, "initial"), ==, "submitted");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (procedure, "actions")), ==, 3);
    documents = json_object_get_object_member (item, "documents");
    g_assert_cmpuint (json_object_get_size (documents), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (documents, "one_time_notice"),
                                                    "serial_code"), ==, "告");
    g_assert_true (json_object_has_member (documents, "acceptance_notice"));
    g_assert_false (json_object_has_member (documents, "refusal_notice"));

    item = json_node_get_object (g_ptr_array_index (zhao, 1));
    procedure = json_object_get_object_member (item, "procedure");
    g_assert_cmpstr (json_object_get_string_member (procedure, "initial"), ==, "lead");
    documents = json_object_get_object_member (item, "documents");
    g_assert_cmpuint (json_object_get_size (documents), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (documents, "penalty_decision"),
                                                    "title"), ==, "行政处罚决定书");

    item = json_node_get_object (g_ptr_array_index (wuji, 0));
    g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "procedure")));
  }

  /* Resolving copies: changing a result does not touch the catalogue. */
  json_object_set_string_member (json_node_get_object (g_ptr_array_index (zhao, 0)), "name", "changed");
  json_object_set_string_member (
    json_array_get_object_element (json_object_get_array_member (
      json_node_get_object (g_ptr_array_index (zhao, 0)), "steps"), 0), "name", "changed");
  zhao_again = yb_catalogue_resolve_items (catalogue, "130133");
  item = json_node_get_object (g_ptr_array_index (zhao_again, 0));
  g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "职工参保登记");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (item, "steps"), 0),
                     "name"), ==, "资料受理");
}

/* ------------------------------------------------------------------------- bad files */

static void
test_bad_everything_at_once (void)
{
  g_autofree char *json = fixture (bad_catalogue);
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbCatalogue) catalogue = NULL;

  assert_problems (bad_catalogue, (const char *[]) {
    "catalogue.unknown_member@extra",
    "catalogue.duplicate@categories[1].code",
    "catalogue.missing@categories[2].name",
    "catalogue.duplicate@regions[0].departments[1].code",
    "catalogue.type@regions[0].departments[1].phone",
    "region.invalid@regions[1].code",
    "region.invalid@regions[1].parent_code",
    "catalogue.empty@regions[1].parent_name",
    "catalogue.empty@regions[1].departments",
    /* items[0] */
    "catalogue.time_limit_days@items[0].time_limit.days",
    "catalogue.type@items[0].materials[0].seal",
    "catalogue.copies@items[0].materials[0].copies",
    "catalogue.duplicate@items[0].materials[1].any_of[0].id",
    "catalogue.unknown_member@items[0].materials[1].any_of[1].any_of",
    "catalogue.unknown_material@items[0].material_sets[0].materials[1]",
    "catalogue.type@items[0].material_sets[0].materials[2]",
    "catalogue.duplicate@items[0].steps[1].id",
    "catalogue.role@items[0].steps[1].role",
    "catalogue.unknown_department@items[0].regions.130133.department",
    "catalogue.missing@items[0].regions.130133.phones[0].number",
    "catalogue.unknown_region@items[0].regions.999999",
    /* items[1]: legal_basis comes from its only county, the rest is missing */
    "catalogue.duplicate@items[1].code",
    "catalogue.unknown_category@items[1].category",
    "catalogue.item_code@items[1].code",
    "catalogue.time_limit_kind@items[1].time_limit.kind",
    "catalogue.empty@items[1].steps",
    "catalogue.missing@items[1].full_name",
    "catalogue.missing@items[1].responsibilities",
    "catalogue.missing@items[1].accountability",
    "catalogue.missing@items[1].materials",
    /* items[2] */
    "catalogue.time_limit_days@items[2].time_limit.days",
    "catalogue.time_limit_days@items[2].time_limit.by_set.ghost.days",
    "catalogue.unknown_material_set@items[2].time_limit.by_set.ghost",
    "catalogue.missing@items[2].steps[0].text",
    "catalogue.unknown_material@items[2].regions.130133.material_sets[0].materials[0]",
    NULL });

  /* The messages say what is wrong, in Chinese, naming the culprit. */
  catalogue = yb_catalogue_parse (json, -1, problems, NULL);
  g_assert_null (catalogue);
  g_assert_cmpstr (message_for (problems, "catalogue.unknown_department",
                                "items[0].regions.130133.department"),
                   ==, "赵县（130133）没有编号为“employee”的科室");
  g_assert_cmpstr (message_for (problems, "catalogue.role", "items[0].steps[1].role"),
                   ==, "角色“boss”不存在，应为 clerk、chief、inspector、settlement、leader、admin、"
                       "city_viewer、applicant、institution 或 party_group");
  g_assert_cmpstr (message_for (problems, "catalogue.missing", "items[1].materials"),
                   ==, "缺少必填项“materials”");
  g_assert_nonnull (strstr (message_for (problems, "catalogue.unknown_material",
                                         "items[2].regions.130133.material_sets[0].materials[0]"),
                            "m2"));
}

static void
test_bad_top_level (void)
{
  assert_problems ("[]", (const char *[]) { "catalogue.type@-", NULL });
  assert_problems ("{}", (const char *[]) {
    "catalogue.missing@format", "catalogue.missing@categories",
    "catalogue.missing@regions", "catalogue.missing@items", NULL });
  assert_problems ("{ 'format': 2, 'categories': [], 'regions': [], 'items': [] }",
                   (const char *[]) {
    "catalogue.format@format", "catalogue.empty@categories",
    "catalogue.empty@regions", "catalogue.empty@items", NULL });
  assert_problems ("{ 'format': '1', 'categories': {}, 'regions': null, 'items': [ 1 ] }",
                   (const char *[]) {
    "catalogue.type@format", "catalogue.type@categories",
    "catalogue.missing@regions", "catalogue.type@items[0]", NULL });
}

static void
test_bad_region_overrides (void)
{
  /* Each county brings its own materials; one county's set names a material only the
   * other county has. Required members may all come from the counties. */
  assert_problems (
    "{ 'format': 1, 'categories': [ { 'code': '6', 'name': '其他' } ],"
    "  'regions': ["
    "    { 'code': '130133', 'name': '赵县', 'parent_code': '130100', 'parent_name': '石家庄市',"
    "      'bureau': 'b', 'departments': [ { 'code': 'centre', 'name': '医保中心' } ] },"
    "    { 'code': '130130', 'name': '无极县', 'parent_code': '130100', 'parent_name': '石家庄市',"
    "      'bureau': 'b', 'departments': [ { 'code': 'centre', 'name': '医保中心' } ] } ],"
    "  'items': [ { 'code': '6-1', 'category': '6', 'name': 'n', 'full_name': 'f',"
    "    'responsibilities': 'r', 'accountability': 'a',"
    "    'time_limit': { 'kind': 'none', 'text': '无' },"
    "    'steps': [ { 'id': 's', 'name': 'n', 'role': 'settlement', 'text': 't' } ],"
    "    'material_sets': [ { 'id': 'set', 'name': 'n', 'materials': [ 'bill' ] } ],"
    "    'regions': {"
    "      '130133': { 'department': 'centre', 'legal_basis': 'l1',"
    "                  'materials': [ { 'id': 'bill', 'name': '收费票据' } ] },"
    "      '130130': { 'department': 'centre', 'legal_basis': 'l2', 'code': 'x',"
    "                  'materials': [ { 'id': 'list', 'name': '费用清单' } ] } } } ] }",
    (const char *[]) {
      "catalogue.unknown_member@items[0].regions.130130.code",
      "catalogue.unknown_material@items[0].material_sets[0].materials[0]",
      NULL });

  /* A member neither the item nor every county has is missing, naming the county. */
  {
    g_autofree char *json = fixture (
      "{ 'format': 1, 'categories': [ { 'code': '6', 'name': '其他' } ],"
      "  'regions': ["
      "    { 'code': '130133', 'name': '赵县', 'parent_code': '130100', 'parent_name': '石家庄市',"
      "      'bureau': 'b', 'departments': [ { 'code': 'centre', 'name': '医保中心' } ] },"
      "    { 'code': '130130', 'name': '无极县', 'parent_code': '130100', 'parent_name': '石家庄市',"
      "      'bureau': 'b', 'departments': [ { 'code': 'centre', 'name': '医保中心' } ] } ],"
      "  'items': [ { 'code': '6-1', 'category': '6', 'name': 'n', 'full_name': 'f',"
      "    'responsibilities': 'r', 'accountability': 'a', 'materials': [],"
      "    'time_limit': { 'kind': 'none', 'text': '无' },"
      "    'steps': [ { 'id': 's', 'name': 'n', 'role': 'clerk', 'text': 't' } ],"
      "    'regions': { '130133': { 'department': 'centre', 'legal_basis': 'l1' },"
      "                 '130130': { 'department': 'centre' } } } ] }");
    g_autoptr(YbProblems) problems = yb_problems_new ();
    g_autoptr(YbCatalogue) catalogue = yb_catalogue_parse (json, -1, problems, NULL);
    g_autofree char *summary = problems_summary (problems);

    g_assert_null (catalogue);
    g_assert_cmpstr (summary, ==, "catalogue.missing@items[0].legal_basis");
    g_assert_nonnull (strstr (message_for (problems, "catalogue.missing", "items[0].legal_basis"),
                              "无极县（130130）"));
  }
}

/* Documents, shared procedures, an item's named or inline procedure, a county's own
 * procedure, and a region's abbrev: every problem with its path in the file. */
static void
test_bad_procedures (void)
{
  assert_problems (
    "{ 'format': 1, 'categories': [ { 'code': '5', 'name': '行政确认' } ],"
    "  'documents': { 'Notice': { 'title': '告知书', 'serial_code': '告' },"
    "                 'receipt': { 'title': '回执', 'colour': 'red' }, 'memo': 'x' },"
    "  'procedures': {"
    "    'broken': { 'initial': 'a', 'states': [ { 'id': 'a', 'name': 'A', 'kind': 'closed' } ],"
    "                'actions': [ { 'id': 'go', 'name': '走', 'from': [ 'a' ], 'to': 'a',"
    "                               'roles': [ 'clerk' ], 'documents': [ 'poster' ] } ] },"
    "    'fine': { 'initial': 'a', 'states': [ { 'id': 'a', 'name': 'A', 'kind': 'open' },"
    "                                          { 'id': 'b', 'name': 'B', 'kind': 'closed' } ],"
    "              'actions': [ { 'id': 'go', 'name': '走', 'from': [ 'a' ], 'to': 'b', 'roles': [ 'clerk' ],"
    "                             'documents': [ 'receipt' ] } ] } },"
    "  'regions': ["
    "    { 'code': '130133', 'name': '赵县', 'parent_code': '130100', 'parent_name': '石家庄市',"
    "      'bureau': 'b', 'abbrev': '', 'departments': [ { 'code': 'centre', 'name': '医保中心' } ] },"
    "    { 'code': '130130', 'name': '无极县', 'parent_code': '130100', 'parent_name': '石家庄市',"
    "      'bureau': 'b', 'abbrev': 7, 'departments': [ { 'code': 'centre', 'name': '医保中心' } ] } ],"
    "  'items': ["
    "    { 'code': '5-1', 'category': '5', 'name': 'n', 'full_name': 'f', 'legal_basis': 'l',"
    "      'responsibilities': 'r', 'accountability': 'a', 'materials': [],"
    "      'time_limit': { 'kind': 'none', 'text': '无' },"
    "      'steps': [ { 'id': 's', 'name': 'n', 'role': 'clerk', 'text': 't' } ],"
    "      'procedure': 'missing_one',"
    "      'regions': { '130133': { 'department': 'centre', 'procedure': 'broken' },"
    "                   '130130': { 'department': 'centre',"
    "                               'procedure': { 'initial': 'x', 'states': [], 'actions': [] } } } },"
    "    { 'code': '5-2', 'category': '5', 'name': 'n', 'full_name': 'f', 'legal_basis': 'l',"
    "      'responsibilities': 'r', 'accountability': 'a', 'materials': [],"
    "      'time_limit': { 'kind': 'none', 'text': '无' },"
    "      'steps': [ { 'id': 's', 'name': 'n', 'role': 'clerk', 'text': 't' } ],"
    "      'procedure': { 'initial': 'a', 'states': [ { 'id': 'a', 'name': 'A', 'kind': 'open' } ],"
    "                     'actions': [ { 'id': 'go', 'name': '走', 'from': [ 'a' ], 'to': 'a',"
    "                                    'roles': [ 'applicant' ], 'guards': [ { 'rule': 'luck' } ] } ] },"
    "      'regions': { '130133': { 'department': 'centre' } } },"
    "    { 'code': '5-3', 'category': '5', 'name': 'n', 'full_name': 'f', 'legal_basis': 'l',"
    "      'responsibilities': 'r', 'accountability': 'a', 'materials': [],"
    "      'time_limit': { 'kind': 'none', 'text': '无' },"
    "      'steps': [ { 'id': 's', 'name': 'n', 'role': 'clerk', 'text': 't' } ],"
    "      'procedure': [ 'fine' ], 'regions': { '130133': { 'department': 'centre' } } } ] }",
    (const char *[]) {
      "catalogue.document_kind@documents.Notice",
      "catalogue.unknown_member@documents.receipt.colour",
      "catalogue.missing@documents.receipt.serial_code",
      "catalogue.type@documents.memo",
      "catalogue.empty@regions[0].abbrev",
      "catalogue.type@regions[1].abbrev",
      "procedure.closed_state@procedures.broken.actions[0].from[0]",
      "procedure.unknown_document@procedures.broken.actions[0].documents[0]",
      "catalogue.unknown_procedure@items[0].procedure",
      "procedure.empty@items[0].regions.130130.procedure.states",
      "procedure.empty@items[0].regions.130130.procedure.actions",
      "procedure.unknown_state@items[0].regions.130130.procedure.initial",
      "procedure.role@items[1].procedure.actions[0].roles[0]",
      "procedure.unknown_guard@items[1].procedure.actions[0].guards[0].rule",
      "catalogue.type@items[2].procedure",
      NULL });

  /* Without "documents", every document a procedure names is unknown. */
  assert_problems (
    "{ 'format': 1, 'categories': [ { 'code': '5', 'name': '行政确认' } ],"
    "  'procedures': { 'p': { 'initial': 'a', 'states': [ { 'id': 'a', 'name': 'A', 'kind': 'open' } ],"
    "    'actions': [ { 'id': 'go', 'name': '走', 'from': [ 'a' ], 'to': 'a', 'roles': [ 'clerk' ],"
    "                   'documents': [ 'one_time_notice' ] } ] } },"
    "  'regions': [ { 'code': '130133', 'name': '赵县', 'parent_code': '130100', 'parent_name': '石家庄市',"
    "      'bureau': 'b', 'departments': [ { 'code': 'centre', 'name': '医保中心' } ] } ],"
    "  'items': [ { 'code': '5-1', 'category': '5', 'name': 'n', 'full_name': 'f', 'legal_basis': 'l',"
    "      'responsibilities': 'r', 'accountability': 'a', 'materials': [],"
    "      'time_limit': { 'kind': 'none', 'text': '无' },"
    "      'steps': [ { 'id': 's', 'name': 'n', 'role': 'clerk', 'text': 't' } ], 'procedure': 'p',"
    "      'regions': { '130133': { 'department': 'centre' } } } ] }",
    (const char *[]) { "procedure.unknown_document@procedures.p.actions[0].documents[0]", NULL });
}

static void
test_not_json (void)
{
  static const char * const texts[] = { "{", "", "   ", "{'format': 1,}", "nonsense" };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *json = fixture (texts[i]);
      g_autoptr(YbProblems) problems = yb_problems_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(YbCatalogue) catalogue = yb_catalogue_parse (json, -1, problems, &error);

      g_test_message ("“%s”", texts[i]);
      g_assert_null (catalogue);
      g_assert_error (error, YB_CATALOGUE_ERROR, YB_CATALOGUE_ERROR_NOT_JSON);
      g_assert_true (yb_problems_is_empty (problems));
    }
}

static void
test_problems_as_error (void)
{
  g_autofree char *json = fixture ("{ 'format': 2, 'categories': [], 'regions': [], 'items': [] }");
  g_autoptr(GError) error = NULL;
  g_autoptr(YbCatalogue) catalogue = yb_catalogue_parse (json, -1, NULL, &error);

  g_assert_null (catalogue);
  g_assert_error (error, YB_CATALOGUE_ERROR, YB_CATALOGUE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "目录文件有 4 处问题："));
  g_assert_nonnull (strstr (error->message, "format: "));
  g_assert_nonnull (strstr (error->message, "items: "));
}

/* ------------------------------------------------------------------------- item JSON */

static void
assert_material_matches (const YbMaterial *material,
                         JsonObject       *json)
{
  JsonArray *any_of = json_object_has_member (json, "any_of")
                      ? json_object_get_array_member (json, "any_of") : NULL;

  g_assert_cmpstr (material->id, ==, json_object_get_string_member (json, "id"));
  g_assert_cmpstr (material->name, ==, json_object_get_string_member (json, "name"));
  g_assert_cmpint (material->original, ==,
                   json_object_get_boolean_member_with_default (json, "original", FALSE));
  g_assert_cmpint (material->copy, ==,
                   json_object_get_boolean_member_with_default (json, "copy", FALSE));
  g_assert_cmpint (material->seal, ==,
                   json_object_get_boolean_member_with_default (json, "seal", FALSE));
  g_assert_cmpint (material->copies, ==, json_object_get_int_member_with_default (json, "copies", 1));
  g_assert_cmpstr (material->note, ==, json_object_get_string_member_with_default (json, "note", NULL));
  g_assert_nonnull (material->any_of);
  g_assert_cmpuint (material->any_of->len, ==, any_of != NULL ? json_array_get_length (any_of) : 0);
  for (guint i = 0; i < material->any_of->len; i++)
    assert_material_matches (g_ptr_array_index (material->any_of, i),
                             json_array_get_object_element (any_of, i));
}

/* Every YbItem field carries the value of its JSON member. */
static void
assert_item_matches (const YbItem *item,
                     JsonObject   *json)
{
  JsonObject *time_limit = json_object_get_object_member (json, "time_limit");
  JsonArray *array;

  g_assert_cmpstr (item->code, ==, json_object_get_string_member (json, "code"));
  g_assert_cmpstr (item->category, ==, json_object_get_string_member (json, "category"));
  g_assert_cmpstr (item->name, ==, json_object_get_string_member (json, "name"));
  g_assert_cmpstr (item->full_name, ==, json_object_get_string_member (json, "full_name"));
  g_assert_cmpstr (item->parent, ==, json_object_get_string_member_with_default (json, "parent", NULL));
  g_assert_cmpstr (item->legal_basis, ==, json_object_get_string_member (json, "legal_basis"));
  g_assert_cmpstr (item->responsibilities, ==, json_object_get_string_member (json, "responsibilities"));
  g_assert_cmpstr (item->accountability, ==, json_object_get_string_member (json, "accountability"));
  g_assert_cmpstr (item->supervision_phone, ==,
                   json_object_get_string_member_with_default (json, "supervision_phone", NULL));
  g_assert_cmpstr (item->department.code, ==, json_object_get_string_member (json, "department"));
  g_assert_cmpstr (item->basis_note, ==,
                   json_object_get_string_member_with_default (json, "basis_note", NULL));
  g_assert_cmpstr (item->steps_note, ==,
                   json_object_get_string_member_with_default (json, "steps_note", NULL));

  g_assert_cmpstr (yb_time_limit_kind_to_string (item->time_limit.kind), ==,
                   json_object_get_string_member (time_limit, "kind"));
  g_assert_cmpint (item->time_limit.days, ==,
                   json_object_get_int_member_with_default (time_limit, "days", 0));
  g_assert_cmpstr (item->time_limit.text, ==, json_object_get_string_member (time_limit, "text"));

  array = json_object_has_member (json, "sub_items") ? json_object_get_array_member (json, "sub_items") : NULL;
  g_assert_cmpuint (item->sub_items->len, ==, array != NULL ? json_array_get_length (array) : 0);
  for (guint i = 0; i < item->sub_items->len; i++)
    {
      const YbCategory *sub = g_ptr_array_index (item->sub_items, i);
      JsonObject *element = json_array_get_object_element (array, i);

      g_assert_cmpstr (sub->code, ==, json_object_get_string_member (element, "code"));
      g_assert_cmpstr (sub->name, ==, json_object_get_string_member (element, "name"));
    }

  array = json_object_get_array_member (json, "materials");
  g_assert_cmpuint (item->materials->len, ==, json_array_get_length (array));
  for (guint i = 0; i < item->materials->len; i++)
    assert_material_matches (g_ptr_array_index (item->materials, i),
                             json_array_get_object_element (array, i));

  array = json_object_has_member (json, "material_sets")
          ? json_object_get_array_member (json, "material_sets") : NULL;
  g_assert_cmpuint (item->material_sets->len, ==, array != NULL ? json_array_get_length (array) : 0);
  for (guint i = 0; i < item->material_sets->len; i++)
    {
      const YbMaterialSet *set = g_ptr_array_index (item->material_sets, i);
      JsonObject *element = json_array_get_object_element (array, i);
      JsonArray *ids = json_object_get_array_member (element, "materials");

      g_assert_cmpstr (set->id, ==, json_object_get_string_member (element, "id"));
      g_assert_cmpstr (set->name, ==, json_object_get_string_member (element, "name"));
      g_assert_cmpuint (g_strv_length (set->materials), ==, json_array_get_length (ids));
      for (guint j = 0; j < json_array_get_length (ids); j++)
        g_assert_cmpstr (set->materials[j], ==, json_array_get_string_element (ids, j));
    }

  array = json_object_get_array_member (json, "steps");
  g_assert_cmpuint (item->steps->len, ==, json_array_get_length (array));
  for (guint i = 0; i < item->steps->len; i++)
    {
      const YbStep *step = g_ptr_array_index (item->steps, i);
      JsonObject *element = json_array_get_object_element (array, i);

      g_assert_cmpstr (step->id, ==, json_object_get_string_member (element, "id"));
      g_assert_cmpstr (step->name, ==, json_object_get_string_member (element, "name"));
      g_assert_cmpstr (step->role, ==, json_object_get_string_member (element, "role"));
      g_assert_cmpstr (step->text, ==, json_object_get_string_member (element, "text"));
    }

  if (json_object_has_member (json, "procedure"))
    {
      JsonObject *procedure = json_object_get_object_member (json, "procedure");
      JsonObject *documents = json_object_get_object_member (json, "documents");

      g_assert_nonnull (item->procedure);
      g_assert_cmpstr (yb_procedure_get_initial (item->procedure), ==,
                       json_object_get_string_member (procedure, "initial"));
      g_assert_cmpuint (yb_procedure_get_actions (item->procedure)->len, ==,
                        json_array_get_length (json_object_get_array_member (procedure, "actions")));
      g_assert_cmpuint (yb_procedure_get_states (item->procedure)->len, ==,
                        json_array_get_length (json_object_get_array_member (procedure, "states")));
      g_assert_nonnull (item->documents);
      g_assert_cmpuint (json_object_get_size (item->documents), ==, json_object_get_size (documents));
    }
  else
    {
      g_assert_null (item->procedure);
      g_assert_null (item->documents);
    }

  array = json_object_get_array_member (json, "phones");
  g_assert_cmpuint (item->phones->len, ==, json_array_get_length (array));
  for (guint i = 0; i < item->phones->len; i++)
    {
      const YbPhone *phone = g_ptr_array_index (item->phones, i);
      JsonObject *element = json_array_get_object_element (array, i);

      g_assert_cmpstr (phone->number, ==, json_object_get_string_member (element, "number"));
      g_assert_cmpstr (phone->label, ==, json_object_get_string_member_with_default (element, "label", NULL));
    }
}

static void
test_item_round_trip_good (void)
{
  g_autoptr(YbCatalogue) catalogue = parse_good ();
  const char * const regions[] = { "130133", "130130" };

  for (gsize r = 0; r < G_N_ELEMENTS (regions); r++)
    {
      g_autoptr(GPtrArray) items = yb_catalogue_resolve_items (catalogue, regions[r]);

      for (guint i = 0; i < items->len; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(YbItem) item = yb_item_from_json (g_ptr_array_index (items, i), &error);

          g_assert_no_error (error);
          g_assert_nonnull (item);
          assert_item_matches (item, json_node_get_object (g_ptr_array_index (items, i)));
        }
    }

  /* Spot checks that do not go through the comparison helper. */
  {
    g_autoptr(GPtrArray) items = yb_catalogue_resolve_items (catalogue, "130133");
    g_autoptr(YbItem) item = yb_item_from_json (g_ptr_array_index (items, 0), NULL);
    const YbMaterial *identity = g_ptr_array_index (item->materials, 2);
    const YbMaterial *form = g_ptr_array_index (item->materials, 0);

    g_assert_cmpint (item->time_limit.kind, ==, YB_TIME_LIMIT_WORKING_DAYS);
    g_assert_cmpint (item->time_limit.days, ==, 5);
    g_assert_true (form->original);
    g_assert_false (form->copy);
    g_assert_true (form->seal);
    g_assert_cmpint (form->copies, ==, 2);
    g_assert_cmpuint (identity->any_of->len, ==, 2);
    g_assert_cmpstr (((YbMaterial *) g_ptr_array_index (identity->any_of, 1))->id, ==, "id_card");
    g_assert_cmpstr (item->department.code, ==, "employee");
    g_assert_null (item->department.name);
    g_assert_null (item->region_code);
    g_assert_null (item->category_name);
    g_assert_nonnull (item->procedure);
    g_assert_nonnull (yb_procedure_get_action (item->procedure, "notify_incomplete"));
    /* A deadline with "limit": "item" counts the set's own limit when it has one. */
    g_assert_cmpint (yb_item_time_limit_for_set (item, "flexible")->kind, ==, YB_TIME_LIMIT_ON_THE_SPOT);
    g_assert_cmpstr (yb_item_time_limit_for_set (item, "flexible")->text, ==, "即时办结");
    g_assert_true (yb_item_time_limit_for_set (item, "in_service") == &item->time_limit);
    g_assert_true (yb_item_time_limit_for_set (item, NULL) == &item->time_limit);
  }
  {
    g_autoptr(GPtrArray) items = yb_catalogue_resolve_items (catalogue, "130133");
    g_autoptr(YbItem) item = yb_item_from_json (g_ptr_array_index (items, 1), NULL);
    const YbAction *decide = yb_procedure_get_action (item->procedure, "decide");

    /* The two-officer action got its second officer's field. */
    g_assert_cmpint (decide->officers, ==, 2);
    g_assert_cmpuint (decide->fields->len, ==, 2);
    g_assert_cmpstr (decide->documents[0], ==, "penalty_decision");
  }
}

static void
test_item_server_shape (void)
{
  g_autoptr(JsonNode) node = parse_json (
    "{ 'region_code': '130133', 'code': '6-8', 'category': '6', 'category_name': '其他权力',"
    "  'name': '异地就医备案', 'version': 3,"
    "  'department': { 'code': 'centre', 'name': '医保中心', 'phone': '87291557',"
    "                  'supervision_phone': null },"
    "  'time_limit': { 'kind': 'on_the_spot', 'text': '即时办结' } }");
  g_autoptr(GError) error = NULL;
  g_autoptr(YbItem) item = yb_item_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (item->region_code, ==, "130133");
  g_assert_cmpstr (item->code, ==, "6-8");
  g_assert_cmpstr (item->category_name, ==, "其他权力");
  g_assert_cmpstr (item->department.code, ==, "centre");
  g_assert_cmpstr (item->department.name, ==, "医保中心");
  g_assert_cmpstr (item->department.phone, ==, "87291557");
  g_assert_null (item->department.supervision_phone);
  g_assert_cmpint (item->time_limit.kind, ==, YB_TIME_LIMIT_ON_THE_SPOT);
  g_assert_cmpint (item->time_limit.days, ==, 0);
  /* Lists are empty, never NULL. */
  g_assert_cmpuint (item->materials->len, ==, 0);
  g_assert_cmpuint (item->material_sets->len, ==, 0);
  g_assert_cmpuint (item->steps->len, ==, 0);
  g_assert_cmpuint (item->phones->len, ==, 0);
  g_assert_cmpuint (item->sub_items->len, ==, 0);
  g_assert_null (item->legal_basis);
}

static void
test_item_errors (void)
{
  {
    g_autoptr(JsonNode) node = parse_json ("{ 'full_name': 'f', 'materials': [] }");
    g_autoptr(GError) error = NULL;
    g_autoptr(YbItem) item = yb_item_from_json (node, &error);

    g_assert_null (item);
    g_assert_error (error, YB_CATALOGUE_ERROR, YB_CATALOGUE_ERROR_ITEM);
    g_assert_cmpstr (error->message, ==, "事项数据不完整：缺少 code、category、name");
  }
  {
    g_autoptr(JsonNode) node = parse_json (
      "{ 'code': '5-1', 'category': 5, 'name': 'n', 'materials': 'none',"
      "  'steps': [ { 'name': 'no id' }, 7 ], 'time_limit': { 'kind': 'soon' },"
      "  'department': { 'name': 'no code' } }");
    g_autoptr(GError) error = NULL;
    g_autoptr(YbItem) item = yb_item_from_json (node, &error);

    g_assert_null (item);
    g_assert_error (error, YB_CATALOGUE_ERROR, YB_CATALOGUE_ERROR_ITEM);
    g_assert_cmpstr (error->message, ==,
                     "事项数据不完整：缺少 steps[0].id、department.code；"
                     "类型或取值不对：category、time_limit.kind、materials、steps[1]");
  }
  {
    /* A broken inline procedure names the paths at fault. */
    g_autoptr(JsonNode) node = parse_json (
      "{ 'code': '5-1', 'category': '5', 'name': 'n',"
      "  'documents': { 'receipt': { 'title': '回执', 'serial_code': '回' } },"
      "  'procedure': { 'initial': 'a', 'states': [ { 'id': 'a', 'name': 'A', 'kind': 'open' } ],"
      "                 'actions': [ { 'id': 'go', 'name': '走', 'from': [ 'a' ], 'to': 'b',"
      "                                'roles': [ 'clerk' ], 'documents': [ 'poster' ] } ] } }");
    g_autoptr(GError) error = NULL;
    g_autoptr(YbItem) item = yb_item_from_json (node, &error);

    g_assert_null (item);
    g_assert_error (error, YB_CATALOGUE_ERROR, YB_CATALOGUE_ERROR_ITEM);
    g_assert_cmpstr (error->message, ==,
                     "事项数据不完整：类型或取值不对：procedure.actions[0].to、"
                     "procedure.actions[0].documents[0]");
  }
  {
    g_autoptr(JsonNode) node = parse_json ("[ 'not an item' ]");
    g_autoptr(GError) error = NULL;
    g_autoptr(YbItem) item = yb_item_from_json (node, &error);

    g_assert_null (item);
    g_assert_error (error, YB_CATALOGUE_ERROR, YB_CATALOGUE_ERROR_ITEM);
  }
}

static void
test_time_limit_kinds (void)
{
  static const struct {
    YbTimeLimitKind kind;
    const char     *text;
  } kinds[] = {
    { YB_TIME_LIMIT_NONE, "none" },
    { YB_TIME_LIMIT_WORKING_DAYS, "working_days" },
    { YB_TIME_LIMIT_CALENDAR_DAYS, "calendar_days" },
    { YB_TIME_LIMIT_ON_THE_SPOT, "on_the_spot" },
  };
  YbTimeLimitKind kind = YB_TIME_LIMIT_ON_THE_SPOT;

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      YbTimeLimitKind back = (YbTimeLimitKind) 99;

      g_assert_cmpstr (yb_time_limit_kind_to_string (kinds[i].kind), ==, kinds[i].text);
      g_assert_true (yb_time_limit_kind_from_string (kinds[i].text, &back));
      g_assert_cmpint (back, ==, kinds[i].kind);
    }
  g_assert_false (yb_time_limit_kind_from_string ("Working_days", &kind));
  g_assert_false (yb_time_limit_kind_from_string ("", &kind));
  g_assert_false (yb_time_limit_kind_from_string (NULL, &kind));
  g_assert_cmpint (kind, ==, YB_TIME_LIMIT_ON_THE_SPOT);

  g_assert_true (yb_role_is_known ("party_group"));
  g_assert_true (yb_role_is_known ("city_viewer"));
  g_assert_false (yb_role_is_known ("Clerk"));
  g_assert_false (yb_role_is_known (NULL));
}

/* ------------------------------------------------------------------------- the real file */

static gboolean
department_exists (YbCatalogue *catalogue,
                   const char  *region_code,
                   const char  *department_code)
{
  GPtrArray *regions = yb_catalogue_get_regions (catalogue);

  for (guint i = 0; i < regions->len; i++)
    {
      YbRegion *region = g_ptr_array_index (regions, i);

      if (!g_str_equal (region->code, region_code))
        continue;
      for (guint j = 0; j < region->departments->len; j++)
        if (g_str_equal (((YbDepartment *) g_ptr_array_index (region->departments, j))->code,
                         department_code))
          return TRUE;
    }
  return FALSE;
}

static void
test_real_catalogue (void)
{
  const char *path = g_getenv ("YB_CATALOGUE_FILE");
  static const struct {
    const char *region;
    guint       items;
  } expected[] = {
    { "130133", 27 },
    { "130130", 25 },
  };
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbCatalogue) catalogue = NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("schema/catalogue/catalogue.json is not in the tree yet");
      return;
    }

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  catalogue = yb_catalogue_parse (contents, (gssize) length, problems, &error);
  print_problems (problems);
  g_assert_no_error (error);
  g_assert_cmpuint (yb_problems_get_len (problems), ==, 0);
  g_assert_nonnull (catalogue);

  g_assert_cmpuint (yb_catalogue_get_categories (catalogue)->len, ==, 6);
  g_assert_cmpuint (yb_catalogue_get_regions (catalogue)->len, ==, 2);

  /* Every item runs as a case: each needs a procedure (named or inline). */
  {
    g_autoptr(JsonNode) root = json_from_string (contents, NULL);
    JsonArray *items = json_object_get_array_member (json_node_get_object (root), "items");
    g_autoptr(GString) missing = g_string_new (NULL);

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);
        JsonObject *regions = json_object_get_object_member (item, "regions");
        g_autoptr(GList) counties = json_object_get_members (regions);
        gboolean all = json_object_has_member (item, "procedure");

        for (GList *l = counties; !all && l != NULL; l = l->next)
          all = json_object_has_member (json_object_get_object_member (regions, l->data), "procedure");
        if (!all)
          g_string_append_printf (missing, "%s%s", missing->len > 0 ? "、" : "",
                                  json_object_get_string_member (item, "code"));
      }
    if (missing->len > 0)
      g_test_message ("items without a procedure: %s", missing->str);
    g_assert_cmpstr (missing->str, ==, "");
  }

  for (gsize r = 0; r < G_N_ELEMENTS (expected); r++)
    {
      g_autoptr(GPtrArray) items = yb_catalogue_resolve_items (catalogue, expected[r].region);

      g_assert_cmpuint (items->len, ==, expected[r].items);
      for (guint i = 0; i < items->len; i++)
        {
          JsonObject *json = json_node_get_object (g_ptr_array_index (items, i));
          const char *code = json_object_get_string_member (json, "code");
          const char *department = json_object_get_string_member (json, "department");
          g_autoptr(YbItem) item = NULL;

          g_test_message ("%s %s", expected[r].region, code);
          g_assert_false (json_object_has_member (json, "regions"));
          g_assert_cmpstr (json_object_get_string_member (json, "legal_basis"), !=, "");
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "steps")), >, 0);
          g_assert_nonnull (department);
          g_assert_true (department_exists (catalogue, expected[r].region, department));

          item = yb_item_from_json (g_ptr_array_index (items, i), &error);
          g_assert_no_error (error);
          g_assert_nonnull (item);
          assert_item_matches (item, json);
          g_assert_cmpstr (item->legal_basis, !=, "");
          g_assert_cmpuint (item->steps->len, >, 0);
          g_assert_nonnull (item->procedure);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  /* g_test_message converts to the locale's charset: make the Chinese readable. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalogue/good/structs", test_good_structs);
  g_test_add_func ("/catalogue/good/resolve", test_good_resolve);
  g_test_add_func ("/catalogue/bad/everything-at-once", test_bad_everything_at_once);
  g_test_add_func ("/catalogue/bad/top-level", test_bad_top_level);
  g_test_add_func ("/catalogue/bad/region-overrides", test_bad_region_overrides);
  g_test_add_func ("/catalogue/bad/procedures", test_bad_procedures);
  g_test_add_func ("/catalogue/bad/not-json", test_not_json);
  g_test_add_func ("/catalogue/bad/problems-as-error", test_problems_as_error);
  g_test_add_func ("/catalogue/item/round-trip", test_item_round_trip_good);
  g_test_add_func ("/catalogue/item/server-shape", test_item_server_shape);
  g_test_add_func ("/catalogue/item/errors", test_item_errors);
  g_test_add_func ("/catalogue/time-limit-kinds", test_time_limit_kinds);
  g_test_add_func ("/catalogue/real-file", test_real_catalogue);

  return g_test_run ();
}
