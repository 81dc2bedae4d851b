/* ybc-case.c: cases, case list rows and pages, staff lists, read from the server's JSON.
 * Strict about what the screens cannot do without (id, case number, state, version),
 * lenient about the rest, as ybc-types.c is. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-case.h"

#include <glib/gi18n.h>

/* ------------------------------------------------------------------------- helpers */

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_int (JsonObject *object,
            const char *member,
            gint64     *out)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return FALSE;
  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
member_bool (JsonObject *object,
             const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return FALSE;
  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN
         && json_node_get_boolean (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* @member of @object as an array; when absent or not an array, an empty one is put in
 * its place so that the screens need no NULL checks. */
static JsonArray *
member_array_or_empty (JsonObject *object,
                       const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (object, member, json_array_new ());
      node = json_object_get_member (object, member);
    }
  return json_node_get_array (node);
}

static gboolean
report_missing (GPtrArray   *missing,
                const char  *what,
                GError     **error)
{
  g_autofree char *list = NULL;

  if (missing->len == 0)
    return TRUE;
  g_ptr_array_add (missing, NULL);
  list = g_strjoinv ("、", (char **) missing->pdata);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: %s is the kind of answer, %s the missing JSON members */
               _("The server's %s is missing %s"), what, list);
  return FALSE;
}

/* ------------------------------------------------------------------------- case */

/* By hand: G_DEFINE_BOXED_TYPE's type-checking union trips -Wpedantic. */
GType
ybc_case_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_boxed_type_register_static (g_intern_static_string ("YbcCase"),
                                                 (GBoxedCopyFunc) ybc_case_ref,
                                                 (GBoxedFreeFunc) ybc_case_unref);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

typedef struct {
  YbcCase         kase;
  gatomicrefcount ref_count;
} YbcCaseReal;

static void
case_free (YbcCase *self)
{
  g_free (self->case_no);
  g_free (self->region_code);
  g_free (self->item_code);
  g_free (self->item_name);
  g_free (self->item_full_name);
  g_free (self->state);
  g_free (self->state_name);
  g_free (self->state_kind);
  g_free (self->party_kind);
  g_free (self->party_name);
  g_free (self->party_id_number);
  g_free (self->party_phone);
  g_free (self->department_name);
  g_free (self->department_phone);
  g_free (self->supervision_phone);
  g_free (self->assignee_name);
  g_free (self->created_by_name);
  g_free (self->created_at);
  g_free (self->started_on);
  g_free (self->closed_at);
  g_free (self->material_set);
  g_free (self->due_on);
  g_free (self->due_status);
  g_free (self->due_label);
  g_clear_pointer (&self->json, json_node_unref);
  g_free (self);
}

YbcCase *
ybc_case_ref (YbcCase *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&((YbcCaseReal *) self)->ref_count);
  return self;
}

void
ybc_case_unref (YbcCase *self)
{
  if (self == NULL)
    return;
  if (g_atomic_ref_count_dec (&((YbcCaseReal *) self)->ref_count))
    case_free (self);
}

