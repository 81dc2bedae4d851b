/* test-e2e-penalties.c: the penalty cases 1-1, 1-2, 1-3 end to end.
 *
 * DOMAIN §5: 发现线索 → 立案 (approved) → 调查取证 (two officers) → 审查 → 告知书 (+ 听证告知书)
 * → 陈述申辩 / 听证 → 法制审核 → 决定书 → 送达 → 执行 → 结案. Ranges: 1-1 the unit 1–3× the
 * contributions due, responsible persons 500–3000 yuan; 1-2 art. 87 2–5×, 条例 art. 38
 * 1–2×, art. 40 2–5×, Hebei art. 26 200–500 yuan; 1-3 art. 88 / 条例 art. 41 2–5×. A
 * hearing for large fines and for suspensions. Deadlines (§4): 15 working days to decide
 * on filing, 90 days to decide, 5 days to ask for a hearing, service within 7 days, fine
 * paid within 15 days.
 *
 * Every step is taken today, so a hearing is held on the day it is scheduled for a week
 * later and 逾期不改正 is found on the day the correction was ordered: the engine has no
 * clock to wait for (see the report on cross-step dates). */
#include "e2e.h"

#define REASON(text) "{\"reason\": \"" text "\"}"

/* ------------------------------------------------------------------------------ 1-1 */

#define UNIT_11 "{\"kind\": \"unit\", \"name\": \"赵县恒达建材有限公司\", \"id_number\": \"91130133MA0A1B2C3T\"}"
#define PARTY_11 "\"party_type\": \"法人或者其他组织\", \"party_name\": \"赵县恒达建材有限公司\"," \
                 " \"party_credit_code\": \"91130133MA0A1B2C3T\", \"party_address\": \"赵县石塔路18号\""
#define FACTS_11 "\"article\": \"社会保险法第八十四条\", \"facts\": \"自2025年3月起未为12名职工办理基本医疗保险登记，经责令限期改正逾期仍未改正\""
/* contributions due 10000.00 yuan: the unit 20000.00 (2×), one responsible person 2000.00 */
#define AMOUNTS_11(due, fine, person) "\"contribution_due\": " due ", \"fine\": " fine ", \"responsible_person_fine\": " person "," \
                                      " \"responsible_persons\": 1"
#define NOTIFY_11(due, fine, person, second) "{\"fields\": {" PARTY_11 ", " FACTS_11 ", " AMOUNTS_11 (due, fine, person) "," \
                                             " \"service_method\": \"直接送达\", \"served_on\": \"@today\"" second "}}"
#define WITH_SECOND ", \"second_officer\": @inspector2_zx"
#define TWO(...) "{\"fields\": {" __VA_ARGS__ ", \"second_officer\": @inspector2_zx}}"

