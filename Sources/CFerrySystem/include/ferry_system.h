#ifndef FERRY_SYSTEM_H
#define FERRY_SYSTEM_H

/// Starts writing `length` bytes from `offset` of the file open as `descriptor` back to disk,
/// without waiting for them: Linux's `sync_file_range` with `SYNC_FILE_RANGE_WRITE`, which the C
/// library declares only for `_GNU_SOURCE`. Elsewhere it does nothing. Advisory: the caller still
/// calls `fsync`, which reports any error.
int ferry_start_writeback(int descriptor, long long offset, long long length);

/// Turns direct I/O on (`on` not 0) or off for the file open as `descriptor`: Linux's `O_DIRECT`
/// through `fcntl`, which the C library declares only for `_GNU_SOURCE`. With it, writes go from
/// the caller's memory to the device without the page cache, and must be aligned to the device's
/// blocks (address, length and file offset). 0 on success; -1 with `errno` where the file system
/// (tmpfs, say) or the system does not have it.
int ferry_set_direct_io(int descriptor, int on);

/// Flushes the data of the file open as `descriptor` to the device, waiting until it is there:
/// `fdatasync` where the system has it (Linux), `fsync` elsewhere. 0 on success; -1 with `errno`.
int ferry_flush_data(int descriptor);

#endif
