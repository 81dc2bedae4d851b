/* yb-party.c: checking a case's party. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-ids.h"
#include "yb-party.h"

static const char *
member_text (JsonObject *obj,
             const char *name,
             YbProblems *problems,
             const char *field)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      yb_problems_add (problems, "field.type", field, "“%s”应为文本", field);
      return NULL;
    }
  return json_node_get_string (node);
}

gboolean
yb_party_check (JsonObject  *party,
                const GDate *today,
                YbProblems  *problems)
{
  guint before = yb_problems_get_len (problems);
  const char *kind, *name, *id_number, *phone;

  if (party == NULL)
    {
      yb_problems_add (problems, "field.required", "party", "缺少当事人信息");
      return FALSE;
    }
  kind = member_text (party, "kind", problems, "party.kind");
  name = member_text (party, "name", problems, "party.name");
  id_number = member_text (party, "id_number", problems, "party.id_number");
  phone = member_text (party, "phone", problems, "party.phone");

  if (name == NULL || *g_strstrip ((char *) name) == '\0')
    yb_problems_add (problems, "field.required", "party.name", "请填写当事人姓名或名称");
  else if (g_utf8_strlen (name, -1) > 100)
    yb_problems_add (problems, "field.too_long", "party.name", "当事人姓名或名称不能超过 100 个字");

  if (g_strcmp0 (kind, "person") == 0)
    {
      if (id_number == NULL || *id_number == '\0')
        yb_problems_add (problems, "field.required", "party.id_number", "请填写身份证号码");
      else
        yb_resident_id_validate (id_number, today, NULL, problems, "party.id_number");
    }
  else if (g_strcmp0 (kind, "unit") == 0 || g_strcmp0 (kind, "institution") == 0)
    {
      if (id_number == NULL || *id_number == '\0')
        yb_problems_add (problems, "field.required", "party.id_number", "请填写统一社会信用代码");
      else
        yb_credit_code_validate (id_number, problems, "party.id_number");
    }
  else if (g_strcmp0 (kind, "none") != 0)
    yb_problems_add (problems, "field.choice", "party.kind", "当事人类型应为个人、单位、医药机构或无");

  if (phone != NULL && *phone != '\0')
    yb_mobile_validate (phone, problems, "party.phone");

  return yb_problems_get_len (problems) == before;
}