static const E2eStep walk_11[] = {
  { "inspector_zx", "order_correction", TWO (PARTY_11 ", \"source\": \"监督检查\", \"discovered_on\": \"@today-2\","
    " \"summary\": \"未为12名职工办理职工基本医疗保险登记\", \"correction_due\": \"@today+15\""),
    "correcting", "correction_order service_record", NULL },
  { "inspector_zx", "not_corrected", TWO ("\"verified_on\": \"@today\""), "filing_review", NULL, "+decide_filing=wd15" },
  { "chief_zx", "propose_filing", "{\"fields\": {" FACTS_11 ", \"violation_ended_on\": \"@today\"}}", "filing_pending", NULL, NULL },
  { "leader_zx", "approve_filing", "{\"fields\": {\"case_no\": \"赵医保罚立〔2026〕1号\"}}", "investigating",
    "filing_approval", "-decide_filing +decision=cd90" },
  { "inspector_zx", "collect_evidence", TWO ("\"collected_on\": \"@today\", \"evidence_kind\": \"询问笔录\","
    " \"evidence\": \"单位负责人承认未办理参保登记\""), "investigating", NULL, NULL },
  { "inspector2_zx", "submit_investigation", "{\"fields\": {\"report\": \"违法事实清楚，证据确凿\"}}", "under_review", NULL, NULL },
  { "chief_zx", "complete_review", "{\"fields\": {\"review_opinion\": \"事实清楚，程序合法，处罚幅度适当\"}}", "reviewed", NULL, NULL },
  /* 20000.00 yuan is a large fine: the party is told of the right to a hearing */
  { "inspector_zx", "notify_with_hearing", NOTIFY_11 ("1000000", "2000000", "200000", WITH_SECOND), "hearing_request_period",
    "penalty_notice hearing_notice service_record", "+hearing_request=wd5" },
  { "inspector_zx", "request_hearing", "{\"fields\": {\"requested_on\": \"@today\"}}", "hearing_requested", NULL, "-hearing_request" },
  { "chief_zx", "schedule_hearing", "{\"fields\": {\"hearing_on\": \"@today+8\", \"hearing_place\": \"赵县医疗保障局三楼会议室\","
    " \"host\": @leader2_zx, \"public\": true}}", "hearing_scheduled", "hearing_summons service_record", NULL },
  { "leader2_zx", "hold_hearing", "{\"fields\": {\"held_on\": \"@today\", \"record\": \"当事人对事实无异议，请求从轻处罚\","
    " \"host_opinion\": \"维持拟处罚意见\"}}", "hearing_held", NULL, NULL },
  { "chief_zx", "submit_legal_review", NULL, "legal_review", NULL, NULL },
  { "leader_zx", "pass_legal_review", "{\"fields\": {\"legal_opinion\": \"适用法律正确\"}}", "deliberation", NULL, NULL },
  { "leader_zx", "decide", "{\"fields\": {" PARTY_11 ", " FACTS_11 ", " AMOUNTS_11 ("1000000", "2000000", "200000") ","
    " \"collective_discussion\": true,"
    " \"remedies\": \"可于六十日内申请行政复议或六个月内提起行政诉讼\", \"payment_manner\": \"十五日内缴至指定银行\"}}",
    "decided", "penalty_decision", "-decision +service=wd7" },
  { "inspector_zx", "serve", TWO ("\"service_method\": \"直接送达\", \"served_on\": \"@today\", \"recipient\": \"王恒达\""),
    "served", "service_record", "-service +payment=cd15" },
  { "settlement_zx", "record_payment", "{\"fields\": {\"fine\": 2000000, \"paid_amount\": 2200000, \"paid_on\": \"@today\","
    " \"days_late\": 0, \"late_fine\": 0, \"receipt_no\": \"FS2026001\"}}", "executed", NULL, "-payment" },
  { "chief_zx", "close_case", "{\"fields\": {\"archive_no\": \"赵医保罚档2026-001\"}}", "closed", NULL, NULL },
};

static void
test_11 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "1-1", NULL, UNIT_11, "lead");

  E2E_WALK (c, walk_11);
  e2e_assert_closed (c);
}

