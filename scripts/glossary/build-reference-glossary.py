#!/usr/bin/env python3
"""Build the generated reference glossary (glossary/reference-cldr-iso.tsv).

Sources (Debian packages, read from their installed files):
  * iso-codes          /usr/share/iso-codes/json/iso_3166-1.json, iso_4217.json,
                       iso_639-2.json and the Arabic catalogues
                       /usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo,
                       iso_4217.mo, iso_639-2.mo  (LGPL-2.1+)
  * unicode-cldr-core  /usr/share/unicode/cldr/common/main/ar.xml, en.xml and
                       the regional Arabic locales ar_*.xml  (Unicode license)

Output: the same TSV format as glossary/news-terms.tsv
  id  arabic  english  domain  pos  status  note
One concept per id (ids start at 100001); the first row of a concept carries
the main Arabic and English names (status "preferred"), further rows carry one
variant each (status "admitted") with the other language's column empty.

Sections, in this order: countries (ISO 3166-1), currencies (ISO 4217),
languages (ISO 639-2 codes that CLDR names in both Arabic and English),
Gregorian months, weekdays. Neither package lists capital cities, so there is
no capitals section.

Standard library only. The output depends only on the input files: running the
script twice on the same package versions gives byte-identical output.

Usage:
  python3 scripts/glossary/build-reference-glossary.py --out glossary/reference-cldr-iso.tsv
"""

import argparse
import gettext
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

FIRST_ID = 100001
HEADER = ["id", "arabic", "english", "domain", "pos", "status", "note"]

# Characters that are display-only (bidi marks, isolates, embeddings) or that
# would break the TSV format.
_DROP = dict.fromkeys(
    [0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
     0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF])
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]+")
# Harakat (U+064B-U+0652), dagger alef (U+0670) and tatweel (U+0640): the
# project writes terms without them (iso-codes' Arabic has some shadda).
_MARKS = re.compile(r"[\u064b-\u0652\u0670\u0640]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")

# ISO 4217 codes starting with X that are not currencies a news text names
# (test code, "no currency", bond-market units, precious metals, ...) are
# skipped; these X-codes are real currencies or units that news does name.
KEEP_X_CURRENCIES = {"XAF", "XCD", "XDR", "XOF", "XPF"}

MONTH_DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]


def clean(text):
    """Drop display-only controls and harakat, fold whitespace to one space."""
    if text is None:
        return ""
    text = _MARKS.sub("", text.translate(_DROP))
    return _SPACES.sub(" ", text).strip()


# ---------------------------------------------------------------- CLDR

class Cldr:
    def __init__(self, main_dir, locale):
        self.locale = locale
        self.path = os.path.join(main_dir, locale + ".xml")
        self.root = ET.parse(self.path).getroot()

    def _names(self, xpath):
        """{type: {alt or "": text}} for display-name elements, file order."""
        out = {}
        for el in self.root.findall(xpath):
            draft = el.get("draft")
            if draft in ("unconfirmed", "provisional"):
                continue
            t = el.get("type")
            out.setdefault(t, {})[el.get("alt") or ""] = clean(el.text)
        return out

    def territories(self):
        return self._names("./localeDisplayNames/territories/territory")

    def languages(self):
        return self._names("./localeDisplayNames/languages/language")

    def currencies(self):
        """{code: (displayName, displayName count=one)}"""
        out = {}
        for cur in self.root.findall("./numbers/currencies/currency"):
            plain = one = ""
            for dn in cur.findall("displayName"):
                if dn.get("draft") in ("unconfirmed", "provisional"):
                    continue
                if dn.get("count") is None:
                    plain = clean(dn.text)
                elif dn.get("count") == "one":
                    one = clean(dn.text)
            if plain or one:
                out[cur.get("type")] = (plain, one)
        return out

    def _gregorian(self):
        for cal in self.root.findall("./dates/calendars/calendar"):
            if cal.get("type") == "gregorian":
                return cal
        return None

    def months(self):
        """{context: {month number: name}} for the wide width."""
        cal = self._gregorian()
        out = {}
        if cal is None:
            return out
        for ctx in cal.findall("./months/monthContext"):
            for width in ctx.findall("monthWidth"):
                if width.get("type") != "wide":
                    continue
                for m in width.findall("month"):
                    if m.get("alt") or m.get("draft") in ("unconfirmed", "provisional"):
                        continue
                    out.setdefault(ctx.get("type"), {})[int(m.get("type"))] = clean(m.text)
        return out

    def days(self):
        cal = self._gregorian()
        out = {}
        if cal is None:
            return out
        for ctx in cal.findall("./days/dayContext"):
            for width in ctx.findall("dayWidth"):
                if width.get("type") != "wide":
                    continue
                for d in width.findall("day"):
                    if d.get("alt") or d.get("draft") in ("unconfirmed", "provisional"):
                        continue
                    out.setdefault(ctx.get("type"), {})[d.get("type")] = clean(d.text)
        return out


