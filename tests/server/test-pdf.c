/* test-pdf.c: printed documents (server/ybs-pdf.c). Every sample in tests/data/documents
 * renders to a PDF whose page count and extracted text are what its JSON says; bad
 * input is refused with every problem named; long content flows across pages; several
 * threads render at once. Reads the PDFs back with poppler-utils; needs no database.
 *
 *   test-pdf [GTest options]
 *   test-pdf --render-to DIR   writes DIR/<sample>.pdf for every sample (and the
 *                              generated long documents) and exits; for
 *                              scripts/render-samples, so a person can look at them */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ybs-error.h"
#include "ybs-pdf.h"

#ifndef YBT_DOCUMENTS_DIR
# error "YBT_DOCUMENTS_DIR must name tests/data/documents"
#endif

/* Pages per copy each sample must come to; a sample not listed here needs only one. */
static const struct {
  const char *name;
  guint       min_pages;
  guint       max_pages;
} expectations[] = {
  { "one-time-notice", 1, 1 },
  { "acceptance-notice", 1, 1 },
  { "refusal-notice", 1, 1 },
  { "seal-list", 2, 3 },   /* 30 table rows cannot fit on one page */
};

/* ------------------------------------------------------------------------- helpers */

static char *
tool (const char *name)
{
  char *path = g_find_program_in_path (name);

  /* Fail, not skip: without it nothing here proves the text is real text. */
  if (path == NULL)
    g_error ("%s not found: install poppler-utils (scripts/lib.sh lists it)", name);
  return path;
}

static JsonObject *
load_doc (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
parse_doc (const char *json)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);

  g_assert_nonnull (root);
  return json_object_ref (json_node_get_object (root));
}

static GBytes *
render_ok (JsonObject *doc)
{
  g_autoptr(GError) error = NULL;
  GBytes *pdf = ybs_pdf_render (doc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpuint (g_bytes_get_size (pdf), >, 5);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  return pdf;
}

/* Written to a temporary file for poppler; the caller unlinks it. */
static char *
save_pdf (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("ybt-pdf-XXXXXX.pdf", &path, &error);
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  return path;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

static char *
pdf_info (const char *path)
{
  g_autofree char *pdfinfo = tool ("pdfinfo");
  const char *argv[] = { pdfinfo, "-enc", "UTF-8", path, NULL };

  return run (argv);
}

/* The value of @key in pdfinfo's output, or NULL. */
static char *
info_value (const char *info,
            const char *key)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strdup_printf ("%s:", key);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  return NULL;
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = pdf_info (path);
  g_autofree char *pages = info_value (info, "Pages");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages, NULL, 10);
}

/* The text of pages @first … @last (1-based), or of all pages when @first is 0. */
static char *
pdf_text (const char *path,
          guint       first,
          guint       last)
{
  g_autofree char *pdftotext = tool ("pdftotext");
  g_autofree char *f = g_strdup_printf ("%u", first);
  g_autofree char *l = g_strdup_printf ("%u", last);
  const char *all[] = { pdftotext, "-enc", "UTF-8", path, "-", NULL };
  const char *some[] = { pdftotext, "-enc", "UTF-8", "-f", f, "-l", l, path, "-", NULL };

  return run (first > 0 ? some : all);
}

static char *
strip_space (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (s, g_utf8_get_char (p));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
add_tokens (GHashTable *set,
            const char *text)
{
  g_autoptr(GString) token = g_string_new (NULL);

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || g_unichar_isspace (c))
        {
          if (token->len > 0)
            g_hash_table_add (set, g_strdup (token->str));
          g_string_truncate (token, 0);
          if (c == 0)
            return;
        }
      else
        g_string_append_unichar (token, c);
    }
}

/* @text without white space and without the lines that are page furniture (page
 * numbers, copy labels, the table header repeated on each page): what a reader sees
 * of the body of @doc once line and page breaks are taken out. pdftotext may put
 * furniture from the margins between the lines of an entry that crosses a page, and
 * one word of it per line, so it goes by the line. Chinese text has no spaces of its
 * own, so this still compares entries character by character. */
