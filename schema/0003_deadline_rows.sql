-- 0003: a deadline stopped and started again on the same day keeps both rows (the
-- stop is part of the record), so deadline rows get their own id.
ALTER TABLE case_deadlines DROP CONSTRAINT case_deadlines_pkey;
ALTER TABLE case_deadlines ADD COLUMN id bigserial PRIMARY KEY;
CREATE INDEX case_deadlines_case ON case_deadlines (case_id, deadline_id) WHERE stopped_on IS NULL;
