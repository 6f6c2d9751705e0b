#ifndef CDNNL_SHIM_H
#define CDNNL_SHIM_H
#include <dnnl.h>

/* Debian's oneDNN uses the OpenMP CPU runtime (libgomp): the number of threads a
   primitive uses is the calling thread's OpenMP setting. */
extern void omp_set_num_threads(int num_threads);
extern int omp_get_max_threads(void);

/* DNNL_MEMORY_ALLOCATE is a macro, which Swift cannot import. */
static inline void *CDNNL_memory_allocate(void) { return DNNL_MEMORY_ALLOCATE; }

/* DNNL_MEMORY_NONE is a macro as well. */
static inline void *CDNNL_memory_none(void) { return DNNL_MEMORY_NONE; }

#endif
