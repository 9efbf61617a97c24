package lux.consensus.kernels.keccak;

/** Keccak and SHAKE lanes at 256 bits (4 states). */
class ShakeLanes256Test extends ShakeLanesTestCase {

    @Override
    int bits() {
        return 256;
    }
}
