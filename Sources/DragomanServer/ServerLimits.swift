/// The limits a server states (README, OpenAPI document) and enforces: a request body
/// over its limit is refused with 413 before it is read further.
public struct ServerLimits: Sendable, Hashable {
    /// A JSON request body (a term, a unit, an article, two texts to align).
    public var jsonBody: Int
    /// An uploaded file (a TM or glossary import).
    public var upload: Int

    public init(jsonBody: Int = 1 << 20, upload: Int = 64 << 20) {
        self.jsonBody = jsonBody
        self.upload = upload
    }

    public static let standard = ServerLimits()

    /// "1 MB", "64 MB".
    static func describe(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }
}
