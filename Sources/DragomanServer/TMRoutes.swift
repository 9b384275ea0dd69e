import DragomanAlign
import DragomanApp
import DragomanFormats
import DragomanText
import DragomanTM
import Foundation
import Hummingbird

/// `/tm`: match (one object as a line of `tm match` pipe mode), concordance (as `tm
/// concordance --json`), fragments (as a line of `tm fragments` pipe mode), units added,
/// read and removed, import, export and statistics (as `tm stats --json`).
enum TMRoutes: RouteSet {
    static func add(read: Group, write: Group, services: ServerServices) {
        let workspace = services.workspace

        read.get("tm/match") { request, context in
            let input = RequestInput(request, context)
            let query = try input.required("q")
            let min = try input.int("min", default: 70, in: 0...101)
            let limit = try input.int("limit", default: 5, in: 1...100)
            let side = try input.language()
            let repair = try input.bool("repair", default: true)
            let explain = try input.bool("explain")
            let trimmed = query.trimmingCharacters(in: .whitespaces)
            let matches = try await Blocking.run {
                try TMMatching(workspace: workspace, repair: repair).matches(trimmed, side: side, threshold: min, limit: limit)
            }
            return try Responses.json(MatchReport(query: query, matches: matches, explain: explain))
        }

        read.get("tm/concordance") { request, context in
            let input = RequestInput(request, context)
            let phrase = try input.required("q")
            let side = try input.language()
            let limit = try input.int("limit", default: 20, in: 1...500)
            let hits = try await Blocking.run { try workspace.tm.concordanceCounted(phrase, side: side, limit: limit).0 }
            return try Responses.json(hits.map { ConcordanceJSON($0, side: side) })
        }

        read.get("tm/fragments") { request, context in
            let input = RequestInput(request, context)
            let sentence = try input.required("q")
            let side = try input.language()
            let limit = try input.int("limit", default: 50, in: 1...500)
            var options = FragmentOptions()
            options.minimumCount = try input.int("minCount", default: options.minimumCount, in: 1...1000)
            options.minimumConfidence = try input.double("minConfidence", default: options.minimumConfidence, in: 0...1)
            let domain = input.string("domain")
            let chosen = options
            let report = try await Blocking.run {
                var report = try FragmentRecall(tm: workspace.tm, glossary: workspace.glossary, options: chosen, domain: domain)
                    .recall(sentence, side: side)
                report.fragments = Array(report.fragments.prefix(limit))
                return report
            }
            return try Responses.json(report)
        }

        write.post("tm/units") { request, context in
            struct Body: Decodable { var arabic: String; var english: String; var origin: String?; var note: String? }
            let body = try await RequestInput(request, context).json(Body.self)
            let creator = context.user?.name
            let (outcome, unit) = try await Blocking.run { () -> (AddOutcome, TranslationUnit?) in
                // A workspace of its own: aligning on arrival sets the TM's linking.
                let writer = Workspace(database: workspace.database)
                try writer.alignOnArrival(units: [(body.arabic, body.english)])
                let outcome = try TMAddition.add(arabic: body.arabic, english: body.english, origin: body.origin,
                                                 note: body.note, creator: creator, to: writer.tm)
                return (outcome, try writer.tm.unit(id: outcome.id))
            }
            guard let unit else { throw Failure.internal("unit \(outcome.id) was stored but cannot be read back") }
            if case .added = outcome { return try Responses.json(TMUnitJSON(unit), status: .created) }
            return try Responses.json(TMUnitJSON(unit))
        }

        read.get("tm/units") { request, context in
            let input = RequestInput(request, context)
            let origin = input.string("origin")
            let limit = try input.int("limit", default: 50, in: 1...1000)
            let after = Int64(try input.int("after", default: 0, in: 0...Int.max))
            let units = try await Blocking.run {
                try WorkspaceBrowsing(workspace: workspace).units(origin: origin, after: after, limit: limit)
            }
            return try Responses.json(units.map(TMUnitJSON.init))
        }

        read.get("tm/units/:id") { request, context in
            let id = try RequestInput(request, context).id()
            guard let unit = try await Blocking.run({ try workspace.tm.unit(id: id) }) else {
                throw Failure.notFound("there is no unit \(id)")
            }
            return try Responses.json(TMUnitJSON(unit))
        }

        write.patch("tm/units/:id") { request, context in
            struct Body: Decodable { var arabic: String?; var english: String?; var note: String? }
            let input = RequestInput(request, context)
            let id = try input.id()
            let body = try await input.json(Body.self)
            let unit = try await Blocking.run {
                // A workspace of its own: aligning on arrival sets the TM's linking.
                let writer = Workspace(database: workspace.database)
                let current = try writer.tm.unit(id: id)
                try writer.alignOnArrival(units: [(body.arabic ?? current?.arabic ?? "", body.english ?? current?.english ?? "")])
                return try TMUnitEdit.edit(id: id, TMUnitEdit.Changes(arabic: body.arabic, english: body.english, note: body.note),
                                           in: writer.tm)
            }
            return try Responses.json(TMUnitJSON(unit))
        }

        write.delete("tm/units/:id") { request, context in
            let id = try RequestInput(request, context).id()
            try await Blocking.run { try TMRemoval(tm: workspace.tm, path: workspace.path).remove(id: id) }
            return Responses.noContent()
        }

        write.post("tm/import") { request, context in
            let input = RequestInput(request, context)
            let name = input.string("name") ?? "upload"
            var importer = TMImport(format: try input.choice("format", TMFileFormat.self), origin: input.string("origin"),
                                    skipBad: try input.bool("skipBad"), creator: context.user?.name)
            let upload = try await input.upload(named: name, limit: services.limits.upload)
            importer.recordedAs = upload.name
            let chosen = importer
            var report = try await upload.use { path in
                _ = try chosen.checkedFormat(of: path)
                let writer = Workspace(database: workspace.database)
                try writer.alignOnArrival()
                let report = try chosen.run(path, into: writer.tm)
                try WorkspaceLearning.afterAdding(writer)
                return report
            }
            report.file = upload.name
            report.skipped = report.skipped.map { var s = $0; s.file = s.file.map { upload.clean($0) }; return s }
            return try Responses.json(report)
        }

        read.get("tm/export") { request, context in
            let input = RequestInput(request, context)
            let format = try input.choice("format", TMFileFormat.self) ?? .tmx
            guard TMExport.formats.contains(format) else {
                throw Failure.usage("the TM is exported as tmx or tsv")
            }
            let version = services.toolVersion
            let text = try await Blocking.run {
                try Exports.capture { try TMExport.write(workspace.tm, format: format, toolVersion: version, to: $0) }
            }
            return Responses.file(text, fileName: "tm.\(format.rawValue)",
                                  mediaType: format == .tmx ? "application/x-tmx+xml" : "text/tab-separated-values; charset=utf-8")
        }

        read.get("tm/stats") { _, _ in
            try Responses.json(try await Blocking.run { try TMStatistics(workspace) })
        }
    }
}

extension AddOutcome {
    var id: Int64 {
        switch self {
        case .added(let id), .updated(let id): id
        }
    }
}
