/* ybc-i18n.h: the client's language. Chinese unless the user chose another one. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale from the environment, falls back to Chinese when the environment
 * names none (C, POSIX, C.UTF-8, or nothing), and binds the "yibao" text domain to
 * $YIBAO_LOCALEDIR or the installed locale directory. Call before gtk_init (GTK must not
 * set the locale again: this calls gtk_disable_setlocale()) and before any gettext. */
void        ybc_i18n_init          (void);
/* The directory the text domain is bound to. */
const char *ybc_i18n_get_localedir (void);

G_END_DECLS
