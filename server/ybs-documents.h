/* ybs-documents.h: issuing a printed document inside an action's transaction: the next
 * serial of its kind for the county and year (no gaps: a rolled-back issue gives its
 * number back), its text from the catalogue's template for the kind, the PDF, and an
 * immutable row. */
#pragma once

#include "ybs-case-model.h"

G_BEGIN_DECLS

typedef struct {
  const char *reason;       /* a refusal's reason, or NULL */
  YbProblems *problems;     /* a one-time notice's list, or NULL */
  const char *due_on;       /* "YYYY-MM-DD" of the handling deadline, or NULL */
} YbsDocumentFacts;

/* Returns the new document's id, or 0 with @error. */
gint64   ybs_document_issue (YbsDbConn              *conn,
                             YbsCall                *call,
                             YbsCase                *kase,
                             gint64                  history_id,
                             const char             *kind,
                             const YbsDocumentFacts *facts,
                             GError                **error);

/* GET /api/v1/documents/{id}: the stored PDF. */
gboolean ybs_route_document_get (YbsCall   *call,
                                 YbsDbConn *conn,
                                 GError   **error);

G_END_DECLS
