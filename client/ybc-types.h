/* ybc-types.h: what the client keeps from the server's answers that common/ has no type
 * for: the logged-in user (GET /api/v1/me) and the county's catalogue as a list of
 * categories and item summaries (GET /api/v1/catalogue). Plain structs, read from JSON. */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64  id;
  char   *username;
  char   *display_name;
  char   *region_code;
  char   *region_name;
  char   *bureau;
  char   *department_code;   /* NULL when the user belongs to no department */
  char   *department_name;
  GStrv   roles;             /* never NULL */
} YbcUser;

typedef struct {
  char *code;
  char *name;
  char *full_name;
  char *category_code;
  char *category_name;
  char *department_code;    /* may be NULL */
  char *department_name;    /* may be NULL */
} YbcItemSummary;

typedef struct {
  char      *code;
  char      *name;
  GPtrArray *items;          /* YbcItemSummary*, owned */
} YbcCategory;

typedef struct {
  char      *region_code;
  char      *region_name;
  char      *bureau;
  GPtrArray *categories;     /* YbcCategory*, owned */
} YbcCatalogue;

#define YBC_TYPE_USER (ybc_user_get_type ())
GType         ybc_user_get_type        (void) G_GNUC_CONST;
YbcUser      *ybc_user_from_json       (JsonNode            *node,
                                        GError             **error);
YbcUser      *ybc_user_copy            (const YbcUser       *user);
void          ybc_user_free            (YbcUser             *user);
gboolean      ybc_user_has_role        (const YbcUser       *user,
                                        const char          *role);
/* Who is logged in, for the header bar: "张晓 · 赵县 · 窗口人员、科长". */
char         *ybc_user_dup_summary     (const YbcUser       *user);

YbcCatalogue *ybc_catalogue_from_json  (JsonNode            *node,
                                        GError             **error);
void          ybc_catalogue_free       (YbcCatalogue        *catalogue);
guint         ybc_catalogue_get_n_items (const YbcCatalogue *catalogue);
const YbcItemSummary *ybc_catalogue_find_item (const YbcCatalogue *catalogue,
                                               const char         *code);

/* The Chinese name of a role as the catalogue and the users table spell it
 * (clerk, chief, …); an unknown role comes back as it is. */
const char   *ybc_role_display_name    (const char          *role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbcUser, ybc_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbcCatalogue, ybc_catalogue_free)

G_END_DECLS
