import DragomanApp
import DragomanFormats
import DragomanGlossary
import DragomanStore
import DragomanText
import Foundation
import Hummingbird

/// `/terms`: look-up and find (the JSON of `term lookup --json` and `term find --json`),
/// entries read, added, edited and removed through `TermEditor`, import and export.
enum TermRoutes: RouteSet {
    /// A new entry, or terms for an entry (`TermEditor`'s rules): 201 when something was
    /// added, 200 when the glossary had it all, with the entry as it now stands.
    static func addTerms(_ addition: TermEditor.Addition, to glossary: SQLiteGlossary) async throws -> Response {
        let (result, entry) = try await Blocking.run { () -> (TermEditor.AdditionResult, GlossaryEntry?) in
            let result = try TermEditor(glossary: glossary).add(addition)
            return (result, try glossary.entry(id: result.entryID))
        }
        return try Responses.json(TermAdditionJSON(result, entry: entry), status: result.isNew ? .created : .ok)
    }

    static func add(read: Group, write: Group, services: ServerServices) {
        let glossary = services.workspace.glossary
        let browsing = WorkspaceBrowsing(workspace: services.workspace)

        read.get("terms") { request, context in
            let input = RequestInput(request, context)
            let query = try input.required("q")
            let limit = try input.int("limit", default: 10, in: 1...100)
            let prefix = try input.bool("prefix")
            let results = try await Blocking.run { try glossary.lookup(query, limit: limit, prefix: prefix) }
            return try Responses.json(results.enumerated().map { TermLookupJSON($0.element, rank: $0.offset + 1) })
        }

        read.post("terms/find") { request, context in
            struct Body: Decodable { var text: String; var domain: String?; var onlyDomain: Bool? }
            let body = try await RequestInput(request, context).json(Body.self)
            if body.onlyDomain == true && body.domain == nil { throw Failure.usage("onlyDomain goes with domain") }
            let text = body.text.replacingCRLF()
            let hits = try await Blocking.run {
                try glossary.find(in: text).preferring(domain: body.domain, only: body.onlyDomain ?? false)
            }
            let lines = TermLineIndex(text)
            return try Responses.json(hits.map { TermHitJSON($0, line: lines.line(of: $0.range.lowerBound)) })
        }

        read.get("terms/entries") { request, context in
            let input = RequestInput(request, context)
            let domain = input.string("domain")
            let status = try FieldValue.status(input.string("status"))
            let limit = try input.int("limit", default: 100, in: 1...1000)
            let after = Int64(try input.int("after", default: 0, in: 0...Int.max))
            let entries = try await Blocking.run {
                try browsing.entries(domain: domain, status: status, after: after, limit: limit)
            }
            return try Responses.json(entries.map(TermEntryJSON.init))
        }

        read.get("terms/entries/:id") { request, context in
            let id = try RequestInput(request, context).id()
            return try Responses.json(TermEntryJSON(try await entry(id, in: glossary)))
        }

        write.post("terms/entries") { request, context in
            let body = try await RequestInput(request, context).json(TermBody.self)
            return try await addTerms(try body.addition(to: nil), to: glossary)
        }

        write.post("terms/entries/:id/terms") { request, context in
            let input = RequestInput(request, context)
            let id = try input.id()
            let body = try await input.json(TermBody.self)
            return try await addTerms(try body.addition(to: id), to: glossary)
        }

        write.patch("terms/entries/:id") { request, context in
            let input = RequestInput(request, context)
            let id = try input.id()
            let body = try await input.json(TermEditBody.self)
            let edit = try body.edit()
            let entry = try await Blocking.run { () -> GlossaryEntry in
                try TermEditor(glossary: glossary).edit(entry: id, edit)
                guard let entry = try glossary.entry(id: id) else { throw Failure.notFound("there is no entry \(id)") }
                return entry
            }
            return try Responses.json(TermEntryJSON(entry))
        }

        write.delete("terms/entries/:id") { request, context in
            let id = try RequestInput(request, context).id()
            let removal = try await Blocking.run { try TermEditor(glossary: glossary).remove(entry: id) }
            return try Responses.json(TermRemovalJSON(removal))
        }

        write.delete("terms/entries/:id/terms/:term") { request, context in
            let input = RequestInput(request, context)
            let id = try input.id(), term = try input.id("term")
            let removal = try await Blocking.run { try TermEditor(glossary: glossary).remove(entry: id, term: term) }
            return try Responses.json(TermRemovalJSON(removal))
        }

        write.post("terms/import") { request, context in
            let input = RequestInput(request, context)
            let name = input.string("name") ?? "upload"
            guard let format = try input.choice("format", GlossaryFileFormat.self) ?? GlossaryFileFormat.guess(path: name) else {
                throw Failure.usage("cannot tell the format of \(name): add format=tsv, csv or tbx (or a name ending in .tsv, .csv or .tbx)")
            }
            var options = GlossaryImportOptions(
                format: format, defaultDomain: input.string("domain"), skipBad: try input.bool("skipBad"),
                hasHeader: !(try input.bool("noHeader")), duplicates: try input.choice("duplicates", DuplicatePolicy.self) ?? .merge,
                groupByArabic: input.string("groupBy") == "arabic", splitGlosses: try input.bool("splitGlosses"),
                priority: try input.choice("priority", GlossaryPriority.self), creator: context.user?.name)
            if let groupBy = input.string("groupBy"), groupBy != "arabic" { throw Failure.usage("groupBy takes arabic") }
            let upload = try await input.upload(named: name, limit: services.limits.upload)
            options.recordedAs = upload.name
            let chosenOptions = options
            let report = try await upload.use { path in
                try GlossaryFiles.importFile(path, options: chosenOptions, into: glossary)
            }
            return try Responses.json(report)
        }

        read.get("terms/export") { request, context in
            let input = RequestInput(request, context)
            let format = try input.choice("format", GlossaryFileFormat.self) ?? .tsv
            let domain = input.string("domain")
            let text = try await Blocking.run { try Exports.capture { try GlossaryFiles.export(glossary, format: format, domain: domain, to: $0) } }
            let mediaType = switch format {
            case .tsv: "text/tab-separated-values; charset=utf-8"
            case .csv: "text/csv; charset=utf-8"
            case .tbx, .tbx2008: "application/x-tbx+xml"
            }
            return Responses.file(text, fileName: "glossary.\(format == .tbx2008 ? "tbx" : format.rawValue)", mediaType: mediaType)
        }
    }

