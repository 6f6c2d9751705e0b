extension Sequence where Element: Hashable {
    /// The elements in order, each once (a list of ids where the same one may come twice).
    public func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
