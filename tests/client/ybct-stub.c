/* ybct-stub.c: the in-process stand-in server of ybct-stub.h. */
#include "ybct-stub.h"

#include <string.h>

typedef struct {
  guint  status;
  char  *content_type;
  char  *body;
  char  *headers;
} Answer;

struct _YbctStub {
  SoupServer *server;
  char       *url;
  GHashTable *answers;  /* "METHOD PATH" → Answer* */
  GHashTable *once;     /* "METHOD PATH" → GQueue of Answer* */
  GPtrArray  *requests; /* YbctRequest* */
};

static void
answer_free (gpointer data)
{
  Answer *answer = data;

  g_free (answer->content_type);
  g_free (answer->body);
  g_free (answer->headers);
  g_free (answer);
}

static void
queue_free (gpointer data)
{
  g_queue_free_full (data, answer_free);
}

static void
request_free (gpointer data)
{
  YbctRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  g_free (request->authorization);
  g_free (request->idempotency_key);
  g_free (request->if_match);
  g_free (request->body);
  g_free (request);
}

static Answer *
answer_new (guint       status,
            const char *content_type,
            const char *body,
            const char *headers)
{
  Answer *answer = g_new0 (Answer, 1);

  answer->status = status;
  answer->content_type = g_strdup (content_type);
  answer->body = g_strdup (body ? body : "");
  answer->headers = g_strdup (headers);
  return answer;
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  YbctStub *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  YbctRequest *request = g_new0 (YbctRequest, 1);
  g_autofree char *key = NULL;
  g_autofree Answer *once_answer = NULL;
  GQueue *queue;
  const Answer *answer;

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_uri_get_query (uri)
                  ? g_strconcat (path, "?", g_uri_get_query (uri), NULL)
                  : g_strdup (path);
  request->authorization = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                   "Authorization"));
  request->idempotency_key = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                     "Idempotency-Key"));
  request->if_match = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                              "If-Match"));
  request->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_ptr_array_add (self->requests, request);

  key = g_strdup_printf ("%s %s", request->method, request->path);
  queue = g_hash_table_lookup (self->once, key);
  if (queue != NULL && !g_queue_is_empty (queue))
    {
      answer = once_answer = g_queue_pop_head (queue);
    }
  else
    answer = g_hash_table_lookup (self->answers, key);

  if (answer == NULL)
    {
      static const char not_found[] =
        "{\"type\":\"about:blank\",\"title\":\"未找到\",\"status\":404,\"code\":\"not_found\"}";
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "application/problem+json", SOUP_MEMORY_STATIC,
                                        not_found, strlen (not_found));
      return;
    }

  soup_server_message_set_status (msg, answer->status, NULL);
  if (answer->headers != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (answer->headers, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *colon = strchr (lines[i], ':');

          if (colon == NULL)
            continue;
          *colon = '\0';
          soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                       g_strstrip (lines[i]), g_strstrip (colon + 1));
        }
    }
  if (answer->status != 204)
    soup_server_message_set_response (msg, answer->content_type ? answer->content_type : "application/json",
                                      SOUP_MEMORY_COPY, answer->body, strlen (answer->body));
  if (once_answer != NULL)
    {
      answer_free (g_steal_pointer (&once_answer));
    }
}

YbctStub *
ybct_stub_new (void)
{
  YbctStub *self = g_new0 (YbctStub, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->server = soup_server_new (NULL, NULL);
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, answer_free);
  self->once = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, queue_free);
  self->requests = g_ptr_array_new_with_free_func (request_free);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("stub server: %s", error->message);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

void
ybct_stub_free (YbctStub *self)
{
  if (self == NULL)
    return;
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_hash_table_unref (self->answers);
  g_hash_table_unref (self->once);
  g_ptr_array_unref (self->requests);
  g_free (self->url);
  g_free (self);
}

const char *
ybct_stub_get_url (YbctStub *self)
{
  return self->url;
}

void
ybct_stub_set (YbctStub   *self,
               const char *method,
               const char *path,
               guint       status,
               const char *content_type,
               const char *body,
               const char *headers)
{
  g_hash_table_replace (self->answers, g_strdup_printf ("%s %s", method, path),
                        answer_new (status, content_type, body, headers));
}

void
ybct_stub_set_once (YbctStub   *self,
                    const char *method,
                    const char *path,
                    guint       status,
                    const char *content_type,
                    const char *body)
{
  g_autofree char *key = g_strdup_printf ("%s %s", method, path);
  GQueue *queue = g_hash_table_lookup (self->once, key);

  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (self->once, g_steal_pointer (&key), queue);
    }
  g_queue_push_tail (queue, answer_new (status, content_type, body, NULL));
}

GPtrArray *
ybct_stub_get_requests (YbctStub *self)
{
  return self->requests;
}

