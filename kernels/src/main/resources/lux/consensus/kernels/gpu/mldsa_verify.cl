// ML-DSA verification (FIPS 204 Algorithm 8, ML-DSA.Verify_internal, reached from Algorithm 3 with the empty
// context, so M' = 0 || 0 || M) for a batch on an OpenCL device. The host (OpenClMlDsaVerifier) has already
// dropped items with a wrong length or a malformed hint encoding (HintBitUnpack, Algorithm 21, returns bottom);
// everything else happens here, in six kernels run in order on one queue:
//
//   mldsa_keys     one work-item per (distinct key, piece): A-hat[r][s] = RejNTTPoly(rho || s || r) (ExpandA,
//                  Algorithm 32), NTT(t1[r] 2^d) (pkDecode, Algorithm 23), or tr = H(pk, 64);
//   mldsa_prepare  one per signature: mu = H(tr || 0 || 0 || M, 64), c = SampleInBall(c-tilde) (Algorithm 29)
//                  and NTT(c); sets ok = 1;
//   mldsa_z        one per (signature, column s): z[s] from sigDecode (Algorithm 27, BitUnpack), the bound
//                  ||z||_inf < gamma1 - beta (Algorithm 8 line 13, clears ok), and NTT(z[s]);
//   mldsa_products one per (signature, row r, coefficient j): coefficient j of
//                  sum_s A-hat[r][s] NTT(z[s]) - NTT(c) NTT(t1[r] 2^d) (line 9, inside the NTT^-1), so that
//                  neighbouring work-items read neighbouring words;
//   mldsa_w        one per (signature, row r): w'_approx[r] = NTT^-1 of that row (line 9), UseHint
//                  (Algorithm 40) with row r of h, w1Encode (Algorithm 28) of the row;
//   mldsa_final    one per signature: c-tilde' = H(mu || w1Encode(w1), lambda / 4) (line 12) and the result
//                  ok && c-tilde == c-tilde' (line 13).
//
// The parameter set comes in as build options (-D MLDSA_K=6 ...), so every loop bound is a constant.
// Everything is little-endian as in the standard (bytes of a Keccak lane, bits of packed coefficients).
//
// Arithmetic mod q: signed 32-bit coefficients and Montgomery reduction with R = 2^32 (FIPS 204 Appendix A,
// Algorithm 49). The NTT's zetas (a __constant table from the host) are zeta^BitRev8(m) R mod q, so a
// Montgomery product with one of them stays in the ordinary domain; the pointwise products of two
// transformed polynomials leave a factor R^-1, which the inverse NTT's last scaling (MLDSA_INV_SCALE =
// 256^-1 R^2 mod q) cancels. Bounds are stated where they matter.
//
// Helpers are plain function definitions, not C99 "inline" ones (which provide no external definition, so a
// compiler that chooses not to inline one fails to link); compilers inline them anyway.

#define Q 8380417
// q^-1 mod 2^32 (Algorithm 49).
#define QINV 58728449U
#define D 13
#define N 256
#define PK_BYTES (32 + 320 * MLDSA_K)
#define Z_POLY_BYTES (32 * MLDSA_ZBITS)
#define W1_POLY_BYTES (32 * MLDSA_W1BITS)
#define SIG_BYTES (MLDSA_CTILDE + MLDSA_L * Z_POLY_BYTES + MLDSA_OMEGA + MLDSA_K)
// Work-items of mldsa_keys per key: k l matrix entries, k rows of t1, one tr.
#define KEY_PIECES (MLDSA_K * MLDSA_L + MLDSA_K + 1)

// Keccak-f[1600] and the SHAKE sponge (shake_t) come from keccak.cl, built in front of this file.

// ---- Arithmetic mod q ----

// Algorithm 49, MontgomeryReduce: a 2^-32 mod q, in (-q, q) for |a| < q 2^31. t = a q^-1 mod 2^32 taken as a
// signed value (as_int reinterprets the bits), so a - t q is divisible by 2^32 and the shift is exact.
int mont(long a) {
    const int t = as_int((uint) a * QINV);
    return (int) ((a - (long) t * Q) >> 32);
}

