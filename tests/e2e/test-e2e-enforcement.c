/* test-e2e-enforcement.c: 2-1 sealing, 4-4 audit, 4-5 supervision of agreement
 * management, end to end.
 *
 * DOMAIN §4/§5: 2-1 approved by the head beforehand, or in an emergency carried out and
 * reported within 24 hours with approval back-filled; the party told on the spot and
 * heard, an on-site record, 封存决定书 and 封存清单 (two copies); term 30 days, +30 with
 * approval; lift, end. 4-4 notify 3 days ahead, at least two auditors, no violation:
 * result within 5 working days, violation: opinion served within 10, objection →
 * 复核. 4-5 sampling plan approved by the party group → investigation → proposal (deputy,
 * party group) → report to the city bureau → act on its decision. */
#include "e2e.h"

#define REASON(text) "{\"reason\": \"" text "\"}"
#define TWO(...) "{\"fields\": {" __VA_ARGS__ ", \"second_officer\": @inspector2_zx}}"
#define TWO_BY2(...) "{\"fields\": {" __VA_ARGS__ ", \"second_officer\": @inspector_zx}}"

/* ------------------------------------------------------------------------------ 2-1 */

#define CLINIC "{\"kind\": \"institution\", \"name\": \"赵县康宁诊所\", \"id_number\": \"91130133MA0DQ8R211\"}"
#define SEAL_21(term, informed, extra) "\"party_name\": \"赵县康宁诊所\", \"party_address\": \"赵县城关镇健康路3号\"," \
  " \"party_credit_code\": \"91130133MA0DQ8R211\", \"seal_reason\": \"涉嫌骗取医保基金，收费票据和结算资料可能被转移、隐匿\"," \
  " \"seal_basis\": \"《医疗保障基金使用监督管理条例》第二十七条\", \"term_days\": " term "," \
  " \"sealed_items\": \"2025年门诊收费票据存根12本；医保结算单据3箱\", \"remedies\": \"可于六十日内申请行政复议或六个月内提起行政诉讼\"," \
  " \"sealed_on\": \"@today\", \"party_informed\": " informed ", \"party_statement\": \"对封存无异议\"," \
  " \"custody\": \"本机关保管\", \"list_two_copies\": " informed extra
#define REQUEST_21 "{\"fields\": {\"party_name\": \"赵县康宁诊所\", \"seal_reason\": \"收费票据可能被转移\", \"sealed_items\": \"收费票据存根\"}}"
#define SEALED_DOCS "seal_decision seal_list on_site_record"

static const E2eStep walk_21[] = {
  { "inspector_zx", "request_approval", REQUEST_21, "awaiting_approval", NULL, NULL },
  { "leader_zx", "approve_seal", NULL, "approved", NULL, NULL },
  { "inspector_zx", "seal", TWO (SEAL_21 ("30", "true", "")), "sealed", SEALED_DOCS, "+seal_term=cd30" },
  { "inspector2_zx", "record_custody", "{\"fields\": {\"custody_note\": \"已加贴封条，存放于局档案室\", \"custody_cost\": 0}}",
    "sealed", NULL, NULL },
  { "leader_zx", "extend_term", "{\"reason\": \"案情复杂，需进一步核查\", \"fields\": {\"extra_days\": 30}}", "sealed_extended",
    "seal_extension_notice service_record", "-seal_term +seal_extension=cd30" },
  { "leader_zx", "lift_extended", REASON ("核查完毕，资料已复制取证"), "lifted", "seal_lift_decision service_record", "-seal_extension" },
  { "inspector_zx", "archive", "{\"fields\": {\"archive_no\": \"赵医保封档2026-002\"}}", "archived", NULL, NULL },
};

/* An emergency: sealed on the spot, reported to the head, approval back-filled. The term
 * runs from the sealing (行政强制法 art. 25), here 20 days. */
static const E2eStep walk_21_emergency[] = {
  { "inspector_zx", "emergency_seal", TWO (SEAL_21 ("20", "true", ", \"emergency\": \"当事人正在销毁收费票据\"")),
    "emergency_sealed", SEALED_DOCS, "+seal_term=cd20" },
  { "inspector2_zx", "report_emergency", "{\"fields\": {\"reported_on\": \"@today\", \"reported_to\": @leader_zx}}",
    "awaiting_backfill", NULL, NULL },
  { "leader_zx", "backfill_approval", NULL, "sealed", NULL, NULL },
  { "leader_zx", "lift", REASON ("已调取复制件，无需继续封存"), "lifted", "seal_lift_decision service_record", "-seal_term" },
  { "chief_zx", "archive", NULL, "archived", NULL, NULL },
};

