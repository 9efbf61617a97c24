package lux.consensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    @Test
    void percentilesAreWithinTheBucketWidthOfTheExactOnes() {
        SplittableRandom random = new SplittableRandom(3);
        LatencyRecorder recorder = new LatencyRecorder();
        long[] values = new long[20_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(random.nextDouble(0, 25)); // 1 ns to about 70 s
            recorder.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {1, 50, 90, 99, 100}) {
            long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
            assertEquals(exact, recorder.percentile(p), Math.max(1, exact / 64.0), "p" + p);
        }
    }

    @Test
    void smallValuesAreExactAndNothingRecordedIsZero() {
        LatencyRecorder recorder = new LatencyRecorder();
        assertEquals(0, recorder.percentile(50));
        for (long v = 0; v < 10; v++) {
            recorder.record(v);
        }
        assertEquals(4, recorder.percentile(50));
        assertEquals(9, recorder.percentile(100));
    }
}
