/* ybs-connections.c: accepting client connections for SoupServer.
 *
 * SoupServer 3.2 (Debian 12) is left three things it does badly:
 *
 * - Its listener leaks the GSocket of every connection it accepts, and accepts one
 *   connection per main-loop turn. Here a source above SoupServer's priority accepts in
 *   batches and hands each connection over with soup_server_accept_iostream(). The
 *   listening socket is still given to soup_server_listen_socket(), because SoupServer
 *   keeps a connection alive only while it has a listener of its own; that listener
 *   never gets to accept anything, since the main loop dispatches only the
 *   highest-priority ready sources and ours drains the queue first.
 *
 * - It has no cap on connections and no idle timeout. Here connections over
 *   [server] max_connections are closed as they come, and a timer closes those that
 *   have not completed a request for [server] idle_timeout_seconds (shutdown() on our
 *   side, which SoupServer notices and cleans up after).
 *
 * - When a client closes a kept-alive connection between two requests (end-of-file or
 *   a reset where the next request would start), SoupServer 3.2 never lets go of it:
 *   the descriptor stays in CLOSE-WAIT and a few KiB stay allocated, for every such
 *   connection, for good (fixed upstream in libsoup 3.3, commit d20c6601). The stream
 *   handed to SoupServer therefore watches for exactly that moment and, instead of the
 *   end-of-file, gives SoupServer one last tiny HTTP/1.0 request, which it does see
 *   through to the end and then drops the connection as it should. The dispatcher
 *   recognises that request (ybs_connections_is_farewell) and answers nothing.
 *
 * SoupServer tells about requests by message, and a message tells which connection it
 * is on only by its remote address, which is the very GSocketAddress given to it here:
 * that object is the key of the table.
 */
#define G_LOG_DOMAIN "yibao-server"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "ybs-connections.h"

typedef struct _Conn Conn;

struct _YbsConnections {
  SoupServer      *soup;
  const YbsConfig *config;
  GSocket         *listener;
  GSource         *accept_source;
  guint            accept_pause;
  guint            idle_source;
  GHashTable      *conns;       /* remote GSocketAddress* → Conn* */
  gboolean         refusing;
  gint64           last_refusal_log;
  guint64          refused;
  guint64          idle_closed;
  guint64          farewells;
};

struct _Conn {
  YbsConnections    *owner;
  GIOStream         *stream;    /* weak: SoupServer owns it */
  GSocket           *socket;    /* borrowed from the stream */
  GSocketAddress    *remote;    /* owned; the key */
  gint64             idle_since; /* monotonic µs; 0 while a request is being answered */
  guint              busy;      /* requests read and not yet answered */
  gboolean           closing;
  gboolean           between;   /* an answer went out and no byte of a next request came */
  gboolean           farewell;  /* the stand-in request was given */
};

/* ------------------------------------------------------------------------------------ */
/* the stream SoupServer reads from                                                     */

/* Reads pass through, except that an end-of-file or a reset where the next request
 * would start becomes the farewell request (once), then end-of-file. */
#define CLIENT_TYPE_INPUT (client_input_get_type ())
G_DECLARE_FINAL_TYPE (ClientInput, client_input, CLIENT, INPUT, GInputStream)

struct _ClientInput {
  GInputStream  parent_instance;
  GInputStream *base;
  Conn         *conn;          /* NULL once the connection is forgotten */
  guint         farewell_state; /* 0 none, 1 given, 2 end-of-file given after it */
};

static const char farewell_request[] = "GET /-/gone HTTP/1.0\r\n\r\n";

static void client_input_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_TYPE_WITH_CODE (ClientInput, client_input, G_TYPE_INPUT_STREAM,
                         G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM, client_input_pollable_init))

static gssize
client_input_filter (ClientInput *self,
                     gssize       n,
                     GError      *error,      /* takes */
                     void        *buffer,
                     gsize        count,
                     GError     **out_error)
{
  gboolean gone = n == 0 || (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK) &&
                             !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));

  if (n > 0)
    {
      if (self->conn != NULL)
        self->conn->between = FALSE;
      return n;
    }
  if (gone && self->conn != NULL && self->conn->between && self->farewell_state == 0 &&
      count >= sizeof farewell_request - 1)
    {
      g_clear_error (&error);
      memcpy (buffer, farewell_request, sizeof farewell_request - 1);
      self->farewell_state = 1;
      self->conn->farewell = TRUE;
      self->conn->owner->farewells++;
      return sizeof farewell_request - 1;
    }
  if (error != NULL)
    {
      g_propagate_error (out_error, error);
      return -1;
    }
  return n;
}

