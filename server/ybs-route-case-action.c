/* ybs-route-case-action.c: POST /api/v1/cases/{id}/actions/{action}.
 *
 * One transaction: the idempotency key, the case row locked, the version compared, the
 * engine's verdict (every problem at once), then the new state, deadlines, the history
 * row, the documents and the audit entry. Any failure rolls all of it back, so a refused
 * action leaves the case and its history exactly as they were.
 */
#define G_LOG_DOMAIN "yibao-server"

#include <string.h>

#include "ybs-audit.h"
#include "ybs-calendar.h"
#include "ybs-case-model.h"
#include "ybs-documents.h"
#include "ybs-error.h"
#include "ybs-idempotency.h"
#include "ybs-routes.h"

/* The status that best says why the engine refused. */
static YbsErrorCode
refusal_code (const YbProblems *problems)
{
  if (yb_problems_has_code (problems, "action.unknown"))
    return YBS_ERROR_NOT_FOUND;
  if (yb_problems_has_code (problems, "action.role") && yb_problems_get_len (problems) == 1)
    return YBS_ERROR_FORBIDDEN;
  if (yb_problems_has_code (problems, "action.not_from_state") && yb_problems_get_len (problems) == 1)
    return YBS_ERROR_CONFLICT;
  return YBS_ERROR_BAD_REQUEST;
}

static const YbDeadlineDef *
find_deadline (YbProcedure *procedure,
               const char  *id)
{
  GPtrArray *defs = yb_procedure_get_deadlines (procedure);

  for (guint i = 0; i < defs->len; i++)
    if (g_str_equal (((YbDeadlineDef *) g_ptr_array_index (defs, i))->id, id))
      return g_ptr_array_index (defs, i);
  return NULL;
}

/* The limit a deadline starts with: the item's, the definition's, or the definition's
 * kind with its days taken from the starting action's input (bounded by the field's own
 * min and max, which the engine has checked). */
static YbTimeLimit
starting_limit (YbsCase             *kase,
                const YbDeadlineDef *def,
                JsonObject          *fields)
{
  YbTimeLimit limit;

  /* the parser guarantees every deadline an action names exists */
  if (def == NULL || def->item_limit)
    return *yb_item_time_limit_for_set (kase->item, kase->material_set);
  limit = def->limit;
  if (def->days_field != NULL && fields != NULL && json_object_has_member (fields, def->days_field))
    limit.days = (int) json_object_get_int_member (fields, def->days_field);
  return limit;
}

