/* test-cases-server.c: the case screens against a real yibao-server and PostgreSQL
 * (tests/server/ybt-fixture), driving the real widgets under Xvfb:
 *   - a clerk creates a 5-2 case from the item's page (the party checked as typed),
 *     ticks the materials incompletely: the notice preview lists exactly the gaps, the
 *     same list the server then prints; the case shows 待补正 and a 一次性告知书 that
 *     renders; the materials completed, the case is accepted with a due date;
 *   - the server's field problems are shown at their fields and in the list on top,
 *     and nothing typed is lost;
 *   - a case changed behind the client's back: the 412 is shown in the form, the case
 *     is reloaded and the step can then be taken;
 *   - the work queue pages as it scrolls and sorts by the clicked header; a chief's
 *     approvals inbox lists a step waiting for a chief, and opens it.
 * Every wait iterates the main context with a deadline; nothing sleeps. */
#include <glib/gi18n.h>

#include "ybc-case-queue.h"
#include "ybc-case-view.h"
#include "ybc-i18n.h"
#include "ybct-ui.h"
#include "ybt-fixture.h"

#define MAIN YBC_TYPE_MAIN_WINDOW
#define DIALOG YBC_TYPE_ACTION_DIALOG
#define NEW_CASE YBC_TYPE_NEW_CASE_DIALOG
#define VIEW YBC_TYPE_CASE_VIEW
#define QUEUE YBC_TYPE_CASE_QUEUE

static YbtFixture *fixture;

/* ------------------------------------------------------------------------- a second session */

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static YbcApi *
api_login (const char *username)
{
  YbcApi *api = ybc_api_new (ybt_fixture_get_base_url (fixture));
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbcUser) user = NULL;

  ybc_api_login_async (api, username, ybt_fixture_get_password (fixture, username), NULL, on_result, &result);
  YBCT_WAIT_FOR (result != NULL, 30);
  user = ybc_api_login_finish (api, result, &error);
  g_assert_no_error (error);
  g_object_unref (result);
  return api;
}

static YbcCase *
api_create (YbcApi     *api,
            const char *item,
            const char *material_set,
            const char *party_json)
{
  g_autoptr(JsonNode) party = json_from_string (party_json, NULL);
  g_autofree char *key = ybc_api_new_idempotency_key ();
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  YbcCase *kase;

  ybc_api_create_case_async (api, item, material_set, json_node_get_object (party), key, NULL, on_result, &result);
  YBCT_WAIT_FOR (result != NULL, 30);
  kase = ybc_api_create_case_finish (api, result, &error);
  g_assert_no_error (error);
  g_object_unref (result);
  return kase;
}

static YbcCase *
api_action (YbcApi     *api,
            YbcCase    *kase,
            const char *action,
            const char *input_json)
{
  g_autoptr(JsonNode) input = json_from_string (input_json, NULL);
  g_autofree char *key = ybc_api_new_idempotency_key ();
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  YbcCase *updated;

  ybc_api_case_action_async (api, kase->id, action, kase->version, json_node_get_object (input), key, NULL,
                             on_result, &result);
  YBCT_WAIT_FOR (result != NULL, 30);
  updated = ybc_api_case_action_finish (api, result, &error);
  g_assert_no_error (error);
  g_object_unref (result);
  return updated;
}

/* ------------------------------------------------------------------------- helpers */

/* The shown toplevel of @type, or NULL. */
static gpointer
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
wait_case (YbcCaseView *view,
           const char  *state)
{
  YBCT_WAIT_FOR (ybc_case_view_get_state (view) == YBC_CASE_VIEW_LOADED
                 && ybc_case_view_get_item_ready (view)
                 && g_strcmp0 (ybc_case_view_get_case (view)->state, state) == 0, 30);
}

/* Presses the step's button in the case view, as the clerk does. */
static YbcActionDialog *
open_step (YbcCaseView *view,
           const char  *action)
{
  GtkWidget *button = ybc_case_view_get_action_button (view, action);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  YBCT_WAIT_FOR (find_window (DIALOG) != NULL, 10);
  return find_window (DIALOG);
}

