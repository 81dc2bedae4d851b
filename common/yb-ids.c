/* yb-ids.c: validators for the identifiers of DOMAIN.md §7. Each reports every
 * independent problem it can see, so a window clerk fixes a typed ID in one pass. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-ids.h"

#include <string.h>

#define RESIDENT_ID_LENGTH 18
#define CREDIT_CODE_LENGTH 18

static const int resident_id_weights[17] = {
  7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
};
static const char resident_id_check_chars[] = "10X98765432";

/* GB 32100: the 31 characters in use; I, O, Z, S, V are left out so that they are not
 * mistaken for 1, 0, 2, 5, U. */
static const char credit_code_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int credit_code_weights[17] = {
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
};

/* ------------------------------------------------------------------------- helpers */

static void
add_problem (YbProblems *problems,
             const char *code,
             const char *field,
             const char *message)
{
  if (problems != NULL)
    yb_problems_add (problems, code, field, "%s", message);
}

static gboolean
is_ascii_digits (const char *text,
                 gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* The number of characters staff typed: UTF-8 characters when the text is UTF-8 (a
 * full-width digit is one character to them), bytes otherwise. */
static glong
char_count (const char *text)
{
  if (g_utf8_validate (text, -1, NULL))
    return g_utf8_strlen (text, -1);
  return (glong) strlen (text);
}

/* Quotes one offending character for a message; invisible ones get a name. */
static void
append_char_quoted (GString  *out,
                    gunichar  c)
{
  if (c == ' ')
    g_string_append (out, "空格");
  else if (c == 0x3000)
    g_string_append (out, "全角空格");
  else if (c == '\t')
    g_string_append (out, "制表符");
  else if (!g_unichar_isprint (c))
    g_string_append_printf (out, "U+%04X", c);
  else
    {
      g_string_append (out, "“");
      g_string_append_unichar (out, c);
      g_string_append (out, "”");
    }
}

/* Walks @text as characters (bytes when it is not UTF-8) and lists, once each, those
 * @allowed refuses. Returns NULL when every character is allowed. */
typedef gboolean (*CharAllowedFunc) (gunichar c, glong position, glong count);

static char *
list_bad_chars (const char      *text,
                CharAllowedFunc  allowed,
                gboolean        *lowercase_seen)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  gboolean utf8 = g_utf8_validate (text, -1, NULL);
  glong count = char_count (text);
  glong position = 0;

  if (lowercase_seen != NULL)
    *lowercase_seen = FALSE;

  for (const char *p = text; *p != '\0'; position++)
    {
      gunichar c = utf8 ? g_utf8_get_char (p) : (guchar) *p;

      p = utf8 ? g_utf8_next_char (p) : p + 1;
      if (allowed (c, position, count))
        continue;
      if (lowercase_seen != NULL && c < 0x80 && g_ascii_islower ((char) c))
        *lowercase_seen = TRUE;
      if (g_hash_table_contains (seen, GUINT_TO_POINTER (c)))
        continue;
      g_hash_table_add (seen, GUINT_TO_POINTER (c));
      if (out->len > 0)
        g_string_append (out, "、");
      append_char_quoted (out, c);
    }

  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------------- resident ID */

static gboolean
resident_id_char_allowed (gunichar c,
                          glong    position,
                          glong    count)
{
  if (c < 0x80 && g_ascii_isdigit ((char) c))
    return TRUE;
  /* The check character X may only be last, and only in an ID that has the last place. */
  return (c == 'X' || c == 'x') && position == RESIDENT_ID_LENGTH - 1;
}

char
yb_resident_id_check_char (const char *first17)
{
  int sum = 0;

  if (first17 == NULL || strlen (first17) != 17 || !is_ascii_digits (first17, 17))
    return 0;

  for (int i = 0; i < 17; i++)
    sum += (first17[i] - '0') * resident_id_weights[i];
  return resident_id_check_chars[sum % 11];
}

static void
local_today (GDate *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

gboolean
yb_resident_id_validate (const char       *id,
                         const GDate      *today,
                         YbResidentIdInfo *info,
                         YbProblems       *problems,
                         const char       *field)
{
  YbResidentIdInfo found;
  g_autofree char *bad_chars = NULL;
  gboolean valid = TRUE;
  gboolean x_misplaced = FALSE;
  glong count;
  int year, month, day;
  char check;

  memset (&found, 0, sizeof found);
  g_date_clear (&found.birth_date, 1);
  found.sex = YB_SEX_UNKNOWN;
  if (info != NULL)
    *info = found;

  if (id == NULL || id[0] == '\0')
    {
      add_problem (problems, "id.empty", field, "请填写身份证号码");
      return FALSE;
    }

  /* Length and charset first: when either is wrong, the positions of region, date and
   * check character are unknown, and problems about them would only confuse. */
  count = char_count (id);
  if (count != RESIDENT_ID_LENGTH)
    {
      if (problems != NULL)
        yb_problems_add (problems, "id.length", field,
                         "身份证号码应为 18 位，实际为 %ld 位", count);
      valid = FALSE;
    }

  bad_chars = list_bad_chars (id, resident_id_char_allowed, NULL);
  if (bad_chars != NULL)
    {
      /* X is a valid character in the last place only, so say why it was refused. */
      x_misplaced = strstr (bad_chars, "“X”") != NULL || strstr (bad_chars, "“x”") != NULL;
      if (problems != NULL)
        yb_problems_add (problems, "id.charset", field,
                         "身份证号码含有不允许的字符：%s（前 17 位只能是数字，最后一位是数字或 X%s）",
                         bad_chars, x_misplaced ? "，X 只能出现在最后一位" : "");
      valid = FALSE;
    }
  if (!valid)
    return FALSE;

  /* From here the ID is 18 ASCII characters: 17 digits and a digit or X. */
  memcpy (found.region, id, 6);
  found.region[6] = '\0';
  if (found.region[0] < '1' || found.region[0] > '8')
    {
      if (problems != NULL)
        yb_problems_add (problems, "id.region", field,
                         "身份证号码前六位地区码 %s 无效：第一位应为 1 至 8", found.region);
      valid = FALSE;
    }

  year = (id[6] - '0') * 1000 + (id[7] - '0') * 100 + (id[8] - '0') * 10 + (id[9] - '0');
  month = (id[10] - '0') * 10 + (id[11] - '0');
  day = (id[12] - '0') * 10 + (id[13] - '0');
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      if (problems != NULL)
        yb_problems_add (problems, "id.birth_date", field,
                         "身份证号码第 7 至 14 位的出生日期 %.8s 不是有效日期", id + 6);
      valid = FALSE;
    }
  else
    {
      GDate today_date;
      GDate earliest;

      if (today != NULL && g_date_valid (today))
        today_date = *today;
      else
        local_today (&today_date);
      g_date_clear (&earliest, 1);
      g_date_set_dmy (&earliest, 1, G_DATE_JANUARY, 1900);

      g_date_set_dmy (&found.birth_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
      if (g_date_compare (&found.birth_date, &today_date) > 0)
        {
          if (problems != NULL)
            yb_problems_add (problems, "id.birth_future", field,
                             "身份证号码中的出生日期 %04d-%02d-%02d 晚于今天",
                             year, month, day);
          valid = FALSE;
        }
      else if (g_date_compare (&found.birth_date, &earliest) < 0)
        {
          if (problems != NULL)
            yb_problems_add (problems, "id.birth_too_old", field,
                             "身份证号码中的出生日期 %04d-%02d-%02d 早于 1900 年 1 月 1 日",
                             year, month, day);
          valid = FALSE;
        }
    }

  found.sex = ((id[16] - '0') % 2 == 1) ? YB_SEX_MALE : YB_SEX_FEMALE;

  {
    char first17[18];

    memcpy (first17, id, 17);
    first17[17] = '\0';
    check = yb_resident_id_check_char (first17);
  }
  if (g_ascii_toupper (id[17]) != check)
    {
      if (problems != NULL)
        yb_problems_add (problems, "id.checksum", field,
                         "身份证号码校验位错误，应为 %c（可能有数字输错）", check);
      valid = FALSE;
    }

  if (info != NULL)
    *info = found;
  return valid;
}

/* ------------------------------------------------------------------------- credit code */

static int
credit_code_value (char c)
{
  const char *p;

  if (c == '\0')
    return -1;
  p = strchr (credit_code_alphabet, c);
  return p != NULL ? (int) (p - credit_code_alphabet) : -1;
}

static gboolean
credit_code_char_allowed (gunichar c,
                          glong    position,
                          glong    count)
{
  return c < 0x80 && credit_code_value ((char) c) >= 0;
}

char
yb_credit_code_check_char (const char *first17)
{
  int sum = 0;

  if (first17 == NULL || strlen (first17) != 17)
    return 0;

  for (int i = 0; i < 17; i++)
    {
      int value = credit_code_value (first17[i]);

      if (value < 0)
        return 0;
      sum += value * credit_code_weights[i];
    }
  return credit_code_alphabet[(31 - sum % 31) % 31];
}

gboolean
yb_credit_code_validate (const char *code,
                         YbProblems *problems,
                         const char *field)
{
  g_autofree char *bad_chars = NULL;
  gboolean lowercase = FALSE;
  gboolean valid = TRUE;
  glong count;
  char check;

  if (code == NULL || code[0] == '\0')
    {
      add_problem (problems, "credit_code.empty", field, "请填写统一社会信用代码");
      return FALSE;
    }

  count = char_count (code);
  if (count != CREDIT_CODE_LENGTH)
    {
      if (problems != NULL)
        yb_problems_add (problems, "credit_code.length", field,
                         "统一社会信用代码应为 18 位，实际为 %ld 位", count);
      valid = FALSE;
    }

  /* Lowercase is refused rather than folded: the code is printed on documents exactly as
   * stored, and staff should see and copy the certificate's own spelling. */
  bad_chars = list_bad_chars (code, credit_code_char_allowed, &lowercase);
  if (bad_chars != NULL)
    {
      if (problems != NULL)
        yb_problems_add (problems, "credit_code.charset", field,
                         "统一社会信用代码含有不允许的字符：%s（只用数字和大写字母，不用 I、O、Z、S、V%s）",
                         bad_chars, lowercase ? "；字母请改为大写" : "");
      valid = FALSE;
    }
  if (!valid)
    return FALSE;

  if (!is_ascii_digits (code + 2, 6))
    {
      if (problems != NULL)
        yb_problems_add (problems, "credit_code.region", field,
                         "统一社会信用代码第 3 至 8 位应为六位数字的登记管理机关行政区划码，实际为 %.6s",
                         code + 2);
      valid = FALSE;
    }

  {
    char first17[18];

    memcpy (first17, code, 17);
    first17[17] = '\0';
    check = yb_credit_code_check_char (first17);
  }
  g_assert (check != 0);
  if (code[17] != check)
    {
      if (problems != NULL)
        yb_problems_add (problems, "credit_code.checksum", field,
                         "统一社会信用代码校验位错误，应为 %c（可能有字符输错）", check);
      valid = FALSE;
    }

  return valid;
}

/* ------------------------------------------------------------------------- mobile, region */

gboolean
yb_mobile_validate (const char *mobile,
                    YbProblems *problems,
                    const char *field)
{
  gsize length;

  if (mobile == NULL || mobile[0] == '\0')
    {
      add_problem (problems, "mobile.empty", field, "请填写手机号码");
      return FALSE;
    }

  length = strlen (mobile);
  if (length != 11 || !is_ascii_digits (mobile, length))
    {
      add_problem (problems, "mobile.invalid", field,
                   "手机号码应为 11 位数字");
      return FALSE;
    }
  if (mobile[0] != '1' || mobile[1] < '3' || mobile[1] > '9')
    {
      add_problem (problems, "mobile.invalid", field,
                   "手机号码应以 13 至 19 开头");
      return FALSE;
    }
  return TRUE;
}

gboolean
yb_region_code_validate (const char *code,
                         YbProblems *problems,
                         const char *field)
{
  if (code == NULL || strlen (code) != 6 || !is_ascii_digits (code, 6))
    {
      add_problem (problems, "region.invalid", field,
                   "行政区划代码应为六位数字");
      return FALSE;
    }
  if (strcmp (code, "000000") == 0)
    {
      add_problem (problems, "region.invalid", field,
                   "行政区划代码不能全为 0");
      return FALSE;
    }
  return TRUE;
}
