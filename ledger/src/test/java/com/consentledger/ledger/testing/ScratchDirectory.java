package com.consentledger.ledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh directory under {@code target/} for an embedded PostgreSQL's data, removed with everything in it
 * when closed. Each server's data is about 50 MB: kept, every test run added a few gigabytes to {@code target/}.
 * Close it only after the server in it has stopped.
 */
public record ScratchDirectory(Path path) implements AutoCloseable {

    public static ScratchDirectory underTarget(String prefix) {
        try {
            return new ScratchDirectory(Files.createTempDirectory(
                    Files.createDirectories(Path.of("target")).toAbsolutePath(), prefix + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path entry : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the scratch directory " + path, e);
        }
    }
}
