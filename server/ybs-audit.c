/* ybs-audit.c: the server's one way to write the audit log (yb_audit_append in SQL does
 * the chaining, so the admin tool and the server chain identically). */
#define G_LOG_DOMAIN "yibao-audit"

#include <json-glib/json-glib.h>

#include "ybs-audit.h"

gboolean
ybs_audit_append (YbsDbConn  *conn,
                  const char *region,
                  gint64      actor_id,
                  const char *actor_name,
                  const char *action,
                  const char *object_type,
                  const char *object_id,
                  const char *detail,
                  GError    **error)
{
  g_autofree char *actor = actor_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, actor_id) : NULL;
  const char *params[] = { region ? region : "000000", actor, actor_name, action, object_type, object_id,
                           detail ? detail : "{}" };
  g_autoptr(PGresult) res = ybs_db_exec (conn, "audit_append",
                                         "SELECT yb_audit_append($1, $2::bigint, $3, $4, $5, $6, $7::jsonb)",
                                         G_N_ELEMENTS (params), params, error);
  return res != NULL;
}

char *
ybs_audit_detail (const char *first_member, ...)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (b);
  va_start (args, first_member);
  for (const char *name = first_member; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);
      json_builder_set_member_name (b, name);
      if (value != NULL)
        json_builder_add_string_value (b, value);
      else
        json_builder_add_null_value (b);
    }
  va_end (args);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}
