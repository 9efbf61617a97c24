package lux.consensus.snow;

/**
 * The numbers a snowball instance is driven by.
 *
 * <ul>
 *   <li>{@code k}: how many validators one poll samples;
 *   <li>{@code alphaPreference}: votes a choice needs in one poll to become (or stay) the preference;
 *   <li>{@code alphaConfidence}: votes a choice needs in one poll to add one to its confidence;
 *   <li>{@code beta}: consecutive confident polls that finalize a choice.
 * </ul>
 *
 * <p>This record does not check its values: the engine's configuration does that in one place
 * ({@code k/2 < alphaPreference <= alphaConfidence <= k}, {@code beta >= 1}). The classes of this package
 * assume those inequalities hold.
 */
public record Parameters(int k, int alphaPreference, int alphaConfidence, int beta) {

    /** The values avalanchego ships as its defaults: k 20, alphaPreference 15, alphaConfidence 15, beta 20. */
    public static final Parameters AVALANCHE_DEFAULTS = new Parameters(20, 15, 15, 20);

    /** Same as the canonical constructor; reads better at call sites with four bare numbers. */
    public static Parameters of(int k, int alphaPreference, int alphaConfidence, int beta) {
        return new Parameters(k, alphaPreference, alphaConfidence, beta);
    }
}
