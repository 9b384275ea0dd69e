import DragomanFormats
import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// Writes the whole TM as TMX 1.4b or TSV, unit by unit to a file handle: memory does
/// not grow with the TM (as the glossary export).
public enum TMExport {
    /// The formats the TM is written in.
    public static let formats: [TMFileFormat] = [.tmx, .tsv]

    /// Writes `tm` to `handle`; returns the number of units written.
    @discardableResult
    public static func write(_ tm: SQLiteTranslationMemory, format: TMFileFormat, toolVersion: String,
                             to handle: FileHandle) throws -> Int {
        var count = 0
        switch format {
        case .tmx:
            let writer = TMXWriter(fileHandle: handle)
            try writer.begin(header: TMXHeader(creationTool: "Dragoman", creationToolVersion: toolVersion,
                                               segType: "sentence", originalFormat: "Dragoman SQLite", adminLang: "en",
                                               sourceLang: "ar", dataType: "plaintext"))
            try tm.forEachUnit { unit in
                try writer.write(TMXMapping.tmxUnit(unit))
                count += 1
            }
            try writer.finish()
        case .tsv, .csv, .xliff:
            guard format == .tsv else { throw Failure.usage("the TM is exported as tmx or tsv") }
            var buffer = ""
            func field(_ s: String) -> String {
                s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            }
            try tm.forEachUnit { unit in
                buffer += field(unit.arabic) + "\t" + field(unit.english) + "\n"
                count += 1
                if buffer.utf8.count > 1 << 16 {
                    try handle.write(contentsOf: Data(buffer.utf8))
                    buffer = ""
                }
            }
            try handle.write(contentsOf: Data(buffer.utf8))
        }
        return count
    }
}
