#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256 with the x86 SHA extensions when the processor has them (most since 2017–2019,
/// including the office PCs Densho runs on), portable C otherwise. Backups and `densho verify`
/// hash every original: with SHA-NI that is several times faster than a software hash, so
/// checking a file costs about what reading it does.
typedef struct {
    uint32_t state[8];
    uint64_t length;
    uint8_t buffer[64];
    size_t used;
} densho_sha256;

void densho_sha256_init(densho_sha256 *context);
void densho_sha256_update(densho_sha256 *context, const void *data, size_t count);
void densho_sha256_final(densho_sha256 *context, uint8_t digest[32]);
/// 1 when the SHA extensions are used, 0 for the portable code.
int densho_sha256_accelerated(void);
/// Forces the portable code (tests compare both paths).
void densho_sha256_force_portable(int portable);

#endif