# ---------------------------------------------------------------- iso-codes

def load_iso(json_dir, name):
    with open(os.path.join(json_dir, "iso_%s.json" % name), encoding="utf-8") as f:
        data = json.load(f)
    return data[name]


def load_mo(locale_dir, domain):
    path = os.path.join(locale_dir, "ar", "LC_MESSAGES", domain + ".mo")
    with open(path, "rb") as f:
        return gettext.GNUTranslations(f)


def arabic_of(mo, english):
    """The Arabic translation of an iso-codes English name, or "" if none."""
    if not english:
        return ""
    tr = mo.gettext(english)
    if tr == english or not _ARABIC_LETTER.search(tr):
        return ""
    return clean(tr)


# ---------------------------------------------------------------- building

class Builder:
    def __init__(self):
        self.rows = []
        self.next_id = FIRST_ID
        self.counts = []  # (section, concepts, rows)

    def concept(self, arabic, english, domain, pos, note, ar_variants, en_variants):
        """Add one concept. Variants are (text, note) lists; duplicates dropped."""
        cid = str(self.next_id)
        self.next_id += 1
        self.rows.append([cid, arabic, english, domain, pos, "preferred", note])
        n = 1
        seen_ar = {arabic}
        for text, vnote in ar_variants:
            if text and text not in seen_ar:
                seen_ar.add(text)
                self.rows.append([cid, text, "", domain, pos, "admitted", vnote])
                n += 1
        seen_en = {english}
        for text, vnote in en_variants:
            if text and text not in seen_en:
                seen_en.add(text)
                self.rows.append([cid, "", text, domain, pos, "admitted", vnote])
                n += 1
        return n

    def section(self, name, concepts, rows):
        self.counts.append((name, concepts, rows))

    def write(self, path):
        for row in self.rows:
            for field in row:
                if "\t" in field or "\n" in field or "\r" in field:
                    raise ValueError("field with tab/newline: %r" % (row,))
        d = os.path.dirname(os.path.abspath(path))
        os.makedirs(d, exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write("\t".join(HEADER) + "\n")
            for row in self.rows:
                f.write("\t".join(row) + "\n")
        os.replace(tmp, path)


def build_countries(b, ar, en, iso_dir, mo):
    ar_t, en_t = ar.territories(), en.territories()
    concepts = rows = 0
    for c in sorted(load_iso(iso_dir, "3166-1"), key=lambda x: x["alpha_2"]):
        code = c["alpha_2"]
        iso_names = [("name", c.get("name", "")),
                     ("common_name", c.get("common_name", "")),
                     ("official_name", c.get("official_name", ""))]
        cl_ar = ar_t.get(code, {}).get("", "")
        cl_en = en_t.get(code, {}).get("", "")
        main_ar = cl_ar or arabic_of(mo, c.get("common_name") or c["name"]) or arabic_of(mo, c["name"])
        main_en = cl_en or c.get("common_name") or c["name"]
        if not main_ar or not main_en:
            continue
        note = "ISO 3166-1 %s/%s; CLDR territory name" % (code, c["alpha_3"])
        if not cl_ar or not cl_en:
            note = "ISO 3166-1 %s/%s; iso-codes name (CLDR has none)" % (code, c["alpha_3"])
        ar_var, en_var = [], []
        for alt in sorted(k for k in ar_t.get(code, {}) if k):
            ar_var.append((ar_t[code][alt], "CLDR alt=%s" % alt))
        for field, eng in iso_names:
            ar_var.append((arabic_of(mo, eng), "iso-codes %s (Arabic translation)" % field))
        for alt in sorted(k for k in en_t.get(code, {}) if k):
            en_var.append((en_t[code][alt], "CLDR alt=%s" % alt))
        for field, eng in iso_names:
            en_var.append((clean(eng), "iso-codes %s" % field))
        rows += b.concept(main_ar, main_en, "geography", "proper noun", note, ar_var, en_var)
        concepts += 1
    b.section("countries", concepts, rows)


def build_currencies(b, ar, en, iso_dir, mo):
    ar_c, en_c = ar.currencies(), en.currencies()
    concepts = rows = 0
    for c in sorted(load_iso(iso_dir, "4217"), key=lambda x: x["alpha_3"]):
        code = c["alpha_3"]
        if code.startswith("X") and code not in KEEP_X_CURRENCIES:
            continue
        a_plain = ar_c.get(code, ("", ""))[0]
        e_plain, e_one = en_c.get(code, ("", ""))
        main_ar = a_plain or arabic_of(mo, c["name"])
        main_en = e_one or e_plain or clean(c["name"])
        if not main_ar or not main_en:
            continue
        note = "ISO 4217 %s; CLDR currency name" % code
        if not a_plain or not (e_one or e_plain):
            note = "ISO 4217 %s; iso-codes name (CLDR has none)" % code
        ar_var = [(arabic_of(mo, c["name"]), "iso-codes name (Arabic translation)")]
        en_var = [(e_plain, "CLDR display name"), (clean(c["name"]), "iso-codes name")]
        rows += b.concept(main_ar, main_en, "economy", "noun", note, ar_var, en_var)
        concepts += 1
    b.section("currencies", concepts, rows)


def build_languages(b, ar, en, iso_dir, mo):
    ar_l, en_l = ar.languages(), en.languages()
    entries = []
    for c in load_iso(iso_dir, "639-2"):
        code = c.get("alpha_2") or c["alpha_3"]
        entries.append((code, c))
    concepts = rows = 0
    for code, c in sorted(entries, key=lambda x: x[0]):
        cl_ar = ar_l.get(code, {}).get("", "")
        cl_en = en_l.get(code, {}).get("", "")
        if not cl_ar or not cl_en:
            continue  # only languages CLDR names in both languages
        note = "ISO 639 %s; CLDR language name" % code
        if c.get("alpha_2"):
            note = "ISO 639 %s/%s; CLDR language name" % (code, c["alpha_3"])
        iso_names = [("name", c.get("name", "")), ("common_name", c.get("common_name", ""))]
        ar_var, en_var = [], []
        for alt in sorted(k for k in ar_l.get(code, {}) if k):
            ar_var.append((ar_l[code][alt], "CLDR alt=%s" % alt))
        for field, eng in iso_names:
            ar_var.append((arabic_of(mo, eng), "iso-codes %s (Arabic translation)" % field))
        for alt in sorted(k for k in en_l.get(code, {}) if k):
            en_var.append((en_l[code][alt], "CLDR alt=%s" % alt))
        for field, eng in iso_names:
            en_var.append((clean(eng), "iso-codes %s" % field))
        rows += b.concept(cl_ar, cl_en, "general", "noun", note, ar_var, en_var)
        concepts += 1
    b.section("languages", concepts, rows)


def regional_locales(main_dir):
    return sorted(f[:-4] for f in os.listdir(main_dir)
                  if f.startswith("ar_") and f.endswith(".xml"))


def build_months(b, ar, en, main_dir):
    main_ar = ar.months().get("format", {})
    main_en = en.months().get("format", {})
    # Variant month names of the regional locales (Levant and Iraq: كانون الثاني ...;
    # Maghreb: جانفي ...), with the locales that use each one.
    variants = {}
    for loc in regional_locales(main_dir):
        months = Cldr(main_dir, loc).months()
        for ctx in ("format", "stand-alone"):
            for num, name in months.get(ctx, {}).items():
                if name and name != main_ar.get(num):
                    variants.setdefault(num, {}).setdefault(name, set()).add(loc)
    concepts = rows = 0
    for num in range(1, 13):
        if num not in main_ar or num not in main_en:
            continue
        ar_var = []
        for name, locs in sorted(variants.get(num, {}).items(),
                                 key=lambda kv: (-len(kv[1]), kv[0])):
            ar_var.append((name, "CLDR gregorian month %d in %s" % (num, ", ".join(sorted(locs)))))
        rows += b.concept(main_ar[num], main_en[num], "general", "noun",
                          "CLDR gregorian month %d (ar)" % num, ar_var, [])
        concepts += 1
    b.section("months", concepts, rows)


def build_weekdays(b, ar, en, main_dir):
    main_ar = ar.days().get("format", {})
    main_en = en.days().get("format", {})
    variants = {}
    for loc in regional_locales(main_dir):
        days = Cldr(main_dir, loc).days()
        for ctx in ("format", "stand-alone"):
            for key, name in days.get(ctx, {}).items():
                if name and name != main_ar.get(key):
                    variants.setdefault(key, {}).setdefault(name, set()).add(loc)
    concepts = rows = 0
    for key in MONTH_DAYS:
        if key not in main_ar or key not in main_en:
            continue
        ar_var = [(name, "CLDR weekday %s in %s" % (key, ", ".join(sorted(locs))))
                  for name, locs in sorted(variants.get(key, {}).items())]
        rows += b.concept(main_ar[key], main_en[key], "general", "noun",
                          "CLDR gregorian weekday %s (ar)" % key, ar_var, [])
        concepts += 1
    b.section("weekdays", concepts, rows)


def package_version(name):
    if not shutil.which("dpkg-query"):
        return "unknown"
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name],
                             capture_output=True, text=True, check=False)
        return out.stdout.strip() or "not installed"
    except OSError:
        return "unknown"


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.normpath(os.path.join(here, "..", ".."))
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default=os.path.join(repo, "glossary", "reference-cldr-iso.tsv"),
                   help="output TSV path (default: glossary/reference-cldr-iso.tsv)")
    p.add_argument("--cldr-main", default="/usr/share/unicode/cldr/common/main",
                   help="CLDR common/main directory (Debian unicode-cldr-core)")
    p.add_argument("--iso-json", default="/usr/share/iso-codes/json",
                   help="iso-codes JSON directory (Debian iso-codes)")
    p.add_argument("--locale-dir", default="/usr/share/locale",
                   help="directory holding ar/LC_MESSAGES/iso_*.mo")
    args = p.parse_args(argv)

    for path in (os.path.join(args.cldr_main, "ar.xml"), os.path.join(args.iso_json, "iso_3166-1.json"),
                 os.path.join(args.locale_dir, "ar", "LC_MESSAGES", "iso_3166-1.mo")):
        if not os.path.exists(path):
            sys.exit("missing %s: install the Debian packages first:\n"
                     "  apt-get update && apt-get install -y iso-codes unicode-cldr-core" % path)

    ar = Cldr(args.cldr_main, "ar")
    en = Cldr(args.cldr_main, "en")
    b = Builder()
    build_countries(b, ar, en, args.iso_json, load_mo(args.locale_dir, "iso_3166-1"))
    b.section("capitals (no source has them)", 0, 0)
    build_currencies(b, ar, en, args.iso_json, load_mo(args.locale_dir, "iso_4217"))
    build_languages(b, ar, en, args.iso_json, load_mo(args.locale_dir, "iso_639-2"))
    build_months(b, ar, en, args.cldr_main)
    build_weekdays(b, ar, en, args.cldr_main)
    b.write(args.out)

    print("sources: iso-codes %s, unicode-cldr-core %s"
          % (package_version("iso-codes"), package_version("unicode-cldr-core")))
    for name, concepts, rows in b.counts:
        print("%-32s %5d concepts %6d rows" % (name, concepts, rows))
    print("%-32s %5d concepts %6d rows  -> %s"
          % ("total", b.next_id - FIRST_ID, len(b.rows), args.out))


if __name__ == "__main__":
    main()