static void
type_field (YbcActionDialog *dialog,
            const char      *field,
            const char      *text)
{
  YbcFieldEditor *editor = ybc_action_dialog_get_editor (dialog, field);

  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (ybc_field_editor_get_input (editor)), text);
}

static void
choose_field (YbcActionDialog *dialog,
              const char      *field,
              const char      *option)
{
  YbcFieldEditor *editor = ybc_action_dialog_get_editor (dialog, field);
  const YbField *definition = ybc_field_editor_get_field (editor);

  for (guint i = 0; definition->options[i] != NULL; i++)
    if (g_str_equal (definition->options[i], option))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (ybc_field_editor_get_input (editor)), i + 1);
        return;
      }
  g_error ("field %s has no option %s", field, option);
}

static char *
joined_lines (GStrv lines)
{
  return g_strjoinv ("\n", lines);
}

static gboolean
has_document (YbcCase    *kase,
              const char *kind,
              const char *title)
{
  for (guint i = 0; i < json_array_get_length (kase->documents); i++)
    {
      JsonObject *document = json_array_get_object_element (kase->documents, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (document, "kind", ""), kind) == 0
          && g_strcmp0 (json_object_get_string_member_with_default (document, "title", ""), title) == 0)
        return TRUE;
    }
  return FALSE;
}

static gint64
document_id (YbcCase    *kase,
             const char *kind)
{
  for (guint i = 0; i < json_array_get_length (kase->documents); i++)
    {
      JsonObject *document = json_array_get_object_element (kase->documents, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (document, "kind", ""), kind) == 0)
        return json_object_get_int_member (document, "id");
    }
  return 0;
}

/* ------------------------------------------------------------------------- tests */

