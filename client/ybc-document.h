/* ybc-document.h: the documents a case issued (一次性告知书, 受理通知书, …) as the
 * server rendered them: a preview window drawing the PDF's pages with poppler-glib,
 * printing through GtkPrintOperation, saving a copy, and handing it to the desktop's
 * PDF viewer. The PDF is the bureau's record: the client never re-renders its text. */
#pragma once

#include <adwaita.h>

#include "ybc-api.h"

G_BEGIN_DECLS

/* Prints @pdf (the print dialog first). Runs asynchronously; FALSE and @error when the
 * PDF cannot be read or printing cannot start. */
gboolean ybc_document_print          (GtkWindow   *parent,
                                      GBytes      *pdf,
                                      const char  *job_name,
                                      GError     **error);
/* Asks where to save @pdf (suggesting @file_name) and writes it there. @done, when
 * given, is told the path written or the error. */
typedef void (*YbcDocumentSaved) (const char   *path,
                                  const GError *error,
                                  gpointer      user_data);
void     ybc_document_save_as        (GtkWindow        *parent,
                                      GBytes           *pdf,
                                      const char       *file_name,
                                      YbcDocumentSaved  done,
                                      gpointer          user_data);
/* Writes @pdf to a file in the user's cache and opens it in the default PDF viewer. */
gboolean ybc_document_open_external  (GBytes      *pdf,
                                      const char  *file_name,
                                      GError     **error);
/* "赵医保告〔2026〕0001号 一次性告知书.pdf": a file name from a document's serial and
 * title, without characters file systems refuse. */
char    *ybc_document_file_name      (const char  *serial,
                                      const char  *title);

#define YBC_TYPE_DOCUMENT_WINDOW (ybc_document_window_get_type ())
G_DECLARE_FINAL_TYPE (YbcDocumentWindow, ybc_document_window, YBC, DOCUMENT_WINDOW, AdwWindow)

/* A window (owned by GTK) that fetches document @id and shows its pages, with Print,
 * Save as PDF and Open in viewer. */
YbcDocumentWindow *ybc_document_window_new       (GtkWindow  *parent,
                                                  YbcApi     *api,
                                                  gint64      id,
                                                  const char *title,
                                                  const char *serial);
/* 0 until the PDF has been fetched and read. */
int                ybc_document_window_get_n_pages (YbcDocumentWindow *self);
/* The error's message when the fetch failed, else NULL. */
const char        *ybc_document_window_get_error   (YbcDocumentWindow *self);

G_END_DECLS
