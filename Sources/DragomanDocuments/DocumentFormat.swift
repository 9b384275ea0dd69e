import DragomanText
import Foundation
import DragomanPretranslate

/// What every writer of a pre-translated document shares.
public protocol DocumentWriter: Sendable {
    /// The whole output file.
    func write(_ document: PretranslatedDocument) throws -> String
}

/// Settings common to all output formats.
public struct DocumentWriterOptions: Sendable, Hashable {
    /// When the file was made: written into the TMX header (`creationdate`), the XLIFF 1.2
    /// `<file date>`, the XLIFF 2.1 file metadata and the review documents' header. `nil`
    /// leaves it out, so the same input always gives the same bytes.
    public var date: Date?
    public var toolName: String
    public var toolVersion: String

    public init(date: Date? = nil, toolName: String = "Dragoman", toolVersion: String = "0.1.0") {
        self.date = date
        self.toolName = toolName
        self.toolVersion = toolVersion
    }
}

/// The output formats of a pre-translation (`--format`, `-o FILE`).
///
/// | format | writer | what it is for |
/// |---|---|---|
/// | `xliff` (default) | `XLIFF2Writer` | XLIFF 2.1 for CAT tools: matches (`mtc:`), glossary hits (`gls:`), Dragoman's data (`mda:`) |
/// | `xliff12` | `XLIFF12Writer` | XLIFF 1.2 for OmegaT, Okapi and older tools: `state`, `state-qualifier`, `alt-trans` |
/// | `tmx` | `LeveragedTMXWriter` | TMX 1.4b with the leveraged pairs, for another tool's memory |
/// | `md` | `ReviewMarkdownWriter` | a review document in GitHub-flavoured Markdown |
/// | `html` | `ReviewHTMLWriter` | the same review as one self-contained HTML page |
/// | `json` | `SegmentJSONWriter` | JSON Lines, one stable object per segment, for scripts |
///
/// Both XLIFF files keep the article's structure: every piece of text between segments
/// (line breaks, blank lines, Markdown markers, spaces between sentences) is in the file,
/// in order, as an XLIFF 2 `<ignorable>` or an XLIFF 1.2 `translate="no"` trans-unit, so
/// `XLIFFMerger` rebuilds the translated article byte for byte in the source's layout.
/// Segments are numbered alike in every format: `u1`, `u2`… (segment index + 1).
public enum DocumentFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// XLIFF 2.1 with the Translation Candidates, Glossary and Metadata modules (the default).
    case xliff
    /// XLIFF 1.2 with `alt-trans`, for OmegaT, Okapi and older tools.
    case xliff12
    /// TMX 1.4b holding the leveraged pairs.
    case tmx
    /// A review document in GitHub-flavoured Markdown.
    case md
    /// A review document as one self-contained HTML file.
    case html
    /// JSON Lines: one object per segment.
    case json

    public static let `default` = DocumentFormat.xliff

    /// The file name extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .xliff, .xliff12: return "xlf"
        case .tmx: return "tmx"
        case .md: return "md"
        case .html: return "html"
        case .json: return "jsonl"
        }
    }

    public var mediaType: String {
        switch self {
        case .xliff, .xliff12: return "application/xliff+xml"
        case .tmx: return "application/x-tmx+xml"
        case .md: return "text/markdown; charset=utf-8"
        case .html: return "text/html; charset=utf-8"
        case .json: return "application/jsonl"
        }
    }

    /// The writer for this format.
    public func writer(options: DocumentWriterOptions = .init()) -> any DocumentWriter {
        switch self {
        case .xliff: return XLIFF2Writer(options: options)
        case .xliff12: return XLIFF12Writer(options: options)
        case .tmx: return LeveragedTMXWriter(options: options)
        case .md: return ReviewMarkdownWriter(options: options)
        case .html: return ReviewHTMLWriter(options: options)
        case .json: return SegmentJSONWriter()
        }
    }

    /// Writes `document` in this format.
    public func write(_ document: PretranslatedDocument, options: DocumentWriterOptions = .init()) throws -> String {
        try writer(options: options).write(document)
    }

    /// Writes `document` to a file, replacing it atomically (a failed write leaves no half file).
    public func write(_ document: PretranslatedDocument, to url: URL, options: DocumentWriterOptions = .init()) throws {
        let text = try write(document, options: options)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    /// The format a file name's extension asks for (`.xlf`/`.xliff` → XLIFF 2.1), or nil.
    public static func inferred(fromPath path: String) -> DocumentFormat? {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "xlf", "xliff": return .xliff
        case "tmx": return .tmx
        case "md", "markdown": return .md
        case "html", "htm": return .html
        case "json", "jsonl": return .json
        default: return nil
        }
    }

    /// The default output name for an input file: `article.ar.txt` → `article.ar.xlf`.
    public func outputFileName(forInput input: String) -> String {
        let name = (input as NSString).lastPathComponent
        let stem = (name as NSString).pathExtension.isEmpty ? name : (name as NSString).deletingPathExtension
        return (stem.isEmpty ? "document" : stem) + "." + fileExtension
    }
}

/// Why a document could not be written or merged.
public enum DocumentError: DragomanFailure, Sendable, Hashable {
    public var failureKind: FailureKind { .badInput }

    /// The article's parts name a segment that does not exist, or one twice.
    case invalidArticle(String)
    /// A character XML 1.0 cannot carry (a control character) in a format that has no
    /// escape for it (XLIFF 1.2).
    case characterNotAllowed(segment: String, scalar: UInt32)
    /// The merge input is not XLIFF (or not one of the versions we read).
    case notXLIFF(String)
    /// The merge input is XLIFF but lacks what a merge needs.
    case malformedXLIFF(String)

    public var description: String {
        switch self {
        case .invalidArticle(let message): return "invalid article: \(message)"
        case .characterNotAllowed(let segment, let scalar):
            return "\(segment) contains U+\(String(scalar, radix: 16, uppercase: true).leftPadded(to: 4)), which XML 1.0 "
                + "cannot carry; XLIFF 2.1 (--format xliff) writes it as <cp>"
        case .notXLIFF(let message): return "not an XLIFF file: \(message)"
        case .malformedXLIFF(let message): return "malformed XLIFF: \(message)"
        }
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
