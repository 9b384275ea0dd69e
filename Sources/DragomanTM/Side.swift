/// The two languages a translation unit pairs. Arabic→English is the default direction;
/// every search can run from either side.
public enum Side: String, Sendable, Codable, CaseIterable, Hashable {
    case arabic = "ar"
    case english = "en"

    public var other: Side { self == .arabic ? .english : .arabic }
}
