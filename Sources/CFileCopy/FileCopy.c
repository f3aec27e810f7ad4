#define _GNU_SOURCE
#include "CFileCopy.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

ssize_t densho_copy_file_range(int input, int64_t input_offset, int output, int64_t output_offset, size_t length) {
#if defined(__linux__)
    loff_t in = (loff_t)input_offset, out = (loff_t)output_offset;
    return copy_file_range(input, &in, output, &out, length, 0);
#else
    (void)input; (void)input_offset; (void)output; (void)output_offset; (void)length;
    errno = ENOSYS;
    return -1;
#endif
}

int densho_start_writeback(int descriptor, int64_t offset, int64_t length) {
#if defined(__linux__)
    return sync_file_range(descriptor, (off_t)offset, (off_t)length, SYNC_FILE_RANGE_WRITE);
#else
    (void)descriptor; (void)offset; (void)length;
    return 0;
#endif
}
