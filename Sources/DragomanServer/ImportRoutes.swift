import DragomanText
import DragomanApp
import DragomanGlossary
import Foundation
import Hummingbird

/// `/imports`: the import batches (as `imports --json`), undoing one (409 when rows it
/// added were edited since, unless `force`; 409 too when it was undone already) and a
/// glossary import's priority (`imports priority`).
enum ImportRoutes: RouteSet {
    static func add(read: Group, write: Group, services: ServerServices) {
        let history = ImportHistory(workspace: services.workspace)
        let path = services.workspace.path

        read.get("imports") { _, _ in
            try Responses.json(try await Blocking.run { try history.list() }.map(ImportBatchJSON.init))
        }

        write.post("imports/:id/undo") { request, context in
            struct Body: Decodable { var force: Bool? }
            let input = RequestInput(request, context)
            let id = try input.id()
            let force = try await input.optionalJSON(Body.self)?.force ?? false
            let report = try await hidingPath(path) { try await Blocking.run { try history.undo(id, force: force) } }
            return try Responses.json(UndoReportJSON(report))
        }

        write.put("imports/:id/priority") { request, context in
            struct Body: Decodable { var priority: String }
            let input = RequestInput(request, context)
            let id = try input.id()
            let body = try await input.json(Body.self)
            guard let priority = GlossaryPriority(rawValue: body.priority) else {
                throw APIError.unprocessable("priority takes " + GlossaryPriority.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let terms = try await hidingPath(path) { try await Blocking.run { try history.setPriority(priority, of: id) } }
            return try Responses.json(PriorityJSON(id: id, priority: priority.rawValue, terms: terms))
        }
    }

    /// What setting a priority answers: the import, its new priority, its terms.
    struct PriorityJSON: Encodable {
        var id: Int64
        var priority: String
        var terms: Int
    }

    /// The store's messages name the database file (right for the CLI); a client of the
    /// server is not told where the server keeps it.
    static func hidingPath<T>(_ path: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as any DragomanFailure {
            throw Failure(failure.failureKind, failure.description.replacingOccurrences(of: " in \(path)", with: "")
                .replacingOccurrences(of: path, with: "the workspace"))
        }
    }
}

