/* api.h - internal helpers of the public API layer. */
#ifndef PMML_API_API_H
#define PMML_API_API_H

#include "compile/plan.h"
#include "eval/scratch.h"

/* One-time process setup (libxml2), under pthread_once. */
void pmml__library_init(void);

const char *pmml__function_name(int function);

/* Points each model's result at its probability storage in scratch. */
void pmml__scorer_attach_probs(const pl_model *m, pm_scratch *sc);

#endif
