/* input.h - the bytes of one input of the pmml command: a file or standard
 * input, plain or gzip-compressed (recognised by its first bytes). */
#ifndef PMML_IO_INPUT_H
#define PMML_IO_INPUT_H

#include <stddef.h>
#include <stdint.h>

typedef struct pm_input pm_input;

/* Opens `path` ("-" is standard input, which is not closed at the end).
 * Returns NULL and sets errno when the file cannot be opened; out of
 * memory gives ENOMEM. */
pm_input *pm_input_open(const char *path);

/* Checks that `path` can be opened for reading, without reading it (a
 * FIFO is not opened, so that its writer is not disturbed): 0, or -1 with
 * errno set.  "-" always can. */
int pm_input_check(const char *path);

/* Closes the input (not standard input) and frees it; NULL is ignored. */
void pm_input_close(pm_input *in);

/* Reads up to `cap` bytes of the (decompressed) content into `buf`:
 * the number read, 0 at the end, -1 on an error (pm_input_error says
 * which).  Has the signature of pm_csv_read_fn. */
long pm_input_read(void *in, char *buf, size_t cap);

/* Why the last read failed, for a message. */
const char *pm_input_error(const pm_input *in);

/* Bytes read so far from the file itself (compressed bytes for gzip). */
uint64_t pm_input_bytes(const pm_input *in);

/* 1 when the content is gzip-compressed (known after the first read). */
int pm_input_is_gzip(const pm_input *in);

/* The size of `path` in bytes when it is a regular file ("-": standard
 * input, when that is one), otherwise 0. */
uint64_t pm_input_size(const char *path);

#endif
