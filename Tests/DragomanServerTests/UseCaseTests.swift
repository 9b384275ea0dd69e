import DragomanApp
import Foundation
import Testing

/// The three uses of the workspace through the API, end to end, with what a translator
/// would check: the answer, and that the TM and the glossary really changed.
@Suite struct UseCaseTests {
    @Test func aTermWithCliticsFindsItsEntry() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        try await test.test { api in
            let response = try await api.get("/api/v1/terms", [("q", "وبالقدس")])
            #expect(response.status == 200)
            let first = try #require(try response.array().first)
            let translations = (first["translations"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            #expect(translations.contains("Jerusalem"))
            let match = try #require(first["match"] as? [String: Any])
            #expect(match["kind"] as? String == "clitic")
            #expect(match["clitics"] as? [String] == ["و+", "ب+", "ال+"] || (match["clitics"] as? [String])?.contains("و+") == true)

            // The same JSON as `term lookup --json` (the CLI's encoder, pretty-printed there).
            let cli = try JSONOutput.string(try test.workspace.glossary.lookup("وبالقدس", limit: 10)
                .enumerated().map { TermLookupJSON($0.element, rank: $0.offset + 1) })
            #expect(response.text == cli)

            let find = try await api.post("/api/v1/terms/find", json: #"{"text": "قال المتحدث إن الوفد وصل وبالقدس اجتماعات."}"#)
            #expect(find.status == 200)
            #expect(try find.array().contains { ($0["surface"] as? String) == "وبالقدس" })
        }
    }

    @Test func anAddedUnitComesBackAsAnExactMatchWithItsCreator() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        try await test.test { api in
            let arabic = "أعلنت الحكومة خطة جديدة للإسكان."
            let added = try await api.post("/api/v1/tm/units", json: #"{"arabic": "\#(arabic)", "english": "The government announced a new housing plan.", "origin": "desk"}"#)
            #expect(added.status == 201)
            #expect(try added.object()["origin"] as? String == "desk")
            let again = try await api.post("/api/v1/tm/units", json: #"{"arabic": "\#(arabic)", "english": "The government announced a new housing plan."}"#)
            #expect(again.status == 200, "a pair the TM has is not added twice")

            let match = try await api.get("/api/v1/tm/match", [("q", arabic)])
            let report = try match.object()
            #expect(report["query"] as? String == arabic)
            let best = try #require((report["matches"] as? [[String: Any]])?.first)
            #expect(best["kind"] as? String == "exact")
            #expect(best["score"] as? Int == 100)
            #expect(best["target"] as? String == "The government announced a new housing plan.")

            let concordance = try await api.get("/api/v1/tm/concordance", [("q", "خطة")])
            #expect(try concordance.array().first?["marked"] as? String == "أعلنت الحكومة ⟦خطة⟧ جديدة للإسكان.")

            let wrongOrder = try await api.post("/api/v1/tm/units", json: #"{"arabic": "The plan.", "english": "الخطة."}"#)
            #expect(wrongOrder.status == 400)
            #expect(try wrongOrder.errorCode() == "badInput")
        }
    }

    @Test func aConfirmedSegmentIsInTheTMAtOnceAndSurvivesARestart() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        let article = "وصل وزير الخارجية إلى عمّان مساء الأحد.\n\nوبحث الوزير مع نظيره الأردني الأوضاع في المنطقة."
        let id = try await test.test { api -> Int in
            let posted = try await api.post("/api/v1/documents", json: #"{"name": "wire-0412.txt", "text": \#(APIClient.quoted(article))}"#)
            #expect(posted.status == 201)
            let document = try posted.object()
            #expect(document["segmentCount"] as? Int == 2)
            let segments = try #require(document["segments"] as? [[String: Any]])
            let first = try #require(segments.first?["pretranslation"] as? [String: Any])
            #expect(first["source"] as? String == "وصل وزير الخارجية إلى عمّان مساء الأحد.")
            #expect(first["terms"] is [Any] && first["fragments"] is [Any])
            let id = try #require(document["id"] as? Int)

            let saved = try await api.send(.put, "/api/v1/documents/\(id)/segments/1",
                                           json: #"{"target": "The foreign minister arrived in Amman on Sunday evening.", "state": "confirmed"}"#)
            #expect(saved.status == 200)
            #expect(try saved.object()["addedToTM"] as? Bool == true)
            let draft = try await api.send(.put, "/api/v1/documents/\(id)/segments/2", json: #"{"target": "The minister discussed", "state": "draft"}"#)
            #expect(try draft.object()["unitID"] is NSNull, "a draft is not stored in the TM")

            let match = try await api.get("/api/v1/tm/match", [("q", "وصل وزير الخارجية إلى عمّان مساء الأحد.")])
            let best = try #require((try match.object()["matches"] as? [[String: Any]])?.first)
            #expect(best["kind"] as? String == "exact")
            #expect(best["origin"] as? String == "wire-0412.txt")
            #expect(try await api.get("/api/v1/documents/\(id)/text").status == 409, "segment 2 is a draft")
            return id
        }
        // The unit records its document, its neighbours and who confirmed it (the local
        // user: the account running the server, as the CLI records it).
        let unit = try #require(try test.workspace.tm.unit(id: 1))
        #expect(unit.origin == "wire-0412.txt")
        #expect(unit.arabicContext.previous != nil && unit.arabicContext.next != nil)

        // A new server on the same database: the document and the work are there.
        let restarted = WorkspaceServerReopen(test)
        try await restarted.test { api in
            let document = try (try await api.get("/api/v1/documents/\(id)")).object()
            let segments = try #require(document["segments"] as? [[String: Any]])
            #expect((segments[0]["work"] as? [String: Any])?["state"] as? String == "confirmed")
            #expect((segments[1]["work"] as? [String: Any])?["target"] as? String == "The minister discussed")
            #expect(document["done"] as? Int == 1)
            let xliff = try await api.get("/api/v1/documents/\(id)/download")
            #expect(xliff.text.contains("<target>The foreign minister arrived in Amman on Sunday evening.</target>"))
            let text = try await api.get("/api/v1/documents/\(id)/text", [("allowUnfinished", "true")])
            #expect(text.status == 200)
            #expect(text.text.hasPrefix("The foreign minister arrived in Amman on Sunday evening.\n\nThe minister discussed"))
        }
    }

    @Test func alignedPairsAreStoredOnlyWhenConfirmed() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        try await test.test { api in
            let arabic = ["قتل 12 شخصا في الهجوم على السوق.", "وأصيب 30 آخرون بجروح.", "وقال الجيش إن التحقيق بدأ.", "ولم تعلن أي جهة مسؤوليتها."]
            let english = ["Twelve people were killed in the attack on the market.", "30 others were wounded.",
                           "The army said an investigation had begun.", "No group has claimed responsibility."]
            let aligned = try await api.post("/api/v1/align", json: #"{"arabic": \#(APIClient.quoted(arabic.joined(separator: " "))), "english": \#(APIClient.quoted(english.joined(separator: " ")))}"#)
            #expect(aligned.status == 200)
            let pairs = try #require(try aligned.object()["pairs"] as? [[String: Any]])
            #expect(pairs.allSatisfy { ($0["confidence"] as? Double).map { (0...1).contains($0) } == true })
            // Every sentence is in exactly one bead, in order.
            let counts = try aligned.object()
            let arabicCount = try #require(counts["arabicSentences"] as? Int), englishCount = try #require(counts["englishSentences"] as? Int)
            #expect(arabicCount == 4)
            #expect(pairs.flatMap { $0["arabic"] as? [Int] ?? [] } == Array(0..<arabicCount))
            #expect(pairs.flatMap { $0["english"] as? [Int] ?? [] } == Array(0..<englishCount))
            #expect(pairs.contains { $0["move"] as? String == "1-1" && $0["arabicText"] as? String == arabic[3] && $0["englishText"] as? String == english[3] })
            #expect(try test.workspace.tm.count() == 0, "aligning stores nothing")

            let body = #"{"origin": "attack.txt", "pairs": [{"arabic": "قتل 12 شخصا في الهجوم.", "english": "Twelve people were killed in the attack."}, {"arabic": "وأصيب 30 آخرون.", "english": "30 others were injured."}]}"#
            let stored = try await api.post("/api/v1/align/confirm", json: body)
            #expect(stored.status == 201)
            #expect(try stored.object()["added"] as? Int == 2)
            #expect(try test.workspace.tm.count() == 2)
        }
    }
}

/// A second server on the database of `test` (a restart).
struct WorkspaceServerReopen {
    let test: TestWorkspace
    init(_ test: TestWorkspace) { self.test = test }

    func test<T: Sendable>(_ body: @Sendable (APIClient) async throws -> T) async throws -> T {
        let reopened = try TestWorkspace(reopening: test.databasePath)
        return try await reopened.test(body)
    }
}
