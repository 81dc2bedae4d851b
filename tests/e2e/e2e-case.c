/* e2e-case.c: walking a case step by step, refusals, documents and deadlines (see e2e.h). */
#include <string.h>

#include "e2e-private.h"

/* What the catalogue should print as the 文号 code of each kind of document (DOMAIN §6). */
static const struct {
  const char *kind;
  const char *code;
} serial_codes[] = {
  { "one_time_notice", "告" }, { "acceptance_notice", "受" }, { "refusal_notice", "退" },
  { "completion_notice", "结" }, { "reimbursement_statement", "报" }, { "insured_certificate", "凭" },
  { "contribution_declaration", "缴" }, { "withdrawal_receipt", "支" }, { "contact_letter", "函" },
  { "offsite_filing_form", "备" }, { "audit_notice", "稽" }, { "audit_finding_notice", "核" },
  { "audit_result_notice", "果" }, { "violation_notice", "违" }, { "interview_record", "谈" },
  { "inspection_decision", "检" }, { "correction_order", "改" }, { "filing_approval", "立" },
  { "penalty_notice", "知" }, { "hearing_notice", "听" }, { "hearing_summons", "通" },
  { "penalty_decision", "罚" }, { "service_record", "送" }, { "on_site_record", "录" },
  { "seal_decision", "封" }, { "seal_list", "清" }, { "seal_extension_notice", "延" },
  { "seal_lift_decision", "解" }, { "service_agreement", "协" },
};

JsonObject *
e2e_obj (E2eCase *c)
{
  g_assert_nonnull (c->view);
  return json_node_get_object (c->view);
}

const char *
e2e_state (E2eCase *c)
{
  return json_object_get_string_member (e2e_obj (c), "state");
}

static JsonArray *
member_array (E2eCase    *c,
              const char *name)
{
  return json_object_get_array_member (e2e_obj (c), name);
}

static const char *
str_or_empty (JsonObject *o,
              const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n != NULL && !JSON_NODE_HOLDS_NULL (n) ? json_node_get_string (n) : "";
}

const char *
e2e_running_due (E2eCase    *c,
                 const char *id)
{
  JsonArray *deadlines = member_array (c, "deadlines");

  for (guint i = 0; i < json_array_get_length (deadlines); i++)
    {
      JsonObject *d = json_array_get_object_element (deadlines, i);
      if (g_str_equal (json_object_get_string_member (d, "id"), id) && *str_or_empty (d, "stopped_on") == '\0')
        return json_object_get_string_member (d, "due_on");
    }
  return NULL;
}

static void
take_view (E2eCase     *c,
           YbtResponse *r)
{
  g_assert_nonnull (r->json);
  g_clear_pointer (&c->view, json_node_unref);
  c->view = json_node_ref (r->json);
  c->version = json_object_get_int_member (e2e_obj (c), "version");
}

void
e2e_refresh (E2eCase    *c,
             const char *who)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT, c->id);
  g_autoptr(YbtResponse) r = ybt_request (e2e_url (), "GET", path, e2e_token (who ? who : c->reader), NULL, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  take_view (c, r);
}

static int
cmp_str (gconstpointer a,
         gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
sorted_join (GPtrArray *items)
{
  g_ptr_array_sort (items, cmp_str);
  g_ptr_array_add (items, NULL);
  {
    char *joined = g_strjoinv (" ", (char **) items->pdata);
    g_ptr_array_remove_index (items, items->len - 1);
    return joined;
  }
}

char *
e2e_codes (YbtResponse *r)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  JsonArray *errors;

  if (r->json == NULL || !JSON_NODE_HOLDS_OBJECT (r->json) ||
      !json_object_has_member (json_node_get_object (r->json), "errors"))
    return g_strdup ("(no errors[])");
  errors = json_object_get_array_member (json_node_get_object (r->json), "errors");
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *e = json_array_get_object_element (errors, i);
      g_ptr_array_add (items, g_strdup_printf ("%s@%s", json_object_get_string_member (e, "code"),
                                               str_or_empty (e, "field")));
    }
  return sorted_join (items);
}

char *
e2e_notice_codes (E2eCase *c)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  JsonNode *notice = json_object_get_member (e2e_obj (c), "last_notice");
  JsonArray *problems;

  if (notice == NULL || !JSON_NODE_HOLDS_OBJECT (notice))
    return g_strdup ("(no last_notice)");
  problems = json_object_get_array_member (json_node_get_object (notice), "problems");
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *e = json_array_get_object_element (problems, i);
      g_ptr_array_add (items, g_strdup_printf ("%s@%s", json_object_get_string_member (e, "code"),
                                               str_or_empty (e, "field")));
    }
  return sorted_join (items);
}

