/* yb-party.h: the party a case is about (当事人 / 申请人): a person with a resident ID, a
 * unit with a unified social credit code, or a medical institution (also a credit
 * code). Checked the same way by the client as the clerk types and by the server. */
#pragma once

#include <json-glib/json-glib.h>

#include "yb-problems.h"

G_BEGIN_DECLS

/* @party: {"kind": "person"|"unit"|"institution"|"none", "name", "id_number", "phone"}.
 * person: id_number a valid resident ID (not born after @today); unit, institution:
 * a valid credit code; none: only a name (e.g. an inspection plan's title). phone
 * optional, a valid mobile when given. Every problem is listed, field "party.<member>". */
gboolean yb_party_check (JsonObject  *party,
                         const GDate *today,
                         YbProblems  *problems);

G_END_DECLS
