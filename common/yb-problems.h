/* yb-problems.h: a list of everything wrong with one submission.
 *
 * Every check in yibao adds to a list instead of stopping at the first problem, because
 * the applicant must be told everything at once (一次性告知). The same list becomes the
 * `errors` member of an application/problem+json response and the body of the notice.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char *code;     /* stable, ASCII, e.g. "id.checksum" */
  char *field;    /* the field or material id it concerns; NULL for the whole request */
  char *message;  /* Chinese, for staff and for the printed notice */
} YbProblem;

typedef struct _YbProblems YbProblems;

YbProblems      *yb_problems_new          (void);
YbProblems      *yb_problems_ref          (YbProblems *self);
void             yb_problems_unref        (YbProblems *self);
void             yb_problems_add          (YbProblems *self,
                                           const char *code,
                                           const char *field,
                                           const char *message_format,
                                           ...) G_GNUC_PRINTF (4, 5);
guint            yb_problems_get_len      (const YbProblems *self);
gboolean         yb_problems_is_empty     (const YbProblems *self);
const YbProblem *yb_problems_get          (const YbProblems *self,
                                           guint             index);
gboolean         yb_problems_has_code     (const YbProblems *self,
                                           const char       *code);
void             yb_problems_extend       (YbProblems       *self,
                                           const YbProblems *other);
/* [{"code":…, "field":…, "message":…}, …] */
JsonNode        *yb_problems_to_json      (const YbProblems *self);
YbProblems      *yb_problems_from_json    (JsonNode         *array,
                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbProblems, yb_problems_unref)

G_END_DECLS
