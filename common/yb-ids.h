/* yb-ids.h: the identifiers of DOMAIN.md §7 (resident ID, unified social credit code,
 * mobile number, region code). Each validator adds every problem it finds to @problems
 * (under @field) and returns whether the value is valid. */
#pragma once

#include "yb-problems.h"

G_BEGIN_DECLS

typedef enum {
  YB_SEX_UNKNOWN = 0,
  YB_SEX_MALE,
  YB_SEX_FEMALE,
} YbSex;

typedef struct {
  char  region[7];   /* first six digits, NUL-terminated */
  GDate birth_date;
  YbSex sex;
} YbResidentIdInfo;

/* @today: the date a birth date must not be after; NULL means the local date today.
 * @info gets what could be read even from an invalid ID: region and sex once the ID is 18
 * allowed characters, birth_date when it is a real date (else cleared, sex UNKNOWN). */
gboolean yb_resident_id_validate (const char       *id,
                                  const GDate      *today,
                                  YbResidentIdInfo *info,
                                  YbProblems       *problems,
                                  const char       *field);
/* The check character for 17 digits, or 0 when @first17 is not 17 digits. */
char     yb_resident_id_check_char (const char *first17);

gboolean yb_credit_code_validate (const char *code,
                                  YbProblems *problems,
                                  const char *field);
/* The check character for 17 characters of the code alphabet, or 0. */
char     yb_credit_code_check_char (const char *first17);

gboolean yb_mobile_validate      (const char *mobile,
                                  YbProblems *problems,
                                  const char *field);
gboolean yb_region_code_validate (const char *code,
                                  YbProblems *problems,
                                  const char *field);

G_END_DECLS
