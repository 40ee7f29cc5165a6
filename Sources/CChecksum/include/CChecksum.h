#ifndef CCHECKSUM_H
#define CCHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor has the CRC-32C instruction (x86-64 SSE4.2).
int xf_crc32c_hardware(void);

/// CRC-32C (Castagnoli) of `count` bytes, continuing from `seed` (0 for a fresh
/// checksum), with the CRC-32C instruction. Call only when xf_crc32c_hardware() is 1.
uint32_t xf_crc32c(uint32_t seed, const void *bytes, size_t count);

/// Asks the processor to start loading the cache line at `address` (a hint: nothing
/// happens if it cannot). The replay reads a window's events in case order, not in
/// the order they lie, and asks for each a few events ahead.
static inline void xf_prefetch(const void *address) { __builtin_prefetch(address); }

#endif