static void
test_window_flow (YbcApplication *app,
                  gconstpointer   data)
{
  YbcMainWindow *window;
  YbcNewCaseDialog *new_case;
  YbcCaseView *view;
  YbcActionDialog *dialog;
  YbcMaterialsChecklist *checklist;
  YbcDocumentWindow *document;
  YbcCase *kase;
  GtkWidget *id_entry;
  GtkLabel *id_error;
  g_auto(GStrv) preview = NULL;
  g_autofree char *preview_text = NULL;
  g_autofree char *notice_text = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(YbProblems) notice = NULL;

  window = ybct_login (app, ybt_fixture_get_base_url (fixture),
                       "clerk_zx", ybt_fixture_get_password (fixture, "clerk_zx"));
  view = ybct_child (window, MAIN, "case_view");

  /* From the item's page, Ctrl+N (the action it is bound to). */
  g_assert_true (ybc_main_window_select_item (window, "5-2"));
  YBCT_WAIT_FOR (g_action_get_enabled (g_action_map_lookup_action (G_ACTION_MAP (window), "new-case")), 30);
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-case", NULL);
  YBCT_WAIT_FOR (find_window (NEW_CASE) != NULL, 10);
  new_case = find_window (NEW_CASE);

  /* The party is checked as it is typed: a wrong check digit is said at once. */
  gtk_editable_set_text (ybct_child (new_case, NEW_CASE, "name_entry"), "张三");
  id_entry = ybct_child (new_case, NEW_CASE, "id_entry");
  id_error = ybct_child (new_case, NEW_CASE, "id_error");
  gtk_editable_set_text (GTK_EDITABLE (id_entry), "110105194912310021");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (id_error)));
  g_test_message ("ID message: %s", gtk_label_get_text (id_error));
  g_assert_nonnull (strstr (gtk_label_get_text (id_error), "校验"));
  gtk_editable_set_text (GTK_EDITABLE (id_entry), "11010519491231002X");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (id_error)));
  gtk_editable_set_text (ybct_child (new_case, NEW_CASE, "phone_entry"), "13800138000");
  g_assert_true (ybc_new_case_dialog_choose_material_set (new_case, "in_service"));
  /* Enter in a field presses Create (the default widget): the entry's text part is what
   * gets the key. */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (id_entry)), "activate");

  YBCT_WAIT_FOR (find_window (NEW_CASE) == NULL
                 || gtk_revealer_get_reveal_child (ybct_child (new_case, NEW_CASE, "banner_revealer")), 30);
  if (find_window (NEW_CASE) != NULL)
    g_error ("the case was not created: %s",
             gtk_label_get_text (ybct_child (new_case, NEW_CASE, "banner_label")));
  wait_case (view, "submitted");
  g_assert_cmpstr (ybc_main_window_get_view (window), ==, "case");
  kase = ybc_case_view_get_case (view);
  g_assert_cmpstr (kase->state_name, ==, "待受理");
  g_assert_cmpstr (kase->party_name, ==, "张三");
  g_assert_cmpstr (kase->material_set, ==, "in_service");

  /* The one-time notice: the form is prefilled from the party; the materials ticked
   * incompletely, and the preview lists exactly what is missing. */
  dialog = open_step (view, "notify_incomplete");
  checklist = ybc_action_dialog_get_checklist (dialog);
  g_assert_cmpuint (ybc_materials_checklist_get_n_materials (checklist), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ybc_field_editor_get_input (ybc_action_dialog_get_editor (dialog, "applicant_id")))),
                   ==, "11010519491231002X");
  choose_field (dialog, "registration_type", "增加");
  preview = ybc_action_dialog_dup_notice_lines (dialog);
  g_assert_cmpuint (g_strv_length (preview), ==, 2);     /* nothing handed in yet */
  g_clear_pointer (&preview, g_strfreev);
  g_assert_true (ybc_materials_checklist_set_entry (checklist, "reg_form", TRUE, TRUE, FALSE, FALSE, 1));
  preview = ybc_action_dialog_dup_notice_lines (dialog);
  preview_text = joined_lines (preview);
  g_test_message ("preview:\n%s", preview_text);
  g_assert_cmpstr (preview_text, ==,
                   "1. 《职工基本医疗保险参保登记表》须加盖单位公章\n"
                   "2. 缺少参保人员有效身份证件复印件");
  /* Each gap under its material too. */
  g_assert_cmpstr (ybc_materials_checklist_get_message (checklist, "reg_form"), ==,
                   "《职工基本医疗保险参保登记表》须加盖单位公章");
  g_assert_cmpstr (ybc_materials_checklist_get_message (checklist, "id_copy"), ==,
                   "缺少参保人员有效身份证件复印件");

  ybc_action_dialog_submit (dialog);
  YBCT_WAIT_FOR (find_window (DIALOG) == NULL, 30);
  wait_case (view, "awaiting_correction");
  kase = ybc_case_view_get_case (view);
  g_assert_cmpstr (kase->state_name, ==, "待补正");
  g_assert_true (has_document (kase, "one_time_notice", "一次性告知书"));
  /* What the server put on the notice is what the preview said. */
  g_assert_nonnull (kase->last_notice);
  notice = yb_problems_from_json (json_object_get_member (kase->last_notice, "problems"), NULL);
  {
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint i = 0; i < yb_problems_get_len (notice); i++)
      g_string_append_printf (text, "%s%u. %s", i ? "\n" : "", i + 1, yb_problems_get (notice, i)->message);
    notice_text = g_string_free (g_steal_pointer (&text), FALSE);
  }
  g_assert_cmpstr (notice_text, ==, preview_text);
  shown = ybct_visible_text (GTK_WIDGET (view));
  g_assert_nonnull (strstr (shown, "待补正"));
  g_assert_nonnull (strstr (shown, "一次性告知书"));
  g_assert_nonnull (strstr (shown, "缺少参保人员有效身份证件复印件"));   /* the timeline */
  g_clear_pointer (&shown, g_free);

  /* The notice itself, drawn from the server's PDF. */
  document = ybc_case_view_open_document (view, document_id (kase, "one_time_notice"));
  g_assert_nonnull (document);
  YBCT_WAIT_FOR (ybc_document_window_get_n_pages (document) > 0 || ybc_document_window_get_error (document) != NULL, 30);
  g_assert_null (ybc_document_window_get_error (document));
  gtk_window_destroy (GTK_WINDOW (document));

  /* The applicant comes back with everything: the form starts from what was handed in. */
  dialog = open_step (view, "accept");
  checklist = ybc_action_dialog_get_checklist (dialog);
  g_assert_cmpstr (ybc_materials_checklist_get_message (checklist, "reg_form"), ==,
                   "《职工基本医疗保险参保登记表》须加盖单位公章");
  g_assert_true (ybc_materials_checklist_set_entry (checklist, "reg_form", TRUE, TRUE, FALSE, TRUE, 1));
  g_assert_true (ybc_materials_checklist_set_entry (checklist, "id_copy", TRUE, FALSE, TRUE, FALSE, 1));
  g_clear_pointer (&preview, g_strfreev);
  preview = ybc_action_dialog_dup_notice_lines (dialog);
  g_assert_cmpuint (g_strv_length (preview), ==, 0);
  ybc_action_dialog_submit (dialog);
  YBCT_WAIT_FOR (find_window (DIALOG) == NULL, 30);
  wait_case (view, "accepted");
  kase = ybc_case_view_get_case (view);
  g_assert_cmpstr (kase->state_name, ==, "已受理");
  g_assert_nonnull (kase->due_on);
  g_assert_cmpstr (kase->due_status, !=, "none");
  g_assert_true (has_document (kase, "acceptance_notice", "受理通知书"));
  g_assert_true (gtk_widget_get_visible (ybct_child (view, VIEW, "due_badge")));
  g_assert_true (gtk_widget_has_css_class (ybct_child (view, VIEW, "due_badge"), kase->due_status));
  shown = ybct_visible_text (GTK_WIDGET (view));
  g_assert_nonnull (strstr (shown, kase->due_on));
  g_assert_nonnull (strstr (shown, "办理时限"));
  /* The one who accepted may not also review (distinct person): disabled, with why. */
  {
    GtkWidget *review = ybc_case_view_get_action_button (view, "review");

    g_assert_nonnull (review);
    g_assert_false (gtk_widget_get_sensitive (review));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (review), "另一人"));
  }
}

