/* test-forms-stub.c: the pieces of the case screens against the in-process stub server,
 * for what is awkward to get from a real one on cue: each field type's conversion (yuan
 * to fen, integers, dates, choices, switches, staff pickers without the user himself),
 * the materials checklist with alternatives and sets, the headers of a step's request
 * (If-Match with the version seen, the same Idempotency-Key for the same submission and
 * a new one for a changed one), and the list model's keyset pages, an error on a later
 * page and its retry. Runs under Xvfb. */
#include <glib/gi18n.h>

#include "yb-materials.h"
#include "ybc-action-dialog.h"
#include "ybc-case-list-model.h"
#include "ybc-i18n.h"
#include "ybct-stub.h"
#include "ybct-ui.h"

static const char item_json[] =
  "{\"region_code\":\"130133\",\"code\":\"9-9\",\"category\":\"6\",\"name\":\"测试事项\",\"full_name\":\"测试事项\","
  "\"department\":\"center\",\"time_limit\":{\"kind\":\"working_days\",\"days\":5},"
  "\"materials\":["
  "{\"id\":\"form\",\"name\":\"《登记表》\",\"original\":true,\"copy\":false,\"seal\":true,\"copies\":1},"
  "{\"id\":\"identity\",\"name\":\"身份凭证\",\"any_of\":["
  "{\"id\":\"e_cert\",\"name\":\"医保电子凭证\"},{\"id\":\"id_card\",\"name\":\"有效身份证件\"}]},"
  "{\"id\":\"extra\",\"name\":\"补充材料\",\"original\":false,\"copy\":true,\"seal\":false,\"copies\":2}],"
  "\"material_sets\":[{\"id\":\"a\",\"name\":\"情形甲\",\"materials\":[\"form\",\"identity\"]},"
  "{\"id\":\"b\",\"name\":\"情形乙\",\"materials\":[\"identity\",\"extra\"]}],"
  "\"procedure\":{\"initial\":\"submitted\","
  "\"states\":[{\"id\":\"submitted\",\"name\":\"待受理\",\"kind\":\"open\"},"
  "{\"id\":\"waiting\",\"name\":\"待补正\",\"kind\":\"waiting\"},"
  "{\"id\":\"accepted\",\"name\":\"已受理\",\"kind\":\"open\"},"
  "{\"id\":\"inspected\",\"name\":\"已检查\",\"kind\":\"closed\"}],"
  "\"actions\":["
  "{\"id\":\"notify\",\"name\":\"一次性告知补正\",\"from\":[\"submitted\",\"waiting\"],\"to\":\"waiting\","
  "\"roles\":[\"clerk\"],\"materials\":\"incomplete\",\"fields\":["
  "{\"id\":\"applicant_name\",\"name\":\"姓名\",\"type\":\"text\",\"required\":true,\"max\":64},"
  "{\"id\":\"amount\",\"name\":\"申报金额\",\"type\":\"money\",\"required\":false,\"min\":0},"
  "{\"id\":\"babies\",\"name\":\"胎数\",\"type\":\"integer\",\"required\":false,\"min\":1,\"max\":9},"
  "{\"id\":\"event_on\",\"name\":\"发生日期\",\"type\":\"date\",\"required\":false,\"not_after\":\"today\"},"
  "{\"id\":\"kind\",\"name\":\"类别\",\"type\":\"choice\",\"required\":true,\"options\":[\"甲\",\"乙\"]},"
  "{\"id\":\"checked\",\"name\":\"已核对\",\"type\":\"boolean\",\"required\":false}]},"
  "{\"id\":\"accept\",\"name\":\"受理\",\"from\":[\"submitted\",\"waiting\"],\"to\":\"accepted\","
  "\"roles\":[\"clerk\"],\"materials\":\"complete\",\"reason\":\"optional\"},"
  "{\"id\":\"inspect\",\"name\":\"现场检查\",\"from\":[\"accepted\"],\"to\":\"inspected\",\"roles\":[\"inspector\"],"
  "\"officers\":2,\"fields\":[{\"id\":\"second_officer\",\"name\":\"第二执法人员\",\"type\":\"user\",\"required\":true}]}]}}";

