import DragomanXML
import Foundation

/// Streams a TMX file one `<tu>` at a time, so a memory of any size is imported with
/// bounded memory. Reads TMX 1.4b (`xml:lang`) and 1.1 (`lang`).
///
/// ```swift
/// let reader = try TMXReader(url: url, errorPolicy: .collectAndContinue)
/// while let unit = try reader.next() { … }
/// for problem in reader.problems { print(problem) }
/// ```
public final class TMXReader {
    private enum State { case start, body, afterBody, finished }

    private var parser: XMLPullParser
    public let errorPolicy: ErrorPolicy
    /// Units set aside under `.collectAndContinue`, one entry per bad `<tu>`.
    public private(set) var problems: [FormatError] = []
    /// Units returned so far.
    public private(set) var unitCount = 0
    private var state = State.start
    private var storedHeader = TMXHeader()
    private var failure: (any Error)?

    public init(parser: XMLPullParser, errorPolicy: ErrorPolicy = .stopAtFirstError) {
        self.parser = parser
        self.errorPolicy = errorPolicy
    }

    public convenience init(url: URL, errorPolicy: ErrorPolicy = .stopAtFirstError,
                            limits: XMLPullParser.Limits = .default) throws {
        self.init(parser: try XMLPullParser(url: url, limits: limits), errorPolicy: errorPolicy)
    }

    public convenience init(bytes: [UInt8], errorPolicy: ErrorPolicy = .stopAtFirstError) {
        self.init(parser: XMLPullParser(bytes: bytes), errorPolicy: errorPolicy)
    }

    public convenience init(string: String, errorPolicy: ErrorPolicy = .stopAtFirstError) {
        self.init(parser: XMLPullParser(string: string), errorPolicy: errorPolicy)
    }

    /// The header (read from the start of the file on first use).
    public func header() throws -> TMXHeader {
        try guarded {
            if state == .start { try readStart() }
        }
        return storedHeader
    }

    /// The next usable unit, or `nil` at the end of the file.
    public func next() throws -> TMXUnit? {
        try guarded {
            if state == .start { try readStart() }
            while state == .body {
                guard let event = try parser.next() else {
                    state = .finished
                    return nil
                }
                switch event {
                case .startElement(let start) where start.name == "tu":
                    if let unit = try readUnit(start) {
                        unitCount += 1
                        return unit
                    }
                case .startElement:
                    try parser.skipElement()
                case .endElement:
                    state = .afterBody
                default:
                    break
                }
            }
            if state == .afterBody {
                // Read to the end so that anything malformed after </body> is still reported.
                while try parser.next() != nil {}
                state = .finished
            }
            return nil
        }
    }

    /// Calls `body` for every usable unit.
    public func forEach(_ body: (TMXUnit) throws -> Void) throws {
        while let unit = try next() { try body(unit) }
    }

    // MARK: Reading

