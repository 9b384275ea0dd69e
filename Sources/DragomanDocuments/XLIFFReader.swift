import Foundation
import DragomanXML

/// The text of an XLIFF `<source>` or `<target>`.
public struct XLIFFText: Sendable, Hashable {
    /// What a translator reads: native code dropped, the text of formatting kept, `<cp>` decoded.
    public var plain: String
    /// The content as TMX `<seg>` markup (`bpt`/`ept`/`ph`/`it` for the inline codes), or nil
    /// when the text has no inline code (or one TMX cannot carry).
    public var markup: String?

    public init(plain: String, markup: String? = nil) {
        self.plain = plain
        self.markup = markup
    }
}

/// One `<segment>` or `<ignorable>` (XLIFF 2.x) or `<trans-unit>` (XLIFF 1.2), in document order.
public struct XLIFFItem: Sendable, Hashable {
    public enum Kind: String, Sendable { case segment, ignorable }
    public var kind: Kind
    /// XLIFF 2: the unit id, `unit/segment` id when the segment has one, `unit#N` for the
    /// Nth segment without one; XLIFF 1.2: the trans-unit id.
    public var id: String
    /// Effective `translate` (inherited from the file, groups and unit); `false` for the
    /// text between segments that `pretranslate` writes as `translate="no"` trans-units.
    public var translate: Bool
    public var source: XLIFFText
    public var target: XLIFFText?
    /// XLIFF 2: the segment's `state` (nil when absent: the standard's default is `initial`);
    /// XLIFF 1.2: the target's `state`.
    public var state: String?
    /// XLIFF 1.2: the trans-unit says `approved="yes"`.
    public var approved: Bool
    /// `original` of the enclosing `<file>`.
    public var original: String?
    /// The `xml:lang` of the `<source>`/`<target>`, else the enclosing file's languages
    /// (XLIFF 1.2) or the root's (XLIFF 2).
    public var sourceLanguage: String?
    public var targetLanguage: String?
    /// Line of the start tag.
    public var line: Int
    /// Which `<file>` of the document it is in (1 for the first).
    public var fileNumber = 0

    /// A non-empty target (or an empty one for an empty source).
    public var hasTarget: Bool {
        guard let target else { return false }
        return !target.plain.isEmpty || source.plain.isEmpty
    }
}

/// Reads XLIFF 2.x and 1.2 as a stream of items: the one XLIFF reader, shared by `merge`
/// (`XLIFFMerger`) and `tm import` (`XLIFFUnits`).
///
/// XLIFF 2.x: every `<segment>` and `<ignorable>` of every `<unit>`; XLIFF 1.2: every
/// `<trans-unit>`. Modules and extensions (matches, glossary, metadata), `<alt-trans>`,
/// notes and headers are skipped. Inline markup: the text of formatting (`g`, `pc`, `mrk`)
/// is kept and native code (1.2 `bpt`, `ept`, `ph`, `it`) dropped from the plain text;
/// the markup is kept as TMX markup. Reads with `XMLPullParser` (streaming, no DTDs, no
/// external entities, limits on everything).
public struct XLIFFReader {
    public let version: String
    public let isXLIFF2: Bool
    /// XLIFF 2: `srcLang`/`trgLang` of the root; XLIFF 1.2: of the first `<file>` (once read).
    public private(set) var sourceLanguage: String?
    public private(set) var targetLanguage: String?
    /// `original` of each `<file>` read so far.
    public private(set) var originals: [String] = []

    private var parser: XMLPullParser
    private var scope = NamespaceScope()
    private let rootNamespace: String?
    private var stack: [Element]
    private var unitID = ""
    private var segmentCounter = 0
    private var original: String?
    private var fileSource: String?
    private var fileTarget: String?
    private var fileNumber = 0

    private struct Element {
        var namespace: String?
        var local: String
        var translate: Bool
    }

    public init(contentsOf url: URL) throws {
        try self.init(parser: XMLPullParser(url: url))
    }

    public init(xml: String) throws {
        try self.init(parser: XMLPullParser(string: xml))
    }

    public init(bytes: [UInt8]) throws {
        try self.init(parser: XMLPullParser(bytes: bytes))
    }

    /// Reads up to the root element and checks it is `<xliff>` of a known version.
    public init(parser: XMLPullParser) throws {
        self.parser = parser
        var rootEvent: XMLStartElement?
        while rootEvent == nil, let event = try self.parser.next() {
            if case .startElement(let e) = event { rootEvent = e }
        }
        guard let root = rootEvent else { throw DocumentError.notXLIFF("the file has no root element") }
        scope.push(root)
        let rootNamespace = scope.namespace(of: root.name)
        guard root.localName == "xliff" else {
            throw DocumentError.notXLIFF("the root element is <\(root.name)>, not <xliff>")
        }
        version = root[attribute: "version"] ?? ""
        if version.hasPrefix("2") || (rootNamespace ?? "").hasPrefix("urn:oasis:names:tc:xliff:document:2.") {
            isXLIFF2 = true
        } else if version.hasPrefix("1.") || rootNamespace == XLIFFNamespace.core12 {
            isXLIFF2 = false
        } else {
            throw DocumentError.notXLIFF("unknown XLIFF version \"\(version)\" (namespace \(rootNamespace ?? "none"))")
        }
        if isXLIFF2 {
            sourceLanguage = root[attribute: "srcLang"]
            targetLanguage = root[attribute: "trgLang"]
        }
        self.rootNamespace = rootNamespace
        let translate = root[attribute: "translate"].map { $0 != "no" } ?? true
        stack = [Element(namespace: rootNamespace, local: "xliff", translate: translate)]
    }

