package io.cere.stack.launcher.storage;

import io.cere.stack.storage.client.ProgressListener;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on a terminal, redrawn in place at most every {@value #REDRAW_MILLIS} ms:
 * {@code put cat.mp4 [=========> ] 45% 12.0/26.7 MiB 85.3 MiB/s}. {@link #finish()} draws the final
 * state and ends the line.
 */
final class ProgressBar implements ProgressListener {

    static final long REDRAW_MILLIS = 100;
    private static final int WIDTH = 30;
    private static final double MIB = 1024.0 * 1024.0;

    private final PrintWriter err;
    private final String label;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long lastDrawNanos;
    private long transferred;
    private long total = -1;
    private boolean drawn;

    ProgressBar(PrintWriter err, String label, LongSupplier nanoClock) {
        this.err = err;
        this.label = label;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastDrawNanos = startNanos;
    }

    @Override
    public void progress(long transferred, long total) {
        this.transferred = transferred;
        this.total = total;
        long now = nanoClock.getAsLong();
        if (now - lastDrawNanos >= REDRAW_MILLIS * 1_000_000L) {
            lastDrawNanos = now;
            draw(now);
        }
    }

    /** Draws where the transfer ended and moves to the next line. */
    void finish() {
        draw(nanoClock.getAsLong());
        err.println();
        err.flush();
    }

    /** Moves off the bar's line, if it was drawn, so that a message after it starts clean. */
    void abandon() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }

    /** The line as drawn at {@code nowNanos}. */
    String line(long nowNanos) {
        double seconds = Math.max(1e-3, (nowNanos - startNanos) / 1e9);
        String rate = String.format(Locale.ROOT, "%.1f MiB/s", transferred / MIB / seconds);
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s  %.1f MiB  %s", label, transferred / MIB, rate);
        }
        double fraction = Math.min(1.0, (double) transferred / total);
        int filled = (int) Math.round(fraction * WIDTH);
        char[] cells = new char[WIDTH];
        Arrays.fill(cells, ' ');
        Arrays.fill(cells, 0, filled, '=');
        if (filled > 0 && filled < WIDTH) {
            cells[filled - 1] = '>';
        }
        String bar = "[" + new String(cells) + "]";
        return String.format(
                Locale.ROOT,
                "%s %s %3d%%  %.1f/%.1f MiB  %s",
                label,
                bar,
                (int) Math.floor(fraction * 100),
                transferred / MIB,
                total / MIB,
                rate);
    }

    private void draw(long nowNanos) {
        err.print("\r" + line(nowNanos) + "  ");
        err.flush();
        drawn = true;
    }
}
