import DragomanDocuments
import DragomanPretranslate
import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// The translator's documents in a workspace (`dragoman serve`): an article is posted,
/// pre-translated once (its segments with their proposals: matches, terms, fragments,
/// drafts, checks) and stored; the translator's work on each segment is stored beside it.
/// A segment marked translated or confirmed goes into the TM at once, with the document as
/// its origin and its neighbours as context, so the next segment can already match it.
public struct WorkspaceDocuments: Sendable {
    public let workspace: Workspace
    let store: SQLiteDocuments

    public init(workspace: Workspace) {
        self.workspace = workspace
        store = SQLiteDocuments(database: workspace.database)
    }

    /// The states of the translator's work on a segment.
    public enum WorkState: String, Sendable, CaseIterable, Codable {
        /// Typed but not finished: kept with the document, not stored in the TM.
        case draft
        /// Finished: stored in the TM.
        case translated
        /// Finished and checked: stored in the TM.
        case confirmed

        /// Whether the segment's pair goes into the TM.
        public var isDone: Bool { self != .draft }
    }

    /// An article to post.
    public struct NewDocument: Sendable {
        public var text: String
        /// The file name the article is shown and stored under (its origin in the TM).
        public var name: String
        public var language: Language
        /// nil: Markdown for a .md name, else plain text.
        public var layout: TextLayout?
        public var minScore: Int
        public var alternatives: Int
        public var domain: String?

        public init(text: String, name: String, language: Language = .arabic, layout: TextLayout? = nil,
                    minScore: Int = 70, alternatives: Int = 3, domain: String? = nil) {
            self.text = text
            self.name = name
            self.language = language
            self.layout = layout
            self.minScore = minScore
            self.alternatives = alternatives
            self.domain = domain
        }
    }

    /// A stored document: its pre-translation as made when it was posted, and the work.
    public struct Document: Sendable {
        public var stored: StoredDocument
        public var pretranslated: PretranslatedDocument
        /// The work by segment number (1-based).
        public var work: [Int: StoredSegmentWork]

        /// The pre-translation with the translator's targets and states in place of the
        /// proposals: what the downloads are written from.
        public var withWork: PretranslatedDocument {
            var document = pretranslated
            for (number, w) in work where (1...document.segments.count).contains(number) {
                document.segments[number - 1].translation = w.target.isEmpty ? nil : w.target
                document.segments[number - 1].state = w.target.isEmpty ? .untranslated
                    : (WorkState(rawValue: w.state)?.isDone == true ? .translated : .needsReview)
            }
            return document
        }
    }

    // MARK: Documents

    /// Reads, pre-translates and stores an article. Empty text and text in the wrong
    /// language are refused as `pretranslate` refuses them.
    public func create(_ new: NewDocument, creator: String?) throws -> Document {
        guard (0...101).contains(new.minScore) else { throw Failure.usage("minScore takes 0 to 101") }
        guard (0...20).contains(new.alternatives) else { throw Failure.usage("alternatives takes 0 to 20") }
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, !name.contains("/") else { throw Failure.usage("give the document a name (a file name, no '/')") }
        let input = try ArticleInput(text: new.text.replacingCRLF(), name: name, language: new.language, layout: new.layout)
        let options = PretranslationOptions(side: new.language, threshold: new.minScore, alternatives: new.alternatives)
        let pretranslated = try Pretranslation(workspace: workspace, fragments: workspace.fragmentSearch())
            .run(input, options: options, domain: new.domain)
        let stored = try store.add(name: name, sourceLanguage: new.language, layout: new.layout ?? TextLayout.guess(name: name),
                                   text: input.text, segments: pretranslated.segments.count,
                                   pretranslation: try Self.encoder.encode(pretranslated), creator: creator)
        return Document(stored: stored, pretranslated: pretranslated, work: [:])
    }

    public func list() throws -> [StoredDocumentSummary] {
        try store.summaries()
    }

    /// The document `id`, or a not-found failure.
    public func document(id: Int64) throws -> Document {
        guard let (stored, work) = try store.document(id: id) else {
            throw Failure.notFound("there is no document \(id)")
        }
        let pretranslated: PretranslatedDocument
        do {
            pretranslated = try JSONDecoder().decode(PretranslatedDocument.self, from: stored.pretranslation)
        } catch {
            throw Failure.internal("document \(id): its stored pre-translation cannot be read (\(error))")
        }
        return Document(stored: stored, pretranslated: pretranslated,
                        work: Dictionary(work.map { ($0.number, $0) }, uniquingKeysWith: { $1 }))
    }

    public func remove(id: Int64) throws {
        try store.remove(id: id)
    }

    // MARK: Segments

    /// What saving a segment did.
    public struct SegmentUpdate: Sendable {
        public var work: StoredSegmentWork
        /// The TM unit holding the pair (added or already there), when the state is done.
        public var unitID: Int64?
        /// Whether the pair was new to the TM.
        public var addedToTM: Bool
    }

