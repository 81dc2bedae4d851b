/* ybs-main.c: yibao-server's entry point: settings, the schema check, listening, and
 * with [server] workers > 1 the supervisor of the worker processes.
 *
 * Workers: the parent binds the port once (so --port 0 learns its port, and a second
 * server on the same port is refused), then forks one worker per slot before it has
 * created a thread, a main context or a database connection, because fork() in a
 * threaded process is unsafe. Each worker binds the same port with SO_REUSEPORT, listens,
 * and runs a complete server of its own (ybs-server.c); the kernel spreads connections
 * over the workers' sockets. The parent stays single-threaded: it only waits for signals.
 * SIGTERM or SIGINT is passed on to every worker, which drains as a single server does;
 * a worker that dies otherwise is started again (at most once a second per slot). A
 * worker whose parent dies gets SIGTERM from the kernel (PR_SET_PDEATHSIG).
 */
#define G_LOG_DOMAIN "yibao-server"

#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ybs-auth.h"
#include "ybs-migrate.h"
#include "ybs-server.h"

/* A database that is out of reach at start is not fatal (it may come up later and the
 * server reconnects by itself); one whose schema does not match is, because every
 * answer would be wrong. */
static gboolean
check_schema (const YbsConfig *config,
              GError         **error)
{
  g_autofree char *conninfo = g_strdup_printf ("%s connect_timeout=3", config->conninfo);
  PGconn *pg = PQconnectdb (conninfo);
  gboolean ok = TRUE;

  if (PQstatus (pg) != CONNECTION_OK)
    g_warning ("the database is not reachable yet (%s); serving 503 until it is",
               g_strstrip (PQerrorMessage (pg)));
  else
    ok = ybs_migrate_check (pg, error);
  PQfinish (pg);
  return ok;
}

/* Each connection is a file descriptor: lift the soft limit (often 1024) to the hard one,
 * and keep max_connections inside it with room for the database and the rest. */
static void
fit_open_files (YbsConfig *config)
{
  struct rlimit lim;
  const rlim_t spare = 64 + config->pool_size;

  if (getrlimit (RLIMIT_NOFILE, &lim) != 0)
    return;
  if (lim.rlim_cur < lim.rlim_max)
    {
      lim.rlim_cur = lim.rlim_max == RLIM_INFINITY ? 65536 : MIN (lim.rlim_max, (rlim_t) 1 << 20);
      setrlimit (RLIMIT_NOFILE, &lim);
      getrlimit (RLIMIT_NOFILE, &lim);
    }
  if (lim.rlim_cur != RLIM_INFINITY && (rlim_t) config->max_connections + spare > lim.rlim_cur)
    {
      guint fit = lim.rlim_cur > spare ? (guint) (lim.rlim_cur - spare) : 16;
      g_warning ("max_connections %u does not fit the open-file limit %lu; using %u",
                 config->max_connections, (unsigned long) lim.rlim_cur, fit);
      config->max_connections = fit;
    }
}

/* ------------------------------------------------------------------------------------ */
/* one server process                                                                   */

static int
serve (YbsConfig *config,      /* takes */
       GSocket   *socket,
       gboolean   announce)
{
  g_autoptr(YbsServer) server = ybs_server_new (config);
  g_autoptr(GError) error = NULL;

  if (!ybs_server_listen_socket (server, socket, &error))
    {
      g_printerr ("yibao-server: cannot listen: %s\n", error->message);
      return 1;
    }
  if (announce)
    {
      /* The first line on stdout is the address; scripts and tests read it. */
      printf ("listening on %s\n", ybs_server_get_url (server));
      fflush (stdout);
    }
  g_message ("listening on %s", ybs_server_get_url (server));
  ybs_server_run (server);
  return 0;
}

/* ------------------------------------------------------------------------------------ */
/* the supervisor                                                                       */

typedef struct {
  pid_t  pid;          /* 0: not running */
  gint64 started_at;   /* monotonic µs */
  gint64 restart_at;   /* when to start it again; 0: not waiting */
} Worker;

static guint
count_threads (void)
{
  DIR *dir = opendir ("/proc/self/task");
  struct dirent *e;
  guint n = 0;

  if (dir == NULL)
    return 1;
  while ((e = readdir (dir)) != NULL)
    n += e->d_name[0] != '.';
  closedir (dir);
  return n;
}

/* In the child: never returns. @ready gets one byte once the worker listens. */
G_GNUC_NORETURN static void
worker_main (YbsConfig      *config,
             guint           slot,
             pid_t           parent,
             const sigset_t *old_mask,
             int             ready)
{
  g_autoptr(GError) error = NULL;
  GSocket *socket;
  int status;

  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != parent)
    _exit (0);
  sigprocmask (SIG_SETMASK, old_mask, NULL);

  socket = ybs_server_bind (config, config->port, TRUE, &error);
  if (socket == NULL)
    {
      g_printerr ("yibao-server: worker %u cannot listen: %s\n", slot, error->message);
      _exit (1);
    }
  if (write (ready, "x", 1) != 1)
    _exit (1);
  close (ready);
  status = serve (config, socket, FALSE);
  g_object_unref (socket);
  fflush (NULL);
  _exit (status);
}

