import DragomanApp
import Foundation

/// Progress of long work on stderr, for a person at a terminal only (never in pipes or
/// with --json): one line rewritten in place with the count, the total or the share of
/// the file read, the rate and the time left.
final class Progress {
    let label: String
    let enabled: Bool
    let start = Date()
    var last = Date.distantPast

    init(label: String, enabled: Bool = true) {
        self.label = label
        self.enabled = enabled && Terminal.stderrIsTerminal
    }

    /// Items done, with nothing else known.
    func update(_ done: Int) {
        update(WorkProgress(unit: "", done: done))
    }

    func update(_ progress: WorkProgress) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        Terminal.writeStderr("\r\u{1B}[K\(label): " + Self.line(progress, elapsed: last.timeIntervalSince(start)))
    }

    /// "12,345 of 50,000 entries (25%), 35,000/s, about 2 s left", or with bytes when the
    /// total count is unknown: "12,345 units, 4.2 of 10.0 MB (42%), 35,000/s, about 2 s left".
    static func line(_ p: WorkProgress, elapsed: TimeInterval) -> String {
        var parts: [String] = []
        let unit = p.unit.isEmpty ? "" : " \(p.unit)"
        if let total = p.total {
            parts.append("\(grouped(p.done)) of \(grouped(total))\(unit)")
        } else {
            parts.append("\(grouped(p.done))\(unit)")
            if let read = p.bytesRead, let size = p.totalBytes {
                parts.append(String(format: "%.1f of %.1f MB", Double(read) / 1e6, Double(size) / 1e6))
            }
        }
        if let fraction = p.fraction {
            parts[parts.count - 1] += " (\(Int(fraction * 100))%)"
        }
        if elapsed > 0.5 {
            parts.append("\(grouped(Int(Double(p.done) / elapsed)))/s")
            if let fraction = p.fraction, fraction > 0.01, fraction < 1 {
                parts.append("about \(duration(elapsed * (1 - fraction) / fraction)) left")
            }
        }
        return parts.joined(separator: ", ")
    }

    static func grouped(_ n: Int) -> String {
        n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 60 ? "\(max(1, Int(seconds.rounded()))) s" : "\(Int(seconds / 60)) min \(Int(seconds) % 60) s"
    }

    /// Shows the step under way (for work counted in steps rather than items).
    func note(_ step: String) {
        guard enabled else { return }
        Terminal.writeStderr("\r\u{1B}[K\(label): \(step)…")
    }

    func finish() {
        if enabled { Terminal.writeStderr("\r\u{1B}[K") }
    }
}
