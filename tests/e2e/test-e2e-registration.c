/* test-e2e-registration.c: 5-1 … 5-6 参保和变更登记 end to end, in 赵县 and one in 无极县.
 *
 * DOMAIN §5: 资料申报 → 资料受理 → one-time notice / 退回 / complete → 窗口复核通过（another
 * person）→ 办结; 5-1/5-2 produce the contribution declaration (征缴单) on completion;
 * 5-1/5-2 employees 5 working days, flexible employment, residents and changes on the
 * spot (§4). */
#include "e2e.h"

/* ------------------------------------------------------------------------------ 5-1 */

#define UNIT_51 "{\"kind\": \"unit\", \"name\": \"赵县恒达建材有限公司\", \"id_number\": \"91130133MA0A1B2C3T\"," \
                " \"phone\": \"13931100001\"}"
#define FIELDS_51 "\"fields\": {\"unit_name\": \"赵县恒达建材有限公司\", \"unit_credit_code\": \"91130133MA0A1B2C3T\"," \
                  " \"contact_name\": \"李会计\", \"contact_mobile\": \"13931100001\", \"unit_address\": \"赵县石塔路18号\"," \
                  " \"legal_representative\": \"王恒达\", \"founded_on\": \"@today-20\"}"
/* 统一社会信用代码证书 (one of two) + the sealed 登记表 */
#define COMPLETE_51 "{" FIELDS_51 ", \"materials\": [{\"id\": \"credit_code_cert\", \"copy\": true}," \
                    " {\"id\": \"reg_form\", \"original\": true, \"sealed\": true}]}"

static const E2eStep walk_51[] = {
  { "clerk_zx", "notify_incomplete", "{" FIELDS_51 ", \"materials\": [{\"id\": \"reg_form\", \"original\": true}]}",
    "awaiting_correction", "one_time_notice", NULL },
  { "clerk_zx", "accept", COMPLETE_51, "accepted", "acceptance_notice", "+handling=wd5" },
  { "chief_zx", "review", NULL, "done", "contribution_declaration", "-handling" },
};

static void
test_51 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "5-1", NULL, UNIT_51, "submitted");

  e2e_step (c, &walk_51[0]);
  /* the notice lists both gaps: no proof of the unit, a form without the seal */
  e2e_assert_notice (c, "material.missing@unit_proof material.seal_required@reg_form");
  e2e_step (c, &walk_51[1]);
  e2e_step (c, &walk_51[2]);
  e2e_assert_closed (c);
}

/* Every gap at once, wrong role, wrong state, refusal without reason, withdrawal. */
static void
test_51_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "5-1", NULL, UNIT_51, "submitted");
  const char *gaps = "{\"fields\": {\"unit_name\": \"赵县恒达建材有限公司\", \"unit_credit_code\": \"91130133MA0A1B2C3X\","
                     " \"contact_mobile\": \"1393110000\", \"founded_on\": \"@today+3\"},"
                     " \"materials\": [{\"id\": \"reg_form\", \"original\": true}]}";
  const char *all_gaps = "credit_code.checksum@unit_credit_code mobile.invalid@contact_mobile"
                         " field.date_range@founded_on field.required@contact_name"
                         " material.missing@unit_proof material.seal_required@reg_form";
  static const E2eStep notice = { "clerk_zx", "notify_incomplete", NULL, "awaiting_correction", "one_time_notice", NULL };
  static const E2eStep withdraw = { "chief_zx", "withdraw", "{\"reason\": \"申请人单位尚未取得营业执照，撤回申请\"}",
                                    "withdrawn", NULL, NULL };
  E2eStep step = notice;

  e2e_refused (c, "clerk_zx", "accept", gaps, 400, all_gaps);
  step.body = gaps;
  e2e_step (c, &step);
  e2e_assert_notice (c, all_gaps);
  e2e_refused (c, "settlement_zx", "accept", COMPLETE_51, 403, "action.role@");
  e2e_refused (c, "city_sjz", "accept", COMPLETE_51, 403, "action.role@");
  e2e_refused (c, "chief_zx", "review", NULL, 409, "action.not_from_state@");
  e2e_refused (c, "clerk_zx", "refuse", NULL, 400, "reason.required@reason");
  e2e_refused (c, "clerk_zx", "refuse", "{\"reason\": \"  \"}", 400, "reason.required@reason");
  e2e_step (c, &withdraw);
  e2e_assert_closed (c);
  e2e_refused (c, "clerk_zx", "accept", COMPLETE_51, 409, "action.not_from_state@");
}