    /// Saves the translator's target and state for segment `number` (1-based). A done
    /// state stores the pair in the TM at once: origin = the document's name, creator =
    /// `user`, context = the neighbouring segments (the source's always; the target's
    /// when the neighbours have a translation), so that a later article with the same
    /// sentences in the same order gets a context (101) match. When a segment that was
    /// stored before is stored again with another target, the unit it added is replaced.
    public func save(document id: Int64, segment number: Int, target: String, state: WorkState,
                     user: WorkspaceUser) throws -> SegmentUpdate {
        let document = try document(id: id)
        let segments = document.pretranslated.segments
        guard (1...max(1, segments.count)).contains(number), !segments.isEmpty else {
            throw Failure.notFound("document \(id) has no segment \(number) (it has \(segments.count), numbered from 1)")
        }
        let target = target.trimmingCharacters(in: .whitespacesAndNewlines)
        var work = StoredSegmentWork(number: number, target: target, state: state.rawValue, changedBy: user.name,
                                     changed: Date(), unit: nil)
        var unitID: Int64?
        var added = false
        if state.isDone {
            let source = document.stored.sourceLanguage
            let sourceTexts = segments.map(\.segment.text)
            let targetTexts = segments.indices.map { i -> String? in
                i == number - 1 ? target : document.work[i + 1].flatMap { $0.target.isEmpty ? nil : $0.target }
            }
            func context(_ texts: [String?]) -> UnitContext {
                UnitContext(previous: number == 1 ? UnitContext.documentStart : UnitContext.hash(ofSegment: texts[number - 2]),
                            next: number == segments.count ? UnitContext.documentEnd : UnitContext.hash(ofSegment: texts[number]))
            }
            let sourceContext = context(sourceTexts), targetContext = context(targetTexts)
            let pair = source == .arabic ? (arabic: sourceTexts[number - 1], english: target)
                                         : (arabic: target, english: sourceTexts[number - 1])
            // A workspace of its own: aligning on arrival sets the TM's linking, which
            // other requests must not share.
            let writer = Workspace(database: workspace.database)
            try writer.alignOnArrival(units: [pair])
            let outcome = try TMAddition.add(
                arabic: pair.arabic, english: pair.english, origin: document.stored.name, creator: user.name,
                arabicContext: source == .arabic ? sourceContext : targetContext,
                englishContext: source == .arabic ? targetContext : sourceContext, to: writer.tm)
            switch outcome {
            case .added(let id):
                unitID = id
                added = true
                work.unit = id
            case .updated(let id):
                unitID = id
                // Still the unit this segment added, when it was stored the same before.
                work.unit = document.work[number]?.unit == id ? id : nil
            }
            if let previous = document.work[number]?.unit, previous != unitID {
                try replaced(previous, by: document)
            }
        } else {
            work.unit = document.work[number]?.unit
        }
        try store.save(work, document: id)
        return SegmentUpdate(work: work, unitID: unitID, addedToTM: added)
    }

    /// Removes a unit a segment added before it was stored with another target, if it is
    /// still the document's (a unit edited or re-imported since is left alone).
    private func replaced(_ unitID: Int64, by document: Document) throws {
        guard let unit = try workspace.tm.unit(id: unitID), unit.origin == document.stored.name else { return }
        try TMRemoval(tm: workspace.tm, path: workspace.path).remove(id: unitID)
    }

    // MARK: Downloads

    /// The document written in `format` with the translator's work in place (XLIFF 2.1 or
    /// 1.2 for a CAT tool, TMX, a review document, JSON Lines).
    public func download(id: Int64, format: DocumentFormat, toolVersion: String) throws -> (text: String, fileName: String) {
        let document = try document(id: id)
        let text = try format.write(document.withWork, options: DocumentWriterOptions(toolVersion: toolVersion))
        return (text, format.outputFileName(forInput: document.stored.name))
    }

    /// The translated article, rebuilt by the merge of its XLIFF 2.1 (what `merge` does
    /// with a file from a CAT tool): targets in the source's structure. Segments whose work
    /// is not done (draft, or only a proposal) are refused as a conflict listing them,
    /// unless `allowUnfinished` (then their target, or their source, is used).
    public func translatedText(id: Int64, allowUnfinished: Bool, toolVersion: String) throws -> (text: String, fileName: String, notes: [String]) {
        let document = try document(id: id)
        let xliff = try DocumentFormat.xliff.write(document.withWork, options: DocumentWriterOptions(toolVersion: toolVersion))
        let result = try XLIFFMerger().merge(xml: xliff)
        let unfinished = document.pretranslated.segments.indices.filter { i in
            WorkState(rawValue: document.work[i + 1]?.state ?? "")?.isDone != true
        }
        if !unfinished.isEmpty && !allowUnfinished {
            throw Failure(.conflict, "\(unfinished.count) of \(document.pretranslated.segments.count) segments are not translated or confirmed yet: \(XLIFFMerge.list(unfinished.map { String($0 + 1) })); finish them, or ask with allowUnfinished=true to get their proposals (or source) as they are")
        }
        var notes: [String] = []
        if !result.untranslatedIDs.isEmpty {
            notes.append("\(result.untranslatedIDs.count) segments had no target: their source text was kept")
        }
        let stem = (document.stored.name as NSString).deletingPathExtension
        let ext = document.stored.layout == .markdown ? "md" : "txt"
        return (result.text, "\(stem.isEmpty ? "document" : stem).\(document.stored.sourceLanguage.other.rawValue).\(ext)", notes)
    }

    /// Words per match band against the TM as it is now (`analyze`).
    public func analysis(id: Int64, weights: AnalysisWeights = .standard) throws -> AnalysisReport {
        let document = try document(id: id)
        let input = try ArticleInput(text: document.stored.text, name: document.stored.name,
                                     language: document.stored.sourceLanguage, layout: document.stored.layout)
        var seen = Set<String>()
        let counts = try Pretranslation(workspace: workspace, fragments: workspace.fragmentSearch()).analyze(input, seen: &seen)
        return AnalysisReport(file: document.stored.name, counts: counts, weights: weights)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
