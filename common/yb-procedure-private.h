/* yb-procedure-private.h: what the procedure engine's files share inside common/: the
 * procedure struct and its parts' destructors, the guard registry with its argument
 * checkers, field validation (yb-fields.c) and the deficiency list behind both
 * acceptance and the one-time notice. */
#pragma once

#include "yb-json-check-private.h"
#include "yb-procedure.h"

G_BEGIN_DECLS

struct _YbProcedure {
  gatomicrefcount  ref_count;
  char            *initial;
  GPtrArray       *states;      /* YbState* */
  GPtrArray       *actions;     /* YbAction* */
  GPtrArray       *deadlines;   /* YbDeadlineDef* */
};

/* Destructors of the procedure's parts (yb-procedure.c), for the parser's arrays. */
void        yb_field_free         (gpointer data);
void        yb_state_free         (gpointer data);
void        yb_action_free        (gpointer data);
void        yb_deadline_def_free  (gpointer data);
gboolean    yb_state_kind_from_string (const char  *text,
                                       YbStateKind *out);

/* The field a two-officer action records its second officer in. */
#define YB_SECOND_OFFICER_FIELD "second_officer"

/* ------------------------------------------------------------------------- guards */

/* Checks a guard's "args" when a procedure is parsed (problems under @path, through @jc
 * so that they carry the procedure.* prefix). */
typedef void (*YbGuardArgsCheck) (const YbAction *action,
                                  JsonObject     *args,
                                  const char     *path,
                                  YbJsonCheck    *jc);

/* The registered guard @name (built-in ones included), or NULL. */
YbGuardFunc yb_procedure_lookup_guard (const char       *name,
                                       YbGuardArgsCheck *args_check);

/* Built-in guards (yb-fields.c). */
gboolean    yb_guard_amount_within       (const YbItem *item,
                                          JsonObject   *args,
                                          JsonObject   *input,
                                          YbProblems   *problems);
void        yb_guard_amount_within_check (const YbAction *action,
                                          JsonObject     *args,
                                          const char     *path,
                                          YbJsonCheck    *jc);

/* ------------------------------------------------------------------------- fields (yb-fields.c) */

gboolean    yb_field_type_from_string (const char  *text,
                                       YbFieldType *out);
const YbField *yb_action_get_field    (const YbAction *action,
                                       const char     *id);

/* The applicant's fields (every type but user): required, type, format, range, date
 * bounds. @case_start may be NULL or invalid (no case_start bound); @today not NULL. */
void        yb_fields_check_application (const YbAction *action,
                                         JsonObject     *values,
                                         const GDate    *case_start,
                                         const GDate    *today,
                                         YbProblems     *problems);
/* Staff fields (type user), with the two-officer rules for second_officer. */
void        yb_fields_check_staff       (const YbAction *action,
                                         JsonObject     *values,
                                         const YbActor  *actor,
                                         YbProblems     *problems);
/* Members of @values the action does not define: field.unknown. */
void        yb_fields_check_unknown     (const YbAction *action,
                                         JsonObject     *values,
                                         YbProblems     *problems);

/* "窗口人员、科长" for role codes. */
char       *yb_role_names               (GStrv           roles);

/* ------------------------------------------------------------------------- input, notice */

/* A member of the action input when it is of @kind; NULL when absent or mistyped. */
JsonNode   *yb_input_member (JsonObject *input,
                             const char *name,
                             YbJsonKind  kind);

/* *@today when given and valid, else the local date. */
void        yb_today_or     (const GDate *today,
                             GDate       *out);

/* What the applicant must correct for @action: the application fields and, unless the
 * action ignores materials, the material check (yb-notice.c). @view may be NULL. */
void        yb_procedure_collect_deficiencies (const YbAction   *action,
                                               const YbItem     *item,
                                               const YbCaseView *view,
                                               JsonObject       *input,
                                               const GDate      *today,
                                               YbProblems       *problems);

G_END_DECLS
