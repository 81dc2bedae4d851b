/* e2e.h: walking cases of the 27 power items end to end through the REST API, against a
 * real yibao-server and PostgreSQL (tests/server/ybt-fixture.h), one step at a time.
 *
 * A test writes its inputs out as a table of steps (who, action, body, the state it
 * expects, the documents the step issues, the deadlines it starts and stops) instead of
 * deriving them from the catalogue, so that a mistake in the data shows up as a failure.
 *
 * Bodies are JSON with three kinds of placeholder:
 *   @today, @today+N, @today-N   a date (without quotes), Asia/Shanghai like the server
 *   @username                    that account's user id (e.g. "second_officer": @inspector2_zx)
 */
#pragma once

#include "ybt-fixture.h"
#include "ybt-http.h"

G_BEGIN_DECLS

typedef struct {
  const char *who;        /* account that acts */
  const char *action;
  const char *body;       /* NULL: {} */
  const char *state;      /* the state expected afterwards */
  const char *docs;       /* kinds issued by this step, space-separated, in order; NULL: none */
  const char *deadlines;  /* "+id=wd5 +id=cd30 +id=spot -id ~id=cd120": started, stopped, and
                           * extended (the running one now due as if started today with
                           * that limit); NULL: none */
} E2eStep;

typedef struct {
  gint64    id;
  gint64    version;
  char     *region;       /* "130133" */
  char     *reader;       /* an account of the case's county, to look at it */
  JsonNode *view;         /* the case as last seen */
} E2eCase;

void         e2e_init           (int          *argc,
                                 char       ***argv);
int          e2e_run            (void);

/* Creates a case and checks it starts in @initial with no documents and no deadline. */
E2eCase     *e2e_create         (const char   *who,
                                 const char   *item,
                                 const char   *material_set,
                                 const char   *party_json,
                                 const char   *initial);
void         e2e_case_free      (E2eCase      *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (E2eCase, e2e_case_free)

/* One step: the action is offered to @who and allowed, it succeeds, the state, history,
 * documents (kinds, gapless serials, PDFs) and deadlines come out as the step says. */
void         e2e_step           (E2eCase       *c,
                                 const E2eStep *step);
void         e2e_walk           (E2eCase       *c,
                                 const E2eStep *steps,
                                 gsize          n);
#define E2E_WALK(c, steps) e2e_walk ((c), (steps), G_N_ELEMENTS (steps))
/* The first @n steps of a table (to reach a state for a bad path). */
#define E2E_WALK_TO(c, steps, n) e2e_walk ((c), (steps), (n))

/* A closed case: closed_at set, nothing left to do, no deadline running. */
void         e2e_assert_closed  (E2eCase       *c);

/* A refused action: @status and exactly the problems @codes ("code@field code@", any
 * order, duplicates count), and the case unchanged (state, version, history, documents,
 * deadlines). */
void         e2e_refused        (E2eCase       *c,
                                 const char    *who,
                                 const char    *action,
                                 const char    *body,
                                 guint          status,
                                 const char    *codes);
/* What the law (DOMAIN.md) expects to be refused: when the server accepts it instead,
 * marks the test incomplete with @finding and returns FALSE (the case has moved on).
 * @codes NULL: any problems, where the data has no rule yet to name one. */
gboolean     e2e_law_refused    (E2eCase       *c,
                                 const char    *who,
                                 const char    *action,
                                 const char    *body,
                                 guint          status,
                                 const char    *codes,
                                 const char    *finding);

/* What the law expects of a running deadline: when its due date is not @spec's, marks the
 * test incomplete with @finding (and the dates) and returns FALSE. */
gboolean     e2e_law_due        (E2eCase       *c,
                                 const char    *deadline,
                                 const char    *spec,
                                 const char    *finding);

/* The raw call (body expanded); on 200 the case is updated. */
YbtResponse *e2e_act            (E2eCase       *c,
                                 const char    *who,
                                 const char    *action,
                                 const char    *body);
/* Reloads the case as @who (NULL: the reader). */
void         e2e_refresh        (E2eCase       *c,
                                 const char    *who);

JsonObject  *e2e_obj            (E2eCase       *c);
const char  *e2e_state          (E2eCase       *c);
/* The due date of the running deadline @id, or NULL. */
const char  *e2e_running_due    (E2eCase       *c,
                                 const char    *id);
/* A due date by the bureau's rules, independently of the server: "wd5" (working days,
 * the first day not counted), "cd30" (calendar days, moved off a holiday), "spot". */
char        *e2e_due            (const char    *spec);
char        *e2e_today          (void);
gint64       e2e_uid            (const char    *username);
const char  *e2e_token          (const char    *username);
char        *e2e_expand         (const char    *body);
YbtFixture  *e2e_fixture        (void);
const char  *e2e_url            (void);
/* The exact problems of an answer, sorted: "code@field ...". */
char        *e2e_codes          (YbtResponse   *r);
/* The same for the problems listed by the case's last one-time notice. */
char        *e2e_notice_codes   (E2eCase       *c);
void         e2e_assert_notice  (E2eCase       *c,
                                 const char    *codes);
/* A raw request as @who (body expanded). */
YbtResponse *e2e_request        (const char    *who,
                                 const char    *method,
                                 const char    *path,
                                 const char    *body);

G_END_DECLS