static gssize
client_input_read (GInputStream  *stream,
                   void          *buffer,
                   gsize          count,
                   GCancellable  *cancellable,
                   GError       **error)
{
  ClientInput *self = (ClientInput *) stream;
  GError *local = NULL;
  gssize n;

  if (self->farewell_state == 1)
    {
      self->farewell_state = 2;
      return 0;
    }
  n = g_input_stream_read (self->base, buffer, count, cancellable, &local);
  return client_input_filter (self, n, local, buffer, count, error);
}

static gssize
client_input_read_nonblocking (GPollableInputStream *stream,
                               void                 *buffer,
                               gsize                 count,
                               GError              **error)
{
  ClientInput *self = (ClientInput *) stream;
  GError *local = NULL;
  gssize n;

  if (self->farewell_state == 1)
    {
      self->farewell_state = 2;
      return 0;
    }
  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (self->base), buffer, count, NULL, &local);
  return client_input_filter (self, n, local, buffer, count, error);
}

static gboolean
client_input_close (GInputStream  *stream,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return TRUE;   /* the socket closes with the GSocketConnection */
}

static gboolean
client_input_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
client_input_is_readable (GPollableInputStream *stream)
{
  ClientInput *self = (ClientInput *) stream;

  return self->farewell_state == 1 || g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (self->base));
}

static GSource *
client_input_create_source (GPollableInputStream *stream,
                            GCancellable         *cancellable)
{
  ClientInput *self = (ClientInput *) stream;
  g_autoptr(GSource) base = NULL;

  if (self->farewell_state == 1)
    base = g_timeout_source_new (0);
  else
    base = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (self->base), NULL);
  return g_pollable_source_new_full (stream, base, cancellable);
}

static void
client_input_finalize (GObject *object)
{
  ClientInput *self = (ClientInput *) object;

  g_clear_object (&self->base);
  G_OBJECT_CLASS (client_input_parent_class)->finalize (object);
}

static void
client_input_init (ClientInput *self)
{
}

static void
client_input_class_init (ClientInputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = client_input_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = client_input_read;
  G_INPUT_STREAM_CLASS (klass)->close_fn = client_input_close;
}

static void
client_input_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = client_input_can_poll;
  iface->is_readable = client_input_is_readable;
  iface->create_source = client_input_create_source;
  iface->read_nonblocking = client_input_read_nonblocking;
}

/* The pair: our input, the connection's own output; closing closes the connection. */
#define CLIENT_TYPE_STREAM (client_stream_get_type ())
G_DECLARE_FINAL_TYPE (ClientStream, client_stream, CLIENT, STREAM, GIOStream)

struct _ClientStream {
  GIOStream     parent_instance;
  GIOStream    *base;
  ClientInput  *input;
};

G_DEFINE_TYPE (ClientStream, client_stream, G_TYPE_IO_STREAM)

static GInputStream *
client_stream_get_input (GIOStream *stream)
{
  return G_INPUT_STREAM (((ClientStream *) stream)->input);
}

static GOutputStream *
client_stream_get_output (GIOStream *stream)
{
  return g_io_stream_get_output_stream (((ClientStream *) stream)->base);
}

static gboolean
client_stream_close (GIOStream     *stream,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return g_io_stream_close (((ClientStream *) stream)->base, cancellable, error);
}