static gboolean
start_worker (Worker         *w,
              guint           slot,
              YbsConfig      *config,
              GSocket        *holder,
              const sigset_t *old_mask,
              int            *ready_fd)
{
  int fds[2];
  pid_t parent = getpid ();
  pid_t pid;

  if (pipe (fds) != 0)
    return FALSE;
  fflush (NULL);
  pid = fork ();
  if (pid < 0)
    {
      close (fds[0]);
      close (fds[1]);
      return FALSE;
    }
  if (pid == 0)
    {
      close (fds[0]);
      /* the parent's port-holding socket is not the worker's business */
      close (g_socket_get_fd (holder));
      worker_main (config, slot, parent, old_mask, fds[1]);
    }
  close (fds[1]);
  w->pid = pid;
  w->started_at = g_get_monotonic_time ();
  w->restart_at = 0;
  if (ready_fd != NULL)
    *ready_fd = fds[0];
  else
    close (fds[0]);
  return TRUE;
}

/* Waits until every worker said it listens (or one of them failed). */
static gboolean
wait_ready (int   *fds,
            guint  n)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gboolean ok = TRUE;

  for (guint i = 0; i < n; i++)
    {
      struct pollfd p = { fds[i], POLLIN, 0 };
      char c;
      int left_ms = (int) MAX (0, (deadline - g_get_monotonic_time ()) / 1000);

      if (ok && (poll (&p, 1, left_ms) != 1 || read (fds[i], &c, 1) != 1))
        ok = FALSE;
      close (fds[i]);
    }
  return ok;
}

static void
signal_all (Worker *workers,
            guint   n,
            int     sig)
{
  for (guint i = 0; i < n; i++)
    if (workers[i].pid > 0)
      kill (workers[i].pid, sig);
}

static int
supervise (YbsConfig *config,
           guint      n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) holder = NULL;
  g_autofree Worker *workers = g_new0 (Worker, n);
  g_autofree int *ready = g_new0 (int, n);
  g_autofree char *url = NULL;
  sigset_t mask, old_mask;
  gboolean stopping = FALSE;
  gint64 kill_at = 0;
  int status = 0;
  guint alive = 0;

  if (count_threads () != 1)
    {
      g_printerr ("yibao-server: internal error: threads exist before the workers are forked\n");
      return 1;
    }
  /* Bound, never listening: it keeps the port (and learns it for port 0) so workers that
   * are restarted later can bind it again, without taking connections itself. */
  if (!ybs_server_check_port_free (config, &error) ||
      (holder = ybs_server_bind (config, config->port, FALSE, &error)) == NULL)
    {
      g_printerr ("yibao-server: cannot listen: %s\n", error->message);
      return 1;
    }
  url = ybs_server_socket_url (holder);
  {
    g_autoptr(GSocketAddress) bound = g_socket_get_local_address (holder, NULL);
    config->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  }

  sigemptyset (&mask);
  sigaddset (&mask, SIGTERM);
  sigaddset (&mask, SIGINT);
  sigaddset (&mask, SIGCHLD);
  sigprocmask (SIG_BLOCK, &mask, &old_mask);

  for (guint i = 0; i < n; i++)
    {
      if (!start_worker (&workers[i], i, config, holder, &old_mask, &ready[i]))
        {
          g_printerr ("yibao-server: cannot start worker %u: %s\n", i, g_strerror (errno));
          signal_all (workers, i, SIGKILL);
          return 1;
        }
      alive++;
    }
  if (!wait_ready (ready, n))
    {
      g_printerr ("yibao-server: a worker did not start\n");
      signal_all (workers, n, SIGKILL);
      while (wait (NULL) > 0)
        ;
      return 1;
    }
  printf ("listening on %s\n", url);
  fflush (stdout);
  g_message ("listening on %s with %u worker processes", url, n);

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 next = now + 60 * G_USEC_PER_SEC;
      gboolean pending = FALSE;
      struct timespec timeout;
      siginfo_t info;
      int sig;
      pid_t pid;
      int wstatus;

      for (guint i = 0; i < n; i++)
        if (workers[i].restart_at != 0)
          {
            next = MIN (next, workers[i].restart_at);
            pending = TRUE;
          }
      if (alive == 0 && !pending)
        break;
      if (kill_at != 0)
        next = MIN (next, kill_at);
      next = MAX (next - now, 1000);
      timeout.tv_sec = next / G_USEC_PER_SEC;
      timeout.tv_nsec = (next % G_USEC_PER_SEC) * 1000;

      sig = sigtimedwait (&mask, &info, &timeout);
      if ((sig == SIGTERM || sig == SIGINT) && !stopping)
        {
          g_message ("stopping %u worker processes", alive);
          stopping = TRUE;
          kill_at = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
          for (guint i = 0; i < n; i++)
            workers[i].restart_at = 0;
          signal_all (workers, n, SIGTERM);
        }

      while ((pid = waitpid (-1, &wstatus, WNOHANG)) > 0)
        for (guint i = 0; i < n; i++)
          {
            gboolean clean = WIFEXITED (wstatus) && WEXITSTATUS (wstatus) == 0;

            if (workers[i].pid != pid)
              continue;
            workers[i].pid = 0;
            alive--;
            if (stopping)
              {
                if (!clean)
                  status = 1;
                break;
              }
            if (WIFSIGNALED (wstatus))
              g_warning ("worker %u (pid %d) was killed by signal %d; starting it again", i, (int) pid, WTERMSIG (wstatus));
            else
              g_warning ("worker %u (pid %d) exited with status %d; starting it again", i, (int) pid,
                         WIFEXITED (wstatus) ? WEXITSTATUS (wstatus) : -1);
            /* one that keeps dying right away is started at most once a second */
            workers[i].restart_at = MAX (g_get_monotonic_time (), workers[i].started_at + G_USEC_PER_SEC);
            break;
          }

      now = g_get_monotonic_time ();
      for (guint i = 0; i < n && !stopping; i++)
        if (workers[i].restart_at != 0 && workers[i].restart_at <= now)
          {
            if (start_worker (&workers[i], i, config, holder, &old_mask, NULL))
              alive++;
            else
              workers[i].restart_at = now + G_USEC_PER_SEC;
          }
      if (stopping && kill_at != 0 && now >= kill_at)
        {
          g_warning ("workers did not stop in time; killing them");
          signal_all (workers, n, SIGKILL);
          kill_at = 0;
          status = 1;
        }
    }
  sigprocmask (SIG_SETMASK, &old_mask, NULL);
  g_message ("stopped");
  return status;
}

