-- 0002: cases (办件) and everything that hangs off them: history, deadlines, documents
-- with gapless serials, idempotency keys, and the holiday calendar deadlines are counted on.

-- The holiday calendar, as published each year (yibao-admin holidays import).
-- Short county names for document serials (赵医保告〔2026〕0001号).
ALTER TABLE regions ADD COLUMN abbrev text;

CREATE TABLE holiday_years (
  year         integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  source       text NOT NULL,
  imported_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE holidays (
  day      date PRIMARY KEY,
  off_day  boolean NOT NULL,      -- true: a holiday; false: a make-up working day (调休)
  name     text NOT NULL,
  year     integer NOT NULL REFERENCES holiday_years (year) ON DELETE CASCADE
);

CREATE TABLE cases (
  id              bigserial PRIMARY KEY,
  region_code     char(6) NOT NULL REFERENCES regions (code),
  item_code       text NOT NULL,
  case_no         text NOT NULL,                  -- 赵2026-000123: per county and year
  state           text NOT NULL CHECK (state ~ '^[a-z][a-z0-9_]*$'),
  state_kind      text NOT NULL CHECK (state_kind IN ('open', 'waiting', 'closed')),
  version         integer NOT NULL DEFAULT 1 CHECK (version > 0),
  party_kind      text NOT NULL CHECK (party_kind IN ('person', 'unit', 'institution', 'none')),
  party_name      text NOT NULL CHECK (party_name <> ''),
  party_id_number text,                           -- resident ID or credit code
  party_phone     text,
  department_id   bigint NOT NULL REFERENCES departments (id),
  assignee_id     bigint REFERENCES users (id),
  created_by      bigint NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_on      date NOT NULL,                  -- the business day the case began
  material_set    text,
  fields          jsonb NOT NULL DEFAULT '{}'::jsonb,
  materials       jsonb NOT NULL DEFAULT '[]'::jsonb,
  last_notice     jsonb,                          -- {problems, input} of the last 一次性告知
  due_on          date,                           -- the earliest running deadline
  due_provisional boolean NOT NULL DEFAULT false,
  closed_at       timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (region_code, item_code) REFERENCES items (region_code, code),
  UNIQUE (region_code, case_no)
);
-- work queues page by (due date, id); a case without a due date sorts last
CREATE INDEX cases_queue ON cases (region_code, state_kind, (coalesce(due_on, 'infinity'::date)), id);
CREATE INDEX cases_created ON cases (region_code, created_at DESC, id DESC);
CREATE INDEX cases_assignee ON cases (assignee_id, state_kind, (coalesce(due_on, 'infinity'::date)), id);
CREATE INDEX cases_department ON cases (department_id, state_kind, (coalesce(due_on, 'infinity'::date)), id);
CREATE INDEX cases_party ON cases (party_id_number);
CREATE INDEX cases_item ON cases (region_code, item_code, state_kind);

CREATE TABLE case_counters (
  region_code  char(6) NOT NULL,
  year         integer NOT NULL,
  last_no      integer NOT NULL,
  PRIMARY KEY (region_code, year)
);

CREATE TABLE case_deadlines (
  case_id      bigint NOT NULL REFERENCES cases (id),
  deadline_id  text NOT NULL,
  name         text NOT NULL,
  started_on   date NOT NULL,
  due_on       date NOT NULL,
  provisional  boolean NOT NULL DEFAULT false,   -- counted into a year with no holiday data
  stopped_on   date,
  PRIMARY KEY (case_id, deadline_id, started_on)
);

-- Every action on a case, in order. Append-only, like the audit log.
CREATE TABLE case_history (
  id                 bigserial PRIMARY KEY,
  case_id            bigint NOT NULL REFERENCES cases (id),
  seq                integer NOT NULL CHECK (seq > 0),
  action             text NOT NULL,
  from_state         text,
  to_state           text NOT NULL,
  actor_id           bigint NOT NULL REFERENCES users (id),
  actor_name         text NOT NULL,
  second_officer_id  bigint REFERENCES users (id),
  at                 timestamptz NOT NULL DEFAULT now(),
  input              jsonb NOT NULL DEFAULT '{}'::jsonb,
  problems           jsonb,                     -- what a one-time notice listed
  override_reason    text,
  UNIQUE (case_id, seq)
);
CREATE TRIGGER case_history_append_only BEFORE UPDATE OR DELETE ON case_history
  FOR EACH ROW EXECUTE FUNCTION yb_refuse_change ();
CREATE TRIGGER case_history_no_truncate BEFORE TRUNCATE ON case_history
  FOR EACH STATEMENT EXECUTE FUNCTION yb_refuse_change ();

-- Issued documents: the PDF exactly as printed, never changed. Serials are per county,
-- kind and year with no gaps: the counter row is taken FOR UPDATE in the transaction
-- that issues the document, so a rolled-back issue gives its number back.
CREATE TABLE document_serials (
  region_code  char(6) NOT NULL,
  kind         text NOT NULL,
  year         integer NOT NULL,
  last_no      integer NOT NULL,
  PRIMARY KEY (region_code, kind, year)
);

CREATE TABLE documents (
  id           bigserial PRIMARY KEY,
  region_code  char(6) NOT NULL REFERENCES regions (code),
  case_id      bigint NOT NULL REFERENCES cases (id),
  history_id   bigint NOT NULL REFERENCES case_history (id),
  kind         text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*$'),
  year         integer NOT NULL,
  serial_no    integer NOT NULL CHECK (serial_no > 0),
  serial       text NOT NULL,
  title        text NOT NULL,
  pdf          bytea NOT NULL CHECK (substring(pdf from 1 for 5) = '%PDF-'::bytea),
  sha256       bytea NOT NULL,
  issued_by    bigint NOT NULL REFERENCES users (id),
  issued_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, kind, year, serial_no)
);
CREATE INDEX documents_case ON documents (case_id);
CREATE TRIGGER documents_append_only BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION yb_refuse_change ();
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
  FOR EACH STATEMENT EXECUTE FUNCTION yb_refuse_change ();

-- A write replayed with the same Idempotency-Key gets the first answer again; with a
-- different body it is refused. Stored in the write's own transaction.
CREATE TABLE idempotency_keys (
  user_id       bigint NOT NULL REFERENCES users (id),
  key           text NOT NULL CHECK (length(key) BETWEEN 8 AND 128),
  request_hash  bytea NOT NULL,
  status        integer NOT NULL,
  response      text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
