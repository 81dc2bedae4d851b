/* test-ids.c: the identifier validators of DOMAIN.md §7 (resident ID, credit code,
 * mobile number, region code). */
#define G_LOG_DOMAIN "yibao-test"

#include "yb-ids.h"

#include <string.h>

#define VALID_ID "11010519491231002X"
#define VALID_CREDIT_CODE "91110000600037341L"

static const char credit_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* ------------------------------------------------------------------------- helpers */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Asserts that @problems holds exactly the codes in @expected (NULL-terminated, any
 * order), each once, every one with @field. */
static void
assert_codes (const YbProblems   *problems,
              const char         *field,
              const char * const *expected)
{
  g_autoptr(GPtrArray) got = g_ptr_array_new ();
  g_autoptr(GPtrArray) want = g_ptr_array_new ();
  g_autofree char *got_text = NULL;
  g_autofree char *want_text = NULL;

  for (guint i = 0; i < yb_problems_get_len (problems); i++)
    {
      const YbProblem *problem = yb_problems_get (problems, i);

      g_assert_cmpstr (problem->field, ==, field);
      g_assert_nonnull (problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      g_ptr_array_add (got, problem->code);
    }
  for (guint i = 0; expected[i] != NULL; i++)
    g_ptr_array_add (want, (gpointer) expected[i]);
  g_ptr_array_sort (got, compare_strings);
  g_ptr_array_sort (want, compare_strings);
  g_ptr_array_add (got, NULL);
  g_ptr_array_add (want, NULL);
  got_text = g_strjoinv (" ", (char **) got->pdata);
  want_text = g_strjoinv (" ", (char **) want->pdata);
  g_assert_cmpstr (got_text, ==, want_text);
}

static const char *
find_message (const YbProblems *problems,
              const char       *code)
{
  for (guint i = 0; i < yb_problems_get_len (problems); i++)
    if (g_str_equal (yb_problems_get (problems, i)->code, code))
      return yb_problems_get (problems, i)->message;
  return NULL;
}

static void
set_date (GDate *date,
          int    year,
          int    month,
          int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* 17 digits from region, birth date and sequence, completed with the check character. */
static char *
make_id (const char *region,
         int         year,
         int         month,
         int         day,
         int         sequence)
{
  g_autofree char *first17 = g_strdup_printf ("%s%04d%02d%02d%03d", region, year, month, day,
                                              sequence);
  char check;

  g_assert_cmpuint (strlen (first17), ==, 17);
  check = yb_resident_id_check_char (first17);
  g_assert_cmpint (check, !=, 0);
  return g_strdup_printf ("%s%c", first17, check);
}

/* Validates against a fixed day so that the tests do not age. */
static gboolean
validate_id_on (const char       *id,
                YbResidentIdInfo *info,
                YbProblems       *problems)
{
  GDate today;

  set_date (&today, 2025, 6, 1);
  return yb_resident_id_validate (id, &today, info, problems, "id_number");
}

/* ------------------------------------------------------------------------- resident ID */

static void
test_id_valid_sample (void)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  YbResidentIdInfo info;

  g_assert_true (yb_resident_id_validate (VALID_ID, NULL, &info, problems, "id_number"));
  g_assert_true (yb_problems_is_empty (problems));
  g_assert_cmpstr (info.region, ==, "110105");
  g_assert_true (g_date_valid (&info.birth_date));
  g_assert_cmpint (g_date_get_year (&info.birth_date), ==, 1949);
  g_assert_cmpint (g_date_get_month (&info.birth_date), ==, 12);
  g_assert_cmpint (g_date_get_day (&info.birth_date), ==, 31);
  g_assert_cmpint (info.sex, ==, YB_SEX_FEMALE);

  /* Lowercase x is the same check character. */
  g_assert_true (validate_id_on ("11010519491231002x", &info, problems));
  g_assert_true (yb_problems_is_empty (problems));
  g_assert_cmpint (info.sex, ==, YB_SEX_FEMALE);

  /* Without a problems list or info, the answer is the same. */
  g_assert_true (yb_resident_id_validate (VALID_ID, NULL, NULL, NULL, NULL));
  g_assert_false (yb_resident_id_validate ("11010519491231002Y", NULL, NULL, NULL, NULL));
}

static void
test_id_check_char (void)
{
  g_assert_cmpint (yb_resident_id_check_char ("11010519491231002"), ==, 'X');
  g_assert_cmpint (yb_resident_id_check_char ("1101051949123100"), ==, 0);
  g_assert_cmpint (yb_resident_id_check_char ("110105194912310021"), ==, 0);
  g_assert_cmpint (yb_resident_id_check_char ("1101051949123100A"), ==, 0);
  g_assert_cmpint (yb_resident_id_check_char (""), ==, 0);
  g_assert_cmpint (yb_resident_id_check_char (NULL), ==, 0);
  /* Every remainder maps through "10X98765432": 17 zeros sum to 0 → '1'. */
  g_assert_cmpint (yb_resident_id_check_char ("00000000000000000"), ==, '1');
  /* Weight of the first digit is 7: 1 × 7 = 7 → '5'. */
  g_assert_cmpint (yb_resident_id_check_char ("10000000000000000"), ==, '5');
}

static void
test_id_every_single_corruption (void)
{
  static const char id_chars[] = "0123456789X";
  guint tried = 0;

  for (guint position = 0; position < 18; position++)
    for (guint k = 0; id_chars[k] != '\0'; k++)
      {
        g_autoptr(YbProblems) problems = yb_problems_new ();
        char corrupted[19];

        if (id_chars[k] == VALID_ID[position])
          continue;
        memcpy (corrupted, VALID_ID, sizeof corrupted);
        corrupted[position] = id_chars[k];

        if (validate_id_on (corrupted, NULL, problems))
          g_error ("corrupted ID %s (position %u) was accepted", corrupted, position + 1);
        g_assert_cmpuint (yb_problems_get_len (problems), >=, 1);
        /* The checksum alone catches every single substitution: the weights are all
         * prime to 11. An X inside the 17 digits is a charset problem instead. */
        if (id_chars[k] == 'X' && position < 17)
          g_assert_true (yb_problems_has_code (problems, "id.charset"));
        else
          g_assert_true (yb_problems_has_code (problems, "id.checksum"));
        tried++;
      }
  g_assert_cmpuint (tried, ==, 18 * 10);
}

static void
test_id_future_birth (void)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autofree char *tomorrow = make_id ("130133", 2025, 6, 2, 123);
  g_autofree char *today = make_id ("130133", 2025, 6, 1, 123);
  g_autofree char *next_year = make_id ("130133", 2026, 1, 1, 123);
  YbResidentIdInfo info;

  g_assert_false (validate_id_on (tomorrow, &info, problems));
  assert_codes (problems, "id_number", (const char *[]) { "id.birth_future", NULL });
  g_assert_nonnull (strstr (find_message (problems, "id.birth_future"), "2025-06-02"));

  g_clear_pointer (&problems, yb_problems_unref);
  problems = yb_problems_new ();
  g_assert_false (validate_id_on (next_year, NULL, problems));
  assert_codes (problems, "id_number", (const char *[]) { "id.birth_future", NULL });

  /* Born today is fine. */
  g_clear_pointer (&problems, yb_problems_unref);
  problems = yb_problems_new ();
  g_assert_true (validate_id_on (today, &info, problems));
  g_assert_true (yb_problems_is_empty (problems));
  g_assert_cmpint (g_date_get_day (&info.birth_date), ==, 1);
}

