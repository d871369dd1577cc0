-- Cloud rules: one state per (tenant, rule), written by the tenant's engine each time it changes,
-- so that for: timers, hysteresis switches and pending delays survive an ingest restart.
CREATE TABLE rule_state (
    tenant     text        NOT NULL,
    rule_id    text        NOT NULL,
    state      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant, rule_id)
);

-- What the rules asked the people on duty to know. The id is tenant:rule:instant, so that an
-- alert written twice (a retry) is one row.
CREATE TABLE alert (
    id          text        PRIMARY KEY,
    tenant      text        NOT NULL,
    rule_id     text        NOT NULL,
    level       text        NOT NULL,
    message     text        NOT NULL,
    at          timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX alert_tenant_at ON alert (tenant, at);

-- Room bookings: they heat halls (booking triggers of the rules) and open doors (allow-lists).
-- A cancelled booking is kept, with cancelled_at, for the audit.
CREATE TABLE booking (
    id           text        PRIMARY KEY,
    tenant       text        NOT NULL,
    room         text        NOT NULL,
    slot_start   timestamptz NOT NULL,
    slot_end     timestamptz NOT NULL,
    holder_badge text        NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    cancelled_at timestamptz,
    CHECK (slot_end > slot_start)
);
CREATE INDEX booking_room_start ON booking (tenant, room, slot_start);
CREATE INDEX booking_open_end ON booking (tenant, slot_end) WHERE cancelled_at IS NULL;
