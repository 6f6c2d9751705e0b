/// Which pictures a label filter keeps: those with a current prediction whose label contains the text, or
/// whose label is the text; both ignore case.
/// How a picture's owner's label (``Image/userLabel``) compares with the model's current top label.
public enum AgreementFilter: String, CaseIterable, Sendable {
    /// The owner gave a label and it is the top label (ignoring case).
    case agree
    /// The owner gave a label and the top label is another one, or the picture has none.
    case disagree
    /// The owner gave no label.
    case unlabelled
}

public struct LabelFilter: Equatable, Sendable {
    public enum Match: String, CaseIterable, Sendable {
        /// Some current label contains the text (`cat` finds "tabby cat" and "Persian cat").
        case contains
        /// Some current label is the text (what the label overview's counts are counted by).
        case exact
    }

    public var text: String
    public var match: Match

    public init(_ text: String, match: Match = .contains) {
        self.text = text
        self.match = match
    }
}