// A representative of a mod q near zero: with t = round(a / 2^23), a - t q = (a - 2^23 t) + t (2^13 - 1)
// since q = 2^23 - 2^13 + 1; for |a| < 2^26 it lies within 2^22 + 2^16 of zero, below q.
int reduce(int a) {
    const int t = (a + (1 << 22)) >> 23;
    return a - t * Q;
}

// The representative in [0, q) of a in (-q, q): the sign bit as a mask adds q to negatives.
int freeze(int a) {
    return a + ((a >> 31) & Q);
}

// Algorithm 41, NTT(w), in place; |w| < q in, and each of the 8 levels adds at most q, so |w| < 9 q out.
// Then reduce() brings every coefficient within 2^22 + 2^16 of zero, the form all NTT-domain data has here.
void ntt(int w[N], __constant int *zetas) {
    int m = 0;
    for (int len = 128; len >= 1; len >>= 1) {
        for (int start = 0; start < N; start += 2 * len) {
            const long z = zetas[++m];
            for (int j = start; j < start + len; j++) {
                const int t = mont(z * w[j + len]);
                w[j + len] = w[j] - t;
                w[j] = w[j] + t;
            }
        }
    }
    for (int j = 0; j < N; j++) {
        w[j] = reduce(w[j]);
    }
}

// Algorithm 42, NTT^-1(w), in place, times R (for the R^-1 the pointwise products left). Needs
// |w| <= 2^22 + 2^16 in: a sum slot at most doubles per level, 2^8 (2^22 + 2^16) < 2^31, and a difference slot
// is reduced to (-q, q); the difference is formed in 64 bits. Gives (-q, q).
void ntt_inverse(int w[N], __constant int *zetas) {
    int m = N;
    for (int len = 1; len < N; len <<= 1) {
        for (int start = 0; start < N; start += 2 * len) {
            const long z = -zetas[--m];
            for (int j = start; j < start + len; j++) {
                const int t = w[j];
                const int u = w[j + len];
                w[j] = t + u;
                w[j + len] = mont(z * ((long) t - u));
            }
        }
    }
    for (int j = 0; j < N; j++) {
        w[j] = mont((long) MLDSA_INV_SCALE * w[j]);
    }
}

// ---- Kernels ----

// What depends only on a key, for the distinct keys of the batch (pks: nkeys keys of PK_BYTES, back to back).
// Work-item g handles piece e = g mod KEY_PIECES of key g / KEY_PIECES:
//   e < k l:         A-hat[r][s] with r = e / l, s = e mod l: RejNTTPoly (Algorithm 30) of rho || s || r, SHAKE128
//                    read 3 bytes at a time, CoeffFromThreeBytes (Algorithm 14: b0 + 2^8 b1 + 2^16 (b2 mod 128))
//                    kept when below q; to ahat[(key k l + e) 256 ..], in [0, q);
//   e < k l + k:     row r = e - k l of t1: SimpleBitUnpack with 10 bits (4 coefficients in every 5 bytes) of
//                    pk[32 + 320 r ..], times 2^d (at most (2^10 - 1) 2^13 = q - 1), NTT; to t1hat[(key k + r) 256 ..];
//   e = k l + k:     tr = H(pk, 64) (Algorithm 8 line 6), SHAKE256; to tr[key 64 ..].
__kernel void mldsa_keys(__global const uchar *pks, const uint nkeys, __global int *ahat, __global int *t1hat,
                         __global uchar *tr, __constant int *zetas) {
    const uint g = get_global_id(0);
    if (g >= nkeys * KEY_PIECES) {
        return;
    }
    const uint key = g / KEY_PIECES;
    const uint e = g - key * KEY_PIECES;
    __global const uchar *pk = pks + (ulong) key * PK_BYTES;
    if (e < MLDSA_K * MLDSA_L) {
        const uint r = e / MLDSA_L;
        const uint s = e - r * MLDSA_L;
        shake_t h;
        shake_init(&h, 21);
        for (int i = 0; i < 32; i++) {
            shake_absorb_byte(&h, pk[i]);
        }
        shake_absorb_byte(&h, (uchar) s);
        shake_absorb_byte(&h, (uchar) r);
        shake_finish(&h);
        __global int *out = ahat + ((ulong) key * MLDSA_K * MLDSA_L + e) * N;
        int j = 0;
        while (j < N) {
            const int b0 = shake_squeeze_byte(&h);
            const int b1 = shake_squeeze_byte(&h);
            const int b2 = shake_squeeze_byte(&h) & 0x7F;
            const int v = b0 | (b1 << 8) | (b2 << 16);
            if (v < Q) {
                out[j++] = v;
            }
        }
    } else if (e < MLDSA_K * MLDSA_L + MLDSA_K) {
        const uint r = e - MLDSA_K * MLDSA_L;
        __global const uchar *packed = pk + 32 + 320 * r;
        int w[N];
        for (int i = 0; i < N / 4; i++) {
            const uint b0 = packed[5 * i], b1 = packed[5 * i + 1], b2 = packed[5 * i + 2], b3 = packed[5 * i + 3],
                       b4 = packed[5 * i + 4];
            w[4 * i] = (int) ((b0 | b1 << 8) & 0x3FF) << D;
            w[4 * i + 1] = (int) ((b1 >> 2 | b2 << 6) & 0x3FF) << D;
            w[4 * i + 2] = (int) ((b2 >> 4 | b3 << 4) & 0x3FF) << D;
            w[4 * i + 3] = (int) ((b3 >> 6 | b4 << 2) & 0x3FF) << D;
        }
        ntt(w, zetas);
        __global int *out = t1hat + ((ulong) key * MLDSA_K + r) * N;
        for (int j = 0; j < N; j++) {
            out[j] = w[j];
        }
    } else {
        shake_t h;
        shake_init(&h, 17);
        for (int i = 0; i < PK_BYTES; i++) {
            shake_absorb_byte(&h, pk[i]);
        }
        shake_finish(&h);
        __global uchar *out = tr + (ulong) key * 64;
        for (int i = 0; i < 64; i++) {
            out[i] = shake_squeeze_byte(&h);
        }
    }
}

