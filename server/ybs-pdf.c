/* ybs-pdf.c: printed documents as A4 PDFs (the JSON they are made from is described in
 * ybs-pdf.h).
 *
 * Rendering is two steps. The layout step flows the document into pages of positioned
 * lines and rules (a display list); the drawing step replays the pages once per copy
 * onto a cairo PDF surface. Laying out first means the page count is known before
 * anything is drawn, which the "— 1 —" page numbers need, and copies cost no relayout.
 *
 * Every line of text sits in a slot of a fixed pitch per style, as on the line grid of
 * GB/T 9704, and a page breaks only between slots: a line is never cut. */
#define G_LOG_DOMAIN "yibao-server"

#ifndef PANGO_VERSION_MIN_REQUIRED
/* Debian 12 ships pango 1.50; nothing newer may sneak in. */
# define PANGO_VERSION_MIN_REQUIRED PANGO_VERSION_1_50
# define PANGO_VERSION_MAX_ALLOWED PANGO_VERSION_1_50
#endif

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "ybs-error.h"
#include "ybs-pdf.h"

/* ------------------------------------------------------------------------- checking */

static const char * const doc_members[] = {
  "bureau", "title", "serial", "addressee", "paragraphs", "fields_header", "fields",
  "list_title", "list", "closing", "contact", "signature", "basis", "copies", NULL,
};
static const char * const contact_members[] = {
  "unit", "address", "phone", "supervision_phone", NULL,
};
static const char * const signature_members[] = { "clerk", "seal", "date", NULL };

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* The member, or NULL when absent; JSON null counts as absent because serialisers
 * write it for fields nobody filled in. */
static JsonNode *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/* The accessors below give NULL for a member of the wrong kind too, so the checks can
 * use them before they know the document is sound. */
static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? member (object, name) : NULL;

  return node != NULL && node_is_string (node) ? json_node_get_string (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
path_of (const char *parent,
         const char *name)
{
  return parent != NULL ? g_strdup_printf ("%s.%s", parent, name) : g_strdup (name);
}

static void
check_known (YbProblems         *problems,
             JsonObject         *object,
             const char         *parent,
             const char * const *known)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *path = path_of (parent, l->data);

        yb_problems_add (problems, "document.unknown_member", path,
                         "未知的成员“%s”（拼写错误？）", path);
      }
}

static void
check_string (YbProblems *problems,
              JsonObject *object,
              const char *parent,
              const char *name,
              gboolean    required)
{
  JsonNode *node = member (object, name);
  g_autofree char *path = path_of (parent, name);

  if (node == NULL)
    {
      if (required)
        yb_problems_add (problems, "document.missing", path, "缺少必填项“%s”", path);
    }
  else if (!node_is_string (node))
    yb_problems_add (problems, "document.type", path, "“%s”应为字符串", path);
  else if (required && json_node_get_string (node)[0] == '\0')
    yb_problems_add (problems, "document.empty", path, "“%s”不能为空", path);
}

/* An array of strings; @pairs: of two-string arrays instead (the table rows). */
static void
check_strings (YbProblems *problems,
               JsonObject *object,
               const char *name,
               gboolean    pairs)
{
  JsonNode *node = member (object, name);
  JsonArray *array;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      yb_problems_add (problems, "document.type", name, "“%s”应为%s数组", name,
                       pairs ? "由 [名称, 内容] 组成的" : "字符串");
      return;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s[%u]", name, i);
      JsonArray *pair;

      if (!pairs)
        {
          if (!node_is_string (element))
            yb_problems_add (problems, "document.type", path, "“%s”应为字符串", path);
          continue;
        }
      pair = JSON_NODE_HOLDS_ARRAY (element) ? json_node_get_array (element) : NULL;
      if (pair == NULL || json_array_get_length (pair) != 2 ||
          !node_is_string (json_array_get_element (pair, 0)) ||
          !node_is_string (json_array_get_element (pair, 1)))
        yb_problems_add (problems, "document.type", path,
                         "“%s”应为两个字符串组成的数组 [名称, 内容]", path);
    }
}

/* "2026-11-25" → TRUE and the date; anything looser is refused, because a date on an
 * official document that was guessed at is worse than none. */
static gboolean
parse_date (const char *text,
            GDateYear  *year,
            GDateMonth *month,
            GDateDay   *day)
{
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  *year = (GDateYear) g_ascii_strtoull (text, NULL, 10);
  *month = (GDateMonth) g_ascii_strtoull (text + 5, NULL, 10);
  *day = (GDateDay) g_ascii_strtoull (text + 8, NULL, 10);
  return g_date_valid_dmy (*day, *month, *year);
}

