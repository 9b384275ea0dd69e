import DragomanApp
import DragomanText
import DragomanServer
import Foundation
import Testing

/// Who may do what on a shared server, the error statuses and their JSON, and the limits.
@Suite struct AccessTests {
    /// A shared server (host 0.0.0.0) with a reader and a translator.
    func shared() throws -> (TestWorkspace, reader: String, translator: String) {
        let test = try TestWorkspace(host: "0.0.0.0")
        let accounts = UserAccounts(workspace: test.workspace)
        return (test, try accounts.add(name: "rana", role: .reader), try accounts.add(name: "omar", role: .translator))
    }

    @Test func aSharedServerWantsAToken() async throws {
        let (test, reader, _) = try shared()
        defer { test.remove() }
        try await test.test { api in
            let none = try await api.get("/api/v1/terms", [("q", "القدس")])
            #expect(none.status == 401)
            #expect(try none.errorCode() == "unauthorized")
            #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let bad = try await api.get("/api/v1/terms", [("q", "القدس")], token: "dgm_not-a-token")
            #expect(bad.status == 401)
            let malformed = try await api.send(.get, "/api/v1/tm/stats", headers: [.authorization: "Basic cmFuYTpwdw=="])
            #expect(malformed.status == 401)
            #expect(try await api.get("/api/v1/terms", [("q", "القدس")], token: reader).status == 200)
        }
    }

