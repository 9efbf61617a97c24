package lux.consensus.kernels.keccak;

/** Keccak and SHAKE lanes at 512 bits (8 states). */
class ShakeLanes512Test extends ShakeLanesTestCase {

    @Override
    int bits() {
        return 512;
    }
}
