/* ybs-admin.h: what the yibao-admin subcommands share. */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct {
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} YbsAdminCommand;

/* Options every subcommand takes (--db, --config), added to its own context. */
void      ybs_admin_add_common_options (GOptionContext *context);
/* Parses @argv for a subcommand; prints the error and returns FALSE on bad options. */
gboolean  ybs_admin_parse              (GOptionContext *context,
                                        int            *argc,
                                        char         ***argv);
/* Connects with --db, else the config file's [database] conninfo, else YIBAO_DATABASE_CONNINFO. */
PGconn   *ybs_admin_connect            (GError        **error);
/* The libpq connection string in use. */
char     *ybs_admin_conninfo           (GError        **error);
/* Runs a statement; prints the database's error and returns NULL on failure. */
PGresult *ybs_admin_exec               (PGconn         *pg,
                                        const char     *sql,
                                        int             n_params,
                                        const char    **params);
/* "yibao-admin (root)" style actor name for the audit log. */
char     *ybs_admin_actor              (void);
/* Reads a password: from FILE ("-" = standard input, first line), or by prompting
 * without echo on a terminal. */
char     *ybs_admin_read_password      (const char     *file,
                                        const char     *prompt,
                                        GError        **error);
/* Appends an audit entry for an administrative act (in the caller's transaction). */
gboolean  ybs_admin_audit              (PGconn         *pg,
                                        const char     *region,
                                        const char     *action,
                                        const char     *object_type,
                                        const char     *object_id,
                                        const char     *detail_json);

int ybs_admin_create_user    (int argc, char **argv);
int ybs_admin_reset_password (int argc, char **argv);
int ybs_admin_list_users     (int argc, char **argv);
int ybs_admin_catalogue      (int argc, char **argv);
int ybs_admin_demo_load      (int argc, char **argv);
/* demo-load's cases (ybs-admin-demo-cases.c), in the caller's transaction */
gboolean ybs_admin_demo_cases (PGconn *pg, GRand *rand, guint count);

int ybs_admin_holidays       (int argc, char **argv);

G_END_DECLS
