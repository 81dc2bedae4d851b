/* ybct-ui.h: helpers for the client's UI tests: start the real application, wait on the
 * main context for a condition (never sleeping), and reach the real widgets. */
#pragma once

#include "ybc-application.h"
#include "ybc-item-view.h"

G_BEGIN_DECLS

/* Iterates the default main context until @condition (a C expression) holds; fails the
 * test after @seconds. */
#define YBCT_WAIT_FOR(condition, seconds)                                          \
  G_STMT_START {                                                                   \
    YbctDeadline *_deadline = ybct_deadline_new (seconds);                         \
    while (!(condition) && !ybct_deadline_passed (_deadline))                      \
      g_main_context_iteration (NULL, TRUE);                                       \
    ybct_deadline_free (_deadline);                                                \
    if (!(condition))                                                              \
      g_error ("%s:%d: timed out after %d s waiting for %s",                       \
               __FILE__, __LINE__, (int) (seconds), #condition);                   \
  } G_STMT_END

typedef struct _YbctDeadline YbctDeadline;
YbctDeadline   *ybct_deadline_new    (guint         seconds);
gboolean        ybct_deadline_passed (YbctDeadline *self);
void            ybct_deadline_free   (YbctDeadline *self);

/* Lets pending work run (idle callbacks, redraws) without waiting for anything. */
void            ybct_drain           (void);

/* Keeps @app off D-Bus: several applications run one after the other in a test
 * process, each as a primary instance of its own. */
void            ybct_app_unregistered (YbcApplication *app);

/* A test body: runs inside g_application_run() of a fresh application, once that has
 * handled its (empty) command line and shows its login window. When the body returns,
 * the windows are closed; the test then checks that the application ran down and was
 * freed (nothing of ours kept it alive). */
typedef void (*YbctAppTestFunc) (YbcApplication *app,
                                 gconstpointer   data);
void            ybct_add_app_test    (const char      *path,
                                      YbctAppTestFunc  func,
                                      gconstpointer    data);

/* A template child of @widget, as bound by its class. */
gpointer        ybct_child           (gpointer        widget,
                                      GType           type,
                                      const char     *name);
/* Types into the login window and presses Enter. */
void            ybct_login_submit    (YbcLoginWindow *login,
                                      const char     *server_url,
                                      const char     *username,
                                      const char     *password);
/* Logs in and waits for the main window's catalogue; returns the main window. */
YbcMainWindow  *ybct_login           (YbcApplication *app,
                                      const char     *server_url,
                                      const char     *username,
                                      const char     *password);
/* The text of every visible label under @widget, joined with newlines. */
char           *ybct_visible_text    (GtkWidget      *widget);
/* Rows of @list that are shown (filter) and, with @with_header, that carry a heading. */
guint           ybct_count_rows      (GtkListBox     *list,
                                      gboolean        with_header);
/* Whether @label is visible and says @text. */
gboolean        ybct_label_shows     (GtkLabel       *label,
                                      const char     *text);

G_END_DECLS
