import DragomanGlossary
import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// Browsing the TM and the glossary page by page, with the filters of the workspace's TM
/// and glossary pages (and their API endpoints): units by origin, entries by domain and
/// by the status of their terms. Pages are keyed by id (`after`), never by offset, so a
/// deep page costs what the first one costs.
public struct WorkspaceBrowsing: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// Units after `after` in id order, only those of `origin` when given.
    public func units(origin: String?, after: Int64, limit: Int) throws -> [TranslationUnit] {
        guard (1...1000).contains(limit) else { throw Failure.usage("limit takes 1 to 1000") }
        let origin = origin?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try workspace.tm.units(origin: origin?.isEmpty == true ? nil : origin, after: after, limit: limit)
    }

    /// Entries after `after` in id order: only those of `domain`, and only those with a
    /// term of `status` (a deprecated or forbidden term is what a terminologist reviews).
    public func entries(domain: String?, status: TermStatus?, after: Int64, limit: Int) throws -> [GlossaryEntry] {
        guard (1...1000).contains(limit) else { throw Failure.usage("limit takes 1 to 1000") }
        let domain = domain?.trimmingCharacters(in: .whitespacesAndNewlines)
        var entries: [GlossaryEntry] = []
        try workspace.glossary.read { reader in
            try reader.forEachEntry(domain: domain?.isEmpty == true ? nil : domain, after: after) { entry in
                if status == nil || entry.terms.contains(where: { $0.status == status }) { entries.append(entry) }
                return entries.count < limit
            }
        }
        return entries
    }

    /// The glossary page: a page of entries and the glossary's import batches.
    public func glossaryPage(domain: String?, status: TermStatus?, after: Int64, limit: Int) throws
        -> (entries: [GlossaryEntry], imports: [ImportBatch]) {
        (try entries(domain: domain, status: status, after: after, limit: limit),
         try ImportHistory(workspace: workspace).list().filter { $0.kind == .glossary })
    }

    /// The TM page: a page of units and the TM's import batches.
    public func tmPage(origin: String?, after: Int64, limit: Int) throws -> (units: [TranslationUnit], imports: [ImportBatch]) {
        (try units(origin: origin, after: after, limit: limit),
         try ImportHistory(workspace: workspace).list().filter { $0.kind == .tm })
    }
}