// Per signature i (sigs: n signatures of SIG_BYTES; message i is msgs[offsets[i] .. offsets[i + 1]); its key is
// keys[i]): mu = H(tr || IntegerToBytes(0, 1) || IntegerToBytes(0, 1) || M, 64) (Algorithm 3 line 5 with the
// empty context, Algorithm 8 line 7); c = SampleInBall(c-tilde) (Algorithm 29: H(c-tilde) gives 8 bytes of
// signs, then for i = 256 - tau .. 255 a byte j <= i by rejection, c[i] = c[j], c[j] = (-1)^sign), NTT(c) to
// chat; ok[i] = 1.
__kernel void mldsa_prepare(__global const uchar *sigs, __global const uchar *msgs, __global const ulong *offsets,
                            __global const int *keys, const uint n, __global const uchar *tr, __global uchar *mu,
                            __global int *chat, __global uint *ok, __constant int *zetas) {
    const uint i = get_global_id(0);
    if (i >= n) {
        return;
    }
    __global const uchar *sig = sigs + (ulong) i * SIG_BYTES;
    shake_t h;
    shake_init(&h, 17);
    __global const uchar *t = tr + (ulong) keys[i] * 64;
    for (int k = 0; k < 64; k++) {
        shake_absorb_byte(&h, t[k]);
    }
    shake_absorb_byte(&h, 0);
    shake_absorb_byte(&h, 0);
    for (ulong k = offsets[i]; k < offsets[i + 1]; k++) {
        shake_absorb_byte(&h, msgs[k]);
    }
    shake_finish(&h);
    __global uchar *m = mu + (ulong) i * 64;
    for (int k = 0; k < 64; k++) {
        m[k] = shake_squeeze_byte(&h);
    }

    shake_init(&h, 17);
    for (int k = 0; k < MLDSA_CTILDE; k++) {
        shake_absorb_byte(&h, sig[k]);
    }
    shake_finish(&h);
    ulong signs = 0;
    for (int k = 0; k < 8; k++) {
        signs |= (ulong) shake_squeeze_byte(&h) << (8 * k);
    }
    int c[N];
    for (int k = 0; k < N; k++) {
        c[k] = 0;
    }
    for (int k = N - MLDSA_TAU; k < N; k++) {
        int j;
        do {
            j = shake_squeeze_byte(&h);
        } while (j > k);
        c[k] = c[j];
        c[j] = 1 - 2 * (int) ((signs >> (k + MLDSA_TAU - N)) & 1);
    }
    ntt(c, zetas);
    __global int *out = chat + (ulong) i * N;
    for (int k = 0; k < N; k++) {
        out[k] = c[k];
    }
    ok[i] = 1;
}

