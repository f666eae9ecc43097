-- Append-only, enforced by the database for every role including the owner: the privileges of
-- ledger_writer already exclude UPDATE, DELETE and TRUNCATE; these triggers also stop a role that has them.
CREATE FUNCTION ledger.refuse_event_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger.events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER events_refuse_update_delete
    BEFORE UPDATE OR DELETE ON ledger.events
    FOR EACH ROW EXECUTE FUNCTION ledger.refuse_event_change();

CREATE TRIGGER events_refuse_truncate
    BEFORE TRUNCATE ON ledger.events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change();
