#ifndef LIGGARE_CSHA256_H
#define LIGGARE_CSHA256_H
#include <stdint.h>
#include <stddef.h>
/// Returns 1 when the CPU supports the SHA extensions (and SSE4.1/SSSE3) needed by liggare_sha256_blocks_shani.
int liggare_sha256_has_shani(void);
/// Compresses `blocks` 64-byte blocks from `data` into `state` (8 words, host order) using SHA-NI.
void liggare_sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t blocks);
#endif
