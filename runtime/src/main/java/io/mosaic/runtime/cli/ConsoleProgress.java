package io.mosaic.runtime.cli;

import io.mosaic.runtime.train.EpochRecord;
import io.mosaic.runtime.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on the terminal: a bar per epoch over its batches (on an interactive terminal), and one summary
 * line per epoch (always), on the command's error stream.
 */
final class ConsoleProgress implements TrainingListener {
    private final PrintWriter err;
    private final boolean interactive;
    private ProgressBar bar;
    private double runningLoss;
    private int batches;

    ConsoleProgress(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    /** A training command's listener: nothing when {@code quiet}, else this, with bars when a terminal is attached. */
    static TrainingListener unless(boolean quiet, PrintWriter err) {
        return quiet ? TrainingListener.SILENT : new ConsoleProgress(err, System.console() != null);
    }

    @Override
    public void epochStarted(int epoch, int totalEpochs, String stage, int batchCount) {
        runningLoss = 0;
        batches = 0;
        if (interactive) {
            bar = new ProgressBarBuilder().setTaskName(String.format("epoch %d/%d", epoch, totalEpochs))
                    .setInitialMax(batchCount).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                    .continuousUpdate().build();
        }
    }

    @Override
    public void batchFinished(double loss) {
        batches++;
        runningLoss += loss;
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", runningLoss / batches));
        }
    }

    @Override
    public void epochFinished(EpochRecord record, String selectionMetric) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        Double selected = record.valid().get(selectionMetric);
        err.printf(Locale.ROOT, "epoch %3d [%s]  train loss %.4f  valid loss %.4f  valid %s %.4f%s  %.1f s%n",
                record.epoch(), record.stage(), record.trainLoss(), record.validLoss(), selectionMetric,
                selected == null ? Double.NaN : selected, record.improved() ? "  *" : "", record.seconds());
        err.flush();
    }

    @Override
    public void message(String text) {
        err.println(text);
        err.flush();
    }
}