    static func entry(_ id: Int64, in glossary: some GlossaryStore) async throws -> GlossaryEntry {
        guard let entry = try await Blocking.run({ try glossary.entry(id: id) }) else {
            throw Failure.notFound("there is no entry \(id)")
        }
        return entry
    }
}

/// A term pair to add (a new entry), or terms to add to an entry.
struct TermBody: Decodable {
    var arabic: String?
    var english: String?
    var domain: String?
    var pos: String?
    var status: String?
    var note: String?
    var source: String?

    func addition(to entry: Int64?) throws -> TermEditor.Addition {
        let status = try FieldValue.status(self.status)
        if entry == nil && (arabic == nil || english == nil) {
            throw APIError.unprocessable("a new entry needs \"arabic\" and \"english\"")
        }
        return TermEditor.Addition(arabic: arabic ?? "", english: english ?? "", entryID: entry, domain: domain, pos: pos,
                                   status: status, note: note, source: source)
    }
}

/// A change to an entry, or with `term` to one of its terms ("" clears a field).
struct TermEditBody: Decodable {
    var domain: String?
    var definition: String?
    var note: String?
    var term: Int64?
    var text: String?
    var status: String?
    var pos: String?
    var source: String?

    func edit() throws -> TermEditor.Edit {
        let status = try FieldValue.status(self.status)
        let edit = TermEditor.Edit(domain: domain, definition: definition, note: note, termID: term, text: text,
                                   status: status, pos: pos, source: source)
        if let problem = edit.problem {
            throw Failure.usage(problem.replacingOccurrences(of: "--term TERM_ID", with: "\"term\"")
                .replacingOccurrences(of: "--", with: ""))
        }
        return edit
    }
}

extension TermEditor.AdditionResult {
    var entryID: Int64 {
        switch self {
        case .addedEntry(let id, _, _), .pairExists(let id, _, _), .addedTerms(let id, _): id
        }
    }

    /// Whether anything was added (201) rather than found there (200).
    var isNew: Bool {
        switch self {
        case .addedEntry: true
        case .pairExists: false
        case .addedTerms(_, let terms): terms.contains { $0.id != nil }
        }
    }
}

/// What adding terms answers: `outcome` (added, exists, addedTerms), the entry as it is
/// now (the JSON of `term show --json`), and for terms given to an entry each term's new
/// id (null when the entry had it).
struct TermAdditionJSON: Encodable {
    struct Term: Encodable {
        var text: String
        var id: Int64?
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(text, forKey: .text)
            try c.encode(id, forKey: .id)
        }
        enum CodingKeys: String, CodingKey { case text, id }
    }
    var outcome: String
    var entry: TermEntryJSON?
    var terms: [Term]?

    init(_ result: TermEditor.AdditionResult, entry: GlossaryEntry?) {
        self.entry = entry.map(TermEntryJSON.init)
        switch result {
        case .addedEntry: outcome = "added"
        case .pairExists: outcome = "exists"
        case .addedTerms(_, let terms):
            outcome = "addedTerms"
            self.terms = terms.map { Term(text: $0.text, id: $0.id) }
        }
    }
}

/// What a removal answers.
struct TermRemovalJSON: Encodable {
    var entry: Int64
    var terms: Int?
    var term: Int64?
    var entryRemoved: Bool

    init(_ removal: TermEditor.Removal) {
        switch removal {
        case .entry(let id, let terms):
            entry = id
            self.terms = terms
            entryRemoved = true
        case .term(let id, _, let entryID, let removed):
            entry = entryID
            term = id
            entryRemoved = removed
        }
    }
}

/// An export written to a file handle (the use-cases stream to one), read back as text.
enum Exports {
    static func capture(_ write: (FileHandle) throws -> Int) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-export-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path) else {
            throw Failure.cannotWrite("cannot write the export to \(url.path)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try write(handle)
        try handle.close()
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Failure.cannotWrite("cannot read back the export from \(url.path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
