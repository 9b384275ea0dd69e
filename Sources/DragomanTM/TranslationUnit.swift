import DragomanText
import Foundation

/// A free property of a unit, as TMX's `prop` (type and value).
public struct UnitProperty: Sendable, Hashable, Codable {
    public var type: String
    public var value: String

    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }
}

/// The neighbours of a unit in the document it came from, as stable hashes of their
/// match keys, so that a later article can get a context (101) match.
public struct UnitContext: Sendable, Hashable, Codable {
    public var previous: Int64?
    public var next: Int64?

    public init(previous: Int64? = nil, next: Int64? = nil) {
        self.previous = previous
        self.next = next
    }

    /// The hash that stands for "no segment before": the start of a document.
    public static let documentStart = StableHash.of("\u{1}document-start")
    /// The hash that stands for "no segment after": the end of a document.
    public static let documentEnd = StableHash.of("\u{1}document-end")

    public static func hash(ofSegment text: String?) -> Int64? {
        text.map { StableHash.of(DragomanTextKey.make($0)) }
    }
}

/// A translation unit: an Arabic segment and its English translation, stored exactly as
/// given (NFC), with where it came from and when.
public struct TranslationUnit: Sendable, Hashable, Codable {
    public var id: Int64?
    public var arabic: String
    public var english: String
    /// Inline markup (TMX `seg` content) kept for a lossless export, when it had any.
    public var arabicMarkup: String?
    public var englishMarkup: String?
    public var created: Date
    public var changed: Date
    public var creator: String?
    public var origin: String?
    public var note: String?
    public var properties: [UnitProperty]
    /// Context on the Arabic side and on the English side.
    public var arabicContext: UnitContext
    public var englishContext: UnitContext
    public var usageCount: Int

    public init(id: Int64? = nil, arabic: String, english: String, arabicMarkup: String? = nil,
                englishMarkup: String? = nil, created: Date = Date(), changed: Date? = nil,
                creator: String? = nil, origin: String? = nil, note: String? = nil,
                properties: [UnitProperty] = [], arabicContext: UnitContext = UnitContext(),
                englishContext: UnitContext = UnitContext(), usageCount: Int = 0) {
        self.id = id
        self.arabic = NFC.normalize(arabic)
        self.english = NFC.normalize(english)
        self.arabicMarkup = arabicMarkup
        self.englishMarkup = englishMarkup
        self.created = created
        self.changed = changed ?? created
        self.creator = creator
        self.origin = origin
        self.note = note
        self.properties = properties
        self.arabicContext = arabicContext
        self.englishContext = englishContext
        self.usageCount = usageCount
    }

    public func text(_ side: Language) -> String { side == .arabic ? arabic : english }
    public func context(_ side: Language) -> UnitContext { side == .arabic ? arabicContext : englishContext }
}

/// NFC, skipping the Foundation round trip for text that cannot change: ASCII and Arabic
/// letters, digits and punctuation without any combining mark.
public enum NFC {
    public static func normalize(_ text: String) -> String {
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x300 || (v >= 0x0600 && v <= 0x064A) || (v >= 0x0660 && v <= 0x066F) || (v >= 0x0671 && v <= 0x06D3) {
                continue
            }
            return text.precomposedStringWithCanonicalMapping
        }
        return text
    }
}