static JsonObject *
input_fields (JsonObject *input)
{
  JsonNode *node = json_object_get_member (input, "fields");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
update_deadlines (YbsDbConn      *conn,
                  YbsCase        *kase,
                  const YbAction *action,
                  JsonObject     *input,
                  gboolean        closing,
                  const GDate    *today,
                  char          **due_on,
                  GError        **error)
{
  g_autofree char *case_id = g_strdup_printf ("%" G_GINT64_FORMAT, kase->id);
  g_autofree char *today_iso = yb_date_to_iso (today);
  g_autoptr(PGresult) summary = NULL;
  g_autoptr(YbCalendar) calendar = ybs_calendar_get (conn, error);
  JsonObject *fields = input_fields (input);

  if (calendar == NULL)
    return FALSE;

  /* A closed case has no clock running, whatever its procedure forgot to stop. */
  if (action->stops_deadline != NULL || closing)
    {
      const char *params[] = { case_id, closing ? NULL : action->stops_deadline, today_iso };
      g_autoptr(PGresult) res = ybs_db_exec (conn, "deadline_stop",
                                             "UPDATE case_deadlines SET stopped_on = $3::date"
                                             " WHERE case_id = $1::bigint AND ($2::text IS NULL OR deadline_id = $2)"
                                             "   AND stopped_on IS NULL",
                                             3, params, error);
      if (res == NULL)
        return FALSE;
    }

  if (action->extends_deadline != NULL && fields != NULL && json_object_has_member (fields, action->extends_days_field))
    {
      const YbDeadlineDef *def = find_deadline (kase->item->procedure, action->extends_deadline);
      YbTimeLimit limit = starting_limit (kase, def, NULL);
      guint extra = (guint) json_object_get_int_member (fields, action->extends_days_field);
      const char *params[] = { case_id, action->extends_deadline };
      g_autoptr(PGresult) running = ybs_db_exec (conn, "deadline_running",
                                                 "SELECT id, to_char(due_on, 'YYYY-MM-DD') FROM case_deadlines"
                                                 " WHERE case_id = $1::bigint AND deadline_id = $2 AND stopped_on IS NULL"
                                                 " FOR UPDATE", 2, params, error);
      if (running == NULL)
        return FALSE;
      for (int i = 0; i < PQntuples (running); i++)
        {
          GDate due, extended;
          gboolean provisional = FALSE;
          g_autofree char *extended_iso = NULL;
          g_autoptr(PGresult) res = NULL;

          yb_date_parse_iso (PQgetvalue (running, i, 1), &due);
          if (limit.kind == YB_TIME_LIMIT_WORKING_DAYS)
            yb_calendar_add_working_days (calendar, &due, extra, &extended, &provisional);
          else
            yb_calendar_add_calendar_days (calendar, &due, extra, &extended, &provisional);
          extended_iso = yb_date_to_iso (&extended);
          res = ybs_db_exec (conn, "deadline_extend",
                             "UPDATE case_deadlines SET due_on = $2::date, provisional = provisional OR $3::bool"
                             " WHERE id = $1::bigint", 3,
                             (const char *[]) { PQgetvalue (running, i, 0), extended_iso, provisional ? "t" : "f" }, error);
          if (res == NULL)
            return FALSE;
        }
    }

  if (action->starts_deadline != NULL && !closing)
    {
      const YbDeadlineDef *def = find_deadline (kase->item->procedure, action->starts_deadline);
      YbTimeLimit limit = starting_limit (kase, def, fields);
      gboolean provisional = FALSE;
      GDate due;

      if (def != NULL && yb_calendar_due_date (calendar, &limit, today, &due, &provisional))
        {
          g_autofree char *due_iso = yb_date_to_iso (&due);
          const char *params[] = { case_id, def->id, def->name, today_iso, due_iso, provisional ? "t" : "f" };
          g_autoptr(PGresult) stop = NULL;
          g_autoptr(PGresult) res = NULL;

          /* a restart replaces the running clock; the stopped rows stay as the record */
          stop = ybs_db_exec (conn, "deadline_restart",
                              "UPDATE case_deadlines SET stopped_on = $3::date"
                              " WHERE case_id = $1::bigint AND deadline_id = $2 AND stopped_on IS NULL",
                              3, (const char *[]) { case_id, def->id, today_iso }, error);
          if (stop == NULL)
            return FALSE;
          res = ybs_db_exec (conn, "deadline_start",
            "INSERT INTO case_deadlines (case_id, deadline_id, name, started_on, due_on, provisional)"
            " VALUES ($1::bigint, $2, $3, $4::date, $5::date, $6::bool)",
            G_N_ELEMENTS (params), params, error);
          if (res == NULL)
            return FALSE;
        }
    }

  summary = ybs_db_exec (conn, "deadline_summary",
    "UPDATE cases SET (due_on, due_provisional) ="
    "  (SELECT min(due_on), coalesce(bool_or(provisional), false) FROM case_deadlines"
    "    WHERE case_id = $1::bigint AND stopped_on IS NULL)"
    " WHERE id = $1::bigint RETURNING to_char(due_on, 'YYYY-MM-DD')",
    1, (const char *[]) { case_id }, error);
  if (summary == NULL)
    return FALSE;
  *due_on = PQgetisnull (summary, 0, 0) ? NULL : g_strdup (PQgetvalue (summary, 0, 0));
  return TRUE;
}

gboolean
ybs_route_case_action (YbsCall   *call,
                       YbsDbConn *conn,
                       GError   **error)
{
  g_autoptr(YbsCase) kase = NULL;
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbProblems) notice = NULL;
  g_autoptr(JsonObject) empty = json_object_new ();
  g_auto(YbsActor) actor = { 0 };
  g_autoptr(PGresult) hist = NULL;
  g_autoptr(PGresult) upd = NULL;
  g_autoptr(GString) serials = g_string_new (NULL);
  g_autofree char *input_text = NULL, *notice_text = NULL, *due_on = NULL, *version = NULL;
  g_autofree char *case_id = NULL, *user = NULL, *second = NULL;
  const char *action_id = ybs_call_param (call, "action");
  JsonObject *input = call->body ? json_node_get_object (call->body) : empty;
  const YbAction *action;
  const YbState *to_state;
  const char *reason = NULL, *override_reason = NULL;
  gboolean replay;
  gint64 id, history_id;
  GDate today;

  if (!ybs_parse_id (ybs_call_param (call, "id"), &id, error))
    return FALSE;
  if (!ybs_db_begin (conn, error) || !ybs_idempotency_begin (conn, call, &replay, error))
    return FALSE;
  if (replay)
    return ybs_db_commit (conn, error);

  kase = ybs_case_load (conn, call, id, TRUE, error);
  if (kase == NULL)
    return FALSE;
  if (call->if_match == NULL)
    {
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_PRECONDITION_REQUIRED,
                           "修改办件须带 If-Match（办件版本号），以免覆盖他人的修改");
      return FALSE;
    }
  version = g_strdup_printf ("%d", kase->version);
  if (!g_str_equal (call->if_match, version))
    {
      call->problem_detail = g_strdup_printf ("您看到的是第 %s 版，当前为第 %s 版", call->if_match, version);
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_PRECONDITION, "办件已被他人修改，请刷新后重试");
      return FALSE;
    }

  ybs_today (&today);
  ybs_actor_init (&actor, call, conn);
  if (!yb_procedure_check_action (kase->item->procedure, kase->item, &kase->view, &actor.actor,
                                  action_id, input, &today, problems))
    {
      YbsErrorCode code = refusal_code (problems);
      const YbAction *refused = yb_procedure_get_action (kase->item->procedure, action_id);
      g_autofree char *title = g_strdup_printf ("无法执行“%s”", refused ? refused->name : action_id);
      call->problems = g_steal_pointer (&problems);
      g_set_error_literal (error, YBS_ERROR, code, title);
      return FALSE;
    }
  action = yb_procedure_get_action (kase->item->procedure, action_id);
  to_state = yb_procedure_get_state (kase->item->procedure, action->to);

  if (action->materials == YB_MATERIALS_INCOMPLETE)
    {
      notice = yb_problems_new ();
      yb_procedure_notice_problems (kase->item->procedure, kase->item, &kase->view, action_id, input, &today, notice);
      {
        g_autoptr(JsonBuilder) b = json_builder_new ();
        g_autoptr(JsonNode) root = NULL;
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "problems");
        json_builder_add_value (b, yb_problems_to_json (notice));
        json_builder_set_member_name (b, "input");
        json_builder_add_value (b, json_node_init_object (json_node_alloc (), input));
        json_builder_end_object (b);
        root = json_builder_get_root (b);
        notice_text = json_to_string (root, FALSE);
      }
    }
  if (json_object_has_member (input, "reason") && JSON_NODE_HOLDS_VALUE (json_object_get_member (input, "reason")))
    reason = json_object_get_string_member (input, "reason");
  /* Only a chief's override counts (the engine enforces that), so only a chief's is
   * recorded: a clerk's text there must not read as an override in the history. */
  if ((call->user->roles & YBS_ROLE_CHIEF) &&
      json_object_has_member (input, "override") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (input, "override")))
    override_reason = json_object_get_string_member_with_default (json_object_get_object_member (input, "override"),
                                                                  "reason", NULL);
  if (json_object_has_member (input, "fields") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (input, "fields")))
    {
      JsonObject *fields = json_object_get_object_member (input, "fields");
      if (json_object_has_member (fields, "second_officer"))
        second = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (fields, "second_officer"));
    }

  case_id = g_strdup_printf ("%" G_GINT64_FORMAT, kase->id);
  user = g_strdup_printf ("%" G_GINT64_FORMAT, call->user->id);
  {
    g_autoptr(JsonNode) input_node = json_node_init_object (json_node_alloc (), input);
    input_text = json_to_string (input_node, FALSE);
  }
  {
    const char *params[] = { case_id, action_id, kase->state, action->to, user, call->user->display_name,
                             second, input_text, notice_text ? notice_text : NULL, override_reason };
    hist = ybs_db_exec (conn, "case_history_action",
      "INSERT INTO case_history (case_id, seq, action, from_state, to_state, actor_id, actor_name,"
      "                          second_officer_id, input, problems, override_reason)"
      " SELECT $1::bigint, max(seq) + 1, $2, $3, $4, $5::bigint, $6, $7::bigint, $8::jsonb,"
      "        ($9::jsonb) -> 'problems', $10 FROM case_history WHERE case_id = $1::bigint"
      " RETURNING id",
      G_N_ELEMENTS (params), params, error);
  }
  if (hist == NULL)
    return FALSE;
  history_id = g_ascii_strtoll (PQgetvalue (hist, 0, 0), NULL, 10);

  {
    const char *kind = to_state->kind == YB_STATE_CLOSED ? "closed" : to_state->kind == YB_STATE_WAITING ? "waiting" : "open";
    const char *params[] = { case_id, action->to, kind, input_text, notice_text };
    upd = ybs_db_exec (conn, "case_apply",
      "UPDATE cases SET state = $2, state_kind = $3, version = version + 1, updated_at = now(),"
      "  fields = fields || coalesce(($4::jsonb) -> 'fields', '{}'::jsonb),"
      "  materials = coalesce(($4::jsonb) -> 'materials', materials),"
      "  material_set = coalesce(($4::jsonb) ->> 'material_set', material_set),"
      "  last_notice = coalesce($5::jsonb, last_notice),"
      "  closed_at = CASE WHEN $3 = 'closed' THEN now() ELSE NULL END"
      " WHERE id = $1::bigint RETURNING version",
      G_N_ELEMENTS (params), params, error);
  }
  if (upd == NULL)
    return FALSE;
  if (json_object_has_member (input, "material_set") && JSON_NODE_HOLDS_VALUE (json_object_get_member (input, "material_set")))
    {
      g_free (kase->material_set);
      kase->material_set = g_strdup (json_object_get_string_member (input, "material_set"));
      kase->view.material_set = kase->material_set;
    }
  if (!update_deadlines (conn, kase, action, input, to_state->kind == YB_STATE_CLOSED, &today, &due_on, error))
    return FALSE;

  for (guint i = 0; action->documents != NULL && action->documents[i] != NULL; i++)
    {
      YbsDocumentFacts facts = { reason, notice, due_on };
      gint64 doc = ybs_document_issue (conn, call, kase, history_id, action->documents[i], &facts, error);
      if (doc == 0)
        return FALSE;
      g_string_append_printf (serials, "%s%s", serials->len ? "," : "", action->documents[i]);
    }

  {
    g_autofree char *detail = ybs_audit_detail ("case_no", kase->case_no, "action", action_id, "from", kase->state,
                                                "to", action->to, "documents", serials->str,
                                                "override", override_reason, "request_id", call->request_id, NULL);
    if (!ybs_audit_append (conn, kase->region_code, call->user->id, call->user->username, "case.action", "case",
                           case_id, detail, error))
      return FALSE;
  }

  g_clear_pointer (&kase, ybs_case_free);
  kase = ybs_case_load (conn, call, id, FALSE, error);
  if (kase == NULL)
    return FALSE;
  call->reply_raw = ybs_case_json (conn, call, kase, error);
  if (call->reply_raw == NULL)
    return FALSE;
  return ybs_idempotency_finish (conn, call, error) && ybs_db_commit (conn, error);
}