static void
test_21 (void)
{
  {
    g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "2-1", NULL, CLINIC, "proposed");
    E2E_WALK (c, walk_21);
    e2e_assert_closed (c);
  }
  {
    g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "2-1", NULL, CLINIC, "proposed");
    E2E_WALK (c, walk_21_emergency);
    e2e_assert_closed (c);
  }
}

static void
test_21_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "2-1", NULL, CLINIC, "proposed");
  static const E2eStep cancel = { "chief_zx", "cancel", REASON ("当事人已主动提交全部资料"), "cancelled", NULL, NULL };

  e2e_refused (c, "clerk_zx", "request_approval", REQUEST_21, 403, "action.role@");
  e2e_step (c, &walk_21[0]);
  e2e_refused (c, "inspector2_zx", "approve_seal", NULL, 403, "action.role@");
  e2e_refused (c, "leader_zx", "refuse_seal", NULL, 400, "reason.required@reason");
  e2e_step (c, &walk_21[1]);
  /* alone, for 31 days, without saying whether the party was told */
  e2e_refused (c, "inspector_zx", "seal", "{\"fields\": {" SEAL_21 ("31", "null", "") "}}", 400,
               "officers.second_missing@second_officer field.range@term_days"
               " field.required@party_informed field.required@list_two_copies");
  e2e_refused (c, "inspector_zx", "seal", "{\"fields\": {" SEAL_21 ("30", "true", "") ", \"second_officer\": @leader_zx}}", 400,
               "officers.second_role@second_officer");
  e2e_step (c, &cancel);
  e2e_assert_closed (c);
  e2e_refused (c, "inspector_zx", "archive", NULL, 409, "action.not_from_state@");
}

/* The term is the one decided (1–30 days), not always 30. */
static void
test_21_term (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "2-1", NULL, CLINIC, "proposed");
  static const E2eStep seal = { "inspector_zx", "seal", TWO (SEAL_21 ("10", "true", "")), "sealed", SEALED_DOCS,
                                "+seal_term=cd10" };
  /* an extension of 12 days runs 12 days from its approval */
  static const E2eStep extend = { "leader_zx", "extend_term", "{\"reason\": \"案情复杂\", \"fields\": {\"extra_days\": 12}}",
                                  "sealed_extended", "seal_extension_notice service_record", "-seal_term +seal_extension=cd12" };

  E2E_WALK_TO (c, walk_21, 2);
  e2e_step (c, &seal);
  e2e_step (c, &extend);
}

/* 行政强制法 art. 25: the term runs from the sealing, also when it was an emergency. */
static void
test_21_emergency_term (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "2-1", NULL, CLINIC, "proposed");

  g_autofree char *due = e2e_due ("cd20");

  e2e_step (c, &walk_21_emergency[0]);
  g_assert_cmpstr (e2e_running_due (c, "seal_term"), ==, due);
  /* reported to the head (a leader), not before the sealing */
  e2e_refused (c, "inspector2_zx", "report_emergency", "{\"fields\": {\"reported_on\": \"@today-1\", \"reported_to\": @leader_zx}}",
               400, "field.date_range@reported_on");
  e2e_refused (c, "inspector2_zx", "report_emergency", "{\"fields\": {\"reported_on\": \"@today\", \"reported_to\": @chief_zx}}",
               400, "field.user_role@reported_to");
  e2e_step (c, &walk_21_emergency[1]);
  g_assert_cmpstr (e2e_running_due (c, "seal_term"), ==, due);
}

/* The party is told on the spot, and the list is made in two copies (行政强制法 arts. 18, 24). */
static void
test_21_informed (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "2-1", NULL, CLINIC, "proposed");

  E2E_WALK_TO (c, walk_21, 2);
  e2e_refused (c, "inspector_zx", "seal", TWO (SEAL_21 ("30", "false", "")), 400,
               "field.must_equal@party_informed field.must_equal@list_two_copies");
  e2e_step (c, &walk_21[2]);
}

/* ------------------------------------------------------------------------------ 4-4 */

#define UNIT_44 "{\"kind\": \"unit\", \"name\": \"赵县恒达建材有限公司\", \"id_number\": \"91130133MA0A1B2C3T\"}"
#define NOTICE_44(day) "{\"fields\": {\"unit_name\": \"赵县恒达建材有限公司\", \"unit_credit_code\": \"91130133MA0A1B2C3T\"," \
                       " \"scope\": \"2025年度职工人数、工资总额及缴费基数\", \"audit_on\": \"" day "\"}}"
