/* ybs-documents.c: serials, text, PDF and storage of issued documents.
 *
 * The words of each kind of document are data (the catalogue's "documents" entry:
 * intro, list_title, closing, basis, with {placeholders}); this file only fills in the
 * facts of the case and lays out what every notice has: the issuing bureau, the serial,
 * the addressee, the case's particulars, the unit's phones, the clerk and the date.
 */
#define G_LOG_DOMAIN "yibao-server"

#include <stdlib.h>
#include <string.h>

#include "ybs-calendar.h"
#include "ybs-documents.h"
#include "ybs-error.h"
#include "ybs-pdf.h"

/* Replaces {name} with its value from @values (name, value, …, NULL); unknown names
 * are left as written, so a template mistake shows on the page instead of vanishing. */
static char *
fill (const char  *template,
      const char **values)
{
  GString *out = g_string_new (NULL);
  const char *p = template;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close = open ? strchr (open, '}') : NULL;
      gboolean replaced = FALSE;

      if (open == NULL || close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      for (guint i = 0; values[i] != NULL; i += 2)
        if ((gsize) (close - open - 1) == strlen (values[i]) && strncmp (open + 1, values[i], close - open - 1) == 0)
          {
            g_string_append (out, values[i + 1] ? values[i + 1] : "");
            replaced = TRUE;
            break;
          }
      if (!replaced)
        g_string_append_len (out, open, close - open + 1);
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}

static JsonNode *
filled_array (JsonObject  *kind,
              const char  *member,
              const char **values)
{
  JsonArray *in = json_object_has_member (kind, member) ? json_object_get_array_member (kind, member) : NULL;
  JsonArray *out = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; in != NULL && i < json_array_get_length (in); i++)
    {
      g_autofree char *text = fill (json_array_get_string_element (in, i), values);
      json_array_add_string_element (out, text);
    }
  json_node_take_array (node, out);
  return node;
}

