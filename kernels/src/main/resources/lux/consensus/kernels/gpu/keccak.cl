// Keccak-f[1600] and SHAKE128/SHAKE256 (FIPS 202), one message per work-item: the hashing core of the
// ML-DSA (FIPS 204) verification kernel, which expands matrices and samples challenges with SHAKE.
//
// State: 25 lanes of 64 bits, lane (x, y) at st[x + 5*y]; byte j of the sponge is byte j % 8 of lane
// j / 8, least significant first (FIPS 202 section 3.1.2 and B.1: lanes are little-endian).

// Round constants RC[i] of the iota step (FIPS 202 section 3.2.5, Algorithm 5 rc(t) packed per round).
__constant ulong KECCAK_RC[24] = {
    0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
    0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
    0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
    0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
    0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
    0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL
};

// rho and pi together, walked along pi's single cycle through the 24 lanes other than (0, 0): the lane
// at KECCAK_PI[i] receives the previous lane of the walk rotated by KECCAK_RHO[i]. Lane 1 = (1, 0) starts the
// walk; pi sends (x, y) to (y, 2x + 3y), and the offsets are rho's (t + 1)(t + 2) / 2 mod 64 for t = 0..23
// (FIPS 202 sections 3.2.2 and 3.2.3).
__constant uchar KECCAK_RHO[24] = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
__constant uchar KECCAK_PI[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};

// Keccak-f[1600]: 24 rounds of theta, rho, pi, chi, iota (FIPS 202 section 3.3, Algorithm 7).
void keccak_f1600(ulong st[25]) {
    ulong c[5];
    for (int round = 0; round < 24; round++) {
        // theta: every lane takes the parities of two neighbouring columns.
        for (int x = 0; x < 5; x++) {
            c[x] = st[x] ^ st[x + 5] ^ st[x + 10] ^ st[x + 15] ^ st[x + 20];
        }
        for (int x = 0; x < 5; x++) {
            ulong d = c[(x + 4) % 5] ^ rotate(c[(x + 1) % 5], 1UL);
            for (int y = 0; y < 25; y += 5) {
                st[y + x] ^= d;
            }
        }
        // rho and pi.
        ulong moving = st[1];
        for (int i = 0; i < 24; i++) {
            int j = KECCAK_PI[i];
            ulong next = st[j];
            st[j] = rotate(moving, (ulong) KECCAK_RHO[i]);
            moving = next;
        }
        // chi: a non-linear mix along each row.
        for (int y = 0; y < 25; y += 5) {
            for (int x = 0; x < 5; x++) {
                c[x] = st[y + x];
            }
            for (int x = 0; x < 5; x++) {
                st[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
            }
        }
        // iota.
        st[0] ^= KECCAK_RC[round];
    }
}

// XORs byte b into sponge byte pos.
inline void keccak_xor_byte(ulong st[25], uint pos, uchar b) {
    st[pos >> 3] ^= ((ulong) b) << ((pos & 7) * 8);
}

// Sponge byte pos.
inline uchar keccak_byte(const ulong st[25], uint pos) {
    return (uchar) (st[pos >> 3] >> ((pos & 7) * 8));
}

// SHAKE of one message per work-item: message i is messages[offsets[i] .. offsets[i+1]), its outLen
// bytes of output go to out[i*outLen ..]. rate is 168 for SHAKE128 and 136 for SHAKE256. Padding: the
// SHAKE domain bits 1111 then pad10*1, so the byte after the message gets 0x1F and the last byte of the
// block 0x80 (FIPS 202 sections 6.2 and B.2).
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
    ulong st[25];
    for (int k = 0; k < 25; k++) {
        st[k] = 0;
    }
    __global const uchar *message = messages + offsets[i];
    const ulong length = offsets[i + 1] - offsets[i];
    uint pos = 0;
    for (ulong k = 0; k < length; k++) {
        keccak_xor_byte(st, pos, message[k]);
        if (++pos == rate) {
            keccak_f1600(st);
            pos = 0;
        }
    }
    keccak_xor_byte(st, pos, 0x1F);
    keccak_xor_byte(st, rate - 1, 0x80);
    keccak_f1600(st);
    __global uchar *result = out + (ulong) i * outLen;
    pos = 0;
    for (uint k = 0; k < outLen; k++) {
        if (pos == rate) {
            keccak_f1600(st);
            pos = 0;
        }
        result[k] = keccak_byte(st, pos++);
    }
}