YbcCase *
ybc_case_from_json (JsonNode  *node,
                    GError   **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(YbcCase) self = NULL;
  YbcCaseReal *real;
  JsonObject *object;
  JsonObject *item, *party, *department, *person;
  gint64 number;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The server's case is not a JSON object"));
      return NULL;
    }

  real = (YbcCaseReal *) g_new0 (YbcCaseReal, 1);
  g_atomic_ref_count_init (&real->ref_count);
  self = &real->kase;
  /* A copy of our own: the members we fill in below change it. */
  self->json = json_node_copy (node);
  object = json_node_get_object (self->json);

  if (member_int (object, "id", &number))
    self->id = number;
  else
    g_ptr_array_add (missing, (gpointer) "id");
  if (member_int (object, "version", &number))
    self->version = (int) number;
  else
    g_ptr_array_add (missing, (gpointer) "version");
  self->case_no = g_strdup (member_string (object, "case_no"));
  if (self->case_no == NULL)
    g_ptr_array_add (missing, (gpointer) "case_no");
  self->state = g_strdup (member_string (object, "state"));
  if (self->state == NULL)
    g_ptr_array_add (missing, (gpointer) "state");
  item = member_object (object, "item");
  self->item_code = g_strdup (member_string (item, "code"));
  if (self->item_code == NULL)
    g_ptr_array_add (missing, (gpointer) "item.code");
  if (!report_missing (missing, _("case"), error))
    return NULL;

  self->region_code = g_strdup (member_string (object, "region_code"));
  self->item_name = g_strdup (member_string (item, "name"));
  self->item_full_name = g_strdup (member_string (item, "full_name"));
  self->state_name = g_strdup (member_string (object, "state_name"));
  if (self->state_name == NULL)
    self->state_name = g_strdup (self->state);
  self->state_kind = g_strdup (member_string (object, "state_kind"));
  if (self->state_kind == NULL)
    self->state_kind = g_strdup ("open");

  party = member_object (object, "party");
  self->party_kind = g_strdup (member_string (party, "kind"));
  self->party_name = g_strdup (member_string (party, "name"));
  self->party_id_number = g_strdup (member_string (party, "id_number"));
  self->party_phone = g_strdup (member_string (party, "phone"));

  department = member_object (object, "department");
  self->department_name = g_strdup (member_string (department, "name"));
  self->department_phone = g_strdup (member_string (department, "phone"));
  self->supervision_phone = g_strdup (member_string (department, "supervision_phone"));

  person = member_object (object, "assignee");
  self->assignee_name = g_strdup (member_string (person, "name"));
  person = member_object (object, "created_by");
  self->created_by_name = g_strdup (member_string (person, "name"));

  self->created_at = g_strdup (member_string (object, "created_at"));
  self->started_on = g_strdup (member_string (object, "started_on"));
  self->closed_at = g_strdup (member_string (object, "closed_at"));
  self->material_set = g_strdup (member_string (object, "material_set"));
  self->due_on = g_strdup (member_string (object, "due_on"));
  self->due_provisional = member_bool (object, "due_provisional");
  self->due_status = g_strdup (member_string (object, "due_status"));
  if (self->due_status == NULL)
    self->due_status = g_strdup ("none");
  self->due_label = g_strdup (member_string (object, "due_label"));
  if (member_int (object, "working_days_left", &number))
    self->working_days_left = (int) number;

  self->fields = member_object (object, "fields");
  if (self->fields == NULL)
    {
      json_object_set_object_member (object, "fields", json_object_new ());
      self->fields = member_object (object, "fields");
    }
  self->materials = member_array_or_empty (object, "materials");
  self->deadlines = member_array_or_empty (object, "deadlines");
  self->documents = member_array_or_empty (object, "documents");
  self->history = member_array_or_empty (object, "history");
  self->options = member_array_or_empty (object, "options");
  self->last_notice = member_object (object, "last_notice");

  return g_steal_pointer (&self);
}

JsonObject *
ybc_case_find_option (const YbcCase *self,
                      const char    *action_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (self->options); i++)
    {
      JsonNode *element = json_array_get_element (self->options, i);

      if (JSON_NODE_HOLDS_OBJECT (element)
          && g_strcmp0 (member_string (json_node_get_object (element), "action"), action_id) == 0)
        return json_node_get_object (element);
    }
  return NULL;
}

/* ------------------------------------------------------------------------- summary */

struct _YbcCaseSummary
{
  GObject  parent_instance;

  gint64   id;
  int      version;
  int      working_days_left;
  char    *case_no;
  char    *item_code;
  char    *item_name;
  char    *state;
  char    *state_name;
  char    *state_kind;
  char    *party_name;
  char    *party_id_number;
  char    *assignee;
  char    *department;
  char    *created_at;
  char    *due_on;
  char    *due_status;
  char    *due_label;
};

G_DEFINE_FINAL_TYPE (YbcCaseSummary, ybc_case_summary, G_TYPE_OBJECT)

static void
ybc_case_summary_finalize (GObject *object)
{
  YbcCaseSummary *self = YBC_CASE_SUMMARY (object);

  g_free (self->case_no);
  g_free (self->item_code);
  g_free (self->item_name);
  g_free (self->state);
  g_free (self->state_name);
  g_free (self->state_kind);
  g_free (self->party_name);
  g_free (self->party_id_number);
  g_free (self->assignee);
  g_free (self->department);
  g_free (self->created_at);
  g_free (self->due_on);
  g_free (self->due_status);
  g_free (self->due_label);

  G_OBJECT_CLASS (ybc_case_summary_parent_class)->finalize (object);
}

static void
ybc_case_summary_class_init (YbcCaseSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ybc_case_summary_finalize;
}

