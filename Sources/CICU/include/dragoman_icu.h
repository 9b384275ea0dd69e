#ifndef DRAGOMAN_ICU_H
#define DRAGOMAN_ICU_H

#include <stdint.h>

/*
 * A narrow C surface over the system ICU (libicu 72). Only plain C types cross it:
 * Swift must not see ICU's own headers, because Foundation on Linux carries a second,
 * renamed ICU whose types clash with the system one.
 */

/* Break iterator kinds. */
enum {
    DM_BREAK_WORD = 1,
    DM_BREAK_SENTENCE = 3
};

/*
 * Writes the boundaries of `text` (UTF-16, `length` units) found by an ICU break
 * iterator of `kind` for `locale` into `boundaries` (at most `capacity` entries),
 * excluding 0. For word breaks, `statuses` (may be NULL) receives each boundary's rule
 * status (0 = none, 100..199 number, 200..299 letter, ...).
 * Returns the number of boundaries, or -1 on an ICU error (the message is in `error`).
 */
int32_t dm_breaks(int32_t kind, const char *locale,
                  const uint16_t *text, int32_t length,
                  int32_t *boundaries, int32_t *statuses, int32_t capacity,
                  char *error, int32_t errorCapacity);

/*
 * Transliterates `text` with the ICU transform `transformID` (for example
 * "Arabic-Latin; Latin-ASCII"). Writes at most `capacity` UTF-16 units to `out` and
 * returns the length needed, or -1 on an error (the message is in `error`).
 */
int32_t dm_transliterate(const char *transformID,
                         const uint16_t *text, int32_t length,
                         uint16_t *out, int32_t capacity,
                         char *error, int32_t errorCapacity);

/* The ICU version this shim runs against, e.g. "72.1". */
const char *dm_icu_version(void);

#endif
