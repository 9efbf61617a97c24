// Vote tally on an OpenCL device: the function lux.consensus.kernels.tally.ScalarVoteTally computes.
//
// Layout (as in VoteTally): the votes of poll p are votes[p*votesPerPoll .. (p+1)*votesPerPoll), one
// unsigned byte per vote; result (p, c) goes to counts[p*candidates + c]. A vote byte >= candidates
// (NO_VOTE = 0xFF among them) names no candidate and counts for nothing.
//
// Work split: one work-item per (poll, candidate) pair, item g = p*candidates + c. Each item scans the
// whole poll and counts (or sums the weights of) the votes equal to c, then writes its one result.
// So no two items write the same place (no atomics, no local histograms), neighbouring items write
// neighbouring results (coalesced stores), and the `candidates` items of one poll read the same
// votesPerPoll bytes (served from cache after the first). The price is candidates reads per vote,
// small for the usual shapes (k = 21 votes, a few candidates); with 255 candidates a local histogram
// per poll would read less, and is not done here.
//
// The host runs a batch in chunks of whole polls that fit the device's memory; `polls` is the chunk's.
// The global size is rounded up to whole work-groups, so items past polls*candidates return at once.
// Indices are computed in ulong: polls*votesPerPoll may pass 2^31 within one chunk.

__kernel void tally(__global const uchar *votes,
                    const uint polls,
                    const uint votesPerPoll,
                    const uint candidates,
                    __global int *counts) {
    const ulong g = get_global_id(0);
    if (g >= (ulong) polls * candidates) {
        return;
    }
    const ulong p = g / candidates;
    const uchar c = (uchar) (g - p * candidates); // c < candidates <= 255: a byte naming no candidate never equals it
    __global const uchar *poll = votes + p * votesPerPoll;
    int n = 0;
    for (uint i = 0; i < votesPerPoll; i++) {
        n += poll[i] == c; // a true comparison is 1 in OpenCL C for scalars
    }
    counts[g] = n;
}

// Weighted: each vote adds its weight. Sums are ulong: unsigned overflow wraps modulo 2^64 in OpenCL C
// (signed overflow is undefined, as in C99), and the wrapped bits are exactly Java's long addition.
__kernel void tally_weighted(__global const uchar *votes,
                             __global const ulong *weights,
                             const uint polls,
                             const uint votesPerPoll,
                             const uint candidates,
                             __global ulong *sums) {
    const ulong g = get_global_id(0);
    if (g >= (ulong) polls * candidates) {
        return;
    }
    const ulong p = g / candidates;
    const uchar c = (uchar) (g - p * candidates);
    const ulong base = p * votesPerPoll;
    __global const uchar *poll = votes + base;
    __global const ulong *weight = weights + base;
    ulong sum = 0;
    for (uint i = 0; i < votesPerPoll; i++) {
        sum += poll[i] == c ? weight[i] : 0UL;
    }
    sums[g] = sum;
}
