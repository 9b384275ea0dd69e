import DragomanApp
import DragomanServer
import Foundation
import Testing

/// Uploads are recorded as import batches under the name they were sent with (not the
/// temporary file the server wrote them to), by the user who sent them, with the glossary
/// priority asked for.
@Suite struct UploadImportRecordTests {
    @Test func uploadsAreImportBatchesUnderTheirOwnNames() async throws {
        let test = try TestWorkspace(host: "0.0.0.0")
        defer { test.remove() }
        let token = try UserAccounts(workspace: test.workspace).add(name: "omar", role: .translator)
        try await test.test { api in
            let tm = try await api.send(.post, "/api/v1/tm/import", query: [("name", "wire.tsv")],
                                        bytes: Array("وقال الوزير إن الاجتماع انتهى.\tThe minister said the meeting had ended.\n".utf8),
                                        token: token)
            #expect(tm.status == 200)
            #expect(try tm.object()["batch"] as? Int != nil)
            let terms = try await api.send(.post, "/api/v1/terms/import", query: [("name", "dict.tsv"), ("priority", "bulk")],
                                           bytes: Array("arabic\tenglish\nتوقيت\tTimings\n".utf8), token: token)
            #expect(terms.status == 200)
            #expect(try terms.object()["priority"] as? String == "bulk")
            let wrong = try await api.send(.post, "/api/v1/terms/import", query: [("name", "dict.tsv"), ("priority", "high")],
                                           bytes: Array("arabic\tenglish\nتوقيت\tTimings\n".utf8), token: token)
            #expect(wrong.status == 400)
        }
        let batches = try ImportHistory(workspace: test.workspace).list().suffix(2)
        #expect(batches.map(\.file) == ["wire.tsv", "dict.tsv"])
        #expect(batches.allSatisfy { $0.creator == "omar" })
        #expect(batches.last?.priority == .bulk)
    }
}
