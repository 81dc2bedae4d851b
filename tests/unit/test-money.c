/* test-money.c: parsing, formatting and arithmetic of amounts in fen. */
#define G_LOG_DOMAIN "yibao-test"

#include "yb-money.h"

#include <string.h>

static void
test_parse_valid (void)
{
  static const struct {
    const char *text;
    YbFen       fen;
  } cases[] = {
    { "0", 0 },
    { "0.1", 10 },
    { "0.10", 10 },
    { "0.01", 1 },
    { "0.09", 9 },
    { "1", 100 },
    { "1.5", 150 },
    { "1234", 123400 },
    { "1234.5", 123450 },
    { "1234.56", 123456 },
    { "-3.20", -320 },
    { "-0.01", -1 },
    { "-0", 0 },
    { "-0.00", 0 },
    { "007", 700 },
    { "1,234.56", 123456 },
    { "1,234", 123400 },
    { "12,345,678.90", 1234567890 },
    { "-1,000", -100000 },
    { "  12.30 ", 1230 },
    { "9000000000000000", YB_FEN_MAX },
    { "8999999999999999.99", YB_FEN_MAX - 1 },
    { "-9000000000000000.00", -YB_FEN_MAX },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      YbFen fen = -424242;

      g_test_message ("“%s”", cases[i].text);
      g_assert_true (yb_fen_parse (cases[i].text, &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, cases[i].fen);
    }
}

static void
test_parse_invalid (void)
{
  static const struct {
    const char *text;
    int         code;
  } cases[] = {
    { "", YB_MONEY_ERROR_EMPTY },
    { "   ", YB_MONEY_ERROR_EMPTY },
    { "abc", YB_MONEY_ERROR_INVALID },
    { "1e3", YB_MONEY_ERROR_INVALID },
    { "12a", YB_MONEY_ERROR_INVALID },
    { "-", YB_MONEY_ERROR_INVALID },
    { "--1", YB_MONEY_ERROR_INVALID },
    { "+1", YB_MONEY_ERROR_INVALID },
    { ".5", YB_MONEY_ERROR_INVALID },
    { "1.", YB_MONEY_ERROR_INVALID },
    { "1..2", YB_MONEY_ERROR_INVALID },
    { "1.2.3", YB_MONEY_ERROR_INVALID },
    { "1 234", YB_MONEY_ERROR_INVALID },
    { "12,34", YB_MONEY_ERROR_INVALID },
    { "1,2345", YB_MONEY_ERROR_INVALID },
    { ",123", YB_MONEY_ERROR_INVALID },
    { "1,234,", YB_MONEY_ERROR_INVALID },
    { "1234,567", YB_MONEY_ERROR_INVALID },
    { "1,,234", YB_MONEY_ERROR_INVALID },
    { "1.2,3", YB_MONEY_ERROR_INVALID },
    { "¥12", YB_MONEY_ERROR_INVALID },
    { "１２", YB_MONEY_ERROR_INVALID },
    { "0x10", YB_MONEY_ERROR_INVALID },
    { "1.234", YB_MONEY_ERROR_PRECISION },
    { "1.230", YB_MONEY_ERROR_PRECISION },
    { "-0.001", YB_MONEY_ERROR_PRECISION },
    { "9000000000000000.01", YB_MONEY_ERROR_OVERFLOW },
    { "-9000000000000000.01", YB_MONEY_ERROR_OVERFLOW },
    { "92233720368547758.07", YB_MONEY_ERROR_OVERFLOW },
    { "99999999999999999999999999", YB_MONEY_ERROR_OVERFLOW },
    { "-99999999999999999999999999.99", YB_MONEY_ERROR_OVERFLOW },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      YbFen fen = 4242;

      g_test_message ("“%s”", cases[i].text);
      g_assert_false (yb_fen_parse (cases[i].text, &fen, &error));
      g_assert_error (error, YB_MONEY_ERROR, cases[i].code);
      /* Chinese, and about this amount. */
      g_assert_nonnull (strstr (error->message, "金额"));
      g_assert_cmpint (fen, ==, 4242);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (yb_fen_parse (NULL, NULL, &error));
    g_assert_error (error, YB_MONEY_ERROR, YB_MONEY_ERROR_EMPTY);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (yb_fen_parse ("1.234", NULL, &error));
    g_assert_cmpstr (error->message, ==, "金额“1.234”最多只能有两位小数（精确到分）");
  }
}

static void
test_format (void)
{
  static const struct {
    YbFen       fen;
    const char *plain;
    const char *grouped;
  } cases[] = {
    { 0, "0.00", "0.00" },
    { 1, "0.01", "0.01" },
    { 10, "0.10", "0.10" },
    { 99, "0.99", "0.99" },
    { 100, "1.00", "1.00" },
    { -1, "-0.01", "-0.01" },
    { -320, "-3.20", "-3.20" },
    { 99999, "999.99", "999.99" },
    { 100000, "1000.00", "1,000.00" },
    { 123456, "1234.56", "1,234.56" },
    { -123456, "-1234.56", "-1,234.56" },
    { 12345678, "123456.78", "123,456.78" },
    { 123456789, "1234567.89", "1,234,567.89" },
    { YB_FEN_MAX, "9000000000000000.00", "9,000,000,000,000,000.00" },
    { G_MAXINT64, "92233720368547758.07", "92,233,720,368,547,758.07" },
    { G_MININT64, "-92233720368547758.08", "-92,233,720,368,547,758.08" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = yb_fen_format (cases[i].fen, FALSE);
      g_autofree char *grouped = yb_fen_format (cases[i].fen, TRUE);

      g_assert_cmpstr (plain, ==, cases[i].plain);
      g_assert_cmpstr (grouped, ==, cases[i].grouped);
    }
}

static void
test_round_trip (void)
{
  for (int n = 0; n < 2000; n++)
    {
      guint64 bits = (guint64) (guint32) g_test_rand_int () << 32 | (guint32) g_test_rand_int ();
      YbFen fen = (YbFen) (bits % (guint64) (YB_FEN_MAX + 1));
      gboolean grouping = n % 2 == 0;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      YbFen back = 0;

      if (n % 3 == 0)
        fen = -fen;
      text = yb_fen_format (fen, grouping);
      g_assert_true (yb_fen_parse (text, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, fen);
    }
}

static void
test_add_mul (void)
{
  YbFen out = 7;

  g_assert_true (yb_fen_add (150, 275, &out));
  g_assert_cmpint (out, ==, 425);
  g_assert_true (yb_fen_add (-150, 100, &out));
  g_assert_cmpint (out, ==, -50);
  g_assert_true (yb_fen_add (YB_FEN_MAX, 0, &out));
  g_assert_cmpint (out, ==, YB_FEN_MAX);
  g_assert_true (yb_fen_add (YB_FEN_MAX, -YB_FEN_MAX, &out));
  g_assert_cmpint (out, ==, 0);

  out = 7;
  g_assert_false (yb_fen_add (YB_FEN_MAX, 1, &out));
  g_assert_false (yb_fen_add (-YB_FEN_MAX, -1, &out));
  g_assert_false (yb_fen_add (G_MAXINT64, 1, &out));
  g_assert_false (yb_fen_add (G_MININT64, -1, &out));
  g_assert_cmpint (out, ==, 7);

  g_assert_true (yb_fen_mul (200000, 3, &out));
  g_assert_cmpint (out, ==, 600000);
  g_assert_true (yb_fen_mul (-250, 4, &out));
  g_assert_cmpint (out, ==, -1000);
  g_assert_true (yb_fen_mul (123, 0, &out));
  g_assert_cmpint (out, ==, 0);
  g_assert_true (yb_fen_mul (YB_FEN_MAX / 2, 2, &out));
  g_assert_cmpint (out, ==, YB_FEN_MAX);

  out = 7;
  g_assert_false (yb_fen_mul (YB_FEN_MAX / 2 + 1, 2, &out));
  g_assert_false (yb_fen_mul (G_MAXINT64 / 2, 3, &out));
  g_assert_false (yb_fen_mul (G_MININT64, -1, &out));
  g_assert_false (yb_fen_mul (-YB_FEN_MAX, 2, &out));
  g_assert_cmpint (out, ==, 7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse-valid", test_parse_valid);
  g_test_add_func ("/money/parse-invalid", test_parse_invalid);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/round-trip", test_round_trip);
  g_test_add_func ("/money/add-mul", test_add_mul);

  return g_test_run ();
}