static void
check_object (YbProblems         *problems,
              JsonObject         *doc,
              const char         *name,
              const char * const *known)
{
  JsonNode *node = member (doc, name);
  JsonObject *object;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      yb_problems_add (problems, "document.type", name, "“%s”应为对象", name);
      return;
    }
  object = json_node_get_object (node);
  check_known (problems, object, name, known);
  for (guint i = 0; known[i] != NULL; i++)
    check_string (problems, object, name, known[i], FALSE);
}

gboolean
ybs_pdf_check (JsonObject *doc,
               YbProblems *problems)
{
  static const char * const strings[] = {
    "bureau", "serial", "addressee", "list_title", "basis",
  };
  guint before;
  JsonArray *array;
  const char *date;
  GDateYear year;
  GDateMonth month;
  GDateDay day;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  before = yb_problems_get_len (problems);
  check_known (problems, doc, NULL, doc_members);
  check_string (problems, doc, NULL, "title", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    check_string (problems, doc, NULL, strings[i], FALSE);
  check_strings (problems, doc, "paragraphs", FALSE);
  check_strings (problems, doc, "list", FALSE);
  check_strings (problems, doc, "closing", FALSE);
  check_strings (problems, doc, "copies", FALSE);
  check_strings (problems, doc, "fields", TRUE);
  check_strings (problems, doc, "fields_header", FALSE);
  check_object (problems, doc, "contact", contact_members);
  check_object (problems, doc, "signature", signature_members);

  array = member_array (doc, "fields_header");
  if (array != NULL && json_array_get_length (array) != 2)
    yb_problems_add (problems, "document.type", "fields_header",
                     "“fields_header”应为两个字符串 [名称, 内容]");
  array = member_array (doc, "copies");
  if (array != NULL && json_array_get_length (array) == 0)
    yb_problems_add (problems, "document.empty", "copies", "“copies”不能是空数组");
  date = member_string (member_object (doc, "signature"), "date");
  if (date != NULL && !parse_date (date, &year, &month, &day))
    yb_problems_add (problems, "document.date", "signature.date",
                     "“signature.date”应为有效日期 YYYY-MM-DD，而不是“%s”", date);

  return yb_problems_get_len (problems) == before;
}

/* ------------------------------------------------------------------------- typography */

#define MM      (72.0 / 25.4)        /* PDF user space is in points */
#define PAGE_W  (210.0 * MM)
#define PAGE_H  (297.0 * MM)
#define TOP     (37.0 * MM)
#define LEFT    (28.0 * MM)
#define RIGHT   (PAGE_W - 26.0 * MM)
#define BOTTOM  (PAGE_H - 35.0 * MM)
#define TEXT_W  (RIGHT - LEFT)
#define EPSILON 0.01

/* Noto Sans CJK is the fallback fonts-noto-cjk always brings along. */
#define FAMILIES "Noto Serif CJK SC, Noto Sans CJK SC, serif"

typedef struct {
  double   size;   /* points */
  gboolean bold;
  double   pitch;  /* baseline to baseline, as a multiple of size */
} Style;

static const Style style_bureau = { 18.0, TRUE, 1.6 };   /* 小二 */
static const Style style_title  = { 22.0, TRUE, 1.5 };   /* 二号 */
/* Window notices are set a size below GB/T 9704's 三号 (as the bureau's printed forms
 * are), so a notice with its particulars, list and signature fits one page. */
static const Style style_body   = { 14.0, FALSE, 1.5 };   /* 四号: 31 characters a line */
static const Style style_cell   = { 12.0, FALSE, 1.4 };   /* 小四 */
static const Style style_head   = { 12.0, TRUE, 1.4 };
static const Style style_small  = { 10.5, FALSE, 1.5 };  /* 五号 */
static const Style style_label  = { 12.0, FALSE, 1.0 };  /* 小四 */

#define PITCH(style) ((style)->size * (style)->pitch)
#define CELL_PAD_X   (0.5 * style_cell.size)
#define CELL_PAD_Y   (0.25 * style_cell.size)
#define RULE_WIDTH   0.75

/* ------------------------------------------------------------------------- layout */

/* One entry of the display list: a line of a layout, or a rule when @layout is NULL. */
typedef struct {
  PangoLayout *layout;
  int          line;
  double       x, y;    /* a line's baseline start; a rule's start */
  double       x2, y2;  /* a rule's end */
} Item;

typedef struct {
  int    index;
  double x;       /* left edge within the layout: alignment and indents */
  double ascent;  /* baseline below the line's top */
  double height;
} LineInfo;

typedef struct {
  PangoContext *context;  /* borrowed */
  GPtrArray    *pages;    /* of GPtrArray of Item */
  GPtrArray    *page;     /* the last of @pages */
  double        y;        /* top of the next free slot */
  /* The last text lines placed, newest last, when they end the page so far: what
   * flow_carry() may move on to the next page. */
  guint         n_recent;
  guint         recent_item[3];  /* index in @page */
  double        recent_top[3];
  guint         recent_line[3];  /* index in its paragraph */
} Flow;

typedef struct {
  PangoLayout *cells[2];
  GArray      *lines[2];  /* of LineInfo */
  guint        n;         /* lines of the taller cell */
} Row;

typedef struct {
  double label_w;         /* first column, rules included */
  Row   *header;          /* or NULL */
  guint  page_lines;      /* lines a row may have on a page of its own */
  double fresh_y;         /* a page holding nothing of the table but its header ends here */
} Table;

static void
item_free (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->layout);
  g_free (item);
}