/* Ranges, two officers, the reviewer is not the legal reviewer, a failed legal review. */
static void
test_11_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "1-1", NULL, UNIT_11, "lead");
  /* contributions due 1500.00: 3000.00 (2×) needs no hearing; the person 1000.00 */
  static const E2eStep notify = { "inspector_zx", "notify", NOTIFY_11 ("150000", "300000", "100000", WITH_SECOND),
                                  "statement_period", "penalty_notice service_record", NULL };
  static const E2eStep statement = { "inspector_zx", "record_statement", TWO ("\"statement\": \"已补办登记，请求免予处罚\","
                                     " \"adopted\": \"部分采纳\", \"adoption_reasons\": \"已改正，但逾期改正不免除处罚\""),
                                     "deliberation", NULL, NULL };
  static const E2eStep legal = { "chief_zx", "submit_legal_review", NULL, "legal_review", NULL, NULL };
  static const E2eStep failed = { "leader_zx", "fail_legal_review", REASON ("处罚依据条款引用不完整"), "under_review", NULL, NULL };
  static const E2eStep revoke = { "leader_zx", "revoke", REASON ("经复查该单位已于限期内补办登记，违法事实不能成立"),
                                  "revoked", NULL, "-decision" };

  e2e_refused (c, "inspector_zx", "order_correction", "{\"fields\": {" PARTY_11 ", \"source\": \"监督检查\","
               " \"discovered_on\": \"@today\", \"summary\": \"未登记\", \"correction_due\": \"@today+15\", \"second_officer\": @clerk_zx}}",
               400, "officers.second_role@second_officer");
  E2E_WALK_TO (c, walk_11, 7);
  /* alone, the unit 0.5× and the person 400.00 yuan: every problem at once */
  e2e_refused (c, "inspector_zx", "notify", NOTIFY_11 ("100000", "50000", "40000", ""), 400,
               "officers.second_missing@second_officer guard.amount_within@fine guard.amount_within@responsible_person_fine");
  e2e_refused (c, "inspector_zx", "notify", NOTIFY_11 ("150000", "300000", "100000", ", \"second_officer\": @inspector_zx"), 400,
               "officers.same_person@second_officer");
  e2e_refused (c, "inspector_zx", "notify", NOTIFY_11 ("150000", "300000", "100000", ", \"second_officer\": @chief_zx"), 400,
               "officers.second_role@second_officer");
  /* 6000.00 yuan (2× 3000.00) without telling the party of a hearing */
  e2e_refused (c, "inspector_zx", "notify", NOTIFY_11 ("300000", "600000", "100000", WITH_SECOND), 400,
               "guard.amount_within@fine");
  e2e_refused (c, "chief_zx", "notify", notify.body, 403, "action.role@");
  e2e_step (c, &notify);
  e2e_step (c, &statement);
  e2e_step (c, &legal);
  /* the chief reviewed the case, so the legal review is someone else's */
  e2e_refused (c, "chief_zx", "pass_legal_review", "{\"fields\": {\"legal_opinion\": \"同意\"}}", 400, "action.distinct@");
  e2e_refused (c, "leader_zx", "fail_legal_review", NULL, 400, "reason.required@reason");
  e2e_step (c, &failed);
  e2e_step (c, &revoke);
  e2e_assert_closed (c);
}

/* 行政处罚法 art. 64(4): the hearing is hosted by someone who did not investigate. */
static void
test_11_hearing_host (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "1-1", NULL, UNIT_11, "lead");

  E2E_WALK_TO (c, walk_11, 9);
  /* inspector_zx took collect_evidence (and inspector2_zx seconded it) */
  e2e_refused (c, "chief_zx", "schedule_hearing", "{\"fields\": {\"hearing_on\": \"@today+8\","
               " \"hearing_place\": \"赵县医疗保障局\", \"host\": @inspector_zx}}", 400, "field.user_took_step@host");
  e2e_refused (c, "chief_zx", "schedule_hearing", "{\"fields\": {\"hearing_on\": \"@today+8\","
               " \"hearing_place\": \"赵县医疗保障局\", \"host\": @inspector2_zx}}", 400, "field.user_took_step@host");
  /* the host names a member of this county's staff */
  e2e_refused (c, "chief_zx", "schedule_hearing", "{\"fields\": {\"hearing_on\": \"@today+8\","
               " \"hearing_place\": \"赵县医疗保障局\", \"host\": 987654}}", 400, "field.user_role@host");
  e2e_refused (c, "chief_zx", "schedule_hearing", "{\"fields\": {\"hearing_on\": \"@today+8\","
               " \"hearing_place\": \"赵县医疗保障局\", \"host\": @chief_wj}}", 400, "field.user_role@host");
  e2e_step (c, &walk_11[9]);
}

/* 行政处罚法 art. 64(2): the party is told seven days before the hearing. */
static void
test_11_hearing_notice (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "1-1", NULL, UNIT_11, "lead");

  E2E_WALK_TO (c, walk_11, 9);
  e2e_refused (c, "chief_zx", "schedule_hearing", "{\"fields\": {\"hearing_on\": \"@today+2\","
               " \"hearing_place\": \"赵县医疗保障局\", \"host\": @leader2_zx}}", 400, "field.date_range@hearing_on");
  e2e_refused (c, "chief_zx", "schedule_hearing", "{\"fields\": {\"hearing_on\": \"@today+6\","
               " \"hearing_place\": \"赵县医疗保障局\", \"host\": @leader2_zx}}", 400, "field.date_range@hearing_on");
  /* seven days ahead is enough */
  {
    static const E2eStep seven = { "chief_zx", "schedule_hearing", "{\"fields\": {\"hearing_on\": \"@today+7\","
                                   " \"hearing_place\": \"赵县医疗保障局\", \"host\": @leader2_zx}}",
                                   "hearing_scheduled", "hearing_summons service_record", NULL };

    e2e_step (c, &seven);
  }
}

