package lux.consensus.kernels;

import java.util.Locale;
import lux.consensus.kernels.gpu.GpuBackends;
import lux.consensus.kernels.gpu.OpenClMlDsaVerifier;
import lux.consensus.kernels.mldsa.BouncyCastleMlDsaVerifier;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.mldsa.SimdMlDsaVerifier;
import lux.consensus.kernels.profile.HardwareProfile;
import lux.consensus.kernels.profile.HardwareProfiles;
import lux.consensus.kernels.tally.OpenClVoteTally;
import lux.consensus.kernels.tally.ScalarVoteTally;
import lux.consensus.kernels.tally.SimdVoteTally;
import lux.consensus.kernels.tally.VoteTally;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that picks kernel backends. Callers ask here and never name a backend class.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code lux.kernels} = {@code auto} (default) | {@code scalar} | {@code simd} | {@code gpu}.
 *       {@code auto} uses SIMD when this JVM can run it well and otherwise falls back to scalar with
 *       one WARN line saying why. A forced choice that cannot be honoured throws; it never falls back.</li>
 *   <li>{@code lux.vector.bits} = {@code 128} | {@code 256} | {@code 512} forces the SIMD vector width
 *       (for example to run the 128-bit NEON path on an x86 machine).</li>
 *   <li>{@code lux.profile} = the name of a hardware profile (see {@link HardwareProfiles}) instead of the one
 *       that matches this machine.</li>
 *   <li>{@code lux.gpu} = {@code opencl} (default) | {@code tornadovm}: the GPU backend of {@code lux.kernels=gpu}.
 *       TornadoVM's lives in the optional module {@code tornadovm} and is found on the class path
 *       ({@link GpuBackends}); without it, or outside TornadoVM's JVM, asking for it throws, saying how to get it.</li>
 * </ul>
 * In {@code auto} mode without a forced width, the hardware profile decides per kernel: {@code scalar},
 * {@code simd} (at its width) or {@code gpu} (batches from the profile's offload threshold up go to the GPU,
 * smaller ones to SIMD); a profile entry of {@code auto} leaves the choice to the rule above.
 * The choice is made once, on first use, and logged at INFO.
 */
public final class Kernels {

    /** Property naming the backend: auto, scalar, simd or gpu. */
    public static final String KERNELS_PROPERTY = "lux.kernels";
    /** Property forcing the SIMD vector width in bits: 128, 256 or 512. */
    public static final String VECTOR_BITS_PROPERTY = "lux.vector.bits";
    /** Property naming the GPU backend of {@code lux.kernels=gpu}: opencl or tornadovm. */
    public static final String GPU_PROPERTY = "lux.gpu";

    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
    private static final String HOW_TO_ENABLE = "run the JVM with --add-modules " + JvmFeatures.VECTOR_MODULE;

    private static volatile VoteTally voteTally;
    private static volatile MlDsaBatchVerifier mlDsaVerifier;

    private Kernels() {
    }

    /**
     * The vote-tally backend for this JVM, chosen on the first call and the same object afterwards.
     *
     * @throws IllegalArgumentException      if a property has an unknown value
     * @throws UnsupportedOperationException if a forced backend cannot run here (asked again on each call)
     */
    public static VoteTally voteTally() {
        VoteTally tally = voteTally;
        if (tally == null) {
            synchronized (Kernels.class) {
                tally = voteTally;
                if (tally == null) {
                    tally = createVoteTally();
                    voteTally = tally;
                }
            }
        }
        return tally;
    }

    /**
     * The ML-DSA batch verifier for this JVM, chosen on the first call and the same object afterwards.
     *
     * <p>The same properties and rule as {@link #voteTally()} decide (so a forced choice that cannot be
     * honoured throws here too): the SIMD choice gives {@link SimdMlDsaVerifier} ({@code "simd-<bits>"}, which
     * also implements {@link lux.consensus.kernels.mldsa.MlDsaKeyRegistry}), the scalar choice the reference
     * {@link BouncyCastleMlDsaVerifier} ({@code "bouncycastle"}).
     *
     * @throws IllegalArgumentException      if a property has an unknown value
     * @throws UnsupportedOperationException if a forced backend cannot run here (asked again on each call)
     */
    public static MlDsaBatchVerifier mlDsaVerifier() {
        MlDsaBatchVerifier verifier = mlDsaVerifier;
        if (verifier == null) {
            synchronized (Kernels.class) {
                verifier = mlDsaVerifier;
                if (verifier == null) {
                    verifier = createMlDsaVerifier();
                    mlDsaVerifier = verifier;
                }
            }
        }
        return verifier;
    }

