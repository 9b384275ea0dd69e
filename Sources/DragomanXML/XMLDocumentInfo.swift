/// What the `<?xml …?>` line said; kept so callers can log it, never acted on beyond the encoding check.
public struct XMLDeclaration: Sendable, Hashable {
    public var version: String
    public var encoding: String?
    public var standalone: Bool?
}

/// A `<!DOCTYPE …>` that was skipped: it is recorded, never fetched or processed.
public struct XMLDoctype: Sendable, Hashable {
    public var name: String
    public var publicID: String?
    public var systemID: String?
}
