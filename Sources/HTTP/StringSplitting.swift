extension Substring {
    /// Splits on an ASCII delimiter byte. Unlike `split(separator: Character)`, a delimiter that a neighbouring
    /// combining or prepended mark fuses into one grapheme cluster is still found, as a byte-level peer
    /// (browser, nginx) would find it. Pieces are cut on the unicode-scalar view, because slicing the
    /// character view would round the cut down to a grapheme boundary.
    func splitUTF8(
        on delimiter: UInt8, maxSplits: Int = .max, omittingEmptySubsequences: Bool = true
    ) -> [Substring] {
        utf8.split(separator: delimiter, maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences)
            .map { Substring(unicodeScalars[$0.startIndex..<$0.endIndex]) }
    }
}

extension String {
    /// See `Substring.splitUTF8(on:maxSplits:omittingEmptySubsequences:)`.
    func splitUTF8(
        on delimiter: UInt8, maxSplits: Int = .max, omittingEmptySubsequences: Bool = true
    ) -> [Substring] {
        Substring(self).splitUTF8(on: delimiter, maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences)
    }
}
