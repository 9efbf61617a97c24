package lux.consensus.kernels.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The built-in hardware profiles and the rule that picks one for a machine.
 *
 * <p>Profiles are JSON resources under {@value #RESOURCE_DIR} (copied from {@code hardware-profiles/profiles/}
 * by the kernels build), listed in {@code index.txt}. {@link #select} is pure: a name given with
 * {@code -Dlux.profile=NAME} wins (an unknown name fails loudly, listing the known ones); otherwise the
 * matching profile with the highest priority; the {@code generic} profile matches everything.
 *
 * <p>For the selection point: {@code HardwareProfiles.forThisMachine()}.
 */
public final class HardwareProfiles {

    /** Property naming a profile to use instead of the detected one. */
    public static final String PROFILE_PROPERTY = "lux.profile";
    /** Name of the profile that matches any machine. */
    public static final String GENERIC = "generic";
    static final String RESOURCE_DIR = "/lux/consensus/kernels/profile/profiles/";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static volatile List<HardwareProfile> builtIn;
    private static volatile HardwareProfile thisMachine;

    private HardwareProfiles() {
    }

    /**
     * The profile for this JVM: {@code -Dlux.profile} if set, else the best match for
     * {@link HardwareInfo#ofThisMachine()}. Chosen once and cached.
     *
     * @throws IllegalArgumentException if {@code lux.profile} names no built-in profile
     */
    public static HardwareProfile forThisMachine() {
        HardwareProfile p = thisMachine;
        if (p == null) {
            synchronized (HardwareProfiles.class) {
                p = thisMachine;
                if (p == null) {
                    p = select(System.getProperty(PROFILE_PROPERTY), HardwareInfo.ofThisMachine(), builtIn());
                    thisMachine = p;
                }
            }
        }
        return p;
    }

    /** Every built-in profile, in index order. */
    public static List<HardwareProfile> builtIn() {
        List<HardwareProfile> all = builtIn;
        if (all == null) {
            all = loadBuiltIn();
            builtIn = all;
        }
        return all;
    }

    /** The built-in profile with this name. @throws IllegalArgumentException if there is none */
    public static HardwareProfile named(String name) {
        return byName(name, builtIn());
    }

    /**
     * The profile to use: the one named (if {@code name} is non-blank) or the best match for {@code info}.
     *
     * @throws IllegalArgumentException if {@code name} names none of {@code profiles}, or nothing matches
     */
    public static HardwareProfile select(String name, HardwareInfo info, List<HardwareProfile> profiles) {
        if (name != null && !name.isBlank()) {
            return byName(name.trim(), profiles);
        }
        return match(info, profiles);
    }

    /**
     * The matching profile with the highest priority (ties: the earlier in the list).
     *
     * @throws IllegalArgumentException if none matches (the built-in {@code generic} profile always does)
     */
    public static HardwareProfile match(HardwareInfo info, List<HardwareProfile> profiles) {
        Objects.requireNonNull(info, "info");
        HardwareProfile best = null;
        for (HardwareProfile p : profiles) {
            if (p.matches(info) && (best == null || p.match().priority() > best.match().priority())) {
                best = p;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no hardware profile matches " + info.summary() + "; profiles: " + names(profiles));
        }
        return best;
    }

    static HardwareProfile byName(String name, List<HardwareProfile> profiles) {
        for (HardwareProfile p : profiles) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException(PROFILE_PROPERTY + "=" + name + " names no hardware profile; known: " + names(profiles));
    }

    private static List<String> names(List<HardwareProfile> profiles) {
        return profiles.stream().map(HardwareProfile::name).toList();
    }

    /** Parses one profile; its name must equal {@code expectedName} (the file name). */
    static HardwareProfile parse(InputStream json, String expectedName) throws IOException {
        HardwareProfile p = JSON.readValue(json, HardwareProfile.class);
        if (expectedName != null && !p.name().equals(expectedName)) {
            throw new IllegalArgumentException("profile file " + expectedName + ".json has name '" + p.name() + "'");
        }
        return p;
    }

    private static List<HardwareProfile> loadBuiltIn() {
        List<HardwareProfile> profiles = new ArrayList<>();
        for (String name : index()) {
            try (InputStream in = resource(name + ".json")) {
                profiles.add(parse(in, name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read hardware profile " + name, e);
            }
        }
        profiles.sort(Comparator.comparingInt((HardwareProfile p) -> -p.match().priority()));
        return List.copyOf(profiles);
    }

    /** The names in {@code index.txt}: one per line, {@code #} comments. */
    static List<String> index() {
        try (InputStream in = resource("index.txt")) {
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    names.add(l.toLowerCase(Locale.ROOT).endsWith(".json") ? l.substring(0, l.length() - 5) : l);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hardware profile index", e);
        }
    }

    private static InputStream resource(String file) {
        InputStream in = HardwareProfiles.class.getResourceAsStream(RESOURCE_DIR + file);
        if (in == null) {
            throw new IllegalStateException("hardware profile resource " + RESOURCE_DIR + file
                    + " is missing from the classpath (the kernels build copies hardware-profiles/profiles/)");
        }
        return in;
    }
}
