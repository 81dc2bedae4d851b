/* test-e2e-window.c: the service-hall items of 医保中心 end to end: 6-2 and 6-3 queries,
 * 6-4 personal account withdrawal, 6-6 relation transfer (certificate, out, in from
 * another province), 6-8 out-of-area filing.
 *
 * DOMAIN §5: queries identify by ID or card and print; 6-4 accept → 清户 → pay within 15
 * working days; 6-6 certificate on the spot, transfer out 10 working days, receiving side
 * 5, a 联系函 to the former agency of another province; 6-8 check identity and enrollment,
 * eligible → filed, not → refused with the reason and the route to take. */
#include "e2e.h"

/* ------------------------------------------------------------------------------ 6-2 */

#define UNIT_62 "{\"kind\": \"unit\", \"name\": \"赵县恒达建材有限公司\", \"id_number\": \"91130133MA0A1B2C3T\"}"
#define FIELDS_62(agent_id) "\"fields\": {\"unit_name\": \"赵县恒达建材有限公司\", \"unit_credit_code\": \"91130133MA0A1B2C3T\"," \
                            " \"agent_name\": \"李会计\", \"agent_id\": \"" agent_id "\""
#define ISSUE_62 "{" FIELDS_62 ("130133199203150029") ", \"printed\": true}, \"materials\": [{\"id\": \"id_card\", \"original\": true}]}"

static const E2eStep walk_62[] = {
  { "clerk_zx", "notify_incomplete", "{" FIELDS_62 ("130133199203150028") "}, \"materials\": []}",
    "awaiting_correction", "one_time_notice", NULL },
  { "clerk_zx", "issue", ISSUE_62, "done", NULL, NULL },
};

static void
test_62 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-2", NULL, UNIT_62, "submitted");

  e2e_step (c, &walk_62[0]);
  e2e_assert_notice (c, "id.checksum@agent_id material.missing@identity");
  e2e_step (c, &walk_62[1]);
  e2e_assert_closed (c);
}

static void
test_62_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-2", NULL, UNIT_62, "submitted");
  static const E2eStep refuse = { "clerk_zx", "refuse", "{\"reason\": \"该单位在本县无参保记录\"}",
                                  "refused", "refusal_notice", NULL };

  e2e_refused (c, "clerk_zx", "issue", "{" FIELDS_62 ("130133199203150029") "}}", 400, "material.missing@identity");
  e2e_refused (c, "settlement_zx", "issue", ISSUE_62, 403, "action.role@");
  e2e_refused (c, "clerk_zx", "refuse", NULL, 400, "reason.required@reason");
  e2e_step (c, &refuse);
  e2e_assert_closed (c);
}

/* ------------------------------------------------------------------------------ 6-3 */

#define PERSON_63 "{\"kind\": \"person\", \"name\": \"刘志刚\", \"id_number\": \"130133197801120031\"}"
#define FIELDS_63 "\"fields\": {\"applicant_name\": \"刘志刚\", \"applicant_id\": \"130133197801120031\", \"printed\": true}"
#define ISSUE_63 "{" FIELDS_63 ", \"materials\": [{\"id\": \"ss_card\"}]}"

static const E2eStep walk_63[] = {
  { "clerk2_zx", "issue", ISSUE_63, "done", NULL, NULL },
};

static void
test_63 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk2_zx", "6-3", NULL, PERSON_63, "submitted");

  E2E_WALK (c, walk_63);
  e2e_assert_closed (c);
}

static void
test_63_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk2_zx", "6-3", NULL, PERSON_63, "submitted");
  static const E2eStep refuse = { "chief_zx", "refuse", "{\"reason\": \"本人身份证件与参保登记信息不符\"}",
                                  "refused", "refusal_notice", NULL };

  e2e_refused (c, "leader_zx", "issue", ISSUE_63, 403, "action.role@");
  e2e_refused (c, "city_sjz", "issue", ISSUE_63, 403, "action.role@");
  e2e_refused (c, "clerk2_zx", "withdraw", "{\"reason\": \"不查了\"}", 409, "action.not_from_state@");
  e2e_refused (c, "clerk2_zx", "issue", "{" FIELDS_63 ", \"materials\": [{\"id\": \"id_card\"}, {\"id\": \"ss_card\"}]}",
               400, "material.duplicate@identity");
  e2e_step (c, &refuse);
  e2e_assert_closed (c);
}

/* ------------------------------------------------------------------------------ 6-4 */

#define PERSON_64 "{\"kind\": \"person\", \"name\": \"陈桂芝\", \"id_number\": \"13013319600820004X\", \"phone\": \"13931100011\"}"
#define FIELDS_64(reason) "\"fields\": {\"applicant_name\": \"陈桂芝\", \"applicant_id\": \"13013319600820004X\"," \
                          " \"applicant_mobile\": \"13931100011\", \"withdrawal_reason\": \"" reason "\""
