/* yb-procedure.c: a procedure's lifecycle and accessors, the registry of named guards,
 * and the small vocabularies (state kinds, acting roles). Parsing is in
 * yb-procedure-parse.c, what an action needs at run time in yb-procedure-check.c, the
 * one-time notice in yb-notice.c. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-procedure-private.h"

/* The roles a staff user can hold and act in (the roles table without city_viewer, which
 * only looks). applicant, institution and party_group name who acts in a flowchart step
 * but never log in: an action only they could take could never be taken. */
static const char * const acting_roles[] = {
  "clerk", "chief", "inspector", "settlement", "leader", "admin", NULL,
};

static const struct {
  YbStateKind  kind;
  const char  *text;
} state_kinds[] = {
  { YB_STATE_OPEN, "open" },
  { YB_STATE_WAITING, "waiting" },
  { YB_STATE_CLOSED, "closed" },
};

/* ------------------------------------------------------------------------- guard registry */

typedef struct {
  YbGuardFunc      func;
  YbGuardArgsCheck args_check;
} Guard;

static GMutex guards_lock;
static GHashTable *guards;   /* name → Guard*; guarded by guards_lock */

/* Called with guards_lock held. */
static void
ensure_guards (void)
{
  Guard *builtin;

  if (guards != NULL)
    return;
  guards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Built in so that the client and the server always know the same rules. */
  builtin = g_new0 (Guard, 1);
  builtin->func = yb_guard_amount_within;
  builtin->args_check = yb_guard_amount_within_check;
  g_hash_table_insert (guards, g_strdup ("amount_within"), builtin);
}

void
yb_procedure_register_guard (const char  *name,
                             YbGuardFunc  func)
{
  Guard *guard;

  g_return_if_fail (name != NULL && name[0] != '\0');
  g_return_if_fail (func != NULL);

  guard = g_new0 (Guard, 1);
  guard->func = func;
  g_mutex_lock (&guards_lock);
  ensure_guards ();
  g_hash_table_insert (guards, g_strdup (name), guard);
  g_mutex_unlock (&guards_lock);
}

YbGuardFunc
yb_procedure_lookup_guard (const char       *name,
                           YbGuardArgsCheck *args_check)
{
  Guard *guard;
  YbGuardFunc func = NULL;

  if (args_check != NULL)
    *args_check = NULL;
  if (name == NULL)
    return NULL;
  g_mutex_lock (&guards_lock);
  ensure_guards ();
  guard = g_hash_table_lookup (guards, name);
  if (guard != NULL)
    {
      func = guard->func;
      if (args_check != NULL)
        *args_check = guard->args_check;
    }
  g_mutex_unlock (&guards_lock);
  return func;
}

/* ------------------------------------------------------------------------- internal API */

void
yb_field_free (gpointer data)
{
  YbField *field = data;

  g_free (field->id);
  g_free (field->name);
  g_strfreev (field->options);
  g_free (field->not_before);
  g_free (field->not_after);
  g_free (field);
}

void
yb_state_free (gpointer data)
{
  YbState *state = data;

  g_free (state->id);
  g_free (state->name);
  g_free (state);
}

void
yb_action_free (gpointer data)
{
  YbAction *action = data;

  g_free (action->id);
  g_free (action->name);
  g_strfreev (action->from);
  g_free (action->to);
  g_strfreev (action->roles);
  g_clear_pointer (&action->fields, g_ptr_array_unref);
  g_strfreev (action->distinct_from);
  g_strfreev (action->documents);
  g_free (action->starts_deadline);
  g_free (action->stops_deadline);
  g_clear_pointer (&action->guards, json_array_unref);
  g_free (action);
}

void
yb_deadline_def_free (gpointer data)
{
  YbDeadlineDef *deadline = data;

  g_free (deadline->id);
  g_free (deadline->name);
  g_free (deadline->limit.text);
  g_free (deadline);
}

gboolean
yb_state_kind_from_string (const char  *text,
                           YbStateKind *out)
{
  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (state_kinds); i++)
    if (g_str_equal (state_kinds[i].text, text))
      {
        *out = state_kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------------- public API */

YbProcedure *
yb_procedure_ref (YbProcedure *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
yb_procedure_unref (YbProcedure *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->initial);
      g_ptr_array_unref (self->states);
      g_ptr_array_unref (self->actions);
      g_ptr_array_unref (self->deadlines);
      g_free (self);
    }
}

const char *
yb_procedure_get_initial (YbProcedure *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->initial;
}

const YbState *
yb_procedure_get_state (YbProcedure *self,
                        const char  *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; id != NULL && i < self->states->len; i++)
    {
      const YbState *state = g_ptr_array_index (self->states, i);

      if (g_strcmp0 (state->id, id) == 0)
        return state;
    }
  return NULL;
}

const YbAction *
yb_procedure_get_action (YbProcedure *self,
                         const char  *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; id != NULL && i < self->actions->len; i++)
    {
      const YbAction *action = g_ptr_array_index (self->actions, i);

      if (g_strcmp0 (action->id, id) == 0)
        return action;
    }
  return NULL;
}

GPtrArray *
yb_procedure_get_states (YbProcedure *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->states;
}

GPtrArray *
yb_procedure_get_actions (YbProcedure *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->actions;
}

GPtrArray *
yb_procedure_get_deadlines (YbProcedure *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->deadlines;
}

const char *
yb_state_kind_to_string (YbStateKind kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (state_kinds); i++)
    if (state_kinds[i].kind == kind)
      return state_kinds[i].text;
  g_return_val_if_reached (NULL);
}

gboolean
yb_role_can_act (const char *role)
{
  return role != NULL && g_strv_contains (acting_roles, role);
}