static void
test_id_too_old (void)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autofree char *old = make_id ("130133", 1899, 12, 31, 1);
  g_autofree char *oldest = make_id ("130133", 1900, 1, 1, 1);

  g_assert_false (validate_id_on (old, NULL, problems));
  assert_codes (problems, "id_number", (const char *[]) { "id.birth_too_old", NULL });

  g_clear_pointer (&problems, yb_problems_unref);
  problems = yb_problems_new ();
  g_assert_true (validate_id_on (oldest, NULL, problems));
  g_assert_true (yb_problems_is_empty (problems));
}

static void
test_id_leap_days (void)
{
  static const struct {
    int      year;
    gboolean valid;
  } cases[] = {
    { 2000, TRUE },   /* divisible by 400 */
    { 1996, TRUE },
    { 2024, TRUE },
    { 1900, FALSE },  /* divisible by 100, not by 400 */
    { 2023, FALSE },
    { 2001, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();
      g_autofree char *id = make_id ("130130", cases[i].year, 2, 29, 45);
      YbResidentIdInfo info;
      gboolean valid = validate_id_on (id, &info, problems);

      g_test_message ("%s", id);
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (cases[i].valid)
        {
          g_assert_true (yb_problems_is_empty (problems));
          g_assert_cmpint (g_date_get_month (&info.birth_date), ==, 2);
          g_assert_cmpint (g_date_get_day (&info.birth_date), ==, 29);
        }
      else
        {
          assert_codes (problems, "id_number", (const char *[]) { "id.birth_date", NULL });
          g_assert_false (g_date_valid (&info.birth_date));
        }
    }
}

static void
test_id_bad_dates (void)
{
  static const char * const dates[] = {
    "19491301", "19490001", "19490100", "19490431", "19490230", "00000101",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();
      g_autofree char *first17 = g_strdup_printf ("110105%s002", dates[i]);
      g_autofree char *id = g_strdup_printf ("%s%c", first17, yb_resident_id_check_char (first17));

      g_assert_false (validate_id_on (id, NULL, problems));
      assert_codes (problems, "id_number", (const char *[]) { "id.birth_date", NULL });
      g_assert_nonnull (strstr (find_message (problems, "id.birth_date"), dates[i]));
    }
}

static void
test_id_sex (void)
{
  for (int digit = 0; digit <= 9; digit++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();
      g_autofree char *id = make_id ("130133", 1980, 5, 17, 120 + digit);
      YbResidentIdInfo info;

      g_assert_true (validate_id_on (id, &info, problems));
      g_assert_cmpint (id[16], ==, '0' + digit);
      g_assert_cmpint (info.sex, ==, digit % 2 == 1 ? YB_SEX_MALE : YB_SEX_FEMALE);
    }
}

static void
test_id_generated (void)
{
  GDate earliest;
  GDate today;
  guint span;

  set_date (&earliest, 1900, 1, 1);
  set_date (&today, 2025, 6, 1);
  span = (guint) g_date_days_between (&earliest, &today);

  for (int n = 0; n < 1000; n++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();
      char region[7];
      GDate birth = earliest;
      g_autofree char *id = NULL;
      int sequence = g_test_rand_int_range (0, 1000);
      YbResidentIdInfo info;

      g_snprintf (region, sizeof region, "%d%05d",
                  g_test_rand_int_range (1, 9), g_test_rand_int_range (0, 100000));
      g_date_add_days (&birth, (guint) g_test_rand_int_range (0, (gint32) span + 1));
      id = make_id (region, g_date_get_year (&birth), g_date_get_month (&birth),
                    g_date_get_day (&birth), sequence);

      if (!validate_id_on (id, &info, problems))
        g_error ("generated ID %s refused: %s", id, yb_problems_get (problems, 0)->message);
      g_assert_cmpstr (info.region, ==, region);
      g_assert_cmpint (g_date_compare (&info.birth_date, &birth), ==, 0);
      g_assert_cmpint (info.sex, ==, (sequence % 2 == 1) ? YB_SEX_MALE : YB_SEX_FEMALE);
    }
}

static void
test_id_several_problems (void)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  /* Region 000000, 13th month, and a check character that the digits do not give. */
  const char *id = "000000194913310021";
  YbResidentIdInfo info;

  g_assert_cmpint (yb_resident_id_check_char ("00000019491331002"), !=, '1');
  g_assert_false (validate_id_on (id, &info, problems));
  assert_codes (problems, "id_number",
                (const char *[]) { "id.region", "id.birth_date", "id.checksum", NULL });
  g_assert_cmpstr (info.region, ==, "000000");

  /* Region starting with 9, a future date and a bad check character. */
  g_clear_pointer (&problems, yb_problems_unref);
  problems = yb_problems_new ();
  g_assert_false (validate_id_on ("910105209912310021", NULL, problems));
  assert_codes (problems, "id_number",
                (const char *[]) { "id.region", "id.birth_future", "id.checksum", NULL });
}