    /** One line naming the chosen backends, for example {@code "tally=simd-512 mldsa=bouncycastle"}. */
    public static String describe() {
        return "tally=" + voteTally().name() + " mldsa=" + mlDsaVerifier().name();
    }

    /** Backends the selection can pick. */
    enum Backend { SCALAR, SIMD, GPU }

    /**
     * What to build.
     *
     * @param backend     the backend
     * @param vectorBits  SIMD width in bits, 0 for scalar
     * @param forced      whether the user named the backend (then failing to build it is an error)
     * @param fallbackWhy for auto falling back to scalar: the WARN line saying why and how to enable SIMD; else null
     * @param offloadFrom for a CPU backend: the batch size from which a GPU takes over (the profile's offload
     *                    threshold), or 0 for none
     */
    record Choice(Backend backend, int vectorBits, boolean forced, String fallbackWhy, int offloadFrom) {
        Choice(Backend backend, int vectorBits, boolean forced, String fallbackWhy) {
            this(backend, vectorBits, forced, fallbackWhy, 0);
        }
    }

    /**
     * The selection rule, a pure function of the properties and what the JVM offers.
     *
     * @param kernelsProp         value of {@code lux.kernels}, or null
     * @param bitsProp            value of {@code lux.vector.bits}, or null
     * @param vectorModulePresent whether {@code jdk.incubator.vector} is in the boot layer
     * @param c2                  whether the C2 compiler is available
     * @param preferredBits       the preferred byte vector width in bits (0 if unknown)
     * @throws IllegalArgumentException      for an unknown property value
     * @throws UnsupportedOperationException for a forced backend that cannot be honoured
     */
    static Choice choose(String kernelsProp, String bitsProp, boolean vectorModulePresent, boolean c2,
            int preferredBits) {
        return choose(kernelsProp, bitsProp, vectorModulePresent, c2, preferredBits, null, null);
    }

    /**
     * The selection rule with a hardware profile: as above, but in {@code auto} mode without a forced width the
     * profile's entry for {@code kernel} decides ({@code scalar}, {@code simd} at its width, or {@code gpu}:
     * SIMD with offload from the profile's threshold); an entry of {@code auto}, {@code native} or none leaves
     * it to the rule. Still a pure function: the profile is data.
     *
     * @param profile the hardware profile in force, or null for none
     * @param kernel  the profile's name of the kernel, e.g. {@code voteTally} or {@code mlDsaVerify}
     */
    static Choice choose(String kernelsProp, String bitsProp, boolean vectorModulePresent, boolean c2,
            int preferredBits, HardwareProfile profile, String kernel) {
        String mode = kernelsProp == null || kernelsProp.isBlank() ? "auto" : kernelsProp.trim().toLowerCase(Locale.ROOT);
        int forcedBits = parseBits(bitsProp);
        switch (mode) {
            case "scalar":
                return new Choice(Backend.SCALAR, 0, true, null);
            case "gpu":
                return new Choice(Backend.GPU, 0, true, null);
            case "simd":
            case "auto":
                break;
            default:
                throw new IllegalArgumentException(KERNELS_PROPERTY + " must be auto, scalar, simd or gpu, got '"
                        + kernelsProp + "'");
        }
        if (mode.equals("auto") && forcedBits == 0 && profile != null && profile.kernel(kernel) != null) {
            Choice byProfile = fromProfile(profile, kernel, vectorModulePresent, c2, preferredBits);
            if (byProfile != null) {
                return byProfile;
            }
        }
        boolean forced = mode.equals("simd");
        String unusable = simdUnusable(vectorModulePresent, c2, preferredBits, forcedBits);
        if (unusable == null) {
            return new Choice(Backend.SIMD, forcedBits != 0 ? forcedBits : preferredBits, forced, null);
        }
        if (forced) {
            throw new UnsupportedOperationException(KERNELS_PROPERTY + "=simd cannot be honoured: " + unusable);
        }
        return new Choice(Backend.SCALAR, 0, false, "SIMD kernels disabled, using scalar kernels: " + unusable);
    }