static void
flow_new_page (Flow *f)
{
  f->page = g_ptr_array_new_with_free_func (item_free);
  g_ptr_array_add (f->pages, f->page);
  f->y = TOP;
  f->n_recent = 0;
}

static gboolean
flow_at_top (Flow *f)
{
  return f->y <= TOP + EPSILON;
}

/* Breaks the page unless @height more fits on it; a block taller than a page then at
 * least starts on a fresh one. */
static void
flow_ensure (Flow   *f,
             double  height)
{
  if (f->y + height > BOTTOM + EPSILON && !flow_at_top (f))
    flow_new_page (f);
}

/* White space between blocks; none at the top of a page, where it would only push
 * the text down. */
static void
flow_gap (Flow   *f,
          double  height)
{
  if (!flow_at_top (f))
    f->y += height;
}

static void
flow_rule (Flow   *f,
           double  x,
           double  y,
           double  x2,
           double  y2)
{
  Item *item = g_new0 (Item, 1);

  item->x = x;
  item->y = y;
  item->x2 = x2;
  item->y2 = y2;
  g_ptr_array_add (f->page, item);
}

/* Puts @info's line of @layout in the slot of @pitch whose top is @top, centred on it
 * so lines of different fonts share one grid. */
static void
flow_line (Flow           *f,
           PangoLayout    *layout,
           const LineInfo *info,
           double          x,
           double          top,
           double          pitch)
{
  Item *item = g_new0 (Item, 1);

  item->layout = g_object_ref (layout);
  item->line = info->index;
  item->x = x + info->x;
  item->y = top + (pitch - info->height) / 2 + info->ascent;
  g_ptr_array_add (f->page, item);
}

static PangoFontDescription *
style_font (const Style *style)
{
  PangoFontDescription *desc = pango_font_description_from_string (FAMILIES);

  pango_font_description_set_absolute_size (desc, style->size * PANGO_SCALE);
  pango_font_description_set_weight (desc, style->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return desc;
}

/* @width < 0: one line per paragraph of @text, as wide as it needs. */
static PangoLayout *
make_layout (Flow           *f,
             const Style    *style,
             const char     *text,
             double          width,
             PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (f->context);
  g_autoptr(PangoFontDescription) desc = style_font (style);

  pango_layout_set_font_description (layout, desc);
  if (width >= 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      /* Long digit runs (ID numbers, file numbers) may break anywhere rather than
       * overflow the margin. */
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Justified text, indented by @indent on its first line (negative: on the others).
 * Pango stretches only the spaces of a line when it has any (U+0020 and U+00A0), so
 * "No. 123" in a line of Chinese would open one wide gap; with a four-per-em space in
 * their place, which looks the same and breaks the same, the stretch goes between all
 * characters instead, as Chinese justification wants. */
static PangoLayout *
make_justified (Flow        *f,
                const Style *style,
                const char  *text,
                double       width,
                double       indent)
{
  g_autoptr(GString) spaced = g_string_new (text);
  PangoLayout *layout;

  g_string_replace (spaced, " ", "\u2005", 0);
  layout = make_layout (f, style, spaced->str, width, PANGO_ALIGN_LEFT);
  pango_layout_set_indent (layout, pango_units_from_double (indent));
  pango_layout_set_justify (layout, TRUE);
  return layout;
}

/* A paragraph of body text: justified, first line indented by two characters. */
static PangoLayout *
make_paragraph (Flow        *f,
                const Style *style,
                const char  *text,
                gboolean     indent)
{
  return make_justified (f, style, text, TEXT_W, indent ? 2 * style->size : 0);
}

static GArray *
layout_lines (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (LineInfo));
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);
  int index = 0;

  do
    {
      PangoRectangle logical;
      LineInfo info;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      info.index = index++;
      info.x = pango_units_to_double (logical.x);
      info.ascent = pango_units_to_double (pango_layout_iter_get_baseline (iter) - logical.y);
      info.height = pango_units_to_double (logical.height);
      g_array_append_val (lines, info);
    }
  while (pango_layout_iter_next_line (iter));
  return lines;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.width);
}