static void
test_id_checksum_message (void)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();

  g_assert_false (validate_id_on ("110105194912310023", NULL, problems));
  assert_codes (problems, "id_number", (const char *[]) { "id.checksum", NULL });
  g_assert_true (g_str_has_prefix (find_message (problems, "id.checksum"),
                                   "身份证号码校验位错误，应为 X"));
}

static void
test_id_shape (void)
{
  static const struct {
    const char *id;
    const char *codes[3];
  } cases[] = {
    { "", { "id.empty" } },
    { "1101051949123100", { "id.length" } },
    { "11010519491231002X1", { "id.length" } },
    { "11010519491231002A", { "id.charset" } },
    { "1101051949X231002X", { "id.charset" } },
    { "11010519491231002 ", { "id.charset" } },
    { "abc", { "id.length", "id.charset" } },
    { "11010519491231002X ", { "id.length", "id.charset" } },
    /* Full-width digits: 18 characters, none of them allowed. */
    { "１１０１０５１９４９１２３１００２Ｘ", { "id.charset" } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();
      YbResidentIdInfo info;

      g_test_message ("“%s”", cases[i].id);
      g_assert_false (validate_id_on (cases[i].id, &info, problems));
      assert_codes (problems, "id_number", cases[i].codes);
      g_assert_cmpint (info.sex, ==, YB_SEX_UNKNOWN);
    }

  {
    g_autoptr(YbProblems) problems = yb_problems_new ();

    g_assert_false (validate_id_on (NULL, NULL, problems));
    assert_codes (problems, "id_number", (const char *[]) { "id.empty", NULL });
  }
  {
    g_autoptr(YbProblems) problems = yb_problems_new ();
    const char *message;

    g_assert_false (validate_id_on ("1101051949X231002X", NULL, problems));
    message = find_message (problems, "id.charset");
    g_assert_nonnull (strstr (message, "X 只能出现在最后一位"));
  }
  {
    g_autoptr(YbProblems) problems = yb_problems_new ();

    g_assert_false (validate_id_on ("1101051949123100", NULL, problems));
    g_assert_nonnull (strstr (find_message (problems, "id.length"), "实际为 16 位"));
  }
}

/* ------------------------------------------------------------------------- credit code */

static char *
make_credit_code (const char *first17)
{
  char check = yb_credit_code_check_char (first17);

  g_assert_cmpint (check, !=, 0);
  return g_strdup_printf ("%s%c", first17, check);
}

static void
test_credit_valid (void)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();

  g_assert_true (yb_credit_code_validate (VALID_CREDIT_CODE, problems, "credit_code"));
  g_assert_true (yb_problems_is_empty (problems));
  g_assert_cmpint (yb_credit_code_check_char ("91110000600037341"), ==, 'L');
  g_assert_cmpint (yb_credit_code_check_char ("9111000060003734"), ==, 0);
  g_assert_cmpint (yb_credit_code_check_char ("9111000060003734I"), ==, 0);
  g_assert_cmpint (yb_credit_code_check_char ("9111000060003734l"), ==, 0);
  g_assert_cmpint (yb_credit_code_check_char (NULL), ==, 0);
  /* 17 zeros: sum 0 → (31 - 0) mod 31 = 0 → '0'. */
  g_assert_cmpint (yb_credit_code_check_char ("00000000000000000"), ==, '0');
  /* A single 1 with weight 1: 31 - 1 = 30 → 'Y'. */
  g_assert_cmpint (yb_credit_code_check_char ("10000000000000000"), ==, 'Y');
}

