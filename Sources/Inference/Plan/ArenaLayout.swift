/// Places arena buffers at offsets so that buffers with overlapping lifetimes never share bytes.
enum ArenaLayout {
    static let alignment = 64

    /// Returns each buffer's offset and the total arena size (greedy, largest buffers first).
    static func assign(_ buffers: [BufferLifetime]) -> (offsets: [Int], size: Int) {
        var offsets = Array(repeating: 0, count: buffers.count)
        var placed: [(offset: Int, end: Int, index: Int)] = []
        var total = 0
        let order = buffers.indices.sorted { buffers[$0].byteCount > buffers[$1].byteCount }
        for index in order {
            let buffer = buffers[index]
            let size = (buffer.byteCount + alignment - 1) / alignment * alignment
            let conflicts = placed
                .filter { buffers[$0.index].first <= buffer.last && buffer.first <= buffers[$0.index].last }
                .sorted { $0.offset < $1.offset }
            var offset = 0
            for other in conflicts {
                if offset + size <= other.offset { break }
                offset = max(offset, other.end)
            }
            offsets[index] = offset
            placed.append((offset, offset + size, index))
            total = max(total, offset + size)
        }
        return (offsets, total)
    }
}
