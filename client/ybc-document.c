/* ybc-document.c: printing, saving and previewing the PDFs the server issued. Pages are
 * drawn by poppler-glib, for the screen (poppler_page_render) and for the printer
 * (poppler_page_render_for_printing, scaled to the paper with the page's proportions
 * kept), so what is printed is the stored document and nothing else. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-document.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <poppler.h>

#define PREVIEW_WIDTH 760

/* ------------------------------------------------------------------------- helpers */

static PopplerDocument *
open_pdf (GBytes  *pdf,
          GError **error)
{
  g_autoptr(GError) local = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (pdf, NULL, &local);

  if (document == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("The document is not a readable PDF (%s)"), local->message);
  return document;
}

char *
ybc_document_file_name (const char *serial,
                        const char *title)
{
  g_autofree char *name = NULL;

  if (serial != NULL && *serial != '\0' && title != NULL && *title != '\0')
    name = g_strdup_printf ("%s %s.pdf", serial, title);
  else
    name = g_strdup_printf ("%s.pdf", serial && *serial ? serial : title && *title ? title : "yibao");
  g_strdelimit (name, "/\\:*?\"<>|", '_');
  return g_steal_pointer (&name);
}

/* ------------------------------------------------------------------------- printing */

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  PopplerDocument *document = user_data;
  PopplerPage *page = poppler_document_get_page (document, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double paper_width = gtk_print_context_get_width (context);
  double paper_height = gtk_print_context_get_height (context);
  double width, height, scale;

  if (page == NULL)
    return;
  poppler_page_get_size (page, &width, &height);
  scale = MIN (paper_width / width, paper_height / height);
  cairo_save (cr);
  cairo_translate (cr, (paper_width - width * scale) / 2, (paper_height - height * scale) / 2);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
  g_object_unref (page);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      g_warning ("Printing failed: %s", error ? error->message : "unknown error");
    }
  g_object_unref (operation);
}

gboolean
ybc_document_print (GtkWindow   *parent,
                    GBytes      *pdf,
                    const char  *job_name,
                    GError     **error)
{
  PopplerDocument *document;
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) a4 = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (pdf != NULL, FALSE);

  document = open_pdf (pdf, error);
  if (document == NULL)
    return FALSE;

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "ybc-document", document, g_object_unref);
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (document));
  gtk_print_operation_set_job_name (operation, job_name ? job_name : "yibao");
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  /* Notices are A4 portrait. */
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), document);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), NULL);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_object_unref (operation);
      return FALSE;
    }
  /* Synchronous platforms do not emit done; the asynchronous one holds its own ref. */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_object_unref (operation);
  return TRUE;
}

/* ------------------------------------------------------------------------- saving */

typedef struct {
  GBytes           *pdf;
  YbcDocumentSaved  done;
  gpointer          user_data;
  char             *path;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_bytes_unref (data->pdf);
  g_free (data->path);
  g_free (data);
}

static void
on_file_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SaveData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_prefix_error (&error, _("Could not save %s: "), data->path);
  if (data->done != NULL)
    data->done (error ? NULL : data->path, error, data->user_data);
  save_data_free (data);
}

static void
on_save_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  SaveData *data = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    {
      save_data_free (data);
      return;
    }
  data->path = g_file_get_parse_name (file);
  g_file_replace_contents_bytes_async (file, data->pdf, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_file_written, data);
}

