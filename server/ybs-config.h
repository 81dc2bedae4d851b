/* ybs-config.h: server settings from /etc/yibao/server.conf (GKeyFile), overridden by
 * YIBAO_* environment variables, overridden by command-line options. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char    *listen_address;     /* [server] listen, default 127.0.0.1 */
  guint    port;               /* [server] port, default 8080; 0 picks a free one */
  gsize    max_body_bytes;     /* [server] max_body_kib, default 1024 KiB */
  guint    workers;            /* [server] workers, default 0: one process per core */
  guint    max_connections;    /* [server] max_connections, per process, default 1024 */
  guint    idle_timeout_s;     /* [server] idle_timeout_seconds, default 60 */
  char    *conninfo;           /* [database] conninfo */
  guint    pool_size;          /* [database] pool_size, per worker process, default 4 */
  guint    statement_timeout_ms; /* [database] statement_timeout_ms, default 15000 */
  guint    session_ttl_s;      /* [auth] session_ttl_minutes, default 480 (a working day) */
  guint    lockout_threshold;  /* [auth] lockout_threshold, default 5 failures */
  guint    lockout_s;          /* [auth] lockout_minutes, default 15 */
  guint    max_hashing;        /* [auth] max_concurrent_hashing, default 2 */
  guint    session_cache_s;    /* [auth] session_cache_seconds, default 0 (off) */
} YbsConfig;

#define YBS_CONFIG_DEFAULT_PATH "/etc/yibao/server.conf"

YbsConfig *ybs_config_new_defaults (void);
/* Loads @path (missing is fine when @path is the default one), then the environment. */
gboolean   ybs_config_load         (YbsConfig   *self,
                                    const char  *path,
                                    GError     **error);
void       ybs_config_free         (YbsConfig   *self);
/* The number of server processes to run: [server] workers, or the number of cores when
 * that is 0. */
guint      ybs_config_get_workers  (const YbsConfig *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbsConfig, ybs_config_free)

G_END_DECLS
