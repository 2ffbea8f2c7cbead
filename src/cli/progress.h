/* progress.h - the progress line of pmml score on standard error. */
#ifndef PMML_CLI_PROGRESS_H
#define PMML_CLI_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

typedef struct pm_progress {
    int on;
    int drawn;              /* a progress line is on the screen */
    size_t width;           /* its length, to blank it out */
    double start, last;     /* monotonic seconds */
    double interval;        /* the least time between two drawings */
    uint64_t total;         /* bytes of all inputs, 0 when unknown */
    uint64_t rows, bytes;   /* the last counts seen */
} pm_progress;

/* Starts the clock; a progress with on == 0 does nothing at all. */
void pm_progress_start(pm_progress *p, int on, uint64_t total);

/* Records the rows written and the input bytes read so far, and redraws
 * the line when the last drawing is a quarter of a second old.  Called once
 * per batch of rows, never per row. */
void pm_progress_update(pm_progress *p, uint64_t rows, uint64_t bytes);

/* Removes the line from the screen, before a message is printed; the next
 * update draws it again. */
void pm_progress_clear(pm_progress *p);

/* Replaces the line with a summary (when `ok`) or removes it. */
void pm_progress_finish(pm_progress *p, int ok);

#endif
