/* test-e2e-approvals.c: the long approval chains end to end: 6-7 designation of
 * institutions, 6-9 pricing, 6-10 commercial insurers.
 *
 * DOMAIN §5: 6-7 accept (incomplete: return for correction) → material review → on-site
 * inspection → expert evaluation → publish → training and exam, network test, agreement
 * negotiation → sign the agreement. 6-9 preliminary review → section opinion → joint
 * review → third-party cost survey → draft plan → deputy approval → director review →
 * party group → formal document. 6-10 立项 → 起草 → 审查 → 招标公布 → 解释备案. */
#include "e2e.h"

#define REASON(text) "{\"reason\": \"" text "\"}"

/* ------------------------------------------------------------------------------ 6-7 */

#define HOSPITAL_67 "{\"kind\": \"institution\", \"name\": \"赵县中医院\", \"id_number\": \"12130133400000002E\", \"phone\": \"13931100031\"}"
#define FIELDS_67(code, type) "\"fields\": {\"institution_name\": \"赵县中医院\", \"institution_credit_code\": \"" code "\"," \
                              " \"institution_type\": \"" type "\", \"institution_address\": \"赵县永通路88号\"," \
                              " \"legal_representative\": \"马建平\", \"contact_mobile\": \"13931100031\"}"
#define ACCEPT_67 "{" FIELDS_67 ("12130133400000002E", "二级医疗机构") ", \"materials\": [{\"id\": \"application\", \"original\": true}]}"
#define VISIT_67(second) "{\"fields\": {\"visited_on\": \"@today\", \"findings\": \"科室设置、人员资质与申报一致\"," \
                         " \"second_officer\": " second "}}"
#define SIGN_67 "{\"fields\": {\"agreement_no\": \"赵医保协〔2026〕21号\", \"valid_from\": \"@today\", \"valid_to\": \"@today+1095\"}}"

static const E2eStep walk_67[] = {
  { "clerk_zx", "accept", ACCEPT_67, "accepted", "acceptance_notice", NULL },
  { "chief_zx", "review_materials", "{\"fields\": {\"review_opinion\": \"申请材料齐全\"}}", "materials_reviewed", NULL, NULL },
  { "inspector_zx", "site_visit", VISIT_67 ("@inspector2_zx"), "site_visited", NULL, NULL },
  { "chief_zx", "expert_evaluation", "{\"fields\": {\"evaluated_on\": \"@today\", \"experts\": \"王教授、李主任、张药师\","
    " \"evaluation\": \"综合评分86分，建议纳入\"}}", "evaluated", NULL, NULL },
  { "chief_zx", "publish_result", "{\"fields\": {\"published_on\": \"@today\", \"publication\": \"赵县医疗保障局门户网站\"}}",
    "published", NULL, NULL },
  { "clerk2_zx", "pass_training", "{\"fields\": {\"exam_on\": \"@today\", \"score\": 92}}", "trained", NULL, NULL },
  { "clerk_zx", "pass_network_test", "{\"fields\": {\"tested_on\": \"@today\"}}", "network_tested", NULL, NULL },
  { "chief_zx", "negotiate", "{\"fields\": {\"negotiation_summary\": \"按市级协议范本签订，约定住院次均费用控制指标\"}}",
    "negotiated", NULL, NULL },
  { "leader_zx", "sign_agreement", SIGN_67, "designated", "service_agreement", NULL },
};

static void
test_67 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-7", NULL, HOSPITAL_67, "submitted");

  E2E_WALK (c, walk_67);
  e2e_assert_closed (c);
}