static char *
chinese_date (const char *iso)
{
  GDate d;

  if (iso == NULL || !yb_date_parse_iso (iso, &d))
    return g_strdup (iso ? iso : "");
  return g_strdup_printf ("%u年%u月%u日", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}

static void
add_field (JsonArray  *fields,
           const char *label,
           const char *value)
{
  JsonArray *row;

  if (value == NULL || *value == '\0')
    return;
  row = json_array_new ();
  json_array_add_string_element (row, label);
  json_array_add_string_element (row, value);
  json_array_add_array_element (fields, row);
}

gint64
ybs_document_issue (YbsDbConn              *conn,
                    YbsCall                *call,
                    YbsCase                *kase,
                    gint64                  history_id,
                    const char             *kind_id,
                    const YbsDocumentFacts *facts,
                    GError                **error)
{
  JsonObject *kinds = kase->item->documents;
  JsonObject *kind = kinds && json_object_has_member (kinds, kind_id) ? json_object_get_object_member (kinds, kind_id) : NULL;
  JsonObject *party = json_node_get_object (kase->party);
  g_autoptr(PGresult) region = NULL;
  g_autoptr(PGresult) serial = NULL;
  g_autoptr(PGresult) stored = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *year = NULL, *serial_text = NULL, *today_iso = NULL, *today_cn = NULL;
  g_autofree char *started_cn = NULL, *due_cn = NULL, *pdf_hex = NULL, *sha = NULL, *item_label = NULL;
  g_autofree char *history = g_strdup_printf ("%" G_GINT64_FORMAT, history_id);
  g_autofree char *case_id = g_strdup_printf ("%" G_GINT64_FORMAT, kase->id);
  g_autofree char *user = g_strdup_printf ("%" G_GINT64_FORMAT, call->user->id);
  JsonArray *fields = json_array_new ();
  JsonObject *contact = json_object_new ();
  JsonObject *signature = json_object_new ();
  const char *title, *party_name, *dept_name;
  GDate today;

  if (kind == NULL)
    {
      g_warning ("item %s issues unknown document kind %s", kase->item_code, kind_id);
      g_set_error (error, YBS_ERROR, YBS_ERROR_INTERNAL, "事项定义缺少文书“%s”", kind_id);
      return 0;
    }
  title = json_object_get_string_member (kind, "title");
  ybs_today (&today);
  today_iso = yb_date_to_iso (&today);
  year = g_strdup_printf ("%u", g_date_get_year (&today));

  region = ybs_db_exec (conn, "doc_region", "SELECT bureau, coalesce(abbrev, left(name, 1)) FROM regions WHERE code = $1",
                        1, (const char *[]) { kase->region_code }, error);
  if (region == NULL)
    return 0;
  {
    const char *params[] = { kase->region_code, kind_id, year };
    serial = ybs_db_exec (conn, "doc_serial",
                          "INSERT INTO document_serials (region_code, kind, year, last_no) VALUES ($1, $2, $3::int, 1)"
                          " ON CONFLICT (region_code, kind, year) DO UPDATE SET last_no = document_serials.last_no + 1"
                          " RETURNING last_no",
                          3, params, error);
  }
  if (serial == NULL)
    return 0;
  serial_text = g_strdup_printf ("%s医保%s〔%s〕%04d号", PQgetvalue (region, 0, 1),
                                 json_object_get_string_member_with_default (kind, "serial_code", "文"),
                                 year, atoi (PQgetvalue (serial, 0, 0)));

  party_name = json_object_get_string_member_with_default (party, "name", "");
  dept_name = kase->item->department.name ? kase->item->department.name : "";
  {
    g_autofree char *started_iso = yb_date_to_iso (&kase->view.started);
    started_cn = chinese_date (started_iso);
  }
  today_cn = chinese_date (today_iso);
  due_cn = facts->due_on ? chinese_date (facts->due_on) : g_strdup ("");
  item_label = g_strdup_printf ("%s %s", kase->item->code, kase->item->full_name ? kase->item->full_name : kase->item->name);
  {
    const char *values[] = {
      "party", party_name, "item", kase->item->name,
      "item_code", kase->item->code, "case_no", kase->case_no, "date", today_cn, "started", started_cn,
      "due", due_cn, "time_limit", kase->item->time_limit.text ? kase->item->time_limit.text : "",
      "department", dept_name, "reason", facts->reason ? facts->reason : "",
      "bureau", PQgetvalue (region, 0, 0), NULL
    };

    json_object_set_string_member (doc, "bureau", PQgetvalue (region, 0, 0));
    json_object_set_string_member (doc, "title", title);
    json_object_set_string_member (doc, "serial", serial_text);
    json_object_set_string_member (doc, "addressee", party_name);
    json_object_set_member (doc, "paragraphs", filled_array (kind, "intro", values));
    add_field (fields, "事项", item_label);
    add_field (fields, "办件编号", kase->case_no);
    add_field (fields, "当事人", party_name);
    add_field (fields, "证件号码", json_object_get_string_member_with_default (party, "id_number", NULL));
    add_field (fields, "联系电话", json_object_get_string_member_with_default (party, "phone", NULL));
    add_field (fields, "申请日期", started_cn);
    if (facts->due_on != NULL)
      add_field (fields, "办结期限", due_cn);
    if (facts->reason != NULL)
      add_field (fields, "理由", facts->reason);
    json_object_set_array_member (doc, "fields", fields);
    if (facts->problems != NULL && !yb_problems_is_empty (facts->problems))
      {
        JsonArray *list = json_array_new ();
        for (guint i = 0; i < yb_problems_get_len (facts->problems); i++)
          json_array_add_string_element (list, yb_problems_get (facts->problems, i)->message);
        json_object_set_string_member (doc, "list_title",
                                       json_object_get_string_member_with_default (kind, "list_title", "请补正以下内容："));
        json_object_set_array_member (doc, "list", list);
      }
    json_object_set_member (doc, "closing", filled_array (kind, "closing", values));
    if (json_object_has_member (kind, "basis"))
      {
        g_autofree char *basis = fill (json_object_get_string_member (kind, "basis"), values);
        json_object_set_string_member (doc, "basis", basis);
      }
  }
  json_object_set_string_member (contact, "unit", dept_name);
  if (kase->item->department.phone)
    json_object_set_string_member (contact, "phone", kase->item->department.phone);
  if (kase->item->supervision_phone || kase->item->department.supervision_phone)
    json_object_set_string_member (contact, "supervision_phone",
                                   kase->item->supervision_phone ? kase->item->supervision_phone
                                                                 : kase->item->department.supervision_phone);
  json_object_set_object_member (doc, "contact", contact);
  json_object_set_string_member (signature, "clerk", call->user->display_name);
  json_object_set_string_member (signature, "date", today_iso);
  {
    g_autofree char *seal = g_strdup_printf ("%s（印章）", PQgetvalue (region, 0, 0));
    json_object_set_string_member (signature, "seal", seal);
  }
  json_object_set_object_member (doc, "signature", signature);
  if (json_object_has_member (kind, "copies"))
    json_object_set_member (doc, "copies", json_node_copy (json_object_get_member (kind, "copies")));

  pdf = ybs_pdf_render (doc, error);
  if (pdf == NULL)
    return 0;
  {
    gsize len = 0;
    const guchar *data = g_bytes_get_data (pdf, &len);
    GString *hex = g_string_sized_new (len * 2 + 2);
    static const char digits[] = "0123456789abcdef";

    g_string_append (hex, "\\x");
    for (gsize i = 0; i < len; i++)
      {
        g_string_append_c (hex, digits[data[i] >> 4]);
        g_string_append_c (hex, digits[data[i] & 15]);
      }
    pdf_hex = g_string_free (hex, FALSE);
    sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  }
  {
    g_autofree char *sha_hex = g_strconcat ("\\x", sha, NULL);
    const char *params[] = { kase->region_code, case_id, history, kind_id, year, PQgetvalue (serial, 0, 0),
                             serial_text, title, pdf_hex, sha_hex, user };
    stored = ybs_db_exec (conn, "doc_insert",
                          "INSERT INTO documents (region_code, case_id, history_id, kind, year, serial_no, serial,"
                          "                       title, pdf, sha256, issued_by)"
                          " VALUES ($1, $2::bigint, $3::bigint, $4, $5::int, $6::int, $7, $8, $9::bytea, $10::bytea, $11::bigint)"
                          " RETURNING id",
                          G_N_ELEMENTS (params), params, error);
  }
  if (stored == NULL)
    return 0;
  return g_ascii_strtoll (PQgetvalue (stored, 0, 0), NULL, 10);
}

gboolean
ybs_route_document_get (YbsCall   *call,
                        YbsDbConn *conn,
                        GError   **error)
{
  gint64 id;
  g_autofree char *id_text = NULL;
  g_autoptr(PGresult) res = NULL;
  size_t len = 0;
  guchar *bytes;

  if (!ybs_parse_id (ybs_call_param (call, "id"), &id, error))
    return FALSE;
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  res = ybs_db_exec (conn, "doc_get", "SELECT pdf, serial FROM documents WHERE id = $1::bigint AND region_code = $2",
                     2, (const char *[]) { id_text, call->user->region_code }, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, YBS_ERROR, YBS_ERROR_NOT_FOUND, "没有编号为 %s 的文书", id_text);
      return FALSE;
    }
  bytes = PQunescapeBytea ((const unsigned char *) PQgetvalue (res, 0, 0), &len);
  call->reply_bytes = g_bytes_new (bytes, len);
  PQfreemem (bytes);
  call->reply_type = g_strdup ("application/pdf");
  return TRUE;
}
