import Foundation

/// Progress of long work on stderr, for a person at a terminal only.
final class Progress {
    let label: String
    let enabled: Bool
    var last = Date.distantPast

    init(label: String, enabled: Bool = true) {
        self.label = label
        self.enabled = enabled && Terminal.stderrIsTerminal
    }

    func update(_ done: Int) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        Terminal.writeStderr("\r\(label): \(done)…")
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