static void
test_67_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("clerk_zx", "6-7", NULL, HOSPITAL_67, "submitted");
  static const E2eStep notice = { "clerk_zx", "notify_incomplete", "{" FIELDS_67 ("12130133400000002E", "二级医疗机构") "}",
                                  "awaiting_correction", "one_time_notice", NULL };
  static const E2eStep accept = { "clerk2_zx", "accept", ACCEPT_67, "accepted", "acceptance_notice", NULL };
  static const E2eStep refuse = { "chief_zx", "not_designate", REASON ("现场考察发现住院病区尚未启用，不符合定点条件"),
                                  "not_designated", "refusal_notice", NULL };

  e2e_refused (c, "clerk_zx", "accept", "{" FIELDS_67 ("12130133400000002F", "诊所") "}", 400,
               "credit_code.checksum@institution_credit_code field.choice@institution_type material.missing@application");
  e2e_step (c, &notice);
  e2e_assert_notice (c, "material.missing@application");
  e2e_step (c, &accept);
  e2e_refused (c, "clerk_zx", "review_materials", NULL, 403, "action.role@");
  e2e_step (c, &walk_67[1]);
  /* an on-site inspection is two inspectors */
  e2e_refused (c, "inspector_zx", "site_visit", "{\"fields\": {\"visited_on\": \"@today\", \"findings\": \"f\"}}", 400,
               "officers.second_missing@second_officer");
  e2e_refused (c, "inspector_zx", "site_visit", VISIT_67 ("@inspector_zx"), 400, "officers.same_person@second_officer");
  e2e_refused (c, "inspector_zx", "site_visit", VISIT_67 ("@chief_zx"), 400, "officers.second_role@second_officer");
  e2e_step (c, &walk_67[2]);
  e2e_refused (c, "leader_zx", "sign_agreement", SIGN_67, 409, "action.not_from_state@");
  e2e_refused (c, "chief_zx", "not_designate", NULL, 400, "reason.required@reason");
  e2e_step (c, &refuse);
  e2e_assert_closed (c);
}

/* ------------------------------------------------------------------------------ 6-9 */

#define HOSPITAL_69 "{\"kind\": \"institution\", \"name\": \"赵县医院\", \"id_number\": \"12130133400000001B\"}"
#define PLAN_69 "{\"fields\": {\"plan\": \"经皮冠状动脉介入治疗定价2800元/次，分三年调整到位\"}}"

static const E2eStep walk_69[] = {
  { "chief_zx", "preliminary_review", "{\"fields\": {\"institution_name\": \"赵县医院\", \"items\": \"新增经皮冠状动脉介入治疗等3项\","
    " \"preliminary_opinion\": \"属于县级定价权限\"}}", "preliminary_done", NULL, NULL },
  { "chief_zx", "section_opinion", "{\"fields\": {\"opinion\": \"建议受理\"}}", "opinion_given", NULL, NULL },
  { "chief_zx", "joint_review", "{\"fields\": {\"reviewed_on\": \"@today\", \"result\": \"县卫健委同意\"}}", "jointly_reviewed", NULL, NULL },
  { "chief_zx", "commission_cost_survey", "{\"fields\": {\"third_party\": \"河北正信会计师事务所\", \"commissioned_on\": \"@today\"}}",
    "cost_survey", NULL, NULL },
  { "chief_zx", "receive_cost_survey", "{\"fields\": {\"received_on\": \"@today\", \"summary\": \"单次成本约3100元\"}}",
    "surveyed", NULL, NULL },
  { "chief_zx", "draft_plan", PLAN_69, "drafted", NULL, NULL },
  { "leader_zx", "deputy_approve", NULL, "deputy_approved", NULL, NULL },
  { "leader2_zx", "director_approve", NULL, "director_approved", NULL, NULL },
  { "leader_zx", "party_group_approve", "{\"fields\": {\"meeting_on\": \"@today\", \"minutes_no\": \"赵医保党纪〔2026〕15号\"}}",
    "party_group_approved", NULL, NULL },
  { "chief_zx", "issue_document", "{\"fields\": {\"document_no\": \"赵医保发〔2026〕15号\", \"issued_on\": \"@today\","
    " \"effective_on\": \"@today+30\"}}", "issued", NULL, NULL },
};

static void
test_69 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "6-9", NULL, HOSPITAL_69, "applied");

  E2E_WALK (c, walk_69);
  e2e_assert_closed (c);
}

/* The deputy and the director are two people; the plan goes back for revision. */
static void
test_69_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "6-9", NULL, HOSPITAL_69, "applied");
  static const E2eStep revise = { "leader2_zx", "return_for_revision", REASON ("分年调整幅度过大"), "surveyed", NULL, NULL };
  static const E2eStep reject = { "leader_zx", "reject", REASON ("该项目已列入省级统一定价目录，不予县级定价"), "rejected", NULL, NULL };

  E2E_WALK_TO (c, walk_69, 6);
  e2e_refused (c, "chief_zx", "deputy_approve", NULL, 400, "action.distinct@ action.role@");
  e2e_step (c, &walk_69[6]);
  e2e_refused (c, "leader_zx", "director_approve", NULL, 400, "action.distinct@");
  e2e_refused (c, "leader2_zx", "return_for_revision", NULL, 400, "reason.required@reason");
  e2e_step (c, &revise);
  e2e_walk (c, walk_69 + 5, 3);
  e2e_refused (c, "leader_zx", "party_group_return", NULL, 400, "reason.required@reason field.required@meeting_on");
  e2e_step (c, &reject);
  e2e_assert_closed (c);
}

