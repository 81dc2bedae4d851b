/* yb-json-check-private.h: checking a JSON document member by member inside common/:
 * each problem goes to a YbProblems with the JSON path of the member at fault
 * (items[3].materials[1].id) as its field, and is reported once per path and code. */
#pragma once

#include "yb-problems.h"

G_BEGIN_DECLS

typedef enum {
  YB_JSON_KIND_STRING,
  YB_JSON_KIND_INT,
  YB_JSON_KIND_BOOL,
  YB_JSON_KIND_ARRAY,
  YB_JSON_KIND_OBJECT,
} YbJsonKind;

typedef struct {
  YbProblems *problems;  /* borrowed */
  char       *prefix;    /* of the codes below: "catalogue" gives catalogue.missing … */
  GHashTable *reported;  /* "code\nfield" already added */
} YbJsonCheck;

void        yb_json_check_init   (YbJsonCheck *jc,
                                  YbProblems  *problems,
                                  const char  *code_prefix);
void        yb_json_check_clear  (YbJsonCheck *jc);

/* Adds a problem unless this code was already reported for this field. */
void        yb_json_check_report (YbJsonCheck *jc,
                                  const char  *code,
                                  const char  *field,
                                  const char  *format,
                                  ...) G_GNUC_PRINTF (4, 5);

char       *yb_json_path_member  (const char *parent,
                                  const char *member);
char       *yb_json_path_index   (const char *parent,
                                  guint       index);

gboolean    yb_json_node_is_kind (JsonNode   *node,
                                  YbJsonKind  kind);
/* JSON null counts as absent. */
gboolean    yb_json_present      (JsonObject *object,
                                  const char *name);

/* The member when present and of @kind, else NULL after reporting it missing (when
 * @required: PREFIX.missing), of the wrong kind (PREFIX.type), or a required string
 * that is empty (PREFIX.empty). */
JsonNode   *yb_json_check_member (YbJsonCheck *jc,
                                  JsonObject  *object,
                                  const char  *path,
                                  const char  *name,
                                  YbJsonKind   kind,
                                  gboolean     required);
const char *yb_json_check_string (YbJsonCheck *jc,
                                  JsonObject  *object,
                                  const char  *path,
                                  const char  *name,
                                  gboolean     required);
void        yb_json_check_optional_string (YbJsonCheck *jc,
                                           JsonObject  *object,
                                           const char  *path,
                                           const char  *name);
/* As yb_json_check_member for an array; @non_empty reports [] as PREFIX.empty. */
JsonArray  *yb_json_check_array  (YbJsonCheck *jc,
                                  JsonObject  *object,
                                  const char  *path,
                                  const char  *name,
                                  gboolean     required,
                                  gboolean     non_empty);
/* Reports every member of @object not in @known as PREFIX.unknown_member. */
void        yb_json_check_known_members (YbJsonCheck        *jc,
                                         JsonObject         *object,
                                         const char         *path,
                                         const char * const *known);
/* Element @index of @array when it is an object (at @path), else reports it. */
JsonObject *yb_json_check_element_object (YbJsonCheck *jc,
                                          JsonArray   *array,
                                          guint        index,
                                          const char  *path);
/* Adds @code to @seen (a set of owned strings), reporting PREFIX.duplicate at @path
 * when it is already there; @what names the code in the message. NULL @code is ignored. */
void        yb_json_check_unique (YbJsonCheck *jc,
                                  GHashTable  *seen,
                                  const char  *code,
                                  const char  *path,
                                  const char  *what);

G_END_DECLS
