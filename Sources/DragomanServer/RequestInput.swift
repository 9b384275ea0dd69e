import DragomanGlossary
import DragomanText
import Foundation
import Hummingbird
import NIOCore

/// Reading what a request carries: query parameters with their ranges, JSON bodies within
/// the JSON limit, uploads streamed to a temporary file within the upload limit. Bad
/// values are usage failures (400) naming the parameter.
struct RequestInput {
    let request: Request
    let context: WorkspaceRequestContext

    init(_ request: Request, _ context: WorkspaceRequestContext) {
        self.request = request
        self.context = context
    }

    // MARK: Query

    /// A query parameter, percent-decoded (by Hummingbird; `+` is not a space).
    func string(_ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }

    /// A required, non-blank query parameter.
    func required(_ name: String) throws -> String {
        guard let value = string(name), !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Failure.usage("the query parameter \(name) is required")
        }
        return value
    }

    func int(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = string(name) else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw Failure.usage("\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    func double(_ name: String, default value: Double, in range: ClosedRange<Double>) throws -> Double {
        guard let text = string(name) else { return value }
        guard let n = Double(text), range.contains(n) else {
            throw Failure.usage("\(name) takes a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    func bool(_ name: String, default value: Bool = false) throws -> Bool {
        guard let text = string(name) else { return value }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Failure.usage("\(name) takes true or false")
        }
    }

    /// A parameter naming one of an enum's raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: text.lowercased()) else {
            throw Failure.usage("\(name) takes " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    /// `from`: ar (default) or en.
    func language(_ name: String = "from") throws -> Language {
        try choice(name, Language.self) ?? .arabic
    }

    // MARK: Path

    func id(_ name: String = "id") throws -> Int64 {
        guard let text = context.parameters.get(name), let id = Int64(text), id > 0 else {
            throw Failure.notFound("\(context.parameters.get(name) ?? "?") is not an id (a positive whole number)")
        }
        return id
    }

    // MARK: Body

    /// The JSON body as `T`, within the JSON limit (413 beyond it).
    func json<T: Decodable>(_ type: T.Type) async throws -> T {
        guard let value = try await optionalJSON(type) else { throw APIError.badRequest("the request needs a JSON body") }
        return value
    }

    /// The JSON body as `T`, or nil when the request has no body (an endpoint whose
    /// options all have defaults, such as undo without `force`).
    func optionalJSON<T: Decodable>(_ type: T.Type) async throws -> T? {
        var request = self.request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: context.maxUploadSize, what: "JSON body")
        }
        guard buffer.readableBytes > 0 else { return nil }
        return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    }

    /// The body written to `<temporary folder>/<name>` (streamed, never whole in memory),
    /// refused with 413 past `limit`. The folder is removed by `Upload.remove()`.
    func upload(named name: String, limit: Int) async throws -> Upload {
        let safe = (name as NSString).lastPathComponent.replacingOccurrences(of: "\u{0}", with: "")
        guard !safe.isEmpty, safe != ".", safe != ".." else { throw Failure.usage("name must be a file name such as terms.tsv") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let upload = Upload(folder: folder.path, path: folder.appendingPathComponent(safe).path, name: safe)
        do {
            guard FileManager.default.createFile(atPath: upload.path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: upload.path) else {
                throw Failure.cannotWrite("cannot write the upload to \(folder.path)")
            }
            defer { try? handle.close() }
            var size = 0
            for try await buffer in request.body {
                size += buffer.readableBytes
                if size > limit { throw APIError.tooLarge(limit: limit, what: "upload") }
                try handle.write(contentsOf: Data(buffer.readableBytesView))
            }
            if size == 0 { throw APIError.badRequest("the request body is empty: send the file as the body") }
        } catch {
            upload.remove()
            throw error
        }
        return upload
    }
}

/// An uploaded file on disk, under its own name so that messages and origins name it.
struct Upload: Sendable {
    let folder: String
    let path: String
    let name: String

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A use-case's message with the temporary folder taken out (the client knows the file
    /// by its name only).
    func clean(_ message: String) -> String {
        message.replacingOccurrences(of: folder + "/", with: "")
    }

    /// Runs `body` on the file, then removes it; failures name the file as the client named it.
    func use<T: Sendable>(_ body: @escaping @Sendable (String) throws -> T) async throws -> T {
        defer { remove() }
        do {
            return try await Blocking.run { try body(path) }
        } catch let failure as any DragomanFailure {
            throw Failure(failure.failureKind, clean(failure.description))
        }
    }
}

/// Fields of a request (query or JSON) that a use-case takes as a type: one parse, one
/// message, wherever the field is read.
enum FieldValue {
    /// A term status: our four names or their TBX spellings (`TermStatus(parsing:)`).
    static func status(_ text: String?) throws -> TermStatus? {
        guard let text else { return nil }
        guard let status = TermStatus(parsing: text) else {
            throw Failure.usage("status takes preferred, admitted, deprecated or forbidden")
        }
        return status
    }

    /// An article's layout: text or markdown.
    static func layout(_ text: String?) throws -> TextLayout? {
        guard let text else { return nil }
        guard let layout = TextLayout(rawValue: text) else { throw Failure.usage("layout takes text or markdown") }
        return layout
    }
}

