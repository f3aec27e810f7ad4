#ifndef DENSHO_CFILECOPY_H
#define DENSHO_CFILECOPY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/// copy_file_range(2) between two descriptors at explicit offsets: the kernel copies the bytes
/// without passing them through user space. Returns the bytes copied (0 at the end of input) or
/// -1 with errno set (EXDEV, ENOSYS, EINVAL, EOPNOTSUPP when it cannot: copy by read/write then).
ssize_t densho_copy_file_range(int input, int64_t input_offset, int output, int64_t output_offset, size_t length);

/// Starts writing a range of a file back to its disk without waiting (sync_file_range(2) with
/// SYNC_FILE_RANGE_WRITE); the fsync at the end then has little left to wait for. 0 or -1.
int densho_start_writeback(int descriptor, int64_t offset, int64_t length);

#endif
