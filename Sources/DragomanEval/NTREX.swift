import Foundation
import DragomanText

/// The NTREX-128 news test set as shipped in shared/data: doc_id, arabic, english per
/// line, documents in order.
struct NTREXDocument {
    let id: String
    var arabic: [String] = []
    var english: [String] = []
}

enum NTREX {
    static func load(dataDirectory: String) throws -> [NTREXDocument] {
        let path = (dataDirectory as NSString).appendingPathComponent("ntrex-dev.tsv")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EvalError("cannot read \(path): pass the folder that holds ntrex-dev.tsv (../shared/data)")
        }
        let text = try TextDecoding.decode([UInt8](data))
        var docs: [NTREXDocument] = []
        for (n, line) in text.split(separator: "\n").enumerated() {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 3 else { throw EvalError("\(path):\(n + 1): expected 3 tab-separated columns") }
            let id = String(cols[0])
            if docs.last?.id != id { docs.append(NTREXDocument(id: id)) }
            docs[docs.count - 1].arabic.append(cols[1].trimmingCharacters(in: .whitespaces))
            docs[docs.count - 1].english.append(cols[2].trimmingCharacters(in: .whitespaces))
        }
        return docs
    }
}

struct EvalError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Precision, recall and F1 of a set of predicted items against gold ones.
struct PRF {
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0

    var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    static func + (a: PRF, b: PRF) -> PRF {
        PRF(truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
            falseNegatives: a.falseNegatives + b.falseNegatives)
    }

    var summary: String {
        String(format: "P %.4f  R %.4f  F1 %.4f  (tp %d, fp %d, fn %d)", precision, recall, f1,
               truePositives, falsePositives, falseNegatives)
    }
}
