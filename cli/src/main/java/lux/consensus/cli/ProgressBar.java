package lux.consensus.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar: redrawn in place on a terminal, one line per step otherwise. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final double total;
    private double done;
    private final long startNanos = System.nanoTime();

    ProgressBar(PrintStream out, boolean terminal, double totalWork) {
        this.out = out;
        this.terminal = terminal;
        this.total = Math.max(1e-9, totalWork);
    }

    /** Marks {@code work} more as done and shows {@code label} as the current step. */
    void step(double work, String label) {
        done = Math.min(total, done + work);
        show(label);
    }

    /** Shows {@code label} without advancing. */
    void show(String label) {
        String line = render(done / total, (System.nanoTime() - startNanos) / 1e9, label);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the bar's line. */
    void finish() {
        if (terminal) {
            out.println();
        }
    }

    /** {@code [######........]  42%  12.3 s  label} */
    static String render(double fraction, double seconds, String label) {
        double f = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(f * WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%  %5.1f s  %s", Math.round(f * 100), seconds, label);
    }
}