YbtResponse *
e2e_request (const char *who,
             const char *method,
             const char *path,
             const char *body)
{
  g_autofree char *expanded = body != NULL ? e2e_expand (body) : NULL;
  g_autofree char *key = e2e_new_key ();

  if (g_str_equal (method, "GET"))
    return ybt_request (e2e_url (), method, path, e2e_token (who), NULL, NULL);
  return ybt_write (e2e_url (), method, path, e2e_token (who), expanded, key, NULL);
}

static char *
normalise_codes (const char *codes)
{
  g_auto(GStrv) parts = g_strsplit (codes, " ", -1);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (items, g_strdup (parts[i]));
  return sorted_join (items);
}

void
e2e_assert_notice (E2eCase    *c,
                   const char *codes)
{
  g_autofree char *got = e2e_notice_codes (c);
  g_autofree char *want = normalise_codes (codes);

  g_assert_cmpstr (got, ==, want);
}

/* "id|started|due|stopped" of every deadline row, for comparing before and after. */
static GPtrArray *
deadline_rows (E2eCase *c)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  JsonArray *deadlines = member_array (c, "deadlines");

  for (guint i = 0; i < json_array_get_length (deadlines); i++)
    {
      JsonObject *d = json_array_get_object_element (deadlines, i);
      g_ptr_array_add (rows, g_strdup_printf ("%s|%s|%s|%s", json_object_get_string_member (d, "id"),
                                              str_or_empty (d, "started_on"), str_or_empty (d, "due_on"),
                                              str_or_empty (d, "stopped_on")));
    }
  return rows;
}

static char *
rows_text (GPtrArray *rows)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (rows, i)));
  return sorted_join (copy);
}

/* What the rows should become after @spec: stops first, then extensions, then starts. A start stops the
 * same deadline's running row, if any (a restart), and adds a row; stopped rows stay as
 * the record, also when the deadline stopped and started again on the same day. */
static GPtrArray *
expected_rows (GPtrArray  *before,
               const char *spec)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *today = e2e_today ();
  g_auto(GStrv) parts = g_strsplit (spec != NULL ? spec : "", " ", -1);

  for (guint i = 0; i < before->len; i++)
    g_ptr_array_add (rows, g_strdup (g_ptr_array_index (before, i)));
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *prefix = NULL;
      gboolean found = FALSE;

      if (parts[i][0] != '-')
        continue;
      prefix = g_strconcat (parts[i] + 1, "|", NULL);
      for (guint j = 0; j < rows->len && !found; j++)
        {
          char *row = g_ptr_array_index (rows, j);
          if (g_str_has_prefix (row, prefix) && g_str_has_suffix (row, "|"))
            {
              rows->pdata[j] = g_strconcat (row, today, NULL);
              g_free (row);
              found = TRUE;
            }
        }
      if (!found)
        g_error ("deadline %s should have been running before it is stopped", parts[i] + 1);
    }
  /* "~id=SPEC": the running row's due date moves to SPEC (an extension) */
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) kv = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *due = NULL;
      gboolean found = FALSE;

      if (parts[i][0] != '~')
        continue;
      kv = g_strsplit (parts[i] + 1, "=", 2);
      g_assert_nonnull (kv[1]);
      prefix = g_strconcat (kv[0], "|", NULL);
      due = e2e_due (kv[1]);
      for (guint j = 0; j < rows->len; j++)
        {
          char *row = g_ptr_array_index (rows, j);
          g_auto(GStrv) cells = NULL;

          if (!g_str_has_prefix (row, prefix) || !g_str_has_suffix (row, "|"))
            continue;
          cells = g_strsplit (row, "|", -1);
          rows->pdata[j] = g_strdup_printf ("%s|%s|%s|", cells[0], cells[1], due);
          g_free (row);
          found = TRUE;
        }
      if (!found)
        g_error ("deadline %s should have been running before it is extended", kv[0]);
    }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) kv = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *due = NULL;

      if (parts[i][0] != '+')
        continue;
      kv = g_strsplit (parts[i] + 1, "=", 2);
      g_assert_nonnull (kv[1]);
      prefix = g_strconcat (kv[0], "|", NULL);
      for (guint j = 0; j < rows->len; j++)
        {
          char *row = g_ptr_array_index (rows, j);

          if (g_str_has_prefix (row, prefix) && g_str_has_suffix (row, "|"))
            {
              rows->pdata[j] = g_strconcat (row, today, NULL);
              g_free (row);
            }
        }
      due = e2e_due (kv[1]);
      g_ptr_array_add (rows, g_strdup_printf ("%s|%s|%s|", kv[0], today, due));
    }
  return rows;
}

