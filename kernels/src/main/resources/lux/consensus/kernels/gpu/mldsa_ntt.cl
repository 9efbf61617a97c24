// The ML-DSA number-theoretic transform (FIPS 204 section 7.5, Algorithms 41 and 42) over
// Z_q[X]/(X^256 + 1), q = 8380417, one polynomial per work-item: the arithmetic core of the ML-DSA
// verification kernel (w'_approx = NTT^-1(A_hat * NTT(z) - NTT(c) * NTT(t1 * 2^d))).
//
// This first version follows the standard's pseudocode literally, with coefficients in [0, q) and
// reductions by %: products are below q^2 < 2^46, so they fit a ulong exactly. Montgomery or Barrett
// reduction and one work-group per polynomial are the optimisations to come, checked against this.
//
// zetas[m] = zeta^BitRev8(m) mod q with zeta = 1753 (FIPS 204 Appendix B), computed on the host.

#define MLDSA_Q 8380417UL
#define MLDSA_N 256
// 256^-1 mod q (FIPS 204 Algorithm 42, line 21).
#define MLDSA_N_INV 8347681UL

// Algorithm 41, NTT(w): in place on 256 coefficients in [0, q).
void mldsa_ntt(__global uint *w, __constant uint *zetas) {
    uint m = 0;
    for (uint len = 128; len >= 1; len >>= 1) {
        for (uint start = 0; start < MLDSA_N; start += 2 * len) {
            const ulong z = zetas[++m];
            for (uint j = start; j < start + len; j++) {
                const ulong t = z * w[j + len] % MLDSA_Q;
                const ulong a = w[j];
                w[j + len] = (uint) ((a + MLDSA_Q - t) % MLDSA_Q);
                w[j] = (uint) ((a + t) % MLDSA_Q);
            }
        }
    }
}

// Algorithm 42, NTT^-1(w_hat): in place.
void mldsa_ntt_inverse(__global uint *w, __constant uint *zetas) {
    uint m = MLDSA_N;
    for (uint len = 1; len < MLDSA_N; len <<= 1) {
        for (uint start = 0; start < MLDSA_N; start += 2 * len) {
            const ulong z = MLDSA_Q - zetas[--m]; // -zetas[m] mod q
            for (uint j = start; j < start + len; j++) {
                const ulong t = w[j];
                const ulong u = w[j + len];
                w[j] = (uint) ((t + u) % MLDSA_Q);
                w[j + len] = (uint) (z * ((t + MLDSA_Q - u) % MLDSA_Q) % MLDSA_Q);
            }
        }
    }
    for (uint j = 0; j < MLDSA_N; j++) {
        w[j] = (uint) (MLDSA_N_INV * w[j] % MLDSA_Q);
    }
}

// polys holds count polynomials of 256 coefficients in [0, q), one after another; each work-item
// transforms one in place.
__kernel void ntt(__global uint *polys, const uint count, __constant uint *zetas) {
    const uint i = get_global_id(0);
    if (i < count) {
        mldsa_ntt(polys + (ulong) i * MLDSA_N, zetas);
    }
}

__kernel void ntt_inverse(__global uint *polys, const uint count, __constant uint *zetas) {
    const uint i = get_global_id(0);
    if (i < count) {
        mldsa_ntt_inverse(polys + (ulong) i * MLDSA_N, zetas);
    }
}

// Product of two polynomials per work-item, c = a * b in Z_q[X]/(X^256 + 1), through the NTT:
// c = NTT^-1(NTT(a) o NTT(b)) (FIPS 204 section 2.5 and Algorithm 45, MultiplyNTT). a and b are
// overwritten by their transforms.
__kernel void multiply(__global uint *a, __global uint *b, __global uint *c, const uint count,
                       __constant uint *zetas) {
    const uint i = get_global_id(0);
    if (i >= count) {
        return;
    }
    const ulong base = (ulong) i * MLDSA_N;
    mldsa_ntt(a + base, zetas);
    mldsa_ntt(b + base, zetas);
    for (uint j = 0; j < MLDSA_N; j++) {
        c[base + j] = (uint) ((ulong) a[base + j] * b[base + j] % MLDSA_Q);
    }
    mldsa_ntt_inverse(c + base, zetas);
}
