// CRC-32C with the processor's instruction (SSE4.2's crc32), as RocksDB and the
// Linux kernel use it. The Swift side falls back to its slicing-by-8 tables where
// the instruction is missing; a test checks both against the RFC 3720 vectors.
#include "CChecksum.h"
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <nmmintrin.h>

int xf_crc32c_hardware(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    return (c & bit_SSE4_2) != 0;
}

__attribute__((target("sse4.2")))
uint32_t xf_crc32c(uint32_t seed, const void *bytes, size_t count) {
    const unsigned char *p = bytes;
    uint64_t crc = ~seed;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        crc = _mm_crc32_u64(crc, word);
        p += 8;
        count -= 8;
    }
    uint32_t c = (uint32_t)crc;
    while (count > 0) {
        c = _mm_crc32_u8(c, *p);
        p++;
        count--;
    }
    return ~c;
}
#else
int xf_crc32c_hardware(void) { return 0; }
uint32_t xf_crc32c(uint32_t seed, const void *bytes, size_t count) { (void)bytes; (void)count; return seed; }
#endif
