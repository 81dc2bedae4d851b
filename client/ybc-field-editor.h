/* ybc-field-editor.h: one field of a procedure action (yb-procedure.h, YbField) as a
 * form row: its name, the widget its type calls for, and its message underneath. The
 * value comes out as the JSON the action body carries (text, integer fen for money,
 * integer, boolean, a staff id for user fields). */
#pragma once

#include <gtk/gtk.h>

#include "yb-procedure.h"
#include "ybc-api.h"

G_BEGIN_DECLS

#define YBC_TYPE_FIELD_EDITOR (ybc_field_editor_get_type ())
G_DECLARE_FINAL_TYPE (YbcFieldEditor, ybc_field_editor, YBC, FIELD_EDITOR, GtkWidget)

/* @field and @action must outlive the editor (they belong to the item's procedure, which
 * the dialog holds). @api fills a user field's list of staff; @self_id is the user's
 * own id, left out of a second officer's list. */
YbcFieldEditor *ybc_field_editor_new             (const YbField  *field,
                                                  const YbAction *action,
                                                  YbcApi         *api,
                                                  gint64          self_id);
const YbField  *ybc_field_editor_get_field       (YbcFieldEditor *self);
const char     *ybc_field_editor_get_id          (YbcFieldEditor *self);
/* The value to send, or NULL when nothing is entered. A money or integer text that does
 * not parse gives NULL and a parse error. */
JsonNode       *ybc_field_editor_dup_value       (YbcFieldEditor *self);
/* Why the text cannot be sent (money or integer that does not parse), or NULL. */
const char     *ybc_field_editor_get_parse_error (YbcFieldEditor *self);
/* Puts a value in (a case's recorded value, or the party's); NULL clears. */
void            ybc_field_editor_set_value       (YbcFieldEditor *self,
                                                  JsonNode       *value);
/* The text of a text-like field as typed (tests type through the real entry). */
GtkWidget      *ybc_field_editor_get_input       (YbcFieldEditor *self);
/* The message under the field; NULL or "" hides it. */
void            ybc_field_editor_set_message     (YbcFieldEditor *self,
                                                  const char     *message);
const char     *ybc_field_editor_get_message     (YbcFieldEditor *self);
/* Whether the user has changed the field (then its live problems are shown). */
gboolean        ybc_field_editor_get_touched     (YbcFieldEditor *self);
void            ybc_field_editor_focus           (YbcFieldEditor *self);
/* How a value reads in the timeline: money in yuan, booleans as 是/否, … */
char           *ybc_field_format_value           (const YbField  *field,
                                                  JsonNode       *value);

G_END_DECLS
