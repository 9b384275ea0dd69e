import DragomanStore
import DragomanText
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `dragoman backup FILE`: SQLite's online backup of the database, placed by the rule of
/// every output file (`OutputFile`): renamed over a regular file or a new one (FILE is
/// either the whole backup or left as it was), a link followed to its target, a device,
/// FIFO or socket written in place.
public enum DatabaseBackup {
    /// Writes the backup; returns its size in bytes.
    @discardableResult
    public static func write(_ database: DragomanDatabase, to path: String) throws -> Int {
        if isDatabase(database, path) {
            throw Failure.usage("\(path) is the database itself; give another path")
        }
        var bytes = 0
        try OutputFile.writeFile(to: path) { temporary in
            do {
                try database.backup(intoFile: temporary)
                bytes = ((try? FileManager.default.attributesOfItem(atPath: temporary)[.size]) as? Int) ?? 0
            } catch let error as StoreError where error.failureKind == .cannotWrite {
                // Name the file the user gave, not the temporary one.
                throw Failure.cannotWrite(error.message.replacingOccurrences(of: temporary, with: path)
                                          + "; nothing was written")
            }
        }
        return bytes
    }

    /// Whether `path` is the database file, under any name (a link, a hard link).
    static func isDatabase(_ database: DragomanDatabase, _ path: String) -> Bool {
        var target = stat(), file = stat()
        guard stat(path, &target) == 0, stat(database.path, &file) == 0 else { return false }
        return target.st_dev == file.st_dev && target.st_ino == file.st_ino
    }
}
