/* ybs-error.c: status, problem code and Chinese title for each server error. */
#include "ybs-error.h"

G_DEFINE_QUARK (ybs-error-quark, ybs_error)

static const struct {
  guint       status;
  const char *code;
  const char *title;
} error_table[] = {
  [YBS_ERROR_BAD_REQUEST]        = { 400, "request.invalid",      "请求有误" },
  [YBS_ERROR_UNAUTHORIZED]       = { 401, "auth.required",        "需要登录" },
  [YBS_ERROR_FORBIDDEN]          = { 403, "auth.forbidden",       "没有权限" },
  [YBS_ERROR_NOT_FOUND]          = { 404, "not_found",            "未找到" },
  [YBS_ERROR_METHOD_NOT_ALLOWED] = { 405, "method_not_allowed",   "不支持该请求方法" },
  [YBS_ERROR_CONFLICT]           = { 409, "conflict",             "与现有数据冲突" },
  [YBS_ERROR_LENGTH_REQUIRED]    = { 411, "request.length_required", "请求须带 Content-Length" },
  [YBS_ERROR_PRECONDITION]       = { 412, "version.stale",        "数据已被他人修改，请刷新后重试" },
  [YBS_ERROR_TOO_LARGE]          = { 413, "request.too_large",    "请求内容过大" },
  [YBS_ERROR_UNSUPPORTED_TYPE]   = { 415, "request.content_type", "请求内容类型不受支持" },
  [YBS_ERROR_UNPROCESSABLE]      = { 422, "request.unprocessable","请求无法处理" },
  [YBS_ERROR_LOCKED]             = { 423, "auth.locked",          "账户已被临时锁定" },
  [YBS_ERROR_PRECONDITION_REQUIRED] = { 428, "version.required", "修改须带 If-Match（办件版本号），以免覆盖他人的修改" },
  [YBS_ERROR_TOO_MANY]           = { 429, "rate_limited",         "请求过于频繁，请稍后再试" },
  [YBS_ERROR_INTERNAL]           = { 500, "internal",             "服务器内部错误" },
  [YBS_ERROR_UNAVAILABLE]        = { 503, "db.unavailable",       "数据库暂时不可用，请稍后重试" },
};

guint
ybs_error_http_status (YbsErrorCode code)
{
  g_return_val_if_fail (code <= YBS_ERROR_UNAVAILABLE, 500);
  return error_table[code].status;
}

const char *
ybs_error_problem_code (YbsErrorCode code)
{
  g_return_val_if_fail (code <= YBS_ERROR_UNAVAILABLE, "internal");
  return error_table[code].code;
}

const char *
ybs_error_title (YbsErrorCode code)
{
  g_return_val_if_fail (code <= YBS_ERROR_UNAVAILABLE, "服务器内部错误");
  return error_table[code].title;
}
