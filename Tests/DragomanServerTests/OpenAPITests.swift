import DragomanServer
import Foundation
import Hummingbird
import Testing

/// The OpenAPI document served at /api/v1/openapi.json agrees with the router: every
/// route served is documented and every documented operation is served; and the JSON the
/// endpoints really answer fits the document's schemas (every endpoint is called).
@Suite struct OpenAPITests {
    func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: try OpenAPIDocument.data()) as? [String: Any])
    }

    @Test func documentAndRouterListTheSameRoutes() throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        // The API's routes; the page's (/, /translate, /static/…) are HTML, not in the document.
        let served = Set(try test.server.router().routes.map { "\($0.method.rawValue) \($0.path.description)" }
            .filter { $0.contains(" /api/v1/") })
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        var documented = Set<String>()
        for (path, item) in paths {
            for method in ["get", "post", "put", "patch", "delete"] where item[method] != nil {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(served.subtracting(documented).sorted() == [], "served but not in openapi.json")
        #expect(documented.subtracting(served).sorted() == [], "in openapi.json but not served")
        #expect(served.count >= 30)
    }

    @Test func theDocumentIsServedAndStatesTheLimits() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        let response = try await test.test { try await $0.get("/api/v1/openapi.json") }
        #expect(response.status == 200)
        let info = try #require(try response.object()["info"] as? [String: Any])
        let description = try #require(info["description"] as? String)
        #expect(description.contains("1 MB") && description.contains("64 MB"))
    }

    /// The check is not blind: a unit with a key missing, a number for a string and a
    /// value outside an enum are each found.
    @Test func theSchemaCheckFindsWrongShapes() throws {
        let check = SchemaCheck(document: try document())
        let unit = check.resolve("#/components/schemas/TMUnit")
        let good: [String: Any] = ["id": 1, "arabic": "نص", "english": "text", "origin": NSNull(), "note": NSNull(),
                                   "creator": "omar", "created": "2026-12-07T10:00:00Z", "changed": "2026-12-07T10:00:00Z", "usageCount": 0]
        #expect(check.problems(good, unit) == [])
        var missing = good
        missing["english"] = nil
        #expect(check.problems(missing, unit).count == 1)
        var wrongType = good
        wrongType["arabic"] = 5
        #expect(check.problems(wrongType, unit).count == 1)
        let work = check.resolve("#/components/schemas/SegmentWork")
        let badState: [String: Any] = ["number": 1, "target": "x", "state": "done", "changedBy": NSNull(), "changed": "t", "unitID": NSNull()]
        #expect(check.problems(badState, work).count == 1)
    }

    /// Calls every endpoint once (in an order that gives each something to work on) and
    /// checks each JSON answer against the schema the document gives for its status.
    @Test func everyResponseFitsItsSchema() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        let check = SchemaCheck(document: try document())
        let seen = try await test.test { api -> [String] in
            var problems: [String] = []
            var checked: [String] = []
            func expect(_ response: APIResponse, _ method: String, _ template: String, _ status: Int) throws {
                #expect(response.status == status, "\(method) \(template): \(response.text.prefix(400))")
                checked.append("\(method) \(template)")
                guard response.headers[.contentType]?.hasPrefix("application/json") == true else { return }
                guard let schema = check.responseSchema(path: template, method: method, status: response.status) else {
                    problems.append("\(method) \(template) \(response.status): no JSON schema in the document")
                    return
                }
                problems += check.problems(try response.json(), schema).map { "\(method) \(template) \(response.status): \($0)" }
            }
            let v = "/api/v1"
            try expect(try await api.get("\(v)/terms", [("q", "وبالقدس")]), "GET", "\(v)/terms", 200)
            try expect(try await api.post("\(v)/terms/find", json: #"{"text": "زار الرئيس القدس وغزة."}"#), "POST", "\(v)/terms/find", 200)
            try expect(try await api.get("\(v)/terms/entries", [("limit", "3")]), "GET", "\(v)/terms/entries", 200)
            let added = try await api.post("\(v)/terms/entries", json: #"{"arabic": "مرصد الزلازل الوطني", "english": "National Seismological Observatory", "domain": "science"}"#)
            try expect(added, "POST", "\(v)/terms/entries", 201)
            let entry = try #require((try added.object()["entry"] as? [String: Any])?["id"] as? Int)
            try expect(try await api.get("\(v)/terms/entries/\(entry)"), "GET", "\(v)/terms/entries/{id}", 200)
            let synonym = try await api.post("\(v)/terms/entries/\(entry)/terms", json: #"{"english": "NSO"}"#)
            try expect(synonym, "POST", "\(v)/terms/entries/{id}/terms", 201)
            let term = try #require((try synonym.object()["terms"] as? [[String: Any]])?.first?["id"] as? Int)
            try expect(try await api.send(.patch, "\(v)/terms/entries/\(entry)", json: #"{"note": "a regional body"}"#), "PATCH", "\(v)/terms/entries/{id}", 200)
            try expect(try await api.send(.delete, "\(v)/terms/entries/\(entry)/terms/\(term)"), "DELETE", "\(v)/terms/entries/{id}/terms/{term}", 200)
            try expect(try await api.send(.delete, "\(v)/terms/entries/\(entry)"), "DELETE", "\(v)/terms/entries/{id}", 200)
            try expect(try await api.send(.post, "\(v)/terms/import", query: [("name", "terms.tsv")], bytes: Array("arabic\tenglish\nوزير الخارجية\tforeign minister\n".utf8)),
                       "POST", "\(v)/terms/import", 200)
            try expect(try await api.get("\(v)/terms/export", [("format", "tbx")]), "GET", "\(v)/terms/export", 200)

            let unit = try await api.post("\(v)/tm/units", json: #"{"arabic": "وصل الرئيس إلى القدس اليوم.", "english": "The president arrived in Jerusalem today.", "origin": "wire", "note": "test"}"#)
            try expect(unit, "POST", "\(v)/tm/units", 201)
            let unitID = try #require(try unit.object()["id"] as? Int)
            try expect(try await api.get("\(v)/tm/units/\(unitID)"), "GET", "\(v)/tm/units/{id}", 200)
            try expect(try await api.get("\(v)/tm/match", [("q", "وصل الرئيس إلى القدس أمس."), ("min", "50")]), "GET", "\(v)/tm/match", 200)
            try expect(try await api.get("\(v)/tm/concordance", [("q", "القدس")]), "GET", "\(v)/tm/concordance", 200)
            try expect(try await api.get("\(v)/tm/fragments", [("q", "وصل الرئيس إلى القدس")]), "GET", "\(v)/tm/fragments", 200)
            try expect(try await api.send(.post, "\(v)/tm/import", query: [("name", "pairs.tsv")],
                                          bytes: Array("وقال الوزير إن الاجتماع انتهى.\tThe minister said the meeting had ended.\n".utf8)),
                       "POST", "\(v)/tm/import", 200)
            try expect(try await api.get("\(v)/tm/export", [("format", "tmx")]), "GET", "\(v)/tm/export", 200)
            try expect(try await api.get("\(v)/tm/stats"), "GET", "\(v)/tm/stats", 200)
            let edited = try await api.send(.patch, "\(v)/tm/units/\(unitID)", json: #"{"note": "checked"}"#)
            try expect(edited, "PATCH", "\(v)/tm/units/{id}", 200)
            let editedID = try #require(try edited.object()["id"] as? Int)
            try expect(try await api.send(.delete, "\(v)/tm/units/\(editedID)"), "DELETE", "\(v)/tm/units/{id}", 204)

            let align = #"{"arabic": "وصل الرئيس إلى القدس. وقال إن المحادثات مستمرة.", "english": "The president arrived in Jerusalem. He said the talks were continuing."}"#
            try expect(try await api.post("\(v)/align", json: align), "POST", "\(v)/align", 200)
            try expect(try await api.post("\(v)/align/confirm", json: #"{"origin": "aligned.txt", "pairs": [{"arabic": "وصل الرئيس إلى القدس.", "english": "The president arrived in Jerusalem."}]}"#),
                       "POST", "\(v)/align/confirm", 201)

            let document = try await api.post("\(v)/documents", json: #"{"name": "article.txt", "text": "وصل الرئيس إلى القدس.\nوقال إن المحادثات مستمرة."}"#)
            try expect(document, "POST", "\(v)/documents", 201)
            let id = try #require(try document.object()["id"] as? Int)
            try expect(try await api.get("\(v)/documents"), "GET", "\(v)/documents", 200)
            try expect(try await api.get("\(v)/documents/\(id)"), "GET", "\(v)/documents/{id}", 200)
            try expect(try await api.send(.put, "\(v)/documents/\(id)/segments/1", json: #"{"target": "The president arrived in Jerusalem.", "state": "confirmed"}"#),
                       "PUT", "\(v)/documents/{id}/segments/{number}", 200)
            try expect(try await api.get("\(v)/documents/\(id)/download", [("format", "xliff12")]), "GET", "\(v)/documents/{id}/download", 200)
            try expect(try await api.get("\(v)/documents/\(id)/text"), "GET", "\(v)/documents/{id}/text", 409)
            try expect(try await api.get("\(v)/documents/\(id)/analysis"), "GET", "\(v)/documents/{id}/analysis", 200)
            try expect(try await api.send(.delete, "\(v)/documents/\(id)"), "DELETE", "\(v)/documents/{id}", 204)
            try expect(try await api.get("\(v)/documents/\(id)"), "GET", "\(v)/documents/{id}", 404)
            try expect(try await api.get("\(v)/tm/units", [("origin", "aligned.txt"), ("limit", "5")]), "GET", "\(v)/tm/units", 200)
            let imports = try await api.get("\(v)/imports")
            try expect(imports, "GET", "\(v)/imports", 200)
            let batches = try imports.array()
            let glossaryImport = try #require(batches.first { $0["kind"] as? String == "glossary" && $0["file"] as? String == "terms.tsv" }?["id"] as? Int)
            let tmImport = try #require(batches.first { $0["kind"] as? String == "tm" }?["id"] as? Int)
            try expect(try await api.send(.put, "\(v)/imports/\(glossaryImport)/priority", json: #"{"priority": "curated"}"#),
                       "PUT", "\(v)/imports/{id}/priority", 200)
            try expect(try await api.send(.post, "\(v)/imports/\(tmImport)/undo", json: #"{"force": false}"#), "POST", "\(v)/imports/{id}/undo", 200)
            try expect(try await api.send(.post, "\(v)/imports/\(tmImport)/undo"), "POST", "\(v)/imports/{id}/undo", 409)
            try expect(try await api.get("\(v)/openapi.json"), "GET", "\(v)/openapi.json", 200)
            #expect(problems == [])
            return checked
        }
        // Every documented operation was called.
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        let operations = paths.flatMap { path, item in item.keys.filter { $0 != "parameters" }.map { "\($0.uppercased()) \(path)" } }
        #expect(Set(operations).subtracting(seen).sorted() == [])
    }
}