static void
test_credit_every_single_corruption (void)
{
  guint tried = 0;

  for (guint position = 0; position < 18; position++)
    for (guint k = 0; credit_alphabet[k] != '\0'; k++)
      {
        g_autoptr(YbProblems) problems = yb_problems_new ();
        char corrupted[19];

        if (credit_alphabet[k] == VALID_CREDIT_CODE[position])
          continue;
        memcpy (corrupted, VALID_CREDIT_CODE, sizeof corrupted);
        corrupted[position] = credit_alphabet[k];

        if (yb_credit_code_validate (corrupted, problems, "credit_code"))
          g_error ("corrupted credit code %s (position %u) was accepted", corrupted, position + 1);
        /* 31 is prime and no weight is a multiple of it: the checksum sees them all. */
        g_assert_true (yb_problems_has_code (problems, "credit_code.checksum"));
        tried++;
      }
  g_assert_cmpuint (tried, ==, 18 * 30);
}

static void
test_credit_shape (void)
{
  static const struct {
    const char *code;
    const char *codes[3];
  } cases[] = {
    { "", { "credit_code.empty" } },
    { "9111000060003734", { "credit_code.length" } },
    { "91110000600037341LL", { "credit_code.length" } },
    { "91110000600037341l", { "credit_code.charset" } },
    { "9111000060003734IL", { "credit_code.charset" } },
    { "91110000600037341O", { "credit_code.charset" } },
    { "9111000060003734-L", { "credit_code.charset" } },
    { "abc", { "credit_code.length", "credit_code.charset" } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();

      g_test_message ("“%s”", cases[i].code);
      g_assert_false (yb_credit_code_validate (cases[i].code, problems, "credit_code"));
      assert_codes (problems, "credit_code", cases[i].codes);
    }

  {
    g_autoptr(YbProblems) problems = yb_problems_new ();

    g_assert_false (yb_credit_code_validate (NULL, problems, "credit_code"));
    assert_codes (problems, "credit_code", (const char *[]) { "credit_code.empty", NULL });
  }
  {
    g_autoptr(YbProblems) problems = yb_problems_new ();
    const char *message;

    /* Lowercase is not folded: staff are told to use uppercase. */
    g_assert_false (yb_credit_code_validate ("91110000600037341l", problems, "credit_code"));
    message = find_message (problems, "credit_code.charset");
    g_assert_nonnull (strstr (message, "“l”"));
    g_assert_nonnull (strstr (message, "大写"));
  }
  {
    g_autoptr(YbProblems) problems = yb_problems_new ();
    const char *message;

    g_assert_false (yb_credit_code_validate ("9I11000060003734OL", problems, "credit_code"));
    message = find_message (problems, "credit_code.charset");
    g_assert_nonnull (strstr (message, "“I”"));
    g_assert_nonnull (strstr (message, "“O”"));
    g_assert_nonnull (strstr (message, "I、O、Z、S、V"));
    g_assert_null (strstr (message, "请改为大写"));
  }
}

static void
test_credit_region_and_several (void)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autofree char *letters_in_region = make_credit_code ("91AB0000600037341");

  g_assert_false (yb_credit_code_validate (letters_in_region, problems, "credit_code"));
  assert_codes (problems, "credit_code", (const char *[]) { "credit_code.region", NULL });
  g_assert_nonnull (strstr (find_message (problems, "credit_code.region"), "AB0000"));

  /* Bad region and a bad check character at once. */
  g_clear_pointer (&problems, yb_problems_unref);
  problems = yb_problems_new ();
  g_assert_false (yb_credit_code_validate ("91AB00006000373410", problems, "credit_code"));
  assert_codes (problems, "credit_code",
                (const char *[]) { "credit_code.region", "credit_code.checksum", NULL });
  g_assert_nonnull (strstr (find_message (problems, "credit_code.checksum"), "应为"));
}

