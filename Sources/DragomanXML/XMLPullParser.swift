import Foundation

/// A strict, streaming XML 1.0 reader built for untrusted interchange files.
///
/// Why not Foundation's `XMLParser`: on Linux it is libxml2 with DTD and entity
/// processing, it gives poor positions, and it cannot bound memory on a hostile file.
/// This parser reads bytes in chunks, accepts only UTF-8, knows only the five predefined
/// entities and character references, refuses any DTD internal subset before reading
/// further, and reports every error with a line and column.
///
/// It is a value type for speed (no runtime exclusivity checks on its hot state); do not
/// copy a parser that is in use.
public struct XMLPullParser {
    enum Phase { case start, prolog, content, epilog, done }

    struct OpenElement {
        var name: String
        var line: Int
        var column: Int
    }

    public let limits: Limits
    public let reportsComments: Bool
    public let reportsProcessingInstructions: Bool

    /// Number of open elements after the last event: 1 right after the root's start, 0 after its end.
    public internal(set) var depth = 0
    /// Where the last reported event starts.
    public internal(set) var eventLine = 0
    public internal(set) var eventColumn = 0
    public internal(set) var declaration: XMLDeclaration?
    public internal(set) var doctype: XMLDoctype?

    // Input.
    var source: any XMLByteSource
    var buf: [UInt8] = []
    var pos = 0
    /// Absolute byte offset of `buf[0]` in the file.
    var bufBase = 0
    var exhausted = false

    // Position of the last consumed character.
    var line = 1
    var col = 0
    var lastWasCR = false
    var tokLine = 1
    var tokCol = 1

    // UTF-8 validation state, carried across chunk boundaries.
    var u8Need = 0
    var u8Lower: UInt8 = 0x80
    var u8Upper: UInt8 = 0xBF
    var u8Value: UInt32 = 0
    /// The first byte of the character being read (named when it is cut short).
    var u8Lead: UInt8 = 0
    var lastScalar: UInt32 = 0

    // Structure.
    var phase = Phase.start
    var stack: [OpenElement] = []
    var pendingEnd: XMLEndElement?
    var rootName: String?
    var failure: XMLError?

    // Reused buffers (moved out while in use, so they never alias `self`).
    var scratch: [UInt8] = []
    var nameBuffer: [UInt8] = []
    var valueBuffer: [UInt8] = []

    public init(source: some XMLByteSource,
                limits: Limits = .default,
                reportsComments: Bool = false,
                reportsProcessingInstructions: Bool = false) {
        self.source = source
        self.limits = limits
        self.reportsComments = reportsComments
        self.reportsProcessingInstructions = reportsProcessingInstructions
    }

    public init(bytes: [UInt8], limits: Limits = .default,
                reportsComments: Bool = false, reportsProcessingInstructions: Bool = false) {
        self.init(source: MemoryByteSource(bytes), limits: limits,
                  reportsComments: reportsComments, reportsProcessingInstructions: reportsProcessingInstructions)
    }

    public init(data: Data, limits: Limits = .default,
                reportsComments: Bool = false, reportsProcessingInstructions: Bool = false) {
        self.init(bytes: [UInt8](data), limits: limits,
                  reportsComments: reportsComments, reportsProcessingInstructions: reportsProcessingInstructions)
    }

    public init(string: String, limits: Limits = .default,
                reportsComments: Bool = false, reportsProcessingInstructions: Bool = false) {
        self.init(bytes: Array(string.utf8), limits: limits,
                  reportsComments: reportsComments, reportsProcessingInstructions: reportsProcessingInstructions)
    }

    /// Streams a file from disk in 64 KB chunks.
    public init(url: URL, limits: Limits = .default,
                reportsComments: Bool = false, reportsProcessingInstructions: Bool = false) throws {
        self.init(source: try FileByteSource(url: url), limits: limits,
                  reportsComments: reportsComments, reportsProcessingInstructions: reportsProcessingInstructions)
    }

    /// The next event, or `nil` after the root element has closed and the input ended.
    /// After an error every further call throws the same error.
    public mutating func next() throws -> XMLEvent? {
        if let failure { throw failure }
        do {
            let event = try nextEvent()
            depth = stack.count
            return event
        } catch let error as XMLError {
            failure = error
            phase = .done
            throw error
        }
    }

