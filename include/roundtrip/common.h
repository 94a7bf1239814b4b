/*
 * roundtrip: common definitions shared by every public header.
 */
#ifndef ROUNDTRIP_COMMON_H
#define ROUNDTRIP_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(RT_BUILDING_LIBRARY) && defined(__GNUC__)
#define RT_EXPORT __attribute__((visibility("default")))
#else
#define RT_EXPORT
#endif

#ifdef __cplusplus
#define RT_BEGIN_DECLS extern "C" {
#define RT_END_DECLS }
#else
#define RT_BEGIN_DECLS
#define RT_END_DECLS
#endif

/* An index that points nowhere (no parent, no entity). */
#define RT_NONE ((size_t)-1)

#endif
