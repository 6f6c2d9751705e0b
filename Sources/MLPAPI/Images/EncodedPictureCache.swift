import Synchronization

/// The base64 text of recently served pictures, keyed by image id and content SHA-256, bounded in bytes.
///
/// `GET /api/v1/images/:id` still reads the image's row on every call (ownership, deletion and the current
/// SHA-256 are always checked against the database); only the picture's bytes and their encoding come from
/// here when the stored SHA-256 matches. A replaced picture has a new digest, so a stale entry can never be
/// served; it ages out. Least recently used entries go first when the byte budget is exceeded.
public final class EncodedPictureCache: Sendable {
    struct Key: Hashable {
        let imageID: Int64
        let sha256: String
    }

    struct Entry {
        let text: [UInt8]
        var lastUse: UInt64
    }

    struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    /// The byte budget for all entries together.
    public let capacityBytes: Int
    private let state = Mutex(State())

    /// A cache holding at most `capacityBytes` of base64 text; a single picture larger than an eighth of it is
    /// never kept (it would evict everything else).
    public init(capacityBytes: Int) {
        self.capacityBytes = max(0, capacityBytes)
    }

    /// The cached text for this picture version, if any.
    public func text(imageID: Int64, sha256: String) -> [UInt8]? {
        state.withLock { state in
            state.clock += 1
            let key = Key(imageID: imageID, sha256: sha256)
            guard var entry = state.entries[key] else {
                state.misses += 1
                return nil
            }
            entry.lastUse = state.clock
            state.entries[key] = entry
            state.hits += 1
            return entry.text
        }
    }

    /// Keeps `text` for this picture version, evicting the least recently used entries to stay in budget.
    public func store(imageID: Int64, sha256: String, text: [UInt8]) {
        guard text.count <= capacityBytes / 8 else { return }
        let capacity = capacityBytes
        state.withLock { state in
            state.clock += 1
            let key = Key(imageID: imageID, sha256: sha256)
            if let old = state.entries.updateValue(Entry(text: text, lastUse: state.clock), forKey: key) {
                state.bytes -= old.text.count
            }
            state.bytes += text.count
            guard state.bytes > capacity else { return }
            // Evict down to 3/4 of the budget at once, oldest use first, so eviction runs rarely.
            for (victim, entry) in state.entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
                guard state.bytes > capacity / 4 * 3 else { break }
                state.entries[victim] = nil
                state.bytes -= entry.text.count
            }
        }
    }

    /// Entries, bytes held, hits and misses since start (for the status page and tests).
    public var statistics: (entries: Int, bytes: Int, hits: Int, misses: Int) {
        state.withLock { ($0.entries.count, $0.bytes, $0.hits, $0.misses) }
    }
}