// Per (signature i, column s), g = i l + s: z[s] = gamma1 - BitUnpack of Z_POLY_BYTES at c-tilde's end + s
// Z_POLY_BYTES (Algorithm 27 with Algorithm 19, coefficient j in bits j ZBITS .. j ZBITS + ZBITS - 1), so z in
// (-gamma1, gamma1]; ok[i] = 0 unless every |z| < gamma1 - beta (Algorithm 8 line 13); NTT(z[s]) to zhat.
// A coefficient spans at most 4 bytes (ZBITS <= 20, starting at most 7 bits into a byte), and the bytes read
// stay inside the signature (the hint bytes follow z).
__kernel void mldsa_z(__global const uchar *sigs, const uint n, __global int *zhat, __global uint *ok,
                      __constant int *zetas) {
    const uint g = get_global_id(0);
    if (g >= n * MLDSA_L) {
        return;
    }
    const uint i = g / MLDSA_L;
    const uint s = g - i * MLDSA_L;
    __global const uchar *packed = sigs + (ulong) i * SIG_BYTES + MLDSA_CTILDE + s * Z_POLY_BYTES;
    int w[N];
    bool inside = true;
    for (int j = 0; j < N; j++) {
        const uint bit = j * MLDSA_ZBITS;
        __global const uchar *p = packed + (bit >> 3);
        const uint word = (uint) p[0] | (uint) p[1] << 8 | (uint) p[2] << 16 | (uint) p[3] << 24;
        const int v = MLDSA_GAMMA1 - (int) ((word >> (bit & 7)) & ((1U << MLDSA_ZBITS) - 1));
        inside &= abs(v) < MLDSA_GAMMA1 - MLDSA_BETA;
        w[j] = v;
    }
    if (!inside) {
        ok[i] = 0;
        return;
    }
    // |z| < gamma1 < q: within NTT's input bound.
    ntt(w, zetas);
    __global int *out = zhat + (ulong) g * N;
    for (int j = 0; j < N; j++) {
        out[j] = w[j];
    }
}

// Per (signature i, row r, coefficient j), g = (i k + r) 256 + j: wacc[g] = (sum_s A-hat[r][s] o zhat[s] - chat o
// t1hat[r])[j] (Algorithm 8 line 9, before NTT^-1). Every operand is within 2^22 + 2^16 < q of zero (A-hat in
// [0, q)), so each Montgomery product is in (-q, q), their l + 1 <= 8 sum below 8 q < 2^26, and reduce() meets
// NTT^-1's input bound.
__kernel void mldsa_products(__global const int *keys, const uint n, __global const int *ahat,
                             __global const int *t1hat, __global const int *zhat, __global const int *chat,
                             __global const uint *ok, __global int *wacc) {
    const ulong g = get_global_id(0);
    if (g >= (ulong) n * MLDSA_K * N) {
        return;
    }
    const uint j = (uint) (g % N);
    const uint row = (uint) (g / N);
    const uint i = row / MLDSA_K;
    const uint r = row - i * MLDSA_K;
    if (!ok[i]) {
        return; // z out of bounds: the answer is false, and zhat was not written
    }
    const ulong key = (ulong) keys[i];
    __global const int *a = ahat + (key * MLDSA_K + r) * MLDSA_L * N + j;
    __global const int *z = zhat + (ulong) i * MLDSA_L * N + j;
    int acc = -mont((long) chat[(ulong) i * N + j] * t1hat[(key * MLDSA_K + r) * N + j]);
    for (int s = 0; s < MLDSA_L; s++) {
        acc += mont((long) a[s * N] * z[s * N]);
    }
    wacc[g] = reduce(acc);
}