static void
test_server_problems (YbcApplication *app,
                      gconstpointer   data)
{
  g_autoptr(YbcApi) api = api_login ("clerk_zx");
  g_autoptr(YbcCase) created = api_create (api, "5-2", "in_service",
                                           "{\"kind\":\"person\",\"name\":\"李四\",\"id_number\":\"11010519491231002X\"}");
  YbcMainWindow *window;
  YbcCaseView *view;
  YbcActionDialog *dialog;
  YbcFieldEditor *editor;
  g_autofree char *banner = NULL;

  window = ybct_login (app, ybt_fixture_get_base_url (fixture),
                       "clerk_zx", ybt_fixture_get_password (fixture, "clerk_zx"));
  view = ybct_child (window, MAIN, "case_view");
  ybc_main_window_open_case (window, created->id);
  wait_case (view, "submitted");

  /* Accept with a wrong ID number, no registration type and nothing handed in. */
  dialog = open_step (view, "accept");
  type_field (dialog, "applicant_id", "110105194912310021");
  editor = ybc_action_dialog_get_editor (dialog, "applicant_id");
  /* Typed in: its problem is shown before any submission. */
  g_assert_nonnull (ybc_field_editor_get_message (editor));
  ybc_action_dialog_submit (dialog);
  YBCT_WAIT_FOR (!ybc_action_dialog_get_busy (dialog), 30);

  banner = ybc_action_dialog_dup_banner_text (dialog);
  g_test_message ("banner: %s", banner);
  g_assert_nonnull (strstr (banner, "1. "));
  g_assert_nonnull (strstr (banner, "登记类型"));
  g_assert_nonnull (strstr (banner, "参保人员有效身份证件复印件"));
  /* At the fields and materials, too; what was typed is still there. */
  g_assert_nonnull (strstr (ybc_field_editor_get_message (ybc_action_dialog_get_editor (dialog, "registration_type")),
                            "登记类型"));
  g_assert_nonnull (ybc_field_editor_get_message (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ybc_field_editor_get_input (editor))), ==,
                   "110105194912310021");
  g_assert_cmpstr (ybc_materials_checklist_get_message (ybc_action_dialog_get_checklist (dialog), "id_copy"), !=, "");
  /* Still open, the case unchanged. */
  g_assert_true (find_window (DIALOG) == dialog);
  g_assert_cmpint (ybc_case_view_get_case (view)->version, ==, created->version);
}

