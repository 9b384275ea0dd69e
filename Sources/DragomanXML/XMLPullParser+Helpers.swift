/// Conveniences for readers that walk a document element by element.
extension XMLPullParser {
    /// Skips the rest of the element whose start event was just returned.
    public mutating func skipElement() throws {
        let target = depth - 1
        while depth > target {
            guard try next() != nil else { return }
        }
    }

    /// The text inside the element whose start event was just returned, with any
    /// nested markup (such as `<hi>`) dropped and its text kept.
    public mutating func readText() throws -> String {
        let target = depth - 1
        var result = ""
        while depth > target {
            guard let event = try next() else { break }
            if case .text(let text) = event { result += text }
        }
        return result
    }
}
