/* ybs-audit.h: appending to the hash-chained audit log inside the caller's transaction. */
#pragma once

#include "ybs-db.h"

G_BEGIN_DECLS

/* @region NULL → "000000" (events of no county); @actor_id 0 → none; @detail a JSON
 * object as text, or NULL. */
gboolean ybs_audit_append (YbsDbConn  *conn,
                           const char *region,
                           gint64      actor_id,
                           const char *actor_name,
                           const char *action,
                           const char *object_type,
                           const char *object_id,
                           const char *detail,
                           GError    **error);

/* Builds a detail object from pairs of member names and string values, NULL-terminated. */
char    *ybs_audit_detail (const char *first_member, ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
