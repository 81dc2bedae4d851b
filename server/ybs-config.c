/* ybs-config.c: reading the server's settings. Every setting has one name in the file
 * ([group] key) and one in the environment (YIBAO_GROUP_KEY). */
#define G_LOG_DOMAIN "yibao-server"

#include <errno.h>
#include <stdlib.h>

#include "ybs-config.h"

YbsConfig *
ybs_config_new_defaults (void)
{
  YbsConfig *self = g_new0 (YbsConfig, 1);

  self->listen_address = g_strdup ("127.0.0.1");
  self->port = 8080;
  self->max_body_bytes = 1024 * 1024;
  self->workers = 0;
  self->max_connections = 1024;
  self->idle_timeout_s = 60;
  self->conninfo = g_strdup ("dbname=yibao");
  self->pool_size = 4;
  self->statement_timeout_ms = 15000;
  self->session_ttl_s = 480 * 60;
  self->lockout_threshold = 5;
  self->lockout_s = 15 * 60;
  self->max_hashing = 2;
  return self;
}

void
ybs_config_free (YbsConfig *self)
{
  if (self == NULL)
    return;
  g_free (self->listen_address);
  g_free (self->conninfo);
  g_free (self);
}

guint
ybs_config_get_workers (const YbsConfig *self)
{
  return self->workers != 0 ? self->workers : MAX (g_get_num_processors (), 1);
}

typedef enum { SETTING_STRING, SETTING_UINT } SettingKind;

typedef struct {
  const char  *group;
  const char  *key;
  SettingKind  kind;
  gsize        offset;
  guint        scale;   /* file/env unit → stored unit */
  guint        min;
  guint        max;
} Setting;

static const Setting settings[] = {
  { "server",   "listen",               SETTING_STRING, G_STRUCT_OFFSET (YbsConfig, listen_address), 1, 0, 0 },
  { "server",   "port",                 SETTING_UINT,   G_STRUCT_OFFSET (YbsConfig, port), 1, 0, 65535 },
  { "server",   "max_body_kib",         SETTING_UINT,   G_STRUCT_OFFSET (YbsConfig, max_body_bytes), 1024, 1, 1024 * 1024 },
  { "server",   "workers",              SETTING_UINT,   G_STRUCT_OFFSET (YbsConfig, workers), 1, 0, 256 },
  { "server",   "max_connections",      SETTING_UINT,   G_STRUCT_OFFSET (YbsConfig, max_connections), 1, 1, 1000000 },
  { "server",   "idle_timeout_seconds", SETTING_UINT,   G_STRUCT_OFFSET (YbsConfig, idle_timeout_s), 1, 1, 3600 },
  { "database", "conninfo",             SETTING_STRING, G_STRUCT_OFFSET (YbsConfig, conninfo), 1, 0, 0 },
  { "database", "pool_size",            SETTING_UINT,   G_STRUCT_OFFSET (YbsConfig, pool_size), 1, 1, 256 },
  { "database", "statement_timeout_ms", SETTING_UINT,   G_STRUCT_OFFSET (YbsConfig, statement_timeout_ms), 1, 100, 600000 },
  { "auth",     "session_ttl_minutes",  SETTING_UINT,   G_STRUCT_OFFSET (YbsConfig, session_ttl_s), 60, 1, 7 * 24 * 60 },
  { "auth",     "lockout_threshold",    SETTING_UINT,   G_STRUCT_OFFSET (YbsConfig, lockout_threshold), 1, 1, 100 },
  { "auth",     "lockout_minutes",      SETTING_UINT,   G_STRUCT_OFFSET (YbsConfig, lockout_s), 60, 1, 24 * 60 },
  { "auth",     "max_concurrent_hashing", SETTING_UINT, G_STRUCT_OFFSET (YbsConfig, max_hashing), 1, 1, 64 },
  { "auth",     "session_cache_seconds", SETTING_UINT,  G_STRUCT_OFFSET (YbsConfig, session_cache_s), 1, 0, 60 },
};

static gboolean
apply_setting (YbsConfig     *self,
               const Setting *s,
               const char    *value,
               const char    *origin,
               GError       **error)
{
  gpointer field = G_STRUCT_MEMBER_P (self, s->offset);

  if (s->kind == SETTING_STRING)
    {
      g_free (*(char **) field);
      *(char **) field = g_strdup (value);
      return TRUE;
    }

  guint64 n = 0;
  if (!g_ascii_string_to_unsigned (value, 10, s->min, s->max, &n, NULL))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "%s: [%s] %s = \"%s\" must be a whole number from %u to %u",
                   origin, s->group, s->key, value, s->min, s->max);
      return FALSE;
    }
  n *= s->scale;
  if (s->offset == G_STRUCT_OFFSET (YbsConfig, max_body_bytes))
    *(gsize *) field = (gsize) n;
  else
    *(guint *) field = (guint) n;
  return TRUE;
}

gboolean
ybs_config_load (YbsConfig   *self,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  gboolean have_file = FALSE;

  if (path == NULL)
    path = g_getenv ("YIBAO_CONFIG") ? g_getenv ("YIBAO_CONFIG") : YBS_CONFIG_DEFAULT_PATH;

  if (g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    have_file = TRUE;
  else if (!(g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) &&
             g_str_equal (path, YBS_CONFIG_DEFAULT_PATH)))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const Setting *s = &settings[i];
      g_autofree char *env_lower = g_strconcat ("YIBAO_", s->group, "_", s->key, NULL);
      g_autofree char *env_name = g_ascii_strup (env_lower, -1);
      const char *env = g_getenv (env_name);

      if (have_file && g_key_file_has_key (file, s->group, s->key, NULL))
        {
          g_autofree char *value = g_key_file_get_string (file, s->group, s->key, error);
          if (value == NULL || !apply_setting (self, s, g_strstrip (value), path, error))
            return FALSE;
        }
      if (env != NULL && !apply_setting (self, s, env, env_name, error))
        return FALSE;
    }
  return TRUE;
}
