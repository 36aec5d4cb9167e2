#ifndef FERRY_SYSTEM_H
#define FERRY_SYSTEM_H

/// Starts writing `length` bytes from `offset` of the file open as `descriptor` back to disk,
/// without waiting for them: Linux's `sync_file_range` with `SYNC_FILE_RANGE_WRITE`, which the C
/// library declares only for `_GNU_SOURCE`. Elsewhere it does nothing. Advisory: the caller still
/// calls `fsync`, which reports any error.
int ferry_start_writeback(int descriptor, long long offset, long long length);

#endif
