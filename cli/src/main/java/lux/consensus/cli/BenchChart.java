package lux.consensus.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lux.consensus.kernels.profile.Environment;
import lux.consensus.kernels.profile.ResultsFile.Entry;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/** The PNG of a {@code lux bench} run: three panels of bar charts with the environment as a caption. */
final class BenchChart {

    /** The SDK guide's advertised single-operation times (Apple M1 Max), ns. */
    static final Map<String, Double> ADVERTISED_NS = Map.of("blockAdd", 149.0, "votePoll", 128.0, "isFinalizedHit", 76.0,
            "stats", 114.0);

    private static final Color[] SERIES = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52)};

    private BenchChart() {
    }

    static void write(Path file, List<Entry> entries, Environment env) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int panelW = 620;
        int panelH = 520;
        int captionH = 60;
        BufferedImage image = new BufferedImage(panelW * 3, panelH + captionH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        tallyChart(entries).draw(g, new Rectangle2D.Double(0, 0, panelW, panelH));
        batchChart(entries).draw(g, new Rectangle2D.Double(panelW, 0, panelW, panelH));
        operationsChart(entries).draw(g, new Rectangle2D.Double(2 * panelW, 0, panelW, panelH));
        g.setColor(new Color(0x333333));
        g.setStroke(new BasicStroke(1));
        g.drawLine(10, panelH + 4, image.getWidth() - 10, panelH + 4);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString("lux bench on " + env.host() + ", " + env.timestamp() + ":  " + env.cpuModel() + ", " + env.cores()
                + " cores, " + env.vectorIsa() + ", JVM vector " + env.preferredVectorBits() + " bits, " + env.backends()
                + ", profile " + env.hardwareProfile(), 14, panelH + 26);
        g.drawString(env.os() + " " + env.kernel() + ", " + env.jvm(), 14, panelH + 48);
        g.dispose();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartUtils.writeBufferedImageAsPNG(out, image);
        }
    }

    /** Vote tally GB/s per backend and shape. */
    static JFreeChart tallyChart(List<Entry> entries) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Entry e : entries) {
            if (e.group().equals("tally")) {
                String shape = e.params().replaceFirst("^shape=[^ ]* \\(([^)]*)\\).*$", "$1");
                data.addValue(e.value(), e.backend().equals("memory") ? "memory read" : e.backend(), shape);
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Vote tally throughput (1 vote = 1 byte)", "batch shape",
                "GB/s (= Gvotes/s)", data, PlotOrientation.VERTICAL, true, false, false);
        style(chart, "%.1f");
        return chart;
    }

    /** End-to-end blocks finalized per second per batch size. */
    static JFreeChart batchChart(List<Entry> entries) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Entry e : entries) {
            if (e.group().equals("batch") && e.name().equals("blocksFinalized")) {
                String series = e.params().contains("certificates=off") ? "consensus only (qRounds 0)"
                        : "with BLS + ML-DSA certificates";
                data.addValue(e.value(), series, e.params().replaceFirst("^batch=(\\d+).*$", "$1"));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("End to end: 100 validators, k 21", "blocks per addBatch",
                "blocks added and finalized per second (log scale)", data, PlotOrientation.VERTICAL, true, false, false);
        LogAxis log = new LogAxis("blocks added and finalized per second (log scale)");
        log.setSmallestValue(1);
        log.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
        log.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
        chart.getCategoryPlot().setRangeAxis(log);
        style(chart, "%,.0f");
        return chart;
    }

    /** Single operations: ours vs the guide's advertised numbers, ns (log scale). */
    static JFreeChart operationsChart(List<Entry> entries) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Entry e : entries) {
            if (e.group().equals("chain")) {
                data.addValue(e.value(), "measured here", e.name());
                Double advertised = ADVERTISED_NS.get(e.name());
                if (advertised != null) {
                    data.addValue(advertised, "SDK guide (M1 Max)", e.name());
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Single operations (lower is better)", "operation",
                "ns per operation (votes: per vote)", data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LogAxis log = new LogAxis("ns per operation (votes: per vote), log scale");
        log.setSmallestValue(0.1);
        log.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0)); // one tick per decade
        log.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#"));
        plot.setRangeAxis(log);
        style(chart, "%.1f");
        plot.getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_45);
        return chart;
    }

    private static void style(JFreeChart chart, String labelFormat) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(chart.getTitle().getText(), new Font(Font.SANS_SERIF, Font.BOLD, 16)));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(new Color(0xF7F7F7));
        plot.setRangeGridlinePaint(new Color(0xBBBBBB));
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (int i = 0; i < SERIES.length; i++) {
            renderer.setSeriesPaint(i, SERIES[i]);
        }
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new java.text.DecimalFormat(labelFormat.equals("%,.0f") ? "#,##0" : "#,##0.0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }
}