static void
ybc_case_summary_init (YbcCaseSummary *self)
{
}

YbcCaseSummary *
ybc_case_summary_new (gint64      id,
                      const char *due_on,
                      const char *created_at)
{
  YbcCaseSummary *self = g_object_new (YBC_TYPE_CASE_SUMMARY, NULL);

  self->id = id;
  self->due_on = g_strdup (due_on);
  self->created_at = g_strdup (created_at);
  self->case_no = g_strdup ("");
  self->state_kind = g_strdup ("open");
  self->due_status = g_strdup ("none");
  return self;
}

YbcCaseSummary *
ybc_case_summary_from_json (JsonObject  *object,
                            GError     **error)
{
  g_autoptr(YbcCaseSummary) self = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  gint64 number;

  self = g_object_new (YBC_TYPE_CASE_SUMMARY, NULL);
  if (member_int (object, "id", &number))
    self->id = number;
  else
    g_ptr_array_add (missing, (gpointer) "items[].id");
  if (member_int (object, "version", &number))
    self->version = (int) number;
  if (member_int (object, "working_days_left", &number))
    self->working_days_left = (int) number;
  self->case_no = g_strdup (member_string (object, "case_no"));
  if (self->case_no == NULL)
    g_ptr_array_add (missing, (gpointer) "items[].case_no");
  if (!report_missing (missing, _("case list"), error))
    return NULL;

  self->item_code = g_strdup (member_string (object, "item_code"));
  self->item_name = g_strdup (member_string (object, "item_name"));
  self->state = g_strdup (member_string (object, "state"));
  self->state_name = g_strdup (member_string (object, "state_name"));
  if (self->state_name == NULL)
    self->state_name = g_strdup (self->state);
  self->state_kind = g_strdup (member_string (object, "state_kind"));
  self->party_name = g_strdup (member_string (object, "party_name"));
  self->party_id_number = g_strdup (member_string (object, "party_id_number"));
  self->assignee = g_strdup (member_string (object, "assignee"));
  self->department = g_strdup (member_string (object, "department"));
  self->created_at = g_strdup (member_string (object, "created_at"));
  self->due_on = g_strdup (member_string (object, "due_on"));
  self->due_status = g_strdup (member_string (object, "due_status"));
  if (self->due_status == NULL)
    self->due_status = g_strdup ("none");
  self->due_label = g_strdup (member_string (object, "due_label"));
  return g_steal_pointer (&self);
}

#define SUMMARY_GETTER(type, member, fallback)                                  \
  type                                                                          \
  ybc_case_summary_get_##member (YbcCaseSummary *self)                          \
  {                                                                             \
    g_return_val_if_fail (YBC_IS_CASE_SUMMARY (self), fallback);                \
    return self->member;                                                        \
  }

SUMMARY_GETTER (gint64, id, 0)
SUMMARY_GETTER (int, version, 0)
SUMMARY_GETTER (int, working_days_left, 0)
SUMMARY_GETTER (const char *, case_no, NULL)
SUMMARY_GETTER (const char *, item_code, NULL)
SUMMARY_GETTER (const char *, item_name, NULL)
SUMMARY_GETTER (const char *, state, NULL)
SUMMARY_GETTER (const char *, state_name, NULL)
SUMMARY_GETTER (const char *, state_kind, NULL)
SUMMARY_GETTER (const char *, party_name, NULL)
SUMMARY_GETTER (const char *, party_id_number, NULL)
SUMMARY_GETTER (const char *, assignee, NULL)
SUMMARY_GETTER (const char *, department, NULL)
SUMMARY_GETTER (const char *, created_at, NULL)
SUMMARY_GETTER (const char *, due_on, NULL)
SUMMARY_GETTER (const char *, due_status, NULL)
SUMMARY_GETTER (const char *, due_label, NULL)

/* ------------------------------------------------------------------------- page */

void
ybc_case_page_free (YbcCasePage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page->next);
  g_free (page);
}

YbcCasePage *
ybc_case_page_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(YbcCasePage) page = NULL;
  JsonObject *object;
  JsonNode *items;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The server's case list is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  items = json_object_get_member (object, "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_autoptr(GPtrArray) missing = g_ptr_array_new ();

      g_ptr_array_add (missing, (gpointer) "items");
      report_missing (missing, _("case list"), error);
      return NULL;
    }

  page = g_new0 (YbcCasePage, 1);
  page->items = g_ptr_array_new_with_free_func (g_object_unref);
  page->next = g_strdup (member_string (object, "next"));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (items), i);
      YbcCaseSummary *summary;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      summary = ybc_case_summary_from_json (json_node_get_object (element), error);
      if (summary == NULL)
        return NULL;
      g_ptr_array_add (page->items, summary);
    }
  return g_steal_pointer (&page);
}

