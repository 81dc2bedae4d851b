/* ybt-fixture.h: a whole yibao back end for tests: a private PostgreSQL cluster in a
 * temporary directory, migrated, with the real catalogue and a few test accounts, and a
 * real yibao-server on a free port. Nothing is mocked. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _YbtFixture YbtFixture;

/* Test accounts (county 130133 赵县 unless said): clerk_zx, clerk2_zx (clerk), chief_zx
 * (chief), inspector_zx, inspector2_zx (inspector), settlement_zx (settlement), leader_zx
 * (leader), city_sjz (city_viewer), admin (admin); clerk_wj (clerk), chief_wj (chief) in
 * 130130 无极县. */
YbtFixture *ybt_fixture_start        (GError    **error);
void        ybt_fixture_stop         (YbtFixture *self);
const char *ybt_fixture_get_base_url (YbtFixture *self);   /* "http://127.0.0.1:PORT" */
const char *ybt_fixture_get_password (YbtFixture *self,
                                      const char *username);
const char *ybt_fixture_get_conninfo (YbtFixture *self);
const char *ybt_fixture_get_dir      (YbtFixture *self);

/* Runs SQL through libpq; returns the first column of the first row (or "" when none). */
char       *ybt_fixture_sql          (YbtFixture *self,
                                      const char *sql,
                                      GError    **error);
/* ybt_fixture_sql for tests: asserts it worked. */
char       *ybt_sql                  (YbtFixture *self,
                                      const char *sql);
gint64      ybt_sql_int              (YbtFixture *self,
                                      const char *sql);
/* Runs yibao-admin with @args (NULL-terminated) against the fixture's database;
 * returns its exit status and, when asked, what it printed (stdout and stderr). */
int         ybt_fixture_admin        (YbtFixture  *self,
                                      char       **output,
                                      const char  *first_arg,
                                      ...) G_GNUC_NULL_TERMINATED;
/* Stops and starts PostgreSQL ("immediate" stop simulates a crash). */
gboolean    ybt_fixture_db_stop      (YbtFixture *self,
                                      gboolean    immediate,
                                      GError    **error);
gboolean    ybt_fixture_db_start     (YbtFixture *self,
                                      GError    **error);
/* Kills the server with SIGKILL (a crash) and waits for it to be gone. */
void        ybt_fixture_server_kill      (YbtFixture *self);
/* Starts the server again (after a kill or terminate); the port may change. */
gboolean    ybt_fixture_server_start     (YbtFixture *self,
                                          GError    **error);
/* Sends SIGTERM to the server and waits for it; returns its exit status. */
int         ybt_fixture_server_terminate (YbtFixture *self);

G_END_DECLS
