-- Messages refused whole (malformed, invalid, not authorised), kept as received for inspection.
CREATE TABLE dead_letter (
    id          bigserial   PRIMARY KEY,
    received_at timestamptz NOT NULL,
    tenant      text,
    gateway     text,
    endpoint    text        NOT NULL,
    topic       text,
    reason      text        NOT NULL,
    payload     bytea       NOT NULL
);

CREATE INDEX dead_letter_received_at ON dead_letter (received_at);