/* ------------------------------------------------------------------------------ 5-2 */

#define PERSON_52 "{\"kind\": \"person\", \"name\": \"王建军\", \"id_number\": \"130133198507040019\", \"phone\": \"13931100002\"}"
#define FIELDS_52(type) "\"fields\": {\"applicant_name\": \"王建军\", \"applicant_id\": \"130133198507040019\"," \
                        " \"applicant_mobile\": \"13931100002\", \"registration_type\": \"" type "\", \"effective_on\": \"@today\"}"
#define FLEXIBLE_52 "{\"material_set\": \"flexible\", " FIELDS_52 ("灵活就业人员参保") ", \"materials\":" \
                    " [{\"id\": \"id_card\", \"original\": true}, {\"id\": \"reg_form_flexible\", \"original\": true}]}"
#define IN_SERVICE_MATERIALS "[{\"id\": \"reg_form\", \"original\": true, \"sealed\": true}, {\"id\": \"id_copy\", \"copy\": true}]"

/* Flexible employment: done on the spot, still reviewed by a second person. */
static const E2eStep walk_52[] = {
  { "clerk_zx", "accept", FLEXIBLE_52, "accepted", "acceptance_notice", "+handling=spot" },
  { "clerk2_zx", "review", NULL, "done", "contribution_declaration", "-handling" },
};

static void
test_52 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "5-2", "flexible", PERSON_52, "submitted");

  E2E_WALK (c, walk_52);
  e2e_assert_closed (c);
}

static void
test_52_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "5-2", "in_service", PERSON_52, "submitted");
  static const E2eStep accept = {
    "clerk_zx", "accept", "{\"material_set\": \"in_service\", " FIELDS_52 ("增加") ", \"materials\": " IN_SERVICE_MATERIALS "}",
    "accepted", "acceptance_notice", "+handling=wd5" };
  static const E2eStep returned = { "chief_zx", "return", "{\"reason\": \"该职工已在其他单位参保，不得重复登记\"}",
                                    "returned", "refusal_notice", "-handling" };

  /* without the 情形 the required materials are unknown */
  e2e_refused (c, "clerk_zx", "accept", "{" FIELDS_52 ("增加") ", \"materials\": " IN_SERVICE_MATERIALS "}",
               400, "material_set.required@material_set");
  /* the in-service papers do not make a flexible-employment application */
  e2e_refused (c, "clerk_zx", "accept",
               "{\"material_set\": \"flexible\", " FIELDS_52 ("灵活就业人员参保") ", \"materials\": " IN_SERVICE_MATERIALS "}",
               400, "material.missing@id_card material.missing@reg_form_flexible"
                    " material.not_in_set@reg_form material.not_in_set@id_copy");
  e2e_refused (c, "clerk_zx", "accept",
               "{\"material_set\": \"in_service\", " FIELDS_52 ("调入") ", \"materials\": " IN_SERVICE_MATERIALS "}",
               400, "field.choice@registration_type");
  e2e_step (c, &accept);
  /* the review, or a return, is another person's */
  e2e_refused (c, "clerk_zx", "return", "{\"reason\": \"重复参保\"}", 400, "action.distinct@");
  e2e_refused (c, "chief_zx", "return", NULL, 400, "reason.required@reason");
  e2e_step (c, &returned);
  e2e_assert_closed (c);
}

/* ------------------------------------------------------------------------------ 5-3 */

#define PERSON_53 "{\"kind\": \"person\", \"name\": \"张小宝\", \"id_number\": \"130133201801010050\", \"phone\": \"13931100003\"}"
#define FIELDS_53 "\"fields\": {\"applicant_name\": \"张小宝\", \"applicant_id\": \"130133201801010050\"," \
                  " \"applicant_mobile\": \"13931100003\", \"matters\": \"城乡居民参保（少儿）\"}"