/* ------------------------------------------------------------------------------ 6-10 */

#define PROJECT_610 "{\"kind\": \"none\", \"name\": \"2027年度城乡居民大病保险承办项目\"}"
#define AWARD_610(code) "{\"fields\": {\"insurer_name\": \"中国人寿保险股份有限公司石家庄分公司\", \"insurer_credit_code\": \"" code "\"," \
                        " \"awarded_on\": \"@today\"}}"
#define APPROVE_610 "{\"fields\": {\"project\": \"2027年度城乡居民大病保险承办\", \"problems\": \"现承办合同年底到期\"}}"

static const E2eStep walk_610[] = {
  { "leader_zx", "approve_project", APPROVE_610, "project_approved", NULL, NULL },
  { "chief_zx", "draft", "{\"fields\": {\"draft_summary\": \"承办范围、筹资标准、赔付率调节机制\"}}", "drafted", NULL, NULL },
  { "chief_zx", "submit_review", "{\"fields\": {\"reviewers\": \"县财政局、县审计局\"}}", "under_review", NULL, NULL },
  { "leader_zx", "review_pass", NULL, "reviewed", NULL, NULL },
  { "leader_zx", "publish_tender", "{\"fields\": {\"published_on\": \"@today\", \"tender_no\": \"ZXCG-2026-045\"}}", "tendering", NULL, NULL },
  { "leader_zx", "award", AWARD_610 ("91110000600037341L"), "awarded", NULL, NULL },
  { "chief_zx", "interpret_and_file", "{\"fields\": {\"filing_no\": \"赵医保备〔2026〕3号\", \"interpretation\": \"由待遇保障科负责解释\"}}",
    "filed", NULL, NULL },
};

static void
test_610 (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "6-10", NULL, PROJECT_610, "proposed");

  E2E_WALK (c, walk_610);
  e2e_assert_closed (c);
}

static void
test_610_bad (void)
{
  g_autoptr(E2eCase) c = e2e_create ("chief_zx", "6-10", NULL, PROJECT_610, "proposed");
  static const E2eStep back = { "leader_zx", "review_return", REASON ("财政部门要求补充资金测算"), "project_approved", NULL, NULL };
  static const E2eStep failed = { "leader_zx", "tender_failed", REASON ("投标人不足三家，流标"), "project_approved", NULL, NULL };
  static const E2eStep cancel = { "leader_zx", "cancel", REASON ("上级决定由市医保中心统一招标"), "cancelled", NULL, NULL };

  e2e_refused (c, "chief_zx", "approve_project", APPROVE_610, 403, "action.role@");
  E2E_WALK_TO (c, walk_610, 3);
  e2e_refused (c, "chief_zx", "review_pass", NULL, 400, "action.distinct@ action.role@");
  e2e_refused (c, "leader_zx", "review_return", NULL, 400, "reason.required@reason");
  e2e_step (c, &back);
  e2e_walk (c, walk_610 + 1, 4);
  e2e_refused (c, "leader_zx", "award", AWARD_610 ("91110000600037341X"), 400, "credit_code.checksum@insurer_credit_code");
  e2e_refused (c, "leader_zx", "tender_failed", NULL, 400, "reason.required@reason");
  e2e_refused (c, "leader_zx", "cancel", cancel.body, 409, "action.not_from_state@");
  e2e_step (c, &failed);
  e2e_step (c, &cancel);
  e2e_assert_closed (c);
}

int
main (int   argc,
      char *argv[])
{
  e2e_init (&argc, &argv);
  g_test_add_func ("/e2e/6-7", test_67);
  g_test_add_func ("/e2e/6-7-bad", test_67_bad);
  g_test_add_func ("/e2e/6-9", test_69);
  g_test_add_func ("/e2e/6-9-bad", test_69_bad);
  g_test_add_func ("/e2e/6-10", test_610);
  g_test_add_func ("/e2e/6-10-bad", test_610_bad);
  return e2e_run ();
}
