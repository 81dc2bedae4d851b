/* yb-procedure.h: the procedure engine. A procedure (schema/catalogue/README.md,
 * "Procedures") is a state machine as data; the engine answers two questions for any
 * item, with no item-specific code:
 *   - which actions may this user take on this case now, and what would each need
 *     (the client shows them as buttons with their forms), and
 *   - is this action, with this input, allowed now (the server asks before applying it,
 *     inside the transaction that writes the history and the audit entry).
 * Every problem is listed at once, with stable codes. */
#pragma once

#include "yb-catalogue.h"

G_BEGIN_DECLS

typedef enum {
  YB_STATE_OPEN,
  YB_STATE_WAITING,
  YB_STATE_CLOSED,
} YbStateKind;

typedef enum {
  YB_MATERIALS_IGNORED = 0,
  YB_MATERIALS_COMPLETE,
  YB_MATERIALS_INCOMPLETE,
} YbMaterialsRule;

typedef enum {
  YB_REASON_ABSENT = 0,
  YB_REASON_OPTIONAL,
  YB_REASON_REQUIRED,
} YbReasonRule;

typedef enum {
  YB_FIELD_TEXT,
  YB_FIELD_RESIDENT_ID,
  YB_FIELD_CREDIT_CODE,
  YB_FIELD_MOBILE,
  YB_FIELD_REGION,
  YB_FIELD_DATE,
  YB_FIELD_MONEY,
  YB_FIELD_INTEGER,
  YB_FIELD_CHOICE,
  YB_FIELD_BOOLEAN,
  YB_FIELD_USER,
} YbFieldType;

typedef struct {
  char        *id;
  char        *name;
  YbFieldType  type;
  gboolean     required;
  gint64       min, max;        /* text: length; money/integer: value; 0/0 = none */
  gboolean     has_min, has_max;
  GStrv        options;         /* choice */
  char        *not_before;      /* date bound: "case_start", "today", "today+N", "today-N", */
  char        *not_after;       /*   or "field:ID" (this input's or the case's field) or NULL */
  JsonNode    *equals;          /* the value the field must have (e.g. true), or NULL */
  char        *required_when_field; /* required when that field (input or case) … */
  JsonArray   *required_when_in;    /* … has one of these values (JSON scalars) */
  /* user fields */
  char        *role;            /* the user must hold this role in the county, or NULL */
  gboolean     not_actor;       /* must not be the one taking the action */
  GStrv        not_from_actions; /* must not have taken (or seconded) these actions */
  GStrv        distinct_from_fields; /* must differ from these user fields: of this input
                                      * when it gives them, else as recorded on the case
                                      * (e.g. "recused_user") */
} YbField;

typedef struct {
  char      *id;
  char      *name;
  YbStateKind kind;
} YbState;

typedef struct {
  char            *id;
  char            *name;
  GStrv            from;
  char            *to;
  GStrv            roles;
  YbMaterialsRule  materials;
  GPtrArray       *fields;          /* YbField* */
  YbReasonRule     reason;
  GStrv            distinct_from;   /* action ids */
  int              officers;        /* 1 or 2 */
  GStrv            documents;       /* document kinds */
  char            *starts_deadline; /* deadline id or NULL */
  char            *stops_deadline;
  char            *extends_deadline;   /* a running deadline this action extends … */
  char            *extends_days_field; /* … by this integer field's days */
  GStrv            material_sets;   /* the sets this action is for (NULL: any) */
  GStrv            not_by_fields;   /* user fields (as recorded on the case) whose user may
                                     * not take this action, e.g. "recused_user"; NULL: none */
  JsonArray       *guards;          /* [{rule, args}], checked by named rules */
} YbAction;

typedef struct {
  char        *id;
  char        *name;
  gboolean     item_limit;          /* "limit": "item" */
  YbTimeLimit  limit;               /* when not item_limit */
  char        *days_field;          /* the starting action's integer field that sets the
                                     * days (limit.days is then the most allowed) */
} YbDeadlineDef;

typedef struct _YbProcedure YbProcedure;

