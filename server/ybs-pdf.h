/* ybs-pdf.h: the printed documents (文书): one document described as JSON, rendered to
 * an A4 PDF with pango and cairo, typeset in the manner of GB/T 9704.
 *
 * The document (every member optional except "title"; JSON null counts as absent):
 *
 *   {
 *     "bureau":        "赵县医疗保障局",             issuing authority, top centre
 *     "title":         "一次性告知书",               bold, centred
 *     "serial":        "赵医保告〔2026〕0001号",      文号, right-aligned under the title
 *     "addressee":     "张三",                        printed as "张三：" before the body
 *     "paragraphs":    ["您于……"],                   body, two-character first-line indent
 *     "fields_header": ["项目", "内容"],              bold first row of the table, repeated
 *                                                     on every page the table continues on
 *     "fields":        [["事项", "5-2 职工参保登记"], …],  two-column ruled table; a row
 *                                                     is never split unless it alone is
 *                                                     taller than a page
 *     "list_title":    "请补正以下材料：",
 *     "list":          ["缺少《……》", …],            numbered 1. 2. 3., hanging indent
 *     "closing":       ["请携带以上材料到……办理。"], paragraphs after the list
 *     "contact":       {"unit": "职工综合科", "address": "……",
 *                       "phone": "87291551", "supervision_phone": "87291560"},
 *                      → "承办机构：职工综合科　地址：……" (two lines if too long)
 *                        "联系电话：87291551　监督电话：87291560"
 *     "signature":     {"clerk": "王丽娜", "seal": "赵县医疗保障局（印章）",
 *                       "date": "2026-11-25"},   YYYY-MM-DD, printed 2026年11月25日;
 *                                                     right-aligned block after the body
 *     "basis":         "依据：……",                   small print at the end
 *     "copies":        ["当事人留存", "医疗保障部门存档"]
 *                      the whole document once per copy, each copy from a new page,
 *                      its label in the top-right margin
 *   }
 *
 * Members not listed are refused, so a misspelt one cannot silently drop text from an
 * official document. Page numbers "— 1 —" appear when a copy has more than one page.
 * Pages break between lines only, never leaving a paragraph's first or last line alone,
 * and a signature block never opens a page: the last lines of the body go with it.
 *
 * Thread-safe: each call builds its own font map and touches no global state, so the
 * server's worker threads may render at the same time. */
#pragma once

#include <json-glib/json-glib.h>

#include "yb-problems.h"

G_BEGIN_DECLS

/* Adds every problem of @doc to @problems (codes document.missing, document.type,
 * document.empty, document.unknown_member, document.date; the field is the JSON path,
 * e.g. "fields[2][1]"). Returns TRUE when there were none, so a route can answer with
 * the whole list in one problem+json response. */
gboolean  ybs_pdf_check  (JsonObject  *doc,
                          YbProblems  *problems);

/* The PDF, or NULL with @error set: YBS_ERROR_BAD_REQUEST naming every problem of @doc
 * (nothing is rendered then), or YBS_ERROR_INTERNAL when no CJK font is installed or
 * cairo fails. */
GBytes   *ybs_pdf_render (JsonObject  *doc,
                          GError     **error);

G_END_DECLS
