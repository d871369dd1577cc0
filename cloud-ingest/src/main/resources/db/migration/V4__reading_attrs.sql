-- An event's attributes (a bin lift's RFID tag, status, lifter side, position...), the JSON
-- object of text values the wire's Reading.attrs carries; NULL for a plain sample, nearly every
-- row. Nullable without a default, so adding it rewrites no partition or chunk; jsonb so that
-- queries reach inside (attrs->>'tag').
ALTER TABLE reading ADD COLUMN attrs jsonb;
