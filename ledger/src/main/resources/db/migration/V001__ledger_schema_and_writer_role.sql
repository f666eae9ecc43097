-- The ledger's own schema, and the group role the service writes through.
-- ledger_writer may read and append, nothing else: append-only is a privilege, not a convention.
CREATE SCHEMA IF NOT EXISTS ledger;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_writer') THEN
        CREATE ROLE ledger_writer NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA ledger TO ledger_writer;
