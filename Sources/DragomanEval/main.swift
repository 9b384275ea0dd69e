import ArgumentParser

/// Evaluations and benchmarks on real data (../shared/data); never part of `swift test`.
struct DragomanEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dragoman-eval",
        abstract: "Evaluate and benchmark Dragoman on real Arabic–English data.",
        subcommands: [FragmentEval.self, RepairEval.self, SubsegmentBench.self, TermEval.self, SegmentEval.self, TextThroughput.self, TMBench.self, ScoreCompare.self, AlignEval.self, GlossaryBench.self, PretranslateBench.self,
                      CrashTest.self, ConcurrencyTest.self, QAEval.self, ImportsBench.self]
    )
}

DragomanEval.main()