static void
on_base_closed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_io_stream_close_finish (G_IO_STREAM (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Not the default, which would close the socket from another thread. */
static void
client_stream_close_async (GIOStream           *stream,
                           int                  io_priority,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_io_stream_close_async (((ClientStream *) stream)->base, io_priority, cancellable, on_base_closed,
                           g_task_new (stream, cancellable, callback, user_data));
}

static gboolean
client_stream_close_finish (GIOStream     *stream,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
client_stream_finalize (GObject *object)
{
  ClientStream *self = (ClientStream *) object;

  g_clear_object (&self->input);
  g_clear_object (&self->base);
  G_OBJECT_CLASS (client_stream_parent_class)->finalize (object);
}

static void
client_stream_init (ClientStream *self)
{
}

static void
client_stream_class_init (ClientStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = client_stream_finalize;
  G_IO_STREAM_CLASS (klass)->get_input_stream = client_stream_get_input;
  G_IO_STREAM_CLASS (klass)->get_output_stream = client_stream_get_output;
  G_IO_STREAM_CLASS (klass)->close_fn = client_stream_close;
  G_IO_STREAM_CLASS (klass)->close_async = client_stream_close_async;
  G_IO_STREAM_CLASS (klass)->close_finish = client_stream_close_finish;
}

static ClientStream *
client_stream_new (GIOStream *base)
{
  ClientStream *self = g_object_new (CLIENT_TYPE_STREAM, NULL);

  self->base = g_object_ref (base);
  self->input = g_object_new (CLIENT_TYPE_INPUT, NULL);
  self->input->base = g_object_ref (g_io_stream_get_input_stream (base));
  return self;
}

/* ------------------------------------------------------------------------------------ */
/* the table                                                                            */

static void
conn_free (Conn *conn)
{
  ClientStream *stream = (ClientStream *) conn->stream;

  if (stream != NULL)
    stream->input->conn = NULL;
  g_object_unref (conn->remote);
  g_free (conn);
}

static void
on_stream_finalized (gpointer data,
                     GObject *where_the_stream_was)
{
  Conn *conn = data;

  conn->stream = NULL;
  g_hash_table_remove (conn->owner->conns, conn->remote);
  conn_free (conn);
}

static void
forget (YbsConnections *self,
        Conn           *conn)
{
  g_object_weak_unref (G_OBJECT (conn->stream), on_stream_finalized, conn);
  g_hash_table_remove (self->conns, conn->remote);
  conn_free (conn);
}

static Conn *
conn_of (YbsConnections    *self,
         SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote != NULL ? g_hash_table_lookup (self->conns, remote) : NULL;
}

/* Closing both directions wakes SoupServer's pending read with end-of-file, so it drops
 * the connection the way it drops one the client closed. */
static void
conn_close (Conn *conn)
{
  conn->closing = TRUE;
  g_socket_shutdown (conn->socket, TRUE, TRUE, NULL);
}

/* ------------------------------------------------------------------------------------ */
/* accepting                                                                            */

static gboolean on_incoming (GSocket *listener, GIOCondition condition, gpointer user_data);

static void
accept_start (YbsConnections *self)
{
  self->accept_source = g_socket_create_source (self->listener, G_IO_IN, NULL);
  /* above SoupServer's own listener, which must never get to accept (see the top) */
  g_source_set_priority (self->accept_source, G_PRIORITY_DEFAULT - 10);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (on_incoming), self, NULL);
  g_source_attach (self->accept_source, NULL);
}

static void
accept_stop (YbsConnections *self)
{
  g_clear_handle_id (&self->accept_pause, g_source_remove);
  if (self->accept_source != NULL)
    {
      g_source_destroy (self->accept_source);
      g_clear_pointer (&self->accept_source, g_source_unref);
    }
}

static gboolean
on_accept_resume (gpointer user_data)
{
  YbsConnections *self = user_data;

  self->accept_pause = 0;
  accept_start (self);
  return G_SOURCE_REMOVE;
}

static void
refuse (YbsConnections *self,
        GSocket        *socket)
{
  gint64 now = g_get_monotonic_time ();

  self->refused++;
  if (!self->refusing && now - self->last_refusal_log > 10 * G_USEC_PER_SEC)
    {
      g_warning ("max_connections (%u) reached: closing new connections (%" G_GUINT64_FORMAT " so far)",
                 self->config->max_connections, self->refused);
      self->last_refusal_log = now;
    }
  g_socket_close (socket, NULL);
}

static gboolean
on_incoming (GSocket      *listener,
             GIOCondition  condition,
             gpointer      user_data)
{
  YbsConnections *self = user_data;

  /* a batch at a time, so a flood of new connections does not starve the old ones */
  for (guint i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);
      g_autoptr(GSocketConnection) base = NULL;
      g_autoptr(ClientStream) stream = NULL;
      g_autoptr(GSocketAddress) local = NULL;
      GSocketAddress *remote;
      Conn *conn;

      if (socket == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            break;
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES))
            {
              /* out of file descriptors: wait a little instead of spinning */
              g_warning ("cannot accept connections: %s", error->message);
              accept_stop (self);
              self->accept_pause = g_timeout_add (100, on_accept_resume, self);
              return G_SOURCE_REMOVE;
            }
          g_debug ("accept: %s", error->message);
          break;
        }
      if (g_hash_table_size (self->conns) >= self->config->max_connections || self->refusing)
        {
          refuse (self, socket);
          continue;
        }
      local = g_socket_get_local_address (socket, NULL);
      remote = g_socket_get_remote_address (socket, NULL);
      if (local == NULL || remote == NULL)
        {
          /* the client is already gone */
          g_clear_object (&remote);
          g_socket_close (socket, NULL);
          continue;
        }
      g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
      base = g_socket_connection_factory_create_connection (socket);
      stream = client_stream_new (G_IO_STREAM (base));

      conn = g_new0 (Conn, 1);
      conn->owner = self;
      conn->stream = G_IO_STREAM (stream);
      conn->socket = socket;
      conn->remote = remote;
      conn->idle_since = g_get_monotonic_time ();
      stream->input->conn = conn;
      g_hash_table_insert (self->conns, remote, conn);
      g_object_weak_ref (G_OBJECT (stream), on_stream_finalized, conn);
      soup_server_accept_iostream (self->soup, G_IO_STREAM (stream), local, remote, NULL);
    }
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------------------------ */
/* requests and idleness                                                                */