static void
test_credit_generated (void)
{
  for (int n = 0; n < 1000; n++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();
      char first17[18];
      g_autofree char *code = NULL;

      for (int i = 0; i < 17; i++)
        first17[i] = credit_alphabet[g_test_rand_int_range (0, 31)];
      for (int i = 2; i < 8; i++)
        first17[i] = (char) ('0' + g_test_rand_int_range (0, 10));
      first17[17] = '\0';
      code = make_credit_code (first17);

      if (!yb_credit_code_validate (code, problems, "credit_code"))
        g_error ("generated credit code %s refused: %s", code,
                 yb_problems_get (problems, 0)->message);
    }
}

/* ------------------------------------------------------------------------- mobile, region */

static void
test_mobile (void)
{
  static const char * const valid[] = {
    "13800138000", "19912345678", "15000000000", "17612345678",
  };
  static const char * const invalid[] = {
    "12800138000", "10800138000", "23800138000", "1380013800", "138001380001",
    "1380013800a", "138 0013 8000", "+8613800138000", "１３８００１３８０００",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();

      g_assert_true (yb_mobile_validate (valid[i], problems, "mobile"));
      g_assert_true (yb_problems_is_empty (problems));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();

      g_test_message ("%s", invalid[i]);
      g_assert_false (yb_mobile_validate (invalid[i], problems, "mobile"));
      assert_codes (problems, "mobile", (const char *[]) { "mobile.invalid", NULL });
    }
  {
    g_autoptr(YbProblems) problems = yb_problems_new ();

    g_assert_false (yb_mobile_validate ("", problems, "mobile"));
    g_assert_false (yb_mobile_validate (NULL, problems, "mobile"));
    g_assert_cmpuint (yb_problems_get_len (problems), ==, 2);
    g_assert_cmpstr (yb_problems_get (problems, 0)->code, ==, "mobile.empty");
    g_assert_cmpstr (yb_problems_get (problems, 1)->code, ==, "mobile.empty");
  }
}

