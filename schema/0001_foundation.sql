-- 0001: counties, departments, staff, roles, sessions, the audit log, and the catalogue.
-- Never edited after it lands; later changes are new numbered files.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE regions (
  code         char(6) PRIMARY KEY CHECK (code ~ '^[1-8][0-9]{5}$'),
  name         text NOT NULL CHECK (name <> ''),
  parent_code  char(6) CHECK (parent_code ~ '^[1-8][0-9]{5}$'),
  parent_name  text,
  bureau       text NOT NULL CHECK (bureau <> '')
);

CREATE TABLE departments (
  id                 bigserial PRIMARY KEY,
  region_code        char(6) NOT NULL REFERENCES regions (code),
  code               text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]*$'),
  name               text NOT NULL CHECK (name <> ''),
  phone              text,
  supervision_phone  text,
  UNIQUE (region_code, code)
);

CREATE TABLE roles (
  code  text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  name  text NOT NULL
);

INSERT INTO roles (code, name) VALUES
  ('clerk',       '窗口人员'),
  ('chief',       '科长'),
  ('inspector',   '执法/检查人员'),
  ('settlement',  '财务/结算人员'),
  ('leader',      '局领导'),
  ('admin',       '系统管理员'),
  ('city_viewer', '市级查看');

CREATE TABLE users (
  id              bigserial PRIMARY KEY,
  region_code     char(6) NOT NULL REFERENCES regions (code),
  department_id   bigint REFERENCES departments (id),
  username        text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.-]{2,64}$'),
  display_name    text NOT NULL CHECK (display_name <> ''),
  password_hash   text NOT NULL,
  disabled        boolean NOT NULL DEFAULT false,
  failed_logins   integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  password_set_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_code  text NOT NULL REFERENCES roles (code),
  PRIMARY KEY (user_id, role_code)
);

-- Tokens are random; only their SHA-256 is stored, so a copy of this table opens nothing.
CREATE TABLE sessions (
  token_hash  bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  last_seen   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- The audit log: append-only and hash-chained per county ('000000' for events that
-- belong to no county, such as a login attempt for an unknown user).
CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  region_code  char(6) NOT NULL,
  seq          bigint NOT NULL CHECK (seq > 0),
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     bigint,
  actor_name   text NOT NULL,
  action       text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.]*$'),
  object_type  text,
  object_id    text,
  detail       jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash    bytea NOT NULL,
  hash         bytea NOT NULL,
  UNIQUE (region_code, seq)
);

CREATE TABLE audit_heads (
  region_code  char(6) PRIMARY KEY,
  seq          bigint NOT NULL,
  hash         bytea NOT NULL
);

-- One definition of a row's hash, used by the append and by verification alike.
CREATE FUNCTION yb_audit_hash (p_prev bytea, p_region char(6), p_seq bigint, p_at timestamptz,
                               p_actor_id bigint, p_actor_name text, p_action text,
                               p_object_type text, p_object_id text, p_detail jsonb)
RETURNS bytea LANGUAGE sql STABLE AS $$
  SELECT sha256(p_prev || convert_to(concat_ws(E'\x1f',
           p_region, p_seq::text,
           to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           coalesce(p_actor_id::text, ''), p_actor_name, p_action,
           coalesce(p_object_type, ''), coalesce(p_object_id, ''), p_detail::text), 'UTF8'))
$$;

-- Appends one entry in the caller's transaction. The head row lock serialises writers of
-- one county, so the chain has no forks and no gaps.
CREATE FUNCTION yb_audit_append (p_region char(6), p_actor_id bigint, p_actor_name text,
                                 p_action text, p_object_type text, p_object_id text,
                                 p_detail jsonb)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_seq    bigint;
  v_prev   bytea;
  v_hash   bytea;
  v_at     timestamptz := clock_timestamp();
  v_detail jsonb := coalesce(p_detail, '{}'::jsonb);
  v_id     bigint;
