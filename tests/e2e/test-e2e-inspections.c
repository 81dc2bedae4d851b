/* test-e2e-inspections.c: inspections end to end: 4-1 and 4-2 (行政检查), 4-3 designated
 * institutions (on-site and network review).
 *
 * DOMAIN §5: plan → choose targets → notify (or unannounced) → inspect → report → no
 * problem: end and tell the target; problems: 行政检查决定书 → serve → execute → archive;
 * objections: supplementary material, collective review. 4-3: groups of at least two,
 * violation notice signed by the inspectors and the institution, objection → inspector's
 * initial review → chief's recheck; interview (约谈); handling by law and agreement,
 * approval; archive. Two officers for every inspecting step. */
#include "e2e.h"

#define REASON(text) "{\"reason\": \"" text "\"}"
#define TWO(...) "{\"fields\": {" __VA_ARGS__ ", \"second_officer\": @inspector2_zx}}"
#define TWO_BY2(...) "{\"fields\": {" __VA_ARGS__ ", \"second_officer\": @inspector_zx}}"

/* ------------------------------------------------------------------------------ 4-1 */

#define HOSPITAL "{\"kind\": \"institution\", \"name\": \"赵县医院\", \"id_number\": \"12130133400000001B\"}"
#define SELECT_41 "{\"fields\": {\"plan\": \"2026年度药品和高值医用耗材集中采购专项检查\", \"target_name\": \"赵县医院\"," \
                  " \"target_credit_code\": \"12130133400000001B\", \"scope\": \"2026年1—10月集采药品采购量完成及回款情况\"}}"
#define INSPECT_41 TWO ("\"inspected_on\": \"@today\", \"method\": \"查阅资料\", \"findings\": \"3个集采品种采购量未达约定量\"")
#define DECIDE_41 "{\"fields\": {\"handling\": \"责令限期整改\", \"facts\": \"未完成集采约定采购量\", \"correction_due\": \"@today+30\"}}"

static const E2eStep walk_41[] = {
  { "chief_zx", "select_target", SELECT_41, "target_selected", NULL, NULL },
  { "inspector_zx", "notify_target", "{\"fields\": {\"method\": \"书面通知\", \"notified_on\": \"@today\", \"planned_on\": \"@today+3\"}}",
    "ready", NULL, NULL },
  { "inspector_zx", "inspect", INSPECT_41, "inspecting", NULL, NULL },
  { "inspector2_zx", "report", TWO_BY2 ("\"report\": \"集采约定采购量完成率82%\", \"problems_found\": true"), "reported", NULL, NULL },
  { "chief_zx", "decide", DECIDE_41, "decided", "inspection_decision", NULL },
  { "inspector_zx", "serve", TWO ("\"service_method\": \"直接送达\", \"served_on\": \"@today\""), "served", "service_record", NULL },
  { "inspector_zx", "execute", TWO ("\"verified_on\": \"@today\", \"result\": \"已制定整改方案\""), "executed", NULL, NULL },
  { "inspector2_zx", "archive", "{\"fields\": {\"archive_no\": \"赵医保检档2026-007\"}}", "archived", NULL, NULL },
};

static void
test_41 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-1", NULL, HOSPITAL, "planned");

  E2E_WALK (c, walk_41);
  e2e_assert_closed (c);
}

/* The target objects; collective review changes the result; then a transfer. */
static void
test_41_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-1", NULL, HOSPITAL, "planned");
  static const E2eStep object = { "inspector_zx", "object", "{\"reason\": \"医院提交补充资料：部分品种因临床停用\","
                                  " \"fields\": {\"objected_on\": \"@today\"}}", "objection", NULL, NULL };
  static const E2eStep revise = { "chief_zx", "revise", REASON ("合议认为停用品种应剔除，重新认定"), "reported", NULL, NULL };
  static const E2eStep transfer = { "leader_zx", "transfer_judicial", "{\"reason\": \"发现收受回扣线索\","
                                    " \"fields\": {\"receiving_organ\": \"赵县监察委员会\", \"transferred_on\": \"@today\"}}",
                                    "transferred", NULL, NULL };

  E2E_WALK_TO (c, walk_41, 6);
  e2e_refused (c, "inspector_zx", "object", "{\"fields\": {\"objected_on\": \"@today\"}}", 400, "reason.required@reason");
  e2e_step (c, &object);
  e2e_refused (c, "settlement_zx", "uphold", REASON ("维持"), 403, "action.role@");
  e2e_refused (c, "chief_zx", "revise", NULL, 400, "reason.required@reason");
  e2e_step (c, &revise);
  e2e_step (c, &walk_41[4]);
  e2e_refused (c, "chief_zx", "cancel", REASON ("撤销"), 409, "action.not_from_state@");
  e2e_step (c, &transfer);
  e2e_assert_closed (c);
}

