package com.consentledger.loadtests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AcknowledgedIdsTest {

    @TempDir
    Path directory;

    @Test
    void every_id_added_from_many_threads_is_written_once() throws Exception {
        // more than two chunks, so ids land in chunks other threads created
        List<String> ids = IntStream.range(0, 150_000).mapToObj(i -> UUID.randomUUID().toString()).toList();
        AcknowledgedIds acknowledged = new AcknowledgedIds();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> adding = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int first = thread;
                adding.add(threads.submit(() -> {
                    for (int i = first; i < ids.size(); i += 4) {
                        acknowledged.add(ids.get(i));
                    }
                }));
            }
            for (Future<?> added : adding) {
                added.get();
            }
        }

        // sorted, then compared in order: containsExactlyInAnyOrder matches each element against the rest, and on
        // 150,000 ids took over two minutes of CI
        assertThat(written(acknowledged).stream().sorted().toList()).isEqualTo(ids.stream().sorted().toList());
    }

    @Test
    void an_id_acknowledged_twice_is_written_once() throws IOException {
        AcknowledgedIds acknowledged = new AcknowledgedIds();
        String id = UUID.randomUUID().toString();
        acknowledged.add(id);
        acknowledged.add(id);

        assertThat(written(acknowledged)).containsExactly(id);
    }

    @Test
    void an_id_that_is_not_a_lower_case_uuid_is_written_as_it_came() throws IOException {
        AcknowledgedIds acknowledged = new AcknowledgedIds();
        String upperCase = UUID.randomUUID().toString().toUpperCase();
        acknowledged.add("access-17");
        acknowledged.add(upperCase);
        acknowledged.add("1-2-3-4-5");

        assertThat(written(acknowledged)).containsExactlyInAnyOrder("access-17", upperCase, "1-2-3-4-5");
    }

    private List<String> written(AcknowledgedIds acknowledged) throws IOException {
        Path file = directory.resolve("acknowledged.txt");
        acknowledged.writeTo(file);
        return Files.readAllLines(file);
    }
}
