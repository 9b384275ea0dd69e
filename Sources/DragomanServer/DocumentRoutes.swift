import DragomanApp
import DragomanDocuments
import DragomanPretranslate
import DragomanText
import Foundation
import Hummingbird

/// `/documents`: articles posted for translation (stored with their segments and
/// proposals), the translator's work saved per segment (done segments go into the TM at
/// once), downloads (XLIFF 2.1 or 1.2 and the other `pretranslate` formats, the
/// translated text by the merge) and the analysis.
enum DocumentRoutes: RouteSet {
    static func add(read: Group, write: Group, services: ServerServices) {
        let documents = WorkspaceDocuments(workspace: services.workspace)
        let version = services.toolVersion

        write.post("documents") { request, context in
            struct Body: Decodable {
                var text: String
                var name: String
                var from: String?
                var layout: String?
                var minScore: Int?
                var alternatives: Int?
                var domain: String?
            }
            let body = try await RequestInput(request, context).json(Body.self)
            let language = try body.from.map { text in
                guard let language = Language(rawValue: text) else { throw Failure.usage("from takes ar or en") }
                return language
            } ?? .arabic
            let layout = try FieldValue.layout(body.layout)
            let new = WorkspaceDocuments.NewDocument(text: body.text, name: body.name, language: language, layout: layout,
                                                     minScore: body.minScore ?? 70, alternatives: body.alternatives ?? 3,
                                                     domain: body.domain)
            let creator = context.user?.name
            let json = try await Blocking.run { try DocumentJSON.string(try documents.create(new, creator: creator)) }
            return Responses.rawJSON(json, status: .created)
        }

        read.get("documents") { _, _ in
            try Responses.json(try await Blocking.run { try documents.list() }.map(DocumentSummaryJSON.init))
        }

        read.get("documents/:id") { request, context in
            let id = try RequestInput(request, context).id()
            return Responses.rawJSON(try await Blocking.run { try DocumentJSON.string(try documents.document(id: id)) })
        }

        write.delete("documents/:id") { request, context in
            let id = try RequestInput(request, context).id()
            try await Blocking.run { try documents.remove(id: id) }
            return Responses.noContent()
        }

        write.put("documents/:id/segments/:number") { request, context in
            struct Body: Decodable { var target: String; var state: String }
            let input = RequestInput(request, context)
            let id = try input.id()
            guard let number = context.parameters.get("number").flatMap(Int.init), number >= 1 else {
                throw Failure.notFound("segments are numbered from 1")
            }
            let body = try await input.json(Body.self)
            guard let state = WorkspaceDocuments.WorkState(rawValue: body.state) else {
                throw APIError.unprocessable("state takes " + WorkspaceDocuments.WorkState.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let user = context.user else { throw APIError.unauthorized("no user") }
            let update = try await Blocking.run {
                try documents.save(document: id, segment: number, target: body.target, state: state, user: user)
            }
            return try Responses.json(SegmentUpdateJSON(update))
        }

        read.get("documents/:id/download") { request, context in
            let input = RequestInput(request, context)
            let id = try input.id()
            let format = try input.choice("format", DocumentFormat.self) ?? .xliff
            let (text, fileName) = try await Blocking.run { try documents.download(id: id, format: format, toolVersion: version) }
            return Responses.file(text, fileName: fileName, mediaType: format.mediaType)
        }

        read.get("documents/:id/text") { request, context in
            let input = RequestInput(request, context)
            let id = try input.id()
            let allow = try input.bool("allowUnfinished")
            let (text, fileName, _) = try await Blocking.run {
                try documents.translatedText(id: id, allowUnfinished: allow, toolVersion: version)
            }
            return Responses.file(text, fileName: fileName, mediaType: "text/plain; charset=utf-8")
        }

        read.get("documents/:id/analysis") { request, context in
            let id = try RequestInput(request, context).id()
            return try Responses.json(try await Blocking.run { try documents.analysis(id: id) })
        }
    }
}