static guint
flow_lines_fitting (Flow   *f,
                    double  pitch)
{
  double room = BOTTOM + EPSILON - f->y;

  return room > 0 ? (guint) floor (room / pitch) : 0;
}

/* Flows @layout's lines at @x, breaking pages between lines but never leaving a
 * paragraph's first line alone at the foot of a page nor its last line alone at the
 * head of the next. When @keep is larger than that, so much room is made first, to
 * keep a heading with what follows it. */
static void
flow_text (Flow        *f,
           PangoLayout *layout,
           const Style *style,
           double       x,
           guint        keep)
{
  g_autoptr(GArray) lines = layout_lines (layout);
  double pitch = PITCH (style);
  guint n = lines->len;
  guint i = 0;

  flow_ensure (f, MAX (keep, MIN (n, 2)) * pitch);
  while (i < n)
    {
      guint room = flow_lines_fitting (f, pitch);
      guint take = MIN (room, n - i);

      if (take < n - i)
        {
          if (n - i - take == 1)
            take--;
          if (i == 0 && take == 1)
            take = 0;
          if (take == 0 && flow_at_top (f))
            take = MAX (1, MIN (room, n - i));  /* a page can hold no more */
        }
      for (guint j = 0; j < take; j++, i++)
        {
          memmove (f->recent_item, f->recent_item + 1, 2 * sizeof f->recent_item[0]);
          memmove (f->recent_top, f->recent_top + 1, 2 * sizeof f->recent_top[0]);
          memmove (f->recent_line, f->recent_line + 1, 2 * sizeof f->recent_line[0]);
          f->recent_item[2] = f->page->len;
          f->recent_top[2] = f->y;
          f->recent_line[2] = i;
          f->n_recent = MIN (f->n_recent + 1, 3);
          flow_line (f, layout, &g_array_index (lines, LineInfo, i), x, f->y, pitch);
          f->y += pitch;
        }
      if (i < n)
        flow_new_page (f);
    }
}

/* Starts a new page and moves the last two text lines of this one there, so that what
 * comes next (the signature) does not stand on a page without any of the body; three
 * when two would leave a paragraph's first line behind alone. */
static void
flow_carry (Flow *f)
{
  GPtrArray *old = f->page;
  guint count = MIN (f->n_recent, 2);
  guint from;
  double top;
  double bottom = f->y;

  if (f->n_recent == 3 && f->recent_line[0] == 0 && f->recent_line[1] == 1)
    count = 3;
  from = f->recent_item[3 - count];
  top = f->recent_top[3 - count];
  if (count == 0 || top <= TOP + EPSILON)
    {
      flow_new_page (f);
      return;
    }
  flow_new_page (f);
  while (old->len > from)
    {
      Item *item = g_ptr_array_steal_index (old, from);

      item->y += TOP - top;
      g_ptr_array_add (f->page, item);
    }
  f->y = TOP + (bottom - top);
}

static void
flow_string (Flow           *f,
             const Style    *style,
             const char     *text,
             PangoAlignment  alignment,
             guint           keep)
{
  g_autoptr(PangoLayout) layout = make_layout (f, style, text, TEXT_W, alignment);

  flow_text (f, layout, style, LEFT, keep);
}

static void
flow_paragraphs (Flow       *f,
                 JsonArray  *paragraphs)
{
  for (guint i = 0; paragraphs != NULL && i < json_array_get_length (paragraphs); i++)
    {
      g_autoptr(PangoLayout) layout =
        make_paragraph (f, &style_body, json_array_get_string_element (paragraphs, i), TRUE);

      flow_text (f, layout, &style_body, LEFT, 0);
    }
}

/* ------------------------------------------------------------------------- the table */

static void
row_free (Row *row)
{
  for (guint c = 0; c < 2; c++)
    {
      g_clear_object (&row->cells[c]);
      g_clear_pointer (&row->lines[c], g_array_unref);
    }
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, row_free)

static Row *
row_new (Flow        *f,
         const Table *t,
         const Style *style,
         JsonArray   *pair)
{
  Row *row = g_new0 (Row, 1);
  double widths[2] = { t->label_w - 2 * CELL_PAD_X, TEXT_W - t->label_w - 2 * CELL_PAD_X };

  for (guint c = 0; c < 2; c++)
    {
      row->cells[c] = make_layout (f, style, json_array_get_string_element (pair, c),
                                   widths[c], PANGO_ALIGN_LEFT);
      row->lines[c] = layout_lines (row->cells[c]);
      row->n = MAX (row->n, row->lines[c]->len);
    }
  return row;
}

