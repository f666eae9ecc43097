package com.consentledger.ledger.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the embedded database's changed data files back to disk once a second, so that the kernel never has a
 * large batch of them to write at once.
 * <p>
 * PostgreSQL grows a table or an index by writing a page of zeros to its file (about 1 KB per access in the rush)
 * and leaves those pages to the kernel. Linux writes a file back once it has been dirty for 30 s
 * ({@code vm.dirty_expire_centisecs}), and then all of the file's dirty pages together: 50–100 MB every 30 s at
 * 4,500 accesses/s, about a second of the disk's time during which every commit's WAL sync waits behind it
 * (docs/benchmarks.md). Syncing each file that changed since the previous pass keeps every write-back to about a
 * second's worth. It only makes pages durable earlier; PostgreSQL still syncs the files at its checkpoints.
 * Its own thread: each sync waits for the disk.
 */
final class DataFileWriteback implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(DataFileWriteback.class);
    /*
     * The kernel stamps a write with its coarse clock, which may lag the JVM's by a few milliseconds: a file
     * written just before a pass began could carry a time before it. Looking back a little further re-syncs
     * a few files that are already clean, which costs next to nothing.
     */
    private static final Duration CLOCK_SLACK = Duration.ofMillis(100);

    private final Path directory;
    private final Clock clock;
    private final AtomicLong synced = new AtomicLong();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread writer = new Thread(task, "embedded-postgres-writeback");
        writer.setDaemon(true);
        return writer;
    });
    private Instant since;

    /** Syncs, every {@link #INTERVAL}, the changed files in the subdirectories of {@code directory} (base/&lt;database&gt;/). */
    static DataFileWriteback start(Path directory, Clock clock) {
        DataFileWriteback writeback = new DataFileWriteback(directory, clock);
        writeback.thread.scheduleWithFixedDelay(writeback::passLogged, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return writeback;
    }

    DataFileWriteback(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        this.since = clock.instant();
    }

    /** Files synced so far. */
    long synced() {
        return synced.get();
    }

    /** Syncs every file modified since the previous pass began (or since this began); returns them. */
    List<Path> pass() {
        Instant began = clock.instant();
        Instant changedAfter = since.minus(CLOCK_SLACK);
        List<Path> changed = new ArrayList<>();
        try (DirectoryStream<Path> databases = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path database : databases) {
                changed.addAll(filesChangedAfter(database, changedAfter));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> done = changed.stream().filter(DataFileWriteback::sync).toList();
        synced.addAndGet(done.size());
        since = began;
        return done;
    }

    /** PostgreSQL drops files and whole databases while a pass runs: those are skipped, not failures. */
    private static List<Path> filesChangedAfter(Path database, Instant changedAfter) throws IOException {
        List<Path> changed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(database)) {
            for (Path file : files) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isAfter(changedAfter)) {
                        changed.add(file);
                    }
                } catch (NoSuchFileException removed) {
                    // dropped since the listing
                }
            }
        } catch (NoSuchFileException dropped) {
            // the database was dropped since the listing
        }
        return changed;
    }

    private void passLogged() {
        try {
            pass();
        } catch (RuntimeException e) {
            // the next pass tries again; PostgreSQL's own checkpoints keep the data safe meanwhile
            LOG.warn("writing back the embedded database's files failed", e);
        }
    }

    /** fdatasync: the file's data, and its size where it grew. False when PostgreSQL removed it meanwhile. */
    private static boolean sync(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(false);
            return true;
        } catch (NoSuchFileException removed) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets a pass under way finish: interrupted, its sync would fail and be reported as a failure. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
