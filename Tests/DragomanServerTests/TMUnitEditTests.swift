import DragomanApp
import DragomanServer
import Foundation
import Testing

/// Editing a TM unit through the API: the new text is matched at once, the old one no
/// longer; what the unit was (origin, creator, creation date) stays; bad edits change nothing.
@Suite struct TMUnitEditTests {
    @Test func anEditedUnitIsMatchedWithItsNewText() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        try await test.test { api in
            let added = try await api.post("/api/v1/tm/units", json: #"{"arabic": "وصل الرئيس إلى القدس اليوم.", "english": "The president arrived in Jerusalem todya.", "origin": "wire"}"#)
            #expect(added.status == 201)
            let id = try #require(try added.object()["id"] as? Int)
            let edited = try await api.send(.patch, "/api/v1/tm/units/\(id)", json: #"{"english": "The president arrived in Jerusalem today.", "note": "typo fixed"}"#)
            #expect(edited.status == 200, "\(edited.text)")
            let unit = try edited.object()
            #expect(unit["english"] as? String == "The president arrived in Jerusalem today.")
            #expect(unit["origin"] as? String == "wire")
            let newID = try #require(unit["id"] as? Int)
            let match = try await api.get("/api/v1/tm/match", [("q", "وصل الرئيس إلى القدس اليوم.")])
            let matches = try #require(try match.object()["matches"] as? [[String: Any]])
            #expect(matches.count == 1)
            #expect(matches.first?["target"] as? String == "The president arrived in Jerusalem today.")
            #expect(try await api.get("/api/v1/tm/units/\(id)").status == (newID == id ? 200 : 404))

            // The two sides swapped: refused, nothing changed.
            let swapped = try await api.send(.patch, "/api/v1/tm/units/\(newID)",
                                             json: #"{"arabic": "The president arrived in Jerusalem today.", "english": "وصل الرئيس إلى القدس اليوم."}"#)
            #expect(swapped.status == 400)
            #expect(try await api.get("/api/v1/tm/units/\(newID)").object()["arabic"] as? String == "وصل الرئيس إلى القدس اليوم.")
            #expect(try await api.send(.patch, "/api/v1/tm/units/99999", json: #"{"english": "x"}"#).status == 404)
        }
        #expect(try test.workspace.tm.count() == 1)
    }
}
