/* ybc-case-list-model.h: a GListModel of YbcCaseSummary that fetches GET /api/v1/cases
 * one keyset page at a time: the first page when the query is set, the next one when
 * the view asks (it scrolled near the end). Rows already loaded stay put while more
 * arrive, so a queue of two million cases costs what it shows. */
#pragma once

#include <gio/gio.h>

#include "ybc-api.h"

G_BEGIN_DECLS

#define YBC_TYPE_CASE_LIST_MODEL (ybc_case_list_model_get_type ())
G_DECLARE_FINAL_TYPE (YbcCaseListModel, ybc_case_list_model, YBC, CASE_LIST_MODEL, GObject)

/* @page_size: rows per request (0: the server's default). */
YbcCaseListModel *ybc_case_list_model_new        (YbcApi             *api,
                                                  guint               page_size);
/* Replaces the query (copied) and loads its first page. */
void              ybc_case_list_model_set_query  (YbcCaseListModel   *self,
                                                  const YbcCaseQuery *query);
/* Drops what was loaded and loads the first page again. */
void              ybc_case_list_model_reload     (YbcCaseListModel   *self);
/* Fetches the next page unless one is in flight or there is none; TRUE when it started. */
gboolean          ybc_case_list_model_load_more  (YbcCaseListModel   *self);
/* After an error: asks again for the page that failed. Fetching on scroll stops at an
 * error, so that a server in trouble is not asked again and again. */
void              ybc_case_list_model_retry      (YbcCaseListModel   *self);
gboolean          ybc_case_list_model_get_loading  (YbcCaseListModel *self);
gboolean          ybc_case_list_model_get_has_more (YbcCaseListModel *self);
/* The last request's error message, or NULL. */
const char       *ybc_case_list_model_get_error    (YbcCaseListModel *self);
/* Pages received since the last reset. */
guint             ybc_case_list_model_get_n_pages  (YbcCaseListModel *self);

G_END_DECLS