/* 行政处罚法 art. 85: its 五日 and 七日 are working days. */
static void
test_11_hearing_days (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "1-1", NULL, UNIT_11, "lead");

  g_autofree char *due = e2e_due ("wd5");

  E2E_WALK_TO (c, walk_11, 8);
  g_assert_cmpstr (e2e_running_due (c, "hearing_request"), ==, due);
}

static void
test_11_service_days (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "1-1", NULL, UNIT_11, "lead");

  g_autofree char *due = e2e_due ("wd7");

  E2E_WALK_TO (c, walk_11, 14);
  g_assert_cmpstr (e2e_running_due (c, "service"), ==, due);
}

/* 90 days from filing, 30 more with approval: the approved extension moves the due date. */
static void
test_11_extension (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "1-1", NULL, UNIT_11, "lead");
  static const E2eStep extend = { "leader_zx", "extend_decision_investigating", "{\"reason\": \"案情复杂，需调取银行流水\","
                                  " \"fields\": {\"extra_days\": 30}}", "investigating", NULL, "~decision=cd120" };

  g_autofree char *due = e2e_due ("cd120");

  E2E_WALK_TO (c, walk_11, 4);
  e2e_refused (c, "leader_zx", "extend_decision_investigating", "{\"reason\": \"案情复杂\", \"fields\": {\"extra_days\": 31}}",
               400, "field.range@extra_days");
  e2e_step (c, &extend);
  g_assert_cmpstr (e2e_running_due (c, "decision"), ==, due);
}

/* ------------------------------------------------------------------------------ 1-2 */

#define CLINIC_12 "{\"kind\": \"institution\", \"name\": \"赵县康宁诊所\", \"id_number\": \"91130133MA0DQ8R211\"}"
#define PARTY_12 "\"party_type\": \"法人或者其他组织\", \"party_name\": \"赵县康宁诊所\", \"party_credit_code\": \"91130133MA0DQ8R211\""
#define FACTS_12 "\"article\": \"社会保险法第八十七条\", \"facts\": \"虚构诊疗项目骗取医保基金支出800.00元\""
#define NOTIFY_12(fines, extra) "{\"fields\": {" PARTY_12 ", " FACTS_12 ", \"defrauded_amount\": 80000, " fines "," \
                                " \"repay_amount\": 80000, \"service_method\": \"邮寄送达\", \"served_on\": \"@today\"" extra "," \
                                " \"second_officer\": @inspector_zx}}"

