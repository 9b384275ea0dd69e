import Foundation
import DragomanXML

/// What a merge produced.
public struct XLIFFMergeResult: Sendable, Hashable {
    /// The root's `version` (`2.1`, `2.0`, `1.2`…).
    public var version: String
    /// `original` of each `<file>`, in order.
    public var originals: [String]
    public var sourceLanguage: String?
    public var targetLanguage: String?
    /// The rebuilt article: each segment's target where it has one, its source otherwise,
    /// with the text between segments as it was.
    public var text: String
    /// Translatable segments read.
    public var segmentCount: Int
    /// Of those, how many had a non-empty target.
    public var translatedCount: Int
    /// Ids of the segments (XLIFF 2: unit id, or unit/segment id; XLIFF 1.2: trans-unit id)
    /// that had no target, so that their source text went into `text`.
    public var untranslatedIDs: [String]

    public var isXLIFF2: Bool { version.hasPrefix("2") }
}

/// Rebuilds the translated article from an XLIFF file written by `XLIFF2Writer` or
/// `XLIFF12Writer`, also after a CAT tool edited it (targets added, changed or emptied,
/// segments split, namespace prefixes changed, inline markup added in targets).
///
/// XLIFF 2.x: every `<segment>` and `<ignorable>` of every `<unit>`, in document order;
/// a segment gives its `<target>` text when that is not empty and its `<source>` otherwise;
/// an ignorable always gives its source (so a tool that tidied whitespace in an
/// ignorable's target cannot change the layout). Inline markup is dropped and its text
/// kept; `<cp hex>` becomes its character. Matches, glossary and metadata are skipped.
///
/// XLIFF 1.2: every `<trans-unit>`, in order; `translate="no"` (on the unit or an
/// enclosing group) gives the source, any other the target when not empty, else the
/// source. The content of native-code elements (`bpt`, `ept`, `ph`, `it`) is dropped.
/// `<alt-trans>` is skipped.
///
/// Reads with `XMLPullParser` (streaming, no DTDs, no external entities).
public struct XLIFFMerger: Sendable {
    public init() {}

    public func merge(contentsOf url: URL) throws -> XLIFFMergeResult {
        var parser = try XMLPullParser(url: url)
        return try merge(&parser)
    }

    public func merge(xml: String) throws -> XLIFFMergeResult {
        var parser = XMLPullParser(string: xml)
        return try merge(&parser)
    }

    public func merge(bytes: [UInt8]) throws -> XLIFFMergeResult {
        var parser = XMLPullParser(bytes: bytes)
        return try merge(&parser)
    }

    // MARK: Reading

    private struct Element {
        var namespace: String?
        var local: String
        /// Effective `translate` (XLIFF 1.2: inherited from groups).
        var translate: Bool
    }