#define COMPLETE_53 "{" FIELDS_53 ", \"materials\": [{\"id\": \"id_card\", \"original\": true}," \
                    " {\"id\": \"reg_form\", \"original\": true}, {\"id\": \"pledge\", \"original\": true}]}"

static const E2eStep walk_53[] = {
  { "clerk2_zx", "accept", COMPLETE_53, "accepted", "acceptance_notice", "+handling=spot" },
  { "chief_zx", "review", NULL, "done", NULL, "-handling" },
};

static void
test_53 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk2_zx", "5-3", NULL, PERSON_53, "submitted");

  E2E_WALK (c, walk_53);
  e2e_assert_closed (c);
}

/* One notice with every gap; a resubmission short of one listed item; 无极县 has no 5-3. */
static void
test_53_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk2_zx", "5-3", NULL, PERSON_53, "submitted");
  static const E2eStep notice = {
    "clerk2_zx", "notify_incomplete", "{" FIELDS_53 ", \"materials\": [{\"id\": \"id_card\", \"copy\": true}]}",
    "awaiting_correction", "one_time_notice", NULL };
  static const E2eStep again = {
    "clerk2_zx", "notify_incomplete", "{" FIELDS_53 ", \"materials\": [{\"id\": \"id_card\", \"original\": true},"
    " {\"id\": \"reg_form\", \"original\": true}]}", "awaiting_correction", "one_time_notice", NULL };
  static const E2eStep withdraw = { "clerk2_zx", "withdraw", "{\"reason\": \"申请人改为随父母在外地参保\"}",
                                    "withdrawn", NULL, NULL };

  e2e_step (c, &notice);
  e2e_assert_notice (c, "material.original_required@id_card material.missing@reg_form material.missing@pledge");
  /* still short of the pledge, which the notice listed: no acceptance, no breach */
  e2e_refused (c, "clerk2_zx", "accept", again.body, 400, "material.missing@pledge");
  e2e_step (c, &again);
  e2e_assert_notice (c, "material.missing@pledge");
  e2e_refused (c, "clerk2_zx", "withdraw", NULL, 400, "reason.required@reason");
  e2e_step (c, &withdraw);
  e2e_assert_closed (c);
  {
    g_autoptr(YbtResponse) r = e2e_request ("clerk_wj", "POST", "/api/v1/cases",
                                            "{\"item\": \"5-3\", \"party\": " PERSON_53 "}");
    g_assert_cmpuint (r->status, ==, 404);
  }
}

/* ------------------------------------------------------------------------------ 5-4 */

#define UNIT_54 "{\"kind\": \"unit\", \"name\": \"赵县通达物流有限公司\", \"id_number\": \"91130133MA0C0D0E17\", \"phone\": \"13931100004\"}"
#define COMPLETE_54 "{\"fields\": {\"unit_name\": \"赵县通达物流有限公司\", \"unit_credit_code\": \"91130133MA0C0D0E17\"," \
                    " \"contact_name\": \"周出纳\", \"contact_mobile\": \"13931100004\", \"matters\": \"单位地址变更为赵县永通路6号\"}," \
                    " \"materials\": [{\"id\": \"change_form\", \"original\": true, \"sealed\": true}]}"

static const E2eStep walk_54[] = {
  { "clerk_zx", "accept", COMPLETE_54, "accepted", "acceptance_notice", "+handling=spot" },
  { "chief_zx", "review", "{\"fields\": {\"receipt_signer\": \"刘专管\", \"archive_no\": \"ZX-DW-2026-0107\"}}",
    "done", NULL, "-handling" },
};

static void
test_54 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "5-4", NULL, UNIT_54, "submitted");

  E2E_WALK (c, walk_54);
  e2e_assert_closed (c);
}