/* Parses and checks one procedure: every state and action id unique, every from/to an
 * existing state, the initial state exists, no action out of a closed state, roles
 * known, field types known, distinct_from naming existing actions, deadlines named by
 * actions existing, documents named existing in @document_kinds (may be NULL to skip),
 * and every reference across steps (schema/catalogue/README.md, "Rules across steps")
 * resolving: a "field:ID" date bound to a date field, required_when to a field (its
 * values among a choice field's options), distinct_from_fields and not_by_fields to
 * user fields, not_from_actions to actions, a deadline's days_field to an integer field
 * of every action that starts it (bounded by 1 and the deadline's days), an extension
 * to a deadline counted in days and an integer field of the action, guard arguments to
 * fields of the right types. A field may be named when any action of the procedure
 * records it. All problems are listed (field = a path under @path). Returns NULL when
 * there was any; @problems may be NULL. The material sets an action names cannot be
 * checked here (a shared procedure serves several items): see
 * yb_procedure_check_material_sets.
 *
 * Codes: procedure.{type,missing,empty,unknown_member,duplicate,id,state_kind,
 * unknown_state,closed_state,role,materials,reason,officers,field_type,field_bound,
 * options,date_bound,unknown_action,unknown_document,unknown_deadline,limit,
 * unknown_guard,guard_args,unknown_field,equals,required_when,user_rule,days_field}:
 * unknown_field for a reference to a field no action records (or of the wrong type),
 * equals for a value of the wrong type or not among the options, required_when for a
 * malformed condition, user_rule for role / not_actor / not_from_actions /
 * distinct_from_fields on a field that is not a user field, days_field for a deadline's
 * or an extension's days field. Ids (states, actions, fields, deadlines) are
 * [a-z][a-z0-9_]*: they end up in URLs and in checked database columns. Roles are
 * those a staff user acts in (yb_role_can_act). An action with "officers": 2 records
 * its second officer in the user field "second_officer": declared by the action (to
 * name it on the form and give it rules; it must be type user) or added by the
 * parser. */
YbProcedure   *yb_procedure_parse          (JsonNode    *node,
                                            const char  *path,
                                            JsonObject  *document_kinds,
                                            YbProblems  *problems);
YbProcedure   *yb_procedure_ref            (YbProcedure *self);
void           yb_procedure_unref          (YbProcedure *self);
const char    *yb_procedure_get_initial    (YbProcedure *self);
const YbState *yb_procedure_get_state      (YbProcedure *self, const char *id);
const YbAction *yb_procedure_get_action    (YbProcedure *self, const char *id);
GPtrArray     *yb_procedure_get_actions    (YbProcedure *self);   /* YbAction*, borrowed */
GPtrArray     *yb_procedure_get_deadlines  (YbProcedure *self);   /* YbDeadlineDef*, borrowed */
GPtrArray     *yb_procedure_get_states     (YbProcedure *self);   /* YbState*, borrowed */
const char    *yb_state_kind_to_string     (YbStateKind  kind);   /* "open" … */
/* Whether a staff user can act in @role: clerk, chief, inspector, settlement, leader,
 * admin (not city_viewer, which only looks, nor the flowchart-only applicant,
 * institution and party_group). */
gboolean       yb_role_can_act             (const char  *role);

/* Checks that every "material_sets" an action of @self names is one of @item's sets
 * (problems procedure.unknown_material_set, field = @path.actions[i].material_sets[j]).
 * For the catalogue check, which knows which items use which procedure. */
gboolean       yb_procedure_check_material_sets (YbProcedure  *self,
                                                 const YbItem *item,
                                                 const char   *path,
                                                 YbProblems   *problems);

/* One past action on the case, oldest first. */
typedef struct {
  char   *action;
  gint64  actor_id;
  gint64  second_officer_id;        /* 0 when none */
} YbHistoryEntry;

/* What the engine needs to know about a case. */
typedef struct {
  const char *state;
  GPtrArray  *history;              /* YbHistoryEntry*, borrowed */
  GDate       started;              /* the day the case was created */
  /* the last one-time notice on the case, to enforce the one-time rule: the problems it
   * listed and the input it was given; NULL when there was none */
  YbProblems *last_notice_problems;
  JsonObject *last_notice_input;
  /* the fields recorded by earlier actions (merged, latest wins), so rules can refer to
   * them (date bounds "field:ID", required_when, distinct_from_fields, not_by_fields,
   * guard bases); may be NULL */
  JsonObject *fields;
  /* the case's material set (情形) as chosen so far, for actions limited to some sets
   * ("material_sets"); NULL when none. An input's own "material_set" takes precedence
   * when an action is checked. */
  const char *material_set;
} YbCaseView;

