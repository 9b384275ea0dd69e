import Foundation
import Testing
@testable import DragomanFormats
import DragomanXML

@Suite struct TBXStreamingTests {
    /// A TBX document produced on demand, entry by entry: it never exists whole, so the
    /// reader can only succeed if it streams.
    struct GeneratedTBX: XMLByteSource {
        let entries: Int
        var next = 0
        var finished = false

        mutating func nextChunk() throws -> [UInt8]? {
            if finished { return nil }
            var chunk = next == 0
                ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"ar\" xmlns=\"urn:iso:std:iso:30042:ed-2\"><tbxHeader><fileDesc><sourceDesc><p>generated</p></sourceDesc></fileDesc></tbxHeader><text><body>\n"
                : ""
            let end = min(entries, next + 500)
            while next < end {
                chunk += """
                <conceptEntry id="c\(next)"><descrip type="subjectField">news</descrip>
                <langSec xml:lang="ar"><termSec><term>قطاع غزة \(next)</term><termNote type="partOfSpeech">noun</termNote><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
                <langSec xml:lang="en"><termSec><term>Gaza Strip \(next)</term><termNote type="partOfSpeech">noun</termNote></termSec></langSec>
                </conceptEntry>

                """
                next += 1
            }
            if next == entries {
                chunk += "</body></text></tbx>\n"
                finished = true
            }
            return Array(chunk.utf8)
        }
    }

    @Test func readsAGeneratedTermbaseOneEntryAtATime() throws {
        let reader = TBXReader(parser: XMLPullParser(source: GeneratedTBX(entries: 5_000)))
        var count = 0
        var last: TBXConceptEntry?
        try reader.forEach { entry in
            count += 1
            last = entry
        }
        #expect(count == 5_000)
        #expect(reader.entryCount == 5_000)
        #expect(last?.id == "c4999")
        #expect(last?.section(forLanguage: "ar")?.terms.first?.text == "قطاع غزة 4999")
    }
}
