package com.consentledger.ledger.database;

import com.consentledger.ledger.eventstore.AppendCondition;
import com.consentledger.ledger.eventstore.GroupCommitSettings;
import com.consentledger.ledger.eventstore.NewEvent;
import com.consentledger.ledger.eventstore.PgEventStore;
import com.consentledger.ledger.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static com.consentledger.ledger.testing.StoreFixture.event;
import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseTest {

    @Test
    void the_embedded_database_commits_durably(@TempDir Path dataDir) {
        try (LedgerDatabase database = LedgerDatabase.open(DatabaseSettings.embedded(dataDir))) {
            assertThat(setting(database, "fsync")).isEqualTo("on");
            assertThat(setting(database, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(database, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void a_fresh_data_directory_gets_its_wal_reserve_once(@TempDir Path dataDir) {
        DatabaseSettings reserving = new DatabaseSettings(null, null, dataDir, 0, 96);
        String insertedUpTo;
        try (LedgerDatabase database = LedgerDatabase.open(reserving)) {
            assertThat(setting(database, "min_wal_size")).isEqualTo("96MB");
            assertThat(walFilesAhead(database, dataDir)).isGreaterThanOrEqualTo(6); // 96 MB of 16 MB files
            insertedUpTo = query(database, "SELECT pg_current_wal_insert_lsn()");
        }
        try (LedgerDatabase restarted = LedgerDatabase.open(reserving)) {
            assertThat(walFilesAhead(restarted, dataDir)).isGreaterThanOrEqualTo(6);
            // filling again would have moved through at least six files
            assertThat(Long.parseLong(query(restarted, "SELECT pg_current_wal_insert_lsn() - '" + insertedUpTo + "'")))
                    .isLessThan(16L * 1024 * 1024);
        }
    }

    @Test
    void without_a_reserve_postgresql_keeps_its_default(@TempDir Path dataDir) {
        try (LedgerDatabase database = LedgerDatabase.open(DatabaseSettings.embedded(dataDir))) {
            assertThat(setting(database, "min_wal_size")).isEqualTo("80MB");
            assertThat(walFilesAhead(database, dataDir)).isLessThan(6);
        }
    }

    @Test
    void the_data_files_are_written_back_ahead_of_the_kernel(@TempDir Path dataDir) {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0, 0)) {
            long before = database.dataFilesWrittenBack();
            TestPostgres.superuser(database, "postgres",
                    "CREATE TABLE grows AS SELECT i, repeat('x', 200) AS padding FROM generate_series(1, 20000) AS i");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(database.dataFilesWrittenBack()).isGreaterThan(before));
        }
    }

    @Test
    void the_service_connects_as_a_role_that_cannot_change_events(@TempDir Path dataDir) {
        try (LedgerDatabase database = LedgerDatabase.open(DatabaseSettings.embedded(dataDir))) {
            assertThat(database.appConnectOptions().getUser()).isEqualTo(LedgerDatabase.APP_ROLE);
            assertThat(query(database, "SELECT has_table_privilege('ledger_app', 'ledger.events', 'UPDATE, DELETE, TRUNCATE')"))
                    .isEqualTo("false");
            assertThat(query(database, "SELECT has_table_privilege('ledger_app', 'ledger.events', 'INSERT')"))
                    .isEqualTo("true");
        }
    }

    @Test
    void events_appended_before_a_stop_are_there_after_a_restart(@TempDir Path dataDir) {
        List<Long> positions = appendEvents(DatabaseSettings.embedded(dataDir), 100);
        try (LedgerDatabase restarted = LedgerDatabase.open(DatabaseSettings.embedded(dataDir))) {
            assertThat(query(restarted, "SELECT string_agg(position::text, ',' ORDER BY position) FROM ledger.events"))
                    .isEqualTo(String.join(",", positions.stream().map(String::valueOf).toList()));
        }
    }

    @Test
    void a_postmaster_orphaned_by_kill_9_is_stopped_and_its_data_kept(@TempDir Path dataDir) throws Exception {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"), AppendThenWaitMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals(AppendThenWaitMain.READY)) {
                // skip the child's log lines
            }
            assertThat(line).isEqualTo(AppendThenWaitMain.READY);
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        long orphan = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

        try (LedgerDatabase restarted = LedgerDatabase.open(DatabaseSettings.embedded(dataDir))) {
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(query(restarted, "SELECT count(*) FROM ledger.events")).isEqualTo("10");
        }
    }

    /** A service that appends, says so, and waits to be killed. */
    public static final class AppendThenWaitMain {
        static final String READY = "APPENDED-AND-WAITING";

        public static void main(String[] args) throws InterruptedException {
            LedgerDatabase database = LedgerDatabase.open(DatabaseSettings.embedded(Path.of(args[0])));
            Vertx vertx = Vertx.vertx();
            Pool pool = database.createPool(vertx, 2, 100);
            PgEventStore store = await(PgEventStore.start(vertx, pool, null, GroupCommitSettings.DEFAULT));
            await(Future.all(IntStream.range(0, 10).mapToObj(i -> store.append(
                    List.of(event("DataAccessed.v1", "E-orphan", "{}")), AppendCondition.none())).toList()));
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    static List<Long> appendEvents(DatabaseSettings settings, int count) {
        try (LedgerDatabase database = LedgerDatabase.open(settings)) {
            Vertx vertx = Vertx.vertx();
            Pool pool = database.createPool(vertx, 4, 1000);
            PgEventStore store = await(PgEventStore.start(vertx, pool, null, GroupCommitSettings.DEFAULT));
            List<Future<?>> appends = new ArrayList<>();
            List<Long> positions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                NewEvent event = event("DataAccessed.v1", "E-restart", "{\"i\":" + i + "}");
                appends.add(store.append(List.of(event), AppendCondition.none())
                        .onSuccess(result -> positions.addAll(result.positions())));
            }
            await(Future.all(appends));
            await(pool.close());
            await(vertx.close());
            return positions.stream().sorted().toList();
        }
    }

    /** WAL files in the data directory named after the one being written: ready without being created. */
    private static long walFilesAhead(LedgerDatabase database, Path dataDir) {
        String current = query(database, "SELECT pg_walfile_name(pg_current_wal_insert_lsn())");
        try (Stream<Path> files = Files.list(dataDir.resolve("postgres/pg_wal"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("[0-9A-F]{24}") && name.compareTo(current) > 0)
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String setting(LedgerDatabase database, String name) {
        return query(database, "SELECT current_setting('" + name + "')");
    }

    private static String query(LedgerDatabase database, String sql) {
        Vertx vertx = Vertx.vertx();
        try {
            Pool pool = PgBuilder.pool().connectingTo(database.ownerConnectOptions()).using(vertx).build();
            return String.valueOf(await(pool.query(sql).execute()).iterator().next().getValue(0));
        } finally {
            await(vertx.close());
        }
    }
}