typedef struct {
  gint64             id;
  const char * const *roles;        /* role codes */
  /* users for "user" fields: is @user_id a staff member holding @role in the actor's
   * county? The server answers from the database; the client may pass NULL (skipped). */
  gboolean         (*user_has_role) (gint64 user_id, const char *role, gpointer data);
  gpointer           user_data;
} YbActor;

/* Item-specific guards plug in by name ("guards": [{"rule": NAME, "args": {…}}]): a
 * function that adds problems when @input breaks the rule. @view is the case (its
 * recorded fields in view->fields, which may be NULL). Register before parsing; a
 * procedure naming an unregistered rule is a parse problem, and one unregistered by the
 * time an action is checked is guard.unknown (the action is refused).
 *
 * Built in (always registered, so that client and server agree; their "args" are
 * checked when the procedure is parsed, procedure.guard_args):
 *   amount_within  args {"field": F, "min"?: fen, "max"?: fen, "basis"?: B,
 *                  "min_times"?: n, "max_times"?: n}: the money field F lies within
 *                  [min, max] and, when basis is given, within [n × B, m × B] (社会保险法
 *                  art. 87: 2–5 × the defrauded amount). F is a money field of the action.
 *                  B is a money field of the procedure, looked up in this input first,
 *                  then among the case's recorded fields (when the action does not define
 *                  B, the value an earlier step recorded: the decider cannot retype it);
 *                  "case:B" takes the recorded value only, even when the action also has
 *                  a field B (a decision bounded by the fine the notice recorded under the
 *                  same name), and counts a B never recorded as 0. A plain B that is
 *                  nowhere given bounds nothing. At least one bound. Problem:
 *                  guard.amount_within (field F).
 *   late_fine      args {"fine_field": F, "days_field": D, "late_field": L,
 *                  "permille_per_day": p}: 行政处罚法 art. 72 加处罚款. L (a money field of
 *                  the action) is either 0 / not given (not imposed: the law says 可以) or
 *                  exactly min(F, F × p‰ × D), in fen, rounded down. F (money) and D
 *                  (integer, absent = 0) are looked up like amount_within's plain basis.
 *                  Problem: guard.late_fine (field L).
 *   case_field_is  args {"field": F, and one of "equals": v, "in": [v…], "not_in": [v…]}:
 *                  the value recorded on the case for F (the latest step that recorded
 *                  it; this input is not looked at) equals v / is one of / is none of the
 *                  values. A field never recorded fails "equals" and "in" and passes
 *                  "not_in". Problem: guard.case_field (field F). */
typedef gboolean (*YbGuardFunc) (const YbItem     *item,
                                 const YbCaseView *view,
                                 JsonObject       *args,
                                 JsonObject       *input,
                                 YbProblems       *problems);
void           yb_procedure_register_guard (const char  *name,
                                            YbGuardFunc  func);

/* Checks that @actor may take @action_id on the case now, with @input (the action body
 * of the README). Lists every problem in @problems, in this order:
 *   action.unknown, action.not_from_state, action.role, action.distinct (the same person
 *   as an earlier step that must be someone else), action.excluded (the actor is the
 *   user a not_by_fields field recorded, e.g. recused), action.material_set (the
 *   action is for other material sets), officers.second_missing,
 *   officers.same_person, officers.second_role, field.* (required, type, format, range,
 *   date bounds; field = the field id; resident IDs etc. through yb-ids), reason.required,
 *   material.* and material_set.* (when the action says complete), materials.complete
 *   (the action needs problems but there are none: nothing to notify), and
 *   notice.unlisted_deficiency (the one-time rule) unless a chief overrides with a reason.
 * In detail: action.unknown (alone: nothing else is checked); action.not_from_state,
 * action.role, action.distinct, action.excluded, action.material_set (field
 * "material_set": the input's set, else the case's); input.type (a member of @input of
 * the wrong JSON kind); the applicant's field problems in field order (field.required
 * — also when a required_when condition holds —, field.type, field.format,
 * field.length for text, field.range, field.choice, field.date_range for every date
 * bound, field.must_equal for "equals", and yb-ids' own codes such as id.checksum, all
 * with field = the field id) and the material problems of yb_materials_check — both
 * only when the action's "materials" is not "incomplete"; then the staff fields in
 * field order (officers.second_missing / same_person / second_role, a user field's
 * field.required / field.type, then field.user_role (not holding the field's "role",
 * or naming no staff member of the county when it has none: the role checks need
 * actor->user_has_role and are skipped without it), field.user_is_actor,
 * field.user_took_step, field.user_same, and action.distinct with field
 * "second_officer" when the second officer took a distinct_from step); field.unknown;
 * reason.required; the guards' problems (guard.*); materials.complete; and
 * notice.unlisted_deficiency, one per unlisted problem, field = its field. The one-time
 * rule looks at the material problems and at the problems of fields some "incomplete"
 * (notice) action records: a field only a later step records was never the notice's
 * to list.
 *
 * For an action with "materials": "incomplete" (the one-time notice), the material and
 * field problems are the notice's content, not errors of the action: they are NOT
 * added here (only materials.complete when there are none, and the one-time rule). Get
 * the list to print with yb_procedure_notice_problems, which runs the same check.
 * @item supplies the materials. @today bounds dates (NULL: the local date). Returns
 * TRUE when there are none. */
