/* ybs-case-model.h: a case as the handlers need it: its item (definition parsed by
 * common/), the engine's view of it (state, history, last one-time notice), and the
 * JSON the API answers with. */
#pragma once

#include "yb-procedure.h"
#include "ybs-call.h"

G_BEGIN_DECLS

typedef struct {
  gint64        id;
  char         *case_no;
  char          region_code[7];
  char         *item_code;
  char         *state;
  int           version;
  char         *material_set;
  gint64        department_id;
  YbItem       *item;
  YbCaseView    view;           /* state and history for the engine */
  GPtrArray    *history;        /* YbHistoryEntry*, owned (view.history points here) */
  JsonNode     *last_notice;    /* {problems, input} or NULL */
  JsonNode     *fields;         /* merged fields so far */
  JsonNode     *party;          /* {kind, name, id_number, phone} */
} YbsCase;

void      ybs_case_free          (YbsCase *self);
/* The item @code as the user's county offers it; 404 when not. */
YbItem   *ybs_item_load          (YbsDbConn  *conn,
                                  const char *region,
                                  const char *code,
                                  GError    **error);
/* Loads case @id of the caller's county (404 otherwise), with FOR UPDATE when @lock. */
YbsCase  *ybs_case_load          (YbsDbConn  *conn,
                                  YbsCall    *call,
                                  gint64      id,
                                  gboolean    lock,
                                  GError    **error);
/* The caller as the engine sees them. "user" fields are checked against the database
 * through @conn, within the caller's county. */
typedef struct {
  YbActor    actor;
  GStrv      roles;
  YbsDbConn *conn;
  char       region[7];
} YbsActor;

void      ybs_actor_init         (YbsActor   *self,
                                  YbsCall    *call,
                                  YbsDbConn  *conn);
void      ybs_actor_clear        (YbsActor   *self);
/* The full case JSON (party, state, deadlines with due status, the caller's options,
 * documents, history). */
char     *ybs_case_json          (YbsDbConn  *conn,
                                  YbsCall    *call,
                                  YbsCase    *kase,
                                  GError    **error);
/* Parses a positive integer path parameter, or fails with 404. */
gboolean  ybs_parse_id           (const char *text,
                                  gint64     *out,
                                  GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbsCase, ybs_case_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (YbsActor, ybs_actor_clear)

G_END_DECLS
