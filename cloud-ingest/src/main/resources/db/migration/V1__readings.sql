-- Readings, one row each. On TimescaleDB: a hypertable on ts with compression of chunks older
-- than 7 days. On plain PostgreSQL: native range partitioning by ts, one partition per UTC day,
-- which the store creates on demand before writing. Either way the same INSERT/COPY and SELECT work.
DO $$
DECLARE
    cols text := 'tenant text NOT NULL, gateway text NOT NULL, seq bigint NOT NULL, device text NOT NULL, '
              || 'point text NOT NULL, ts timestamptz NOT NULL, value double precision NOT NULL, '
              || 'unit text NOT NULL, quality text NOT NULL, received_at timestamptz NOT NULL';
    timescale boolean := EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb');
BEGIN
    IF timescale THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS timescaledb;
            EXECUTE format('CREATE TABLE reading (%s)', cols);
            PERFORM create_hypertable('reading', 'ts', chunk_time_interval => interval '1 day');
            EXECUTE 'ALTER TABLE reading SET (timescaledb.compress, '
                 || 'timescaledb.compress_segmentby = ''tenant, device, point'', '
                 || 'timescaledb.compress_orderby = ''ts DESC'')';
            PERFORM add_compression_policy('reading', interval '7 days');
        EXCEPTION WHEN OTHERS THEN
            -- Available but unusable (typically not in shared_preload_libraries): fall back.
            RAISE NOTICE 'timescaledb unusable (%), using native partitioning', SQLERRM;
            timescale := false;
        END;
    END IF;
    IF NOT timescale THEN
        EXECUTE format('CREATE TABLE reading (%s) PARTITION BY RANGE (ts)', cols);
    END IF;
END
$$;

CREATE INDEX reading_tenant_device_point_ts ON reading (tenant, device, point, ts DESC);