gboolean yb_procedure_check_action (YbProcedure      *self,
                                    const YbItem     *item,
                                    const YbCaseView *view,
                                    const YbActor    *actor,
                                    const char       *action_id,
                                    JsonObject       *input,
                                    const GDate      *today,
                                    YbProblems       *problems);

/* For the client's buttons: every action out of the case's state, in definition order,
 * each with why this actor cannot take it (empty when it can). Only state, role,
 * distinct-person, not_by_fields (view->fields) and material-set (view->material_set)
 * rules are considered; input is not. */
typedef struct {
  const YbAction *action;
  YbProblems     *blocked_by;       /* owned */
} YbActionOption;

GPtrArray     *yb_procedure_options (YbProcedure      *self,
                                     const YbCaseView *view,
                                     const YbActor    *actor);   /* YbActionOption*, owned */

/* What the applicant must correct for @action_id with @input: the action's
 * application fields (every type but user) and, unless the action ignores materials,
 * yb_materials_check — in that order. For the notice action ("materials":
 * "incomplete") this is the notice's content: the server prints it and stores it (with
 * @input) as the case's last notice. @view may be NULL (no case_start bound); @today
 * NULL means the local date. @action_id must exist. Returns TRUE when there is none. */
gboolean       yb_procedure_notice_problems (YbProcedure      *self,
                                             const YbItem     *item,
                                             const YbCaseView *view,
                                             const char       *action_id,
                                             JsonObject       *input,
                                             const GDate      *today,
                                             YbProblems       *notice);

/* The material problems a one-time notice would list for @input (the same check the
 * server runs), so the client can show the notice as the clerk ticks materials. When
 * the item's procedure has a "materials": "incomplete" action, this is
 * yb_procedure_notice_problems for the first such action (its fields included, no
 * case_start bound); otherwise the material check alone. */
gboolean       yb_procedure_preview_notice (const YbItem *item,
                                            JsonObject   *input,
                                            YbProblems   *problems);

/* The one-time rule on its own: the problems in @current that @last_notice did not list
 * and that @new_input did not cause (their material or field is unchanged since
 * @last_input). Added to @unlisted.
 *
 * "Listed" means the notice has a problem with the same code and field. "Unchanged":
 * for a field problem, the field's value is the same (absent, null and blank text count
 * as not given); for a material problem, the entries handed in under that material id
 * are the same (id, original, copy, sealed, copies; order aside), and the material set
 * is the same (another set makes every material problem new). Without the item this
 * cannot know a material's alternatives: use yb_notice_unlisted_item when the item has
 * any_of materials (yb_procedure_check_action does). */
void           yb_notice_unlisted          (const YbProblems *last_notice,
                                            JsonObject       *last_input,
                                            JsonObject       *new_input,
                                            const YbProblems *current,
                                            YbProblems       *unlisted);
/* The same, treating entries under an alternative of an any_of material as entries of
 * that material. @item may be NULL. */
void           yb_notice_unlisted_item     (const YbItem     *item,
                                            const YbProblems *last_notice,
                                            JsonObject       *last_input,
                                            JsonObject       *new_input,
                                            const YbProblems *current,
                                            YbProblems       *unlisted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbProcedure, yb_procedure_unref)

G_END_DECLS
