// Keccak-f[1600] and a SHAKE128/SHAKE256 sponge (FIPS 202), one state per work-item: the hashing core shared by
// the OpenCL programs, which are built with this file in front of their own (mldsa_verify.cl, shake.cl).
//
// State: 25 lanes of 64 bits, lane (x, y) at st[x + 5*y]; byte j of the sponge is byte j % 8 of lane
// j / 8, least significant first (FIPS 202 section 3.1.2 and B.1: lanes are little-endian).

// Round constants of the iota step (FIPS 202 section 3.2.5).
__constant ulong RC[24] = {
    0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
    0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
    0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
    0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
    0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
    0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL
};

// Keccak-f[1600] (FIPS 202 Algorithm 7) on lanes a[x + 5 y]. Every index is a constant, so a compiler can keep
// the 25 lanes in registers (a table-driven rho/pi walk would force the state into memory). Per round:
// theta (column parities c, the mixing terms d), then rho (rotation by the offsets of FIPS 202 Table 2) and pi
// (lane (x, y) moves to (y, 2x + 3y)) together into b, then chi along each row, then iota.
void keccak_f(__private ulong a[25]) {
    for (int round = 0; round < 24; round++) {
        const ulong c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20];
        const ulong c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
        const ulong c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22];
        const ulong c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
        const ulong c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
        const ulong d0 = c4 ^ rotate(c1, 1UL);
        const ulong d1 = c0 ^ rotate(c2, 1UL);
        const ulong d2 = c1 ^ rotate(c3, 1UL);
        const ulong d3 = c2 ^ rotate(c4, 1UL);
        const ulong d4 = c3 ^ rotate(c0, 1UL);
        const ulong b0 = (a[0] ^ d0);
        const ulong b1 = rotate(a[6] ^ d1, 44UL);
        const ulong b2 = rotate(a[12] ^ d2, 43UL);
        const ulong b3 = rotate(a[18] ^ d3, 21UL);
        const ulong b4 = rotate(a[24] ^ d4, 14UL);
        const ulong b5 = rotate(a[3] ^ d3, 28UL);
        const ulong b6 = rotate(a[9] ^ d4, 20UL);
        const ulong b7 = rotate(a[10] ^ d0, 3UL);
        const ulong b8 = rotate(a[16] ^ d1, 45UL);
        const ulong b9 = rotate(a[22] ^ d2, 61UL);
        const ulong b10 = rotate(a[1] ^ d1, 1UL);
        const ulong b11 = rotate(a[7] ^ d2, 6UL);
        const ulong b12 = rotate(a[13] ^ d3, 25UL);
        const ulong b13 = rotate(a[19] ^ d4, 8UL);
        const ulong b14 = rotate(a[20] ^ d0, 18UL);
        const ulong b15 = rotate(a[4] ^ d4, 27UL);
        const ulong b16 = rotate(a[5] ^ d0, 36UL);
        const ulong b17 = rotate(a[11] ^ d1, 10UL);
        const ulong b18 = rotate(a[17] ^ d2, 15UL);
        const ulong b19 = rotate(a[23] ^ d3, 56UL);
        const ulong b20 = rotate(a[2] ^ d2, 62UL);
        const ulong b21 = rotate(a[8] ^ d3, 55UL);
        const ulong b22 = rotate(a[14] ^ d4, 39UL);
        const ulong b23 = rotate(a[15] ^ d0, 41UL);
        const ulong b24 = rotate(a[21] ^ d1, 2UL);
        a[0] = b0 ^ (~b1 & b2);
        a[1] = b1 ^ (~b2 & b3);
        a[2] = b2 ^ (~b3 & b4);
        a[3] = b3 ^ (~b4 & b0);
        a[4] = b4 ^ (~b0 & b1);
        a[5] = b5 ^ (~b6 & b7);
        a[6] = b6 ^ (~b7 & b8);
        a[7] = b7 ^ (~b8 & b9);
        a[8] = b8 ^ (~b9 & b5);
        a[9] = b9 ^ (~b5 & b6);
        a[10] = b10 ^ (~b11 & b12);
        a[11] = b11 ^ (~b12 & b13);
        a[12] = b12 ^ (~b13 & b14);
        a[13] = b13 ^ (~b14 & b10);
        a[14] = b14 ^ (~b10 & b11);
        a[15] = b15 ^ (~b16 & b17);
        a[16] = b16 ^ (~b17 & b18);
        a[17] = b17 ^ (~b18 & b19);
        a[18] = b18 ^ (~b19 & b15);
        a[19] = b19 ^ (~b15 & b16);
        a[20] = b20 ^ (~b21 & b22);
        a[21] = b21 ^ (~b22 & b23);
        a[22] = b22 ^ (~b23 & b24);
        a[23] = b23 ^ (~b24 & b20);
        a[24] = b24 ^ (~b20 & b21);
        a[0] ^= RC[round];
    }
}

// A SHAKE sponge. The state st is only ever indexed by constants (see keccak_f); bytes pass through buf, one
// rate-sized block in little-endian lanes, which may be indexed by a variable. lanes = rate / 8: 21 for
// SHAKE128, 17 for SHAKE256.
typedef struct {
    ulong st[25];
    ulong buf[21];
    uint pos;
    uint lanes;
} shake_t;

void shake_init(__private shake_t *s, uint lanes) {
    for (int i = 0; i < 25; i++) {
        s->st[i] = 0;
    }
    for (int i = 0; i < 21; i++) {
        s->buf[i] = 0;
    }
    s->pos = 0;
    s->lanes = lanes;
}

// XORs the buffered block into the state, permutes, and clears the buffer.
void shake_absorb_block(__private shake_t *s) {
#pragma unroll
    for (int i = 0; i < 21; i++) {
        if (i < s->lanes) {
            s->st[i] ^= s->buf[i];
        }
        s->buf[i] = 0;
    }
    keccak_f(s->st);
}

void shake_absorb_byte(__private shake_t *s, uchar b) {
    s->buf[s->pos >> 3] ^= (ulong) b << ((s->pos & 7) * 8);
    if (++s->pos == s->lanes * 8) {
        shake_absorb_block(s);
        s->pos = 0;
    }
}

// Copies the rate part of the state into buf for squeezing.
void shake_copy_out(__private shake_t *s) {
#pragma unroll
    for (int i = 0; i < 21; i++) {
        if (i < s->lanes) {
            s->buf[i] = s->st[i];
        }
    }
    s->pos = 0;
}

// Ends absorbing: SHAKE's domain bits 1111 and pad10*1 put 0x1F after the message and 0x80 in the last byte
// of the block (FIPS 202 sections 6.2 and B.2; the two meet in one byte 0x9F when one byte is left).
void shake_finish(__private shake_t *s) {
    const uint last = s->lanes * 8 - 1;
    s->buf[s->pos >> 3] ^= 0x1FUL << ((s->pos & 7) * 8);
    s->buf[last >> 3] ^= 0x80UL << ((last & 7) * 8);
    shake_absorb_block(s);
    shake_copy_out(s);
}

uchar shake_squeeze_byte(__private shake_t *s) {
    if (s->pos == s->lanes * 8) {
        keccak_f(s->st);
        shake_copy_out(s);
    }
    const uint p = s->pos++;
    return (uchar) (s->buf[p >> 3] >> ((p & 7) * 8));
}