    private func isCore(_ e: Element) -> Bool { e.namespace == rootNamespace }

    /// The next segment, ignorable or trans-unit; nil at the end.
    public mutating func next() throws -> XLIFFItem? {
        var item: XLIFFItem?
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
                    try skip()
                    continue
                }
                switch element.local {
                case "file":
                    fileNumber += 1
                    original = start[attribute: "original"]
                    if let original { originals.append(original) }
                    if !isXLIFF2 {
                        fileSource = start[attribute: "source-language"]
                        fileTarget = start[attribute: "target-language"]
                        sourceLanguage = sourceLanguage ?? fileSource
                        targetLanguage = targetLanguage ?? fileTarget
                    }
                    stack.append(element)
                case "unit" where isXLIFF2:
                    unitID = start[attribute: "id"] ?? ""
                    segmentCounter = 0
                    stack.append(element)
                case "segment", "ignorable":
                    guard isXLIFF2, parent.local == "unit", isCore(parent) else {
                        try skip()
                        continue
                    }
                    segmentCounter += 1
                    let id = start[attribute: "id"].map { "\(unitID)/\($0)" }
                        ?? (segmentCounter == 1 ? unitID : "\(unitID)#\(segmentCounter)")
                    item = XLIFFItem(kind: element.local == "segment" ? .segment : .ignorable, id: id,
                                     translate: translate, source: XLIFFText(plain: ""), target: nil,
                                     state: start[attribute: "state"], approved: false, original: original,
                                     sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, line: start.line,
                                     fileNumber: fileNumber)
                    sourceSeen = false
                    stack.append(element)
                case "trans-unit" where !isXLIFF2:
                    item = XLIFFItem(kind: .segment, id: start[attribute: "id"] ?? "", translate: translate,
                                     source: XLIFFText(plain: ""), target: nil, state: nil,
                                     approved: start[attribute: "approved"] == "yes", original: original,
                                     sourceLanguage: fileSource, targetLanguage: fileTarget, line: start.line,
                                     fileNumber: fileNumber)
                    sourceSeen = false
                    stack.append(element)
                case "source", "target":
                    let inContainer = item != nil && isCore(parent)
                        && (parent.local == "segment" || parent.local == "ignorable" || parent.local == "trans-unit")
                    guard inContainer else {
                        try skip()
                        continue
                    }
                    // A language on the element itself (`xml:lang`) says more than the file's.
                    if let lang = start[attribute: "xml:lang"], !lang.isEmpty {
                        if element.local == "source" { item!.sourceLanguage = lang } else { item!.targetLanguage = lang }
                    }
                    let text = try readInline()
                    if element.local == "source" {
                        sourceSeen = true
                        item!.source = Self.joined(item!.source, text)
                    } else {
                        if !isXLIFF2, let state = start[attribute: "state"] { item!.state = state }
                        item!.target = item!.target.map { Self.joined($0, text) } ?? text
                    }
                case "alt-trans", "notes", "note", "originalData", "skeleton", "header", "context-group", "count-group",
                     "prop-group", "seg-source", "bin-unit":
                    try skip()
                default:
                    stack.append(element)
                }

