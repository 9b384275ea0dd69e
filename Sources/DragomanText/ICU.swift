import CICU

/// The system ICU, through the C shim in `CICU` (see docs/architecture.md for why it
/// is not imported directly).
public enum ICU {
    public enum BreakKind: Sendable {
        case word
        case sentence
    }

    /// A bug or a broken ICU installation when it escapes.
    public struct Failure: DragomanFailure {
        public var failureKind: FailureKind { .internal }
        public let description: String
    }

    static func message(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The version of the ICU library in use, e.g. "72.1".
    public static var version: String { String(validatingCString: dm_icu_version()) ?? "unknown" }

    /// Break positions (UTF-16 offsets, excluding 0, including the end) of `utf16`.
    public static func boundaries(_ kind: BreakKind, locale: String, utf16: [UInt16]) throws -> [Int] {
        guard !utf16.isEmpty else { return [] }
        var capacity = utf16.count + 1
        var out = [Int32](repeating: 0, count: capacity)
        var error = [CChar](repeating: 0, count: 256)
        let count = utf16.withUnsafeBufferPointer { text in
            dm_breaks(kind == .sentence ? Int32(DM_BREAK_SENTENCE) : Int32(DM_BREAK_WORD), locale,
                      text.baseAddress, Int32(text.count), &out, nil, Int32(capacity), &error, 256)
        }
        guard count >= 0 else { throw Failure(description: Self.message(error)) }
        capacity = Int(count)
        return out.prefix(capacity).map(Int.init)
    }

    /// `text` transformed by the ICU transliterator `transform`, e.g. "Arabic-Latin; Latin-ASCII".
    public static func transliterate(_ text: String, transform: String) throws -> String {
        let source = Array(text.utf16)
        guard !source.isEmpty else { return "" }
        var capacity = source.count * 4 + 16
        var error = [CChar](repeating: 0, count: 256)
        while true {
            var out = [UInt16](repeating: 0, count: capacity)
            let needed = source.withUnsafeBufferPointer { src in
                dm_transliterate(transform, src.baseAddress, Int32(src.count), &out, Int32(capacity), &error, 256)
            }
            guard needed >= 0 else { throw Failure(description: Self.message(error)) }
            if Int(needed) <= capacity {
                return String(decoding: out.prefix(Int(needed)), as: UTF16.self)
            }
            capacity = Int(needed)
        }
    }
}

/// A romanization of Arabic for display beside Arabic fields and for matching English
/// spellings of names (Muhammad / Mohammed) loosely.
public enum Romanizer {
    public static let transform = "Arabic-Latin; Latin-ASCII"

    public static func romanize(_ text: String) -> String {
        (try? ICU.transliterate(text, transform: transform)) ?? text
    }
}
