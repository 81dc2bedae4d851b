/* e2e-private.h: what e2e.c and e2e-case.c share. */
#pragma once

#include "e2e.h"

G_BEGIN_DECLS

void         e2e_today_date     (GDate      *out);   /* Asia/Shanghai, like the server */
char        *e2e_iso            (const GDate *d);
char        *e2e_new_key        (void);              /* a fresh Idempotency-Key */
const char  *e2e_user_name      (const char *username);
/* The next 文号 number of @kind in @region, as this program has seen them issued. */
guint        e2e_next_serial    (const char *region,
                                 const char *kind);

G_END_DECLS
