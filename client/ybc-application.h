/* ybc-application.h: the yibao client application: command-line options, actions and
 * accelerators, and the move between the login window and the main window. */
#pragma once

#include <adwaita.h>

#include "ybc-api.h"
#include "ybc-login-window.h"
#include "ybc-main-window.h"

G_BEGIN_DECLS

#define YBC_APPLICATION_ID "cn.yibao.Client"

#define YBC_TYPE_APPLICATION (ybc_application_get_type ())
G_DECLARE_FINAL_TYPE (YbcApplication, ybc_application, YBC, APPLICATION, AdwApplication)

YbcApplication *ybc_application_new               (void);
YbcApi         *ybc_application_get_api           (YbcApplication *self);
/* The window on screen: exactly one of the two is non-NULL once activated. */
YbcLoginWindow *ybc_application_get_login_window  (YbcApplication *self);
YbcMainWindow  *ybc_application_get_main_window   (YbcApplication *self);
/* Ends the session (the server is told in the background) and shows the login window. */
void            ybc_application_logout            (YbcApplication *self);
/* FALSE with a message saying what to do when the GSettings schema is not installed. */
gboolean        ybc_application_check_settings_schema (GError **error);

G_END_DECLS
