import DragomanXML

/// Reads a `<seg>` into its plain text and its re-serialized inner markup.
enum TMXSegmentReader {
    /// Inline elements whose content is native code (e.g. `&lt;b&gt;`), not text.
    static let codeElements: Set<String> = ["bpt", "ept", "it", "ph", "ut"]
    /// Inline elements whose content is text a translator reads.
    static let textElements: Set<String> = ["hi", "sub"]

    /// Call right after the `<seg>` start event; consumes through `</seg>`.
    static func read(from parser: inout XMLPullParser) throws -> TMXSegment {
        var markup = ""
        var plain = ""
        // Whether text at each open level is translatable; the seg itself is.
        var keepsText: [Bool] = [true]
        var justOpenedSelfClosing = false
        while let event = try parser.next() {
            switch event {
            case .startElement(let element):
                markup += serialize(element)
                let keeps: Bool
                if codeElements.contains(element.name) {
                    keeps = false
                } else if textElements.contains(element.name) {
                    keeps = true
                } else {
                    keeps = keepsText[keepsText.count - 1]
                }
                keepsText.append(keeps)
                justOpenedSelfClosing = element.isSelfClosing
            case .endElement(let end):
                if keepsText.count == 1 {
                    return TMXSegment(plainText: plain, markup: markup)
                }
                keepsText.removeLast()
                if justOpenedSelfClosing {
                    justOpenedSelfClosing = false
                } else {
                    markup += "</\(end.name)>"
                }
            case .text(let text):
                markup += XMLEscaping.escapeText(text)
                if keepsText[keepsText.count - 1] { plain += text }
            case .comment, .processingInstruction:
                break
            }
        }
        return TMXSegment(plainText: plain, markup: markup)
    }

    static func serialize(_ element: XMLStartElement) -> String {
        var s = "<" + element.name
        for attribute in element.attributes {
            s += " \(attribute.name)=\"\(XMLEscaping.escapeAttribute(attribute.value))\""
        }
        s += element.isSelfClosing ? "/>" : ">"
        return s
    }
}