/* 800.00 yuan defrauded: 2400.00 (3×) under art. 87, no hearing needed. */
static const E2eStep walk_12[] = {
  { "chief_zx", "register_lead", "{\"fields\": {" PARTY_12 ", \"source\": \"举报投诉\", \"discovered_on\": \"@today-1\","
    " \"summary\": \"群众举报该诊所虚记诊疗项目\"}}", "filing_review", NULL, "+decide_filing=wd15" },
  { "inspector_zx", "propose_filing", "{\"fields\": {" FACTS_12 ", \"violation_ended_on\": \"@today-5\", \"harms_life_health\": false}}",
    "filing_pending", NULL, NULL },
  { "leader_zx", "approve_filing", NULL, "investigating", "filing_approval", "-decide_filing +decision=cd90" },
  { "inspector_zx", "collect_evidence", TWO ("\"collected_on\": \"@today\", \"evidence_kind\": \"电子数据\","
    " \"evidence\": \"医保结算数据与门诊日志不符\""), "investigating", NULL, NULL },
  { "inspector_zx", "submit_investigation", "{\"fields\": {\"report\": \"查实虚记诊疗项目8次\"}}", "under_review", NULL, NULL },
  { "chief_zx", "complete_review", "{\"fields\": {\"review_opinion\": \"同意按社会保险法第八十七条处理\"}}", "reviewed", NULL, NULL },
  { "inspector2_zx", "notify", NOTIFY_12 ("\"fine_sif87\": 240000", ""), "statement_period", "penalty_notice service_record", NULL },
  { "inspector_zx", "record_statement", TWO ("\"statement\": \"系收费员操作失误\", \"adopted\": \"不予采纳\","
    " \"adoption_reasons\": \"门诊日志显示无对应就诊\""), "deliberation", NULL, NULL },
  { "leader_zx", "decide", "{\"fields\": {" PARTY_12 ", " FACTS_12 ", \"defrauded_amount\": 80000, \"fine_sif87\": 240000,"
    " \"repay_amount\": 80000, \"remedies\": \"可依法申请行政复议或提起行政诉讼\","
    " \"payment_manner\": \"十五日内缴纳\"}}", "decided", "penalty_decision", "-decision +service=wd7" },
  { "inspector_zx", "serve", TWO ("\"service_method\": \"邮寄送达\", \"served_on\": \"@today\", \"recipient\": \"赵县康宁诊所\""),
    "served", "service_record", "-service +payment=cd15" },
  { "settlement_zx", "record_payment", "{\"fields\": {\"fine\": 240000, \"paid_amount\": 320000, \"paid_on\": \"@today\","
    " \"days_late\": 0, \"late_fine\": 0}}", "executed", NULL, "-payment" },
  { "chief_zx", "close_case", NULL, "closed", NULL, NULL },
};

static void
test_12 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "1-2", NULL, CLINIC_12, "lead");

  E2E_WALK (c, walk_12);
  e2e_assert_closed (c);
}

static void
test_12_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "1-2", NULL, CLINIC_12, "lead");
  static const E2eStep transfer = { "leader_zx", "transfer_judicial", "{\"reason\": \"查实骗保金额巨大，涉嫌诈骗罪\","
                                    " \"fields\": {\"receiving_organ\": \"赵县公安局\", \"transferred_on\": \"@today\"}}",
                                    "transferred", NULL, "-decision" };

  e2e_refused (c, "settlement_zx", "register_lead", walk_12[0].body, 403, "action.role@");
  E2E_WALK_TO (c, walk_12, 6);
  /* 1.5× under art. 87, 3× under art. 38 (1–2×), 100.00 yuan under Hebei art. 26 (200–500) */
  e2e_refused (c, "inspector2_zx", "notify", NOTIFY_12 ("\"fine_sif87\": 120000, \"fine_reg38\": 240000, \"fine_hebei26\": 10000", ""),
               400, "guard.amount_within@fine_sif87 guard.amount_within@fine_reg38 guard.amount_within@fine_hebei26");
  e2e_refused (c, "inspector2_zx", "notify", NOTIFY_12 ("\"fine_sif87\": 480000", ""), 400, "guard.amount_within@fine_sif87");
  /* a suspension is only imposed after offering a hearing, and for 6–12 months */
  e2e_refused (c, "inspector2_zx", "notify", NOTIFY_12 ("\"fine_sif87\": 240000", ", \"suspend_months\": 6"), 400,
               "field.unknown@suspend_months");
  e2e_refused (c, "inspector2_zx", "notify_with_hearing", NOTIFY_12 ("\"fine_reg40\": 240000", ", \"suspend_months\": 3"), 400,
               "field.range@suspend_months");
  e2e_refused (c, "leader_zx", "transfer_judicial", NULL, 400,
               "reason.required@reason field.required@receiving_organ field.required@transferred_on");
  e2e_step (c, &transfer);
  e2e_assert_closed (c);
}