#define START_44 TWO ("\"no_conflict\": true")
#define CONCLUDE_44 TWO ("\"violations\": \"少报缴费基数\", \"amount_due\": 860000")

/* A violation, an objection, a revised conclusion, recovery. */
static const E2eStep walk_44[] = {
  { "chief_zx", "issue_audit_notice", NOTICE_44 ("@today+3"), "notified", "audit_notice", NULL },
  { "inspector_zx", "start_audit", START_44, "auditing", NULL, NULL },
  { "inspector2_zx", "review_records", TWO_BY2 ("\"findings\": \"工资表与申报基数相差43万元\""), "auditing", NULL, NULL },
  { "inspector_zx", "conclude_violation", CONCLUDE_44, "concluded_violation", NULL, "+opinion=wd10" },
  { "chief_zx", "issue_finding", "{\"fields\": {\"service_method\": \"直接送达\", \"served_on\": \"@today\"}}", "finding_served",
    "audit_finding_notice service_record", "-opinion" },
  { "inspector_zx", "object", REASON ("单位提交补充工资凭证"), "recheck", NULL, NULL },
  { "chief_zx", "recheck_revise", "{\"reason\": \"部分为劳务费，核减\", \"fields\": {\"amount_due\": 720000}}",
    "findings_final", NULL, NULL },
  { "chief_zx", "issue_result", "{\"fields\": {\"result\": \"应补缴7200.00元\", \"amount_due\": 720000, \"pay_due\": \"@today+15\"}}",
    "result_issued", "audit_result_notice", NULL },
  { "inspector_zx", "serve", TWO ("\"service_method\": \"直接送达\", \"served_on\": \"@today\""), "served", "service_record", NULL },
  { "settlement_zx", "execute", "{\"fields\": {\"recovered_amount\": 720000, \"executed_on\": \"@today\"}}", "executed", NULL, NULL },
  { "inspector2_zx", "archive", NULL, "archived", NULL, NULL },
};

static const E2eStep walk_44_clean[] = {
  { "inspector_zx", "issue_audit_notice", NOTICE_44 ("@today+5"), "notified", "audit_notice", NULL },
  { "inspector2_zx", "start_audit", TWO_BY2 ("\"no_conflict\": true"), "auditing", NULL, NULL },
  { "inspector2_zx", "conclude_clean", "{\"fields\": {\"second_officer\": @inspector_zx}}", "concluded_clean", NULL,
    "+result_clean=wd5" },
  { "inspector_zx", "issue_clean_result", NULL, "closed_clean", "audit_result_notice service_record", "-result_clean" },
};

static void
test_44 (void)
{
  {
    g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-4", NULL, UNIT_44, "selected");
    E2E_WALK (c, walk_44);
    e2e_assert_closed (c);
  }
  {
    g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "4-4", NULL, UNIT_44, "selected");
    E2E_WALK (c, walk_44_clean);
    e2e_assert_closed (c);
  }
}

static void
test_44_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-4", NULL, UNIT_44, "selected");
  static const E2eStep stop = { "chief_zx", "stop_benefits", "{\"reason\": \"退休人员已死亡仍在领取待遇\", \"fields\":"
                                " {\"person_name\": \"李秀英\", \"person_id\": \"11010519491231002X\", \"stopped_on\": \"@today\","
                                " \"repay_amount\": 126000}}", "auditing", NULL, NULL };
  static const E2eStep clear = { "chief_zx", "recheck_clear", REASON ("补充凭证证明缴费基数无误"), "closed_clean",
                                 "audit_result_notice", NULL };

  e2e_refused (c, "chief_zx", "issue_audit_notice", NOTICE_44 ("@today-1"), 400, "field.date_range@audit_on");
  e2e_step (c, &walk_44[0]);
  e2e_refused (c, "chief_zx", "cancel", NULL, 400, "reason.required@reason");
  e2e_refused (c, "inspector_zx", "start_audit", "{\"fields\": {}}", 400,
               "officers.second_missing@second_officer field.required@no_conflict");
  e2e_step (c, &walk_44[1]);
  e2e_refused (c, "chief_zx", "recuse", NULL, 400, "reason.required@reason field.required@recused_user");
  e2e_step (c, &stop);
  e2e_step (c, &walk_44[3]);
  e2e_step (c, &walk_44[4]);
  e2e_refused (c, "chief_zx", "recheck_uphold", REASON ("维持"), 409, "action.not_from_state@");
  e2e_step (c, &walk_44[5]);
  e2e_refused (c, "chief_zx", "recheck_clear", NULL, 400, "reason.required@reason");
  e2e_step (c, &clear);
  e2e_assert_closed (c);
}

