-- The group role the service writes through (Flyway creates the ledger schema itself).
-- ledger_writer may read and append, nothing else: append-only is a privilege, not a convention.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_writer') THEN
        CREATE ROLE ledger_writer NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA ledger TO ledger_writer;