static guint
table_lines_fitting (Flow *f)
{
  double room = BOTTOM + EPSILON - f->y - 2 * CELL_PAD_Y;

  return room > 0 ? (guint) floor (room / PITCH (&style_cell)) : 0;
}

/* Lines @first … @first + @count - 1 of @row as one ruled band at the flow's cursor.
 * The label is centred against a taller value, unless the row is being split. */
static void
table_band (Flow  *f,
            Table *t,
            Row   *row,
            guint  first,
            guint  count)
{
  double pitch = PITCH (&style_cell);
  double height = count * pitch + 2 * CELL_PAD_Y;
  double xs[2] = { LEFT, LEFT + t->label_w };
  double top = f->y;

  for (guint c = 0; c < 2; c++)
    {
      GArray *lines = row->lines[c];
      double offset = 0;

      if (first == 0 && count == row->n && c == 0)
        offset = (row->n - lines->len) * pitch / 2;
      for (guint i = first; i < first + count && i < lines->len; i++)
        flow_line (f, row->cells[c], &g_array_index (lines, LineInfo, i), xs[c] + CELL_PAD_X,
                   top + CELL_PAD_Y + offset + (i - first) * pitch, pitch);
    }
  f->n_recent = 0;  /* a table row is not carried */
  /* Each band draws its own box; where bands meet the rules coincide. */
  flow_rule (f, LEFT, top, RIGHT, top);
  flow_rule (f, LEFT, top + height, RIGHT, top + height);
  flow_rule (f, LEFT, top, LEFT, top + height);
  flow_rule (f, RIGHT, top, RIGHT, top + height);
  flow_rule (f, xs[1], top, xs[1], top + height);
  f->y += height;
}

static void
table_new_page (Flow  *f,
                Table *t)
{
  flow_new_page (f);
  if (t->header != NULL)
    table_band (f, t, t->header, 0, t->header->n);
  t->fresh_y = f->y;
}

static void
table_row (Flow  *f,
           Table *t,
           Row   *row)
{
  guint first = 0;

  while (first < row->n)
    {
      guint rest = row->n - first;
      guint fit = table_lines_fitting (f);
      gboolean fresh = f->y <= t->fresh_y + EPSILON;

      if (fit >= rest)
        {
          table_band (f, t, row, first, rest);
          return;
        }
      /* A row moves to the next page whole; only one taller than a page is split,
       * and that one starts where it is. */
      if ((first == 0 && !fresh && row->n <= t->page_lines) || fit < MIN (rest, 2))
        {
          table_new_page (f, t);
          continue;
        }
      table_band (f, t, row, first, fit);
      first += fit;
      table_new_page (f, t);
    }
}

/* The label column's width, rules included: of a few candidates, the one that gives
 * the table the fewest lines, estimated from each cell's width on one line. Ties go
 * to the narrower label column, leaving the values room. Labels short enough (a
 * quarter of the line) are never wrapped, even where a tall value would hide it. */
static double
table_label_width (Flow      *f,
                   JsonArray *header,
                   JsonArray *fields)
{
  guint n_rows = json_array_get_length (fields) + (header != NULL ? 1 : 0);
  g_autofree double *natural = g_new (double, 2 * n_rows);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (double));
  double widest = 0;
  double lo;
  double hi = 0.6 * TEXT_W;
  double best;
  double best_lines = G_MAXDOUBLE;

  for (guint r = 0; r < n_rows; r++)
    {
      gboolean is_header = header != NULL && r == 0;
      JsonArray *pair = is_header ? header : json_array_get_array_element (fields, r - (header != NULL));

      for (guint c = 0; c < 2; c++)
        {
          g_autoptr(PangoLayout) cell = make_layout (f, is_header ? &style_head : &style_cell,
                                                     json_array_get_string_element (pair, c), -1,
                                                     PANGO_ALIGN_LEFT);

          natural[2 * r + c] = layout_width (cell) + 2 * CELL_PAD_X + 1;
        }
      g_array_append_val (candidates, natural[2 * r]);
      widest = MAX (widest, natural[2 * r]);
    }
  lo = MAX (4 * style_cell.size, MIN (widest, 0.25 * TEXT_W));
  best = lo;
  for (guint share = 20; share <= 60; share += 5)
    {
      double w = share * TEXT_W / 100;

      g_array_append_val (candidates, w);
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      double w = CLAMP (g_array_index (candidates, double, i), lo, hi);
      double lines = 0;

      for (guint r = 0; r < n_rows; r++)
        lines += MAX (ceil (natural[2 * r] / w), ceil (natural[2 * r + 1] / (TEXT_W - w)));
      if (lines < best_lines || (lines == best_lines && w < best))
        {
          best = w;
          best_lines = lines;
        }
    }
  return best;
}