/* "No problem: end" is for a report that found none. */
static void
test_41_no_problem (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-1", NULL, HOSPITAL, "planned");

  E2E_WALK_TO (c, walk_41, 4);
  e2e_refused (c, "chief_zx", "close_no_problem", NULL, 400, "guard.case_field@problems_found");
  /* 责令限期整改 names the day the correction is due */
  e2e_refused (c, "chief_zx", "decide", "{\"fields\": {\"handling\": \"责令限期整改\", \"facts\": \"未完成集采约定采购量\"}}",
               400, "field.required@correction_due");
  e2e_step (c, &walk_41[4]);
}

/* The inspection is planned for the day of the notice or later. */
static void
test_41_planned (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-1", NULL, HOSPITAL, "planned");

  E2E_WALK_TO (c, walk_41, 1);
  e2e_refused (c, "inspector_zx", "notify_target", "{\"fields\": {\"method\": \"书面通知\", \"notified_on\": \"@today\","
               " \"planned_on\": \"@today-1\"}}", 400, "field.date_range@planned_on");
  e2e_step (c, &walk_41[1]);
}

/* ------------------------------------------------------------------------------ 4-2 */

#define UNIT_42 "{\"kind\": \"unit\", \"name\": \"赵县恒达建材有限公司\", \"id_number\": \"91130133MA0A1B2C3T\"}"
#define INSPECT_42 "\"inspected_on\": \"@today\", \"method\": \"查看现场\", \"findings\": \"职工花名册与参保名单一致\""

/* Unannounced, two visits, nothing found. */
static const E2eStep walk_42[] = {
  { "chief_zx", "select_target", "{\"fields\": {\"plan\": \"用人单位遵守社会保险法律法规情况检查\", \"target_name\": \"赵县恒达建材有限公司\","
    " \"target_credit_code\": \"91130133MA0A1B2C3T\", \"scope\": \"职工参保登记和缴费情况\"}}", "target_selected", NULL, NULL },
  { "chief_zx", "unannounced", REASON ("举报线索，防止转移资料"), "ready", NULL, NULL },
  { "inspector2_zx", "inspect", TWO_BY2 (INSPECT_42), "inspecting", NULL, NULL },
  { "inspector_zx", "inspect", TWO ("\"inspected_on\": \"@today\", \"method\": \"调取资料\", \"findings\": \"工资发放记录与缴费基数一致\""),
    "inspecting", NULL, NULL },
  { "inspector_zx", "report", TWO ("\"report\": \"未发现违法违规问题\", \"problems_found\": false"), "reported", NULL, NULL },
  { "chief_zx", "close_no_problem", NULL, "closed_no_problem", "completion_notice", NULL },
};

static void
test_42 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-2", NULL, UNIT_42, "planned");

  E2E_WALK (c, walk_42);
  e2e_assert_closed (c);
}

