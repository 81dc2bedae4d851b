/* ybc-login-window.h: the login window. It owns nothing but the form: it logs in through
 * the application's YbcApi and says so with ::logged-in; the application decides what
 * comes next. */
#pragma once

#include <adwaita.h>

#include "ybc-api.h"

G_BEGIN_DECLS

#define YBC_TYPE_LOGIN_WINDOW (ybc_login_window_get_type ())
G_DECLARE_FINAL_TYPE (YbcLoginWindow, ybc_login_window, YBC, LOGIN_WINDOW, AdwApplicationWindow)

YbcLoginWindow *ybc_login_window_new            (GtkApplication *application,
                                                 YbcApi         *api);
void            ybc_login_window_set_server_url (YbcLoginWindow *self,
                                                 const char     *url);
const char     *ybc_login_window_get_server_url (YbcLoginWindow *self);
void            ybc_login_window_set_username   (YbcLoginWindow *self,
                                                 const char     *username);
const char     *ybc_login_window_get_username   (YbcLoginWindow *self);
void            ybc_login_window_set_password   (YbcLoginWindow *self,
                                                 const char     *password);
/* As if the user pressed the button: checks the fields, then logs in. */
void            ybc_login_window_submit         (YbcLoginWindow *self);
gboolean        ybc_login_window_get_busy       (YbcLoginWindow *self);
/* A message above the form: an error, or (is_error FALSE) a notice such as "logged out". */
void            ybc_login_window_show_message   (YbcLoginWindow *self,
                                                 const char     *message,
                                                 gboolean        is_error);
/* The banner's text, or NULL when none is shown. */
const char     *ybc_login_window_get_message    (YbcLoginWindow *self);
/* Puts the keyboard focus in the first field that needs typing. */
void            ybc_login_window_focus_first_empty (YbcLoginWindow *self);

G_END_DECLS
