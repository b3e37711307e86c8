package kz.gov.safework.contract.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One reader instance serves every thread. */
class ReaderConcurrencyTest {

    @Test
    void oneReaderGivesEveryThreadTheSameAnswers() throws Exception {
        List<Path> documents = new ArrayList<>(Examples.valid());
        documents.addAll(Examples.readerLevelInvalid());
        List<ReadResult> expected = documents.stream().map(Examples::read).toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<ReadResult>>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                tasks.add(() -> documents.stream().map(Examples::read).toList());
            }
            for (Future<List<ReadResult>> future : pool.invokeAll(tasks)) {
                assertThat(future.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
