#include "dragoman_icu.h"

#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include <unicode/ubrk.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>
#include <unicode/ustring.h>

static void set_error(char *error, int32_t cap, const char *what, UErrorCode status) {
    if (error && cap > 0) {
        snprintf(error, (size_t)cap, "%s: %s", what, u_errorName(status));
    }
}

int32_t dm_breaks(int32_t kind, const char *locale,
                  const uint16_t *text, int32_t length,
                  int32_t *boundaries, int32_t *statuses, int32_t capacity,
                  char *error, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIteratorType type = kind == DM_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD;
    UBreakIterator *it = ubrk_open(type, locale, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) {
        set_error(error, errorCapacity, "ubrk_open", status);
        return -1;
    }
    int32_t count = 0;
    int32_t pos = ubrk_first(it);
    while ((pos = ubrk_next(it)) != UBRK_DONE) {
        if (count < capacity) {
            boundaries[count] = pos;
            if (statuses) statuses[count] = ubrk_getRuleStatus(it);
        }
        count++;
    }
    ubrk_close(it);
    return count;
}

int32_t dm_transliterate(const char *transformID,
                         const uint16_t *text, int32_t length,
                         uint16_t *out, int32_t capacity,
                         char *error, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UChar id[256];
    u_uastrncpy(id, transformID, 255);
    id[255] = 0;
    UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) {
        set_error(error, errorCapacity, "utrans_openU", status);
        return -1;
    }
    /* utrans_transUChars works in place in a buffer large enough for the result. */
    int32_t bufCap = length * 4 + 16;
    if (bufCap < capacity) bufCap = capacity;
    UChar *buf = (UChar *)malloc(sizeof(UChar) * (size_t)bufCap);
    if (!buf) {
        utrans_close(tr);
        return -1;
    }
    memcpy(buf, text, sizeof(UChar) * (size_t)length);
    int32_t textLength = length;
    int32_t limit = length;
    utrans_transUChars(tr, buf, &textLength, bufCap, 0, &limit, &status);
    utrans_close(tr);
    if (U_FAILURE(status)) {
        free(buf);
        set_error(error, errorCapacity, "utrans_transUChars", status);
        return -1;
    }
    int32_t n = textLength < capacity ? textLength : capacity;
    memcpy(out, buf, sizeof(UChar) * (size_t)n);
    free(buf);
    return textLength;
}

const char *dm_icu_version(void) {
    static char version[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, version);
    return version;
}