/* 回避: an officer recused from the case takes no further part in it. */
static void
test_12_recusal (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "1-2", NULL, CLINIC_12, "lead");
  static const E2eStep recuse = { "chief_zx", "recuse_investigating", "{\"reason\": \"与当事人负责人系近亲属\","
                                  " \"fields\": {\"recused_user\": @inspector2_zx, \"initiated_by\": \"当事人申请\"}}",
                                  "investigating", NULL, NULL };

  E2E_WALK_TO (c, walk_12, 3);
  /* the chief records the decision on someone else's recusal, not their own */
  e2e_refused (c, "chief_zx", "recuse_investigating", "{\"reason\": \"本人申请\","
               " \"fields\": {\"recused_user\": @chief_zx, \"initiated_by\": \"本人申请\"}}", 400,
               "field.user_is_actor@recused_user");
  e2e_step (c, &recuse);
  /* neither as the second officer nor acting alone */
  e2e_refused (c, "inspector_zx", "collect_evidence", walk_12[3].body, 400, "field.user_same@second_officer");
  e2e_refused (c, "inspector2_zx", "collect_evidence", "{\"fields\": {\"collected_on\": \"@today\", \"evidence_kind\": \"书证\","
               " \"evidence\": \"门诊日志\", \"second_officer\": @inspector_zx}}", 400, "action.excluded@");
  e2e_refused (c, "inspector2_zx", "submit_investigation", walk_12[4].body, 400, "action.excluded@");
}

/* No heavier penalty than the one the party was told of (and defended against). */
static void
test_12_notified_fine (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "1-2", NULL, CLINIC_12, "lead");

  E2E_WALK_TO (c, walk_12, 8);
  /* 4000.00 is within 2–5× the 800.00 defrauded, but the notice said 2400.00 */
  e2e_refused (c, "leader_zx", "decide", "{\"fields\": {" PARTY_12 ", " FACTS_12 ", \"defrauded_amount\": 80000,"
               " \"fine_sif87\": 400000, \"remedies\": \"可依法申请行政复议或提起行政诉讼\", \"payment_manner\": \"十五日内缴纳\"}}",
               400, "guard.amount_within@fine_sif87");
  /* a fine under another article the notice did not name at all */
  e2e_refused (c, "leader_zx", "decide", "{\"fields\": {" PARTY_12 ", " FACTS_12 ", \"defrauded_amount\": 80000,"
               " \"fine_sif87\": 240000, \"fine_hebei26\": 30000, \"remedies\": \"可依法申请行政复议或提起行政诉讼\","
               " \"payment_manner\": \"十五日内缴纳\"}}", 400, "guard.amount_within@fine_hebei26");
  /* the decider no longer types the notified amount */
  e2e_refused (c, "leader_zx", "decide", "{\"fields\": {" PARTY_12 ", " FACTS_12 ", \"defrauded_amount\": 80000,"
               " \"fine_sif87\": 400000, \"notified_fine\": 400000, \"remedies\": \"可依法申请行政复议或提起行政诉讼\","
               " \"payment_manner\": \"十五日内缴纳\"}}", 400, "field.unknown@notified_fine guard.amount_within@fine_sif87");
  /* a lighter penalty than notified is allowed */
  {
    static const E2eStep lighter = { "leader_zx", "decide", "{\"fields\": {" PARTY_12 ", " FACTS_12 ", \"defrauded_amount\": 80000,"
                                     " \"fine_sif87\": 160000, \"remedies\": \"可依法申请行政复议或提起行政诉讼\","
                                     " \"payment_manner\": \"十五日内缴纳\"}}", "decided", "penalty_decision",
                                     "-decision +service=wd7" };

    e2e_step (c, &lighter);
  }
}

/* ------------------------------------------------------------------------------ 1-3 */

#define PERSON_13 "{\"kind\": \"person\", \"name\": \"刘志刚\", \"id_number\": \"130133197801120031\"}"
#define PARTY_13 "\"party_type\": \"公民\", \"party_name\": \"刘志刚\", \"party_id\": \"130133197801120031\""
#define FACTS_13 "\"article\": \"社会保险法第八十八条\", \"facts\": \"冒用他人社会保障卡就医，骗取医保待遇3000.00元\""
/* 3000.00 defrauded: 6000.00 (2×) is large for a citizen, so a hearing is offered */
#define PENALTY_13 "\"defrauded_amount\": 300000, \"fine_sif88\": 600000, \"repay_amount\": 300000, \"suspend_settlement_months\": 3"

