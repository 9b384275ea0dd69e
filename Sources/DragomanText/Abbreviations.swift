/// Words after which a period usually does not end a sentence.
enum Abbreviations {
    /// Titles before a name: never a sentence end.
    static let englishTitles: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj",
        "gov", "sen", "rep", "rev", "hon", "pres", "st", "mt", "messrs", "sens", "reps", "govs", "gens", "mme", "fr", "supt", "insp",
    ]
    /// Abbreviations that stand before a number (No. 5, Jan. 12, p. 3).
    static let beforeNumber: Set<String> = [
        "no", "nos", "vol", "p", "pp", "art", "fig", "ch", "sec", "para", "ed", "op",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    /// Abbreviations that can end a sentence: a period after them ends one only when an
    /// upper-case word follows.
    static let ambiguous: Set<String> = [
        "e.g", "i.e", "vs", "cf", "etc", "approx", "al", "inc", "ltd", "co", "corp", "bros", "jr", "sr",
        "est", "dept", "univ", "assn", "a.m", "p.m", "ft", "km", "kg", "oz", "lb", "lbs",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "no", "nos", "vol", "p", "pp", "fig",
    ]
    /// Time zones that follow a.m. / p.m. inside a sentence (7 p.m. ET).
    static let timeZones: Set<String> = [
        "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "GMT", "UTC", "BST", "CET",
        "Eastern", "Central", "Mountain", "Pacific", "local",
    ]
    /// Arabic single-letter abbreviations that mark a year when they follow a number
    /// (2021 م. = AD, 1443 هـ. = AH) and can then end a sentence.
    static let arabicYearMarkers: Set<String> = ["م", "ه"]
}
