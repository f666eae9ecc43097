-- Followers that never read access records (the projections, the consent feed) walk this index instead of
-- events_commit_order. Under the rush almost every event is a DataAccessed record: each follower read
-- every one of them back (as a row without its JSON) only to pass it by, four reads per access, which cost
-- PostgreSQL about as much as storing it. Access records are not in this index, so maintaining it costs
-- the appends of the rush nothing. Readers must repeat the predicate literally (a parameter cannot match
-- a partial index): see PgEventStore.READ_TYPES_AFTER_SQL.
CREATE INDEX events_commit_order_without_accesses ON ledger.events (transaction_id, position)
    WHERE type <> 'DataAccessed.v1';