// Per (signature i, row r), g = i k + r: w = NTT^-1(wacc[g 256 ..]) (Algorithm 8 line 9). Then UseHint
// (Algorithm 40, with Decompose, Algorithm 36) on the [0, q) representative with row r of h, and w1Encode of
// the row (SimpleBitPack with W1BITS bits, Algorithm 16) to w1[g W1_POLY_BYTES ..].
//
// Row r of h: the host checked the hint encoding, so the indices of row r are y[start .. end) in strictly
// increasing order, with y the last omega + k bytes of the signature, start = y[omega + r - 1] (0 for r = 0) and
// end = y[omega + r]. A pointer walks them alongside the coefficients.
//
// Decompose without a division by a variable: r1 is the integer with r - 2 gamma2 r1 in (-gamma2, gamma2], that
// is floor((r + gamma2 - 1) / (2 gamma2)) for r >= 0; r1 = m = (q - 1) / (2 gamma2) is the case r - r0 = q - 1,
// where Decompose gives r1 = 0 and r0 - 1.
__kernel void mldsa_w(__global const uchar *sigs, const uint n, __global const int *wacc,
                      __global const uint *ok, __global uchar *w1, __constant int *zetas) {
    const uint g = get_global_id(0);
    if (g >= n * MLDSA_K) {
        return;
    }
    const uint i = g / MLDSA_K;
    const uint r = g - i * MLDSA_K;
    if (!ok[i]) {
        return; // z out of bounds: the answer is false, and wacc was not written
    }
    __global const int *row = wacc + (ulong) g * N;
    int w[N];
    for (int j = 0; j < N; j++) {
        w[j] = row[j];
    }
    ntt_inverse(w, zetas);

    __global const uchar *y = sigs + (ulong) i * SIG_BYTES + SIG_BYTES - MLDSA_OMEGA - MLDSA_K;
    uint next = r == 0 ? 0 : y[MLDSA_OMEGA + r - 1];
    const uint end = y[MLDSA_OMEGA + r];
    const int m = (Q - 1) / (2 * MLDSA_GAMMA2);
    __global uchar *out = w1 + (ulong) g * W1_POLY_BYTES;
    uint acc = 0;
    int have = 0;
    for (int j = 0; j < N; j++) {
        const int v = freeze(w[j]);
        int r1 = (v + MLDSA_GAMMA2 - 1) / (2 * MLDSA_GAMMA2);
        int r0 = v - r1 * 2 * MLDSA_GAMMA2;
        if (r1 == m) {
            r1 = 0;
            r0 -= 1;
        }
        if (next < end && y[next] == j) {
            next++;
            r1 = r0 > 0 ? (r1 + 1 == m ? 0 : r1 + 1) : (r1 == 0 ? m - 1 : r1 - 1);
        }
        // Little-endian bit packing: coefficient j takes bits j W1BITS .. of the row's encoding.
        acc |= (uint) r1 << have;
        have += MLDSA_W1BITS;
        while (have >= 8) {
            *out++ = (uchar) acc;
            acc >>= 8;
            have -= 8;
        }
    }
}

// Per signature: c-tilde' = H(mu || w1Encode(w1), lambda / 4) (Algorithm 8 line 12, SHAKE256) and
// result[i] = ok[i] && c-tilde == c-tilde' (line 13; the z bound is in ok).
__kernel void mldsa_final(__global const uchar *sigs, __global const uchar *mu, __global const uchar *w1,
                          __global const uint *ok, const uint n, __global uchar *result) {
    const uint i = get_global_id(0);
    if (i >= n) {
        return;
    }
    if (!ok[i]) {
        result[i] = 0;
        return;
    }
    shake_t h;
    shake_init(&h, 17);
    __global const uchar *m = mu + (ulong) i * 64;
    for (int k = 0; k < 64; k++) {
        shake_absorb_byte(&h, m[k]);
    }
    __global const uchar *packed = w1 + (ulong) i * MLDSA_K * W1_POLY_BYTES;
    for (int k = 0; k < MLDSA_K * W1_POLY_BYTES; k++) {
        shake_absorb_byte(&h, packed[k]);
    }
    shake_finish(&h);
    __global const uchar *sig = sigs + (ulong) i * SIG_BYTES;
    uchar differ = 0;
    for (int k = 0; k < MLDSA_CTILDE; k++) {
        differ |= shake_squeeze_byte(&h) ^ sig[k];
    }
    result[i] = differ == 0;
}