/* Notified 3 days ahead. */
static void
test_44_notice_days (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-4", NULL, UNIT_44, "selected");

  e2e_refused (c, "chief_zx", "issue_audit_notice", NOTICE_44 ("@today"), 400, "field.date_range@audit_on");
  e2e_refused (c, "chief_zx", "issue_audit_notice", NOTICE_44 ("@today+2"), 400, "field.date_range@audit_on");
  e2e_step (c, &walk_44[0]);
}

/* A case closed by a transfer leaves no deadline running. */
static void
test_44_transfer (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-4", NULL, UNIT_44, "selected");
  static const E2eStep transfer = { "leader_zx", "transfer_judicial", "{\"reason\": \"涉嫌伪造工资凭证\","
                                    " \"fields\": {\"receiving_organ\": \"赵县公安局\"}}", "transferred", NULL, "-opinion" };

  E2E_WALK_TO (c, walk_44, 4);
  e2e_step (c, &transfer);
  g_assert_null (e2e_running_due (c, "opinion"));
  e2e_assert_closed (c);
}

/* ------------------------------------------------------------------------------ 4-5 */

#define PHARMACY "{\"kind\": \"institution\", \"name\": \"赵县仁和大药房\", \"id_number\": \"91130133MA0C0D0E17\"}"
#define MINOR "情节轻微且已改正（整改报告报备）"
#define CANCEL "取消定点资格"
#define KEEP "纳入医保定点（持续符合）"
#define PROPOSE_45(outcome) "{\"fields\": {\"outcome\": \"" outcome "\", \"reasons\": \"抽检发现药师不在岗2次\"}}"
#define MEETING "{\"fields\": {\"meeting_on\": \"@today\", \"minutes_no\": \"赵医保党纪〔2026〕12号\"}}"

static const E2eStep walk_45[] = {
  { "chief_zx", "draft_plan", "{\"fields\": {\"institutions\": \"2026年新纳入定点的3家药店\", \"plan\": \"随机抽取，专家现场核查\"}}",
    "plan_drafted", NULL, NULL },
  { "leader_zx", "approve_plan", MEETING, "plan_approved", NULL, NULL },
  { "inspector_zx", "investigate", TWO ("\"method\": \"组织专家\", \"findings\": \"执业药师2次不在岗\""), "investigating", NULL, NULL },
  { "inspector2_zx", "submit_report", "{\"fields\": {\"report\": \"基本符合定点条件，存在轻微问题\"}}", "reported", NULL, NULL },
  { "chief_zx", "propose_handling", PROPOSE_45 (MINOR), "proposed", NULL, NULL },
  { "leader2_zx", "deputy_review", NULL, "deputy_reviewed", NULL, NULL },
  { "leader_zx", "party_group_approve", MEETING, "approved", NULL, NULL },
  { "chief_zx", "report_to_city", "{\"fields\": {\"reported_on\": \"@today\"}}", "awaiting_city", NULL, NULL },
  { "chief_zx", "city_decision", "{\"fields\": {\"outcome\": \"" MINOR "\", \"city_document_no\": \"石医保函〔2026〕88号\"}}",
    "city_decided", NULL, NULL },
  { "chief_zx", "require_correction_report", "{\"fields\": {\"correction_due\": \"@today+30\"}}", "awaiting_correction_report",
    "correction_order", NULL },
  { "chief_zx", "file_correction_report", "{\"fields\": {\"filed_on\": \"@today\"}}", "corrected", NULL, NULL },
};

static void
test_45 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-5", NULL, PHARMACY, "centre_reported");

  E2E_WALK (c, walk_45);
  e2e_assert_closed (c);
}