static const E2eStep walk_13[] = {
  { "inspector_zx", "register_lead", "{\"fields\": {" PARTY_13 ", \"source\": \"稽核\", \"discovered_on\": \"@today\","
    " \"summary\": \"稽核发现冒用他人医保卡就医\"}}", "filing_review", NULL, "+decide_filing=wd15" },
  { "chief_zx", "propose_filing", "{\"fields\": {" FACTS_13 ", \"violation_ended_on\": \"@today-30\"}}", "filing_pending", NULL, NULL },
  { "leader_zx", "approve_filing", NULL, "investigating", "filing_approval", "-decide_filing +decision=cd90" },
  { "inspector2_zx", "collect_evidence", "{\"fields\": {\"collected_on\": \"@today\", \"evidence_kind\": \"书证\","
    " \"evidence\": \"就诊记录与持卡人身份不符\", \"second_officer\": @inspector_zx}}", "investigating", NULL, NULL },
  { "inspector_zx", "submit_investigation", "{\"fields\": {\"report\": \"查实冒用医保卡就医4次\"}}", "under_review", NULL, NULL },
  { "chief_zx", "complete_review", "{\"fields\": {\"review_opinion\": \"事实清楚\"}}", "reviewed", NULL, NULL },
  { "inspector_zx", "notify_with_hearing", TWO (PARTY_13 ", " FACTS_13 ", " PENALTY_13 ", \"service_method\": \"直接送达\","
    " \"served_on\": \"@today\""), "hearing_request_period", "penalty_notice hearing_notice service_record", "+hearing_request=wd5" },
  { "inspector_zx", "no_hearing_request", REASON ("当事人书面放弃听证"), "statement_period", NULL, "-hearing_request" },
  { "inspector2_zx", "no_statement", NULL, "deliberation", NULL, NULL },
  { "chief_zx", "submit_legal_review", NULL, "legal_review", NULL, NULL },
  { "leader_zx", "pass_legal_review", "{\"fields\": {\"legal_opinion\": \"同意\"}}", "deliberation", NULL, NULL },
  { "leader_zx", "decide", "{\"fields\": {" PARTY_13 ", " FACTS_13 ", " PENALTY_13 ","
    " \"remedies\": \"可依法申请行政复议或提起行政诉讼\", \"payment_manner\": \"十五日内缴纳\"}}",
    "decided", "penalty_decision", "-decision +service=wd7" },
  { "inspector2_zx", "serve", "{\"fields\": {\"service_method\": \"直接送达\", \"served_on\": \"@today\", \"recipient\": \"刘志刚\","
    " \"second_officer\": @inspector_zx}}", "served", "service_record", "-service +payment=cd15" },
  { "settlement_zx", "record_payment", "{\"fields\": {\"fine\": 600000, \"paid_amount\": 900000, \"paid_on\": \"@today\","
    " \"days_late\": 0, \"late_fine\": 0}}", "executed", NULL, "-payment" },
  { "chief_zx", "close_case", NULL, "closed", NULL, NULL },
};

static void
test_13 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "1-3", NULL, PERSON_13, "lead");

  E2E_WALK (c, walk_13);
  e2e_assert_closed (c);
}