#define MATERIALS_64 "\"materials\": [{\"id\": \"ss_card\"}, {\"id\": \"withdraw_form\", \"original\": true}]"
#define CLEAR_64(balance, payee) "{\"fields\": {\"balance\": " balance ", \"payee\": \"" payee "\"," \
                                 " \"payee_account_name\": \"陈桂芝\", \"payee_bank\": \"中国农业银行赵县支行\"," \
                                 " \"payee_account_no\": \"6228480000000000017\"}}"
#define PAY_64(amount) "{\"fields\": {\"paid_amount\": " amount ", \"paid_on\": \"@today\", \"payment_reference\": \"ZF20261125001\"}}"

static const E2eStep walk_64[] = {
  { "clerk_zx", "accept", "{" FIELDS_64 ("出国（境）定居") "}, " MATERIALS_64 "}", "accepted", "acceptance_notice", "+handling=wd15" },
  { "chief_zx", "clear_account", CLEAR_64 ("1234567", "个人账户"), "awaiting_payment", "withdrawal_receipt", NULL },
  { "settlement_zx", "pay", PAY_64 ("1234567"), "done", NULL, "-handling" },
};

static void
test_64 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-4", NULL, PERSON_64, "submitted");

  E2E_WALK (c, walk_64);
  e2e_assert_closed (c);
}

/* Review by another person, settlement sends it back, the review returns it. */
static void
test_64_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-4", NULL, PERSON_64, "submitted");
  static const E2eStep back = { "settlement_zx", "settlement_return", "{\"reason\": \"收款账户户名与申请人不符\"}",
                                "accepted", NULL, NULL };
  static const E2eStep returned = { "chief_zx", "return", "{\"reason\": \"申请人仍在职参保，不符合一次性支取条件\"}",
                                    "returned", "refusal_notice", "-handling" };

  e2e_step (c, &walk_64[0]);
  e2e_refused (c, "clerk_zx", "clear_account", CLEAR_64 ("1234567", "个人账户"), 400, "action.distinct@");
  e2e_refused (c, "chief_zx", "clear_account", CLEAR_64 ("-1", "现金"), 400, "field.range@balance field.choice@payee");
  e2e_step (c, &walk_64[1]);
  e2e_refused (c, "clerk_zx", "pay", PAY_64 ("1234567"), 403, "action.role@");
  e2e_refused (c, "settlement_zx", "settlement_return", NULL, 400, "reason.required@reason");
  e2e_step (c, &back);
  e2e_refused (c, "chief_zx", "return", NULL, 400, "reason.required@reason");
  e2e_step (c, &returned);
  e2e_assert_closed (c);
}

/* An heir withdraws for a deceased insured: who the heir is must be on record. */
static void
test_64_heir (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-4", NULL, PERSON_64, "submitted");

  static const E2eStep accept = { "clerk_zx", "accept", "{" FIELDS_64 ("参保人员死亡（继承人支取）") ", \"heir_name\": \"李建国\","
                                  " \"heir_id\": \"130133197801120031\"}, " MATERIALS_64 "}", "accepted", "acceptance_notice",
                                  "+handling=wd15" };

  e2e_refused (c, "clerk_zx", "accept", "{" FIELDS_64 ("参保人员死亡（继承人支取）") "}, " MATERIALS_64 "}",
               400, "field.required@heir_name field.required@heir_id");
  /* the one-time notice lists them too */
  {
    static const E2eStep notice = { "clerk_zx", "notify_incomplete", "{" FIELDS_64 ("参保人员死亡（继承人支取）") "}, "
                                    "\"materials\": [{\"id\": \"ss_card\"}]}", "awaiting_correction", "one_time_notice", NULL };

    e2e_step (c, &notice);
    e2e_assert_notice (c, "field.required@heir_name field.required@heir_id material.missing@withdraw_form");
  }
  e2e_step (c, &accept);
}

/* Settlement pays the balance that was cleared, not more. */
static void
test_64_paid (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-4", NULL, PERSON_64, "submitted");

  E2E_WALK_TO (c, walk_64, 2);
  e2e_refused (c, "settlement_zx", "pay", PAY_64 ("2000000"), 400, "guard.amount_within@paid_amount");
  e2e_refused (c, "settlement_zx", "pay", PAY_64 ("1234568"), 400, "guard.amount_within@paid_amount");
  e2e_step (c, &walk_64[2]);
  e2e_assert_closed (c);
}

/* ------------------------------------------------------------------------------ 6-6 */