    mutating func nextEvent() throws -> XMLEvent? {
        if let end = pendingEnd {
            pendingEnd = nil
            stack.removeLast()
            if stack.isEmpty { phase = .epilog }
            eventLine = end.line
            eventColumn = end.column
            return .endElement(end)
        }
        while true {
            switch phase {
            case .start:
                try readDocumentStart()
                phase = .prolog
            case .prolog, .epilog:
                return try nextOutsideRoot()
            case .content:
                if let event = try nextInContent() { return event }
            case .done:
                return nil
            }
        }
    }

    /// Prolog and epilog: whitespace, comments, processing instructions, one DOCTYPE
    /// before the root, then the root's start tag.
    mutating func nextOutsideRoot() throws -> XMLEvent? {
        while true {
            _ = try skipSpace()
            guard let b = try peek() else {
                if phase == .prolog {
                    throw errorAtNext("no root element: the document has no elements")
                }
                phase = .done
                return nil
            }
            guard b == 0x3C /* < */ else {
                if phase == .prolog {
                    throw errorAtNext("text before the root element: a document must start with an element")
                }
                throw errorAtNext("text after the end of the root element </\(rootName ?? "")>")
            }
            markToken()
            try consume()
            guard let next = try peek() else { throw errorAtNext("unexpected end of file after '<'") }
            switch next {
            case 0x3F /* ? */:
                try consume()
                if let event = try scanProcessingInstruction(report: reportsProcessingInstructions) { return event }
            case 0x21 /* ! */:
                if try lookingAt("!--") {
                    try consumeASCII(3)
                    if let event = try scanComment(report: reportsComments) { return event }
                } else if try lookingAt("!DOCTYPE") {
                    try parseDoctype()
                } else {
                    try refuseDeclaration(inContent: false)
                }
            case 0x2F /* / */:
                throw errorAtToken(phase == .prolog
                    ? "end tag before any start tag"
                    : "end tag after the root element </\(rootName ?? "")> was closed")
            default:
                if phase == .epilog {
                    throw errorAtToken("a second root element after </\(rootName ?? "")>: a document has exactly one root element")
                }
                let start = try parseStartTag()
                rootName = start.name
                return .startElement(start)
            }
        }
    }

    /// Inside the root element. Returns `nil` when only skipped material (a comment) was read.
    mutating func nextInContent() throws -> XMLEvent? {
        guard let b = try peek() else {
            let open = stack.last!
            throw XMLError(line: open.line, column: open.column,
                           message: "element <\(open.name)> is never closed: the file ends (at line \(line)) before its end tag </\(open.name)>")
        }
        if b == 0x3C /* < */, try !markupContinuesText() {
            return try parseMarkupInContent()
        }
        return try scanTextNode()
    }

    /// At a `<` in content: whether what follows is merged into the current text
    /// (a CDATA section, or a comment or PI that is not reported).
    mutating func markupContinuesText() throws -> Bool {
        guard try fill(2) else { return false }
        switch buf[pos + 1] {
        case 0x21 /* ! */:
            if try lookingAt("<![CDATA[") { return true }
            return !reportsComments ? try lookingAt("<!--") : false
        case 0x3F /* ? */:
            return !reportsProcessingInstructions
        default:
            return false
        }
    }

    mutating func parseMarkupInContent() throws -> XMLEvent? {
        markToken()
        try consume() // '<'
        guard let b = try peek() else { throw errorAtNext("unexpected end of file after '<'") }
        switch b {
        case 0x2F /* / */:
            try consume()
            return .endElement(try parseEndTag())
        case 0x3F /* ? */:
            try consume()
            return try scanProcessingInstruction(report: true)
        case 0x21 /* ! */:
            if try lookingAt("!--") {
                try consumeASCII(3)
                return try scanComment(report: true)
            }
            try refuseDeclaration(inContent: true)
        default:
            return .startElement(try parseStartTag())
        }
    }

    // MARK: Errors

    /// At the last consumed character.
    func errorHere(_ message: String) -> XMLError {
        XMLError(line: line, column: max(col, 1), message: message)
    }

    /// At the next, not yet consumed, character.
    func errorAtNext(_ message: String) -> XMLError {
        XMLError(line: line, column: col + 1, message: message)
    }

    /// At the start of the current tag or construct.
    func errorAtToken(_ message: String) -> XMLError {
        XMLError(line: tokLine, column: tokCol, message: message)
    }

    mutating func markToken() {
        tokLine = line
        tokCol = col + 1
    }
}