/* The hearing path's order: asked for, scheduled, held (or abandoned), legal review. */
static void
test_13_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "1-3", NULL, PERSON_13, "lead");
  static const E2eStep request = { "inspector_zx", "request_hearing", "{\"fields\": {\"requested_on\": \"@today\"}}",
                                   "hearing_requested", NULL, "-hearing_request" };
  static const E2eStep schedule = { "chief_zx", "schedule_hearing", "{\"fields\": {\"hearing_on\": \"@today+9\","
                                    " \"hearing_place\": \"赵县医疗保障局\", \"host\": @leader2_zx}}",
                                    "hearing_scheduled", "hearing_summons service_record", NULL };
  static const E2eStep abandoned = { "leader2_zx", "hearing_abandoned", REASON ("当事人无正当理由未到场"), "hearing_held", NULL, NULL };
  static const E2eStep failed = { "leader_zx", "fail_legal_review", REASON ("罚款依据应为条例第四十一条"), "under_review", NULL, NULL };
  static const E2eStep more = { "chief_zx", "request_more_investigation", REASON ("补充当事人询问笔录"), "investigating", NULL, NULL };
  static const E2eStep revoke = { "leader_zx", "revoke", REASON ("当事人系持本人医保卡就医，冒用事实不能成立"),
                                  "revoked", NULL, "-decision" };

  E2E_WALK_TO (c, walk_13, 7);
  e2e_refused (c, "settlement_zx", "request_hearing", request.body, 403, "action.role@");
  e2e_refused (c, "chief_zx", "schedule_hearing", schedule.body, 409, "action.not_from_state@");
  e2e_refused (c, "inspector_zx", "request_hearing", "{\"fields\": {\"requested_on\": \"@today+1\"}}", 400,
               "field.date_range@requested_on");
  e2e_step (c, &request);
  e2e_refused (c, "chief_zx", "schedule_hearing", NULL, 400,
               "field.required@hearing_on field.required@hearing_place field.required@host");
  e2e_step (c, &schedule);
  e2e_refused (c, "inspector_zx", "hold_hearing", "{\"fields\": {\"held_on\": \"@today\", \"record\": \"r\","
               " \"host_opinion\": \"o\"}}", 400, "action.distinct@ action.role@");
  e2e_refused (c, "leader2_zx", "hearing_abandoned", NULL, 400, "reason.required@reason");
  e2e_step (c, &abandoned);
  /* after a hearing the decision waits for the legal review */
  e2e_refused (c, "leader_zx", "decide", walk_13[11].body, 409, "action.not_from_state@");
  e2e_step (c, &walk_13[9]);
  e2e_step (c, &failed);
  e2e_step (c, &more);
  e2e_step (c, &revoke);
  e2e_assert_closed (c);
}

/* 行政处罚法 art. 72: the late fine is 3% of the fine a day (capped at the fine). */
static void
test_13_late_fine (void)
{
  g_autoptr(E2eCase) c = e2e_create ("inspector_zx", "1-3", NULL, PERSON_13, "lead");

  E2E_WALK_TO (c, walk_13, 13);
  e2e_refused (c, "settlement_zx", "record_payment", "{\"fields\": {\"fine\": 600000, \"paid_amount\": 1500000,"
               " \"paid_on\": \"@today\", \"days_late\": 2, \"late_fine\": 600000}}", 400, "guard.late_fine@late_fine");
  /* late fines past the fine itself: 40 days × 3% is capped at the fine */
  e2e_refused (c, "settlement_zx", "record_payment", "{\"fields\": {\"fine\": 600000, \"paid_amount\": 1500000,"
               " \"paid_on\": \"@today\", \"days_late\": 40, \"late_fine\": 720000}}", 400,
               "guard.amount_within@late_fine guard.late_fine@late_fine");
  {
    /* 6000.00 × 3% × 2 days = 360.00 */
    static const E2eStep paid = { "settlement_zx", "record_payment", "{\"fields\": {\"fine\": 600000, \"paid_amount\": 936000,"
                                  " \"paid_on\": \"@today\", \"days_late\": 2, \"late_fine\": 36000}}", "executed", NULL, "-payment" };

    e2e_step (c, &paid);
  }
}

int
main (int   argc,
      char *argv[])
{
  e2e_init (&argc, &argv);
  g_test_add_func ("/e2e/1-1", test_11);
  g_test_add_func ("/e2e/1-1-bad", test_11_bad);
  g_test_add_func ("/e2e/1-1-hearing-host", test_11_hearing_host);
  g_test_add_func ("/e2e/1-1-hearing-notice", test_11_hearing_notice);
  g_test_add_func ("/e2e/1-1-hearing-days", test_11_hearing_days);
  g_test_add_func ("/e2e/1-1-service-days", test_11_service_days);
  g_test_add_func ("/e2e/1-1-extension", test_11_extension);
  g_test_add_func ("/e2e/1-2", test_12);
  g_test_add_func ("/e2e/1-2-bad", test_12_bad);
  g_test_add_func ("/e2e/1-2-recusal", test_12_recusal);
  g_test_add_func ("/e2e/1-2-notified-fine", test_12_notified_fine);
  g_test_add_func ("/e2e/1-3", test_13);
  g_test_add_func ("/e2e/1-3-bad", test_13_bad);
  g_test_add_func ("/e2e/1-3-late-fine", test_13_late_fine);
  return e2e_run ();
}