/* ------------------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbsConfig) config = ybs_config_new_defaults ();
  g_autofree char *config_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *conninfo = NULL;
  int port = -1;
  int workers = -1;
  gboolean version = FALSE;
  gboolean check_config = FALSE;
  GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path, "Settings file (default " YBS_CONFIG_DEFAULT_PATH ")", "FILE" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Address to listen on", "ADDRESS" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port (0 picks a free one)", "PORT" },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &workers, "Server processes (0: one per core)", "N" },
    { "db", 0, 0, G_OPTION_ARG_STRING, &conninfo, "libpq connection string", "CONNINFO" },
    { "check-config", 0, 0, G_OPTION_ARG_NONE, &check_config, "Read the settings, print them and exit", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };
  guint n_workers;

  /* GLib 2.74's slice allocator (every GSList, JSON node, hash table node…) does badly
   * when memory allocated in a database worker thread is freed on the main context, as
   * every answer is: a third of the CPU of a work-queue page went to g_slice_alloc. It
   * reads G_SLICE once, while the library loads, so it is set here and the program
   * started again in place. (GLib 2.76 dropped the slice allocator for malloc.) */
  if (g_getenv ("G_SLICE") == NULL && setenv ("G_SLICE", "always-malloc", 1) == 0)
    execv ("/proc/self/exe", argv);

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- the yibao REST server");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Settings come from the file, then YIBAO_<GROUP>_<KEY> environment variables\n"
    "(e.g. YIBAO_DATABASE_CONNINFO, YIBAO_SERVER_PORT), then these options.\n");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("yibao-server: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print ("yibao-server %s (schema %d)\n", YB_VERSION, ybs_migrate_known_version ());
      return 0;
    }
  if (!ybs_config_load (config, config_path, &error))
    {
      g_printerr ("yibao-server: %s\n", error->message);
      return 2;
    }
  if (listen != NULL)
    g_free (config->listen_address), config->listen_address = g_steal_pointer (&listen);
  if (conninfo != NULL)
    g_free (config->conninfo), config->conninfo = g_steal_pointer (&conninfo);
  if (port >= 0)
    config->port = (guint) port;
  if (workers >= 0)
    config->workers = (guint) MIN (workers, 256);
  n_workers = ybs_config_get_workers (config);

  if (check_config)
    {
      g_print ("listen %s:%u\nworkers %u, each at most %u connections, idle ones closed after %u s\n"
               "max body %" G_GSIZE_FORMAT " bytes\ndatabase %s (pool %u per worker, statement timeout %u ms)\n"
               "sessions %u s, lockout after %u failures for %u s\n",
               config->listen_address, config->port, n_workers, config->max_connections, config->idle_timeout_s,
               config->max_body_bytes, config->conninfo,
               config->pool_size, config->statement_timeout_ms, config->session_ttl_s,
               config->lockout_threshold, config->lockout_s);
      return 0;
    }

  if (!ybs_auth_init (&error) || !check_schema (config, &error))
    {
      g_printerr ("yibao-server: %s\n", error->message);
      return 1;
    }
  fit_open_files (config);

  if (n_workers > 1)
    return supervise (config, n_workers);

  {
    g_autoptr(GSocket) socket = NULL;

    if (!ybs_server_check_port_free (config, &error) ||
        (socket = ybs_server_bind (config, config->port, TRUE, &error)) == NULL)
      {
        g_printerr ("yibao-server: cannot listen: %s\n", error->message);
        return 1;
      }
    return serve (g_steal_pointer (&config), socket, TRUE);
  }
}