BEGIN
  INSERT INTO audit_heads (region_code, seq, hash)
    VALUES (p_region, 0, '\x'::bytea)
    ON CONFLICT (region_code) DO NOTHING;
  SELECT seq, hash INTO v_seq, v_prev FROM audit_heads WHERE region_code = p_region FOR UPDATE;
  v_seq := v_seq + 1;
  v_hash := yb_audit_hash(v_prev, p_region, v_seq, v_at, p_actor_id, p_actor_name, p_action,
                          p_object_type, p_object_id, v_detail);
  INSERT INTO audit_log (region_code, seq, at, actor_id, actor_name, action, object_type,
                         object_id, detail, prev_hash, hash)
    VALUES (p_region, v_seq, v_at, p_actor_id, p_actor_name, p_action, p_object_type,
            p_object_id, v_detail, v_prev, v_hash)
    RETURNING id INTO v_id;
  UPDATE audit_heads SET seq = v_seq, hash = v_hash WHERE region_code = p_region;
  RETURN v_id;
END
$$;

-- Every break in a county's chain: a changed row, a missing row, or a head that does not
-- match the last row. No rows means the log verifies.
CREATE FUNCTION yb_audit_verify ()
RETURNS TABLE (region_code char(6), seq bigint, problem text) LANGUAGE sql STABLE AS $$
  WITH chain AS (
    SELECT a.*,
           lag(a.hash) OVER w AS expected_prev,
           lag(a.seq)  OVER w AS previous_seq
      FROM audit_log a
    WINDOW w AS (PARTITION BY a.region_code ORDER BY a.seq)
  )
  SELECT c.region_code, c.seq, 'hash'::text FROM chain c
   WHERE c.hash <> yb_audit_hash(c.prev_hash, c.region_code, c.seq, c.at, c.actor_id,
                                 c.actor_name, c.action, c.object_type, c.object_id, c.detail)
  UNION ALL
  SELECT c.region_code, c.seq, 'link' FROM chain c
   WHERE c.prev_hash <> coalesce(c.expected_prev, '\x'::bytea)
  UNION ALL
  SELECT c.region_code, c.seq, 'gap' FROM chain c
   WHERE c.seq <> coalesce(c.previous_seq, 0) + 1
  UNION ALL
  SELECT h.region_code, h.seq, 'head' FROM audit_heads h
   WHERE h.seq > 0 AND NOT EXISTS (SELECT 1 FROM audit_log l
                                    WHERE l.region_code = h.region_code AND l.seq = h.seq
                                      AND l.hash = h.hash)
  ORDER BY 1, 2
$$;

CREATE FUNCTION yb_refuse_change () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION yb_refuse_change ();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION yb_refuse_change ();

-- The catalogue. Definitions are the resolved JSON of schema/catalogue (county values
-- merged in); the columns beside them are what lists and joins need.
CREATE TABLE categories (
  code  text PRIMARY KEY CHECK (code ~ '^[1-9]$'),
  name  text NOT NULL
);

CREATE TABLE items (
  region_code    char(6) NOT NULL REFERENCES regions (code),
  code           text NOT NULL CHECK (code ~ '^[1-9]-[0-9]{1,2}$'),
  category_code  text NOT NULL REFERENCES categories (code),
  name           text NOT NULL CHECK (name <> ''),
  full_name      text NOT NULL CHECK (full_name <> ''),
  department_id  bigint NOT NULL REFERENCES departments (id),
  sort_key       integer NOT NULL,
  definition     jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  imported_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, code)
);

-- A small register so the demo and the look-ups have people and units to find; the
-- enrollment work extends these tables.
CREATE TABLE persons (
  id           bigserial PRIMARY KEY,
  region_code  char(6) NOT NULL REFERENCES regions (code),
  id_number    char(18) NOT NULL UNIQUE CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
  name         text NOT NULL CHECK (name <> ''),
  sex          char(1) NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date   date NOT NULL,
  phone        text CHECK (phone ~ '^1[3-9][0-9]{9}$'),
  address      text,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persons_name_trgm ON persons USING gin (name gin_trgm_ops);
CREATE INDEX persons_region ON persons (region_code);

CREATE TABLE units (
  id                bigserial PRIMARY KEY,
  region_code       char(6) NOT NULL REFERENCES regions (code),
  credit_code       char(18) NOT NULL UNIQUE
                    CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  name              text NOT NULL CHECK (name <> ''),
  address           text,
  legal_rep         text,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX units_name_trgm ON units USING gin (name gin_trgm_ops);
CREATE INDEX units_region ON units (region_code);