static void
flow_table (Flow      *f,
            JsonArray *header,
            JsonArray *fields)
{
  Table t = { .label_w = table_label_width (f, header, fields) };
  g_autoptr(Row) header_row = NULL;

  if (header != NULL)
    {
      header_row = row_new (f, &t, &style_head, header);
      flow_ensure (f, (header_row->n + 1) * PITCH (&style_cell) + 4 * CELL_PAD_Y);
      table_band (f, &t, header_row, 0, header_row->n);
      t.header = header_row;
    }
  t.fresh_y = f->y;
  t.page_lines = (guint) floor ((BOTTOM - TOP - 2 * CELL_PAD_Y -
                                 (header_row != NULL ? header_row->n * PITCH (&style_cell) + 2 * CELL_PAD_Y : 0))
                                / PITCH (&style_cell));
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      g_autoptr(Row) row = row_new (f, &t, &style_cell, json_array_get_array_element (fields, i));

      table_row (f, &t, row);
    }
}

/* ------------------------------------------------------------------------- the document */

/* The numbered list: numbers two characters in, text hanging after the widest
 * number so every entry's text lines up. */
static void
flow_list (Flow      *f,
           JsonArray *list)
{
  double x = LEFT + 2 * style_body.size;
  guint n = json_array_get_length (list);
  g_autofree char *widest = g_strdup_printf ("%u.", n);
  g_autoptr(PangoLayout) probe = make_layout (f, &style_body, widest, -1, PANGO_ALIGN_LEFT);
  double hang = layout_width (probe) + style_body.size / 2;
  g_autoptr(PangoTabArray) tabs = pango_tab_array_new_with_positions (1, FALSE, PANGO_TAB_LEFT,
                                                                      pango_units_from_double (hang));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u.\t%s", i + 1, json_array_get_string_element (list, i));
      g_autoptr(PangoLayout) layout = make_justified (f, &style_body, text, RIGHT - x, -hang);

      pango_layout_set_tabs (layout, tabs);
      flow_text (f, layout, &style_body, x, 0);
    }
}

static void
flow_contact (Flow       *f,
              JsonObject *contact)
{
  const char *unit = member_string (contact, "unit");
  const char *address = member_string (contact, "address");
  const char *phone = member_string (contact, "phone");
  const char *supervision = member_string (contact, "supervision_phone");
  g_autofree char *unit_line = unit != NULL ? g_strdup_printf ("承办机构：%s", unit) : NULL;
  g_autofree char *address_line = address != NULL ? g_strdup_printf ("地址：%s", address) : NULL;
  g_autofree char *phone_line = phone != NULL ? g_strdup_printf ("联系电话：%s", phone) : NULL;
  g_autofree char *supervision_line =
    supervision != NULL ? g_strdup_printf ("监督电话：%s", supervision) : NULL;
  /* Pairs share a line when they fit on one, as the seeds print them. */
  const char *pairs[2][2] = { { unit_line, address_line }, { phone_line, supervision_line } };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *joined = NULL;
      g_autoptr(PangoLayout) layout = NULL;

      if (pairs[i][0] == NULL || pairs[i][1] == NULL)
        {
          const char *only = pairs[i][0] != NULL ? pairs[i][0] : pairs[i][1];

          if (only != NULL)
            {
              layout = make_paragraph (f, &style_body, only, TRUE);
              flow_text (f, layout, &style_body, LEFT, 0);
            }
          continue;
        }
      joined = g_strdup_printf ("%s　%s", pairs[i][0], pairs[i][1]);
      layout = make_paragraph (f, &style_body, joined, TRUE);
      if (pango_layout_get_line_count (layout) == 1)
        {
          flow_text (f, layout, &style_body, LEFT, 0);
          continue;
        }
      for (guint j = 0; j < 2; j++)
        {
          g_autoptr(PangoLayout) part = make_paragraph (f, &style_body, pairs[i][j], TRUE);

          flow_text (f, part, &style_body, LEFT, 0);
        }
    }
}

/* Clerk, seal and date as one block, each line centred on the others and the block
 * two characters in from the right margin, as 署名 and 成文日期 stand in GB/T 9704.
 * @after is the height of what must stay with it (the start of the basis). */
