/* The core allocates through revops_malloc & co.; the harnesses map them
** to the C library, as tests/core does. */
#include <stdlib.h>

void *revops_malloc(size_t n);
void *revops_realloc(void *p, size_t n);
void revops_free(void *p);

void *revops_malloc(size_t n) { return malloc(n ? n : 1); }
void *revops_realloc(void *p, size_t n) { return realloc(p, n ? n : 1); }
void revops_free(void *p) { free(p); }