static char *
squeeze (const char *text,
         JsonObject *doc)
{
  g_autoptr(GHashTable) furniture = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) folio = g_regex_new ("^—[0-9]+—$", 0, 0, NULL);
  g_auto(GStrv) lines = g_strsplit_set (text, "\n\f", -1);
  g_autoptr(GString) result = g_string_new (NULL);

  if (json_object_has_member (doc, "copies"))
    {
      JsonArray *copies = json_object_get_array_member (doc, "copies");

      for (guint i = 0; i < json_array_get_length (copies); i++)
        add_tokens (furniture, json_array_get_string_element (copies, i));
    }
  if (json_object_has_member (doc, "fields_header"))
    {
      JsonArray *header = json_object_get_array_member (doc, "fields_header");

      for (guint i = 0; i < 2; i++)
        add_tokens (furniture, json_array_get_string_element (header, i));
    }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = strip_space (lines[i]);

      if (!g_hash_table_contains (furniture, line) && !g_regex_match (folio, line, 0, NULL))
        g_string_append (result, line);
    }
  return g_string_free (g_steal_pointer (&result), FALSE);
}

static void
assert_has (const char *text,
            const char *needle,
            JsonObject *doc)
{
  g_autofree char *want = strip_space (needle);

  if (strstr (text, want) == NULL)
    g_error ("the PDF's text lacks “%s”", needle);
}

static void
assert_has_strings (const char *text,
                    JsonArray  *array,
                    JsonObject *doc)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    assert_has (text, json_array_get_string_element (array, i), doc);
}

/* Everything @doc says is in @raw (the text of one copy), in order within each entry. */
static void
assert_doc_text (JsonObject *doc,
                 const char *raw)
{
  g_autofree char *text = squeeze (raw, doc);
  const char *strings[] = { "bureau", "title", "serial", "list_title", "basis" };

  /* One-line members must come through as they are, not only once squeezed. */
  g_assert_nonnull (strstr (raw, json_object_get_string_member (doc, "title")));
  if (json_object_has_member (doc, "serial"))
    g_assert_nonnull (strstr (raw, json_object_get_string_member (doc, "serial")));
  if (json_object_has_member (doc, "addressee"))
    {
      g_autofree char *addressee = g_strdup_printf ("%s：", json_object_get_string_member (doc, "addressee"));

      g_assert_nonnull (strstr (raw, addressee));
    }
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (json_object_has_member (doc, strings[i]))
      assert_has (text, json_object_get_string_member (doc, strings[i]), doc);
  for (guint i = 0; i < 3; i++)
    {
      const char *arrays[] = { "paragraphs", "list", "closing" };

      if (json_object_has_member (doc, arrays[i]))
        assert_has_strings (text, json_object_get_array_member (doc, arrays[i]), doc);
    }
  if (json_object_has_member (doc, "list"))
    for (guint i = 0; i < json_array_get_length (json_object_get_array_member (doc, "list")); i++)
      {
        g_autofree char *number = g_strdup_printf ("%u.", i + 1);

        assert_has (text, number, doc);
      }
  if (json_object_has_member (doc, "fields_header"))
    {
      /* Squeezing takes the header out, being repeated on every page. */
      JsonArray *header = json_object_get_array_member (doc, "fields_header");

      for (guint i = 0; i < 2; i++)
        g_assert_nonnull (strstr (raw, json_array_get_string_element (header, i)));
    }
  if (json_object_has_member (doc, "fields"))
    {
      JsonArray *fields = json_object_get_array_member (doc, "fields");

      for (guint i = 0; i < json_array_get_length (fields); i++)
        assert_has_strings (text, json_array_get_array_element (fields, i), doc);
    }
  if (json_object_has_member (doc, "contact"))
    {
      JsonObject *contact = json_object_get_object_member (doc, "contact");

      if (json_object_has_member (contact, "phone"))
        {
          g_autofree char *phone = g_strdup_printf ("联系电话：%s", json_object_get_string_member (contact, "phone"));

          assert_has (text, phone, doc);
        }
      if (json_object_has_member (contact, "supervision_phone"))
        {
          g_autofree char *phone = g_strdup_printf ("监督电话：%s",
                                                    json_object_get_string_member (contact, "supervision_phone"));

          assert_has (text, phone, doc);
        }
    }
  if (json_object_has_member (doc, "signature"))
    {
      JsonObject *signature = json_object_get_object_member (doc, "signature");

      if (json_object_has_member (signature, "clerk"))
        assert_has (text, json_object_get_string_member (signature, "clerk"), doc);
      if (json_object_has_member (signature, "seal"))
        assert_has (text, json_object_get_string_member (signature, "seal"), doc);
      if (json_object_has_member (signature, "date"))
        {
          g_autoptr(GDateTime) date = NULL;
          g_autofree char *iso = g_strdup_printf ("%sT00:00:00Z", json_object_get_string_member (signature, "date"));
          g_autofree char *printed = NULL;

          date = g_date_time_new_from_iso8601 (iso, NULL);
          g_assert_nonnull (date);
          printed = g_strdup_printf ("%d年%d月%d日", g_date_time_get_year (date),
                                     g_date_time_get_month (date), g_date_time_get_day_of_month (date));
          assert_has (text, printed, doc);
        }
    }
}

