import DragomanText
import Foundation

extension CrashReport {
    /// Kills of `tm learn`: the model and the links after each.
    struct LearnKills: Codable {
        var units = 0
        var unitsLearntBefore = 0
        var uninterruptedMs = 0
        var kills = 0
        var killedWhileRunning = 0
        /// previous: the model and links as before the run; new: the learning's whole
        /// result; invalid: anything else (a model of one learning with links of another).
        var outcomes: [String: Int] = ["previous": 0, "new": 0, "invalid": 0]
        var integrityOK = 0
        var rerunsComplete = 0
    }
}

extension CrashRun {
    /// What the word alignment looks like in a database: the learning's size, link rows,
    /// lexicon rows.
    struct AlignmentSnapshot: Equatable {
        var learntUnits: Int
        var links: Int
        var lexicon: Int
        var words: Int
        var linkBytes: Int
    }

    func alignmentSnapshot(_ probe: DatabaseProbe) throws -> AlignmentSnapshot {
        AlignmentSnapshot(learntUnits: try probe.count("SELECT coalesce(max(units), 0) FROM wa_model"),
                          links: try probe.count("SELECT count(*) FROM tm_link"),
                          lexicon: try probe.count("SELECT count(*) FROM wa_lexicon"),
                          words: try probe.count("SELECT count(*) FROM wa_word"),
                          linkBytes: try probe.count("SELECT coalesce(sum(length(links)), 0) FROM tm_link"))
    }

    /// Kills `tm learn` over a TM whose model was learnt on its first units only (the file
    /// imported with --no-learn): after each kill the database must pass the integrity
    /// check and hold either the previous model with the previous links or the new model
    /// with links for every unit; a re-run must complete.
    func learnKills(kills: Int) throws -> CrashReport.LearnKills {
        let base = work.file("learn-template.sqlite")
        try work.copyDatabase(template, to: base)
        try mustSucceed(["tm", "import", work.file("tm.tsv"), "--no-learn", "--db", base])
        let trial = work.file("learn-trial.sqlite")
        let previous = try alignmentSnapshot(DatabaseProbe(path: base))
        var times: [Double] = []
        var learnt = previous
        for _ in 0..<3 {
            try work.copyDatabase(base, to: trial)
            times.append(try mustSucceed(["tm", "learn", "--db", trial]).seconds)
            learnt = try alignmentSnapshot(DatabaseProbe(path: trial))
        }
        let full = times.sorted()[1]
        let units = try DatabaseProbe(path: base).count("SELECT count(*) FROM tu")
        if learnt.learntUnits != units || learnt.links != units {
            fail("tm learn: uninterrupted: learnt \(learnt.learntUnits) units, \(learnt.links) link rows, for \(units) units")
        }
        var figures = CrashReport.LearnKills(units: units, unitsLearntBefore: previous.learntUnits, uninterruptedMs: Figures.ms(full))
        note("tm learn: \(units) units (model of \(previous.learntUnits)), uninterrupted \(Figures.ms(full)) ms; \(kills) kills")
        for k in 0..<kills {
            try work.copyDatabase(base, to: trial)
            let delay = rng.uniform(0...(full * 1.15))
            let result = try child.run(["tm", "learn", "--db", trial], killAfter: delay)
            figures.kills += 1
            if result.killed { figures.killedWhileRunning += 1 }
            else if result.exitCode != 0 { fail("tm learn #\(k): exited \(result.exitCode) without a kill: \(result.stderr.prefix(300))") }
            let probe = try DatabaseProbe(path: trial)
            let integrity = try probe.integrity()
            if integrity == "ok" { figures.integrityOK += 1 } else { fail("tm learn #\(k): integrity_check: \(integrity.prefix(300))") }
            let now = try alignmentSnapshot(probe)
            if now == previous {
                figures.outcomes["previous", default: 0] += 1
            } else if now.learntUnits == units && now.links == units && now.lexicon > 0 && now.words > 0 {
                figures.outcomes["new", default: 0] += 1
            } else {
                figures.outcomes["invalid", default: 0] += 1
                fail("tm learn #\(k) killed at \(Figures.ms(delay)) ms: model of \(now.learntUnits) units with \(now.links) link rows (before: \(previous.learntUnits), \(previous.links))")
            }
            let rerun = try child.run(["tm", "learn", "--db", trial])
            let after = try alignmentSnapshot(DatabaseProbe(path: trial))
            if rerun.exitCode == 0 && after.learntUnits == units && after.links == units { figures.rerunsComplete += 1 }
            else { fail("tm learn #\(k): the re-run left \(after.learntUnits) units learnt, \(after.links) link rows (\(rerun.exitCode))") }
            if (k + 1) % 10 == 0 { note("  tm learn: \(k + 1)/\(kills) kills, \(report.failures.count) failures") }
        }
        work.removeDatabase(trial)
        work.removeDatabase(base)
        return figures
    }
}
