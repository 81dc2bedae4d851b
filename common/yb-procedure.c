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

static const struct {
  const char       *name;
  YbGuardFunc       func;
  YbGuardArgsCheck  args_check;
} builtin_guards[] = {
  { "amount_within", yb_guard_amount_within, yb_guard_amount_within_check },
  { "late_fine", yb_guard_late_fine, yb_guard_late_fine_check },
  { "case_field_is", yb_guard_case_field_is, yb_guard_case_field_is_check },
};

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
  for (gsize i = 0; i < G_N_ELEMENTS (builtin_guards); i++)
    {
      builtin = g_new0 (Guard, 1);
      builtin->func = builtin_guards[i].func;
      builtin->args_check = builtin_guards[i].args_check;
      g_hash_table_insert (guards, g_strdup (builtin_guards[i].name), builtin);
    }
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
  g_clear_pointer (&field->equals, json_node_unref);
  g_free (field->required_when_field);
  g_clear_pointer (&field->required_when_in, json_array_unref);
  g_free (field->role);
  g_strfreev (field->not_from_actions);
  g_strfreev (field->distinct_from_fields);
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
  g_free (action->extends_deadline);
  g_free (action->extends_days_field);
  g_strfreev (action->material_sets);
  g_strfreev (action->not_by_fields);
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
  g_free (deadline->days_field);
  g_free (deadline);
}

const YbField *
yb_procedure_find_field (YbProcedure    *procedure,
                         const YbAction *action,
                         const char     *id,
                         int             type)
{
  const YbField *field = action != NULL && id != NULL ? yb_action_get_field (action, id) : NULL;

  if (field != NULL && (type < 0 || field->type == (YbFieldType) type))
    return field;
  for (guint i = 0; procedure != NULL && id != NULL && i < procedure->actions->len; i++)
    {
      field = yb_action_get_field (g_ptr_array_index (procedure->actions, i), id);
      if (field != NULL && (type < 0 || field->type == (YbFieldType) type))
        return field;
    }
  return NULL;
}

const char * const *
yb_acting_roles (void)
{
  return acting_roles;
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

gboolean
yb_procedure_check_material_sets (YbProcedure  *self,
                                  const YbItem *item,
                                  const char   *path,
                                  YbProblems   *problems)
{
  guint before;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  before = yb_problems_get_len (problems);
  for (guint i = 0; i < self->actions->len; i++)
    {
      const YbAction *action = g_ptr_array_index (self->actions, i);

      for (guint j = 0; action->material_sets != NULL && action->material_sets[j] != NULL; j++)
        {
          gboolean known = FALSE;

          for (guint k = 0; item->material_sets != NULL && k < item->material_sets->len && !known; k++)
            known = g_strcmp0 (((const YbMaterialSet *) g_ptr_array_index (item->material_sets, k))->id,
                               action->material_sets[j]) == 0;
          if (!known)
            {
              g_autofree char *where = g_strdup_printf ("%s%sactions[%u].material_sets[%u]",
                                                        path != NULL ? path : "",
                                                        path != NULL && path[0] != '\0' ? "." : "", i, j);

              yb_problems_add (problems, "procedure.unknown_material_set", where,
                               "事项 %s 没有“%s”这种情形（material_sets）", item->code,
                               action->material_sets[j]);
            }
        }
    }
  return yb_problems_get_len (problems) == before;
}