/* A plan sent back, the proposal returned, the city returns it, designation cancelled. */
static void
test_45_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-5", NULL, PHARMACY, "centre_reported");
  static const E2eStep reject = { "leader_zx", "reject_plan", REASON ("抽检比例过低"), "centre_reported", NULL, NULL };
  static const E2eStep back = { "leader_zx", "return_proposal", REASON ("处理意见与抽检报告不符"), "reported", NULL, NULL };
  static const E2eStep cancel_propose = { "chief_zx", "propose_handling", PROPOSE_45 (CANCEL), "proposed", NULL, NULL };
  static const E2eStep city = { "chief_zx", "city_decision", "{\"fields\": {\"outcome\": \"" CANCEL "\"}}", "city_decided", NULL, NULL };
  static const E2eStep cancel = { "leader_zx", "cancel_designation", "{\"reason\": \"经市局批准取消定点资格\","
                                  " \"fields\": {\"notified_on\": \"@today\"}}", "cancelled_designation", NULL, NULL };

  e2e_step (c, &walk_45[0]);
  e2e_refused (c, "chief_zx", "approve_plan", MEETING, 400, "action.distinct@ action.role@");
  e2e_refused (c, "leader_zx", "reject_plan", NULL, 400, "reason.required@reason");
  e2e_step (c, &reject);
  e2e_walk (c, walk_45, 2);
  e2e_refused (c, "inspector_zx", "investigate", "{\"fields\": {\"method\": \"组织专家\", \"findings\": \"f\"}}", 400,
               "officers.second_missing@second_officer");
  e2e_walk (c, walk_45 + 2, 2);
  e2e_step (c, &cancel_propose);
  e2e_refused (c, "chief_zx", "deputy_review", NULL, 400, "action.distinct@ action.role@");
  e2e_refused (c, "leader_zx", "return_proposal", NULL, 400, "reason.required@reason");
  e2e_step (c, &back);
  e2e_step (c, &cancel_propose);
  e2e_walk (c, walk_45 + 5, 3);
  e2e_refused (c, "chief_zx", "city_returns", NULL, 400, "reason.required@reason");
  e2e_step (c, &city);
  e2e_refused (c, "leader_zx", "cancel_designation", NULL, 400, "reason.required@reason field.required@notified_on");
  e2e_step (c, &cancel);
  e2e_assert_closed (c);
}

/* The city bureau decided to cancel: keeping the designation is not what it decided. */
static void
test_45_outcome (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-5", NULL, PHARMACY, "centre_reported");
  static const E2eStep city = { "chief_zx", "city_decision", "{\"fields\": {\"outcome\": \"" CANCEL "\"}}", "city_decided", NULL, NULL };

  E2E_WALK_TO (c, walk_45, 8);
  e2e_step (c, &city);
  e2e_refused (c, "chief_zx", "keep_designation", NULL, 400, "guard.case_field@outcome");
  e2e_refused (c, "chief_zx", "require_correction_report", "{\"fields\": {\"correction_due\": \"@today+30\"}}", 400,
               "guard.case_field@outcome");
  e2e_refused (c, "leader_zx", "transfer", "{\"reason\": \"移送\", \"fields\": {\"receiving_organ\": \"赵县公安局\"}}", 400,
               "guard.case_field@outcome");
}

/* The city bureau kept the designation: it is neither cancelled nor made a correction. */
static void
test_45_kept (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-5", NULL, PHARMACY, "centre_reported");
  static const E2eStep city = { "chief_zx", "city_decision", "{\"fields\": {\"outcome\": \"" KEEP "\"}}", "city_decided", NULL, NULL };
  static const E2eStep keep = { "chief_zx", "keep_designation", NULL, "kept", NULL, NULL };

  E2E_WALK_TO (c, walk_45, 8);
  e2e_step (c, &city);
  e2e_refused (c, "leader_zx", "cancel_designation", "{\"reason\": \"取消\", \"fields\": {\"notified_on\": \"@today\"}}", 400,
               "guard.case_field@outcome");
  e2e_step (c, &keep);
  e2e_assert_closed (c);
}

int
main (int   argc,
      char *argv[])
{
  e2e_init (&argc, &argv);
  g_test_add_func ("/e2e/2-1", test_21);
  g_test_add_func ("/e2e/2-1-bad", test_21_bad);
  g_test_add_func ("/e2e/2-1-term", test_21_term);
  g_test_add_func ("/e2e/2-1-emergency-term", test_21_emergency_term);
  g_test_add_func ("/e2e/2-1-informed", test_21_informed);
  g_test_add_func ("/e2e/4-4", test_44);
  g_test_add_func ("/e2e/4-4-bad", test_44_bad);
  g_test_add_func ("/e2e/4-4-notice-days", test_44_notice_days);
  g_test_add_func ("/e2e/4-4-transfer", test_44_transfer);
  g_test_add_func ("/e2e/4-5", test_45);
  g_test_add_func ("/e2e/4-5-bad", test_45_bad);
  g_test_add_func ("/e2e/4-5-outcome", test_45_outcome);
  g_test_add_func ("/e2e/4-5-kept", test_45_kept);
  return e2e_run ();
}