    @Test func readersReadButCannotWrite() async throws {
        let (test, reader, _) = try shared()
        defer { test.remove() }
        try await test.test { api in
            let write = try await api.post("/api/v1/tm/units", json: #"{"arabic": "مرحبا بكم.", "english": "Welcome."}"#, token: reader)
            #expect(write.status == 403)
            #expect(try write.errorCode() == "forbidden")
            #expect(try test.workspace.tm.count() == 0)
            // Read-only POSTs are open to readers.
            #expect(try await api.post("/api/v1/terms/find", json: #"{"text": "القدس"}"#, token: reader).status == 200)
            #expect(try await api.send(.delete, "/api/v1/terms/entries/1", token: reader).status == 403)
            #expect(try test.workspace.glossary.entry(id: 1) != nil)
        }
    }

    @Test func aConfirmedUnitRecordsWhoConfirmedIt() async throws {
        let (test, _, translator) = try shared()
        defer { test.remove() }
        try await test.test { api in
            let posted = try await api.post("/api/v1/documents", json: #"{"name": "a.txt", "text": "انتهى الاجتماع بعد ساعتين."}"#, token: translator)
            #expect(posted.status == 201)
            #expect(try posted.object()["creator"] as? String == "omar")
            let id = try #require(try posted.object()["id"] as? Int)
            let saved = try await api.send(.put, "/api/v1/documents/\(id)/segments/1",
                                           json: #"{"target": "The meeting ended after two hours.", "state": "translated"}"#, token: translator)
            #expect(saved.status == 200)
            #expect((try saved.object()["work"] as? [String: Any])?["changedBy"] as? String == "omar")
            let unitID = try #require(try saved.object()["unitID"] as? Int)
            let unit = try await api.get("/api/v1/tm/units/\(unitID)", token: translator)
            #expect(try unit.object()["creator"] as? String == "omar")
            // And the TMX export carries it as creationid.
            let tmx = try await api.get("/api/v1/tm/export", token: translator)
            #expect(tmx.text.contains("creationid=\"omar\""))
        }
    }

    @Test func aRemovedUserIsLockedOut() async throws {
        let (test, reader, _) = try shared()
        defer { test.remove() }
        try UserAccounts(workspace: test.workspace).remove(name: "rana")
        try await test.test { api in
            let response = try await api.get("/api/v1/tm/stats", token: reader)
            #expect(response.status == 401)
        }
    }

    @Test func tokensAreStoredHashedAndNamesAreUnique() throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        let accounts = UserAccounts(workspace: test.workspace)
        let token = try accounts.add(name: "layla", role: .admin)
        #expect(token.hasPrefix("dgm_") && token.count >= 40)
        let stored = try #require(try accounts.users.all().first)
        #expect(stored.tokenHash.count == 32)
        #expect(!stored.tokenHash.elementsEqual(Array(token.utf8)))
        #expect(try accounts.user(token: token)?.name == "layla")
        #expect(try accounts.user(token: token + "x") == nil)
        #expect(throws: Failure.self) { try accounts.add(name: "layla", role: .reader) }
        #expect(try accounts.list().map(\.role) == ["admin"])
    }

    @Test func aSharedServerWithoutUsersRefusesToStart() throws {
        let test = try TestWorkspace(host: "0.0.0.0")
        defer { test.remove() }
        let error = try #require(throws: Failure.self) { try test.server.checkAccess() }
        #expect(error.failureKind == .usage)
        #expect(error.message.contains("dragoman user add"))
        // Loopback needs no users.
        let local = try TestWorkspace()
        defer { local.remove() }
        try local.server.checkAccess()
        #expect(WorkspaceServer.Configuration.isLoopback("::1") && WorkspaceServer.Configuration.isLoopback("localhost"))
        #expect(!WorkspaceServer.Configuration.isLoopback("192.168.1.20"))
    }
}

@Suite struct ErrorTests {
    @Test func errorsAreJSONWithTheStatusOfTheirKind() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        try await test.test { api in
            let unknown = try await api.get("/api/v1/nothing-here")
            #expect(unknown.status == 404)
            #expect(try unknown.errorCode() == "notFound")
            #expect(try await api.get("/elsewhere").status == 404)

            let missing = try await api.get("/api/v1/terms/entries/999999")
            #expect(missing.status == 404)
            #expect(try missing.errorCode() == "notFound")

            let noQuery = try await api.get("/api/v1/terms")
            #expect(noQuery.status == 400)
            #expect(try noQuery.errorCode() == "usage")
            #expect(try await api.get("/api/v1/tm/match", [("q", "نص"), ("min", "300")]).status == 400)

            let notJSON = try await api.post("/api/v1/tm/units", json: "{arabic:")
            #expect(notJSON.status == 400)
            let wrongShape = try await api.post("/api/v1/tm/units", json: #"{"arabic": "نص"}"#)
            #expect(wrongShape.status == 422)
            #expect(try wrongShape.errorCode() == "unprocessable")
            #expect(try wrongShape.object().description.contains("english"))

            let badState = try await api.send(.put, "/api/v1/documents/1/segments/1", json: #"{"target": "x", "state": "done"}"#)
            #expect(badState.status == 422)

            let english = try await api.post("/api/v1/documents", json: #"{"name": "en.txt", "text": "This article is in English only."}"#)
            #expect(english.status == 400)
            #expect(try english.errorCode() == "badInput")

            let badUpload = try await api.send(.post, "/api/v1/tm/import", query: [("name", "broken.tmx")], bytes: Array("<tmx><body><tu>".utf8))
            #expect(badUpload.status == 400)
            #expect(!badUpload.text.contains("dragoman-upload-"), "the temporary folder is not shown: \(badUpload.text)")
            #expect(badUpload.text.contains("broken.tmx"))
            #expect(!badUpload.text.contains("Swift") && !badUpload.text.contains("Error("), "no stack trace or type dump")
        }
    }

    @Test func bodiesOverTheirLimitsAre413() async throws {
        let test = try TestWorkspace(limits: ServerLimits(jsonBody: 1 << 20, upload: 4096))
        defer { test.remove() }
        try await test.test { api in
            let big = #"{"text": ""# + String(repeating: "ن", count: 600_000) + #""}"#
            let json = try await api.post("/api/v1/terms/find", json: big)
            #expect(json.status == 413)
            #expect(try json.errorCode() == "tooLarge")
            let file = String(repeating: "نص\ttext\n", count: 1000)
            let upload = try await api.send(.post, "/api/v1/tm/import", query: [("name", "big.tsv")], bytes: Array(file.utf8))
            #expect(upload.status == 413)
            #expect(try test.workspace.tm.count() == 0)
        }
    }
}
