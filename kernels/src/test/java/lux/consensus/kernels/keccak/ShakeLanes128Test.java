package lux.consensus.kernels.keccak;

/** Keccak and SHAKE lanes at 128 bits (2 states). */
class ShakeLanes128Test extends ShakeLanesTestCase {

    @Override
    int bits() {
        return 128;
    }
}