static const char *
serial_code (const char *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (serial_codes); i++)
    if (g_str_equal (serial_codes[i].kind, kind))
      return serial_codes[i].code;
  g_error ("unknown document kind %s", kind);
  return NULL;
}

/* Every document the program has seen issued (id), and those of the last successful
 * action, in order. Serials are checked as they appear, whichever call issued them. */
static GHashTable *documents_seen;
static GPtrArray  *last_documents;   /* of JsonObject*, owned by the case view */

static void
take_documents (E2eCase *c)
{
  JsonArray *documents = member_array (c, "documents");
  GDate today;

  e2e_today_date (&today);
  if (documents_seen == NULL)
    documents_seen = g_hash_table_new (NULL, NULL);
  if (last_documents == NULL)
    last_documents = g_ptr_array_new ();
  g_ptr_array_set_size (last_documents, 0);
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonObject *d = json_array_get_object_element (documents, i);
      gint64 id = json_object_get_int_member (d, "id");
      const char *kind = json_object_get_string_member (d, "kind");
      g_autofree char *expected = NULL;
      guint n;

      if (!g_hash_table_add (documents_seen, GSIZE_TO_POINTER (id)))
        continue;
      g_ptr_array_add (last_documents, d);
      /* 文号: per county, kind and year, without gaps (refusals consume none). */
      n = e2e_next_serial (c->region, kind);
      expected = g_strdup_printf ("%s医保%s〔%u〕%04u号", g_str_equal (c->region, "130133") ? "赵" : "无极",
                                  serial_code (kind), g_date_get_year (&today), n);
      g_assert_cmpstr (json_object_get_string_member (d, "serial"), ==, expected);
    }
}

static void
check_new_documents (E2eCase    *c,
                     const char *docs)
{
  g_auto(GStrv) want = g_strsplit (docs != NULL ? docs : "", " ", -1);
  g_autoptr(GPtrArray) got = g_ptr_array_new ();
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autofree char *got_text = NULL, *want_text = NULL;

  for (guint i = 0; want[i] != NULL; i++)
    if (want[i][0] != '\0')
      g_ptr_array_add (wanted, want[i]);
  for (guint i = 0; i < last_documents->len; i++)
    {
      JsonObject *d = g_ptr_array_index (last_documents, i);
      g_autofree char *path = g_strdup_printf ("/api/v1/documents/%" G_GINT64_FORMAT, json_object_get_int_member (d, "id"));
      g_autoptr(YbtResponse) pdf = ybt_request (e2e_url (), "GET", path, e2e_token (c->reader), NULL, NULL);

      g_ptr_array_add (got, (gpointer) json_object_get_string_member (d, "kind"));
      g_assert_cmpuint (pdf->status, ==, 200);
      g_assert_true (g_str_has_prefix (pdf->body, "%PDF-"));
    }
  g_ptr_array_add (got, NULL);
  g_ptr_array_add (wanted, NULL);
  got_text = g_strjoinv (" ", (char **) got->pdata);
  want_text = g_strjoinv (" ", (char **) wanted->pdata);
  g_assert_cmpstr (got_text, ==, want_text);
}

static void
check_due_summary (E2eCase *c)
{
  JsonArray *deadlines = member_array (c, "deadlines");
  const char *min = NULL;

  for (guint i = 0; i < json_array_get_length (deadlines); i++)
    {
      JsonObject *d = json_array_get_object_element (deadlines, i);
      const char *due = json_object_get_string_member (d, "due_on");
      if (*str_or_empty (d, "stopped_on") == '\0' && (min == NULL || strcmp (due, min) < 0))
        min = due;
    }
  g_assert_cmpstr (str_or_empty (e2e_obj (c), "due_on"), ==, min != NULL ? min : "");
}

/* ------------------------------------------------------------------------- cases */