static void
test_54_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "5-4", NULL, UNIT_54, "submitted");
  static const E2eStep returned = { "chief_zx", "return", "{\"reason\": \"变更登记表所填地址与营业执照不一致\"}",
                                    "returned", "refusal_notice", "-handling" };

  e2e_refused (c, "clerk_zx", "accept",
               "{\"fields\": {\"unit_name\": \"赵县通达物流有限公司\", \"unit_credit_code\": \"91130133MA0C0D0E17\","
               " \"contact_name\": \"周出纳\", \"contact_mobile\": \"13931100004\", \"matters\": \"地址变更\"},"
               " \"materials\": [{\"id\": \"change_form\", \"copy\": true}]}",
               400, "material.seal_required@change_form material.original_required@change_form");
  e2e_step (c, &walk_54[0]);
  /* the same clerk, and without the 专管员's signature: both problems at once */
  e2e_refused (c, "clerk_zx", "review", NULL, 400, "action.distinct@ field.required@receipt_signer");
  e2e_refused (c, "settlement_zx", "review", "{\"fields\": {\"receipt_signer\": \"刘专管\"}}", 403, "action.role@");
  e2e_refused (c, "chief_zx", "return", NULL, 400, "reason.required@reason");
  e2e_step (c, &returned);
  e2e_assert_closed (c);
}

/* ------------------------------------------------------------------------------ 5-5 */

#define PERSON_55 "{\"kind\": \"person\", \"name\": \"刘志刚\", \"id_number\": \"130133197801120031\", \"phone\": \"13931100005\"}"
#define FIELDS_55(id) "\"fields\": {\"applicant_name\": \"刘志刚\", \"applicant_id\": \"" id "\"," \
                      " \"unit_name\": \"赵县恒达建材有限公司\", \"unit_credit_code\": \"91130133MA0A1B2C3T\"," \
                      " \"matters\": \"更正出生日期（关键信息）\"}"

static const E2eStep walk_55[] = {
  { "clerk_zx", "accept", "{\"material_set\": \"key_info\", " FIELDS_55 ("130133197801120031") ", \"materials\":"
    " [{\"id\": \"e_voucher\"}, {\"id\": \"change_form_sealed\", \"original\": true, \"sealed\": true}]}",
    "accepted", "acceptance_notice", "+handling=spot" },
  { "clerk2_zx", "review", NULL, "done", NULL, "-handling" },
};

static void
test_55 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "5-5", "key_info", PERSON_55, "submitted");

  E2E_WALK (c, walk_55);
  e2e_assert_closed (c);
}

static void
test_55_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "5-5", "key_info", PERSON_55, "submitted");
  static const E2eStep refuse = { "clerk_zx", "refuse", "{\"reason\": \"出生日期更正须先到公安机关变更户籍信息\"}",
                                  "refused", "refusal_notice", NULL };

  /* two of the three identity papers where one is asked for; a key change without the seal */
  e2e_refused (c, "clerk_zx", "accept", "{\"material_set\": \"key_info\", " FIELDS_55 ("130133197801120031") ","
               " \"materials\": [{\"id\": \"id_card\"}, {\"id\": \"ss_card\"}, {\"id\": \"change_form_sealed\", \"original\": true}]}",
               400, "material.duplicate@identity material.seal_required@change_form_sealed");
  /* the key-change form under the ordinary 情形, and a wrong ID check digit */
  e2e_refused (c, "clerk_zx", "accept", "{\"material_set\": \"ordinary\", " FIELDS_55 ("130133197801120032") ","
               " \"materials\": [{\"id\": \"e_voucher\"}, {\"id\": \"change_form_sealed\", \"original\": true, \"sealed\": true}]}",
               400, "id.checksum@applicant_id material.missing@change_form material.not_in_set@change_form_sealed");
  /* nothing is missing, so there is nothing to notify */
  e2e_refused (c, "clerk_zx", "notify_incomplete", walk_55[0].body, 400, "materials.complete@");
  e2e_step (c, &refuse);
  e2e_assert_closed (c);
}

/* ------------------------------------------------------------------------------ 5-6 */

#define PERSON_56 "{\"kind\": \"person\", \"name\": \"李秀英\", \"id_number\": \"11010519491231002X\", \"phone\": \"13931100006\"}"
#define FIELDS_56 "\"fields\": {\"applicant_name\": \"李秀英\", \"applicant_id\": \"11010519491231002X\"," \
                  " \"applicant_mobile\": \"13931100006\", \"matters\": \"变更联系电话\"}"
#define COMPLETE_56 "{" FIELDS_56 ", \"materials\": [{\"id\": \"id_card\", \"original\": true}," \
                    " {\"id\": \"change_form\", \"original\": true}]}"

