/* ybs-metrics.h: request counters and latency histograms per route, in Prometheus text
 * format. Touched only on the main context, so no locking. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _YbsMetrics YbsMetrics;

YbsMetrics *ybs_metrics_new     (void);
void        ybs_metrics_free    (YbsMetrics *self);
void        ybs_metrics_observe (YbsMetrics *self,
                                 const char *route,   /* "GET /api/v1/me"; "unmatched" */
                                 guint       status,
                                 gint64      duration_us);
/* Appends the request metrics to @out. */
void        ybs_metrics_render  (YbsMetrics *self,
                                 GString    *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbsMetrics, ybs_metrics_free)

G_END_DECLS
