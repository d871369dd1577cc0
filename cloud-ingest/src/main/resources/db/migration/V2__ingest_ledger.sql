-- One row per gateway, locked by every write transaction of that gateway, so that two
-- deliveries of the same sequence range can never both pass the ledger check.
CREATE TABLE gateway_cursor (
    tenant         text        NOT NULL,
    gateway        text        NOT NULL,
    first_seen_at  timestamptz NOT NULL,
    last_commit_at timestamptz NOT NULL,
    PRIMARY KEY (tenant, gateway)
);

-- Committed sequence ranges per gateway, coalesced so that a healthy gateway has one row.
-- A reading whose seq falls in a range is already stored: a resend counts as a duplicate.
CREATE TABLE ingest_range (
    tenant   text   NOT NULL,
    gateway  text   NOT NULL,
    seq_from bigint NOT NULL,
    seq_to   bigint NOT NULL,
    PRIMARY KEY (tenant, gateway, seq_from),
    CHECK (seq_to >= seq_from)
);
