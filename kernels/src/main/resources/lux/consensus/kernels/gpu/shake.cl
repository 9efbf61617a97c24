// SHAKE of one message per work-item, on the sponge of keccak.cl (built in front of this file): message i is
// messages[offsets[i] .. offsets[i+1]), its outLen bytes of output go to out[i*outLen ..]. rate is 168 for
// SHAKE128 and 136 for SHAKE256.
__kernel void shake(__global const uchar *messages,
                    __global const ulong *offsets,
                    const uint count,
                    const uint rate,
                    const uint outLen,
                    __global uchar *out) {
    const uint i = get_global_id(0);
    if (i >= count) {
        return;
    }
    shake_t s;
    shake_init(&s, rate / 8);
    for (ulong k = offsets[i]; k < offsets[i + 1]; k++) {
        shake_absorb_byte(&s, messages[k]);
    }
    shake_finish(&s);
    __global uchar *result = out + (ulong) i * outLen;
    for (uint k = 0; k < outLen; k++) {
        result[k] = shake_squeeze_byte(&s);
    }
}
