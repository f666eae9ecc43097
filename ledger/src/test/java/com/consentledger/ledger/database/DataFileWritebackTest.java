package com.consentledger.ledger.database;

import com.consentledger.ledger.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DataFileWritebackTest {

    private static final Instant START = Instant.parse("2026-11-29T09:00:00Z");

    @Test
    void each_pass_syncs_the_files_changed_since_the_previous_one_began(@TempDir Path base) throws IOException {
        Path untouched = file(base.resolve("16384/2619"), START.minusSeconds(60));
        SettableClock clock = new SettableClock(START);
        DataFileWriteback writeback = new DataFileWriteback(base, clock);

        Path events = file(base.resolve("16384/16402"), START.plusMillis(400));
        Path index = file(base.resolve("16384/16410"), START.plusMillis(900));
        clock.set(START.plusSeconds(1));
        assertThat(writeback.pass()).containsExactlyInAnyOrder(events, index);

        Files.setLastModifiedTime(events, FileTime.from(START.plusMillis(1_500)));
        clock.set(START.plusSeconds(2));
        assertThat(writeback.pass()).containsExactly(events);

        clock.set(START.plusSeconds(3));
        assertThat(writeback.pass()).isEmpty();
        assertThat(writeback.synced()).isEqualTo(3);
        assertThat(untouched).exists();
    }

    @Test
    void a_file_written_just_before_a_pass_began_is_synced_by_it(@TempDir Path base) throws IOException {
        SettableClock clock = new SettableClock(START);
        DataFileWriteback writeback = new DataFileWriteback(base, clock);
        clock.set(START.plusSeconds(1));
        writeback.pass();

        // the kernel's coarse clock stamped it a few milliseconds behind the JVM's
        Path lagging = file(base.resolve("16384/16402"), START.plusSeconds(1).minusMillis(5));
        clock.set(START.plusSeconds(2));
        assertThat(writeback.pass()).containsExactly(lagging);
    }

    @Test
    void files_deeper_than_a_database_directory_are_not_its_business(@TempDir Path base) throws IOException {
        SettableClock clock = new SettableClock(START);
        DataFileWriteback writeback = new DataFileWriteback(base, clock);
        Path table = file(base.resolve("16384/16402"), START.plusMillis(500));
        file(base.resolve("16384/nested/16402"), START.plusMillis(500));
        clock.set(START.plusSeconds(1));
        assertThat(writeback.pass()).containsExactly(table);
    }

    private static Path file(Path path, Instant modified) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[8192]);
        Files.setLastModifiedTime(path, FileTime.from(modified));
        return path;
    }
}
