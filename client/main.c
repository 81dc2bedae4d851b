/* main.c: the yibao client's entry point: language first, then the application. */
#define G_LOG_DOMAIN "yibao-client"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "ybc-application.h"
#include "ybc-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(YbcApplication) application = NULL;
  g_autoptr(GError) error = NULL;

  ybc_i18n_init ();

  if (!ybc_application_check_settings_schema (&error))
    {
      g_printerr ("yibao: %s\n", error->message);
      return EXIT_FAILURE;
    }

  application = ybc_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