static void
test_42_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-2", NULL, UNIT_42, "planned");
  static const E2eStep notify = { "chief_zx", "notify_target", "{\"fields\": {\"method\": \"电话通知\", \"notified_on\": \"@today\","
                                  " \"planned_on\": \"@today\"}}", "ready", NULL, NULL };
  static const E2eStep cancel = { "leader_zx", "cancel", REASON ("被检查单位已注销"), "cancelled", NULL, NULL };

  e2e_step (c, &walk_42[0]);
  e2e_refused (c, "chief_zx", "unannounced", NULL, 400, "reason.required@reason");
  e2e_refused (c, "clerk_zx", "notify_target", notify.body, 403, "action.role@");
  e2e_refused (c, "inspector_zx", "inspect", TWO (INSPECT_42), 409, "action.not_from_state@");
  e2e_step (c, &notify);
  e2e_refused (c, "inspector_zx", "inspect", "{\"fields\": {" INSPECT_42 "}}", 400, "officers.second_missing@second_officer");
  e2e_refused (c, "chief_zx", "recuse", "{\"reason\": \"亲属关系\", \"fields\": {\"recused_user\": @inspector_zx}}", 409,
               "action.not_from_state@");
  e2e_step (c, &cancel);
  e2e_assert_closed (c);
}

/* …and a decision is for a report that found some. */
static void
test_42_no_decision (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-2", NULL, UNIT_42, "planned");

  E2E_WALK_TO (c, walk_42, 5);
  e2e_refused (c, "chief_zx", "decide", "{\"fields\": {\"handling\": \"移交行政处罚\", \"facts\": \"未发现问题\"}}", 400,
               "guard.case_field@problems_found");
  e2e_step (c, &walk_42[5]);
  e2e_assert_closed (c);
}

/* ------------------------------------------------------------------------------ 4-3 */

#define PHARMACY "{\"kind\": \"institution\", \"name\": \"赵县仁和大药房\", \"id_number\": \"91130133MA0C0D0E17\"}"
#define ONSITE_43(leader, member) "{\"fields\": {\"institution_name\": \"赵县仁和大药房\", \"institution_code\": \"P13013300123\"," \
                                  " \"inspection_kind\": \"定点药店（门诊）\", \"group_leader\": " leader ", \"group_member\": " member "," \
                                  " \"inspection_on\": \"@today\"}}"

/* On-site: a violation notice, an objection rechecked and upheld, an interview. */
static const E2eStep walk_43[] = {
  { "chief_zx", "assign_onsite", ONSITE_43 ("@inspector_zx", "@inspector2_zx"), "onsite_assigned", NULL, NULL },
  { "inspector_zx", "inspect_onsite", TWO ("\"inspected_on\": \"@today\", \"findings\": \"将保健品串换为药品刷卡结算\""),
    "inspecting", NULL, NULL },
  { "inspector2_zx", "confirm_violations", TWO_BY2 ("\"violations\": \"串换药品结算16笔\", \"violation_amount\": 152000,"
    " \"institution_signer\": \"孙店长\", \"objection_due\": \"@today+5\""), "confirmed", "violation_notice", NULL },
  { "inspector_zx", "receive_objection", REASON ("药店提交进货票据，称系录入错误"), "objection_review", NULL, NULL },
  { "inspector_zx", "initial_review", "{\"fields\": {\"initial_opinion\": \"进货票据不能证明所售为药品，异议不成立\"}}",
    "objection_recheck", NULL, NULL },
  { "chief_zx", "recheck_uphold", "{\"fields\": {\"violation_amount\": 152000}}", "findings_final", NULL, NULL },
  { "chief_zx", "interview", "{\"fields\": {\"group_leader\": @inspector_zx, \"interviewee\": \"孙店长\","
    " \"interviewed_on\": \"@today\", \"correction_due\": \"@today+15\"}}", "findings_final", "interview_record", NULL },
  { "chief_zx", "propose_handling", "{\"fields\": {\"handling\": \"协议处理（拒付、追回费用、违约金）\", \"recovered_amount\": 152000,"
    " \"basis\": \"服务协议第二十八条\"}}", "handling_proposed", NULL, NULL },
  { "leader_zx", "approve_handling", NULL, "handling_approved", NULL, NULL },
  { "inspector_zx", "archive", "{\"fields\": {\"archive_no\": \"赵医保监档2026-031\"}}", "archived", NULL, NULL },
};