#define PERSON_66 "{\"kind\": \"person\", \"name\": \"王建军\", \"id_number\": \"130133198507040019\", \"phone\": \"13931100002\"}"
#define FIELDS_66 "\"applicant_name\": \"王建军\", \"applicant_id\": \"130133198507040019\", \"applicant_mobile\": \"13931100002\""
#define OUT_66(set) "{\"material_set\": \"" set "\", \"fields\": {" FIELDS_66 ", \"destination\": \"北京市朝阳区\"," \
                    " \"stopped_on\": \"@today\"}, \"materials\": [{\"id\": \"e_voucher\"}]}"
#define IN_66(origin, materials) "{\"material_set\": \"transfer_in\", \"fields\": {" FIELDS_66 ", \"origin\": \"" origin "\"," \
                                 " \"origin_agency\": \"济南市医疗保障事业中心\", \"unit_name\": \"赵县恒达建材有限公司\"," \
                                 " \"unit_credit_code\": \"91130133MA0A1B2C3T\"}, \"materials\": " materials "}"
#define IN_MATERIALS "[{\"id\": \"id_card\"}, {\"id\": \"insured_cert\", \"original\": true}, {\"id\": \"transfer_form\", \"original\": true}]"

/* Transfer out: accept, print the certificate, settlement refunds the account. */
static const E2eStep walk_66_out[] = {
  { "clerk_zx", "accept_transfer_out", OUT_66 ("transfer_out"), "out_accepted", "acceptance_notice", "+handling=wd10" },
  { "clerk_zx", "print_transfer_documents", NULL, "out_printed", "insured_certificate", NULL },
  { "settlement_zx", "refund_account", "{\"fields\": {\"refund_amount\": 356700, \"refunded_on\": \"@today\"}}",
    "transferred_out", NULL, "-handling" },
};

static const E2eStep walk_66_certificate[] = {
  { "clerk2_zx", "issue_certificate", "{\"material_set\": \"certificate\", \"fields\": {" FIELDS_66 "},"
    " \"materials\": [{\"id\": \"id_card\"}]}", "certificate_issued", "insured_certificate", NULL },
};

/* From another province: the clock stops while the former agency answers the 联系函. */
static const E2eStep walk_66_in[] = {
  { "clerk_zx", "accept_transfer_in", IN_66 ("外省", IN_MATERIALS), "in_accepted", "acceptance_notice", "+handling=wd5" },
  { "clerk_zx", "send_contact_letter", "{\"fields\": {\"former_agency\": \"济南市医疗保障事业中心\","
    " \"former_agency_address\": \"山东省济南市历下区\", \"sent_on\": \"@today\"}}",
    "awaiting_other_agency", "contact_letter", "-handling" },
  { "clerk_zx", "receive_change_info", "{\"fields\": {\"received_on\": \"@today\"}}", "info_received", NULL, "+handling=wd5" },
  { "clerk_zx", "notify_unit", "{\"fields\": {\"notified_on\": \"@today\"}}", "transferred_in", NULL, "-handling" },
};

static void
test_66 (void)
{
  {
    g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-6", "transfer_out", PERSON_66, "submitted");
    E2E_WALK (c, walk_66_out);
    e2e_assert_closed (c);
  }
  {
    g_autoptr(E2eCase) c = e2e_create ("clerk2_zx", "6-6", "certificate", PERSON_66, "submitted");
    E2E_WALK (c, walk_66_certificate);
    e2e_assert_closed (c);
  }
  {
    g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-6", "transfer_in", PERSON_66, "submitted");
    E2E_WALK (c, walk_66_in);
    e2e_assert_closed (c);
  }
}

static void
test_66_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-6", "transfer_in", PERSON_66, "submitted");
  static const E2eStep returned = { "chief_zx", "return", "{\"reason\": \"原参保地为省内统筹区，应随单位增人直接接续\"}",
                                    "returned", "refusal_notice", "-handling" };

  e2e_refused (c, "clerk_zx", "accept_transfer_in", IN_66 ("国外", "[{\"id\": \"id_card\"}]"), 400,
               "field.choice@origin material.missing@insured_cert material.missing@transfer_form");
  e2e_step (c, &walk_66_in[0]);
  e2e_refused (c, "settlement_zx", "continue_in_province", "{\"fields\": {\"continued_on\": \"@today\"}}", 403, "action.role@");
  e2e_refused (c, "clerk_zx", "send_contact_letter", NULL, 400,
               "field.required@former_agency field.required@former_agency_address field.required@sent_on");
  e2e_refused (c, "clerk_zx", "refund_account", "{\"fields\": {\"refund_amount\": 1, \"refunded_on\": \"@today\"}}", 400,
               "action.not_from_state@ action.role@");
  e2e_refused (c, "chief_zx", "return", NULL, 400, "reason.required@reason");
  e2e_step (c, &returned);
  e2e_assert_closed (c);
}

/* The 情形 chosen must be the one the action handles: a transfer out accepted under
 * "certificate" would run on the certificate's on-the-spot limit instead of 10 days. */
