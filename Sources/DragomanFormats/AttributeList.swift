import DragomanXML

extension Array where Element == XMLAttribute {
    /// Look up or set an attribute by qualified name, keeping the order of the others.
    /// Setting `nil` removes it.
    public subscript(attribute name: String) -> String? {
        get { first { $0.name == name }?.value }
        set {
            if let index = firstIndex(where: { $0.name == name }) {
                if let newValue { self[index].value = newValue } else { remove(at: index) }
            } else if let newValue {
                append(XMLAttribute(name: name, value: newValue))
            }
        }
    }
}