    /** What the profile's entry for {@code kernel} asks for, or null when it leaves the choice to the rule. */
    private static Choice fromProfile(HardwareProfile profile, String kernel, boolean vectorModulePresent, boolean c2,
            int preferredBits) {
        HardwareProfile.KernelSettings settings = profile.kernel(kernel);
        String backend = settings.backend();
        if (backend.equals("scalar")) {
            return new Choice(Backend.SCALAR, 0, false, null);
        }
        if (!backend.equals("simd") && !backend.equals("gpu")) {
            return null; // auto, native: the rule decides
        }
        int offloadFrom = 0;
        if (backend.equals("gpu")) {
            Integer min = profile.gpuOffload().enabled() ? profile.gpuOffload().minBatch().get(kernel) : null;
            offloadFrom = min == null ? 1 : Math.max(1, min);
        }
        String unusable = simdUnusable(vectorModulePresent, c2, preferredBits, settings.vectorBits());
        if (unusable != null) {
            return new Choice(Backend.SCALAR, 0, false, "SIMD kernels disabled, using scalar kernels: " + unusable,
                    offloadFrom);
        }
        int bits = settings.vectorBits() != 0 ? settings.vectorBits() : preferredBits;
        return new Choice(Backend.SIMD, bits, false, null, offloadFrom);
    }

    /** Why SIMD is not usable (with how to fix it), or null if it is. */
    private static String simdUnusable(boolean vectorModulePresent, boolean c2, int preferredBits, int forcedBits) {
        if (!vectorModulePresent) {
            return "module " + JvmFeatures.VECTOR_MODULE + " is not in the boot layer; to enable SIMD, " + HOW_TO_ENABLE;
        }
        if (!c2) {
            return "the C2 JIT compiler is off (-Xint, or -XX:TieredStopAtLevel below 4) and the Vector API is slow"
                    + " without it; to enable SIMD, run with C2 and --add-modules " + JvmFeatures.VECTOR_MODULE;
        }
        if (forcedBits == 0 && preferredBits < 128) {
            return "the preferred vector is " + preferredBits + " bits (hardware or -XX:MaxVectorSize), below 128;"
                    + " to enable SIMD, " + HOW_TO_ENABLE + " on a CPU with 128-bit vectors, or force a width with -D"
                    + VECTOR_BITS_PROPERTY + "=128";
        }
        return null;
    }