static const E2eStep walk_56[] = {
  { "clerk2_zx", "notify_incomplete", "{" FIELDS_56 ", \"materials\": [{\"id\": \"id_card\", \"original\": true}]}",
    "awaiting_correction", "one_time_notice", NULL },
  { "clerk2_zx", "accept", COMPLETE_56, "accepted", "acceptance_notice", "+handling=spot" },
  { "chief_zx", "review", NULL, "done", NULL, "-handling" },
};

static void
test_56 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk2_zx", "5-6", NULL, PERSON_56, "submitted");

  e2e_step (c, &walk_56[0]);
  e2e_assert_notice (c, "material.missing@change_form");
  e2e_step (c, &walk_56[1]);
  e2e_step (c, &walk_56[2]);
  e2e_assert_closed (c);
}

static void
test_56_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk2_zx", "5-6", NULL, PERSON_56, "submitted");
  static const E2eStep returned = { "clerk_zx", "return", "{\"reason\": \"申请人非本县城乡居民参保人员\"}",
                                    "returned", "refusal_notice", "-handling" };

  e2e_step (c, &walk_56[1]);
  e2e_refused (c, "clerk2_zx", "review", NULL, 400, "action.distinct@");
  e2e_refused (c, "leader_zx", "review", NULL, 403, "action.role@");
  e2e_refused (c, "clerk_zx", "accept", COMPLETE_56, 409, "action.not_from_state@");
  e2e_step (c, &returned);
  e2e_assert_closed (c);
}

/* ------------------------------------------------------------------------------ 无极县 5-1 */

#define UNIT_WJ "{\"kind\": \"unit\", \"name\": \"无极县宏远纺织有限公司\", \"id_number\": \"91110000600037341L\", \"phone\": \"13931100007\"}"

static const E2eStep walk_wj_51[] = {
  { "clerk_wj", "accept", "{\"fields\": {\"unit_name\": \"无极县宏远纺织有限公司\", \"unit_credit_code\": \"91110000600037341L\","
    " \"contact_name\": \"赵经理\", \"contact_mobile\": \"13931100007\", \"founded_on\": \"@today-3\"},"
    " \"materials\": [{\"id\": \"approval_doc\", \"copy\": true}, {\"id\": \"reg_form\", \"original\": true, \"sealed\": true}]}",
    "accepted", "acceptance_notice", "+handling=wd5" },
  { "chief_wj", "review", NULL, "done", "contribution_declaration", "-handling" },
};

/* Serials are 无极's own (无极医保受〔year〕0001号); 赵县 staff neither see nor touch it. */
static void
test_wj_51 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_wj", "5-1", NULL, UNIT_WJ, "submitted");
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT, c->id);

  e2e_step (c, &walk_wj_51[0]);
  {
    g_autoptr(YbtResponse) seen = e2e_request ("clerk_zx", "GET", path, NULL);
    g_autoptr(YbtResponse) acted = e2e_act (c, "chief_zx", "review", NULL);
    g_assert_cmpuint (seen->status, ==, 404);
    g_assert_cmpuint (acted->status, ==, 404);
  }
  e2e_step (c, &walk_wj_51[1]);
  e2e_assert_closed (c);
}

int
main (int   argc,
      char *argv[])
{
  e2e_init (&argc, &argv);
  g_test_add_func ("/e2e/5-1", test_51);
  g_test_add_func ("/e2e/5-1-bad", test_51_bad);
  g_test_add_func ("/e2e/5-2", test_52);
  g_test_add_func ("/e2e/5-2-bad", test_52_bad);
  g_test_add_func ("/e2e/5-3", test_53);
  g_test_add_func ("/e2e/5-3-bad", test_53_bad);
  g_test_add_func ("/e2e/5-4", test_54);
  g_test_add_func ("/e2e/5-4-bad", test_54_bad);
  g_test_add_func ("/e2e/5-5", test_55);
  g_test_add_func ("/e2e/5-5-bad", test_55_bad);
  g_test_add_func ("/e2e/5-6", test_56);
  g_test_add_func ("/e2e/5-6-bad", test_56_bad);
  g_test_add_func ("/e2e/130130-5-1", test_wj_51);
  return e2e_run ();
}
