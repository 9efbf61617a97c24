package lux.consensus.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import lux.consensus.Id;

/** {@link Id#fromHex} on any text (the fuzzer's bytes as UTF-8) against a regular expression of what it accepts. */
class IdFuzzTest {
    private static final Pattern HEX_ID = Pattern.compile("(0[xX])?[0-9a-fA-F]{64}");

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "2h")
    void fromHex(byte[] utf8) {
        String text = new String(utf8, StandardCharsets.UTF_8);
        if (!HEX_ID.matcher(text).matches()) {
            assertThrows(IllegalArgumentException.class, () -> Id.fromHex(text));
            return;
        }
        Id id = Id.fromHex(text);
        String digits = text.length() == 66 ? text.substring(2) : text;
        assertEquals(digits.toLowerCase(Locale.ROOT), id.toHex());
    }
}