static char *
sample_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_strndup (base, strlen (base) - strlen (".json"));
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
list_samples (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (YBT_DOCUMENTS_DIR, 0, &error);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (YBT_DOCUMENTS_DIR, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

/* ------------------------------------------------------------------------- generated documents */

/* A paragraph longer than a page and a list of 40 entries, each of several lines. */
static JsonObject *
long_doc (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) paragraph = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;

  for (guint i = 1; i <= 45; i++)
    g_string_append_printf (paragraph, "第%u句：参保人员医疗费用手工报销须提交收费票据、费用清单和诊断证明。", i);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bureau");
  json_builder_add_string_value (builder, "赵县医疗保障局");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "一次性告知书");
  json_builder_set_member_name (builder, "serial");
  json_builder_add_string_value (builder, "赵医保告〔2026〕0999号");
  json_builder_set_member_name (builder, "addressee");
  json_builder_add_string_value (builder, "欧阳明月");
  json_builder_set_member_name (builder, "paragraphs");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, paragraph->str);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "list_title");
  json_builder_add_string_value (builder, "请补正以下材料：");
  json_builder_set_member_name (builder, "list");
  json_builder_begin_array (builder);
  for (guint i = 1; i <= 40; i++)
    {
      g_autofree char *entry =
        g_strdup_printf ("第%u号收费票据（No. %08u）与费用清单金额不一致，请提供医疗机构出具并加盖财务专用章的更正说明", i, 1000 * i + 7);

      json_builder_add_string_value (builder, entry);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "signature");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "clerk");
  json_builder_add_string_value (builder, "王丽娜");
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, "2026-01-05");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_object_ref (json_node_get_object (root));
}

/* A table whose one row is taller than a page: the only row that may be split. */
static JsonObject *
tall_row_doc (void)
{
  g_autoptr(GString) json = g_string_new ("{\"title\": \"现金报销明细表\", \"serial\": \"赵医保报〔2026〕0042号\","
                                          " \"fields_header\": [\"项目\", \"明细\"], \"fields\": [[\"申请人\", \"张三\"],"
                                          " [\"费用明细\", \"");

  for (guint i = 1; i <= 120; i++)
    g_string_append_printf (json, "%u、门诊费用%u.00元；", i, 100 + i);
  g_string_append (json, "\"], [\"合计\", \"共120笔\"]], \"copies\": [\"第一联　申请人留存\", \"第二联　医保中心存档\"]}");
  return parse_doc (json->str);
}

/* ------------------------------------------------------------------------- tests */

