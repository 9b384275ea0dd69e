import Foundation
import Testing
@testable import DragomanXML

/// Fixtures copied into the test bundle.
enum Fixture {
    static func url(_ name: String) throws -> URL {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        return try #require(Bundle.module.url(forResource: parts[0], withExtension: parts.count > 1 ? parts[1] : nil,
                                              subdirectory: "Fixtures"),
                            "missing fixture \(name)")
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(name)))
    }

    static func string(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }
}

/// Every event of a document, optionally forcing tiny chunks to exercise refills.
func events(_ xml: String, chunkSize: Int = .max, limits: XMLPullParser.Limits = .default,
            comments: Bool = false, processingInstructions: Bool = false) throws -> [XMLEvent] {
    try events(Array(xml.utf8), chunkSize: chunkSize, limits: limits,
               comments: comments, processingInstructions: processingInstructions)
}

func events(_ bytes: [UInt8], chunkSize: Int = .max, limits: XMLPullParser.Limits = .default,
            comments: Bool = false, processingInstructions: Bool = false) throws -> [XMLEvent] {
    var parser = XMLPullParser(source: MemoryByteSource(bytes, chunkSize: chunkSize), limits: limits,
                               reportsComments: comments, reportsProcessingInstructions: processingInstructions)
    var result: [XMLEvent] = []
    while let event = try parser.next() { result.append(event) }
    return result
}

/// The error a document produces, or nil if it parses.
func xmlError(_ xml: String, chunkSize: Int = .max, limits: XMLPullParser.Limits = .default) -> XMLError? {
    xmlError(Array(xml.utf8), chunkSize: chunkSize, limits: limits)
}

func xmlError(_ bytes: [UInt8], chunkSize: Int = .max, limits: XMLPullParser.Limits = .default) -> XMLError? {
    do {
        _ = try events(bytes, chunkSize: chunkSize, limits: limits)
        return nil
    } catch let error as XMLError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

/// Text events joined, for short assertions.
func texts(_ events: [XMLEvent]) -> [String] {
    events.compactMap { if case .text(let t) = $0 { t } else { nil } }
}

func startNames(_ events: [XMLEvent]) -> [String] {
    events.compactMap { if case .startElement(let e) = $0 { e.name } else { nil } }
}

func elapsed(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
