extension XMLPullParser {
    /// Caps that keep a hostile or broken file from exhausting memory: every one of them
    /// ends parsing with an `XMLError` that names the limit.
    public struct Limits: Sendable, Hashable {
        /// Deepest element nesting accepted.
        public var maxDepth: Int
        /// Longest element, attribute, entity or processing-instruction name, in UTF-8 bytes.
        public var maxNameLength: Int
        /// Most attributes on one element.
        public var maxAttributesPerElement: Int
        /// Largest single text node, attribute value, comment or processing instruction, in UTF-8 bytes.
        public var maxTextLength: Int

        public init(maxDepth: Int = 512,
                    maxNameLength: Int = 1_024,
                    maxAttributesPerElement: Int = 256,
                    maxTextLength: Int = 16 * 1_024 * 1_024) {
            self.maxDepth = maxDepth
            self.maxNameLength = maxNameLength
            self.maxAttributesPerElement = maxAttributesPerElement
            self.maxTextLength = maxTextLength
        }

        public static let `default` = Limits()
    }
}