/* Renders @doc and checks the PDF from every side; returns its pages per copy. */
static guint
check_rendering (JsonObject *doc)
{
  g_autoptr(GBytes) pdf = render_ok (doc);
  g_autofree char *path = save_pdf (pdf);
  g_autofree char *info = pdf_info (path);
  JsonArray *copies = json_object_has_member (doc, "copies") ? json_object_get_array_member (doc, "copies") : NULL;
  guint n_copies = copies != NULL ? json_array_get_length (copies) : 1;
  g_autofree char *title = info_value (info, "Title");
  g_autofree char *creator = info_value (info, "Creator");
  g_autofree char *size = info_value (info, "Page size");
  guint pages = pdf_pages (path);
  guint per_copy;

  g_assert_cmpstr (title, ==, json_object_get_string_member (doc, "title"));
  g_assert_cmpstr (creator, ==, "yibao");
  g_assert_cmpstr (size, ==, "595.276 x 841.89 pts (A4)");
  g_assert_cmpuint (pages % n_copies, ==, 0);
  per_copy = pages / n_copies;

  for (guint c = 0; c < n_copies; c++)
    {
      g_autofree char *raw = pdf_text (path, c * per_copy + 1, (c + 1) * per_copy);

      assert_doc_text (doc, raw);
      /* Every page of a copy carries that copy's label, and no other; page numbers
       * only when a copy has more than one page. */
      for (guint p = 0; p < per_copy; p++)
        {
          g_autofree char *page_raw = pdf_text (path, c * per_copy + p + 1, c * per_copy + p + 1);
          g_autofree char *page = strip_space (page_raw);
          g_autofree char *folio = g_strdup_printf ("—%u—", p + 1);

          for (guint k = 0; copies != NULL && k < n_copies; k++)
            {
              /* By word: pdftotext may interleave the label with the table header. */
              g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              GHashTableIter iter;
              const char *word;

              add_tokens (words, json_array_get_string_element (copies, k));
              g_hash_table_iter_init (&iter, words);
              while (g_hash_table_iter_next (&iter, (gpointer *) &word, NULL))
                g_assert_true ((strstr (page, word) != NULL) == (k == c));
            }
          g_assert_true ((strstr (page, folio) != NULL) == (per_copy > 1));
        }
    }

  if (copies != NULL)
    {
      /* The copies are the same document: as many pages as it has alone. */
      g_autoptr(JsonNode) saved = json_node_copy (json_object_get_member (doc, "copies"));
      g_autoptr(GBytes) single_pdf = NULL;
      g_autofree char *single_path = NULL;

      json_object_remove_member (doc, "copies");
      single_pdf = render_ok (doc);
      single_path = save_pdf (single_pdf);
      g_assert_cmpuint (pdf_pages (single_path), ==, per_copy);
      g_unlink (single_path);
      json_object_set_member (doc, "copies", g_steal_pointer (&saved));
    }

  g_unlink (path);
  return per_copy;
}

static void
test_sample (gconstpointer data)
{
  const char *path = data;
  g_autoptr(JsonObject) doc = load_doc (path);
  g_autofree char *name = sample_name (path);
  guint min_pages = 1, max_pages = 1;
  guint pages;

  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    if (g_str_equal (expectations[i].name, name))
      {
        min_pages = expectations[i].min_pages;
        max_pages = expectations[i].max_pages;
      }
  pages = check_rendering (doc);
  g_assert_cmpuint (pages, >=, min_pages);
  g_assert_cmpuint (pages, <=, max_pages);
}

static void
test_long_flow (void)
{
  g_autoptr(JsonObject) doc = long_doc ();

  g_assert_cmpuint (check_rendering (doc), >=, 3);
}

static void
test_tall_row (void)
{
  g_autoptr(JsonObject) doc = tall_row_doc ();

  g_assert_cmpuint (check_rendering (doc), >=, 2);
}

static void
test_bad_input (void)
{
  g_autoptr(JsonObject) doc = parse_doc ("{\"bureau\": \"赵县医疗保障局\", \"list\": \"缺少登记表\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = ybs_pdf_render (doc, &error);

  g_assert_null (pdf);
  g_assert_error (error, YBS_ERROR, YBS_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "title"));
  g_assert_nonnull (strstr (error->message, "list"));
}

static void
test_bad_input_everything (void)
{
  g_autoptr(JsonObject) doc = parse_doc (
    "{\"title\": \"\", \"serial\": 7, \"paragraph\": [\"拼错的成员\"], \"paragraphs\": [\"好\", 3],"
    " \"fields\": [[\"事项\"], [\"申请人\", \"张三\"], \"x\"], \"fields_header\": [\"项目\"],"
    " \"contact\": {\"phone\": 87291551, \"fax\": \"87291000\"}, \"signature\": {\"date\": \"2026-02-30\"},"
    " \"copies\": [], \"addressee\": null}");
  static const char *paths[] = {
    "title", "serial", "paragraph", "paragraphs[1]", "fields[0]", "fields[2]", "fields_header",
    "contact.phone", "contact.fax", "signature.date", "copies",
  };
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  g_assert_false (ybs_pdf_check (doc, problems));
  g_assert_cmpuint (yb_problems_get_len (problems), ==, G_N_ELEMENTS (paths));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < yb_problems_get_len (problems); j++)
        found |= g_strcmp0 (yb_problems_get (problems, j)->field, paths[i]) == 0;
      if (!found)
        g_error ("no problem reported for %s", paths[i]);
    }
  g_assert_true (yb_problems_has_code (problems, "document.unknown_member"));
  g_assert_true (yb_problems_has_code (problems, "document.date"));
  g_assert_true (yb_problems_has_code (problems, "document.empty"));

  pdf = ybs_pdf_render (doc, &error);
  g_assert_null (pdf);
  g_assert_error (error, YBS_ERROR, YBS_ERROR_BAD_REQUEST);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_assert_nonnull (strstr (error->message, paths[i]));
}

