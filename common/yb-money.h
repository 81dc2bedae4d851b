/* yb-money.h: money is integer fen (分) everywhere; yuan with two decimals only on screen. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 YbFen;

#define YB_FEN_MAX ((YbFen) 900000000000000000) /* 9e17 fen: far above any real amount */

/* Every amount yibao produces stays within ±YB_FEN_MAX: parse, add and mul refuse more. */

#define YB_MONEY_ERROR (yb_money_error_quark ())

typedef enum {
  YB_MONEY_ERROR_EMPTY,      /* nothing typed */
  YB_MONEY_ERROR_INVALID,    /* not a number of yuan (letters, misplaced commas, "1e3") */
  YB_MONEY_ERROR_PRECISION,  /* more than two decimals */
  YB_MONEY_ERROR_OVERFLOW,   /* beyond ±YB_FEN_MAX */
} YbMoneyError;

GQuark   yb_money_error_quark (void);

/* Parses "1234", "1234.5", "1234.56", "-3.20", "1,234.56"; refuses a third decimal,
 * letters, empty text and overflow with a GError whose message is Chinese. */
gboolean yb_fen_parse   (const char *yuan_text,
                         YbFen      *out_fen,
                         GError    **error);
/* "1234.56"; with @grouping "1,234.56". */
char    *yb_fen_format  (YbFen       fen,
                         gboolean    grouping);
/* @a + @b and @a × @factor, FALSE on overflow. */
gboolean yb_fen_add     (YbFen a, YbFen b, YbFen *out);
gboolean yb_fen_mul     (YbFen a, gint64 factor, YbFen *out);

G_END_DECLS
