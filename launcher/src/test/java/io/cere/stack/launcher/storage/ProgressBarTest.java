package io.cere.stack.launcher.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long MIB = 1 << 20;
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final StringWriter text = new StringWriter();
    private final ProgressBar bar = new ProgressBar(new PrintWriter(text), "put a.bin", now::get);

    @Test
    void drawsTheShareDoneSizesAndRate() {
        bar.progress(5 * MIB, 10 * MIB);

        assertThat(bar.line(now.get() + 2 * SECOND))
                .isEqualTo(
                        "put a.bin [==============>               ]  50%  5.0/10.0 MiB  2.5 MiB/s");
    }

    @Test
    void aFinishedTransferFillsTheBarAndEndsTheLine() {
        bar.progress(10 * MIB, 10 * MIB);
        now.addAndGet(SECOND);
        bar.finish();

        assertThat(text.toString())
                .isEqualTo(
                        "\rput a.bin [==============================] 100%  10.0/10.0 MiB"
                                + "  10.0 MiB/s  "
                                + System.lineSeparator());
    }

    @Test
    void redrawsAtMostEveryTenthOfASecond() {
        bar.progress(1, 100);
        now.addAndGet(ProgressBar.REDRAW_MILLIS * 1_000_000L - 1);
        bar.progress(2, 100);
        assertThat(text.toString()).isEmpty();

        now.addAndGet(1);
        bar.progress(3, 100);
        assertThat(text.toString()).startsWith("\rput a.bin [").contains("  3%");
    }

    @Test
    void withoutATotalShowsWhatWasMoved() {
        bar.progress(3 * MIB, -1);

        assertThat(bar.line(now.get() + SECOND)).isEqualTo("put a.bin  3.0 MiB  3.0 MiB/s");
    }
}