static void
test_region (void)
{
  static const char * const valid[] = { "130133", "130130", "110105", "130100", "820000" };
  static const char * const invalid[] = {
    "000000", "13013", "1301333", "13013a", "", "13 133", "１３０１３３",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();

      g_assert_true (yb_region_code_validate (valid[i], problems, "region"));
      g_assert_true (yb_problems_is_empty (problems));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();

      g_test_message ("“%s”", invalid[i]);
      g_assert_false (yb_region_code_validate (invalid[i], problems, "region"));
      assert_codes (problems, "region", (const char *[]) { "region.invalid", NULL });
    }
  {
    g_autoptr(YbProblems) problems = yb_problems_new ();

    g_assert_false (yb_region_code_validate (NULL, problems, NULL));
    assert_codes (problems, NULL, (const char *[]) { "region.invalid", NULL });
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ids/resident/valid-sample", test_id_valid_sample);
  g_test_add_func ("/ids/resident/check-char", test_id_check_char);
  g_test_add_func ("/ids/resident/every-single-corruption", test_id_every_single_corruption);
  g_test_add_func ("/ids/resident/future-birth", test_id_future_birth);
  g_test_add_func ("/ids/resident/too-old", test_id_too_old);
  g_test_add_func ("/ids/resident/leap-days", test_id_leap_days);
  g_test_add_func ("/ids/resident/bad-dates", test_id_bad_dates);
  g_test_add_func ("/ids/resident/sex", test_id_sex);
  g_test_add_func ("/ids/resident/generated", test_id_generated);
  g_test_add_func ("/ids/resident/several-problems", test_id_several_problems);
  g_test_add_func ("/ids/resident/checksum-message", test_id_checksum_message);
  g_test_add_func ("/ids/resident/shape", test_id_shape);
  g_test_add_func ("/ids/credit/valid", test_credit_valid);
  g_test_add_func ("/ids/credit/every-single-corruption", test_credit_every_single_corruption);
  g_test_add_func ("/ids/credit/shape", test_credit_shape);
  g_test_add_func ("/ids/credit/region-and-several", test_credit_region_and_several);
  g_test_add_func ("/ids/credit/generated", test_credit_generated);
  g_test_add_func ("/ids/mobile", test_mobile);
  g_test_add_func ("/ids/region", test_region);

  return g_test_run ();
}
