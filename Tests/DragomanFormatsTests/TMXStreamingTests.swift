import Foundation
import Testing
@testable import DragomanFormats

@Suite struct TMXStreamingTests {
    /// Writes a TMX of about `megabytes` MB straight to disk and returns its unit count.
    static func generate(at url: URL, megabytes: Int) throws -> Int {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        <tmx version="1.4">
          <header creationtool="gen" creationtoolversion="1" segtype="sentence" o-tmf="gen" adminlang="en" srclang="ar" datatype="plaintext"/>
          <body>

        """.utf8))
        var count = 0
        var written = 0
        var batch = ""
        while written < megabytes * 1_000_000 {
            batch += """
                <tu tuid="\(count)" creationdate="20240115T093000Z">
                  <tuv xml:lang="ar"><seg>وصلت المساعدات الإنسانية إلى <bpt i="1">&lt;b&gt;</bpt>قطاع غزة<ept i="1">&lt;/b&gt;</ept> صباح اليوم، بحسب الأمين العام رقم \(count).</seg></tuv>
                  <tuv xml:lang="en"><seg>Humanitarian aid reached the Gaza Strip this morning, according to the Secretary-General, no. \(count).</seg></tuv>
                </tu>

            """
            count += 1
            if batch.utf8.count > 1 << 20 {
                written += batch.utf8.count
                try handle.write(contentsOf: Data(batch.utf8))
                batch = ""
            }
        }
        try handle.write(contentsOf: Data((batch + "  </body>\n</tmx>\n").utf8))
        return count
    }

    @Test func streamsALargeFileWithBoundedMemory() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-large-\(UUID().uuidString).tmx")
        defer { try? FileManager.default.removeItem(at: url) }
        let expected = try Self.generate(at: url, megabytes: 20)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size > 20_000_000)

        var count = 0
        var lastArabic = ""
        let seconds = try elapsed {
            let reader = try TMXReader(url: url)
            while let unit = try reader.next() {
                count += 1
                lastArabic = unit.variants[0].segment.plainText
            }
        }
        #expect(count == expected)
        #expect(lastArabic.hasSuffix("رقم \(expected - 1)."))
        // Generous bound for a loaded machine; a debug build takes about 2 s here.
        #expect(seconds < 15, "reading \(size) bytes took \(seconds) s")
        print("TMX streaming: \(count) units, \(size) bytes in \(String(format: "%.2f", seconds)) s")
    }
}