    func merge(_ parser: inout XMLPullParser) throws -> XLIFFMergeResult {
        var scope = NamespaceScope()
        // The root.
        var rootEvent: XMLStartElement?
        while rootEvent == nil, let event = try parser.next() {
            if case .startElement(let e) = event { rootEvent = e }
        }
        guard let root = rootEvent else { throw DocumentError.notXLIFF("the file has no root element") }
        scope.push(root)
        let rootNamespace = scope.namespace(of: root.name)
        guard root.localName == "xliff" else {
            throw DocumentError.notXLIFF("the root element is <\(root.name)>, not <xliff>")
        }
        let version = root[attribute: "version"] ?? ""
        let isV2: Bool
        if version.hasPrefix("2") || (rootNamespace ?? "").hasPrefix("urn:oasis:names:tc:xliff:document:2.") {
            isV2 = true
        } else if version.hasPrefix("1.") || rootNamespace == XLIFFNamespace.core12 {
            isV2 = false
        } else {
            throw DocumentError.notXLIFF("unknown XLIFF version \"\(version)\" (namespace \(rootNamespace ?? "none"))")
        }

        var result = XLIFFMergeResult(version: version, originals: [], sourceLanguage: nil, targetLanguage: nil,
                                      text: "", segmentCount: 0, translatedCount: 0, untranslatedIDs: [])
        if isV2 {
            result.sourceLanguage = root[attribute: "srcLang"]
            result.targetLanguage = root[attribute: "trgLang"]
        }

        var stack = [Element(namespace: rootNamespace, local: "xliff", translate: true)]
        // The element (segment, ignorable or trans-unit) being read, and what it held.
        var container: (kind: String, id: String, translate: Bool)?
        var source: String?
        var target: String?
        var unitID = ""
        var segmentCounter = 0

        func isCore(_ e: Element) -> Bool { e.namespace == rootNamespace }

        while let event = try parser.next() {
            switch event {
            case .startElement(let start):
                scope.push(start)
                let namespace = scope.namespace(of: start.name)
                let parent = stack.last!
                var translate = parent.translate
                if let t = start[attribute: "translate"] { translate = t != "no" }
                let element = Element(namespace: namespace, local: String(start.localName), translate: translate)
                guard isCore(element) else {
                    // Modules and extensions (matches, glossary, metadata…): not part of the text.
                    try skip(&parser, &scope)
                    continue
                }
                switch element.local {
                case "file":
                    if let original = start[attribute: "original"] { result.originals.append(original) }
                    if !isV2 {
                        result.sourceLanguage = result.sourceLanguage ?? start[attribute: "source-language"]
                        result.targetLanguage = result.targetLanguage ?? start[attribute: "target-language"]
                    }
                    stack.append(element)
                case "unit" where isV2:
                    unitID = start[attribute: "id"] ?? ""
                    segmentCounter = 0
                    stack.append(element)
                case "segment", "ignorable":
                    guard isV2, parent.local == "unit", isCore(parent) else {
                        try skip(&parser, &scope)
                        continue
                    }
                    segmentCounter += 1
                    let id = start[attribute: "id"].map { "\(unitID)/\($0)" } ?? (segmentCounter == 1 ? unitID : "\(unitID)#\(segmentCounter)")
                    container = (element.local, id, true)
                    source = nil
                    target = nil
                    stack.append(element)
                case "trans-unit" where !isV2:
                    container = ("trans-unit", start[attribute: "id"] ?? "", translate)
                    source = nil
                    target = nil
                    stack.append(element)
                case "source", "target":
                    let inContainer = container != nil && isCore(parent)
                        && (parent.local == "segment" || parent.local == "ignorable" || parent.local == "trans-unit")
                    guard inContainer else {
                        try skip(&parser, &scope)
                        continue
                    }
                    let text = try readInline(&parser, &scope, isV2: isV2)
                    if element.local == "source" { source = (source ?? "") + text } else { target = (target ?? "") + text }
                case "alt-trans", "notes", "note", "originalData", "skeleton", "header", "context-group", "count-group",
                     "prop-group", "seg-source", "bin-unit":
                    try skip(&parser, &scope)
                default:
                    stack.append(element)
                }

            case .endElement:
                scope.pop()
                guard let top = stack.popLast() else { break }
                let closesContainer: Bool
                switch top.local {
                case "segment", "ignorable": closesContainer = isV2 && isCore(top)
                case "trans-unit": closesContainer = !isV2 && isCore(top)
                default: closesContainer = false
                }
                if closesContainer, let c = container {
                    guard let sourceText = source else {
                        throw DocumentError.malformedXLIFF("<\(c.kind)> \(c.id) has no <source> (line \(parser.eventLine))")
                    }
                    if c.kind == "ignorable" || !c.translate {
                        result.text += sourceText
                    } else {
                        result.segmentCount += 1
                        if let t = target, !t.isEmpty || sourceText.isEmpty {
                            result.text += t
                            result.translatedCount += 1
                        } else {
                            result.text += sourceText
                            result.untranslatedIDs.append(c.id)
                        }
                    }
                    container = nil
                }
            default:
                break
            }
        }
        return result
    }

    /// Skips the element whose start was just read, keeping namespace scopes balanced.
    private func skip(_ parser: inout XMLPullParser, _ scope: inout NamespaceScope) throws {
        let target = parser.depth - 1
        while parser.depth > target, let event = try parser.next() {
            switch event {
            case .startElement(let e): scope.push(e)
            case .endElement: scope.pop()
            default: break
            }
        }
    }

    /// The text of the element whose start was just read: nested markup dropped, its text
    /// kept; `<cp hex>` (XLIFF 2) decoded; native code (XLIFF 1.2 `bpt`, `ept`, `ph`, `it`) dropped.
    private func readInline(_ parser: inout XMLPullParser, _ scope: inout NamespaceScope, isV2: Bool) throws -> String {
        let target = parser.depth - 1
        var out = ""
        var skipBelow: Int?
        while parser.depth > target, let event = try parser.next() {
            switch event {
            case .startElement(let e):
                scope.push(e)
                guard skipBelow == nil else { continue }
                let local = e.localName
                if isV2 && local == "cp" {
                    if let hex = e[attribute: "hex"], let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                        out.unicodeScalars.append(scalar)
                    }
                } else if !isV2 && (local == "bpt" || local == "ept" || local == "ph" || local == "it") {
                    skipBelow = parser.depth
                }
            case .endElement:
                scope.pop()
                if let d = skipBelow, parser.depth < d { skipBelow = nil }
            case .text(let text):
                if skipBelow == nil { out += text }
            default:
                break
            }
        }
        return out
    }
}

/// In-scope namespace declarations (the pull parser reports names as written).
struct NamespaceScope {
    private var frames: [[Substring: String]] = []

    mutating func push(_ element: XMLStartElement) {
        var frame: [Substring: String] = [:]
        for attribute in element.attributes {
            if attribute.name == "xmlns" {
                frame[""] = attribute.value
            } else if attribute.prefix == "xmlns" {
                frame[attribute.localName] = attribute.value
            }
        }
        frames.append(frame)
    }

    mutating func pop() {
        if !frames.isEmpty { frames.removeLast() }
    }

    /// The namespace of a qualified name (nil: no namespace).
    func namespace(of name: String) -> String? {
        let prefix = XMLName.prefix(name) ?? ""
        if prefix == "xml" { return "http://www.w3.org/XML/1998/namespace" }
        for frame in frames.reversed() {
            if let uri = frame[prefix] { return uri.isEmpty ? nil : uri }
        }
        return nil
    }
}