const YbctRequest *
ybct_stub_find_last (YbctStub   *self,
                     const char *method,
                     const char *path)
{
  for (guint i = self->requests->len; i > 0; i--)
    {
      const YbctRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (g_str_equal (request->method, method) && g_str_equal (request->path, path))
        return request;
    }
  return NULL;
}

/* ------------------------------------------------------------------------- data */

#define USER_JSON \
  "{\"id\":7,\"username\":\"clerk\",\"display_name\":\"王丽娜\",\"region_code\":\"130133\"," \
  "\"region_name\":\"赵县\",\"bureau\":\"赵县医疗保障局\"," \
  "\"department\":{\"code\":\"employee\",\"name\":\"职工综合科\"},\"roles\":[\"clerk\",\"chief\"]}"

static const char catalogue_json[] =
  "{\"region_code\":\"130133\",\"region_name\":\"赵县\",\"bureau\":\"赵县医疗保障局\","
  "\"categories\":["
  "{\"code\":\"5\",\"name\":\"行政确认\",\"items\":["
  "{\"code\":\"5-1\",\"name\":\"单位参保登记\",\"full_name\":\"单位参保登记\","
  "\"department\":{\"code\":\"employee\",\"name\":\"职工综合科\"}},"
  "{\"code\":\"5-2\",\"name\":\"职工参保登记\",\"full_name\":\"基本医疗保险参保和变更登记（主项）--职工参保登记（子项）\","
  "\"department\":{\"code\":\"employee\",\"name\":\"职工综合科\"}}]},"
  "{\"code\":\"6\",\"name\":\"其他权力\",\"items\":["
  "{\"code\":\"6-1\",\"name\":\"参保人员医疗费用手工（零星）报销\","
  "\"department\":{\"code\":\"center\",\"name\":\"医保中心\"}}]}]}";

static const char item_json[] =
  "{\"region_code\":\"130133\",\"code\":\"5-2\",\"category\":\"5\",\"category_name\":\"行政确认\","
  "\"name\":\"职工参保登记\",\"full_name\":\"基本医疗保险参保和变更登记（主项）--职工参保登记（子项）\","
  "\"parent\":\"基本医疗保险参保和变更登记\","
  "\"sub_items\":[{\"code\":\"in_service\",\"name\":\"在职职工\"},{\"code\":\"flexible\",\"name\":\"灵活就业人员\"}],"
  "\"legal_basis\":\"《社会保险法》第五十八条\\n第二段\",\"responsibilities\":\"受理责任\",\"accountability\":\"追责情形\","
  "\"time_limit\":{\"kind\":\"working_days\",\"days\":5,\"text\":\"5个工作日\","
  "\"by_set\":{\"flexible\":{\"kind\":\"on_the_spot\",\"text\":\"即时办结\"}}},"
  "\"materials\":["
  "{\"id\":\"reg_form\",\"name\":\"《职工基本医疗保险参保登记表》\",\"original\":true,\"copy\":false,\"seal\":true,\"copies\":2,\"note\":\"含增加、中断\"},"
  "{\"id\":\"identity\",\"name\":\"身份凭证\",\"any_of\":["
  "{\"id\":\"e_voucher\",\"name\":\"医保电子凭证\"},{\"id\":\"id_card\",\"name\":\"有效身份证件\"},{\"id\":\"ss_card\",\"name\":\"社保卡\"}]}],"
  "\"material_sets\":[{\"id\":\"in_service\",\"name\":\"在职职工\",\"materials\":[\"reg_form\",\"identity\"]},"
  "{\"id\":\"flexible\",\"name\":\"灵活就业人员\",\"materials\":[\"id_card\"]}],"
  "\"steps\":[{\"id\":\"accept\",\"name\":\"资料受理\",\"role\":\"clerk\",\"text\":\"随来随受理\"},"
  "{\"id\":\"review\",\"name\":\"复核\",\"role\":\"chief\",\"text\":\"复核通过，办结\"}],"
  "\"phones\":[{\"number\":\"87291551\",\"label\":\"职工\"}],\"supervision_phone\":null,"
  "\"department\":{\"code\":\"employee\",\"name\":\"职工综合科\",\"phone\":\"87291551\",\"supervision_phone\":\"87291560\"}}";

void
ybct_stub_add_happy_routes (YbctStub *self)
{
  ybct_stub_set (self, "POST", "/api/v1/sessions", 201, "application/json",
                 "{\"token\":\"stub-token\",\"expires_at\":\"2026-11-25T21:00:00Z\",\"user\":" USER_JSON "}",
                 NULL);
  ybct_stub_set (self, "DELETE", "/api/v1/sessions", 204, NULL, NULL, NULL);
  ybct_stub_set (self, "GET", "/api/v1/me", 200, "application/json", USER_JSON, NULL);
  ybct_stub_set (self, "GET", "/api/v1/catalogue", 200, "application/json", catalogue_json, NULL);
  ybct_stub_set (self, "GET", "/api/v1/catalogue/130133/5-2", 200, "application/json", item_json, NULL);
}
