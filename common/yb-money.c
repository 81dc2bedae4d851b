/* yb-money.c: amounts as integer fen: parsing what staff type in yuan, formatting for
 * screens and documents, and arithmetic that refuses to overflow instead of wrapping. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-money.h"

#include <string.h>

G_DEFINE_QUARK (yb-money-error-quark, yb_money_error)

/* ------------------------------------------------------------------------- helpers */

static gboolean
in_range (YbFen value)
{
  return value >= -YB_FEN_MAX && value <= YB_FEN_MAX;
}

/* Whether @digits (the integer part, commas included, length @length) groups by
 * thousands correctly: "1,234,567" yes, "12,34" or "1,,234" no. */
static gboolean
grouping_ok (const char *digits,
             gsize       length)
{
  const char *comma = memchr (digits, ',', length);
  gsize group_start;

  if (comma == NULL)
    return TRUE;
  if (comma == digits || comma - digits > 3)
    return FALSE;

  group_start = (gsize) (comma - digits) + 1;
  while (group_start < length)
    {
      for (gsize i = 0; i < 3; i++)
        if (group_start + i >= length || !g_ascii_isdigit (digits[group_start + i]))
          return FALSE;
      if (group_start + 3 == length)
        return TRUE;
      if (digits[group_start + 3] != ',')
        return FALSE;
      group_start += 4;
    }
  return FALSE; /* a trailing comma */
}

static void
set_invalid (GError     **error,
             const char  *text)
{
  g_set_error (error, YB_MONEY_ERROR, YB_MONEY_ERROR_INVALID,
               "金额“%s”格式不正确，请以元为单位填写数字，如 1234.56", text);
}

/* ------------------------------------------------------------------------- public API */

gboolean
yb_fen_parse (const char  *yuan_text,
              YbFen       *out_fen,
              GError     **error)
{
  g_autofree char *text = NULL;
  const char *p;
  const char *int_start;
  gsize int_length;
  gboolean negative = FALSE;
  YbFen yuan = 0;
  YbFen fen = 0;
  int decimals = 0;
  int cents = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Surrounding blanks are what an entry leaves behind, not part of the amount. */
  text = g_strstrip (g_strdup (yuan_text != NULL ? yuan_text : ""));
  if (text[0] == '\0')
    {
      g_set_error_literal (error, YB_MONEY_ERROR, YB_MONEY_ERROR_EMPTY, "请填写金额");
      return FALSE;
    }

  p = text;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  int_start = p;
  while (g_ascii_isdigit (*p) || *p == ',')
    p++;
  int_length = (gsize) (p - int_start);
  if (int_length == 0 || !grouping_ok (int_start, int_length))
    {
      set_invalid (error, text);
      return FALSE;
    }

  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        {
          set_invalid (error, text);
          return FALSE;
        }
      while (g_ascii_isdigit (*p))
        {
          if (decimals < 2)
            cents = cents * 10 + (*p - '0');
          decimals++;
          p++;
        }
    }
  if (*p != '\0')
    {
      set_invalid (error, text);
      return FALSE;
    }
  if (decimals > 2)
    {
      g_set_error (error, YB_MONEY_ERROR, YB_MONEY_ERROR_PRECISION,
                   "金额“%s”最多只能有两位小数（精确到分）", text);
      return FALSE;
    }
  if (decimals == 1)
    cents *= 10;

  for (gsize i = 0; i < int_length; i++)
    {
      if (int_start[i] == ',')
        continue;
      if (__builtin_mul_overflow (yuan, (YbFen) 10, &yuan) ||
          __builtin_add_overflow (yuan, (YbFen) (int_start[i] - '0'), &yuan))
        goto overflow;
    }
  if (__builtin_mul_overflow (yuan, (YbFen) 100, &fen) ||
      __builtin_add_overflow (fen, (YbFen) cents, &fen) ||
      fen > YB_FEN_MAX)
    goto overflow;

  if (out_fen != NULL)
    *out_fen = negative ? -fen : fen;
  return TRUE;

overflow:
  g_set_error (error, YB_MONEY_ERROR, YB_MONEY_ERROR_OVERFLOW,
               "金额“%s”超出可处理的范围", text);
  return FALSE;
}

char *
yb_fen_format (YbFen    fen,
               gboolean grouping)
{
  /* Work on the magnitude unsigned: -G_MININT64 does not fit in a gint64. */
  guint64 magnitude = fen < 0 ? (guint64) (-(fen + 1)) + 1 : (guint64) fen;
  guint64 yuan = magnitude / 100;
  guint cents = (guint) (magnitude % 100);
  char digits[32];
  GString *out = g_string_new (fen < 0 ? "-" : NULL);
  gsize n;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, yuan);
  n = strlen (digits);
  for (gsize i = 0; i < n; i++)
    {
      if (grouping && i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  g_string_append_printf (out, ".%02u", cents);

  return g_string_free (out, FALSE);
}

gboolean
yb_fen_add (YbFen  a,
            YbFen  b,
            YbFen *out)
{
  YbFen sum;

  if (__builtin_add_overflow (a, b, &sum) || !in_range (sum))
    return FALSE;
  if (out != NULL)
    *out = sum;
  return TRUE;
}

gboolean
yb_fen_mul (YbFen  a,
            gint64 factor,
            YbFen *out)
{
  YbFen product;

  if (__builtin_mul_overflow (a, factor, &product) || !in_range (product))
    return FALSE;
  if (out != NULL)
    *out = product;
  return TRUE;
}
