/* ybc-i18n.c: choosing the UI language.
 *
 * The service-hall PCs run the client in whatever locale the session has, often none
 * (a kiosk started by systemd, an SSH session, a Debian install without zh_CN.UTF-8
 * generated). With no choice made, the UI is Chinese. glibc honours $LANGUAGE only when
 * the LC_MESSAGES locale is not "C", so for the fallback the locale becomes C.UTF-8
 * (always present in glibc ≥ 2.35, and UTF-8 so that the translations come out intact)
 * and $LANGUAGE names the language. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-i18n.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>

static char *localedir;

static gboolean
is_no_choice (const char *locale)
{
  return locale == NULL
         || *locale == '\0'
         || g_str_equal (locale, "C")
         || g_str_equal (locale, "POSIX")
         || g_str_has_prefix (locale, "C.");
}

/* The language the environment asked for even when its locale is not installed:
 * LANG=en_US.UTF-8 on a system without that locale still means English. */
static char *
requested_language (void)
{
  static const char *variables[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

  for (gsize i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_getenv (variables[i]);
      const char *end;

      if (value == NULL || *value == '\0')
        continue;
      if (is_no_choice (value))
        return NULL;
      end = value + strcspn (value, ".@");
      return g_strndup (value, (gsize) (end - value));
    }
  return NULL;
}

void
ybc_i18n_init (void)
{
  const char *messages;
  const char *language;

  if (setlocale (LC_ALL, "") == NULL)
    {
      /* The environment names a locale this system does not have: keep its language
       * for gettext, and a UTF-8 locale for everything else. */
      g_autofree char *requested = requested_language ();

      setlocale (LC_ALL, "C.UTF-8");
      language = g_getenv ("LANGUAGE");
      if ((language == NULL || *language == '\0') && requested != NULL)
        g_setenv ("LANGUAGE", requested, TRUE);
    }

  messages = setlocale (LC_MESSAGES, NULL);
  if (is_no_choice (messages))
    {
      language = g_getenv ("LANGUAGE");
      if (language == NULL || *language == '\0')
        g_setenv ("LANGUAGE", "zh_CN", TRUE);
      /* Under plain "C" glibc ignores LANGUAGE; C.UTF-8 is a real locale name to it. */
      if (!g_str_has_prefix (messages ? messages : "", "C.")
          && setlocale (LC_ALL, "C.UTF-8") == NULL)
        g_warning ("The C.UTF-8 locale is missing; the interface may not be translated");
    }

  /* We chose the locale; GTK must not reset it to the environment's. */
  gtk_disable_setlocale ();

  g_clear_pointer (&localedir, g_free);
  localedir = g_strdup (g_getenv ("YIBAO_LOCALEDIR"));
  if (localedir == NULL || *localedir == '\0')
    {
      g_free (localedir);
      localedir = g_strdup (LOCALEDIR);
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

const char *
ybc_i18n_get_localedir (void)
{
  return localedir ? localedir : LOCALEDIR;
}
