#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "ferry_system.h"

int ferry_start_writeback(int descriptor, long long offset, long long length) {
#if defined(__linux__)
    return sync_file_range(descriptor, offset, length, SYNC_FILE_RANGE_WRITE);
#else
    (void)descriptor;
    (void)offset;
    (void)length;
    return 0;
#endif
}

int ferry_set_direct_io(int descriptor, int on) {
#if defined(__linux__)
    int flags = fcntl(descriptor, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(descriptor, F_SETFL, on ? (flags | O_DIRECT) : (flags & ~O_DIRECT));
#else
    (void)descriptor;
    (void)on;
    errno = ENOTSUP;
    return -1;
#endif
}

int ferry_flush_data(int descriptor) {
#if defined(__linux__)
    return fdatasync(descriptor);
#else
    return fsync(descriptor);
#endif
}