#define THREADS 4
#define RUNS 5

typedef struct {
  JsonObject *doc;
  GBytes     *pdfs[RUNS];
} ThreadJob;

static gpointer
render_thread (gpointer data)
{
  ThreadJob *job = data;

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;

      job->pdfs[i] = ybs_pdf_render (job->doc, &error);
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autofree char *path = g_build_filename (YBT_DOCUMENTS_DIR, "seal-list.json", NULL);
  ThreadJob jobs[THREADS] = { 0 };
  GThread *threads[THREADS];
  guint expected;

  {
    g_autoptr(JsonObject) doc = load_doc (path);
    g_autoptr(GBytes) pdf = render_ok (doc);
    g_autofree char *file = save_pdf (pdf);

    expected = pdf_pages (file);
    g_unlink (file);
  }
  g_assert_cmpuint (expected, >=, 4);

  /* Each thread its own document, as each request has in the server. */
  for (guint t = 0; t < THREADS; t++)
    {
      jobs[t].doc = load_doc (path);
      threads[t] = g_thread_new ("render", render_thread, &jobs[t]);
    }
  for (guint t = 0; t < THREADS; t++)
    g_thread_join (threads[t]);

  for (guint t = 0; t < THREADS; t++)
    {
      for (guint i = 0; i < RUNS; i++)
        {
          GBytes *pdf = jobs[t].pdfs[i];
          g_autofree char *file = NULL;

          g_assert_nonnull (pdf);
          g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
          file = save_pdf (pdf);
          g_assert_cmpuint (pdf_pages (file), ==, expected);
          g_unlink (file);
          g_bytes_unref (pdf);
        }
      json_object_unref (jobs[t].doc);
    }
}

/* ------------------------------------------------------------------------- --render-to */

static gboolean
write_pdf (JsonObject *doc,
           const char *dir,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = ybs_pdf_render (doc, &error);
  g_autofree char *file = g_strdup_printf ("%s/%s.pdf", dir, name);
  gsize size;
  const char *data;

  if (pdf == NULL)
    {
      g_printerr ("%s: %s\n", name, error->message);
      return FALSE;
    }
  data = g_bytes_get_data (pdf, &size);
  if (!g_file_set_contents (file, data, size, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  g_print ("%s\n", file);
  return TRUE;
}

static int
render_to (const char *dir)
{
  g_autoptr(GPtrArray) samples = list_samples ();
  g_autoptr(JsonObject) long_flow = long_doc ();
  g_autoptr(JsonObject) tall_row = tall_row_doc ();
  gboolean ok = TRUE;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_printerr ("cannot create %s: %s\n", dir, g_strerror (errno));
      return 1;
    }
  for (guint i = 0; i < samples->len; i++)
    {
      g_autoptr(JsonObject) doc = load_doc (samples->pdata[i]);
      g_autofree char *name = sample_name (samples->pdata[i]);

      ok &= write_pdf (doc, dir, name);
    }
  ok &= write_pdf (long_flow, dir, "generated-long-flow");
  ok &= write_pdf (tall_row, dir, "generated-tall-row");
  return ok ? 0 : 1;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) samples = NULL;

  if (argc == 3 && g_str_equal (argv[1], "--render-to"))
    return render_to (argv[2]);

  g_test_init (&argc, &argv, NULL);

  samples = list_samples ();
  /* A sample renamed away from its expectation would otherwise only need one page. */
  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/%s.json", YBT_DOCUMENTS_DIR, expectations[i].name);

      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        g_error ("%s is missing", file);
    }
  for (guint i = 0; i < samples->len; i++)
    {
      g_autofree char *name = sample_name (samples->pdata[i]);
      g_autofree char *test = g_strdup_printf ("/pdf/sample/%s", name);

      g_test_add_data_func (test, samples->pdata[i], test_sample);
    }
  g_test_add_func ("/pdf/flow/long-paragraph-and-list", test_long_flow);
  g_test_add_func ("/pdf/flow/row-taller-than-a-page", test_tall_row);
  g_test_add_func ("/pdf/bad-input/title-and-kind", test_bad_input);
  g_test_add_func ("/pdf/bad-input/every-problem", test_bad_input_everything);
  g_test_add_func ("/pdf/threads", test_threads);
  return g_test_run ();
}
