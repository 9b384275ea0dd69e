import Foundation

/// Learning the word alignment after units were added, when the TM's state says it is due
/// (never learnt, or the TM changed by a quarter since), without a terminal: what the CLI's
/// imports do with a progress line, for the server's imports.
public enum WorkspaceLearning {
    /// Learns when due; returns the report, or nil when it was not due.
    @discardableResult
    public static func afterAdding(_ workspace: Workspace) throws -> LearningReport? {
        guard try workspace.alignmentState().isLearningDue else { return nil }
        return try TMLearning(tm: workspace.tm, glossary: workspace.glossary).learn()
    }
}