void
ybc_document_save_as (GtkWindow        *parent,
                      GBytes           *pdf,
                      const char       *file_name,
                      YbcDocumentSaved  done,
                      gpointer          user_data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  SaveData *data;

  g_return_if_fail (pdf != NULL);

  data = g_new0 (SaveData, 1);
  data->pdf = g_bytes_ref (pdf);
  data->done = done;
  data->user_data = user_data;

  chooser = gtk_file_chooser_native_new (_("Save as PDF"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name ? file_name : "yibao.pdf");
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
ybc_document_open_external (GBytes      *pdf,
                            const char  *file_name,
                            GError     **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "yibao", "documents", NULL);
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  path = g_build_filename (dir, file_name ? file_name : "yibao.pdf", NULL);
  if (!g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  uri = g_filename_to_uri (path, NULL, error);
  if (uri == NULL)
    return FALSE;
  return g_app_info_launch_default_for_uri (uri, NULL, error);
}

/* ------------------------------------------------------------------------- preview window */

struct _YbcDocumentWindow
{
  AdwWindow         parent_instance;

  /* template widgets */
  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *window_title;
  GtkWidget        *print_button;
  GtkWidget        *save_button;
  GtkWidget        *open_button;
  GtkStack         *stack;
  GtkSpinner       *spinner;
  AdwStatusPage    *error_page;
  GtkBox           *pages_box;

  /* owned */
  YbcApi           *api;
  GCancellable     *cancellable;
  GBytes           *pdf;
  PopplerDocument  *document;
  char             *title;
  char             *serial;
  char             *error;
};

G_DEFINE_FINAL_TYPE (YbcDocumentWindow, ybc_document_window, ADW_TYPE_WINDOW)

static void
toast (YbcDocumentWindow *self,
       const char        *message)
{
  AdwToast *item = adw_toast_new (message);

  adw_toast_set_timeout (item, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, item);
}

static void
draw_page (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  PopplerPage *page = user_data;
  double page_width, page_height;

  poppler_page_get_size (page, &page_width, &page_height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, width / page_width, height / page_height);
  poppler_page_render (page, cr);
}

static void
show_pages (YbcDocumentWindow *self)
{
  int n = poppler_document_get_n_pages (self->document);

  for (int i = 0; i < n; i++)
    {
      PopplerPage *page = poppler_document_get_page (self->document, i);
      GtkWidget *area = gtk_drawing_area_new ();
      g_autofree char *label = g_strdup_printf (_("Page %d of %d"), i + 1, n);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), PREVIEW_WIDTH);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), (int) (PREVIEW_WIDTH * height / width));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_page, page, g_object_unref);
      gtk_widget_add_css_class (area, "ybc-page");
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_box_append (self->pages_box, area);
    }
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(YbcDocumentWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  pdf = ybc_api_get_document_finish (YBC_API (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (pdf != NULL)
    self->document = open_pdf (pdf, &error);
  if (self->document == NULL)
    {
      self->error = g_strdup (error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  self->pdf = g_steal_pointer (&pdf);
  show_pages (self);
  gtk_stack_set_visible_child_name (self->stack, "pages");
  gtk_widget_set_sensitive (self->print_button, TRUE);
  gtk_widget_set_sensitive (self->save_button, TRUE);
  gtk_widget_set_sensitive (self->open_button, TRUE);
  gtk_widget_grab_focus (self->print_button);
}

static void
on_print_clicked (YbcDocumentWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *job = NULL;

  if (self->pdf == NULL)
    return;
  job = g_strdup_printf ("%s %s", self->serial ? self->serial : "", self->title ? self->title : "");
  if (!ybc_document_print (GTK_WINDOW (self), self->pdf, g_strstrip (job), &error))
    toast (self, error->message);
}

static void
on_saved (const char   *path,
          const GError *error,
          gpointer      user_data)
{
  g_autoptr(YbcDocumentWindow) self = user_data;
  g_autofree char *message = NULL;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  message = error ? g_strdup (error->message) : g_strdup_printf (_("Saved as %s"), path);
  toast (self, message);
}

static void
on_save_clicked (YbcDocumentWindow *self)
{
  g_autofree char *name = ybc_document_file_name (self->serial, self->title);

  if (self->pdf != NULL)
    ybc_document_save_as (GTK_WINDOW (self), self->pdf, name, on_saved, g_object_ref (self));
}

static void
on_open_clicked (YbcDocumentWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = ybc_document_file_name (self->serial, self->title);

  if (self->pdf != NULL && !ybc_document_open_external (self->pdf, name, &error))
    toast (self, error->message);
}

static gboolean
on_shortcut (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  YbcDocumentWindow *self = YBC_DOCUMENT_WINDOW (widget);

  if (g_strcmp0 (g_variant_get_string (args, NULL), "print") == 0)
    on_print_clicked (self);
  else
    on_save_clicked (self);
  return TRUE;
}

YbcDocumentWindow *
ybc_document_window_new (GtkWindow  *parent,
                         YbcApi     *api,
                         gint64      id,
                         const char *title,
                         const char *serial)
{
  YbcDocumentWindow *self;

  g_return_val_if_fail (YBC_IS_API (api), NULL);

  self = g_object_new (YBC_TYPE_DOCUMENT_WINDOW, "transient-for", parent, NULL);
  self->api = g_object_ref (api);
  self->title = g_strdup (title);
  self->serial = g_strdup (serial);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title ? title : "");
  adw_window_title_set_subtitle (self->window_title, serial ? serial : "");

  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_set_spinning (self->spinner, TRUE);
  self->cancellable = g_cancellable_new ();
  ybc_api_get_document_async (api, id, self->cancellable, on_fetched, g_object_ref (self));
  return self;
}

int
ybc_document_window_get_n_pages (YbcDocumentWindow *self)
{
  g_return_val_if_fail (YBC_IS_DOCUMENT_WINDOW (self), 0);
  return self->document ? poppler_document_get_n_pages (self->document) : 0;
}

const char *
ybc_document_window_get_error (YbcDocumentWindow *self)
{
  g_return_val_if_fail (YBC_IS_DOCUMENT_WINDOW (self), NULL);
  return self->error;
}

static void
ybc_document_window_dispose (GObject *object)
{
  YbcDocumentWindow *self = YBC_DOCUMENT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), YBC_TYPE_DOCUMENT_WINDOW);

  G_OBJECT_CLASS (ybc_document_window_parent_class)->dispose (object);
}

static void
ybc_document_window_finalize (GObject *object)
{
  YbcDocumentWindow *self = YBC_DOCUMENT_WINDOW (object);

  g_clear_object (&self->api);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_object (&self->document);
  g_free (self->title);
  g_free (self->serial);
  g_free (self->error);

  G_OBJECT_CLASS (ybc_document_window_parent_class)->finalize (object);
}

static void
ybc_document_window_class_init (YbcDocumentWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ybc_document_window_dispose;
  object_class->finalize = ybc_document_window_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, on_shortcut, "s", "print");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, on_shortcut, "s", "save");

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/yibao/Client/ybc-document-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YbcDocumentWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, YbcDocumentWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, YbcDocumentWindow, print_button);
  gtk_widget_class_bind_template_child (widget_class, YbcDocumentWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, YbcDocumentWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, YbcDocumentWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, YbcDocumentWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, YbcDocumentWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, YbcDocumentWindow, pages_box);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
}

static void
ybc_document_window_init (YbcDocumentWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
