import DragomanText

/// The match key, re-exported for this module's callers.
public enum DragomanTextKey {
    public static func make(_ text: String) -> String { MatchKey.make(text) }
}
