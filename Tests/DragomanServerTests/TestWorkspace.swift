import DragomanApp
import DragomanServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A workspace on a temporary database with the starter glossary, and its server, for
/// requests sent straight to the application (HummingbirdTesting's `.router`): the same
/// responder, error mapping, authentication and handlers as `dragoman serve`, without a
/// socket. `host` decides whether requests without a token are the local user.
struct TestWorkspace {
    let folder: URL
    let workspace: Workspace
    let server: WorkspaceServer

    init(host: String = "127.0.0.1", limits: ServerLimits = .standard) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        workspace = try Workspace.open(DatabaseLocation(path: folder.appendingPathComponent("db.sqlite").path, isExplicit: true),
                                       ifMissing: .create(empty: false))
        server = WorkspaceServer(workspace: workspace, configuration: .init(host: host, port: 0, limits: limits, toolVersion: "test"))
    }

    /// A new workspace and server on an existing database (a restart).
    init(reopening path: String) throws {
        folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        workspace = try Workspace.open(DatabaseLocation(path: path, isExplicit: true), ifMissing: .refuse)
        server = WorkspaceServer(workspace: workspace, configuration: .init(port: 0, toolVersion: "test"))
    }

    var databasePath: String { workspace.path }

    /// Runs `body` with a client of the application.
    func test<T: Sendable>(_ body: @Sendable (APIClient) async throws -> T) async throws -> T {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = try server.application(logger: logger)
        return try await app.test(.router) { client in try await body(APIClient(client: client)) }
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A response, with its body as text and as JSON.
struct APIResponse: Sendable {
    var status: Int
    var headers: HTTPFields
    var text: String

    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
    func object() throws -> [String: Any] { try #require(try json() as? [String: Any], "not an object: \(text.prefix(300))") }
    func array() throws -> [[String: Any]] { try #require(try json() as? [[String: Any]], "not an array: \(text.prefix(300))") }

    /// The error code of a `{"error": {"code", "message"}}` body.
    func errorCode() throws -> String {
        let error = try #require(try object()["error"] as? [String: Any], "no error object: \(text.prefix(300))")
        #expect(error["message"] is String)
        return try #require(error["code"] as? String)
    }
}

/// Sends requests with paths and query values given as plain text (percent-encoded here).
struct APIClient: Sendable {
    let client: any TestClientProtocol

    func send(_ method: HTTPRequest.Method, _ path: String, query: [(String, String)] = [], json: String? = nil,
              bytes: [UInt8]? = nil, token: String? = nil, headers extra: HTTPFields = [:]) async throws -> APIResponse {
        var uri = path
        if !query.isEmpty {
            var allowed = CharacterSet.urlQueryAllowed
            allowed.remove(charactersIn: "&=+?#")
            uri += "?" + query.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        }
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json)
        } else if let bytes {
            body = ByteBuffer(bytes: bytes)
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            APIResponse(status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
        }
    }

    func get(_ path: String, _ query: [(String, String)] = [], token: String? = nil) async throws -> APIResponse {
        try await send(.get, path, query: query, token: token)
    }

    func post(_ path: String, json: String, token: String? = nil) async throws -> APIResponse {
        try await send(.post, path, json: json, token: token)
    }

    /// `value` as a JSON string literal.
    static func quoted(_ value: String) -> String {
        String(decoding: try! JSONEncoder().encode(value), as: UTF8.self)
    }
}
