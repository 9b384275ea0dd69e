import DragomanXML
import Foundation

/// Streams a TBX file one concept entry at a time into the neutral `TBXConceptEntry`
/// model, whatever the flavour: TBX 2008 (`martif`, `termEntry`/`langSet`/`tig`|`ntig`)
/// or TBX v3 (`tbx`, `conceptEntry`/`langSec`/`termSec`) in DCA style
/// (`<termNote type="partOfSpeech">`) or DCT style (`<min:partOfSpeech>`).
/// Transaction records (`transacGrp`) are skipped.
public final class TBXReader {
    private enum State { case start, body, afterBody, finished }

    var parser: XMLPullParser
    public let errorPolicy: ErrorPolicy
    /// Entries set aside under `.collectAndContinue`, one per bad entry.
    public internal(set) var problems: [FormatError] = []
    public private(set) var entryCount = 0
    private var state = State.start
    private var storedInfo = TBXDocumentInfo(version: .tbx2019)
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

    /// Version, dialect and header (read from the start of the file on first use).
    public func info() throws -> TBXDocumentInfo {
        try guarded {
            if state == .start { try readStart() }
        }
        return storedInfo
    }

    /// The next usable concept entry, or `nil` at the end of the file.
    public func next() throws -> TBXConceptEntry? {
        try guarded {
            if state == .start { try readStart() }
            while state == .body {
                guard let event = try parser.next() else {
                    state = .finished
                    return nil
                }
                switch event {
                case .startElement(let start) where start.name == "conceptEntry" || start.name == "termEntry":
                    if let entry = try readEntry(start) {
                        entryCount += 1
                        return entry
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
                while try parser.next() != nil {}
                state = .finished
            }
            return nil
        }
    }

    public func forEach(_ body: (TBXConceptEntry) throws -> Void) throws {
        while let entry = try next() { try body(entry) }
    }

    // MARK: Document

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

    private func readStart() throws {
        state = .finished
        guard case .startElement(let root)? = try parser.next() else { return }
        switch root.name {
        case "martif": storedInfo.version = .tbx2008
        case "tbx": storedInfo.version = .tbx2019
        default:
            throw FormatError(kind: .unexpectedRoot, line: root.line, column: root.column,
                              message: "the root element is <\(root.name)>, not <martif> (TBX 2008) or <tbx> (TBX v3): this is not a TBX file")
        }
        storedInfo.dialect = root[attribute: "type"]
        storedInfo.style = root[attribute: "style"]
        storedInfo.lang = root[attribute: "xml:lang"] ?? root[attribute: "lang"]
        while let event = try parser.next() {
            switch event {
            case .startElement(let start) where start.name == "martifHeader" || start.name == "tbxHeader":
                try readHeader()
            case .startElement(let start) where start.name == "text":
                continue // body is inside
            case .startElement(let start) where start.name == "body":
                state = .body
                return
            case .startElement:
                try parser.skipElement()
            case .endElement where parser.depth == 0:
                while try parser.next() != nil {}
                return
            default:
                break
            }
        }
    }

    private func readHeader() throws {
        let target = parser.depth - 1
        var inSourceDesc = false
        while parser.depth > target, let event = try parser.next() {
            switch event {
            case .startElement(let start) where start.name == "title":
                storedInfo.title = try parser.readText().trimmed
            case .startElement(let start) where start.name == "sourceDesc":
                inSourceDesc = true
            case .startElement(let start) where start.name == "p" && inSourceDesc:
                storedInfo.sourceDescription.append(try parser.readText().trimmed)
            case .endElement(let end) where end.name == "sourceDesc":
                inSourceDesc = false
            default:
                break
            }
        }
    }
}