static void
flow_signature (Flow       *f,
                JsonObject *signature,
                double      after)
{
  const char *clerk = member_string (signature, "clerk");
  const char *seal = member_string (signature, "seal");
  const char *date = member_string (signature, "date");
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double pitch = PITCH (&style_body);
  double block_w = 0;
  double right;

  if (clerk != NULL)
    {
      g_autofree char *text = g_strdup_printf ("经办人：%s", clerk);

      g_ptr_array_add (layouts, make_layout (f, &style_body, text, -1, PANGO_ALIGN_LEFT));
    }
  if (seal != NULL)
    g_ptr_array_add (layouts, make_layout (f, &style_body, seal, -1, PANGO_ALIGN_LEFT));
  if (date != NULL)
    {
      GDateYear year;
      GDateMonth month;
      GDateDay day;
      g_autofree char *text = NULL;

      if (!parse_date (date, &year, &month, &day))
        g_assert_not_reached ();  /* ybs_pdf_check saw to it */
      text = g_strdup_printf ("%u年%u月%u日", year, month, day);
      g_ptr_array_add (layouts, make_layout (f, &style_body, text, -1, PANGO_ALIGN_LEFT));
    }
  if (layouts->len == 0)
    return;

  for (guint i = 0; i < layouts->len; i++)
    block_w = MAX (block_w, layout_width (layouts->pdata[i]));
  right = RIGHT - 2 * style_body.size;

  /* A signature must never open a page: the last lines of the body go with it. */
  if (f->y + (layouts->len + 1) * pitch + after > BOTTOM + EPSILON && !flow_at_top (f))
    flow_carry (f);
  flow_gap (f, pitch);
  for (guint i = 0; i < layouts->len; i++)
    {
      PangoLayout *layout = layouts->pdata[i];
      g_autoptr(GArray) lines = layout_lines (layout);  /* one: these do not wrap */
      double x = MAX (LEFT, right - block_w + (block_w - layout_width (layout)) / 2);

      flow_line (f, layout, &g_array_index (lines, LineInfo, 0), x, f->y, pitch);
      f->y += pitch;
    }
  f->n_recent = 0;
}

static void
lay_out (Flow       *f,
         JsonObject *doc)
{
  const char *bureau = member_string (doc, "bureau");
  const char *serial = member_string (doc, "serial");
  const char *addressee = member_string (doc, "addressee");
  const char *list_title = member_string (doc, "list_title");
  const char *basis = member_string (doc, "basis");
  g_autoptr(PangoLayout) basis_layout = basis != NULL ? make_paragraph (f, &style_small, basis, FALSE) : NULL;
  double basis_start = 0;
  JsonArray *fields = member_array (doc, "fields");
  JsonArray *list = member_array (doc, "list");
  JsonObject *contact = member_object (doc, "contact");
  JsonObject *signature = member_object (doc, "signature");
  double pitch = PITCH (&style_body);

  flow_new_page (f);
  if (bureau != NULL)
    flow_string (f, &style_bureau, bureau, PANGO_ALIGN_CENTER, 0);
  flow_string (f, &style_title, member_string (doc, "title"), PANGO_ALIGN_CENTER, 0);
  if (serial != NULL)
    flow_string (f, &style_body, serial, PANGO_ALIGN_RIGHT, 0);
  flow_gap (f, pitch / 2);

  if (addressee != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s：", addressee);

      /* Keeps the first two lines of the body with it. */
      flow_string (f, &style_body, text, PANGO_ALIGN_LEFT, 3);
    }
  flow_paragraphs (f, member_array (doc, "paragraphs"));

  if (fields != NULL && json_array_get_length (fields) > 0)
    {
      flow_gap (f, pitch / 4);
      flow_table (f, member_array (doc, "fields_header"), fields);
      flow_gap (f, pitch / 4);
    }
  if (list_title != NULL)
    {
      g_autoptr(PangoLayout) layout = make_paragraph (f, &style_body, list_title, TRUE);

      flow_text (f, layout, &style_body, LEFT, pango_layout_get_line_count (layout) + 2);
    }
  if (list != NULL)
    flow_list (f, list);
  flow_paragraphs (f, member_array (doc, "closing"));
  if (contact != NULL)
    flow_contact (f, contact);
  if (basis_layout != NULL)
    basis_start = pitch / 2 + MIN (pango_layout_get_line_count (basis_layout), 2) * PITCH (&style_small);
  if (signature != NULL)
    flow_signature (f, signature, basis_start);
  if (basis_layout != NULL)
    {
      flow_gap (f, pitch / 2);
      flow_text (f, basis_layout, &style_small, LEFT, 0);
    }
}

/* ------------------------------------------------------------------------- drawing */

static void
draw_page (cairo_t   *cr,
           GPtrArray *page)
{
  /* Text first, then all rules in one path: a glyph run must not meet a half-built path. */
  for (guint i = 0; i < page->len; i++)
    {
      Item *item = page->pdata[i];

      if (item->layout == NULL)
        continue;
      cairo_move_to (cr, item->x, item->y);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (item->layout, item->line));
    }
  cairo_new_path (cr);
  for (guint i = 0; i < page->len; i++)
    {
      Item *item = page->pdata[i];

      if (item->layout != NULL)
        continue;
      cairo_move_to (cr, item->x, item->y);
      cairo_line_to (cr, item->x2, item->y2);
    }
  cairo_set_line_width (cr, RULE_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  cairo_stroke (cr);
}