static const char case_json[] =
  "{\"id\":7,\"case_no\":\"赵2026-000007\",\"region_code\":\"130133\",\"version\":3,"
  "\"item\":{\"code\":\"9-9\",\"name\":\"测试事项\"},\"state\":\"%s\",\"state_name\":\"%s\",\"state_kind\":\"open\","
  "\"party\":{\"kind\":\"person\",\"name\":\"张三\",\"id_number\":\"11010519491231002X\"},"
  "\"started_on\":\"2026-01-05\",\"material_set\":\"a\",\"fields\":{},\"materials\":[],"
  "\"options\":[{\"action\":\"accept\",\"name\":\"受理\",\"allowed\":true,\"blocked_by\":[]}]}";

/* ------------------------------------------------------------------------- helpers */

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static YbcCase *
make_case (const char *state,
           const char *state_name)
{
  g_autofree char *text = g_strdup_printf (case_json, state, state_name);
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(GError) error = NULL;
  YbcCase *kase = ybc_case_from_json (node, &error);

  g_assert_no_error (error);
  return kase;
}

static YbcUser *
make_user (gint64      id,
           const char *role)
{
  g_autofree char *text = g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"username\":\"u%" G_GINT64_FORMAT "\","
                                           "\"region_code\":\"130133\",\"roles\":[\"%s\"]}", id, id, role);
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(GError) error = NULL;
  YbcUser *user = ybc_user_from_json (node, &error);

  g_assert_no_error (error);
  return user;
}

static YbcActionDialog *
open_dialog (YbcApi        *api,
             const YbcUser *user,
             YbcCase       *kase,
             const char    *action)
{
  g_autoptr(JsonNode) item = parse (item_json);
  g_autoptr(GError) error = NULL;
  YbcActionDialog *dialog = ybc_action_dialog_new (NULL, api, user, kase, item, action, &error);

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
type_into (YbcFieldEditor *editor,
           const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (ybc_field_editor_get_input (editor)), text);
}

static guint
count_requests (YbctStub   *stub,
                const char *method,
                const char *path)
{
  GPtrArray *requests = ybct_stub_get_requests (stub);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      const YbctRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, method) && g_str_equal (request->path, path))
        n++;
    }
  return n;
}

/* ------------------------------------------------------------------------- tests */

