import MLPDomain

/// The suggestions of a label field (a `<datalist>`).
enum LabelChoices {
    /// The lists one after the other, each label once: a label the same as an earlier one
    /// (``ImageRules/sameLabel(_:_:)``, by its ``ImageRules/labelKey(_:)``) is left out.
    static func merged(_ lists: [String]...) -> [String] {
        var seen = Set<String>()
        return lists.joined().filter { seen.insert(ImageRules.labelKey($0)).inserted }
    }
}
