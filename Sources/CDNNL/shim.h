#ifndef CDNNL_SHIM_H
#define CDNNL_SHIM_H
#include <dnnl.h>
#endif
