import DragomanText

/// A translated segment to check: its id (as the file names it), the source and the
/// target. Sources are Arabic and targets English unless `sourceLanguage` says otherwise.
public struct QAPair: Sendable, Hashable {
    public var id: String
    public var source: String
    public var target: String
    public var sourceLanguage: Language

    public init(id: String, source: String, target: String, sourceLanguage: Language = .arabic) {
        self.id = id
        self.source = source
        self.target = target
        self.sourceLanguage = sourceLanguage
    }
}

/// How bad a finding is: an error is a mistake to fix before delivery (a number changed, a
/// forbidden term, an empty target); a warning is something to look at.
public enum QASeverity: String, Sendable, Hashable, Codable, Comparable {
    case warning, error

    public static func < (a: QASeverity, b: QASeverity) -> Bool { a == .warning && b == .error }
}

/// The families of checks, as `--checks` names them.
public enum QACheck: String, Sendable, Hashable, Codable, CaseIterable {
    case numbers, glossary, consistency, completeness, form
}

/// One problem in one unit, with a message that names what to fix.
public struct QAFinding: Sendable, Hashable, Codable {
    public var unitID: String
    public var severity: QASeverity
    public var check: QACheck
    /// A short name of the rule within its check (`missing-number`, `forbidden-term`…), for
    /// filtering and counting.
    public var rule: String
    public var message: String

    public init(unitID: String, severity: QASeverity, check: QACheck, rule: String, message: String) {
        self.unitID = unitID
        self.severity = severity
        self.check = check
        self.rule = rule
        self.message = message
    }
}