E2eCase *
e2e_create (const char *who,
            const char *item,
            const char *material_set,
            const char *party_json,
            const char *initial)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonParser) p = json_parser_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL, *key = e2e_new_key ();
  g_autoptr(YbtResponse) r = NULL;
  E2eCase *c;

  g_assert_true (json_parser_load_from_data (p, party_json, -1, NULL));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "item");
  json_builder_add_string_value (b, item);
  if (material_set != NULL)
    {
      json_builder_set_member_name (b, "material_set");
      json_builder_add_string_value (b, material_set);
    }
  json_builder_set_member_name (b, "party");
  json_builder_add_value (b, json_node_copy (json_parser_get_root (p)));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  body = json_to_string (root, FALSE);

  r = ybt_write (e2e_url (), "POST", "/api/v1/cases", e2e_token (who), body, key, NULL);
  if (r->status != 201)
    g_error ("creating a %s case: %u %s", item, r->status, r->body);
  c = g_new0 (E2eCase, 1);
  take_view (c, r);
  c->id = json_object_get_int_member (e2e_obj (c), "id");
  c->region = g_strdup (json_object_get_string_member (e2e_obj (c), "region_code"));
  c->reader = g_strdup (who);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e2e_obj (c), "item"), "code"), ==, item);
  g_assert_cmpstr (e2e_state (c), ==, initial);
  g_assert_cmpint (c->version, ==, 1);
  g_assert_cmpuint (json_array_get_length (member_array (c, "history")), ==, 1);
  g_assert_cmpuint (json_array_get_length (member_array (c, "documents")), ==, 0);
  g_assert_cmpuint (json_array_get_length (member_array (c, "deadlines")), ==, 0);
  return c;
}

void
e2e_case_free (E2eCase *c)
{
  if (c == NULL)
    return;
  g_clear_pointer (&c->view, json_node_unref);
  g_free (c->region);
  g_free (c->reader);
  g_free (c);
}

YbtResponse *
e2e_act (E2eCase    *c,
         const char *who,
         const char *action,
         const char *body)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/actions/%s", c->id, action);
  g_autofree char *key = e2e_new_key ();
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, c->version);
  g_autofree char *expanded = e2e_expand (body);
  YbtResponse *r = ybt_write (e2e_url (), "POST", path, e2e_token (who), expanded, key, version);

  if (r->status == 200)
    {
      take_view (c, r);
      take_documents (c);
    }
  return r;
}

static void
assert_offered (E2eCase    *c,
                const char *who,
                const char *action)
{
  JsonArray *options;

  e2e_refresh (c, who);
  options = member_array (c, "options");
  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      JsonObject *o = json_array_get_object_element (options, i);
      if (g_str_equal (json_object_get_string_member (o, "action"), action))
        {
          if (!json_object_get_boolean_member (o, "allowed"))
            {
              g_autoptr(JsonNode) node = json_node_ref (json_object_get_member (o, "blocked_by"));
              g_autofree char *why = json_to_string (node, FALSE);
              g_error ("%s is offered to %s in state %s but blocked: %s", action, who, e2e_state (c), why);
            }
          return;
        }
    }
  g_error ("%s is not among the options of %s in state %s", action, who, e2e_state (c));
}

void
e2e_step (E2eCase       *c,
          const E2eStep *s)
{
  g_autoptr(GPtrArray) rows_before = NULL;
  g_autoptr(GPtrArray) rows_want = NULL;
  g_autoptr(GPtrArray) rows_after = NULL;
  g_autoptr(YbtResponse) r = NULL;
  g_autofree char *want_text = NULL, *after_text = NULL;
  guint history_before;
  gint64 version_before;
  JsonArray *history;
  JsonObject *last;

  assert_offered (c, s->who, s->action);
  rows_before = deadline_rows (c);
  history_before = json_array_get_length (member_array (c, "history"));
  version_before = c->version;

  r = e2e_act (c, s->who, s->action, s->body);
  if (r->status != 200)
    g_error ("%s by %s in state %s: %u %s", s->action, s->who, e2e_state (c), r->status, r->body);
  g_test_message ("%s by %s -> %s", s->action, s->who, e2e_state (c));
  g_assert_cmpstr (e2e_state (c), ==, s->state);
  g_assert_cmpint (c->version, ==, version_before + 1);

  /* the history tells who did what, and with whom */
  history = member_array (c, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, history_before + 1);
  last = json_array_get_object_element (history, history_before);
  g_assert_cmpstr (json_object_get_string_member (last, "action"), ==, s->action);
  g_assert_cmpstr (json_object_get_string_member (last, "to_state"), ==, s->state);
  g_assert_cmpstr (json_object_get_string_member (last, "actor"), ==, e2e_user_name (s->who));
  if (s->body != NULL && strstr (s->body, "\"second_officer\"") != NULL)
    {
      const char *at = strstr (strstr (s->body, "\"second_officer\""), "@");
      g_autofree char *name = NULL;
      const char *end = at + 1;
      while (g_ascii_isalnum (*end) || *end == '_')
        end++;
      name = g_strndup (at + 1, end - at - 1);
      g_assert_cmpstr (str_or_empty (last, "second_officer"), ==, e2e_user_name (name));
    }

  check_new_documents (c, s->docs);

  rows_want = expected_rows (rows_before, s->deadlines);
  rows_after = deadline_rows (c);
  want_text = rows_text (rows_want);
  after_text = rows_text (rows_after);
  g_assert_cmpstr (after_text, ==, want_text);
  check_due_summary (c);
}