static void
test_stale_version (YbcApplication *app,
                    gconstpointer   data)
{
  g_autoptr(YbcApi) other = api_login ("clerk2_zx");
  g_autoptr(YbcCase) created = api_create (other, "5-2", "in_service",
                                           "{\"kind\":\"person\",\"name\":\"王五\",\"id_number\":\"11010519491231002X\"}");
  g_autoptr(YbcCase) changed = NULL;
  YbcMainWindow *window;
  YbcCaseView *view;
  YbcActionDialog *dialog;
  g_autofree char *banner = NULL;

  window = ybct_login (app, ybt_fixture_get_base_url (fixture),
                       "clerk_zx", ybt_fixture_get_password (fixture, "clerk_zx"));
  view = ybct_child (window, MAIN, "case_view");
  ybc_main_window_open_case (window, created->id);
  wait_case (view, "submitted");
  g_assert_cmpint (ybc_case_view_get_case (view)->version, ==, 1);

  dialog = open_step (view, "refuse");
  ybc_action_dialog_set_reason (dialog, "申请人不属于本县参保范围");

  /* Someone else acts on the case meanwhile. */
  changed = api_action (other, created, "notify_incomplete", "{\"material_set\":\"in_service\",\"materials\":[]}");
  g_assert_cmpint (changed->version, ==, 2);

  ybc_action_dialog_submit (dialog);
  YBCT_WAIT_FOR (!ybc_action_dialog_get_busy (dialog), 30);
  banner = ybc_action_dialog_dup_banner_text (dialog);
  g_test_message ("banner: %s", banner);
  g_assert_nonnull (strstr (banner, "已被他人修改"));
  g_assert_nonnull (strstr (banner, "第 1 版"));
  /* The view loads the case again and hands it to the form; the reason is kept. */
  wait_case (view, "awaiting_correction");
  g_assert_cmpint (ybc_case_view_get_case (view)->version, ==, 2);
  g_assert_true (find_window (DIALOG) == dialog);

  /* Refusing is still possible from 待补正: submit again, with the new version. */
  ybc_action_dialog_submit (dialog);
  YBCT_WAIT_FOR (find_window (DIALOG) == NULL, 30);
  wait_case (view, "refused");
  g_assert_true (has_document (ybc_case_view_get_case (view), "refusal_notice", "不予受理（退回）通知书"));
}

static gboolean
queue_settled (YbcCaseQueue *queue)
{
  YbcCaseListModel *model = ybc_case_queue_get_model (queue);

  return model != NULL && ybc_case_list_model_get_n_pages (model) > 0 && !ybc_case_list_model_get_loading (model);
}

