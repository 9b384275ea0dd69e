import Foundation

/// A structural check of JSON against the OpenAPI document's schemas: types (with null
/// where a type list allows it), required properties, array items, map values, enums,
/// `$ref`, `allOf` and `oneOf` (read-only after init, hence Sendable). Enough to catch a renamed key, a missing field, a number
/// where a string was promised, or a value outside an enum; not a full JSON Schema engine.
struct SchemaCheck: @unchecked Sendable {
    let document: [String: Any]

    init(document: [String: Any]) { self.document = document }

    /// The problems of `value` against `schema`, each with its JSON path; empty when it fits.
    func problems(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String {
            return problems(value, resolve(ref), at: path)
        }
        if let all = schema["allOf"] as? [[String: Any]] {
            return all.flatMap { problems(value, $0, at: path) }
        }
        if let one = schema["oneOf"] as? [[String: Any]] {
            let fits = one.filter { problems(value, $0, at: path).isEmpty }.count
            return fits == 1 ? [] : ["\(path): fits \(fits) of the oneOf schemas, not exactly one"]
        }
        var found: [String] = []
        if let types = types(schema), !types.contains(where: { fits(value, $0) }) {
            return ["\(path): \(kind(of: value)) where the document says \(types.joined(separator: " or "))"]
        }
        if let choices = schema["enum"] as? [Any], let text = value as? String,
           !choices.contains(where: { ($0 as? String) == text }) {
            found.append("\(path): \"\(text)\" is not one of \(choices)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                found.append("\(path): the required key \"\(key)\" is missing")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, item) in object {
                if let property = properties[key] as? [String: Any] {
                    found += problems(item, property, at: "\(path).\(key)")
                } else if let values = schema["additionalProperties"] as? [String: Any] {
                    found += problems(item, values, at: "\(path).\(key)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(i)]") }
        }
        return found
    }

    /// The schema of `method path` answering `status` with JSON, or nil.
    func responseSchema(path: String, method: String, status: Int) -> [String: Any]? {
        let paths = document["paths"] as? [String: Any]
        let operation = (paths?[path] as? [String: Any])?[method.lowercased()] as? [String: Any]
        let response = (operation?["responses"] as? [String: Any])?[String(status)] as? [String: Any]
        let content = response?["content"] as? [String: Any]
        return (content?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }

    func resolve(_ ref: String) -> [String: Any] {
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(part)] as Any
        }
        return node as? [String: Any] ?? [:]
    }

    func types(_ schema: [String: Any]) -> [String]? {
        if let one = schema["type"] as? String { return [one] }
        return schema["type"] as? [String]
    }

    func fits(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBool(value)
        case "integer": return (value as? NSNumber).map { !isBool(value) && $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return value is NSNumber && !isBool(value)
        default: return false
        }
    }

    func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        #if canImport(Darwin)
        return CFGetTypeID(number) == CFBooleanGetTypeID()
        #else
        // JSONSerialization makes booleans NSNumbers of type char.
        return String(cString: number.objCType) == "c"
        #endif
    }

    func kind(of value: Any) -> String {
        switch value {
        case is NSNull: "null"
        case is [String: Any]: "an object"
        case is [Any]: "an array"
        case is String: "a string"
        default: isBool(value) ? "a boolean" : "a number"
        }
    }
}
