#ifndef CFASTCGI_SHIM_H
#define CFASTCGI_SHIM_H
#include <fcgiapp.h>
#include <malloc.h>

/// Serves allocations of at least `bytes` with mmap and returns them to the system on free (fixed threshold:
/// glibc stops raising it after large frees). Returns 1 on success.
static inline int CFastCGI_set_mmap_threshold(int bytes) {
    return mallopt(M_MMAP_THRESHOLD, bytes);
}
#endif
