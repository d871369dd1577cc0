-- Which gateway holds a device, learned from the readings it sends: a command is routed to the
-- gateway that last sent readings of the device. Upserted once per batch per distinct device.
CREATE TABLE device_location (
    tenant    text        NOT NULL,
    device    text        NOT NULL,
    gateway   text        NOT NULL,
    last_seen timestamptz NOT NULL,
    PRIMARY KEY (tenant, device)
);

-- The command ledger: one row per command, its current status. The id is the idempotency key
-- the gateway also uses, so it is global, not per tenant.
CREATE TABLE command (
    id         text             PRIMARY KEY,
    tenant     text             NOT NULL,
    gateway    text             NOT NULL,
    device     text             NOT NULL,
    point      text             NOT NULL,
    value      double precision NOT NULL,
    issued_by  text             NOT NULL,
    issued_at  timestamptz      NOT NULL,
    expires_at timestamptz      NOT NULL,
    status     text             NOT NULL,
    reason     text,
    updated_at timestamptz      NOT NULL,
    CHECK (status IN ('ISSUED', 'SENT', 'ACCEPTED', 'EXECUTED', 'FAILED', 'EXPIRED'))
);

-- What the downlink and the expiry sweep look for: the open commands of one gateway.
CREATE INDEX command_open ON command (tenant, gateway, issued_at) WHERE status IN ('ISSUED', 'SENT');

-- The audit trail: every stage a command went through, one row each, never updated. A stage
-- reported twice (a gateway resending a result) is one row, hence the unique key.
CREATE TABLE command_event (
    command_id  text        NOT NULL REFERENCES command (id),
    status      text        NOT NULL,
    reason      text,
    at          timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (command_id, status)
);