static void
on_request_started (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  Conn *conn = conn_of (user_data, msg);

  if (conn != NULL && conn->busy == 0)
    conn->idle_since = g_get_monotonic_time ();
}

static void
on_request_read (SoupServer        *soup,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  Conn *conn = conn_of (user_data, msg);

  if (conn != NULL)
    {
      conn->busy++;
      conn->idle_since = 0;
    }
}

static void
on_request_done (SoupServer        *soup,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  Conn *conn = conn_of (user_data, msg);

  if (conn == NULL)
    return;
  if (conn->busy > 0 && --conn->busy == 0)
    conn->idle_since = g_get_monotonic_time ();
  conn->between = conn->busy == 0;
}

/* Whether the client has closed its end: a read would return end-of-file. */
static gboolean
peer_gone (GSocket *socket)
{
  char c;
  gssize n = recv (g_socket_get_fd (socket), &c, 1, MSG_PEEK | MSG_DONTWAIT);

  return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

static gboolean
on_idle_check (gpointer user_data)
{
  YbsConnections *self = user_data;
  gint64 limit = g_get_monotonic_time () - (gint64) self->config->idle_timeout_s * G_USEC_PER_SEC;
  g_autoptr(GPtrArray) closed = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->conns);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Conn *conn = value;

      /* closed, but SoupServer has not let go of the stream yet: not open any more */
      if (g_socket_is_closed (conn->socket) || g_io_stream_is_closed (conn->stream))
        g_ptr_array_add (closed, conn);
      /* a safety net under the farewell request: a client that left without SoupServer
       * noticing is not left to hold a descriptor until the idle timeout */
      else if (!conn->closing && conn->busy == 0 && peer_gone (conn->socket))
        conn_close (conn);
      else if (!conn->closing && conn->busy == 0 && conn->idle_since != 0 && conn->idle_since < limit)
        {
          self->idle_closed++;
          conn_close (conn);
        }
    }
  for (guint i = 0; i < closed->len; i++)
    forget (self, g_ptr_array_index (closed, i));
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------------------------ */

YbsConnections *
ybs_connections_new (SoupServer      *soup,
                     const YbsConfig *config)
{
  YbsConnections *self = g_new0 (YbsConnections, 1);

  self->soup = soup;
  self->config = config;
  self->conns = g_hash_table_new (NULL, NULL);
  g_signal_connect (soup, "request-started", G_CALLBACK (on_request_started), self);
  g_signal_connect (soup, "request-read", G_CALLBACK (on_request_read), self);
  g_signal_connect (soup, "request-finished", G_CALLBACK (on_request_done), self);
  g_signal_connect (soup, "request-aborted", G_CALLBACK (on_request_done), self);
  self->idle_source = g_timeout_add_seconds (MAX (1, MIN (config->idle_timeout_s / 4, 5)), on_idle_check, self);
  return self;
}

void
ybs_connections_stop (YbsConnections *self)
{
  accept_stop (self);
  g_clear_handle_id (&self->idle_source, g_source_remove);
}

void
ybs_connections_free (YbsConnections *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self == NULL)
    return;
  ybs_connections_stop (self);
  g_signal_handlers_disconnect_by_data (self->soup, self);
  g_hash_table_iter_init (&iter, self->conns);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Conn *conn = value;

      g_object_weak_unref (G_OBJECT (conn->stream), on_stream_finalized, conn);
      g_hash_table_iter_steal (&iter);
      conn_free (conn);
    }
  g_hash_table_unref (self->conns);
  g_clear_object (&self->listener);
  g_free (self);
}

gboolean
ybs_connections_listen (YbsConnections *self,
                        GSocket        *listener,
                        GError        **error)
{
  g_return_val_if_fail (self->listener == NULL, FALSE);

  /* SoupServer's listener only has to exist (see the top) */
  if (!soup_server_listen_socket (self->soup, listener, 0, error))
    return FALSE;
  self->listener = g_object_ref (listener);
  g_socket_set_blocking (self->listener, FALSE);
  accept_start (self);
  return TRUE;
}

void
ybs_connections_refuse_new (YbsConnections *self)
{
  self->refusing = TRUE;
}

guint
ybs_connections_get_open (YbsConnections *self)
{
  return g_hash_table_size (self->conns);
}

gboolean
ybs_connections_is_farewell (YbsConnections    *self,
                             SoupServerMessage *msg)
{
  Conn *conn = conn_of (self, msg);

  return conn != NULL && conn->farewell;
}