static void
test_66_set (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-6", "transfer_out", PERSON_66, "submitted");

  e2e_refused (c, "clerk_zx", "accept_transfer_out", OUT_66 ("certificate"), 400, "action.material_set@material_set");
  e2e_refused (c, "clerk_zx", "accept_transfer_out", OUT_66 ("transfer_in"), 400,
               "action.material_set@material_set material.missing@insured_cert material.missing@transfer_form");
  e2e_refused (c, "clerk_zx", "issue_certificate", "{\"material_set\": \"transfer_out\", \"fields\": {" FIELDS_66 "},"
               " \"materials\": [{\"id\": \"id_card\"}]}", 400, "action.material_set@material_set");
  e2e_step (c, &walk_66_out[0]);
}

/* ------------------------------------------------------------------------------ 6-8 */

#define PERSON_68 "{\"kind\": \"person\", \"name\": \"陈桂芝\", \"id_number\": \"13013319600820004X\", \"phone\": \"13931100011\"}"
#define FIELDS_68 "\"applicant_name\": \"陈桂芝\", \"applicant_id\": \"13013319600820004X\", \"applicant_mobile\": \"13931100011\""
#define CHECK_68 "{\"fields\": {" FIELDS_68 ", \"insurance_type\": \"职工基本医疗保险\"}, \"materials\": [{\"id\": \"id_card\"}]}"
#define FILE_68(category, region) "{\"fields\": {\"category\": \"" category "\", \"destination\": \"海南省三亚市\"," \
                                  " \"destination_region\": \"" region "\", \"destination_hospital\": \"三亚市人民医院\"," \
                                  " \"valid_from\": \"@today\", \"valid_to\": \"@today+365\"}}"
#define ROUTE_68 "{\"reason\": \"未在三亚市办理居住登记，不属于异地长期居住人员\"," \
                 " \"fields\": {\"route\": \"可按转诊转院人员由定点医院开具转诊证明后备案，或通过河北省医疗保障局微信公众号自助备案\"}}"

static const E2eStep walk_68[] = {
  { "clerk_zx", "check_enrollment", CHECK_68, "checked", NULL, "+handling=spot" },
  { "clerk_zx", "file", FILE_68 ("异地安置退休人员", "460200"), "filed", "offsite_filing_form", "-handling" },
};

static void
test_68 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-8", NULL, PERSON_68, "submitted");

  E2E_WALK (c, walk_68);
  e2e_assert_closed (c);
}

/* A refusal names the reason and the route to take. */
static void
test_68_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-8", NULL, PERSON_68, "submitted");
  static const E2eStep notice = { "clerk_zx", "notify_incomplete", "{\"fields\": {" FIELDS_68 "}}",
                                  "awaiting_correction", "one_time_notice", NULL };
  static const E2eStep refuse = { "chief_zx", "refuse_after_check", ROUTE_68, "refused", "refusal_notice", "-handling" };

  e2e_refused (c, "clerk_zx", "check_enrollment", "{\"fields\": {" FIELDS_68 ", \"insurance_type\": \"职工基本医疗保险\"}}",
               400, "material.missing@identity");
  e2e_step (c, &notice);
  e2e_assert_notice (c, "material.missing@identity");
  e2e_refused (c, "clerk_zx", "refuse", NULL, 400, "reason.required@reason field.required@route");
  e2e_refused (c, "clerk_zx", "refuse_after_check", ROUTE_68, 409, "action.not_from_state@");
  e2e_step (c, &walk_68[0]);
  e2e_refused (c, "chief_zx", "file", FILE_68 ("异地安置退休人员", "460200"), 403, "action.role@");
  e2e_refused (c, "clerk_zx", "file", FILE_68 ("旅游", "4602"), 400, "field.choice@category region.invalid@destination_region");
  e2e_step (c, &refuse);
  e2e_assert_closed (c);
}

int
main (int   argc,
      char *argv[])
{
  e2e_init (&argc, &argv);
  g_test_add_func ("/e2e/6-2", test_62);
  g_test_add_func ("/e2e/6-2-bad", test_62_bad);
  g_test_add_func ("/e2e/6-3", test_63);
  g_test_add_func ("/e2e/6-3-bad", test_63_bad);
  g_test_add_func ("/e2e/6-4", test_64);
  g_test_add_func ("/e2e/6-4-bad", test_64_bad);
  g_test_add_func ("/e2e/6-4-heir", test_64_heir);
  g_test_add_func ("/e2e/6-4-paid", test_64_paid);
  g_test_add_func ("/e2e/6-6", test_66);
  g_test_add_func ("/e2e/6-6-bad", test_66_bad);
  g_test_add_func ("/e2e/6-6-set", test_66_set);
  g_test_add_func ("/e2e/6-8", test_68);
  g_test_add_func ("/e2e/6-8-bad", test_68_bad);
  return e2e_run ();
}