static void
test_field_types (void)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  g_autoptr(YbcApi) api = ybc_api_new (ybct_stub_get_url (stub));
  g_autoptr(YbcUser) user = make_user (1, "clerk");
  g_autoptr(YbcCase) kase = make_case ("submitted", "待受理");
  YbcActionDialog *dialog = open_dialog (api, user, kase, "notify");
  YbcFieldEditor *editor;
  g_autoptr(JsonNode) value = NULL;

  /* Money: yuan as typed, fen as sent; more than two decimals is refused here. */
  editor = ybc_action_dialog_get_editor (dialog, "amount");
  type_into (editor, "1,234.50");
  value = ybc_field_editor_dup_value (editor);
  g_assert_cmpint (json_node_get_int (value), ==, 123450);
  g_clear_pointer (&value, json_node_unref);
  type_into (editor, "12.345");
  g_assert_null (ybc_field_editor_dup_value (editor));
  g_assert_nonnull (ybc_field_editor_get_parse_error (editor));
  g_assert_nonnull (strstr (ybc_field_editor_get_message (editor), "申报金额"));
  value = json_node_init_int (json_node_alloc (), 5000);
  ybc_field_editor_set_value (editor, value);
  g_clear_pointer (&value, json_node_unref);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ybc_field_editor_get_input (editor))), ==, "50.00");

  /* Integer, and the engine's range check at the field once typed in. */
  editor = ybc_action_dialog_get_editor (dialog, "babies");
  type_into (editor, "x");
  g_assert_nonnull (ybc_field_editor_get_parse_error (editor));
  type_into (editor, "12");
  value = ybc_field_editor_dup_value (editor);
  g_assert_cmpint (json_node_get_int (value), ==, 12);
  g_clear_pointer (&value, json_node_unref);
  g_assert_nonnull (ybc_field_editor_get_message (editor));      /* 1–9 */
  type_into (editor, "2");
  g_assert_null (ybc_field_editor_get_message (editor));

  /* Dates are checked by the engine: strict YYYY-MM-DD, not after today. */
  editor = ybc_action_dialog_get_editor (dialog, "event_on");
  type_into (editor, "2026-02-30");
  g_assert_nonnull (strstr (ybc_field_editor_get_message (editor), "不是有效日期"));
  type_into (editor, "2999-01-01");
  g_assert_nonnull (strstr (ybc_field_editor_get_message (editor), "晚于今天"));
  type_into (editor, "2020-01-01");
  g_assert_null (ybc_field_editor_get_message (editor));

  /* Choice and switch. */
  editor = ybc_action_dialog_get_editor (dialog, "kind");
  g_assert_null (ybc_field_editor_dup_value (editor));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ybc_field_editor_get_input (editor)), 2);
  value = ybc_field_editor_dup_value (editor);
  g_assert_cmpstr (json_node_get_string (value), ==, "乙");
  g_clear_pointer (&value, json_node_unref);
  editor = ybc_action_dialog_get_editor (dialog, "checked");
  gtk_switch_set_active (GTK_SWITCH (ybc_field_editor_get_input (editor)), TRUE);
  value = ybc_field_editor_dup_value (editor);
  g_assert_true (json_node_get_boolean (value));
  g_clear_pointer (&value, json_node_unref);

  /* The party fills the applicant's name. */
  editor = ybc_action_dialog_get_editor (dialog, "applicant_name");
  value = ybc_field_editor_dup_value (editor);
  g_assert_cmpstr (json_node_get_string (value), ==, "张三");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_second_officer (void)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  g_autoptr(YbcApi) api = ybc_api_new (ybct_stub_get_url (stub));
  g_autoptr(YbcUser) user = make_user (4, "inspector");
  g_autoptr(YbcCase) kase = make_case ("accepted", "已受理");
  YbcActionDialog *dialog;
  YbcFieldEditor *editor;
  GListModel *names;
  g_autoptr(JsonNode) value = NULL;

  ybct_stub_set (stub, "GET", "/api/v1/users?role=inspector", 200, "application/json",
                 "{\"items\":[{\"id\":4,\"username\":\"u4\",\"display_name\":\"张志强\",\"department\":\"基金监管和财务科\",\"roles\":[\"inspector\"]},"
                 "{\"id\":5,\"username\":\"u5\",\"display_name\":\"李文博\",\"department\":\"基金监管和财务科\",\"roles\":[\"inspector\"]},"
                 "{\"id\":6,\"username\":\"u6\",\"display_name\":\"王强\",\"roles\":[\"inspector\",\"chief\"]}]}", NULL);
  dialog = open_dialog (api, user, kase, "inspect");
  editor = ybc_action_dialog_get_editor (dialog, "second_officer");
  YBCT_WAIT_FOR (gtk_widget_get_sensitive (ybc_field_editor_get_input (editor)), 20);

  /* Everyone holding the step's role but the user himself. */
  names = gtk_drop_down_get_model (GTK_DROP_DOWN (ybc_field_editor_get_input (editor)));
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), ==, "李文博（基金监管和财务科）");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 2), ==, "王强");
  g_assert_null (ybc_field_editor_dup_value (editor));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ybc_field_editor_get_input (editor)), 2);
  value = ybc_field_editor_dup_value (editor);
  g_assert_cmpint (json_node_get_int (value), ==, 6);
  /* No materials for this step. */
  g_assert_null (ybc_action_dialog_get_checklist (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static const char *
entry_id (JsonArray *array,
          guint      i)
{
  return json_object_get_string_member (json_array_get_object_element (array, i), "id");
}

static void
test_checklist (void)
{
  g_autoptr(JsonNode) node = parse (item_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(YbItem) item = yb_item_from_json (node, &error);
  YbcMaterialsChecklist *checklist;
  g_autoptr(JsonArray) submitted = NULL;
  g_autoptr(YbProblems) problems = yb_problems_new ();

  g_assert_no_error (error);
  checklist = YBC_MATERIALS_CHECKLIST (g_object_ref_sink (ybc_materials_checklist_new (item)));
  /* No set chosen: nothing to tick yet. */
  g_assert_cmpuint (ybc_materials_checklist_get_n_materials (checklist), ==, 0);

  ybc_materials_checklist_set_material_set (checklist, "a");
  g_assert_cmpuint (ybc_materials_checklist_get_n_materials (checklist), ==, 2);
  /* Ticking a material starts from what it asks for (the original), the seal unticked. */
  g_assert_true (ybc_materials_checklist_set_entry (checklist, "form", TRUE, TRUE, FALSE, FALSE, 1));
  /* An alternative is chosen by its own id. */
  g_assert_true (ybc_materials_checklist_set_entry (checklist, "id_card", TRUE, TRUE, FALSE, FALSE, 1));
  submitted = ybc_materials_checklist_dup_submitted (checklist);
  g_assert_cmpuint (json_array_get_length (submitted), ==, 2);
  g_assert_cmpstr (entry_id (submitted, 0), ==, "form");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (submitted, 0), "sealed"));
  g_assert_cmpstr (entry_id (submitted, 1), ==, "id_card");

  /* The engine's problems land under their materials. */
  yb_materials_check (item, "a", submitted, problems);
  g_assert_cmpuint (ybc_materials_checklist_set_problems (checklist, problems), ==, 1);
  g_assert_nonnull (strstr (ybc_materials_checklist_get_message (checklist, "form"), "须加盖单位公章"));
  g_assert_cmpstr (ybc_materials_checklist_get_message (checklist, "identity"), ==, "");
  g_clear_pointer (&submitted, json_array_unref);

  /* Another set: what both share stays ticked. */
  ybc_materials_checklist_set_material_set (checklist, "b");
  submitted = ybc_materials_checklist_dup_submitted (checklist);
  g_assert_cmpuint (json_array_get_length (submitted), ==, 1);
  g_assert_cmpstr (entry_id (submitted, 0), ==, "id_card");
  g_assert_null (ybc_materials_checklist_get_message (checklist, "form"));
  g_clear_pointer (&submitted, json_array_unref);

  /* "Not handed in" for the alternatives. */
  g_assert_true (ybc_materials_checklist_set_entry (checklist, "identity", FALSE, FALSE, FALSE, FALSE, 0));
  submitted = ybc_materials_checklist_dup_submitted (checklist);
  g_assert_cmpuint (json_array_get_length (submitted), ==, 0);

  g_object_unref (checklist);
}

static void
test_step_request (void)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  g_autoptr(YbcApi) api = ybc_api_new (ybct_stub_get_url (stub));
  g_autoptr(YbcUser) user = make_user (1, "clerk");
  g_autoptr(YbcCase) kase = make_case ("submitted", "待受理");
  g_autofree char *accepted = g_strdup_printf (case_json, "accepted", "已受理");
  const char *path = "/api/v1/cases/7/actions/accept";
  YbcActionDialog *dialog;
  const YbctRequest *request;
  g_autofree char *first_key = NULL;
  g_autofree char *banner = NULL;

  ybct_stub_set (stub, "POST", path, 400, "application/problem+json",
                 "{\"title\":\"无法执行“accept”\",\"status\":400,\"errors\":["
                 "{\"code\":\"material.missing\",\"field\":\"form\",\"message\":\"缺少《登记表》\"},"
                 "{\"code\":\"x.other\",\"message\":\"另有一个问题\"}]}", NULL);
  dialog = open_dialog (api, user, kase, "accept");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ybc_action_dialog_set_reason (dialog, "核对无误");

  ybc_action_dialog_submit (dialog);
  YBCT_WAIT_FOR (!ybc_action_dialog_get_busy (dialog), 20);
  request = ybct_stub_find_last (stub, "POST", path);
  g_assert_cmpstr (request->if_match, ==, "\"3\"");
  g_assert_nonnull (request->idempotency_key);
  g_assert_nonnull (strstr (request->body, "\"reason\":\"核对无误\""));
  g_assert_nonnull (strstr (request->body, "\"material_set\":\"a\""));
  first_key = g_strdup (request->idempotency_key);
  /* Every problem on top, in our words; the material's also at the material. */
  banner = ybc_action_dialog_dup_banner_text (dialog);
  g_assert_nonnull (strstr (banner, "“受理”未能办理"));
  g_assert_nonnull (strstr (banner, "1. 缺少《登记表》"));
  g_assert_nonnull (strstr (banner, "2. 另有一个问题"));
  g_assert_nonnull (strstr (ybc_materials_checklist_get_message (ybc_action_dialog_get_checklist (dialog), "form"),
                            "缺少《登记表》"));

  /* The same submission again keeps its key; a changed one gets a new key. */
  ybc_action_dialog_submit (dialog);
  YBCT_WAIT_FOR (!ybc_action_dialog_get_busy (dialog), 20);
  g_assert_cmpstr (ybct_stub_find_last (stub, "POST", path)->idempotency_key, ==, first_key);
  ybc_action_dialog_set_reason (dialog, "核对无误，予以受理");
  ybct_stub_set (stub, "POST", path, 200, "application/json", accepted, NULL);
  ybc_action_dialog_submit (dialog);
  /* Done: the dialog closes itself. */
  YBCT_WAIT_FOR (dialog == NULL, 20);
  g_assert_cmpuint (count_requests (stub, "POST", path), ==, 3);
  g_assert_cmpstr (ybct_stub_find_last (stub, "POST", path)->idempotency_key, !=, first_key);
  g_assert_nonnull (ybct_stub_find_last (stub, "POST", path)->idempotency_key);
}

