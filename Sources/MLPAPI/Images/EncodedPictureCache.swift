import Synchronization

/// The base64 text of recently served pictures, keyed by image id and content SHA-256, bounded in bytes.
///
/// `GET /api/v1/images/:id` still reads the image's row on every call (ownership, deletion and the current
/// SHA-256 are always checked against the database); only the picture's bytes and their encoding come from
/// here when the stored SHA-256 matches. A replaced picture has a new digest, so a stale entry can never be
/// served; storing the new one replaces it. Least recently used entries go first when the byte budget is
/// exceeded.
///
/// Every GET of an image resource looks here, from all worker threads at once, so a lookup takes only a
/// shared read lock and stamps its use atomically: readers never wait for each other. (With one mutex, the
/// lookups of 16 workers on 2 cores queued behind each other: 6% of the server's CPU under GET load.)
public final class EncodedPictureCache: Sendable {
    final class Entry: Sendable {
        let sha256: String
        let text: [UInt8]
        let lastUse: Atomic<UInt64>

        init(sha256: String, text: [UInt8], lastUse: UInt64) {
            self.sha256 = sha256
            self.text = text
            self.lastUse = Atomic(lastUse)
        }
    }

    /// The byte budget for all entries together.
    public let capacityBytes: Int
    struct State {
        var entries: [Int64: Entry] = [:]
        var bytes = 0
    }

    /// Shared for lookups, exclusive for stores.
    private let state = ReadWriteLocked(State())
    private let clock = Atomic<UInt64>(0)
    private let hits = Atomic<Int>(0)
    private let misses = Atomic<Int>(0)

    /// A cache holding at most `capacityBytes` of base64 text; a single picture larger than an eighth of it is
    /// never kept (it would evict everything else).
    public init(capacityBytes: Int) {
        self.capacityBytes = max(0, capacityBytes)
    }

    /// The cached text for this picture version, if any.
    public func text(imageID: Int64, sha256: String) -> [UInt8]? {
        let now = clock.add(1, ordering: .relaxed).newValue
        let entry = state.read { $0.entries[imageID] }
        guard let entry, entry.sha256 == sha256 else {
            misses.add(1, ordering: .relaxed)
            return nil
        }
        entry.lastUse.store(now, ordering: .relaxed)
        hits.add(1, ordering: .relaxed)
        return entry.text
    }

    /// Keeps `text` for this picture version (replacing any other version of the image), evicting the least
    /// recently used entries to stay in budget.
    public func store(imageID: Int64, sha256: String, text: [UInt8]) {
        guard text.count <= capacityBytes / 8 else { return }
        let entry = Entry(sha256: sha256, text: text, lastUse: clock.add(1, ordering: .relaxed).newValue)
        let capacity = capacityBytes
        state.write { state in
            if let old = state.entries.updateValue(entry, forKey: imageID) {
                state.bytes -= old.text.count
            }
            state.bytes += text.count
            guard state.bytes > capacity else { return }
            // Evict down to 3/4 of the budget at once, oldest use first, so eviction runs rarely.
            let byAge = state.entries.map { ($0.key, $0.value.lastUse.load(ordering: .relaxed), $0.value.text.count) }.sorted { $0.1 < $1.1 }
            for (victim, _, count) in byAge {
                guard state.bytes > capacity / 4 * 3 else { break }
                state.entries[victim] = nil
                state.bytes -= count
            }
        }
    }

    /// Entries, bytes held, hits and misses since start (for the status page and tests).
    public var statistics: (entries: Int, bytes: Int, hits: Int, misses: Int) {
        let (entries, bytes) = state.read { ($0.entries.count, $0.bytes) }
        return (entries, bytes, hits.load(ordering: .relaxed), misses.load(ordering: .relaxed))
    }
}
