/* test-problems.c: YbProblems, the list behind every 一次性告知, and its JSON form. */
#define G_LOG_DOMAIN "yibao-test"

#include "yb-problems.h"

#include <gio/gio.h>

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_add_and_len (void)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  const YbProblem *problem;

  g_assert_true (yb_problems_is_empty (problems));
  g_assert_cmpuint (yb_problems_get_len (problems), ==, 0);

  yb_problems_add (problems, "id.checksum", "id_number", "校验位错误，应为 %c", 'X');
  yb_problems_add (problems, "material.missing", NULL, "缺少 %d 份材料：%s", 2, "身份证复印件");

  g_assert_false (yb_problems_is_empty (problems));
  g_assert_cmpuint (yb_problems_get_len (problems), ==, 2);

  problem = yb_problems_get (problems, 0);
  g_assert_cmpstr (problem->code, ==, "id.checksum");
  g_assert_cmpstr (problem->field, ==, "id_number");
  g_assert_cmpstr (problem->message, ==, "校验位错误，应为 X");

  problem = yb_problems_get (problems, 1);
  g_assert_cmpstr (problem->code, ==, "material.missing");
  g_assert_null (problem->field);
  g_assert_cmpstr (problem->message, ==, "缺少 2 份材料：身份证复印件");

  g_assert_true (yb_problems_has_code (problems, "id.checksum"));
  g_assert_true (yb_problems_has_code (problems, "material.missing"));
  g_assert_false (yb_problems_has_code (problems, "id"));
  g_assert_false (yb_problems_has_code (problems, "id.checksum2"));
}

static void
test_ref_and_extend (void)
{
  g_autoptr(YbProblems) a = yb_problems_new ();
  g_autoptr(YbProblems) b = yb_problems_new ();
  YbProblems *extra_ref;

  yb_problems_add (a, "a.one", "f1", "一");
  yb_problems_add (b, "b.one", NULL, "二");
  yb_problems_add (b, "b.two", "f2", "三");

  yb_problems_extend (a, b);
  g_assert_cmpuint (yb_problems_get_len (a), ==, 3);
  g_assert_cmpuint (yb_problems_get_len (b), ==, 2);
  g_assert_cmpstr (yb_problems_get (a, 1)->code, ==, "b.one");
  g_assert_cmpstr (yb_problems_get (a, 2)->field, ==, "f2");
  /* Copies, not shared pointers: b's entries stay b's. */
  g_assert_true (yb_problems_get (a, 2) != yb_problems_get (b, 1));

  /* Extending with itself doubles the list once, it does not loop. */
  yb_problems_extend (b, b);
  g_assert_cmpuint (yb_problems_get_len (b), ==, 4);
  g_assert_cmpstr (yb_problems_get (b, 3)->code, ==, "b.two");

  extra_ref = yb_problems_ref (a);
  g_assert_true (extra_ref == a);
  yb_problems_unref (extra_ref);
  g_assert_cmpuint (yb_problems_get_len (a), ==, 3);
}

static void
test_json_round_trip (void)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbProblems) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonArray *array;
  JsonObject *first;
  JsonObject *second;

  yb_problems_add (problems, "id.checksum", "applicant.id", "身份证号码校验位错误，应为 X");
  yb_problems_add (problems, "request.incomplete", NULL, "缺少“引号”与\\反斜杠\n换行");

  node = yb_problems_to_json (problems);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);

  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "id.checksum");
  g_assert_cmpstr (json_object_get_string_member (first, "field"), ==, "applicant.id");
  g_assert_cmpstr (json_object_get_string_member (first, "message"), ==,
                   "身份证号码校验位错误，应为 X");
  g_assert_cmpuint (json_object_get_size (first), ==, 3);

  /* No field: the member is left out. */
  second = json_array_get_object_element (array, 1);
  g_assert_false (json_object_has_member (second, "field"));
  g_assert_cmpuint (json_object_get_size (second), ==, 2);

  /* Through text and back, as it travels over HTTP. */
  text = json_to_string (node, FALSE);
  {
    g_autoptr(JsonNode) reparsed = parse_json (text);

    back = yb_problems_from_json (reparsed, &error);
  }
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpuint (yb_problems_get_len (back), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const YbProblem *want = yb_problems_get (problems, i);
      const YbProblem *got = yb_problems_get (back, i);

      g_assert_cmpstr (got->code, ==, want->code);
      g_assert_cmpstr (got->field, ==, want->field);
      g_assert_cmpstr (got->message, ==, want->message);
    }
}

static void
test_json_empty (void)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(JsonNode) node = yb_problems_to_json (problems);
  g_autofree char *text = json_to_string (node, FALSE);

  g_assert_cmpstr (text, ==, "[]");
}

static void
test_from_json_null_field (void)
{
  g_autoptr(JsonNode) node = parse_json ("[{\"code\":\"x.y\",\"field\":null,\"message\":\"m\"}]");
  g_autoptr(GError) error = NULL;
  g_autoptr(YbProblems) problems = yb_problems_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (yb_problems_get_len (problems), ==, 1);
  g_assert_cmpstr (yb_problems_get (problems, 0)->code, ==, "x.y");
  g_assert_null (yb_problems_get (problems, 0)->field);
  g_assert_cmpstr (yb_problems_get (problems, 0)->message, ==, "m");
}

static void
test_from_json_bad (void)
{
  const char *bad[] = {
    "{}",
    "[1]",
    "[{\"field\":\"f\",\"message\":\"m\"}]",
    "[{\"code\":\"c\",\"field\":\"f\"}]",
    "[{\"code\":7,\"message\":\"m\"}]",
    "[{\"code\":\"c\",\"field\":3,\"message\":\"m\"}]",
    "[{\"code\":\"c\",\"message\":\"m\"}, \"oops\"]",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse_json (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(YbProblems) problems = yb_problems_from_json (node, &error);

      g_test_message ("refusing %s", bad[i]);
      g_assert_null (problems);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/problems/add-and-len", test_add_and_len);
  g_test_add_func ("/problems/ref-and-extend", test_ref_and_extend);
  g_test_add_func ("/problems/json-round-trip", test_json_round_trip);
  g_test_add_func ("/problems/json-empty", test_json_empty);
  g_test_add_func ("/problems/from-json-null-field", test_from_json_null_field);
  g_test_add_func ("/problems/from-json-bad", test_from_json_bad);

  return g_test_run ();
}