    /**
     * The GPU backend {@code lux.gpu} names: null for the built-in OpenCL one (the default), else the name of the
     * backend to find on the class path.
     *
     * @throws IllegalArgumentException for an unknown value
     */
    static String externalGpu(String gpuProp) {
        String name = gpuProp == null || gpuProp.isBlank() ? "opencl" : gpuProp.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "opencl" -> null;
            case GpuBackends.TORNADOVM -> GpuBackends.TORNADOVM;
            default -> throw new IllegalArgumentException(GPU_PROPERTY + " must be opencl or tornadovm, got '"
                    + gpuProp + "'");
        };
    }

    /** The forced width, or 0 if the property is unset. */
    private static int parseBits(String bitsProp) {
        if (bitsProp == null || bitsProp.isBlank()) {
            return 0;
        }
        return switch (bitsProp.trim()) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalArgumentException(VECTOR_BITS_PROPERTY + " must be 128, 256 or 512, got '"
                    + bitsProp + "'");
        };
    }

    private static VoteTally createVoteTally() {
        Choice choice = chooseForThisJvm("voteTally");
        VoteTally tally = buildVoteTally(choice);
        LOG.info("Vote tally backend: {}", tally.name());
        return tally;
    }

    /** The choice for one kernel from this JVM's properties, features and hardware profile. */
    private static Choice chooseForThisJvm(String kernel) {
        boolean module = JvmFeatures.vectorModulePresent();
        return choose(System.getProperty(KERNELS_PROPERTY), System.getProperty(VECTOR_BITS_PROPERTY), module,
                JvmFeatures.c2Available(), module ? preferredBits() : 0, HardwareProfiles.forThisMachine(), kernel);
    }

    private static MlDsaBatchVerifier createMlDsaVerifier() {
        Choice choice = chooseForThisJvm("mlDsaVerify");
        MlDsaBatchVerifier verifier = buildMlDsa(choice);
        LOG.info("ML-DSA verifier backend: {}", verifier.name());
        return verifier;
    }

    /**
     * The ML-DSA backend for a choice: the SIMD verifier at the chosen width, or the BouncyCastle reference.
     * A fallback from SIMD to scalar made by {@link #choose} is logged by the vote tally, not again here; a
     * SIMD verifier that cannot start falls back with one WARN line unless SIMD was forced.
     */
    static MlDsaBatchVerifier buildMlDsa(Choice choice) {
        if (choice.offloadFrom() > 0 && choice.backend() != Backend.GPU) {
            MlDsaBatchVerifier cpu = buildMlDsa(new Choice(choice.backend(), choice.vectorBits(), false, choice.fallbackWhy()));
            return new OffloadingMlDsaVerifier(cpu, Kernels::newGpuMlDsa, choice.offloadFrom());
        }
        if (choice.backend() == Backend.GPU) {
            return newGpuMlDsa();
        }
        if (choice.backend() == Backend.SCALAR) {
            return new BouncyCastleMlDsaVerifier();
        }
        try {
            return newSimdMlDsa(choice.vectorBits());
        } catch (UnsupportedOperationException | LinkageError e) {
            if (choice.forced()) {
                throw new UnsupportedOperationException(KERNELS_PROPERTY + "=simd cannot be honoured: " + e, e);
            }
            LOG.warn("SIMD ML-DSA disabled, using BouncyCastle: the SIMD verifier could not start ({});"
                    + " to enable SIMD, {}", e, HOW_TO_ENABLE);
            return new BouncyCastleMlDsaVerifier();
        }
    }

    /** The ML-DSA verifier of the GPU backend {@code lux.gpu} names (OpenCL by default). */
    private static MlDsaBatchVerifier newGpuMlDsa() {
        String external = externalGpu(System.getProperty(GPU_PROPERTY));
        return external == null
                ? new OpenClMlDsaVerifier() // throws GpuUnavailableException, naming why and what to install, without a device
                : GpuBackends.require(external).newMlDsaVerifier();
    }

    /** The vote tally of the GPU backend {@code lux.gpu} names (OpenCL by default). */
    private static VoteTally newGpuTally() {
        String external = externalGpu(System.getProperty(GPU_PROPERTY));
        return external == null
                ? new OpenClVoteTally() // throws GpuUnavailableException, naming why and what to install, without a device
                : GpuBackends.require(external).newVoteTally();
    }

    /** The only reference to the SIMD ML-DSA class: it, and the Vector API, load only when this runs. */
    private static MlDsaBatchVerifier newSimdMlDsa(int bits) {
        return new SimdMlDsaVerifier(bits);
    }

    /**
     * The vote tally for a choice: the GPU one, the SIMD one at the chosen width, or the scalar reference; wrapped
     * in an {@link OffloadingVoteTally} when the profile offloads large calls.
     */
    static VoteTally buildVoteTally(Choice choice) {
        if (choice.offloadFrom() > 0 && choice.backend() != Backend.GPU) {
            VoteTally cpu = buildVoteTally(new Choice(choice.backend(), choice.vectorBits(), false, choice.fallbackWhy()));
            return new OffloadingVoteTally(cpu, Kernels::newGpuTally, choice.offloadFrom());
        }
        if (choice.backend() == Backend.GPU) {
            return newGpuTally();
        }
        if (choice.backend() == Backend.SCALAR) {
            if (choice.fallbackWhy() != null) {
                LOG.warn(choice.fallbackWhy());
            }
            return new ScalarVoteTally();
        }
        try {
            return newSimd(choice.vectorBits());
        } catch (UnsupportedOperationException | LinkageError e) {
            if (choice.forced()) {
                throw new UnsupportedOperationException(KERNELS_PROPERTY + "=simd cannot be honoured: " + e, e);
            }
            LOG.warn("SIMD kernels disabled, using scalar kernels: the SIMD vote tally could not start ({});"
                    + " to enable SIMD, {}", e, HOW_TO_ENABLE);
            return new ScalarVoteTally();
        }
    }

    /** The only reference to the SIMD class: it, and the Vector API, load only when this runs. */
    private static VoteTally newSimd(int bits) {
        return new SimdVoteTally(bits);
    }

    /** The preferred width, or 0 if the Vector API cannot be asked. */
    private static int preferredBits() {
        try {
            return SimdVoteTally.preferredBits();
        } catch (UnsupportedOperationException | LinkageError e) {
            return 0;
        }
    }
}
