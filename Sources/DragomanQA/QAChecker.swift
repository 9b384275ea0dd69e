import DragomanGlossary
import DragomanText

/// Checks finished translations, as Xbench or Okapi CheckMate do, with Arabic in mind:
/// numbers by value across digit scripts and number words, glossary terms through the
/// clitic-aware matcher, consistency, completeness and form. No I/O: the pairs come from
/// a file a use-case read, the glossary from the caller.
public struct QAChecker: Sendable {
    public var glossary: (any GlossaryStore)?
    /// Prefer (only check) the entries of this domain.
    public var domain: String?
    public var checks: Set<QACheck>
    /// The least severe findings wanted: `.error` lets a check skip the work that can only
    /// find warnings (the glossary check's search of the source for missing terms, most of
    /// the checks' time in pre-translation, which keeps errors only).
    public var minimumSeverity: QASeverity = .warning

    public init(glossary: (any GlossaryStore)? = nil, domain: String? = nil, checks: Set<QACheck> = Set(QACheck.allCases)) {
        self.glossary = glossary
        self.domain = domain
        self.checks = checks
    }

    /// The findings of every pair, in file order, errors before warnings within a unit.
    public func check(_ pairs: [QAPair]) throws -> [QAFinding] {
        var byUnit: [String: [QAFinding]] = [:]
        func add(_ findings: [QAFinding]) {
            for f in findings { byUnit[f.unitID, default: []].append(f) }
        }
        let glossaryCheck = glossary.map { GlossaryCheck(glossary: $0, domain: domain, missingTerms: minimumSeverity == .warning) }
        for pair in pairs {
            let empty = pair.target.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            if checks.contains(.completeness) { add(CompletenessCheck.findings(pair)) }
            guard !empty else { continue }
            if checks.contains(.numbers) { add(NumberCheck.findings(pair)) }
            if checks.contains(.glossary), let glossaryCheck { add(try glossaryCheck.findings(pair)) }
            if checks.contains(.form) { add(FormCheck.findings(pair)) }
        }
        if checks.contains(.consistency) { add(ConsistencyCheck.findings(pairs)) }
        var out: [QAFinding] = []
        var seen = Set<String>()
        for pair in pairs where seen.insert(pair.id).inserted {
            out += (byUnit[pair.id] ?? []).filter { $0.severity >= minimumSeverity }.sorted { $0.severity > $1.severity }
        }
        return out
    }

    /// A single pair (the check pre-translation and a server run on one proposal).
    public func check(_ pair: QAPair) throws -> [QAFinding] {
        try check([pair]).filter { $0.check != .consistency }
    }
}
