/*
 * roundtrip: map the money between investors, AI labs, cloud providers and
 * chip vendors, and find where it goes round in circles.
 *
 * Umbrella header: includes the whole public API.
 */
#ifndef ROUNDTRIP_H
#define ROUNDTRIP_H

#include "common.h"
#include "error.h"
#include "model.h"
#include "dataset.h"
#include "graph.h"
#include "loops.h"
#include "exposure.h"
#include "diff.h"
#include "report.h"
#include "render.h"

RT_BEGIN_DECLS

/* The library's version, "MAJOR.MINOR.PATCH". */
RT_EXPORT const char *rt_version(void);

RT_END_DECLS

#endif
