// SHA-256 block compression with the x86 SHA extensions (SHA-NI).
//
// Written from the instruction descriptions in the Intel 64 and IA-32 Architectures Software
// Developer's Manual (SHA256RNDS2, SHA256MSG1, SHA256MSG2) and FIPS 180-4.
//
// Register layout used by SHA256RNDS2: one register holds the working variables A, B, E, F
// (A in the highest 32-bit lane, F in the lowest) and another holds C, D, G, H in the same
// order. Each SHA256RNDS2 performs two rounds using the two lowest lanes of its third operand
// (W[t] + K[t] for the two rounds) and returns the new {A, B, E, F}; the new {C, D, G, H} is
// the old {A, B, E, F}, so the two state registers swap roles after every call.

#include "csha256.h"

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>

// -1: not yet probed; 0: unavailable; 1: available. Probing is idempotent, so a race between
// threads only repeats the probe and stores the same value (relaxed atomics suffice).
static int liggare_shani_cached = -1;

static int liggare_probe_shani(void) {
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid_max(0, 0) < 7) {
        return 0;
    }
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        return 0;
    }
    const int ssse3 = (ecx >> 9) & 1;
    const int sse41 = (ecx >> 19) & 1;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    const int sha = (ebx >> 29) & 1;
    return (ssse3 && sse41 && sha) ? 1 : 0;
}

int liggare_sha256_has_shani(void) {
    int cached = __atomic_load_n(&liggare_shani_cached, __ATOMIC_RELAXED);
    if (cached < 0) {
        cached = liggare_probe_shani();
        __atomic_store_n(&liggare_shani_cached, cached, __ATOMIC_RELAXED);
    }
    return cached;
}

// The round constants K[0..63] of FIPS 180-4 section 4.2.2, in groups of four for 128-bit adds.
static const uint32_t liggare_sha256_k[64] __attribute__((aligned(16))) = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

// Four rounds (4*G .. 4*G+3) with message words CUR = W[4G .. 4G+3] (lane 0 = lowest index).
#define LIGGARE_FOUR_ROUNDS(G, CUR)                                                            \
    do {                                                                                       \
        __m128i wk = _mm_add_epi32((CUR), _mm_load_si128((const __m128i *)&liggare_sha256_k[4 * (G)])); \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                                          \
        wk = _mm_shuffle_epi32(wk, 0x0E);                                                      \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);                                          \
    } while (0)

// NEXT currently holds W[i-16 .. i-13] + sigma0(W[i-15 .. i-12]) (from SHA256MSG1); complete it
// to W[i .. i+3] with W[i-7 .. i-4] (= lanes 1..3 of PREV and lane 0 of CUR) and sigma1 of
// W[i-2 .. i+1] (SHA256MSG2 takes W[i-4 .. i-1] = CUR and feeds back its own first results).
#define LIGGARE_SCHEDULE(NEXT, PREV, CUR)                                                      \
    do {                                                                                       \
        (NEXT) = _mm_add_epi32((NEXT), _mm_alignr_epi8((CUR), (PREV), 4));                     \
        (NEXT) = _mm_sha256msg2_epu32((NEXT), (CUR));                                          \
    } while (0)

__attribute__((target("sha,sse4.1,ssse3")))
void liggare_sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
    if (blocks == 0) {
        return;
    }
    // Byte-swap every 32-bit lane: message words are big-endian.
    const __m128i bswap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);

    // state[0..3] = a b c d (lane 0 = a), state[4..7] = e f g h.
    __m128i abcd = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i efgh = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i badc = _mm_shuffle_epi32(abcd, 0xB1);  // lanes: b a d c
    __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);  // lanes: h g f e
    __m128i abef = _mm_alignr_epi8(badc, hgfe, 8); // lanes: f e b a
    __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0); // lanes: h g d c

    while (blocks > 0) {
        const __m128i abef_saved = abef;
        const __m128i cdgh_saved = cdgh;

        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), bswap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), bswap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), bswap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), bswap);

        // Register m(g mod 4) holds W[4g .. 4g+3] while group g is being processed. At group g
        // (1 <= g <= 12) the register of group g-1 receives SHA256MSG1 with group g, and at
        // group g (3 <= g <= 14) the register of group g-3 is completed into group g+1.
        LIGGARE_FOUR_ROUNDS(0, m0);
        LIGGARE_FOUR_ROUNDS(1, m1); m0 = _mm_sha256msg1_epu32(m0, m1);
        LIGGARE_FOUR_ROUNDS(2, m2); m1 = _mm_sha256msg1_epu32(m1, m2);
        LIGGARE_FOUR_ROUNDS(3, m3); LIGGARE_SCHEDULE(m0, m2, m3); m2 = _mm_sha256msg1_epu32(m2, m3);
        LIGGARE_FOUR_ROUNDS(4, m0); LIGGARE_SCHEDULE(m1, m3, m0); m3 = _mm_sha256msg1_epu32(m3, m0);
        LIGGARE_FOUR_ROUNDS(5, m1); LIGGARE_SCHEDULE(m2, m0, m1); m0 = _mm_sha256msg1_epu32(m0, m1);
        LIGGARE_FOUR_ROUNDS(6, m2); LIGGARE_SCHEDULE(m3, m1, m2); m1 = _mm_sha256msg1_epu32(m1, m2);
        LIGGARE_FOUR_ROUNDS(7, m3); LIGGARE_SCHEDULE(m0, m2, m3); m2 = _mm_sha256msg1_epu32(m2, m3);
        LIGGARE_FOUR_ROUNDS(8, m0); LIGGARE_SCHEDULE(m1, m3, m0); m3 = _mm_sha256msg1_epu32(m3, m0);
        LIGGARE_FOUR_ROUNDS(9, m1); LIGGARE_SCHEDULE(m2, m0, m1); m0 = _mm_sha256msg1_epu32(m0, m1);
        LIGGARE_FOUR_ROUNDS(10, m2); LIGGARE_SCHEDULE(m3, m1, m2); m1 = _mm_sha256msg1_epu32(m1, m2);
        LIGGARE_FOUR_ROUNDS(11, m3); LIGGARE_SCHEDULE(m0, m2, m3); m2 = _mm_sha256msg1_epu32(m2, m3);
        LIGGARE_FOUR_ROUNDS(12, m0); LIGGARE_SCHEDULE(m1, m3, m0); m3 = _mm_sha256msg1_epu32(m3, m0);
        LIGGARE_FOUR_ROUNDS(13, m1); LIGGARE_SCHEDULE(m2, m0, m1);
        LIGGARE_FOUR_ROUNDS(14, m2); LIGGARE_SCHEDULE(m3, m1, m2);
        LIGGARE_FOUR_ROUNDS(15, m3);

        abef = _mm_add_epi32(abef, abef_saved);
        cdgh = _mm_add_epi32(cdgh, cdgh_saved);
        data += 64;
        blocks -= 1;
    }

    // Back to a b c d / e f g h.
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);     // lanes: a b e f
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);     // lanes: g h c d
    abcd = _mm_blend_epi16(feba, dchg, 0xF0);         // lanes: a b c d
    efgh = _mm_alignr_epi8(dchg, feba, 8);            // lanes: e f g h
    _mm_storeu_si128((__m128i *)&state[0], abcd);
    _mm_storeu_si128((__m128i *)&state[4], efgh);
}

#else

int liggare_sha256_has_shani(void) { return 0; }

// Never called: liggare_sha256_has_shani() reports the extensions as unavailable.
void liggare_sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
    (void)state;
    (void)data;
    (void)blocks;
}

#endif
