/* ybc-case.h: what the client keeps from the case API: a case as GET /api/v1/cases/{id}
 * answers it (YbcCase, reference counted: the case view and its dialogs share one), a row
 * of the case list (YbcCaseSummary, a GObject for list models), one page of the list, the
 * staff list for officer pickers, and the query behind a work queue. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64      id;
  char       *case_no;
  int         version;
  char       *region_code;
  char       *item_code;
  char       *item_name;
  char       *item_full_name;
  char       *state;
  char       *state_name;
  char       *state_kind;          /* open, waiting, closed */
  char       *party_kind;          /* person, unit, institution, none */
  char       *party_name;
  char       *party_id_number;     /* may be NULL */
  char       *party_phone;         /* may be NULL */
  char       *department_name;
  char       *department_phone;    /* may be NULL */
  char       *supervision_phone;   /* may be NULL */
  char       *assignee_name;       /* may be NULL */
  char       *created_by_name;     /* may be NULL */
  char       *created_at;          /* ISO 8601, UTC */
  char       *started_on;          /* YYYY-MM-DD */
  char       *closed_at;           /* may be NULL */
  char       *material_set;        /* may be NULL */
  char       *due_on;              /* may be NULL */
  gboolean    due_provisional;
  char       *due_status;          /* none, on_time, due_soon, due_today, overdue */
  char       *due_label;
  int         working_days_left;
  /* Borrowed from @json; never NULL (empty when the answer had none). */
  JsonObject *fields;
  JsonArray  *materials;
  JsonArray  *deadlines;
  JsonArray  *documents;           /* {id, kind, title, serial, issued_at, url} */
  JsonArray  *history;             /* {seq, action, from_state, to_state, actor, …} */
  JsonArray  *options;             /* {action, name, to, allowed, blocked_by[]} */
  JsonObject *last_notice;         /* {problems, input}; NULL when there was none */
  JsonNode   *json;                /* the whole answer, owned */
} YbcCase;

#define YBC_TYPE_CASE (ybc_case_get_type ())
GType     ybc_case_get_type  (void) G_GNUC_CONST;
YbcCase  *ybc_case_from_json (JsonNode      *node,
                              GError       **error);
YbcCase  *ybc_case_ref       (YbcCase       *self);
void      ybc_case_unref     (YbcCase       *self);
/* The option for @action_id, or NULL. */
JsonObject *ybc_case_find_option (const YbcCase *self,
                                  const char    *action_id);

/* ------------------------------------------------------------------ list rows */

#define YBC_TYPE_CASE_SUMMARY (ybc_case_summary_get_type ())
G_DECLARE_FINAL_TYPE (YbcCaseSummary, ybc_case_summary, YBC, CASE_SUMMARY, GObject)

YbcCaseSummary *ybc_case_summary_from_json (JsonObject     *object,
                                            GError        **error);
/* For tests and for probing sorters: a row with only these keys. */
YbcCaseSummary *ybc_case_summary_new       (gint64          id,
                                            const char     *due_on,
                                            const char     *created_at);
gint64      ybc_case_summary_get_id                (YbcCaseSummary *self);
int         ybc_case_summary_get_version           (YbcCaseSummary *self);
const char *ybc_case_summary_get_case_no           (YbcCaseSummary *self);
const char *ybc_case_summary_get_item_code         (YbcCaseSummary *self);
const char *ybc_case_summary_get_item_name         (YbcCaseSummary *self);
const char *ybc_case_summary_get_state             (YbcCaseSummary *self);
const char *ybc_case_summary_get_state_name        (YbcCaseSummary *self);
const char *ybc_case_summary_get_state_kind        (YbcCaseSummary *self);
const char *ybc_case_summary_get_party_name        (YbcCaseSummary *self);
const char *ybc_case_summary_get_party_id_number   (YbcCaseSummary *self);
const char *ybc_case_summary_get_assignee          (YbcCaseSummary *self);
const char *ybc_case_summary_get_department        (YbcCaseSummary *self);
const char *ybc_case_summary_get_created_at        (YbcCaseSummary *self);
const char *ybc_case_summary_get_due_on            (YbcCaseSummary *self); /* may be NULL */
const char *ybc_case_summary_get_due_status        (YbcCaseSummary *self);
const char *ybc_case_summary_get_due_label         (YbcCaseSummary *self);
int         ybc_case_summary_get_working_days_left (YbcCaseSummary *self);

/* One page of GET /api/v1/cases. */
typedef struct {
  GPtrArray *items;   /* YbcCaseSummary*, owned */
  char      *next;    /* the cursor of the next page; NULL on the last */
} YbcCasePage;

YbcCasePage *ybc_case_page_from_json (JsonNode    *node,
                                      GError     **error);
void         ybc_case_page_free      (YbcCasePage *page);

/* ------------------------------------------------------------------ staff */

typedef struct {
  gint64  id;
  char   *username;
  char   *display_name;
  char   *department;   /* may be NULL */
  GStrv   roles;        /* never NULL */
} YbcStaff;

/* GET /api/v1/users → YbcStaff*, owned. */
GPtrArray  *ybc_staff_list_from_json (JsonNode  *node,
                                      GError   **error);
void        ybc_staff_free           (YbcStaff  *staff);

/* ------------------------------------------------------------------ queries */

/* The filters of GET /api/v1/cases; NULL members are not sent. */
typedef struct {
  const char *scope;        /* mine, department, county */
  const char *sort;         /* due, created */
  const char *state_kind;   /* open, waiting, closed, active */
  const char *due;          /* overdue, today, soon */
  const char *inbox;        /* approvals */
  const char *item;
  const char *state;
  const char *party;
} YbcCaseQuery;

/* "/api/v1/cases?scope=mine&sort=due&limit=50&after=…", escaped. */
char       *ybc_case_query_to_path   (const YbcCaseQuery *query,
                                      const char         *after,
                                      guint               limit);

/* ------------------------------------------------------------------ text */

/* An ISO 8601 UTC time from the server, in local time: "2026-11-25 14:08". */
char       *ybc_format_timestamp     (const char *iso);
/* What a due status says with its days: "剩余 3 个工作日", "今日到期", "超期 2 个工作日";
 * "" when there is no due date. */
char       *ybc_format_days_left     (const char *due_status,
                                      int         working_days_left);
/* The Chinese name of a party kind (person → 个人 …). */
const char *ybc_party_kind_name      (const char *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbcCase, ybc_case_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbcCasePage, ybc_case_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbcStaff, ybc_staff_free)

G_END_DECLS