            case .endElement:
                scope.pop()
                guard let top = stack.popLast() else { break }
                let closesContainer: Bool
                switch top.local {
                case "segment", "ignorable": closesContainer = isXLIFF2 && isCore(top)
                case "trans-unit": closesContainer = !isXLIFF2 && isCore(top)
                default: closesContainer = false
                }
                if closesContainer, let done = item {
                    guard sourceSeen else {
                        throw DocumentError.malformedXLIFF("<\(top.local)> \(done.id) has no <source> (line \(parser.eventLine))")
                    }
                    return done
                }
            default:
                break
            }
        }
        return nil
    }

    private var sourceSeen = false

    private static func joined(_ a: XLIFFText, _ b: XLIFFText) -> XLIFFText {
        let markup: String? = a.markup == nil && b.markup == nil ? nil
            : (a.markup ?? XMLEscaping.escapeText(a.plain)) + (b.markup ?? XMLEscaping.escapeText(b.plain))
        return XLIFFText(plain: a.plain + b.plain, markup: markup)
    }

    /// Skips the element whose start was just read, keeping namespace scopes balanced.
    private mutating func skip() throws {
        let target = parser.depth - 1
        while parser.depth > target, let event = try parser.next() {
            switch event {
            case .startElement(let e): scope.push(e)
            case .endElement: scope.pop()
            default: break
            }
        }
    }

    /// The content of the `<source>` or `<target>` whose start was just read.
    ///
    /// Plain text: nested markup dropped and its text kept; `<cp hex>` (XLIFF 2) decoded;
    /// native code (XLIFF 1.2 `bpt`, `ept`, `ph`, `it`) dropped. Markup (TMX): XLIFF 1.2
    /// `bpt`/`ept`/`ph`/`it` keep their code, `g` becomes a `bpt`/`ept` pair, `x` a `ph`,
    /// `bx`/`ex` an `it`; XLIFF 2 `pc` a `bpt`/`ept` pair, `sc`/`ec` a `bpt`/`ept` (an
    /// `it` when isolated), `ph` a `ph`; annotations (`mrk`, `sm`, `em`) keep their text only.
    private mutating func readInline() throws -> XLIFFText {
        let target = parser.depth - 1
        var plain = ""
        var markup = ""
        var hasCode = false
        var markupValid = true
        var skipBelow: Int?
        var code = ""
        var codeClose = ""
        var pairs: [String: Int] = [:]
        var nextPair = 1
        // For each open element: the markup its end tag writes.
        var closers: [String] = []
        func pairNumber(_ key: String) -> Int {
            if let n = pairs[key] { return n }
            defer { nextPair += 1 }
            pairs[key] = nextPair
            return nextPair
        }
        while parser.depth > target, let event = try parser.next() {
            switch event {
            case .startElement(let e):
                scope.push(e)
                guard skipBelow == nil else { continue }
                let local = e.localName
                let id = e[attribute: "id"] ?? ""
                var closer = ""
                if isXLIFF2 {
                    switch local {
                    case "cp":
                        if let hex = e[attribute: "hex"], let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                            plain.unicodeScalars.append(scalar)
                            if XMLChars.isAllowed(value) {
                                markup += XMLEscaping.escapeText(String(scalar))
                            } else {
                                markupValid = false
                            }
                        }
                    case "ph":
                        hasCode = true
                        markup += "<ph x=\"\(pairNumber("ph:" + id))\"/>"
                    case "pc":
                        hasCode = true
                        let n = pairNumber("pc:" + id)
                        markup += "<bpt i=\"\(n)\"/>"
                        closer = "<ept i=\"\(n)\"/>"
                    case "sc":
                        hasCode = true
                        if e[attribute: "isolated"] == "yes" {
                            markup += "<it pos=\"begin\"/>"
                        } else {
                            markup += "<bpt i=\"\(pairNumber("sc:" + id))\"/>"
                        }
                    case "ec":
                        hasCode = true
                        if let start = e[attribute: "startRef"], let n = pairs["sc:" + start] {
                            markup += "<ept i=\"\(n)\"/>"
                        } else {
                            markup += "<it pos=\"end\"/>"
                        }
                    default:
                        break  // mrk, sm, em: annotations; their text is kept
                    }
                } else {
                    switch local {
                    case "bpt", "ept", "ph", "it":
                        hasCode = true
                        skipBelow = parser.depth
                        code = ""
                        switch local {
                        case "bpt":
                            markup += "<bpt i=\"\(pairNumber(e[attribute: "rid"] ?? id))\">"
                        case "ept":
                            let key = e[attribute: "rid"] ?? id
                            if let n = pairs[key] {
                                markup += "<ept i=\"\(n)\">"
                            } else {
                                markup += "<it pos=\"end\">"
                            }
                        case "it":
                            markup += "<it pos=\"\(e[attribute: "pos"] == "close" ? "end" : "begin")\">"
                        default:
                            markup += "<ph>"
                        }
                        codeClose = markup.hasSuffix("<it pos=\"end\">") && local == "ept" ? "</it>" : local == "it" ? "</it>" : "</\(local)>"
                    case "g":
                        hasCode = true
                        let n = pairNumber("g:" + id)
                        markup += "<bpt i=\"\(n)\"/>"
                        closer = "<ept i=\"\(n)\"/>"
                    case "x":
                        hasCode = true
                        markup += "<ph x=\"\(pairNumber("x:" + id))\"/>"
                    case "bx":
                        hasCode = true
                        markup += "<it pos=\"begin\"/>"
                    case "ex":
                        hasCode = true
                        markup += "<it pos=\"end\"/>"
                    default:
                        break  // mrk: its text is kept
                    }
                }
                closers.append(closer)  // the parser reports an end for a self-closing tag too
            case .endElement:
                scope.pop()
                if let d = skipBelow {
                    if parser.depth < d {
                        skipBelow = nil
                        markup += XMLEscaping.escapeText(code) + codeClose
                        closers.removeLast()
                    }
                } else if !closers.isEmpty {
                    markup += closers.removeLast()
                }
            case .text(let text):
                if skipBelow == nil {
                    plain += text
                    markup += XMLEscaping.escapeText(text)
                } else {
                    code += text
                }
            default:
                break
            }
        }
        return XLIFFText(plain: plain, markup: hasCode && markupValid ? markup : nil)
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
