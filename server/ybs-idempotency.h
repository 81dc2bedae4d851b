/* ybs-idempotency.h: Idempotency-Key on writes. Inside the write's own transaction, so
 * a key is remembered exactly when the write it guards was committed. */
#pragma once

#include "ybs-call.h"

G_BEGIN_DECLS

/* Claims the call's key for its user. Returns FALSE with an error when the key is
 * missing or malformed (400), or was used for a different request (422). Sets @replay
 * and fills the call's answer from the stored one when this exact request was already
 * answered; the caller then commits and returns without doing the work again. */
gboolean ybs_idempotency_begin  (YbsDbConn *conn,
                                 YbsCall   *call,
                                 gboolean  *replay,
                                 GError   **error);
/* Stores the call's answer (status and JSON) under its key. */
gboolean ybs_idempotency_finish (YbsDbConn *conn,
                                 YbsCall   *call,
                                 GError   **error);

G_END_DECLS