    /// Turns XML errors into `FormatError`s and makes the reader stay failed after an error.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        if let failure { throw failure }
        do {
            return try body()
        } catch let error as XMLError {
            let wrapped = FormatError(error)
            failure = wrapped
            throw wrapped
        } catch {
            failure = error
            throw error
        }
    }

    /// The root, the header, up to the start of `<body>`.
    private func readStart() throws {
        state = .finished
        guard case .startElement(let root)? = try parser.next() else { return }
        guard root.name == "tmx" else {
            throw FormatError(kind: .unexpectedRoot, line: root.line, column: root.column,
                              message: "the root element is <\(root.name)>, not <tmx>: this is not a TMX file")
        }
        storedHeader.tmxVersion = root[attribute: "version"]
        while let event = try parser.next() {
            switch event {
            case .startElement(let start) where start.name == "header":
                try readHeader(start)
            case .startElement(let start) where start.name == "body":
                state = .body
                return
            case .startElement:
                try parser.skipElement()
            case .endElement:
                // </tmx> without a body: an empty memory.
                while try parser.next() != nil {}
                return
            default:
                break
            }
        }
    }

    private func readHeader(_ start: XMLStartElement) throws {
        storedHeader.attributes = start.attributes
        while let event = try parser.next() {
            switch event {
            case .startElement(let child) where child.name == "note":
                storedHeader.notes.append(try readNote(child))
            case .startElement(let child) where child.name == "prop":
                storedHeader.properties.append(try readProperty(child))
            case .startElement:
                try parser.skipElement()
            case .endElement:
                return
            default:
                break
            }
        }
    }

    /// A `<tu>`; `nil` if it was set aside under `.collectAndContinue`.
    private func readUnit(_ start: XMLStartElement) throws -> TMXUnit? {
        var unit = TMXUnit(attributes: start.attributes, line: start.line)
        var problem: FormatError?
        var variantCount = 0
        let tuid = start[attribute: "tuid"]
        func report(_ kind: FormatError.Kind, _ line: Int, _ message: String) throws {
            let error = FormatError(kind: kind, line: line, message: message, unitID: tuid)
            if errorPolicy == .stopAtFirstError { throw error }
            if problem == nil { problem = error }
        }
        while let event = try parser.next() {
            switch event {
            case .startElement(let child) where child.name == "note":
                unit.notes.append(try readNote(child))
            case .startElement(let child) where child.name == "prop":
                unit.properties.append(try readProperty(child))
            case .startElement(let child) where child.name == "tuv":
                variantCount += 1
                if let variant = try readVariant(child, report: report) { unit.variants.append(variant) }
            case .startElement:
                try parser.skipElement()
            case .endElement:
                if variantCount < 2 {
                    try report(.tooFewVariants, start.line,
                               "a <tu>\(tuid.map { " (tuid \($0))" } ?? "") needs at least two <tuv> (one per language); it has \(variantCount)")
                }
                if let problem {
                    problems.append(problem)
                    return nil
                }
                return unit
            default:
                break
            }
        }
        return nil
    }

    private func readVariant(_ start: XMLStartElement,
                             report: (FormatError.Kind, Int, String) throws -> Void) throws -> TMXVariant? {
        let lang = start[attribute: "xml:lang"] ?? start[attribute: "lang"]
        var variant = TMXVariant(lang: lang ?? "", segment: TMXSegment(plainText: ""),
                                 attributes: start.attributes.filter { $0.name != "xml:lang" && $0.name != "lang" },
                                 line: start.line)
        var segmentCount = 0
        while let event = try parser.next() {
            switch event {
            case .startElement(let child) where child.name == "note":
                variant.notes.append(try readNote(child))
            case .startElement(let child) where child.name == "prop":
                variant.properties.append(try readProperty(child))
            case .startElement(let child) where child.name == "seg":
                segmentCount += 1
                if segmentCount == 1 {
                    variant.segment = try TMXSegmentReader.read(from: &parser)
                } else {
                    try parser.skipElement()
                }
            case .startElement:
                try parser.skipElement()
            case .endElement:
                var ok = true
                if (lang ?? "").trimmed.isEmpty {
                    try report(.missingLanguage, start.line, "a <tuv> has no language: add xml:lang=\"…\" (for example xml:lang=\"ar\")")
                    ok = false
                }
                if segmentCount != 1 {
                    try report(.segmentCount, start.line, segmentCount == 0
                        ? "a <tuv> has no <seg>: each <tuv> needs exactly one <seg>"
                        : "a <tuv> has \(segmentCount) <seg> elements: each <tuv> needs exactly one")
                    ok = false
                }
                return ok ? variant : nil
            default:
                break
            }
        }
        return nil
    }

    private func readNote(_ start: XMLStartElement) throws -> TMXNote {
        TMXNote(try parser.readText(), lang: start[attribute: "xml:lang"] ?? start[attribute: "lang"])
    }

    private func readProperty(_ start: XMLStartElement) throws -> TMXProperty {
        TMXProperty(type: start[attribute: "type"] ?? "", value: try parser.readText(),
                    lang: start[attribute: "xml:lang"] ?? start[attribute: "lang"])
    }
}
