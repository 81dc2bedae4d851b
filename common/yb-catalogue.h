/* yb-catalogue.h: the catalogue of power items (schema/catalogue/README.md), parsed and
 * checked. The admin tool validates a catalogue file with it before importing; the server
 * stores each county's resolved item definition; the client maps an item's JSON back into
 * YbItem to show it. */
#pragma once

#include "yb-problems.h"

G_BEGIN_DECLS

/* yb-procedure.h: an item's procedure, parsed. */
typedef struct _YbProcedure YbProcedure;

typedef struct {
  char *code;
  char *name;
  char *phone;              /* NULL when unknown */
  char *supervision_phone;  /* NULL when unknown */
} YbDepartment;

typedef struct {
  char      *code;
  char      *name;
  char      *parent_code;
  char      *parent_name;
  char      *bureau;
  GPtrArray *departments;   /* YbDepartment* */
  char      *abbrev;        /* "赵", used in document serials; NULL when not given */
} YbRegion;

typedef struct {
  char *code;
  char *name;
} YbCategory;

typedef enum {
  YB_TIME_LIMIT_NONE = 0,
  YB_TIME_LIMIT_WORKING_DAYS,
  YB_TIME_LIMIT_CALENDAR_DAYS,
  YB_TIME_LIMIT_ON_THE_SPOT,
} YbTimeLimitKind;

typedef struct {
  YbTimeLimitKind kind;
  int             days;
  char           *text;
} YbTimeLimit;

typedef struct {
  char      *id;
  char      *name;
  gboolean   original;
  gboolean   copy;
  gboolean   seal;
  int        copies;
  char      *note;          /* may be NULL */
  GPtrArray *any_of;        /* YbMaterial* alternatives; empty when a plain material */
} YbMaterial;

typedef struct {
  char      *id;
  char      *name;
  GStrv      materials;     /* material ids */
} YbMaterialSet;

typedef struct {
  char *id;
  char *name;
  char *role;
  char *text;
} YbStep;

typedef struct {
  char *number;
  char *label;              /* may be NULL */
} YbPhone;

/* One item as one county offers it (base merged with the county's own values). */
typedef struct {
  char        *region_code;
  char        *code;
  char        *category;
  char        *category_name;     /* filled by the server; may be NULL */
  char        *name;
  char        *full_name;
  char        *parent;            /* may be NULL */
  GPtrArray   *sub_items;         /* YbCategory* (code, name) */
  char        *legal_basis;
  char        *responsibilities;
  char        *accountability;
  YbTimeLimit  time_limit;
  GPtrArray   *materials;         /* YbMaterial* */
  GPtrArray   *material_sets;     /* YbMaterialSet* */
  GPtrArray   *steps;             /* YbStep* */
  GPtrArray   *phones;            /* YbPhone* */
  char        *supervision_phone; /* may be NULL */
  YbDepartment department;        /* code always; name/phones when the server filled them */
  char        *basis_note;        /* where the texts came from when not verbatim; may be NULL */
  char        *steps_note;        /* where the steps came from when not Zhao's; may be NULL */
  YbProcedure *procedure;         /* the item's procedure, inlined; NULL when it has none */
  JsonObject  *documents;         /* kind → {title, serial_code} for the kinds its actions
                                   * issue; NULL when the JSON has none */
  GHashTable  *time_limit_by_set; /* set id → YbTimeLimit* (time_limit.by_set); NULL when
                                   * none: use yb_item_time_limit_for_set */
} YbItem;

typedef struct _YbCatalogue YbCatalogue;

#define YB_CATALOGUE_ERROR (yb_catalogue_error_quark ())

typedef enum {
  YB_CATALOGUE_ERROR_NOT_JSON,  /* the file is empty or not JSON */
  YB_CATALOGUE_ERROR_INVALID,   /* the file has problems and no YbProblems was given */
  YB_CATALOGUE_ERROR_ITEM,      /* yb_item_from_json: required members missing or mistyped */
} YbCatalogueError;

GQuark       yb_catalogue_error_quark  (void);

/* Parses and checks a whole catalogue file. On any problem returns NULL and, when
 * @problems is given, lists all of them there (one per bad member, with a JSON path as
 * the field); a file that is not JSON at all is a GError. When @problems is NULL, a file
 * with problems is a YB_CATALOGUE_ERROR_INVALID GError whose message lists them all.
 * Problem codes: catalogue.{missing,type,empty,unknown_member,format,duplicate,item_code,
 * unknown_category,unknown_region,unknown_department,unknown_material,
 * unknown_material_set,time_limit_kind,time_limit_days,role,copies,document_kind,
 * unknown_procedure} and region.invalid; the procedures (top-level "procedures", and an
 * item's or a county's inline "procedure") add yb_procedure_parse's procedure.* problems
 * with their paths in the file. */
YbCatalogue *yb_catalogue_parse        (const char  *data,
                                        gssize       length,
                                        YbProblems  *problems,
                                        GError     **error);
void         yb_catalogue_free         (YbCatalogue *self);
GPtrArray   *yb_catalogue_get_regions    (YbCatalogue *self); /* YbRegion*, borrowed */
GPtrArray   *yb_catalogue_get_categories (YbCatalogue *self); /* YbCategory*, borrowed */
/* The top-level "documents" (kind → {title, serial_code}); NULL when the file has none. */
JsonObject  *yb_catalogue_get_documents  (YbCatalogue *self); /* borrowed */
/* The item definitions one county offers, resolved (county values merged in, "regions"
 * removed, "department" the department code), as JSON objects in catalogue order. A
 * named "procedure" is replaced by the procedure object itself, and "documents" holds
 * just the document kinds its actions issue, so that each definition stands alone. */
GPtrArray   *yb_catalogue_resolve_items  (YbCatalogue *self,
                                          const char  *region_code); /* JsonNode*, owned */

/* The JSON the server answers for one item → YbItem. "department" may be the code string
 * or an object {code, name, phone, supervision_phone}. Missing optional members are fine;
 * missing required ones are a GError naming them all. An inline "procedure" is parsed
 * with yb_procedure_parse (against "documents" when present); its problems are named
 * in the GError too. */
YbItem      *yb_item_from_json         (JsonNode    *node,
                                        GError     **error);
void         yb_item_free              (YbItem      *item);
/* The item's time limit for a case handled under @material_set: its time_limit.by_set
 * variant when there is one, else time_limit (a deadline with "limit": "item"). */
const YbTimeLimit *yb_item_time_limit_for_set (const YbItem *item,
                                               const char   *material_set);
const char  *yb_time_limit_kind_to_string (YbTimeLimitKind kind);
/* "working_days" etc. → @out; FALSE (and @out untouched) for anything else. */
gboolean     yb_time_limit_kind_from_string (const char      *text,
                                             YbTimeLimitKind *out);
/* Whether @role is one a procedure step may name (clerk, chief, … party_group). */
gboolean     yb_role_is_known          (const char  *role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbCatalogue, yb_catalogue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbItem, yb_item_free)

G_END_DECLS
