-- Training the units' IT backbone (docs/contract/training.md): the backbone people, the
-- trainings with their enrolled units and attendance, the report-backs, and the two settings
-- (backboneDue, reportBackDays) on the installation and per area like the other deadlines.
ALTER TABLE settings ADD COLUMN backbone_due date;
--> statement-breakpoint
ALTER TABLE settings ADD COLUMN report_back_days integer NOT NULL DEFAULT 10;
--> statement-breakpoint
ALTER TABLE area_settings ADD COLUMN backbone_due date;
--> statement-breakpoint
ALTER TABLE area_settings ADD COLUMN report_back_days integer;
--> statement-breakpoint
CREATE TABLE backbones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units(id),
  kind text NOT NULL CHECK (kind IN ('primary', 'deputy')),
  name text NOT NULL,
  post text,
  phone text,
  since date NOT NULL,
  ended_at date,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id)
);
--> statement-breakpoint
-- at most one current person of each kind per unit: naming a new one ends the previous term first
CREATE UNIQUE INDEX backbones_current_key ON backbones (unit_id, kind) WHERE ended_at IS NULL;
--> statement-breakpoint
CREATE TABLE trainings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  topics text[] NOT NULL,
  organiser text NOT NULL,
  trainer text,
  venue text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  area_code text REFERENCES areas(code),
  required jsonb NOT NULL,
  -- the key the rotating sign-in codes are derived from; never leaves the server
  sign_secret text NOT NULL,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id)
);
--> statement-breakpoint
CREATE INDEX trainings_area_idx ON trainings (area_code text_pattern_ops);
--> statement-breakpoint
CREATE TABLE training_attendance (
  training_id uuid NOT NULL REFERENCES trainings(id),
  unit_id uuid NOT NULL REFERENCES units(id),
  status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'attended', 'absent', 'excused')),
  attendee text,
  method text CHECK (method IN ('code', 'contact', 'office', 'sheet')),
  at timestamptz,
  by_id uuid REFERENCES users(id),
  by_name text,
  reason text,
  PRIMARY KEY (training_id, unit_id)
);
--> statement-breakpoint
CREATE INDEX training_attendance_unit_idx ON training_attendance (unit_id);
--> statement-breakpoint
-- the office's roster marks sent through the offline outbox: a repeated event records nothing new
CREATE TABLE training_attendance_events (
  client_event_id text PRIMARY KEY,
  training_id uuid NOT NULL REFERENCES trainings(id),
  unit_id uuid NOT NULL REFERENCES units(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE report_backs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  training_id uuid NOT NULL REFERENCES trainings(id),
  unit_id uuid NOT NULL REFERENCES units(id),
  reported_on date NOT NULL,
  leader text NOT NULL,
  form text NOT NULL CHECK (form IN ('meeting', 'written', 'other')),
  colleagues_reached integer NOT NULL CHECK (colleagues_reached >= 0),
  summary text NOT NULL CHECK (char_length(summary) <= 2000),
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'returned')),
  return_reason text,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  submitted_by uuid REFERENCES users(id),
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES users(id),
  -- one report-back per unit and training: a returned one is submitted again in its place
  UNIQUE (training_id, unit_id)
);
