/* ybs-metrics.c: per-route counts by status and a latency histogram. */
#define G_LOG_DOMAIN "yibao-server"

#include "ybs-metrics.h"

static const double bucket_s[] = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5 };
#define N_BUCKETS G_N_ELEMENTS (bucket_s)

typedef struct {
  GHashTable *by_status;              /* status → count (GUINT_TO_POINTER) */
  guint64     buckets[N_BUCKETS + 1]; /* the last one is +Inf */
  double      sum_s;
  guint64     count;
} RouteStats;

struct _YbsMetrics {
  GHashTable *routes;   /* route → RouteStats */
};

static void
route_stats_free (gpointer p)
{
  RouteStats *rs = p;

  g_hash_table_unref (rs->by_status);
  g_free (rs);
}

YbsMetrics *
ybs_metrics_new (void)
{
  YbsMetrics *self = g_new0 (YbsMetrics, 1);

  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, route_stats_free);
  return self;
}

void
ybs_metrics_free (YbsMetrics *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->routes);
  g_free (self);
}

void
ybs_metrics_observe (YbsMetrics *self,
                     const char *route,
                     guint       status,
                     gint64      duration_us)
{
  RouteStats *rs = g_hash_table_lookup (self->routes, route);
  double seconds = (double) duration_us / G_USEC_PER_SEC;
  guint i;

  if (rs == NULL)
    {
      rs = g_new0 (RouteStats, 1);
      rs->by_status = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (self->routes, g_strdup (route), rs);
    }
  g_hash_table_insert (rs->by_status, GUINT_TO_POINTER (status),
                       GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (rs->by_status, GUINT_TO_POINTER (status))) + 1));
  for (i = 0; i < N_BUCKETS && seconds > bucket_s[i]; i++)
    ;
  rs->buckets[i]++;
  rs->sum_s += seconds;
  rs->count++;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

void
ybs_metrics_render (YbsMetrics *self,
                    GString    *out)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  keys = g_hash_table_get_keys_as_array (self->routes, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);

  g_string_append (out, "# HELP yibao_http_requests_total HTTP requests by route and status.\n"
                        "# TYPE yibao_http_requests_total counter\n");
  for (guint i = 0; i < n; i++)
    {
      RouteStats *rs = g_hash_table_lookup (self->routes, keys[i]);
      GHashTableIter iter;
      gpointer status, count;

      g_hash_table_iter_init (&iter, rs->by_status);
      while (g_hash_table_iter_next (&iter, &status, &count))
        g_string_append_printf (out, "yibao_http_requests_total{route=\"%s\",status=\"%u\"} %" G_GSIZE_FORMAT "\n",
                                (const char *) keys[i], GPOINTER_TO_UINT (status), GPOINTER_TO_SIZE (count));
    }

  g_string_append (out, "# HELP yibao_http_request_duration_seconds Time from request to answer.\n"
                        "# TYPE yibao_http_request_duration_seconds histogram\n");
  for (guint i = 0; i < n; i++)
    {
      RouteStats *rs = g_hash_table_lookup (self->routes, keys[i]);
      guint64 cumulative = 0;

      for (guint b = 0; b < N_BUCKETS; b++)
        {
          cumulative += rs->buckets[b];
          g_string_append_printf (out, "yibao_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %" G_GUINT64_FORMAT "\n",
                                  (const char *) keys[i], bucket_s[b], cumulative);
        }
      g_string_append_printf (out, "yibao_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %" G_GUINT64_FORMAT "\n"
                                   "yibao_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                                   "yibao_http_request_duration_seconds_count{route=\"%s\"} %" G_GUINT64_FORMAT "\n",
                              (const char *) keys[i], rs->count,
                              (const char *) keys[i], rs->sum_s,
                              (const char *) keys[i], rs->count);
    }
}
