/* ybct-stub.h: a stand-in yibao server inside the test process (a SoupServer on the
 * test's main context, on a free loopback port). Each route answers what the test told
 * it to, and the stub records what it was asked, so tests can drive the client through
 * answers a real server gives rarely (503, 423, malformed JSON, field errors). */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _YbctStub YbctStub;

typedef struct {
  char *method;
  char *path;
  char *authorization;   /* NULL when none was sent */
  char *idempotency_key; /* NULL when none was sent */
  char *if_match;        /* NULL when none was sent */
  char *body;
} YbctRequest;

YbctStub   *ybct_stub_new          (void);
void        ybct_stub_free         (YbctStub   *self);
/* "http://127.0.0.1:PORT" */
const char *ybct_stub_get_url      (YbctStub   *self);
/* What METHOD PATH answers from now on (replacing an earlier answer); @headers is
 * NULL or "Name: value" lines separated by \n. Unknown routes answer 404. */
void        ybct_stub_set          (YbctStub   *self,
                                    const char *method,
                                    const char *path,
                                    guint       status,
                                    const char *content_type,
                                    const char *body,
                                    const char *headers);
/* Answers once with the given status, then falls back to what ybct_stub_set said. */
void        ybct_stub_set_once     (YbctStub   *self,
                                    const char *method,
                                    const char *path,
                                    guint       status,
                                    const char *content_type,
                                    const char *body);
/* The requests received so far (YbctRequest*), oldest first. */
GPtrArray  *ybct_stub_get_requests (YbctStub   *self);
const YbctRequest *ybct_stub_find_last (YbctStub   *self,
                                        const char *method,
                                        const char *path);

/* A stub that answers like a small but complete server: a login (any credentials),
 * /me, a catalogue of two categories and three items, and item 5-2. */
void        ybct_stub_add_happy_routes (YbctStub *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbctStub, ybct_stub_free)

G_END_DECLS