void
e2e_walk (E2eCase       *c,
          const E2eStep *steps,
          gsize          n)
{
  for (gsize i = 0; i < n; i++)
    e2e_step (c, &steps[i]);
}

void
e2e_assert_closed (E2eCase *c)
{
  JsonArray *deadlines;

  e2e_refresh (c, NULL);
  g_assert_cmpstr (json_object_get_string_member (e2e_obj (c), "state_kind"), ==, "closed");
  g_assert_cmpstr (str_or_empty (e2e_obj (c), "closed_at"), !=, "");
  g_assert_cmpuint (json_array_get_length (member_array (c, "options")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (e2e_obj (c), "due_status"), ==, "none");
  deadlines = member_array (c, "deadlines");
  for (guint i = 0; i < json_array_get_length (deadlines); i++)
    {
      JsonObject *d = json_array_get_object_element (deadlines, i);
      if (*str_or_empty (d, "stopped_on") == '\0')
        g_error ("closed case still has deadline %s running", json_object_get_string_member (d, "id"));
    }
}

typedef struct {
  char  *state;
  gint64 version;
  guint  history;
  guint  documents;
  char  *deadlines;
} Snapshot;

static void
snapshot (E2eCase  *c,
          Snapshot *s)
{
  g_autoptr(GPtrArray) rows = NULL;

  e2e_refresh (c, NULL);
  rows = deadline_rows (c);
  s->state = g_strdup (e2e_state (c));
  s->version = c->version;
  s->history = json_array_get_length (member_array (c, "history"));
  s->documents = json_array_get_length (member_array (c, "documents"));
  s->deadlines = rows_text (rows);
}

static void
assert_unchanged (E2eCase  *c,
                  Snapshot *s)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;

  e2e_refresh (c, NULL);
  rows = deadline_rows (c);
  text = rows_text (rows);
  g_assert_cmpstr (e2e_state (c), ==, s->state);
  g_assert_cmpint (c->version, ==, s->version);
  g_assert_cmpuint (json_array_get_length (member_array (c, "history")), ==, s->history);
  g_assert_cmpuint (json_array_get_length (member_array (c, "documents")), ==, s->documents);
  g_assert_cmpstr (text, ==, s->deadlines);
  g_free (s->state);
  g_free (s->deadlines);
}

static gboolean
refused (E2eCase    *c,
         const char *who,
         const char *action,
         const char *body,
         guint       status,
         const char *codes,
         const char *finding)
{
  g_autofree char *got = NULL, *want = codes != NULL ? normalise_codes (codes) : NULL;
  g_autoptr(YbtResponse) r = NULL;
  Snapshot s;

  snapshot (c, &s);
  r = e2e_act (c, who, action, body);
  if (finding != NULL && r->status >= 200 && r->status < 300)
    {
      g_free (s.state);
      g_free (s.deadlines);
      g_test_incomplete (finding);
      return FALSE;
    }
  got = e2e_codes (r);
  if (r->status != status || (want != NULL && g_strcmp0 (got, want) != 0))
    g_error ("%s by %s: want %u [%s], got %u [%s] %s", action, who, status, want, r->status, got, r->body);
  assert_unchanged (c, &s);
  return TRUE;
}

void
e2e_refused (E2eCase    *c,
             const char *who,
             const char *action,
             const char *body,
             guint       status,
             const char *codes)
{
  refused (c, who, action, body, status, codes, NULL);
}

gboolean
e2e_law_refused (E2eCase    *c,
                 const char *who,
                 const char *action,
                 const char *body,
                 guint       status,
                 const char *codes,
                 const char *finding)
{
  return refused (c, who, action, body, status, codes, finding);
}

gboolean
e2e_law_due (E2eCase    *c,
             const char *deadline,
             const char *spec,
             const char *finding)
{
  const char *due = e2e_running_due (c, deadline);
  g_autofree char *want = e2e_due (spec);

  g_assert_nonnull (due);
  if (g_str_equal (due, want))
    return TRUE;
  g_test_message ("deadline %s: due %s, the law's %s gives %s", deadline, due, spec, want);
  g_test_incomplete (finding);
  return FALSE;
}
