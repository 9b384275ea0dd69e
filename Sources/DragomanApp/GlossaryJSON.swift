import DragomanGlossary
import DragomanText
import Foundation

// The JSON of the glossary commands (`term lookup --json`, `term find --json`, `term show
// --json`, `term list --json`): documented in the README and relied on by scripts; a server
// answers with the same shapes. Keys are written explicitly so that nulls are printed.

/// A term as `--json` prints it.
public struct GlossaryTermJSON: Encodable {
    let id: Int64
    let entry: Int64
    let language: String
    let text: String
    let status: String
    let pos: String?
    let note: String?
    let source: String?

    public init(_ t: GlossaryTerm) {
        id = t.id
        entry = t.entryID
        language = t.language.rawValue
        text = t.text
        status = t.status.rawValue
        pos = t.pos
        note = t.note
        source = t.source
    }

    enum CodingKeys: String, CodingKey { case id, entry, language, text, status, pos, note, source }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(entry, forKey: .entry)
        try c.encode(language, forKey: .language)
        try c.encode(text, forKey: .text)
        try c.encode(status, forKey: .status)
        try c.encode(pos, forKey: .pos)
        try c.encode(note, forKey: .note)
        try c.encode(source, forKey: .source)
    }
}

/// An entry as `--json` prints it.
public struct TermEntryJSON: Encodable {
    let id: Int64
    let domain: String?
    let definition: String?
    let note: String?
    let created: String
    let changed: String
    let arabic: [GlossaryTermJSON]
    let english: [GlossaryTermJSON]

    public init(_ e: GlossaryEntry) {
        id = e.id
        domain = e.domain
        definition = e.definition
        note = e.note
        created = e.created.formatted(.iso8601)
        changed = e.changed.formatted(.iso8601)
        arabic = e.terms(in: .arabic).map(GlossaryTermJSON.init)
        english = e.terms(in: .english).map(GlossaryTermJSON.init)
    }

    enum CodingKeys: String, CodingKey { case id, domain, definition, note, created, changed, arabic, english }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(domain, forKey: .domain)
        try c.encode(definition, forKey: .definition)
        try c.encode(note, forKey: .note)
        try c.encode(created, forKey: .created)
        try c.encode(changed, forKey: .changed)
        try c.encode(arabic, forKey: .arabic)
        try c.encode(english, forKey: .english)
    }
}

/// How a hit or result matched, as `--json` prints it.
public struct TermMatchJSON: Encodable {
    let kind: String
    /// Stripped clitics in reading order (`و+`, `ب+`, `ال+`, `+ه`), `−ال` for a missing article.
    let clitics: [String]
    let distance: Int?
    let lowConfidence: Bool

    enum CodingKeys: String, CodingKey { case kind, clitics, distance, lowConfidence }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(clitics, forKey: .clitics)
        try c.encode(distance, forKey: .distance)
        try c.encode(lowConfidence, forKey: .lowConfidence)
    }
}

/// One `term find` hit.
public struct TermHitJSON: Encodable {
    public struct Alternative: Encodable {
        let entry: Int64
        let domain: String?
        let term: GlossaryTermJSON
        let translations: [GlossaryTermJSON]

        enum CodingKeys: String, CodingKey { case entry, domain, term, translations }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(entry, forKey: .entry)
            try c.encode(domain, forKey: .domain)
            try c.encode(term, forKey: .term)
            try c.encode(translations, forKey: .translations)
        }
    }

    let start: Int
    let end: Int
    let line: Int
    let surface: String
    let match: TermMatchJSON
    let entry: Int64
    let domain: String?
    let term: GlossaryTermJSON
    let translations: [GlossaryTermJSON]
    /// "deprecated" or "forbidden" when the matched term is; else null.
    let flag: String?
    let alternatives: [Alternative]
    /// The entry id under the key `pretranslate --format json` uses (`entry` kept).
    var entryID: Int64 { entry }

    public init(_ hit: TermHit, line: Int) {
        start = hit.range.lowerBound
        end = hit.range.upperBound
        self.line = line
        surface = hit.surface
        match = TermMatchJSON(kind: hit.kind.rawValue, clitics: hit.clitics?.pieces ?? [], distance: nil,
                          lowConfidence: hit.lowConfidence)
        entry = hit.entry.id
        domain = hit.entry.domain
        term = GlossaryTermJSON(hit.term)
        translations = hit.translations.map(GlossaryTermJSON.init)
        flag = hit.flag?.rawValue
        alternatives = hit.alternatives.map {
            Alternative(entry: $0.entry.id, domain: $0.entry.domain, term: GlossaryTermJSON($0.term),
                        translations: $0.entry.terms(in: $0.term.language.other).map(GlossaryTermJSON.init))
        }
    }

    enum CodingKeys: String, CodingKey {
        case start, end, line, surface, match, entry, entryID, domain, term, translations, flag, alternatives
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(line, forKey: .line)
        try c.encode(surface, forKey: .surface)
        try c.encode(match, forKey: .match)
        try c.encode(entry, forKey: .entry)
        try c.encode(entryID, forKey: .entryID)
        try c.encode(domain, forKey: .domain)
        try c.encode(term, forKey: .term)
        try c.encode(translations, forKey: .translations)
        try c.encode(flag, forKey: .flag)
        try c.encode(alternatives, forKey: .alternatives)
    }
}

/// One `term lookup` result.
public struct TermLookupJSON: Encodable {
    let rank: Int
    let match: TermMatchJSON
    let term: GlossaryTermJSON
    let translations: [GlossaryTermJSON]
    let entry: TermEntryJSON

    public init(_ r: LookupResult, rank: Int) {
        self.rank = rank
        match = TermMatchJSON(kind: r.kind.rawValue, clitics: r.clitics?.pieces ?? [], distance: r.distance,
                          lowConfidence: false)
        term = GlossaryTermJSON(r.term)
        translations = r.translations.map(GlossaryTermJSON.init)
        entry = TermEntryJSON(r.entry)
    }
}

/// Line numbers of UTF-16 offsets.
public struct TermLineIndex: Sendable {
    var starts: [Int] = [0]

    public init(_ text: String) {
        var offset = 0
        for u in text.utf16 {
            offset += 1
            if u == 0x0A { starts.append(offset) }
        }
    }

    /// 1-based line of the UTF-16 offset.
    public func line(of offset: Int) -> Int {
        var lo = 0, hi = starts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid }
        }
        return lo + 1
    }
}