/* Network review of a month's outpatient claims: nothing found. */
static const E2eStep walk_43_network[] = {
  { "chief_zx", "assign_network", "{\"fields\": {\"institution_name\": \"赵县医院\", \"period\": \"2026-10\","
    " \"assigned_inspector\": @inspector_zx}}", "screening", NULL, NULL },
  { "inspector_zx", "screen", "{\"fields\": {\"rules_hit\": \"同日重复收费0条；超量开药0条\", \"suspicious_amount\": 0}}",
    "screening", NULL, NULL },
  { "inspector_zx", "close_no_violation", "{\"fields\": {\"second_officer\": @inspector2_zx}}", "closed_clean", NULL, NULL },
};

static void
test_43 (void)
{
  {
    g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-3", NULL, PHARMACY, "created");
    E2E_WALK (c, walk_43);
    e2e_assert_closed (c);
  }
  {
    g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-3", NULL, HOSPITAL, "created");
    E2E_WALK (c, walk_43_network);
    e2e_assert_closed (c);
  }
}

static void
test_43_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-3", NULL, PHARMACY, "created");
  static const E2eStep not_upheld = { "chief_zx", "recheck_not_uphold", REASON ("进货票据与销售记录一一对应，异议成立"),
                                      "not_upheld", NULL, NULL };

  e2e_refused (c, "inspector_zx", "assign_onsite", ONSITE_43 ("@inspector_zx", "@inspector2_zx"), 403, "action.role@");
  E2E_WALK_TO (c, walk_43, 3);
  e2e_refused (c, "settlement_zx", "no_objection", NULL, 403, "action.role@");
  e2e_refused (c, "inspector_zx", "receive_objection", NULL, 400, "reason.required@reason");
  e2e_step (c, &walk_43[3]);
  e2e_refused (c, "chief_zx", "initial_review", walk_43[4].body, 403, "action.role@");
  e2e_step (c, &walk_43[4]);
  e2e_refused (c, "chief_zx", "recheck_not_uphold", NULL, 400, "reason.required@reason");
  e2e_step (c, &not_upheld);
  e2e_assert_closed (c);
}

/* An on-site group is at least two inspectors. */
static void
test_43_group (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-3", NULL, PHARMACY, "created");

  e2e_refused (c, "chief_zx", "assign_onsite", ONSITE_43 ("@inspector_zx", "@inspector_zx"), 400, "field.user_same@group_member");
  e2e_step (c, &walk_43[0]);
}

/* The inspector assigned to a network review is an inspector of the county. */
static void
test_43_assignee (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-3", NULL, HOSPITAL, "created");

  e2e_refused (c, "chief_zx", "assign_network", "{\"fields\": {\"institution_name\": \"赵县医院\","
               " \"period\": \"2026-10\", \"assigned_inspector\": @clerk_zx}}", 400, "field.user_role@assigned_inspector");
  e2e_step (c, &walk_43_network[0]);
}

/* A staff field names a member of staff. */
static void
test_43_unknown_user (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "4-3", NULL, PHARMACY, "created");

  e2e_refused (c, "chief_zx", "assign_onsite", ONSITE_43 ("@inspector_zx", "987654"), 400, "field.user_role@group_member");
}

int
main (int   argc,
      char *argv[])
{
  e2e_init (&argc, &argv);
  g_test_add_func ("/e2e/4-1", test_41);
  g_test_add_func ("/e2e/4-1-bad", test_41_bad);
  g_test_add_func ("/e2e/4-1-no-problem", test_41_no_problem);
  g_test_add_func ("/e2e/4-1-planned", test_41_planned);
  g_test_add_func ("/e2e/4-2", test_42);
  g_test_add_func ("/e2e/4-2-bad", test_42_bad);
  g_test_add_func ("/e2e/4-2-no-decision", test_42_no_decision);
  g_test_add_func ("/e2e/4-3", test_43);
  g_test_add_func ("/e2e/4-3-bad", test_43_bad);
  g_test_add_func ("/e2e/4-3-group", test_43_group);
  g_test_add_func ("/e2e/4-3-assignee", test_43_assignee);
  g_test_add_func ("/e2e/4-3-unknown-user", test_43_unknown_user);
  return e2e_run ();
}
