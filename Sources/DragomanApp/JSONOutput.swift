import Foundation

/// Stable JSON for scripts and the server: sorted keys, no escaped slashes, UTF-8 text as is.
public enum JSONOutput {
    public static func string<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public static func line<T: Encodable>(_ value: T) throws -> String { try string(value) }
}