/* One line of @text with its baseline at @baseline; @anchor says which point of it is
 * at @x: 0 its left edge, 0.5 its centre, 1 its right edge. */
static void
draw_string (cairo_t      *cr,
             PangoContext *context,
             const Style  *style,
             const char   *text,
             double        x,
             double        baseline,
             double        anchor)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) desc = style_font (style);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x - anchor * layout_width (layout),
                 baseline - pango_units_to_double (pango_layout_get_baseline (layout)));
  pango_cairo_show_layout (cr, layout);
}

static cairo_status_t
append_to_buffer (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static PangoContext *
context_new (void)
{
  /* A font map of our own: pango's default one is per thread but lives as long as the
   * thread, and a PangoContext must never be shared between threads. */
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Hinting snaps advances to the pixels of a screen; in a PDF it would only make line
   * breaks depend on a resolution that does not exist. */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  /* Simplified Chinese glyph forms where a font has several. */
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  return context;
}

/* Without a CJK font every character would print as an empty box; better to refuse
 * than to issue such a notice. */
static gboolean
check_font (PangoContext  *context,
            GError       **error)
{
  g_autoptr(PangoFontDescription) desc = style_font (&style_body);
  PangoFontset *fontset = pango_context_load_fontset (context, desc, pango_context_get_language (context));
  g_autoptr(PangoFont) font = fontset != NULL ? pango_fontset_get_font (fontset, 0x4E2D /* 中 */) : NULL;

  g_clear_object (&fontset);
  if (font == NULL || !pango_font_has_char (font, 0x4E2D))
    {
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_INTERNAL,
                           "没有可用的中文字体，无法生成文书（请安装 fonts-noto-cjk）");
      return FALSE;
    }
  return TRUE;
}

static char *
problems_message (YbProblems *problems)
{
  g_autoptr(GString) message = g_string_new (NULL);
  guint n = yb_problems_get_len (problems);

  g_string_append_printf (message, "文书内容有误（%u 处）：", n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (message, "%s%s", i > 0 ? "；" : "", yb_problems_get (problems, i)->message);
  return g_string_free (g_steal_pointer (&message), FALSE);
}

static GBytes *
render (PangoContext  *context,
        JsonObject    *doc,
        GError       **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  JsonArray *copies = member_array (doc, "copies");
  guint n_copies = copies != NULL ? json_array_get_length (copies) : 1;
  Flow flow = { .context = context, .pages = pages };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  const char *bureau;
  const char *serial;

  if (!check_font (context, error))
    return NULL;
  lay_out (&flow, doc);

  surface = cairo_pdf_surface_create_for_stream (append_to_buffer, buffer, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, member_string (doc, "title"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "yibao");
  if ((bureau = member_string (doc, "bureau")) != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, bureau);
  if ((serial = member_string (doc, "serial")) != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, serial);
  /* No pango_cairo_update_context (): the layouts are already made, and a changed
   * context would make pango lay them out again under our LineInfo. The identity
   * matrix and 72 dpi of context_new () are what this surface has anyway. */
  cr = cairo_create (surface);

  for (guint c = 0; c < n_copies; c++)
    for (guint p = 0; p < pages->len; p++)
      {
        draw_page (cr, pages->pdata[p]);
        if (copies != NULL)
          draw_string (cr, context, &style_label, json_array_get_string_element (copies, c),
                       RIGHT, TOP - 14.0 * MM, 1.0);
        if (pages->len > 1)
          {
            g_autofree char *folio = g_strdup_printf ("— %u —", p + 1);

            /* GB/T 9704: 7 mm below the text area. */
            draw_string (cr, context, &style_cell, folio, LEFT + TEXT_W / 2,
                         BOTTOM + 7.0 * MM + style_cell.size, 0.5);
          }
        cairo_show_page (cr);
      }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, YBS_ERROR, YBS_ERROR_INTERNAL, "生成 PDF 失败：%s",
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

GBytes *
ybs_pdf_render (JsonObject  *doc,
                GError     **error)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  PangoContext *context;
  GBytes *pdf;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ybs_pdf_check (doc, problems))
    {
      g_autofree char *message = problems_message (problems);

      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_BAD_REQUEST, message);
      return NULL;
    }
  context = context_new ();
  pdf = render (context, doc, error);
  g_object_unref (context);
  return pdf;
}
