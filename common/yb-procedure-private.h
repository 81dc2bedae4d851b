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
 * so that they carry the procedure.* prefix). Called once every action is parsed, so
 * that @procedure can be asked which fields its actions record. */
typedef void (*YbGuardArgsCheck) (YbProcedure    *procedure,
                                  const YbAction *action,
                                  JsonObject     *args,
                                  const char     *path,
                                  YbJsonCheck    *jc);

/* The registered guard @name (built-in ones included), or NULL. */
YbGuardFunc yb_procedure_lookup_guard (const char       *name,
                                       YbGuardArgsCheck *args_check);

/* Built-in guards (yb-fields.c). */
gboolean    yb_guard_amount_within       (const YbItem     *item,
                                          const YbCaseView *view,
                                          JsonObject       *args,
                                          JsonObject       *input,
                                          YbProblems       *problems);
void        yb_guard_amount_within_check (YbProcedure    *procedure,
                                          const YbAction *action,
                                          JsonObject     *args,
                                          const char     *path,
                                          YbJsonCheck    *jc);
gboolean    yb_guard_late_fine           (const YbItem     *item,
                                          const YbCaseView *view,
                                          JsonObject       *args,
                                          JsonObject       *input,
                                          YbProblems       *problems);
void        yb_guard_late_fine_check     (YbProcedure    *procedure,
                                          const YbAction *action,
                                          JsonObject     *args,
                                          const char     *path,
                                          YbJsonCheck    *jc);
gboolean    yb_guard_case_field_is       (const YbItem     *item,
                                          const YbCaseView *view,
                                          JsonObject       *args,
                                          JsonObject       *input,
                                          YbProblems       *problems);
void        yb_guard_case_field_is_check (YbProcedure    *procedure,
                                          const YbAction *action,
                                          JsonObject     *args,
                                          const char     *path,
                                          YbJsonCheck    *jc);

/* The first field @id with type @type (or any type when @type < 0) that @action records,
 * else that any action of @procedure records; NULL when none. */
const YbField *yb_procedure_find_field (YbProcedure    *procedure,
                                        const YbAction *action,
                                        const char     *id,
                                        int             type);

/* The acting roles (yb_role_can_act), NULL-terminated. */
const char * const *yb_acting_roles (void);

/* ------------------------------------------------------------------------- fields (yb-fields.c) */

gboolean    yb_field_type_from_string (const char  *text,
                                       YbFieldType *out);
const YbField *yb_action_get_field    (const YbAction *action,
                                       const char     *id);

/* What field rules need to know besides the value: the other fields of the input, the
 * case's recorded fields (may be NULL), the day the case began (may be NULL or invalid:
 * no case_start bound), today (not NULL). */
typedef struct {
  YbProcedure    *procedure;  /* to name the fields a rule refers to; may be NULL */
  const YbAction *action;
  JsonObject   *values;       /* the input's "fields", or NULL */
  JsonObject   *recorded;     /* the case's recorded fields, or NULL */
  const GDate  *case_start;
  const GDate  *today;
} YbFieldContext;

/* A date bound ("not_before" / "not_after"): case_start, today±N or field:ID. */
typedef enum {
  YB_DATE_BOUND_CASE_START,
  YB_DATE_BOUND_TODAY,        /* offset days from today */
  YB_DATE_BOUND_FIELD,        /* the date in field id (this input's, else the case's) */
} YbDateBoundKind;

typedef struct {
  YbDateBoundKind  kind;
  int              offset;    /* today±N: N (−3660 … 3660) */
  const char      *field;     /* field:ID: points into the parsed text */
} YbDateBound;

/* Parses @text as a date bound; FALSE when it is none. */
gboolean    yb_date_bound_parse        (const char     *text,
                                        YbDateBound    *out);

/* Whether @value is a value @field can hold (for "equals", "required_when" and
 * case_field_is): a boolean for boolean fields, an integer for money and integer, one
 * of the options for choice, a string for the other text-like types; never for user
 * fields. On FALSE, *@why (when not NULL) says why, in Chinese. */
gboolean    yb_field_value_fits        (const YbField  *field,
                                        JsonNode       *value,
                                        char          **why);
/* The value as staff read it in messages: 是/否, the text, the number. */
char       *yb_field_value_text        (JsonNode       *value);

/* The value of field @id for a rule: this input's when it gives one (not null, not blank
 * text), else the case's recorded one; NULL when neither. */
JsonNode   *yb_field_lookup            (JsonObject     *values,
                                        JsonObject     *recorded,
                                        const char     *id);

/* The applicant's fields (every type but user): required (also by required_when),
 * type, format, range, date bounds, equals. */
void        yb_fields_check_application (const YbAction       *action,
                                         const YbFieldContext *context,
                                         YbProblems           *problems);
/* Staff fields (type user), with the two-officer rules for second_officer and the user
 * rules (role, not_actor, not_from_actions, distinct_from_fields). @view may be NULL. */
void        yb_fields_check_staff       (YbProcedure      *procedure,
                                         const YbAction   *action,
                                         JsonObject       *values,
                                         const YbCaseView *view,
                                         const YbActor    *actor,
                                         YbProblems       *problems);
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