/* ------------------------------------------------------------------------- staff */

void
ybc_staff_free (YbcStaff *staff)
{
  if (staff == NULL)
    return;
  g_free (staff->username);
  g_free (staff->display_name);
  g_free (staff->department);
  g_strfreev (staff->roles);
  g_free (staff);
}

GPtrArray *
ybc_staff_list_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ybc_staff_free);
  JsonNode *items = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    items = json_object_get_member (json_node_get_object (node), "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_autoptr(GPtrArray) missing = g_ptr_array_new ();

      g_ptr_array_add (missing, (gpointer) "items");
      report_missing (missing, _("staff list"), error);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (items), i);
      JsonObject *object;
      YbcStaff *staff;
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      if (!member_int (object, "id", &id))
        continue;
      staff = g_new0 (YbcStaff, 1);
      staff->id = id;
      staff->username = g_strdup (member_string (object, "username"));
      staff->display_name = g_strdup (member_string (object, "display_name"));
      if (staff->display_name == NULL)
        staff->display_name = g_strdup (staff->username ? staff->username : "");
      staff->department = g_strdup (member_string (object, "department"));
      {
        g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
        JsonNode *array = json_object_get_member (object, "roles");

        for (guint r = 0; array != NULL && JSON_NODE_HOLDS_ARRAY (array)
                          && r < json_array_get_length (json_node_get_array (array)); r++)
          {
            JsonNode *role = json_array_get_element (json_node_get_array (array), r);

            if (JSON_NODE_HOLDS_VALUE (role) && json_node_get_value_type (role) == G_TYPE_STRING)
              g_strv_builder_add (roles, json_node_get_string (role));
          }
        staff->roles = g_strv_builder_end (roles);
      }
      g_ptr_array_add (list, staff);
    }
  return g_steal_pointer (&list);
}

/* ------------------------------------------------------------------------- queries */

static void
append_param (GString    *path,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;
  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_printf (path, "%c%s=%s", strchr (path->str, '?') ? '&' : '?', name, escaped);
}

char *
ybc_case_query_to_path (const YbcCaseQuery *query,
                        const char         *after,
                        guint               limit)
{
  GString *path = g_string_new ("/api/v1/cases");
  g_autofree char *limit_text = limit > 0 ? g_strdup_printf ("%u", limit) : NULL;

  if (query != NULL)
    {
      append_param (path, "scope", query->scope);
      append_param (path, "sort", query->sort);
      append_param (path, "state_kind", query->state_kind);
      append_param (path, "due", query->due);
      append_param (path, "inbox", query->inbox);
      append_param (path, "item", query->item);
      append_param (path, "state", query->state);
      append_param (path, "party", query->party);
    }
  append_param (path, "limit", limit_text);
  append_param (path, "after", after);
  return g_string_free (path, FALSE);
}

/* ------------------------------------------------------------------------- text */

char *
ybc_format_timestamp (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

char *
ybc_format_days_left (const char *due_status,
                      int         working_days_left)
{
  if (due_status == NULL || g_str_equal (due_status, "none"))
    return g_strdup ("");
  if (g_str_equal (due_status, "due_today"))
    return g_strdup (_("Due today"));
  if (g_str_equal (due_status, "overdue"))
    {
      if (working_days_left >= 0)
        return g_strdup (_("Overdue"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d working day",
                                           "Overdue by %d working days",
                                           (gulong) -working_days_left),
                              -working_days_left);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d working day left",
                                       "%d working days left", (gulong) MAX (working_days_left, 0)),
                          MAX (working_days_left, 0));
}

const char *
ybc_party_kind_name (const char *kind)
{
  if (g_strcmp0 (kind, "person") == 0)
    return _("Person");
  if (g_strcmp0 (kind, "unit") == 0)
    return _("Employer (unit)");
  if (g_strcmp0 (kind, "institution") == 0)
    return _("Medical institution or pharmacy");
  if (g_strcmp0 (kind, "none") == 0)
    return _("No party (title only)");
  return kind ? kind : "";
}