static const char page_one[] =
  "{\"items\":[{\"id\":1,\"case_no\":\"赵2026-000001\",\"item_code\":\"5-2\",\"due_on\":\"2026-01-05\",\"due_status\":\"overdue\",\"working_days_left\":-3},"
  "{\"id\":2,\"case_no\":\"赵2026-000002\",\"item_code\":\"5-2\",\"due_on\":null,\"due_status\":\"none\"}],"
  "\"next\":\"2026-01-06~2\"}";
static const char page_two[] =
  "{\"items\":[{\"id\":3,\"case_no\":\"赵2026-000003\",\"item_code\":\"6-1\"}],\"next\":null}";

static void
test_list_pages (void)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  g_autoptr(YbcApi) api = ybc_api_new (ybct_stub_get_url (stub));
  g_autoptr(YbcCaseListModel) model = ybc_case_list_model_new (api, 2);
  YbcCaseQuery query = { .scope = "mine", .sort = "due", .state_kind = "active" };
  const char *first = "/api/v1/cases?scope=mine&sort=due&state_kind=active&limit=2";
  const char *second = "/api/v1/cases?scope=mine&sort=due&state_kind=active&limit=2&after=2026-01-06~2";
  g_autoptr(YbcCaseSummary) row = NULL;

  ybct_stub_set (stub, "GET", first, 200, "application/json", page_one, NULL);
  ybct_stub_set (stub, "GET", second, 200, "application/json", page_two, NULL);
  ybct_stub_set_once (stub, "GET", second, 503, "application/problem+json", "{\"title\":\"数据库暂不可用\",\"status\":503}");

  ybc_case_list_model_set_query (model, &query);
  g_assert_true (ybc_case_list_model_get_loading (model));
  YBCT_WAIT_FOR (!ybc_case_list_model_get_loading (model), 20);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_true (ybc_case_list_model_get_has_more (model));
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (ybc_case_summary_get_due_status (row), ==, "overdue");
  g_assert_cmpint (ybc_case_summary_get_working_days_left (row), ==, -3);

  /* The next page fails: the rows stay, the error is said, scrolling does not retry. */
  g_assert_true (ybc_case_list_model_load_more (model));
  g_assert_false (ybc_case_list_model_load_more (model));      /* one at a time */
  YBCT_WAIT_FOR (!ybc_case_list_model_get_loading (model), 20);
  g_assert_nonnull (ybc_case_list_model_get_error (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_false (ybc_case_list_model_load_more (model));

  /* Retry asks for the same page again, with the same cursor. */
  ybc_case_list_model_retry (model);
  YBCT_WAIT_FOR (!ybc_case_list_model_get_loading (model), 20);
  g_assert_null (ybc_case_list_model_get_error (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_false (ybc_case_list_model_get_has_more (model));
  g_assert_false (ybc_case_list_model_load_more (model));
  g_assert_cmpuint (count_requests (stub, "GET", second), ==, 2);
  g_assert_cmpuint (ybc_case_list_model_get_n_pages (model), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  ybc_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  /* The templates and styles of the client come from its resources. */
  g_type_ensure (YBC_TYPE_ACTION_DIALOG);

  g_test_add_func ("/client/forms/field-types", test_field_types);
  g_test_add_func ("/client/forms/second-officer", test_second_officer);
  g_test_add_func ("/client/forms/checklist", test_checklist);
  g_test_add_func ("/client/forms/step-request", test_step_request);
  g_test_add_func ("/client/forms/list-pages", test_list_pages);
  return g_test_run ();
}
