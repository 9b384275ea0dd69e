import Foundation
import DragomanXML

/// A small element tree with resolved namespaces, for the structural checks.
final class XMLNode {
    let name: String
    let namespace: String?
    let attributes: [XMLAttribute]
    var children: [XMLNode] = []
    /// Character data directly inside this element.
    var text = ""
    /// Whether non-whitespace text stands directly in this element.
    var hasText: Bool { text.contains { !$0.isWhitespace } }
    let line: Int
    weak var parent: XMLNode?

    init(name: String, namespace: String?, attributes: [XMLAttribute], line: Int) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.line = line
    }

    var local: String { String(XMLName.localName(name)) }

    subscript(_ attribute: String) -> String? { attributes.first { $0.name == attribute }?.value }

    func children(_ local: String, in namespace: String? = nil) -> [XMLNode] {
        children.filter { $0.local == local && (namespace == nil || $0.namespace == namespace) }
    }

    /// Every descendant, depth first.
    var descendants: [XMLNode] { children.flatMap { [$0] + $0.descendants } }

    /// All text inside, markup dropped.
    var allText: String {
        var out = ""
        func walk(_ n: XMLNode) { out += n.text; n.children.forEach(walk) }
        walk(self)
        return out
    }

    var path: String {
        var names: [String] = []
        var node: XMLNode? = self
        while let n = node {
            names.append(n.name + (n["id"].map { "[\($0)]" } ?? ""))
            node = n.parent
        }
        return names.reversed().joined(separator: "/") + " (line \(line))"
    }

    static func parse(_ xml: String) throws -> XMLNode {
        var parser = XMLPullParser(string: xml)
        var stack: [XMLNode] = []
        var scopes: [[String: String]] = []
        var root: XMLNode?
        while let event = try parser.next() {
            switch event {
            case .startElement(let e):
                var scope: [String: String] = [:]
                for a in e.attributes {
                    if a.name == "xmlns" { scope[""] = a.value }
                    else if a.prefix == "xmlns" { scope[String(a.localName)] = a.value }
                }
                scopes.append(scope)
                let prefix = e.prefix.map(String.init) ?? ""
                let ns = scopes.reversed().lazy.compactMap { $0[prefix] }.first.flatMap { $0.isEmpty ? nil : $0 }
                let node = XMLNode(name: e.name, namespace: ns, attributes: e.attributes, line: e.line)
                node.parent = stack.last
                stack.last?.children.append(node)
                if root == nil { root = node }
                stack.append(node)
            case .endElement:
                stack.removeLast()
                scopes.removeLast()
            case .text(let t):
                stack.last?.text += t
            default:
                break
            }
        }
        return root!
    }
}

/// Problems found by a structural check.
struct Findings: CustomStringConvertible {
    var problems: [String] = []

    mutating func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { problems.append(message()) }
    }

    var isEmpty: Bool { problems.isEmpty }
    var description: String { problems.joined(separator: "\n") }
}

/// Whether `names`, in order, match a content model given as a sequence of
/// (allowed names, min, max) particles.
func matchesSequence(_ names: [String], _ model: [(Set<String>, Int, Int)]) -> Bool {
    var i = 0
    for (allowed, min, max) in model {
        var n = 0
        while i < names.count && n < max && allowed.contains(names[i]) {
            i += 1
            n += 1
        }
        if n < min { return false }
    }
    return i == names.count
}