static void
test_queue_and_inbox (YbcApplication *app,
                      gconstpointer   data)
{
  g_autoptr(YbcApi) clerk = api_login ("clerk_zx");
  g_autoptr(YbcCase) pricing = NULL;
  YbcMainWindow *window;
  YbcCaseQueue *queue, *inbox;
  YbcCaseListModel *model;
  GtkColumnView *columns;
  g_autoptr(GtkColumnViewColumn) created_column = NULL;
  g_autofree char *count_text = NULL;
  YbcCaseView *view;
  guint total;

  /* More than a page of cases for the county (the earlier tests made a few). */
  for (int i = 0; i < 55; i++)
    {
      g_autofree char *party = g_strdup_printf ("{\"kind\":\"person\",\"name\":\"测试%02d\",\"id_number\":\"11010519491231002X\"}", i);
      g_autoptr(YbcCase) kase = api_create (clerk, "5-2", "in_service", party);
    }
  /* A 6-9 pricing case waits for a chief's preliminary review. */
  pricing = api_create (clerk, "6-9", NULL,
                        "{\"kind\":\"institution\",\"name\":\"赵县人民医院\",\"id_number\":\"91110000600037341L\"}");
  count_text = ybt_fixture_sql (fixture, "SELECT count(*) FROM cases WHERE region_code = '130133' AND state_kind <> 'closed'", NULL);
  total = (guint) g_ascii_strtoull (count_text, NULL, 10);
  g_assert_cmpuint (total, >, 50);

  window = ybct_login (app, ybt_fixture_get_base_url (fixture),
                       "chief_zx", ybt_fixture_get_password (fixture, "chief_zx"));

  /* Ctrl+2: the work queue, the county's open cases. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("queue"));
  g_assert_cmpstr (ybc_main_window_get_view (window), ==, "queue");
  queue = ybct_child (window, MAIN, "queue");
  ybc_case_queue_set_scope (queue, "county");
  model = ybc_case_queue_get_model (queue);
  YBCT_WAIT_FOR (queue_settled (queue), 30);
  /* Scrolling to the end loads the rest, page by page. */
  while (ybc_case_list_model_get_has_more (model))
    {
      guint pages = ybc_case_list_model_get_n_pages (model);

      ybc_case_queue_scroll_to_end (queue);
      YBCT_WAIT_FOR (ybc_case_list_model_get_n_pages (model) > pages && !ybc_case_list_model_get_loading (model), 30);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, total);
  g_assert_cmpuint (ybc_case_list_model_get_n_pages (model), >=, 2);

  /* Clicking the creation column's header: the server sorts, newest first. */
  g_assert_cmpstr (ybc_case_queue_get_sort (queue), ==, "due");
  columns = ybct_child (queue, QUEUE, "column_view");
  created_column = g_list_model_get_item (gtk_column_view_get_columns (columns), 6);
  g_assert_cmpstr (gtk_column_view_column_get_title (created_column), ==, "创建时间");
  gtk_column_view_sort_by_column (columns, created_column, GTK_SORT_ASCENDING);
  g_assert_cmpstr (ybc_case_queue_get_sort (queue), ==, "created");
  YBCT_WAIT_FOR (queue_settled (queue), 30);
  {
    g_autoptr(YbcCaseSummary) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autoptr(YbcCaseSummary) second = g_list_model_get_item (G_LIST_MODEL (model), 1);

    g_assert_cmpstr (ybc_case_summary_get_case_no (first), ==, pricing->case_no);
    g_assert_cmpint (g_strcmp0 (ybc_case_summary_get_created_at (first), ybc_case_summary_get_created_at (second)), >=, 0);
  }

  /* Ctrl+3: the chief's approvals inbox holds the pricing case and nothing of 5-2. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("approvals"));
  g_assert_cmpstr (ybc_main_window_get_view (window), ==, "approvals");
  inbox = ybct_child (window, MAIN, "approvals_queue");
  YBCT_WAIT_FOR (queue_settled (inbox), 30);
  model = ybc_case_queue_get_model (inbox);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  {
    g_autoptr(YbcCaseSummary) row = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (ybc_case_summary_get_item_code (row), ==, "6-9");
  }
  /* Enter on the row opens the case, with the chief's step enabled. */
  ybc_case_queue_activate_row (inbox, 0);
  view = ybct_child (window, MAIN, "case_view");
  wait_case (view, pricing->state);
  g_assert_cmpstr (ybc_main_window_get_view (window), ==, "case");
  g_assert_cmpint (ybc_case_view_get_case (view)->id, ==, pricing->id);
  g_assert_true (gtk_widget_get_sensitive (ybc_case_view_get_action_button (view, "preliminary_review")));
}

static void
test_clerk_has_no_inbox (YbcApplication *app,
                         gconstpointer   data)
{
  YbcMainWindow *window;

  window = ybct_login (app, ybt_fixture_get_base_url (fixture),
                       "clerk_zx", ybt_fixture_get_password (fixture, "clerk_zx"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("approvals"));
  g_assert_cmpstr (ybc_main_window_get_view (window), ==, "catalogue");
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("queue"));
  g_assert_cmpstr (ybc_main_window_get_view (window), ==, "queue");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  ybc_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);

  fixture = ybt_fixture_start (&error);
  if (fixture == NULL)
    g_error ("cannot start the server fixture: %s", error->message);

  ybct_add_app_test ("/client/cases/window-flow", test_window_flow, NULL);
  ybct_add_app_test ("/client/cases/server-problems", test_server_problems, NULL);
  ybct_add_app_test ("/client/cases/stale-version", test_stale_version, NULL);
  ybct_add_app_test ("/client/cases/queue-and-inbox", test_queue_and_inbox, NULL);
  ybct_add_app_test ("/client/cases/clerk-has-no-inbox", test_clerk_has_no_inbox, NULL);

  status = g_test_run ();
  ybt_fixture_stop (fixture);
  return status;
}
