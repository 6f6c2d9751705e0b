import Testing
@testable import Inference

@Suite struct ArenaLayoutTests {
    @Test func buffersAliveAtTheSameTimeNeverOverlapAndDeadOnesAreReused() {
        let buffers = [
            BufferLifetime(byteCount: 1000, first: 0, last: 1),
            BufferLifetime(byteCount: 1000, first: 1, last: 2),
            BufferLifetime(byteCount: 1000, first: 2, last: 3),
            BufferLifetime(byteCount: 100, first: 0, last: 3),
        ]
        let (offsets, size) = ArenaLayout.assign(buffers)
        for i in buffers.indices {
            #expect(offsets[i] % ArenaLayout.alignment == 0)
            for j in buffers.indices where j > i {
                let live = buffers[i].first <= buffers[j].last && buffers[j].first <= buffers[i].last
                let disjoint = offsets[i] + buffers[i].byteCount <= offsets[j] || offsets[j] + buffers[j].byteCount <= offsets[i]
                #expect(!live || disjoint, "buffers \(i) and \(j) overlap while both are live")
            }
        }
        // Buffer 0 is dead when buffer 2 is written: two 1000-byte slots plus the small one suffice.
        #expect(size == 2 * 1024 + 128)
    }
}
